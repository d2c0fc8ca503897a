//! Figures for notebooks: line plots, bar charts, heat maps and grids of small panels, drawn by
//! plotters twice from the same code: as SVG, and on its bitmap backend as a PNG of the same picture.
//!
//! The look is the original Python notebook's (seaborn "whitegrid" with the "colorblind"
//! palette): white background, light grey grid, no top or right spine, title 15 pt, axis labels
//! 13 pt, tick labels and legend 11 pt, lines 2 pt wide, 10 × 6 inches at 120 dpi
//! (1200 × 720 pixels). Series take their colours from [`PALETTE`] in order.
//!
//! # How a figure is displayed
//!
//! When a [`Figure`] is the final expression of an evcxr cell, the kernel calls
//! [`Figure::evcxr_display`], which prints two rich-output blocks: the figure as `image/svg+xml`
//! and as `image/png` (base64). The kernel merges the blocks of one cell into ONE result carrying
//! both MIME types, and each front end picks the best one it may show: JupyterLab shows the SVG
//! in a trusted notebook and falls back to the PNG in an untrusted one (it strips SVG from
//! untrusted outputs, and every notebook executed elsewhere is untrusted), while nbconvert's HTML
//! uses the SVG. Since both MIME types of a cell merge into one result, a cell shows one figure:
//! use [`Figure::grid`] to show several plots together.
//!
//! # How a figure is drawn
//!
//! [plotters](https://docs.rs/plotters) draws the figure onto its SVG backend: axes, grid,
//! series, legend, heat-map cells and colour scale. The crate adds what plotters leaves to its
//! user: the theme, tick positions and labels (1-2-2.5-5 steps, a real minus sign, powers of ten
//! on a log axis), axis limits, breaking lines at skipped points, and placing the legend where
//! it covers the least data. The same drawing code then runs on plotters' bitmap backend for the
//! PNG, so both formats show the same picture. Text in the PNG is drawn with DejaVu Sans, which
//! the crate ships (`assets/DejaVuSans.ttf`) and also gives plotters to measure labels with, so no
//! system font library is involved; the SVG asks the browser for
//! "DejaVu Sans, Arial, Helvetica, sans-serif". plotters places everything at whole drawing
//! units, so the figure is drawn at 4 units per pixel: the SVG keeps them in its `viewBox` and is
//! shown at the figure's pixel size, and the PNG averages each 4 × 4 block of its bitmap into one
//! pixel, which anti-aliases it. (Drawing twice costs less than rendering the SVG: an SVG renderer
//! with text support would add some 35 crates, whose sources the notebook kernel reads at every
//! start.)
//!
//! # Example
//!
//! ```
//! use actmath::plot::Figure;
//!
//! let x: Vec<f64> = (0..=240).map(|i| -6.0 + 0.05 * i as f64).collect();
//! let s: Vec<f64> = x.iter().map(|&v| 1.0 / (1.0 + (-v).exp())).collect();
//! let ds: Vec<f64> = s.iter().map(|&v| v * (1.0 - v)).collect();
//! let fig = Figure::new()
//!     .title("Sigmoid and its derivative")
//!     .xlabel("x")
//!     .ylabel("value")
//!     .line("σ(x)", &x, &s)
//!     .line("σ′(x)", &x, &ds)
//!     .hline(0.25, "max slope ¼");
//! // In a notebook, `fig` as the last expression of a cell displays it. Elsewhere:
//! let svg = fig.to_svg();
//! assert!(svg.contains("Sigmoid and its derivative"));
//! let png = fig.to_png();
//! assert_eq!(&png[1..4], b"PNG");
//! ```
//!
//! # Data rules
//!
//! - Series data is anything implementing [`SeriesData`]: `&Array1<f64>`, `&[f64]`, `Vec<f64>`,
//!   arrays `[f64; N]`, array views.
//! - x and y of a series must have the same length; otherwise the builder panics with a message
//!   naming the series.
//! - Points whose x or y is NaN or ±∞ are skipped, and a line is broken at them (no segment
//!   connects across a skipped point).
//! - On a log-scale y axis ([`Figure::log_y`]) values ≤ 0 are skipped the same way, and the plot
//!   says how many were left out in a small note in its lower left corner.
//! - Axis limits are automatic unless set: the range of the finite data (reference lines
//!   included) plus 5 % on each side; bars start at 0.
//! - An empty figure still renders: axes from 0 to 1 with the note "(no data)".

mod draw;
mod raster;
mod ticks;

use ndarray::{Array1, Array2, ArrayView1};
use std::io::Write;
use std::path::Path;

/// The seaborn "colorblind" palette, in the order series take their colours.
///
/// ```
/// assert_eq!(actmath::plot::PALETTE[0], "#0173B2");
/// ```
pub const PALETTE: [&str; 10] = [
    "#0173B2", "#DE8F05", "#029E73", "#D55E00", "#CC78BC", "#CA9161", "#FBAFE4", "#949494",
    "#ECE133", "#56B4E9",
];

/// Values a series can be built from: one f64 per point, copied into the figure.
///
/// Implemented for `[f64]`, `Vec<f64>`, `[f64; N]`, `Array1<f64>`, `ArrayView1<f64>` and
/// references to any of them.
///
/// ```
/// use actmath::plot::SeriesData;
/// use ndarray::array;
///
/// assert_eq!(array![1.0, 2.0].to_series(), vec![1.0, 2.0]);
/// assert_eq!([3.0].to_series(), vec![3.0]);
/// ```
pub trait SeriesData {
    /// The values, in order.
    ///
    /// ```
    /// use actmath::plot::SeriesData;
    ///
    /// assert_eq!(vec![0.5, 1.5].to_series(), [0.5, 1.5]);
    /// ```
    fn to_series(&self) -> Vec<f64>;
}

impl SeriesData for [f64] {
    fn to_series(&self) -> Vec<f64> {
        self.to_vec()
    }
}

impl SeriesData for Vec<f64> {
    fn to_series(&self) -> Vec<f64> {
        self.clone()
    }
}

impl<const N: usize> SeriesData for [f64; N] {
    fn to_series(&self) -> Vec<f64> {
        self.to_vec()
    }
}

impl SeriesData for Array1<f64> {
    fn to_series(&self) -> Vec<f64> {
        self.iter().copied().collect()
    }
}

impl SeriesData for ArrayView1<'_, f64> {
    fn to_series(&self) -> Vec<f64> {
        self.iter().copied().collect()
    }
}

impl<T: SeriesData + ?Sized> SeriesData for &T {
    fn to_series(&self) -> Vec<f64> {
        (**self).to_series()
    }
}

/// How a series is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mark {
    Line,
    Dashed,
    Points,
}

/// One x-y series.
#[derive(Clone, Debug)]
pub(crate) struct Series {
    pub label: String,
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    pub mark: Mark,
    pub color: usize,
}

/// A horizontal (`horizontal`) or vertical reference line.
#[derive(Clone, Debug)]
pub(crate) struct RefLine {
    pub horizontal: bool,
    pub at: f64,
    pub label: String,
}

/// One group member of a bar chart.
#[derive(Clone, Debug)]
pub(crate) struct Bars {
    pub label: String,
    pub values: Vec<f64>,
    pub color: usize,
}

/// A matrix drawn as coloured cells.
#[derive(Clone, Debug)]
pub(crate) struct Heat {
    pub values: Array2<f64>,
    pub row_labels: Vec<String>,
    pub col_labels: Vec<String>,
}

/// A figure: one plot, or a grid of plots ([`Figure::grid`]).
///
/// Built with chained methods, each taking and returning the figure; the last expression of an
/// evcxr cell displays it (see the [module docs](self)).
///
/// ```
/// use actmath::plot::Figure;
///
/// let fig = Figure::new().title("Empty");
/// assert!(fig.to_svg().contains("(no data)"));
/// ```
#[derive(Clone, Debug, Default)]
pub struct Figure {
    pub(crate) size: Option<(u32, u32)>,
    pub(crate) title: String,
    pub(crate) xlabel: String,
    pub(crate) ylabel: String,
    pub(crate) series: Vec<Series>,
    pub(crate) refs: Vec<RefLine>,
    pub(crate) bars: Vec<Bars>,
    pub(crate) categories: Vec<String>,
    pub(crate) heat: Option<Heat>,
    pub(crate) xlim: Option<(f64, f64)>,
    pub(crate) ylim: Option<(f64, f64)>,
    pub(crate) log_y: bool,
    pub(crate) grid: Option<(usize, usize)>,
    pub(crate) panels: Vec<Figure>,
    pub(crate) colors_used: usize,
}

impl Figure {
    /// An empty single plot, 1200 × 720 pixels.
    ///
    /// ```
    /// let fig = actmath::plot::Figure::new();
    /// assert!(fig.to_svg().starts_with("<svg"));
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty grid of `rows × cols` small panels, filled in reading order by
    /// [`Figure::panel`]. Its default size grows with the grid (about 330 × 250 pixels per panel,
    /// at least 1200 pixels wide); its [`Figure::title`] goes above all panels.
    ///
    /// Panics if `rows` or `cols` is 0.
    ///
    /// ```
    /// use actmath::plot::Figure;
    ///
    /// let x = [0.0, 1.0, 2.0];
    /// let fig = Figure::grid(1, 2)
    ///     .title("Two panels")
    ///     .panel(Figure::new().title("rising").line("", &x, &[0.0, 1.0, 2.0]))
    ///     .panel(Figure::new().title("falling").line("", &x, &[2.0, 1.0, 0.0]));
    /// assert!(fig.to_svg().contains("falling"));
    /// ```
    pub fn grid(rows: usize, cols: usize) -> Self {
        assert!(
            rows > 0 && cols > 0,
            "Figure::grid: rows and cols must be at least 1"
        );
        Figure {
            grid: Some((rows, cols)),
            ..Self::default()
        }
    }

    /// Adds the next panel of a grid (left to right, then top to bottom). The panel's own size is
    /// ignored.
    ///
    /// Panics if this figure is not a grid, if the grid is full, or if `panel` is itself a grid.
    ///
    /// ```
    /// use actmath::plot::Figure;
    ///
    /// let fig = Figure::grid(1, 1).panel(Figure::new().title("only one"));
    /// assert!(fig.to_svg().contains("only one"));
    /// ```
    pub fn panel(mut self, panel: Figure) -> Self {
        let (rows, cols) = self.grid.expect(
            "Figure::panel: this figure is not a grid; make it with Figure::grid(rows, cols)",
        );
        assert!(
            panel.grid.is_none(),
            "Figure::panel: a panel cannot itself be a grid"
        );
        assert!(
            self.panels.len() < rows * cols,
            "Figure::panel: the {rows}×{cols} grid is already full"
        );
        self.panels.push(panel);
        self
    }

    /// Sets the size in pixels (at 120 dpi, so 1200 × 720 is 10 × 6 inches). Text keeps its
    /// size, so a smaller figure leaves less room for the data.
    ///
    /// Panics if either side is below 200 or above 8000 pixels.
    ///
    /// ```
    /// let fig = actmath::plot::Figure::new().size(800, 500);
    /// assert!(fig.to_svg().contains(r#"width="800""#));
    /// ```
    pub fn size(mut self, width: u32, height: u32) -> Self {
        assert!(
            (200..=8000).contains(&width) && (200..=8000).contains(&height),
            "Figure::size: {width}×{height} pixels is outside 200..=8000"
        );
        self.size = Some((width, height));
        self
    }

    /// Sets the title (15 pt, above the plot; above all panels for a grid).
    ///
    /// ```
    /// let fig = actmath::plot::Figure::new().title("ReLU");
    /// assert!(fig.to_svg().contains("ReLU"));
    /// ```
    pub fn title(mut self, title: &str) -> Self {
        self.title = title.to_string();
        self
    }

    /// Sets the x axis label (13 pt).
    ///
    /// ```
    /// let fig = actmath::plot::Figure::new().xlabel("pre-activation x");
    /// assert!(fig.to_svg().contains("pre-activation x"));
    /// ```
    pub fn xlabel(mut self, label: &str) -> Self {
        self.xlabel = label.to_string();
        self
    }

    /// Sets the y axis label (13 pt, written bottom to top).
    ///
    /// ```
    /// let fig = actmath::plot::Figure::new().ylabel("φ(x)");
    /// assert!(fig.to_svg().contains("φ(x)"));
    /// ```
    pub fn ylabel(mut self, label: &str) -> Self {
        self.ylabel = label.to_string();
        self
    }

    /// Adds a solid line through the points `(x[i], y[i])`, in the next palette colour. A
    /// non-empty `label` gets a legend entry. Non-finite points are skipped and break the line.
    ///
    /// Panics if `x` and `y` differ in length, or if the figure is a grid, bar chart or heat map.
    ///
    /// ```
    /// use actmath::plot::Figure;
    /// use ndarray::Array1;
    ///
    /// let x = Array1::linspace(-3.0, 3.0, 61);
    /// let y = x.mapv(|v: f64| v.max(0.0));
    /// let fig = Figure::new().line("ReLU", &x, &y);
    /// assert!(fig.to_svg().contains("ReLU"));
    /// ```
    pub fn line(self, label: &str, x: impl SeriesData, y: impl SeriesData) -> Self {
        self.add_series("line", label, x.to_series(), y.to_series(), Mark::Line)
    }

    /// Like [`Figure::line`], drawn dashed (for a derivative or an approximation beside the
    /// exact curve).
    ///
    /// ```
    /// use actmath::plot::Figure;
    ///
    /// let fig = Figure::new().dashed("approximation", &[0.0, 1.0], &[0.0, 0.9]);
    /// // One straight line across the plot, drawn as many short dashes.
    /// assert!(fig.to_svg().matches("<polyline").count() > 20);
    /// ```
    pub fn dashed(self, label: &str, x: impl SeriesData, y: impl SeriesData) -> Self {
        self.add_series("dashed", label, x.to_series(), y.to_series(), Mark::Dashed)
    }

    /// Adds points (dots, no line) at `(x[i], y[i])`; same rules as [`Figure::line`].
    ///
    /// ```
    /// use actmath::plot::Figure;
    ///
    /// let fig = Figure::new().scatter("samples", &[0.0, 1.0, 2.0], &[1.0, 0.5, 0.25]);
    /// assert_eq!(fig.to_svg().matches("<circle").count(), 3 + 1); // 3 dots + 1 legend key
    /// ```
    pub fn scatter(self, label: &str, x: impl SeriesData, y: impl SeriesData) -> Self {
        self.add_series("scatter", label, x.to_series(), y.to_series(), Mark::Points)
    }

    fn add_series(mut self, what: &str, label: &str, x: Vec<f64>, y: Vec<f64>, mark: Mark) -> Self {
        self.expect_kind(what, Kind::Xy);
        assert!(
            x.len() == y.len(),
            "Figure::{what}: series \"{label}\" has {} x values but {} y values",
            x.len(),
            y.len()
        );
        let color = self.next_color();
        self.series.push(Series {
            label: label.to_string(),
            x,
            y,
            mark,
            color,
        });
        self
    }

    /// Adds a bar chart series: one bar per category, in the next palette colour. Calling it
    /// again with the same number of values draws grouped bars side by side; a non-empty
    /// `label` gets a legend entry. `categories` label the bars (pass an empty slice for
    /// 0, 1, 2, …). Bars start at 0; a NaN or infinite value draws no bar.
    ///
    /// Panics if the number of values differs from the number of categories (or from an
    /// earlier bar series), if the figure already has lines or a heat map, or uses a log scale.
    ///
    /// ```
    /// use actmath::plot::Figure;
    ///
    /// let fig = Figure::new()
    ///     .title("Active fraction per unit")
    ///     .bars("ReLU", &["u0", "u1", "u2"], &[0.5, 0.0, 0.8])
    ///     .hline(0.01, "dead below");
    /// assert!(fig.to_svg().contains("u2"));
    /// ```
    pub fn bars<S: AsRef<str>>(
        self,
        label: &str,
        categories: &[S],
        values: impl SeriesData,
    ) -> Self {
        let cats: Vec<String> = categories.iter().map(|c| c.as_ref().to_string()).collect();
        self.add_bars(label, cats, values.to_series())
    }

    fn add_bars(mut self, label: &str, cats: Vec<String>, values: Vec<f64>) -> Self {
        self.expect_kind("bars", Kind::Bars);
        assert!(
            !self.log_y,
            "Figure::bars: bars cannot use a log-scale y axis"
        );
        assert!(
            cats.is_empty() || cats.len() == values.len(),
            "Figure::bars: series \"{label}\" has {} values but {} categories",
            values.len(),
            cats.len()
        );
        if let Some(first) = self.bars.first() {
            assert!(
                first.values.len() == values.len(),
                "Figure::bars: series \"{label}\" has {} values but the chart has {} bars per series",
                values.len(),
                first.values.len()
            );
        }
        if !cats.is_empty() {
            self.categories = cats;
        } else if self.categories.is_empty() {
            self.categories = (0..values.len()).map(|i| i.to_string()).collect();
        }
        let color = self.next_color();
        self.bars.push(Bars {
            label: label.to_string(),
            values,
            color,
        });
        self
    }

    /// Draws `matrix` as a heat map: one coloured cell per entry with its value written in it,
    /// and a colour scale beside it. Values of both signs use a blue-white-red scale centred at
    /// 0 (blue negative); values of one sign use the viridis scale. Row labels go on the left,
    /// column labels below (empty slices number them 0, 1, 2, …). NaN or infinite cells are left
    /// white and unlabelled.
    ///
    /// Panics if the labels do not match the matrix shape, if the matrix is empty, or if the
    /// figure already has other content.
    ///
    /// ```
    /// use actmath::plot::Figure;
    /// use ndarray::array;
    ///
    /// let s = array![0.7, 0.2, 0.1];
    /// let jac = ndarray::Array2::from_diag(&s) - s.view().insert_axis(ndarray::Axis(1)).dot(&s.view().insert_axis(ndarray::Axis(0)));
    /// let labels = ["z₁", "z₂", "z₃"];
    /// let fig = Figure::new().title("Softmax Jacobian").heatmap(&jac, &labels, &labels);
    /// assert!(fig.to_svg().contains("0.210"));
    /// ```
    pub fn heatmap<S: AsRef<str>>(
        self,
        matrix: &Array2<f64>,
        row_labels: &[S],
        col_labels: &[S],
    ) -> Self {
        let rows: Vec<String> = row_labels.iter().map(|c| c.as_ref().to_string()).collect();
        let cols: Vec<String> = col_labels.iter().map(|c| c.as_ref().to_string()).collect();
        self.add_heat(matrix.clone(), rows, cols)
    }

    fn add_heat(mut self, values: Array2<f64>, rows: Vec<String>, cols: Vec<String>) -> Self {
        self.expect_kind("heatmap", Kind::Heat);
        assert!(
            self.heat.is_none(),
            "Figure::heatmap: the figure already has a heat map"
        );
        let (n, m) = values.dim();
        assert!(
            n > 0 && m > 0,
            "Figure::heatmap: the matrix is empty ({n}×{m})"
        );
        assert!(
            rows.is_empty() || rows.len() == n,
            "Figure::heatmap: {} row labels for {n} rows",
            rows.len()
        );
        assert!(
            cols.is_empty() || cols.len() == m,
            "Figure::heatmap: {} column labels for {m} columns",
            cols.len()
        );
        let row_labels = if rows.is_empty() {
            (0..n).map(|i| i.to_string()).collect()
        } else {
            rows
        };
        let col_labels = if cols.is_empty() {
            (0..m).map(|i| i.to_string()).collect()
        } else {
            cols
        };
        self.heat = Some(Heat {
            values,
            row_labels,
            col_labels,
        });
        self
    }

    /// Adds a dashed grey horizontal reference line at `y`; a non-empty `label` gets a legend
    /// entry. It counts toward the automatic y limits.
    ///
    /// Panics if `y` is not finite.
    ///
    /// ```
    /// let fig = actmath::plot::Figure::new().hline(0.25, "max of σ′");
    /// assert!(fig.to_svg().contains("max of σ′"));
    /// ```
    pub fn hline(self, y: f64, label: &str) -> Self {
        self.add_ref(true, y, label)
    }

    /// Adds a dashed grey vertical reference line at `x`; like [`Figure::hline`].
    ///
    /// ```
    /// use actmath::plot::Figure;
    ///
    /// let fig = Figure::new().line("ReLU", [-1.0, 0.0, 1.0], [0.0, 0.0, 1.0]).vline(0.0, "kink");
    /// assert!(fig.to_svg().contains("kink"));
    /// ```
    pub fn vline(self, x: f64, label: &str) -> Self {
        self.add_ref(false, x, label)
    }

    fn add_ref(mut self, horizontal: bool, at: f64, label: &str) -> Self {
        let what = if horizontal { "hline" } else { "vline" };
        assert!(
            at.is_finite(),
            "Figure::{what}: position {at} is not finite"
        );
        assert!(
            self.grid.is_none() && self.heat.is_none(),
            "Figure::{what}: reference lines need a line plot or bar chart"
        );
        assert!(
            horizontal || self.bars.is_empty(),
            "Figure::vline: not available on a bar chart"
        );
        self.refs.push(RefLine {
            horizontal,
            at,
            label: label.to_string(),
        });
        self
    }

    /// Fixes the x axis limits (no padding is added).
    ///
    /// Panics unless `lo < hi`, both finite.
    ///
    /// ```
    /// let fig = actmath::plot::Figure::new().xlim(-6.0, 6.0);
    /// assert!(fig.to_svg().contains("−6"));
    /// ```
    pub fn xlim(mut self, lo: f64, hi: f64) -> Self {
        assert!(
            lo.is_finite() && hi.is_finite() && lo < hi,
            "Figure::xlim: need finite lo < hi, got {lo}, {hi}"
        );
        self.xlim = Some((lo, hi));
        self
    }

    /// Fixes the y axis limits (no padding is added).
    ///
    /// Panics unless `lo < hi`, both finite, and `lo > 0` on a log-scale axis.
    ///
    /// ```
    /// let fig = actmath::plot::Figure::new().ylim(-0.1, 1.1);
    /// assert!(fig.to_svg().contains("1.0"));
    /// ```
    pub fn ylim(mut self, lo: f64, hi: f64) -> Self {
        assert!(
            lo.is_finite() && hi.is_finite() && lo < hi,
            "Figure::ylim: need finite lo < hi, got {lo}, {hi}"
        );
        assert!(
            !self.log_y || lo > 0.0,
            "Figure::ylim: a log-scale y axis needs lo > 0, got {lo}"
        );
        self.ylim = Some((lo, hi));
        self
    }

    /// Uses a log10 scale on the y axis, with ticks at powers of ten. Values ≤ 0 are skipped
    /// (like NaN) and a note in the plot says how many.
    ///
    /// Panics if y limits with `lo ≤ 0` were set, or on a bar chart or heat map.
    ///
    /// ```
    /// use actmath::plot::Figure;
    ///
    /// let depth = [1.0, 2.0, 3.0, 4.0, 5.0];
    /// let grad = [0.25, 0.0625, 0.015625, 0.00390625, 0.0]; // the last one underflowed
    /// let svg = Figure::new().log_y().line("σ′ product", &depth, &grad).to_svg();
    /// assert!(svg.contains("10⁻¹"));
    /// assert!(svg.contains("1 value ≤ 0 not shown"));
    /// ```
    pub fn log_y(mut self) -> Self {
        assert!(
            self.bars.is_empty() && self.heat.is_none() && self.grid.is_none(),
            "Figure::log_y: only line plots can use a log-scale y axis"
        );
        if let Some((lo, _)) = self.ylim {
            assert!(
                lo > 0.0,
                "Figure::log_y: the y limits start at {lo}; a log scale needs lo > 0"
            );
        }
        self.log_y = true;
        self
    }

    fn next_color(&mut self) -> usize {
        self.colors_used += 1;
        (self.colors_used - 1) % PALETTE.len()
    }

    fn expect_kind(&self, what: &str, want: Kind) {
        let have = if self.grid.is_some() {
            Some(Kind::Grid)
        } else if self.heat.is_some() {
            Some(Kind::Heat)
        } else if !self.bars.is_empty() {
            Some(Kind::Bars)
        } else if !self.series.is_empty() || self.refs.iter().any(|r| !r.horizontal) || self.log_y {
            Some(Kind::Xy)
        } else {
            None
        };
        if let Some(have) = have {
            assert!(
                have == want,
                "Figure::{what}: this figure is {}; put different kinds of plot in panels of a Figure::grid",
                have.name()
            );
        }
    }

    /// The figure as an SVG document (text is live `<text>`, in "DejaVu Sans, Arial, Helvetica,
    /// sans-serif").
    ///
    /// ```
    /// let svg = actmath::plot::Figure::new().title("t").to_svg();
    /// assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    /// ```
    pub fn to_svg(&self) -> String {
        draw::svg(self)
    }

    /// The figure as a PNG file (8-bit RGB): the same drawing as [`Figure::to_svg`], on plotters'
    /// bitmap backend, with the embedded DejaVu Sans.
    ///
    /// ```
    /// let png = actmath::plot::Figure::new().size(400, 300).to_png();
    /// assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    /// ```
    pub fn to_png(&self) -> Vec<u8> {
        raster::png(self)
    }

    /// Writes [`Figure::to_svg`] to `path`.
    ///
    /// ```
    /// let path = std::env::temp_dir().join("actmath-doc-save.svg");
    /// actmath::plot::Figure::new().title("saved").save_svg(&path)?;
    /// assert!(std::fs::read_to_string(&path)?.contains("saved"));
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn save_svg(&self, path: impl AsRef<Path>) -> std::io::Result<()> {
        std::fs::write(path, self.to_svg())
    }

    /// Writes [`Figure::to_png`] to `path`.
    ///
    /// ```
    /// let path = std::env::temp_dir().join("actmath-doc-save.png");
    /// actmath::plot::Figure::new().title("saved").save_png(&path)?;
    /// assert!(std::fs::read(&path)?.starts_with(b"\x89PNG"));
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn save_png(&self, path: impl AsRef<Path>) -> std::io::Result<()> {
        std::fs::write(path, self.to_png())
    }

    /// The text evcxr reads from stdout to show the figure: an `image/svg+xml` block, then an
    /// `image/png` block in base64, which the kernel merges into one result (see the
    /// [module docs](self)). The notebook's SVG is 100% wide, so it fits the output area (the
    /// PNG and [`Figure::to_svg`] keep the figure's pixel size).
    ///
    /// ```
    /// let out = actmath::plot::Figure::new().evcxr_output();
    /// assert!(out.starts_with("EVCXR_BEGIN_CONTENT image/svg+xml\n<svg"));
    /// assert!(out.contains(r#"width="100%""#));
    /// assert!(out.contains("\nEVCXR_END_CONTENT\nEVCXR_BEGIN_CONTENT image/png\n"));
    /// ```
    pub fn evcxr_output(&self) -> String {
        use base64::Engine as _;
        let svg = draw::svg(self);
        let (w, h) = draw::size(self);
        let png = base64::engine::general_purpose::STANDARD.encode(raster::png(self));
        // JupyterLab and nbconvert show an SVG output as an <img> without a width limit, so a
        // pixel-sized SVG overflows a narrow output area. At width 100% (the viewBox keeps the
        // aspect ratio) it fills the output's width instead, as the PNG does.
        let fitted = svg.replacen(
            &format!(r#"width="{w}" height="{h}""#),
            r#"width="100%""#,
            1,
        );
        format!(
            "EVCXR_BEGIN_CONTENT image/svg+xml\n{}\nEVCXR_END_CONTENT\nEVCXR_BEGIN_CONTENT image/png\n{png}\nEVCXR_END_CONTENT\n",
            fitted.trim_end()
        )
    }

    /// Prints [`Figure::evcxr_output`] to stdout in one write; evcxr calls this when the figure
    /// is the final expression of a cell.
    ///
    /// ```
    /// actmath::plot::Figure::new().title("shown").evcxr_display();
    /// ```
    pub fn evcxr_display(&self) {
        let out = self.evcxr_output();
        let mut stdout = std::io::stdout().lock();
        // A closed stdout has nowhere to show the figure: nothing useful to do with the error.
        let _ = stdout.write_all(out.as_bytes());
        let _ = stdout.flush();
    }
}

/// What a figure holds; kinds do not mix within one plot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Xy,
    Bars,
    Heat,
    Grid,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Xy => "a line plot",
            Kind::Bars => "a bar chart",
            Kind::Heat => "a heat map",
            Kind::Grid => "a grid of panels (add plots with .panel)",
        }
    }
}
