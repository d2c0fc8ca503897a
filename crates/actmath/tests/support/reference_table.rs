// Reading the 50-digit reference tables (tests/data/<name>.txt, written by
// scripts/reference_tables.py) and measuring in their ulps. Shared by tests/reference.rs and the
// unit tests of the crate's own exp (src/scalar/exp.rs): reference.rs declares it as a module by
// path, exp.rs includes it (`include!`, so plain comments here, not inner doc comments).

use std::path::PathBuf;

/// One line of a table: x, the correctly rounded reference f(x), and (true − reference)/ulp.
pub struct Point {
    pub x: f64,
    pub reference: f64,
    pub frac: f64,
}

/// The points of tests/data/`name`.txt (more than 1000 of them).
pub fn load(name: &str) -> Vec<Point> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/data/{name}.txt"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let points: Vec<Point> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<f64> = l
                .split_whitespace()
                .map(|c| {
                    c.parse()
                        .unwrap_or_else(|_| panic!("bad number {c:?} in {name}"))
                })
                .collect();
            assert_eq!(cols.len(), 3, "bad line in {name}: {l}");
            Point {
                x: cols[0],
                reference: cols[1],
                frac: cols[2],
            }
        })
        .collect();
    assert!(points.len() > 1000, "{name}: only {} points", points.len());
    points
}

/// The spacing of f64 numbers at |r|: 2^(e − 52) for |r| in [2^e, 2^(e+1)), 2⁻¹⁰⁷⁴ for zero and
/// subnormals (Python's `math.ulp`, which the tables use).
pub fn ulp(r: f64) -> f64 {
    let biased_exponent = r.abs().to_bits() >> 52;
    match biased_exponent {
        0 => f64::from_bits(1),
        1..=52 => f64::from_bits(1 << (biased_exponent - 1)),
        _ => f64::from_bits((biased_exponent - 52) << 52),
    }
}
