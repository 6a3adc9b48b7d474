//! The opening check in the app: the run (the store is read for the plan, then released while
//! the network and the devices answer on a blocking thread), and the run's results kept until the
//! operator records them with the manual ticks — so what is recorded is what was measured here.

use std::sync::Mutex;
use std::time::Duration;

use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime};

use crate::app::opening::AutoRun;
use crate::desktop::card_reader::CardReader;
use crate::desktop::error::{internal, CmdResult};
use crate::desktop::photo_booth::PhotoBooth;
use crate::desktop::state::act_in;
use crate::launch::LaunchInfo;
use crate::opening::system::SystemEquipment;
use crate::opening::{Item, ManualItem};

/// The time limit of each network step.
const NETWORK_TIMEOUT: Duration = Duration::from_secs(5);

/// The last run's results (managed state).
#[derive(Default)]
pub struct OpeningRuns(Mutex<Option<AutoRun>>);

impl OpeningRuns {
    /// The last run, if any.
    pub fn last(&self) -> Option<AutoRun> {
        self.0.lock().ok().and_then(|r| r.clone())
    }
}

/// What the check screen shows after a run.
#[derive(Debug, Serialize)]
pub struct RunView {
    /// When it ran.
    pub at: String,
    /// The automatic items.
    pub items: Vec<Item>,
    /// The manual items to tick.
    pub manual: Vec<ManualItem>,
    /// How long the run took, in milliseconds.
    pub took_ms: u64,
}

/// Runs the automatic checks and keeps their results.
pub async fn run<R: Runtime>(app: &AppHandle<R>) -> CmdResult<RunView> {
    let (plan, camera) = act_in(app, |cx| {
        let plan = crate::app::opening::plan(cx)?;
        Ok((
            plan,
            crate::app::settings::photo_settings_of(cx.store())?.camera,
        ))
    })?;
    let eq = SystemEquipment {
        data_dir: app.state::<LaunchInfo>().data_dir.clone(),
        timeout: NETWORK_TIMEOUT,
        camera: app.state::<PhotoBooth>().frame_check(camera),
        readers: app.state::<CardReader>().reader_check(),
    };
    let manual = plan.settings.manual_items.clone();
    let started = std::time::Instant::now();
    let at = plan.now;
    let items = tauri::async_runtime::spawn_blocking(move || crate::opening::run(&plan, &eq))
        .await
        .map_err(internal)?;
    let took_ms = started.elapsed().as_millis() as u64;
    if let Ok(mut last) = app.state::<OpeningRuns>().0.lock() {
        *last = Some(AutoRun {
            at,
            items: items.clone(),
        });
    }
    Ok(RunView {
        at: crate::clock::stamp(at),
        items,
        manual,
        took_ms,
    })
}
