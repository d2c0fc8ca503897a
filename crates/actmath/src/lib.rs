//! The math of activation functions, with answer checks and plots, for Rust teaching notebooks.

pub mod affine;
pub mod array;
pub mod check;
pub mod diagnostics;
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
    pub use crate::gates::*;
    pub use crate::init::*;
    pub use crate::plot::*;
    pub use crate::scalar;
    pub use crate::simulate::*;
    pub use crate::softmax::*;
    pub use crate::zoo::*;
    pub use ndarray::{self, Array, Array1, Array2, ArrayView1, ArrayView2, Axis, array, s};
}
