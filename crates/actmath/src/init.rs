//! Weight initialisation: Xavier/Glorot, He/Kaiming and LeCun variances, and seeded sampling.
//!
//! Each rule picks Var(w) so a layer keeps the signal's variance: LeCun 1/n_in (linear or SELU),
//! Xavier 2/(n_in + n_out) (tanh, sigmoid: balances forward and backward), He 2/n_in (ReLU
//! zeroes half the signal, so double it).
//!
//! Sampling gives the same numbers on every machine and with every version of this crate: the
//! stream comes from `ChaCha8Rng` (rand_chacha; ChaCha is a fixed cipher and the crate promises
//! value stability) seeded by `SeedableRng::seed_from_u64` (value-stable by rand_core's
//! contract), and the normal deviates are made here by Box–Muller with the pure-Rust `libm`
//! crate. We do not use `rand_distr::Normal`: rand_distr may change its values in a new version,
//! and in this dependency graph `num-traits/std` is on, so it calls the platform's `exp`/`ln`,
//! which are not guaranteed bit-identical across systems. A golden test pins the first values.

use ndarray::{Array1, Array2};
use rand_chacha::rand_core::{Rng, SeedableRng};

pub use rand_chacha::ChaCha8Rng;

/// LeCun variance: Var(w) = 1 / n_in. `n_in = 0` gives +∞.
///
/// ```
/// assert_eq!(actmath::init::lecun_variance(128), 1.0 / 128.0);
/// ```
pub fn lecun_variance(n_in: usize) -> f64 {
    1.0 / n_in as f64
}

/// Xavier (Glorot) variance: Var(w) = 2 / (n_in + n_out). `n_in + n_out = 0` gives +∞.
///
/// ```
/// assert_eq!(actmath::init::xavier_variance(128, 64), 2.0 / 192.0);
/// ```
pub fn xavier_variance(n_in: usize, n_out: usize) -> f64 {
    2.0 / (n_in + n_out) as f64
}

/// He (Kaiming) variance: Var(w) = 2 / n_in. `n_in = 0` gives +∞.
///
/// ```
/// assert_eq!(actmath::init::he_variance(128), 0.015625);
/// ```
pub fn he_variance(n_in: usize) -> f64 {
    2.0 / n_in as f64
}

/// A ChaCha8 generator seeded from a `u64`: the same stream on every machine.
///
/// ```
/// use actmath::init::{seeded_rng, uniform01};
/// let (mut a, mut b) = (seeded_rng(42), seeded_rng(42));
/// assert_eq!(uniform01(&mut a), uniform01(&mut b));
/// ```
pub fn seeded_rng(seed: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(seed)
}

/// A uniform number in [0, 1): the top 53 bits of one `u64` from the generator, times 2⁻⁵³.
///
/// ```
/// use actmath::init::{seeded_rng, uniform01};
/// let u = uniform01(&mut seeded_rng(1));
/// assert!((0.0..1.0).contains(&u));
/// ```
pub fn uniform01(rng: &mut ChaCha8Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// A standard normal number by Box–Muller: √(−2 ln u₁) · cos(2π u₂), u₁ ∈ (0, 1], u₂ ∈ [0, 1).
///
/// Uses two `u64`s per number and `libm`'s `log`/`cos`, so the value is bit-identical everywhere.
///
/// ```
/// use actmath::init::{seeded_rng, standard_normal};
/// let mut rng = seeded_rng(7);
/// let z = standard_normal(&mut rng);
/// assert!(z.is_finite());
/// ```
pub fn standard_normal(rng: &mut ChaCha8Rng) -> f64 {
    // 1 − u with u ∈ [0, 1) lies in (0, 1], so the log is finite.
    let u1 = 1.0 - uniform01(rng);
    let u2 = uniform01(rng);
    (-2.0 * libm::log(u1)).sqrt() * libm::cos(2.0 * std::f64::consts::PI * u2)
}

fn check_spread(what: &str, name: &str, x: f64) {
    assert!(
        x >= 0.0 && x.is_finite(),
        "{what}: {name} must be finite and >= 0, got {x}"
    );
}

/// `n` normal numbers with the given mean and standard deviation, drawn from `rng`:
/// xᵢ = mean + std · zᵢ, zᵢ = [`standard_normal`].
///
/// # Panics
/// If `std` is negative, infinite or NaN.
///
/// ```
/// use actmath::init::{normal_sample_with, seeded_rng};
/// let mut rng = seeded_rng(0);
/// let x = normal_sample_with(5, 10.0, 0.0, &mut rng);
/// assert!(x.iter().all(|&v| v == 10.0));
/// ```
pub fn normal_sample_with(n: usize, mean: f64, std: f64, rng: &mut ChaCha8Rng) -> Array1<f64> {
    check_spread("normal_sample", "std", std);
    Array1::from_shape_simple_fn(n, || mean + std * standard_normal(rng))
}

/// `n` normal numbers with the given mean and standard deviation, from [`seeded_rng`]`(seed)`.
///
/// # Panics
/// If `std` is negative, infinite or NaN.
///
/// ```
/// use actmath::init::normal_sample;
/// let x = normal_sample(1000, 0.0, 1.0, 42);
/// assert_eq!(x, normal_sample(1000, 0.0, 1.0, 42)); // same seed, same numbers
/// assert!(x.mean().unwrap().abs() < 0.1);
/// ```
pub fn normal_sample(n: usize, mean: f64, std: f64, seed: u64) -> Array1<f64> {
    normal_sample_with(n, mean, std, &mut seeded_rng(seed))
}

/// A `rows × cols` weight matrix with entries N(0, variance), drawn from `rng` in row-major
/// order: wᵢⱼ = √variance · z. Pass one generator through many layers for a simulation.
///
/// # Panics
/// If `variance` is negative, infinite or NaN.
///
/// ```
/// use actmath::init::{he_variance, normal_weights_with, seeded_rng};
/// let mut rng = seeded_rng(3);
/// let w1 = normal_weights_with(64, 32, he_variance(32), &mut rng);
/// let w2 = normal_weights_with(64, 64, he_variance(64), &mut rng); // continues the stream
/// assert_ne!(w1.row(0), w2.row(0));
/// ```
pub fn normal_weights_with(
    rows: usize,
    cols: usize,
    variance: f64,
    rng: &mut ChaCha8Rng,
) -> Array2<f64> {
    check_spread("normal_weights", "variance", variance);
    let std = variance.sqrt();
    Array2::from_shape_simple_fn((rows, cols), || std * standard_normal(rng))
}

/// A `rows × cols` weight matrix with entries N(0, variance), from [`seeded_rng`]`(seed)`.
///
/// # Panics
/// If `variance` is negative, infinite or NaN.
///
/// ```
/// use actmath::init::{normal_weights, xavier_variance};
/// let w = normal_weights(128, 64, xavier_variance(64, 128), 42);
/// assert_eq!(w.dim(), (128, 64));
/// assert_eq!(w, normal_weights(128, 64, xavier_variance(64, 128), 42));
/// ```
pub fn normal_weights(rows: usize, cols: usize, variance: f64, seed: u64) -> Array2<f64> {
    normal_weights_with(rows, cols, variance, &mut seeded_rng(seed))
}
