//! The activations and their derivatives over `ndarray` arrays of any dimension.
//!
//! [`scalar`] is the source of truth: every function here maps its scalar namesake over the
//! elements (like `x.mapv(scalar::f)`), so the two always agree bit for bit and share the accuracy,
//! the stability tricks, the NaN and ±∞ behaviour documented there. The result has the input's
//! shape; an empty array gives an empty array of the same shape.
//!
//! Speed: for an array contiguous in row- or column-major order, the loop runs in a copy compiled
//! for AVX-512 or AVX2 + FMA, chosen at run time by the `multiversion` crate (other layouts use
//! `mapv`). Why: only with those wider instruction sets does LLVM turn the inlined scalar formula
//! into vector code, several times faster for the exp-based functions; and since the formulas use
//! plain `+`, `*`, `/` and selects, never a fused multiply-add, every copy computes the same bits.
//!
//! The prelude re-exports these under the plain names, so a cell writes `sigmoid(&x)`.
//!
//! ```
//! use actmath::prelude::*;
//! let x = array![-2.0, 0.0, 2.0];
//! let s = sigmoid(&x);
//! let by_hand = &s * &(1.0 - &s); // σ(1 − σ), fine at moderate x
//! assert!(sigmoid_grad(&x).abs_diff_eq(&by_hand, 1e-15));
//! ```

use crate::scalar;
use multiversion::multiversion;
use ndarray::{Array, ArrayBase, Data, Dimension, ShapeBuilder};

/// [f(x) for x in src], compiled for each target and dispatched at run time (see the module doc).
#[multiversion(targets("x86_64+avx512f+avx512dq+avx512vl+avx2+fma", "x86_64+avx2+fma"))]
fn map_slice(src: &[f64], f: impl Fn(f64) -> f64) -> Vec<f64> {
    src.iter().map(|&x| f(x)).collect()
}

/// f over every element: the dispatched loop when `x` is contiguous in row- or column-major
/// order (the result takes the same order), else `mapv`.
fn map<S, D>(x: &ArrayBase<S, D>, f: impl Fn(f64) -> f64) -> Array<f64, D>
where
    S: Data<Elem = f64>,
    D: Dimension,
{
    let shape = x.raw_dim();
    if let Some(src) = x.as_slice() {
        Array::from_shape_vec(shape, map_slice(src, f)).expect("same shape")
    } else if let Some(src) = x.view().reversed_axes().to_slice() {
        Array::from_shape_vec(shape.f(), map_slice(src, f)).expect("same shape")
    } else {
        x.mapv(f)
    }
}

/// Defines `pub fn name(x) -> Array` mapping a scalar function, with a doc line and a doc example.
macro_rules! elementwise {
    ($( $name:ident => $f:path, $formula:literal; )*) => {$(
        #[doc = concat!($formula, ", element-wise (maps [`", stringify!($f), "`]).")]
        ///
        /// ```
        /// use actmath::prelude::*;
        /// let x = array![[-1.0, 0.0], [1.0, 2.0]];
        #[doc = concat!("let y = ", stringify!($name), "(&x);")]
        /// assert_eq!(y.shape(), &[2, 2]);
        #[doc = concat!("assert_eq!(y[[1, 0]], ", stringify!($f), "(1.0));")]
        /// ```
        pub fn $name<S, D>(x: &ArrayBase<S, D>) -> Array<f64, D>
        where
            S: Data<Elem = f64>,
            D: Dimension,
        {
            map(x, $f)
        }
    )*};
}

/// Like `elementwise!`, for the functions with a parameter α.
macro_rules! elementwise_alpha {
    ($( $name:ident => $f:path, $formula:literal; )*) => {$(
        #[doc = concat!($formula, ", element-wise (maps [`", stringify!($f), "`]).")]
        ///
        /// ```
        /// use actmath::prelude::*;
        /// let x = array![[-1.0, 0.0], [1.0, 2.0]];
        #[doc = concat!("let y = ", stringify!($name), "(&x, 0.1);")]
        /// assert_eq!(y.shape(), &[2, 2]);
        #[doc = concat!("assert_eq!(y[[0, 0]], ", stringify!($f), "(-1.0, 0.1));")]
        /// ```
        pub fn $name<S, D>(x: &ArrayBase<S, D>, alpha: f64) -> Array<f64, D>
        where
            S: Data<Elem = f64>,
            D: Dimension,
        {
            map(x, |v| $f(v, alpha))
        }
    )*};
}

elementwise! {
    sigmoid => scalar::sigmoid, "σ(x) = 1 / (1 + e⁻ˣ)";
    sigmoid_grad => scalar::sigmoid_grad, "σ′(x) = σ(x)·σ(−x)";
    tanh => scalar::tanh, "tanh(x) = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)";
    tanh_grad => scalar::tanh_grad, "tanh′(x) = 1 − tanh²(x) = sech²(x)";
    relu => scalar::relu, "relu(x) = max(x, 0)";
    relu_grad => scalar::relu_grad, "relu′(x) = 1 if x > 0 else 0";
    selu => scalar::selu, "selu(x) = λ·x if x > 0 else λ·α·(eˣ − 1)";
    selu_grad => scalar::selu_grad, "selu′(x) = λ if x > 0 else λ·α·eˣ";
    softplus => scalar::softplus, "softplus(x) = ln(1 + eˣ)";
    softplus_grad => scalar::softplus_grad, "softplus′(x) = σ(x)";
    log_sigmoid => scalar::log_sigmoid, "ln σ(x) = −softplus(−x)";
    gelu => scalar::gelu, "gelu(x) = x·Φ(x) = ½·x·erfc(−x/√2)";
    gelu_grad => scalar::gelu_grad, "gelu′(x) = Φ(x) + x·φ(x)";
    gelu_tanh => scalar::gelu_tanh, "gelu_tanh(x) = ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))";
    gelu_tanh_grad => scalar::gelu_tanh_grad, "The derivative of gelu_tanh";
    silu => scalar::silu, "silu(x) = x·σ(x)";
    silu_grad => scalar::silu_grad, "silu′(x) = σ(x)·(1 + x·σ(−x))";
    mish => scalar::mish, "mish(x) = x·tanh(softplus(x))";
    mish_grad => scalar::mish_grad, "mish′(x) = tanh(sp) + x·sech²(sp)·σ(x), sp = softplus(x)";
    hard_sigmoid => scalar::hard_sigmoid, "hard_sigmoid(x) = relu6(x + 3) / 6";
    hard_swish => scalar::hard_swish, "hard_swish(x) = x·relu6(x + 3) / 6";
}

elementwise_alpha! {
    leaky_relu => scalar::leaky_relu, "leaky_relu(x, α) = x if x > 0 else α·x";
    leaky_relu_grad => scalar::leaky_relu_grad, "leaky_relu′(x, α) = 1 if x > 0 else α";
    elu => scalar::elu, "elu(x, α) = x if x > 0 else α·(eˣ − 1)";
    elu_grad => scalar::elu_grad, "elu′(x, α) = 1 if x > 0 else α·eˣ";
}
