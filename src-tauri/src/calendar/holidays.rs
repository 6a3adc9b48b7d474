//! Japanese national holidays (国民の祝日に関する法律), computed from the law's rules as they stood in
//! each year since 1955, including 振替休日 and 国民の休日 and the one-off days of 1959–2021.
//!
//! This module knows only the law. Days the site manager adds or removes (a law can move holidays,
//! as it did in 2020–2021) live in the store as overrides and are applied by [`super::Calendar`].
//! The rules are checked against the Cabinet Office's whole list (`testdata/`) in the tests.

use chrono::{Datelike, NaiveDate, Weekday};

/// Why a day is a national holiday.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    /// The day.
    pub date: NaiveDate,
    /// Its name as the law (or the one-off act) gives it, e.g. 「成人の日」, 「振替休日」.
    pub name: String,
}

/// The holiday on `date`, if the law makes it one.
pub fn holiday_on(date: NaiveDate) -> Option<String> {
    if let Some(name) = named_holiday(date) {
        return Some(name.to_string());
    }
    if is_substitute_holiday(date) {
        return Some("振替休日".to_string());
    }
    if is_citizens_holiday(date) {
        return Some("国民の休日".to_string());
    }
    None
}

/// Every holiday from `from` to `to`, both included, in date order.
pub fn holidays_between(from: NaiveDate, to: NaiveDate) -> Vec<Holiday> {
    from.iter_days()
        .take_while(|d| *d <= to)
        .filter_map(|date| holiday_on(date).map(|name| Holiday { date, name }))
        .collect()
}

/// The n-th (1-based) `weekday` of a month.
fn nth_weekday(year: i32, month: u32, weekday: Weekday, n: u32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, n as u8)
}

/// 春分日 and 秋分日 by the astronomical approximation used for official announcements; the 1900–1979
/// constants differ from the 1980–2099 ones. The inner division truncates toward zero, as in the
/// published formula (flooring it gets 1956–1978 wrong).
fn equinox_day(year: i32, autumn: bool) -> u32 {
    let y = f64::from(year - 1980);
    let (base, leap_shift) = match (year < 1980, autumn) {
        (true, false) => (20.8357, (year - 1983) / 4),
        (true, true) => (23.2588, (year - 1983) / 4),
        (false, false) => (20.8431, (year - 1980) / 4),
        (false, true) => (23.2488, (year - 1980) / 4),
    };
    (base + 0.242194 * y - f64::from(leap_shift)).floor() as u32
}

/// A holiday with its own name in the law (or a one-off act), before substitutes.
fn named_holiday(date: NaiveDate) -> Option<&'static str> {
    let (y, m, d) = (date.year(), date.month(), date.day());
    let is = |month: u32, weekday: Weekday, n: u32| {
        m == month && nth_weekday(y, month, weekday, n) == Some(date)
    };
    if y < 1949 {
        return None;
    }
    // One-off days set by their own acts.
    match (y, m, d) {
        (1959, 4, 10) => return Some("結婚の儀"),
        (1989, 2, 24) => return Some("大喪の礼"),
        (1990, 11, 12) => return Some("即位礼正殿の儀"),
        (1993, 6, 9) => return Some("結婚の儀"),
        (2019, 5, 1) => return Some("天皇の即位の日"),
        (2019, 10, 22) => return Some("即位礼正殿の儀の行われる日"),
        _ => {}
    }
    let name = match m {
        1 if d == 1 => "元日",
        1 if y < 2000 && d == 15 => "成人の日",
        1 if y >= 2000 && is(1, Weekday::Mon, 2) => "成人の日",
        2 if y >= 1967 && d == 11 => "建国記念の日",
        2 if y >= 2020 && d == 23 => "天皇誕生日",
        3 if d == equinox_day(y, false) => "春分の日",
        4 if d == 29 => match y {
            ..=1988 => "天皇誕生日",
            1989..=2006 => "みどりの日",
            _ => "昭和の日",
        },
        5 if d == 3 => "憲法記念日",
        5 if y >= 2007 && d == 4 => "みどりの日",
        5 if d == 5 => "こどもの日",
        7 if y == 2020 && d == 23 => "海の日",
        7 if y == 2020 && d == 24 => "スポーツの日",
        7 if y == 2021 && d == 22 => "海の日",
        7 if y == 2021 && d == 23 => "スポーツの日",
        7 if (1996..=2002).contains(&y) && d == 20 => "海の日",
        7 if y >= 2003 && y != 2020 && y != 2021 && is(7, Weekday::Mon, 3) => "海の日",
        8 if y == 2020 && d == 10 => "山の日",
        8 if y == 2021 && d == 8 => "山の日",
        8 if y >= 2016 && y != 2020 && y != 2021 && d == 11 => "山の日",
        9 if (1966..=2002).contains(&y) && d == 15 => "敬老の日",
        9 if y >= 2003 && is(9, Weekday::Mon, 3) => "敬老の日",
        9 if d == equinox_day(y, true) => "秋分の日",
        10 if (1966..=1999).contains(&y) && d == 10 => "体育の日",
        10 if (2000..=2019).contains(&y) && is(10, Weekday::Mon, 2) => "体育の日",
        10 if y >= 2022 && is(10, Weekday::Mon, 2) => "スポーツの日",
        11 if d == 3 => "文化の日",
        11 if d == 23 => "勤労感謝の日",
        12 if (1989..=2018).contains(&y) && d == 23 => "天皇誕生日",
        _ => return None,
    };
    Some(name)
}

/// 振替休日: from 1973-04-12 a holiday on a Sunday moves to the next day; from 2007 to the next day
/// that is not itself a holiday.
fn is_substitute_holiday(date: NaiveDate) -> bool {
    let Some(law_start) = NaiveDate::from_ymd_opt(1973, 4, 12) else {
        return false;
    };
    if date < law_start || named_holiday(date).is_some() {
        return false;
    }
    let mut prev = date.pred_opt();
    // Walk back over consecutive holidays until the Sunday that started the run (2007 rule), or
    // only one day (1973 rule).
    let max_back = if date.year() >= 2007 { 7 } else { 1 };
    for _ in 0..max_back {
        let Some(p) = prev else { return false };
        if named_holiday(p).is_none() {
            return false;
        }
        if p.weekday() == Weekday::Sun {
            // The 1973 law took effect on 12 April: 29 April 1973 (a Sunday) was the first case.
            return p >= law_start;
        }
        prev = p.pred_opt();
    }
    false
}

/// 国民の休日 (from 1986): a weekday other than Sunday between two named holidays.
fn is_citizens_holiday(date: NaiveDate) -> bool {
    if date.year() < 1986 || date.weekday() == Weekday::Sun || named_holiday(date).is_some() {
        return false;
    }
    match (date.pred_opt(), date.succ_opt()) {
        (Some(p), Some(n)) => named_holiday(p).is_some() && named_holiday(n).is_some(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn cao_list() -> BTreeMap<NaiveDate, String> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/testdata/syukujitsu-cao-1955-2027.csv"
        );
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {path}: {e}"));
        text.lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let (date, name) = l.split_once(',').unwrap_or_else(|| panic!("bad line {l}"));
                let date = NaiveDate::parse_from_str(date.trim(), "%Y/%m/%d")
                    .unwrap_or_else(|e| panic!("bad date {date}: {e}"));
                (date, name.trim().to_string())
            })
            .collect()
    }

    /// The Cabinet Office list names every 振替休日 and 国民の休日 「休日」 and writes a few one-offs its
    /// own way; map our legal names onto its spelling.
    fn as_cao(date: NaiveDate, name: &str) -> String {
        match (name, date.year()) {
            ("振替休日" | "国民の休日", _) => "休日".into(),
            ("天皇の即位の日" | "即位礼正殿の儀の行われる日", 2019) => {
                "休日（祝日扱い）".into()
            }
            ("体育の日", 2019) => "体育の日（スポーツの日）".into(),
            _ => name.into(),
        }
    }

    #[test]
    fn matches_the_whole_cabinet_office_list_1955_to_2027() {
        let expected = cao_list();
        assert!(expected.len() > 1000, "the whole list, not a sample");
        let from = NaiveDate::from_ymd_opt(1955, 1, 1).unwrap();
        let to = NaiveDate::from_ymd_opt(2027, 12, 31).unwrap();
        let ours: BTreeMap<NaiveDate, String> = holidays_between(from, to)
            .into_iter()
            .map(|h| (h.date, as_cao(h.date, &h.name)))
            .collect();
        let missing: Vec<_> = expected
            .iter()
            .filter(|(d, _)| !ours.contains_key(d))
            .collect();
        let extra: Vec<_> = ours
            .iter()
            .filter(|(d, _)| !expected.contains_key(d))
            .collect();
        let renamed: Vec<_> = expected
            .iter()
            .filter_map(|(d, n)| ours.get(d).filter(|o| *o != n).map(|o| (d, n, o)))
            .collect();
        assert!(missing.is_empty(), "holidays we miss: {missing:?}");
        assert!(
            extra.is_empty(),
            "days we call holidays that are not: {extra:?}"
        );
        assert!(
            renamed.is_empty(),
            "names that differ (date, cao, ours): {renamed:?}"
        );
    }

    #[test]
    fn citizens_holiday_of_2026_is_found() {
        let d = NaiveDate::from_ymd_opt(2026, 9, 22).unwrap();
        assert_eq!(
            holiday_on(d).as_deref(),
            Some("国民の休日"),
            "spec names 2026-09-22"
        );
    }
}
