//! The camera thread and what it shares: the newest preview JPEG (the newest wins; a window that
//! asks slowly simply gets fewer frames), the live analysis on its own thread, and the last few
//! frames for a capture, which takes the sharpest. The camera object lives and dies on its thread
//! (nokhwa's camera is not `Send`). A failing camera stops the thread with a typed error; the
//! operator can start it again.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use image::RgbImage;
use serde::Serialize;
use zeroize::Zeroize;

use super::guidance::{self, Instruction};
use super::{CameraError, Frame, FrameSource, Rotation};
use crate::photo::{detect, measure};

/// Makes the camera on the camera thread.
pub type Factory = Box<dyn Fn() -> Result<Box<dyn FrameSource>, CameraError> + Send + Sync>;

/// Frames kept for the capture burst.
const BURST: usize = 5;

/// A preview frame: JPEG bytes, wiped when dropped.
pub struct Preview {
    /// Frame number.
    pub seq: u64,
    /// JPEG.
    pub jpeg: Vec<u8>,
}

impl Drop for Preview {
    fn drop(&mut self) {
        self.jpeg.zeroize();
    }
}

/// The camera's state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Status {
    /// Opening.
    Starting,
    /// Giving frames.
    Running {
        /// The camera's name.
        name: String,
    },
    /// Stopped on an error.
    Failed {
        /// In Japanese.
        message: String,
    },
}

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

#[derive(Default)]
struct State {
    status: Option<Status>,
    preview: Option<Arc<Preview>>,
    frames: VecDeque<(u64, Arc<Frame>)>,
    live: Option<Live>,
    seq: u64,
    /// Why the camera stopped, typed (the status carries it in Japanese).
    failure: Option<CameraError>,
}

struct Shared {
    state: Mutex<State>,
    fresh: Condvar,
    stop: AtomicBool,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The running camera.
pub struct Camera {
    shared: Arc<Shared>,
    factory: Arc<Factory>,
    rotation: Rotation,
    threads: Mutex<Vec<JoinHandle<()>>>,
}

impl Camera {
    /// Starts the camera made by `factory`, turning frames by `rotation`.
    pub fn start(factory: Factory, rotation: Rotation) -> Self {
        let cam = Self {
            shared: Arc::new(Shared {
                state: Mutex::new(State::default()),
                fresh: Condvar::new(),
                stop: AtomicBool::new(false),
            }),
            factory: Arc::new(factory),
            rotation,
            threads: Mutex::new(Vec::new()),
        };
        cam.spawn();
        cam
    }

    fn spawn(&self) {
        self.shared.stop.store(false, Ordering::SeqCst);
        {
            let mut s = self.shared.lock();
            s.status = Some(Status::Starting);
            s.failure = None;
        }
        let (shared, factory, rotation) = (
            Arc::clone(&self.shared),
            Arc::clone(&self.factory),
            self.rotation,
        );
        let capture = std::thread::Builder::new()
            .name("camera".into())
            .spawn(move || run_camera(&shared, &factory, rotation));
        let shared = Arc::clone(&self.shared);
        let live = std::thread::Builder::new()
            .name("camera-live".into())
            .spawn(move || run_live(&shared));
        let mut threads = self.threads.lock().unwrap_or_else(|p| p.into_inner());
        threads.extend(capture.ok());
        threads.extend(live.ok());
    }

    /// Stops the threads and drops every frame.
    pub fn stop(&self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        self.shared.fresh.notify_all();
        let threads: Vec<_> = self
            .threads
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .drain(..)
            .collect();
        for t in threads {
            let _ = t.join();
        }
        let mut s = self.shared.lock();
        s.preview = None;
        s.frames.clear();
        s.live = None;
    }

    /// Stops and starts again (after an error, or to pick up a replugged camera).
    pub fn restart(&self) {
        self.stop();
        self.spawn();
    }

    /// The state.
    pub fn status(&self) -> Status {
        self.shared
            .lock()
            .status
            .clone()
            .unwrap_or(Status::Starting)
    }

    /// The newest live analysis.
    pub fn live(&self) -> Option<Live> {
        self.shared.lock().live.clone()
    }

    /// The newest preview newer than `after`, waiting up to `wait` for one.
    pub fn preview_after(&self, after: u64, wait: Duration) -> Option<Arc<Preview>> {
        let deadline = Instant::now() + wait;
        let mut s = self.shared.lock();
        loop {
            if let Some(p) = s.preview.as_ref().filter(|p| p.seq > after) {
                return Some(Arc::clone(p));
            }
            let now = Instant::now();
            if now >= deadline || self.shared.stop.load(Ordering::SeqCst) {
                return None;
            }
            s = self
                .shared
                .fresh
                .wait_timeout(s, deadline - now)
                .map(|(g, _)| g)
                .unwrap_or_else(|p| p.into_inner().0);
        }
    }

    /// The sharpest of the last few frames (by the face region when a face is known).
    pub fn capture(&self) -> Result<Arc<Frame>, CameraError> {
        let (frames, live) = {
            let s = self.shared.lock();
            if let Some(Status::Failed { .. }) = &s.status {
                return Err(s.failure.clone().unwrap_or(CameraError::Unplugged));
            }
            (
                s.frames
                    .iter()
                    .map(|(_, f)| Arc::clone(f))
                    .collect::<Vec<_>>(),
                s.live.clone(),
            )
        };
        let region = |f: &Frame| {
            let (w, h) = f.0.dimensions();
            let b = live
                .as_ref()
                .and_then(|l| l.face)
                .unwrap_or((0.3, 0.2, 0.7, 0.7));
            (
                b.0 * w as f32,
                b.1 * h as f32,
                b.2 * w as f32,
                b.3 * h as f32,
            )
        };
        frames
            .into_iter()
            .map(|f| (measure::sharpness(&f.0, region(&f)).unwrap_or(0.0), f))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, f)| f)
            .ok_or(CameraError::NotFound)
    }
}

impl Drop for Camera {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The camera stopped for `e`: its status says why (typed for the capture, in Japanese for the
/// windows), and no stale frame is left to show or capture.
fn fail(shared: &Shared, e: CameraError) {
    let mut s = shared.lock();
    s.status = Some(Status::Failed {
        message: e.message_ja(),
    });
    s.failure = Some(e);
    s.preview = None;
    s.frames.clear();
    drop(s);
    shared.fresh.notify_all();
}

fn run_camera(shared: &Shared, factory: &Factory, rotation: Rotation) {
    let mut source = match factory() {
        Ok(s) => s,
        Err(e) => {
            fail(shared, e);
            return;
        }
    };
    shared.lock().status = Some(Status::Running {
        name: source.name(),
    });
    while !shared.stop.load(Ordering::SeqCst) {
        let frame = match source.grab() {
            Ok(f) => Frame(rotation.apply(f)),
            Err(e) => {
                fail(shared, e);
                return;
            }
        };
        let jpeg = super::preview::encode(&frame.0);
        let mut s = shared.lock();
        s.seq += 1;
        let seq = s.seq;
        s.preview = Some(Arc::new(Preview { seq, jpeg }));
        s.frames.push_back((seq, Arc::new(frame)));
        while s.frames.len() > BURST {
            s.frames.pop_front();
        }
        drop(s);
        shared.fresh.notify_all();
    }
}

fn run_live(shared: &Shared) {
    let mut last = 0;
    while !shared.stop.load(Ordering::SeqCst) {
        let next = {
            let mut s = shared.lock();
            loop {
                if shared.stop.load(Ordering::SeqCst) {
                    return;
                }
                if let Some((seq, f)) = s.frames.back().filter(|(seq, _)| *seq > last) {
                    break (*seq, Arc::clone(f));
                }
                if let Some(Status::Failed { .. }) = s.status {
                    return;
                }
                s = shared
                    .fresh
                    .wait_timeout(s, Duration::from_millis(200))
                    .map(|(g, _)| g)
                    .unwrap_or_else(|p| p.into_inner().0);
            }
        };
        let (seq, frame) = next;
        last = seq;
        let started = Instant::now();
        let live = analyse(seq, &frame.0);
        drop(frame);
        if let Some(mut live) = live {
            live.millis = started.elapsed().as_secs_f32() * 1000.0;
            shared.lock().live = Some(live);
        }
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
        let head = crate::photo::geometry::head(frame, f);
        let p = crate::photo::geometry::place_crop(&head, w, h);
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
    use super::*;
    use crate::camera::sim::{Motion, SimCamera};

    struct Failing(u32);

    impl FrameSource for Failing {
        fn name(&self) -> String {
            "failing".into()
        }
        fn grab(&mut self) -> Result<RgbImage, CameraError> {
            if self.0 == 0 {
                return Err(CameraError::Unplugged);
            }
            self.0 -= 1;
            Ok(RgbImage::new(64, 48))
        }
    }

    fn wait_for(cam: &Camera, what: &str, ok: impl Fn(&Camera) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !ok(cam) {
            assert!(Instant::now() < deadline, "never: {what}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    #[test]
    fn frames_flow_newest_wins_and_the_capture_is_a_frame() {
        let cam = Camera::start(
            Box::new(|| {
                Ok(Box::new(SimCamera::new(360, 640, 30, Motion::Steady)?) as Box<dyn FrameSource>)
            }),
            Rotation::None,
        );
        let first = cam
            .preview_after(0, Duration::from_secs(10))
            .expect("a frame");
        assert_eq!(&first.jpeg[..2], &[0xFF, 0xD8]);
        let later = cam
            .preview_after(first.seq, Duration::from_secs(5))
            .expect("a newer frame");
        assert!(later.seq > first.seq);
        wait_for(&cam, "live analysis", |c| {
            c.live().is_some_and(|l| l.face.is_some())
        });
        assert_eq!(cam.capture().unwrap().0.dimensions(), (360, 640));
        assert!(matches!(cam.status(), Status::Running { .. }));
    }

    #[test]
    fn an_unplugged_camera_is_a_typed_failure_and_restart_works() {
        let cam = Camera::start(
            Box::new(|| Ok(Box::new(Failing(3)) as Box<dyn FrameSource>)),
            Rotation::Cw90,
        );
        wait_for(&cam, "failure", |c| {
            matches!(c.status(), Status::Failed { .. })
        });
        let Status::Failed { message } = cam.status() else {
            unreachable!()
        };
        assert!(message.contains("接続が切れました"));
        assert!(cam.capture().is_err());
        assert!(
            cam.preview_after(0, Duration::from_millis(10)).is_none(),
            "no stale frame after the failure"
        );
        cam.restart();
        wait_for(&cam, "failure again", |c| {
            matches!(c.status(), Status::Failed { .. })
        });
        let none = Camera::start(Box::new(|| Err(CameraError::NotFound)), Rotation::None);
        wait_for(&none, "not found", |c| {
            matches!(c.status(), Status::Failed { .. })
        });
        assert_eq!(
            none.capture().err(),
            Some(CameraError::NotFound),
            "the capture says why"
        );
        assert_eq!(cam.capture().err(), Some(CameraError::Unplugged));
    }
}
