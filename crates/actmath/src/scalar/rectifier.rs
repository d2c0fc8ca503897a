//! The ReLU family: ReLU, leaky ReLU, ELU and SELU, with their derivatives.
//!
//! Trick: the negative branches of ELU and SELU use `expm1(x)` = eˣ − 1, which keeps every digit
//! near 0 where `exp(x) − 1` cancels. At exactly 0 every derivative takes the left (x ≤ 0) branch.

/// SELU's α = 1.6732632423543772848170429916717 (Klambauer et al., 2017), rounded to `f64`.
///
/// ```
/// assert_eq!(actmath::scalar::SELU_ALPHA, 1.6732632423543772);
/// ```
pub const SELU_ALPHA: f64 = 1.673_263_242_354_377_2;

/// SELU's λ = 1.0507009873554804934193349852946 (Klambauer et al., 2017), rounded to `f64`.
///
/// ```
/// assert_eq!(actmath::scalar::SELU_LAMBDA, 1.0507009873554805);
/// ```
pub const SELU_LAMBDA: f64 = 1.050_700_987_355_480_5;

/// λ·α computed from the 32-digit constants and rounded once (so `selu` rounds once less).
const SELU_LAMBDA_ALPHA: f64 = 1.758_099_340_847_376_8;

/// The rectified linear unit, relu(x) = max(x, 0).
///
/// Returns `+0.0` for every x ≤ 0 (also for `-0.0`); NaN gives NaN (unlike `f64::max`, which
/// would return 0). relu(∞) = ∞, relu(−∞) = 0. Exact.
///
/// ```
/// use actmath::scalar::relu;
/// assert_eq!(relu(2.5), 2.5);
/// assert_eq!(relu(-1.0), 0.0);
/// assert!(relu(f64::NAN).is_nan());
/// ```
#[inline]
pub fn relu(x: f64) -> f64 {
    if x <= 0.0 { 0.0 } else { x }
}

/// The derivative of ReLU: 1 if x > 0, else 0.
///
/// At the kink, relu_grad(0) = 0 (PyTorch's convention). NaN gives NaN. Exact.
///
/// ```
/// use actmath::scalar::relu_grad;
/// assert_eq!(relu_grad(3.0), 1.0);
/// assert_eq!(relu_grad(0.0), 0.0);
/// assert_eq!(relu_grad(-3.0), 0.0);
/// ```
#[inline]
pub fn relu_grad(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x <= 0.0 {
        0.0
    } else {
        x // NaN
    }
}

/// The leaky ReLU, x if x > 0 else α·x (α is typically 0.01).
///
/// NaN gives NaN; ±∞ give ∞ and −∞ (for α > 0). Exact up to one rounding of α·x.
///
/// ```
/// use actmath::scalar::leaky_relu;
/// assert_eq!(leaky_relu(2.0, 0.01), 2.0);
/// assert_eq!(leaky_relu(-2.0, 0.01), -0.02);
/// ```
#[inline]
pub fn leaky_relu(x: f64, alpha: f64) -> f64 {
    if x > 0.0 { x } else { alpha * x }
}

/// The derivative of the leaky ReLU: 1 if x > 0, else α.
///
/// At the kink, leaky_relu_grad(0, α) = α (PyTorch's convention). NaN gives NaN.
///
/// ```
/// use actmath::scalar::leaky_relu_grad;
/// assert_eq!(leaky_relu_grad(2.0, 0.01), 1.0);
/// assert_eq!(leaky_relu_grad(0.0, 0.01), 0.01);
/// assert_eq!(leaky_relu_grad(-2.0, 0.01), 0.01);
/// ```
#[inline]
pub fn leaky_relu_grad(x: f64, alpha: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x <= 0.0 {
        alpha
    } else {
        x // NaN
    }
}

/// The exponential linear unit, x if x > 0 else α·(eˣ − 1).
///
/// The negative branch uses `expm1`, exact to the last digit near 0 where `eˣ − 1` cancels.
/// Limits: elu(−∞, α) = −α, elu(∞, α) = ∞; NaN gives NaN. Within 4 ulp (for α = 1).
///
/// ```
/// use actmath::scalar::elu;
/// assert_eq!(elu(2.0, 1.0), 2.0);
/// assert!((elu(-1.0, 1.0) - (-0.6321205588285577)).abs() < 1e-16);
/// assert_eq!(elu(1e-20 * -1.0, 1.0), -1e-20); // eˣ − 1 would give 0 here
/// assert_eq!(elu(f64::NEG_INFINITY, 0.5), -0.5);
/// ```
#[inline]
pub fn elu(x: f64, alpha: f64) -> f64 {
    if x > 0.0 { x } else { alpha * x.exp_m1() }
}

/// The derivative of ELU: 1 if x > 0, else α·eˣ.
///
/// At the kink, elu_grad(0, α) = α (left branch; continuous when α = 1). Limits 1 at ∞ and 0 at
/// −∞; NaN gives NaN.
///
/// ```
/// use actmath::scalar::elu_grad;
/// assert_eq!(elu_grad(2.0, 1.0), 1.0);
/// assert_eq!(elu_grad(0.0, 0.5), 0.5);
/// assert!((elu_grad(-1.0, 1.0) - (-1.0_f64).exp()).abs() < 1e-16);
/// ```
#[inline]
pub fn elu_grad(x: f64, alpha: f64) -> f64 {
    if x > 0.0 { 1.0 } else { alpha * x.exp() }
}

/// The scaled ELU, selu(x) = λ·x if x > 0 else λ·α·(eˣ − 1), with [`SELU_ALPHA`] and [`SELU_LAMBDA`].
///
/// `expm1` for the negative branch and λ·α as one constant. Limits: selu(−∞) = −λα ≈ −1.7581,
/// selu(∞) = ∞; NaN gives NaN. Within 4 ulp.
///
/// ```
/// use actmath::scalar::{SELU_LAMBDA, selu};
/// assert_eq!(selu(1.0), SELU_LAMBDA);
/// assert_eq!(selu(0.0), 0.0);
/// assert!((selu(-1.0) - (-1.1113307378125628)).abs() < 1e-15);
/// ```
#[inline]
pub fn selu(x: f64) -> f64 {
    if x > 0.0 {
        SELU_LAMBDA * x
    } else {
        SELU_LAMBDA_ALPHA * x.exp_m1()
    }
}

/// The derivative of SELU: λ if x > 0, else λ·α·eˣ.
///
/// At the kink, selu_grad(0) = λα (left branch). Limits λ at ∞ and 0 at −∞; NaN gives NaN.
///
/// ```
/// use actmath::scalar::{SELU_ALPHA, SELU_LAMBDA, selu_grad};
/// assert_eq!(selu_grad(2.0), SELU_LAMBDA);
/// assert!((selu_grad(0.0) - SELU_LAMBDA * SELU_ALPHA).abs() < 1e-15);
/// ```
#[inline]
pub fn selu_grad(x: f64) -> f64 {
    if x > 0.0 {
        SELU_LAMBDA
    } else {
        SELU_LAMBDA_ALPHA * x.exp()
    }
}
