//! Small seeded experiments: signals and gradients in deep random networks, a tiny ReLU network,
//! Gaussian expectations and ReLU layers with dead units.
//!
//! The networks are plain stacks without biases: `z_l = h_{l−1} W_l`, `h_l = φ(z_l)`, one row per sample,
//! with `W_l` of shape width × width and entries drawn from N(0, v). Backpropagation carries the gradient
//! down as `g_{l−1} = (g_l W_lᵀ) ⊙ φ′(z_{l−1})`. Every random draw goes through
//! [`normal_weights`] with a fixed seed, so the same call gives the same numbers on
//! every run and every machine.
//!
//! | function | what it returns |
//! |---|---|
//! | [`gaussian_expectation`] | E[f(μ + σU)] for U ~ N(0, 1), by Simpson's rule |
//! | [`gaussian_moments`] | mean and variance of f(μ + σU) |
//! | [`RandomNet`] | a seeded deep random network: activation variance and gradient size through depth |
//! | [`TinyReluNet`] | a 1 → hidden → 1 ReLU network: output, the same weights without ReLU, kinks |
//! | [`relu_preactivations`] | pre-activations `x W + b` of one layer for random inputs |
//! | [`max_abs_diff`] | the largest \|aᵢ − bᵢ\|, to compare two computations of the same thing |

use crate::init::normal_weights;
use ndarray::{Array1, Array2, Axis};

/// Half-width of the integration range of [`gaussian_expectation`], in standard deviations.
const GAUSS_RANGE: f64 = 12.0;
/// Simpson intervals on each side of the split point in [`gaussian_expectation`] (even).
const GAUSS_INTERVALS: usize = 2000;

/// E[f(X)] for X ~ N(mean, std²), computed as ∫ f(mean + std·u) φ(u) du with φ(u) = e^(−u²/2)/√(2π).
///
/// The integral runs over u ∈ [−12, 12] (the rest of the normal mass is below 10⁻³²) with composite
/// Simpson's rule, split at the point where the argument `mean + std·u` is 0, because that is where
/// ReLU-like activations have their kink; each side then has a smooth integrand and Simpson's error
/// is O(h⁴). For activations that are smooth apart from a kink at 0 and grow no faster than
/// polynomially, the result is accurate to about 10⁻¹⁰.
///
/// `std == 0` returns `f(mean)`. A negative or NaN `std`, or a NaN `mean`, returns NaN.
///
/// ```
/// use actmath::simulate::gaussian_expectation;
/// // E[X²] = 1 and E[max(X, 0)] = 1/√(2π) for a standard normal X.
/// assert!((gaussian_expectation(|x| x * x, 0.0, 1.0) - 1.0).abs() < 1e-10);
/// let half_mean = 1.0 / (2.0 * std::f64::consts::PI).sqrt();
/// assert!((gaussian_expectation(|x| x.max(0.0), 0.0, 1.0) - half_mean).abs() < 1e-10);
/// ```
pub fn gaussian_expectation(f: fn(f64) -> f64, mean: f64, std: f64) -> f64 {
    normal_integral(&f, mean, std)
}

/// E[h(X)] for X ~ N(mean, std²): the integral behind [`gaussian_expectation`].
fn normal_integral(h: &dyn Fn(f64) -> f64, mean: f64, std: f64) -> f64 {
    if std.is_nan() || mean.is_nan() || std < 0.0 {
        return f64::NAN;
    }
    if std == 0.0 {
        return h(mean);
    }
    let g = |u: f64| h(mean + std * u) * (-0.5 * u * u).exp();
    let kink = -mean / std;
    let total = if kink > -GAUSS_RANGE && kink < GAUSS_RANGE {
        simpson(&g, -GAUSS_RANGE, kink) + simpson(&g, kink, GAUSS_RANGE)
    } else {
        simpson(&g, -GAUSS_RANGE, GAUSS_RANGE)
    };
    total / (2.0 * std::f64::consts::PI).sqrt()
}

/// Composite Simpson's rule for ∫ₐᵇ g with [`GAUSS_INTERVALS`] intervals.
fn simpson(g: &dyn Fn(f64) -> f64, a: f64, b: f64) -> f64 {
    let n = GAUSS_INTERVALS;
    let h = (b - a) / n as f64;
    let mut sum = g(a) + g(b);
    for i in 1..n {
        let weight = if i % 2 == 1 { 4.0 } else { 2.0 };
        sum += weight * g(a + i as f64 * h);
    }
    sum * h / 3.0
}

/// Mean and variance of f(X) for X ~ N(mean, std²): `(E[f(X)], E[f(X)²] − E[f(X)]²)`.
///
/// Both expectations come from [`gaussian_expectation`], with its edge cases.
///
/// ```
/// use actmath::simulate::gaussian_moments;
/// // For ReLU of a standard normal: mean 1/√(2π), variance 1/2 − 1/(2π).
/// let (m, v) = gaussian_moments(|x| x.max(0.0), 0.0, 1.0);
/// let pi = std::f64::consts::PI;
/// assert!((m - 1.0 / (2.0 * pi).sqrt()).abs() < 1e-10);
/// assert!((v - (0.5 - 0.5 / pi)).abs() < 1e-10);
/// ```
pub fn gaussian_moments(f: fn(f64) -> f64, mean: f64, std: f64) -> (f64, f64) {
    let m = normal_integral(&f, mean, std);
    let second = normal_integral(&|x: f64| f(x) * f(x), mean, std);
    (m, second - m * m)
}

/// Population variance of all entries of `a` (mean over every entry, divided by the count).
fn variance_all(a: &Array2<f64>) -> f64 {
    let n = a.len() as f64;
    let mean = a.sum() / n;
    a.fold(0.0, |acc, &v| acc + (v - mean) * (v - mean)) / n
}

/// Root mean square of all entries of `a`.
fn rms(a: &Array2<f64>) -> f64 {
    (a.fold(0.0, |acc, &v| acc + v * v) / a.len() as f64).sqrt()
}

/// A deep random network without biases, to watch signals and gradients travel through depth.
///
/// It holds seeded standard-normal draws: an input x (samples × width), one matrix U_l
/// (width × width) per layer and an upstream gradient G (samples × width). The weights are
/// W_l = √v · U_l for the weight variance v that each experiment passes, so experiments with
/// different initialisations and activations run on the *same* random network, and only the
/// scale and the activation change. Layer l computes z_l = h_{l−1} W_l, h_l = φ(z_l), h_0 = x.
///
/// Seeds: x uses `seed`, U_l uses `seed + l` (l = 1..=depth), G uses `seed + depth + 1`, all through
/// [`normal_weights`]. A width or sample count of 0 gives NaN sizes.
///
/// ```
/// use actmath::prelude::*;
/// let net = RandomNet::new(64, 10, 32, 1);
/// let v = net.variances(scalar::relu, he_variance(64));
/// assert_eq!(v.len(), 11); // the input and 10 layers
/// let g = net.gradient_sizes(scalar::sigmoid, scalar::sigmoid_grad, xavier_variance(64, 64));
/// assert_eq!(g.len(), 10);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct RandomNet {
    /// The input, samples × width, N(0, 1) entries.
    pub input: Array2<f64>,
    /// One width × width matrix of N(0, 1) entries per layer (scaled by √v when used).
    pub weights: Vec<Array2<f64>>,
    /// The gradient that enters at the last layer, samples × width, N(0, 1) entries.
    pub upstream: Array2<f64>,
}

impl RandomNet {
    /// Draw a network of `depth` layers of `width` units, fed `samples` inputs (see the type docs).
    ///
    /// ```
    /// use actmath::simulate::RandomNet;
    /// let net = RandomNet::new(8, 3, 5, 42);
    /// assert_eq!(net.input.dim(), (5, 8));
    /// assert_eq!(net.weights.len(), 3);
    /// assert_eq!(net, RandomNet::new(8, 3, 5, 42)); // same seed, same network
    /// ```
    pub fn new(width: usize, depth: usize, samples: usize, seed: u64) -> Self {
        RandomNet {
            input: normal_weights(samples, width, 1.0, seed),
            weights: (1..=depth)
                .map(|l| normal_weights(width, width, 1.0, seed + l as u64))
                .collect(),
            upstream: normal_weights(samples, width, 1.0, seed + depth as u64 + 1),
        }
    }

    /// The pre-activations z_1..z_depth for activation `act` and weight variance `weight_variance`.
    fn preactivations(&self, act: fn(f64) -> f64, weight_variance: f64) -> Vec<Array2<f64>> {
        let scale = weight_variance.sqrt();
        let mut out: Vec<Array2<f64>> = Vec::with_capacity(self.weights.len());
        for (l, u) in self.weights.iter().enumerate() {
            let z = if l == 0 {
                self.input.dot(u) * scale
            } else {
                out[l - 1].mapv(act).dot(u) * scale
            };
            out.push(z);
        }
        out
    }

    /// Var(h_l) for l = 0..=depth: the variance of the activations layer by layer, over all samples
    /// and units (element 0 is the input's). Weight variance `weight_variance`: pass
    /// [`xavier_variance`](crate::init::xavier_variance)`(n, n)` or
    /// [`he_variance`](crate::init::he_variance)`(n)` to compare initialisations.
    ///
    /// A variance that keeps its size means the signal survives the depth; one that shrinks or grows
    /// geometrically means it vanishes or explodes.
    ///
    /// ```
    /// use actmath::simulate::RandomNet;
    /// // With no activation and variance 1/n, every layer keeps the variance near 1.
    /// let net = RandomNet::new(200, 3, 200, 7);
    /// let v = net.variances(|x| x, 1.0 / 200.0);
    /// assert!(v.iter().all(|&vl| (vl - 1.0).abs() < 0.2));
    /// ```
    pub fn variances(&self, act: fn(f64) -> f64, weight_variance: f64) -> Vec<f64> {
        let mut out = vec![variance_all(&self.input)];
        for z in self.preactivations(act, weight_variance) {
            out.push(variance_all(&z.mapv(act)));
        }
        out
    }

    /// Size of the backpropagated gradient k layers below the output, relative to its size at the
    /// output, for k = 0..depth−1 (element 0 is 1).
    ///
    /// The upstream gradient g = G enters at the last pre-activation z_depth and travels down as
    /// g ← (g W_lᵀ) ⊙ φ′(z_{l−1}); element k is RMS(gradient at z_{depth−k}) / RMS(G). On the way
    /// down k layers the gradient is multiplied by k weight matrices and k activation derivatives;
    /// for the sigmoid each derivative is at most ¼, so with weights that keep the size on average
    /// (variance 1/width) the result falls like (¼)^k.
    ///
    /// A network of depth 0 gives an empty vector.
    ///
    /// ```
    /// use actmath::prelude::*;
    /// let net = RandomNet::new(64, 10, 64, 1);
    /// let g = net.gradient_sizes(scalar::sigmoid, scalar::sigmoid_grad, 1.0 / 64.0);
    /// assert_eq!(g[0], 1.0);
    /// assert!(g[9] < 0.25f64.powi(9)); // nine sigmoid layers: below (1/4)^9
    /// ```
    pub fn gradient_sizes(
        &self,
        act: fn(f64) -> f64,
        act_grad: fn(f64) -> f64,
        weight_variance: f64,
    ) -> Vec<f64> {
        let depth = self.weights.len();
        if depth == 0 {
            return Vec::new();
        }
        let z = self.preactivations(act, weight_variance);
        let scale = weight_variance.sqrt();
        let top = rms(&self.upstream);
        let mut g = self.upstream.clone();
        let mut out = vec![rms(&g) / top];
        for l in (1..depth).rev() {
            // g is the gradient at z_{l+1} (index l); W_{l+1} = scale · weights[l]; move it to z_l.
            g = g.dot(&self.weights[l].t()) * scale * z[l - 1].mapv(act_grad);
            out.push(rms(&g) / top);
        }
        out
    }
}

/// A network with one input, one hidden ReLU layer and one output:
/// `y = W2 · relu(W1 x + b1) + b2`, with W1 of shape hidden × 1 and W2 of shape 1 × hidden.
///
/// Its output is piecewise linear in x: unit j switches on or off where `w1_j x + b1_j = 0`, that is
/// at x = −b1_j / w1_j (a "kink"), and between kinks y is a straight line. The same weights without
/// the ReLU give one straight line, `(W2 W1) x + (W2 b1 + b2)`.
///
/// ```
/// use actmath::prelude::*;
/// use actmath::simulate::TinyReluNet;
/// let net = TinyReluNet::new(5, 3);
/// let x = array![-1.0, 0.0, 2.0];
/// assert_eq!(net.forward(&x).len(), 3);
/// assert_eq!(net.kinks().len(), 5);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct TinyReluNet {
    /// First-layer weights, hidden × 1, entries N(0, 1).
    pub w1: Array2<f64>,
    /// First-layer biases, length hidden, entries N(0, 1).
    pub b1: Array1<f64>,
    /// Second-layer weights, 1 × hidden, entries N(0, 1).
    pub w2: Array2<f64>,
    /// Output bias, length 1, zero.
    pub b2: Array1<f64>,
}

impl TinyReluNet {
    /// A network with `hidden` ReLU units and seeded N(0, 1) weights and first-layer biases
    /// (seeds `seed`, `seed + 1`, `seed + 2` for W1, b1, W2); the output bias is 0.
    ///
    /// ```
    /// use actmath::simulate::TinyReluNet;
    /// let a = TinyReluNet::new(4, 9);
    /// assert_eq!(a, TinyReluNet::new(4, 9)); // same seed, same network
    /// assert_eq!(a.w1.dim(), (4, 1));
    /// assert_eq!(a.w2.dim(), (1, 4));
    /// ```
    pub fn new(hidden: usize, seed: u64) -> Self {
        TinyReluNet {
            w1: normal_weights(hidden, 1, 1.0, seed),
            b1: normal_weights(1, hidden, 1.0, seed + 1).row(0).to_owned(),
            w2: normal_weights(1, hidden, 1.0, seed + 2),
            b2: Array1::zeros(1),
        }
    }

    /// The output y_i = Σ_j w2_j · relu(w1_j x_i + b1_j) + b2 for every input x_i.
    ///
    /// ```
    /// use actmath::prelude::*;
    /// use actmath::simulate::TinyReluNet;
    /// let net = TinyReluNet::new(3, 0);
    /// let y = net.forward(&array![0.5]);
    /// let by_hand: f64 = (0..3)
    ///     .map(|j| net.w2[[0, j]] * (net.w1[[j, 0]] * 0.5 + net.b1[j]).max(0.0))
    ///     .sum();
    /// assert!((y[0] - by_hand).abs() < 1e-12);
    /// ```
    pub fn forward(&self, x: &Array1<f64>) -> Array1<f64> {
        self.output(x, true)
    }

    /// The same weights with the ReLU removed: y_i = Σ_j w2_j (w1_j x_i + b1_j) + b2, a straight line.
    ///
    /// ```
    /// use actmath::prelude::*;
    /// use actmath::simulate::TinyReluNet;
    /// let net = TinyReluNet::new(4, 1);
    /// let y = net.forward_linear(&array![0.0, 1.0, 2.0]);
    /// // Equal steps in x give equal steps in y.
    /// assert!(((y[2] - y[1]) - (y[1] - y[0])).abs() < 1e-12);
    /// ```
    pub fn forward_linear(&self, x: &Array1<f64>) -> Array1<f64> {
        self.output(x, false)
    }

    fn output(&self, x: &Array1<f64>, with_relu: bool) -> Array1<f64> {
        // Rows = samples: z = x w1ᵀ + b1 (n × hidden), y = h w2ᵀ + b2.
        let x_col = x.view().insert_axis(Axis(1));
        let z = x_col.dot(&self.w1.t()) + &self.b1;
        let h = if with_relu { z.mapv(|v| v.max(0.0)) } else { z };
        h.dot(&self.w2.t()).column(0).to_owned() + self.b2[0]
    }

    /// The inputs where a hidden unit switches, x = −b1_j / w1_j, sorted ascending.
    /// Units with w1_j = 0 never switch and are left out.
    ///
    /// ```
    /// use actmath::prelude::*;
    /// use actmath::simulate::TinyReluNet;
    /// let net = TinyReluNet::new(6, 2);
    /// for k in net.kinks() {
    ///     // Just left and right of a kink, the slope of the output differs.
    ///     let y = net.forward(&array![k - 2e-3, k - 1e-3, k + 1e-3, k + 2e-3]);
    ///     let (left, right) = ((y[1] - y[0]) / 1e-3, (y[3] - y[2]) / 1e-3);
    ///     assert!((left - right).abs() > 1e-6);
    /// }
    /// ```
    pub fn kinks(&self) -> Vec<f64> {
        let mut k: Vec<f64> = self
            .b1
            .iter()
            .zip(self.w1.column(0))
            .filter(|&(_, &w)| w != 0.0)
            .map(|(&b, &w)| -b / w)
            .collect();
        k.sort_by(f64::total_cmp);
        k
    }
}

/// Pre-activations `z = x W + b` of one ReLU layer for `samples` random inputs.
///
/// Rows are samples and columns are units, the layout that
/// [`active_fraction`](crate::diagnostics::active_fraction) expects. Inputs x have N(0, 1) entries
/// (seed `seed`), W is n_in × n_out with N(0, `weight_variance`) entries (seed `seed + 1`) and every
/// unit gets the same `bias`. Unit j is active on a sample when z > 0; since z_j ~ N(b, ‖w_j‖²), a
/// bias that is negative compared with the weights' scale switches units off for almost every input.
///
/// ```
/// use actmath::simulate::relu_preactivations;
/// let z = relu_preactivations(1000, 16, 8, 2.0 / 16.0, -100.0, 0);
/// assert_eq!(z.dim(), (1000, 8));
/// assert!(z.iter().all(|&v| v < 0.0)); // a bias of −100 silences every unit
/// ```
pub fn relu_preactivations(
    samples: usize,
    n_in: usize,
    n_out: usize,
    weight_variance: f64,
    bias: f64,
    seed: u64,
) -> Array2<f64> {
    let x = normal_weights(samples, n_in, 1.0, seed);
    let w = normal_weights(n_in, n_out, weight_variance, seed + 1);
    x.dot(&w) + bias
}

/// The largest absolute difference max |aᵢ − bᵢ| between two arrays of the same length: how far
/// apart two computations of the same curve are.
///
/// Empty arrays give 0. A NaN in either array gives NaN (a difference that cannot be measured is
/// not hidden); two infinities of the same sign count as equal (difference 0).
///
/// # Panics
/// If the lengths differ.
///
/// ```
/// use actmath::prelude::*;
/// assert_eq!(max_abs_diff(&array![1.0, 2.0, 3.0], &array![1.0, 2.5, 2.0]), 1.0);
/// assert!(max_abs_diff(&array![f64::NAN], &array![0.0]).is_nan());
/// ```
pub fn max_abs_diff(a: &Array1<f64>, b: &Array1<f64>) -> f64 {
    assert_eq!(
        a.len(),
        b.len(),
        "max_abs_diff: arrays of different lengths"
    );
    let mut worst: f64 = 0.0;
    for (&x, &y) in a.iter().zip(b) {
        let d = if x == y { 0.0 } else { (x - y).abs() };
        if d.is_nan() {
            return f64::NAN;
        }
        worst = worst.max(d);
    }
    worst
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scalar;
    use std::f64::consts::PI;

    #[test]
    fn gaussian_expectation_matches_closed_forms() {
        // E[e^X] = e^(μ + σ²/2).
        let e = gaussian_expectation(f64::exp, 0.3, 0.7);
        assert!((e - (0.3f64 + 0.245).exp()).abs() < 1e-11);
        // E[max(X, 0)] for X ~ N(μ, σ²) = μ Φ(μ/σ) + σ φ(μ/σ), with the kink away from the centre.
        let (m, s) = (0.8, 1.5);
        let t: f64 = m / s;
        let cdf = 0.5 * libm::erfc(-t / 2f64.sqrt());
        let pdf = (-0.5 * t * t).exp() / (2.0 * PI).sqrt();
        let expected = m * cdf + s * pdf;
        let got = gaussian_expectation(|x| x.max(0.0), m, s);
        assert!((got - expected).abs() < 1e-11, "{got} {expected}");
    }

    #[test]
    fn gaussian_expectation_edge_cases() {
        assert_eq!(gaussian_expectation(|x| x * 3.0, 2.0, 0.0), 6.0);
        assert!(gaussian_expectation(|x| x, 0.0, -1.0).is_nan());
        assert!(gaussian_expectation(|x| x, f64::NAN, 1.0).is_nan());
        assert!(gaussian_expectation(|x| x, 0.0, f64::NAN).is_nan());
        // A kink far outside the range is handled by a single Simpson pass.
        assert!((gaussian_expectation(|x| x.max(0.0), 100.0, 1.0) - 100.0).abs() < 1e-10);
    }

    #[test]
    fn selu_constants_are_the_fixed_point() {
        // SELU maps N(0, 1) to mean 0 and variance 1: that is what its two constants are chosen for.
        let (m, v) = gaussian_moments(scalar::selu, 0.0, 1.0);
        assert!(m.abs() < 1e-9, "mean {m}");
        assert!((v - 1.0).abs() < 1e-9, "variance {v}");
        // ELU with α = 1 does not.
        let (m, _) = gaussian_moments(|x| scalar::elu(x, 1.0), 0.0, 1.0);
        assert!(m > 0.1);
    }

    #[test]
    fn variance_relu_xavier_halves_and_he_keeps() {
        let n = 128;
        let net = RandomNet::new(n, 20, 128, 5);
        let xavier = net.variances(scalar::relu, 1.0 / n as f64);
        let he = net.variances(scalar::relu, 2.0 / n as f64);
        // Each ReLU layer with variance 1/n halves the second moment: 2^-19 between layers 1 and 20.
        let ratio = xavier[20] / xavier[1];
        assert!(
            ratio > 0.25 * 0.5f64.powi(19) && ratio < 4.0 * 0.5f64.powi(19),
            "{ratio}"
        );
        let ratio = he[20] / he[1];
        assert!(ratio > 0.25 && ratio < 4.0, "{ratio}");
    }

    #[test]
    fn random_net_edges_and_determinism() {
        let net = RandomNet::new(10, 0, 50, 3);
        assert_eq!(net.variances(f64::tanh, 0.01).len(), 1);
        assert!(
            net.gradient_sizes(f64::tanh, scalar::tanh_grad, 0.01)
                .is_empty()
        );
        let empty = RandomNet::new(0, 2, 50, 3);
        assert!(empty.variances(f64::tanh, 0.01).iter().all(|x| x.is_nan()));
        let a = RandomNet::new(16, 4, 8, 11).variances(f64::tanh, 0.02);
        let b = RandomNet::new(16, 4, 8, 11).variances(f64::tanh, 0.02);
        assert_eq!(a, b);
    }

    #[test]
    fn gradient_matches_finite_difference() {
        // s = Σ G ⊙ z_depth as a function of z_1; the backward pass computes ∂s/∂z_1 before taking
        // the RMS. Recompute that RMS by central differences, perturbing one entry of z_1 at a time.
        let (width, depth, samples, v) = (4, 3, 2, 0.5f64);
        let act: fn(f64) -> f64 = f64::tanh;
        let net = RandomNet::new(width, depth, samples, 9);
        let z1 = net.input.dot(&net.weights[0]) * v.sqrt();
        let s_of = |z1: &Array2<f64>| {
            let mut z = z1.clone();
            for u in &net.weights[1..] {
                z = z.mapv(act).dot(u) * v.sqrt();
            }
            (&z * &net.upstream).sum()
        };
        let mut sq = 0.0;
        let h = 1e-6;
        for i in 0..samples {
            for j in 0..width {
                let mut up = z1.clone();
                up[[i, j]] += h;
                let mut down = z1.clone();
                down[[i, j]] -= h;
                let d = (s_of(&up) - s_of(&down)) / (2.0 * h);
                sq += d * d;
            }
        }
        let numeric = (sq / (samples * width) as f64).sqrt() / rms(&net.upstream);
        let g = net.gradient_sizes(act, scalar::tanh_grad, v);
        assert_eq!(g.len(), depth);
        assert!(
            (g[depth - 1] - numeric).abs() < 1e-7,
            "{} vs {numeric}",
            g[depth - 1]
        );
    }

    #[test]
    fn sigmoid_gradient_under_quarter_power_relu_he_does_not_vanish() {
        let n = 64;
        let net = RandomNet::new(n, 20, n, 4);
        let g = net.gradient_sizes(scalar::sigmoid, scalar::sigmoid_grad, 1.0 / n as f64);
        for (k, &gk) in g.iter().enumerate() {
            assert!(gk <= 0.25f64.powi(k as i32) * 1.0001, "k={k}: {gk}");
        }
        let g = net.gradient_sizes(scalar::relu, scalar::relu_grad, 2.0 / n as f64);
        assert!(g[19] > 0.1 && g[19] < 10.0, "{}", g[19]);
    }

    #[test]
    fn tiny_net_is_piecewise_linear_with_kinks_at_minus_b_over_w() {
        let net = TinyReluNet::new(6, 2);
        let kinks = net.kinks();
        // Between two neighbouring kinks, the output is exactly linear: its midpoint is the average.
        for pair in kinks.windows(2) {
            let (a, b) = (pair[0] + 1e-9, pair[1] - 1e-9);
            let y = net.forward(&Array1::from(vec![a, 0.5 * (a + b), b]));
            assert!((y[1] - 0.5 * (y[0] + y[2])).abs() < 1e-9);
        }
        // Without ReLU: a straight line through the composed affine map.
        let a = net.w2.dot(&net.w1)[[0, 0]];
        let c = net.w2.dot(&net.b1)[0] + net.b2[0];
        let y = net.forward_linear(&Array1::from(vec![-2.0, 3.0]));
        assert!((y[0] - (a * -2.0 + c)).abs() < 1e-12);
        assert!((y[1] - (a * 3.0 + c)).abs() < 1e-12);
        // A unit with zero input weight has no kink.
        let mut flat = net.clone();
        flat.w1[[0, 0]] = 0.0;
        assert_eq!(flat.kinks().len(), 5);
        assert!(
            TinyReluNet::new(0, 1)
                .forward(&Array1::from(vec![1.0]))
                .iter()
                .all(|&v| v == 0.0)
        );
    }

    #[test]
    fn max_abs_diff_edges() {
        let e = Array1::<f64>::zeros(0);
        assert_eq!(max_abs_diff(&e, &e), 0.0);
        let inf = Array1::from(vec![f64::INFINITY, -1.0]);
        assert_eq!(
            max_abs_diff(&inf, &Array1::from(vec![f64::INFINITY, 1.0])),
            2.0
        );
        assert!(max_abs_diff(&inf, &Array1::from(vec![0.0, 1.0])).is_infinite());
        assert!(
            max_abs_diff(
                &Array1::from(vec![0.0, 1.0]),
                &Array1::from(vec![0.0, f64::NAN])
            )
            .is_nan()
        );
        let r = std::panic::catch_unwind(|| max_abs_diff(&e, &inf));
        assert!(r.is_err());
    }

    #[test]
    fn preactivations_shift_with_bias() {
        let z0 = relu_preactivations(200, 8, 4, 0.25, 0.0, 3);
        let z1 = relu_preactivations(200, 8, 4, 0.25, -2.0, 3);
        assert!((&z0 - &z1).iter().all(|&d| (d - 2.0).abs() < 1e-12));
    }
}
