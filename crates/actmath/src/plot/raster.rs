//! From the SVG to a PNG: resvg rasterises the document plotters wrote (anti-aliased, text
//! drawn with the embedded DejaVu Sans through its own font database, no system fonts) onto a
//! white background, and the `png` crate encodes the pixels as 8-bit RGB.

use super::draw::FONT_BYTES;
use resvg::{tiny_skia, usvg};
use std::sync::{Arc, OnceLock};

/// A font database holding only the embedded DejaVu Sans, which also serves every generic
/// family (`sans-serif`, …), so each `font-family` list resolves to it. Built once per process.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(FONT_BYTES.to_vec());
        db.set_sans_serif_family("DejaVu Sans");
        db.set_serif_family("DejaVu Sans");
        db.set_monospace_family("DejaVu Sans");
        Arc::new(db)
    })
    .clone()
}

/// Rasterises `svg` (a document of `width × height` pixels) and encodes it as a PNG file.
pub(crate) fn png(svg: &str, width: u32, height: u32) -> Vec<u8> {
    let options = usvg::Options {
        font_family: "DejaVu Sans".to_string(),
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    // The SVG comes from plotters and is well-formed; a parse failure is a bug.
    let tree = usvg::Tree::from_str(svg, &options)
        .unwrap_or_else(|e| panic!("actmath::plot: the figure's SVG did not parse: {e}"));
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .expect("Figure::size keeps both sides in 200..=8000 pixels");
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    // Opaque pixels (white background): premultiplied RGBA is plain RGBA; drop the alpha.
    let mut rgb = Vec::with_capacity(width as usize * height as usize * 3);
    for p in pixmap.data().chunks_exact(4) {
        rgb.extend_from_slice(&p[..3]);
    }
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, width, height);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    // Plots are mostly flat colour, which deflate's back-references compress well without a
    // row filter. Measured at opt-level 0 (CPU time per encode, 1200 × 720 line plot / 3 × 4
    // grid): no filter with the default deflate, ~0.11 s / 0.16 s for 32 kB / 64 kB; the
    // "Sub" filter with fdeflate's fast mode, ~0.08 s / 0.10 s but 141 kB / 312 kB; the default
    // adaptive filter, about 1 s.
    enc.set_compression(png::Compression::Balanced);
    enc.set_filter(png::Filter::NoFilter);
    let mut writer = enc.write_header().expect("writing to a Vec cannot fail");
    writer
        .write_image_data(&rgb)
        .expect("the buffer holds width × height RGB pixels");
    writer.finish().expect("writing to a Vec cannot fail");
    out
}
