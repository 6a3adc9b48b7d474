//! The ID photo in the app: the camera (started when the photo tab opens), the one photo being
//! handled, and every way it is deleted — the operator's confirmation, a retake, the end of the
//! visit, signing out, the time limit (a setting, 10 minutes by default), and quitting. Nothing
//! about the photo is written anywhere but the private staging directory, and only for the
//! upload dialog.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::camera::mode::{Mode, PixelFormat};
use crate::camera::sim::{Motion, SimCamera};
use crate::camera::worker::{Camera, Factory};
use crate::camera::{CameraError, FrameSource};
use crate::photo::output::Jpeg;
use crate::photo::settings::PhotoSettings;
use crate::photo::staging::{Staged, Staging};
use crate::photo::Report;

/// The photo being handled.
#[derive(Default)]
pub struct Session {
    /// The checked capture (its JPEG is wiped when dropped).
    pub report: Option<Report>,
    /// The operator accepted it.
    pub accepted: bool,
    /// Staged for the upload dialog.
    pub staged: Option<Staged>,
    /// When it was captured.
    pub since: Option<Instant>,
}

impl Session {
    /// The cropped photo's JPEG, when the capture made one.
    pub fn photo(&self) -> Option<&Jpeg> {
        self.report.as_ref().and_then(|r| r.output.as_ref())
    }
}

/// Managed state.
pub struct PhotoService {
    demo: bool,
    camera: Mutex<Option<Arc<Camera>>>,
    session: Arc<Mutex<Session>>,
    /// The staging directory, or why it cannot be used.
    pub staging: Result<Staging, String>,
    max_age: Arc<Mutex<Duration>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn clear_session(session: &mut Session, staging: Option<&Staging>) {
    if let (Some(staged), Some(st)) = (session.staged.take(), staging) {
        let _ = st.delete(&staged);
    }
    *session = Session::default();
}

/// The simulated camera is used: demo mode, or `MADOGUCHI_CAMERA=sim`.
fn use_sim(demo: bool) -> bool {
    demo || std::env::var_os("MADOGUCHI_CAMERA").is_some_and(|v| v == "sim")
}

/// The simulated camera's frame size: portrait 720 × 1280 (a camera mounted on its side) unless
/// `MADOGUCHI_SIM_SIZE=WxH`.
fn sim_size() -> (u32, u32) {
    std::env::var("MADOGUCHI_SIM_SIZE")
        .ok()
        .and_then(|v| {
            let (w, h) = v.split_once('x')?;
            Some((w.parse().ok()?, h.parse().ok()?))
        })
        .filter(|&(w, h): &(u32, u32)| (64..=4096).contains(&w) && (64..=4096).contains(&h))
        .unwrap_or((720, 1280))
}

/// The simulated camera's frame rate.
const SIM_FPS: u32 = 30;

/// The simulated unplug happens once per run.
static UNPLUGGED_ONCE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn factory(demo: bool, index: Option<u32>) -> Factory {
    let sim = use_sim(demo);
    let motion = if std::env::var_os("MADOGUCHI_SIM_CAMERA").is_some_and(|v| v == "steady") {
        Motion::Steady
    } else {
        Motion::Loop
    };
    let (w, h) = sim_size();
    Box::new(move || {
        if sim {
            let cam = SimCamera::new(w, h, SIM_FPS, motion)?;
            // `MADOGUCHI_SIM_UNPLUG_AFTER=S`: the first simulated camera of the run is pulled out
            // S seconds after it starts (a replug, 再接続, then works), for tests and training.
            let unplug = std::env::var("MADOGUCHI_SIM_UNPLUG_AFTER")
                .ok()
                .and_then(|v| v.parse::<f32>().ok())
                .filter(|_| !UNPLUGGED_ONCE.swap(true, std::sync::atomic::Ordering::SeqCst));
            let cam = match unplug {
                Some(s) => cam.unplug_after(Duration::from_secs_f32(s.max(0.0))),
                None => cam,
            };
            Ok(Box::new(cam) as Box<dyn FrameSource>)
        } else {
            open_native(index)
        }
    })
}

/// The real camera: the one set, else the first that offers a usable mode.
#[cfg(any(target_os = "linux", target_os = "windows"))]
fn open_native(index: Option<u32>) -> Result<Box<dyn FrameSource>, CameraError> {
    use crate::camera::native;
    Ok(Box::new(match index {
        Some(i) => native::NativeCamera::open(i)?,
        None => native::open_first()?,
    }))
}

#[cfg(not(any(target_os = "linux", target_os = "windows")))]
fn open_native(_index: Option<u32>) -> Result<Box<dyn FrameSource>, CameraError> {
    Err(CameraError::NotFound)
}

impl PhotoService {
    /// The service; the time-limit watcher starts here.
    pub fn new(demo: bool, staging_dir: &std::path::Path) -> Self {
        let staging = Staging::open(staging_dir).map_err(|e| e.message_ja());
        let session = Arc::new(Mutex::new(Session::default()));
        let max_age = Arc::new(Mutex::new(Duration::from_secs(600)));
        let (watch, age, dir) = (
            Arc::clone(&session),
            Arc::clone(&max_age),
            staging.as_ref().ok().cloned(),
        );
        let _ = std::thread::Builder::new()
            .name("photo-expiry".into())
            .spawn(move || loop {
                std::thread::sleep(Duration::from_millis(500));
                let limit = *lock(&age);
                let mut s = lock(&watch);
                if s.since.is_some_and(|t| t.elapsed() >= limit) {
                    clear_session(&mut s, dir.as_ref());
                }
            });
        Self {
            demo,
            camera: Mutex::new(None),
            session,
            staging,
            max_age,
        }
    }

    /// Sets the time limit.
    pub fn set_max_age(&self, d: Duration) {
        *lock(&self.max_age) = d;
    }

    /// Starts the camera (if not running) as the settings say, and takes their time limit.
    pub fn start_camera(&self, settings: &PhotoSettings) {
        self.set_max_age(Duration::from_secs(
            u64::from(settings.max_age_minutes) * 60,
        ));
        let mut cam = lock(&self.camera);
        if cam.is_none() {
            *cam = Some(Arc::new(Camera::start(
                factory(self.demo, settings.camera),
                settings.rotation,
            )));
        }
    }

    /// The simulated camera's mode, when the camera is the simulated one.
    pub fn simulated(&self) -> Option<Mode> {
        use_sim(self.demo).then(|| {
            let (width, height) = sim_size();
            Mode {
                width,
                height,
                format: PixelFormat::Rgb,
                fps: SIM_FPS,
            }
        })
    }

    /// Stops the camera; its frames are dropped (and wiped).
    pub fn stop_camera(&self) {
        if let Some(c) = lock(&self.camera).take() {
            c.stop();
        }
    }

    /// The camera, if started.
    pub fn camera(&self) -> Option<Arc<Camera>> {
        lock(&self.camera).clone()
    }

    /// The photo session.
    pub fn session(&self) -> MutexGuard<'_, Session> {
        lock(&self.session)
    }

    /// Deletes the photo (report, JPEG, staged file).
    pub fn clear(&self) {
        let mut s = lock(&self.session);
        clear_session(&mut s, self.staging.as_ref().ok());
    }

    /// On quit: the photo, the camera, and anything in the staging directory.
    pub fn shutdown(&self) {
        self.clear();
        self.stop_camera();
        if let Ok(st) = &self.staging {
            let _ = st.sweep();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_time_limit_deletes_the_staged_photo() {
        let dir = tempfile::tempdir().unwrap();
        let service = PhotoService::new(true, dir.path());
        service.set_max_age(Duration::from_millis(300));
        let staging = service.staging.as_ref().unwrap().clone();
        {
            let mut s = service.session();
            s.staged = Some(staging.stage(b"jpeg").unwrap());
            s.since = Some(Instant::now());
        }
        assert_eq!(staging.count(), 1);
        let deadline = Instant::now() + Duration::from_secs(5);
        while staging.count() > 0 {
            assert!(
                Instant::now() < deadline,
                "not deleted after the time limit"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        assert!(service.session().staged.is_none() && service.session().since.is_none());
    }

    #[test]
    fn shutdown_sweeps_the_staging_directory() {
        let dir = tempfile::tempdir().unwrap();
        let service = PhotoService::new(true, dir.path());
        let staging = service.staging.as_ref().unwrap().clone();
        staging.stage(b"left over").unwrap();
        service.shutdown();
        assert_eq!(staging.count(), 0);
    }
}
