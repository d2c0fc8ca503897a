//! Gates: values against independent formulas, local derivatives against finite differences.

use actmath::prelude::*;

fn sig(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

#[test]
fn glu_matches_the_original_exercise() {
    let a = array![2.0, -1.0];
    let b = array![0.0, 2.0];
    let out = glu(&a, &b);
    assert_eq!(out[0], 1.0);
    assert!((out[1] + 0.8807970779778823).abs() < 1e-15);
    assert_eq!(glu_grad_a(&b), b.mapv(sig));
}

#[test]
fn glu_derivatives_match_finite_differences() {
    let a = array![[2.0, -1.0, 0.3], [0.0, 5.0, -2.5]];
    let b = array![[0.0, 2.0, -3.0], [1.5, -0.2, 4.0]];
    let h = 1e-6;
    let da = glu_grad_a(&b);
    let db = glu_grad_b(&a, &b);
    for (idx, _) in a.indexed_iter() {
        let bump = |m: &Array2<f64>, d: f64| {
            let mut m = m.clone();
            m[idx] += d;
            m
        };
        let fd_a = (glu(&bump(&a, h), &b)[idx] - glu(&bump(&a, -h), &b)[idx]) / (2.0 * h);
        let fd_b = (glu(&a, &bump(&b, h))[idx] - glu(&a, &bump(&b, -h))[idx]) / (2.0 * h);
        assert!((fd_a - da[idx]).abs() < 1e-9, "da at {idx:?}");
        assert!((fd_b - db[idx]).abs() < 1e-9, "db at {idx:?}");
    }
}

#[test]
fn swiglu_and_geglu_values() {
    let a = array![3.0, 1.0, -2.0];
    let b = array![0.0, 1.0, -1.0];
    let s = swiglu(&a, &b);
    for i in 0..3 {
        assert!((s[i] - a[i] * b[i] * sig(b[i])).abs() < 1e-15);
    }
    // gelu(1) = Φ(1) = 0.8413447460685429, gelu(−1) = −Φ(−1) = −(1 − Φ(1)) (mpmath).
    let g = geglu(&a, &b);
    assert_eq!(g[0], 0.0);
    assert!((g[1] - 0.8413447460685429).abs() < 1e-15);
    assert!((g[2] - 2.0 * (1.0 - 0.8413447460685429)).abs() < 1e-15);
}

#[test]
#[should_panic(expected = "glu: a and b must have the same shape, got a (2,) and b (3,)")]
fn glu_shape_mismatch_panics() {
    glu(&array![1.0, 2.0], &array![1.0, 2.0, 3.0]);
}

#[test]
#[should_panic(expected = "swiglu: a and b must have the same shape, got a (2, 1) and b (1, 2)")]
fn swiglu_shape_mismatch_panics() {
    swiglu(&array![[1.0], [2.0]], &array![[1.0, 2.0]]);
}

#[test]
fn swiglu_width_keeps_the_parameter_count() {
    for d in [3, 96, 768, 3072] {
        // d divisible by 3: 8d/3 is exact and the counts are equal.
        let h = swiglu_hidden_size(d, 1);
        assert_eq!(h as f64, swiglu_hidden_exact(d));
        assert_eq!(swiglu_params(d, h), ffn_params(d, 4 * d));
        assert_eq!(swiglu_params(d, h), 8 * d * d);
    }
    // LLaMA sizes (multiple_of = 256): 7B d=4096 → 11008, 13B d=5120 → 13824.
    assert_eq!(swiglu_hidden_size(4096, 256), 11008);
    assert_eq!(swiglu_hidden_size(5120, 256), 13824);
    // Rounding up never goes below the exact value's floor.
    assert_eq!(swiglu_hidden_size(100, 1), 266);
    assert_eq!(swiglu_hidden_size(100, 64), 320);
}

#[test]
#[should_panic(expected = "multiple_of must be at least 1")]
fn zero_multiple_panics() {
    swiglu_hidden_size(64, 0);
}
