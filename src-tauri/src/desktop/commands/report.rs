//! The report tab: a month's figures with the fixed header texts, and editing those texts.

use serde::Serialize;
use tauri::State;

use crate::auth::Action;
use crate::desktop::error::{CmdResult, CommandError};
use crate::desktop::state::{Db, SessionSlot};
use crate::report::{self, header, Monthly, ReportHeader};
use crate::visits::{self, ListEntry, ListKind};

/// What the report tab shows for one month.
#[derive(Debug, Serialize)]
pub struct MonthlyView {
    /// The fixed texts.
    pub header: ReportHeader,
    /// The figures.
    pub figures: Monthly,
    /// Every service, for labels and order.
    pub services: Vec<ListEntry>,
    /// Every reason, for labels.
    pub reasons: Vec<ListEntry>,
    /// The counters whose visits are in this database, and the newest visit's start.
    pub counters_included: Vec<u8>,
    /// The newest visit start in the month, RFC 3339.
    pub data_until: Option<String>,
}

/// The monthly report of `month` (YYYY-MM).
#[tauri::command]
pub fn report_monthly(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    month: String,
) -> CmdResult<MonthlyView> {
    session.require_to(Action::ViewMonthlyReport)?;
    let store = db.lock()?;
    let figures = report::monthly_from_store(&store, &month)
        .map_err(|e| CommandError::new("report", e.to_string()))?;
    let (first, last) =
        report::month_bounds(&month).map_err(|e| CommandError::new("report", e.to_string()))?;
    let month_visits = visits::list_between(&store, first, last)?;
    let mut counters: Vec<u8> = month_visits
        .iter()
        .filter(|v| v.counts())
        .map(|v| v.counter)
        .collect();
    counters.sort_unstable();
    counters.dedup();
    Ok(MonthlyView {
        header: header::load(&store)?,
        services: visits::lists::list(&store, ListKind::Services, false)?,
        reasons: visits::lists::list(&store, ListKind::Reasons, false)?,
        data_until: month_visits
            .iter()
            .filter(|v| v.counts())
            .map(|v| v.started_at.clone())
            .max(),
        counters_included: counters,
        figures,
    })
}

/// Saves the report's fixed texts.
#[tauri::command]
pub fn report_header_save(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    header: ReportHeader,
) -> CmdResult<()> {
    let s = session.require_to(Action::ManageLists)?;
    {
        let store = db.lock()?;
        header::save(&store, &header)?;
    }
    super::audit(&db, Some(&s.login_id), "report.header", "")
}
