//! Throughput of the array functions on 1M f64, printed as ns per element.
//!
//! Run with `cargo bench -p actmath --bench throughput` (release build; `scripts/bench` runs it
//! beside the same computations in numpy and prints the ratios). Input: 1000 × 1000 samples of
//! N(0, 3²) from the crate's seeded generator. After a warm-up call, each function is timed in
//! `SAMPLES` samples of about `SAMPLE_SECONDS` each (as many calls as fit); the line gives the
//! median and the best sample per element. Every call allocates its result, as a notebook
//! cell's `sigmoid(&x)` does.
//!
//! Time is the thread's time on a CPU (Linux: `/proc/thread-self/schedstat`, which advances in
//! scheduler ticks of a few ms, hence the long samples), not the wall clock, so that on a loaded
//! machine the time spent waiting for a core is not counted; where that file does not exist, the
//! wall clock is used.
//!
//! Output, one line per function: `throughput <name> <median ns/elem> <best ns/elem> <clock>`.

use actmath::prelude::*;
use std::hint::black_box;
use std::time::Instant;

const ROWS: usize = 1000;
const COLS: usize = 1000;
const SAMPLES: usize = 9;
const SAMPLE_SECONDS: f64 = 0.1;
const SEED: u64 = 7;

/// An array function under test.
type Kernel = fn(&Array2<f64>) -> Array2<f64>;

/// Seconds this thread has run on a CPU, if the system says (Linux), else `None`.
fn cpu_seconds() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = text.split_whitespace().next()?.parse().ok()?;
    Some(ns * 1e-9)
}

/// A clock: on-CPU time where available, else wall time since `origin`.
fn now(origin: Instant) -> f64 {
    cpu_seconds().unwrap_or_else(|| origin.elapsed().as_secs_f64())
}

fn measure(name: &str, x: &Array2<f64>, f: impl Fn(&Array2<f64>) -> Array2<f64>) {
    let origin = Instant::now();
    let start = origin.elapsed().as_secs_f64();
    black_box(f(black_box(x)));
    let one_call = origin.elapsed().as_secs_f64() - start;
    let calls = ((SAMPLE_SECONDS / one_call.max(1e-6)).ceil() as usize).max(1);
    let mut times: Vec<f64> = (0..SAMPLES)
        .map(|_| {
            let start = now(origin);
            for _ in 0..calls {
                black_box(f(black_box(x)));
            }
            (now(origin) - start) / calls as f64
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let per_element = |t: f64| t * 1e9 / x.len() as f64;
    let clock = if cpu_seconds().is_some() {
        "cpu"
    } else {
        "wall"
    };
    println!(
        "throughput {name} {:.3} {:.3} {clock}",
        per_element(times[SAMPLES / 2]),
        per_element(times[0])
    );
}

fn main() {
    // `cargo bench` passes `--bench`; a name filter is any other argument.
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let wanted = |name: &str| filters.is_empty() || filters.iter().any(|f| name.contains(f));
    let x = normal_weights(ROWS, COLS, 9.0, SEED);
    let cases: [(&str, Kernel); 6] = [
        ("sigmoid", |x| sigmoid(x)),
        ("tanh", |x| tanh(x)),
        ("gelu", |x| gelu(x)),
        ("gelu_tanh", |x| gelu_tanh(x)),
        ("silu", |x| silu(x)),
        ("softmax_rows", |x| softmax_axis(x, Axis(1))),
    ];
    for (name, f) in cases {
        if wanted(name) {
            measure(name, &x, f);
        }
    }
}
