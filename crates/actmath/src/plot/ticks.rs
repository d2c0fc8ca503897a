//! Tick positions and tick labels: "nice" linear steps (1, 2, 2.5, 5 × 10^k, like matplotlib's
//! `MaxNLocator`) and decades on a log axis.

/// Linear ticks inside `[lo, hi]` with at most `max_bins` intervals; returns the ticks and their labels.
pub(crate) fn linear_ticks(lo: f64, hi: f64, max_bins: usize) -> Vec<(f64, String)> {
    let span = hi - lo;
    if span.is_nan() || span <= 0.0 || !span.is_finite() {
        return vec![(lo, format_number(lo, 1.0))];
    }
    let raw = span / max_bins.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let mut step = 10.0 * mag;
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if m * mag >= raw * (1.0 - 1e-9) {
            step = m * mag;
            break;
        }
    }
    let first = (lo / step - 1e-9).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    (first..=last)
        .map(|k| {
            let v = k as f64 * step;
            let v = if v.abs() < step * 1e-9 { 0.0 } else { v };
            (v, format_number(v, step))
        })
        .collect()
}

/// Ticks for a log10 axis over `[lo, hi]` (both > 0): decades, thinned to at most `max_bins`
/// intervals; on an axis spanning less than about one decade, 1-2-5 ticks instead.
pub(crate) fn log_ticks(lo: f64, hi: f64, max_bins: usize) -> Vec<(f64, String)> {
    let (a, b) = (lo.log10(), hi.log10());
    let first = (a - 1e-9).ceil() as i32;
    let last = (b + 1e-9).floor() as i32;
    if last - first >= 1 {
        let n = (last - first) as usize;
        let stride = n.div_ceil(max_bins.max(1)).max(1) as i32;
        return (first..=last)
            .filter(|e| (e - first) % stride == 0)
            .map(|e| (10f64.powi(e), format!("10{}", superscript(e))))
            .collect();
    }
    // Less than two decade lines: 1, 2, 5 times powers of ten, plain labels.
    let mut ticks = Vec::new();
    for e in (a.floor() as i32)..=(b.ceil() as i32) {
        for m in [1.0, 2.0, 5.0] {
            let v = m * 10f64.powi(e);
            if v >= lo * (1.0 - 1e-9) && v <= hi * (1.0 + 1e-9) {
                ticks.push((v, format_number(v, 10f64.powi(e))));
            }
        }
    }
    if ticks.len() < 2 {
        return linear_ticks(lo, hi, max_bins);
    }
    ticks
}

/// `e` written with Unicode superscript digits, e.g. −3 → "⁻³".
pub(crate) fn superscript(e: i32) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let mut s = String::new();
    if e < 0 {
        s.push('⁻');
    }
    for c in e.unsigned_abs().to_string().chars() {
        s.push(DIGITS[c as usize - '0' as usize]);
    }
    s
}

/// A number written with as many decimals as the step between neighbouring ticks needs,
/// with a real minus sign (U+2212) like matplotlib; very large or small numbers in e-notation.
pub(crate) fn format_number(v: f64, step: f64) -> String {
    let s = if v == 0.0 {
        let step = step.abs().max(1e-12);
        let decimals = if (1e-4..1e5).contains(&step) {
            (-step.log10().floor()).max(0.0) as usize
        } else {
            0
        };
        let m = step / 10f64.powf(step.log10().floor());
        let decimals = if decimals > 0 && (m - 2.5).abs() < 1e-6 {
            decimals + 1
        } else {
            decimals
        };
        return format!("{:.*}", decimals, 0.0);
    } else if v.abs() >= 1e5 || v.abs() < 1e-4 {
        let s = format!("{v:e}");
        match s.split_once('e') {
            Some((m, e)) => {
                let m: f64 = m.parse().unwrap_or(0.0);
                let m = format!("{m:.2}");
                let m = m.trim_end_matches('0').trim_end_matches('.');
                format!("{m}e{e}")
            }
            None => s,
        }
    } else {
        let step = step.abs().max(1e-12);
        let mut decimals = (-step.log10().floor()).max(0.0) as usize;
        // 2.5 × 10^k needs one more decimal than 10^k.
        let m = step / 10f64.powf(step.log10().floor());
        if (m - 2.5).abs() < 1e-6 {
            decimals += 1;
        }
        format!("{v:.decimals$}")
    };
    s.replace('-', "\u{2212}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_steps_are_nice() {
        let t = linear_ticks(-6.6, 6.6, 9);
        let v: Vec<f64> = t.iter().map(|t| t.0).collect();
        assert_eq!(v, vec![-6.0, -4.0, -2.0, 0.0, 2.0, 4.0, 6.0]);
        assert_eq!(t[0].1, "−6");
        let t = linear_ticks(-0.05, 1.05, 9);
        let labels: Vec<&str> = t.iter().map(|t| t.1.as_str()).collect();
        assert_eq!(labels, ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]);
        let t = linear_ticks(0.0, 1.0, 4);
        assert_eq!(t[1].1, "0.25");
    }

    #[test]
    fn log_decades() {
        let t = log_ticks(1e-4, 2.0, 9);
        let labels: Vec<&str> = t.iter().map(|t| t.1.as_str()).collect();
        assert_eq!(labels, ["10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "10⁰"]);
        let t = log_ticks(1e-30, 1.0, 5);
        assert!(t.len() <= 6 && t.len() >= 3, "{t:?}");
    }

    #[test]
    fn number_format() {
        assert_eq!(format_number(-0.5, 0.1), "−0.5");
        assert_eq!(format_number(2e-6, 1e-6), "2e-6".replace('-', "\u{2212}"));
        assert_eq!(format_number(3.0, 1.0), "3");
    }
}
