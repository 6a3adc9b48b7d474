//! Replication through a change log, the counter's side. Every replicated change made here is
//! written to the outbox in the same transaction as the change itself ([`log::record`]); the sync
//! worker pushes the outbox to the city's shared store (`central`) and pulls the other counters'
//! changes, which [`apply::apply`] places here once each. The local SQLite stays the working copy
//! and never waits on the network: a counter offline for a day catches up on its next round.
//!
//! What travels: a visit's version once it is ended, amended or voided ([`Kind::Visit`]); the
//! calendar's weekend picks, day overrides, holiday changes and configuration; a manual/FAQ
//! document with its whole history; a complaint's or an incident report's version; a question
//! for the city at each step; a monthly report as submitted; a counter's opening check of a day; a network outage; a finished
//! day's visits per citizen-display language. Open visits stay local (they are a person's work in
//! progress).
//!
//! Two versions of one record: [`order`] decides which is current with one rule, the same on
//! every counter, so all counters agree; the other stays in the record's history.

pub mod apply;
pub mod log;
pub mod order;

use serde::{Deserialize, Serialize};

use crate::store::StoreError;

/// What a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A visit's version (`{ visit, why }`).
    Visit,
    /// A weekend day picked or unpicked (`{ date, picked }`).
    CalendarPick,
    /// A special opening or closure (`{ date, value }`).
    CalendarOverride,
    /// A holiday added or removed (`{ date, value }`).
    CalendarHoliday,
    /// The calendar configuration.
    CalendarConfig,
    /// A manual/FAQ document with all its versions (the knowledge-base export of one document).
    KbDocument,
    /// A complaint's version (the complaint; the record id is its uid).
    Complaint,
    /// An incident report's version (the report; the record id is its uid).
    Incident,
    /// A question for the city at one of its steps (the record id is its uid).
    Escalation,
    /// A monthly report as submitted (`{ submission, recorded_at }`; the record id is its uid).
    Submission,
    /// A counter's opening check of a day (the record; the record id is `day/counter`).
    OpeningCheck,
    /// A network outage a counter saw (the outage; the record id is `counter/started_at`).
    Outage,
    /// A counter's visits per citizen-display language on a finished day (the record id is
    /// `counter/day`).
    LanguageCounts,
}

impl Kind {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Visit => "visit",
            Kind::CalendarPick => "calendar_pick",
            Kind::CalendarOverride => "calendar_override",
            Kind::CalendarHoliday => "calendar_holiday",
            Kind::CalendarConfig => "calendar_config",
            Kind::KbDocument => "kb_document",
            Kind::Complaint => "complaint",
            Kind::Incident => "incident",
            Kind::Escalation => "escalation",
            Kind::Submission => "report_submission",
            Kind::OpeningCheck => "opening_check",
            Kind::Outage => "outage",
            Kind::LanguageCounts => "language_counts",
        }
    }

    /// From the stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        [
            Kind::Visit,
            Kind::CalendarPick,
            Kind::CalendarOverride,
            Kind::CalendarHoliday,
            Kind::CalendarConfig,
            Kind::KbDocument,
            Kind::Complaint,
            Kind::Incident,
            Kind::Escalation,
            Kind::Submission,
            Kind::OpeningCheck,
            Kind::Outage,
            Kind::LanguageCounts,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }
}

/// One change as it travels between counters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Its identity everywhere.
    pub uuid: String,
    /// This counter's sequence number for it (1, 2, 3 … in the order made).
    pub seq: i64,
    /// The site (a city may run counters at several offices).
    pub site: String,
    /// The counter that made it.
    pub counter: u8,
    /// What it is about.
    pub kind: Kind,
    /// Which record (a visit id, a date, a document uid).
    pub record_id: String,
    /// The record's revision it makes.
    pub revision: i64,
    /// The record's content (JSON).
    pub content: serde_json::Value,
    /// Who made it.
    pub author: String,
    /// When, RFC 3339 +09:00.
    pub at: String,
}

/// What became of a version from another counter, where a record is placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placed {
    /// New here.
    Added,
    /// Already here as it is.
    Same,
    /// It is now current; ours went to the history.
    Replaced,
    /// Ours stays current; theirs went to the history.
    KeptOurs,
}

/// Who makes a change, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    /// Sign-in ID or OS user.
    pub name: String,
    /// RFC 3339 +09:00.
    pub at: String,
}

/// What can go wrong.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The local database.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A change whose content is not what its kind says.
    #[error("変更記録 {uuid} の内容を読めません（{detail}）")]
    BadContent {
        /// The change.
        uuid: String,
        /// Why.
        detail: String,
    },
}

impl SyncError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Store(e) => e.code(),
            Self::BadContent { .. } => "sync_bad_content",
        }
    }
}

impl From<rusqlite::Error> for SyncError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Store(e.into())
    }
}
