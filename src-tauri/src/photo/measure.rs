//! Pixel statistics over rectangles of a frame: luma mean and spread, clipped pixels, a colour
//! median, and the Laplacian-based sharpness. Rectangles are clipped to the frame.

use image::imageops::{self, FilterType};
use image::{GrayImage, RgbImage};

/// A rectangle in frame pixels: left, top, right, bottom (right/bottom exclusive).
pub type Rect = (f32, f32, f32, f32);

/// Rec. 601 luma of an RGB pixel.
pub fn luma(p: [u8; 3]) -> f32 {
    luma_of(p.map(f32::from))
}

/// Rec. 601 luma of an RGB pixel given in floats (an averaged one).
pub fn luma_of(p: [f32; 3]) -> f32 {
    0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2]
}

/// The integer pixel bounds of `r` inside the frame, if any pixel is left.
pub fn clip(frame: &RgbImage, r: Rect) -> Option<(u32, u32, u32, u32)> {
    let (w, h) = frame.dimensions();
    let x0 = r.0.max(0.0).floor() as u32;
    let y0 = r.1.max(0.0).floor() as u32;
    let x1 = (r.2.min(w as f32).ceil().max(0.0) as u32).min(w);
    let y1 = (r.3.min(h as f32).ceil().max(0.0) as u32).min(h);
    (x1 > x0 && y1 > y0).then_some((x0, y0, x1, y1))
}

/// The pixels of `r`.
pub fn pixels(frame: &RgbImage, r: Rect) -> Vec<[u8; 3]> {
    let Some((x0, y0, x1, y1)) = clip(frame, r) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(((x1 - x0) * (y1 - y0)) as usize);
    for y in y0..y1 {
        for x in x0..x1 {
            out.push(frame.get_pixel(x, y).0);
        }
    }
    out
}

/// Mean and standard deviation of luma.
pub fn luma_stats(px: &[[u8; 3]]) -> Option<(f32, f32)> {
    if px.is_empty() {
        return None;
    }
    let n = px.len() as f32;
    let mean = px.iter().map(|p| luma(*p)).sum::<f32>() / n;
    let var = px.iter().map(|p| (luma(*p) - mean).powi(2)).sum::<f32>() / n;
    Some((mean, var.sqrt()))
}

/// The luma below which a share `q` (0..1) of the pixels lies.
pub fn luma_percentile(px: &[[u8; 3]], q: f32) -> Option<f32> {
    if px.is_empty() {
        return None;
    }
    let mut v: Vec<f32> = px.iter().map(|p| luma(*p)).collect();
    v.sort_by(f32::total_cmp);
    let i = ((v.len() - 1) as f32 * q.clamp(0.0, 1.0)).round() as usize;
    Some(v[i])
}

/// Share of pixels at or above `hi` or at or below `lo` in luma.
pub fn clipped_share(px: &[[u8; 3]], lo: f32, hi: f32) -> f32 {
    if px.is_empty() {
        return 0.0;
    }
    px.iter()
        .filter(|p| {
            let y = luma(**p);
            y >= hi || y <= lo
        })
        .count() as f32
        / px.len() as f32
}

/// Per-channel median colour.
pub fn median(px: &[[u8; 3]]) -> Option<[u8; 3]> {
    if px.is_empty() {
        return None;
    }
    let mut out = [0u8; 3];
    for (c, slot) in out.iter_mut().enumerate() {
        let mut hist = [0usize; 256];
        for p in px {
            hist[usize::from(p[c])] += 1;
        }
        let half = px.len() / 2;
        let mut seen = 0;
        for (v, n) in hist.iter().enumerate() {
            seen += n;
            if seen > half {
                *slot = v as u8;
                break;
            }
        }
    }
    Some(out)
}

/// Sharpness of `r`: the variance of the Laplacian of the region scaled to 128 × 128 luma,
/// divided by the region's luma variance (so contrast and light do not count as sharpness).
pub fn sharpness(frame: &RgbImage, r: Rect) -> Option<f32> {
    let (x0, y0, x1, y1) = clip(frame, r)?;
    let mut crop = imageops::crop_imm(frame, x0, y0, x1 - x0, y1 - y0).to_image();
    let mut small = imageops::resize(&crop, 128, 128, FilterType::Triangle);
    crate::camera::wipe(&mut crop);
    let mut gray = GrayImage::from_fn(128, 128, |x, y| {
        image::Luma([luma(small.get_pixel(x, y).0).round() as u8])
    });
    crate::camera::wipe(&mut small);
    let at = |x: u32, y: u32| f32::from(gray.get_pixel(x, y).0[0]);
    let mut lap = Vec::with_capacity(126 * 126);
    for y in 1..127 {
        for x in 1..127 {
            lap.push(at(x - 1, y) + at(x + 1, y) + at(x, y - 1) + at(x, y + 1) - 4.0 * at(x, y));
        }
    }
    let n = lap.len() as f32;
    let mean = lap.iter().sum::<f32>() / n;
    let var_lap = lap.iter().map(|v| (v - mean).powi(2)).sum::<f32>() / n;
    let values: Vec<f32> = gray.pixels().map(|p| f32::from(p.0[0])).collect();
    zeroize::Zeroize::zeroize(&mut *gray);
    let m = values.iter().sum::<f32>() / values.len() as f32;
    let var = values.iter().map(|v| (v - m).powi(2)).sum::<f32>() / values.len() as f32;
    (var > 1.0).then(|| var_lap / var)
}
