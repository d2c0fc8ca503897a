//! Drawing a [`Figure`] with plotters, onto its SVG backend or its bitmap backend: the theme
//! (seaborn "whitegrid" with the "colorblind" palette), axis limits, label areas, the legend's
//! place, heat maps and grids.
//! plotters measures text with the embedded DejaVu Sans (its `ab_glyph` feature), so the layout
//! fits the font the PNG is drawn with.

use super::ticks::{linear_ticks, log_ticks};
use super::{Figure, Mark, PALETTE, Series};
use plotters::chart::SeriesAnno;
use plotters::coord::Shift;
use plotters::coord::combinators::{IntoLogRange, LogCoord};
use plotters::coord::ranged1d::{
    AsRangedCoord, KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter,
};
use plotters::coord::types::RangedCoordf64;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::error::Error;
use std::ops::Range;
use std::sync::Once;

/// Font family written into the SVG: the embedded font first, then common look-alikes. plotters
/// looks the embedded font up under this same name to measure text.
pub(crate) const FAMILY: &str = "DejaVu Sans, Arial, Helvetica, sans-serif";

/// The TTF bytes shipped with the crate (licence in `assets/LICENSE-DejaVu`).
pub(crate) static FONT_BYTES: &[u8] = include_bytes!("../../assets/DejaVuSans.ttf");

/// Drawing units per pixel. plotters places everything at whole units, so the figure is drawn
/// at 4 units per pixel (the SVG's `viewBox`) and shown at its pixel size: curves, text and
/// lines sit to a quarter of a pixel instead of jumping from pixel to pixel.
const U: i32 = 4;
const UF: f64 = U as f64;
/// Units per typographic point at 120 dpi.
const PT: f64 = UF * 120.0 / 72.0;
/// Outer padding of the figure (0.1 inch, like `savefig.bbox = "tight"`).
const PAD: i32 = 12 * U;
/// Gap between the axis and its tick labels (plotters puts labels two tick lengths away).
const TICK: i32 = 4 * U;
const TEXT: RGBColor = RGBColor(0x26, 0x26, 0x26);
const GRID: RGBColor = RGBColor(0xCC, 0xCC, 0xCC);
const NOTE: RGBColor = RGBColor(0x66, 0x66, 0x66);
const REF: RGBColor = RGBColor(0x55, 0x55, 0x55);
/// Line widths: data lines 2 pt, reference lines 1.5 pt, grid 1 pt, spines 1.25 pt.
const LINE_W: u32 = (2.0 * PT) as u32;
const REF_W: u32 = (1.5 * PT) as u32;
const GRID_W: u32 = PT as u32;
const SPINE_W: u32 = (1.25 * PT) as u32;
/// Dash and gap of dashed lines: 3.7 pt and 1.6 pt (matplotlib's "--" at 1 pt).
const DASH: (i32, i32) = ((3.7 * PT) as i32, (1.6 * PT) as i32);

type Res<T = ()> = Result<T, Box<dyn Error>>;
/// A drawing area on any plotters backend: the SVG one, or the bitmap one the PNG is drawn on.
type Area<DB> = DrawingArea<DB, Shift>;

/// Font sizes in drawing units.
#[derive(Clone, Copy)]
struct Theme {
    title: f64,
    label: f64,
    tick: f64,
    legend: f64,
}

/// A single plot: title 15 pt, labels 13 pt, ticks and legend 11 pt.
const SINGLE: Theme = Theme {
    title: 15.0 * PT,
    label: 13.0 * PT,
    tick: 11.0 * PT,
    legend: 11.0 * PT,
};

/// A panel of a grid: two points smaller, so small panels keep room for data.
const PANEL: Theme = Theme {
    title: 13.0 * PT,
    label: 11.0 * PT,
    tick: 10.0 * PT,
    legend: 10.0 * PT,
};

/// Registers the embedded font with plotters under [`FAMILY`] (once per process).
fn register_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The bytes are a valid TrueType font; if registration ever failed, plotters would
        // report a font error on the first text and `svg` would panic with it.
        let _ = plotters::style::register_font(FAMILY, FontStyle::Normal, FONT_BYTES);
    });
}

/// A text style `px` drawing units high (plotters writes `size / 1.24` into the SVG's
/// font-size, so the size it is given is scaled up by 1.24).
fn text_style(px: f64, color: RGBColor) -> TextStyle<'static> {
    (FAMILY, px * 1.24).into_font().color(&color)
}

/// Palette colour `i`.
fn palette(i: usize) -> RGBColor {
    let s = PALETTE[i % PALETTE.len()];
    let v = u32::from_str_radix(&s[1..], 16).unwrap_or(0);
    RGBColor((v >> 16) as u8, (v >> 8) as u8, v as u8)
}

/// Width and height of `text` in `style`, in drawing units, as plotters measures it.
fn measure<DB: DrawingBackend<ErrorType: 'static>>(
    area: &Area<DB>,
    text: &str,
    style: &TextStyle,
) -> (i32, i32) {
    area.estimate_text_size(text, style)
        .map(|(w, h)| (w as i32, h as i32))
        .unwrap_or((0, 0))
}

/// Widest of `labels` in `style`.
fn widest<'s, DB: DrawingBackend<ErrorType: 'static>>(
    area: &Area<DB>,
    labels: impl Iterator<Item = &'s str>,
    style: &TextStyle,
) -> i32 {
    labels.map(|s| measure(area, s, style).0).max().unwrap_or(0)
}

/// Height of one line of text of size `px` (ascent + descent of DejaVu Sans).
fn line_h(px: f64) -> i32 {
    (1.164 * px).ceil() as i32
}

/// The figure's size in pixels.
pub(crate) fn size(fig: &Figure) -> (u32, u32) {
    match fig.grid {
        Some((rows, cols)) => {
            let title_h = if fig.title.is_empty() {
                0
            } else {
                line_h(SINGLE.title) + 8 * U
            };
            fig.size.unwrap_or((
                (330 * cols).max(1200) as u32,
                (250 * rows as i32 + (title_h + 2 * PAD) / U) as u32,
            ))
        }
        None => fig.size.unwrap_or((1200, 720)),
    }
}

/// The figure as an SVG document, drawn by plotters.
pub(crate) fn svg(fig: &Figure) -> String {
    register_font();
    let (w, h) = size(fig);
    let mut out = String::new();
    {
        let root =
            SVGBackend::with_string(&mut out, (w * U as u32, h * U as u32)).into_drawing_area();
        // Drawing into a String fails only if the font could not be used: a bug, not a user error.
        draw_figure(fig, &root).unwrap_or_else(|e| panic!("actmath::plot: drawing failed: {e}"));
        root.present()
            .unwrap_or_else(|e| panic!("actmath::plot: drawing failed: {e}"));
    }
    // Shown at its pixel size; the viewBox keeps the drawing units.
    let drawn = format!(r#"width="{}" height="{}""#, w * U as u32, h * U as u32);
    out.replacen(&drawn, &format!(r#"width="{w}" height="{h}""#), 1)
}

/// The figure as RGB pixels, `size(fig)` pixels large: drawn by plotters' bitmap backend at the
/// same `U` units per pixel as the SVG, then each `U × U` block averaged into one pixel, so edges and
/// text are anti-aliased (16 samples per pixel).
pub(crate) fn pixels(fig: &Figure) -> Vec<u8> {
    register_font();
    let (w, h) = size(fig);
    let (u, bw, bh) = (U as usize, (w * U as u32) as usize, (h * U as u32) as usize);
    let mut big = vec![0u8; bw * bh * 3];
    {
        let root = BitMapBackend::with_buffer(&mut big, (bw as u32, bh as u32)).into_drawing_area();
        draw_figure(fig, &root).unwrap_or_else(|e| panic!("actmath::plot: drawing failed: {e}"));
        root.present()
            .unwrap_or_else(|e| panic!("actmath::plot: drawing failed: {e}"));
    }
    let (w, h) = (w as usize, h as usize);
    let mut rgb = vec![0u8; w * h * 3];
    let mut sums = vec![0u32; w * 3];
    for y in 0..h {
        sums.fill(0);
        for row in big[y * u * bw * 3..][..u * bw * 3].chunks_exact(bw * 3) {
            for (x, block) in row.chunks_exact(u * 3).enumerate() {
                for p in block.chunks_exact(3) {
                    for c in 0..3 {
                        sums[x * 3 + c] += u32::from(p[c]);
                    }
                }
            }
        }
        let n = (u * u) as u32;
        for (out, sum) in rgb[y * w * 3..][..w * 3].iter_mut().zip(&sums) {
            *out = ((sum + n / 2) / n) as u8;
        }
    }
    rgb
}

fn draw_figure<DB: DrawingBackend<ErrorType: 'static>>(fig: &Figure, root: &Area<DB>) -> Res {
    root.fill(&WHITE)?;
    let Some((rows, cols)) = fig.grid else {
        let plan = plan(fig, &SINGLE, root);
        return draw_plot(fig, &plan, &SINGLE, root, plan.areas);
    };
    let body = root.margin(PAD, PAD, PAD / 2, PAD / 2);
    let body = if fig.title.is_empty() {
        body
    } else {
        let (w, _) = body.dim_in_pixel();
        let th = line_h(SINGLE.title) + 8 * U;
        let (top, rest) = body.split_vertically(th);
        top.draw(&Text::new(
            fig.title.as_str(),
            (w as i32 / 2, 0),
            text_style(SINGLE.title, TEXT).pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
        rest
    };
    let cells = body.split_evenly((rows, cols));
    let plans: Vec<Plan> = fig
        .panels
        .iter()
        .zip(&cells)
        .map(|(p, c)| plan(p, &PANEL, c))
        .collect();
    // One set of label areas for every panel, so the axes line up.
    let areas = plans
        .iter()
        .fold(LabelAreas::default(), |a, p| a.max(p.areas));
    for ((p, plan), cell) in fig.panels.iter().zip(&plans).zip(&cells) {
        draw_plot(p, plan, &PANEL, cell, areas)?;
    }
    Ok(())
}

/// Room around the axes, in drawing units: the label areas plotters draws ticks and axis labels in,
/// and the right margin (half of the last x tick label may stick out).
#[derive(Clone, Copy, Debug, Default)]
struct LabelAreas {
    left: i32,
    bottom: i32,
    right: i32,
}

impl LabelAreas {
    fn max(self, o: LabelAreas) -> LabelAreas {
        LabelAreas {
            left: self.left.max(o.left),
            bottom: self.bottom.max(o.bottom),
            right: self.right.max(o.right),
        }
    }
}

/// What a plot needs before it is drawn: limits, ticks and label areas.
struct Plan {
    x: (f64, f64),
    y: (f64, f64),
    xticks: Vec<(f64, String)>,
    yticks: Vec<(f64, String)>,
    areas: LabelAreas,
    /// Points left out because they are ≤ 0 on a log axis.
    dropped: usize,
    empty: bool,
}

/// Range of finite values (positive only when `positive`), or None.
fn extent(vals: impl Iterator<Item = f64>, positive: bool) -> Option<(f64, f64)> {
    let mut r: Option<(f64, f64)> = None;
    for v in vals.filter(|v| v.is_finite() && (!positive || *v > 0.0)) {
        r = Some(match r {
            None => (v, v),
            Some((a, b)) => (a.min(v), b.max(v)),
        });
    }
    r
}

/// Data range widened by 5 % of its span on each side (in log10 space when `log`); a
/// single value gets a unit-wide (or one-decade) range around it.
fn padded(r: Option<(f64, f64)>, log: bool) -> (f64, f64) {
    let Some((lo, hi)) = r else {
        return if log { (1.0, 10.0) } else { (0.0, 1.0) };
    };
    let (t0, t1) = if log {
        (lo.log10(), hi.log10())
    } else {
        (lo, hi)
    };
    let (t0, t1) = if t1 - t0 <= (t0.abs().max(t1.abs())) * 1e-12 {
        (t0 - 0.5, t1 + 0.5)
    } else {
        let m = 0.05 * (t1 - t0);
        (t0 - m, t1 + m)
    };
    if log {
        (10f64.powf(t0), 10f64.powf(t1))
    } else {
        (t0, t1)
    }
}

/// How many tick intervals fit along `len` pixels at one per `per_tick` pixels.
fn bins(len: f64, per_tick: f64) -> usize {
    ((len / per_tick) as usize).clamp(2, 9)
}

/// Whether a point counts: finite, and positive on a log axis.
fn valid(fig: &Figure, x: f64, y: f64) -> bool {
    x.is_finite() && y.is_finite() && (!fig.log_y || y > 0.0)
}

/// Height of the title band above the axes (or a little air when there is no title).
fn title_h(fig: &Figure, th: &Theme) -> i32 {
    if fig.title.is_empty() {
        (0.6 * th.tick) as i32
    } else {
        line_h(th.title) + (6.0 * PT) as i32
    }
}

/// Limits, ticks and label areas of one line plot or bar chart drawn in `area`.
fn plan<DB: DrawingBackend<ErrorType: 'static>>(fig: &Figure, th: &Theme, area: &Area<DB>) -> Plan {
    let (w, h) = area.dim_in_pixel();
    let tick = text_style(th.tick, TEXT);
    let label_h = |s: &str| {
        if s.is_empty() {
            0
        } else {
            line_h(th.label) + (4.0 * PT) as i32
        }
    };
    // Rough axis lengths, only to choose how many ticks fit.
    let ax_w = (w as f64 - 90.0 * UF).max(50.0 * UF);
    let ax_h = (h as f64 - title_h(fig, th) as f64 - 70.0 * UF).max(50.0 * UF);
    let tick_h = line_h(th.tick);

    if let Some(heat) = &fig.heat {
        let (vmin, vmax, _) = color_limits(&heat.values);
        let (n, m) = heat.values.dim();
        let cell = (ax_w / m as f64).min(ax_h / n as f64);
        let yticks = linear_ticks(vmin, vmax, bins(cell * n as f64, th.tick * 2.0));
        let rows = heat.row_labels.iter().map(|s| s.as_str());
        return Plan {
            x: (0.0, m as f64),
            y: (vmin, vmax),
            xticks: vec![],
            areas: LabelAreas {
                left: label_h(&fig.ylabel) + widest(area, rows, &tick) + 2 * TICK,
                bottom: tick_h + 2 * TICK + label_h(&fig.xlabel),
                right: widest(area, yticks.iter().map(|t| t.1.as_str()), &tick) + 2 * TICK,
            },
            yticks,
            dropped: 0,
            empty: false,
        };
    }

    let mut dropped = 0;
    let (x, y, xticks, empty) = if !fig.bars.is_empty() {
        let n = fig.bars[0].values.len();
        let all = fig.bars.iter().flat_map(|b| b.values.iter().copied());
        let refs = fig.refs.iter().map(|r| r.at);
        let (lo, hi) = extent(all.chain(refs).chain([0.0]), false).unwrap_or((0.0, 1.0));
        let (lo, hi) = if lo == hi { (0.0, 1.0) } else { (lo, hi) };
        let m = 0.05 * (hi - lo);
        let y = fig.ylim.unwrap_or((
            if lo < 0.0 { lo - m } else { lo },
            if hi > 0.0 { hi + m } else { hi },
        ));
        let span = (n as f64 - 0.2).max(0.8);
        let x = fig
            .xlim
            .unwrap_or((-0.4 - 0.05 * span, n as f64 - 0.6 + 0.05 * span));
        // Show every k-th category label when they would overlap.
        let slot = ax_w / (x.1 - x.0);
        let cats = fig.categories.iter().map(|s| s.as_str());
        let wide = widest(area, cats, &tick) as f64 + 0.8 * th.tick;
        let stride = (wide / slot).ceil().max(1.0) as usize;
        let xticks = fig
            .categories
            .iter()
            .enumerate()
            .filter(|(i, _)| i % stride == 0)
            .map(|(i, c)| (i as f64, c.clone()))
            .filter(|(v, _)| (x.0..=x.1).contains(v))
            .collect();
        (x, y, xticks, n == 0)
    } else {
        let mut xs = Vec::new();
        let mut ys = Vec::new();
        for s in &fig.series {
            for (&a, &b) in s.x.iter().zip(&s.y) {
                if valid(fig, a, b) {
                    xs.push(a);
                    ys.push(b);
                } else if fig.log_y && a.is_finite() && b <= 0.0 {
                    dropped += 1;
                }
            }
        }
        let empty = xs.is_empty() && fig.refs.is_empty();
        for r in &fig.refs {
            if r.horizontal {
                ys.push(r.at)
            } else {
                xs.push(r.at)
            }
        }
        let x = fig
            .xlim
            .unwrap_or_else(|| padded(extent(xs.into_iter(), false), false));
        let y = fig
            .ylim
            .unwrap_or_else(|| padded(extent(ys.into_iter(), fig.log_y), fig.log_y));
        let xticks = linear_ticks(x.0, x.1, bins(ax_w, th.tick * 3.0));
        (x, y, xticks, empty)
    };
    let yticks = if fig.log_y {
        log_ticks(y.0, y.1, bins(ax_h, th.tick * 2.0))
    } else {
        linear_ticks(y.0, y.1, bins(ax_h, th.tick * 2.0))
    };
    let last_x = xticks
        .last()
        .map_or(0, |t: &(f64, String)| measure(area, &t.1, &tick).0 / 2);
    Plan {
        x,
        y,
        areas: LabelAreas {
            left: label_h(&fig.ylabel)
                + widest(area, yticks.iter().map(|t| t.1.as_str()), &tick)
                + 2 * TICK,
            bottom: tick_h + 2 * TICK + label_h(&fig.xlabel),
            right: (last_x - (0.02 * ax_w) as i32).max((0.5 * th.tick) as i32),
        },
        xticks,
        yticks,
        dropped,
        empty,
    }
}

/// A plotters axis with our ticks: `inner` maps values to pixels (linear or log), and the grid
/// lines and labels sit at `ticks`, labelled with their own text.
struct Ticked<C> {
    inner: C,
    ticks: Vec<(f64, String)>,
}

impl<C: Ranged<ValueType = f64>> Ticked<C> {
    fn new<R: AsRangedCoord<CoordDescType = C>>(range: R, ticks: &[(f64, String)]) -> Self
    where
        C: From<R>,
    {
        Ticked {
            inner: C::from(range),
            ticks: ticks.to_vec(),
        }
    }
}

impl<C: Ranged<ValueType = f64>> Ranged for Ticked<C> {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.inner.map(value, limit)
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        // Grid lines at the labelled ticks only; no light (minor) lines.
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.iter().map(|t| t.0).collect()
        }
    }

    fn range(&self) -> Range<f64> {
        self.inner.range()
    }
}

impl<C: Ranged<ValueType = f64>> ValueFormatter<f64> for Ticked<C> {
    fn format_ext(&self, value: &f64) -> String {
        tick_label(&self.ticks, *value)
    }
}

/// The label of the tick nearest to `v`.
fn tick_label(ticks: &[(f64, String)], v: f64) -> String {
    ticks
        .iter()
        .min_by(|a, b| (a.0 - v).abs().total_cmp(&(b.0 - v).abs()))
        .map(|t| t.1.clone())
        .unwrap_or_default()
}

/// Draws one plot (line plot, bar chart or heat map) into `area`.
fn draw_plot<DB: DrawingBackend<ErrorType: 'static>>(
    fig: &Figure,
    plan: &Plan,
    th: &Theme,
    area: &Area<DB>,
    la: LabelAreas,
) -> Res {
    if fig.heat.is_some() {
        return draw_heat(fig, plan, th, area, la);
    }
    let mut b = ChartBuilder::on(area);
    b.margin_left(PAD)
        .margin_bottom(PAD)
        .margin_top(PAD + title_h(fig, th))
        .margin_right(PAD + la.right)
        .x_label_area_size(la.bottom)
        .y_label_area_size(la.left);
    let xr = Ticked::new(plan.x.0..plan.x.1, &plan.xticks);
    let (lo, hi) = plan.y;
    let axes = if fig.log_y {
        let yr: Ticked<LogCoord<f64>> = Ticked::new((lo..hi).log_scale(), &plan.yticks);
        draw_xy(fig, plan, th, b.build_cartesian_2d(xr, yr)?, |v| v.log10())?
    } else {
        let yr: Ticked<RangedCoordf64> = Ticked::new(lo..hi, &plan.yticks);
        draw_xy(fig, plan, th, b.build_cartesian_2d(xr, yr)?, |v| v)?
    };
    draw_title(fig, th, area, axes)
}

/// Writes the title centred above the axes, whose pixel ranges are `(xs, ys)`.
fn draw_title<DB: DrawingBackend<ErrorType: 'static>>(
    fig: &Figure,
    th: &Theme,
    area: &Area<DB>,
    (xs, ys): (Range<i32>, Range<i32>),
) -> Res {
    if fig.title.is_empty() {
        return Ok(());
    }
    let (bx, by) = area.get_base_pixel();
    let at = (
        (xs.start + xs.end) / 2 - bx,
        ys.start - by - (6.0 * PT) as i32,
    );
    let style = text_style(th.title, TEXT).pos(Pos::new(HPos::Center, VPos::Bottom));
    area.draw(&Text::new(fig.title.as_str(), at, style))?;
    Ok(())
}

type XCoord = Ticked<RangedCoordf64>;
type Chart<'a, DB, Y> = ChartContext<'a, DB, Cartesian2d<XCoord, Y>>;

/// Gives a series its legend entry, when it has a label.
fn annotate<'a, DB: DrawingBackend + 'a>(anno: &mut SeriesAnno<'a, DB>, label: &str, k: Key) {
    if !label.is_empty() {
        anno.label(label).legend(move |(x, y)| key(k, x, y));
    }
}

/// What a legend entry shows left of its label.
#[derive(Clone, Copy)]
enum Key {
    Line(RGBColor, bool),
    Ref,
    Patch(RGBColor),
    Dot(RGBColor),
}

/// Mesh, data, notes and legend of a line plot or bar chart. `ty` maps a y value to the axis's
/// linear space (log10 on a log axis), where lines are clipped to the limits.
fn draw_xy<'a, DB: DrawingBackend<ErrorType: 'static> + 'a, C>(
    fig: &Figure,
    plan: &Plan,
    th: &Theme,
    mut chart: Chart<'a, DB, Ticked<C>>,
    ty: impl Fn(f64) -> f64,
) -> Res<(Range<i32>, Range<i32>)>
where
    C: Ranged<ValueType = f64>,
{
    let bars = !fig.bars.is_empty();
    let mut mesh = chart.configure_mesh();
    mesh.bold_line_style(GRID.stroke_width(GRID_W))
        .light_line_style(TRANSPARENT)
        .axis_style(GRID.stroke_width(SPINE_W))
        // Short tick marks in the grid colour, like the grid lines stepping over the spine.
        .set_all_tick_mark_size(TICK)
        .label_style(text_style(th.tick, TEXT))
        .axis_desc_style(text_style(th.label, TEXT))
        .x_desc(fig.xlabel.as_str())
        .y_desc(fig.ylabel.as_str());
    if bars {
        mesh.disable_x_mesh();
    }
    mesh.draw()?;

    let (x0, x1) = plan.x;
    let (t0, t1) = (ty(plan.y.0), ty(plan.y.1));
    let from_t = |t: f64| if fig.log_y { 10f64.powf(t) } else { t };
    let inside = |x: f64, y: f64| x >= x0 && x <= x1 && ty(y) >= t0 && ty(y) <= t1;
    // Pixel geometry of what is drawn, for choosing the legend's place.
    let mut occupied: Vec<Vec<(i32, i32)>> = Vec::new();
    let mut boxes: Vec<[(i32, i32); 2]> = Vec::new();
    let mut legend: Vec<(&str, Key)> = Vec::new();

    if bars {
        let bw = 0.8 / fig.bars.len() as f64;
        for (g, b) in fig.bars.iter().enumerate() {
            let color = palette(b.color);
            let mut rects = Vec::new();
            for (i, &v) in b.values.iter().enumerate() {
                let left = i as f64 - 0.4 + g as f64 * bw;
                let (xa, xb) = (left.max(x0), (left + bw).min(x1));
                let (ya, yb) = (v.min(0.0).max(plan.y.0), v.max(0.0).min(plan.y.1));
                if v.is_finite() && xb > xa && yb > ya {
                    rects.push(Rectangle::new([(xa, ya), (xb, yb)], color.filled()));
                    boxes.push([
                        chart.backend_coord(&(xa, yb)),
                        chart.backend_coord(&(xb, ya)),
                    ]);
                }
            }
            let anno = chart.draw_series(rects)?;
            if !b.label.is_empty() {
                anno.label(b.label.as_str())
                    .legend(move |(x, y)| key(Key::Patch(color), x, y));
                legend.push((&b.label, Key::Patch(color)));
            }
        }
    }

    let mut ref_legend = Vec::new();
    for r in &fig.refs {
        let (a, b) = if r.horizontal {
            ((x0, r.at), (x1, r.at))
        } else {
            ((r.at, plan.y.0), (r.at, plan.y.1))
        };
        let shown = inside(a.0, a.1) && inside(b.0, b.1);
        let pts = if shown { vec![a, b] } else { vec![] };
        if shown {
            occupied.push(pts.iter().map(|p| chart.backend_coord(p)).collect());
        }
        ref_legend.push((r, pts));
    }

    for s in &fig.series {
        let color = palette(s.color);
        let key_kind = match s.mark {
            Mark::Points => Key::Dot(color),
            m => Key::Line(color, m == Mark::Dashed),
        };
        let label = s.label.as_str();
        match s.mark {
            Mark::Points => {
                let pts: Vec<(f64, f64)> =
                    s.x.iter()
                        .zip(&s.y)
                        .map(|(&x, &y)| (x, y))
                        .filter(|&(x, y)| valid(fig, x, y) && inside(x, y))
                        .collect();
                occupied.extend(pts.iter().map(|p| vec![chart.backend_coord(p)]));
                let r = (3.0 * PT).round() as i32;
                let anno = chart.draw_series(PointSeries::of_element(
                    pts,
                    r,
                    color.filled(),
                    &|c, r, st| Circle::new(c, r, st),
                ))?;
                annotate(anno, label, key_kind);
            }
            Mark::Line | Mark::Dashed => {
                let runs: Vec<Vec<(f64, f64)>> = runs(fig, s, &ty, (x0, x1, t0, t1))
                    .into_iter()
                    .map(|r| r.into_iter().map(|(x, t)| (x, from_t(t))).collect())
                    .collect();
                let style = color.stroke_width(LINE_W);
                if runs.is_empty() {
                    // Nothing to draw, but the legend still names the series.
                    let anno = chart.draw_series(std::iter::empty::<Circle<(f64, f64), i32>>())?;
                    annotate(anno, label, key_kind);
                }
                for (i, run) in runs.into_iter().enumerate() {
                    occupied.push(run.iter().map(|p| chart.backend_coord(p)).collect());
                    let anno = if s.mark == Mark::Dashed {
                        chart.draw_series(DashedLineSeries::new(run, DASH.0, DASH.1, style))?
                    } else {
                        chart.draw_series(LineSeries::new(run, style))?
                    };
                    if i == 0 {
                        annotate(anno, label, key_kind);
                    }
                }
            }
        }
        if !s.label.is_empty() {
            legend.push((&s.label, key_kind));
        }
    }

    // Reference lines go on top of the data, and after it in the legend.
    for (r, pts) in ref_legend {
        let style = REF.stroke_width(REF_W);
        let anno = chart.draw_series(DashedLineSeries::new(pts, DASH.0, DASH.1, style))?;
        if !r.label.is_empty() {
            anno.label(r.label.as_str())
                .legend(move |(x, y)| key(Key::Ref, x, y));
            legend.push((&r.label, Key::Ref));
        }
    }

    let pa = chart.plotting_area().strip_coord_spec();
    let (pw, ph) = pa.dim_in_pixel();
    let (pw, ph) = (pw as i32, ph as i32);
    let base = chart.plotting_area().get_base_pixel();
    if plan.empty {
        pa.draw(&Text::new(
            "(no data)",
            (pw / 2, ph / 2),
            text_style(th.legend, NOTE).pos(Pos::new(HPos::Center, VPos::Center)),
        ))?;
    }
    if plan.dropped > 0 {
        let note = if plan.dropped == 1 {
            "1 value ≤ 0 not shown (log scale)".to_string()
        } else {
            format!("{} values ≤ 0 not shown (log scale)", plan.dropped)
        };
        let style = text_style(0.9 * th.legend, NOTE).pos(Pos::new(HPos::Left, VPos::Bottom));
        let (nw, nh) = measure(&pa, &note, &style);
        let at = (8 * U, ph - 8 * U);
        // The legend keeps clear of the note.
        boxes.push([
            (base.0 + at.0, base.1 + at.1 - nh),
            (base.0 + at.0 + nw, base.1 + at.1),
        ]);
        pa.draw(&Text::new(note, at, style))?;
    }
    if !legend.is_empty() {
        let font = text_style(th.legend, TEXT);
        let (lw, lh) = legend_size(&pa, &legend, &font, th.legend);
        let (lx, ly) = legend_place((lw, lh), (pw, ph), base, &occupied, &boxes, th.legend);
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::Coordinate(lx, ly))
            .margin(legend_margin(th.legend))
            .legend_area_size(legend_handle(th.legend))
            .label_font(font)
            .background_style(WHITE.mix(0.85))
            .border_style(GRID.stroke_width(GRID_W))
            .draw()?;
    }
    Ok(chart.plotting_area().get_pixel_range())
}

fn legend_margin(fs: f64) -> i32 {
    (0.5 * fs).round() as i32
}

/// Width of the legend's key column (the key plus the gap before the label).
fn legend_handle(fs: f64) -> i32 {
    (2.6 * fs).round() as i32
}

/// The legend's key for an entry whose key column starts at `(x, y)` (y = middle of the row).
fn key<DB: DrawingBackend>(k: Key, x: i32, y: i32) -> DynElement<'static, DB, (i32, i32)> {
    let len = 28 * U;
    match k {
        Key::Line(c, false) => {
            PathElement::new(vec![(x, y), (x + len, y)], c.stroke_width(LINE_W)).into_dyn()
        }
        Key::Line(c, true) => DashedPathElement::new(
            vec![(x, y), (x + len, y)],
            DASH.0,
            DASH.1,
            c.stroke_width(LINE_W),
        )
        .into_dyn(),
        Key::Ref => DashedPathElement::new(
            vec![(x, y), (x + len, y)],
            DASH.0,
            DASH.1,
            REF.stroke_width(REF_W),
        )
        .into_dyn(),
        Key::Patch(c) => Rectangle::new(
            [(x + 6 * U, y - 6 * U), (x + len - 6 * U, y + 6 * U)],
            c.filled(),
        )
        .into_dyn(),
        Key::Dot(c) => {
            Circle::new((x + len / 2, y), (3.0 * PT).round() as i32, c.filled()).into_dyn()
        }
    }
}

/// The legend box's size, as plotters lays it out (lines 1.25 × the text height apart).
fn legend_size<DB: DrawingBackend<ErrorType: 'static>>(
    area: &Area<DB>,
    entries: &[(&str, Key)],
    font: &TextStyle,
    fs: f64,
) -> (i32, i32) {
    let w = widest(area, entries.iter().map(|e| e.0), font);
    let h = measure(area, "Xg", font).1 as f64;
    let rows = h * (1.0 + 1.25 * (entries.len() as f64 - 1.0));
    (
        w + legend_handle(fs) + 2 * legend_margin(fs),
        rows.round() as i32 + 2 * legend_margin(fs),
    )
}

/// Where the legend covers the least data: matplotlib's "best" candidates in its order (upper
/// right first), scored by the line samples, dots and box area under the legend. Returns the
/// top-left corner relative to the plotting area of size `(pw, ph)` at pixel `base`.
fn legend_place(
    (w, h): (i32, i32),
    (pw, ph): (i32, i32),
    base: (i32, i32),
    occupied: &[Vec<(i32, i32)>],
    boxes: &[[(i32, i32); 2]],
    fs: f64,
) -> (i32, i32) {
    let inset = (0.5 * fs) as i32;
    let (l, r) = (inset, pw - inset - w);
    let (t, b) = (inset, ph - inset - h);
    let (cx, cy) = ((pw - w) / 2, (ph - h) / 2);
    let candidates = [
        (r, t),
        (l, t),
        (l, b),
        (r, b),
        (r, cy),
        (l, cy),
        (cx, b),
        (cx, t),
        (cx, cy),
    ];
    let score = |x: i32, y: i32| {
        let (bx0, by0) = (base.0 + x - 4 * U, base.1 + y - 4 * U);
        let (bx1, by1) = (bx0 + w + 8 * U, by0 + h + 8 * U);
        let hit = |p: (f64, f64)| {
            p.0 >= bx0 as f64 && p.0 <= bx1 as f64 && p.1 >= by0 as f64 && p.1 <= by1 as f64
        };
        let mut s = 0.0;
        for run in occupied {
            if run.len() == 1 && hit((run[0].0 as f64, run[0].1 as f64)) {
                s += 1.0;
            }
            for seg in run.windows(2) {
                let (a, c) = (
                    (seg[0].0 as f64, seg[0].1 as f64),
                    (seg[1].0 as f64, seg[1].1 as f64),
                );
                let len = (c.0 - a.0).hypot(c.1 - a.1);
                let k = (len / (3.0 * UF)).ceil().max(1.0) as usize;
                for j in 0..k {
                    let f = j as f64 / k as f64;
                    if hit((a.0 + f * (c.0 - a.0), a.1 + f * (c.1 - a.1))) {
                        s += 1.0;
                    }
                }
            }
        }
        for [(ax, ay), (bx, by)] in boxes {
            let ow = (bx.min(&bx1) - ax.max(&bx0)).max(0) as f64;
            let oh = (by.min(&by1) - ay.max(&by0)).max(0) as f64;
            s += ow * oh / (9.0 * UF * UF);
        }
        s
    };
    let mut best = candidates[0];
    let mut best_score = f64::INFINITY;
    for (x, y) in candidates {
        let s = score(x, y);
        if s < best_score {
            best_score = s;
            best = (x, y);
        }
    }
    best
}

/// Polylines through the valid points of `s` in (x, ty(y)) space: broken at skipped points and
/// clipped to the limits `(x0, x1, t0, t1)` (a segment leaving them ends its run there).
fn runs(
    fig: &Figure,
    s: &Series,
    ty: &impl Fn(f64) -> f64,
    lim: (f64, f64, f64, f64),
) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut cur: Vec<(f64, f64)> = Vec::new();
    let mut prev: Option<(f64, f64)> = None;
    let flush = |cur: &mut Vec<(f64, f64)>, out: &mut Vec<Vec<(f64, f64)>>| {
        if cur.len() >= 2 {
            out.push(std::mem::take(cur));
        } else {
            cur.clear();
        }
    };
    for (&x, &y) in s.x.iter().zip(&s.y) {
        let p = valid(fig, x, y).then(|| (x, ty(y)));
        match (prev, p) {
            (Some(a), Some(b)) => match clip_segment(a, b, lim) {
                Some((c, d)) => {
                    if cur.last() != Some(&c) {
                        flush(&mut cur, &mut out);
                        cur.push(c);
                    }
                    cur.push(d);
                }
                None => flush(&mut cur, &mut out),
            },
            (_, None) => flush(&mut cur, &mut out),
            (None, Some(_)) => {}
        }
        prev = p;
    }
    flush(&mut cur, &mut out);
    out
}

/// The part of segment `a`–`b` inside `[x0, x1] × [y0, y1]` (Liang–Barsky), or None.
fn clip_segment(
    a: (f64, f64),
    b: (f64, f64),
    (x0, x1, y0, y1): (f64, f64, f64, f64),
) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.0 - x0),
        (dx, x1 - a.0),
        (-dy, a.1 - y0),
        (dy, y1 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                if t > t1 {
                    return None;
                }
                t0 = t0.max(t);
            } else {
                if t < t0 {
                    return None;
                }
                t1 = t1.min(t);
            }
        }
    }
    let c = if t0 > 0.0 {
        (a.0 + t0 * dx, a.1 + t0 * dy)
    } else {
        a
    };
    let d = if t1 < 1.0 {
        (a.0 + t1 * dx, a.1 + t1 * dy)
    } else {
        b
    };
    Some((c, d))
}

/// Width of a colour bar next to a heat map of height `h` (matplotlib's aspect 20).
fn colorbar_width(h: f64) -> i32 {
    (h / 20.0).clamp(12.0 * UF, 40.0 * UF) as i32
}

/// Colour limits of a heat map: symmetric around 0 when values of both signs occur
/// (`diverging` = true), otherwise the data range.
fn color_limits(v: &ndarray::Array2<f64>) -> (f64, f64, bool) {
    let (lo, hi) = extent(v.iter().copied(), false).unwrap_or((0.0, 1.0));
    if lo < 0.0 && hi > 0.0 {
        let m = lo.abs().max(hi);
        (-m, m, true)
    } else if lo == hi {
        (lo - 0.5, hi + 0.5, false)
    } else {
        (lo, hi, false)
    }
}

/// Blue-white-red (ColorBrewer RdBu, reversed) for `t` in [0, 1].
const DIVERGING: [u32; 7] = [
    0x2166AC, 0x67A9CF, 0xD1E5F0, 0xF7F7F7, 0xFDDBC7, 0xEF8A62, 0xB2182B,
];
/// Viridis, sampled at nine points.
const VIRIDIS: [u32; 9] = [
    0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21918C, 0x28AE80, 0x5EC962, 0xADDC30, 0xFDE725,
];

/// The colour at `t` in [0, 1] along the stops, interpolated linearly.
fn colormap(stops: &[u32], t: f64) -> RGBColor {
    let t = t.clamp(0.0, 1.0) * (stops.len() - 1) as f64;
    let i = (t.floor() as usize).min(stops.len() - 2);
    let f = t - i as f64;
    let ch = |v: u32, s: u32| ((v >> s) & 0xFF) as f64;
    let mix = |s: u32| (ch(stops[i], s) * (1.0 - f) + ch(stops[i + 1], s) * f).round() as u8;
    RGBColor(mix(16), mix(8), mix(0))
}

/// Relative luminance of a colour (0 black … 1 white), to pick the text colour on a cell.
fn luminance(c: RGBColor) -> f64 {
    (0.2126 * c.0 as f64 + 0.7152 * c.1 as f64 + 0.0722 * c.2 as f64) / 255.0
}

/// A heat map with its values written in square cells, and a colour bar on its right.
fn draw_heat<DB: DrawingBackend<ErrorType: 'static>>(
    fig: &Figure,
    plan: &Plan,
    th: &Theme,
    area: &Area<DB>,
    la: LabelAreas,
) -> Res {
    let Some(heat) = &fig.heat else {
        return Ok(());
    };
    let (n, m) = heat.values.dim();
    let (vmin, vmax, diverging) = color_limits(&heat.values);
    let (w, h) = area.dim_in_pixel();
    let top = PAD / 2 + title_h(fig, th);
    let gap = 20 * U;
    let cbw_guess = colorbar_width(h as f64 * 0.8);
    let right = gap + cbw_guess + la.right;
    let avail_w = (w as i32 - 2 * PAD - la.left - right).max(10 * U);
    let avail_h = (h as i32 - top - PAD - la.bottom).max(10 * U);
    let cell = (avail_w as f64 / m as f64).min(avail_h as f64 / n as f64);
    let (bw, bh) = (
        (cell * m as f64).round() as i32,
        (cell * n as f64).round() as i32,
    );
    let cbw = colorbar_width(bh as f64);
    // Centre the block (with its labels and colour bar) in the area.
    let dx = (avail_w - bw + cbw_guess - cbw) / 2;
    let dy = (avail_h - bh) / 2;
    let inner = area.margin(top + dy, PAD + dy, PAD + dx, 0);
    let (main, bar) = inner.split_horizontally(la.left + bw);

    let mut b = ChartBuilder::on(&main);
    b.x_label_area_size(la.bottom).y_label_area_size(la.left);
    let at_centres = |labels: &[String]| -> Vec<(f64, String)> {
        labels
            .iter()
            .enumerate()
            .map(|(i, l)| (i as f64 + 0.5, l.clone()))
            .collect()
    };
    // Rows run downwards: the y axis goes from n at the bottom to 0 at the top.
    let mut chart = b.build_cartesian_2d(
        Ticked::new(0.0..m as f64, &at_centres(&heat.col_labels)),
        Ticked::new(n as f64..0.0, &at_centres(&heat.row_labels)),
    )?;
    chart
        .configure_mesh()
        .disable_mesh()
        .axis_style(TRANSPARENT)
        .set_all_tick_mark_size(TICK)
        .label_style(text_style(th.tick, TEXT))
        .axis_desc_style(text_style(th.label, TEXT))
        .x_desc(fig.xlabel.as_str())
        .y_desc(fig.ylabel.as_str())
        .draw()?;

    let stops: &[u32] = if diverging { &DIVERGING } else { &VIRIDIS };
    let amax = heat
        .values
        .iter()
        .filter(|v| v.is_finite())
        .fold(0.0f64, |a, v| a.max(v.abs()));
    let decimals = if amax > 0.0 {
        (2.0 - amax.log10().floor()).clamp(0.0, 4.0) as usize
    } else {
        2
    };
    let fs = (0.22 * cell).min(th.tick);
    let mut cells = Vec::new();
    let mut labels = Vec::new();
    // Half a pixel, in cells: each cell reaches under its right and lower neighbours, so no
    // hairline of background shows between anti-aliased cell edges.
    let seam = 0.5 * UF / cell;
    for ((i, j), &v) in heat.values.indexed_iter() {
        if !v.is_finite() {
            continue;
        }
        let c = colormap(stops, (v - vmin) / (vmax - vmin));
        let (x, y) = (j as f64, i as f64);
        let x1 = if j + 1 < m { x + 1.0 + seam } else { x + 1.0 };
        let y1 = if i + 1 < n { y + 1.0 + seam } else { y + 1.0 };
        cells.push(Rectangle::new([(x, y), (x1, y1)], c.filled()));
        if fs >= 9.0 * UF {
            let tc = if luminance(c) < 0.5 { WHITE } else { TEXT };
            let s = format!("{v:.decimals$}").replace('-', "\u{2212}");
            let style = text_style(fs, tc).pos(Pos::new(HPos::Center, VPos::Center));
            labels.push(Text::new(s, (x + 0.5, y + 0.5), style));
        }
    }
    chart.draw_series(cells)?;
    chart.draw_series(labels)?;
    draw_title(fig, th, area, chart.plotting_area().get_pixel_range())?;

    // Colour bar: 64 strips from vmin (bottom) to vmax (top), ticks on its right.
    let mut b = ChartBuilder::on(&bar);
    b.margin_left(gap)
        .margin_bottom(la.bottom)
        .right_y_label_area_size(la.right);
    let (bar_w, _) = bar.dim_in_pixel();
    b.margin_right((bar_w as i32 - gap - cbw - la.right).max(0));
    let mut cb = b.build_cartesian_2d(
        Ticked::new(0.0..1.0, &[]),
        Ticked::new(vmin..vmax, &plan.yticks),
    )?;
    cb.configure_mesh()
        .disable_mesh()
        .disable_x_axis()
        .axis_style(TRANSPARENT)
        .set_all_tick_mark_size(TICK)
        .label_style(text_style(th.tick, TEXT))
        .draw()?;
    let strips = 64;
    let step = (vmax - vmin) / strips as f64;
    cb.draw_series((0..strips).map(|k| {
        let c = colormap(stops, (k as f64 + 0.5) / strips as f64);
        let y = vmin + k as f64 * step;
        // Each strip reaches half a pixel into the next one (no seams, as for the cells).
        let top = if k + 1 < strips {
            y + step * (1.0 + 0.5 * UF * strips as f64 / bh as f64)
        } else {
            vmax
        };
        Rectangle::new([(0.0, y), (1.0, top)], c.filled())
    }))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIM: (f64, f64, f64, f64) = (0.0, 100.0, 0.0, 100.0);

    #[test]
    fn clip_keeps_the_inside_part() {
        let c = clip_segment((50.0, 50.0), (50.0, 150.0), LIM);
        assert_eq!(c, Some(((50.0, 50.0), (50.0, 100.0))));
        assert_eq!(clip_segment((150.0, 0.0), (150.0, 50.0), LIM), None);
    }

    #[test]
    fn runs_break_at_gaps_and_clip() {
        let fig = Figure::new();
        let s = Series {
            label: String::new(),
            x: vec![10.0, 20.0, 25.0, 30.0, 40.0, 50.0, 50.0, 60.0],
            y: vec![10.0, 20.0, f64::NAN, 30.0, 40.0, 50.0, 150.0, 50.0],
            mark: Mark::Line,
            color: 0,
        };
        let r = runs(&fig, &s, &|v| v, LIM);
        assert_eq!(r[0], vec![(10.0, 10.0), (20.0, 20.0)]);
        assert_eq!(
            r[1],
            vec![(30.0, 30.0), (40.0, 40.0), (50.0, 50.0), (50.0, 100.0)]
        );
        // Re-entering the limits starts a new run at the edge.
        assert_eq!(r[2][1], (60.0, 50.0));
        assert_eq!(r.len(), 3);
    }

    #[test]
    fn padding_and_degenerate_ranges() {
        assert_eq!(padded(Some((0.0, 10.0)), false), (-0.5, 10.5));
        assert_eq!(padded(Some((2.0, 2.0)), false), (1.5, 2.5));
        assert_eq!(padded(None, false), (0.0, 1.0));
        let (a, b) = padded(Some((1e-3, 1.0)), true);
        assert!((a.log10() + 3.15).abs() < 1e-12 && (b.log10() - 0.15).abs() < 1e-12);
    }

    #[test]
    fn colormap_ends() {
        assert_eq!(colormap(&DIVERGING, 0.0), RGBColor(0x21, 0x66, 0xAC));
        assert_eq!(colormap(&DIVERGING, 0.5), RGBColor(0xF7, 0xF7, 0xF7));
        assert_eq!(colormap(&VIRIDIS, 1.0), RGBColor(0xFD, 0xE7, 0x25));
    }

    #[test]
    fn legend_avoids_a_line_in_the_upper_right() {
        // A line along the top right: the upper left wins.
        let occupied = vec![vec![(500, 20), (1000, 20)]];
        let at = legend_place((200, 80), (1000, 600), (0, 0), &occupied, &[], 18.0);
        assert_eq!(at, (9, 9));
    }
}
