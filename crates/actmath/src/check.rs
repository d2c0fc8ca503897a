//! Answer checks that print one `PASS - …` / `FAIL - …` line, exactly like the original notebook.
//!
//! The comparison is numpy's `allclose` with `atol = rtol = tol`: every element must satisfy
//! |v − e| ≤ tol + tol·|e|. Values are printed the way Python prints them (`0.25`, `1.0`,
//! `0.9999999999999999`) and arrays the way numpy's `str` prints them (`[0. 0. 3.]`,
//! `[ 1.         -0.88079708]`), so a line reads the same as in the original notebook.
//!
//! Bad input never panics: an empty array, a shape mismatch, a NaN or an infinity (or a bad
//! tolerance) gives a `FAIL` line that says what is wrong instead of the values.
//!
//! Each printing function has a pure twin ([`check_close_line`], [`check_true_line`],
//! [`header_text`]) that returns the verdict and the text without printing.

use ndarray::{ArrayBase, Data, Dimension};

/// Width of the `=` rule printed by [`header`].
const RULE_WIDTH: usize = 72;

/// numpy's default print precision (digits after the point).
const PRECISION: usize = 8;
/// numpy's default line width.
const LINE_WIDTH: usize = 75;
/// numpy summarises arrays with more elements than this.
const THRESHOLD: usize = 1000;
/// Number of items numpy shows at each end of a summarised axis.
const EDGE_ITEMS: usize = 3;

/// Something [`check_close`] can compare: an `f64`, an ndarray array or view of any dimension,
/// a slice, a `Vec` or a fixed-size array of `f64` (or a reference to any of these).
///
/// ```
/// use actmath::check::CheckValue;
/// let d = [1.0, 2.0].check_data();
/// assert_eq!(d.shape, vec![2]);
/// assert_eq!(d.values, vec![1.0, 2.0]);
/// ```
pub trait CheckValue {
    /// The shape (empty for a scalar) and the elements in row-major order.
    fn check_data(&self) -> CheckData;
}

/// The shape and the row-major elements of a [`CheckValue`].
///
/// ```
/// use actmath::check::{CheckData, CheckValue};
/// assert_eq!(0.5.check_data(), CheckData { shape: vec![], values: vec![0.5] });
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CheckData {
    /// Length along each axis; empty for a scalar (numpy's shape `()`).
    pub shape: Vec<usize>,
    /// The elements in row-major (C) order.
    pub values: Vec<f64>,
}

impl CheckData {
    fn is_scalar(&self) -> bool {
        self.shape.is_empty()
    }
}

impl CheckValue for f64 {
    fn check_data(&self) -> CheckData {
        CheckData {
            shape: vec![],
            values: vec![*self],
        }
    }
}

impl CheckValue for [f64] {
    fn check_data(&self) -> CheckData {
        CheckData {
            shape: vec![self.len()],
            values: self.to_vec(),
        }
    }
}

impl<const N: usize> CheckValue for [f64; N] {
    fn check_data(&self) -> CheckData {
        self.as_slice().check_data()
    }
}

impl CheckValue for Vec<f64> {
    fn check_data(&self) -> CheckData {
        self.as_slice().check_data()
    }
}

impl<S, D> CheckValue for ArrayBase<S, D>
where
    S: Data<Elem = f64>,
    D: Dimension,
{
    fn check_data(&self) -> CheckData {
        CheckData {
            shape: self.shape().to_vec(),
            values: self.iter().copied().collect(),
        }
    }
}

impl<T: CheckValue + ?Sized> CheckValue for &T {
    fn check_data(&self) -> CheckData {
        (**self).check_data()
    }
}

/// The text [`header`] prints: a blank line, a rule of 72 `=`, the title, the rule again.
///
/// ```
/// let text = actmath::check::header_text("Exercise 1");
/// assert_eq!(text, format!("\n{}\nExercise 1\n{}\n", "=".repeat(72), "=".repeat(72)));
/// ```
pub fn header_text(title: &str) -> String {
    let rule = "=".repeat(RULE_WIDTH);
    format!("\n{rule}\n{title}\n{rule}\n")
}

/// Prints an exercise header exactly like the original's
/// `print("\n" + "=" * 72); print(title); print("=" * 72)`.
///
/// ```
/// actmath::check::header("Exercise 1: Sigmoid derivative");
/// ```
pub fn header(title: &str) {
    print!("{}", header_text(title));
}

/// Prints `PASS - name` or `FAIL - name` and returns `condition`.
///
/// ```
/// use actmath::check::check_true;
/// assert!(check_true("leaky keeps negative signal", -0.2 < 0.0));
/// ```
pub fn check_true(name: &str, condition: bool) -> bool {
    let (ok, line) = check_true_line(name, condition);
    println!("{line}");
    ok
}

/// The verdict and line of [`check_true`], without printing.
///
/// ```
/// use actmath::check::check_true_line;
/// assert_eq!(check_true_line("PSD", true), (true, "PASS - PSD".to_string()));
/// assert_eq!(check_true_line("PSD", false), (false, "FAIL - PSD".to_string()));
/// ```
pub fn check_true_line(name: &str, condition: bool) -> (bool, String) {
    (condition, format!("{} - {name}", verdict_word(condition)))
}

/// Compares `value` with `expected` like numpy's `allclose(value, expected, atol=tol, rtol=tol)`,
/// prints `PASS - name: value=…, expected=…` (or `FAIL - …`) and returns the verdict.
///
/// Rules (see [`check_close_line`] for the exact wording of every failure):
/// - element-wise |v − e| ≤ tol + tol·|e|;
/// - a scalar on either side is compared with every element of the other side (numpy
///   broadcasting), so a scalar and a 1-element array compare by value; two arrays must have
///   exactly the same shape (no other broadcasting: a shape difference in an answer is a bug);
/// - NaN passes only where both sides are NaN at the same place (numpy's `equal_nan=True`);
///   an infinity passes only where the other side is the same infinity;
/// - an empty value or expected, or a tolerance that is negative or NaN, fails.
///
/// ```
/// use actmath::prelude::*;
/// let p = array![0.2, 0.3, 0.5];
/// assert!(check_close("sums to one", p.sum(), 1.0, 1e-7));
/// assert!(check_close("p", &p, [0.2, 0.3, 0.5], 1e-7));
/// assert!(!check_close("p", &p, vec![0.2, 0.3], 1e-7)); // shape mismatch: FAIL line
/// ```
pub fn check_close<V: CheckValue, E: CheckValue>(
    name: &str,
    value: V,
    expected: E,
    tol: f64,
) -> bool {
    let (ok, line) = check_close_line(name, value, expected, tol);
    println!("{line}");
    ok
}

/// The verdict and line of [`check_close`], without printing.
///
/// A normal line is `PASS - name: value=…, expected=…` or `FAIL - name: value=…, expected=…`.
/// Bad input gives `FAIL - name: <problem>`, checked in this order:
/// - `bad tolerance -1.0 (must be a number >= 0)`
/// - `value is empty` / `expected is empty`
/// - `shape mismatch: value has shape (2,), expected (3,)`
/// - `value contains NaN at index 1 where expected is 0.5` (the first such element in
///   row-major order; the index is a tuple such as `(1, 0)` for arrays of 2 or more
///   dimensions; `value is NaN where expected is 0.5` for a scalar). Likewise
///   `expected contains NaN …`, `value contains inf …`, `value contains -inf … where expected is inf`.
///
/// ```
/// use actmath::prelude::*;
/// let (ok, line) = check_close_line("center derivative", 0.25, 0.25, 1e-7);
/// assert!(ok);
/// assert_eq!(line, "PASS - center derivative: value=0.25, expected=0.25");
///
/// let (ok, line) = check_close_line("relu", &array![0.0, 3.0], [0.0, 0.0, 3.0], 1e-7);
/// assert!(!ok);
/// assert_eq!(line, "FAIL - relu: shape mismatch: value has shape (2,), expected (3,)");
/// ```
pub fn check_close_line<V: CheckValue, E: CheckValue>(
    name: &str,
    value: V,
    expected: E,
    tol: f64,
) -> (bool, String) {
    let value = value.check_data();
    let expected = expected.check_data();
    match compare(&value, &expected, tol) {
        Ok(ok) => {
            let line = format!(
                "{} - {name}: value={}, expected={}",
                verdict_word(ok),
                format_data(&value),
                format_data(&expected)
            );
            (ok, line)
        }
        Err(problem) => (false, format!("FAIL - {name}: {problem}")),
    }
}

/// Formats a value the way Python's `print` shows it: an `f64` like Python's `repr`
/// (`1.0`, `0.1`, `1e-05`, `nan`), an array like numpy's `str` with default print options
/// (precision 8, trailing zeros dropped, columns aligned, scientific notation when numpy uses it,
/// lines wrapped at 75 characters, arrays over 1000 elements summarised with `...`).
///
/// ```
/// use actmath::prelude::*;
/// assert_eq!(numpy_str(1.0), "1.0");
/// assert_eq!(numpy_str(&array![0.0, 0.0, 3.0]), "[0. 0. 3.]");
/// assert_eq!(numpy_str(&array![1.0, -0.8807970779778823]), "[ 1.         -0.88079708]");
/// assert_eq!(numpy_str(&array![[1.0, 2.0], [3.0, 4.0]]), "[[1. 2.]\n [3. 4.]]");
/// ```
pub fn numpy_str<V: CheckValue>(value: V) -> String {
    format_data(&value.check_data())
}

fn verdict_word(ok: bool) -> &'static str {
    if ok { "PASS" } else { "FAIL" }
}

/// A shape written like a Python tuple: `()`, `(3,)`, `(2, 3)`.
pub(crate) fn shape_str(shape: &[usize]) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => {
            let parts: Vec<String> = shape.iter().map(|n| n.to_string()).collect();
            format!("({})", parts.join(", "))
        }
    }
}

/// The verdict, or the description of a bad input.
fn compare(value: &CheckData, expected: &CheckData, tol: f64) -> Result<bool, String> {
    if tol.is_nan() || tol < 0.0 {
        return Err(format!(
            "bad tolerance {} (must be a number >= 0)",
            py_repr(tol)
        ));
    }
    if value.values.is_empty() {
        return Err("value is empty".to_string());
    }
    if expected.values.is_empty() {
        return Err("expected is empty".to_string());
    }
    if !value.is_scalar() && !expected.is_scalar() && value.shape != expected.shape {
        return Err(format!(
            "shape mismatch: value has shape {}, expected {}",
            shape_str(&value.shape),
            shape_str(&expected.shape)
        ));
    }
    // Pair up the elements, broadcasting a scalar side.
    let n = value.values.len().max(expected.values.len());
    let shape = if value.is_scalar() {
        &expected.shape
    } else {
        &value.shape
    };
    let pair = |i: usize| {
        let v = if value.is_scalar() {
            value.values[0]
        } else {
            value.values[i]
        };
        let e = if expected.is_scalar() {
            expected.values[0]
        } else {
            expected.values[i]
        };
        (v, e)
    };
    // Non-finite values first: they say more than a plain numeric difference.
    for i in 0..n {
        let (v, e) = pair(i);
        let value_side = if v.is_nan() && e.is_nan() {
            continue;
        } else if v.is_nan() {
            true
        } else if e.is_nan() {
            false
        } else if (v.is_infinite() || e.is_infinite()) && v != e {
            v.is_infinite()
        } else {
            continue;
        };
        let (side, data, x, other, y) = if value_side {
            ("value", value, v, "expected", e)
        } else {
            ("expected", expected, e, "value", v)
        };
        let x = if x.is_nan() {
            "NaN".to_string()
        } else {
            py_repr(x)
        };
        let place = if data.is_scalar() {
            format!("{side} is {x}")
        } else {
            format!("{side} contains {x} at index {}", index_str(shape, i))
        };
        return Err(format!("{place} where {other} is {}", py_repr(y)));
    }
    Ok((0..n).all(|i| {
        let (v, e) = pair(i);
        (v.is_nan() && e.is_nan()) || v == e || (v - e).abs() <= tol + tol * e.abs()
    }))
}

/// The row-major flat index `i` in `shape`, written `3` for 1-D and `(1, 0)` otherwise.
fn index_str(shape: &[usize], mut i: usize) -> String {
    if shape.len() == 1 {
        return i.to_string();
    }
    let mut idx = vec![0; shape.len()];
    for (k, &n) in shape.iter().enumerate().rev() {
        idx[k] = i % n;
        i /= n;
    }
    let parts: Vec<String> = idx.iter().map(|n| n.to_string()).collect();
    format!("({})", parts.join(", "))
}

fn format_data(d: &CheckData) -> String {
    if d.is_scalar() {
        py_repr(d.values[0])
    } else {
        format_array(&d.shape, &d.values)
    }
}

/// The shortest round-trip decimal digits of |x| (finite) and the decimal exponent of the
/// first digit: |x| = d₁.d₂d₃… × 10^exp.
fn shortest_digits(x: f64) -> (String, i32) {
    split_scientific(&format!("{:e}", x.abs()))
}

/// Splits Rust's `{:e}` output (`"1.25e-3"`) into digits (`"125"`) and exponent (`-3`).
fn split_scientific(s: &str) -> (String, i32) {
    let (mantissa, exp) = s
        .split_once('e')
        .expect("scientific format has an exponent");
    (
        mantissa.replace('.', ""),
        exp.parse().expect("exponent is an integer"),
    )
}

/// Digits and exponent laid out positionally, without a sign: (integer part, fraction part).
fn positional_parts(digits: &str, exp: i32) -> (String, String) {
    if exp >= 0 {
        let int_len = exp as usize + 1;
        if digits.len() <= int_len {
            (
                format!("{digits}{}", "0".repeat(int_len - digits.len())),
                String::new(),
            )
        } else {
            (digits[..int_len].to_string(), digits[int_len..].to_string())
        }
    } else {
        (
            "0".to_string(),
            format!("{}{digits}", "0".repeat((-exp - 1) as usize)),
        )
    }
}

fn sign_of(x: f64) -> &'static str {
    if x.is_sign_negative() { "-" } else { "" }
}

/// Python's `repr` of a float: shortest round-trip digits, positional for 1e-4 ≤ |x| < 1e16
/// (always with a fractional digit, `1.0`), otherwise scientific (`1e-05`, `1.5e+16`).
pub(crate) fn py_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".to_string();
    }
    if x.is_infinite() {
        return format!("{}inf", sign_of(x));
    }
    let (digits, exp) = shortest_digits(x);
    if (-4..16).contains(&exp) {
        let (int, frac) = positional_parts(&digits, exp);
        let frac = if frac.is_empty() {
            "0".to_string()
        } else {
            frac
        };
        format!("{}{int}.{frac}", sign_of(x))
    } else {
        let mantissa = if digits.len() > 1 {
            format!("{}.{}", &digits[..1], &digits[1..])
        } else {
            digits
        };
        let exp_sign = if exp < 0 { '-' } else { '+' };
        format!("{}{mantissa}e{exp_sign}{:02}", sign_of(x), exp.abs())
    }
}

/// numpy's positional form of a finite x (unique digits, at most 8 after the point, correctly
/// rounded, trailing zeros dropped): (signed integer part, fraction part).
fn np_positional(x: f64) -> (String, String) {
    let (digits, exp) = shortest_digits(x);
    let frac_needed = digits.len() as i32 - 1 - exp;
    let (int, frac) = if frac_needed <= PRECISION as i32 {
        positional_parts(&digits, exp)
    } else {
        // Rust's fixed-precision formatting rounds the exact binary value half-to-even,
        // like numpy's Dragon4.
        let s = format!("{:.*}", PRECISION, x.abs());
        let (int, frac) = s.split_once('.').expect("fixed format has a point");
        (int.to_string(), frac.trim_end_matches('0').to_string())
    };
    (format!("{}{int}", sign_of(x)), frac)
}

/// numpy's scientific form of a finite x (unique digits, at most 8 after the point):
/// (signed leading digit, fraction digits, exponent).
fn np_scientific(x: f64) -> (String, String, i32) {
    let (mut digits, mut exp) = shortest_digits(x);
    if digits.len() > PRECISION + 1 {
        (digits, exp) = split_scientific(&format!("{:.*e}", PRECISION, x.abs()));
        digits = digits.trim_end_matches('0').to_string();
    }
    (
        format!("{}{}", sign_of(x), &digits[..1]),
        digits[1..].to_string(),
        exp,
    )
}

/// numpy's `FloatingFormat` with default options, fitted to the shown elements.
struct FloatFormat {
    scientific: bool,
    pad_left: usize,
    pad_right: usize,
    /// Fraction digits of every element in scientific mode.
    sci_precision: usize,
    /// Minimum exponent digits in scientific mode.
    exp_digits: usize,
}

impl FloatFormat {
    fn new(shown: &[f64]) -> Self {
        let finite: Vec<f64> = shown.iter().copied().filter(|x| x.is_finite()).collect();
        let nonzero: Vec<f64> = finite
            .iter()
            .map(|x| x.abs())
            .filter(|&x| x != 0.0)
            .collect();
        let mut scientific = false;
        if !nonzero.is_empty() {
            let max = nonzero.iter().copied().fold(f64::MIN, f64::max);
            let min = nonzero.iter().copied().fold(f64::MAX, f64::min);
            scientific = max >= 1e8 || min < 1e-4 || max / min > 1000.0;
        }
        let mut f = FloatFormat {
            scientific,
            pad_left: 0,
            pad_right: 0,
            sci_precision: 0,
            exp_digits: 0,
        };
        if finite.is_empty() {
            // nothing to measure
        } else if scientific {
            let parts: Vec<_> = finite.iter().map(|&x| np_scientific(x)).collect();
            f.sci_precision = parts.iter().map(|p| p.1.len()).max().unwrap_or(0);
            f.exp_digits = parts
                .iter()
                .map(|p| p.2.unsigned_abs().to_string().len().max(2))
                .max()
                .unwrap_or(2);
            f.pad_left = parts.iter().map(|p| p.0.len()).max().unwrap_or(0);
            f.pad_right = f.exp_digits + 2 + f.sci_precision;
        } else {
            let parts: Vec<_> = finite.iter().map(|&x| np_positional(x)).collect();
            f.pad_left = parts.iter().map(|p| p.0.len()).max().unwrap_or(0);
            f.pad_right = parts.iter().map(|p| p.1.len()).max().unwrap_or(0);
        }
        if finite.len() != shown.len() {
            // Make room for "nan", "inf" and "-inf".
            let neg_inf = shown.contains(&f64::NEG_INFINITY);
            let offset = f.pad_right + 1;
            let needed = (3 + usize::from(neg_inf)).saturating_sub(offset);
            f.pad_left = f.pad_left.max(needed);
        }
        f
    }

    fn format(&self, x: f64) -> String {
        if !x.is_finite() {
            let text = py_repr(x);
            let width = self.pad_left + self.pad_right + 1;
            return format!("{text:>width$}");
        }
        if self.scientific {
            let (int, frac, exp) = np_scientific(x);
            let exp_sign = if exp < 0 { '-' } else { '+' };
            format!(
                "{int:>pl$}.{frac:0<fp$}e{exp_sign}{e:0>ed$}",
                pl = self.pad_left,
                fp = self.sci_precision,
                e = exp.unsigned_abs(),
                ed = self.exp_digits
            )
        } else {
            let (int, frac) = np_positional(x);
            format!(
                "{int:>pl$}.{frac:<pr$}",
                pl = self.pad_left,
                pr = self.pad_right
            )
        }
    }
}

/// numpy's `str` of an array (`array2string` with default options).
fn format_array(shape: &[usize], values: &[f64]) -> String {
    if values.is_empty() {
        return "[]".to_string();
    }
    let summarize = values.len() > THRESHOLD;
    let mut shown = Vec::new();
    collect_shown(shape, values, summarize, &mut shown);
    let printer = ArrayPrinter {
        format: FloatFormat::new(&shown),
        summarize,
    };
    printer.recurse(shape, values, " ", LINE_WIDTH)
}

/// The elements numpy prints (all of them, or the edge items of every axis when summarising).
fn collect_shown(shape: &[usize], values: &[f64], summarize: bool, out: &mut Vec<f64>) {
    let Some((&len, rest)) = shape.split_first() else {
        out.push(values[0]);
        return;
    };
    let stride: usize = rest.iter().product();
    for i in shown_indices(len, summarize) {
        collect_shown(rest, &values[i * stride..(i + 1) * stride], summarize, out);
    }
}

fn shown_indices(len: usize, summarize: bool) -> Vec<usize> {
    if summarize && 2 * EDGE_ITEMS < len {
        (0..EDGE_ITEMS).chain(len - EDGE_ITEMS..len).collect()
    } else {
        (0..len).collect()
    }
}

struct ArrayPrinter {
    format: FloatFormat,
    summarize: bool,
}

impl ArrayPrinter {
    /// numpy's `_formatArray` recursion with separator `' '`.
    fn recurse(&self, shape: &[usize], values: &[f64], hanging: &str, width: usize) -> String {
        let Some((&len, rest)) = shape.split_first() else {
            return self.format.format(values[0]);
        };
        let stride: usize = rest.iter().product();
        let sub = |i: usize| &values[i * stride..(i + 1) * stride];
        let next_hanging = format!("{hanging} ");
        let next_width = width.saturating_sub(1);
        let show_summary = self.summarize && 2 * EDGE_ITEMS < len;
        let (leading, trailing) = if show_summary {
            (EDGE_ITEMS, EDGE_ITEMS)
        } else {
            (0, len)
        };
        let mut s = String::new();
        if rest.is_empty() {
            let elem_width = width.saturating_sub(1);
            let mut line = hanging.to_string();
            for i in 0..leading {
                let word = self.recurse(rest, sub(i), &next_hanging, next_width);
                extend_line(&mut s, &mut line, &word, elem_width, hanging);
                line.push(' ');
            }
            if show_summary {
                extend_line(&mut s, &mut line, "...", elem_width, hanging);
                line.push(' ');
            }
            for i in (2..=trailing).rev() {
                let word = self.recurse(rest, sub(len - i), &next_hanging, next_width);
                extend_line(&mut s, &mut line, &word, elem_width, hanging);
                line.push(' ');
            }
            let word = self.recurse(rest, sub(len - 1), &next_hanging, next_width);
            extend_line(&mut s, &mut line, &word, elem_width, hanging);
            s.push_str(&line);
        } else {
            let line_sep = "\n".repeat(rest.len());
            for i in 0..leading {
                let nested = self.recurse(rest, sub(i), &next_hanging, next_width);
                s.push_str(&format!("{hanging}{nested}{line_sep}"));
            }
            if show_summary {
                s.push_str(&format!("{hanging}...{line_sep}"));
            }
            for i in (2..=trailing).rev() {
                let nested = self.recurse(rest, sub(len - i), &next_hanging, next_width);
                s.push_str(&format!("{hanging}{nested}{line_sep}"));
            }
            let nested = self.recurse(rest, sub(len - 1), &next_hanging, next_width);
            s.push_str(&format!("{hanging}{nested}"));
        }
        format!("[{}]", &s[hanging.len()..])
    }
}

/// numpy's `_extendLine`: wrap before `word` if it would pass `width`, unless wrapping
/// would not help.
fn extend_line(s: &mut String, line: &mut String, word: &str, width: usize, prefix: &str) {
    let needs_wrap = line.len() + word.len() > width && line.len() > prefix.len();
    if needs_wrap {
        s.push_str(line.trim_end());
        s.push('\n');
        *line = prefix.to_string();
    }
    line.push_str(word);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_repr_of_floats() {
        // Strings from CPython 3.11 `repr`.
        let cases = [
            (0.25, "0.25"),
            (1.0, "1.0"),
            (0.9999999999999999, "0.9999999999999999"),
            (-0.0, "-0.0"),
            (0.0, "0.0"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (1.5e300, "1.5e+300"),
            (123.456, "123.456"),
            (5e-324, "5e-324"),
            (f64::NAN, "nan"),
            (f64::NEG_INFINITY, "-inf"),
            (0.010416666666666666, "0.010416666666666666"),
        ];
        for (x, s) in cases {
            assert_eq!(py_repr(x), s, "repr of {x:?}");
        }
    }

    #[test]
    fn index_strings() {
        assert_eq!(index_str(&[4], 3), "3");
        assert_eq!(index_str(&[2, 3], 4), "(1, 1)");
        assert_eq!(shape_str(&[]), "()");
        assert_eq!(shape_str(&[3]), "(3,)");
        assert_eq!(shape_str(&[2, 3]), "(2, 3)");
    }
}
