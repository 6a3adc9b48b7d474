//! The local change log: the outbox of changes made here, the changes applied from elsewhere, the
//! pull cursor per counter, and which change made each record current.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::order::Stamp;
use super::{Author, Change, Kind, SyncError};
use crate::store::Store;

/// Writes a change made here to the outbox and makes it the record's current version. Call it
/// inside the transaction of the change itself.
pub fn record<T: Serialize>(
    store: &Store,
    author: &Author,
    kind: Kind,
    record_id: &str,
    revision: i64,
    content: &T,
) -> Result<(), SyncError> {
    let uuid = uuid::Uuid::new_v4().to_string();
    let json = serde_json::to_string(content).map_err(|e| SyncError::BadContent {
        uuid: uuid.clone(),
        detail: e.to_string(),
    })?;
    store.conn.execute(
        "INSERT INTO sync_outbox (uuid, kind, record_id, revision, content, author, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            uuid,
            kind.code(),
            record_id,
            revision,
            json,
            author.name,
            author.at
        ],
    )?;
    let stamp = Stamp {
        revision,
        at: author.at.clone(),
        site: crate::site::site_id(store)?,
        counter: crate::site::counter(store)?,
        uuid,
    };
    set_current(store, kind, record_id, &stamp)
}

/// The version a record is at here, if any change made it.
pub fn current(store: &Store, kind: Kind, record_id: &str) -> Result<Option<Stamp>, SyncError> {
    Ok(store
        .conn
        .query_row(
            "SELECT revision, at, site, counter, uuid FROM sync_current WHERE kind = ?1 AND record_id = ?2",
            params![kind.code(), record_id],
            |r| {
                Ok(Stamp {
                    revision: r.get(0)?,
                    at: r.get(1)?,
                    site: r.get(2)?,
                    counter: r.get(3)?,
                    uuid: r.get(4)?,
                })
            },
        )
        .optional()?)
}

/// Records that `stamp`'s change made the record what it is here.
pub fn set_current(
    store: &Store,
    kind: Kind,
    record_id: &str,
    stamp: &Stamp,
) -> Result<(), SyncError> {
    store.conn.execute(
        "INSERT INTO sync_current (kind, record_id, revision, at, site, counter, uuid) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (kind, record_id) DO UPDATE SET revision = ?3, at = ?4, site = ?5, counter = ?6, uuid = ?7",
        params![kind.code(), record_id, stamp.revision, stamp.at, stamp.site, stamp.counter, stamp.uuid],
    )?;
    Ok(())
}

/// Changes made here and not yet pushed, oldest first, at most `limit`.
pub fn unpushed(store: &Store, limit: u32) -> Result<Vec<Change>, SyncError> {
    let (site, counter) = (crate::site::site_id(store)?, crate::site::counter(store)?);
    let mut stmt = store.conn.prepare(
        "SELECT seq, uuid, kind, record_id, revision, content, author, at FROM sync_outbox
         WHERE pushed_at IS NULL ORDER BY seq LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, String>(7)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (seq, uuid, kind, record_id, revision, content, author, at) = row?;
        let bad = |detail: String| SyncError::BadContent {
            uuid: uuid.clone(),
            detail,
        };
        let kind = Kind::from_code(&kind).ok_or_else(|| bad(format!("kind {kind}")))?;
        let content = serde_json::from_str(&content).map_err(|e| bad(e.to_string()))?;
        out.push(Change {
            uuid,
            seq,
            site: site.clone(),
            counter,
            kind,
            record_id,
            revision,
            content,
            author,
            at,
        });
    }
    Ok(out)
}

/// How many changes wait to be pushed.
pub fn pending(store: &Store) -> Result<i64, SyncError> {
    Ok(store.conn.query_row(
        "SELECT count(*) FROM sync_outbox WHERE pushed_at IS NULL",
        [],
        |r| r.get(0),
    )?)
}

/// Marks the changes up to `seq` as pushed.
pub fn mark_pushed(store: &Store, seq: i64, at: &str) -> Result<(), SyncError> {
    store.conn.execute(
        "UPDATE sync_outbox SET pushed_at = ?2 WHERE seq <= ?1 AND pushed_at IS NULL",
        params![seq, at],
    )?;
    Ok(())
}

/// The last sequence number pulled from `counter` of `site`.
pub fn cursor(store: &Store, site: &str, counter: u8) -> Result<i64, SyncError> {
    Ok(store
        .conn
        .query_row(
            "SELECT seq FROM sync_cursor WHERE site = ?1 AND counter = ?2",
            params![site, counter],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0))
}

/// Moves the pull cursor for `counter` of `site`.
pub fn set_cursor(store: &Store, site: &str, counter: u8, seq: i64) -> Result<(), SyncError> {
    store.conn.execute(
        "INSERT INTO sync_cursor (site, counter, seq) VALUES (?1, ?2, ?3)
         ON CONFLICT (site, counter) DO UPDATE SET seq = max(seq, ?3)",
        params![site, counter, seq],
    )?;
    Ok(())
}

/// Whether the change `uuid` from elsewhere has been applied here.
pub fn applied(store: &Store, uuid: &str) -> Result<bool, SyncError> {
    Ok(store
        .conn
        .query_row("SELECT 1 FROM sync_inbox WHERE uuid = ?1", [uuid], |_| {
            Ok(())
        })
        .optional()?
        .is_some())
}

/// Notes what became of a change from elsewhere.
pub fn note_applied(
    store: &Store,
    change: &Change,
    outcome: &str,
    problem: Option<&str>,
    at: &str,
) -> Result<(), SyncError> {
    store.conn.execute(
        "INSERT OR IGNORE INTO sync_inbox (uuid, site, counter, seq, kind, record_id, outcome, problem, applied_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            change.uuid,
            change.site,
            change.counter,
            change.seq,
            change.kind.code(),
            change.record_id,
            outcome,
            problem,
            at
        ],
    )?;
    Ok(())
}

/// Changes from elsewhere that could not be placed here, newest first (for the status).
pub fn problems(store: &Store, limit: u32) -> Result<Vec<(String, String)>, SyncError> {
    let mut stmt = store.conn.prepare(
        "SELECT record_id, problem FROM sync_inbox WHERE problem IS NOT NULL ORDER BY applied_at DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
