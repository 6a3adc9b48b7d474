//! The report tab: a month's report, its fixed texts, submission, the due warning, the final
//! report, and their files (through the native save dialog).

use tauri::{AppHandle, Runtime, State};

use super::data::allowed;
use crate::app::reports::{FileKind, MonthlyView, SurveyView};
use crate::app::{self, Permission, SessionSlot};
use crate::calendar::Month;
use crate::desktop::dialog::{self, Filter};
use crate::desktop::error::CmdResult;
use crate::desktop::state::{act, act_in, Db};
use crate::report::final_report::FinalReport;
use crate::report::submission::{DueWarning, Submission};
use crate::report::survey::Question;
use crate::report::ReportHeader;

/// The monthly report of `month`.
#[tauri::command]
pub fn report_monthly(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    month: Month,
) -> CmdResult<MonthlyView> {
    act(&db, &session, |cx| app::reports::monthly_view(cx, month))
}

/// Saves the report's fixed texts.
#[tauri::command]
pub fn report_header_save(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    header: ReportHeader,
) -> CmdResult<()> {
    act(&db, &session, |cx| {
        app::settings::save_report_header(cx, &header)
    })
}

fn filter(kind: FileKind) -> Filter {
    match kind {
        FileKind::Xlsx => ("Excel", &["xlsx"]),
        FileKind::Csv => ("CSV", &["csv"]),
    }
}

/// Asks where to save and writes the month's report. `None` when the dialog was cancelled.
#[tauri::command]
pub async fn report_export<R: Runtime>(
    handle: AppHandle<R>,
    month: Month,
    kind: FileKind,
) -> CmdResult<Option<String>> {
    allowed(&handle, Permission::ReportView)?;
    let name = format!("月次報告書-{month}.{}", kind.extension());
    let Some(path) = dialog::save_to(&handle, name, filter(kind)).await? else {
        return Ok(None);
    };
    act_in(&handle, |cx| {
        app::reports::export_monthly(cx, month, kind, &path)
    })?;
    Ok(Some(format!("{} に保存しました。", path.display())))
}

/// Records the month's report as submitted, or submits a correction with its reason.
#[tauri::command]
pub fn report_submit(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    month: Month,
    note: String,
) -> CmdResult<Submission> {
    act(&db, &session, |cx| app::reports::submit(cx, month, &note))
}

/// The header's warning while last month's report is not submitted.
#[tauri::command]
pub fn report_due(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<Option<DueWarning>> {
    act(&db, &session, |cx| app::reports::due(cx))
}

/// The final report over the contract period.
#[tauri::command]
pub fn report_final(db: State<'_, Db>, session: State<'_, SessionSlot>) -> CmdResult<FinalReport> {
    act(&db, &session, |cx| app::reports::final_report(cx))
}

/// Asks where to save and writes the final report. `None` when cancelled.
#[tauri::command]
pub async fn report_final_export<R: Runtime>(
    handle: AppHandle<R>,
    kind: FileKind,
) -> CmdResult<Option<String>> {
    allowed(&handle, Permission::ReportView)?;
    let name = format!("委託業務実施報告書.{}", kind.extension());
    let Some(path) = dialog::save_to(&handle, name, filter(kind)).await? else {
        return Ok(None);
    };
    act_in(&handle, |cx| app::reports::export_final(cx, kind, &path))?;
    Ok(Some(format!("{} に保存しました。", path.display())))
}

/// A survey on request, on screen.
#[tauri::command]
pub fn report_survey(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    question: Question,
) -> CmdResult<SurveyView> {
    act(&db, &session, |cx| app::reports::survey_view(cx, &question))
}

/// Asks where to save and writes a survey. `None` when cancelled.
#[tauri::command]
pub async fn report_survey_export<R: Runtime>(
    handle: AppHandle<R>,
    question: Question,
    kind: FileKind,
) -> CmdResult<Option<String>> {
    allowed(&handle, Permission::ReportView)?;
    let name = format!(
        "調査-{}-{}.{}",
        question.from,
        question.to,
        kind.extension()
    );
    let Some(path) = dialog::save_to(&handle, name, filter(kind)).await? else {
        return Ok(None);
    };
    act_in(&handle, |cx| {
        app::reports::export_survey(cx, &question, kind, &path)
    })?;
    Ok(Some(format!("{} に保存しました。", path.display())))
}
