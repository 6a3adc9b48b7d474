//! Submitting a monthly report: the figures are frozen as submitted (JSON in
//! `report_submissions`); a correction makes revision 2, 3, … and never changes an earlier one.
//! Also the due-date warning: from the 1st of a month until the previous month's report is
//! submitted, with the days left to the 5th.

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::Monthly;
use crate::calendar::Month;
use crate::privacy::check_note;
use crate::store::{Store, StoreError};

/// The day of the next month the report is due.
pub const DUE_DAY: u32 = 5;

/// One submitted revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submission {
    /// The month reported.
    pub month: Month,
    /// 1 for the first submission, then 2, 3, … for corrections.
    pub revision: u32,
    /// The date on the report (提出日).
    pub submitted_on: NaiveDate,
    /// Staff ID.
    pub submitted_by: String,
    /// Why a correction was made (empty for revision 1).
    pub note: String,
    /// The figures exactly as submitted.
    pub figures: Monthly,
}

/// What can go wrong.
#[derive(Debug, thiserror::Error)]
pub enum SubmissionError {
    /// A correction needs its reason.
    #[error("訂正版の提出には訂正の理由を入力してください。")]
    ReasonRequired,
    /// The reason holds personal data.
    #[error(transparent)]
    PersonalData(#[from] crate::privacy::PersonalData),
    /// A report cannot be submitted before its month has ended.
    #[error("{0}の報告書は月が終わってから提出できます。")]
    MonthNotOver(String),
    /// Nothing changed since the last revision.
    #[error("前回提出した内容から変更がないため、訂正版は作成しません。")]
    Unchanged,
    /// The report's fixed texts still hold placeholders.
    #[error("報告書の{}が仮の文言のままです。「報告書の宛先などを編集」で設定してから提出してください。", .0.join("・"))]
    HeaderIncomplete(Vec<&'static str>),
    /// Stored figures could not be read.
    #[error("提出済みの報告書を読めません：{0}")]
    Corrupt(String),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl SubmissionError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::ReasonRequired => "reason_required",
            Self::PersonalData(e) => e.code(),
            Self::MonthNotOver(_) => "month_not_over",
            Self::Unchanged => "unchanged",
            Self::HeaderIncomplete(_) => "header_incomplete",
            Self::Corrupt(_) => "submission_unreadable",
            Self::Store(e) => e.code(),
        }
    }
}

impl From<rusqlite::Error> for SubmissionError {
    fn from(e: rusqlite::Error) -> Self {
        SubmissionError::Store(e.into())
    }
}

/// Every revision of a month, oldest first.
pub fn revisions(store: &Store, month: Month) -> Result<Vec<Submission>, SubmissionError> {
    let mut stmt = store.conn.prepare(
        "SELECT month, revision, submitted_on, submitted_by, note, figures_json FROM report_submissions
         WHERE month = ?1 ORDER BY revision",
    )?;
    let rows = stmt.query_map([month.to_string()], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, u32>(1)?,
            r.get::<_, NaiveDate>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (_, revision, submitted_on, submitted_by, note, json) = row?;
        let figures =
            serde_json::from_str(&json).map_err(|e| SubmissionError::Corrupt(e.to_string()))?;
        out.push(Submission {
            month,
            revision,
            submitted_on,
            submitted_by,
            note,
            figures,
        });
    }
    Ok(out)
}

/// Submits the figures of `figures.month` as of `today`: revision 1, or the next revision with
/// `note` saying why. A revision identical to the previous one is refused.
pub fn submit(
    store: &Store,
    figures: &Monthly,
    by: &str,
    today: NaiveDate,
    note: &str,
    recorded_at: &str,
) -> Result<Submission, SubmissionError> {
    if today <= figures.month.last_day() {
        return Err(SubmissionError::MonthNotOver(figures.month_wareki.clone()));
    }
    let earlier = revisions(store, figures.month)?;
    let note = note.trim();
    if let Some(last) = earlier.last() {
        if note.is_empty() {
            return Err(SubmissionError::ReasonRequired);
        }
        if &last.figures == figures {
            return Err(SubmissionError::Unchanged);
        }
    }
    if !note.is_empty() {
        check_note(note)?;
    }
    let revision = earlier.last().map(|s| s.revision + 1).unwrap_or(1);
    let json =
        serde_json::to_string(figures).map_err(|e| SubmissionError::Corrupt(e.to_string()))?;
    store.conn.execute(
        "INSERT INTO report_submissions (month, revision, submitted_on, submitted_by, recorded_at, note, figures_json, uid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![figures.month.to_string(), revision, today, by, recorded_at, note, json, uuid::Uuid::new_v4().to_string()],
    )?;
    Ok(Submission {
        month: figures.month,
        revision,
        submitted_on: today,
        submitted_by: by.into(),
        note: note.into(),
        figures: figures.clone(),
    })
}

/// The uid and the time recorded of revision `revision` of `month` (what travels with it).
pub fn shared(
    store: &Store,
    month: Month,
    revision: u32,
) -> Result<(String, String), SubmissionError> {
    Ok(store.conn.query_row(
        "SELECT uid, recorded_at FROM report_submissions WHERE month = ?1 AND revision = ?2",
        params![month.to_string(), revision],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Places a submission made on another counter (a submission never changes once made): added
/// when new. When both counters submitted the same month without seeing each other, both are
/// kept and the month's revisions are numbered again in the order they were recorded (then by
/// uid), the same on every counter.
pub fn place(
    store: &Store,
    uid: &str,
    recorded_at: &str,
    theirs: &Submission,
) -> Result<crate::sync::Placed, SubmissionError> {
    let here: Option<i64> = store
        .conn
        .query_row(
            "SELECT 1 FROM report_submissions WHERE uid = ?1",
            [uid],
            |r| r.get(0),
        )
        .optional()?;
    if here.is_some() {
        return Ok(crate::sync::Placed::Same);
    }
    let json = serde_json::to_string(&theirs.figures)
        .map_err(|e| SubmissionError::Corrupt(e.to_string()))?;
    let month = theirs.month.to_string();
    store.conn.execute(
        "UPDATE report_submissions SET revision = -revision WHERE month = ?1",
        [&month],
    )?;
    store.conn.execute(
        "INSERT INTO report_submissions (month, revision, submitted_on, submitted_by, recorded_at, note, figures_json, uid)
         VALUES (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![month, theirs.submitted_on, theirs.submitted_by, recorded_at, theirs.note, json, uid],
    )?;
    store.conn.execute(
        "UPDATE report_submissions SET revision = (
             SELECT n FROM (SELECT id, row_number() OVER (ORDER BY recorded_at, uid) AS n
                            FROM report_submissions WHERE month = ?1) r
             WHERE r.id = report_submissions.id)
         WHERE month = ?1",
        [&month],
    )?;
    Ok(crate::sync::Placed::Added)
}

/// The warning the header shows: which month's report is due, its due date and days left
/// (negative when late).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueWarning {
    /// The month whose report is due.
    pub month: Month,
    /// The due date.
    pub due: NaiveDate,
    /// Days from today to the due date.
    pub days_left: i64,
    /// One line in Japanese.
    pub message: String,
}

/// The previous month's report while it is not submitted, from the 1st of this month on.
/// `in_contract` says whether the previous month was in the contract period.
pub fn due_warning(
    store: &Store,
    today: NaiveDate,
    in_contract: bool,
) -> Result<Option<DueWarning>, SubmissionError> {
    if !in_contract {
        return Ok(None);
    }
    let first = today.with_day(1).unwrap_or(today);
    let Some(prev) = first.pred_opt() else {
        return Ok(None);
    };
    let month = Month::of(prev);
    let submitted: Option<i64> = store
        .conn
        .query_row(
            "SELECT 1 FROM report_submissions WHERE month = ?1 LIMIT 1",
            [month.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    if submitted.is_some() {
        return Ok(None);
    }
    let due = first.with_day(DUE_DAY).unwrap_or(first);
    let days_left = (due - today).num_days();
    let name = crate::calendar::wareki::year_month(prev);
    let message = match days_left {
        d if d > 0 => format!(
            "{name}分の月次報告書が未提出です（提出期限 {}まで あと{d}日）",
            crate::calendar::wareki::with_weekday(due)
        ),
        0 => format!("{name}分の月次報告書の提出期限は本日です"),
        d => format!("{name}分の月次報告書が提出期限を{}日過ぎています", -d),
    };
    Ok(Some(DueWarning {
        month,
        due,
        days_left,
        message,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(month: &str, apps: u64) -> Monthly {
        Monthly {
            month: month.parse().unwrap(),
            month_wareki: "令和5年7月".into(),
            application_count: apps,
            ..Default::default()
        }
    }

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn a_submitted_report_is_frozen_and_corrections_are_new_revisions() {
        let store = Store::open_in_memory().unwrap();
        assert!(matches!(
            submit(
                &store,
                &figures("2023-07", 10),
                "m",
                d(2023, 7, 31),
                "",
                "t"
            ),
            Err(SubmissionError::MonthNotOver(_))
        ));
        let first = submit(&store, &figures("2023-07", 10), "m", d(2023, 8, 3), "", "t").unwrap();
        assert_eq!(first.revision, 1);
        assert!(matches!(
            submit(
                &store,
                &figures("2023-07", 11),
                "m",
                d(2023, 8, 10),
                " ",
                "t"
            ),
            Err(SubmissionError::ReasonRequired)
        ));
        assert!(matches!(
            submit(
                &store,
                &figures("2023-07", 10),
                "m",
                d(2023, 8, 10),
                "再集計",
                "t"
            ),
            Err(SubmissionError::Unchanged)
        ));
        let second = submit(
            &store,
            &figures("2023-07", 11),
            "m",
            d(2023, 8, 10),
            "第2窓口の記録を追加",
            "t",
        )
        .unwrap();
        assert_eq!(second.revision, 2);
        let all = revisions(&store, "2023-07".parse().unwrap()).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(
            all[0].figures.application_count, 10,
            "revision 1 stays as submitted"
        );
        assert_eq!(all[0].submitted_on, d(2023, 8, 3));
    }

    #[test]
    fn due_warning_runs_from_the_first_until_submitted() {
        let store = Store::open_in_memory().unwrap();
        let w = due_warning(&store, d(2023, 8, 1), true).unwrap().unwrap();
        assert_eq!((w.month.to_string().as_str(), w.days_left), ("2023-07", 4));
        assert!(
            w.message.contains("令和5年7月分") && w.message.contains("あと4日"),
            "{}",
            w.message
        );
        assert_eq!(
            due_warning(&store, d(2023, 8, 5), true)
                .unwrap()
                .unwrap()
                .days_left,
            0
        );
        let late = due_warning(&store, d(2023, 8, 7), true).unwrap().unwrap();
        assert!(late.message.contains("2日過ぎています"), "{}", late.message);
        assert_eq!(
            due_warning(&store, d(2023, 8, 1), false).unwrap(),
            None,
            "no report outside the contract"
        );
        submit(&store, &figures("2023-07", 1), "m", d(2023, 8, 2), "", "t").unwrap();
        assert_eq!(
            due_warning(&store, d(2023, 8, 3), true).unwrap(),
            None,
            "submitted: no warning"
        );
    }
}
