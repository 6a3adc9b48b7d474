//! Faces in a whole frame: BlazeFace on the centre square (it misses faces that are small in a full
//! 16:9 frame), then again on a square twice the face's size around each face for a better eye
//! line (one pass alone errs 2–7° in roll, two about 1°: spec `photo.md` §3).

use image::imageops::{self, FilterType};
use image::RgbImage;

use super::model::{self, ModelError, RawFace, SIZE};

/// A point in frame pixels.
pub type Point = (f32, f32);

/// A face in frame pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Face {
    /// Confidence 0..1.
    pub score: f32,
    /// Box: left, top, right, bottom.
    pub bbox: (f32, f32, f32, f32),
    /// The eye on the image's left (the subject's right eye).
    pub eye_left: Point,
    /// The eye on the image's right.
    pub eye_right: Point,
    /// Nose tip.
    pub nose: Point,
    /// Mouth centre.
    pub mouth: Point,
    /// Ear on the image's left.
    pub ear_left: Point,
    /// Ear on the image's right.
    pub ear_right: Point,
}

impl Face {
    /// Box area in px².
    pub fn area(&self) -> f32 {
        (self.bbox.2 - self.bbox.0) * (self.bbox.3 - self.bbox.1)
    }

    /// Distance between the eyes.
    pub fn eye_distance(&self) -> f32 {
        let (dx, dy) = (
            self.eye_right.0 - self.eye_left.0,
            self.eye_right.1 - self.eye_left.1,
        );
        (dx * dx + dy * dy).sqrt()
    }

    /// The eye line's angle in degrees (positive: the image-right eye is lower).
    pub fn roll_degrees(&self) -> f32 {
        let (dx, dy) = (
            self.eye_right.0 - self.eye_left.0,
            self.eye_right.1 - self.eye_left.1,
        );
        dy.atan2(dx).to_degrees()
    }

    /// Midpoint of the eyes.
    pub fn eye_mid(&self) -> Point {
        (
            (self.eye_left.0 + self.eye_right.0) / 2.0,
            (self.eye_left.1 + self.eye_right.1) / 2.0,
        )
    }
}

/// A square region of the frame: left, top, side.
type Square = (u32, u32, u32);

fn run_on(frame: &RgbImage, sq: Square, threshold: f32) -> Result<Vec<Face>, ModelError> {
    let (x0, y0, side) = sq;
    let mut crop = imageops::crop_imm(frame, x0, y0, side, side).to_image();
    let mut small = imageops::resize(&crop, SIZE as u32, SIZE as u32, FilterType::Triangle);
    crate::camera::wipe(&mut crop);
    let raw = model::detector()?.detect(small.as_raw(), threshold);
    crate::camera::wipe(&mut small);
    let raw = raw?;
    let s = side as f32;
    let map = |p: (f32, f32)| (x0 as f32 + p.0 * s, y0 as f32 + p.1 * s);
    Ok(raw
        .iter()
        .map(|r: &RawFace| {
            let c = map(r.center);
            let (w, h) = (r.size.0 * s, r.size.1 * s);
            Face {
                score: r.score,
                bbox: (c.0 - w / 2.0, c.1 - h / 2.0, c.0 + w / 2.0, c.1 + h / 2.0),
                eye_left: map(r.points[0]),
                eye_right: map(r.points[1]),
                nose: map(r.points[2]),
                mouth: map(r.points[3]),
                ear_left: map(r.points[4]),
                ear_right: map(r.points[5]),
            }
        })
        .collect())
}

fn overlap(a: &Face, b: &Face) -> bool {
    let w = (a.bbox.2.min(b.bbox.2) - a.bbox.0.max(b.bbox.0)).max(0.0);
    let h = (a.bbox.3.min(b.bbox.3) - a.bbox.1.max(b.bbox.1)).max(0.0);
    w * h > 0.3 * a.area().min(b.area())
}

/// Every face found, largest first, each refined by a second pass (for a still).
pub fn faces(frame: &RgbImage) -> Result<Vec<Face>, ModelError> {
    let found = faces_quick(frame)?;
    let mut refined = Vec::with_capacity(found.len());
    for f in found {
        refined.push(refine(frame, &f)?.unwrap_or(f));
    }
    refined.sort_by(|a, b| b.area().total_cmp(&a.area()));
    Ok(refined)
}

/// Faces from the first pass only, largest first (for the live preview's guidance).
pub fn faces_quick(frame: &RgbImage) -> Result<Vec<Face>, ModelError> {
    let (w, h) = frame.dimensions();
    let side = w.min(h);
    if side < 16 {
        return Ok(Vec::new());
    }
    // Landscape: the centre square. Portrait: the top square too (heads sit high in a portrait).
    let mut squares = vec![((w - side) / 2, (h - side) / 2, side)];
    if h > w {
        squares.insert(0, (0, 0, side));
    }
    let mut found: Vec<Face> = Vec::new();
    for sq in squares {
        for f in run_on(frame, sq, 0.6)? {
            if !found.iter().any(|g| overlap(g, &f)) {
                found.push(f);
            }
        }
    }
    found.sort_by(|a, b| b.area().total_cmp(&a.area()));
    Ok(found)
}

/// The second pass on squares 1.6, 2 and 2.5 times the face's size around it; the key points are
/// averaged over the passes that found it (one pass's eye line wobbles by a degree or two).
fn refine(frame: &RgbImage, f: &Face) -> Result<Option<Face>, ModelError> {
    let (w, h) = frame.dimensions();
    let c = ((f.bbox.0 + f.bbox.2) / 2.0, (f.bbox.1 + f.bbox.3) / 2.0);
    let mut passes = Vec::new();
    for k in [1.6f32, 2.0, 2.5] {
        let size = ((f.bbox.2 - f.bbox.0).max(f.bbox.3 - f.bbox.1) * k).round() as u32;
        let side = size.min(w).min(h).max(16);
        let x0 = (c.0 - side as f32 / 2.0)
            .round()
            .clamp(0.0, (w - side) as f32) as u32;
        let y0 = (c.1 - side as f32 / 2.0)
            .round()
            .clamp(0.0, (h - side) as f32) as u32;
        let again = run_on(frame, (x0, y0, side), 0.5)?;
        if let Some(g) = again
            .into_iter()
            .filter(|g| overlap(g, f))
            .max_by(|a, b| a.score.total_cmp(&b.score))
        {
            passes.push(g);
        }
    }
    let Some(first) = passes.first().copied() else {
        return Ok(None);
    };
    let n = passes.len() as f32;
    let avg = |get: fn(&Face) -> Point| {
        let s = passes
            .iter()
            .fold((0.0, 0.0), |a, p| (a.0 + get(p).0, a.1 + get(p).1));
        (s.0 / n, s.1 / n)
    };
    Ok(Some(Face {
        score: passes.iter().map(|p| p.score).sum::<f32>() / n,
        bbox: first.bbox,
        eye_left: avg(|p| p.eye_left),
        eye_right: avg(|p| p.eye_right),
        nose: avg(|p| p.nose),
        mouth: avg(|p| p.mouth),
        ear_left: avg(|p| p.ear_left),
        ear_right: avg(|p| p.ear_right),
    }))
}
