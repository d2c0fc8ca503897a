//! Properties of the scalar functions that need no reference table: derivatives against a
//! central finite difference, identities, limits at ±∞, NaN propagation, finiteness, and the
//! documented values at the kinks.

use actmath::scalar::{self, SELU_ALPHA, SELU_LAMBDA};

type F = fn(f64) -> f64;

/// Every function of one argument (parameterised ones at a fixed α), with its name.
fn all_functions() -> Vec<(&'static str, F)> {
    vec![
        ("sigmoid", scalar::sigmoid),
        ("sigmoid_grad", scalar::sigmoid_grad),
        ("tanh_grad", scalar::tanh_grad),
        ("relu", scalar::relu),
        ("relu_grad", scalar::relu_grad),
        ("leaky_relu", |x| scalar::leaky_relu(x, 0.01)),
        ("leaky_relu_grad", |x| scalar::leaky_relu_grad(x, 0.01)),
        ("elu", |x| scalar::elu(x, 0.7)),
        ("elu_grad", |x| scalar::elu_grad(x, 0.7)),
        ("selu", scalar::selu),
        ("selu_grad", scalar::selu_grad),
        ("softplus", scalar::softplus),
        ("softplus_grad", scalar::softplus_grad),
        ("log_sigmoid", scalar::log_sigmoid),
        ("gelu", scalar::gelu),
        ("gelu_grad", scalar::gelu_grad),
        ("gelu_tanh", scalar::gelu_tanh),
        ("gelu_tanh_grad", scalar::gelu_tanh_grad),
        ("silu", scalar::silu),
        ("silu_grad", scalar::silu_grad),
        ("mish", scalar::mish),
        ("mish_grad", scalar::mish_grad),
        ("hard_sigmoid", scalar::hard_sigmoid),
        ("hard_swish", scalar::hard_swish),
    ]
}

/// Points spread over ±40 (irregular step), plus the tails out to ±700.
fn grid() -> Vec<f64> {
    let mut xs: Vec<f64> = (0..=800).map(|k| -40.0 + k as f64 * 0.099_875).collect();
    xs.extend((0..=50).map(|k| -700.0 + k as f64 * 13.2));
    xs.extend((0..=50).map(|k| 40.5 + k as f64 * 13.2));
    xs
}

/// Central difference with one Richardson step: error O(h⁴) instead of O(h²).
fn derivative(f: F, x: f64, h: f64) -> f64 {
    let d = |h: f64| (f(x + h) - f(x - h)) / (2.0 * h);
    (4.0 * d(h / 2.0) - d(h)) / 3.0
}

#[test]
fn derivatives_match_central_differences() {
    // (name, function, derivative, points to avoid: kinks where the derivative jumps)
    let pairs: Vec<(&str, F, F, &[f64])> = vec![
        ("sigmoid", scalar::sigmoid, scalar::sigmoid_grad, &[]),
        ("tanh", f64::tanh, scalar::tanh_grad, &[]),
        ("relu", scalar::relu, scalar::relu_grad, &[0.0]),
        (
            "leaky_relu",
            |x| scalar::leaky_relu(x, 0.1),
            |x| scalar::leaky_relu_grad(x, 0.1),
            &[0.0],
        ),
        (
            "elu",
            |x| scalar::elu(x, 0.7),
            |x| scalar::elu_grad(x, 0.7),
            &[0.0],
        ),
        ("selu", scalar::selu, scalar::selu_grad, &[0.0]),
        ("softplus", scalar::softplus, scalar::softplus_grad, &[]),
        (
            "log_sigmoid",
            scalar::log_sigmoid,
            |x| scalar::sigmoid(-x),
            &[],
        ),
        ("gelu", scalar::gelu, scalar::gelu_grad, &[]),
        ("gelu_tanh", scalar::gelu_tanh, scalar::gelu_tanh_grad, &[]),
        ("silu", scalar::silu, scalar::silu_grad, &[]),
        ("mish", scalar::mish, scalar::mish_grad, &[]),
    ];
    let h = 1e-3;
    let mut failures = Vec::new();
    let mut checked = 0;
    for (name, f, grad, kinks) in &pairs {
        for &x in &grid() {
            if kinks.iter().any(|k| (x - k).abs() < 2.0 * h) {
                continue;
            }
            let fd = derivative(*f, x, h);
            let g = grad(x);
            // relative agreement, plus the rounding noise of the difference quotient
            let scale = f(x - h).abs().max(f(x + h).abs());
            let tol = 1e-8 * g.abs() + 64.0 * f64::EPSILON * scale / h + 1e-13;
            if (fd - g).abs() > tol {
                failures.push(format!("{name}′({x}): formula {g:e}, difference {fd:e}"));
            }
            checked += 1;
        }
    }
    assert!(checked > 8000);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn tanh_is_a_scaled_sigmoid() {
    // tanh x = 2σ(2x) − 1, hence tanh′(x) = 4σ′(2x)
    for &x in &grid() {
        let via_sigmoid = 2.0 * scalar::sigmoid(2.0 * x) - 1.0;
        assert!(
            (x.tanh() - via_sigmoid).abs() <= 4.0 * f64::EPSILON,
            "x = {x}: tanh {} vs 2σ(2x) − 1 = {via_sigmoid}",
            x.tanh()
        );
        let (a, b) = (scalar::tanh_grad(x), 4.0 * scalar::sigmoid_grad(2.0 * x));
        assert!(
            (a - b).abs() <= 8.0 * f64::EPSILON * a.abs(),
            "x = {x}: tanh′ {a:e} vs 4σ′(2x) {b:e}"
        );
    }
}

#[test]
fn other_identities() {
    for &x in &grid() {
        let close = |a: f64, b: f64| (a - b).abs() <= 8.0 * f64::EPSILON * a.abs().max(b.abs());
        // σ(x) + σ(−x) = 1, σ′ even, softplus(x) − softplus(−x) = x
        assert!((scalar::sigmoid(x) + scalar::sigmoid(-x) - 1.0).abs() <= f64::EPSILON);
        assert_eq!(scalar::sigmoid_grad(x), scalar::sigmoid_grad(-x));
        assert!(close(scalar::softplus(x) - scalar::softplus(-x), x));
        // SiLU is x·σ(x); GELU is x·Φ(x), Φ(x) + Φ(−x) = 1 gives gelu(x) − gelu(−x) = x
        assert!(close(scalar::silu(x), x * scalar::sigmoid(x)) || x < -700.0);
        if x.abs() < 20.0 {
            assert!(close(scalar::gelu(x) - scalar::gelu(-x), x), "x = {x}");
        }
        // selu is λ·elu(α)
        let elu = scalar::elu(x, SELU_ALPHA) * SELU_LAMBDA;
        assert!(close(scalar::selu(x), elu), "x = {x}");
    }
}

#[test]
fn limits_at_infinity() {
    let inf = f64::INFINITY;
    let lambda_alpha = SELU_LAMBDA * SELU_ALPHA;
    // (name, f, f(−∞), f(+∞))
    let cases: Vec<(&str, F, f64, f64)> = vec![
        ("sigmoid", scalar::sigmoid, 0.0, 1.0),
        ("sigmoid_grad", scalar::sigmoid_grad, 0.0, 0.0),
        ("tanh_grad", scalar::tanh_grad, 0.0, 0.0),
        ("relu", scalar::relu, 0.0, inf),
        ("relu_grad", scalar::relu_grad, 0.0, 1.0),
        ("leaky_relu", |x| scalar::leaky_relu(x, 0.01), -inf, inf),
        (
            "leaky_relu_grad",
            |x| scalar::leaky_relu_grad(x, 0.01),
            0.01,
            1.0,
        ),
        ("elu", |x| scalar::elu(x, 0.7), -0.7, inf),
        ("elu_grad", |x| scalar::elu_grad(x, 0.7), 0.0, 1.0),
        ("selu", scalar::selu, -lambda_alpha, inf),
        ("selu_grad", scalar::selu_grad, 0.0, SELU_LAMBDA),
        ("softplus", scalar::softplus, 0.0, inf),
        ("softplus_grad", scalar::softplus_grad, 0.0, 1.0),
        ("log_sigmoid", scalar::log_sigmoid, -inf, 0.0),
        ("gelu", scalar::gelu, 0.0, inf),
        ("gelu_grad", scalar::gelu_grad, 0.0, 1.0),
        ("gelu_tanh", scalar::gelu_tanh, 0.0, inf),
        ("gelu_tanh_grad", scalar::gelu_tanh_grad, 0.0, 1.0),
        ("silu", scalar::silu, 0.0, inf),
        ("silu_grad", scalar::silu_grad, 0.0, 1.0),
        ("mish", scalar::mish, 0.0, inf),
        ("mish_grad", scalar::mish_grad, 0.0, 1.0),
        ("hard_sigmoid", scalar::hard_sigmoid, 0.0, 1.0),
        ("hard_swish", scalar::hard_swish, 0.0, inf),
    ];
    assert_eq!(cases.len(), all_functions().len());
    for (name, f, at_minus, at_plus) in cases {
        // selu's limit is −λα to within rounding of the product
        let same = |a: f64, b: f64| a == b || (a - b).abs() <= 2.0 * f64::EPSILON * b.abs();
        assert!(
            same(f(-inf), at_minus),
            "{name}(−∞) = {}, want {at_minus}",
            f(-inf)
        );
        assert!(
            same(f(inf), at_plus),
            "{name}(∞) = {}, want {at_plus}",
            f(inf)
        );
    }
}

#[test]
fn nan_in_nan_out() {
    for (name, f) in all_functions() {
        assert!(f(f64::NAN).is_nan(), "{name}(NaN) = {}", f(f64::NAN));
    }
    assert!(f64::NAN.tanh().is_nan());
}

#[test]
fn finite_inputs_give_finite_results() {
    // magnitudes from the smallest subnormal to the largest finite number, both signs
    let mut xs = vec![0.0, -0.0, 5e-324, 1e-310, f64::MIN_POSITIVE, f64::MAX];
    for k in -300..=308 {
        for m in [1.0, 2.5, 7.0] {
            xs.push(m * 10f64.powi(k));
        }
    }
    xs.extend(grid());
    xs.extend((0..2000).map(|k| 700.0 + k as f64 * 0.03)); // where exp under- and overflows
    for (name, f) in all_functions() {
        for &m in &xs {
            for x in [m, -m] {
                if !x.is_finite() || (name == "selu" && x > f64::MAX / SELU_LAMBDA) {
                    continue; // selu(x) = λx truly overflows there
                }
                assert!(f(x).is_finite(), "{name}({x:e}) = {}", f(x));
            }
        }
    }
}

#[test]
fn small_results_stay_nonzero_where_the_naive_formulas_give_zero() {
    // each true value is a normal number, so returning 0 is a large error
    assert!(scalar::sigmoid(-740.0) > 0.0);
    assert!(scalar::sigmoid_grad(40.0) > 0.0);
    assert!(scalar::tanh_grad(30.0) > 0.0);
    assert!(scalar::softplus(-740.0) > 0.0);
    assert!(scalar::log_sigmoid(-800.0) == -800.0);
    assert!(scalar::silu(-712.0) < 0.0);
    assert!(scalar::mish(-712.0) < 0.0);
    assert!(scalar::gelu(-37.0) < 0.0);
    assert!(scalar::gelu_tanh(-20.0) < 0.0);
    assert!(scalar::elu(-1e-300, 1.0) == -1e-300);
}

#[test]
fn values_at_the_kinks_are_the_documented_ones() {
    assert_eq!(scalar::relu(0.0), 0.0);
    assert_eq!(scalar::relu(-0.0).to_bits(), 0.0f64.to_bits());
    assert_eq!(scalar::relu_grad(0.0), 0.0);
    assert_eq!(scalar::leaky_relu_grad(0.0, 0.2), 0.2);
    assert_eq!(scalar::elu_grad(0.0, 0.5), 0.5);
    // λα is one correctly rounded constant, so it may differ from the product by an ulp
    assert!((scalar::selu_grad(0.0) - SELU_LAMBDA * SELU_ALPHA).abs() <= 2.0 * f64::EPSILON);
    assert_eq!(scalar::hard_sigmoid(-3.0), 0.0);
    assert_eq!(scalar::hard_sigmoid(3.0), 1.0);
    assert_eq!(scalar::hard_swish(-3.0), 0.0);
    assert_eq!(scalar::hard_swish(3.0), 3.0);
    // the smooth ones at 0
    assert_eq!(scalar::sigmoid(0.0), 0.5);
    assert_eq!(scalar::sigmoid_grad(0.0), 0.25);
    assert_eq!(scalar::tanh_grad(0.0), 1.0);
    assert_eq!(scalar::gelu_grad(0.0), 0.5);
    assert_eq!(scalar::gelu_tanh_grad(0.0), 0.5);
    assert_eq!(scalar::silu_grad(0.0), 0.5);
    assert!((scalar::mish_grad(0.0) - 0.6).abs() < 1e-15);
}
