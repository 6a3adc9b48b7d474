//! Every change to a complaint or an incident report keeps the version it replaced, with who
//! changed it and when: a complaint's handling is looked at again later (by the site manager, by
//! the city), and a record that was quietly rewritten would not be trusted.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::{complaint_by_id, incident_by_id, Complaint, Incident, RecordError};
use crate::store::Store;

/// One earlier version of a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Earlier<T> {
    /// When it was replaced.
    pub changed_at: String,
    /// Who replaced it.
    pub changed_by: String,
    /// The record as it was.
    pub before: T,
}

/// Keeps `before` as an earlier version of record `id` of `kind` (`complaint`, `incident`).
pub(super) fn keep<T: Serialize>(
    store: &Store,
    kind: &str,
    id: i64,
    before: &T,
    by: &str,
    now: &str,
) -> Result<(), RecordError> {
    let json = serde_json::to_string(before).map_err(|_| RecordError::NotFound(id))?;
    store.conn.execute(
        "INSERT INTO record_history (kind, record_id, changed_at, changed_by, before_json) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![kind, id, now, by, json],
    )?;
    Ok(())
}

/// Keeps complaint `id` as it is now, before it is changed.
pub(super) fn keep_complaint(
    store: &Store,
    id: i64,
    by: &str,
    now: &str,
) -> Result<(), RecordError> {
    let before = complaint_by_id(store, id)?;
    keep(store, "complaint", id, &before, by, now)
}

/// Keeps incident `id` as it is now, before it is changed.
pub(super) fn keep_incident(
    store: &Store,
    id: i64,
    by: &str,
    now: &str,
) -> Result<(), RecordError> {
    let before = incident_by_id(store, id)?;
    keep(store, "incident", id, &before, by, now)
}

fn earlier<T: for<'de> Deserialize<'de>>(
    store: &Store,
    kind: &str,
    id: i64,
) -> Result<Vec<Earlier<T>>, RecordError> {
    let mut stmt = store.conn.prepare(
        "SELECT changed_at, changed_by, before_json FROM record_history WHERE kind = ?1 AND record_id = ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![kind, id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (changed_at, changed_by, json) = row?;
        if let Ok(before) = serde_json::from_str(&json) {
            out.push(Earlier {
                changed_at,
                changed_by,
                before,
            });
        }
    }
    Ok(out)
}

/// Earlier versions of complaint `id`, oldest first.
pub fn complaint_history(store: &Store, id: i64) -> Result<Vec<Earlier<Complaint>>, RecordError> {
    complaint_by_id(store, id)?;
    earlier(store, "complaint", id)
}

/// Earlier versions of incident report `id`, oldest first.
pub fn incident_history(store: &Store, id: i64) -> Result<Vec<Earlier<Incident>>, RecordError> {
    incident_by_id(store, id)?;
    earlier(store, "incident", id)
}

#[cfg(test)]
mod tests {
    use super::super::{save_complaint, save_incident};
    use super::*;

    #[test]
    fn a_change_keeps_the_version_it_replaced_and_saving_the_same_keeps_nothing() {
        let store = Store::open_in_memory().unwrap();
        let first = Complaint {
            occurred_at: "2026-11-24T10:00:00+09:00".into(),
            counter: 1,
            category: "待ち時間".into(),
            summary: "待ち時間が長い".into(),
            ..Default::default()
        };
        let id = save_complaint(&store, &first, "op1", "2026-11-24T10:05:00+09:00").unwrap();
        assert!(complaint_history(&store, id).unwrap().is_empty());
        let same = Complaint {
            id,
            summary: " 待ち時間が長い ".into(),
            ..first.clone()
        };
        save_complaint(&store, &same, "op1", "2026-11-24T10:06:00+09:00").unwrap();
        assert!(
            complaint_history(&store, id).unwrap().is_empty(),
            "saving without a change keeps nothing"
        );
        let answered = Complaint {
            id,
            response: "番号札で順番をご案内した".into(),
            closed: true,
            ..first.clone()
        };
        save_complaint(&store, &answered, "mgr", "2026-11-24T11:00:00+09:00").unwrap();
        let h = complaint_history(&store, id).unwrap();
        assert_eq!(h.len(), 1);
        assert_eq!(
            (h[0].changed_by.as_str(), h[0].changed_at.as_str()),
            ("mgr", "2026-11-24T11:00:00+09:00")
        );
        assert_eq!(h[0].before.response, "");
        assert!(!h[0].before.closed, "the version before it was closed");
        assert_eq!(
            complaint_by_id(&store, id).unwrap().response,
            "番号札で順番をご案内した"
        );

        let incident = Incident {
            occurred_at: "2026-11-24T10:00:00+09:00".into(),
            place: "第1窓口".into(),
            what: "カードリーダーが応答しなくなった".into(),
            ..Default::default()
        };
        let iid = save_incident(&store, &incident, "mgr", "t1").unwrap();
        let fixed = Incident {
            id: iid,
            prevention: "予備のリーダーを置く".into(),
            ..incident
        };
        save_incident(&store, &fixed, "mgr", "t2").unwrap();
        let h = incident_history(&store, iid).unwrap();
        assert_eq!((h.len(), h[0].before.prevention.as_str()), (1, ""));
        assert!(matches!(
            complaint_history(&store, 999),
            Err(RecordError::NotFound(999))
        ));
    }
}
