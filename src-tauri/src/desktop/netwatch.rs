//! The network watch's thread: while the counter is in its working hours and targets are set,
//! a round every `watch_interval_s` (all targets at once, failures probed again 2 s later), its
//! result recorded as the app's own action. The store is locked only to read the plan and to
//! record the round, never while a target answers.

use std::sync::Mutex;
use std::time::Duration;

use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime};

use super::state::{act_as_system, Db};
use super::wake::Wake;
use crate::app::netwatch::{self, NetworkStatus};
use crate::opening::system::probe_all;

/// The time limit of each network step.
const TIMEOUT: Duration = Duration::from_secs(5);
/// How long after a failure the failing targets are probed again.
const CONFIRM_AFTER: Duration = Duration::from_secs(2);
/// How long to wait when the plan cannot be read.
const RETRY: Duration = Duration::from_secs(30);

/// The watch's own state (managed), and what wakes its thread early (new settings).
#[derive(Default)]
pub struct NetWatch {
    activity: Mutex<Activity>,
    wake: Wake,
}

/// Whether the watch probes, and when it last did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Activity {
    /// Probing (working hours, targets set).
    pub active: bool,
    /// When the last round ended.
    pub last_round: Option<String>,
}

/// What the header shows.
#[derive(Debug, Serialize)]
pub struct NetworkView {
    /// The outages.
    #[serde(flatten)]
    pub status: NetworkStatus,
    /// The watch.
    #[serde(flatten)]
    pub activity: Activity,
}

impl NetWatch {
    /// The header's view: `status` with the watch's activity.
    pub fn view(&self, status: NetworkStatus) -> NetworkView {
        NetworkView {
            status,
            activity: self.activity.lock().map(|a| a.clone()).unwrap_or_default(),
        }
    }

    /// A round now, with the settings just saved (the targets or the interval changed).
    pub fn nudge(&self) {
        self.wake.nudge();
    }

    fn set(&self, activity: Activity) {
        if let Ok(mut a) = self.activity.lock() {
            *a = activity;
        }
    }
}

/// Starts the watch (not when the database could not be opened).
pub fn start<R: Runtime>(handle: AppHandle<R>) {
    if handle.state::<Db>().startup_error().is_some() {
        return;
    }
    let Some(woken) = handle.state::<NetWatch>().wake.take() else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("netwatch".into())
        .spawn(move || loop {
            let db = handle.state::<Db>();
            let Ok(plan) = act_as_system(&db, |cx| netwatch::plan(cx)) else {
                if !woken.wait(RETRY) {
                    return;
                }
                continue;
            };
            let watch = handle.state::<NetWatch>();
            if plan.active {
                let started = crate::clock::now();
                let probe = |ts: &[crate::opening::Target]| probe_all(ts, &plan.ca_file, TIMEOUT);
                let round = crate::netwatch::round(&plan.targets, &probe, CONFIRM_AFTER);
                if let Err(e) = act_as_system(&db, |cx| netwatch::record_round(cx, started, &round))
                {
                    crate::applog::error("netwatch", &e.message);
                }
                watch.set(Activity {
                    active: true,
                    last_round: Some(crate::clock::stamp(crate::clock::now())),
                });
            } else {
                watch.set(Activity::default());
            }
            if !woken.wait(Duration::from_secs(plan.interval_s)) {
                return;
            }
        });
}
