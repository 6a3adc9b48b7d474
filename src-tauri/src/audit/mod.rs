//! The audit log: who did what and when (sign-in, corrections, settings, backups, imports).
//! Entries name staff IDs and record IDs only, never a citizen's data, a password or a PIN.

use chrono::{DateTime, FixedOffset};
use rusqlite::params;
use serde::Serialize;

use crate::store::{Store, StoreError};

/// One entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// When, RFC 3339.
    pub at: String,
    /// Staff ID, or `None` for the system.
    pub actor: Option<String>,
    /// What, a stable code such as `visit.void`.
    pub action: String,
    /// Short detail (record IDs, counts).
    pub detail: String,
}

/// Appends an entry.
pub fn record(
    store: &Store,
    at: DateTime<FixedOffset>,
    actor: Option<&str>,
    action: &str,
    detail: &str,
) -> Result<(), StoreError> {
    store.conn.execute(
        "INSERT INTO audit_log (at, actor, action, detail) VALUES (?1, ?2, ?3, ?4)",
        params![at.to_rfc3339(), actor, action, detail],
    )?;
    Ok(())
}

/// The newest `limit` entries, newest first.
pub fn recent(store: &Store, limit: u32) -> Result<Vec<Entry>, StoreError> {
    let mut stmt = store
        .conn
        .prepare("SELECT at, actor, action, detail FROM audit_log ORDER BY id DESC LIMIT ?1")?;
    let rows = stmt.query_map([limit], |r| {
        Ok(Entry {
            at: r.get(0)?,
            actor: r.get(1)?,
            action: r.get(2)?,
            detail: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
