//! Affine maps x ↦ W x + b, and why stacking them without an activation gains nothing.
//!
//! Two affine layers compose into one: W₂(W₁x + b₁) + b₂ = (W₂W₁)x + (W₂b₁ + b₂) = A x + c.
//! So depth only adds expressive power when a nonlinearity sits between the layers.
//!
//! Shapes: W is m×n, b has length m, x has length n. A mismatch panics with a message that
//! names the shapes.

use crate::check::shape_str;
use ndarray::{Array1, Array2, ArrayBase, Data, Ix1, Ix2};

/// The affine map y = W x + b.
///
/// # Panics
/// If W's column count differs from x's length, or W's row count from b's length.
///
/// ```
/// use actmath::prelude::*;
/// let w = array![[1.0, 2.0], [0.0, 1.0]];
/// let y = affine(&w, &array![1.0, -1.0], &array![2.0, 3.0]);
/// assert_eq!(y, array![9.0, 2.0]);
/// ```
pub fn affine<S1, S2, S3>(
    w: &ArrayBase<S1, Ix2>,
    b: &ArrayBase<S2, Ix1>,
    x: &ArrayBase<S3, Ix1>,
) -> Array1<f64>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
    S3: Data<Elem = f64>,
{
    assert!(
        w.ncols() == x.len(),
        "affine: W has shape {} but x has shape {}: W needs one column per entry of x",
        shape_str(w.shape()),
        shape_str(x.shape())
    );
    assert!(
        w.nrows() == b.len(),
        "affine: W has shape {} but b has shape {}: b needs one entry per row of W",
        shape_str(w.shape()),
        shape_str(b.shape())
    );
    w.dot(x) + b
}

/// Collapses two affine layers y = W₂(W₁x + b₁) + b₂ into one: returns (A, c) with
/// A = W₂W₁ and c = W₂b₁ + b₂, so y = A x + c.
///
/// # Panics
/// If W₁ is h×n and b₁ is not length h, W₂ is not m×h, or b₂ is not length m.
///
/// ```
/// use actmath::prelude::*;
/// let (w1, b1) = (array![[1.0, 2.0], [0.0, 1.0]], array![1.0, -1.0]);
/// let (w2, b2) = (array![[2.0, 0.0], [1.0, 1.0]], array![0.5, 0.5]);
/// let (a, c) = compose_affine(&w1, &b1, &w2, &b2);
/// let x = array![2.0, 3.0];
/// assert_eq!(affine(&a, &c, &x), array![18.5, 11.5]);
/// assert_eq!(affine(&w2, &b2, &affine(&w1, &b1, &x)), array![18.5, 11.5]);
/// ```
pub fn compose_affine<S1, S2, S3, S4>(
    w1: &ArrayBase<S1, Ix2>,
    b1: &ArrayBase<S2, Ix1>,
    w2: &ArrayBase<S3, Ix2>,
    b2: &ArrayBase<S4, Ix1>,
) -> (Array2<f64>, Array1<f64>)
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
    S3: Data<Elem = f64>,
    S4: Data<Elem = f64>,
{
    assert!(
        w1.nrows() == b1.len(),
        "compose_affine: W1 has shape {} but b1 has shape {}: b1 needs one entry per row of W1",
        shape_str(w1.shape()),
        shape_str(b1.shape())
    );
    assert!(
        w2.ncols() == w1.nrows(),
        "compose_affine: W2 has shape {} but W1 has shape {}: W2 needs one column per row of W1",
        shape_str(w2.shape()),
        shape_str(w1.shape())
    );
    assert!(
        w2.nrows() == b2.len(),
        "compose_affine: W2 has shape {} but b2 has shape {}: b2 needs one entry per row of W2",
        shape_str(w2.shape()),
        shape_str(b2.shape())
    );
    (w2.dot(w1), w2.dot(b1) + b2)
}
