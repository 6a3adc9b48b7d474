//! The monthly report, its submission and the due warning, the final report, and their files.

use std::path::Path;

use chrono::Datelike;
use serde::{Deserialize, Serialize};

use super::{files, AppError, Change, Ctx, Permission};
use crate::calendar::{stored, Month};
use crate::incidents::Records;
use crate::kb::Version;
use crate::report::document::MonthlyDocument;
use crate::report::final_report::{self, FinalReport};
use crate::report::submission::{self, DueWarning, Submission};
use crate::report::survey::{self, Question, Split, Survey};
use crate::report::{self, export, header, survey_export, Monthly, ReportHeader};
use crate::visits::{self, ListEntry, ListKind};

/// Which file a report is written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// Excel workbook.
    Xlsx,
    /// CSV, UTF-8 with BOM.
    Csv,
}

impl FileKind {
    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Xlsx => "xlsx",
            Self::Csv => "csv",
        }
    }
}

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
    /// The counters whose visits are in this database.
    pub counters_included: Vec<u8>,
    /// The newest visit start in the month, RFC 3339.
    pub data_until: Option<String>,
    /// Submitted revisions, oldest first; the report shows the newest as submitted.
    pub revisions: Vec<Submission>,
    /// Whether the live figures differ from the newest submitted revision.
    pub changed_since_submission: bool,
    /// Complaints and incidents of the month (flattened: `complaints`, `incidents`).
    #[serde(flatten)]
    pub records: Records,
    /// Manual/FAQ versions sent for approval in the month.
    pub kb_changes: Vec<Version>,
    /// Surveys made in the month (§13(3)): when, by whom, the question.
    pub surveys: Vec<crate::audit::Entry>,
    /// The report's section 外国語等での案内, the same lines the exported files carry: every
    /// language but Japanese with the visits served in it, as (name, visits).
    pub languages: Vec<(&'static str, u64)>,
}

/// The month's figures.
pub fn monthly(ctx: &Ctx, month: Month) -> Result<Monthly, AppError> {
    ctx.require(Permission::ReportView)?;
    Ok(report::monthly_from_store(ctx.store(), month)?)
}

/// The month's report as the report tab shows it.
pub fn monthly_view(ctx: &Ctx, month: Month) -> Result<MonthlyView, AppError> {
    ctx.require(Permission::ReportView)?;
    let store = ctx.store();
    let (first, last) = (month.first_day(), month.last_day());
    let figures = report::monthly_from_store(store, month)?;
    let month_visits = visits::list_between(store, first, last)?;
    let counted: Vec<&visits::Visit> = month_visits.iter().filter(|v| v.counts()).collect();
    let mut counters: Vec<u8> = counted.iter().map(|v| v.counter).collect();
    counters.sort_unstable();
    counters.dedup();
    let revisions = submission::revisions(store, month)?;
    let changed_since_submission = revisions.last().is_some_and(|r| r.figures != figures);
    let next = last.succ_opt().unwrap_or(last);
    let languages = crate::citizen::counts::report_lines(store, first, last)?;
    Ok(MonthlyView {
        languages,
        kb_changes: crate::kb::changes_between(
            store,
            &crate::clock::day_start(first),
            &crate::clock::day_start(next),
        )?,
        records: crate::incidents::records_between(store, first, last)?,
        surveys: crate::audit::query(
            store,
            &crate::audit::Filter {
                from: Some(first),
                to: Some(last),
                ..Default::default()
            },
        )?
        .into_iter()
        .filter(|e| e.action == Change::ReportSurvey.code())
        .collect(),
        revisions,
        changed_since_submission,
        header: header::load(store)?,
        services: visits::lists::list(store, ListKind::Services, false)?,
        reasons: visits::lists::list(store, ListKind::Reasons, false)?,
        data_until: counted.iter().map(|v| v.started_at.clone()).max(),
        counters_included: counters,
        figures,
    })
}

/// Writes the month's report to `path` as `kind`.
pub fn export_monthly(
    ctx: &mut Ctx,
    month: Month,
    kind: FileKind,
    path: &Path,
) -> Result<(), AppError> {
    ctx.require(Permission::ReportView)?;
    let now = ctx.stamp();
    ctx.write(Change::ReportExport, |store| {
        let doc = MonthlyDocument::load(store, month, &now)?;
        let bytes = match kind {
            FileKind::Xlsx => doc.xlsx()?,
            FileKind::Csv => doc.csv()?,
        };
        files::write_whole(path, &bytes)?;
        Ok(((), format!("{month} {}", kind.extension())))
    })
}

/// Records the month's report as submitted today (revision 1), or a correction with its reason
/// (revision 2, 3, …). The figures are frozen as they are now.
pub fn submit(ctx: &mut Ctx, month: Month, note: &str) -> Result<Submission, AppError> {
    let by = ctx.staff(Permission::ReportSubmit)?.login_id.clone();
    let (today, stamp) = (ctx.now().date_naive(), ctx.stamp());
    let author = ctx.sync_author();
    ctx.write(Change::ReportSubmit, |store| {
        let missing = header::load(store)?.placeholders();
        if !missing.is_empty() {
            return Err(submission::SubmissionError::HeaderIncomplete(missing).into());
        }
        let figures = report::monthly_from_store(store, month)?;
        let done = submission::submit(store, &figures, &by, today, note, &stamp)?;
        let (uid, recorded_at) = submission::shared(store, month, done.revision)?;
        let content = serde_json::json!({ "submission": &done, "recorded_at": recorded_at });
        crate::sync::log::record(
            store,
            &author,
            crate::sync::Kind::Submission,
            &uid,
            1,
            &content,
        )?;
        let detail = format!("{month} rev {}", done.revision);
        Ok((done, detail))
    })
}

/// The header's warning while last month's report is not submitted (for those who see reports).
pub fn due(ctx: &Ctx) -> Result<Option<DueWarning>, AppError> {
    ctx.signed_in()?;
    if !ctx.may(Permission::ReportView) {
        return Ok(None);
    }
    let store = ctx.store();
    let today = ctx.now().date_naive();
    let cal = stored::load(store)?;
    let first = today.with_day(1).unwrap_or(today);
    let prev_in_contract = first.pred_opt().is_some_and(|p| {
        p >= cal.config.contract_start && p.with_day(1).unwrap_or(p) <= cal.config.contract_end
    });
    Ok(submission::due_warning(store, today, prev_in_contract)?)
}

/// The final report over the contract period.
pub fn final_report(ctx: &Ctx) -> Result<FinalReport, AppError> {
    ctx.require(Permission::ReportView)?;
    Ok(final_report::final_from_store(ctx.store())?)
}

/// Writes the final report to `path` as `kind`.
pub fn export_final(ctx: &mut Ctx, kind: FileKind, path: &Path) -> Result<(), AppError> {
    ctx.require(Permission::ReportView)?;
    ctx.write(Change::ReportFinalExport, |store| {
        let f = final_report::final_from_store(store)?;
        let labels = report::labels(store)?;
        let bytes = match kind {
            FileKind::Xlsx => export::final_xlsx(&f, &header::load(store)?, &labels)?,
            FileKind::Csv => export::final_csv(&f, &labels)?,
        };
        files::write_whole(path, &bytes)?;
        Ok(((), kind.extension().to_string()))
    })
}

/// Service labels by code (the command line prints labels, not codes).
pub fn service_labels(ctx: &Ctx) -> Result<export::Labels, AppError> {
    ctx.require(Permission::ReportView)?;
    Ok(report::labels(ctx.store())?)
}

/// Answers a survey the city asked for (§13(3)): a period inside the contract, the monthly
/// report's counting rule. Recorded: who asked, when, and the question.
pub fn survey(ctx: &mut Ctx, q: &Question) -> Result<Survey, AppError> {
    ctx.require(Permission::ReportView)?;
    let s = survey_of(ctx.store(), q)?;
    ctx.record(Change::ReportSurvey, &q.describe())?;
    Ok(s)
}

/// A survey as the report tab shows it: the answer and a label for each column.
#[derive(Debug, Serialize)]
pub struct SurveyView {
    /// The answer.
    #[serde(flatten)]
    pub survey: Survey,
    /// The columns as a person reads them, in the order of `columns`.
    pub column_labels: Vec<String>,
    /// The question in one Japanese line.
    pub title: String,
}

/// Answers a survey for the screen (recorded like any survey).
pub fn survey_view(ctx: &mut Ctx, q: &Question) -> Result<SurveyView, AppError> {
    let survey = self::survey(ctx, q)?;
    let labels = survey_labels(ctx.store())?;
    Ok(SurveyView {
        column_labels: survey
            .columns
            .iter()
            .map(|c| survey_export::column_label(q.split, c, &labels))
            .collect(),
        title: survey_export::question_line(&survey),
        survey,
    })
}

/// Answers a survey and writes it to `path` as `kind` (recorded as one survey).
pub fn export_survey(
    ctx: &mut Ctx,
    q: &Question,
    kind: FileKind,
    path: &Path,
) -> Result<Survey, AppError> {
    ctx.require(Permission::ReportView)?;
    ctx.write(Change::ReportSurvey, |store| {
        let s = survey_of(store, q)?;
        let labels = survey_labels(store)?;
        let bytes = match kind {
            FileKind::Xlsx => survey_export::survey_xlsx(&s, &labels)?,
            FileKind::Csv => survey_export::survey_csv(&s, &labels)?,
        };
        files::write_whole(path, &bytes)?;
        Ok((s, format!("{} {}", q.describe(), kind.extension())))
    })
}

/// Service and reason labels by code.
pub fn survey_labels(store: &crate::store::Store) -> Result<export::Labels, AppError> {
    let mut labels = report::labels(store)?;
    for e in visits::lists::list(store, ListKind::Reasons, false)? {
        labels.entry(e.code).or_insert(e.label);
    }
    Ok(labels)
}

fn survey_of(store: &crate::store::Store, q: &Question) -> Result<Survey, AppError> {
    if q.to < q.from {
        return Err(report::LoadError::from(report::ReportError::BadPeriod {
            from: q.from,
            to: q.to,
        })
        .into());
    }
    let cal = stored::load(store)?;
    for day in [q.from, q.to] {
        if day < cal.config.contract_start || day > cal.config.contract_end {
            return Err(
                report::LoadError::from(report::ReportError::OutsideContract(
                    crate::calendar::wareki::long(day),
                ))
                .into(),
            );
        }
    }
    let known: Vec<String> = match q.split {
        Split::Service => visits::lists::list(store, ListKind::Services, false)?
            .into_iter()
            .filter(|e| e.active)
            .map(|e| e.code)
            .collect(),
        Split::Reason => visits::lists::list(store, ListKind::Reasons, false)?
            .into_iter()
            .filter(|e| e.active)
            .map(|e| e.code)
            .collect(),
        Split::Counter => vec!["1".into(), "2".into()],
        Split::Outcome => vec!["completed".into(), "not_completed".into()],
    };
    let list = visits::list_between(store, q.from, q.to)?;
    Ok(survey::survey(q, &list, &known))
}
