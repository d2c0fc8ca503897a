//! The exact lines printed by the answer checks, including every kind of bad input.

use actmath::prelude::*;

fn line<V: CheckValue, E: CheckValue>(value: V, expected: E) -> (bool, String) {
    check_close_line("p", value, expected, 1e-7)
}

#[test]
fn original_lines_are_reproduced() {
    // Lines copied from the executed original notebook.
    let s = |b: f64| 1.0 / (1.0 + (-b).exp());
    let g = array![s(0.0), s(2.0)];
    let out = &array![2.0, -1.0] * &g;
    let cases = [
        (
            check_close_line("center derivative", 0.25, 0.25, 1e-7),
            "PASS - center derivative: value=0.25, expected=0.25",
        ),
        (
            check_close_line("center derivative", 1.0, 1.0, 1e-7),
            "PASS - center derivative: value=1.0, expected=1.0",
        ),
        (
            check_close_line("relu", array![0.0, 0.0, 3.0], [0.0, 0.0, 3.0], 1e-7),
            "PASS - relu: value=[0. 0. 3.], expected=[0. 0. 3.]",
        ),
        (
            check_close_line("sums to one", 0.9999999999999999, 1.0, 1e-7),
            "PASS - sums to one: value=0.9999999999999999, expected=1.0",
        ),
        (
            check_close_line("GLU output", &out, &out, 1e-7),
            "PASS - GLU output: value=[ 1.         -0.88079708], expected=[ 1.         -0.88079708]",
        ),
        (
            check_close_line("dy/da", &g, g.view(), 1e-7),
            "PASS - dy/da: value=[0.5        0.88079708], expected=[0.5        0.88079708]",
        ),
    ];
    for ((ok, got), want) in cases {
        assert!(ok);
        assert_eq!(got, want);
    }
    assert_eq!(
        check_true_line("PSD", true),
        (true, "PASS - PSD".to_string())
    );
    assert_eq!(
        check_true_line("first unit dead", false),
        (false, "FAIL - first unit dead".to_string())
    );
}

#[test]
fn allclose_semantics() {
    // |v - e| <= tol + tol*|e|: with tol = 0.1 and e = 10 the bound is 1.1.
    assert!(check_close_line("x", 11.09, 10.0, 0.1).0);
    assert!(!check_close_line("x", 11.11, 10.0, 0.1).0);
    assert!(check_close_line("x", 0.0, 0.0, 0.0).0);
    assert!(!check_close_line("x", 1e-300, 0.0, 0.0).0);
    // Failures with finite values print the values like the original.
    assert_eq!(
        check_close_line("relu", [0.0, 1.0, 3.0], [0.0, 0.0, 3.0], 1e-7),
        (
            false,
            "FAIL - relu: value=[0. 1. 3.], expected=[0. 0. 3.]".to_string()
        )
    );
}

#[test]
fn every_kind_of_value_is_accepted() {
    let a = array![1.0, 2.0];
    let v = vec![1.0, 2.0];
    assert!(line(&a, [1.0, 2.0]).0);
    assert!(line(a.view(), &v).0);
    assert!(line(&v[..], a.clone()).0);
    assert!(line(v.clone(), a.t()).0);
    let m = array![[1.0, 2.0], [3.0, 4.0]];
    assert_eq!(
        line(&m, m.t().t()),
        (
            true,
            "PASS - p: value=[[1. 2.]\n [3. 4.]], expected=[[1. 2.]\n [3. 4.]]".to_string()
        )
    );
    // A 0-dimensional array is a scalar.
    assert!(line(ndarray::arr0(0.5), 0.5).0);
}

#[test]
fn scalars_broadcast_against_arrays() {
    assert_eq!(
        line(array![0.0, 0.0, 0.0], 0.0),
        (true, "PASS - p: value=[0. 0. 0.], expected=0.0".to_string())
    );
    assert!(!line(array![0.0, 1.0], 0.0).0);
    // A scalar and a 1-element array compare by value.
    assert_eq!(
        line(0.5, [0.5]),
        (true, "PASS - p: value=0.5, expected=[0.5]".to_string())
    );
}

#[test]
fn bad_inputs_give_exact_fail_lines() {
    let nan = f64::NAN;
    let inf = f64::INFINITY;
    let cases: Vec<((bool, String), &str)> = vec![
        (
            check_close_line("relu", [0.0, 3.0], [0.0, 0.0, 3.0], 1e-7),
            "FAIL - relu: shape mismatch: value has shape (2,), expected (3,)",
        ),
        (
            line(array![[1.0, 2.0, 3.0]], [1.0, 2.0, 3.0]),
            "FAIL - p: shape mismatch: value has shape (1, 3), expected (3,)",
        ),
        (line(Vec::<f64>::new(), [1.0]), "FAIL - p: value is empty"),
        (
            line([1.0], Array1::<f64>::zeros(0)),
            "FAIL - p: expected is empty",
        ),
        (
            line(Vec::<f64>::new(), Vec::<f64>::new()),
            "FAIL - p: value is empty",
        ),
        (
            line(Array2::<f64>::zeros((0, 3)), 0.0),
            "FAIL - p: value is empty",
        ),
        (
            line([0.2, nan], [0.2, 0.5]),
            "FAIL - p: value contains NaN at index 1 where expected is 0.5",
        ),
        (
            line([0.2, 0.5], [0.2, nan]),
            "FAIL - p: expected contains NaN at index 1 where value is 0.5",
        ),
        (
            line(nan, 0.5),
            "FAIL - p: value is NaN where expected is 0.5",
        ),
        (
            line(1.0, nan),
            "FAIL - p: expected is NaN where value is 1.0",
        ),
        (
            line([inf, 1.0], [1.0, 1.0]),
            "FAIL - p: value contains inf at index 0 where expected is 1.0",
        ),
        (
            line([1.0, 1.0], [1.0, -inf]),
            "FAIL - p: expected contains -inf at index 1 where value is 1.0",
        ),
        (
            line(-inf, inf),
            "FAIL - p: value is -inf where expected is inf",
        ),
        (
            line(
                array![[1.0, 2.0], [nan, 4.0]],
                array![[1.0, 2.0], [3.0, 4.0]],
            ),
            "FAIL - p: value contains NaN at index (1, 0) where expected is 3.0",
        ),
        (
            // A NaN is reported before an ordinary difference that comes earlier.
            line([9.0, nan], [1.0, 2.0]),
            "FAIL - p: value contains NaN at index 1 where expected is 2.0",
        ),
        (
            check_close_line("p", 1.0, 1.0, -1.0),
            "FAIL - p: bad tolerance -1.0 (must be a number >= 0)",
        ),
        (
            check_close_line("p", 1.0, 1.0, nan),
            "FAIL - p: bad tolerance nan (must be a number >= 0)",
        ),
    ];
    for ((ok, got), want) in cases {
        assert!(!ok, "{got}");
        assert_eq!(got, want);
    }
}

#[test]
fn matching_non_finite_values_pass() {
    let nan = f64::NAN;
    let inf = f64::INFINITY;
    assert_eq!(
        line([nan, 1.0], [nan, 1.0]),
        (
            true,
            "PASS - p: value=[nan  1.], expected=[nan  1.]".to_string()
        )
    );
    assert_eq!(
        line(inf, inf),
        (true, "PASS - p: value=inf, expected=inf".to_string())
    );
    assert!(line([-inf, 0.0], [-inf, 0.0]).0);
    // NaN against a NaN elsewhere does not pass.
    assert!(!line([nan, 1.0], [1.0, nan]).0);
}

#[test]
fn header_matches_the_original() {
    let rule = "=".repeat(72);
    assert_eq!(
        header_text("Exercise 5: Stable softmax"),
        format!("\n{rule}\nExercise 5: Stable softmax\n{rule}\n")
    );
}
