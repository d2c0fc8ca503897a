//! The math of activation functions, with answer checks and plots, for Rust teaching notebooks.
//!
//! `actmath` is the crate behind the activation-function notebooks in `notebooks/`. A notebook
//! cell loads it with one line and one import:
//!
//! ```text
//! :dep actmath = { path = "../crates/actmath" }
//! use actmath::prelude::*;
//! ```
//!
//! ```
//! use actmath::prelude::*;
//! let x = array![-1.0, 0.0, 1.0];
//! let s = sigmoid(&x);
//! let deriv = &s * &(1.0 - &s);
//! assert!(check_close("center derivative", deriv[1], 0.25, 1e-7));
//! ```
//!
//! # Where the math lives
//!
//! [`scalar`] holds every activation as an `f64 -> f64` formula, accurate over the whole `f64`
//! range; it is the single source of truth. [`array`](mod@array) maps those formulas over `ndarray` arrays of
//! any dimension, and everything else builds on the two.
//!
//! | module | what | formulas |
//! |---|---|---|
//! | [`scalar`] | activations and derivatives on one number | [`sigmoid`](scalar::sigmoid) σ(x) = 1/(1+e⁻ˣ); [`sigmoid_grad`](scalar::sigmoid_grad) σ(x)σ(−x); [`tanh_grad`](scalar::tanh_grad) 1 − tanh²x; [`relu`](scalar::relu) max(x, 0); [`relu_grad`](scalar::relu_grad) 1 if x > 0 else 0; [`leaky_relu`](scalar::leaky_relu) x if x > 0 else αx; [`leaky_relu_grad`](scalar::leaky_relu_grad) 1 or α; [`elu`](scalar::elu) x if x > 0 else α(eˣ − 1); [`elu_grad`](scalar::elu_grad) 1 or αeˣ; [`selu`](scalar::selu) λ·elu(x, α); [`selu_grad`](scalar::selu_grad) λ or λαeˣ; [`softplus`](scalar::softplus) ln(1 + eˣ); [`softplus_grad`](scalar::softplus_grad) σ(x); [`log_sigmoid`](scalar::log_sigmoid) ln σ(x); [`gelu`](scalar::gelu) x·Φ(x); [`gelu_grad`](scalar::gelu_grad) Φ(x) + xφ(x); [`gelu_tanh`](scalar::gelu_tanh) ½x(1 + tanh(√(2/π)(x + 0.044715x³))); [`gelu_tanh_grad`](scalar::gelu_tanh_grad) its derivative; [`silu`](scalar::silu) xσ(x); [`silu_grad`](scalar::silu_grad) σ(x)(1 + xσ(−x)); [`mish`](scalar::mish) x·tanh(softplus x); [`mish_grad`](scalar::mish_grad) its derivative; [`hard_sigmoid`](scalar::hard_sigmoid) relu6(x + 3)/6; [`hard_swish`](scalar::hard_swish) x·relu6(x + 3)/6 |
//! | [`array`](mod@array) | the same over arrays, plus `tanh` | each maps its scalar namesake element-wise |
//! | [`softmax`] | distributions over logits | [`softmax`](softmax::softmax) e^{zᵢ−m}/Σⱼe^{zⱼ−m} with m = max z; [`softmax_axis`](softmax::softmax_axis) the same along an axis; [`log_softmax`](softmax::log_softmax) z − m − ln Σ e^{z−m}; [`softmax_temperature`](softmax::softmax_temperature) softmax(z/t); [`entropy`](softmax::entropy) −Σ pᵢ ln pᵢ; [`softmax_jacobian`](softmax::softmax_jacobian) diag(s) − s sᵀ |
//! | [`gates`] | gated units | [`glu`](gates::glu) a ⊙ σ(b); [`glu_grad_a`](gates::glu_grad_a) σ(b); [`glu_grad_b`](gates::glu_grad_b) a ⊙ σ′(b); [`swiglu`](gates::swiglu) a ⊙ silu(b); [`geglu`](gates::geglu) a ⊙ gelu(b); [`swiglu_hidden_size`](gates::swiglu_hidden_size) 8d/3 rounded up |
//! | [`init`] | initialisation | [`xavier_variance`](init::xavier_variance) 2/(n_in + n_out); [`he_variance`](init::he_variance) 2/n_in; [`lecun_variance`](init::lecun_variance) 1/n_in; [`normal_weights`](init::normal_weights) seeded N(0, var) samples from `ChaCha8Rng` |
//! | [`diagnostics`] | dead and saturated units | [`active_fraction`](diagnostics::active_fraction) share of samples with x > 0; [`dead_units`](diagnostics::dead_units) active fraction < threshold; [`saturation_fraction`](diagnostics::saturation_fraction) share of samples with \|x\| ≥ bound |
//! | [`affine`] | affine layers | [`affine`](affine::affine) W x + b; [`compose_affine`](affine::compose_affine) (W₂W₁, W₂b₁ + b₂) |
//! | [`check`] | the original's answer checks | [`check_close`](check::check_close) \|v − e\| ≤ tol + tol·\|e\| element-wise; [`check_true`](check::check_true); [`header`](check::header) |
//! | [`plot`] | figures | [`Figure`](plot::Figure): lines, bars, heat maps, panel grids; SVG + PNG in one notebook output |
//! | [`simulate`] | seeded experiments | [`gaussian_expectation`](simulate::gaussian_expectation) E[f(μ + σZ)] by Simpson's rule; [`gaussian_moments`](simulate::gaussian_moments) mean and variance of f(μ + σZ); [`RandomNet`](simulate::RandomNet) z_l = h_{l−1}(√v·U_l), h_l = φ(z_l): activation variance and gradient size through depth; [`TinyReluNet`](simulate::TinyReluNet) y = W₂ relu(W₁x + b₁) + b₂; [`relu_preactivations`](simulate::relu_preactivations) x W + b for random x; [`max_abs_diff`](simulate::max_abs_diff) max \|aᵢ − bᵢ\| |
//! | [`zoo`] | every activation side by side | [`zoo`](zoo::zoo) name, f and f′ of each; [`Activation::profile`](zoo::Activation::profile) range, E[f(Z)], saturation, monotonicity and peak slope measured on a grid |
//! | [`exercises`] | the exercises notebook's grading | ten exercise constants ([`SIGMOID_DERIVATIVE`](exercises::SIGMOID_DERIVATIVE) … [`DEAD_RELU`](exercises::DEAD_RELU)) with fixed inputs and checks against closed forms and finite differences; [`Scoreboard`](exercises::Scoreboard) records each exercise's student and reference status and prints the final table |
//!
//! The stability tricks, one per family: logistic functions never form e^x for large positive x
//! (they work with e^(−|x|) ≤ 1 and pick the form for the sign of x); softmax subtracts the
//! maximum before exponentiating; GELU goes through erfc with a compensated argument, so its
//! negative tail keeps full relative accuracy. Each module's documentation says more.

pub mod affine;
pub mod array;
pub mod check;
pub mod diagnostics;
pub mod exercises;
pub mod gates;
pub mod init;
pub mod plot;
pub mod scalar;
pub mod simulate;
pub mod softmax;
pub mod zoo;

/// Everything a notebook cell needs: `use actmath::prelude::*;`.
pub mod prelude {
    pub use crate::affine::*;
    pub use crate::array::*;
    pub use crate::check::*;
    pub use crate::diagnostics::*;
    pub use crate::exercises::{
        AFFINE_COLLAPSE, DEAD_RELU, GELU_VS_SILU, GLU, HE_VARIANCE, RELU_FAMILY,
        SIGMOID_DERIVATIVE, SOFTMAX_JACOBIAN, STABLE_SOFTMAX, Scoreboard, Status, TANH_DERIVATIVE,
        relu_signal_through_layers, takeaway,
    };
    pub use crate::gates::*;
    pub use crate::init::*;
    pub use crate::plot::*;
    pub use crate::scalar;
    pub use crate::simulate::*;
    pub use crate::softmax::*;
    pub use crate::zoo::*;
    pub use ndarray::{self, Array, Array1, Array2, ArrayView1, ArrayView2, Axis, array, s};
}
