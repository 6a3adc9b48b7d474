//! Counting visits over a period: per service, per counter, by outcome. Counts ended visits that
//! are not voided; visits in progress are counted apart.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::VisitError;
use crate::clock;
use crate::store::Store;

/// Counts for a period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Ended, not voided visits.
    pub visits: u64,
    /// Of those, completed.
    pub completed: u64,
    /// Of those, not completed.
    pub not_completed: u64,
    /// Visits started and not yet ended.
    pub in_progress: u64,
    /// Visits that include each service.
    pub per_service: BTreeMap<String, u64>,
    /// Visits per counter.
    pub per_counter: BTreeMap<u8, u64>,
}

const COUNTED: &str = "v.started_at >= ?1 AND v.started_at < ?2 AND v.voided_at IS NULL";

/// The tally of one day.
pub fn tally_day(store: &Store, date: NaiveDate) -> Result<Tally, VisitError> {
    tally_between(store, date, date)
}

/// The tally from `from` to `to`, both included.
pub fn tally_between(store: &Store, from: NaiveDate, to: NaiveDate) -> Result<Tally, VisitError> {
    let lo = clock::day_start(from);
    let hi = clock::day_start(to.succ_opt().unwrap_or(to));
    let mut t = Tally {
        from,
        to,
        ..Default::default()
    };
    let mut stmt = store.conn.prepare_cached(&format!(
        "SELECT v.counter, v.ended_at IS NOT NULL, v.outcome = 'completed', count(*)
         FROM visits v WHERE {COUNTED} GROUP BY 1, 2, 3"
    ))?;
    let mut rows = stmt.query([&lo, &hi])?;
    while let Some(r) = rows.next()? {
        let (counter, ended, completed, n): (u8, bool, Option<bool>, u64) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        if !ended {
            t.in_progress += n;
            continue;
        }
        t.visits += n;
        *t.per_counter.entry(counter).or_default() += n;
        if completed == Some(true) {
            t.completed += n;
        } else {
            t.not_completed += n;
        }
    }
    let mut stmt = store.conn.prepare_cached(&format!(
        "SELECT vs.service, count(*) FROM visits v JOIN visit_services vs ON vs.visit_seq = v.seq
         WHERE {COUNTED} AND v.ended_at IS NOT NULL GROUP BY vs.service"
    ))?;
    let mut rows = stmt.query([&lo, &hi])?;
    while let Some(r) = rows.next()? {
        t.per_service.insert(r.get(0)?, r.get(1)?);
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::visits::{end, lists, start, void, Outcome, VisitEdit};

    #[test]
    fn counts_ended_visits_per_service_and_counter_and_skips_voided() {
        let mut s = Store::open_in_memory().unwrap();
        lists::ensure_defaults(&s).unwrap();
        let t = |h: u32| clock::parse(&format!("2023-07-03T{h:02}:00:00+09:00")).unwrap();
        let e = |svc: &[&str], outcome| VisitEdit {
            services: svc.iter().map(|x| x.to_string()).collect(),
            outcome: Some(outcome),
            reason: (outcome == Outcome::NotCompleted).then(|| "pin_locked".to_string()),
            ..Default::default()
        };
        let a = start(&mut s, 1, "op1", t(9)).unwrap();
        end(
            &mut s,
            &a.id,
            &e(&["photo", "pin"], Outcome::Completed),
            t(9),
        )
        .unwrap();
        let b = start(&mut s, 2, "op2", t(10)).unwrap();
        end(&mut s, &b.id, &e(&["pin"], Outcome::NotCompleted), t(10)).unwrap();
        let c = start(&mut s, 2, "op2", t(11)).unwrap();
        end(&mut s, &c.id, &e(&["pin"], Outcome::Completed), t(11)).unwrap();
        void(&mut s, &c.id, "manager", true, "重複", t(12)).unwrap();
        start(&mut s, 1, "op1", t(13)).unwrap();
        // Another day does not count.
        let other = clock::parse("2023-07-04T09:00:00+09:00").unwrap();
        let d = start(&mut s, 1, "op3", other).unwrap();
        end(&mut s, &d.id, &e(&["pin"], Outcome::Completed), other).unwrap();

        let tally = tally_day(&s, t(0).date_naive()).unwrap();
        assert_eq!(
            tally.visits, 2,
            "the voided visit and the open one are not counted"
        );
        assert_eq!(tally.in_progress, 1);
        assert_eq!((tally.completed, tally.not_completed), (1, 1));
        assert_eq!(tally.per_service.get("pin"), Some(&2));
        assert_eq!(tally.per_service.get("photo"), Some(&1));
        assert_eq!(tally.per_counter.get(&1), Some(&1));
        assert_eq!(tally.per_counter.get(&2), Some(&1));
    }
}
