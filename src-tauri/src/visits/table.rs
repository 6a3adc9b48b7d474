//! Queries of the `visits`, `visit_services` and `visit_history` tables.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{Outcome, Visit, VisitError, Voided};
use crate::store::Store;

const COLUMNS: &str =
    "v.seq, v.id, v.counter, v.operator, v.started_at, v.ended_at, v.outcome, v.reason,
    v.form_brought, v.note, v.revision, v.voided_at, v.voided_by, v.void_reason, v.imported,
    (SELECT group_concat(vs.service, ';') FROM visit_services vs WHERE vs.visit_seq = v.seq)";

fn visit(row: &Row<'_>) -> rusqlite::Result<(i64, Visit)> {
    let outcome: Option<String> = row.get(6)?;
    let voided_at: Option<String> = row.get(11)?;
    let services: Option<String> = row.get(15)?;
    let visit = Visit {
        id: row.get(1)?,
        counter: row.get(2)?,
        operator: row.get(3)?,
        started_at: row.get(4)?,
        ended_at: row.get(5)?,
        outcome: outcome.as_deref().and_then(Outcome::from_code),
        reason: row.get(7)?,
        form_brought: row.get(8)?,
        note: row.get(9)?,
        revision: row.get(10)?,
        voided: match voided_at {
            Some(at) => Some(Voided {
                at,
                by: row.get(12)?,
                reason: row.get(13)?,
            }),
            None => None,
        },
        imported: row.get(14)?,
        services: services
            .map(|s| {
                s.split(';')
                    .filter(|c| !c.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
    };
    Ok((row.get(0)?, visit))
}

/// Puts services in the order of the service list, so every view and export agrees.
pub(super) fn sort_services(store: &Store, services: &mut Vec<String>) -> Result<(), VisitError> {
    let order = super::lists::list(store, super::ListKind::Services, false)?;
    services.sort_by_key(|c| {
        order
            .iter()
            .position(|e| &e.code == c)
            .unwrap_or(usize::MAX)
    });
    services.dedup();
    Ok(())
}

pub(super) fn find(store: &Store, id: &str) -> Result<Option<(i64, Visit)>, VisitError> {
    let sql = format!("SELECT {COLUMNS} FROM visits v WHERE v.id = ?1");
    let found = store.conn.query_row(&sql, [id], visit).optional()?;
    match found {
        Some((seq, mut v)) => {
            sort_services(store, &mut v.services)?;
            Ok(Some((seq, v)))
        }
        None => Ok(None),
    }
}

/// Visits that started in `[from, to)` (stored-form times), oldest first.
pub(super) fn between(store: &Store, from: &str, to: &str) -> Result<Vec<Visit>, VisitError> {
    let sql = format!("SELECT {COLUMNS} FROM visits v WHERE v.started_at >= ?1 AND v.started_at < ?2 ORDER BY v.started_at, v.seq");
    let mut stmt = store.conn.prepare(&sql)?;
    let rows = stmt.query_map([from, to], visit)?;
    // Read the list order once, not once per visit.
    let order = super::lists::list(store, super::ListKind::Services, false)?;
    let rank = |c: &String| {
        order
            .iter()
            .position(|e| &e.code == c)
            .unwrap_or(usize::MAX)
    };
    let mut out = Vec::new();
    for row in rows {
        let (_, mut v) = row?;
        v.services.sort_by_key(rank);
        out.push(v);
    }
    Ok(out)
}

/// The operator's visit in progress; served by the partial index `visits_open`.
const OPEN_VISIT_SQL: &str = "SELECT id FROM visits WHERE counter = ?1 AND operator = ?2 AND ended_at IS NULL AND voided_at IS NULL
     ORDER BY seq DESC LIMIT 1";

pub(super) fn open_of(
    store: &Store,
    counter: u8,
    operator: &str,
) -> Result<Option<Visit>, VisitError> {
    let id: Option<String> = store
        .conn
        .query_row(OPEN_VISIT_SQL, params![counter, operator], |r| r.get(0))
        .optional()?;
    match id {
        Some(id) => Ok(find(store, &id)?.map(|(_, v)| v)),
        None => Ok(None),
    }
}

/// How many visits are in progress at `counter`.
pub(super) fn open_count(store: &Store, counter: u8) -> Result<i64, VisitError> {
    Ok(store.conn.query_row(
        "SELECT count(*) FROM visits WHERE counter = ?1 AND ended_at IS NULL AND voided_at IS NULL",
        [counter],
        |r| r.get(0),
    )?)
}

/// Inserts a whole visit with its services; returns its seq.
pub(super) fn insert(tx: &Connection, v: &Visit) -> Result<i64, VisitError> {
    tx.execute(
        "INSERT INTO visits (id, counter, operator, started_at, ended_at, outcome, reason, form_brought, note,
                             revision, voided_at, voided_by, void_reason, imported)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            v.id,
            v.counter,
            v.operator,
            v.started_at,
            v.ended_at,
            v.outcome.map(Outcome::code),
            v.reason,
            v.form_brought,
            v.note,
            v.revision,
            v.voided.as_ref().map(|x| &x.at),
            v.voided.as_ref().map(|x| &x.by),
            v.voided.as_ref().map(|x| &x.reason),
            v.imported,
        ],
    )?;
    let seq = tx.last_insert_rowid();
    set_services(tx, seq, &v.services)?;
    Ok(seq)
}

/// Writes the mutable fields of `v` over the row `seq`.
pub(super) fn update(tx: &Connection, seq: i64, v: &Visit) -> Result<(), VisitError> {
    tx.execute(
        "UPDATE visits SET ended_at = ?2, outcome = ?3, reason = ?4, form_brought = ?5, note = ?6, revision = ?7,
                voided_at = ?8, voided_by = ?9, void_reason = ?10
         WHERE seq = ?1",
        params![
            seq,
            v.ended_at,
            v.outcome.map(Outcome::code),
            v.reason,
            v.form_brought,
            v.note,
            v.revision,
            v.voided.as_ref().map(|x| &x.at),
            v.voided.as_ref().map(|x| &x.by),
            v.voided.as_ref().map(|x| &x.reason),
        ],
    )?;
    set_services(tx, seq, &v.services)
}

fn set_services(tx: &Connection, seq: i64, services: &[String]) -> Result<(), VisitError> {
    tx.execute("DELETE FROM visit_services WHERE visit_seq = ?1", [seq])?;
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO visit_services (visit_seq, service) VALUES (?1, ?2)",
    )?;
    for s in services {
        stmt.execute(params![seq, s])?;
    }
    Ok(())
}

/// Keeps the version being replaced.
pub(super) fn push_history(
    tx: &Connection,
    seq: i64,
    before: &Visit,
    action: &str,
    at: &str,
    by: &str,
    reason: &str,
) -> Result<(), VisitError> {
    let json = serde_json::to_string(before).map_err(|e| VisitError::Io(e.to_string()))?;
    tx.execute(
        "INSERT INTO visit_history (visit_seq, revision, action, changed_at, changed_by, reason, before_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![seq, before.revision, action, at, by, reason, json],
    )?;
    Ok(())
}

/// One row of `visit_history`: action, when, by whom, why, and the earlier version as JSON.
pub(super) type HistoryRow = (String, String, String, String, String);

pub(super) fn history_rows(store: &Store, seq: i64) -> Result<Vec<HistoryRow>, VisitError> {
    let mut stmt = store.conn.prepare(
        "SELECT action, changed_at, changed_by, reason, before_json FROM visit_history WHERE visit_seq = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([seq], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: starting a visit scanned every visit ever logged (68 ms with a million).
    #[test]
    fn finding_the_open_visit_uses_the_partial_index() {
        let store = Store::open_in_memory().unwrap();
        let plan: Vec<String> = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {OPEN_VISIT_SQL}"))
            .unwrap()
            .query_map(params![1, "op"], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            plan.iter().any(|p| p.contains("visits_open")),
            "query plan: {plan:?}"
        );
    }
}
