//! The マニュアル・FAQ tab: search, reading, drafts, the city's approval queue, and questions for
//! the city.

use chrono::NaiveDate;
use tauri::State;

use crate::app::kb::{BriefingEntry, Shown};
use crate::app::{self, SessionSlot};
use crate::desktop::error::CmdResult;
use crate::desktop::state::{act, Db};
use crate::kb::escalation::{Escalation, Step};
use crate::kb::{Draft, Hit, Kind, Reason, Version};

/// Searches approved documents.
#[tauri::command]
pub fn kb_search(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    query: String,
) -> CmdResult<Vec<Hit>> {
    act(&db, &session, |cx| app::kb::search(cx, &query, false, 20))
}

/// One document (reviewers may ask for a version and see the history).
#[tauri::command]
pub fn kb_document(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    id: i64,
    version_id: Option<i64>,
) -> CmdResult<Shown> {
    act(&db, &session, |cx| app::kb::document(cx, id, version_id))
}

/// Writes a draft. Returns the version id.
#[tauri::command]
pub fn kb_save_draft(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    kind: Kind,
    document_id: Option<i64>,
    version_id: Option<i64>,
    draft: Draft,
) -> CmdResult<i64> {
    act(&db, &session, |cx| {
        app::kb::save_draft(cx, kind, document_id, version_id, &draft)
    })
}

/// Sends a version to the city.
#[tauri::command]
pub fn kb_submit(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    version_id: i64,
    reason: Reason,
    summary: String,
) -> CmdResult<()> {
    act(&db, &session, |cx| {
        app::kb::submit(cx, version_id, reason, &summary)
    })
}

/// What waits for the city's approval.
#[tauri::command]
pub fn kb_queue(db: State<'_, Db>, session: State<'_, SessionSlot>) -> CmdResult<Vec<Version>> {
    act(&db, &session, |cx| app::kb::queue(cx))
}

/// City staff approve (`approve`) or return with a comment.
#[tauri::command]
pub fn kb_decide(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    version_id: i64,
    approve: bool,
    comment: String,
) -> CmdResult<()> {
    act(&db, &session, |cx| {
        app::kb::decide(cx, version_id, approve, &comment)
    })
}

/// The site manager sends an operator's draft on to the city (`send_on`) or back with a comment.
#[tauri::command]
pub fn kb_forward(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    version_id: i64,
    send_on: bool,
    comment: String,
) -> CmdResult<()> {
    act(&db, &session, |cx| {
        app::kb::forward(cx, version_id, send_on, &comment)
    })
}

/// Approved FAQ for the services ticked on the visit in progress.
#[tauri::command]
pub fn kb_for_services(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    services: Vec<String>,
) -> CmdResult<Vec<Version>> {
    act(&db, &session, |cx| app::kb::for_services(cx, &services))
}

/// A readable difference between two versions.
#[tauri::command]
pub fn kb_diff(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    from_version: i64,
    to_version: i64,
) -> CmdResult<String> {
    act(&db, &session, |cx| {
        app::kb::diff(cx, from_version, to_version)
    })
}

/// The approved manual and FAQ as one document, for the briefing.
#[tauri::command]
pub fn kb_briefing(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<Vec<BriefingEntry>> {
    act(&db, &session, |cx| app::kb::briefing(cx))
}

/// Records a briefing of the manual and the equipment to the city's staff.
#[tauri::command]
pub fn kb_briefing_record(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    briefing: app::kb::NewBriefing,
) -> CmdResult<crate::kb::briefings::Briefing> {
    act(&db, &session, |cx| app::kb::record_briefing(cx, &briefing))
}

/// Changes sent for approval from `from` to `to` that the city did not request.
#[tauri::command]
pub fn kb_unrequested(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    from: NaiveDate,
    to: NaiveDate,
) -> CmdResult<Vec<Version>> {
    act(&db, &session, |cx| app::kb::unrequested(cx, from, to))
}

/// Places a manual section in the chapters.
#[tauri::command]
pub fn kb_set_position(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    id: i64,
    parent: Option<i64>,
    position: i64,
) -> CmdResult<()> {
    act(&db, &session, |cx| {
        app::kb::set_position(cx, id, parent, position)
    })
}

/// The questions for the city the actor may see.
#[tauri::command]
pub fn esc_list(db: State<'_, Db>, session: State<'_, SessionSlot>) -> CmdResult<Vec<Escalation>> {
    act(&db, &session, |cx| app::escalations::list(cx))
}

/// Records a question the manual does not answer.
#[tauri::command]
pub fn esc_ask(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    question: String,
) -> CmdResult<i64> {
    act(&db, &session, |cx| app::escalations::ask(cx, &question))
}

/// Moves a question on; returns the FAQ draft's version id for `faq`.
#[tauri::command]
pub fn esc_step(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    id: i64,
    step: Step,
    text: Option<String>,
) -> CmdResult<Option<i64>> {
    act(&db, &session, |cx| {
        app::escalations::step(cx, id, step, text.as_deref().unwrap_or(""))
    })
}
