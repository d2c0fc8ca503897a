//! The scene as an SVG document: one element per primitive, text as live `<text>`.

use super::font::SVG_FONT_FAMILY;
use super::scene::{Anchor, Prim, Scene};
use std::fmt::Write;

/// `v` with at most two decimals and no trailing zeros.
fn num(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// Escapes the XML special characters of a text node or attribute.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

fn points(pts: &[(f64, f64)]) -> String {
    let mut s = String::with_capacity(pts.len() * 12);
    for (i, p) in pts.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(&num(p.0));
        s.push(',');
        s.push_str(&num(p.1));
    }
    s
}

/// The SVG text of `scene`.
pub(crate) fn render(scene: &Scene) -> String {
    let (w, h) = (scene.width, scene.height);
    let mut s = String::with_capacity(64 * scene.prims.len() + 256);
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{SVG_FONT_FAMILY}">"#
    );
    for p in &scene.prims {
        let _ = match p {
            Prim::Rect {
                x,
                y,
                w,
                h,
                fill,
                opacity,
            } => {
                let op = if *opacity < 1.0 {
                    format!(r#" fill-opacity="{}""#, num(*opacity))
                } else {
                    String::new()
                };
                writeln!(
                    s,
                    r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"{op}/>"#,
                    num(*x),
                    num(*y),
                    num(*w),
                    num(*h),
                    fill.css()
                )
            }
            Prim::Stroke {
                pts,
                color,
                width,
                dash,
                closed,
            } => {
                let tag = if *closed { "polygon" } else { "polyline" };
                let dash = dash.map_or(String::new(), |d| {
                    format!(r#" stroke-dasharray="{} {}""#, num(d[0]), num(d[1]))
                });
                writeln!(
                    s,
                    r#"<{tag} points="{}" fill="none" stroke="{}" stroke-width="{}" stroke-linejoin="round"{dash}/>"#,
                    points(pts),
                    color.css(),
                    num(*width)
                )
            }
            Prim::Circle { cx, cy, r, fill } => {
                writeln!(
                    s,
                    r#"<circle cx="{}" cy="{}" r="{}" fill="{}"/>"#,
                    num(*cx),
                    num(*cy),
                    num(*r),
                    fill.css()
                )
            }
            Prim::Text {
                x,
                y,
                text,
                size,
                color,
                anchor,
                vertical,
            } => {
                let anchor = match anchor {
                    Anchor::Start => "start",
                    Anchor::Middle => "middle",
                    Anchor::End => "end",
                };
                let rot = if *vertical {
                    format!(r#" transform="rotate(-90 {} {})""#, num(*x), num(*y))
                } else {
                    String::new()
                };
                writeln!(
                    s,
                    r#"<text x="{}" y="{}" font-size="{}" text-anchor="{anchor}" fill="{}"{rot}>{}</text>"#,
                    num(*x),
                    num(*y),
                    num(*size),
                    color.css(),
                    escape(text)
                )
            }
        };
    }
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_escapes() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(2.345), "2.35");
        assert_eq!(num(-0.001), "0");
        assert_eq!(escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }
}
