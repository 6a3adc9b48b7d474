//! The audit trail: who did what and when, and from where (the kiosk window, the command line, or
//! the app itself). Entries name staff IDs, OS user names and record IDs only, never a citizen's
//! data, a password or a PIN. Entries are written by the use-case layer in the same transaction as
//! the change they record; this module owns the table and its queries.

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::store::{Store, StoreError};

/// Where an action came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// A signed-in account in the kiosk window (or the sign-in screen).
    Window,
    /// The command line, run by an OS user.
    Cli,
    /// The app itself (start-up, time limits).
    System,
}

impl Origin {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Window => "window",
            Self::Cli => "cli",
            Self::System => "system",
        }
    }

    fn from_code(code: &str) -> Self {
        match code {
            "cli" => Self::Cli,
            "system" => Self::System,
            _ => Self::Window,
        }
    }

    /// In Japanese.
    pub fn label(self) -> &'static str {
        match self {
            Self::Window => "画面",
            Self::Cli => "コマンドライン",
            Self::System => "システム",
        }
    }
}

/// One entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// When, RFC 3339.
    pub at: String,
    /// Staff ID or OS user, or `None` for the system and anonymous attempts.
    pub actor: Option<String>,
    /// From where.
    pub origin: Origin,
    /// What, a stable code such as `visit.void`.
    pub action: String,
    /// Short detail (record IDs, counts).
    pub detail: String,
}

/// Which entries to read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Filter {
    /// From this day (Tokyo), included.
    pub from: Option<NaiveDate>,
    /// To this day, included.
    pub to: Option<NaiveDate>,
    /// Only this actor.
    pub actor: Option<String>,
    /// At most this many, newest first (default 500).
    pub limit: Option<u32>,
}

/// Appends an entry.
pub fn record(
    store: &Store,
    at: DateTime<FixedOffset>,
    actor: Option<&str>,
    origin: Origin,
    action: &str,
    detail: &str,
) -> Result<(), StoreError> {
    store.conn.execute(
        "INSERT INTO audit_log (at, actor, origin, action, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            crate::clock::stamp(at),
            actor,
            origin.code(),
            action,
            detail
        ],
    )?;
    Ok(())
}

/// Entries matching `filter`, newest first.
pub fn query(store: &Store, filter: &Filter) -> Result<Vec<Entry>, StoreError> {
    let from = filter.from.map(crate::clock::day_start);
    let to = filter
        .to
        .and_then(|d| d.succ_opt())
        .map(crate::clock::day_start);
    let mut stmt = store.conn.prepare(
        "SELECT at, actor, origin, action, detail FROM audit_log
         WHERE (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR at < ?2) AND (?3 IS NULL OR actor = ?3)
         ORDER BY id DESC LIMIT ?4",
    )?;
    let rows = stmt.query_map(
        params![from, to, filter.actor, filter.limit.unwrap_or(500)],
        |r| {
            let origin: String = r.get(2)?;
            Ok(Entry {
                at: r.get(0)?,
                actor: r.get(1)?,
                origin: Origin::from_code(&origin),
                action: r.get(3)?,
                detail: r.get(4)?,
            })
        },
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// When `action` was last recorded (the stored RFC 3339 text), if ever.
pub fn last_at(store: &Store, action: &str) -> Result<Option<String>, StoreError> {
    Ok(store
        .conn
        .query_row(
            "SELECT at FROM audit_log WHERE action = ?1 ORDER BY id DESC LIMIT 1",
            [action],
            |r| r.get(0),
        )
        .optional()?)
}

/// How many entries there are (tests and diagnostics).
pub fn count(store: &Store) -> Result<i64, StoreError> {
    Ok(store
        .conn
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_trail_filters_by_period_and_actor() {
        let store = Store::open_in_memory().unwrap();
        let t = |s: &str| crate::clock::parse(s).unwrap();
        record(
            &store,
            t("2026-11-01T09:00:00+09:00"),
            Some("op1"),
            Origin::Window,
            "visit.start",
            "a",
        )
        .unwrap();
        record(
            &store,
            t("2026-11-02T23:59:00+09:00"),
            Some("root"),
            Origin::Cli,
            "backup",
            "b",
        )
        .unwrap();
        record(
            &store,
            t("2026-11-03T00:00:00+09:00"),
            None,
            Origin::System,
            "start",
            "c",
        )
        .unwrap();
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let all = query(&store, &Filter::default()).unwrap();
        assert_eq!(all.len(), 3);
        assert_eq!(all[0].detail, "c", "newest first");
        let nov2 = query(
            &store,
            &Filter {
                from: day("2026-11-02"),
                to: day("2026-11-02"),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(
            nov2.len(),
            1,
            "a day runs to midnight Tokyo time, both ends"
        );
        assert_eq!(nov2[0].origin, Origin::Cli);
        let op1 = query(
            &store,
            &Filter {
                actor: Some("op1".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(op1.len(), 1);
    }
}
