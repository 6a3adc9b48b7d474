//! The record of each briefing (仕様書 §6(4)エ: the contractor explains the manual and the
//! equipment to the city's staff in person): the day, who attended by role, which manual version
//! was explained, a note. The monthly report lists the month's briefings.

use chrono::NaiveDate;
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::store::{Store, StoreError};

/// A briefing as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Briefing {
    /// Its number.
    pub id: i64,
    /// The day it was held.
    pub held_on: NaiveDate,
    /// Who attended, by role (「市民課 2名、現場責任者 1名」), never names.
    pub attendees: String,
    /// The manual explained: 「承認済み 15 件（最終承認 2026-11-20）」.
    pub manual_version: String,
    /// What was explained or asked.
    pub note: String,
    /// Who recorded it.
    pub recorded_by: String,
    /// When, RFC 3339.
    pub recorded_at: String,
}

/// The approved manual and FAQ now, in a few words: how many documents, the latest approval.
pub fn manual_version(store: &Store) -> Result<String, StoreError> {
    let (n, last): (i64, Option<String>) = store.conn.query_row(
        "SELECT count(DISTINCT document_id), max(decided_at) FROM kb_versions WHERE status = 'approved'",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(match last {
        Some(at) => format!(
            "承認済み {n} 件（最終承認 {}）",
            at.get(..10).unwrap_or(&at)
        ),
        None => "承認済みの文書なし".into(),
    })
}

/// Records a briefing. Returns its number.
pub fn add(store: &Store, b: &Briefing) -> Result<i64, StoreError> {
    store.conn.execute(
        "INSERT INTO briefings (held_on, attendees, manual_version, note, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            b.held_on.to_string(),
            b.attendees,
            b.manual_version,
            b.note,
            b.recorded_by,
            b.recorded_at
        ],
    )?;
    Ok(store.conn.last_insert_rowid())
}

/// The briefings held from `from` to `to`, oldest first.
pub fn between(store: &Store, from: NaiveDate, to: NaiveDate) -> Result<Vec<Briefing>, StoreError> {
    let mut stmt = store.conn.prepare(
        "SELECT id, held_on, attendees, manual_version, note, recorded_by, recorded_at
         FROM briefings WHERE held_on >= ?1 AND held_on <= ?2 ORDER BY held_on, id",
    )?;
    let rows = stmt.query_map(params![from.to_string(), to.to_string()], |r| {
        let held: String = r.get(1)?;
        Ok(Briefing {
            id: r.get(0)?,
            held_on: NaiveDate::parse_from_str(&held, "%Y-%m-%d").unwrap_or_default(),
            attendees: r.get(2)?,
            manual_version: r.get(3)?,
            note: r.get(4)?,
            recorded_by: r.get(5)?,
            recorded_at: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_explained_and_the_months_briefings() {
        let store = crate::kb::starter::approved_starter();
        let v = manual_version(&store).unwrap();
        assert!(
            v.starts_with(&format!(
                "承認済み {} 件",
                crate::kb::starter::STARTER.len()
            )),
            "{v}"
        );
        let b = |day: &str| Briefing {
            id: 0,
            held_on: day.parse().unwrap(),
            attendees: "市民課 2名".into(),
            manual_version: v.clone(),
            note: String::new(),
            recorded_by: "manager".into(),
            recorded_at: "t".into(),
        };
        add(&store, &b("2026-11-30")).unwrap();
        add(&store, &b("2026-12-01")).unwrap();
        let nov = between(
            &store,
            "2026-11-01".parse().unwrap(),
            "2026-11-30".parse().unwrap(),
        )
        .unwrap();
        assert_eq!(nov.len(), 1);
        assert_eq!(nov[0].attendees, "市民課 2名");
        assert_eq!(
            manual_version(&Store::open_in_memory().unwrap()).unwrap(),
            "承認済みの文書なし"
        );
    }
}
