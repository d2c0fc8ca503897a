//! The scene as a PNG: a small anti-aliased rasteriser (coverage accumulation from
//! `ab_glyph_rasterizer`) for shapes, glyph outlines from the embedded font for text, and the
//! encoder in [`super::encode`]. Everything is pure Rust; no system library is involved.

use super::font::{font, text_width};
use super::scene::{Anchor, Prim, Rgb, Scene};
use ab_glyph::{Font, GlyphId, PxScale, point};
use ab_glyph_rasterizer::Rasterizer;

/// White as `0xRRGGBB`.
const WHITE: u32 = 0xFF_FFFF;

/// An RGB image being drawn.
struct Canvas {
    w: usize,
    h: usize,
    /// One `0xRRGGBB ^ WHITE` per pixel, row by row: stored XOR white so that a fresh white
    /// canvas is a zeroed allocation (fast even in unoptimised builds).
    px: Vec<u32>,
    rast: Rasterizer,
}

impl Canvas {
    fn new(w: usize, h: usize) -> Self {
        Canvas {
            w,
            h,
            px: vec![0; w * h],
            rast: Rasterizer::new(0, 0),
        }
    }

    /// Paints `c` over pixel `(x, y)` with coverage `a` in [0, 1].
    fn blend(&mut self, x: i64, y: i64, c: Rgb, a: f32) {
        if x < 0 || y < 0 || x as usize >= self.w || y as usize >= self.h || a <= 0.0 {
            return;
        }
        let i = y as usize * self.w + x as usize;
        let cv = ((c.0 as u32) << 16) | ((c.1 as u32) << 8) | c.2 as u32;
        if a >= 0.998 {
            self.px[i] = cv ^ WHITE;
            return;
        }
        let d = self.px[i] ^ WHITE;
        let a = (a * 256.0) as u32;
        let mix = |shift: u32| {
            let (dv, sv) = ((d >> shift) & 0xFF, (cv >> shift) & 0xFF);
            ((dv * (256 - a) + sv * a + 128) >> 8) << shift
        };
        self.px[i] = (mix(16) | mix(8) | mix(0)) ^ WHITE;
    }

    /// An axis-aligned rectangle, edges anti-aliased by their exact pixel coverage.
    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, c: Rgb, opacity: f64) {
        let (x1, y1) = (x + w, y + h);
        let cover = |p: i64, a: f64, b: f64| ((p as f64 + 1.0).min(b) - (p as f64).max(a)).max(0.0);
        let (px0, px1) = (
            (x.floor() as i64).max(0),
            (x1.ceil() as i64).min(self.w as i64),
        );
        let (py0, py1) = (
            (y.floor() as i64).max(0),
            (y1.ceil() as i64).min(self.h as i64),
        );
        let cv = ((c.0 as u32) << 16) | ((c.1 as u32) << 8) | c.2 as u32;
        for py in py0..py1 {
            let cy = cover(py, y, y1);
            if cy >= 1.0 && opacity >= 1.0 {
                // Whole pixels inside: plain copy; only the left and right edge pixels blend.
                let (ix0, ix1) = ((x.ceil() as i64).max(px0), (x1.floor() as i64).min(px1));
                if ix1 > ix0 {
                    let row = py as usize * self.w;
                    self.px[row + ix0 as usize..row + ix1 as usize].fill(cv ^ WHITE);
                    for px in [px0, ix1] {
                        if px < ix0 || px >= ix1 {
                            self.blend(px, py, c, cover(px, x, x1) as f32);
                        }
                    }
                    continue;
                }
            }
            for px in px0..px1 {
                let a = cy * cover(px, x, x1) * opacity;
                self.blend(px, py, c, a as f32);
            }
        }
    }

    /// Fills the union of `polys` (each a closed polygon) with `c`.
    fn fill(&mut self, polys: &[Vec<(f64, f64)>], c: Rgb) {
        let all = polys.iter().flatten();
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for &(x, y) in all {
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
        // Only the part on the canvas matters; the layout keeps shapes near it.
        let ox = (x0.floor() - 1.0).max(-2.0);
        let oy = (y0.floor() - 1.0).max(-2.0);
        let ex = (x1.ceil() + 2.0).min(self.w as f64 + 2.0);
        let ey = (y1.ceil() + 2.0).min(self.h as f64 + 2.0);
        if !(ex > ox && ey > oy) {
            return;
        }
        let (rw, rh) = ((ex - ox) as usize, (ey - oy) as usize);
        self.rast.reset(rw, rh);
        for poly in polys {
            // Same orientation for every polygon, so overlaps add up instead of cancelling.
            let area: f64 = (0..poly.len())
                .map(|i| {
                    let (a, b) = (poly[i], poly[(i + 1) % poly.len()]);
                    a.0 * b.1 - b.0 * a.1
                })
                .sum();
            let n = poly.len();
            for i in 0..n {
                let (a, b) = if area >= 0.0 {
                    (poly[i], poly[(i + 1) % n])
                } else {
                    (poly[(i + 1) % n], poly[i])
                };
                self.rast.draw_line(
                    point((a.0 - ox) as f32, (a.1 - oy) as f32),
                    point((b.0 - ox) as f32, (b.1 - oy) as f32),
                );
            }
        }
        let mut cov = Vec::with_capacity(rw * rh);
        self.rast.for_each_pixel(|_, a| cov.push(a));
        for (i, a) in cov.into_iter().enumerate() {
            if a > 0.002 {
                self.blend(
                    ox as i64 + (i % rw) as i64,
                    oy as i64 + (i / rw) as i64,
                    c,
                    a,
                );
            }
        }
    }

    /// A polyline of width `w`, with round joins; dashed when `dash` is `[on, off]`.
    fn stroke(&mut self, pts: &[(f64, f64)], c: Rgb, w: f64, dash: Option<[f64; 2]>, closed: bool) {
        let mut pts = pts.to_vec();
        if closed && !pts.is_empty() {
            pts.push(pts[0]);
        }
        match dash {
            None => self.stroke_solid(&pts, c, w),
            Some([on, off]) => {
                for piece in dashes(&pts, on * w.max(1.0) / w.max(1.0), off) {
                    self.stroke_solid(&piece, c, w);
                }
            }
        }
    }

    fn stroke_solid(&mut self, pts: &[(f64, f64)], c: Rgb, w: f64) {
        let hw = w / 2.0;
        let joint = circle_sides(hw);
        // Segments are filled in batches (one coverage pass per batch, so overlaps at the
        // joins are painted once) while the batch's bounding box stays small.
        let mut batch: Vec<Vec<(f64, f64)>> = Vec::new();
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for (i, seg) in pts.windows(2).enumerate() {
            let (a, b) = (seg[0], seg[1]);
            let len = (b.0 - a.0).hypot(b.1 - a.1);
            if len < 1e-9 {
                continue;
            }
            let (bx0, by0) = (a.0.min(b.0) - hw, a.1.min(b.1) - hw);
            let (bx1, by1) = (a.0.max(b.0) + hw, a.1.max(b.1) + hw);
            let area = (x1.max(bx1) - x0.min(bx0)) * (y1.max(by1) - y0.min(by0));
            if !batch.is_empty() && area > 40_000.0 {
                self.fill(&batch, c);
                batch.clear();
                (x0, y0, x1, y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
            }
            (x0, y0, x1, y1) = (x0.min(bx0), y0.min(by0), x1.max(bx1), y1.max(by1));
            let (nx, ny) = (-(b.1 - a.1) / len * hw, (b.0 - a.0) / len * hw);
            batch.push(vec![
                (a.0 + nx, a.1 + ny),
                (b.0 + nx, b.1 + ny),
                (b.0 - nx, b.1 - ny),
                (a.0 - nx, a.1 - ny),
            ]);
            // A round join where the direction turns by more than a few degrees.
            if let Some(&n) = pts.get(i + 2) {
                let (ux, uy) = ((b.0 - a.0) / len, (b.1 - a.1) / len);
                let l2 = (n.0 - b.0).hypot(n.1 - b.1);
                if l2 > 1e-9 && (ux * (n.0 - b.0) + uy * (n.1 - b.1)) / l2 < 0.996 {
                    batch.push(circle(b, hw, joint));
                }
            }
        }
        if !batch.is_empty() {
            self.fill(&batch, c);
        }
    }

    /// Text with its baseline through `(x, y)`; `vertical` text reads bottom to top.
    #[allow(clippy::too_many_arguments)]
    fn text(&mut self, x: f64, y: f64, s: &str, size: f64, c: Rgb, anchor: Anchor, vertical: bool) {
        let f = font();
        let upem = f.units_per_em().unwrap_or(2048.0) as f64;
        let scale = PxScale::from((size * f.height_unscaled() as f64 / upem) as f32);
        let shift = match anchor {
            Anchor::Start => 0.0,
            Anchor::Middle => text_width(s, size) / 2.0,
            Anchor::End => text_width(s, size),
        };
        let (ax, ay) = (x.round() as i64, y.round() as i64);
        let mut pen = -shift;
        let mut prev: Option<GlyphId> = None;
        for ch in s.chars() {
            let g = f.glyph_id(ch);
            if let Some(p) = prev {
                pen += f.kern_unscaled(p, g) as f64 * size / upem;
            }
            // Horizontal text keeps its sub-pixel x; vertical text is drawn relative to the anchor.
            let origin = if vertical {
                point(pen as f32, 0.0)
            } else {
                point((x + pen) as f32, y as f32)
            };
            if let Some(outline) = f.outline_glyph(g.with_scale_and_position(scale, origin)) {
                let b = outline.px_bounds();
                let (bx, by) = (b.min.x as i64, b.min.y as i64);
                let mut px = Vec::new();
                outline.draw(|gx, gy, a| px.push((bx + gx as i64, by + gy as i64, a)));
                for (tx, ty, a) in px {
                    if vertical {
                        self.blend(ax + ty, ay - tx - 1, c, a);
                    } else {
                        self.blend(tx, ty, c, a);
                    }
                }
            }
            pen += f.h_advance_unscaled(g) as f64 * size / upem;
            prev = Some(g);
        }
    }
}

/// Number of sides for a round join of radius `r` (about 2 pixels per side).
fn circle_sides(r: f64) -> usize {
    ((std::f64::consts::TAU * r / 2.0).ceil() as usize).clamp(8, 64)
}

fn circle(c: (f64, f64), r: f64, sides: usize) -> Vec<(f64, f64)> {
    (0..sides)
        .map(|k| {
            let t = std::f64::consts::TAU * k as f64 / sides as f64;
            (c.0 + r * t.cos(), c.1 + r * t.sin())
        })
        .collect()
}

/// Splits a polyline into dashes `on` long with gaps `off` long.
fn dashes(pts: &[(f64, f64)], on: f64, off: f64) -> Vec<Vec<(f64, f64)>> {
    let mut out = Vec::new();
    let mut cur: Vec<(f64, f64)> = Vec::new();
    let mut drawing = true;
    let mut left = on;
    for seg in pts.windows(2) {
        let (mut a, b) = (seg[0], seg[1]);
        let mut len = (b.0 - a.0).hypot(b.1 - a.1);
        if drawing && cur.is_empty() {
            cur.push(a);
        }
        while len > left {
            let f = left / len;
            let m = (a.0 + f * (b.0 - a.0), a.1 + f * (b.1 - a.1));
            if drawing {
                cur.push(m);
                out.push(std::mem::take(&mut cur));
            } else {
                cur.push(m);
            }
            drawing = !drawing;
            len -= left;
            left = if drawing { on } else { off };
            a = m;
            if !drawing {
                cur.clear();
            }
        }
        left -= len;
        if drawing {
            cur.push(b);
        }
    }
    if drawing && cur.len() >= 2 {
        out.push(cur);
    }
    out
}

/// The pixels of `scene`, `0xRRGGBB`, row by row.
fn pixels(scene: &Scene) -> Vec<u32> {
    let (w, h) = (scene.width as usize, scene.height as usize);
    let mut c = Canvas::new(w, h);
    for (i, p) in scene.prims.iter().enumerate() {
        if let Prim::Rect {
            x,
            y,
            w: rw,
            h: rh,
            fill,
            opacity,
        } = p
            && i == 0
            && (*x, *y, *rw, *rh) == (0.0, 0.0, w as f64, h as f64)
            && *fill == Rgb(255, 255, 255)
            && *opacity >= 1.0
        {
            continue; // the canvas starts white
        }
        match p {
            Prim::Rect {
                x,
                y,
                w,
                h,
                fill,
                opacity,
            } => c.rect(*x, *y, *w, *h, *fill, *opacity),
            Prim::Stroke {
                pts,
                color,
                width,
                dash,
                closed,
            } => c.stroke(pts, *color, *width, *dash, *closed),
            Prim::Circle { cx, cy, r, fill } => {
                let poly = circle((*cx, *cy), *r, circle_sides(*r));
                c.fill(&[poly], *fill);
            }
            Prim::Text {
                x,
                y,
                text,
                size,
                color,
                anchor,
                vertical,
            } => c.text(*x, *y, text, *size, *color, *anchor, *vertical),
        }
    }
    c.px
}

/// `scene` encoded as an 8-bit RGB PNG.
pub(crate) fn render_png(scene: &Scene) -> Vec<u8> {
    let px = pixels(scene);
    super::encode::png(scene.width as usize, scene.height as usize, &px, WHITE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashes_alternate() {
        let d = dashes(&[(0.0, 0.0), (10.0, 0.0)], 2.0, 1.0);
        // 0-2, 3-5, 6-8, 9-10
        assert_eq!(d.len(), 4);
        assert_eq!(d[0], vec![(0.0, 0.0), (2.0, 0.0)]);
        assert_eq!(d[1], vec![(3.0, 0.0), (5.0, 0.0)]);
        assert_eq!(d[3], vec![(9.0, 0.0), (10.0, 0.0)]);
    }

    #[test]
    fn filled_square_has_full_coverage_inside_and_soft_edges() {
        let mut c = Canvas::new(10, 10);
        c.fill(
            &[vec![(2.0, 2.0), (6.5, 2.0), (6.5, 6.0), (2.0, 6.0)]],
            Rgb(0, 0, 0),
        );
        let px = |x: usize, y: usize| (c.px[y * 10 + x] ^ WHITE) & 0xFF;
        assert_eq!(px(3, 3), 0);
        assert_eq!(px(8, 8), 255);
        assert!(
            (120..=135).contains(&px(6, 3)),
            "half-covered pixel: {}",
            px(6, 3)
        );
    }
}
