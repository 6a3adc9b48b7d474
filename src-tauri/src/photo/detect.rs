//! Faces in a whole frame. BlazeFace (128 × 128) finds a face reliably when it fills 13 % or more
//! of the square it is shown, so the frame is covered by overlapping squares at two or more
//! scales: the smallest sized so that a face of 8 % of the frame height fills 13 % of it,
//! each next one twice as large up to the frame's short side. A parent holding a child or a person
//! standing behind the citizen is found anywhere in the frame, not only in its centre. The
//! citizen's face (the largest) is then looked at again on squares 1.6–2.5 times its size for a
//! better eye line (one pass alone errs 2–7° in roll, three passes about 1°: spec `photo.md` §3).

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

/// The frame scaled so that squares of one side are 128 × 128 pixels (wiped when dropped).
struct Level {
    image: RgbImage,
    /// Scaled pixels per frame pixel.
    k: f32,
}

impl Level {
    fn new(frame: &RgbImage, side: u32) -> Option<Self> {
        let (w, h) = frame.dimensions();
        let k = SIZE as f32 / side as f32;
        let (sw, sh) = (
            ((w as f32 * k).round() as u32).max(SIZE as u32),
            ((h as f32 * k).round() as u32).max(SIZE as u32),
        );
        let px = crate::camera::preview::scale(frame, sw, sh)?;
        let image = RgbImage::from_raw(sw, sh, px)?;
        Some(Self {
            image,
            k: sw as f32 / w as f32,
        })
    }

    /// The faces in one square, in frame pixels.
    fn run(&self, sq: Square, threshold: f32) -> Result<Vec<Face>, ModelError> {
        let n = SIZE as u32;
        let x = ((sq.0 as f32 * self.k).round() as u32).min(self.image.width() - n);
        let y = ((sq.1 as f32 * self.k).round() as u32).min(self.image.height() - n);
        let mut cut = imageops::crop_imm(&self.image, x, y, n, n).to_image();
        let raw = model::detector()?.detect(cut.as_raw(), threshold);
        crate::camera::wipe(&mut cut);
        let s = n as f32 / self.k;
        let (x0, y0) = (x as f32 / self.k, y as f32 / self.k);
        Ok(raw?.iter().map(|r| to_face(r, x0, y0, s)).collect())
    }
}

impl Drop for Level {
    fn drop(&mut self) {
        crate::camera::wipe(&mut self.image);
    }
}

/// A face the model found in a square at (`x0`, `y0`) of side `s`, in frame pixels.
fn to_face(r: &RawFace, x0: f32, y0: f32, s: f32) -> Face {
    let map = |p: (f32, f32)| (x0 + p.0 * s, y0 + p.1 * s);
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
}

/// The faces BlazeFace finds in one square of the frame, in frame pixels.
fn run_on(frame: &RgbImage, sq: Square, threshold: f32) -> Result<Vec<Face>, ModelError> {
    let (x0, y0, side) = sq;
    let mut crop = imageops::crop_imm(frame, x0, y0, side, side).to_image();
    let mut small = imageops::resize(&crop, SIZE as u32, SIZE as u32, FilterType::Triangle);
    crate::camera::wipe(&mut crop);
    let raw = model::detector()?.detect(small.as_raw(), threshold);
    crate::camera::wipe(&mut small);
    let s = side as f32;
    Ok(raw?
        .iter()
        .map(|r| to_face(r, x0 as f32, y0 as f32, s))
        .collect())
}

/// Two boxes overlap by 30 % of the smaller one.
pub fn overlap(a: &Face, b: &Face) -> bool {
    let w = (a.bbox.2.min(b.bbox.2) - a.bbox.0.max(b.bbox.0)).max(0.0);
    let h = (a.bbox.3.min(b.bbox.3) - a.bbox.1.max(b.bbox.1)).max(0.0);
    w * h > 0.3 * a.area().min(b.area())
}

/// The smallest face that counts, as a share of the frame height, in BlazeFace's box (brows to
/// chin). Its box is about a tenth smaller than MTCNN's (measured on the set: 0.076 where MTCNN
/// gives 0.085), so this is the "8 % of the frame height" of the rule in MTCNN's terms.
pub const MIN_FACE: f32 = 0.07;
/// The face size the squares are laid out for (a share of the frame height).
const SCAN_FACE: f32 = 0.08;
/// The share of its square from which BlazeFace finds a face reliably (measured: 0.12–0.14 on the
/// test portraits; below 0.10 it misses most).
const MODEL_MIN: f32 = 0.13;
/// The smallest squares are at most this share of the frame's short side.
const PORTRAIT_SMALLEST: f32 = 0.62;
/// A face takes up to this share of the squares at one scale before the next scale's squares find
/// it; neighbouring squares overlap by this much so that such a face lies wholly inside one.
const SCALE_MAX: f32 = 0.35;
/// Score from which a detection counts.
const THRESHOLD: f32 = 0.6;
/// Score from which the squares' detections are kept (duplicates are merged at this level).
const CANDIDATE: f32 = 0.5;
/// Score of a sure face: a face other than the largest counts when found this surely, on the
/// squares or when looked at again.
const SURE: f32 = 0.8;

/// The squares that cover a `w × h` frame: for each scale, a grid of squares spread evenly from
/// edge to edge. Smallest scale first; the last is the frame's short side.
pub fn tiles(w: u32, h: u32) -> Vec<(u32, u32, u32)> {
    let full = w.min(h);
    if full < 16 {
        return Vec::new();
    }
    // In a portrait frame the short side is narrower than a face of 8 % needs: smaller
    // squares there too, so that such a face fills a fifth of one.
    let smallest = (SCAN_FACE * h as f32 / MODEL_MIN)
        .min(PORTRAIT_SMALLEST * full as f32)
        .round() as u32;
    let mut side = smallest.clamp(16, full);
    let mut out = Vec::new();
    loop {
        for y in spread(h, side) {
            for x in spread(w, side) {
                out.push((x, y, side));
            }
        }
        if side >= full {
            return out;
        }
        side = (side * 2).min(full);
    }
}

/// Start positions of squares of `side` along `len`, overlapping by at least [`SCALE_MAX`].
fn spread(len: u32, side: u32) -> Vec<u32> {
    if side >= len {
        return vec![0];
    }
    let stride = side as f32 * (1.0 - SCALE_MAX);
    let n = ((len - side) as f32 / stride).ceil() as u64 + 1;
    (0..n)
        .map(|i| (u64::from(len - side) * i / (n - 1)) as u32)
        .collect()
}

/// Every face of at least [`MIN_FACE`] of the frame height, largest first; the largest (the
/// citizen's) refined by further passes (for a still).
pub fn faces(frame: &RgbImage) -> Result<Vec<Face>, ModelError> {
    let mut found = faces_quick(frame)?;
    if let Some(first) = found.first_mut() {
        if let Some(better) = refine(frame, first)? {
            *first = better;
        }
    }
    Ok(found)
}

/// Every face of at least [`MIN_FACE`] of the frame height from one pass over all the squares,
/// largest first; the squares shared out over the machine's cores (a still is checked once, and
/// nothing else waits on the cores then).
pub fn faces_quick(frame: &RgbImage) -> Result<Vec<Face>, ModelError> {
    let (w, h) = frame.dimensions();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_THREADS));
    faces_on(frame, &tiles(w, h), threads)
}

/// The faces found in `squares` on this thread (the live analysis: the camera and the windows
/// need the other core), duplicates (the same face seen from two squares) merged, those smaller
/// than [`MIN_FACE`] left out; largest first.
pub fn faces_in(frame: &RgbImage, squares: &[(u32, u32, u32)]) -> Result<Vec<Face>, ModelError> {
    faces_on(frame, squares, 1)
}

/// Threads a still's scan uses at most.
const MAX_THREADS: usize = 4;

fn faces_on(
    frame: &RgbImage,
    squares: &[(u32, u32, u32)],
    threads: usize,
) -> Result<Vec<Face>, ModelError> {
    let min_h = MIN_FACE * frame.height() as f32;
    // The frame is scaled once per square size, so that each square is a 128 × 128 cut of it.
    let mut sides: Vec<u32> = squares.iter().map(|s| s.2).collect();
    sides.sort_unstable();
    sides.dedup();
    let levels: Vec<(u32, Option<Level>)> = sides
        .into_iter()
        .map(|s| (s, Level::new(frame, s)))
        .collect();
    let one = |sq: (u32, u32, u32)| match levels.iter().find(|l| l.0 == sq.2) {
        Some((_, Some(level))) => level.run(sq, CANDIDATE),
        _ => run_on(frame, sq, CANDIDATE),
    };
    let threads = threads.clamp(1, squares.len().max(1));
    let seen: Vec<Result<Vec<Face>, ModelError>> = if threads == 1 {
        squares.iter().map(|&sq| one(sq)).collect()
    } else {
        std::thread::scope(|scope| {
            let one = &one;
            let handles: Vec<_> = (0..threads)
                .map(|t| {
                    scope.spawn(move || {
                        squares
                            .iter()
                            .skip(t)
                            .step_by(threads)
                            .map(|&sq| one(sq))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| {
                    h.join()
                        .unwrap_or_else(|_| vec![Err(ModelError("a scan thread stopped".into()))])
                })
                .collect()
        })
    };
    let mut found: Vec<Face> = Vec::new();
    for faces in seen {
        for f in faces? {
            if f.bbox.3 - f.bbox.1 >= min_h {
                merge(&mut found, f);
            }
        }
    }
    found.retain(|f| f.score >= THRESHOLD);
    found.sort_by(|a, b| b.area().total_cmp(&a.area()));
    // Beside the citizen's face, a face the squares found with little certainty (a small face at
    // the frame's edge, or a dark fold of clothing that looks like one) is looked at again on a
    // square three times its size around it, where a real face is found with certainty.
    let mut kept = Vec::with_capacity(found.len());
    for (i, f) in found.into_iter().enumerate() {
        if i == 0 || f.score >= SURE || confirmed(frame, &f)? {
            kept.push(f);
        }
    }
    Ok(kept)
}

/// The square `k` times the face's size centred on it, moved inside the frame.
fn around(frame: &RgbImage, f: &Face, k: f32) -> Square {
    let (w, h) = frame.dimensions();
    let c = ((f.bbox.0 + f.bbox.2) / 2.0, (f.bbox.1 + f.bbox.3) / 2.0);
    let size = ((f.bbox.2 - f.bbox.0).max(f.bbox.3 - f.bbox.1) * k).round() as u32;
    let side = size.min(w).min(h).max(16);
    let x0 = (c.0 - side as f32 / 2.0)
        .round()
        .clamp(0.0, (w - side) as f32) as u32;
    let y0 = (c.1 - side as f32 / 2.0)
        .round()
        .clamp(0.0, (h - side) as f32) as u32;
    (x0, y0, side)
}

/// Whether a face is found again, surely, on a square three times its size centred on it.
fn confirmed(frame: &RgbImage, f: &Face) -> Result<bool, ModelError> {
    Ok(run_on(frame, around(frame, f, 3.0), SURE)?
        .iter()
        .any(|g| overlap(g, f)))
}

/// Adds `f` unless it is a face already found; of two views of one face the surer one stays.
fn merge(found: &mut Vec<Face>, f: Face) {
    match found.iter_mut().find(|g| overlap(g, &f)) {
        Some(g) if f.score > g.score => *g = f,
        Some(_) => {}
        None => found.push(f),
    }
}

/// The square the citizen's face is looked for first: the centre square of the frame (the top
/// one in a portrait frame, where heads sit high).
pub fn centre_square(w: u32, h: u32) -> Option<(u32, u32, u32)> {
    let side = w.min(h);
    (side >= 16).then(|| {
        if h > w {
            (0, 0, side)
        } else {
            ((w - side) / 2, (h - side) / 2, side)
        }
    })
}

/// The second pass on squares 1.6, 2 and 2.5 times the face's size around it; the key points are
/// averaged over the passes that found it (one pass's eye line wobbles by a degree or two).
fn refine(frame: &RgbImage, f: &Face) -> Result<Option<Face>, ModelError> {
    let mut passes = Vec::new();
    for k in [1.6f32, 2.0, 2.5] {
        let again = run_on(frame, around(frame, f, k), 0.5)?;
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
