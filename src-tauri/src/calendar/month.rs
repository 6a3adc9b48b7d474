//! A calendar month (`2026-11`): what a report, an export or a record list is about. One type
//! instead of "YYYY-MM" strings, so a bad month is refused where it enters — the command line, a
//! command's argument, a file — and nothing past that point re-parses text.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A month of the Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    year: i32,
    month: u32,
}

/// A text that is not a month.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("月は YYYY-MM の形で指定してください（{0}）。")]
pub struct BadMonth(pub String);

impl BadMonth {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        "bad_month"
    }
}

impl Month {
    /// The month of `year` and `month` (1–12).
    pub fn new(year: i32, month: u32) -> Result<Self, BadMonth> {
        NaiveDate::from_ymd_opt(year, month, 1)
            .filter(|_| (1900..=9999).contains(&year))
            .map(|_| Self { year, month })
            .ok_or_else(|| BadMonth(format!("{year}-{month:02}")))
    }

    /// The month `date` falls in.
    pub fn of(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1–12.
    pub fn number(self) -> u32 {
        self.month
    }

    /// Its first day.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default()
    }

    /// Its last day.
    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or_default()
    }

    /// The month before.
    pub fn previous(self) -> Self {
        if self.month == 1 {
            Self {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Self {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// The month after.
    pub fn next(self) -> Self {
        if self.month == 12 {
            Self {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Self {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// 令和8年11月.
    pub fn wareki(self) -> String {
        super::wareki::year_month(self.first_day())
    }
}

/// January 2000: only so that structs holding a month can derive `Default` (and be filled in).
impl Default for Month {
    fn default() -> Self {
        Self {
            year: 2000,
            month: 1,
        }
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for Month {
    type Err = BadMonth;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadMonth(s.to_string());
        let (y, m) = s.trim().split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(bad());
        }
        let year = y.parse().map_err(|_| bad())?;
        let month = m.parse().map_err(|_| bad())?;
        Self::new(year, month).map_err(|_| bad())
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_real_months_and_knows_its_days() {
        let m: Month = "2024-02".parse().unwrap();
        assert_eq!(m.first_day().to_string(), "2024-02-01");
        assert_eq!(m.last_day().to_string(), "2024-02-29", "leap year");
        assert_eq!(m.to_string(), "2024-02");
        assert_eq!(m.previous().to_string(), "2024-01");
        assert_eq!(
            "2023-12".parse::<Month>().unwrap().next().to_string(),
            "2024-01"
        );
        assert_eq!(
            "2024-01".parse::<Month>().unwrap().previous().to_string(),
            "2023-12"
        );
        for bad in [
            "2024-13",
            "2024-00",
            "2024-1",
            "24-01",
            "2024/01",
            "",
            "abcd-ef",
            "2024-01-01",
        ] {
            assert!(bad.parse::<Month>().is_err(), "{bad:?} is not a month");
        }
        assert_eq!(m.wareki(), "令和6年2月");
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, "\"2024-02\"");
        assert_eq!(serde_json::from_str::<Month>(&json).unwrap(), m);
        assert!(serde_json::from_str::<Month>("\"2024-2\"").is_err());
    }
}
