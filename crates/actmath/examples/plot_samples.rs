//! Writes sample figures (SVG and PNG) to a folder, for looking at the plot style:
//! `cargo run -p actmath --example plot_samples -- /tmp/plot-samples`.

use actmath::plot::Figure;
use ndarray::{Array1, Array2, Axis, array};
use std::time::Instant;

/// A named activation with its derivative.
type Act = (&'static str, fn(f64) -> f64, fn(f64) -> f64);

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

fn main() -> std::io::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "plot-samples".to_string());
    std::fs::create_dir_all(&dir)?;
    let x = Array1::linspace(-6.0, 6.0, 241);
    let s = x.mapv(sigmoid);
    let ds = &s * &(1.0 - &s);

    let lines = Figure::new()
        .title("Sigmoid and its derivative")
        .xlabel("x")
        .ylabel("value")
        .line("σ(x)", &x, &s)
        .line("σ′(x) = σ(x)(1 − σ(x))", &x, &ds)
        .hline(0.25, "max slope ¼");

    let units: Vec<String> = (0..16).map(|i| format!("u{i}")).collect();
    let frac: Vec<f64> = (0..16)
        .map(|i| ((i * 37 % 17) as f64 / 16.0).min(1.0) * if i % 5 == 0 { 0.0 } else { 1.0 })
        .collect();
    let bars = Figure::new()
        .title("Active fraction per unit (ReLU)")
        .xlabel("unit")
        .ylabel("fraction of samples > 0")
        .bars("ReLU", &units, &frac)
        .hline(0.01, "dead-unit threshold");

    let p = array![0.659, 0.242, 0.099];
    let jac = Array2::from_diag(&p)
        - p.view()
            .insert_axis(Axis(1))
            .dot(&p.view().insert_axis(Axis(0)));
    let labels = ["z₁", "z₂", "z₃"];
    let heat = Figure::new()
        .title("Softmax Jacobian ∂sᵢ/∂zⱼ")
        .heatmap(&jac, &labels, &labels);

    let acts: [Act; 12] = [
        ("sigmoid", sigmoid, |v| sigmoid(v) * (1.0 - sigmoid(v))),
        ("tanh", f64::tanh, |v| 1.0 - v.tanh().powi(2)),
        ("ReLU", |v| v.max(0.0), |v| if v > 0.0 { 1.0 } else { 0.0 }),
        (
            "leaky ReLU",
            |v| if v > 0.0 { v } else { 0.1 * v },
            |v| if v > 0.0 { 1.0 } else { 0.1 },
        ),
        (
            "ELU",
            |v| if v > 0.0 { v } else { v.exp_m1() },
            |v| if v > 0.0 { 1.0 } else { v.exp() },
        ),
        (
            "softplus",
            |v| v.max(0.0) + (-v.abs()).exp().ln_1p(),
            sigmoid,
        ),
        (
            "SiLU",
            |v| v * sigmoid(v),
            |v| sigmoid(v) * (1.0 + v * (1.0 - sigmoid(v))),
        ),
        (
            "GELU (tanh)",
            |v| 0.5 * v * (1.0 + (0.7978845608 * (v + 0.044715 * v * v * v)).tanh()),
            |v| {
                let h = 1e-5;
                let g =
                    |v: f64| 0.5 * v * (1.0 + (0.7978845608 * (v + 0.044715 * v * v * v)).tanh());
                (g(v + h) - g(v - h)) / (2.0 * h)
            },
        ),
        (
            "mish",
            |v| v * (v.max(0.0) + (-v.abs()).exp().ln_1p()).tanh(),
            |v| {
                let h = 1e-5;
                let g = |v: f64| v * (v.max(0.0) + (-v.abs()).exp().ln_1p()).tanh();
                (g(v + h) - g(v - h)) / (2.0 * h)
            },
        ),
        (
            "hard sigmoid",
            |v| (v / 6.0 + 0.5).clamp(0.0, 1.0),
            |v| if v.abs() < 3.0 { 1.0 / 6.0 } else { 0.0 },
        ),
        (
            "hard swish",
            |v| v * (v + 3.0).clamp(0.0, 6.0) / 6.0,
            |v| {
                if v < -3.0 {
                    0.0
                } else if v > 3.0 {
                    1.0
                } else {
                    (2.0 * v + 3.0) / 6.0
                }
            },
        ),
        (
            "SELU",
            |v| 1.0507 * if v > 0.0 { v } else { 1.67326 * v.exp_m1() },
            |v| 1.0507 * if v > 0.0 { 1.0 } else { 1.67326 * v.exp() },
        ),
    ];
    let xs = Array1::linspace(-4.0, 4.0, 161);
    let mut grid = Figure::grid(3, 4).title("Activations (solid) and their derivatives (dashed)");
    for (name, f, g) in acts {
        grid = grid.panel(Figure::new().title(name).line("f", &xs, xs.mapv(f)).dashed(
            "f′",
            &xs,
            xs.mapv(g),
        ));
    }

    let depth: Vec<f64> = (1..=30).map(f64::from).collect();
    let vanish: Vec<f64> = depth.iter().map(|&d| 0.25f64.powf(d)).collect();
    let tanh_v: Vec<f64> = depth.iter().map(|&d| 0.65f64.powf(d)).collect();
    let mut relu_v: Vec<f64> = depth.iter().map(|_| 1.0).collect();
    relu_v[29] = 0.0;
    let log = Figure::new()
        .title("Gradient through a stack of layers")
        .xlabel("depth")
        .ylabel("|∂L/∂x| (log scale)")
        .log_y()
        .line("sigmoid: 0.25ᵈ", &depth, &vanish)
        .line("tanh: 0.65ᵈ", &depth, &tanh_v)
        .scatter("ReLU path", &depth, &relu_v);

    let small = Figure::new()
        .size(400, 300)
        .title("ReLU at 400 × 300")
        .xlabel("x")
        .ylabel("relu(x)")
        .line("relu", &xs, xs.mapv(|v| v.max(0.0)))
        .vline(0.0, "kink");
    let mixed = Figure::grid(1, 3)
        .title("Panels of different kinds")
        .panel(bars.clone().title("bars"))
        .panel(Figure::new().title("heat map").heatmap(
            &Array2::from_shape_fn((4, 4), |(i, j)| (i * 4 + j) as f64),
            &[] as &[&str],
            &[],
        ))
        .panel(log.clone().title("log scale"));

    for (name, fig) in [
        ("small", &small),
        ("mixed", &mixed),
        ("lines", &lines),
        ("bars", &bars),
        ("heatmap", &heat),
        ("grid", &grid),
        ("logy", &log),
        ("empty", &Figure::new().title("Nothing yet")),
    ] {
        let t = Instant::now();
        let svg = fig.to_svg();
        let t_svg = t.elapsed();
        let t = Instant::now();
        let png = fig.to_png();
        let t_png = t.elapsed();
        std::fs::write(format!("{dir}/{name}.svg"), svg)?;
        std::fs::write(format!("{dir}/{name}.png"), &png)?;
        println!(
            "{name}: svg {t_svg:.1?}, png {t_png:.1?} ({} kB)",
            png.len() / 1024
        );
    }
    Ok(())
}
