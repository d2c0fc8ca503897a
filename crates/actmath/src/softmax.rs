//! Softmax, log-softmax, temperature, entropy and the softmax Jacobian.
//!
//! softmax(z)ᵢ = e^{zᵢ} / Σⱼ e^{zⱼ}. The trick: softmax is unchanged by adding a constant to every
//! entry, so we subtract the largest entry m first; then every exponent is ≤ 0, nothing
//! overflows, and the sum is ≥ 1 (the max contributes e⁰ = 1), so nothing divides by zero.
//!
//! Edge cases, the same for every function here (one "row" = the 1-D input, or one lane along
//! the axis):
//! - empty input: empty output;
//! - any NaN in a row: the whole row is NaN (every output depends on every input);
//! - a row of all −∞: NaN. The limit depends on how the entries went to −∞ ((−c, −c) gives
//!   uniform, (−c, −2c) gives one-hot), so there is no right answer; NaN is what PyTorch, JAX and
//!   SciPy return, and it shows a fully masked row instead of hiding it;
//! - exactly one +∞ in a row: the one-hot limit (1 there, 0 elsewhere; log-softmax 0 there, −∞
//!   elsewhere). Two or more +∞: NaN, undefined for the same reason as all −∞;
//! - −∞ next to a finite entry: probability 0 (log-probability −∞), as in masking.
//!
//! Speed: softmax uses the crate's own branch-free exp (within 0.51 ulp) and sums a row in 8
//! interleaved partial sums, so that its scan, exp, sum and division loops over a contiguous row
//! vectorise; like the array functions, they run in a copy compiled for AVX-512 or AVX2 + FMA
//! when the CPU has them (a strided lane is copied into a contiguous one first).

use crate::scalar::exp::exp;
use multiversion::multiversion;
use ndarray::{
    Array, Array1, Array2, ArrayBase, ArrayView1, ArrayViewMut1, Axis, Data, Dimension, Ix1,
};

/// The finite shift for a row, or the row's fate when it has no finite maximum.
enum Shift {
    Max(f64),
    Nan,
    OneHot,
}

/// The larger of a and x by a comparison (x only if x > a), the same for every order of a scan.
#[inline]
fn larger(a: f64, x: f64) -> f64 {
    if x > a { x } else { a }
}

/// (max, number of NaNs, number of +∞) of a contiguous row, kept in `LANES` interleaved lanes so
/// that the scan vectorises (a maximum does not depend on the order it is taken in).
#[multiversion(targets("x86_64+avx512f+avx512dq+avx512vl+avx2+fma", "x86_64+avx2+fma"))]
fn scan(values: &[f64]) -> (f64, usize, usize) {
    let mut max = [f64::NEG_INFINITY; LANES];
    let mut nan = [0usize; LANES];
    let mut pos_inf = [0usize; LANES];
    let chunks = values.chunks_exact(LANES);
    let rest = chunks.remainder();
    for chunk in chunks {
        for j in 0..LANES {
            let x = chunk[j];
            max[j] = larger(max[j], x);
            nan[j] += usize::from(x.is_nan());
            pos_inf[j] += usize::from(x == f64::INFINITY);
        }
    }
    for (j, &x) in rest.iter().enumerate() {
        max[j] = larger(max[j], x);
        nan[j] += usize::from(x.is_nan());
        pos_inf[j] += usize::from(x == f64::INFINITY);
    }
    (
        max.into_iter().fold(f64::NEG_INFINITY, larger),
        nan.into_iter().sum(),
        pos_inf.into_iter().sum(),
    )
}

fn row_shift(row: &ArrayViewMut1<f64>) -> Shift {
    let (max, nan, pos_inf) = match row.as_slice() {
        Some(values) => scan(values),
        None => scan(&row.to_vec()),
    };
    match (max, nan, pos_inf) {
        (_, n, _) if n > 0 => Shift::Nan,
        (_, _, 1) => Shift::OneHot,
        (_, _, n) if n > 1 => Shift::Nan,
        (m, _, _) if m == f64::NEG_INFINITY => Shift::Nan,
        (m, _, _) => Shift::Max(m),
    }
}

/// The row is summed as this many interleaved partial sums, added in order at the end, so that the
/// sum vectorises; a row of at most `LANES` entries is summed exactly in order.
const LANES: usize = 8;

/// Σ values in `LANES` interleaved partial sums (see [`LANES`]).
#[inline]
fn lane_sum(values: &[f64]) -> f64 {
    let mut acc = [0.0; LANES];
    let chunks = values.chunks_exact(LANES);
    let rest = chunks.remainder();
    for chunk in chunks {
        for (a, &v) in acc.iter_mut().zip(chunk) {
            *a += v;
        }
    }
    for (a, &v) in acc.iter_mut().zip(rest) {
        *a += v;
    }
    acc.iter().fold(0.0, |sum, &a| sum + a)
}

/// Replaces each x by e^{(x−m)/t} / Σ e^{(x−m)/t}, with the crate's exp; no division by t when
/// t = 1 (x/1 = x exactly, so the result is the same). Compiled for AVX-512 and AVX2 + FMA and
/// picked at run time, like the array functions (plain arithmetic, so the same bits everywhere).
#[multiversion(targets("x86_64+avx512f+avx512dq+avx512vl+avx2+fma", "x86_64+avx2+fma"))]
fn exp_normalise(values: &mut [f64], m: f64, t: f64) {
    if t == 1.0 {
        for v in values.iter_mut() {
            *v = exp(*v - m);
        }
    } else {
        for v in values.iter_mut() {
            *v = exp((*v - m) / t);
        }
    }
    let sum = lane_sum(values);
    for v in values.iter_mut() {
        *v /= sum;
    }
}

/// softmax of one row in place, with temperature t > 0: e^{(x−m)/t} / Σ e^{(x−m)/t}.
fn softmax_row(mut row: ArrayViewMut1<f64>, t: f64) {
    if row.is_empty() {
        return;
    }
    match row_shift(&row) {
        Shift::Nan => row.fill(f64::NAN),
        Shift::OneHot => row.mapv_inplace(|x| if x == f64::INFINITY { 1.0 } else { 0.0 }),
        Shift::Max(m) => match row.as_slice_mut() {
            Some(values) => exp_normalise(values, m, t),
            None => {
                // a strided lane: the same computation on a contiguous copy
                let mut values = row.to_vec();
                exp_normalise(&mut values, m, t);
                row.assign(&ArrayView1::from(&values));
            }
        },
    }
}

/// log-softmax of one row in place: y − ln Σ e^{y}, y = x − m, with ln Σ = ln1p(Σ over all but
/// one maximum), which keeps full relative accuracy when the other terms are tiny.
fn log_softmax_row(mut row: ArrayViewMut1<f64>) {
    if row.is_empty() {
        return;
    }
    match row_shift(&row) {
        Shift::Nan => row.fill(f64::NAN),
        Shift::OneHot => row.mapv_inplace(|x| {
            if x == f64::INFINITY {
                0.0
            } else {
                f64::NEG_INFINITY
            }
        }),
        Shift::Max(m) => {
            let mut seen_max = false;
            let mut rest = 0.0;
            for &x in row.iter() {
                if x == m && !seen_max {
                    seen_max = true;
                } else {
                    rest += (x - m).exp();
                }
            }
            let log_sum = rest.ln_1p();
            row.mapv_inplace(|x| (x - m) - log_sum);
        }
    }
}

fn along_axis<S, D>(
    z: &ArrayBase<S, D>,
    axis: Axis,
    f: impl Fn(ArrayViewMut1<f64>),
) -> Array<f64, D>
where
    S: Data<Elem = f64>,
    D: Dimension,
{
    assert!(
        axis.index() < z.ndim(),
        "softmax: axis {} is out of range for an array with {} dimensions",
        axis.index(),
        z.ndim()
    );
    let mut out = z.to_owned();
    for lane in out.lanes_mut(axis) {
        f(lane);
    }
    out
}

/// Softmax of a 1-D array: sᵢ = e^{zᵢ−m} / Σⱼ e^{zⱼ−m}, m = max z (never overflows).
///
/// Edge cases (see the module docs): empty → empty; NaN → all NaN; all −∞ → all NaN;
/// one +∞ → one-hot.
///
/// ```
/// use actmath::prelude::*;
/// let p = softmax(&array![1000.0, 999.0, 998.0]);
/// assert!((p[0] - 0.6652409557748219).abs() < 1e-15);
/// assert!((p.sum() - 1.0).abs() < 1e-15);
/// ```
pub fn softmax<S: Data<Elem = f64>>(z: &ArrayBase<S, Ix1>) -> Array1<f64> {
    along_axis(z, Axis(0), |row| softmax_row(row, 1.0))
}

/// Softmax along `axis` of an array of any dimension (each lane along the axis sums to 1).
///
/// Same formula and edge cases as [`softmax`], lane by lane. Panics if `axis` is out of range.
///
/// ```
/// use actmath::prelude::*;
/// let logits = array![[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]];
/// let p = softmax_axis(&logits, Axis(1)); // one distribution per row
/// assert!((p.row(1)[0] - 1.0 / 3.0).abs() < 1e-15);
/// assert!((p.row(0).sum() - 1.0).abs() < 1e-15);
/// ```
pub fn softmax_axis<S, D>(z: &ArrayBase<S, D>, axis: Axis) -> Array<f64, D>
where
    S: Data<Elem = f64>,
    D: Dimension,
{
    along_axis(z, axis, |row| softmax_row(row, 1.0))
}

/// Log-softmax of a 1-D array: zᵢ − m − ln Σⱼ e^{zⱼ−m}, m = max z.
///
/// Computed directly, never as ln(softmax), so a tiny probability keeps its log
/// (ln(softmax) would give −∞ once the probability underflows). Edge cases as [`softmax`]
/// (one +∞ gives 0 there and −∞ elsewhere).
///
/// ```
/// use actmath::prelude::*;
/// let l = log_softmax(&array![0.0, -1000.0]);
/// assert_eq!(l[0], 0.0);
/// assert_eq!(l[1], -1000.0); // softmax would give 0 here, and ln 0 = −∞
/// ```
pub fn log_softmax<S: Data<Elem = f64>>(z: &ArrayBase<S, Ix1>) -> Array1<f64> {
    along_axis(z, Axis(0), log_softmax_row)
}

/// Log-softmax along `axis` of an array of any dimension; see [`log_softmax`].
///
/// Panics if `axis` is out of range.
///
/// ```
/// use actmath::prelude::*;
/// let l = log_softmax_axis(&array![[0.0, 0.0], [1.0, 1.0]], Axis(1));
/// assert!((l[[1, 0]] + std::f64::consts::LN_2).abs() < 1e-15);
/// ```
pub fn log_softmax_axis<S, D>(z: &ArrayBase<S, D>, axis: Axis) -> Array<f64, D>
where
    S: Data<Elem = f64>,
    D: Dimension,
{
    along_axis(z, axis, log_softmax_row)
}

/// Softmax with temperature t of a 1-D array: sᵢ = e^{(zᵢ−m)/t} / Σⱼ e^{(zⱼ−m)/t}.
///
/// t > 1 flattens the distribution, t < 1 sharpens it. The max is subtracted before dividing by
/// t, so a tiny t gives the limit t → 0⁺ without overflow: the argmax one-hot (ties at the max
/// share the mass equally). t = +∞ gives the uniform distribution for finite z.
/// Edge cases otherwise as [`softmax`].
///
/// # Panics
/// If t is NaN or t ≤ 0 (no meaningful distribution; use a small positive t for argmax).
///
/// ```
/// use actmath::prelude::*;
/// let z = array![1.0, 2.0, 3.0];
/// assert_eq!(softmax_temperature(&z, 1.0), softmax(&z));
/// assert_eq!(softmax_temperature(&z, 1e-300), array![0.0, 0.0, 1.0]);
/// ```
pub fn softmax_temperature<S: Data<Elem = f64>>(z: &ArrayBase<S, Ix1>, t: f64) -> Array1<f64> {
    assert!(
        t > 0.0,
        "softmax_temperature: the temperature must be > 0, got {t} (as t → 0⁺ softmax tends to the argmax one-hot: use a small positive t)"
    );
    along_axis(z, Axis(0), |row| softmax_row(row, t))
}

/// Shannon entropy in nats of a probability vector: H(p) = −Σ pᵢ ln pᵢ, with 0·ln 0 = 0.
///
/// Ranges from 0 (one-hot) to ln n (uniform). The input is not checked to be a distribution;
/// a negative entry or a NaN gives NaN. An empty input gives 0 (an empty sum).
///
/// ```
/// use actmath::prelude::*;
/// assert_eq!(entropy(&array![1.0, 0.0]), 0.0);
/// assert!((entropy(&array![0.5, 0.5]) - std::f64::consts::LN_2).abs() < 1e-15);
/// ```
pub fn entropy<S: Data<Elem = f64>>(p: &ArrayBase<S, Ix1>) -> f64 {
    -p.iter()
        .map(|&pi| if pi == 0.0 { 0.0 } else { pi * pi.ln() })
        .sum::<f64>()
}

/// Jacobian of softmax written in terms of its output s = softmax(z):
/// J = diag(s) − s sᵀ, i.e. ∂sᵢ/∂zⱼ = sᵢ(δᵢⱼ − sⱼ).
///
/// J is symmetric, each row sums to 0 when s sums to 1 (adding a constant to z changes nothing),
/// and it is positive semi-definite. An empty s gives a 0×0 matrix; NaN propagates.
///
/// ```
/// use actmath::prelude::*;
/// let j = softmax_jacobian(&array![0.2, 0.3, 0.5]);
/// assert!((j[[0, 0]] - 0.16).abs() < 1e-15);
/// assert!((j[[0, 1]] + 0.06).abs() < 1e-15);
/// assert!(j.sum_axis(Axis(1)).iter().all(|r| r.abs() < 1e-15));
/// ```
pub fn softmax_jacobian<S: Data<Elem = f64>>(s: &ArrayBase<S, Ix1>) -> Array2<f64> {
    let n = s.len();
    Array2::from_shape_fn((n, n), |(i, j)| {
        if i == j {
            s[i] * (1.0 - s[i])
        } else {
            -s[i] * s[j]
        }
    })
}
