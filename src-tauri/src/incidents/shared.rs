//! Complaints and incident reports between counters (the city's shared store): each record has a
//! uid, the same on every counter, and a revision that grows with every change. A version from
//! another counter is placed here by its uid: added when new; when a version is here already,
//! the sync's rule (`sync::order`) says which is current, and the other goes to the record's
//! history with who made it and when, so nothing is overwritten unseen.

use rusqlite::{params, OptionalExtension};
use serde::{de::DeserializeOwned, Serialize};

use super::{
    complaint_by_id, history, incident_by_id, save_complaint, save_incident, Complaint, Incident,
    RecordError,
};
use crate::store::Store;

/// Which table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// 苦情.
    Complaints,
    /// 事故報告書.
    Incidents,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Complaints => "complaints",
            Table::Incidents => "incidents",
        }
    }

    fn history_kind(self) -> &'static str {
        match self {
            Table::Complaints => "complaint",
            Table::Incidents => "incident",
        }
    }
}

/// A record's identity everywhere, and its revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    /// The uid.
    pub uid: String,
    /// The revision (1 when made, one more with every change).
    pub revision: i64,
}

/// Gives the row just inserted into `table` its uid (revision 1). Returns its id.
pub(super) fn made(store: &Store, table: Table) -> Result<i64, RecordError> {
    let id = store.conn.last_insert_rowid();
    store.conn.execute(
        &format!(
            "UPDATE {} SET uid = ?2, revision = 1 WHERE id = ?1",
            table.name()
        ),
        params![id, uuid::Uuid::new_v4().to_string()],
    )?;
    Ok(id)
}

/// The uid and revision of record `id`.
pub fn of(store: &Store, table: Table, id: i64) -> Result<Shared, RecordError> {
    store
        .conn
        .query_row(
            &format!("SELECT uid, revision FROM {} WHERE id = ?1", table.name()),
            [id],
            |r| {
                Ok(Shared {
                    uid: r.get(0)?,
                    revision: r.get(1)?,
                })
            },
        )
        .optional()?
        .ok_or(RecordError::NotFound(id))
}

fn id_of(store: &Store, table: Table, uid: &str) -> Result<Option<i64>, RecordError> {
    Ok(store
        .conn
        .query_row(
            &format!("SELECT id FROM {} WHERE uid = ?1", table.name()),
            [uid],
            |r| r.get(0),
        )
        .optional()?)
}

/// A complaint or an incident report, as the sharing sees it.
pub trait Record: Clone + PartialEq + Serialize + DeserializeOwned {
    /// Its table.
    const TABLE: Table;
    /// Its local number.
    fn id(&self) -> i64;
    /// The same record under local number `id`.
    fn with_id(&self, id: i64) -> Self;
    /// Reads record `id`.
    fn load(store: &Store, id: i64) -> Result<Self, RecordError>;
    /// Saves it (new when its id is 0; a change keeps the version it replaced).
    fn save(&self, store: &Store, by: &str, now: &str) -> Result<i64, RecordError>;
}

impl Record for Complaint {
    const TABLE: Table = Table::Complaints;
    fn id(&self) -> i64 {
        self.id
    }
    fn with_id(&self, id: i64) -> Self {
        Self { id, ..self.clone() }
    }
    fn load(store: &Store, id: i64) -> Result<Self, RecordError> {
        complaint_by_id(store, id)
    }
    fn save(&self, store: &Store, by: &str, now: &str) -> Result<i64, RecordError> {
        save_complaint(store, self, by, now)
    }
}

impl Record for Incident {
    const TABLE: Table = Table::Incidents;
    fn id(&self) -> i64 {
        self.id
    }
    fn with_id(&self, id: i64) -> Self {
        Self { id, ..self.clone() }
    }
    fn load(store: &Store, id: i64) -> Result<Self, RecordError> {
        incident_by_id(store, id)
    }
    fn save(&self, store: &Store, by: &str, now: &str) -> Result<i64, RecordError> {
        save_incident(store, self, by, now)
    }
}

pub use crate::sync::Placed;

/// Places `theirs` (version `shared` of a record made on another counter): `theirs_current`
/// says whether it becomes current when a version is here already. `by` and `at` say who made
/// it and when (they stand in the history).
pub fn place<T: Record>(
    store: &Store,
    shared: &Shared,
    theirs: &T,
    theirs_current: bool,
    by: &str,
    at: &str,
) -> Result<Placed, RecordError> {
    let set = |id: i64| {
        store.conn.execute(
            &format!(
                "UPDATE {} SET uid = ?2, revision = ?3 WHERE id = ?1",
                T::TABLE.name()
            ),
            params![id, shared.uid, shared.revision],
        )
    };
    let Some(id) = id_of(store, T::TABLE, &shared.uid)? else {
        let id = theirs.with_id(0).save(store, by, at)?;
        set(id)?;
        return Ok(Placed::Added);
    };
    let ours = T::load(store, id)?;
    let theirs = theirs.with_id(id);
    if !theirs_current {
        if ours != theirs {
            history::keep(store, T::TABLE.history_kind(), id, &theirs, by, at)?;
            return Ok(Placed::KeptOurs);
        }
        return Ok(Placed::Same);
    }
    let before = of(store, T::TABLE, id)?;
    theirs.save(store, by, at)?;
    set(id)?;
    Ok(
        if of(store, T::TABLE, id)? == before && T::load(store, id)? == ours {
            Placed::Same
        } else {
            Placed::Replaced
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::incidents::complaint_history;

    fn complaint(summary: &str) -> Complaint {
        Complaint {
            occurred_at: "2026-11-24T10:00:00+09:00".into(),
            counter: 1,
            category: "待ち時間".into(),
            summary: summary.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_record_gets_a_uid_and_each_change_a_revision() {
        let store = Store::open_in_memory().unwrap();
        let id = save_complaint(&store, &complaint("待ち時間が長い"), "op1", "t1").unwrap();
        let first = of(&store, Table::Complaints, id).unwrap();
        assert_eq!(first.revision, 1);
        assert_eq!(first.uid.len(), 36);
        let changed = Complaint {
            id,
            response: "順番をご案内した".into(),
            ..complaint("待ち時間が長い")
        };
        save_complaint(&store, &changed, "mgr", "t2").unwrap();
        save_complaint(&store, &changed, "mgr", "t3").unwrap();
        let now = of(&store, Table::Complaints, id).unwrap();
        assert_eq!(
            (now.uid, now.revision),
            (first.uid, 2),
            "saving the same again is no new revision"
        );
    }

    #[test]
    fn a_version_from_elsewhere_is_added_replaces_or_is_kept_in_the_history() {
        let store = Store::open_in_memory().unwrap();
        let shared = Shared {
            uid: "0b8e4a0e-3f55-4a43-9d0c-6d9c4b1f2a01".into(),
            revision: 1,
        };
        let theirs = complaint("説明が分かりにくい");
        assert_eq!(
            place(&store, &shared, &theirs, true, "op2（第2窓口）", "t1").unwrap(),
            Placed::Added
        );
        assert_eq!(
            place(&store, &shared, &theirs, true, "op2（第2窓口）", "t1").unwrap(),
            Placed::Same
        );
        let id = id_of(&store, Table::Complaints, &shared.uid)
            .unwrap()
            .unwrap();
        let newer = Shared {
            revision: 2,
            ..shared.clone()
        };
        let answered = Complaint {
            response: "図で説明し直した".into(),
            ..theirs.clone()
        };
        assert_eq!(
            place(&store, &newer, &answered, true, "mgr（第2窓口）", "t2").unwrap(),
            Placed::Replaced
        );
        assert_eq!(of(&store, Table::Complaints, id).unwrap(), newer);
        assert_eq!(
            complaint_by_id(&store, id).unwrap().response,
            "図で説明し直した"
        );
        let losing = Complaint {
            response: "別の対応".into(),
            ..theirs
        };
        assert_eq!(
            place(&store, &newer, &losing, false, "mgr（第3窓口）", "t3").unwrap(),
            Placed::KeptOurs
        );
        let h = complaint_history(&store, id).unwrap();
        let kept: Vec<&str> = h.iter().map(|e| e.before.response.as_str()).collect();
        assert_eq!(kept, vec!["", "別の対応"], "both other versions are kept");
        assert_eq!(
            complaint_by_id(&store, id).unwrap().response,
            "図で説明し直した"
        );
    }
}
