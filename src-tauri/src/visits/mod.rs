//! The visit log, the counter's daily loop: start a visit, tick the services, end it with an
//! outcome; amend or void it later without deleting anything; count today's work; move records
//! between the two counters as CSV. A visit holds no personal data: the optional note goes
//! through [`crate::privacy::check_note`].

mod csv_io;
pub mod lists;
mod log;
pub mod remote;
mod table;
mod tally;

pub use csv_io::{export_csv, import_csv, ImportRules, ImportSummary, CSV_HEADER};
pub use lists::{ListEntry, ListKind};
pub use log::{
    amend, end, end_for, finish, get, history, last_ended_at, list_between, list_day, open_count,
    open_visit_of, set_form_brought, set_note, set_service, start, update_open, void, Ending,
    HistoryEntry, VisitEdit,
};
pub use tally::{tally_between, tally_day, Tally};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::privacy::PersonalData;
use crate::store::StoreError;

/// How a visit ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Everything the citizen came for was done.
    Completed,
    /// Not done; a reason code says why.
    NotCompleted,
}

impl Outcome {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Completed => "completed",
            Outcome::NotCompleted => "not_completed",
        }
    }

    /// From the stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "completed" => Some(Outcome::Completed),
            "not_completed" => Some(Outcome::NotCompleted),
            _ => None,
        }
    }
}

/// Who voided a visit, when and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Voided {
    /// When.
    pub at: String,
    /// Staff ID.
    pub by: String,
    /// Why.
    pub reason: String,
}

/// One visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    /// UUID.
    pub id: String,
    /// Counter 1 or 2.
    pub counter: u8,
    /// Sign-in ID of the operator, on the counter the visit came from.
    pub operator: String,
    /// Start, RFC 3339 +09:00.
    pub started_at: String,
    /// End, when ended.
    pub ended_at: Option<String>,
    /// Service codes, in list order.
    pub services: Vec<String>,
    /// Outcome, when ended.
    pub outcome: Option<Outcome>,
    /// Reason code when not completed.
    pub reason: Option<String>,
    /// For `application`: whether the citizen brought the 交付申請書 (no → re-issue guided).
    pub form_brought: Option<bool>,
    /// Short note, checked for personal data.
    pub note: Option<String>,
    /// 1, then +1 for each amendment.
    pub revision: u32,
    /// Set when voided.
    pub voided: Option<Voided>,
    /// Came from the other counter's export.
    pub imported: bool,
}

impl Visit {
    /// Ended and not voided: what tallies and reports count.
    pub fn counts(&self) -> bool {
        self.ended_at.is_some() && self.voided.is_none()
    }

    /// The visit as the city sees it: the counter's figures, not which operator served whom (who
    /// served, who voided, the operator's note are the contractor's own records).
    pub fn without_staff(mut self) -> Self {
        self.operator.clear();
        self.note = None;
        if let Some(v) = &mut self.voided {
            v.by.clear();
        }
        self
    }
}

/// What can go wrong with a visit. Messages are shown to the operator as they are.
#[derive(Debug, thiserror::Error)]
pub enum VisitError {
    /// No visit with this ID.
    #[error("来庁記録が見つかりません（{0}）。")]
    NotFound(String),
    /// The operator already has a visit in progress.
    #[error("対応中の来庁記録があります。終了してから次の対応を開始してください。")]
    AlreadyOpen(String),
    /// The visit has ended; use an amendment.
    #[error("この来庁記録は終了しています。修正は「修正」から理由を入力して行ってください。")]
    AlreadyEnded,
    /// The visit is still in progress.
    #[error("この来庁記録はまだ対応中です。")]
    StillOpen,
    /// Voided visits are not changed again.
    #[error("この来庁記録は取り消し済みです。")]
    Voided,
    /// Ending without any service ticked.
    #[error("対応した内容を1つ以上選んでください。")]
    NoService,
    /// A code that is not in the list.
    #[error("「{0}」は登録されていない区分です。")]
    UnknownCode(String),
    /// A code with characters outside `[a-z0-9_]`.
    #[error("区分コード「{0}」は半角小文字・数字・_ で入力してください。")]
    BadCode(String),
    /// A label that is empty or too long.
    #[error("表示名は1〜40文字で入力してください。")]
    BadLabel,
    /// Not completed needs a reason; completed takes none.
    #[error("未完了の場合は理由を選んでください。")]
    ReasonRequired,
    /// A reason was given for a completed visit.
    #[error("完了した来庁記録には未完了の理由を付けられません。")]
    ReasonNotAllowed,
    /// `application` needs to know whether the form was brought.
    #[error("交付申請書の持参あり・なしを選んでください。")]
    FormBroughtRequired,
    /// Amending and voiding need a reason.
    #[error("修正・取り消しの理由を入力してください。")]
    WhyRequired,
    /// The note holds what looks like personal data.
    #[error(transparent)]
    PersonalData(#[from] PersonalData),
    /// An operator may correct only their own visits.
    #[error("他のオペレーターの来庁記録は現場責任者が修正します。")]
    NotYours,
    /// A bad line in an import; nothing was imported.
    #[error("{line}行目：{problem}。取り込みは行っていません。")]
    BadImportRow {
        /// 1-based line in the file (the header is line 1).
        line: usize,
        /// What is wrong.
        problem: String,
    },
    /// A visit outside the contract period in an import, not confirmed; nothing was imported.
    #[error("{line}行目：開始日（{date}）が契約期間（{from}〜{to}）の外です。現場責任者が確認した場合のみ取り込めます。取り込みは行っていません。")]
    ImportOutsideContract {
        /// 1-based line in the file.
        line: usize,
        /// The visit's day.
        date: chrono::NaiveDate,
        /// Contract start.
        from: chrono::NaiveDate,
        /// Contract end.
        to: chrono::NaiveDate,
    },
    /// An imported ID exists here with other content; nothing was imported.
    #[error("{line}行目：ID {id} はこのPCに内容の異なる記録があります。取り込みは行っていません。\nこのPC：{ours}\n取り込むファイル：{theirs}")]
    ImportConflict {
        /// Line in the file.
        line: usize,
        /// The visit ID.
        id: String,
        /// Our version as a CSV row.
        ours: String,
        /// Theirs as a CSV row.
        theirs: String,
    },
    /// The file could not be read or written.
    #[error("ファイルを読み書きできません：{0}")]
    Io(String),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl VisitError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotFound(_) => "visit_not_found",
            Self::AlreadyOpen(_) => "visit_open",
            Self::AlreadyEnded => "visit_ended",
            Self::StillOpen => "visit_still_open",
            Self::Voided => "visit_voided",
            Self::NoService => "no_service",
            Self::UnknownCode(_) => "unknown_code",
            Self::BadCode(_) => "bad_code",
            Self::BadLabel => "bad_label",
            Self::ReasonRequired => "reason_required",
            Self::ReasonNotAllowed => "reason_not_allowed",
            Self::FormBroughtRequired => "form_brought_required",
            Self::WhyRequired => "why_required",
            Self::PersonalData(e) => e.code(),
            Self::NotYours => "not_yours",
            Self::BadImportRow { .. } => "import_bad_row",
            Self::ImportConflict { .. } => "import_conflict",
            Self::ImportOutsideContract { .. } => "import_outside_contract",
            Self::Io(_) => "io",
            Self::Store(e) => e.code(),
        }
    }
}

impl From<rusqlite::Error> for VisitError {
    fn from(e: rusqlite::Error) -> Self {
        VisitError::Store(e.into())
    }
}

/// The time type domain functions take.
pub type Time = DateTime<FixedOffset>;
