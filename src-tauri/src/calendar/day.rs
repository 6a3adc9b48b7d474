//! What one day is at the counter: open or closed, its hours, and why. Combines the law's holidays,
//! the configuration, the weekend days the site manager picked and manual overrides.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::config::{CalendarConfig, Hours};
use super::holidays;

/// A manual change to one day, made by the site manager.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DayOverride {
    /// Open on this day with these hours (e.g. a special opening).
    Open {
        /// The hours.
        hours: Hours,
        /// Why.
        reason: String,
    },
    /// Closed on this day (e.g. a system outage, an election).
    Closed {
        /// Why, shown to staff and in reports.
        reason: String,
    },
}

/// A change to the law's holiday list (a law can move holidays, as in 2020–2021).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HolidayOverride {
    /// This day is a national holiday with this name.
    Add {
        /// The holiday's name.
        name: String,
    },
    /// This day is not a holiday after all.
    Remove,
}

/// How a report classes an opening day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// A regular weekday.
    Weekday,
    /// A weekday with extended hours (Thursday in the current contract).
    Extended,
    /// A Saturday or Sunday the site manager picked.
    Weekend,
    /// Opened by a manual override.
    Special,
}

/// One day as the CLI, the header and the reports see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayInfo {
    /// The day.
    pub date: NaiveDate,
    /// Whether the counter opens.
    pub open: bool,
    /// Opening time `HH:MM`, when open.
    pub opens: Option<String>,
    /// Closing time `HH:MM`, when open.
    pub closes: Option<String>,
    /// The national holiday's name.
    pub holiday: Option<String>,
    /// Why the city closes the counter on an otherwise working day.
    pub closure: Option<String>,
}

/// Why a weekend day cannot be picked.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PickError {
    /// Only Saturdays and Sundays are picked.
    #[error("{0} は土曜日・日曜日ではありません")]
    NotWeekend(NaiveDate),
    /// National holidays stay closed.
    #[error("{0} は祝日（{1}）のため開設できません")]
    Holiday(NaiveDate, String),
    /// The month already has its quota.
    #[error("この月の土日開設日はすでに{0}日選ばれています")]
    MonthFull(u32),
    /// Outside the contract period.
    #[error("{0} は契約期間外です")]
    OutsideContract(NaiveDate),
    /// A city closure day.
    #[error("{0} は閉庁日（{1}）です")]
    Closure(NaiveDate, String),
}

/// The calendar with everything the site manager decided.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    /// The contract's configuration.
    pub config: CalendarConfig,
    /// Saturdays and Sundays picked as opening days.
    pub weekend_picks: BTreeSet<NaiveDate>,
    /// Manual changes per day.
    pub overrides: BTreeMap<NaiveDate, DayOverride>,
    /// Changes to the law's holiday list.
    pub holiday_overrides: BTreeMap<NaiveDate, HolidayOverride>,
}

/// Reason shown for days outside the contract period.
pub const OUTSIDE_CONTRACT: &str = "契約期間外";

impl Calendar {
    /// The holiday on `date`, after the site manager's changes to the law's list.
    pub fn holiday(&self, date: NaiveDate) -> Option<String> {
        match self.holiday_overrides.get(&date) {
            Some(HolidayOverride::Add { name }) => Some(name.clone()),
            Some(HolidayOverride::Remove) => None,
            None => holidays::holiday_on(date),
        }
    }

    /// The recurring city closure covering `date`.
    pub fn closure(&self, date: NaiveDate) -> Option<&str> {
        self.config
            .closures
            .iter()
            .find(|c| c.contains(date))
            .map(|c| c.reason.as_str())
    }

    fn in_contract(&self, date: NaiveDate) -> bool {
        self.config.contract_start <= date && date <= self.config.contract_end
    }

    /// The hours of `date` and its kind, or `None` when closed.
    pub fn opening(&self, date: NaiveDate) -> Option<(Hours, DayKind)> {
        if !self.in_contract(date) {
            return None;
        }
        match self.overrides.get(&date) {
            Some(DayOverride::Open { hours, .. }) => return Some((*hours, DayKind::Special)),
            Some(DayOverride::Closed { .. }) => return None,
            None => {}
        }
        if self.holiday(date).is_some() || self.closure(date).is_some() {
            return None;
        }
        match date.weekday() {
            Weekday::Sat | Weekday::Sun => self
                .weekend_picks
                .contains(&date)
                .then_some((self.config.weekend_hours, DayKind::Weekend)),
            wd => self.config.regular_hours(wd).map(|h| {
                let extended = self
                    .config
                    .standard_close()
                    .is_some_and(|std| h.closes > std);
                (
                    h,
                    if extended {
                        DayKind::Extended
                    } else {
                        DayKind::Weekday
                    },
                )
            }),
        }
    }

    /// The day as shown on screen and printed by `madoguchi calendar`.
    pub fn day(&self, date: NaiveDate) -> DayInfo {
        let holiday = self.holiday(date);
        let opening = self.opening(date);
        let closure = if opening.is_some() {
            None
        } else if !self.in_contract(date) {
            Some(OUTSIDE_CONTRACT.to_string())
        } else if let Some(DayOverride::Closed { reason }) = self.overrides.get(&date) {
            Some(reason.clone())
        } else {
            self.closure(date).map(str::to_string)
        };
        let fmt = |t: chrono::NaiveTime| t.format("%H:%M").to_string();
        DayInfo {
            date,
            open: opening.is_some(),
            opens: opening.map(|(h, _)| fmt(h.opens)),
            closes: opening.map(|(h, _)| fmt(h.closes)),
            holiday,
            closure,
        }
    }

    /// Every day from `from` to `to`, both included.
    pub fn days(&self, from: NaiveDate, to: NaiveDate) -> Vec<DayInfo> {
        from.iter_days()
            .take_while(|d| *d <= to)
            .map(|d| self.day(d))
            .collect()
    }

    /// Weekend days picked in the month of `date`.
    pub fn picks_in_month(&self, year: i32, month: u32) -> Vec<NaiveDate> {
        self.weekend_picks
            .iter()
            .filter(|d| d.year() == year && d.month() == month)
            .copied()
            .collect()
    }

    /// Checks that `date` may be picked as a weekend opening day.
    pub fn check_pick(&self, date: NaiveDate) -> Result<(), PickError> {
        if !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            return Err(PickError::NotWeekend(date));
        }
        if !self.in_contract(date) {
            return Err(PickError::OutsideContract(date));
        }
        if let Some(name) = self.holiday(date) {
            return Err(PickError::Holiday(date, name));
        }
        if let Some(reason) = self.closure(date) {
            return Err(PickError::Closure(date, reason.to_string()));
        }
        let already = self.picks_in_month(date.year(), date.month());
        let quota = self.config.weekend_days_per_month;
        if !already.contains(&date) && already.len() as u32 >= quota {
            return Err(PickError::MonthFull(quota));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn contract_hours_by_weekday() {
        let cal = Calendar::default();
        let mon = cal.day(d(2023, 4, 3));
        assert_eq!(
            (mon.open, mon.opens.as_deref(), mon.closes.as_deref()),
            (true, Some("08:30"), Some("17:15"))
        );
        let thu = cal.day(d(2023, 4, 6));
        assert_eq!(
            thu.closes.as_deref(),
            Some("19:00"),
            "Thursday is open to 19:00"
        );
        assert_eq!(
            cal.opening(d(2023, 4, 6)).map(|o| o.1),
            Some(DayKind::Extended)
        );
        let sat = cal.day(d(2023, 4, 8));
        assert!(
            !sat.open && sat.closure.is_none(),
            "an unpicked Saturday is simply closed"
        );
    }

    #[test]
    fn holidays_close_even_a_picked_weekend_and_name_the_holiday() {
        let mut cal = Calendar::default();
        // 2023-05-03 憲法記念日 (Wednesday).
        let day = cal.day(d(2023, 5, 3));
        assert_eq!(
            (day.open, day.holiday.as_deref()),
            (false, Some("憲法記念日"))
        );
        assert_eq!(
            cal.check_pick(d(2023, 9, 23)),
            Err(PickError::Holiday(d(2023, 9, 23), "秋分の日".into()))
        );
        cal.weekend_picks.insert(d(2023, 9, 23));
        assert!(
            !cal.day(d(2023, 9, 23)).open,
            "a picked day that is a holiday stays closed"
        );
    }

    #[test]
    fn year_end_closure_is_a_city_closure_not_a_holiday() {
        let cal = Calendar::default();
        let day = cal.day(d(2023, 12, 29));
        assert_eq!(
            (day.open, day.holiday.as_deref(), day.closure.as_deref()),
            (false, None, Some("年末年始"))
        );
        let jan1 = cal.day(d(2024, 1, 1));
        assert_eq!(jan1.holiday.as_deref(), Some("元日"));
    }

    #[test]
    fn outside_contract_is_closed_with_reason() {
        let cal = Calendar::default();
        let day = cal.day(d(2024, 4, 1));
        assert_eq!(
            (day.open, day.closure.as_deref()),
            (false, Some(OUTSIDE_CONTRACT))
        );
    }

    #[test]
    fn weekend_quota_is_three_a_month() {
        let mut cal = Calendar::default();
        for day in [1, 2, 8] {
            assert_eq!(cal.check_pick(d(2023, 7, day)), Ok(()));
            cal.weekend_picks.insert(d(2023, 7, day));
        }
        assert_eq!(cal.check_pick(d(2023, 7, 9)), Err(PickError::MonthFull(3)));
        assert_eq!(
            cal.check_pick(d(2023, 7, 8)),
            Ok(()),
            "re-picking a picked day is fine"
        );
        assert_eq!(
            cal.check_pick(d(2023, 7, 10)),
            Err(PickError::NotWeekend(d(2023, 7, 10)))
        );
        let sat = cal.day(d(2023, 7, 1));
        assert_eq!(
            (sat.opens.as_deref(), sat.closes.as_deref()),
            (Some("08:40"), Some("17:00"))
        );
    }

    #[test]
    fn overrides_win_over_rules() {
        let mut cal = Calendar::default();
        cal.overrides.insert(
            d(2023, 6, 5),
            DayOverride::Closed {
                reason: "システム停止".into(),
            },
        );
        let day = cal.day(d(2023, 6, 5));
        assert_eq!(
            (day.open, day.closure.as_deref()),
            (false, Some("システム停止"))
        );
        cal.holiday_overrides.insert(
            d(2023, 6, 6),
            HolidayOverride::Add {
                name: "臨時の祝日".into(),
            },
        );
        assert!(!cal.day(d(2023, 6, 6)).open);
        cal.holiday_overrides
            .insert(d(2023, 5, 3), HolidayOverride::Remove);
        assert!(
            cal.day(d(2023, 5, 3)).open,
            "a removed holiday is a working day again"
        );
    }
}
