//! Places a change from another counter here, once: a visit's version through the rule of
//! [`order`](super::order) (the other version kept in the visit's history), a calendar change when
//! it is newer than what made the day what it is here, a manual/FAQ document through the
//! knowledge-base import (which only ever advances a version: draft → submitted → decided), a
//! complaint or an incident report by its uid through the same rule as a visit, an opening check
//! (or a day's language counts) when it is newer than the day's record here. A
//! change that cannot be placed (its content is broken, a document's version conflicts) is noted
//! with the problem and does not stop the others.

use chrono::NaiveDate;
use serde::Deserialize;

use super::order::{incoming_wins, Stamp};
use super::{log, Change, Kind, Placed, SyncError};
use crate::calendar::{stored, CalendarConfig, DayOverride, HolidayOverride};
use crate::incidents::{shared, Complaint, Incident};
use crate::kb::escalation::{self, Escalation};
use crate::kb::transfer::{self, ExportedDocument, KbFile};
use crate::report::submission::{self, Submission};
use crate::store::Store;
use crate::visits::{self, Visit};

/// What became of a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// It is now current here.
    Applied,
    /// Already here, or older than what is here (kept in the history where there is one).
    Kept,
    /// Applied before.
    Duplicate,
    /// Could not be placed; noted with the problem.
    Failed,
}

impl Outcome {
    fn code(self) -> &'static str {
        match self {
            Outcome::Applied => "applied",
            Outcome::Kept => "kept",
            Outcome::Duplicate => "duplicate",
            Outcome::Failed => "failed",
        }
    }
}

#[derive(Deserialize)]
struct VisitContent {
    visit: Visit,
    #[serde(default)]
    why: Option<String>,
}

#[derive(Deserialize)]
struct SubmissionContent {
    submission: Submission,
    recorded_at: String,
}

#[derive(Deserialize)]
struct Pick {
    date: NaiveDate,
    picked: bool,
}

#[derive(Deserialize)]
struct DayChange<T> {
    date: NaiveDate,
    value: Option<T>,
}

fn stamp(c: &Change) -> Stamp {
    Stamp {
        revision: c.revision,
        at: c.at.clone(),
        site: c.site.clone(),
        counter: c.counter,
        uuid: c.uuid.clone(),
    }
}

fn content<T: for<'de> Deserialize<'de>>(c: &Change) -> Result<T, String> {
    serde_json::from_value(c.content.clone()).map_err(|e| e.to_string())
}

/// Applies `change` in one transaction; `now` is when (for the log).
pub fn apply(store: &mut Store, change: &Change, now: &str) -> Result<Outcome, SyncError> {
    store.in_transaction(|store| {
        if log::applied(store, &change.uuid)? {
            return Ok(Outcome::Duplicate);
        }
        let (outcome, problem) = match place(store, change) {
            Ok(o) => (o, None),
            Err(problem) => (Outcome::Failed, Some(problem)),
        };
        log::note_applied(store, change, outcome.code(), problem.as_deref(), now)?;
        Ok(outcome)
    })
}

/// Newer than what is here, by the rule.
fn newer(store: &Store, change: &Change) -> Result<bool, String> {
    let current = log::current(store, change.kind, &change.record_id).map_err(|e| e.to_string())?;
    Ok(incoming_wins(&stamp(change), current.as_ref()))
}

fn made_current(store: &Store, change: &Change) -> Result<(), String> {
    log::set_current(store, change.kind, &change.record_id, &stamp(change))
        .map_err(|e| e.to_string())
}

/// A complaint or an incident report: by its uid, through the rule (the other version kept in
/// the record's history).
fn place_record<T: shared::Record>(store: &mut Store, change: &Change) -> Result<Outcome, String> {
    let record: T = content(change)?;
    let wins = newer(store, change)?;
    let version = shared::Shared {
        uid: change.record_id.clone(),
        revision: change.revision,
    };
    let by = format!("{}（第{}窓口）", change.author, change.counter);
    let placed = shared::place(store, &version, &record, wins, &by, &change.at)
        .map_err(|e| e.to_string())?;
    if wins {
        made_current(store, change)?;
    }
    Ok(outcome_of(placed))
}

fn outcome_of(placed: Placed) -> Outcome {
    match placed {
        Placed::Added | Placed::Replaced => Outcome::Applied,
        Placed::Same | Placed::KeptOurs => Outcome::Kept,
    }
}

fn place(store: &mut Store, change: &Change) -> Result<Outcome, String> {
    let text = |e: &dyn std::fmt::Display| e.to_string();
    match change.kind {
        Kind::Visit => {
            let c: VisitContent = content(change)?;
            let wins = newer(store, change)?;
            let why = c.why.as_deref().unwrap_or("他の窓口での変更");
            let by = format!("{}（第{}窓口）", change.author, change.counter);
            let placed = visits::remote::place(store, &c.visit, wins, &by, &change.at, why)
                .map_err(|e| text(&e))?;
            if wins {
                made_current(store, change)?;
            }
            Ok(outcome_of(placed))
        }
        Kind::CalendarPick
        | Kind::CalendarOverride
        | Kind::CalendarHoliday
        | Kind::CalendarConfig => {
            if !newer(store, change)? {
                return Ok(Outcome::Kept);
            }
            match change.kind {
                Kind::CalendarPick => {
                    let p: Pick = content(change)?;
                    stored::set_weekend_pick(store, p.date, p.picked).map_err(|e| text(&e))?;
                }
                Kind::CalendarOverride => {
                    let d: DayChange<DayOverride> = content(change)?;
                    stored::set_day_override(store, d.date, d.value.as_ref())
                        .map_err(|e| text(&e))?;
                }
                Kind::CalendarHoliday => {
                    let d: DayChange<HolidayOverride> = content(change)?;
                    stored::set_holiday_override(store, d.date, d.value.as_ref())
                        .map_err(|e| text(&e))?;
                }
                _ => {
                    let c: CalendarConfig = content(change)?;
                    stored::save_config(store, &c).map_err(|e| text(&e))?;
                }
            }
            made_current(store, change)?;
            Ok(Outcome::Applied)
        }
        Kind::Complaint => place_record::<Complaint>(store, change),
        Kind::Incident => place_record::<Incident>(store, change),
        Kind::Escalation => {
            let e: Escalation = content(change)?;
            let wins = newer(store, change)?;
            let placed = escalation::place(store, &change.record_id, change.revision, &e, wins)
                .map_err(|e| text(&e))?;
            if wins {
                made_current(store, change)?;
            }
            Ok(outcome_of(placed))
        }
        Kind::Submission => {
            let s: SubmissionContent = content(change)?;
            let placed = submission::place(store, &change.record_id, &s.recorded_at, &s.submission)
                .map_err(|e| text(&e))?;
            Ok(outcome_of(placed))
        }
        Kind::OpeningCheck => {
            let r: crate::opening::Record = content(change)?;
            if !newer(store, change)? {
                return Ok(Outcome::Kept);
            }
            let placed =
                crate::opening::record::place(store, &r, change.revision).map_err(|e| text(&e))?;
            made_current(store, change)?;
            Ok(outcome_of(placed))
        }
        Kind::Outage => {
            let o: crate::netwatch::Outage = content(change)?;
            if !newer(store, change)? {
                return Ok(Outcome::Kept);
            }
            let placed = crate::netwatch::store::place(store, &o).map_err(|e| text(&e))?;
            made_current(store, change)?;
            Ok(outcome_of(placed))
        }
        Kind::LanguageCounts => {
            let d: crate::citizen::shared::DayCounts = content(change)?;
            if !newer(store, change)? {
                return Ok(Outcome::Kept);
            }
            crate::citizen::shared::place(store, change.counter, &d).map_err(|e| text(&e))?;
            made_current(store, change)?;
            Ok(Outcome::Applied)
        }
        Kind::KbDocument => {
            let doc: ExportedDocument = content(change)?;
            let file = KbFile {
                format: transfer::FORMAT.into(),
                counter: change.counter,
                documents: vec![doc],
            };
            let s = transfer::import(store, &file).map_err(|e| text(&e))?;
            Ok(if s.versions_added + s.advanced + s.documents_added > 0 {
                Outcome::Applied
            } else {
                Outcome::Kept
            })
        }
    }
}
