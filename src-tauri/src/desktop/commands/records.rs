//! Complaints (苦情) and incident reports (事故報告書): listing a month, recording and updating.

use tauri::State;

use crate::auth::Action;
use crate::desktop::error::{CmdResult, CommandError};
use crate::desktop::state::{Db, SessionSlot};
use crate::incidents::{self, Complaint, Incident, RecordError};
use crate::{clock, report};

impl From<RecordError> for CommandError {
    fn from(e: RecordError) -> Self {
        let code = match &e {
            RecordError::PersonalData { .. } => "personal_data",
            RecordError::NotFound(_) => "not_found",
            RecordError::Store(_) => "database",
            _ => "invalid",
        };
        CommandError::new(code, e.to_string())
    }
}

/// Complaints and incidents of `month` (YYYY-MM).
#[tauri::command]
pub fn records_month(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    month: String,
) -> CmdResult<incidents::Records> {
    session.require_to(Action::ViewReports)?;
    let (from, to) =
        report::month_bounds(&month).map_err(|e| CommandError::new("invalid", e.to_string()))?;
    let store = db.lock()?;
    Ok(incidents::records_between(&store, from, to)?)
}

/// Records or updates a complaint (operators and the site manager).
#[tauri::command]
pub fn complaint_save(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    complaint: Complaint,
) -> CmdResult<i64> {
    let s = session.require_to(Action::LogVisits)?;
    let id = {
        let store = db.lock()?;
        incidents::save_complaint(&store, &complaint, &s.login_id, &clock::stamp(clock::now()))?
    };
    super::audit(&db, Some(&s.login_id), "complaint.save", &id.to_string())?;
    Ok(id)
}

/// Records or updates an incident report (the site manager).
#[tauri::command]
pub fn incident_save(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    incident: Incident,
) -> CmdResult<i64> {
    let s = session.require_to(Action::SubmitReport)?;
    let id = {
        let store = db.lock()?;
        incidents::save_incident(&store, &incident, &s.login_id, &clock::stamp(clock::now()))?
    };
    super::audit(&db, Some(&s.login_id), "incident.save", &id.to_string())?;
    Ok(id)
}
