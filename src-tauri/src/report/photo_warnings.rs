//! Photos accepted with a warning, as daily counts per reason: what the monthly figures may say
//! about them, and all that is kept (never which visit, when, or who).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::params;

use crate::calendar::Month;
use crate::store::{Store, StoreError};

/// Counts one more photo accepted on `day` for `reason` (a reason code).
pub fn count(store: &Store, day: NaiveDate, reason: &str) -> Result<(), StoreError> {
    store.conn.execute(
        "INSERT INTO photo_warning_counts (day, reason, count) VALUES (?1, ?2, 1)
         ON CONFLICT (day, reason) DO UPDATE SET count = count + 1",
        params![day.to_string(), reason],
    )?;
    Ok(())
}

/// The month's counts by reason code.
pub fn of_month(store: &Store, month: Month) -> Result<BTreeMap<String, u64>, StoreError> {
    let mut stmt = store.conn.prepare(
        "SELECT reason, sum(count) FROM photo_warning_counts WHERE day >= ?1 AND day <= ?2 GROUP BY reason",
    )?;
    let rows = stmt.query_map(
        params![month.first_day().to_string(), month.last_day().to_string()],
        |r| Ok((r.get::<_, String>(0)?, r.get::<_, u64>(1)?)),
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_per_day_and_reason_add_up_by_month() {
        let store = Store::open_in_memory().unwrap();
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        count(&store, d("2026-11-02"), "infant").unwrap();
        count(&store, d("2026-11-02"), "infant").unwrap();
        count(&store, d("2026-11-30"), "religious_medical").unwrap();
        count(&store, d("2026-12-01"), "infant").unwrap();
        let nov = of_month(&store, "2026-11".parse().unwrap()).unwrap();
        assert_eq!(nov.get("infant"), Some(&2));
        assert_eq!(nov.get("religious_medical"), Some(&1));
        let columns: Vec<String> = store
            .conn
            .prepare("SELECT name FROM pragma_table_info('photo_warning_counts')")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            columns,
            ["day", "reason", "count"],
            "no time, visit or operator is kept"
        );
    }
}
