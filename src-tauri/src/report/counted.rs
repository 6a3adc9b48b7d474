//! The month's visits counted into groups, the one input the monthly figures are built from.
//! Two sources make the same groups: [`from_visits`] folds a counter's own visits (SQLite), and
//! the city's shared store makes them with `GROUP BY` on the server (`central::report`), so a
//! report over many counters never ships every visit over the network. Both follow the counting
//! rule of [`super`]: ended visits that are not voided, on the day they started (local time).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::monthly::APPLICATION_SERVICES;
use crate::visits::{Outcome, Visit};

/// Counted visits sharing a day, a counter, a start hour and (when not completed) a reason.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Group {
    /// The day the visits started.
    pub date: NaiveDate,
    /// The counter.
    pub counter: u8,
    /// The hour they started (0–23), when readable.
    pub hour: Option<u8>,
    /// The reason code of the not-completed ones (`None`: completed, or no reason given).
    pub reason: Option<String>,
    /// How many visits.
    pub visits: u64,
    /// Total handling time in seconds.
    pub seconds: i64,
    /// Longest handling time in seconds.
    pub longest: i64,
    /// Visits counting in ① (any application service).
    pub application: u64,
    /// ① with `application` and the form brought.
    pub form_brought: u64,
    /// ① with `application` and the form not brought.
    pub form_not_brought: u64,
    /// Visits with `photo`.
    pub photo: u64,
    /// Visits with `photo_attach`.
    pub photo_attach: u64,
}

/// The groups, and how many visits include each ② service per day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counted {
    /// One entry per (day, counter, hour, reason).
    pub groups: Vec<Group>,
    /// (day, service) → visits including it, for services outside ①.
    pub services: BTreeMap<(NaiveDate, String), u64>,
}

impl Counted {
    /// Sorts the groups so that two sources of the same visits compare equal.
    pub fn normalized(mut self) -> Self {
        self.groups.sort();
        self
    }
}

/// The handling time of a visit in whole seconds (never negative), when both times read.
pub fn handling_seconds(v: &Visit) -> Option<i64> {
    let start = crate::clock::parse(&v.started_at)?;
    let end = crate::clock::parse(v.ended_at.as_deref()?)?;
    Some((end - start).num_seconds().max(0))
}

/// Whether the visit counts in ① (any of the application services).
pub fn is_application(v: &Visit) -> bool {
    v.services
        .iter()
        .any(|s| APPLICATION_SERVICES.contains(&s.as_str()))
}

/// The visit's services, each once, in order.
pub fn distinct_services(v: &Visit) -> Vec<&str> {
    let mut seen: Vec<&str> = Vec::new();
    for s in &v.services {
        if !seen.contains(&s.as_str()) {
            seen.push(s);
        }
    }
    seen
}

/// The visit's ② services (outside ①), each once: it counts once under each.
pub fn other_services(v: &Visit) -> Vec<&str> {
    distinct_services(v)
        .into_iter()
        .filter(|s| !APPLICATION_SERVICES.contains(s))
        .collect()
}

/// The day a visit started and its hour (when readable), local time as written.
pub fn started(v: &Visit) -> Option<(NaiveDate, Option<u8>)> {
    let date = v
        .started_at
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())?;
    let hour = v
        .started_at
        .get(11..13)
        .and_then(|h| h.parse::<u8>().ok())
        .filter(|h| *h < 24);
    Some((date, hour))
}

/// Counts `visits` started from `first` to `last` (both included; others, voided and open ones
/// are skipped).
pub fn from_visits(visits: &[Visit], first: NaiveDate, last: NaiveDate) -> Counted {
    type Key = (NaiveDate, u8, Option<u8>, Option<String>);
    let mut groups: BTreeMap<Key, Group> = BTreeMap::new();
    let mut services = BTreeMap::new();
    for v in visits.iter().filter(|v| v.counts()) {
        let Some((date, hour)) = started(v).filter(|(d, _)| (first..=last).contains(d)) else {
            continue;
        };
        let reason = match v.outcome {
            Some(Outcome::NotCompleted) => v.reason.clone(),
            _ => None,
        };
        let g = groups
            .entry((date, v.counter, hour, reason.clone()))
            .or_insert_with(|| Group {
                date,
                counter: v.counter,
                hour,
                reason,
                ..Default::default()
            });
        g.visits += 1;
        if let Some(s) = handling_seconds(v) {
            g.seconds += s;
            g.longest = g.longest.max(s);
        }
        let has = |code: &str| v.services.iter().any(|s| s == code);
        if is_application(v) {
            g.application += 1;
            match (has("application"), v.form_brought) {
                (true, Some(true)) => g.form_brought += 1,
                (true, Some(false)) => g.form_not_brought += 1,
                _ => {}
            }
            g.photo += u64::from(has("photo"));
            g.photo_attach += u64::from(has("photo_attach"));
        }
        for s in other_services(v) {
            *services.entry((date, s.to_string())).or_default() += 1;
        }
    }
    Counted {
        groups: groups.into_values().collect(),
        services,
    }
}
