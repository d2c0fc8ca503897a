//! The drawing list both renderers consume: every position is in pixels, origin at the top left,
//! y pointing down. Layout happens once; the SVG and PNG writers only translate primitives.

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// From `0xRRGGBB`.
    pub(crate) const fn hex(v: u32) -> Self {
        Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8)
    }

    /// `#rrggbb`.
    pub(crate) fn css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Linear interpolation between two colours, `t` in `[0, 1]`.
    pub(crate) fn mix(self, other: Rgb, t: f64) -> Rgb {
        let f = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * t).round() as u8;
        Rgb(f(self.0, other.0), f(self.1, other.1), f(self.2, other.2))
    }

    /// Relative luminance in `[0, 1]` (plain weights on the sRGB values; good enough to pick
    /// dark or light text over a cell).
    pub(crate) fn luminance(self) -> f64 {
        (0.299 * self.0 as f64 + 0.587 * self.1 as f64 + 0.114 * self.2 as f64) / 255.0
    }
}

/// Horizontal alignment of a text at its anchor point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

/// One drawing primitive.
#[derive(Clone, Debug)]
pub(crate) enum Prim {
    /// A filled axis-aligned rectangle.
    Rect {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        fill: Rgb,
        opacity: f64,
    },
    /// A stroked polyline (closed when `closed`), optionally dashed `[on, off]`.
    Stroke {
        pts: Vec<(f64, f64)>,
        color: Rgb,
        width: f64,
        dash: Option<[f64; 2]>,
        closed: bool,
    },
    /// A filled disc.
    Circle { cx: f64, cy: f64, r: f64, fill: Rgb },
    /// A text whose baseline passes through `(x, y)`; `vertical` texts read bottom to top.
    Text {
        x: f64,
        y: f64,
        text: String,
        size: f64,
        color: Rgb,
        anchor: Anchor,
        vertical: bool,
    },
}

/// A whole picture.
#[derive(Clone, Debug)]
pub(crate) struct Scene {
    pub width: u32,
    pub height: u32,
    pub prims: Vec<Prim>,
}
