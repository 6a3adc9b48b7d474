//! What every start does, for the window and the CLI alike: read the environment once into
//! [`LaunchInfo`], pick the data directory (demo mode has its own), open and check the database,
//! fill empty lists with their defaults, and seed demo data. Nothing else in the app reads
//! environment variables.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;

use crate::camera::sim::Motion;
use crate::demo::{self, DemoError};
use crate::store::{self, Store, StoreError};
use crate::visits::{lists, VisitError};

/// Environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "MADOGUCHI_DATA_DIR";

/// Why the app could not start.
#[derive(Debug, thiserror::Error)]
pub enum LaunchError {
    /// The database could not be opened.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Lists could not be filled.
    #[error(transparent)]
    Lists(#[from] VisitError),
    /// The starter manual could not be written.
    #[error(transparent)]
    Kb(#[from] crate::kb::KbError),
    /// Demo data could not be written.
    #[error(transparent)]
    Demo(#[from] DemoError),
}

impl LaunchError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Store(e) => e.code(),
            Self::Lists(e) => e.code(),
            Self::Kb(e) => e.code(),
            Self::Demo(_) => "demo_refused",
        }
    }
}

/// Which camera the kiosk uses and, for the simulated one, how it behaves.
#[derive(Debug, Clone, PartialEq)]
pub struct CameraSetup {
    /// The simulated camera (demo mode, or `MADOGUCHI_CAMERA=sim`).
    pub simulated: bool,
    /// Its frame size (`MADOGUCHI_SIM_SIZE=WxH`; portrait 720 × 1280 by default).
    pub sim_size: (u32, u32),
    /// Its scene (`MADOGUCHI_SIM_CAMERA=steady` holds the ideal pose, `second` adds a second
    /// person).
    pub sim_motion: Motion,
    /// Pulled out this long after it starts, once per run (`MADOGUCHI_SIM_UNPLUG_AFTER=S`).
    pub sim_unplug_after: Option<Duration>,
}

/// How the app was started: the flags and every environment variable it reads, read once.
#[derive(Debug, Clone, PartialEq)]
pub struct LaunchInfo {
    /// Demo mode.
    pub demo: bool,
    /// The data directory.
    pub data_dir: PathBuf,
    /// The photo staging directory (`MADOGUCHI_STAGING_DIR`, else the per-user runtime folder).
    pub staging_dir: PathBuf,
    /// A new random name part of the fallback staging folder, for the kiosk to keep.
    pub staging_name: Option<String>,
    /// The camera.
    pub camera: CameraSetup,
    /// Open the J-LIS page in the browser (`MADOGUCHI_NO_BROWSER` turns it off, for tests).
    pub open_browser: bool,
    /// The browser to open it in (`MADOGUCHI_BROWSER`, a program); else the first supported one.
    pub browser: Option<PathBuf>,
    /// Demo mode only: print the photo sheet to a PDF in this folder (`MADOGUCHI_PRINT_TO`).
    pub print_to: Option<PathBuf>,
    /// Print the first paint's time (`MADOGUCHI_TRACE_START`, for the start-up benchmark).
    pub trace_start: bool,
    /// Keep WebKit's defaults (`MADOGUCHI_WEBKIT_STOCK=1`).
    pub webkit_stock: bool,
    /// Started by the kiosk session's supervisor (`madoguchi kiosk run`): the operator window
    /// opens maximised.
    pub kiosk_session: bool,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

fn parse_size(text: &str) -> Option<(u32, u32)> {
    let (w, h) = text.split_once('x')?;
    let size = (w.parse().ok()?, h.parse().ok()?);
    let ok = |v: u32| (64..=4096).contains(&v);
    (ok(size.0) && ok(size.1)).then_some(size)
}

impl LaunchInfo {
    /// From the flags and the environment.
    pub fn from_env(data_dir_flag: Option<&Path>, demo: bool) -> Self {
        let env_dir = var(DATA_DIR_ENV).map(PathBuf::from);
        let data_dir = data_dir(data_dir_flag, env_dir.as_deref(), demo);
        let (staging_dir, staging_name) = match var("MADOGUCHI_STAGING_DIR") {
            Some(dir) => (PathBuf::from(dir), None),
            None => crate::photo::staging::default_dir(&data_dir),
        };
        Self {
            demo,
            staging_dir,
            staging_name,
            data_dir,
            camera: CameraSetup {
                simulated: demo || var("MADOGUCHI_CAMERA").is_some_and(|v| v == "sim"),
                sim_size: var("MADOGUCHI_SIM_SIZE")
                    .as_deref()
                    .and_then(parse_size)
                    .unwrap_or((720, 1280)),
                sim_motion: match var("MADOGUCHI_SIM_CAMERA").as_deref() {
                    Some("steady") => Motion::Steady,
                    Some("second") => Motion::SecondPerson,
                    Some("form") => Motion::Form,
                    Some("form-blurred") => Motion::FormBlurred,
                    _ => Motion::Loop,
                },
                sim_unplug_after: var("MADOGUCHI_SIM_UNPLUG_AFTER")
                    .and_then(|v| v.parse::<f32>().ok())
                    .map(|s| Duration::from_secs_f32(s.max(0.0))),
            },
            open_browser: var("MADOGUCHI_NO_BROWSER").is_none(),
            browser: var("MADOGUCHI_BROWSER").map(PathBuf::from),
            // A citizen's photo is never written to a file: the PDF export is for demo mode.
            print_to: var("MADOGUCHI_PRINT_TO")
                .filter(|_| demo)
                .map(PathBuf::from),
            trace_start: var("MADOGUCHI_TRACE_START").is_some(),
            webkit_stock: var("MADOGUCHI_WEBKIT_STOCK").is_some_and(|v| v == "1"),
            kiosk_session: var(crate::kiosk::supervisor::SESSION_ENV).is_some_and(|v| v == "1"),
        }
    }

    /// For tests: `dir` holds the data and the staging folder; the simulated camera holds still;
    /// no browser opens.
    pub fn for_test(dir: &Path, demo: bool) -> Self {
        Self {
            demo,
            data_dir: dir.to_path_buf(),
            staging_dir: dir.join("stage"),
            staging_name: None,
            camera: CameraSetup {
                simulated: true,
                sim_size: (720, 1280),
                sim_motion: Motion::Steady,
                sim_unplug_after: None,
            },
            open_browser: false,
            browser: None,
            print_to: None,
            trace_start: false,
            webkit_stock: true,
            kiosk_session: false,
        }
    }
}

/// The data directory of demo mode: beside the real one, never the same.
pub fn demo_data_dir() -> PathBuf {
    let real = store::default_data_dir();
    let name = real
        .file_name()
        .map(|n| format!("{}.demo", n.to_string_lossy()))
        .unwrap_or_else(|| "madoguchi.demo".into());
    real.with_file_name(name)
}

/// Where the data lives: `--data-dir`, else demo mode's own, else `MADOGUCHI_DATA_DIR`, else the
/// OS app-data directory.
pub fn data_dir(flag: Option<&Path>, env: Option<&Path>, demo: bool) -> PathBuf {
    match (flag, demo, env) {
        (Some(dir), _, _) => dir.to_path_buf(),
        (None, true, _) => demo_data_dir(),
        (None, false, Some(dir)) => dir.to_path_buf(),
        (None, false, None) => store::default_data_dir(),
    }
}

/// Opens the store in `dir`, ready for use; in demo mode, with demo data.
pub fn open(dir: &Path, demo: bool, today: NaiveDate) -> Result<Store, LaunchError> {
    let mut store = Store::open(dir)?;
    lists::ensure_defaults(&store)?;
    let now = crate::clock::stamp(crate::clock::now());
    crate::kb::starter::seed(&store, "system", &now)?;
    crate::kb::starter::seed_equipment(&store, "system", &now)?;
    crate::kb::starter::seed_procedures(&store, "system", &now)?;
    crate::kb::search::reindex_if_needed(&store)?;
    if demo {
        demo::seed(&mut store, today)?;
    }
    Ok(store)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins_then_demo_then_the_environment() {
        let flag = Path::new("/flag");
        let env = Path::new("/env");
        assert_eq!(data_dir(Some(flag), Some(env), true), flag);
        assert_eq!(data_dir(None, Some(env), true), demo_data_dir());
        assert_eq!(data_dir(None, Some(env), false), env);
        assert_eq!(data_dir(None, None, false), store::default_data_dir());
        assert_ne!(demo_data_dir(), store::default_data_dir());
    }

    #[test]
    fn sizes_outside_reason_are_ignored() {
        assert_eq!(parse_size("1280x720"), Some((1280, 720)));
        assert_eq!(parse_size("10x10"), None);
        assert_eq!(parse_size("1280"), None);
    }
}
