//! Complaints (苦情, 仕様書 §6(3)イ) and incident reports (事故報告書, §14): what was said or what
//! happened, how it was handled, escalation to the city and its answer. Every free-text field goes
//! through the personal-data check; people are described without names.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

pub mod history;
pub mod shared;

pub use history::{complaint_history, incident_history, Earlier};

use crate::clock;
use crate::privacy::{check_text, PersonalData};
use crate::store::{Store, StoreError};

/// Longest free text in one field.
pub const MAX_FIELD_CHARS: usize = 1000;

/// What can go wrong.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    /// A required field is empty.
    #[error("「{0}」を入力してください。")]
    Required(&'static str),
    /// A field holds what looks like personal data.
    #[error("「{field}」：{source}")]
    PersonalData {
        /// The field's Japanese name.
        field: &'static str,
        /// What was found.
        source: PersonalData,
    },
    /// A time that is not RFC 3339.
    #[error("日時の形式が正しくありません。")]
    BadTime,
    /// No such record.
    #[error("記録が見つかりません（{0}）。")]
    NotFound(i64),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl RecordError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Required(_) => "required",
            Self::PersonalData { source, .. } => source.code(),
            Self::BadTime => "bad_time",
            Self::NotFound(_) => "record_not_found",
            Self::Store(e) => e.code(),
        }
    }
}

impl From<rusqlite::Error> for RecordError {
    fn from(e: rusqlite::Error) -> Self {
        RecordError::Store(e.into())
    }
}

/// A complaint.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Complaint {
    /// Its number (0 for a new one).
    #[serde(default)]
    pub id: i64,
    /// When, RFC 3339.
    pub occurred_at: String,
    /// Counter.
    pub counter: u8,
    /// Category, e.g. 待ち時間, 説明, 制度, 職員の対応, その他.
    pub category: String,
    /// What the citizen said, in summary.
    pub summary: String,
    /// How it was handled.
    #[serde(default)]
    pub response: String,
    /// Escalated to the city.
    #[serde(default)]
    pub escalated: bool,
    /// The city's answer.
    #[serde(default)]
    pub city_answer: String,
    /// Closed.
    #[serde(default)]
    pub closed: bool,
}

/// An incident report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incident {
    /// Its number (0 for a new one).
    #[serde(default)]
    pub id: i64,
    /// When, RFC 3339.
    pub occurred_at: String,
    /// Where.
    pub place: String,
    /// What happened.
    pub what: String,
    /// Who was affected, without names (e.g. 「来庁者1名」).
    #[serde(default)]
    pub affected: String,
    /// Immediate response.
    #[serde(default)]
    pub response: String,
    /// Cause.
    #[serde(default)]
    pub cause: String,
    /// Prevention.
    #[serde(default)]
    pub prevention: String,
    /// Day reported to the city.
    #[serde(default)]
    pub reported_on: Option<NaiveDate>,
    /// Who reports it, as a role (現場責任者, 業務責任者), never a name.
    #[serde(default = "default_reporter")]
    pub reporter_role: String,
    /// The day the city received the report.
    #[serde(default)]
    pub received_on: Option<NaiveDate>,
    /// The city's section that received it (e.g. 市民課).
    #[serde(default)]
    pub received_by: String,
}

fn default_reporter() -> String {
    "現場責任者".into()
}

impl Default for Incident {
    fn default() -> Self {
        Self {
            id: 0,
            occurred_at: String::new(),
            place: String::new(),
            what: String::new(),
            affected: String::new(),
            response: String::new(),
            cause: String::new(),
            prevention: String::new(),
            reported_on: None,
            reporter_role: default_reporter(),
            received_on: None,
            received_by: String::new(),
        }
    }
}

fn check(fields: &[(&'static str, &str, bool)]) -> Result<(), RecordError> {
    for (name, text, required) in fields {
        if *required && text.trim().is_empty() {
            return Err(RecordError::Required(name));
        }
        check_text(text, MAX_FIELD_CHARS).map_err(|source| RecordError::PersonalData {
            field: name,
            source,
        })?;
    }
    Ok(())
}

fn stamp_of(text: &str) -> Result<String, RecordError> {
    clock::parse(text)
        .map(clock::stamp)
        .ok_or(RecordError::BadTime)
}

/// Saves a complaint (new when `id` is 0). Returns its id.
pub fn save_complaint(
    store: &Store,
    c: &Complaint,
    by: &str,
    now: &str,
) -> Result<i64, RecordError> {
    check(&[
        ("分類", &c.category, true),
        ("内容の要旨", &c.summary, true),
        ("対応", &c.response, false),
        ("市の回答", &c.city_answer, false),
    ])?;
    let at = stamp_of(&c.occurred_at)?;
    let status = if c.closed { "closed" } else { "open" };
    if c.id == 0 {
        store.conn.execute(
            "INSERT INTO complaints (occurred_at, counter, category, summary, response, escalated, city_answer, status, recorded_by, recorded_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
            params![at, c.counter, c.category.trim(), c.summary.trim(), c.response.trim(), c.escalated, c.city_answer.trim(), status, by, now],
        )?;
        return shared::made(store, shared::Table::Complaints);
    }
    if complaint_by_id(store, c.id)?
        == (Complaint {
            occurred_at: at.clone(),
            ..tidy_complaint(c)
        })
    {
        return Ok(c.id);
    }
    history::keep_complaint(store, c.id, by, now)?;
    let n = store.conn.execute(
        "UPDATE complaints SET occurred_at = ?2, counter = ?3, category = ?4, summary = ?5, response = ?6, escalated = ?7,
                city_answer = ?8, status = ?9, updated_at = ?10, revision = revision + 1 WHERE id = ?1",
        params![c.id, at, c.counter, c.category.trim(), c.summary.trim(), c.response.trim(), c.escalated, c.city_answer.trim(), status, now],
    )?;
    if n == 0 {
        return Err(RecordError::NotFound(c.id));
    }
    Ok(c.id)
}

/// Saves an incident report (new when `id` is 0). Returns its id.
pub fn save_incident(store: &Store, i: &Incident, by: &str, now: &str) -> Result<i64, RecordError> {
    check(&[
        ("場所", &i.place, true),
        ("発生した事象", &i.what, true),
        ("影響を受けた方", &i.affected, false),
        ("初動対応", &i.response, false),
        ("原因", &i.cause, false),
        ("再発防止策", &i.prevention, false),
        ("報告者（役職）", &i.reporter_role, true),
        ("受領した課", &i.received_by, false),
    ])?;
    if i.received_on.is_some() && i.reported_on.is_none() {
        return Err(RecordError::Required("市への報告日"));
    }
    let at = stamp_of(&i.occurred_at)?;
    if i.id == 0 {
        store.conn.execute(
            "INSERT INTO incidents (occurred_at, place, what, affected, response, cause, prevention, reported_on, recorded_by, recorded_at, updated_at,
                                    reporter_role, received_on, received_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11, ?12, ?13)",
            params![at, i.place.trim(), i.what.trim(), i.affected.trim(), i.response.trim(), i.cause.trim(), i.prevention.trim(), i.reported_on, by, now,
                    i.reporter_role.trim(), i.received_on, i.received_by.trim()],
        )?;
        return shared::made(store, shared::Table::Incidents);
    }
    if incident_by_id(store, i.id)?
        == (Incident {
            occurred_at: at.clone(),
            ..tidy_incident(i)
        })
    {
        return Ok(i.id);
    }
    history::keep_incident(store, i.id, by, now)?;
    let n = store.conn.execute(
        "UPDATE incidents SET occurred_at = ?2, place = ?3, what = ?4, affected = ?5, response = ?6, cause = ?7, prevention = ?8,
                reported_on = ?9, updated_at = ?10, revision = revision + 1, reporter_role = ?11, received_on = ?12, received_by = ?13
         WHERE id = ?1",
        params![i.id, at, i.place.trim(), i.what.trim(), i.affected.trim(), i.response.trim(), i.cause.trim(), i.prevention.trim(), i.reported_on, now,
                i.reporter_role.trim(), i.received_on, i.received_by.trim()],
    )?;
    if n == 0 {
        return Err(RecordError::NotFound(i.id));
    }
    Ok(i.id)
}

fn complaint(r: &Row<'_>) -> rusqlite::Result<Complaint> {
    Ok(Complaint {
        id: r.get(0)?,
        occurred_at: r.get(1)?,
        counter: r.get(2)?,
        category: r.get(3)?,
        summary: r.get(4)?,
        response: r.get(5)?,
        escalated: r.get(6)?,
        city_answer: r.get(7)?,
        closed: r.get::<_, String>(8)? == "closed",
    })
}

fn incident(r: &Row<'_>) -> rusqlite::Result<Incident> {
    Ok(Incident {
        id: r.get(0)?,
        occurred_at: r.get(1)?,
        place: r.get(2)?,
        what: r.get(3)?,
        affected: r.get(4)?,
        response: r.get(5)?,
        cause: r.get(6)?,
        prevention: r.get(7)?,
        reported_on: r.get(8)?,
        reporter_role: r.get(9)?,
        received_on: r.get(10)?,
        received_by: r.get(11)?,
    })
}

/// One complaint.
pub fn complaint_by_id(store: &Store, id: i64) -> Result<Complaint, RecordError> {
    store
        .conn
        .query_row(
            "SELECT id, occurred_at, counter, category, summary, response, escalated, city_answer, status FROM complaints
             WHERE id = ?1",
            [id],
            complaint,
        )
        .optional()?
        .ok_or(RecordError::NotFound(id))
}

/// One incident report.
pub fn incident_by_id(store: &Store, id: i64) -> Result<Incident, RecordError> {
    store
        .conn
        .query_row(
            "SELECT id, occurred_at, place, what, affected, response, cause, prevention, reported_on, reporter_role, received_on, received_by FROM incidents
             WHERE id = ?1",
            [id],
            incident,
        )
        .optional()?
        .ok_or(RecordError::NotFound(id))
}

/// The complaint as it is stored: its texts trimmed.
fn tidy_complaint(c: &Complaint) -> Complaint {
    Complaint {
        category: c.category.trim().into(),
        summary: c.summary.trim().into(),
        response: c.response.trim().into(),
        city_answer: c.city_answer.trim().into(),
        ..c.clone()
    }
}

/// The incident report as it is stored: its texts trimmed.
fn tidy_incident(i: &Incident) -> Incident {
    Incident {
        place: i.place.trim().into(),
        what: i.what.trim().into(),
        affected: i.affected.trim().into(),
        response: i.response.trim().into(),
        cause: i.cause.trim().into(),
        prevention: i.prevention.trim().into(),
        reporter_role: i.reporter_role.trim().into(),
        received_by: i.received_by.trim().into(),
        ..i.clone()
    }
}

/// Incident reports not yet reported to the city, oldest first (the header warns while there is
/// one).
pub fn unreported(store: &Store) -> Result<Vec<Incident>, RecordError> {
    let mut stmt = store.conn.prepare(
        "SELECT id, occurred_at, place, what, affected, response, cause, prevention, reported_on, reporter_role, received_on, received_by
         FROM incidents WHERE reported_on IS NULL ORDER BY occurred_at",
    )?;
    let rows = stmt.query_map([], incident)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Complaints that occurred from `from` to `to` (both included), oldest first.
pub fn complaints_between(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Complaint>, RecordError> {
    let next = to.succ_opt().unwrap_or(to);
    let mut stmt = store.conn.prepare(
        "SELECT id, occurred_at, counter, category, summary, response, escalated, city_answer, status FROM complaints
         WHERE occurred_at >= ?1 AND occurred_at < ?2 ORDER BY occurred_at, id",
    )?;
    let rows = stmt.query_map([clock::day_start(from), clock::day_start(next)], complaint)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Incidents that occurred from `from` to `to` (both included), oldest first.
pub fn incidents_between(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Incident>, RecordError> {
    let next = to.succ_opt().unwrap_or(to);
    let mut stmt = store.conn.prepare(
        "SELECT id, occurred_at, place, what, affected, response, cause, prevention, reported_on, reporter_role, received_on, received_by FROM incidents
         WHERE occurred_at >= ?1 AND occurred_at < ?2 ORDER BY occurred_at, id",
    )?;
    let rows = stmt.query_map([clock::day_start(from), clock::day_start(next)], incident)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Complaints and incidents of a period, as the report and the 苦情・事故 tab show them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Records {
    /// Complaints, oldest first.
    pub complaints: Vec<Complaint>,
    /// Incident reports, oldest first.
    pub incidents: Vec<Incident>,
}

/// Complaints and incidents from `from` to `to` (both included).
pub fn records_between(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Records, RecordError> {
    Ok(Records {
        complaints: complaints_between(store, from, to)?,
        incidents: incidents_between(store, from, to)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn complaints_are_checked_saved_updated_and_listed_by_month() {
        let store = Store::open_in_memory().unwrap();
        let mut c = Complaint {
            occurred_at: "2023-07-03T10:00:00+09:00".into(),
            counter: 1,
            category: "待ち時間".into(),
            summary: "待ち時間が長いとのご意見".into(),
            ..Default::default()
        };
        let mut leaky = c.clone();
        leaky.summary = "090-1234-5678 に折り返し希望".into();
        let err = save_complaint(&store, &leaky, "op1", "t").unwrap_err();
        assert!(
            matches!(
                err,
                RecordError::PersonalData {
                    field: "内容の要旨",
                    ..
                }
            ),
            "{err:?}"
        );
        c.id = save_complaint(&store, &c, "op1", "t").unwrap();
        c.escalated = true;
        c.city_answer = "案内表示を増やす".into();
        c.closed = true;
        save_complaint(&store, &c, "manager", "t2").unwrap();
        let july = complaints_between(&store, d(2023, 7, 1), d(2023, 7, 31)).unwrap();
        assert_eq!(july, vec![c.clone()]);
        assert!(complaints_between(&store, d(2023, 8, 1), d(2023, 8, 31))
            .unwrap()
            .is_empty());
        let missing = Complaint { id: 99, ..c };
        assert!(matches!(
            save_complaint(&store, &missing, "m", "t"),
            Err(RecordError::NotFound(99))
        ));
    }

    #[test]
    fn an_incident_report_names_its_reporter_and_carries_the_citys_receipt() {
        let store = Store::open_in_memory().unwrap();
        let mut i = Incident {
            occurred_at: "2023-07-03T10:00:00+09:00".into(),
            place: "第1窓口".into(),
            what: "停電".into(),
            ..Default::default()
        };
        assert_eq!(
            i.reporter_role, "現場責任者",
            "the default reporter is a role"
        );
        i.id = save_incident(&store, &i, "mgr", "t1").unwrap();
        assert_eq!(unreported(&store).unwrap().len(), 1, "not yet reported");
        i.received_on = Some(d(2023, 7, 6));
        assert!(
            matches!(
                save_incident(&store, &i, "mgr", "t2"),
                Err(RecordError::Required(_))
            ),
            "received before it was reported"
        );
        i.reported_on = Some(d(2023, 7, 5));
        i.received_by = "市民課".into();
        save_incident(&store, &i, "mgr", "t3").unwrap();
        assert!(unreported(&store).unwrap().is_empty());
        let back = incident_by_id(&store, i.id).unwrap();
        assert_eq!(
            (back.received_on, back.received_by.as_str()),
            (Some(d(2023, 7, 6)), "市民課")
        );
        i.reporter_role = "山田 090-1234-5678".into();
        assert!(matches!(
            save_incident(&store, &i, "mgr", "t4"),
            Err(RecordError::PersonalData { .. })
        ));
    }

    #[test]
    fn incidents_need_place_and_what() {
        let store = Store::open_in_memory().unwrap();
        let mut i = Incident {
            occurred_at: "2023-07-05T14:00:00+09:00".into(),
            place: "第1窓口".into(),
            ..Default::default()
        };
        assert!(matches!(
            save_incident(&store, &i, "m", "t"),
            Err(RecordError::Required("発生した事象"))
        ));
        i.what = "カードリーダーの故障により30分受付停止".into();
        i.affected = "来庁者2名（待ち）".into();
        i.reported_on = Some(d(2023, 7, 5));
        i.id = save_incident(&store, &i, "m", "t").unwrap();
        assert_eq!(
            incidents_between(&store, d(2023, 7, 1), d(2023, 7, 31)).unwrap(),
            vec![i]
        );
    }
}
