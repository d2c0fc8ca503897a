//! Diagnostics of pre-activations: how often each unit is active, dead or saturated.
//!
//! The input is a matrix of pre-activations with one row per sample and one column per unit.
//! A unit's active fraction is the share of samples with pre-activation > 0 (where ReLU passes
//! signal and gradient); a unit whose active fraction stays below a small threshold is "dead":
//! it gets no gradient and cannot recover. Saturation is the share of samples with
//! |pre-activation| ≥ a bound, where σ or tanh are flat and their gradient vanishes.
//!
//! Conventions: a NaN pre-activation counts as neither active nor saturated; with zero samples
//! (zero rows) every fraction is NaN (0/0, as numpy's mean of nothing) and no unit is reported
//! dead; zero units (zero columns) give empty results.

use ndarray::{Array1, ArrayBase, Axis, Data, Ix2};

fn fraction_per_unit<S: Data<Elem = f64>>(
    preacts: &ArrayBase<S, Ix2>,
    hit: impl Fn(f64) -> bool,
) -> Array1<f64> {
    let samples = preacts.nrows() as f64;
    preacts.map_axis(Axis(0), |unit| {
        unit.iter().filter(|&&x| hit(x)).count() as f64 / samples
    })
}

/// Per unit (column): the fraction of samples (rows) whose pre-activation is > 0.
///
/// active_fractionⱼ = #{i : xᵢⱼ > 0} / n_samples. Zero rows give NaN per unit.
///
/// ```
/// use actmath::prelude::*;
/// let preacts = array![[-2.0, 1.0], [-1.0, 2.0], [-3.0, 3.0]];
/// assert_eq!(active_fraction(&preacts), array![0.0, 1.0]);
/// ```
pub fn active_fraction<S: Data<Elem = f64>>(preacts: &ArrayBase<S, Ix2>) -> Array1<f64> {
    fraction_per_unit(preacts, |x| x > 0.0)
}

/// Per unit: `true` if its active fraction is below `threshold` (a dead ReLU).
///
/// deadⱼ = active_fractionⱼ < threshold. With zero samples the fraction is NaN and the unit is
/// not reported dead (there is no evidence).
///
/// ```
/// use actmath::prelude::*;
/// let preacts = array![[-2.0, 1.0], [-1.0, 2.0], [-3.0, 3.0]];
/// assert_eq!(dead_units(&preacts, 0.01), array![true, false]);
/// ```
pub fn dead_units<S: Data<Elem = f64>>(
    preacts: &ArrayBase<S, Ix2>,
    threshold: f64,
) -> Array1<bool> {
    active_fraction(preacts).mapv(|f| f < threshold)
}

/// Per unit: the fraction of samples whose pre-activation has |x| ≥ `bound`.
///
/// saturationⱼ = #{i : |xᵢⱼ| ≥ bound} / n_samples. For tanh a bound of 2 means |tanh′| < 0.071;
/// for σ a bound of 4 means σ′ < 0.018. ±∞ counts as saturated; NaN does not. Take `.mean()` of
/// the result for a layer-wide figure.
///
/// # Panics
/// If `bound` is NaN.
///
/// ```
/// use actmath::prelude::*;
/// let preacts = array![[0.5, -6.0], [3.0, 5.0]];
/// assert_eq!(saturation_fraction(&preacts, 2.0), array![0.5, 1.0]);
/// ```
pub fn saturation_fraction<S: Data<Elem = f64>>(
    preacts: &ArrayBase<S, Ix2>,
    bound: f64,
) -> Array1<f64> {
    assert!(
        !bound.is_nan(),
        "saturation_fraction: bound must be a number, got NaN"
    );
    fraction_per_unit(preacts, |x| x.abs() >= bound)
}
