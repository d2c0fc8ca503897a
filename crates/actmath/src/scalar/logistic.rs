//! The sigmoid family: σ, its derivative, tanh′, softplus, log σ and the hard sigmoid.
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
