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
