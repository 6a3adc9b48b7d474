//! The calendar's configuration: weekly hours, weekend-day hours and quota, recurring city closures
//! and the contract period. Defaults are the current contract's; every number is a setting because
//! the next contract will differ.

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

/// Opening and closing time of one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hours {
    /// Opening time (local, Asia/Tokyo).
    #[serde(with = "hhmm")]
    pub opens: NaiveTime,
    /// Closing time.
    #[serde(with = "hhmm")]
    pub closes: NaiveTime,
}

impl Hours {
    /// Hours from two `(hour, minute)` pairs; `None` when a time is invalid or closes before opens.
    pub fn new(opens: (u32, u32), closes: (u32, u32)) -> Option<Self> {
        let opens = NaiveTime::from_hms_opt(opens.0, opens.1, 0)?;
        let closes = NaiveTime::from_hms_opt(closes.0, closes.1, 0)?;
        (opens < closes).then_some(Self { opens, closes })
    }
}

/// A closure that comes back every year, such as 年末年始 (12/29–1/3, 地方自治法 §4-2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecurringClosure {
    /// First day as (month, day).
    pub from: (u32, u32),
    /// Last day as (month, day); may be earlier in the year than `from` (wraps over new year).
    pub to: (u32, u32),
    /// Reason shown on screen and in reports, e.g. 「年末年始」.
    pub reason: String,
}

impl RecurringClosure {
    /// Whether `date` falls in this closure.
    pub fn contains(&self, date: NaiveDate) -> bool {
        let md = (date.month(), date.day());
        if self.from <= self.to {
            self.from <= md && md <= self.to
        } else {
            md >= self.from || md <= self.to
        }
    }
}

/// Everything about the calendar that a contract sets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarConfig {
    /// Regular hours Monday (index 0) to Sunday (index 6); `None` = not a regular opening day.
    pub weekly: [Option<Hours>; 7],
    /// Hours of a weekend day the site manager picked.
    pub weekend_hours: Hours,
    /// How many Saturdays/Sundays a month the counter opens.
    pub weekend_days_per_month: u32,
    /// Recurring city closures.
    pub closures: Vec<RecurringClosure>,
    /// First day of the contract.
    pub contract_start: NaiveDate,
    /// Last day of the contract.
    pub contract_end: NaiveDate,
}

impl Default for CalendarConfig {
    fn default() -> Self {
        let std = Hours::new((8, 30), (17, 15));
        let long = Hours::new((8, 30), (19, 0));
        Self {
            weekly: [std, std, std, long, std, None, None],
            weekend_hours: Hours::new((8, 40), (17, 0)).unwrap_or(FALLBACK_HOURS),
            weekend_days_per_month: 3,
            closures: vec![RecurringClosure {
                from: (12, 29),
                to: (1, 3),
                reason: "年末年始".into(),
            }],
            contract_start: NaiveDate::from_ymd_opt(2023, 4, 1).unwrap_or(NaiveDate::MIN),
            contract_end: NaiveDate::from_ymd_opt(2024, 3, 31).unwrap_or(NaiveDate::MAX),
        }
    }
}

/// Never used in practice: only stands in where a constant time could not be built.
const FALLBACK_HOURS: Hours = Hours {
    opens: NaiveTime::MIN,
    closes: NaiveTime::MIN,
};

impl CalendarConfig {
    /// Regular hours for a weekday.
    pub fn regular_hours(&self, weekday: Weekday) -> Option<Hours> {
        self.weekly[weekday.num_days_from_monday() as usize]
    }

    /// The latest regular closing time of Monday–Friday: days that close at it are "extended".
    pub fn standard_close(&self) -> Option<NaiveTime> {
        let mut closes: Vec<NaiveTime> = self.weekly[..5]
            .iter()
            .flatten()
            .map(|h| h.closes)
            .collect();
        closes.sort();
        // The most common closing time is the standard one; ties go to the earliest.
        closes
            .iter()
            .max_by_key(|c| {
                (
                    closes.iter().filter(|x| x == c).count(),
                    std::cmp::Reverse(**c),
                )
            })
            .copied()
    }
}

mod hhmm {
    use chrono::NaiveTime;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&t.format("%H:%M").to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
        let text = String::deserialize(d)?;
        NaiveTime::parse_from_str(&text, "%H:%M").map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_end_closure_wraps_over_new_year() {
        let c = &CalendarConfig::default().closures[0];
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert!(c.contains(d(2023, 12, 29)) && c.contains(d(2024, 1, 3)));
        assert!(!c.contains(d(2023, 12, 28)) && !c.contains(d(2024, 1, 4)));
    }

    #[test]
    fn thursday_is_the_extended_day_by_default() {
        let cfg = CalendarConfig::default();
        assert_eq!(cfg.standard_close(), NaiveTime::from_hms_opt(17, 15, 0));
    }
}
