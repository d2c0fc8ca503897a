//! Scalar activation functions and their derivatives, `f64 -> f64`: the single source of truth.
//!
//! Every other part of the crate (the array versions, the gates, the plots) calls these. They are
//! accurate over the whole `f64` range, not only near zero: against a 50-digit reference
//! (`scripts/reference_tables.py`, asserted by `tests/reference.rs`) `sigmoid`, `sigmoid_grad`,
//! `tanh`, `tanh_grad`, `softplus`, `log_sigmoid`, `silu`, `silu_grad`, `elu`, `selu` and `mish`
//! are within 4 ulp, `gelu` and `gelu_grad` within 16 ulp, `gelu_tanh` within a relative 1e-12 (where the true
//! result is subnormal, an absolute error up to 2⁻¹⁰²² counts as exact; next to the interior zero of
//! `silu_grad` / `gelu_grad`, an absolute error up to 4·2⁻⁵² / 16·2⁻⁵²).
//!
//! The stability trick, in one sentence: never form `1 + e^x` or `e^x` for a large positive `x` —
//! every formula is written with `e = e^(−|x|) ≤ 1`, picks the algebraically equal form for the
//! sign of `x`, and avoids subtracting nearly equal numbers (`σ(−x)` instead of `1 − σ(x)`,
//! `expm1` and `log1p` instead of `e^x − 1` and `ln(1 + y)`).
//!
//! Conventions shared by all functions:
//! - NaN in gives NaN out.
//! - ±∞ give the limits (`sigmoid(∞) = 1`, `silu(−∞) = 0`, `relu(∞) = ∞`, …).
//! - A finite input whose true result is finite gives a finite result.
//! - The kinks of the piecewise functions take the left branch at exactly 0:
//!   `relu_grad(0) = 0`, `leaky_relu_grad(0, α) = α`, `elu_grad(0, α) = α` (as PyTorch does).
//!
//! | function | formula |
//! |---|---|
//! | [`sigmoid`] | σ(x) = 1 / (1 + e⁻ˣ) |
//! | [`sigmoid_grad`] | σ′(x) = σ(x)·σ(−x) |
//! | [`tanh`] | tanh(x) = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ) |
//! | [`tanh_grad`] | tanh′(x) = 1 − tanh²x = sech²x |
//! | [`softplus`] | ln(1 + eˣ) |
//! | [`softplus_grad`] | σ(x) |
//! | [`log_sigmoid`] | ln σ(x) = −softplus(−x) |
//! | [`hard_sigmoid`] | relu6(x + 3) / 6 |
//! | [`relu`] | max(x, 0) |
//! | [`relu_grad`] | 1 if x > 0 else 0 |
//! | [`leaky_relu`] | x if x > 0 else α·x |
//! | [`leaky_relu_grad`] | 1 if x > 0 else α |
//! | [`elu`] | x if x > 0 else α·(eˣ − 1) |
//! | [`elu_grad`] | 1 if x > 0 else α·eˣ |
//! | [`selu`] | λ·elu(x, α) with [`SELU_ALPHA`], [`SELU_LAMBDA`] |
//! | [`selu_grad`] | λ if x > 0 else λ·α·eˣ |
//! | [`gelu`] | x·Φ(x) = ½·x·erfc(−x/√2) |
//! | [`gelu_grad`] | Φ(x) + x·φ(x) |
//! | [`gelu_tanh`] | ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))) |
//! | [`gelu_tanh_grad`] | its derivative |
//! | [`silu`] | x·σ(x) (Swish) |
//! | [`silu_grad`] | σ(x)·(1 + x·σ(−x)) |
//! | [`mish`] | x·tanh(softplus(x)) |
//! | [`mish_grad`] | tanh(sp) + x·sech²(sp)·σ(x), sp = softplus(x) |
//! | [`hard_swish`] | x·relu6(x + 3) / 6 |
//!
//! σ, σ′, tanh, tanh′, SiLU, SiLU′, Mish, Mish′, the GELU tanh approximation and its derivative
//! use the crate's own `exp` (a table-and-polynomial eˣ within 0.51 ulp, written with selects
//! instead of branches and calls, so that the array versions vectorise); `exp_m1`, `ln_1p` and the
//! `exp` of the other functions come from the standard library (the platform's libm, correctly
//! rounded or within 1 ulp on the usual platforms); `erfc`, which `std` lacks, comes from the
//! [`libm`] crate.

pub(crate) mod exp;
mod exp_table;
mod logistic;
mod rectifier;
mod smooth;

pub use logistic::*;
pub use rectifier::*;
pub use smooth::*;

/// n / (1 + e)² for 0 ≤ e ≤ 1, with the rounding error of 1 + e compensated.
///
/// d = fl(1 + e) is off by d_lo = e − (d − 1) (exact), and 1/(d + d_lo)² = (1 − 2·d_lo/d)/d² to
/// far below an ulp; applying that correction to n (additively, so it is not lost to rounding)
/// saves about 1.5 ulp in σ′, tanh′ and silu′.
#[inline]
fn over_one_plus_squared(n: f64, e: f64) -> f64 {
    let d = 1.0 + e;
    let d_lo = e - (d - 1.0);
    (n - 2.0 * n * d_lo / d) / (d * d)
}
