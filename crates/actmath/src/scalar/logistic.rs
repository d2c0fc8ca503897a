//! The sigmoid family: σ, its derivative, tanh and tanh′, softplus, log σ and the hard sigmoid.
//!
//! Trick: with `e = e^(−|x|)` (never larger than 1, so it cannot overflow) and `d = 1 + e`,
//! σ(|x|) = 1/d and σ(−|x|) = e/d, so each function needs one `exp` and no subtraction.

use super::exp::exp;

/// The logistic sigmoid, σ(x) = 1 / (1 + e⁻ˣ).
///
/// Computed as `1/(1 + e)` for x ≥ 0 and `e/(1 + e)` for x < 0 with `e = e^(−|x|)`, so neither
/// `e⁻ˣ` overflows nor the small values below x ≈ −709 flush to 0 (they become subnormals, as they
/// should). Limits: σ(−∞) = 0, σ(∞) = 1; NaN gives NaN. Within 4 ulp everywhere.
///
/// ```
/// use actmath::scalar::sigmoid;
/// assert_eq!(sigmoid(0.0), 0.5);
/// assert!((sigmoid(2.0) - 0.8807970779778823).abs() < 1e-16);
/// assert!(sigmoid(-720.0) > 0.0); // e^-720 ≈ 2.5e-313, a subnormal, not 0
/// assert_eq!(sigmoid(f64::INFINITY), 1.0);
/// ```
#[inline]
pub fn sigmoid(x: f64) -> f64 {
    let e = exp(-x.abs());
    let numerator = if x >= 0.0 { 1.0 } else { e };
    numerator / (1.0 + e)
}

/// The derivative of the sigmoid, σ′(x) = σ(x)·(1 − σ(x)) = σ(x)·σ(−x).
///
/// Computed as `e/(1 + e)²` with `e = e^(−|x|)` (σ′ is even; the rounding of 1 + e is
/// compensated); the textbook `s·(1 − s)` is 0 for
/// x ≳ 37 because `1 − s` cancels. Limits: 0 at ±∞; σ′(0) = 1/4; NaN gives NaN. Within 4 ulp.
///
/// ```
/// use actmath::scalar::sigmoid_grad;
/// assert_eq!(sigmoid_grad(0.0), 0.25);
/// assert!(sigmoid_grad(40.0) > 4.2e-18); // ≈ e^-40, where s·(1 − s) gives 0
/// assert_eq!(sigmoid_grad(f64::NEG_INFINITY), 0.0);
/// ```
#[inline]
pub fn sigmoid_grad(x: f64) -> f64 {
    let e = exp(-x.abs());
    super::over_one_plus_squared(e, e)
}

/// P(u) ≈ (tanh(√u) − √u)/u^(3/2) on 0 ≤ u ≤ 0.55², lowest degree first: mpmath's
/// `chebyfit(P, [0, 0.55**2], 11)` at 50 digits, rounded to f64 (error of the fit below 8e-18).
const TANH_P: [f64; 11] = [
    -0.333_333_333_333_333_3,
    0.133_333_333_333_327_14,
    -0.053_968_253_967_434_016,
    0.021_869_488_493_666_944,
    -0.008_863_234_397_814_355,
    0.003_592_110_378_689_024,
    -0.001_455_661_830_100_716,
    0.000_588_936_052_007_405_7,
    -0.000_234_634_741_088_723_7,
    8.511_313_685_577_672e-5,
    -2.060_276_537_636_634e-5,
];

/// The hyperbolic tangent, tanh(x) = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ) = 2σ(2x) − 1.
///
/// Odd, computed from a = |x|: a + a³·P(a²) for a < 0.55, P a fitted polynomial, so tanh(x) ≈ x
/// keeps every digit near 0; 1 − 2/(e^(2a) + 1) for a ≥ 0.55, where the subtraction loses at
/// most one bit and e^(2a) = ∞ gives exactly 1. Both are computed and one is selected, so the
/// array version vectorises. tanh(−0) = −0. Limits: tanh(±∞) = ±1; NaN gives NaN. Within 4 ulp.
///
/// ```
/// use actmath::scalar::tanh;
/// assert_eq!(tanh(0.0), 0.0);
/// assert!((tanh(0.5) - 0.46211715726000974).abs() < 1e-16);
/// assert_eq!(tanh(-1e-300), -1e-300);
/// assert_eq!(tanh(f64::NEG_INFINITY), -1.0);
/// ```
#[inline]
pub fn tanh(x: f64) -> f64 {
    let a = x.abs();
    let u = a * a;
    let p = TANH_P[..10]
        .iter()
        .rev()
        .fold(TANH_P[10], |acc, &c| acc * u + c);
    let small = a + (a * u) * p;
    let large = 1.0 - 2.0 / (exp(2.0 * a) + 1.0);
    let t = if a < 0.55 { small } else { large };
    t.copysign(x)
}

/// The derivative of tanh, tanh′(x) = 1 − tanh²(x) = sech²(x) = 4e^(−2|x|) / (1 + e^(−2|x|))².
///
/// The form with `e = e^(−2|x|)` avoids `1 − tanh²x`, which cancels to 0 for |x| ≳ 19.
/// Limits: 0 at ±∞; tanh′(0) = 1; NaN gives NaN. Within 4 ulp.
///
/// ```
/// use actmath::scalar::tanh_grad;
/// assert_eq!(tanh_grad(0.0), 1.0);
/// let x: f64 = 0.7;
/// assert!((tanh_grad(x) - (1.0 - x.tanh().powi(2))).abs() < 1e-15);
/// assert!(tanh_grad(25.0) > 0.0); // ≈ 4e^-50, where 1 − tanh² gives 0
/// ```
#[inline]
pub fn tanh_grad(x: f64) -> f64 {
    let e = exp(-2.0 * x.abs());
    super::over_one_plus_squared(4.0 * e, e)
}

/// Softplus, ln(1 + eˣ), a smooth ReLU.
///
/// Computed as `max(x, 0) + ln1p(e^(−|x|))` (no threshold): the naive `ln(1 + eˣ)` overflows at
/// x ≈ 710 and returns 0 for x ≲ −37. Limits: softplus(−∞) = 0, softplus(∞) = ∞; NaN gives NaN.
/// Within 4 ulp.
///
/// ```
/// use actmath::scalar::softplus;
/// assert!((softplus(0.0) - std::f64::consts::LN_2).abs() < 1e-16);
/// assert_eq!(softplus(1000.0), 1000.0);
/// assert!((softplus(-50.0) - (-50.0_f64).exp()).abs() < 1e-36);
/// ```
#[inline]
pub fn softplus(x: f64) -> f64 {
    let tail = (-x.abs()).exp().ln_1p();
    if x > 0.0 { x + tail } else { tail }
}

/// The derivative of softplus, which is the sigmoid: softplus′(x) = σ(x).
///
/// Same computation and accuracy as [`sigmoid`].
///
/// ```
/// use actmath::scalar::{sigmoid, softplus_grad};
/// assert_eq!(softplus_grad(0.0), 0.5);
/// assert_eq!(softplus_grad(-3.0), sigmoid(-3.0));
/// ```
#[inline]
pub fn softplus_grad(x: f64) -> f64 {
    sigmoid(x)
}

/// The log-sigmoid, ln σ(x) = −softplus(−x) = min(x, 0) − ln1p(e^(−|x|)).
///
/// Adds two terms of the same sign, so nothing cancels; `ln(σ(x))` instead is −∞ below x ≈ −745.
/// Limits: ln σ(−∞) = −∞, ln σ(∞) = 0; NaN gives NaN. Within 4 ulp.
///
/// ```
/// use actmath::scalar::log_sigmoid;
/// assert!((log_sigmoid(0.0) + std::f64::consts::LN_2).abs() < 1e-16);
/// assert_eq!(log_sigmoid(-1000.0), -1000.0);
/// ```
#[inline]
pub fn log_sigmoid(x: f64) -> f64 {
    -softplus(-x)
}

/// The hard sigmoid, relu6(x + 3) / 6 = min(max(x + 3, 0), 6) / 6 (PyTorch's `Hardsigmoid`).
///
/// A piecewise-linear stand-in for σ: 0 for x ≤ −3, 1 for x ≥ 3, x/6 + 1/2 between. (Keras'
/// older `hard_sigmoid` used 0.2·x + 0.5 instead.) Limits 0 and 1 at ∓∞; NaN gives NaN. Exact up
/// to the rounding of `(x + 3)/6`.
///
/// ```
/// use actmath::scalar::hard_sigmoid;
/// assert_eq!(hard_sigmoid(0.0), 0.5);
/// assert_eq!(hard_sigmoid(-4.0), 0.0);
/// assert_eq!(hard_sigmoid(1.5), 0.75);
/// assert_eq!(hard_sigmoid(3.0), 1.0);
/// ```
#[inline]
pub fn hard_sigmoid(x: f64) -> f64 {
    (x + 3.0).clamp(0.0, 6.0) / 6.0
}
