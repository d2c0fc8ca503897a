//! Softmax family: identities, overflow, edge cases, Jacobian.

use actmath::prelude::*;

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * (1.0 + b.abs())
}

fn all_close(a: &Array1<f64>, b: &Array1<f64>, tol: f64) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(&x, &y)| close(x, y, tol))
}

#[test]
fn no_overflow_and_matches_reference() {
    // Reference: 1/(1+e^-1+e^-2) etc. with mpmath at 40 digits.
    let p = softmax(&array![1000.0, 999.0, 998.0]);
    let want = array![0.6652409557748219, 0.24472847105479764, 0.09003057317038046];
    assert!(all_close(&p, &want, 1e-15), "{p}");
    let l = log_softmax(&array![1000.0, 999.0, 998.0]);
    let want = array![-0.4076059644443803, -1.4076059644443804, -2.40760596444438];
    assert!(all_close(&l, &want, 1e-15), "{l}");
    let p = softmax(&array![-1000.0, -999.0, -998.0]);
    assert!(close(p[2], 0.6652409557748219, 1e-15));
}

#[test]
fn sums_to_one_and_shift_invariant() {
    for seed in 0..20 {
        let z = normal_sample(7, 0.0, 5.0, seed);
        let p = softmax(&z);
        assert!(close(p.sum(), 1.0, 1e-15));
        assert!(p.iter().all(|&x| x > 0.0));
        for c in [-700.0, -3.25, 0.5, 1e3] {
            assert!(all_close(&softmax(&(&z + c)), &p, 1e-12));
        }
    }
}

#[test]
fn log_softmax_is_ln_softmax_and_stays_finite() {
    for seed in 0..20 {
        let z = normal_sample(6, 0.0, 3.0, seed);
        let lhs = log_softmax(&z);
        let rhs = softmax(&z).mapv(f64::ln);
        assert!(all_close(&lhs, &rhs, 1e-13));
    }
    // softmax underflows to 0 here, log-softmax does not.
    let z = array![0.0, -800.0];
    assert_eq!(softmax(&z)[1], 0.0);
    assert_eq!(log_softmax(&z)[1], -800.0);
    // Tiny other terms keep their relative size in the max's log-probability: −ln(1+ε) ≈ −ε.
    let l = log_softmax(&array![0.0, -40.0]);
    assert!(close(l[0], -(-40.0f64).exp(), 1e-15));
}

#[test]
fn edge_cases() {
    let nan = f64::NAN;
    let inf = f64::INFINITY;
    assert_eq!(softmax(&Array1::<f64>::zeros(0)).len(), 0);
    assert_eq!(log_softmax(&Array1::<f64>::zeros(0)).len(), 0);
    for z in [
        array![1.0, nan, 2.0],
        array![-inf, -inf],
        array![inf, inf, 0.0],
        array![inf, nan],
    ] {
        assert!(softmax(&z).iter().all(|x| x.is_nan()), "{z}");
        assert!(log_softmax(&z).iter().all(|x| x.is_nan()), "{z}");
    }
    assert_eq!(softmax(&array![1.0, inf, -inf]), array![0.0, 1.0, 0.0]);
    assert_eq!(log_softmax(&array![1.0, inf]), array![-inf, 0.0]);
    // −∞ next to finite entries is a mask.
    assert_eq!(softmax(&array![0.0, -inf, 0.0]), array![0.5, 0.0, 0.5]);
    assert_eq!(log_softmax(&array![0.0, -inf])[1], -inf);
    assert_eq!(entropy(&Array1::<f64>::zeros(0)), 0.0);
    assert!(entropy(&array![-0.5, 1.5]).is_nan());
}

#[test]
fn along_an_axis() {
    let z = array![[1.0, 2.0, 3.0], [10.0, -5.0, 0.5]];
    let rows = softmax_axis(&z, Axis(1));
    let cols = softmax_axis(&z, Axis(0));
    for i in 0..2 {
        assert_eq!(rows.row(i), softmax(&z.row(i)));
        assert_eq!(log_softmax_axis(&z, Axis(1)).row(i), log_softmax(&z.row(i)));
    }
    for j in 0..3 {
        assert_eq!(cols.column(j), softmax(&z.column(j)));
    }
    let z3 = Array::from_shape_fn((2, 3, 4), |(i, j, k)| (i * 12 + j * 4 + k) as f64 * 0.7);
    let p3 = softmax_axis(&z3, Axis(1));
    for s in p3.sum_axis(Axis(1)) {
        assert!(close(s, 1.0, 1e-15));
    }
}

#[test]
#[should_panic(expected = "axis 2 is out of range")]
fn axis_out_of_range_panics() {
    softmax_axis(&array![[1.0]], Axis(2));
}

#[test]
fn temperature() {
    let z = array![1.0, 2.0, 3.0];
    assert_eq!(softmax_temperature(&z, 1.0), softmax(&z));
    assert!(all_close(
        &softmax_temperature(&z, 2.0),
        &softmax(&(&z / 2.0)),
        1e-15
    ));
    // Colder is sharper, hotter is flatter.
    assert!(entropy(&softmax_temperature(&z, 0.5)) < entropy(&softmax(&z)));
    assert!(entropy(&softmax_temperature(&z, 5.0)) > entropy(&softmax(&z)));
    // Limits: t → 0⁺ is the argmax one-hot (ties share), t = ∞ is uniform.
    assert_eq!(softmax_temperature(&z, 1e-300), array![0.0, 0.0, 1.0]);
    assert_eq!(
        softmax_temperature(&array![3.0, 1.0, 3.0], 1e-300),
        array![0.5, 0.0, 0.5]
    );
    assert_eq!(
        softmax_temperature(&array![3.0, 1.0], f64::INFINITY),
        array![0.5, 0.5]
    );
}

#[test]
#[should_panic(expected = "temperature must be > 0, got 0")]
fn zero_temperature_panics() {
    softmax_temperature(&array![1.0, 2.0], 0.0);
}

#[test]
#[should_panic(expected = "temperature must be > 0, got NaN")]
fn nan_temperature_panics() {
    softmax_temperature(&array![1.0, 2.0], f64::NAN);
}

#[test]
fn entropy_values() {
    assert_eq!(entropy(&array![0.0, 1.0, 0.0]), 0.0);
    let n = 5.0f64;
    assert!(close(
        entropy(&Array1::from_elem(5, 1.0 / n)),
        n.ln(),
        1e-15
    ));
    // H(0.2, 0.3, 0.5) by hand.
    let h = -(0.2f64 * 0.2f64.ln() + 0.3 * 0.3f64.ln() + 0.5 * 0.5f64.ln());
    assert!(close(entropy(&array![0.2, 0.3, 0.5]), h, 1e-15));
}

#[test]
fn jacobian_rows_sum_to_zero_symmetric_psd() {
    let mut rng = seeded_rng(11);
    for _ in 0..20 {
        let s = softmax(&normal_sample_with(6, 0.0, 2.0, &mut rng));
        let j = softmax_jacobian(&s);
        for r in j.sum_axis(Axis(1)) {
            assert!(r.abs() < 1e-15);
        }
        assert_eq!(j, j.t());
        for _ in 0..50 {
            let x = normal_sample_with(6, 0.0, 1.0, &mut rng);
            assert!(x.dot(&j.dot(&x)) >= -1e-12);
        }
    }
    // The original's example, s = (0.2, 0.3, 0.5). The characteristic polynomial of a 3×3
    // matrix is λ³ − tλ² + mλ − det with t = trace and m = sum of the principal 2×2 minors.
    // By hand: t = 0.62, m = 0.09, det = 0, so the eigenvalues are 0 and the roots of
    // λ² − 0.62λ + 0.09, (0.62 ± √0.0244)/2 ≈ 0.388, 0.232: all ≥ 0 (PSD, one zero mode).
    let j = softmax_jacobian(&array![0.2, 0.3, 0.5]);
    let trace = j[[0, 0]] + j[[1, 1]] + j[[2, 2]];
    let minor = |a: usize, b: usize| j[[a, a]] * j[[b, b]] - j[[a, b]] * j[[b, a]];
    let m = minor(0, 1) + minor(0, 2) + minor(1, 2);
    let det = j[[0, 0]] * minor(1, 2) - j[[0, 1]] * (j[[1, 0]] * j[[2, 2]] - j[[1, 2]] * j[[2, 0]])
        + j[[0, 2]] * (j[[1, 0]] * j[[2, 1]] - j[[1, 1]] * j[[2, 0]]);
    assert!(close(trace, 0.62, 1e-15));
    assert!(close(m, 0.09, 1e-14));
    assert!(det.abs() < 1e-17);
    let disc = trace * trace - 4.0 * m;
    assert!(disc > 0.0 && (trace - disc.sqrt()) / 2.0 > 0.2);
    assert_eq!(softmax_jacobian(&Array1::<f64>::zeros(0)).dim(), (0, 0));
}

#[test]
fn jacobian_matches_finite_differences() {
    let z = array![0.3, -1.2, 2.0, 0.7];
    let j = softmax_jacobian(&softmax(&z));
    let h = 1e-6;
    for col in 0..4 {
        let mut zp = z.clone();
        let mut zm = z.clone();
        zp[col] += h;
        zm[col] -= h;
        let fd = (softmax(&zp) - softmax(&zm)) / (2.0 * h);
        for row in 0..4 {
            assert!((fd[row] - j[[row, col]]).abs() < 1e-9, "J[{row},{col}]");
        }
    }
}

/// Long rows (the vectorised path sums in interleaved lanes): each row sums to one, each entry is
/// within a few ulp of e^{z−m}/Σ computed with the platform's exp and a compensated sum, a
/// strided lane gives the same bits as a contiguous one, and the edge cases hold inside long rows.
#[test]
fn long_rows_are_accurate_and_keep_the_edge_cases() {
    let n = 1003;
    let z = Array2::from_shape_fn((4, n), |(i, j)| {
        ((j * 7919 + i * 104_729) % 1000) as f64 * 0.037 - 20.0 * i as f64
    });
    let rows = softmax_axis(&z, Axis(1));
    let cols = softmax_axis(&z.t(), Axis(0)); // the same rows, as strided lanes
    assert_eq!(rows, cols.t());
    for (zi, pi) in z.rows().into_iter().zip(rows.rows()) {
        let m = zi.fold(f64::NEG_INFINITY, |a, &b| a.max(b));
        let e: Vec<f64> = zi.iter().map(|&x| (x - m).exp()).collect();
        // Kahan summation: the reference sum to well below an ulp
        let (mut sum, mut c) = (0.0, 0.0);
        for &v in &e {
            let y = v - c;
            let t = sum + y;
            c = (t - sum) - y;
            sum = t;
        }
        for (&p, &ei) in pi.iter().zip(&e) {
            let want = ei / sum;
            assert!(
                (p - want).abs() <= 4.0 * f64::EPSILON * want,
                "{p} vs {want}"
            );
        }
        assert!(close(pi.sum(), 1.0, 1e-14));
    }
    let mut row = Array1::from_shape_fn(n, |j| (j % 17) as f64 - 8.0);
    row[500] = f64::NAN;
    assert!(softmax(&row).iter().all(|p| p.is_nan()));
    row[500] = f64::INFINITY;
    let p = softmax(&row);
    assert_eq!(p[500], 1.0);
    assert_eq!(p.sum(), 1.0);
    row[500] = f64::NEG_INFINITY;
    assert_eq!(softmax(&row)[500], 0.0);
    assert!(
        softmax(&Array1::from_elem(n, f64::NEG_INFINITY))
            .iter()
            .all(|p| p.is_nan())
    );
}
