//! The one trace of the citizen display's language: how many visits were served in each language
//! on each day, for the monthly report. Never with the visit, the time or the operator (a
//! language says much about a person), so it is not in the audit trail either; it reaches the
//! other counters only as a finished day's totals ([`shared`](super::shared)).

use chrono::NaiveDate;
use rusqlite::params;

use crate::store::{Store, StoreError};

/// Moves one visit's count from `from` (the language it was counted in, if any) to `to`.
pub fn count(
    store: &Store,
    day: NaiveDate,
    from: Option<&str>,
    to: &str,
) -> Result<(), StoreError> {
    let day = day.to_string();
    if let Some(from) = from {
        store.conn.execute(
            "UPDATE citizen_language_counts SET visits = visits - 1 WHERE day = ?1 AND lang = ?2 AND visits > 0",
            params![day, from],
        )?;
    }
    store.conn.execute(
        "INSERT INTO citizen_language_counts (day, lang, visits) VALUES (?1, ?2, 1)
         ON CONFLICT (day, lang) DO UPDATE SET visits = visits + 1",
        params![day, to],
    )?;
    Ok(())
}

/// Visits per language from `from` to `to` (inclusive), this counter's and the other counters'
/// finished days ([`shared`](super::shared)), languages with none left out.
pub fn between(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(String, u64)>, StoreError> {
    let mut stmt = store.conn.prepare(
        "SELECT lang, sum(visits) FROM (
             SELECT day, lang, visits FROM citizen_language_counts
             UNION ALL SELECT day, lang, visits FROM citizen_language_counts_remote)
         WHERE day BETWEEN ?1 AND ?2 GROUP BY lang HAVING sum(visits) > 0 ORDER BY lang",
    )?;
    let rows = stmt.query_map(params![from.to_string(), to.to_string()], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?.max(0) as u64))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The monthly report's lines: every language offered but Japanese, in the picker's order, with
/// its visits from `from` to `to` (none is 0, so months compare line by line). A visit switched
/// back to Japanese is not among them.
pub fn report_lines(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(&'static str, u64)>, StoreError> {
    let counted = between(store, from, to)?;
    Ok(super::language::LANGUAGES
        .iter()
        .filter(|l| l.code != super::language::DEFAULT)
        .map(|l| {
            let n = counted
                .iter()
                .find(|(code, _)| code == l.code)
                .map_or(0, |(_, n)| *n);
            (l.name_ja, n)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_lists_every_other_language_with_its_visits() {
        let s = Store::open_in_memory().unwrap();
        let d = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        count(&s, d, None, "en").unwrap();
        count(&s, d, None, "en").unwrap();
        count(&s, d, None, "ne").unwrap();
        count(&s, d, Some("ne"), "ja").unwrap();
        count(&s, d, None, "ja-x-easy").unwrap();
        // Another month's visit is not counted.
        count(
            &s,
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            None,
            "en",
        )
        .unwrap();
        let month_end = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let lines = report_lines(&s, d, month_end).unwrap();
        assert_eq!(lines.len(), super::super::language::LANGUAGES.len() - 1);
        assert!(lines.iter().all(|(name, _)| *name != "日本語"));
        let of = |name: &str| lines.iter().find(|(n, _)| *n == name).unwrap().1;
        assert_eq!(of("英語"), 2);
        assert_eq!(of("ネパール語"), 0);
        assert_eq!(of("やさしい日本語"), 1);
        assert_eq!(lines.iter().map(|(_, n)| n).sum::<u64>(), 3);
    }

    #[test]
    fn a_changed_choice_moves_the_count() {
        let s = Store::open_in_memory().unwrap();
        let d = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        count(&s, d, None, "en").unwrap();
        count(&s, d, Some("en"), "vi").unwrap();
        count(&s, d, None, "vi").unwrap();
        count(&s, d.succ_opt().unwrap(), None, "ne").unwrap();
        assert_eq!(between(&s, d, d).unwrap(), [("vi".to_string(), 2)]);
        assert_eq!(between(&s, d, d.succ_opt().unwrap()).unwrap().len(), 2);
    }
}
