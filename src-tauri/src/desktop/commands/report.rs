//! The report tab: a month's figures with the fixed header texts, and editing those texts.

use chrono::Datelike;
use serde::Serialize;
use tauri::State;

use crate::auth::Action;
use crate::desktop::error::{CmdResult, CommandError};
use crate::desktop::state::{Db, SessionSlot};
use crate::report::submission::{self, DueWarning, Submission};
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
    /// Submitted revisions, oldest first; the report shows the newest as submitted.
    pub revisions: Vec<Submission>,
    /// Whether the live figures differ from the newest submitted revision.
    pub changed_since_submission: bool,
    /// Complaints and incidents of the month (flattened: `complaints`, `incidents`).
    #[serde(flatten)]
    pub records: crate::incidents::Records,
    /// Manual/FAQ versions sent for approval in the month.
    pub kb_changes: Vec<crate::kb::Version>,
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
    let revisions = submission::revisions(&store, &month)
        .map_err(|e| CommandError::new("report", e.to_string()))?;
    let changed_since_submission = revisions.last().is_some_and(|r| r.figures != figures);
    let records = crate::incidents::records_between(&store, first, last)?;
    let next = last.succ_opt().unwrap_or(last);
    let kb_changes = crate::kb::changes_between(
        &store,
        &crate::clock::day_start(first),
        &crate::clock::day_start(next),
    )?;
    Ok(MonthlyView {
        kb_changes,
        records,
        revisions,
        changed_since_submission,
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

/// Which file the report is exported to.
#[derive(Debug, Clone, Copy, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    /// Excel workbook.
    Xlsx,
    /// CSV, UTF-8 with BOM.
    Csv,
}

/// Asks where to save and writes the month's report. `None` when the dialog was cancelled.
#[tauri::command]
pub async fn report_export<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    month: String,
    kind: ExportKind,
) -> CmdResult<Option<String>> {
    use tauri::Manager;
    let s = app
        .state::<SessionSlot>()
        .require_to(Action::ViewMonthlyReport)?;
    let fail = |e: &dyn std::fmt::Display| CommandError::new("report", e.to_string());
    let bytes = {
        let db = app.state::<Db>();
        let store = db.lock()?;
        let doc = report::document::MonthlyDocument::load(&store, &month).map_err(|e| fail(&e))?;
        match kind {
            ExportKind::Xlsx => doc.xlsx(),
            ExportKind::Csv => doc.csv(),
        }
        .map_err(|e| fail(&e))?
    };
    let (ext, filter): (&str, (&'static str, &'static [&'static str])) = match kind {
        ExportKind::Xlsx => ("xlsx", ("Excel", &["xlsx"])),
        ExportKind::Csv => ("csv", ("CSV", &["csv"])),
    };
    let name = format!("月次報告書-{month}.{ext}");
    let Some(path) = super::admin::save_via_dialog(&app, name, filter, &bytes).await? else {
        return Ok(None);
    };
    let db = app.state::<Db>();
    super::audit(
        &db,
        Some(&s.login_id),
        "report.export",
        &format!("{month} {ext}"),
    )?;
    Ok(Some(format!("{} に保存しました。", path.display())))
}

/// Records the month's report as submitted today (revision 1), or submits a correction with its
/// reason (revision 2, 3, …). The figures are frozen as they are now.
#[tauri::command]
pub fn report_submit(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    month: String,
    note: String,
) -> CmdResult<Submission> {
    let s = session.require_to(Action::SubmitReport)?;
    let now = crate::clock::now();
    let done = {
        let store = db.lock()?;
        let figures = report::monthly_from_store(&store, &month)
            .map_err(|e| CommandError::new("report", e.to_string()))?;
        submission::submit(
            &store,
            &figures,
            &s.login_id,
            now.date_naive(),
            &note,
            &crate::clock::stamp(now),
        )
        .map_err(|e| CommandError::new("report", e.to_string()))?
    };
    super::audit(
        &db,
        Some(&s.login_id),
        "report.submit",
        &format!("{month} rev {}", done.revision),
    )?;
    Ok(done)
}

/// The header's warning while last month's report is not submitted.
#[tauri::command]
pub fn report_due(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<Option<DueWarning>> {
    let s = session.require()?;
    if !s.role.may(Action::ViewMonthlyReport) {
        return Ok(None);
    }
    let store = db.lock()?;
    let today = crate::clock::now().date_naive();
    let cal = crate::calendar::stored::load(&store)?;
    let first = today.with_day(1).unwrap_or(today);
    let prev_in_contract = first.pred_opt().is_some_and(|p| {
        p >= cal.config.contract_start && p.with_day(1).unwrap_or(p) <= cal.config.contract_end
    });
    submission::due_warning(&store, today, prev_in_contract)
        .map_err(|e| CommandError::new("report", e.to_string()))
}

/// The final report over the contract period.
#[tauri::command]
pub fn report_final(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<report::final_report::FinalReport> {
    session.require_to(Action::ViewMonthlyReport)?;
    let store = db.lock()?;
    report::final_report::final_from_store(&store)
        .map_err(|e| CommandError::new("report", e.to_string()))
}

/// Asks where to save and writes the final report as xlsx or CSV. `None` when cancelled.
#[tauri::command]
pub async fn report_final_export<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    kind: ExportKind,
) -> CmdResult<Option<String>> {
    use tauri::Manager;
    let s = app
        .state::<SessionSlot>()
        .require_to(Action::ViewMonthlyReport)?;
    let fail = |e: &dyn std::fmt::Display| CommandError::new("report", e.to_string());
    let bytes = {
        let db = app.state::<Db>();
        let store = db.lock()?;
        let f = report::final_report::final_from_store(&store).map_err(|e| fail(&e))?;
        let labels = report::labels(&store)?;
        match kind {
            ExportKind::Xlsx => report::export::final_xlsx(&f, &header::load(&store)?, &labels),
            ExportKind::Csv => report::export::final_csv(&f, &labels),
        }
        .map_err(|e| fail(&e))?
    };
    let (name, filter): (&str, (&'static str, &'static [&'static str])) = match kind {
        ExportKind::Xlsx => ("委託業務実施報告書.xlsx", ("Excel", &["xlsx"])),
        ExportKind::Csv => ("委託業務実施報告書.csv", ("CSV", &["csv"])),
    };
    let Some(path) = super::admin::save_via_dialog(&app, name.into(), filter, &bytes).await? else {
        return Ok(None);
    };
    let db = app.state::<Db>();
    super::audit(&db, Some(&s.login_id), "report.final_export", "")?;
    Ok(Some(format!("{} に保存しました。", path.display())))
}
