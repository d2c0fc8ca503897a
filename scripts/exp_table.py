#!/usr/bin/env python3
"""Write crates/actmath/src/scalar/exp_table.rs, the table of 2^(j/128) that the crate's exp uses.

For j = 0..127, 2^(j/128) = HI·(1 + tail), HI = 2^(j/128) rounded to the nearest f64 (in [1, 2))
and tail its relative rounding error (|tail| < 2^-53). One u64 holds both, so that a vectorised
exp needs one table load per element:

  bits 0..51   the 52 fraction bits of HI (its exponent is always that of 1.0);
  bits 52..63  q + 2048, where q = round(tail·2^64) (|q| < 2048; the rounding costs below 2^-65).

Computed with mpmath at 60 digits. Run from the repository root (needs mpmath, see
scripts/requirements.txt):

    python scripts/exp_table.py
"""

from __future__ import annotations

import math
import struct
from pathlib import Path

from mpmath import mp, mpf

mp.dps = 60
N = 128
OUT = Path(__file__).resolve().parent.parent / "crates" / "actmath" / "src" / "scalar" / "exp_table.rs"
FRACTION = (1 << 52) - 1


def entry(j: int) -> int:
    v = mpf(2) ** (mpf(j) / N)
    hi = float(v)  # nearest f64
    assert abs(v - mpf(hi)) <= mpf(math.ulp(hi)) / 2 and 1.0 <= hi < 2.0
    q = int(mp.nint((v - mpf(hi)) / mpf(hi) * mpf(2) ** 64))
    assert -2048 < q < 2048
    return ((q + 2048) << 52) | (struct.unpack("<Q", struct.pack("<d", hi))[0] & FRACTION)


def main() -> None:
    lines = [
        "//! 2^(j/128) for j = 0..127, packed as (q + 2048) << 52 | fraction bits of HI, where",
        "//! 2^(j/128) = HI·(1 + q·2⁻⁶⁴) and HI is 2^(j/128) rounded to f64.",
        "//!",
        "//! Written by scripts/exp_table.py (mpmath, 60 digits); do not edit by hand.",
        "",
        "/// The packed table (see the module doc).",
        f"pub(super) const TABLE: [u64; {N}] = [",
        *[f"    0x{entry(j):016x}," for j in range(N)],
        "];",
        "",
    ]
    OUT.write_text("\n".join(lines))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
