//! The camera thread and what it shares: the newest preview JPEG (the newest wins; a window that
//! asks slowly simply gets fewer frames), the live analysis on its own thread, and the last few
//! frames for a capture, which takes the sharpest. The camera object lives and dies on its thread
//! (nokhwa's camera is not `Send`). A failing camera stops the thread with a typed error; the
//! operator can start it again. What a frame shows is not the camera's business: frames go to an
//! [`Analyser`] (the photo module's live analysis), which this module only knows as a trait.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use image::RgbImage;
use serde::Serialize;
use zeroize::Zeroize;

use super::{CameraError, Frame, FrameSource, Rotation};

/// What the camera hands each new frame to, and how a capture chooses among the last frames.
pub trait Analyser: Send + Sync + 'static {
    /// What the analysis of one frame gives the windows.
    type Live: Clone + Send + 'static;
    /// Analyses frame number `seq`; `None` when nothing could be said.
    fn analyse(&self, seq: u64, frame: &RgbImage) -> Option<Self::Live>;
    /// How sharp `frame` is where it matters, given the newest analysis (higher is sharper).
    fn sharpness(&self, frame: &RgbImage, live: Option<&Self::Live>) -> f32;
}

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

struct State<L> {
    status: Option<Status>,
    preview: Option<Arc<Preview>>,
    frames: VecDeque<(u64, Arc<Frame>)>,
    live: Option<L>,
    seq: u64,
    /// Why the camera stopped, typed (the status carries it in Japanese).
    failure: Option<CameraError>,
}

impl<L> Default for State<L> {
    fn default() -> Self {
        Self {
            status: None,
            preview: None,
            frames: VecDeque::new(),
            live: None,
            seq: 0,
            failure: None,
        }
    }
}

struct Shared<L> {
    state: Mutex<State<L>>,
    fresh: Condvar,
    stop: AtomicBool,
}

impl<L> Shared<L> {
    fn lock(&self) -> MutexGuard<'_, State<L>> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The running camera, its frames analysed by `A`.
pub struct Camera<A: Analyser> {
    shared: Arc<Shared<A::Live>>,
    factory: Arc<Factory>,
    analyser: Arc<A>,
    rotation: Rotation,
    threads: Mutex<Vec<JoinHandle<()>>>,
}

impl<A: Analyser> Camera<A> {
    /// Starts the camera made by `factory`, turning frames by `rotation`, each new frame analysed
    /// by `analyser` on a thread of its own.
    pub fn start(factory: Factory, analyser: A, rotation: Rotation) -> Self {
        let cam = Self {
            shared: Arc::new(Shared {
                state: Mutex::new(State::default()),
                fresh: Condvar::new(),
                stop: AtomicBool::new(false),
            }),
            factory: Arc::new(factory),
            analyser: Arc::new(analyser),
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
        let (shared, analyser) = (Arc::clone(&self.shared), Arc::clone(&self.analyser));
        let live = std::thread::Builder::new()
            .name("camera-live".into())
            .spawn(move || run_live(&shared, &*analyser));
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
    pub fn live(&self) -> Option<A::Live> {
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
        frames
            .into_iter()
            .map(|f| (self.analyser.sharpness(&f.0, live.as_ref()), f))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, f)| f)
            .ok_or(CameraError::NotFound)
    }
}

impl<A: Analyser> Drop for Camera<A> {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The camera stopped for `e`: its status says why (typed for the capture, in Japanese for the
/// windows), and no stale frame is left to show or capture.
fn fail<L>(shared: &Shared<L>, e: CameraError) {
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

fn run_camera<L>(shared: &Shared<L>, factory: &Factory, rotation: Rotation) {
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

fn run_live<A: Analyser>(shared: &Shared<A::Live>, analyser: &A) {
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
        let live = analyser.analyse(seq, &frame.0);
        drop(frame);
        if let Some(live) = live {
            shared.lock().live = Some(live);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::camera::sim::{Motion, SimCamera};

    /// A stand-in analysis: the frame's mean brightness; the sharpest frame is the brightest.
    struct Brightness;

    impl Analyser for Brightness {
        type Live = (u64, f32);

        fn analyse(&self, seq: u64, frame: &RgbImage) -> Option<(u64, f32)> {
            let px: &[u8] = frame;
            let n = px.len().max(1) as f32;
            Some((seq, px.iter().map(|&v| f32::from(v)).sum::<f32>() / n))
        }

        fn sharpness(&self, frame: &RgbImage, _: Option<&(u64, f32)>) -> f32 {
            self.analyse(0, frame).map_or(0.0, |(_, b)| b)
        }
    }

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

    fn wait_for(cam: &Camera<Brightness>, what: &str, ok: impl Fn(&Camera<Brightness>) -> bool) {
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
            Brightness,
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
            c.live().is_some_and(|(seq, b)| seq > 0 && b > 0.0)
        });
        assert_eq!(cam.capture().unwrap().0.dimensions(), (360, 640));
        assert!(matches!(cam.status(), Status::Running { .. }));
    }

    #[test]
    fn an_unplugged_camera_is_a_typed_failure_and_restart_works() {
        let cam = Camera::start(
            Box::new(|| Ok(Box::new(Failing(3)) as Box<dyn FrameSource>)),
            Brightness,
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
        let none = Camera::start(
            Box::new(|| Err(CameraError::NotFound)),
            Brightness,
            Rotation::None,
        );
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
