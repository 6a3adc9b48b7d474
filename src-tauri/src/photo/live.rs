//! The live analysis of the camera's frames: where the face is, the 35:45 frame the capture would
//! make, and the one instruction the citizen sees. The camera thread hands frames over through
//! [`crate::camera::worker::Analyser`]; this is the photo module's side of it.

use std::sync::Mutex;
use std::time::Instant;

use image::RgbImage;
use serde::Serialize;

use super::detect::{self, Face};
use super::guidance::{self, Instruction};
use super::{geometry, measure};
use crate::camera::worker::Analyser;

/// The live analysis of one frame, in shares of the frame (0..1).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Live {
    /// The frame analysed.
    pub seq: u64,
    /// Frame size in pixels.
    pub size: (u32, u32),
    /// Face box (left, top, right, bottom).
    pub face: Option<(f32, f32, f32, f32)>,
    /// The eyes.
    pub eyes: Option<((f32, f32), (f32, f32))>,
    /// The 35:45 frame with the head band, where the head would be cropped (left, top, w, h).
    pub crop: Option<(f32, f32, f32, f32)>,
    /// Faces other than the citizen's seen in the frame.
    pub others: usize,
    /// What the citizen is told.
    pub instruction: Instruction,
    /// Milliseconds the analysis took.
    pub millis: f32,
}

/// The analyser the kiosk's camera runs. Each frame it looks for the citizen in the centre square
/// and in [`TILES_PER_FRAME`] of the squares that cover the whole frame, in turn, so that a second
/// person anywhere in the frame is seen within a few frames while each frame stays cheap.
#[derive(Debug, Default)]
pub struct LiveAnalysis {
    scan: Mutex<Scan>,
}

/// Squares of the whole-frame scan looked at per frame.
pub const TILES_PER_FRAME: usize = 3;

/// Where the rotating scan is, and the faces it saw on its last round.
#[derive(Debug, Default)]
struct Scan {
    size: (u32, u32),
    next: usize,
    /// Faces seen by the scan, with the frame each was last seen in.
    seen: Vec<(Face, u64)>,
}

impl Analyser for LiveAnalysis {
    type Live = Live;

    fn analyse(&self, seq: u64, frame: &RgbImage) -> Option<Live> {
        let started = Instant::now();
        let mut scan = self
            .scan
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut live = analyse_with(seq, frame, &mut scan)?;
        live.millis = started.elapsed().as_secs_f32() * 1000.0;
        Some(live)
    }

    /// Sharpness over the face when one is known, else over the middle of the frame.
    fn sharpness(&self, frame: &RgbImage, live: Option<&Live>) -> f32 {
        let (w, h) = frame.dimensions();
        let b = live.and_then(|l| l.face).unwrap_or((0.3, 0.2, 0.7, 0.7));
        let region = (
            b.0 * w as f32,
            b.1 * h as f32,
            b.2 * w as f32,
            b.3 * h as f32,
        );
        measure::sharpness(frame, region).unwrap_or(0.0)
    }
}

fn analyse_with(seq: u64, frame: &RgbImage, scan: &mut Scan) -> Option<Live> {
    let (w, h) = frame.dimensions();
    if scan.size != (w, h) {
        *scan = Scan {
            size: (w, h),
            ..Scan::default()
        };
    }
    let all = detect::tiles(w, h);
    let mut squares: Vec<_> = detect::centre_square(w, h).into_iter().collect();
    for k in 0..TILES_PER_FRAME.min(all.len()) {
        squares.push(all[(scan.next + k) % all.len()]);
    }
    scan.next = (scan.next + TILES_PER_FRAME) % all.len().max(1);
    let found = detect::faces_in(frame, &squares).ok()?;
    // A face the round has not seen again within one whole round (plus a frame) has gone.
    let rounds = all.len().div_ceil(TILES_PER_FRAME) as u64 + 1;
    scan.seen
        .retain(|(_, at)| seq.saturating_sub(*at) <= rounds);
    for f in &found {
        scan.seen.retain(|(g, _)| !detect::overlap(g, f));
        scan.seen.push((*f, seq));
    }
    // The citizen: the largest face in this frame (the centre square always looks).
    let citizen = found.first().copied();
    build(seq, frame, citizen, scan)
}

fn build(seq: u64, frame: &RgbImage, citizen: Option<Face>, scan: &Scan) -> Option<Live> {
    let (w, h) = frame.dimensions();
    let face = citizen.as_ref();
    let others = scan
        .seen
        .iter()
        .filter(|(g, _)| face.is_none_or(|f| !detect::overlap(f, g)))
        .count();
    let (wf, hf) = (w as f32, h as f32);
    let luma = face.and_then(|f| {
        let d = f.eye_distance();
        measure::luma_stats(&measure::pixels(
            frame,
            (
                f.eye_left.0,
                f.eye_left.1,
                f.eye_right.0,
                f.mouth.1 + 0.1 * d,
            ),
        ))
        .map(|s| s.0)
    });
    let crop = face.map(|f| {
        let head = geometry::head(frame, f);
        let p = geometry::place_crop(&head, w, h);
        (p.crop.x / wf, p.crop.y / hf, p.crop.w / wf, p.crop.h / hf)
    });
    Some(Live {
        seq,
        size: (w, h),
        face: face.map(|f| (f.bbox.0 / wf, f.bbox.1 / hf, f.bbox.2 / wf, f.bbox.3 / hf)),
        eyes: face.map(|f| {
            (
                (f.eye_left.0 / wf, f.eye_left.1 / hf),
                (f.eye_right.0 / wf, f.eye_right.1 / hf),
            )
        }),
        crop,
        others,
        instruction: guidance::instruct(face, others, luma, w, h),
        millis: 0.0,
    })
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::camera::sim::{Motion, SimCamera};
    use crate::camera::worker::Camera;
    use crate::camera::{FrameSource, Rotation};

    #[test]
    fn the_simulated_camera_through_the_live_analysis() {
        let cam = Camera::start(
            Box::new(|| {
                Ok(Box::new(SimCamera::new(360, 640, 30, Motion::Steady)?) as Box<dyn FrameSource>)
            }),
            LiveAnalysis::default(),
            Rotation::None,
        );
        let deadline = Instant::now() + Duration::from_secs(30);
        while !cam
            .live()
            .is_some_and(|l| l.face.is_some() && l.crop.is_some())
        {
            assert!(Instant::now() < deadline, "no face in the live analysis");
            std::thread::sleep(Duration::from_millis(20));
        }
        let live = cam.live().unwrap();
        assert_eq!(live.size, (360, 640));
        assert!(live.millis > 0.0);
        assert_eq!(cam.capture().unwrap().0.dimensions(), (360, 640));
    }
}
