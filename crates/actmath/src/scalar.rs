//! Scalar activation functions (simple textbook forms).

/// Logistic sigmoid: σ(x) = 1 / (1 + e^(−x)).
///
/// ```
/// assert_eq!(actmath::scalar::sigmoid(0.0), 0.5);
/// ```
pub fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// Derivative of the sigmoid: σ′(x) = σ(x)·(1 − σ(x)).
///
/// ```
/// assert_eq!(actmath::scalar::sigmoid_grad(0.0), 0.25);
/// ```
pub fn sigmoid_grad(x: f64) -> f64 {
    let s = sigmoid(x);
    s * (1.0 - s)
}

/// SiLU (swish): silu(x) = x·σ(x).
///
/// ```
/// assert_eq!(actmath::scalar::silu(0.0), 0.0);
/// ```
pub fn silu(x: f64) -> f64 {
    x * sigmoid(x)
}

/// Exact GELU: gelu(x) = ½·x·(1 + erf(x/√2)).
///
/// ```
/// assert_eq!(actmath::scalar::gelu(0.0), 0.0);
/// ```
pub fn gelu(x: f64) -> f64 {
    0.5 * x * (1.0 + libm::erf(x / std::f64::consts::SQRT_2))
}
