#!/usr/bin/env python3
"""Regenerate the reference tables in crates/actmath/tests/data/.

Every scalar activation of `actmath::scalar` (and every derivative), and the crate's own exp that
they are built on, is evaluated with mpmath at 50 significant digits at one shared set of f64
inputs that covers the whole f64 range: zero, subnormals, +-1e-300, a log grid up to +-1e300 and
the largest finite value, +-40 densely, the underflow/overflow region +-700...+-1000, and the f64 numbers next to the interior zeros of
the derivatives silu_grad, gelu_grad, gelu_tanh_grad and mish_grad. The formulas below are written so that mpmath itself never cancels
(for example 1 - sigma(x) is written sigma(-x)), so 50 digits are 50 good digits.

One file per function, `<name>.txt`, one input per line:

    x  reference  frac

  x          the f64 input, as Python's repr (it round-trips exactly);
  reference  the true value rounded to the nearest f64 (subnormals included), as repr;
  frac       (true value - reference) / ulp(reference), in [-0.5, 0.5], where ulp(r) is the
             spacing of f64 numbers at |r| (2^-1074 for zero and subnormals).

So the error of a computed value y, in ulps of the reference, is (y - reference)/ulp - frac.
Inputs whose true result overflows f64 are left out. Lines starting with '#' are comments.

Run from the repository root (needs mpmath, see scripts/requirements.txt):

    python scripts/reference_tables.py

The tables are committed test data; crates/actmath/tests/reference.rs reads them.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from mpmath import mp, mpf

mp.dps = 50

OUT = Path(__file__).resolve().parent.parent / "crates" / "actmath" / "tests" / "data"

# Parameters the tables use for the parameterised functions.
LEAKY_ALPHA = 0.01
ELU_ALPHA = 1.0
# SELU constants as published (Klambauer et al. 2017), to 32 digits.
SELU_ALPHA = mpf("1.6732632423543772848170429916717")
SELU_LAMBDA = mpf("1.0507009873554804934193349852946")
GELU_TANH_C = mpf("0.044715")


# ---------------------------------------------------------------- reference formulas (mpmath)
def sig(x):
    return 1 / (1 + mp.exp(-x))


def sigmoid(x):
    return sig(x)


def sigmoid_grad(x):
    e = mp.exp(-x)
    return e / (1 + e) ** 2


def tanh(x):
    return mp.tanh(x)


def tanh_grad(x):
    return mp.sech(x) ** 2


def relu(x):
    return x if x > 0 else mpf(0)


def relu_grad(x):
    return mpf(1) if x > 0 else mpf(0)


def leaky_relu(x):
    return x if x > 0 else LEAKY_ALPHA * x


def leaky_relu_grad(x):
    return mpf(1) if x > 0 else mpf(LEAKY_ALPHA)


def elu(x):
    return x if x > 0 else ELU_ALPHA * mp.expm1(x)


def elu_grad(x):
    return mpf(1) if x > 0 else ELU_ALPHA * mp.exp(x)


def selu(x):
    return SELU_LAMBDA * (x if x > 0 else SELU_ALPHA * mp.expm1(x))


def selu_grad(x):
    return SELU_LAMBDA * (1 if x > 0 else SELU_ALPHA * mp.exp(x))


def softplus(x):
    return mp.log1p(mp.exp(x))


def softplus_grad(x):
    return sig(x)


def log_sigmoid(x):
    return -mp.log1p(mp.exp(-x))


def erfc(z):
    """mpmath's erfc; beyond |z| = 1e6 (where mpmath's own series check overflows) the
    asymptotic series erfc(z) = exp(-z^2)/(z sqrt(pi)) sum_k (-1)^k (2k-1)!!/(2z^2)^k,
    whose terms shrink by 1e-12 each there, so 10 terms give far more than 50 digits."""
    if abs(z) < 1e6:
        return mp.erfc(z)
    if z < 0:
        return 2 - erfc(-z)
    s, term = mpf(0), mpf(1)
    for k in range(10):
        s += term
        term *= -(2 * k + 1) / (2 * z * z)
    return mp.exp(-z * z) / (z * mp.sqrt(mp.pi)) * s


def gelu(x):
    return x / 2 * erfc(-x / mp.sqrt(2))


def gelu_grad(x):
    return erfc(-x / mp.sqrt(2)) / 2 + x * mp.exp(-x * x / 2) / mp.sqrt(2 * mp.pi)


def _gelu_tanh_z(x):
    return 2 * mp.sqrt(2 / mp.pi) * (x + GELU_TANH_C * x**3)


def gelu_tanh(x):
    # 0.5 x (1 + tanh(sqrt(2/pi)(x + 0.044715 x^3))) == x sigma(2 sqrt(2/pi)(...)), no cancellation
    return x * sig(_gelu_tanh_z(x))


def gelu_tanh_grad(x):
    z = _gelu_tanh_z(x)
    dz = 2 * mp.sqrt(2 / mp.pi) * (1 + 3 * GELU_TANH_C * x**2)
    return sig(z) + x * sig(z) * sig(-z) * dz


def silu(x):
    return x * sig(x)


def silu_grad(x):
    return sig(x) * (1 + x * sig(-x))


def mish(x):
    return x * mp.tanh(mp.log1p(mp.exp(x)))


def mish_grad(x):
    sp = mp.log1p(mp.exp(x))
    return mp.tanh(sp) + x * mp.sech(sp) ** 2 * sig(x)


def hard_sigmoid(x):
    return min(max(x + 3, mpf(0)), mpf(6)) / 6


def hard_swish(x):
    return x * hard_sigmoid(x)


FUNCTIONS = {
    "sigmoid": (sigmoid, "1 / (1 + exp(-x))"),
    "sigmoid_grad": (sigmoid_grad, "exp(-x) / (1 + exp(-x))^2"),
    "tanh": (tanh, "tanh(x)"),
    "tanh_grad": (tanh_grad, "sech(x)^2"),
    "relu": (relu, "max(x, 0)"),
    "relu_grad": (relu_grad, "1 if x > 0 else 0"),
    "leaky_relu": (leaky_relu, f"x if x > 0 else {LEAKY_ALPHA} x"),
    "leaky_relu_grad": (leaky_relu_grad, f"1 if x > 0 else {LEAKY_ALPHA}"),
    "elu": (elu, f"x if x > 0 else {ELU_ALPHA} expm1(x)"),
    "elu_grad": (elu_grad, f"1 if x > 0 else {ELU_ALPHA} exp(x)"),
    "selu": (selu, "lambda (x if x > 0 else alpha expm1(x))"),
    "selu_grad": (selu_grad, "lambda (1 if x > 0 else alpha exp(x))"),
    "softplus": (softplus, "log(1 + exp(x))"),
    "softplus_grad": (softplus_grad, "1 / (1 + exp(-x))"),
    "log_sigmoid": (log_sigmoid, "-log(1 + exp(-x))"),
    "gelu": (gelu, "x/2 erfc(-x/sqrt(2))"),
    "gelu_grad": (gelu_grad, "erfc(-x/sqrt(2))/2 + x exp(-x^2/2)/sqrt(2 pi)"),
    "gelu_tanh": (gelu_tanh, "x sigma(2 sqrt(2/pi) (x + 0.044715 x^3))"),
    "gelu_tanh_grad": (gelu_tanh_grad, "d/dx of gelu_tanh"),
    "silu": (silu, "x sigma(x)"),
    "silu_grad": (silu_grad, "sigma(x) (1 + x sigma(-x))"),
    "mish": (mish, "x tanh(log(1 + exp(x)))"),
    "mish_grad": (mish_grad, "tanh(sp) + x sech(sp)^2 sigma(x), sp = log(1 + exp(x))"),
    "hard_sigmoid": (hard_sigmoid, "min(max(x + 3, 0), 6) / 6"),
    "hard_swish": (hard_swish, "x min(max(x + 3, 0), 6) / 6"),
    # the crate's own exp, which the formulas above are built on
    "exp": (mp.exp, "exp(x)"),
}


# ---------------------------------------------------------------- the inputs
def f64_neighbours(x: float, k: int) -> list[float]:
    """x and the k f64 numbers on each side of it."""
    out = [x]
    lo = hi = x
    for _ in range(k):
        lo, hi = math.nextafter(lo, -math.inf), math.nextafter(hi, math.inf)
        out += [lo, hi]
    return out


def interior_zero(f, guess) -> float:
    with mp.workdps(60):
        return float(mp.findroot(f, mpf(guess)))


def inputs() -> list[float]:
    pos: set[float] = set()
    # subnormals, the smallest normal, tiny numbers
    pos.update([5e-324, 1e-323, 1e-320, 1e-315, 1e-310, 2.2250738585072014e-308, 2.3e-308])
    pos.update(10.0**k for k in range(-300, 301, 10))  # log grid over the whole range
    pos.update(10.0 ** (k / 4) for k in range(-80, 9))  # 1e-20 ... 100, four per decade
    pos.update([1.0, 2.0, 0.5, 3.0, 6.0, 1.7976931348623157e308, 1e308])
    # +-40 densely, at a non-dyadic step so the points are not all short binary fractions
    step = 40.0 / 421.0
    pos.update(k * step for k in range(1, 422))
    # 40 ... 700 on a log grid
    pos.update(40.0 * (700.0 / 40.0) ** (k / 40) for k in range(41))
    # 700 ... 1000, and the places where exp and its relatives underflow or overflow
    pos.update(700.0 + k * (300.0 / 97.0) for k in range(98))
    pos.update([354.0, 354.9, 704.0, 707.0, 708.0, 708.39, 708.4, 709.0, 709.78, 709.79])
    pos.update([710.0, 711.0, 713.0, 715.0, 717.0, 720.0, 730.0, 740.0, 744.4, 744.5, 745.1, 745.2])
    xs = {0.0}
    for p in pos:
        xs.add(p)
        xs.add(-p)
    # the GELU tail, where x Phi(x) becomes subnormal: -40 ... -20 more densely
    xs.update(-20.0 - k * (20.0 / 311.0) for k in range(312))
    # next to the interior zeros of silu_grad (x ~ -1.278), gelu_grad (x ~ -0.752),
    # gelu_tanh_grad (x ~ -0.752) and mish_grad (x ~ -1.192)
    zeros = ((silu_grad, -1.28), (gelu_grad, -0.75), (gelu_tanh_grad, -0.75), (mish_grad, -1.19))
    for f, guess in zeros:
        x0 = interior_zero(f, guess)
        xs.update(f64_neighbours(x0, 8))
        xs.update(x0 + s * 10.0**-j for j in range(1, 16) for s in (-1, 1))
    return sorted(xs)


# ---------------------------------------------------------------- rounding to f64
TWO = mpf(2)
MIN_NORMAL = TWO**-1022
MIN_SUB = TWO**-1074
MAX = float.fromhex("0x1.fffffffffffffp+1023")


def round_f64(v) -> float:
    """The f64 nearest to the mpf v (ties to even), subnormals included; inf if v overflows."""
    if v == 0:
        return 0.0
    if abs(v) < MIN_NORMAL:
        n = mp.nint(v / MIN_SUB)  # nint rounds ties to even
        return float(n) * 5e-324
    with mp.workprec(53):
        r = +v  # rounds to 53 bits, nearest-even
    if abs(r) > MAX:
        return math.inf
    return float(r)


def ulp(r: float) -> float:
    r = abs(r)
    if r < 2.2250738585072014e-308:
        return 5e-324
    return math.ulp(r)


def main() -> int:
    xs = inputs()
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (f, formula) in FUNCTIONS.items():
        lines = [
            f"# {name}(x) = {formula}",
            "# reference: mpmath at 50 digits, regenerated by scripts/reference_tables.py",
            "# columns: x  reference(nearest f64)  (true - reference)/ulp(reference)",
        ]
        for x in xs:
            v = f(mpf(x))
            r = round_f64(v)
            if math.isinf(r):
                continue
            frac = (v - mpf(r)) / mpf(ulp(r))
            lines.append(f"{x!r} {r!r} {float(frac):.4f}")
        (OUT / f"{name}.txt").write_text("\n".join(lines) + "\n")
        print(f"{name}: {len(lines) - 3} points")
    return 0


if __name__ == "__main__":
    sys.exit(main())
