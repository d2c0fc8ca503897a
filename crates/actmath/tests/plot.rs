//! Output tests for `actmath::plot`: the evcxr block format, SVG well-formedness (parsed with
//! roxmltree), PNG decoding (with the `png` crate's decoder), and the documented edge cases.

use actmath::plot::{Figure, PALETTE};
use base64::Engine as _;
use ndarray::{Array1, Array2, array};
use std::collections::HashSet;

fn sigmoid_figure() -> Figure {
    let x = Array1::linspace(-6.0, 6.0, 241);
    let s = x.mapv(|v: f64| 1.0 / (1.0 + (-v).exp()));
    let ds = &s * &(1.0 - &s);
    Figure::new()
        .title("Sigmoid and its derivative")
        .xlabel("x")
        .ylabel("value")
        .line("σ(x)", &x, &s)
        .line("σ′(x)", &x, &ds)
        .hline(0.25, "max slope ¼")
}

/// Decoded RGB pixels of a PNG file: (width, height, bytes).
fn decode(png_bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().expect("PNG header decodes");
    let mut buf = vec![0; reader.output_buffer_size().expect("size known")];
    let info = reader
        .next_frame(&mut buf)
        .expect("PNG data decodes (checksums included)");
    assert_eq!(info.color_type, png::ColorType::Rgb);
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

/// Parses `svg` as XML and returns all text content, space separated.
fn svg_texts(svg: &str) -> String {
    let doc = roxmltree::Document::parse(svg).expect("SVG is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    doc.descendants()
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn evcxr_output_has_both_mime_blocks_in_order() {
    let out = sigmoid_figure().evcxr_output();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "EVCXR_BEGIN_CONTENT image/svg+xml");
    let end_svg = lines
        .iter()
        .position(|l| *l == "EVCXR_END_CONTENT")
        .expect("svg block ends");
    let svg = lines[1..end_svg].join("\n");
    assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    svg_texts(&svg);
    assert_eq!(lines[end_svg + 1], "EVCXR_BEGIN_CONTENT image/png");
    assert_eq!(lines[end_svg + 3], "EVCXR_END_CONTENT");
    assert_eq!(lines.len(), end_svg + 4, "nothing after the PNG block");
    assert!(out.ends_with("EVCXR_END_CONTENT\n"));
    let png_bytes = base64::engine::general_purpose::STANDARD
        .decode(lines[end_svg + 2])
        .expect("PNG block is base64 on one line");
    let (w, h, _) = decode(&png_bytes);
    assert_eq!((w, h), (1200, 720));
}

#[test]
fn svg_is_well_formed_and_carries_the_text() {
    let svg = sigmoid_figure().to_svg();
    let texts = svg_texts(&svg);
    for want in [
        "Sigmoid and its derivative",
        "σ(x)",
        "σ′(x)",
        "max slope ¼",
        "value",
        "−6",
        "0.8",
    ] {
        assert!(
            texts.contains(want),
            "{want:?} missing from the SVG text: {texts}"
        );
    }
    assert!(svg.contains(r#"width="1200" height="720""#));
    assert!(svg.contains("font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\""));
    // The first two palette colours draw the two series (hex digits in either case).
    let lower = svg.to_lowercase();
    assert!(
        lower.contains(&PALETTE[0].to_lowercase()) && lower.contains(&PALETTE[1].to_lowercase())
    );
}

#[test]
fn svg_escapes_markup_in_labels() {
    let svg = Figure::new()
        .title("a < b & \"c\"")
        .line("x<y", [0.0, 1.0], [0.0, 1.0])
        .to_svg();
    let texts = svg_texts(&svg);
    assert!(texts.contains("a < b & \"c\"") && texts.contains("x<y"));
}

#[test]
fn png_decodes_to_the_stated_size_and_is_not_blank() {
    let (w, h, px) = decode(&sigmoid_figure().to_png());
    assert_eq!((w, h), (1200, 720));
    let pixel = |x: u32, y: u32| {
        let i = 3 * (y * w + x) as usize;
        [px[i], px[i + 1], px[i + 2]]
    };
    let colors: HashSet<[u8; 3]> = px.chunks(3).map(|c| [c[0], c[1], c[2]]).collect();
    assert!(colors.len() > 50, "only {} colours", colors.len());
    let non_white = px.chunks(3).filter(|c| c != &[255, 255, 255]).count();
    assert!(non_white > 20_000, "only {non_white} drawn pixels");
    // Series colour #0173B2 is present exactly (line interiors are fully covered).
    assert!(colors.contains(&[0x01, 0x73, 0xB2]) && colors.contains(&[0xDE, 0x8F, 0x05]));
    // Dark text pixels in the title band (the top 45 pixels, around the centre).
    let dark_title = (0..45)
        .flat_map(|y| (400..800).map(move |x| (x, y)))
        .filter(|&(x, y)| pixel(x, y).iter().all(|&v| v < 100))
        .count();
    assert!(dark_title > 300, "title text pixels: {dark_title}");
    // Corners stay background.
    assert_eq!(pixel(0, 0), [255, 255, 255]);
    assert_eq!(pixel(w - 1, h - 1), [255, 255, 255]);
}

#[test]
fn saved_files_match_the_in_memory_output() {
    let dir = std::env::temp_dir();
    let fig = sigmoid_figure().size(600, 400);
    let (svg_path, png_path) = (
        dir.join("actmath-plot-test.svg"),
        dir.join("actmath-plot-test.png"),
    );
    fig.save_svg(&svg_path).unwrap();
    fig.save_png(&png_path).unwrap();
    assert_eq!(std::fs::read_to_string(&svg_path).unwrap(), fig.to_svg());
    let (w, h, _) = decode(&std::fs::read(&png_path).unwrap());
    assert_eq!((w, h), (600, 400));
    assert!(fig.save_png(dir.join("no-such-dir/x.png")).is_err());
}

#[test]
fn series_data_types_are_interchangeable() {
    let a = Figure::new()
        .line("s", array![0.0, 1.0, 2.0], vec![1.0, 0.0, 1.0])
        .to_svg();
    let b = Figure::new()
        .line("s", [0.0, 1.0, 2.0], &[1.0, 0.0, 1.0][..])
        .to_svg();
    let arr = array![1.0, 0.0, 1.0];
    let c = Figure::new()
        .line("s", vec![0.0, 1.0, 2.0], arr.view())
        .to_svg();
    assert_eq!(a, b);
    assert_eq!(a, c);
}

#[test]
#[should_panic(expected = "series \"σ(x)\" has 3 x values but 2 y values")]
fn shape_mismatch_names_the_series() {
    let _ = Figure::new().line("σ(x)", [0.0, 1.0, 2.0], [0.0, 1.0]);
}

#[test]
fn empty_figure_renders_with_a_note() {
    let fig = Figure::new().title("Nothing yet");
    assert!(svg_texts(&fig.to_svg()).contains("(no data)"));
    let (w, h, _) = decode(&fig.to_png());
    assert_eq!((w, h), (1200, 720));
}

#[test]
fn non_finite_points_are_skipped_and_break_the_line() {
    let x = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0];
    let y = [0.0, 1.0, f64::NAN, 3.0, f64::INFINITY, 5.0];
    let svg = Figure::new().line("gappy", x, y).to_svg();
    // Runs of at least two points: 0–1 only (3 and 5 are isolated).
    let series = svg.to_lowercase().matches("stroke=\"#0173b2\"").count();
    assert_eq!(series, 2, "one run plus the legend key:\n{svg}");
    // Limits come from the finite points: 0..5 → ticks up to 5.
    assert!(svg_texts(&svg).contains('5'));
}

#[test]
fn log_y_skips_non_positive_values_and_says_so() {
    let x = [1.0, 2.0, 3.0, 4.0];
    let svg = Figure::new()
        .log_y()
        .line("g", x, [1e-1, 0.0, -1.0, 1e-4])
        .to_svg();
    let texts = svg_texts(&svg);
    assert!(
        texts.contains("2 values ≤ 0 not shown (log scale)"),
        "{texts}"
    );
    assert!(texts.contains("10⁻⁴") && texts.contains("10⁻¹"), "{texts}");
    let (w, _, _) = decode(
        &Figure::new()
            .log_y()
            .line("g", x, [1e-1, 0.0, -1.0, 1e-4])
            .to_png(),
    );
    assert_eq!(w, 1200);
}

#[test]
#[should_panic(expected = "log-scale y axis needs lo > 0")]
fn log_y_rejects_non_positive_limits() {
    let _ = Figure::new().log_y().ylim(0.0, 1.0);
}

#[test]
#[should_panic(expected = "a log scale needs lo > 0")]
fn log_y_after_non_positive_limits_is_rejected() {
    let _ = Figure::new().ylim(-1.0, 1.0).log_y();
}

#[test]
fn bar_chart_renders_labelled_bars() {
    let units = ["u0", "u1", "u2", "u3"];
    let fig = Figure::new()
        .title("Active fraction per unit")
        .bars("ReLU", &units, [0.5, 0.0, 1.0, 0.25])
        .bars("GELU", &units, [0.6, 0.4, 1.0, 0.5])
        .hline(0.01, "dead below");
    let svg = fig.to_svg();
    let texts = svg_texts(&svg);
    for want in ["u0", "u3", "ReLU", "GELU", "dead below"] {
        assert!(texts.contains(want), "{want} missing");
    }
    // 3 + 4 non-zero bars, 2 legend patches, plus the background and the legend box (drawn by
    // plotters as a fill and a frame).
    assert_eq!(svg.matches("<rect").count(), 7 + 2 + 1 + 2);
    let (w, h, px) = decode(&fig.to_png());
    assert_eq!((w, h), (1200, 720));
    assert!(px.chunks(3).any(|c| c == [0xDE, 0x8F, 0x05]));
}

#[test]
#[should_panic(expected = "has 2 values but 3 categories")]
fn bars_need_one_value_per_category() {
    let _ = Figure::new().bars("b", &["a", "b", "c"], [1.0, 2.0]);
}

#[test]
#[should_panic(expected = "this figure is a line plot")]
fn kinds_do_not_mix() {
    let _ = Figure::new()
        .line("l", [0.0], [0.0])
        .bars("b", &["a"], [1.0]);
}

#[test]
fn heat_map_renders_cells_values_and_colour_scale() {
    let s = array![0.659, 0.242, 0.099];
    let mut jac = Array2::from_diag(&s);
    for i in 0..3 {
        for j in 0..3 {
            jac[[i, j]] -= s[i] * s[j];
        }
    }
    let labels = ["z₁", "z₂", "z₃"];
    let fig = Figure::new()
        .title("Softmax Jacobian")
        .heatmap(&jac, &labels, &labels);
    let svg = fig.to_svg();
    let texts = svg_texts(&svg);
    // J₁₁ = 0.659 − 0.659² = 0.224719 → "0.225"; J₁₂ = −0.659·0.242 = −0.159478 → "−0.159".
    for want in ["Softmax Jacobian", "z₁", "z₃", "0.225", "−0.159", "0"] {
        assert!(texts.contains(want), "{want} missing: {texts}");
    }
    // The most negative and most positive cells sit at the two ends of the blue-white-red scale.
    let (w, h, px) = decode(&fig.to_png());
    assert_eq!((w, h), (1200, 720));
    let colors: HashSet<[u8; 3]> = px.chunks(3).map(|c| [c[0], c[1], c[2]]).collect();
    assert!(
        colors.contains(&[0xB2, 0x18, 0x2B]),
        "largest value should be the darkest red"
    );
}

#[test]
#[should_panic(expected = "2 row labels for 3 rows")]
fn heat_map_labels_must_match() {
    let _ = Figure::new().heatmap(&Array2::zeros((3, 3)), &["a", "b"], &["a", "b", "c"]);
}

#[test]
fn grid_renders_every_panel() {
    let x = Array1::linspace(-4.0, 4.0, 81);
    let mut grid = Figure::grid(3, 4).title("Activations and derivatives");
    for k in 0..12 {
        let name = format!("panel {k}");
        let y = x.mapv(|v: f64| (v * (k + 1) as f64 / 4.0).tanh());
        grid = grid.panel(Figure::new().title(&name).line("f", &x, &y).dashed(
            "f′",
            &x,
            y.mapv(|t| 1.0 - t * t),
        ));
    }
    let svg = grid.to_svg();
    let texts = svg_texts(&svg);
    for k in 0..12 {
        assert!(texts.contains(&format!("panel {k}")), "panel {k} missing");
    }
    let (w, h, px) = decode(&grid.to_png());
    // 330 px per column; 250 px per row plus the title band.
    assert_eq!(w, 1320);
    assert!((3 * 250 + 24..3 * 250 + 100).contains(&h), "height {h}");
    let non_white = px.chunks(3).filter(|c| c != &[255, 255, 255]).count();
    assert!(non_white > 50_000, "only {non_white} drawn pixels");
}

#[test]
#[should_panic(expected = "grid is already full")]
fn grid_rejects_extra_panels() {
    let _ = Figure::grid(1, 1).panel(Figure::new()).panel(Figure::new());
}

#[test]
fn scatter_and_limits() {
    let svg = Figure::new()
        .scatter("pts", [0.0, 1.0, 5.0], [0.0, 1.0, 5.0])
        .xlim(-1.0, 2.0)
        .ylim(-1.0, 2.0)
        .to_svg();
    // The point at (5, 5) is outside the limits: two dots plus the legend key.
    assert_eq!(svg.matches("<circle").count(), 3);
}

#[test]
fn small_figures_and_mixed_grids_render() {
    let x = [0.0, 1.0, 2.0];
    let small = Figure::new()
        .size(200, 200)
        .title("A long title for a very small figure")
        .xlabel("x")
        .ylabel("y")
        .line("a rather long legend label", x, [1.0, 2.0, 0.5]);
    let (w, h, _) = decode(&small.to_png());
    assert_eq!((w, h), (200, 200));
    let grid = Figure::grid(2, 2)
        .title("mixed")
        .panel(
            Figure::new()
                .title("bars")
                .bars("b", &["p", "q"], [1.0, -1.0]),
        )
        .panel(
            Figure::new()
                .title("heat")
                .heatmap(&Array2::eye(2), &["r0", "r1"], &["c0", "c1"]),
        )
        .panel(
            Figure::new()
                .title("log")
                .log_y()
                .line("", x, [1.0, 10.0, 100.0]),
        );
    let texts = svg_texts(&grid.to_svg());
    for want in ["bars", "heat", "log", "r1", "c0", "10²"] {
        assert!(texts.contains(want), "{want} missing: {texts}");
    }
    let (w, _, px) = decode(&grid.to_png());
    assert_eq!(w, 1200);
    // The heat map's largest value (1, one-signed data) is the top of viridis.
    assert!(px.chunks(3).any(|c| c == [0xFD, 0xE7, 0x25]));
}
