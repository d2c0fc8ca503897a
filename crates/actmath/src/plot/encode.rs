//! A small PNG encoder tuned for plots, fast even without compiler optimisation (notebook
//! kernels may build this crate at opt-level 0): 8-bit RGB, filter "None", one DEFLATE block
//! with the fixed Huffman code, where every run of pixels equal to the pixel on the left or to
//! the pixel above becomes a back-reference. Plots are mostly flat colour, so this compresses
//! well; anti-aliased edges and text are stored as literals.

/// Lengths (3..=258) are coded as symbol 257.. with extra bits: (base, extra bits) per symbol.
const LEN_BASE: [(u16, u8); 29] = [
    (3, 0),
    (4, 0),
    (5, 0),
    (6, 0),
    (7, 0),
    (8, 0),
    (9, 0),
    (10, 0),
    (11, 1),
    (13, 1),
    (15, 1),
    (17, 1),
    (19, 2),
    (23, 2),
    (27, 2),
    (31, 2),
    (35, 3),
    (43, 3),
    (51, 3),
    (59, 3),
    (67, 4),
    (83, 4),
    (99, 4),
    (115, 4),
    (131, 5),
    (163, 5),
    (195, 5),
    (227, 5),
    (258, 0),
];

/// Distances (1..=32768) as symbol 0..29 with extra bits.
const DIST_BASE: [(u16, u8); 30] = [
    (1, 0),
    (2, 0),
    (3, 0),
    (4, 0),
    (5, 1),
    (7, 1),
    (9, 2),
    (13, 2),
    (17, 3),
    (25, 3),
    (33, 4),
    (49, 4),
    (65, 5),
    (97, 5),
    (129, 6),
    (193, 6),
    (257, 7),
    (385, 7),
    (513, 8),
    (769, 8),
    (1025, 9),
    (1537, 9),
    (2049, 10),
    (3073, 10),
    (4097, 11),
    (6145, 11),
    (8193, 12),
    (12289, 12),
    (16385, 13),
    (24577, 13),
];

/// Longest match emitted at once: a multiple of 3 (one RGB pixel) not above DEFLATE's 258.
const MAX_MATCH: usize = 255;

/// Writes bits least significant first, as DEFLATE wants.
struct Bits {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl Bits {
    fn put(&mut self, value: u32, bits: u32) {
        self.acc |= (value as u64) << self.n;
        self.n += bits;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

/// `code` of `len` bits, reversed (Huffman codes are sent most significant bit first).
fn rev(code: u32, len: u32) -> u32 {
    code.reverse_bits() >> (32 - len)
}

/// Fixed-Huffman code of a literal/length symbol, ready for [`Bits::put`].
fn lit_code(sym: u32) -> (u32, u32) {
    match sym {
        0..=143 => (rev(0x30 + sym, 8), 8),
        144..=255 => (rev(0x190 + sym - 144, 9), 9),
        256..=279 => (rev(sym - 256, 7), 7),
        _ => (rev(0xC0 + sym - 280, 8), 8),
    }
}

/// Complete code (symbol + extra bits) of a match of `len` bytes at distance `dist`.
fn match_code(len: usize, dist: usize) -> (u32, u32) {
    let li = LEN_BASE
        .iter()
        .rposition(|&(b, _)| b as usize <= len)
        .unwrap_or(0);
    let (lb, le) = LEN_BASE[li];
    let (lc, ll) = lit_code(257 + li as u32);
    let di = DIST_BASE
        .iter()
        .rposition(|&(b, _)| b as usize <= dist)
        .unwrap_or(0);
    let (db, de) = DIST_BASE[di];
    let mut v = lc as u64;
    let mut n = ll;
    v |= ((len - lb as usize) as u64) << n;
    n += le as u32;
    v |= (rev(di as u32, 5) as u64) << n;
    n += 5;
    v |= ((dist - db as usize) as u64) << n;
    n += de as u32;
    (v as u32, n)
}

/// Adler-32 of `data`, continuing from `(a, b)`.
#[cfg(test)]
fn adler(mut a: u32, mut b: u32, data: &[u8]) -> (u32, u32) {
    for &x in data {
        a = (a + x as u32) % ADLER_MOD;
        b = (b + a) % ADLER_MOD;
    }
    (a, b)
}

const ADLER_MOD: u32 = 65521;

/// Adler-32 sums `(Σ s, Σ (m−i+1)·s_i)` of one PNG row (filter byte 0, then the RGB bytes of
/// `row` XOR `flip`), started from zero; [`adler_append`] chains rows. Index loops rather than
/// iterators, because this touches every byte and must stay quick in unoptimised builds.
fn row_sums(row: &[u32], flip: u32) -> (u32, u32) {
    let (mut a, mut b) = (0u32, 0u32);
    let mut i = 0;
    while i < row.len() {
        // 1800 pixels = 5400 bytes keep the sums below 2^32 between reductions.
        let end = (i + 1800).min(row.len());
        while i < end {
            let p = row[i] ^ flip;
            a += p >> 16;
            b += a;
            a += (p >> 8) & 0xFF;
            b += a;
            a += p & 0xFF;
            b += a;
            i += 1;
        }
        a %= ADLER_MOD;
        b %= ADLER_MOD;
    }
    (a, b)
}

/// Adler state `(a, b)` after appending `m` bytes whose own sums are `(ra, rb)`.
fn adler_append((a, b): (u32, u32), m: usize, (ra, rb): (u32, u32)) -> (u32, u32) {
    let m = (m as u64 % ADLER_MOD as u64) * a as u64;
    (
        (a + ra) % ADLER_MOD,
        ((b as u64 + m + rb as u64) % ADLER_MOD as u64) as u32,
    )
}

/// How many leading elements of `a` and `b` are equal (compares blocks with `==`, which is a
/// `memcmp`, before single elements).
fn common_prefix(a: &[u32], b: &[u32]) -> usize {
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + 32 <= n && a[i..i + 32] == b[i..i + 32] {
        i += 32;
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}

/// CRC-32 (PNG's) of `data`.
fn crc32(data: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, t) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 == 1 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *t = c;
    }
    let mut c = 0xFFFF_FFFFu32;
    for &x in data {
        c = table[((c ^ x as u32) & 0xFF) as usize] ^ (c >> 8);
    }
    c ^ 0xFFFF_FFFF
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// Encodes `pixels` as a PNG file: one `0xRRGGBB ^ flip` per pixel, row by row (the canvas
/// stores colours XOR white so that a new white canvas is all zero bytes).
pub(crate) fn png(width: usize, height: usize, pixels: &[u32], flip: u32) -> Vec<u8> {
    assert_eq!(pixels.len(), width * height, "pixel buffer size");
    let stride = 3 * width + 1;
    let mut bits = Bits {
        out: Vec::with_capacity(pixels.len() / 4),
        acc: 0,
        n: 0,
    };
    bits.put(1, 1); // last block
    bits.put(1, 2); // fixed Huffman codes
    let lits: Vec<(u32, u32)> = (0..256).map(lit_code).collect();
    let left = match_code(MAX_MATCH, 3);
    let up = match_code(MAX_MATCH, stride);
    let emit_match = |bits: &mut Bits, mut n: usize, dist: usize| {
        while n > 0 {
            let l = n.min(MAX_MATCH);
            let (v, k) = if l == MAX_MATCH {
                if dist == 3 { left } else { up }
            } else {
                match_code(l, dist)
            };
            bits.put(v, k);
            n -= l;
        }
    };
    let mut sums = (1u32, 0u32);
    let mut row_sum = (0u32, 0u32);
    for y in 0..height {
        let row = &pixels[y * width..(y + 1) * width];
        bits.put(lits[0].0, lits[0].1);
        let above = if y > 0 {
            Some(&pixels[(y - 1) * width..y * width])
        } else {
            None
        };
        if above == Some(row) {
            // Same bytes as the row above: same sums, and one long back-reference.
            sums = adler_append(sums, stride, row_sum);
            emit_match(&mut bits, 3 * width, stride);
            continue;
        }
        row_sum = row_sums(row, flip);
        sums = adler_append(sums, stride, row_sum);
        let mut x = 0;
        while x < width {
            // Pixels equal to their left neighbour, from x on, equal the pixel left of x.
            let run_left = if x > 0 {
                common_prefix(&row[x..], &row[x - 1..])
            } else {
                0
            };
            let run_up = match above {
                Some(ab) => common_prefix(&row[x..], &ab[x..]),
                None => 0,
            };
            if run_left == 0 && run_up == 0 {
                let p = row[x] ^ flip;
                for byte in [p >> 16, (p >> 8) & 0xFF, p & 0xFF] {
                    let (v, k) = lits[byte as usize];
                    bits.put(v, k);
                }
                x += 1;
            } else if run_left >= run_up {
                emit_match(&mut bits, 3 * run_left, 3);
                x += run_left;
            } else {
                emit_match(&mut bits, 3 * run_up, stride);
                x += run_up;
            }
        }
    }
    let (a, b) = sums;
    let (v, k) = lit_code(256);
    bits.put(v, k);
    let mut z = vec![0x78, 0x01];
    z.extend_from_slice(&bits.finish());
    z.extend_from_slice(&((b << 16) | a).to_be_bytes());

    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&(width as u32).to_be_bytes());
    ihdr.extend_from_slice(&(height as u32).to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit, RGB, deflate, no filter method, no interlace
    chunk(&mut out, b"IHDR", &ihdr);
    // 120 dpi = 4724 pixels per metre, so viewers know the intended print size.
    let mut phys = Vec::with_capacity(9);
    phys.extend_from_slice(&4724u32.to_be_bytes());
    phys.extend_from_slice(&4724u32.to_be_bytes());
    phys.push(1);
    chunk(&mut out, b"pHYs", &phys);
    chunk(&mut out, b"IDAT", &z);
    chunk(&mut out, b"IEND", &[]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums_match_known_values() {
        // Standard check values of CRC-32 and Adler-32 for "123456789".
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        let (a, b) = adler(1, 0, b"123456789");
        assert_eq!((b << 16) | a, 0x091E_01DE);
        // Row sums chained with adler_append equal the byte-by-byte checksum.
        let row = [0x31_3233u32, 0x34_3536, 0x37_3839];
        let bytes = [0u8, b'1', b'2', b'3', b'4', b'5', b'6', b'7', b'8', b'9'];
        let once = adler_append((1, 0), 10, row_sums(&row, 0));
        let twice = adler_append(once, 10, row_sums(&row, 0));
        let (a1, b1) = adler(1, 0, &bytes);
        let (a2, b2) = adler(a1, b1, &bytes);
        assert_eq!(once, (a1, b1));
        assert_eq!(twice, (a2, b2));
        assert_eq!(
            row_sums(&[0x31_3233 ^ 0xFF_FFFF], 0xFF_FFFF),
            row_sums(&[0x31_3233], 0)
        );
    }

    #[test]
    fn codes_have_the_fixed_huffman_lengths() {
        assert_eq!(lit_code(0).1, 8);
        assert_eq!(lit_code(200).1, 9);
        assert_eq!(lit_code(256), (0, 7));
        // Length 3 is symbol 257 = 7-bit code 0000001 (reversed: 1000000), no extra bits;
        // distance 1 is code 00000.
        assert_eq!(match_code(3, 1), (rev(1, 7), 7 + 5));
    }
}
