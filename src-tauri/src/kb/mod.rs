//! The manual and FAQ (仕様書 §6(4)): documents with versions that the city approves, and search.
//! Every change is a new version: draft → submitted (with a reason) → approved or returned. An
//! approved version never changes; operators only ever see the latest approved one.
//!
//! This module owns the workflow rules and the search; rendering Markdown safely and the screens
//! come with the knowledge-base tab (issue 5 is not finished: see the session note).

pub mod briefings;
pub mod diff;
pub mod escalation;
pub mod fold;
pub mod readings;
pub mod render;
pub mod search;
pub mod starter;
pub mod transfer;
pub(crate) mod workflow;

pub use search::{search, search_latest, Hit};
pub use workflow::{
    approve, approved_all, approved_procedures, changes_between, create, edit, for_services,
    forward, history, latest_approved, new_version, proposals, queue, return_version, send_back,
    set_position, submit, unrequested_changes, version, Draft, Kind, Reason, Status, Version,
};

/// What can go wrong with a document.
#[derive(Debug, thiserror::Error)]
pub enum KbError {
    /// The version is not in the state the action needs.
    #[error("この版は「{0}」のため、この操作はできません。")]
    WrongStatus(&'static str),
    /// A document already has a version being worked on.
    #[error("作業中の版がすでにあります（第{0}版）。")]
    OpenVersion(u32),
    /// A required field is empty.
    #[error("「{0}」を入力してください。")]
    Required(&'static str),
    /// A text holds what looks like personal data.
    #[error("「{field}」：{source}")]
    PersonalData {
        /// The field.
        field: &'static str,
        /// What was found.
        source: crate::privacy::PersonalData,
    },
    /// No such version or document.
    #[error("文書が見つかりません（{0}）。")]
    NotFound(i64),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

impl KbError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::WrongStatus(_) => "kb_wrong_status",
            Self::OpenVersion(_) => "kb_open_version",
            Self::Required(_) => "required",
            Self::PersonalData { source, .. } => source.code(),
            Self::NotFound(_) => "kb_not_found",
            Self::Store(e) => e.code(),
        }
    }
}

impl From<rusqlite::Error> for KbError {
    fn from(e: rusqlite::Error) -> Self {
        KbError::Store(e.into())
    }
}
