//! The ten graded exercises of the exercises notebook and the scoreboard that records them.
//!
//! Each exercise is a constant ([`SIGMOID_DERIVATIVE`], …, [`DEAD_RELU`]) that knows its fixed inputs and the
//! checks run on an answer. The SAME checks grade the student's answer ([`Scoreboard::grade`]) and the reference
//! solution ([`Scoreboard::check_reference`]), so a correct answer prints exactly the lines the solution prints.
//!
//! Checks compare against references computed here from the definition, independently of the rest of the crate:
//! a closed form written out with `f64::exp`/`f64::tanh`, a central finite difference `(f(x+h) − f(x−h)) / 2h`
//! with `h = 1e-5` (truncation error about `h²·|f‴|/6 ≈ 1e-11`, far below the tolerance `1e-7`), or an identity.
//! The original notebook's named checks come first, with the same names and expected values; the added checks
//! follow. A wrong shape, NaN or infinity gives a `FAIL` line, never a panic.
//!
//! The scoreboard is an ordinary value that lives in a notebook variable (`let mut board = Scoreboard::new();`),
//! not in a static: evcxr may reload the crate between cells, which would reset a static. An exercise whose cell
//! panicked before reaching `board.grade(...)` keeps its previous status ("no result" on a fresh run), and the
//! other exercises still grade.
//!
//! # The exercises and their checks
//!
//! | # | answer | the original's checks | added checks |
//! |---|---|---|---|
//! | 1 | σ′(x), `Array1` | `center derivative` σ′(0) = 0.25 | every element vs a finite difference of σ |
//! | 2 | tanh′(x), `Array1` | `center derivative` tanh′(0) = 1 | every element vs a finite difference of tanh |
//! | 3 | `(relu, leaky)` | `relu` = \[0, 0, 3\]; `leaky keeps negative signal` | every Leaky ReLU element (α = 0.1) |
//! | 4 | `(out, a, c)` | `collapsed affine` out = Ax + c | A = W₂W₁ and c = W₂b₁ + b₂ element-wise |
//! | 5 | `p`, `Array1` | `sums to one`; `shift invariant` (every element) | — (already element-wise) |
//! | 6 | `j`, `Array2` | `row sums zero`; `PSD` | every entry vs diag(s) − s sᵀ |
//! | 7 | `(gel, silu)` | `finite smooth activations` | every element vs the tanh-GELU and x·σ(x) formulas |
//! | 8 | `(out, dy_da, dy_db)` | `GLU output`, `dy/da` (compared the answer with itself) | both vs σ written out; dy/db vs a finite difference |
//! | 9 | `(xavier, he)` | `He greater than Xavier here` | each variance vs 2/(n_in+n_out) and 2/n_in |
//! | 10 | `(active_fraction, dead)` | `first unit dead` | active fractions \[0, 1\]; second unit alive |
//!
//! Decisions:
//! - Where the original's student and solution cells used different inputs (exercises 4 and 10), both use the
//!   solution's, so one set of checks serves both.
//! - Answers made of several values are tuples, in the order the statement names them.
//! - Exercise 7 asks for the tanh approximation of GELU, as the original computes it: the exact (erf) GELU differs
//!   by 1.5e-4 at x = 1 and fails at the tolerance 1e-7.
//! - `PSD` (exercise 6) looks at the smallest eigenvalue of the symmetric part (J + Jᵀ)/2, which decides
//!   vᵀJv ≥ 0 for every v; numpy's `eigvalsh`, used by the original, reads only one triangle.
//! - The scoreboard's table says "unanswered" where the grading line says "not attempted yet", so that
//!   the phrase "not attempted" appears once per unanswered exercise in a notebook's output, for scripts to count.
//! - The functions a cell ends with ([`Scoreboard::grade`], [`Scoreboard::check_reference`], [`takeaway`],
//!   [`Scoreboard::summary`]) pause 25 ms after printing, so evcxr forwards their lines before it reports the cell
//!   finished (see `settle_output`).
//!
//! # Example
//!
//! ```
//! use actmath::prelude::*;
//! let mut board = Scoreboard::new();
//! let deriv: Option<Array1<f64>> = None;
//! board.grade(SIGMOID_DERIVATIVE, &deriv); // prints "Exercise 1: not attempted yet ..."
//! let x: Array1<f64> = array![-1.0, 0.0, 1.0];
//! let s = x.mapv(|v| 1.0 / (1.0 + (-v).exp()));
//! board.check_reference(SIGMOID_DERIVATIVE, &(&s * &(1.0 - &s)));
//! assert!(board.reference_status(1).is_pass());
//! assert_eq!(board.student_status(1), Status::NotAttempted);
//! ```

use std::fmt;

use ndarray::{Array1, Array2, Axis, array};

use crate::check;

/// Tolerance of every `check_close` in the exercises, as in the original (`tol=1e-7`, absolute and relative).
pub const TOL: f64 = 1e-7;

/// Step of the central finite differences used as references.
const FD_STEP: f64 = 1e-5;

/// Number of exercises in the notebook.
pub const EXERCISE_COUNT: usize = 10;

/// Number, title and difficulty mark of each exercise, in the notebook's order (`TITLES[n - 1]` is exercise `n`).
pub const TITLES: [(&str, &str); EXERCISE_COUNT] = [
    ("Sigmoid derivative", "*"),
    ("Tanh derivative", "*"),
    ("ReLU family", "*"),
    ("Affine collapse", "**"),
    ("Stable softmax", "**"),
    ("Softmax Jacobian", "**"),
    ("GELU vs SiLU", "**"),
    ("GLU", "***"),
    ("He variance", "***"),
    ("Dead ReLU diagnostic", "***"),
];

/// Counts the verdicts of the checks run on one answer and keeps the names of the failed ones.
///
/// Each method prints the check's line through [`crate::check`] and records the verdict.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Tally {
    /// Checks that passed.
    pub passed: usize,
    /// Checks run.
    pub total: usize,
    /// Names of the checks that failed, in order.
    pub failed: Vec<String>,
}

impl Tally {
    fn record(&mut self, name: &str, ok: bool) -> bool {
        self.total += 1;
        if ok {
            self.passed += 1;
        } else {
            self.failed.push(name.to_string());
        }
        ok
    }

    /// `check_close` on two numbers (numpy `allclose` with `atol = rtol = tol`).
    pub fn close(&mut self, name: &str, value: f64, expected: f64) -> bool {
        self.record(name, check::check_close(name, value, expected, TOL))
    }

    /// `check_close` on two vectors; a length mismatch is a `FAIL` line.
    pub fn close1(&mut self, name: &str, value: &Array1<f64>, expected: &Array1<f64>) -> bool {
        self.record(name, check::check_close(name, value, expected, TOL))
    }

    /// `check_close` on two matrices; a shape mismatch is a `FAIL` line.
    pub fn close2(&mut self, name: &str, value: &Array2<f64>, expected: &Array2<f64>) -> bool {
        self.record(name, check::check_close(name, value, expected, TOL))
    }

    /// `check_close` on element `index` of `value`; a missing element is a `FAIL` line saying so.
    pub fn close_at(
        &mut self,
        name: &str,
        value: &Array1<f64>,
        index: usize,
        expected: f64,
    ) -> bool {
        match value.get(index) {
            Some(&v) => self.close(name, v, expected),
            None => {
                check::check_true(&format!("{name}: the answer has no element {index}"), false);
                self.record(name, false)
            }
        }
    }

    /// `check_true`.
    pub fn truth(&mut self, name: &str, condition: bool) -> bool {
        self.record(name, check::check_true(name, condition))
    }

    /// True when at least one check ran and all passed.
    pub fn is_pass(&self) -> bool {
        self.total > 0 && self.passed == self.total
    }
}

/// One graded exercise: its place in the notebook, the type of its answer and the checks run on an answer.
///
/// The checks print one line each (`PASS - …` / `FAIL - …`) and never panic, whatever the answer's shape.
pub trait Exercise {
    /// What the student computes (`deriv`, `(relu, leaky)`, …).
    type Answer;
    /// The exercise's number in the notebook, 1 to 10.
    fn number(&self) -> usize;
    /// Runs every check on `answer`, printing one line per check (and, where the original printed values after
    /// its checks, that line too).
    fn check(&self, answer: &Self::Answer) -> Tally;
    /// `"Exercise 1: Sigmoid derivative"`, the original's header title.
    fn title(&self) -> String {
        let n = self.number();
        format!("Exercise {n}: {}", TITLES[n - 1].0)
    }
}

/// σ(x) = 1/(1+e^(−x)), written out here so the references do not depend on the crate's own sigmoid.
fn sigma(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// Central finite difference of `f` at every element of `x`.
fn finite_difference(x: &Array1<f64>, f: impl Fn(f64) -> f64) -> Array1<f64> {
    x.mapv(|v| (f(v + FD_STEP) - f(v - FD_STEP)) / (2.0 * FD_STEP))
}

/// Smallest eigenvalue of the symmetric part (M + Mᵀ)/2 of a square matrix, by cyclic Jacobi rotations.
///
/// `vᵀ M v ≥ 0` for every `v` exactly when this is ≥ 0, so it decides positive semi-definiteness the way numpy's
/// `eigvalsh(J).min()` does for a symmetric `J`. Returns NaN for a non-square or empty matrix, or one holding NaN.
pub fn min_eigenvalue_symmetric(m: &Array2<f64>) -> f64 {
    let n = m.nrows();
    if n == 0 || m.ncols() != n || m.iter().any(|v| !v.is_finite()) {
        return f64::NAN;
    }
    let mut a = (m + &m.t()) / 2.0;
    for _sweep in 0..100 {
        let off: f64 = (0..n)
            .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[[i, j]] * a[[i, j]])
            .sum();
        if off < 1e-30 {
            break;
        }
        for p in 0..n {
            for q in (p + 1)..n {
                if a[[p, q]] == 0.0 {
                    continue;
                }
                // Rotation angle that zeroes a[p][q] (Golub & Van Loan, symmetric Schur decomposition).
                let theta = (a[[q, q]] - a[[p, p]]) / (2.0 * a[[p, q]]);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..n {
                    let (akp, akq) = (a[[k, p]], a[[k, q]]);
                    a[[k, p]] = c * akp - s * akq;
                    a[[k, q]] = s * akp + c * akq;
                }
                for k in 0..n {
                    let (apk, aqk) = (a[[p, k]], a[[q, k]]);
                    a[[p, k]] = c * apk - s * aqk;
                    a[[q, k]] = s * apk + c * aqk;
                }
            }
        }
    }
    a.diag().fold(f64::INFINITY, |acc, &v| acc.min(v))
}

/// Exercise 1 (*): σ′(x) at x = [−1, 0, 1]. Answer: `deriv`, an `Array1<f64>` of 3 values.
///
/// Checks: `center derivative` (σ′(0) = 0.25, the original's) and `derivative at every x` against a central
/// finite difference of σ.
///
/// ```
/// use actmath::exercises::{Exercise, SIGMOID_DERIVATIVE};
/// let s = SIGMOID_DERIVATIVE.x().mapv(|v| 1.0 / (1.0 + (-v).exp()));
/// assert!(SIGMOID_DERIVATIVE.check(&(&s * &(1.0 - &s))).is_pass());
/// ```
#[derive(Debug, Clone, Copy)]
pub struct SigmoidDerivative;
/// Exercise 1: Sigmoid derivative.
pub const SIGMOID_DERIVATIVE: SigmoidDerivative = SigmoidDerivative;

impl SigmoidDerivative {
    /// The inputs x = [−1, 0, 1].
    pub fn x(&self) -> Array1<f64> {
        array![-1.0, 0.0, 1.0]
    }
}

impl Exercise for SigmoidDerivative {
    type Answer = Array1<f64>;
    fn number(&self) -> usize {
        1
    }
    fn check(&self, deriv: &Array1<f64>) -> Tally {
        let mut t = Tally::default();
        t.close_at("center derivative", deriv, 1, 0.25);
        t.close1(
            "derivative at every x (finite difference of sigmoid)",
            deriv,
            &finite_difference(&self.x(), sigma),
        );
        t
    }
}

/// Exercise 2 (*): tanh′(x) at x = [−1, 0, 1]. Answer: `deriv`, an `Array1<f64>` of 3 values.
///
/// Checks: `center derivative` (tanh′(0) = 1, the original's) and `derivative at every x` against a central
/// finite difference of tanh.
///
/// ```
/// use actmath::exercises::{Exercise, TANH_DERIVATIVE};
/// let deriv = TANH_DERIVATIVE.x().mapv(|v| 1.0 - v.tanh().powi(2));
/// assert!(TANH_DERIVATIVE.check(&deriv).is_pass());
/// ```
#[derive(Debug, Clone, Copy)]
pub struct TanhDerivative;
/// Exercise 2: Tanh derivative.
pub const TANH_DERIVATIVE: TanhDerivative = TanhDerivative;

impl TanhDerivative {
    /// The inputs x = [−1, 0, 1].
    pub fn x(&self) -> Array1<f64> {
        array![-1.0, 0.0, 1.0]
    }
}

impl Exercise for TanhDerivative {
    type Answer = Array1<f64>;
    fn number(&self) -> usize {
        2
    }
    fn check(&self, deriv: &Array1<f64>) -> Tally {
        let mut t = Tally::default();
        t.close_at("center derivative", deriv, 1, 1.0);
        t.close1(
            "derivative at every x (finite difference of tanh)",
            deriv,
            &finite_difference(&self.x(), f64::tanh),
        );
        t
    }
}

/// Exercise 3 (*): ReLU and Leaky ReLU (slope α = 0.1 below zero) at x = [−2, 0, 3].
/// Answer: `(relu, leaky)`, two `Array1<f64>` of 3 values.
///
/// Checks: `relu` = \[0, 0, 3\] and `leaky keeps negative signal` (`leaky[0] < 0`), the original's; then
/// `leaky relu` against the closed form `x if x > 0 else 0.1·x` = \[−0.2, 0, 3\].
///
/// ```
/// use actmath::exercises::{Exercise, RELU_FAMILY};
/// let x = RELU_FAMILY.x();
/// let answer = (x.mapv(|v| v.max(0.0)), x.mapv(|v| if v > 0.0 { v } else { 0.1 * v }));
/// assert!(RELU_FAMILY.check(&answer).is_pass());
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ReluFamily;
/// Exercise 3: ReLU family.
pub const RELU_FAMILY: ReluFamily = ReluFamily;

impl ReluFamily {
    /// The inputs x = [−2, 0, 3].
    pub fn x(&self) -> Array1<f64> {
        array![-2.0, 0.0, 3.0]
    }
    /// The Leaky ReLU slope for negative inputs, α = 0.1.
    pub const ALPHA: f64 = 0.1;
}

impl Exercise for ReluFamily {
    type Answer = (Array1<f64>, Array1<f64>);
    fn number(&self) -> usize {
        3
    }
    fn check(&self, (relu, leaky): &Self::Answer) -> Tally {
        let mut t = Tally::default();
        let x = self.x();
        t.close1("relu", relu, &array![0.0, 0.0, 3.0]);
        t.truth(
            "leaky keeps negative signal",
            leaky.first().is_some_and(|&v| v < 0.0),
        );
        let leaky_ref = x.mapv(|v| if v > 0.0 { v } else { Self::ALPHA * v });
        t.close1("leaky relu (alpha=0.1)", leaky, &leaky_ref);
        t
    }
}

/// Exercise 4 (**): two affine layers without an activation collapse into one.
///
/// Inputs (the original solution's, used for both cells): W1 = [[1, 2], [0, 1]], b1 = [1, −1],
/// W2 = [[2, 0], [1, 1]], b2 = [0.5, 0.5], x = [2, 3].
/// Answer: `(out, a, c)` with `out` = W2(W1 x + b1) + b2, `a` = W2 W1 and `c` = W2 b1 + b2.
///
/// Checks: `collapsed affine` (out = A x + c = [18.5, 11.5], the original's), then `A = W2 W1` = [[2, 4], [1, 3]]
/// and `c = W2 b1 + b2` = [2.5, 0.5], the references multiplied out here element by element.
///
/// ```
/// use actmath::exercises::{AFFINE_COLLAPSE as E, Exercise};
/// let out = E.w2().dot(&(E.w1().dot(&E.x()) + E.b1())) + E.b2();
/// let answer = (out, E.w2().dot(&E.w1()), E.w2().dot(&E.b1()) + E.b2());
/// assert!(E.check(&answer).is_pass());
/// ```
#[derive(Debug, Clone, Copy)]
pub struct AffineCollapse;
/// Exercise 4: Affine collapse.
pub const AFFINE_COLLAPSE: AffineCollapse = AffineCollapse;

impl AffineCollapse {
    /// W1 = [[1, 2], [0, 1]].
    pub fn w1(&self) -> Array2<f64> {
        array![[1.0, 2.0], [0.0, 1.0]]
    }
    /// b1 = [1, −1].
    pub fn b1(&self) -> Array1<f64> {
        array![1.0, -1.0]
    }
    /// W2 = [[2, 0], [1, 1]].
    pub fn w2(&self) -> Array2<f64> {
        array![[2.0, 0.0], [1.0, 1.0]]
    }
    /// b2 = [0.5, 0.5].
    pub fn b2(&self) -> Array1<f64> {
        array![0.5, 0.5]
    }
    /// x = [2, 3].
    pub fn x(&self) -> Array1<f64> {
        array![2.0, 3.0]
    }
}

/// `m · v` written as explicit sums, so the reference does not lean on ndarray's `dot`.
fn mat_vec(m: &Array2<f64>, v: &Array1<f64>) -> Array1<f64> {
    Array1::from_iter((0..m.nrows()).map(|i| (0..m.ncols()).map(|k| m[[i, k]] * v[k]).sum()))
}

impl Exercise for AffineCollapse {
    type Answer = (Array1<f64>, Array2<f64>, Array1<f64>);
    fn number(&self) -> usize {
        4
    }
    fn check(&self, (out, a, c): &Self::Answer) -> Tally {
        let mut t = Tally::default();
        let (w1, w2) = (self.w1(), self.w2());
        let a_ref = Array2::from_shape_fn((2, 2), |(i, j)| {
            (0..2).map(|k| w2[[i, k]] * w1[[k, j]]).sum()
        });
        let c_ref = mat_vec(&w2, &self.b1()) + &self.b2();
        t.close1(
            "collapsed affine",
            out,
            &(mat_vec(&a_ref, &self.x()) + &c_ref),
        );
        t.close2("A = W2 W1", a, &a_ref);
        t.close1("c = W2 b1 + b2", c, &c_ref);
        t
    }
}

/// Exercise 5 (**): a softmax that does not overflow, at z = [1000, 999, 998]. Answer: `p`, an `Array1<f64>`.
///
/// Checks (the original's): `sums to one` and `shift invariant`, the latter comparing every element with
/// e^(zᵢ−1000) / Σⱼ e^(zⱼ−1000), computed here on the shifted logits, where nothing overflows.
///
/// ```
/// use actmath::exercises::{Exercise, STABLE_SOFTMAX};
/// let e = STABLE_SOFTMAX.z().mapv(|v| (v - 1000.0).exp());
/// assert!(STABLE_SOFTMAX.check(&(&e / e.sum())).is_pass());
/// let naive = STABLE_SOFTMAX.z().mapv(f64::exp); // overflows: inf / inf = NaN
/// assert!(!STABLE_SOFTMAX.check(&(&naive / naive.sum())).is_pass());
/// ```
#[derive(Debug, Clone, Copy)]
pub struct StableSoftmax;
/// Exercise 5: Stable softmax.
pub const STABLE_SOFTMAX: StableSoftmax = StableSoftmax;

impl StableSoftmax {
    /// The logits z = [1000, 999, 998].
    pub fn z(&self) -> Array1<f64> {
        array![1000.0, 999.0, 998.0]
    }
}

impl Exercise for StableSoftmax {
    type Answer = Array1<f64>;
    fn number(&self) -> usize {
        5
    }
    fn check(&self, p: &Array1<f64>) -> Tally {
        let mut t = Tally::default();
        let e = self.z().mapv(|v| (v - 1000.0).exp());
        let reference = &e / e.sum();
        t.close("sums to one", p.sum(), 1.0);
        t.close1("shift invariant", p, &reference);
        t
    }
}

/// Exercise 6 (**): the softmax Jacobian J = diag(s) − s sᵀ at s = [0.2, 0.3, 0.5]. Answer: `j`, an `Array2<f64>`.
///
/// Checks: `row sums zero` and `PSD` (smallest eigenvalue of the symmetric part > −1e-10), the original's; then
/// `J = diag(s) - s s^T` element by element.
///
/// ```
/// use actmath::exercises::{Exercise, SOFTMAX_JACOBIAN};
/// let j = actmath::softmax::softmax_jacobian(&SOFTMAX_JACOBIAN.s());
/// assert!(SOFTMAX_JACOBIAN.check(&j).is_pass());
/// ```
#[derive(Debug, Clone, Copy)]
pub struct SoftmaxJacobian;
/// Exercise 6: Softmax Jacobian.
pub const SOFTMAX_JACOBIAN: SoftmaxJacobian = SoftmaxJacobian;

impl SoftmaxJacobian {
    /// The probabilities s = [0.2, 0.3, 0.5].
    pub fn s(&self) -> Array1<f64> {
        array![0.2, 0.3, 0.5]
    }
}

impl Exercise for SoftmaxJacobian {
    type Answer = Array2<f64>;
    fn number(&self) -> usize {
        6
    }
    fn check(&self, j: &Array2<f64>) -> Tally {
        let mut t = Tally::default();
        let s = self.s();
        let n = s.len();
        t.close1("row sums zero", &j.sum_axis(Axis(1)), &Array1::zeros(n));
        t.truth("PSD", min_eigenvalue_symmetric(j) > -1e-10);
        let reference = Array2::from_shape_fn(
            (n, n),
            |(a, b)| if a == b { s[a] } else { 0.0 } - s[a] * s[b],
        );
        t.close2("J = diag(s) - s s^T", j, &reference);
        t
    }
}

/// Exercise 7 (**): GELU (tanh approximation) and SiLU at x = [−1, 0, 1]. Answer: `(gel, silu)`.
///
/// Checks: `finite smooth activations` (the original's), then `GELU (tanh approximation)` against
/// ½x(1 + tanh(√(2/π)(x + 0.044715x³))) and `SiLU` against x/(1 + e^(−x)); then the original's line
/// `GELU [...] SiLU [...]`.
///
/// ```
/// use actmath::exercises::{Exercise, GELU_VS_SILU};
/// let x = GELU_VS_SILU.x();
/// let k = (2.0 / std::f64::consts::PI).sqrt();
/// let gel = x.mapv(|v| 0.5 * v * (1.0 + (k * (v + 0.044715 * v.powi(3))).tanh()));
/// let silu = x.mapv(|v| v / (1.0 + (-v).exp()));
/// assert!(GELU_VS_SILU.check(&(gel, silu)).is_pass());
/// ```
#[derive(Debug, Clone, Copy)]
pub struct GeluVsSilu;
/// Exercise 7: GELU vs SiLU.
pub const GELU_VS_SILU: GeluVsSilu = GeluVsSilu;

impl GeluVsSilu {
    /// The inputs x = [−1, 0, 1].
    pub fn x(&self) -> Array1<f64> {
        array![-1.0, 0.0, 1.0]
    }
}

impl Exercise for GeluVsSilu {
    type Answer = (Array1<f64>, Array1<f64>);
    fn number(&self) -> usize {
        7
    }
    fn check(&self, (gel, silu): &Self::Answer) -> Tally {
        let mut t = Tally::default();
        let x = self.x();
        let finite = |a: &Array1<f64>| a.iter().all(|v| v.is_finite());
        t.truth("finite smooth activations", finite(gel) && finite(silu));
        let k = (2.0 / std::f64::consts::PI).sqrt();
        let gel_ref = x.mapv(|v| 0.5 * v * (1.0 + (k * (v + 0.044715 * v * v * v)).tanh()));
        t.close1("GELU (tanh approximation)", gel, &gel_ref);
        t.close1("SiLU", silu, &x.mapv(|v| v * sigma(v)));
        println!(
            "GELU {} SiLU {}",
            check::numpy_str(gel),
            check::numpy_str(silu)
        );
        t
    }
}

/// Exercise 8 (***): the gated linear unit y = a ⊙ σ(b) and its local derivatives at a = [2, −1], b = [0, 2].
/// Answer: `(out, dy_da, dy_db)`: y, ∂y/∂a = σ(b) and ∂y/∂b = a ⊙ σ(b)(1 − σ(b)), element-wise.
///
/// Checks: `GLU output` and `dy/da` (the original's, now against σ written out here instead of the answer
/// itself), then `dy/db` against a central finite difference of a ⊙ σ(b) in b.
///
/// ```
/// use actmath::exercises::{Exercise, GLU};
/// let g = GLU.b().mapv(|v| 1.0 / (1.0 + (-v).exp()));
/// let answer = (&GLU.a() * &g, g.clone(), &GLU.a() * &(&g * &(1.0 - &g)));
/// assert!(GLU.check(&answer).is_pass());
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Glu;
/// Exercise 8: GLU.
pub const GLU: Glu = Glu;

impl Glu {
    /// The content input a = [2, −1].
    pub fn a(&self) -> Array1<f64> {
        array![2.0, -1.0]
    }
    /// The gate input b = [0, 2].
    pub fn b(&self) -> Array1<f64> {
        array![0.0, 2.0]
    }
}

impl Exercise for Glu {
    type Answer = (Array1<f64>, Array1<f64>, Array1<f64>);
    fn number(&self) -> usize {
        8
    }
    fn check(&self, (out, dy_da, dy_db): &Self::Answer) -> Tally {
        let mut t = Tally::default();
        let (a, b) = (self.a(), self.b());
        let gate = b.mapv(sigma);
        t.close1("GLU output", out, &(&a * &gate));
        t.close1("dy/da", dy_da, &gate);
        let fd = Array1::from_iter(a.iter().zip(&b).map(|(&ai, &bi)| {
            (ai * sigma(bi + FD_STEP) - ai * sigma(bi - FD_STEP)) / (2.0 * FD_STEP)
        }));
        t.close1("dy/db (finite difference)", dy_db, &fd);
        t
    }
}

/// Exercise 9 (***): Xavier and He weight variances for a layer with n_in = 128, n_out = 64.
/// Answer: `(xavier, he)`, two `f64`.
///
/// Checks: `He greater than Xavier here` (the original's), then `Xavier variance 2/(n_in+n_out)` = 1/96 and
/// `He variance 2/n_in` = 1/64 against the closed forms; then the original's line `xavier … he …`.
///
/// ```
/// use actmath::exercises::{Exercise, HE_VARIANCE};
/// assert!(HE_VARIANCE.check(&(2.0 / 192.0, 2.0 / 128.0)).is_pass());
/// assert!(!HE_VARIANCE.check(&(1.0 / 192.0, 1.0 / 128.0)).is_pass()); // LeCun's 1/n is not He's 2/n
/// ```
#[derive(Debug, Clone, Copy)]
pub struct HeVariance;
/// Exercise 9: He variance.
pub const HE_VARIANCE: HeVariance = HeVariance;

impl HeVariance {
    /// Fan-in, 128.
    pub const N_IN: usize = 128;
    /// Fan-out, 64.
    pub const N_OUT: usize = 64;
}

impl Exercise for HeVariance {
    type Answer = (f64, f64);
    fn number(&self) -> usize {
        9
    }
    fn check(&self, &(xavier, he): &Self::Answer) -> Tally {
        let mut t = Tally::default();
        let (n_in, n_out) = (Self::N_IN as f64, Self::N_OUT as f64);
        t.truth("He greater than Xavier here", he > xavier);
        t.close(
            "Xavier variance 2/(n_in+n_out)",
            xavier,
            2.0 / (n_in + n_out),
        );
        t.close("He variance 2/n_in", he, 2.0 / n_in);
        println!(
            "xavier {} he {}",
            check::numpy_str(xavier),
            check::numpy_str(he)
        );
        t
    }
}

/// Exercise 10 (***): dead ReLU units, those active (pre-activation > 0) on fewer than 1% of the samples.
///
/// Input (the original solution's, used for both cells): pre-activations [[−2, 1], [−1, 2], [−3, 3]], rows =
/// samples, columns = units. Answer: `(active_fraction, dead)`, an `Array1<f64>` and an `Array1<bool>` per unit.
///
/// Checks: `first unit dead` (the original's), then `active fraction per unit` = [0, 1] and `second unit alive`.
///
/// ```
/// use actmath::exercises::{DEAD_RELU, Exercise};
/// use ndarray::array;
/// assert!(DEAD_RELU.check(&(array![0.0, 1.0], array![true, false])).is_pass());
/// ```
#[derive(Debug, Clone, Copy)]
pub struct DeadRelu;
/// Exercise 10: Dead ReLU diagnostic.
pub const DEAD_RELU: DeadRelu = DeadRelu;

impl DeadRelu {
    /// Pre-activations, rows = samples, columns = units.
    pub fn preacts(&self) -> Array2<f64> {
        array![[-2.0, 1.0], [-1.0, 2.0], [-3.0, 3.0]]
    }
    /// A unit is dead when its active fraction is below this threshold, 0.01.
    pub const THRESHOLD: f64 = 0.01;
}

impl Exercise for DeadRelu {
    type Answer = (Array1<f64>, Array1<bool>);
    fn number(&self) -> usize {
        10
    }
    fn check(&self, (active_fraction, dead): &Self::Answer) -> Tally {
        let mut t = Tally::default();
        let p = self.preacts();
        let fraction_ref = Array1::from_iter(
            p.columns()
                .into_iter()
                .map(|col| col.iter().filter(|&&v| v > 0.0).count() as f64 / col.len() as f64),
        );
        t.truth("first unit dead", dead.get(0) == Some(&true));
        t.close1("active fraction per unit", active_fraction, &fraction_ref);
        t.truth("second unit alive", dead.get(1) == Some(&false));
        t
    }
}

/// Mean square activation after each layer of a deep ReLU network at initialisation (the figure of exercise 9).
///
/// `h₀` is a `256 × width` batch of standard normal inputs; layer `l` computes `hₗ = ReLU(hₗ₋₁ W_l)` with
/// `W_l` a `width × width` matrix of normal weights of the given `variance`. Entry `l − 1` of the result is
/// `mean(hₗ²)`. Since ReLU halves the second moment, `mean(hₗ²) ≈ (width · variance / 2)ˡ · mean(h₀²)`: constant
/// for He's `2/width`, halving per layer for Xavier's `2/(width + width)`. Same `seed`, same numbers on every
/// machine (the weights come from [`crate::init::normal_weights`]).
///
/// ```
/// use actmath::exercises::relu_signal_through_layers;
/// use actmath::init::{he_variance, xavier_variance};
/// let he = relu_signal_through_layers(64, 10, he_variance(64), 1);
/// let xavier = relu_signal_through_layers(64, 10, xavier_variance(64, 64), 1);
/// assert!(he[9] > 0.3 && he[9] < 3.0);
/// assert!(xavier[9] < 0.01);
/// ```
pub fn relu_signal_through_layers(
    width: usize,
    depth: usize,
    variance: f64,
    seed: u64,
) -> Array1<f64> {
    const SAMPLES: usize = 256;
    let mut h = crate::init::normal_weights(SAMPLES, width, 1.0, seed);
    Array1::from_iter((0..depth).map(|layer| {
        let w = crate::init::normal_weights(
            width,
            width,
            variance,
            seed.wrapping_mul(1000).wrapping_add(layer as u64 + 1),
        );
        h = h.dot(&w).mapv(|v| v.max(0.0));
        h.mapv(|v| v * v).mean().unwrap_or(f64::NAN)
    }))
}

/// What the scoreboard knows about one exercise, for the student's answer or for the reference solution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Status {
    /// Nothing was recorded: the cell was not run, or it stopped (a panic, an error) before grading.
    #[default]
    NoResult,
    /// The answer was still `None`.
    NotAttempted,
    /// The checks ran: `passed` of `total` passed.
    Checked {
        /// Checks that passed.
        passed: usize,
        /// Checks run.
        total: usize,
    },
}

impl Status {
    /// True when the checks ran and all passed.
    pub fn is_pass(&self) -> bool {
        matches!(*self, Status::Checked { passed, total } if total > 0 && passed == total)
    }
    /// True when the checks ran and at least one failed.
    pub fn is_fail(&self) -> bool {
        matches!(self, Status::Checked { .. }) && !self.is_pass()
    }
    fn from_tally(t: &Tally) -> Self {
        Status::Checked {
            passed: t.passed,
            total: t.total,
        }
    }
}

/// `PASS (2/2)`, `FAIL (1/3)`, `unanswered`, `no result`.
///
/// The table says "unanswered" rather than "not attempted" so that the phrase "not attempted" appears exactly
/// once per unanswered exercise in a notebook's output (the grading line), which scripts count.
impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Status::NoResult => f.pad("no result"),
            Status::NotAttempted => f.pad("unanswered"),
            Status::Checked { passed, total } => {
                let word = if self.is_pass() { "PASS" } else { "FAIL" };
                f.pad(&format!("{word} ({passed}/{total})"))
            }
        }
    }
}

/// Per exercise, the status of the student's answer and of the reference solution; prints the final table.
///
/// Statuses start as [`Status::NoResult`]; each call to [`grade`](Self::grade) or
/// [`check_reference`](Self::check_reference) replaces the exercise's status with the latest run's.
#[derive(Debug, Clone, Default)]
pub struct Scoreboard {
    student: [Status; EXERCISE_COUNT],
    reference: [Status; EXERCISE_COUNT],
}

impl Scoreboard {
    /// An empty scoreboard: every exercise "no result".
    pub fn new() -> Self {
        Self::default()
    }

    /// Grades the student's answer: `None` prints "Exercise n: not attempted yet …"; `Some(answer)` prints one
    /// line per check and a verdict line `Exercise n: PASS (k/k checks)` or `Exercise n: FAIL (k/m checks passed)`.
    pub fn grade<E: Exercise>(&mut self, exercise: E, answer: &Option<E::Answer>) {
        let n = exercise.number();
        let status = match answer {
            None => {
                println!(
                    "Exercise {n}: not attempted yet. Replace None with Some(...) in this cell and run it again."
                );
                Status::NotAttempted
            }
            Some(answer) => {
                println!("Checking your answer to {}", exercise.title());
                let tally = exercise.check(answer);
                let status = Status::from_tally(&tally);
                if status.is_pass() {
                    println!("Exercise {n}: PASS (all {} checks)", tally.total);
                } else {
                    println!(
                        "Exercise {n}: FAIL ({} of {} checks passed)",
                        tally.passed, tally.total
                    );
                }
                status
            }
        };
        self.student[n - 1] = status;
        settle_output();
    }

    /// Runs the same checks on the reference solution, after the original's header
    /// (`====…` / `Exercise n: Title` / `====…`), and records the result.
    pub fn check_reference<E: Exercise>(&mut self, exercise: E, answer: &E::Answer) {
        check::header(&exercise.title());
        let tally = exercise.check(answer);
        self.reference[exercise.number() - 1] = Status::from_tally(&tally);
        settle_output();
    }

    /// The student's status for exercise `n` (1 to 10).
    pub fn student_status(&self, n: usize) -> Status {
        self.student[n - 1]
    }

    /// The reference solution's status for exercise `n` (1 to 10).
    pub fn reference_status(&self, n: usize) -> Status {
        self.reference[n - 1]
    }

    /// Prints the table (see the [`Display`](#impl-Display-for-Scoreboard) implementation).
    pub fn summary(&self) {
        print!("{self}");
        settle_output();
    }
}

/// Prints the original's takeaway line, `\nTakeaway: {text}`, at the end of a solution cell.
///
/// ```
/// actmath::exercises::takeaway("tanh is zero-centered but still saturates.");
/// ```
pub fn takeaway(text: &str) {
    println!("\nTakeaway: {text}");
    settle_output();
}

/// Flushes stdout and waits 25 ms, at the end of every printing function a cell ends with.
///
/// evcxr 0.22 forwards a cell's printed lines to the notebook on a separate thread and may report the cell
/// finished before the last lines are sent; the notebook client then drops them (seen about once per hundred
/// cells on a busy machine). Waiting a moment before the cell's code returns lets the forwarding catch up.
fn settle_output() {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    std::thread::sleep(std::time::Duration::from_millis(25));
}

fn totals(statuses: &[Status]) -> String {
    let count = |f: fn(&Status) -> bool| statuses.iter().filter(|s| f(s)).count();
    let mut parts = vec![format!(
        "{}/{} PASS",
        count(Status::is_pass),
        statuses.len()
    )];
    for (label, n) in [
        ("FAIL", count(Status::is_fail)),
        ("unanswered", count(|s| *s == Status::NotAttempted)),
        ("no result", count(|s| *s == Status::NoResult)),
    ] {
        if n > 0 {
            parts.push(format!("{n} {label}"));
        }
    }
    parts.join(", ")
}

/// The scoreboard table: the original's header, one row per exercise with both statuses, then the totals.
///
/// ```text
/// Exercise                          Your answer        Reference solution
///  1. Sigmoid derivative (*)        unanswered         PASS (2/2)
/// ...
/// Your answers:       0/10 PASS, 10 unanswered
/// Reference solution: 10/10 PASS
/// ```
impl fmt::Display for Scoreboard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rule = "=".repeat(72);
        writeln!(f, "\n{rule}\nScoreboard\n{rule}")?;
        writeln!(
            f,
            "{:<34}{:<19}Reference solution",
            "Exercise", "Your answer"
        )?;
        writeln!(f, "{}", "-".repeat(72))?;
        for (i, (title, stars)) in TITLES.iter().enumerate() {
            let name = format!("{:>2}. {title} ({stars})", i + 1);
            writeln!(f, "{name:<34}{:<19}{}", self.student[i], self.reference[i])?;
        }
        writeln!(f, "{}", "-".repeat(72))?;
        writeln!(f, "Your answers:       {}", totals(&self.student))?;
        writeln!(f, "Reference solution: {}", totals(&self.reference))?;
        if self.student.contains(&Status::NotAttempted) {
            writeln!(f, "unanswered: the answer is still None")?;
        }
        if self.student.contains(&Status::NoResult) {
            writeln!(
                f,
                "no result: the cell did not run to its grading line (e.g. it panicked)"
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference σ for building answers in the tests.
    fn sig(x: &Array1<f64>) -> Array1<f64> {
        x.mapv(|v| 1.0 / (1.0 + (-v).exp()))
    }

    fn failed<E: Exercise>(e: E, answer: &E::Answer) -> Vec<String> {
        let t = e.check(answer);
        assert_eq!(t.passed + t.failed.len(), t.total);
        t.failed
    }

    fn passes<E: Exercise>(e: E, answer: &E::Answer) -> bool {
        let t = e.check(answer);
        assert!(t.total >= 2, "every exercise runs at least two checks");
        t.is_pass()
    }

    #[test]
    fn ex1_sigmoid_derivative() {
        let s = sig(&SIGMOID_DERIVATIVE.x());
        assert!(passes(SIGMOID_DERIVATIVE, &(&s * &(1.0 - &s))));
        // Right centre, wrong tails: the original's check passes, the finite difference catches it.
        assert_eq!(
            failed(SIGMOID_DERIVATIVE, &array![0.0, 0.25, 0.0]),
            ["derivative at every x (finite difference of sigmoid)"]
        );
        // σ(1+σ): every check fails.
        assert_eq!(failed(SIGMOID_DERIVATIVE, &(&s * &(1.0 + &s))).len(), 2);
        // Wrong shapes and NaN fail without panicking.
        assert_eq!(failed(SIGMOID_DERIVATIVE, &array![0.25]).len(), 2);
        assert_eq!(failed(SIGMOID_DERIVATIVE, &Array1::zeros(0)).len(), 2);
        assert_eq!(
            failed(SIGMOID_DERIVATIVE, &Array1::from_elem(3, f64::NAN)).len(),
            2
        );
        assert_eq!(
            failed(
                SIGMOID_DERIVATIVE,
                &array![0.19661193324148185, 0.25, 0.19661193324148185, 0.0]
            )
            .len(),
            1
        );
    }

    #[test]
    fn ex2_tanh_derivative() {
        let x = TANH_DERIVATIVE.x();
        assert!(passes(TANH_DERIVATIVE, &x.mapv(|v| 1.0 - v.tanh().powi(2))));
        assert!(passes(TANH_DERIVATIVE, &x.mapv(|v| 1.0 / v.cosh().powi(2))));
        assert_eq!(
            failed(TANH_DERIVATIVE, &array![0.0, 1.0, 0.0]),
            ["derivative at every x (finite difference of tanh)"]
        );
        // The sigmoid's derivative is not tanh's.
        let s = sig(&x);
        assert_eq!(failed(TANH_DERIVATIVE, &(&s * &(1.0 - &s))).len(), 2);
        assert_eq!(
            failed(
                TANH_DERIVATIVE,
                &array![[1.0]].into_shape_with_order(1).unwrap()
            )
            .len(),
            2
        );
    }

    #[test]
    fn ex3_relu_family() {
        let x = RELU_FAMILY.x();
        let relu = x.mapv(|v| v.max(0.0));
        let leaky = x.mapv(|v| if v > 0.0 { v } else { 0.1 * v });
        assert!(passes(RELU_FAMILY, &(relu.clone(), leaky)));
        // Slope 0.01 keeps the sign (the original's check passes) but not the value.
        let leaky_001 = x.mapv(|v| if v > 0.0 { v } else { 0.01 * v });
        assert_eq!(
            failed(RELU_FAMILY, &(relu.clone(), leaky_001)),
            ["leaky relu (alpha=0.1)"]
        );
        // ReLU given for both: the leaky checks fail.
        assert_eq!(
            failed(RELU_FAMILY, &(relu.clone(), relu.clone())),
            ["leaky keeps negative signal", "leaky relu (alpha=0.1)"]
        );
        assert_eq!(
            failed(RELU_FAMILY, &(x.clone(), x.clone())),
            ["relu", "leaky relu (alpha=0.1)"]
        );
        assert_eq!(
            failed(RELU_FAMILY, &(Array1::zeros(0), Array1::zeros(0))).len(),
            3
        );
    }

    #[test]
    fn ex4_affine_collapse() {
        let e = AFFINE_COLLAPSE;
        let (w1, b1, w2, b2, x) = (e.w1(), e.b1(), e.w2(), e.b2(), e.x());
        let out = w2.dot(&(w1.dot(&x) + &b1)) + &b2;
        let a = w2.dot(&w1);
        let c = w2.dot(&b1) + &b2;
        assert_eq!(out, array![18.5, 11.5]);
        assert!(passes(e, &(out.clone(), a.clone(), c.clone())));
        // Composition in the wrong order: A = W1 W2 is not the collapse.
        assert_eq!(
            failed(e, &(out.clone(), w1.dot(&w2), c.clone())),
            ["A = W2 W1"]
        );
        // Forgetting b2 in c.
        assert_eq!(
            failed(e, &(out.clone(), a.clone(), w2.dot(&b1))),
            ["c = W2 b1 + b2"]
        );
        // Forgetting the biases in the output.
        assert_eq!(
            failed(e, &(w2.dot(&w1.dot(&x)), a.clone(), c.clone())),
            ["collapsed affine"]
        );
        // Wrong shapes.
        assert_eq!(
            failed(e, &(array![18.5], Array2::zeros((3, 2)), Array1::zeros(0))).len(),
            3
        );
    }

    #[test]
    fn ex5_stable_softmax() {
        let z = STABLE_SOFTMAX.z();
        let e = z.mapv(|v| (v - 1000.0).exp());
        assert!(passes(STABLE_SOFTMAX, &(&e / e.sum())));
        // The naive formula overflows: inf/inf = NaN, both checks fail.
        let naive = z.mapv(f64::exp);
        assert_eq!(failed(STABLE_SOFTMAX, &(&naive / naive.sum())).len(), 2);
        // Sums to one but uniform.
        assert_eq!(
            failed(STABLE_SOFTMAX, &Array1::from_elem(3, 1.0 / 3.0)),
            ["shift invariant"]
        );
        // Shifted by the min instead of the max still gives the same probabilities here? No: e^2 etc. is fine,
        // so it must pass (shift invariance is the point).
        let e_min = z.mapv(|v| (v - 998.0).exp());
        assert!(passes(STABLE_SOFTMAX, &(&e_min / e_min.sum())));
        assert_eq!(failed(STABLE_SOFTMAX, &array![1.0]), ["shift invariant"]);
    }

    #[test]
    fn ex6_softmax_jacobian() {
        let s = SOFTMAX_JACOBIAN.s();
        let outer = Array2::from_shape_fn((3, 3), |(i, j)| s[i] * s[j]);
        let j = Array2::from_diag(&s) - &outer;
        assert!(passes(SOFTMAX_JACOBIAN, &j));
        // Sign flipped: rows still sum to zero, but not PSD and not the formula.
        assert_eq!(
            failed(SOFTMAX_JACOBIAN, &(-&j)),
            ["PSD", "J = diag(s) - s s^T"]
        );
        // diag(s) alone: PSD but rows do not sum to zero.
        assert_eq!(
            failed(SOFTMAX_JACOBIAN, &Array2::from_diag(&s)),
            ["row sums zero", "J = diag(s) - s s^T"]
        );
        // The zero matrix passes the original's two checks; only the element-wise check catches it.
        assert_eq!(
            failed(SOFTMAX_JACOBIAN, &Array2::zeros((3, 3))),
            ["J = diag(s) - s s^T"]
        );
        assert_eq!(failed(SOFTMAX_JACOBIAN, &Array2::zeros((2, 3))).len(), 3);
        assert_eq!(failed(SOFTMAX_JACOBIAN, &Array2::zeros((0, 0))).len(), 3);
        assert_eq!(
            failed(SOFTMAX_JACOBIAN, &Array2::from_elem((3, 3), f64::NAN)).len(),
            3
        );
    }

    #[test]
    fn min_eigenvalue_against_known_spectra() {
        // diag(3, -2, 5) rotated: eigenvalues unchanged.
        let (c, s) = (0.6_f64, 0.8_f64);
        let q = array![[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]];
        let m = q
            .dot(&Array2::from_diag(&array![3.0, -2.0, 5.0]))
            .dot(&q.t());
        assert!((min_eigenvalue_symmetric(&m) + 2.0).abs() < 1e-12);
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3.
        assert!((min_eigenvalue_symmetric(&array![[2.0, 1.0], [1.0, 2.0]]) - 1.0).abs() < 1e-12);
        // Only the symmetric part counts: [[0, 1], [-1, 0]] has vᵀMv = 0 for every v.
        assert_eq!(
            min_eigenvalue_symmetric(&array![[0.0, 1.0], [-1.0, 0.0]]),
            0.0
        );
        // The softmax Jacobian is singular (the ones vector) and PSD.
        let s = array![0.2, 0.3, 0.5];
        let j = Array2::from_diag(&s) - &Array2::from_shape_fn((3, 3), |(a, b)| s[a] * s[b]);
        assert!(min_eigenvalue_symmetric(&j).abs() < 1e-15);
        assert!(min_eigenvalue_symmetric(&Array2::zeros((2, 3))).is_nan());
    }

    #[test]
    fn ex7_gelu_vs_silu() {
        let x = GELU_VS_SILU.x();
        let k = (2.0 / std::f64::consts::PI).sqrt();
        let gel = x.mapv(|v| 0.5 * v * (1.0 + (k * (v + 0.044715 * v.powi(3))).tanh()));
        let silu = &x * &sig(&x);
        // The original's printed values, to 8 digits.
        assert!((gel[0] + 0.15880801).abs() < 1e-8 && (silu[2] - 0.73105858).abs() < 1e-8);
        assert!(passes(GELU_VS_SILU, &(gel.clone(), silu.clone())));
        // Swapped: both finite (the original's check passes), both values wrong.
        assert_eq!(
            failed(GELU_VS_SILU, &(silu.clone(), gel.clone())),
            ["GELU (tanh approximation)", "SiLU"]
        );
        // The exact (erf) GELU differs from the tanh approximation by 1.5e-4 at x = 1: not accepted.
        let exact = x.mapv(|v| 0.5 * v * (1.0 + libm::erf(v / 2f64.sqrt())));
        assert_eq!(
            failed(GELU_VS_SILU, &(exact, silu.clone())),
            ["GELU (tanh approximation)"]
        );
        let nan = Array1::from_elem(3, f64::NAN);
        assert_eq!(
            failed(GELU_VS_SILU, &(nan, silu.clone())),
            ["finite smooth activations", "GELU (tanh approximation)"]
        );
        assert_eq!(
            failed(GELU_VS_SILU, &(Array1::zeros(0), Array1::zeros(0))),
            ["GELU (tanh approximation)", "SiLU"]
        );
    }

    #[test]
    fn ex8_glu() {
        let (a, b) = (GLU.a(), GLU.b());
        let g = sig(&b);
        let out = &a * &g;
        let dy_db = &a * &(&g * &(1.0 - &g));
        assert!(passes(GLU, &(out.clone(), g.clone(), dy_db.clone())));
        // The original compared the output with itself; a wrong output now fails.
        assert_eq!(
            failed(GLU, &(&b * &sig(&a), g.clone(), dy_db.clone())),
            ["GLU output"]
        );
        // dy/da given as a (the content) instead of the gate.
        assert_eq!(
            failed(GLU, &(out.clone(), a.clone(), dy_db.clone())),
            ["dy/da"]
        );
        // dy/db without the factor a.
        assert_eq!(
            failed(GLU, &(out.clone(), g.clone(), &g * &(1.0 - &g))),
            ["dy/db (finite difference)"]
        );
        assert_eq!(
            failed(GLU, &(array![1.0], array![1.0, 2.0, 3.0], Array1::zeros(0))).len(),
            3
        );
    }

    #[test]
    fn ex9_he_variance() {
        let (n_in, n_out) = (128.0, 64.0);
        assert!(passes(HE_VARIANCE, &(2.0 / (n_in + n_out), 2.0 / n_in)));
        // He > Xavier (the original's only check) holds for LeCun's 1/n_in too; the values catch it.
        assert_eq!(
            failed(HE_VARIANCE, &(1.0 / (n_in + n_out), 1.0 / n_in)),
            ["Xavier variance 2/(n_in+n_out)", "He variance 2/n_in"]
        );
        // Swapped.
        assert_eq!(
            failed(HE_VARIANCE, &(2.0 / n_in, 2.0 / (n_in + n_out))).len(),
            3
        );
        assert_eq!(failed(HE_VARIANCE, &(f64::NAN, f64::NAN)).len(), 3);
    }

    #[test]
    fn ex10_dead_relu() {
        let p = DEAD_RELU.preacts();
        let fraction = p
            .mapv(|v| f64::from(u8::from(v > 0.0)))
            .mean_axis(Axis(0))
            .unwrap();
        let dead = fraction.mapv(|f| f < DeadRelu::THRESHOLD);
        assert_eq!(dead, array![true, false]);
        assert!(passes(DEAD_RELU, &(fraction.clone(), dead.clone())));
        // Everything marked dead.
        assert_eq!(
            failed(DEAD_RELU, &(fraction.clone(), array![true, true])),
            ["second unit alive"]
        );
        // Fraction of negative values instead of positive ones, and the dead flags inverted.
        assert_eq!(
            failed(DEAD_RELU, &(1.0 - &fraction, array![false, true])),
            [
                "first unit dead",
                "active fraction per unit",
                "second unit alive"
            ]
        );
        // Wrong shapes.
        assert_eq!(
            failed(DEAD_RELU, &(Array1::zeros(3), Array1::from_elem(0, false))).len(),
            3
        );
    }

    #[test]
    fn every_exercise_has_its_title_and_number() {
        assert_eq!(SIGMOID_DERIVATIVE.title(), "Exercise 1: Sigmoid derivative");
        assert_eq!(GELU_VS_SILU.title(), "Exercise 7: GELU vs SiLU");
        assert_eq!(DEAD_RELU.title(), "Exercise 10: Dead ReLU diagnostic");
        let numbers = [
            SIGMOID_DERIVATIVE.number(),
            TANH_DERIVATIVE.number(),
            RELU_FAMILY.number(),
            AFFINE_COLLAPSE.number(),
            STABLE_SOFTMAX.number(),
            SOFTMAX_JACOBIAN.number(),
            GELU_VS_SILU.number(),
            GLU.number(),
            HE_VARIANCE.number(),
            DEAD_RELU.number(),
        ];
        assert_eq!(numbers, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    }

    #[test]
    fn prelude_names_are_not_ambiguous() {
        // A glob re-export that also defined one of these names would make the name ambiguous here.
        use crate::prelude::*;
        let mut board = Scoreboard::new();
        board.grade(GLU, &None);
        board.grade(HE_VARIANCE, &None);
        board.grade(DEAD_RELU, &None);
        board.grade(SIGMOID_DERIVATIVE, &None);
        board.grade(TANH_DERIVATIVE, &None);
        board.grade(RELU_FAMILY, &None);
        board.grade(AFFINE_COLLAPSE, &None);
        board.grade(STABLE_SOFTMAX, &None);
        board.grade(SOFTMAX_JACOBIAN, &None);
        board.grade(GELU_VS_SILU, &None);
        assert!((1..=10).all(|n| board.student_status(n) == Status::NotAttempted));
    }

    #[test]
    fn scoreboard_records_each_kind_of_status() {
        let mut board = Scoreboard::new();
        assert!((1..=10).all(|n| board.student_status(n) == Status::NoResult));
        let x = SIGMOID_DERIVATIVE.x();
        let s = sig(&x);
        board.grade(SIGMOID_DERIVATIVE, &Some(&s * &(1.0 - &s)));
        board.grade(TANH_DERIVATIVE, &Some(array![0.0, 1.0, 0.0]));
        board.grade(RELU_FAMILY, &None);
        board.check_reference(SIGMOID_DERIVATIVE, &(&s * &(1.0 - &s)));
        assert_eq!(
            board.student_status(1),
            Status::Checked {
                passed: 2,
                total: 2
            }
        );
        assert!(board.student_status(1).is_pass());
        assert_eq!(
            board.student_status(2),
            Status::Checked {
                passed: 1,
                total: 2
            }
        );
        assert!(board.student_status(2).is_fail());
        assert_eq!(board.student_status(3), Status::NotAttempted);
        assert_eq!(board.student_status(4), Status::NoResult);
        assert!(board.reference_status(1).is_pass());
        assert_eq!(board.reference_status(2), Status::NoResult);
        // A later run replaces the earlier status.
        board.grade(SIGMOID_DERIVATIVE, &None);
        assert_eq!(board.student_status(1), Status::NotAttempted);
    }

    #[test]
    fn status_display() {
        assert_eq!(Status::NoResult.to_string(), "no result");
        assert_eq!(Status::NotAttempted.to_string(), "unanswered");
        assert_eq!(
            Status::Checked {
                passed: 3,
                total: 3
            }
            .to_string(),
            "PASS (3/3)"
        );
        assert_eq!(
            Status::Checked {
                passed: 1,
                total: 3
            }
            .to_string(),
            "FAIL (1/3)"
        );
        assert_eq!(
            Status::Checked {
                passed: 0,
                total: 0
            }
            .to_string(),
            "FAIL (0/0)"
        );
        assert_eq!(format!("{:<12}|", Status::NotAttempted), "unanswered  |");
        assert_eq!(format!("{:<15}|", Status::NoResult), "no result      |");
    }

    #[test]
    fn scoreboard_table() {
        let mut board = Scoreboard::new();
        board.student[0] = Status::Checked {
            passed: 2,
            total: 2,
        };
        board.student[1] = Status::Checked {
            passed: 1,
            total: 2,
        };
        board.student[2] = Status::NotAttempted;
        for r in board.reference.iter_mut() {
            *r = Status::Checked {
                passed: 2,
                total: 2,
            };
        }
        let table = board.to_string();
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[0], "");
        assert_eq!(lines[1], "=".repeat(72));
        assert_eq!(lines[2], "Scoreboard");
        assert_eq!(
            lines[4],
            "Exercise                          Your answer        Reference solution"
        );
        assert_eq!(
            lines[6],
            " 1. Sigmoid derivative (*)        PASS (2/2)         PASS (2/2)"
        );
        assert_eq!(
            lines[7],
            " 2. Tanh derivative (*)           FAIL (1/2)         PASS (2/2)"
        );
        assert_eq!(
            lines[8],
            " 3. ReLU family (*)               unanswered         PASS (2/2)"
        );
        assert_eq!(
            lines[9],
            " 4. Affine collapse (**)          no result          PASS (2/2)"
        );
        assert_eq!(
            lines[15],
            "10. Dead ReLU diagnostic (***)    no result          PASS (2/2)"
        );
        assert_eq!(
            lines[17],
            "Your answers:       1/10 PASS, 1 FAIL, 1 unanswered, 7 no result"
        );
        assert_eq!(lines[18], "Reference solution: 10/10 PASS");
        assert_eq!(lines[19], "unanswered: the answer is still None");
        assert!(lines[20].starts_with("no result: "));
        assert_eq!(lines.len(), 21);
        assert!(!table.contains("not attempted"));
        // Rows never overflow the 72-column rule.
        assert!(lines.iter().all(|l| l.chars().count() <= 72));
    }

    #[test]
    fn scoreboard_of_a_fresh_student_version() {
        let mut board = Scoreboard::new();
        board.grade(SIGMOID_DERIVATIVE, &None);
        let table = board.to_string();
        assert!(table.contains("Your answers:       0/10 PASS, 1 unanswered, 9 no result"));
        assert!(table.contains("Reference solution: 0/10 PASS, 10 no result"));
    }
}
