//! The outages in the store: opened and closed by the watch, acknowledged when the site manager
//! takes up the incident-report prompt. Each change goes into the change log, so every counter
//! and the shared store hold every counter's outages (record id `counter/started_at`).

use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::netcheck::Cause;
use crate::store::{Store, StoreError};
use crate::sync::{self, Kind, Placed};

/// One outage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outage {
    /// Its number here (not replicated; 0 for one from elsewhere before it is placed).
    #[serde(default)]
    pub id: i64,
    /// The counter that saw it.
    pub counter: u8,
    /// When the first failing probe ran, RFC 3339 +09:00.
    pub started_at: String,
    /// When every target answered again; `None` while it lasts.
    pub ended_at: Option<String>,
    /// The first failure's cause category.
    pub cause: Cause,
    /// Its name in Japanese (for the screens; not stored).
    #[serde(skip_deserializing, default)]
    pub cause_label: String,
    /// The failing targets' names, joined with 「、」.
    pub targets: String,
    /// The first failure's detail.
    pub detail: String,
    /// The site manager took up the incident-report prompt.
    #[serde(default)]
    pub acknowledged: bool,
}

impl Outage {
    /// The record id in the change log.
    pub fn record_id(&self) -> String {
        format!("{}/{}", self.counter, self.started_at)
    }

    /// When it began and ended — `now` (RFC 3339) while it lasts — if the stamps read.
    pub fn span(
        &self,
        now: &str,
    ) -> Option<(
        chrono::DateTime<chrono::FixedOffset>,
        chrono::DateTime<chrono::FixedOffset>,
    )> {
        let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).ok();
        Some((
            at(&self.started_at)?,
            at(self.ended_at.as_deref().unwrap_or(now))?,
        ))
    }

    /// Its length in whole minutes up to `now` while it lasts.
    pub fn minutes(&self, now: &str) -> i64 {
        self.span(now)
            .map_or(0, |(a, b)| (b - a).num_minutes().max(0))
    }
}

const COLUMNS: &str = "id, counter, started_at, ended_at, cause, targets, detail, acknowledged";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Outage> {
    let cause: String = r.get(4)?;
    let cause = Cause::from_code(&cause).unwrap_or(Cause::Http);
    Ok(Outage {
        id: r.get(0)?,
        counter: r.get(1)?,
        started_at: r.get(2)?,
        ended_at: r.get(3)?,
        cause,
        cause_label: cause.label().into(),
        targets: r.get(5)?,
        detail: r.get(6)?,
        acknowledged: r.get(7)?,
    })
}

fn by_id(store: &Store, id: i64) -> Result<Option<Outage>, StoreError> {
    Ok(store
        .conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM outages WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?)
}

fn log(store: &Store, o: &Outage, author: &sync::Author) -> Result<(), sync::SyncError> {
    let revision: i64 = store.conn.query_row(
        "UPDATE outages SET revision = revision + 1 WHERE id = ?1 RETURNING revision",
        [o.id],
        |r| r.get(0),
    )?;
    sync::log::record(store, author, Kind::Outage, &o.record_id(), revision, o)
}

/// The outage open at `counter`, if any.
pub fn current(store: &Store, counter: u8) -> Result<Option<Outage>, StoreError> {
    Ok(store
        .conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM outages WHERE counter = ?1 AND ended_at IS NULL
                 ORDER BY started_at DESC LIMIT 1"
            ),
            [counter],
            from_row,
        )
        .optional()?)
}

/// Opens an outage at `counter`.
pub fn open(
    store: &Store,
    counter: u8,
    started_at: &str,
    cause: Cause,
    targets: &[String],
    detail: &str,
    author: &sync::Author,
) -> Result<Outage, sync::SyncError> {
    store.conn.execute(
        "INSERT INTO outages (counter, started_at, cause, targets, detail, revision)
         VALUES (?1, ?2, ?3, ?4, ?5, 0)",
        params![
            counter,
            started_at,
            cause.code(),
            targets.join("、"),
            detail
        ],
    )?;
    let o = by_id(store, store.conn.last_insert_rowid())?.ok_or(gone())?;
    log(store, &o, author)?;
    Ok(o)
}

/// Closes outage `id` at `ended_at`.
pub fn close(
    store: &Store,
    id: i64,
    ended_at: &str,
    author: &sync::Author,
) -> Result<Outage, sync::SyncError> {
    store.conn.execute(
        "UPDATE outages SET ended_at = ?2 WHERE id = ?1",
        params![id, ended_at],
    )?;
    let o = by_id(store, id)?.ok_or(gone())?;
    log(store, &o, author)?;
    Ok(o)
}

fn gone() -> StoreError {
    StoreError::Sqlite(rusqlite::Error::QueryReturnedNoRows)
}

/// Marks outage `id` as taken up by the site manager; `None` when there is no such outage.
pub fn acknowledge(
    store: &Store,
    id: i64,
    author: &sync::Author,
) -> Result<Option<Outage>, sync::SyncError> {
    store
        .conn
        .execute("UPDATE outages SET acknowledged = 1 WHERE id = ?1", [id])?;
    let Some(o) = by_id(store, id)? else {
        return Ok(None);
    };
    log(store, &o, author)?;
    Ok(Some(o))
}

/// Outages that began from `from` (inclusive) to `to` (exclusive), RFC 3339 bounds, oldest first.
pub fn between(store: &Store, from: &str, to: &str) -> Result<Vec<Outage>, StoreError> {
    let mut stmt = store.conn.prepare(&format!(
        "SELECT {COLUMNS} FROM outages WHERE started_at >= ?1 AND started_at < ?2
         ORDER BY started_at, counter"
    ))?;
    let rows = stmt.query_map(params![from, to], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Outages long enough for the incident-report prompt (`minutes` or more up to `now`) that the
/// site manager has not taken up, oldest first.
pub fn to_report(store: &Store, minutes: i64, now: &str) -> Result<Vec<Outage>, StoreError> {
    let mut stmt = store.conn.prepare(&format!(
        "SELECT {COLUMNS} FROM outages WHERE acknowledged = 0 ORDER BY started_at"
    ))?;
    let rows: Vec<Outage> = stmt.query_map([], from_row)?.collect::<Result<_, _>>()?;
    Ok(rows
        .into_iter()
        .filter(|o| o.minutes(now) >= minutes)
        .collect())
}

/// Places another counter's version (already decided to be current by the change log's rule).
pub fn place(store: &Store, o: &Outage) -> Result<Placed, StoreError> {
    let here: Option<Outage> = store
        .conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM outages WHERE counter = ?1 AND started_at = ?2"),
            params![o.counter, o.started_at],
            from_row,
        )
        .optional()?;
    let Some(here) = here else {
        store.conn.execute(
            "INSERT INTO outages (counter, started_at, ended_at, cause, targets, detail, acknowledged)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![o.counter, o.started_at, o.ended_at, o.cause.code(), o.targets, o.detail, o.acknowledged],
        )?;
        return Ok(Placed::Added);
    };
    let same = Outage {
        id: here.id,
        cause_label: here.cause_label.clone(),
        ..o.clone()
    };
    if same == here {
        return Ok(Placed::Same);
    }
    store.conn.execute(
        "UPDATE outages SET ended_at = ?2, cause = ?3, targets = ?4, detail = ?5, acknowledged = ?6
         WHERE id = ?1",
        params![
            here.id,
            o.ended_at,
            o.cause.code(),
            o.targets,
            o.detail,
            o.acknowledged
        ],
    )?;
    Ok(Placed::Replaced)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn author(at: &str) -> sync::Author {
        sync::Author {
            name: "system".into(),
            at: at.into(),
        }
    }

    #[test]
    fn open_close_acknowledge_and_the_prompt() {
        let store = Store::open_in_memory().unwrap();
        let t0 = "2026-11-30T10:00:00+09:00";
        let o = open(
            &store,
            1,
            t0,
            Cause::Dns,
            &["J-LIS".into(), "Myna".into()],
            "名前を解決できません",
            &author(t0),
        )
        .unwrap();
        assert_eq!(current(&store, 1).unwrap().unwrap().id, o.id);
        assert_eq!(current(&store, 2).unwrap(), None);
        assert_eq!(o.targets, "J-LIS、Myna");
        assert!(to_report(&store, 10, "2026-11-30T10:09:59+09:00")
            .unwrap()
            .is_empty());
        assert_eq!(
            to_report(&store, 10, "2026-11-30T10:10:00+09:00")
                .unwrap()
                .len(),
            1,
            "still open at 10 minutes"
        );
        let closed = close(&store, o.id, "2026-11-30T10:25:00+09:00", &author(t0)).unwrap();
        assert_eq!(closed.minutes("2026-11-30T18:00:00+09:00"), 25);
        assert_eq!(current(&store, 1).unwrap(), None);
        assert_eq!(
            to_report(&store, 10, "2026-11-30T18:00:00+09:00")
                .unwrap()
                .len(),
            1,
            "closed but long"
        );
        assert!(acknowledge(&store, o.id, &author(t0)).unwrap().is_some());
        assert_eq!(acknowledge(&store, 999, &author(t0)).unwrap(), None);
        assert!(to_report(&store, 10, "2026-11-30T18:00:00+09:00")
            .unwrap()
            .is_empty());
        let all = between(
            &store,
            "2026-11-01T00:00:00+09:00",
            "2026-12-01T00:00:00+09:00",
        )
        .unwrap();
        assert_eq!(all.len(), 1);
        let logged: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM sync_outbox WHERE kind = 'outage'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(logged, 3, "opened, closed, acknowledged");
        // Another counter's version: added once, then replaced by its close.
        let mut theirs = Outage {
            id: 0,
            counter: 2,
            ended_at: None,
            cause_label: String::new(),
            ..closed.clone()
        };
        assert_eq!(place(&store, &theirs).unwrap(), Placed::Added);
        assert_eq!(place(&store, &theirs).unwrap(), Placed::Same);
        theirs.ended_at = Some("2026-11-30T10:05:00+09:00".into());
        assert_eq!(place(&store, &theirs).unwrap(), Placed::Replaced);
        assert_eq!(current(&store, 2).unwrap(), None);
    }
}
