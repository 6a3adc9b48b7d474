//! The photo that leaves the kiosk: the crop taken from the frame (levelled when the head is
//! slightly tilted), scaled to 827 × 1063 px (35 × 45 mm at 600 dpi), JPEG without EXIF, checked
//! against the upload rules (JPEG, RGB, 480–6000 px each side, 20 KB – 7 MB).

use image::codecs::jpeg::JpegEncoder;
use image::imageops::{self, FilterType};
use image::RgbImage;
use zeroize::Zeroize;

use super::geometry::Crop;

/// Output width.
pub const OUT_W: u32 = 827;
/// Output height.
pub const OUT_H: u32 = 1063;

/// A JPEG in memory, wiped when dropped.
pub struct Jpeg {
    /// The bytes.
    pub bytes: Vec<u8>,
    /// Width.
    pub width: u32,
    /// Height.
    pub height: u32,
}

impl Drop for Jpeg {
    fn drop(&mut self) {
        self.bytes.zeroize();
    }
}

fn bilinear(frame: &RgbImage, x: f32, y: f32) -> [u8; 3] {
    let (w, h) = frame.dimensions();
    let x = x.clamp(0.0, (w - 1) as f32);
    let y = y.clamp(0.0, (h - 1) as f32);
    let (x0, y0) = (x.floor() as u32, y.floor() as u32);
    let (x1, y1) = ((x0 + 1).min(w - 1), (y0 + 1).min(h - 1));
    let (fx, fy) = (x - x0 as f32, y - y0 as f32);
    let mut out = [0u8; 3];
    for (c, o) in out.iter_mut().enumerate() {
        let p = |xx, yy| f32::from(frame.get_pixel(xx, yy).0[c]);
        let top = p(x0, y0) * (1.0 - fx) + p(x1, y0) * fx;
        let bottom = p(x0, y1) * (1.0 - fx) + p(x1, y1) * fx;
        *o = (top * (1.0 - fy) + bottom * fy).round() as u8;
    }
    out
}

/// Cuts `crop` out of `frame`, turned by `-roll` degrees about `pivot` (0 = no turn), at the
/// frame's own resolution, then scales it to the output size.
pub fn render(frame: &RgbImage, crop: &Crop, roll: f32, pivot: (f32, f32)) -> RgbImage {
    let (cw, ch) = (
        crop.w.round().max(1.0) as u32,
        crop.h.round().max(1.0) as u32,
    );
    let (s, c) = roll.to_radians().sin_cos();
    let mut cut = RgbImage::from_fn(cw, ch, |u, v| {
        // Output point in frame coordinates before turning, then turned about the pivot.
        let (x, y) = (crop.x + u as f32 + 0.5, crop.y + v as f32 + 0.5);
        let (dx, dy) = (x - pivot.0, y - pivot.1);
        let (sx, sy) = (pivot.0 + dx * c - dy * s, pivot.1 + dx * s + dy * c);
        image::Rgb(bilinear(frame, sx - 0.5, sy - 0.5))
    });
    let out = imageops::resize(&cut, OUT_W, OUT_H, FilterType::CatmullRom);
    crate::camera::wipe(&mut cut);
    out
}

/// Encodes as a baseline JPEG (JFIF, no EXIF), lowering the quality if it would exceed 7 MB.
pub fn encode(img: &RgbImage) -> Result<Jpeg, image::ImageError> {
    let mut quality = 92;
    loop {
        let mut bytes = Vec::new();
        JpegEncoder::new_with_quality(&mut bytes, quality).encode_image(img)?;
        if bytes.len() <= MAX_BYTES || quality <= 50 {
            return Ok(Jpeg {
                bytes,
                width: img.width(),
                height: img.height(),
            });
        }
        bytes.zeroize();
        quality -= 10;
    }
}

/// 20 KB.
pub const MIN_BYTES: usize = 20 * 1024;
/// 7 MB.
pub const MAX_BYTES: usize = 7 * 1024 * 1024;

/// Whether the bytes carry an EXIF (APP1 "Exif") segment.
pub fn has_exif(bytes: &[u8]) -> bool {
    bytes.windows(6).any(|w| w == b"Exif\0\0")
}

/// The upload rules; `None` when met, else the reason.
pub fn file_problem(jpeg: &Jpeg) -> Option<String> {
    let b = &jpeg.bytes;
    if b.len() < 4 || b[..2] != [0xFF, 0xD8] {
        return Some("JPEG ではありません".into());
    }
    if !(480..=6000).contains(&jpeg.width) || !(480..=6000).contains(&jpeg.height) {
        return Some(format!(
            "大きさが規定外です（{}×{}）",
            jpeg.width, jpeg.height
        ));
    }
    if !(MIN_BYTES..=MAX_BYTES).contains(&b.len()) {
        return Some(format!(
            "ファイルの大きさが規定外です（{} KB）",
            b.len() / 1024
        ));
    }
    if has_exif(b) {
        return Some("撮影情報（Exif）が含まれています".into());
    }
    None
}
