//! The language counts of every counter of the site, so the monthly report's section
//! 外国語等での案内 is exact on whichever counter prints it. A counter's counts travel through the
//! change log a **finished day** at a time (one record per counter and day, `counter/day`),
//! written at the sync round after the day: a change per visit would carry its time and author
//! beside the visits' own changes, which is the link between a language and a person that
//! [`counts`](super::counts) never keeps. A day changed afterwards (a late count) is sent again
//! with the next revision; the other counters keep the newest.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::store::{Store, StoreError};
use crate::sync::{self, Author, Kind, SyncError};

/// One counter's visits per language on one day, as it travels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCounts {
    /// The day.
    pub day: NaiveDate,
    /// (language code, visits), by code.
    pub counts: Vec<(String, u64)>,
}

/// Writes to the outbox each day before `today` whose counts here differ from what was last
/// sent of it (every such day on the first round, so a counter that joins later sends its past).
/// `now` (RFC 3339) stamps the changes; their author is the counter, never a person. How many
/// days were written.
pub fn record_finished_days(
    store: &mut Store,
    today: NaiveDate,
    now: &str,
) -> Result<usize, SyncError> {
    let changed = unsent_days(store, today)?;
    if changed.is_empty() {
        return Ok(0);
    }
    store.in_transaction(|store| {
        let counter = crate::site::counter(store)?;
        let author = Author {
            name: format!("第{counter}窓口"),
            at: now.to_string(),
        };
        for (day, content) in &changed {
            let key = day.day.to_string();
            let record_id = format!("{counter}/{key}");
            let revision = sync::log::current(store, Kind::LanguageCounts, &record_id)?
                .map_or(1, |s| s.revision + 1);
            sync::log::record(
                store,
                &author,
                Kind::LanguageCounts,
                &record_id,
                revision,
                day,
            )?;
            store.conn.execute(
                "INSERT INTO citizen_language_days_sent (day, content) VALUES (?1, ?2)
                 ON CONFLICT (day) DO UPDATE SET content = ?2",
                params![key, content],
            )?;
        }
        Ok(changed.len())
    })
}

/// The days before `today` whose counts differ from what was last sent of them, each with its
/// content as sent. Two queries whatever the number of days: the sync worker asks every round.
fn unsent_days(store: &Store, today: NaiveDate) -> Result<Vec<(DayCounts, String)>, SyncError> {
    let mut stmt = store
        .conn
        .prepare("SELECT day, content FROM citizen_language_days_sent")?;
    let sent: HashMap<String, String> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut changed = Vec::new();
    for day in own_days_before(store, today)? {
        let content = serde_json::to_string(&day).map_err(|e| SyncError::BadContent {
            uuid: String::new(),
            detail: e.to_string(),
        })?;
        if sent.get(&day.day.to_string()) != Some(&content) {
            changed.push((day, content));
        }
    }
    Ok(changed)
}

/// This counter's counts of each day before `today`, oldest first.
fn own_days_before(store: &Store, today: NaiveDate) -> Result<Vec<DayCounts>, StoreError> {
    let mut stmt = store.conn.prepare(
        "SELECT day, lang, visits FROM citizen_language_counts WHERE day < ?1 ORDER BY day, lang",
    )?;
    let rows = stmt.query_map([today.to_string()], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    let mut days: Vec<DayCounts> = Vec::new();
    for row in rows {
        let (day, lang, visits) = row?;
        let Ok(day) = day.parse::<NaiveDate>() else {
            continue;
        };
        let visits = visits.max(0) as u64;
        match days.last_mut() {
            Some(d) if d.day == day => d.counts.push((lang, visits)),
            _ => days.push(DayCounts {
                day,
                counts: vec![(lang, visits)],
            }),
        }
    }
    Ok(days)
}

/// Places another counter's day here: its counts replace what was here of that counter and day.
pub fn place(store: &Store, counter: u8, d: &DayCounts) -> Result<(), StoreError> {
    let day = d.day.to_string();
    store.conn.execute(
        "DELETE FROM citizen_language_counts_remote WHERE day = ?1 AND counter = ?2",
        params![day, counter],
    )?;
    for (lang, visits) in &d.counts {
        store.conn.execute(
            "INSERT INTO citizen_language_counts_remote (day, counter, lang, visits) VALUES (?1, ?2, ?3, ?4)",
            params![day, counter, lang, i64::try_from(*visits).unwrap_or(i64::MAX)],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::citizen::counts;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn outbox(store: &Store) -> Vec<(String, i64, String, String)> {
        let mut stmt = store
            .conn
            .prepare("SELECT record_id, revision, author, content FROM sync_outbox WHERE kind = 'language_counts' ORDER BY rowid")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn a_day_travels_once_it_is_over_and_again_only_when_it_changed() {
        let mut s = Store::open_in_memory().unwrap();
        let counter = crate::site::counter(&s).unwrap();
        counts::count(&s, day(26), None, "en").unwrap();
        counts::count(&s, day(27), None, "ne").unwrap();
        // On the 27th only the 26th is over.
        let now = "2026-11-27T18:00:00+09:00";
        assert_eq!(record_finished_days(&mut s, day(27), now).unwrap(), 1);
        assert_eq!(record_finished_days(&mut s, day(27), now).unwrap(), 0);
        let sent = outbox(&s);
        assert_eq!(sent.len(), 1);
        assert_eq!(sent[0].0, format!("{counter}/2026-11-26"));
        assert_eq!(sent[0].1, 1);
        assert_eq!(
            sent[0].2,
            format!("第{counter}窓口"),
            "the author is the counter"
        );
        // The next day: the 27th goes; a late change to the 26th goes again, as revision 2.
        counts::count(&s, day(26), Some("en"), "vi").unwrap();
        let now = "2026-11-28T09:00:00+09:00";
        assert_eq!(record_finished_days(&mut s, day(28), now).unwrap(), 2);
        let sent = outbox(&s);
        assert_eq!(sent.len(), 3);
        let again = sent
            .iter()
            .find(|(id, rev, _, _)| id.ends_with("2026-11-26") && *rev == 2)
            .unwrap();
        assert!(again.3.contains("\"vi\",1"), "{}", again.3);
    }

    #[test]
    fn another_counters_day_counts_here_and_a_newer_one_replaces_it() {
        let s = Store::open_in_memory().unwrap();
        counts::count(&s, day(26), None, "en").unwrap();
        let theirs = |counts: Vec<(&str, u64)>| DayCounts {
            day: day(26),
            counts: counts
                .into_iter()
                .map(|(l, n)| (l.to_string(), n))
                .collect(),
        };
        place(&s, 2, &theirs(vec![("en", 2), ("ko", 1)])).unwrap();
        assert_eq!(
            counts::between(&s, day(1), day(30)).unwrap(),
            [("en".to_string(), 3), ("ko".to_string(), 1)]
        );
        place(&s, 2, &theirs(vec![("en", 1), ("ko", 0)])).unwrap();
        assert_eq!(
            counts::between(&s, day(1), day(30)).unwrap(),
            [("en".to_string(), 2)]
        );
        // Another month is not counted.
        assert!(counts::between(&s, day(27), day(30)).unwrap().is_empty());
    }
}
