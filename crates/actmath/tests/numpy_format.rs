//! `numpy_str` against strings printed by real numpy.

use actmath::prelude::*;

include!("data/numpy_format_cases.rs");

#[test]
fn arrays_print_like_numpy() {
    let mut failures = Vec::new();
    for &(shape, values, expected) in NUMPY_CASES {
        let a = ndarray::ArrayD::from_shape_vec(shape.to_vec(), values.to_vec()).unwrap();
        let got = numpy_str(&a);
        if got != expected {
            failures.push(format!("shape {shape:?}:\n got: {got}\nwant: {expected}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
