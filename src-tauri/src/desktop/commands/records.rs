//! Complaints (苦情) and incident reports (事故報告書).

use tauri::State;

use crate::app::records::RecordsView;
use crate::app::{self, SessionSlot};
use crate::calendar::Month;
use crate::desktop::error::CmdResult;
use crate::desktop::state::{act, Db};
use crate::incidents::{Complaint, Earlier, Incident};

/// Complaints and incidents of `month`.
#[tauri::command]
pub fn records_month(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    month: Month,
) -> CmdResult<RecordsView> {
    act(&db, &session, |cx| app::records::month_view(cx, month))
}

/// Earlier versions of a complaint.
#[tauri::command]
pub fn complaint_history(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    id: i64,
) -> CmdResult<Vec<Earlier<Complaint>>> {
    act(&db, &session, |cx| app::records::complaint_history(cx, id))
}

/// Earlier versions of an incident report.
#[tauri::command]
pub fn incident_history(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    id: i64,
) -> CmdResult<Vec<Earlier<Incident>>> {
    act(&db, &session, |cx| app::records::incident_history(cx, id))
}

/// Records or updates a complaint.
#[tauri::command]
pub fn complaint_save(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    complaint: Complaint,
) -> CmdResult<i64> {
    act(&db, &session, |cx| {
        app::records::save_complaint(cx, &complaint)
    })
}

/// Records or updates an incident report.
#[tauri::command]
pub fn incident_save(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    incident: Incident,
) -> CmdResult<i64> {
    act(&db, &session, |cx| {
        app::records::save_incident(cx, &incident)
    })
}

/// Incident reports not yet reported to the city (the header warns while there is one).
#[tauri::command]
pub fn incidents_unreported(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<Vec<Incident>> {
    act(&db, &session, |cx| app::records::unreported(cx))
}
