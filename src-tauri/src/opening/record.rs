//! The day's record: one per counter per day, with who ran the check, when, and every item.
//! Running it again the same day replaces the record (the audit trail keeps each run). Each save
//! goes into the change log, so the other counter and the shared store see it and the monthly
//! report lists both counters.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{Item, ManualItem, OpeningError};
use crate::store::{Store, StoreError};
use crate::sync::{self, Kind, Placed};

/// A manual item as ticked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManualTick {
    /// The item's text, as the list had it when the screen opened.
    pub label: String,
    /// Fine.
    pub ok: bool,
    /// What is wrong, or what was done (free text, no personal data expected).
    #[serde(default)]
    pub note: String,
}

/// One counter's check of one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The day.
    pub day: NaiveDate,
    /// The counter.
    pub counter: u8,
    /// When it was saved, RFC 3339 +09:00.
    pub done_at: String,
    /// Who ran it (sign-in ID).
    pub done_by: String,
    /// The automatic items, then the manual ones.
    pub items: Vec<Item>,
}

impl Record {
    /// The items that failed.
    pub fn ng(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| !i.ok)
    }

    /// The record id in the change log: `2026-11-30/1`.
    pub fn record_id(&self) -> String {
        format!("{}/{}", self.day, self.counter)
    }
}

/// The manual items as answered, checked against the list: the same items in the same order
/// (a list changed while the screen was open is refused rather than recorded under wrong names).
pub fn manual_items(list: &[ManualItem], ticks: &[ManualTick]) -> Result<Vec<Item>, OpeningError> {
    if list.len() != ticks.len() || list.iter().zip(ticks).any(|(l, t)| l.label != t.label) {
        return Err(OpeningError::ManualItemsChanged);
    }
    Ok(ticks
        .iter()
        .map(|t| Item {
            id: "manual".into(),
            label: t.label.clone(),
            ok: t.ok,
            detail: t.note.trim().to_string(),
            manual: true,
        })
        .collect())
}

fn decode(
    day: String,
    counter: u8,
    done_at: String,
    done_by: String,
    items: String,
) -> Result<Record, StoreError> {
    let day = NaiveDate::parse_from_str(&day, "%Y-%m-%d").map_err(|e| StoreError::BadSetting {
        key: "opening_checks.day".into(),
        detail: e.to_string(),
    })?;
    let items = serde_json::from_str(&items).map_err(|e| StoreError::BadSetting {
        key: "opening_checks.items".into(),
        detail: e.to_string(),
    })?;
    Ok(Record {
        day,
        counter,
        done_at,
        done_by,
        items,
    })
}

/// The record of `counter` on `day`.
pub fn of_day(store: &Store, day: NaiveDate, counter: u8) -> Result<Option<Record>, StoreError> {
    let row = store
        .conn
        .query_row(
            "SELECT day, counter, done_at, done_by, items FROM opening_checks
             WHERE day = ?1 AND counter = ?2",
            params![day.to_string(), counter],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    row.map(|(d, c, at, by, items)| decode(d, c, at, by, items))
        .transpose()
}

/// Every record from `from` to `to`, by day then counter.
pub fn between(store: &Store, from: NaiveDate, to: NaiveDate) -> Result<Vec<Record>, StoreError> {
    let mut stmt = store.conn.prepare(
        "SELECT day, counter, done_at, done_by, items FROM opening_checks
         WHERE day >= ?1 AND day <= ?2 ORDER BY day, counter",
    )?;
    let rows = stmt
        .query_map(params![from.to_string(), to.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(d, c, at, by, items)| decode(d, c, at, by, items))
        .collect()
}

fn write(store: &Store, r: &Record, revision: i64) -> Result<(), StoreError> {
    let items = serde_json::to_string(&r.items).map_err(|e| StoreError::BadSetting {
        key: "opening_checks.items".into(),
        detail: e.to_string(),
    })?;
    store.conn.execute(
        "INSERT INTO opening_checks (day, counter, done_at, done_by, items, revision)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (day, counter) DO UPDATE SET done_at = excluded.done_at,
           done_by = excluded.done_by, items = excluded.items, revision = excluded.revision",
        params![
            r.day.to_string(),
            r.counter,
            r.done_at,
            r.done_by,
            items,
            revision
        ],
    )?;
    Ok(())
}

/// Saves this counter's record of the day (replacing an earlier run) and logs it for the other
/// counters.
pub fn save(store: &Store, r: &Record, author: &sync::Author) -> Result<(), sync::SyncError> {
    let revision: i64 = store
        .conn
        .query_row(
            "SELECT revision FROM opening_checks WHERE day = ?1 AND counter = ?2",
            params![r.day.to_string(), r.counter],
            |row| row.get(0),
        )
        .optional()?
        .unwrap_or(0)
        + 1;
    write(store, r, revision)?;
    sync::log::record(
        store,
        author,
        Kind::OpeningCheck,
        &r.record_id(),
        revision,
        r,
    )
}

/// Places another counter's record (already decided to be current by the change log's rule).
pub fn place(store: &Store, r: &Record, revision: i64) -> Result<Placed, StoreError> {
    let before = of_day(store, r.day, r.counter)?;
    if before.as_ref() == Some(r) {
        return Ok(Placed::Same);
    }
    write(store, r, revision)?;
    Ok(if before.is_some() {
        Placed::Replaced
    } else {
        Placed::Added
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(day: &str, counter: u8, ok: bool) -> Record {
        Record {
            day: day.parse().unwrap(),
            counter,
            done_at: format!("{day}T08:10:00+09:00"),
            done_by: "yamada".into(),
            items: vec![
                Item::auto("camera", "カメラ", true, "1280×720"),
                Item::auto("printer", "プリンター", ok, "P"),
            ],
        }
    }

    #[test]
    fn one_record_per_counter_per_day_and_a_rerun_replaces_it() {
        let store = Store::open_in_memory().unwrap();
        let author = sync::Author {
            name: "yamada".into(),
            at: "2026-11-30T08:10:00+09:00".into(),
        };
        save(&store, &record("2026-11-30", 1, false), &author).unwrap();
        save(&store, &record("2026-11-30", 2, true), &author).unwrap();
        save(&store, &record("2026-11-30", 1, true), &author).unwrap();
        save(&store, &record("2026-12-01", 1, true), &author).unwrap();
        let day = "2026-11-30".parse().unwrap();
        let r = of_day(&store, day, 1).unwrap().unwrap();
        assert_eq!(r.ng().count(), 0, "the re-run replaced the failed one");
        let all = between(&store, day, day).unwrap();
        assert_eq!(
            all.iter().map(|r| r.counter).collect::<Vec<_>>(),
            vec![1, 2]
        );
        let rev: i64 = store
            .conn
            .query_row(
                "SELECT revision FROM opening_checks WHERE day = '2026-11-30' AND counter = 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(rev, 2);
        let logged: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM sync_outbox WHERE kind = 'opening_check'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(logged, 4);
    }

    #[test]
    fn manual_ticks_must_match_the_list() {
        let list = vec![
            ManualItem {
                label: "机".into()
            },
            ManualItem {
                label: "掲示".into(),
            },
        ];
        let tick = |l: &str, ok| ManualTick {
            label: l.into(),
            ok,
            note: " 1枚破損 ".into(),
        };
        let items = manual_items(&list, &[tick("机", true), tick("掲示", false)]).unwrap();
        assert!(items.iter().all(|i| i.manual && i.id == "manual"));
        assert_eq!(items[1].detail, "1枚破損");
        assert!(!items[1].ok);
        assert_eq!(
            manual_items(&list, &[tick("机", true)]),
            Err(OpeningError::ManualItemsChanged)
        );
        assert_eq!(
            manual_items(&list, &[tick("掲示", true), tick("机", true)]),
            Err(OpeningError::ManualItemsChanged)
        );
    }
}
