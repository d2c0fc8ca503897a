//! Affine composition and pre-activation diagnostics.

use actmath::prelude::*;

#[test]
fn composed_layer_equals_two_layers() {
    let mut rng = seeded_rng(21);
    for (n, h, m) in [(2, 2, 2), (5, 3, 4), (1, 6, 2)] {
        let w1 = normal_weights_with(h, n, 1.0, &mut rng);
        let b1 = normal_sample_with(h, 0.0, 1.0, &mut rng);
        let w2 = normal_weights_with(m, h, 1.0, &mut rng);
        let b2 = normal_sample_with(m, 0.0, 1.0, &mut rng);
        let (a, c) = compose_affine(&w1, &b1, &w2, &b2);
        assert_eq!(a.dim(), (m, n));
        for _ in 0..5 {
            let x = normal_sample_with(n, 0.0, 1.0, &mut rng);
            let two = affine(&w2, &b2, &affine(&w1, &b1, &x));
            let one = affine(&a, &c, &x);
            for (p, q) in two.iter().zip(&one) {
                assert!((p - q).abs() < 1e-12);
            }
        }
    }
    // The original's exercise 4.
    let (a, c) = compose_affine(
        &array![[1.0, 2.0], [0.0, 1.0]],
        &array![1.0, -1.0],
        &array![[2.0, 0.0], [1.0, 1.0]],
        &array![0.5, 0.5],
    );
    assert_eq!(a, array![[2.0, 4.0], [1.0, 3.0]]);
    assert_eq!(c, array![2.5, 0.5]);
}

#[test]
#[should_panic(expected = "affine: W has shape (2, 3) but x has shape (2,)")]
fn affine_x_mismatch_panics() {
    affine(
        &Array2::<f64>::zeros((2, 3)),
        &array![0.0, 0.0],
        &array![1.0, 2.0],
    );
}

#[test]
#[should_panic(expected = "affine: W has shape (2, 3) but b has shape (3,)")]
fn affine_b_mismatch_panics() {
    affine(
        &Array2::<f64>::zeros((2, 3)),
        &array![0.0, 0.0, 0.0],
        &array![1.0, 2.0, 3.0],
    );
}

#[test]
#[should_panic(expected = "compose_affine: W2 has shape (2, 3) but W1 has shape (2, 2)")]
fn compose_mismatch_panics() {
    let w = Array2::<f64>::zeros((2, 2));
    compose_affine(
        &w,
        &array![0.0, 0.0],
        &Array2::<f64>::zeros((2, 3)),
        &array![0.0, 0.0],
    );
}

#[test]
fn dead_units_as_in_the_original() {
    let preacts = array![[-2.0, 1.0], [-1.0, 2.0], [-3.0, 3.0]];
    assert_eq!(active_fraction(&preacts), array![0.0, 1.0]);
    assert_eq!(dead_units(&preacts, 0.01), array![true, false]);
    let mixed = array![[1.0, 0.0], [-1.0, 2.0], [0.5, -3.0], [-0.1, 4.0]];
    assert_eq!(active_fraction(&mixed), array![0.5, 0.5]); // 0 is not active
    assert_eq!(dead_units(&mixed, 0.5), array![false, false]);
    assert_eq!(dead_units(&mixed, 0.6), array![true, true]);
}

#[test]
fn diagnostics_edge_cases() {
    let no_samples = Array2::<f64>::zeros((0, 3));
    assert!(active_fraction(&no_samples).iter().all(|f| f.is_nan()));
    assert_eq!(dead_units(&no_samples, 0.01), array![false, false, false]);
    assert!(
        saturation_fraction(&no_samples, 2.0)
            .iter()
            .all(|f| f.is_nan())
    );
    let no_units = Array2::<f64>::zeros((4, 0));
    assert_eq!(active_fraction(&no_units).len(), 0);
    let odd = array![[f64::NAN], [f64::INFINITY], [f64::NEG_INFINITY], [1.0]];
    assert_eq!(active_fraction(&odd), array![0.5]);
    assert_eq!(saturation_fraction(&odd, 2.0), array![0.5]);
}

#[test]
fn saturation_counts_both_tails() {
    let preacts = array![[0.5, -6.0], [3.0, 5.0], [-2.0, 0.0], [1.9, 2.0]];
    assert_eq!(saturation_fraction(&preacts, 2.0), array![0.5, 0.75]);
}

#[test]
#[should_panic(expected = "bound must be a number")]
fn nan_bound_panics() {
    saturation_fraction(&array![[1.0]], f64::NAN);
}
