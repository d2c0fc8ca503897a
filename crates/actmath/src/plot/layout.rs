//! From a [`Figure`] to a [`Scene`]: margins, limits, ticks, legend placement and colours, in
//! pixels. Both renderers draw the same scene, so the SVG and the PNG agree.

use super::font::{CAP_HEIGHT, ascent, descent, text_width};
use super::scene::{Anchor, Prim, Rgb, Scene};
use super::ticks::{linear_ticks, log_ticks};
use super::{Figure, Mark, PALETTE};

/// Pixels per typographic point at 120 dpi.
const PT: f64 = 120.0 / 72.0;
/// Outer padding of the figure (0.1 inch, like `savefig.bbox = "tight"`).
const PAD: f64 = 12.0;
const TEXT: Rgb = Rgb::hex(0x262626);
const GRID: Rgb = Rgb::hex(0xCCCCCC);
const NOTE: Rgb = Rgb::hex(0x666666);
const REF: Rgb = Rgb::hex(0x555555);
const WHITE: Rgb = Rgb::hex(0xFFFFFF);

/// Font sizes in pixels.
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

/// Palette colour `i`.
fn palette(i: usize) -> Rgb {
    let s = PALETTE[i % PALETTE.len()];
    Rgb::hex(u32::from_str_radix(&s[1..], 16).unwrap_or(0))
}

#[derive(Clone, Copy, Debug)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    fn w(&self) -> f64 {
        self.x1 - self.x0
    }
    fn h(&self) -> f64 {
        self.y1 - self.y0
    }
    fn contains(&self, p: (f64, f64)) -> bool {
        p.0 >= self.x0 && p.0 <= self.x1 && p.1 >= self.y0 && p.1 <= self.y1
    }
}

/// Space between the outer rectangle of a plot and its axes.
#[derive(Clone, Copy, Debug, Default)]
struct Margins {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
}

impl Margins {
    fn max(self, o: Margins) -> Margins {
        Margins {
            left: self.left.max(o.left),
            right: self.right.max(o.right),
            top: self.top.max(o.top),
            bottom: self.bottom.max(o.bottom),
        }
    }
}

/// Height of one line of text of size `s`.
fn line_h(s: f64) -> f64 {
    s * (ascent() + descent())
}

/// What a plot needs before it is placed: limits, ticks and margins.
struct Plan {
    kind: PlanKind,
    x: (f64, f64),
    y: (f64, f64),
    xticks: Vec<(f64, String)>,
    yticks: Vec<(f64, String)>,
    margins: Margins,
    /// Points left out because they are ≤ 0 on a log axis.
    dropped: usize,
    empty: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum PlanKind {
    Xy,
    Bars,
    Heat,
}

/// Renders the figure's layout.
pub(crate) fn scene(fig: &Figure) -> Scene {
    let mut prims = Vec::new();
    let (w, h) = match fig.grid {
        Some((rows, cols)) => {
            let title_h = if fig.title.is_empty() {
                0.0
            } else {
                line_h(SINGLE.title) + 8.0
            };
            fig.size.unwrap_or((
                (330 * cols).max(1200) as u32,
                (250.0 * rows as f64 + title_h + 2.0 * PAD).round() as u32,
            ))
        }
        None => fig.size.unwrap_or((1200, 720)),
    };
    let (wf, hf) = (w as f64, h as f64);
    prims.push(Prim::Rect {
        x: 0.0,
        y: 0.0,
        w: wf,
        h: hf,
        fill: WHITE,
        opacity: 1.0,
    });
    match fig.grid {
        None => {
            let outer = Rect {
                x0: PAD,
                y0: PAD,
                x1: wf - PAD,
                y1: hf - PAD,
            };
            let plan = plan(fig, &SINGLE, outer);
            draw(fig, &plan, &SINGLE, outer, plan.margins, &mut prims);
        }
        Some((rows, cols)) => {
            let mut top = PAD;
            if !fig.title.is_empty() {
                prims.push(text(
                    wf / 2.0,
                    PAD + ascent() * SINGLE.title,
                    &fig.title,
                    SINGLE.title,
                    TEXT,
                    Anchor::Middle,
                ));
                top += line_h(SINGLE.title) + 8.0;
            }
            let cw = (wf - 2.0 * PAD) / cols as f64;
            let ch = (hf - top - PAD) / rows as f64;
            let cells: Vec<Rect> = (0..fig.panels.len())
                .map(|i| {
                    let (r, c) = (i / cols, i % cols);
                    let gap = PAD / 2.0;
                    Rect {
                        x0: PAD + c as f64 * cw + gap,
                        y0: top + r as f64 * ch + gap,
                        x1: PAD + (c + 1) as f64 * cw - gap,
                        y1: top + (r + 1) as f64 * ch - gap,
                    }
                })
                .collect();
            let plans: Vec<Plan> = fig
                .panels
                .iter()
                .zip(&cells)
                .map(|(p, &c)| plan(p, &PANEL, c))
                .collect();
            // One set of margins for every panel, so the axes line up.
            let margins = plans
                .iter()
                .fold(Margins::default(), |m, p| m.max(p.margins));
            for ((p, plan), cell) in fig.panels.iter().zip(&plans).zip(cells) {
                draw(p, plan, &PANEL, cell, margins, &mut prims);
            }
        }
    }
    Scene {
        width: w,
        height: h,
        prims,
    }
}

fn text(x: f64, y: f64, s: &str, size: f64, color: Rgb, anchor: Anchor) -> Prim {
    Prim::Text {
        x,
        y,
        text: s.to_string(),
        size,
        color,
        anchor,
        vertical: false,
    }
}

fn stroke(pts: Vec<(f64, f64)>, color: Rgb, width: f64, dash: Option<[f64; 2]>) -> Prim {
    Prim::Stroke {
        pts,
        color,
        width,
        dash,
        closed: false,
    }
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

fn bins(len: f64, per_tick: f64) -> usize {
    ((len / per_tick) as usize).clamp(2, 9)
}

fn max_width<'a>(labels: impl Iterator<Item = &'a str>, size: f64) -> f64 {
    labels.map(|s| text_width(s, size)).fold(0.0, f64::max)
}

/// Limits, ticks and margins of one plot drawn in `outer`.
fn plan(fig: &Figure, th: &Theme, outer: Rect) -> Plan {
    let tickpad = 0.5 * th.tick;
    let labelpad = 4.0 * PT;
    let title_top = if fig.title.is_empty() {
        0.6 * th.tick
    } else {
        line_h(th.title) + 6.0 * PT
    };
    let xlabel_h = if fig.xlabel.is_empty() {
        0.0
    } else {
        line_h(th.label) + labelpad
    };
    let ylabel_w = if fig.ylabel.is_empty() {
        0.0
    } else {
        line_h(th.label) + labelpad
    };
    // Rough axis lengths, only to choose how many ticks fit.
    let ax_w = (outer.w() - 90.0).max(50.0);
    let ax_h = (outer.h() - title_top - 70.0).max(50.0);

    if let Some(heat) = &fig.heat {
        let (n, m) = heat.values.dim();
        let (vmin, vmax, _) = color_limits(&heat.values);
        let cell = (ax_w / m as f64).min(ax_h / n as f64);
        let yticks = linear_ticks(vmin, vmax, bins(cell * n as f64, th.tick * 2.0));
        let cb_label_w = max_width(yticks.iter().map(|t| t.1.as_str()), th.tick);
        let margins = Margins {
            left: ylabel_w
                + max_width(heat.row_labels.iter().map(|s| s.as_str()), th.tick)
                + tickpad,
            right: 20.0 + colorbar_width(cell * n as f64) + tickpad + cb_label_w,
            top: title_top,
            bottom: line_h(th.tick) + tickpad + xlabel_h,
        };
        return Plan {
            kind: PlanKind::Heat,
            x: (0.0, m as f64),
            y: (vmin, vmax),
            xticks: vec![],
            yticks,
            margins,
            dropped: 0,
            empty: false,
        };
    }

    let mut dropped = 0;
    let (kind, x, y, xticks, empty) = if !fig.bars.is_empty() {
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
        let widest = max_width(fig.categories.iter().map(|s| s.as_str()), th.tick) + 0.8 * th.tick;
        let stride = (widest / slot).ceil().max(1.0) as usize;
        let xticks = fig
            .categories
            .iter()
            .enumerate()
            .filter(|(i, _)| i % stride == 0)
            .map(|(i, c)| (i as f64, c.clone()))
            .collect();
        (PlanKind::Bars, x, y, xticks, n == 0)
    } else {
        let valid = |s: &super::Series, i: usize| {
            s.x[i].is_finite() && s.y[i].is_finite() && (!fig.log_y || s.y[i] > 0.0)
        };
        let mut xs = Vec::new();
        let mut ys = Vec::new();
        for s in &fig.series {
            for i in 0..s.x.len() {
                if valid(s, i) {
                    xs.push(s.x[i]);
                    ys.push(s.y[i]);
                } else if fig.log_y && s.x[i].is_finite() && s.y[i] <= 0.0 {
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
        (PlanKind::Xy, x, y, xticks, empty)
    };
    let yticks = if fig.log_y {
        log_ticks(y.0, y.1, bins(ax_h, th.tick * 2.0))
    } else {
        linear_ticks(y.0, y.1, bins(ax_h, th.tick * 2.0))
    };
    let last_x = xticks
        .last()
        .map_or(0.0, |t: &(f64, String)| text_width(&t.1, th.tick) / 2.0);
    let margins = Margins {
        left: ylabel_w + max_width(yticks.iter().map(|t| t.1.as_str()), th.tick) + tickpad,
        right: (last_x - 0.02 * ax_w).max(0.5 * th.tick),
        top: title_top,
        bottom: line_h(th.tick) + tickpad + xlabel_h,
    };
    Plan {
        kind,
        x,
        y,
        xticks,
        yticks,
        margins,
        dropped,
        empty,
    }
}

/// Width of a colour bar next to a heat map of height `h` (matplotlib's aspect 20).
fn colorbar_width(h: f64) -> f64 {
    (h / 20.0).clamp(12.0, 40.0)
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

fn colormap(stops: &[u32], t: f64) -> Rgb {
    let t = t.clamp(0.0, 1.0) * (stops.len() - 1) as f64;
    let i = (t.floor() as usize).min(stops.len() - 2);
    Rgb::hex(stops[i]).mix(Rgb::hex(stops[i + 1]), t - i as f64)
}

/// Draws one plot into `outer`, whose axes sit `m` inside it.
fn draw(fig: &Figure, plan: &Plan, th: &Theme, outer: Rect, m: Margins, out: &mut Vec<Prim>) {
    let ax = Rect {
        x0: outer.x0 + m.left,
        y0: outer.y0 + m.top,
        x1: outer.x1 - m.right,
        y1: outer.y1 - m.bottom,
    };
    if ax.w() < 10.0 || ax.h() < 10.0 {
        return;
    }
    if plan.kind == PlanKind::Heat {
        draw_heat(fig, plan, th, outer, m, out);
        return;
    }
    let log = fig.log_y;
    let (x0, x1) = plan.x;
    let ty = |v: f64| if log { v.log10() } else { v };
    let (t0, t1) = (ty(plan.y.0), ty(plan.y.1));
    let sx = move |v: f64| (ax.x0 + (v - x0) / (x1 - x0) * ax.w()).clamp(-1e7, 1e7);
    let sy = move |v: f64| (ax.y1 - (ty(v) - t0) / (t1 - t0) * ax.h()).clamp(-1e7, 1e7);
    let tickpad = 0.5 * th.tick;

    // Grid: horizontal lines at y ticks, vertical lines at x ticks (not for bars).
    let gw = PT;
    for (v, _) in &plan.yticks {
        let y = sy(*v);
        if y >= ax.y0 - 0.5 && y <= ax.y1 + 0.5 {
            out.push(stroke(vec![(ax.x0, y), (ax.x1, y)], GRID, gw, None));
        }
    }
    if plan.kind == PlanKind::Xy {
        for (v, _) in &plan.xticks {
            let x = sx(*v);
            if x >= ax.x0 - 0.5 && x <= ax.x1 + 0.5 {
                out.push(stroke(vec![(x, ax.y0), (x, ax.y1)], GRID, gw, None));
            }
        }
    }
    // Left and bottom spines only.
    out.push(stroke(
        vec![(ax.x0, ax.y0), (ax.x0, ax.y1), (ax.x1, ax.y1)],
        GRID,
        1.25 * PT,
        None,
    ));

    // Geometry in pixels, kept for choosing the legend's place.
    let mut occupied: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut boxes: Vec<Rect> = Vec::new();
    let mut legend: Vec<(String, Key)> = Vec::new();
    let mut ref_keys: Vec<(String, Key)> = Vec::new();
    let dash = [3.7 * PT, 1.6 * PT];

    if plan.kind == PlanKind::Bars {
        let groups = fig.bars.len() as f64;
        let bw = 0.8 / groups;
        for (g, b) in fig.bars.iter().enumerate() {
            let color = palette(b.color);
            for (i, &v) in b.values.iter().enumerate() {
                if !v.is_finite() {
                    continue;
                }
                let left = i as f64 - 0.4 + g as f64 * bw;
                let (xa, xb) = (sx(left).max(ax.x0), sx(left + bw).min(ax.x1));
                let (ya, yb) = (sy(v.max(0.0)).max(ax.y0), sy(v.min(0.0)).min(ax.y1));
                if xb > xa && yb > ya {
                    out.push(Prim::Rect {
                        x: xa,
                        y: ya,
                        w: xb - xa,
                        h: yb - ya,
                        fill: color,
                        opacity: 1.0,
                    });
                    boxes.push(Rect {
                        x0: xa,
                        y0: ya,
                        x1: xb,
                        y1: yb,
                    });
                }
            }
            if !b.label.is_empty() {
                legend.push((b.label.clone(), Key::Patch(color)));
            }
        }
    }

    for r in &fig.refs {
        let pts = if r.horizontal {
            let y = sy(r.at);
            vec![(ax.x0, y), (ax.x1, y)]
        } else {
            let x = sx(r.at);
            vec![(x, ax.y0), (x, ax.y1)]
        };
        if pts.iter().all(|&p| ax.contains(p)) {
            occupied.push(pts.clone());
            out.push(stroke(pts, REF, 1.5 * PT, Some(dash)));
        }
        if !r.label.is_empty() {
            ref_keys.push((r.label.clone(), Key::Line(REF, 1.5 * PT, Some(dash))));
        }
    }

    let lw = 2.0 * PT;
    for s in &fig.series {
        let color = palette(s.color);
        let map = |i: usize| {
            let (x, y) = (s.x[i], s.y[i]);
            (x.is_finite() && y.is_finite() && (!log || y > 0.0)).then(|| (sx(x), sy(y)))
        };
        match s.mark {
            Mark::Points => {
                let r = 3.0 * PT;
                let mut pts = Vec::new();
                for i in 0..s.x.len() {
                    if let Some(p) = map(i).filter(|&p| ax.contains(p)) {
                        out.push(Prim::Circle {
                            cx: p.0,
                            cy: p.1,
                            r,
                            fill: color,
                        });
                        pts.push(p);
                    }
                }
                occupied.extend(pts.into_iter().map(|p| vec![p]));
                if !s.label.is_empty() {
                    legend.push((s.label.clone(), Key::Dot(color, r)));
                }
            }
            Mark::Line | Mark::Dashed => {
                let d = (s.mark == Mark::Dashed).then_some(dash);
                for run in runs((0..s.x.len()).map(map), ax) {
                    occupied.push(run.clone());
                    out.push(stroke(run, color, lw, d));
                }
                if !s.label.is_empty() {
                    legend.push((s.label.clone(), Key::Line(color, lw, d)));
                }
            }
        }
    }

    // Tick labels.
    let cap = CAP_HEIGHT * th.tick;
    for (v, label) in &plan.xticks {
        let x = sx(*v);
        if x >= ax.x0 - 0.5 && x <= ax.x1 + 0.5 {
            out.push(text(
                x,
                ax.y1 + tickpad + ascent() * th.tick,
                label,
                th.tick,
                TEXT,
                Anchor::Middle,
            ));
        }
    }
    for (v, label) in &plan.yticks {
        let y = sy(*v);
        if y >= ax.y0 - 0.5 && y <= ax.y1 + 0.5 {
            out.push(text(
                ax.x0 - tickpad,
                y + cap / 2.0,
                label,
                th.tick,
                TEXT,
                Anchor::End,
            ));
        }
    }
    axis_labels(fig, th, outer, ax, ax, out);

    if plan.empty {
        out.push(text(
            (ax.x0 + ax.x1) / 2.0,
            (ax.y0 + ax.y1) / 2.0,
            "(no data)",
            th.legend,
            NOTE,
            Anchor::Middle,
        ));
    }
    legend.append(&mut ref_keys);
    if plan.dropped > 0 {
        let note = if plan.dropped == 1 {
            "1 value ≤ 0 not shown (log scale)".to_string()
        } else {
            format!("{} values ≤ 0 not shown (log scale)", plan.dropped)
        };
        let ns = 0.9 * th.legend;
        let (nx, ny) = (ax.x0 + 0.5 * ns, ax.y1 - 0.5 * ns);
        // The legend keeps clear of the note.
        boxes.push(Rect {
            x0: nx,
            y0: ny - ns,
            x1: nx + text_width(&note, ns),
            y1: ny,
        });
        out.push(text(nx, ny, &note, ns, NOTE, Anchor::Start));
    }
    if !legend.is_empty() {
        draw_legend(&legend, th.legend, ax, &occupied, &boxes, out);
    }
}

/// Title and axis labels around the axes `ax` (`span` is the part they centre on).
fn axis_labels(fig: &Figure, th: &Theme, outer: Rect, ax: Rect, span: Rect, out: &mut Vec<Prim>) {
    let cx = (span.x0 + span.x1) / 2.0;
    if !fig.title.is_empty() {
        out.push(text(
            cx,
            ax.y0 - 6.0 * PT - descent() * th.title,
            &fig.title,
            th.title,
            TEXT,
            Anchor::Middle,
        ));
    }
    if !fig.xlabel.is_empty() {
        let y = outer.y1 - descent() * th.label;
        out.push(text(cx, y, &fig.xlabel, th.label, TEXT, Anchor::Middle));
    }
    if !fig.ylabel.is_empty() {
        out.push(Prim::Text {
            x: outer.x0 + ascent() * th.label,
            y: (span.y0 + span.y1) / 2.0,
            text: fig.ylabel.clone(),
            size: th.label,
            color: TEXT,
            anchor: Anchor::Middle,
            vertical: true,
        });
    }
}

/// Pixel polylines through the mapped points: broken at skipped points (None), clipped to `r`,
/// and thinned so consecutive points are at least a third of a pixel apart.
fn runs(points: impl Iterator<Item = Option<(f64, f64)>>, r: Rect) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut cur: Vec<(f64, f64)> = Vec::new();
    // The newest point, when it was too close to the last kept one to keep (yet).
    let mut pending: Option<(f64, f64)> = None;
    let mut prev: Option<(f64, f64)> = None;
    let mut flush = |cur: &mut Vec<(f64, f64)>, pending: &mut Option<(f64, f64)>| {
        if let Some(p) = pending.take() {
            cur.push(p);
        }
        if cur.len() >= 2 {
            out.push(std::mem::take(cur));
        } else {
            cur.clear();
        }
    };
    for p in points {
        match (prev, p) {
            (Some(a), Some(b)) => {
                if let Some((c, d)) = clip_segment(a, b, r) {
                    let joined = c == a && (cur.last() == Some(&a) || pending == Some(a));
                    if !joined {
                        flush(&mut cur, &mut pending);
                        cur.push(c);
                    }
                    let last = *cur.last().unwrap_or(&c);
                    if d != b || (d.0 - last.0).hypot(d.1 - last.1) >= 0.33 {
                        cur.push(d);
                        pending = None;
                    } else {
                        pending = Some(d);
                    }
                } else {
                    flush(&mut cur, &mut pending);
                }
            }
            (_, None) => flush(&mut cur, &mut pending),
            (None, Some(_)) => {}
        }
        prev = p;
    }
    flush(&mut cur, &mut pending);
    out
}

/// The part of segment `a`–`b` inside `r` (Liang–Barsky), or None.
fn clip_segment(a: (f64, f64), b: (f64, f64), r: Rect) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.0 - r.x0),
        (dx, r.x1 - a.0),
        (-dy, a.1 - r.y0),
        (dy, r.y1 - a.1),
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

/// What a legend entry shows left of its label.
enum Key {
    Line(Rgb, f64, Option<[f64; 2]>),
    Patch(Rgb),
    Dot(Rgb, f64),
}

/// Draws the legend where it covers the least data, trying matplotlib's "best" candidates in
/// its order (upper right first).
fn draw_legend(
    entries: &[(String, Key)],
    fs: f64,
    ax: Rect,
    occupied: &[Vec<(f64, f64)>],
    boxes: &[Rect],
    out: &mut Vec<Prim>,
) {
    let pad = 0.4 * fs;
    let handle = 2.0 * fs;
    let gap = 0.8 * fs;
    let spacing = 0.5 * fs;
    let row = line_h(fs);
    let n = entries.len() as f64;
    let w = 2.0 * pad + handle + gap + max_width(entries.iter().map(|e| e.0.as_str()), fs);
    let h = 2.0 * pad + n * row + (n - 1.0) * spacing;
    let inset = 0.5 * fs;
    let (l, r) = (ax.x0 + inset, ax.x1 - inset - w);
    let (t, b) = (ax.y0 + inset, ax.y1 - inset - h);
    let (cx, cy) = ((ax.x0 + ax.x1 - w) / 2.0, (ax.y0 + ax.y1 - h) / 2.0);
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
    let score = |x: f64, y: f64| {
        let bx = Rect {
            x0: x - 4.0,
            y0: y - 4.0,
            x1: x + w + 4.0,
            y1: y + h + 4.0,
        };
        let mut s = 0.0;
        for run in occupied {
            if run.len() == 1 && bx.contains(run[0]) {
                s += 1.0;
            }
            for seg in run.windows(2) {
                let (a, c) = (seg[0], seg[1]);
                let len = (c.0 - a.0).hypot(c.1 - a.1);
                let k = (len / 3.0).ceil().max(1.0) as usize;
                for j in 0..k {
                    let f = j as f64 / k as f64;
                    if bx.contains((a.0 + f * (c.0 - a.0), a.1 + f * (c.1 - a.1))) {
                        s += 1.0;
                    }
                }
            }
        }
        for r in boxes {
            let ow = (r.x1.min(bx.x1) - r.x0.max(bx.x0)).max(0.0);
            let oh = (r.y1.min(bx.y1) - r.y0.max(bx.y0)).max(0.0);
            s += ow * oh / 9.0;
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
    let (x, y) = best;
    out.push(Prim::Rect {
        x,
        y,
        w,
        h,
        fill: WHITE,
        opacity: 0.85,
    });
    out.push(Prim::Stroke {
        pts: vec![(x, y), (x + w, y), (x + w, y + h), (x, y + h)],
        color: GRID,
        width: PT,
        dash: None,
        closed: true,
    });
    for (i, (label, key)) in entries.iter().enumerate() {
        let top = y + pad + i as f64 * (row + spacing);
        let mid = top + row / 2.0;
        let kx = x + pad;
        match *key {
            Key::Line(c, lw, d) => out.push(stroke(vec![(kx, mid), (kx + handle, mid)], c, lw, d)),
            Key::Patch(c) => out.push(Prim::Rect {
                x: kx + 0.25 * handle,
                y: mid - 0.35 * fs,
                w: 0.5 * handle,
                h: 0.7 * fs,
                fill: c,
                opacity: 1.0,
            }),
            Key::Dot(c, r) => out.push(Prim::Circle {
                cx: kx + handle / 2.0,
                cy: mid,
                r,
                fill: c,
            }),
        }
        out.push(text(
            kx + handle + gap,
            mid + CAP_HEIGHT * fs / 2.0,
            label,
            fs,
            TEXT,
            Anchor::Start,
        ));
    }
}

/// A heat map with values written in the cells and a colour bar on the right.
fn draw_heat(fig: &Figure, plan: &Plan, th: &Theme, outer: Rect, m: Margins, out: &mut Vec<Prim>) {
    let Some(heat) = &fig.heat else { return };
    let (n, mcols) = heat.values.dim();
    let (vmin, vmax, diverging) = color_limits(&heat.values);
    let avail = Rect {
        x0: outer.x0 + m.left,
        y0: outer.y0 + m.top,
        x1: outer.x1 - m.right,
        y1: outer.y1 - m.bottom,
    };
    let cell = (avail.w() / mcols as f64).min(avail.h() / n as f64);
    let (bw, bh) = (cell * mcols as f64, cell * n as f64);
    // Centre the block (with its labels and colour bar) in the free space.
    let dx = (avail.w() - bw) / 2.0;
    let dy = (avail.h() - bh) / 2.0;
    let block = Rect {
        x0: avail.x0 + dx,
        y0: avail.y0 + dy,
        x1: avail.x0 + dx + bw,
        y1: avail.y0 + dy + bh,
    };
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
    for i in 0..n {
        for j in 0..mcols {
            let v = heat.values[[i, j]];
            let (x, y) = (block.x0 + j as f64 * cell, block.y0 + i as f64 * cell);
            if !v.is_finite() {
                continue;
            }
            let c = colormap(stops, (v - vmin) / (vmax - vmin));
            out.push(Prim::Rect {
                x,
                y,
                w: cell,
                h: cell,
                fill: c,
                opacity: 1.0,
            });
            if fs >= 9.0 {
                let tc = if c.luminance() < 0.5 { WHITE } else { TEXT };
                let s = format!("{v:.decimals$}").replace('-', "\u{2212}");
                out.push(text(
                    x + cell / 2.0,
                    y + cell / 2.0 + CAP_HEIGHT * fs / 2.0,
                    &s,
                    fs,
                    tc,
                    Anchor::Middle,
                ));
            }
        }
    }
    let tickpad = 0.5 * th.tick;
    for (j, label) in heat.col_labels.iter().enumerate() {
        let x = block.x0 + (j as f64 + 0.5) * cell;
        out.push(text(
            x,
            block.y1 + tickpad + ascent() * th.tick,
            label,
            th.tick,
            TEXT,
            Anchor::Middle,
        ));
    }
    for (i, label) in heat.row_labels.iter().enumerate() {
        let y = block.y0 + (i as f64 + 0.5) * cell + CAP_HEIGHT * th.tick / 2.0;
        out.push(text(
            block.x0 - tickpad,
            y,
            label,
            th.tick,
            TEXT,
            Anchor::End,
        ));
    }
    // Colour bar: 64 strips from vmax (top) to vmin (bottom), ticks on its right.
    let cbw = colorbar_width(bh);
    let cx0 = block.x1 + 20.0;
    let strips = 64;
    for k in 0..strips {
        let f0 = k as f64 / strips as f64;
        let y = block.y0 + f0 * bh;
        let c = colormap(stops, 1.0 - (k as f64 + 0.5) / strips as f64);
        out.push(Prim::Rect {
            x: cx0,
            y,
            w: cbw,
            h: bh / strips as f64 + if k + 1 < strips { 0.6 } else { 0.0 },
            fill: c,
            opacity: 1.0,
        });
    }
    for (v, label) in &plan.yticks {
        let y = block.y1 - (v - vmin) / (vmax - vmin) * bh;
        out.push(text(
            cx0 + cbw + tickpad,
            y + CAP_HEIGHT * th.tick / 2.0,
            label,
            th.tick,
            TEXT,
            Anchor::Start,
        ));
    }
    // Labels hug the block rather than the whole free area.
    let labels_outer = Rect {
        x0: block.x0 - m.left,
        y0: outer.y0,
        x1: outer.x1,
        y1: block.y1 + m.bottom,
    };
    axis_labels(fig, th, labels_outer, block, block, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    const R: Rect = Rect {
        x0: 0.0,
        y0: 0.0,
        x1: 100.0,
        y1: 100.0,
    };

    #[test]
    fn runs_break_at_gaps_and_clip() {
        let pts = vec![
            Some((10.0, 10.0)),
            Some((20.0, 20.0)),
            None,
            Some((30.0, 30.0)),
            Some((40.0, 40.0)),
        ];
        let r = runs(pts.into_iter(), R);
        assert_eq!(
            r,
            vec![
                vec![(10.0, 10.0), (20.0, 20.0)],
                vec![(30.0, 30.0), (40.0, 40.0)]
            ]
        );
        // A segment leaving the box is cut at its edge; re-entering starts a new run.
        let pts = vec![Some((50.0, 50.0)), Some((50.0, 150.0)), Some((60.0, 50.0))];
        let r = runs(pts.into_iter(), R);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0], vec![(50.0, 50.0), (50.0, 100.0)]);
        assert_eq!(r[1][1], (60.0, 50.0));
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
        assert_eq!(colormap(&DIVERGING, 0.0), Rgb::hex(0x2166AC));
        assert_eq!(colormap(&DIVERGING, 0.5), Rgb::hex(0xF7F7F7));
        assert_eq!(colormap(&VIRIDIS, 1.0), Rgb::hex(0xFDE725));
    }
}
