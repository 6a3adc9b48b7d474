//! Numbered, embedded, forward-only schema migrations, tracked in `PRAGMA user_version`.

use rusqlite::Connection;

use super::StoreError;

/// The migrations in order; the database's `user_version` is how many have run.
const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_init", include_str!("migrations/0001_init.sql")),
    (
        "0002_open_visits_index",
        include_str!("migrations/0002_open_visits_index.sql"),
    ),
    (
        "0003_report_submissions",
        include_str!("migrations/0003_report_submissions.sql"),
    ),
    (
        "0004_complaints_incidents",
        include_str!("migrations/0004_complaints_incidents.sql"),
    ),
    (
        "0005_knowledge_base",
        include_str!("migrations/0005_knowledge_base.sql"),
    ),
    (
        "0006_escalations",
        include_str!("migrations/0006_escalations.sql"),
    ),
    (
        "0007_audit_origin",
        include_str!("migrations/0007_audit_origin.sql"),
    ),
    (
        "0008_photo_warning_counts",
        include_str!("migrations/0008_photo_warning_counts.sql"),
    ),
    (
        "0009_password_change",
        include_str!("migrations/0009_password_change.sql"),
    ),
    (
        "0010_visit_end_for",
        include_str!("migrations/0010_visit_end_for.sql"),
    ),
    (
        "0011_kb_forward_and_import",
        include_str!("migrations/0011_kb_forward_and_import.sql"),
    ),
    (
        "0012_security_officer",
        include_str!("migrations/0012_security_officer.sql"),
    ),
    (
        "0013_record_history",
        include_str!("migrations/0013_record_history.sql"),
    ),
    ("0014_sync", include_str!("migrations/0014_sync.sql")),
    (
        "0015_record_uids",
        include_str!("migrations/0015_record_uids.sql"),
    ),
    (
        "0016_escalation_submission_uids",
        include_str!("migrations/0016_escalation_submission_uids.sql"),
    ),
    (
        "0017_incident_report_receipt",
        include_str!("migrations/0017_incident_report_receipt.sql"),
    ),
    (
        "0018_opening_checks",
        include_str!("migrations/0018_opening_checks.sql"),
    ),
    ("0019_outages", include_str!("migrations/0019_outages.sql")),
    (
        "0020_briefings",
        include_str!("migrations/0020_briefings.sql"),
    ),
    (
        "0021_kb_procedure",
        include_str!("migrations/0021_kb_procedure.sql"),
    ),
    (
        "0022_citizen_languages",
        include_str!("migrations/0022_citizen_languages.sql"),
    ),
    (
        "0023_kb_search_folded",
        include_str!("migrations/0023_kb_search_folded.sql"),
    ),
    (
        "0024_kb_search_bigrams",
        include_str!("migrations/0024_kb_search_bigrams.sql"),
    ),
    (
        "0025_citizen_languages_shared",
        include_str!("migrations/0025_citizen_languages_shared.sql"),
    ),
];

/// The schema version this build writes.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// Runs every migration the database has not seen, each in its own transaction.
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > LATEST {
        return Err(StoreError::NewerSchema {
            found: current,
            supported: LATEST,
        });
    }
    for (index, (name, sql)) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)
            .map_err(|e| StoreError::Migration { name, source: e })?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn procedure_documents_are_allowed_after_the_migration_on_the_same_connection() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        for (_, sql) in &MIGRATIONS[..20] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 20).unwrap();
        let insert = |conn: &Connection, uid: &str, kind: &str| {
            conn.execute(
                "INSERT INTO kb_documents (uid, kind, created_at) VALUES (?1, ?2, 't')",
                [uid, kind],
            )
        };
        insert(&conn, "a", "faq").unwrap();
        assert!(insert(&conn, "b", "procedure").is_err(), "refused before");
        migrate(&mut conn).unwrap();
        insert(&conn, "b", "procedure").unwrap();
        assert!(
            insert(&conn, "c", "recipe").is_err(),
            "other kinds still refused"
        );
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
        let writable: i64 = conn
            .query_row("PRAGMA writable_schema", [], |r| r.get(0))
            .unwrap();
        assert_eq!(writable, 0);
    }

    #[test]
    fn rebuilding_the_visit_history_keeps_its_rows() {
        let mut conn = Connection::open_in_memory().unwrap();
        for (_, sql) in &MIGRATIONS[..9] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 9).unwrap();
        conn.execute_batch(
            "INSERT INTO visits (seq, id, counter, operator, started_at)
                 VALUES (1, 'v1', 1, 'op1', '2026-11-24T09:00:00+09:00');
             INSERT INTO visit_history (visit_seq, revision, action, changed_at, changed_by, reason, before_json)
                 VALUES (1, 1, 'amend', '2026-11-24T10:00:00+09:00', 'mgr', '誤り', '{}');",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let kept: (String, String) = conn
            .query_row(
                "SELECT action, reason FROM visit_history WHERE visit_seq = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(kept, ("amend".into(), "誤り".into()));
        conn.execute(
            "INSERT INTO visit_history (visit_seq, revision, action, changed_at, changed_by, reason, before_json)
                 VALUES (1, 1, 'end_for', 'x', 'mgr', '退勤', '{}')",
            [],
        )
        .unwrap();
        assert!(conn
            .execute(
                "INSERT INTO visit_history (visit_seq, revision, action, changed_at, changed_by, reason, before_json)
                     VALUES (1, 1, 'delete', 'x', 'mgr', '', '{}')",
                [],
            )
            .is_err());
    }
}
