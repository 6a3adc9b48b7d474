//! The ID photo's hardware side in the app: the camera (started when the photo tab opens, on its
//! own threads) and the photo desk behind one lock, with the watcher that deletes a photo at its
//! time limit. The rules — who may, what accepting ticks, when a photo may be printed — are the
//! use cases' (`app::photo`); the desk's states are `photo::desk`'s.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use std::path::{Path, PathBuf};

use crate::browser::Browser;
use crate::camera::mode::{self, Device, Mode, PixelFormat};
use crate::camera::sim::SimCamera;
use crate::camera::worker::{Camera, Factory};
use crate::camera::FrameSource;
use crate::launch::{CameraSetup, LaunchInfo};
use crate::photo::desk::Desk;
use crate::photo::live::LiveAnalysis;
use crate::photo::settings::{PhotoSettings, MAX_AGE_LIMIT};

/// The camera the kiosk runs.
pub type KioskCamera = Camera<LiveAnalysis>;

/// Where the upload's throw-away browser profiles go: beside the staging folder.
pub fn profiles_dir(staging_dir: &Path) -> PathBuf {
    let mut name = staging_dir.as_os_str().to_os_string();
    name.push("-browser");
    PathBuf::from(name)
}

/// The simulated camera's frame rate.
const SIM_FPS: u32 = 30;

/// The camera and the photo desk.
pub struct PhotoBooth {
    setup: CameraSetup,
    /// The browser for the upload (`None` when none is to be opened), and where its throw-away
    /// profiles go.
    browser: Option<(Option<PathBuf>, PathBuf)>,
    camera: Arc<Mutex<Option<Arc<KioskCamera>>>>,
    desk: Arc<Mutex<Desk>>,
    /// The simulated unplug happens once per run.
    unplugged_once: Arc<AtomicBool>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl PhotoBooth {
    /// The booth; the time-limit watcher starts here: when the limit deletes the photo, the
    /// camera stops too (the windows then clear what they showed).
    pub fn new(launch: &LaunchInfo) -> Self {
        let (setup, staging_dir) = (&launch.camera, launch.staging_dir.as_path());
        let desk = Arc::new(Mutex::new(Desk::new(
            staging_dir,
            Duration::from_secs(u64::from(MAX_AGE_LIMIT) * 60),
        )));
        let camera: Arc<Mutex<Option<Arc<KioskCamera>>>> = Arc::new(Mutex::new(None));
        let (watch, cam) = (Arc::downgrade(&desk), Arc::downgrade(&camera));
        let _ = std::thread::Builder::new()
            .name("photo-expiry".into())
            .spawn(move || loop {
                std::thread::sleep(Duration::from_millis(500));
                let (Some(desk), Some(cam)) = (watch.upgrade(), cam.upgrade()) else {
                    return;
                };
                if lock(&desk).expire(Instant::now()) {
                    if let Some(c) = lock(&cam).take() {
                        c.stop();
                    }
                }
            });
        Self {
            setup: setup.clone(),
            browser: launch
                .open_browser
                .then(|| (launch.browser.clone(), profiles_dir(staging_dir))),
            camera,
            desk,
            unplugged_once: Arc::new(AtomicBool::new(false)),
        }
    }

    fn factory(&self, index: Option<u32>) -> Factory {
        let setup = self.setup.clone();
        let once = Arc::clone(&self.unplugged_once);
        Box::new(move || {
            if !setup.simulated {
                return crate::platform::open_camera(index);
            }
            let (w, h) = setup.sim_size;
            let cam = SimCamera::new(w, h, SIM_FPS, setup.sim_motion)?;
            // The first simulated camera of a run may be pulled out after a while (tests, training).
            let unplug = setup
                .sim_unplug_after
                .filter(|_| !once.swap(true, Ordering::SeqCst));
            let cam = match unplug {
                Some(after) => cam.unplug_after(after),
                None => cam,
            };
            Ok(Box::new(cam) as Box<dyn FrameSource>)
        })
    }

    /// Starts the camera (if not running) as the settings say, and takes their time limit.
    pub fn start_camera(&self, settings: &PhotoSettings) {
        lock(&self.desk).set_max_age(Duration::from_secs(
            u64::from(settings.max_age_minutes) * 60,
        ));
        let mut cam = lock(&self.camera);
        if cam.is_none() {
            *cam = Some(Arc::new(Camera::start(
                self.factory(settings.camera),
                LiveAnalysis::default(),
                settings.rotation,
            )));
        }
    }

    /// The opening check's camera item: while the photo screen runs the camera its state says
    /// whether frames come (a second handle is not opened on a camera in use); otherwise the
    /// camera the settings name is opened for one frame, which is wiped at once.
    pub fn frame_check(&self, index: Option<u32>) -> crate::opening::system::CameraCheck {
        let running = Arc::clone(&self.camera);
        let factory = self.factory(index);
        Box::new(move || {
            use crate::camera::worker::Status;
            if let Some(cam) = lock(&running).clone() {
                return match cam.status() {
                    Status::Running { name } => Ok(format!("{name}：撮影画面で映像を受信中です")),
                    Status::Starting => Ok("撮影画面でカメラを起動中です".into()),
                    Status::Failed { message } => Err(message),
                };
            }
            crate::opening::system::one_frame(factory())
        })
    }

    /// The simulated camera's mode, when the camera is the simulated one.
    pub fn simulated(&self) -> Option<Mode> {
        self.setup.simulated.then_some(Mode {
            width: self.setup.sim_size.0,
            height: self.setup.sim_size.1,
            format: PixelFormat::Rgb,
            fps: SIM_FPS,
        })
    }

    /// Lists the cameras to choose from (the simulated one when it is used, else what the
    /// system has), as work for a blocking thread: opening cameras to read their modes is slow.
    pub fn device_lister(&self) -> impl FnOnce() -> Vec<Device> + Send + 'static {
        let sim = self.simulated();
        move || match sim {
            Some(sim) => vec![Device {
                index: 0,
                name: "模擬カメラ（デモ）".into(),
                chosen: mode::choose(&[sim]),
                modes: vec![sim],
                error: None,
            }],
            None => crate::platform::cameras(),
        }
    }

    /// Opens `url` in a private window on a throw-away profile, tied to the photo: the window
    /// closes and its profile goes when the photo is deleted. False when no supported browser
    /// was found (or none is to be opened).
    pub fn open_private(&self, url: &str) -> bool {
        let Some(window) = self.start_private(url) else {
            return false;
        };
        self.desk().attach(window);
        true
    }

    /// Opens `url` (the J-LIS application page) in a private window that stays until the visit
    /// ends; false when no browser could be started.
    pub fn open_for_visit(&self, url: &str) -> bool {
        let Some(window) = self.start_private(url) else {
            return false;
        };
        self.desk().keep_for_visit(window);
        true
    }

    /// A private browser window on `url`, with a throw-away profile.
    fn start_private(&self, url: &str) -> Option<Box<dyn Send>> {
        let (program, profiles) = self.browser.as_ref()?;
        let browser = match program {
            Some(p) => Some(Browser::at(p)),
            None => Browser::find(crate::platform::find_program),
        };
        let window = browser?.open_private(url, profiles).ok()?;
        Some(Box::new(window))
    }

    /// Looks for the form's QR code in the camera's frames for up to `within`: starts the camera
    /// if the photo step has not, and stops it again after. `look` answers `Some` when a frame
    /// held what it looks for (or an error to stop at once).
    pub fn scan_frames<T, E>(
        &self,
        settings: &PhotoSettings,
        within: std::time::Duration,
        mut look: impl FnMut(&image::RgbImage) -> Result<Option<T>, E>,
    ) -> Result<Option<T>, E> {
        let started_here = self.camera().is_none();
        if started_here {
            self.start_camera(settings);
        }
        let deadline = std::time::Instant::now() + within;
        let mut found = Ok(None);
        while std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(150));
            let Some(frame) = self.camera().and_then(|c| c.capture().ok()) else {
                continue;
            };
            found = look(&frame.0);
            if !matches!(found, Ok(None)) {
                break;
            }
        }
        if started_here {
            self.stop_camera();
        }
        found
    }

    /// Stops the camera; its frames are dropped (and wiped).
    pub fn stop_camera(&self) {
        if let Some(c) = lock(&self.camera).take() {
            c.stop();
        }
    }

    /// The camera, if started.
    pub fn camera(&self) -> Option<Arc<KioskCamera>> {
        lock(&self.camera).clone()
    }

    /// The photo desk, locked.
    pub fn desk(&self) -> MutexGuard<'_, Desk> {
        lock(&self.desk)
    }

    /// On quit: the photo, the camera, and anything in the staging directory.
    pub fn shutdown(&self) {
        let mut desk = self.desk();
        desk.clear();
        if let Ok(st) = crate::photo::staging::Staging::open(desk.staging_dir()) {
            st.sweep();
        }
        drop(desk);
        self.stop_camera();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shutdown_sweeps_the_staging_directory() {
        let dir = tempfile::tempdir().unwrap();
        let booth = PhotoBooth::new(&crate::launch::LaunchInfo::for_test(dir.path(), true));
        let staging = crate::photo::staging::Staging::open(&dir.path().join("stage")).unwrap();
        staging.stage(b"left over").unwrap();
        booth.shutdown();
        assert_eq!(staging.count(), 0);
    }
}
