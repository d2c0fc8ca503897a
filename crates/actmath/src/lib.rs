//! The math of activation functions, with answer checks and plots, for Rust teaching notebooks.

pub mod affine;
pub mod array;
pub mod check;
pub mod diagnostics;
pub mod exercises;
pub mod gates;
pub mod init;
pub mod plot;
pub mod scalar;
pub mod softmax;

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
    pub use crate::softmax::*;
    pub use ndarray::{self, Array, Array1, Array2, ArrayView1, ArrayView2, Axis, array, s};
}
