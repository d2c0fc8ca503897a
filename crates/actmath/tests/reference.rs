//! The scalar functions against 50-digit reference tables (tests/data/*.txt, written by
//! scripts/reference_tables.py), over the whole f64 range.
//!
//! Error is measured in ulps of the correctly rounded reference, using the table's third column
//! (true − reference)/ulp to get fractional ulps. Two allowances only: where the true result is
//! subnormal, an absolute error up to 2⁻¹⁰²² counts as exact; within 0.25 of the interior zero of
//! silu_grad (4·2⁻⁵²), gelu_grad (16·2⁻⁵²), gelu_tanh_grad and mish_grad (4·2⁻⁵²) the absolute
//! error is bounded instead. Run with `--nocapture` to see the worst case of every function.

use actmath::scalar;
use std::fmt::Write as _;

#[path = "support/reference_table.rs"]
mod reference_table;
use reference_table::{load, ulp};

/// 2⁻⁵², the spacing of f64 numbers at 1.
const EPS: f64 = f64::EPSILON;

#[derive(Clone, Copy)]
enum Bound {
    /// At most this many ulps of the reference.
    Ulps(f64),
    /// Relative error at most this.
    Relative(f64),
}

struct Spec {
    name: &'static str,
    f: fn(f64) -> f64,
    bound: Bound,
    /// An interior zero x0 and the absolute error accepted within 0.25 of it.
    zero: Option<(f64, f64)>,
}

/// Outcome for one function.
struct Outcome {
    /// Worst error (ulps or relative) outside the zero window, and where.
    worst: f64,
    worst_x: f64,
    /// Worst absolute error inside the zero window, in units of 2⁻⁵².
    worst_near_zero: f64,
    /// Points that needed the subnormal allowance.
    subnormal: usize,
    failures: Vec<String>,
}

fn measure(spec: &Spec) -> Outcome {
    let mut out = Outcome {
        worst: 0.0,
        worst_x: f64::NAN,
        worst_near_zero: 0.0,
        subnormal: 0,
        failures: Vec::new(),
    };
    let limit = match spec.bound {
        Bound::Ulps(l) | Bound::Relative(l) => l,
    };
    for p in load(spec.name) {
        let y = (spec.f)(p.x);
        let u = ulp(p.reference);
        let abs_err = ((y - p.reference) - p.frac * u).abs();
        if !y.is_finite() || abs_err.is_nan() {
            out.failures
                .push(format!("x = {:e}: got {y:e}, want {:e}", p.x, p.reference));
            continue;
        }
        if let Some((x0, allow)) = spec.zero {
            if (p.x - x0).abs() <= 0.25 {
                let err = abs_err / EPS;
                out.worst_near_zero = out.worst_near_zero.max(err);
                if abs_err > allow {
                    out.failures.push(format!(
                        "x = {:e}: got {y:e}, want {:e} (absolute error {err:.3} x 2^-52 near the zero)",
                        p.x, p.reference
                    ));
                }
                continue;
            }
        }
        let truth = p.reference + p.frac * u;
        let err = match spec.bound {
            Bound::Relative(_) if truth != 0.0 => abs_err / truth.abs(),
            _ => abs_err / u,
        };
        if err > limit {
            if p.reference.abs() < f64::MIN_POSITIVE && abs_err <= f64::MIN_POSITIVE {
                out.subnormal += 1;
                continue;
            }
            out.failures.push(format!(
                "x = {:e}: got {y:e}, want {:e} (error {err:.3e})",
                p.x, p.reference
            ));
        }
        if err > out.worst {
            out.worst = err;
            out.worst_x = p.x;
        }
    }
    out
}

fn specs() -> Vec<Spec> {
    use Bound::{Relative, Ulps};
    fn s(name: &'static str, f: fn(f64) -> f64, bound: Bound) -> Spec {
        Spec {
            name,
            f,
            bound,
            zero: None,
        }
    }
    fn z(name: &'static str, f: fn(f64) -> f64, bound: Bound, x0: f64, allow: f64) -> Spec {
        Spec {
            name,
            f,
            bound,
            zero: Some((x0, allow)),
        }
    }
    vec![
        // the stated targets
        s("sigmoid", scalar::sigmoid, Ulps(4.0)),
        s("sigmoid_grad", scalar::sigmoid_grad, Ulps(4.0)),
        s("tanh", scalar::tanh, Ulps(4.0)),
        s("tanh_grad", scalar::tanh_grad, Ulps(4.0)),
        s("softplus", scalar::softplus, Ulps(4.0)),
        s("log_sigmoid", scalar::log_sigmoid, Ulps(4.0)),
        s("silu", scalar::silu, Ulps(4.0)),
        z(
            "silu_grad",
            scalar::silu_grad,
            Ulps(4.0),
            -1.278_464_542_761_073_7,
            4.0 * EPS,
        ),
        s("elu", |x| scalar::elu(x, 1.0), Ulps(4.0)),
        s("selu", scalar::selu, Ulps(4.0)),
        s("mish", scalar::mish, Ulps(4.0)),
        s("gelu", scalar::gelu, Ulps(16.0)),
        z(
            "gelu_grad",
            scalar::gelu_grad,
            Ulps(16.0),
            -0.751_791_524_693_564_5,
            16.0 * EPS,
        ),
        s("gelu_tanh", scalar::gelu_tanh, Relative(1e-12)),
        // the rest, held to what they reach
        s("softplus_grad", scalar::softplus_grad, Ulps(4.0)),
        s("elu_grad", |x| scalar::elu_grad(x, 1.0), Ulps(4.0)),
        s("selu_grad", scalar::selu_grad, Ulps(4.0)),
        z(
            "gelu_tanh_grad",
            scalar::gelu_tanh_grad,
            Relative(1e-12),
            -0.752_461_422_071_016_3,
            4.0 * EPS,
        ),
        z(
            "mish_grad",
            scalar::mish_grad,
            Ulps(8.0),
            -1.192_431_214_515_495_2,
            4.0 * EPS,
        ),
        s("relu", scalar::relu, Ulps(0.5)),
        s("relu_grad", scalar::relu_grad, Ulps(0.0)),
        s("leaky_relu", |x| scalar::leaky_relu(x, 0.01), Ulps(0.5)),
        s(
            "leaky_relu_grad",
            |x| scalar::leaky_relu_grad(x, 0.01),
            Ulps(0.5),
        ),
        s("hard_sigmoid", scalar::hard_sigmoid, Ulps(1.0)),
        s("hard_swish", scalar::hard_swish, Ulps(2.0)),
    ]
}

#[test]
fn scalar_functions_match_the_50_digit_reference() {
    let mut report = String::from(
        "function          worst error     at x                    near zero (2^-52)  subnormal\n",
    );
    let mut failed = String::new();
    for spec in specs() {
        let o = measure(&spec);
        let unit = match spec.bound {
            Bound::Ulps(_) => "ulp",
            Bound::Relative(_) => "rel",
        };
        let near_zero = match spec.zero {
            Some(_) => format!("{:.3}", o.worst_near_zero),
            None => "-".to_string(),
        };
        writeln!(
            report,
            "{:17} {:9.3e} {unit}  {:<23e} {near_zero:18} {}",
            spec.name, o.worst, o.worst_x, o.subnormal
        )
        .unwrap();
        if !o.failures.is_empty() {
            writeln!(
                failed,
                "{}: {} points out of bounds, e.g.",
                spec.name,
                o.failures.len()
            )
            .unwrap();
            for f in o.failures.iter().take(5) {
                writeln!(failed, "    {f}").unwrap();
            }
        }
    }
    println!("{report}");
    assert!(failed.is_empty(), "{report}\n{failed}");
}
