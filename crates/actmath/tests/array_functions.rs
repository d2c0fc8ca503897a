//! The array functions equal the scalar ones element-wise, bit for bit, for any dimension and
//! memory layout, and keep the shape (empty in, empty out).

use actmath::array as a;
use actmath::scalar;
use ndarray::{Array, Array1, Array2, ArrayView2, Axis, Dimension, IxDyn, Slice};

type ArrayFn1 = fn(&Array1<f64>) -> Array1<f64>;
type ArrayFn2 = fn(&ArrayView2<f64>) -> Array2<f64>;

/// (name, scalar function, the array function on 1-D arrays, on 2-D views)
type Case = (&'static str, fn(f64) -> f64, ArrayFn1, ArrayFn2);

fn pairs() -> Vec<Case> {
    macro_rules! p {
        ($name:ident, $scalar:expr) => {
            (
                stringify!($name),
                $scalar,
                |x: &Array1<f64>| a::$name(x),
                |x: &ArrayView2<f64>| a::$name(x),
            )
        };
        ($name:ident, $scalar:expr, $alpha:expr) => {
            (
                stringify!($name),
                $scalar,
                |x: &Array1<f64>| a::$name(x, $alpha),
                |x: &ArrayView2<f64>| a::$name(x, $alpha),
            )
        };
    }
    vec![
        p!(sigmoid, scalar::sigmoid),
        p!(sigmoid_grad, scalar::sigmoid_grad),
        p!(tanh, scalar::tanh),
        p!(tanh_grad, scalar::tanh_grad),
        p!(relu, scalar::relu),
        p!(relu_grad, scalar::relu_grad),
        p!(leaky_relu, |x| scalar::leaky_relu(x, 0.05), 0.05),
        p!(leaky_relu_grad, |x| scalar::leaky_relu_grad(x, 0.05), 0.05),
        p!(elu, |x| scalar::elu(x, 0.8), 0.8),
        p!(elu_grad, |x| scalar::elu_grad(x, 0.8), 0.8),
        p!(selu, scalar::selu),
        p!(selu_grad, scalar::selu_grad),
        p!(softplus, scalar::softplus),
        p!(softplus_grad, scalar::softplus_grad),
        p!(log_sigmoid, scalar::log_sigmoid),
        p!(gelu, scalar::gelu),
        p!(gelu_grad, scalar::gelu_grad),
        p!(gelu_tanh, scalar::gelu_tanh),
        p!(gelu_tanh_grad, scalar::gelu_tanh_grad),
        p!(silu, scalar::silu),
        p!(silu_grad, scalar::silu_grad),
        p!(mish, scalar::mish),
        p!(mish_grad, scalar::mish_grad),
        p!(hard_sigmoid, scalar::hard_sigmoid),
        p!(hard_swish, scalar::hard_swish),
    ]
}

fn inputs() -> Array1<f64> {
    let mut v: Vec<f64> = (0..60).map(|k| -30.0 + k as f64 * 1.017).collect();
    v.extend([0.0, -0.0, 1e-300, -1e-300, 750.0, -750.0, 1e300, -1e300]);
    v.extend([0.5, -0.5, 3.0, -3.0, 40.0, -40.0]);
    v.extend([f64::INFINITY, f64::NEG_INFINITY, f64::NAN]); // 77 = 7 × 11 values
    Array1::from(v)
}

/// Same shape, and every element identical to the scalar function's (NaN counts as equal to NaN).
fn assert_matches<D: Dimension>(
    name: &str,
    f: fn(f64) -> f64,
    x: &Array<f64, D>,
    y: &Array<f64, D>,
) {
    assert_eq!(x.shape(), y.shape(), "{name}: shape changed");
    for (&xi, &yi) in x.iter().zip(y.iter()) {
        let want = f(xi);
        assert!(
            yi.to_bits() == want.to_bits() || (yi.is_nan() && want.is_nan()),
            "{name}({xi}): array gives {yi}, scalar gives {want}"
        );
    }
}

#[test]
fn one_dimensional_arrays_match_the_scalar_functions() {
    let x = inputs();
    for (name, f, f1, _) in pairs() {
        assert_matches(name, f, &x, &f1(&x));
    }
}

#[test]
fn two_dimensional_views_match_including_transposed_and_strided_ones() {
    let x = inputs().into_shape_with_order((7, 11)).unwrap();
    for (name, f, _, f2) in pairs() {
        assert_matches(name, f, &x, &f2(&x.view()));
        // a transposed view and a strided slice are not contiguous in the usual order
        let t = x.t();
        assert_matches(name, f, &t.to_owned(), &f2(&t));
        // (x[::2, 1::3]; the `s!` macro is not usable here, the workspace forbids unsafe code)
        let mut strided = x.view();
        strided.slice_axis_inplace(Axis(0), Slice::from(..).step_by(2));
        strided.slice_axis_inplace(Axis(1), Slice::from(1..).step_by(3));
        assert_matches(name, f, &strided.to_owned(), &f2(&strided));
    }
}

#[test]
fn empty_arrays_give_empty_arrays_of_the_same_shape() {
    let empty1 = Array1::<f64>::zeros(0);
    let empty2 = Array2::<f64>::zeros((0, 3));
    for (name, _, f1, f2) in pairs() {
        assert_eq!(f1(&empty1).shape(), &[0], "{name}");
        assert_eq!(f2(&empty2.view()).shape(), &[0, 3], "{name}");
    }
}

#[test]
fn any_dimension_works() {
    let x = Array::from_shape_fn(IxDyn(&[2, 3, 4]), |i| {
        i[0] as f64 - 0.5 * i[1] as f64 + 0.1 * i[2] as f64
    });
    let y = a::gelu(&x);
    assert_matches("gelu", scalar::gelu, &x, &y);
    let z = a::elu(&x.view(), 0.3);
    assert_matches("elu", |v| scalar::elu(v, 0.3), &x, &z);
}

#[test]
fn the_prelude_exports_the_array_versions_under_the_plain_names() {
    use actmath::prelude::*;
    let x = array![-1.0, 0.0, 1.0];
    assert_eq!(sigmoid(&x), a::sigmoid(&x));
    assert_eq!(sigmoid(&x)[1], scalar::sigmoid(0.0));
    assert_eq!(leaky_relu(&x, 0.1), array![-0.1, 0.0, 1.0]);
}

/// The reference tables' inputs (zero, subnormals, ±1e-300 … ±1e300, ±40 densely, ±700…±1000),
/// seeded random numbers of every magnitude, and NaN, ±∞, ±0 and subnormals scattered among
/// them: 6007 values, not a multiple of any vector width, so the loops' tails run too.
fn many_inputs() -> Vec<f64> {
    use rand_chacha::rand_core::Rng;
    let path = format!("{}/tests/data/sigmoid.txt", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).expect("reference table");
    let mut v: Vec<f64> = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_whitespace().next()?.parse().ok())
        .collect();
    let mut rng = actmath::init::seeded_rng(2024);
    let mut unit = || (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    while v.len() < 6007 {
        let sign = if unit() < 0.5 { -1.0 } else { 1.0 };
        let x = match v.len() % 3 {
            0 => sign * 10f64.powf(-320.0 + 630.0 * unit()), // any magnitude
            1 => -50.0 + 100.0 * unit(),                     // where the curves bend
            _ => sign * (690.0 + 70.0 * unit()),             // where exp under/overflows
        };
        v.push(x);
    }
    let specials = [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        0.0,
        -0.0,
        5e-324,
        -1e-310,
        f64::MIN_POSITIVE,
        f64::MAX,
        f64::MIN,
    ];
    for (i, s) in specials.iter().cycle().take(200).enumerate() {
        v[7 + 29 * i] = *s;
    }
    v
}

/// The array functions run a loop compiled for the best instruction set of this CPU on contiguous
/// arrays, and `mapv` on the others; all must give the scalar function's bits.
#[test]
fn vectorised_and_fallback_paths_match_the_scalar_functions_bit_for_bit() {
    let v = many_inputs();
    assert_eq!(v.len(), 6007);
    let x1 = Array1::from(v.clone());
    let x2 = Array2::from_shape_vec((6007 / 13, 13), v[..6007 / 13 * 13].to_vec()).unwrap();
    for (name, f, f1, f2) in pairs() {
        assert_matches(name, f, &x1, &f1(&x1)); // contiguous, 1-D
        assert_matches(name, f, &x2, &f2(&x2.view())); // row-major
        let t = x2.t(); // column-major
        assert_matches(name, f, &t.to_owned(), &f2(&t));
        let mut strided = x2.view(); // neither
        strided.slice_axis_inplace(Axis(0), Slice::from(1..).step_by(3));
        strided.slice_axis_inplace(Axis(1), Slice::from(..).step_by(2));
        assert_matches(name, f, &strided.to_owned(), &f2(&strided));
        let mut reversed = x2.view(); // a negative stride
        reversed.invert_axis(Axis(1));
        assert_matches(name, f, &reversed.to_owned(), &f2(&reversed));
    }
}
