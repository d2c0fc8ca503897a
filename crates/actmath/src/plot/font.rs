//! The embedded font (DejaVu Sans, licence in `assets/LICENSE-DejaVu`) and its metrics, so the
//! layout and the PNG text use the same glyph widths without any system font library.

use ab_glyph::{Font, FontRef, GlyphId};
use std::sync::OnceLock;

/// The TTF bytes shipped with the crate.
static FONT_BYTES: &[u8] = include_bytes!("../../assets/DejaVuSans.ttf");

/// Font family list written into SVG files: the embedded font first, then common look-alikes.
pub(crate) const SVG_FONT_FAMILY: &str = "DejaVu Sans, Arial, Helvetica, sans-serif";

/// The parsed font (parsed once per process).
pub(crate) fn font() -> &'static FontRef<'static> {
    static FONT: OnceLock<FontRef<'static>> = OnceLock::new();
    FONT.get_or_init(|| FontRef::try_from_slice(FONT_BYTES).expect("embedded DejaVu Sans parses"))
}

/// Font units per em.
fn units_per_em() -> f64 {
    font().units_per_em().unwrap_or(2048.0) as f64
}

/// Distance from the baseline up to the top of digits and capitals, per pixel of font size.
pub(crate) const CAP_HEIGHT: f64 = 0.73;

/// Ascender height per pixel of font size.
pub(crate) fn ascent() -> f64 {
    font().ascent_unscaled() as f64 / units_per_em()
}

/// Descender depth (positive) per pixel of font size.
pub(crate) fn descent() -> f64 {
    -font().descent_unscaled() as f64 / units_per_em()
}

/// Advance width in pixels of `text` at font size `size` (pixels per em), kerning included.
pub(crate) fn text_width(text: &str, size: f64) -> f64 {
    let f = font();
    let mut w = 0.0f64;
    let mut prev: Option<GlyphId> = None;
    for c in text.chars() {
        let g = f.glyph_id(c);
        if let Some(p) = prev {
            w += f.kern_unscaled(p, g) as f64;
        }
        w += f.h_advance_unscaled(g) as f64;
        prev = Some(g);
    }
    w * size / units_per_em()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needed_glyphs_exist() {
        let f = font();
        for c in "Aaσφ′Φ⊙−²½≈∞⁻⁰¹³".chars() {
            assert_ne!(f.glyph_id(c).0, 0, "missing glyph {c}");
        }
    }

    #[test]
    fn widths_scale_with_size() {
        let a = text_width("Sigmoid", 10.0);
        let b = text_width("Sigmoid", 20.0);
        assert!(a > 20.0 && (b - 2.0 * a).abs() < 1e-9);
        assert!(ascent() > 0.8 && descent() > 0.1);
    }
}
