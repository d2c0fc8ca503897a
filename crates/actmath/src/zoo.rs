//! A catalogue of the activation functions with their derivatives, and their shape measured on a grid.
//!
//! [`zoo`] lists each activation as a name, f and f′ (the [`scalar`] functions, with
//! α = 0.1 for Leaky ReLU and α = 1 for ELU). [`Activation::profile`] measures the properties a summary
//! table needs by evaluating f and f′ on the grid x = −30, −29.999, …, 30 (60 001 points, step 10⁻³):
//! no formula is assumed, so the table shows what the code computes.

use crate::scalar;
use crate::simulate::gaussian_expectation;
use ndarray::Array1;

/// Half-width of the grid used by [`Activation::profile`].
pub const PROFILE_RANGE: f64 = 30.0;
/// Step of the grid used by [`Activation::profile`].
pub const PROFILE_STEP: f64 = 1e-3;
/// A derivative smaller than this in magnitude at the grid's end counts as saturated (f′ → 0).
pub const FLAT_SLOPE: f64 = 1e-6;

/// An activation function with its derivative.
#[derive(Clone, Copy, Debug)]
pub struct Activation {
    /// Display name, e.g. `"GELU (tanh)"`.
    pub name: &'static str,
    /// The function, f(x).
    pub f: fn(f64) -> f64,
    /// Its derivative, f′(x).
    pub grad: fn(f64) -> f64,
}

/// What [`Activation::profile`] measured on the grid x ∈ [−30, 30], step 10⁻³.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Profile {
    /// Smallest f(x) on the grid.
    pub min: f64,
    /// Largest f(x) on the grid.
    pub max: f64,
    /// True when the smallest value is at the left end with f′ not flat there: f has no lower bound.
    pub unbounded_below: bool,
    /// True when the largest value is at the right end with f′ not flat there: f has no upper bound.
    pub unbounded_above: bool,
    /// f(0).
    pub at_zero: f64,
    /// E[f(Z)] for Z ~ N(0, 1): the mean output for a zero-mean, unit-variance input
    /// (by [`gaussian_expectation`]).
    pub gaussian_mean: f64,
    /// Largest f′(x) on the grid (the peak slope).
    pub peak_slope: f64,
    /// The grid point where the peak slope is reached (the first one, if several tie).
    pub peak_at: f64,
    /// Smallest f′(x) on the grid: negative means f is not monotone.
    pub min_slope: f64,
    /// f′(−30): near 0 means f saturates (or is flat) on the left.
    pub left_slope: f64,
    /// f′(30): near 0 means f saturates on the right.
    pub right_slope: f64,
}

impl Profile {
    /// The mean output for a standard normal input is 0 (|E[f(Z)]| < 10⁻⁶): a layer of these units
    /// passes zero-mean signals on as zero-mean signals.
    ///
    /// ```
    /// use actmath::zoo::zoo;
    /// let tanh = zoo()[2].profile();
    /// let sigmoid = zoo()[0].profile();
    /// assert!(tanh.zero_centred() && !sigmoid.zero_centred());
    /// ```
    pub fn zero_centred(&self) -> bool {
        self.gaussian_mean.abs() < 1e-6
    }

    /// f′ ≥ 0 on the whole grid.
    ///
    /// ```
    /// use actmath::zoo::zoo;
    /// let by_name = |n: &str| zoo().into_iter().find(|a| a.name == n).unwrap().profile();
    /// assert!(by_name("ReLU").monotone());
    /// assert!(!by_name("SiLU").monotone()); // SiLU dips below 0 before rising
    /// ```
    pub fn monotone(&self) -> bool {
        self.min_slope >= 0.0
    }

    /// Which ends are flat (|f′| < 10⁻⁶ at x = ∓30): `"both"`, `"left"`, `"right"` or `"no"`.
    ///
    /// ```
    /// use actmath::zoo::zoo;
    /// assert_eq!(zoo()[0].profile().saturates(), "both"); // sigmoid
    /// assert_eq!(zoo()[3].profile().saturates(), "left"); // ReLU
    /// ```
    pub fn saturates(&self) -> &'static str {
        match (
            self.left_slope.abs() < FLAT_SLOPE,
            self.right_slope.abs() < FLAT_SLOPE,
        ) {
            (true, true) => "both",
            (true, false) => "left",
            (false, true) => "right",
            (false, false) => "no",
        }
    }

    /// The range as text: `"(lo, hi)"` with 4 decimals, `−∞` / `∞` for an unbounded side.
    ///
    /// ```
    /// use actmath::zoo::zoo;
    /// assert_eq!(zoo()[2].profile().range(), "(-1.0000, 1.0000)"); // tanh
    /// assert_eq!(zoo()[3].profile().range(), "(0.0000, ∞)"); // ReLU
    /// ```
    pub fn range(&self) -> String {
        let lo = if self.unbounded_below {
            "-∞".to_string()
        } else {
            format!("{:.4}", self.min)
        };
        let hi = if self.unbounded_above {
            "∞".to_string()
        } else {
            format!("{:.4}", self.max)
        };
        format!("({lo}, {hi})")
    }
}

impl Activation {
    /// f at every element of `x`.
    ///
    /// ```
    /// use actmath::prelude::*;
    /// use actmath::zoo::zoo;
    /// let relu = zoo()[3];
    /// assert_eq!(relu.values(&array![-1.0, 2.0]), array![0.0, 2.0]);
    /// ```
    pub fn values(&self, x: &Array1<f64>) -> Array1<f64> {
        x.mapv(self.f)
    }

    /// f′ at every element of `x`.
    ///
    /// ```
    /// use actmath::prelude::*;
    /// use actmath::zoo::zoo;
    /// let relu = zoo()[3];
    /// assert_eq!(relu.slopes(&array![-1.0, 2.0]), array![0.0, 1.0]);
    /// ```
    pub fn slopes(&self, x: &Array1<f64>) -> Array1<f64> {
        x.mapv(self.grad)
    }

    /// Measure the shape of f and f′ on the grid x = −30 + 10⁻³·i, i = 0..=60 000 (see [`Profile`]).
    /// NaN values on the grid are ignored by the minimum and maximum.
    ///
    /// ```
    /// use actmath::zoo::zoo;
    /// let p = zoo()[0].profile(); // sigmoid
    /// assert!((p.peak_slope - 0.25).abs() < 1e-12 && p.peak_at == 0.0);
    /// ```
    pub fn profile(&self) -> Profile {
        let n = (2.0 * PROFILE_RANGE / PROFILE_STEP).round() as usize;
        let mut p = Profile {
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
            unbounded_below: false,
            unbounded_above: false,
            at_zero: (self.f)(0.0),
            gaussian_mean: gaussian_expectation(self.f, 0.0, 1.0),
            peak_slope: f64::NEG_INFINITY,
            peak_at: f64::NAN,
            min_slope: f64::INFINITY,
            left_slope: (self.grad)(-PROFILE_RANGE),
            right_slope: (self.grad)(PROFILE_RANGE),
        };
        for i in 0..=n {
            // i − n/2 keeps 0 exactly on the grid.
            let x = (i as f64 - (n / 2) as f64) * PROFILE_STEP;
            let (y, d) = ((self.f)(x), (self.grad)(x));
            p.min = p.min.min(y);
            p.max = p.max.max(y);
            if d > p.peak_slope {
                p.peak_slope = d;
                p.peak_at = x;
            }
            p.min_slope = p.min_slope.min(d);
        }
        p.unbounded_below = (self.f)(-PROFILE_RANGE) == p.min && p.left_slope.abs() >= FLAT_SLOPE;
        p.unbounded_above = (self.f)(PROFILE_RANGE) == p.max && p.right_slope.abs() >= FLAT_SLOPE;
        p
    }
}

/// hard_sigmoid′(x) = 1/6 for −3 < x < 3, else 0 (0 at the two corners, like ReLU′ at 0).
fn hard_sigmoid_grad(x: f64) -> f64 {
    if x > -3.0 && x < 3.0 { 1.0 / 6.0 } else { 0.0 }
}

/// hard_swish′(x) = 0 for x ≤ −3, (2x + 3)/6 for −3 < x < 3, 1 for x ≥ 3.
fn hard_swish_grad(x: f64) -> f64 {
    if x <= -3.0 {
        0.0
    } else if x >= 3.0 {
        1.0
    } else {
        (2.0 * x + 3.0) / 6.0
    }
}

fn leaky_relu_01(x: f64) -> f64 {
    scalar::leaky_relu(x, 0.1)
}
fn leaky_relu_01_grad(x: f64) -> f64 {
    scalar::leaky_relu_grad(x, 0.1)
}
fn elu_1(x: f64) -> f64 {
    scalar::elu(x, 1.0)
}
fn elu_1_grad(x: f64) -> f64 {
    scalar::elu_grad(x, 1.0)
}

/// Every activation with its derivative, in the order sigmoid, hard sigmoid, tanh, ReLU,
/// Leaky ReLU (α = 0.1), ELU (α = 1), SELU, softplus, GELU, SiLU, hard swish, Mish.
///
/// The derivatives are the [`scalar`] ones; for the two piecewise-polynomial
/// "hard" functions they are written out here: hard_sigmoid′ = 1/6 on (−3, 3) and 0 outside;
/// hard_swish′ = (2x + 3)/6 on (−3, 3), 0 for x ≤ −3 and 1 for x ≥ 3. (The tanh approximation of
/// GELU is left out: on a plot it is indistinguishable from GELU.)
///
/// ```
/// use actmath::zoo::zoo;
/// let names: Vec<&str> = zoo().iter().map(|a| a.name).collect();
/// assert_eq!(names[0], "sigmoid");
/// assert_eq!(names.len(), 12);
/// ```
pub fn zoo() -> Vec<Activation> {
    let a = |name, f, grad| Activation { name, f, grad };
    vec![
        a("sigmoid", scalar::sigmoid, scalar::sigmoid_grad),
        a("hard sigmoid", scalar::hard_sigmoid, hard_sigmoid_grad),
        a("tanh", f64::tanh, scalar::tanh_grad),
        a("ReLU", scalar::relu, scalar::relu_grad),
        a("Leaky ReLU (α=0.1)", leaky_relu_01, leaky_relu_01_grad),
        a("ELU (α=1)", elu_1, elu_1_grad),
        a("SELU", scalar::selu, scalar::selu_grad),
        a("softplus", scalar::softplus, scalar::softplus_grad),
        a("GELU", scalar::gelu, scalar::gelu_grad),
        a("SiLU", scalar::silu, scalar::silu_grad),
        a("hard swish", scalar::hard_swish, hard_swish_grad),
        a("Mish", scalar::mish, scalar::mish_grad),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_name(name: &str) -> Profile {
        zoo()
            .into_iter()
            .find(|a| a.name == name)
            .unwrap()
            .profile()
    }

    #[test]
    fn derivatives_match_finite_differences() {
        for a in zoo() {
            for &x in &[-3.1, -0.7, 0.3, 1.9, 4.2] {
                let h = 1e-5;
                let numeric = ((a.f)(x + h) - (a.f)(x - h)) / (2.0 * h);
                assert!(((a.grad)(x) - numeric).abs() < 1e-6, "{} at {x}", a.name);
            }
        }
    }

    #[test]
    fn known_peak_slopes() {
        // Independent references: σ′(0) = 1/4, tanh′(0) = 1, SELU′(0⁻) = λα,
        // GELU′ peaks at x = √2 with value Φ(√2) + √2 φ(√2).
        assert!((by_name("sigmoid").peak_slope - 0.25).abs() < 1e-15);
        assert!((by_name("tanh").peak_slope - 1.0).abs() < 1e-15);
        let selu = by_name("SELU");
        assert!((selu.peak_slope - scalar::SELU_LAMBDA * scalar::SELU_ALPHA).abs() < 1e-12);
        let s2 = 2f64.sqrt();
        let gelu_peak =
            0.5 * libm::erfc(-1.0) + s2 * (-1.0f64).exp() / (2.0 * std::f64::consts::PI).sqrt();
        let gelu = by_name("GELU");
        assert!((gelu.peak_slope - gelu_peak).abs() < 1e-6);
        assert!((gelu.peak_at - s2).abs() < 1e-3);
    }

    #[test]
    fn ranges_and_flags() {
        assert_eq!(by_name("sigmoid").range(), "(0.0000, 1.0000)");
        assert_eq!(by_name("Leaky ReLU (α=0.1)").range(), "(-∞, ∞)");
        assert_eq!(by_name("ELU (α=1)").range(), "(-1.0000, ∞)");
        assert_eq!(by_name("SELU").range(), "(-1.7581, ∞)");
        assert_eq!(by_name("Leaky ReLU (α=0.1)").saturates(), "no");
        assert!(!by_name("Mish").monotone());
        assert!(!by_name("GELU").monotone());
        assert!(by_name("ELU (α=1)").monotone());
        assert!(by_name("SELU").zero_centred());
        assert!(!by_name("ELU (α=1)").zero_centred());
        assert!(!by_name("GELU").zero_centred());
        // E[relu(Z)] = 1/√(2π).
        let relu_mean = by_name("ReLU").gaussian_mean;
        assert!((relu_mean - 1.0 / (2.0 * std::f64::consts::PI).sqrt()).abs() < 1e-10);
    }
}
