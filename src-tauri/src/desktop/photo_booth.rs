//! The ID photo's hardware side in the app: the camera (started when the photo tab opens, on its
//! own threads) and the photo desk behind one lock, with the watcher that deletes a photo at its
//! time limit. The rules — who may, what accepting ticks, when a photo may be printed — are the
//! use cases' (`app::photo`); the desk's states are `photo::desk`'s.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::camera::mode::{self, Device, Mode, PixelFormat};
use crate::camera::sim::SimCamera;
use crate::camera::worker::{Camera, Factory};
use crate::camera::FrameSource;
use crate::launch::CameraSetup;
use crate::photo::desk::Desk;
use crate::photo::live::LiveAnalysis;
use crate::photo::settings::{PhotoSettings, MAX_AGE_LIMIT};

/// The camera the kiosk runs.
pub type KioskCamera = Camera<LiveAnalysis>;

/// The simulated camera's frame rate.
const SIM_FPS: u32 = 30;

/// The camera and the photo desk.
pub struct PhotoBooth {
    setup: CameraSetup,
    camera: Mutex<Option<Arc<KioskCamera>>>,
    desk: Arc<Mutex<Desk>>,
    /// The simulated unplug happens once per run.
    unplugged_once: Arc<AtomicBool>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl PhotoBooth {
    /// The booth; the time-limit watcher starts here.
    pub fn new(setup: &CameraSetup, staging_dir: &std::path::Path) -> Self {
        let desk = Arc::new(Mutex::new(Desk::new(
            staging_dir,
            Duration::from_secs(u64::from(MAX_AGE_LIMIT) * 60),
        )));
        let watch = Arc::downgrade(&desk);
        let _ = std::thread::Builder::new()
            .name("photo-expiry".into())
            .spawn(move || loop {
                std::thread::sleep(Duration::from_millis(500));
                let Some(desk) = watch.upgrade() else {
                    return;
                };
                lock(&desk).expire(Instant::now());
            });
        Self {
            setup: setup.clone(),
            camera: Mutex::new(None),
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
                LiveAnalysis,
                settings.rotation,
            )));
        }
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
            let _ = st.sweep();
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
        let setup = crate::launch::LaunchInfo::for_test(dir.path(), true).camera;
        let booth = PhotoBooth::new(&setup, &dir.path().join("stage"));
        let staging = crate::photo::staging::Staging::open(&dir.path().join("stage")).unwrap();
        staging.stage(b"left over").unwrap();
        booth.shutdown();
        assert_eq!(staging.count(), 0);
    }
}
