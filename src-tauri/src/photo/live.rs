//! The live analysis of the camera's frames: where the face is, the 35:45 frame the capture would
//! make, and the one instruction the citizen sees. The camera thread hands frames over through
//! [`crate::camera::worker::Analyser`]; this is the photo module's side of it.

use std::time::Instant;

use image::RgbImage;
use serde::Serialize;

use super::guidance::{self, Instruction};
use super::{detect, geometry, measure};
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
    /// What the citizen is told.
    pub instruction: Instruction,
    /// Milliseconds the analysis took.
    pub millis: f32,
}

/// The analyser the kiosk's camera runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct LiveAnalysis;

impl Analyser for LiveAnalysis {
    type Live = Live;

    fn analyse(&self, seq: u64, frame: &RgbImage) -> Option<Live> {
        let started = Instant::now();
        let mut live = analyse(seq, frame)?;
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

/// The live analysis of one frame.
pub fn analyse(seq: u64, frame: &RgbImage) -> Option<Live> {
    let (w, h) = frame.dimensions();
    let faces = detect::faces_quick(frame).ok()?;
    let face = faces.first();
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
        instruction: guidance::instruct(face, luma, w, h),
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
            LiveAnalysis,
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
