//! The visit loop: start, tick a service on or off, the form, the note, end, amend, void, today's
//! list and tally. Every change answers with the visit as the backend holds it.

use tauri::State;

use crate::app::visits::VisitLists;
use crate::app::{self, SessionSlot};
use crate::desktop::error::CmdResult;
use crate::desktop::photo_booth::PhotoBooth;
use crate::desktop::state::{act, Db};
use crate::desktop::sync_worker::SyncWorker;
use crate::visits::{Ending, HistoryEntry, Outcome, Tally, Visit, VisitEdit};

/// Services and reasons.
#[tauri::command]
pub fn visit_lists(db: State<'_, Db>, session: State<'_, SessionSlot>) -> CmdResult<VisitLists> {
    act(&db, &session, |cx| app::visits::lists(cx))
}

/// The signed-in operator's visit in progress (every view reads it back when it mounts).
#[tauri::command]
pub fn visit_current(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<Option<Visit>> {
    act(&db, &session, |cx| app::visits::current(cx))
}

/// Starts a visit at this counter (`open_anyway`: the operator confirmed the counter is open on
/// a day the calendar says is closed).
#[tauri::command]
pub fn visit_start(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    open_anyway: Option<bool>,
) -> CmdResult<Visit> {
    act(&db, &session, |cx| {
        app::visits::start(cx, open_anyway.unwrap_or(false))
    })
}

/// Ticks (`on`) or unticks one service.
#[tauri::command]
pub fn visit_set_service(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    id: String,
    code: String,
    on: bool,
) -> CmdResult<Visit> {
    act(&db, &session, |cx| {
        app::visits::set_service(cx, &id, &code, on)
    })
}

/// Whether the 交付申請書 was brought.
#[tauri::command]
pub fn visit_set_form(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    id: String,
    brought: Option<bool>,
) -> CmdResult<Visit> {
    act(&db, &session, |cx| app::visits::set_form(cx, &id, brought))
}

/// Saves the note.
#[tauri::command]
pub fn visit_set_note(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    id: String,
    note: Option<String>,
) -> CmdResult<Visit> {
    act(&db, &session, |cx| {
        app::visits::set_note(cx, &id, note.as_deref())
    })
}

/// Ends the visit with its outcome; its photo goes.
#[tauri::command]
pub fn visit_end(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    booth: State<'_, PhotoBooth>,
    worker: State<'_, SyncWorker>,
    id: String,
    outcome: Outcome,
    reason: Option<String>,
) -> CmdResult<Visit> {
    act(&db, &session, |cx| {
        app::visits::end(cx, &mut booth.desk(), &id, outcome, reason.as_deref())
    })
    .inspect(|_| worker.nudge())
}

/// Corrects an ended visit, keeping the old version.
#[tauri::command]
pub fn visit_amend(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    id: String,
    edit: VisitEdit,
    why: String,
) -> CmdResult<Visit> {
    act(&db, &session, |cx| app::visits::amend(cx, &id, &edit, &why))
}

/// Voids a visit; it stays recorded and counts nowhere.
#[tauri::command]
pub fn visit_void(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    id: String,
    why: String,
) -> CmdResult<Visit> {
    act(&db, &session, |cx| app::visits::void(cx, &id, &why))
}

/// Ends another operator's visit left in progress, with a reason (the site manager).
#[tauri::command]
pub fn visit_end_for(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    id: String,
    ending: Ending,
    why: String,
) -> CmdResult<Visit> {
    act(&db, &session, |cx| {
        app::visits::end_for(cx, &id, &ending, &why)
    })
}

/// Every visit of today, both counters, newest first.
#[tauri::command]
pub fn visits_today(db: State<'_, Db>, session: State<'_, SessionSlot>) -> CmdResult<Vec<Visit>> {
    act(&db, &session, |cx| app::visits::today(cx))
}

/// Earlier versions of a visit.
#[tauri::command]
pub fn visit_history(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    id: String,
) -> CmdResult<Vec<HistoryEntry>> {
    act(&db, &session, |cx| app::visits::history(cx, &id))
}

/// Today's running tally per service and per counter.
#[tauri::command]
pub fn tally_today(db: State<'_, Db>, session: State<'_, SessionSlot>) -> CmdResult<Tally> {
    act(&db, &session, |cx| app::visits::tally_today(cx))
}
