//! The opening check (開設前点検): the header's state, the run, the record with the manual ticks,
//! and the site manager's settings; the network watch's state and its incident-report prompt.

use tauri::{AppHandle, Runtime, State};

use crate::app::opening::OpeningStatus;
use crate::app::{self, SessionSlot};
use crate::desktop::error::CmdResult;
use crate::desktop::netwatch::{NetWatch, NetworkView};
use crate::desktop::opening::{OpeningRuns, RunView};
use crate::desktop::state::{act, Db};
use crate::opening::record::ManualTick;
use crate::opening::{OpeningSettings, Record};

/// Today's check at this counter: due, or done with its record.
#[tauri::command]
pub fn opening_status(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<OpeningStatus> {
    act(&db, &session, |cx| app::opening::status(cx))
}

/// Runs the automatic checks (network, clock, camera, card reader, printer, disk, backup).
#[tauri::command]
pub async fn opening_run<R: Runtime>(app: AppHandle<R>) -> CmdResult<RunView> {
    crate::desktop::opening::run(&app).await
}

/// Records today's check: the last run's results and the manual ticks.
#[tauri::command]
pub fn opening_record(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    runs: State<'_, OpeningRuns>,
    ticks: Vec<ManualTick>,
) -> CmdResult<Record> {
    act(&db, &session, |cx| {
        app::opening::record(cx, runs.last().as_ref(), &ticks)
    })
}

/// The settings.
#[tauri::command]
pub fn opening_settings(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<OpeningSettings> {
    act(&db, &session, |cx| app::opening::settings(cx))
}

/// Saves the settings; the network watch takes them at once.
#[tauri::command]
pub fn opening_settings_save(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    watch: State<'_, NetWatch>,
    settings: OpeningSettings,
) -> CmdResult<OpeningSettings> {
    act(&db, &session, |cx| {
        app::opening::save_settings(cx, &settings)
    })
    .inspect(|_| watch.nudge())
}

/// The network: this counter's open outage, the outages waiting for an incident report, and
/// whether the watch is probing.
#[tauri::command]
pub fn network_status(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    watch: State<'_, NetWatch>,
) -> CmdResult<NetworkView> {
    act(&db, &session, |cx| app::netwatch::status(cx)).map(|s| watch.view(s))
}

/// Takes up the incident-report prompt for an outage.
#[tauri::command]
pub fn network_take_up(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    id: i64,
) -> CmdResult<crate::netwatch::Outage> {
    act(&db, &session, |cx| app::netwatch::take_up(cx, id))
}
