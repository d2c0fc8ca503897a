//! Gated linear units: GLU, SwiGLU and GeGLU.
//!
//! A gate multiplies a "content" path a by a squashed "gate" path b: y = a ⊙ f(b), element-wise,
//! with f = σ (GLU), SiLU (SwiGLU) or GELU (GeGLU). The product rule gives two gradient paths,
//! ∂y/∂a = f(b) and ∂y/∂b = a ⊙ f′(b). No numerical trick is needed beyond a stable f.
//!
//! a and b must have the same shape; a mismatch panics with both shapes in the message.

use crate::check::shape_str;
use crate::scalar;
use ndarray::{Array, ArrayBase, Data, Dimension, Zip};

fn gate<S1, S2, D>(
    what: &str,
    a: &ArrayBase<S1, D>,
    b: &ArrayBase<S2, D>,
    f: impl Fn(f64, f64) -> f64,
) -> Array<f64, D>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
    D: Dimension,
{
    assert!(
        a.shape() == b.shape(),
        "{what}: a and b must have the same shape, got a {} and b {}",
        shape_str(a.shape()),
        shape_str(b.shape())
    );
    Zip::from(a).and(b).map_collect(|&a, &b| f(a, b))
}

/// GLU: y = a ⊙ σ(b), element-wise.
///
/// # Panics
/// If a and b have different shapes.
///
/// ```
/// use actmath::prelude::*;
/// let y = glu(&array![2.0, -1.0], &array![0.0, 2.0]);
/// assert_eq!(y[0], 1.0); // 2 · σ(0) = 2 · 0.5
/// ```
pub fn glu<S1, S2, D>(a: &ArrayBase<S1, D>, b: &ArrayBase<S2, D>) -> Array<f64, D>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
    D: Dimension,
{
    gate("glu", a, b, |a, b| a * scalar::sigmoid(b))
}

/// Local derivative of GLU with respect to the content path: ∂yᵢ/∂aᵢ = σ(bᵢ).
///
/// ```
/// use actmath::prelude::*;
/// assert_eq!(glu_grad_a(&array![0.0])[0], 0.5);
/// ```
pub fn glu_grad_a<S, D>(b: &ArrayBase<S, D>) -> Array<f64, D>
where
    S: Data<Elem = f64>,
    D: Dimension,
{
    b.mapv(scalar::sigmoid)
}

/// Local derivative of GLU with respect to the gate path: ∂yᵢ/∂bᵢ = aᵢ·σ′(bᵢ) = aᵢ·σ(bᵢ)(1 − σ(bᵢ)).
///
/// # Panics
/// If a and b have different shapes.
///
/// ```
/// use actmath::prelude::*;
/// assert_eq!(glu_grad_b(&array![2.0], &array![0.0])[0], 0.5); // 2 · 0.25
/// ```
pub fn glu_grad_b<S1, S2, D>(a: &ArrayBase<S1, D>, b: &ArrayBase<S2, D>) -> Array<f64, D>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
    D: Dimension,
{
    gate("glu_grad_b", a, b, |a, b| a * scalar::sigmoid_grad(b))
}

/// SwiGLU: y = a ⊙ silu(b) = a ⊙ b ⊙ σ(b), element-wise (the FFN gate of LLaMA and PaLM).
///
/// # Panics
/// If a and b have different shapes.
///
/// ```
/// use actmath::prelude::*;
/// let y = swiglu(&array![3.0, 1.0], &array![0.0, 1.0]);
/// assert_eq!(y[0], 0.0);
/// assert!((y[1] - 0.7310585786300049).abs() < 1e-15);
/// ```
pub fn swiglu<S1, S2, D>(a: &ArrayBase<S1, D>, b: &ArrayBase<S2, D>) -> Array<f64, D>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
    D: Dimension,
{
    gate("swiglu", a, b, |a, b| a * scalar::silu(b))
}

/// GeGLU: y = a ⊙ gelu(b), element-wise, with the exact (Φ-based) GELU.
///
/// # Panics
/// If a and b have different shapes.
///
/// ```
/// use actmath::prelude::*;
/// let y = geglu(&array![2.0], &array![0.0]);
/// assert_eq!(y[0], 0.0);
/// ```
pub fn geglu<S1, S2, D>(a: &ArrayBase<S1, D>, b: &ArrayBase<S2, D>) -> Array<f64, D>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
    D: Dimension,
{
    gate("geglu", a, b, |a, b| a * scalar::gelu(b))
}

/// The exact SwiGLU hidden width that matches a 4d FFN's parameters: 8·d_model/3.
///
/// A SwiGLU FFN has three d×h matrices (gate, up, down) where a plain FFN has two d×4d, so
/// 3·d·h = 2·d·4d gives h = 8d/3.
///
/// ```
/// assert_eq!(actmath::gates::swiglu_hidden_exact(3), 8.0);
/// ```
pub fn swiglu_hidden_exact(d_model: usize) -> f64 {
    8.0 * d_model as f64 / 3.0
}

/// SwiGLU hidden width by LLaMA's rule: ⌊8·d_model/3⌋ rounded UP to a multiple of `multiple_of`.
///
/// LLaMA uses `multiple_of = 256` (d_model = 4096 gives 11008); `multiple_of = 1` gives
/// ⌊8d/3⌋. Rounding up keeps the parameter count at or just above a 4d FFN's.
///
/// # Panics
/// If `multiple_of` is 0.
///
/// ```
/// use actmath::gates::swiglu_hidden_size;
/// assert_eq!(swiglu_hidden_size(4096, 256), 11008);
/// assert_eq!(swiglu_hidden_size(768, 1), 2048);
/// ```
pub fn swiglu_hidden_size(d_model: usize, multiple_of: usize) -> usize {
    assert!(
        multiple_of > 0,
        "swiglu_hidden_size: multiple_of must be at least 1"
    );
    let hidden = 8 * d_model / 3;
    hidden.div_ceil(multiple_of) * multiple_of
}

/// Weights of a plain two-matrix FFN (up d→h, down h→d, no biases): 2·d_model·d_hidden.
///
/// ```
/// assert_eq!(actmath::gates::ffn_params(512, 2048), 2 * 512 * 2048);
/// ```
pub fn ffn_params(d_model: usize, d_hidden: usize) -> usize {
    2 * d_model * d_hidden
}

/// Weights of a SwiGLU FFN (gate and up d→h, down h→d, no biases): 3·d_model·d_hidden.
///
/// With d_hidden = 8d/3 this equals a plain FFN with d_hidden = 4d: 3·d·8d/3 = 8d² = 2·d·4d.
///
/// ```
/// use actmath::gates::{ffn_params, swiglu_params, swiglu_hidden_size};
/// let d = 768;
/// assert_eq!(swiglu_params(d, swiglu_hidden_size(d, 1)), ffn_params(d, 4 * d));
/// ```
pub fn swiglu_params(d_model: usize, d_hidden: usize) -> usize {
    3 * d_model * d_hidden
}
