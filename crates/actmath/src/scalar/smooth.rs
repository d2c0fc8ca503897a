//! The smooth ReLU-like activations: GELU (exact and tanh approximation), SiLU/Swish, Mish, and
//! the hard swish.
//!
//! Trick: write each as x times a sigmoid-like gate built from `e = e^(−|x|)`; for x < −700, where
//! the gate itself would be subnormal but x·gate is not, use `h = e^(x/2)` and form `(x·h)·h`, so
//! only the final product is rounded to a subnormal; for GELU, correct erfc for the rounding of x/√2.

use super::exp::exp;
use core::f64::consts::{FRAC_1_SQRT_2, FRAC_2_SQRT_PI};

/// 1/√2 − `FRAC_1_SQRT_2`: the rounding error of the constant (from a 60-digit evaluation).
const FRAC_1_SQRT_2_LO: f64 = -4.833_646_656_726_457e-17;
/// 1/√(2π), the normal density's constant.
const FRAC_1_SQRT_2PI: f64 = 0.398_942_280_401_432_7;
/// 2·√(2/π): gelu_tanh(x) = x·σ(K·(x + 0.044715·x³)).
const GELU_TANH_K: f64 = 1.595_769_121_605_730_8;
/// K·0.044715.
const GELU_TANH_KA: f64 = 0.071_354_816_272_600_25;
/// 3·K·0.044715.
const GELU_TANH_3KA: f64 = 0.214_064_448_817_800_73;
/// Below this x, the gates of silu, silu_grad and mish equal eˣ to within 1e-304 (relative).
const TAIL: f64 = -700.0;
/// Below this x, gelu uses its asymptotic series (erfc(−x/√2) is then below 1e-170).
const GELU_TAIL: f64 = -28.0;

/// The one exponential that silu, silu_grad, mish and mish_grad need: e^(−|x|), or in the far
/// negative tail x < [`TAIL`] the h = e^(x/2) of [`tail_product`]. A select, not a branch, so the
/// array versions vectorise (they compute both results and keep one).
#[inline]
fn gate_exp(x: f64) -> f64 {
    exp(if x < TAIL { 0.5 * x } else { -x.abs() })
}

/// (x + c)·eˣ for x < [`TAIL`], the far negative tail where silu and mish are x·eˣ and their
/// derivatives (1 + x)·eˣ: computed as ((x + c)·h)·h with h = e^(x/2), so only the last product
/// can become subnormal. Below −1500, h = 0 and the result is 0; the clamp keeps −∞·0 away.
#[inline]
fn tail_product(x: f64, c: f64, h: f64) -> f64 {
    let x = if x < -1500.0 { -1500.0 } else { x };
    ((x + c) * h) * h
}

/// min(x, 1500), letting NaN through (`f64::min` would turn NaN into 1500).
#[inline]
fn cap(x: f64) -> f64 {
    if x > 1500.0 { 1500.0 } else { x }
}

/// erfc(−x/√2), corrected for the rounding of the argument u = fl(−x·(1/√2)).
///
/// The true argument is u + δ with δ = the product's rounding error (recovered exactly with an
/// fma) plus −x times the rounding error of the constant; erfc(u + δ) ≈ erfc(u) − δ·(2/√π)·e^(−u²).
/// Without it, erfc's steep tail turns the half-ulp argument error into hundreds of ulps.
/// `gauss` is e^(−u²) = e^(−x²/2) to a few digits, or computed here when `None`.
#[inline]
fn erfc_neg_x_over_sqrt2(x: f64, gauss: Option<f64>) -> f64 {
    let u = -x * FRAC_1_SQRT_2;
    let c = libm::erfc(u);
    // For u ≤ 1 the argument error costs below 1.5 ulp; skip the correction (and its exp).
    if u <= 1.0 && gauss.is_none() {
        return c;
    }
    let delta = (-x).mul_add(FRAC_1_SQRT_2, -u) + (-x) * FRAC_1_SQRT_2_LO;
    let g = gauss.unwrap_or_else(|| (-u * u).exp());
    c - delta * FRAC_2_SQRT_PI * g
}

/// The Gaussian error linear unit, gelu(x) = x·Φ(x) = ½·x·erfc(−x/√2), Φ the standard normal CDF.
///
/// `erfc` (not `1 + erf`, which cancels to 0 from x ≈ −9) with a compensated argument (see the
/// module doc); below x = −28 the asymptotic series x·Φ(x) = −φ(x)·(1 − 1/x² + 3/x⁴ − 15/x⁶ + …)
/// with e^(−x²/2) from an exactly split x². Limits: gelu(−∞) = 0, gelu(∞) = ∞; NaN gives NaN.
/// Within 16 ulp everywhere.
///
/// ```
/// use actmath::scalar::gelu;
/// assert_eq!(gelu(0.0), 0.0);
/// assert!((gelu(1.0) - 0.8413447460685429).abs() < 1e-15);
/// assert!(gelu(-30.0) < 0.0); // ≈ −1.5e-197, not 0
/// ```
#[inline]
pub fn gelu(x: f64) -> f64 {
    if x < GELU_TAIL {
        return gelu_tail(x);
    }
    0.5 * x * erfc_neg_x_over_sqrt2(x, None)
}

/// gelu(x) for x < −28 by the asymptotic series; y = 1/x², ten terms are exact to f64 there.
fn gelu_tail(x: f64) -> f64 {
    // Beyond −40 the result is below the smallest subnormal; clamping also keeps −∞ finite.
    let x = x.max(-40.0);
    let p = x * x;
    let q = x.mul_add(x, -p); // x² = p + q exactly
    let y = 1.0 / p;
    let series = 1.0
        + y * (-1.0
            + y * (3.0
                + y * (-15.0
                    + y * (105.0
                        + y * (-945.0
                            + y * (10395.0
                                + y * (-135_135.0 + y * (2_027_025.0 + y * -34_459_425.0))))))));
    // e^(−x²/2) = h²·e^(−q/2) with h = e^(−p/4); multiplying by h twice means only the final
    // product is rounded to a subnormal.
    let h = (-0.25 * p).exp();
    -((h * (FRAC_1_SQRT_2PI * series * (1.0 - 0.5 * q))) * h)
}

/// The derivative of GELU, gelu′(x) = Φ(x) + x·φ(x), φ(x) = e^(−x²/2)/√(2π).
///
/// Φ by the compensated erfc (see the module doc); e^(−x²/2) from x² split exactly with an fma, as
/// `h·h` with h = e^(−x²/4) so the subnormal tail keeps its digits. gelu′ has an interior zero
/// at x ≈ −0.7518, where the absolute error is below 16·2⁻⁵²; elsewhere within 16 ulp.
/// Limits: 0 at −∞, 1 at ∞; gelu′(0) = ½; NaN gives NaN.
///
/// ```
/// use actmath::scalar::gelu_grad;
/// assert_eq!(gelu_grad(0.0), 0.5);
/// assert!((gelu_grad(1.0) - 1.0833154705876864).abs() < 1e-15);
/// assert_eq!(gelu_grad(f64::INFINITY), 1.0);
/// ```
#[inline]
pub fn gelu_grad(x: f64) -> f64 {
    // Beyond ±40 the result is 0 or 1 to f64 precision; clamping keeps x·0 away from ∞·0.
    let x = x.clamp(-40.0, 40.0);
    let p = x * x;
    let q = x.mul_add(x, -p);
    let h = (-0.25 * p).exp();
    let cdf = 0.5 * erfc_neg_x_over_sqrt2(x, Some(h * h));
    cdf + (x * (FRAC_1_SQRT_2PI * (1.0 - 0.5 * q)) * h) * h
}

/// The tanh approximation of GELU, ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
///
/// Computed as the equal x·σ(2√(2/π)·(x + 0.044715·x³)), whose tail does not cancel (the tanh
/// form is 0 for x ≲ −9). Limits: 0 at −∞, ∞ at ∞; NaN gives NaN. Within a relative 1e-12 of
/// the formula's exact value.
///
/// ```
/// use actmath::scalar::{gelu, gelu_tanh};
/// assert_eq!(gelu_tanh(0.0), 0.0);
/// assert!((gelu_tanh(1.0) - 0.8411919906082768).abs() < 1e-15);
/// assert!((gelu_tanh(1.0) - gelu(1.0)).abs() < 2e-4); // a close approximation
/// assert!(gelu_tanh(-12.0) < 0.0);
/// ```
#[inline]
pub fn gelu_tanh(x: f64) -> f64 {
    // Below −1000 the result is −0 (σ(z) = 0); the floor keeps gelu_tanh(−∞) from being −∞·0.
    let x = if x < -1000.0 { -1000.0 } else { x };
    let z = x * (GELU_TANH_K + GELU_TANH_KA * (x * x));
    x * super::sigmoid(z)
}

/// The derivative of [`gelu_tanh`]: σ(z) + x·σ(z)·σ(−z)·z′, z = 2√(2/π)·(x + 0.044715·x³),
/// z′ = 2√(2/π)·(1 + 3·0.044715·x²).
///
/// σ(z) and σ(z)σ(−z) from one `e = e^(−|z|)`. Limits: 0 at −∞, 1 at ∞; ½ at 0; NaN gives NaN.
///
/// ```
/// use actmath::scalar::gelu_tanh_grad;
/// assert_eq!(gelu_tanh_grad(0.0), 0.5);
/// assert!((gelu_tanh_grad(1.0) - 1.0829640838457826).abs() < 1e-14);
/// ```
#[inline]
pub fn gelu_tanh_grad(x: f64) -> f64 {
    // Beyond ±40, |z| > 4600 and the result is 0 or 1 exactly; clamping avoids ∞·0.
    let x = x.clamp(-40.0, 40.0);
    let x2 = x * x;
    let z = x * (GELU_TANH_K + GELU_TANH_KA * x2);
    let dz = GELU_TANH_K + GELU_TANH_3KA * x2;
    let e = exp(-z.abs());
    let d = 1.0 + e;
    let s = if z >= 0.0 { 1.0 } else { e } / d;
    s + x * dz * (e / (d * d))
}

/// The sigmoid linear unit (Swish with β = 1), silu(x) = x·σ(x).
///
/// `x/(1 + e)` for x ≥ 0 and `x·e/(1 + e)` for x < 0 with `e = e^(−|x|)`; for x < −700,
/// `(x·h)·h` with h = e^(x/2) (see the module doc). Limits: silu(−∞) = 0, silu(∞) = ∞; NaN gives
/// NaN. Within 4 ulp.
///
/// ```
/// use actmath::scalar::silu;
/// assert_eq!(silu(0.0), 0.0);
/// assert!((silu(1.0) - 0.7310585786300049).abs() < 1e-16);
/// assert!(silu(-710.0) < 0.0); // ≈ −3.2e-306
/// ```
#[inline]
pub fn silu(x: f64) -> f64 {
    let e = gate_exp(x);
    let numerator = if x >= 0.0 { x } else { x * e };
    let main = numerator / (1.0 + e);
    if x < TAIL {
        tail_product(x, 0.0, e)
    } else {
        main
    }
}

/// The derivative of SiLU, silu′(x) = σ(x)·(1 + x·σ(−x)).
///
/// With `e = e^(−|x|)`: (1 + e + x·e)/(1 + e)² for x ≥ 0 and e·((1 + x) + e)/(1 + e)² for x < 0,
/// so σ(−x) is never formed as 1 − σ(x) (and the rounding of 1 + e is compensated). silu′ has an interior zero at x ≈ −1.2785 (1 + x + eˣ = 0),
/// where the absolute error is below 4·2⁻⁵²; elsewhere within 4 ulp. Limits: 0 at −∞, 1 at ∞;
/// silu′(0) = ½; NaN gives NaN.
///
/// ```
/// use actmath::scalar::silu_grad;
/// assert_eq!(silu_grad(0.0), 0.5);
/// assert!((silu_grad(1.0) - 0.9276705118714866).abs() < 1e-15);
/// assert!(silu_grad(-1.2784645427610738).abs() < 1e-15);
/// ```
#[inline]
pub fn silu_grad(x: f64) -> f64 {
    let x = cap(x); // keeps ∞·0 away; beyond 1500 the result is 1
    let e = gate_exp(x);
    let numerator = if x >= 0.0 {
        (x * e + e) + 1.0
    } else {
        e * ((1.0 + x) + e)
    };
    let main = super::over_one_plus_squared(numerator, e);
    if x < TAIL {
        tail_product(x, 1.0, e)
    } else {
        main
    }
}

/// Mish, mish(x) = x·tanh(softplus(x)) = x·tanh(ln(1 + eˣ)).
///
/// tanh(ln(1 + eˣ)) = (e² + 2e)/(e² + 2e + 2) with e = eˣ for x < 0, and = (1 + 2e)/(1 + 2e + 2e²)
/// with e = e⁻ˣ for x ≥ 0: one `exp`, no tanh, no overflow, and no loss for large negative x, where
/// tanh(softplus(x)) ≈ eˣ; for x < −700, `(x·h)·h` with h = e^(x/2). Limits: mish(−∞) = 0,
/// mish(∞) = ∞; NaN gives NaN. Within 4 ulp.
///
/// ```
/// use actmath::scalar::mish;
/// assert_eq!(mish(0.0), 0.0);
/// assert!((mish(1.0) - 0.8650983882673103).abs() < 1e-15);
/// assert!(mish(-40.0) < 0.0); // ≈ −40·e^-40
/// ```
#[inline]
pub fn mish(x: f64) -> f64 {
    let e = gate_exp(x);
    let (num, den) = mish_gate(x, e);
    let main = x * (num / den);
    if x < TAIL {
        tail_product(x, 0.0, e)
    } else {
        main
    }
}

/// tanh(softplus(x)) as numerator/denominator, from e = e^(−|x|) (see [`mish`]).
#[inline]
fn mish_gate(x: f64, e: f64) -> (f64, f64) {
    let two_e = 2.0 * e;
    let e2 = e * e;
    if x >= 0.0 {
        let num = 1.0 + two_e;
        (num, num + 2.0 * e2)
    } else {
        let num = two_e + e2;
        (num, num + 2.0)
    }
}

/// The derivative of Mish, mish′(x) = tanh(sp) + x·sech²(sp)·σ(x), sp = softplus(x).
///
/// With the numerator/denominator of [`mish`]'s gate, t = n/D and x·sech²(sp)·σ(x) =
/// 4x·e·(1 + e)/D² (x < 0, e = eˣ) or 4x·e²·(1 + e)/D² (x ≥ 0, e = e⁻ˣ). mish′ has an interior zero
/// at x ≈ −1.1924 (mish's minimum). Limits: 0 at −∞, 1 at ∞; mish′(0) = 0.6; NaN gives NaN.
///
/// ```
/// use actmath::scalar::mish_grad;
/// assert!((mish_grad(0.0) - 0.6).abs() < 1e-15);
/// assert!((mish_grad(1.0) - 1.0490362200997922).abs() < 1e-14);
/// ```
#[inline]
pub fn mish_grad(x: f64) -> f64 {
    let x = cap(x); // keeps ∞·0 away; beyond 1500 the result is 1
    let e = gate_exp(x);
    let (num, den) = mish_gate(x, e);
    let m = e * (1.0 + e) * if x >= 0.0 { e } else { 1.0 };
    let main = (num * den + 4.0 * x * m) / (den * den);
    if x < TAIL {
        tail_product(x, 1.0, e)
    } else {
        main
    }
}

/// The hard swish, x·relu6(x + 3)/6 (MobileNetV3; PyTorch's `Hardswish`).
///
/// 0 for x ≤ −3, x for x ≥ 3, x·(x + 3)/6 between. Limits: 0 at −∞ (not −∞·0), ∞ at ∞; NaN gives
/// NaN.
///
/// ```
/// use actmath::scalar::hard_swish;
/// assert_eq!(hard_swish(-4.0), 0.0);
/// assert_eq!(hard_swish(0.0), 0.0);
/// assert_eq!(hard_swish(1.0), 4.0 / 6.0);
/// assert_eq!(hard_swish(5.0), 5.0);
/// ```
#[inline]
pub fn hard_swish(x: f64) -> f64 {
    if x <= -3.0 {
        0.0
    } else if x >= 3.0 {
        x
    } else {
        x * (x + 3.0) / 6.0
    }
}
