//! 和暦 (Japanese era) dates as municipal documents write them: 令和5年4月5日(水), 令和元年5月1日.
//!
//! A small formatter instead of a crate: `erajp` is wrong for January–April 2019 and ICU4X pulls in
//! over a hundred crates. Checked against ICU-made vectors in `testdata/wareki-vectors.csv`.

use chrono::{Datelike, NaiveDate, Weekday};

/// (first day written in it, the Gregorian year of its 元年, era name), newest first. 明治 began
/// in 1868, but dates are written with the solar calendar only from 1873-01-01 (明治6年).
const ERAS: [((i32, u32, u32), i32, &str); 5] = [
    ((2019, 5, 1), 2019, "令和"),
    ((1989, 1, 8), 1989, "平成"),
    ((1926, 12, 25), 1926, "昭和"),
    ((1912, 7, 30), 1912, "大正"),
    ((1873, 1, 1), 1868, "明治"),
];

/// The era and the year within it (1 = 元年) for `date`; `None` before the solar calendar (1873).
pub fn era_year(date: NaiveDate) -> Option<(&'static str, i32)> {
    ERAS.iter().find_map(|&((y, m, d), first_year, name)| {
        let start = NaiveDate::from_ymd_opt(y, m, d)?;
        (date >= start).then(|| (name, date.year() - first_year + 1))
    })
}

fn year_text(era: &str, year: i32) -> String {
    if year == 1 {
        format!("{era}元年")
    } else {
        format!("{era}{year}年")
    }
}

/// The weekday as one kanji: 月 火 水 木 金 土 日.
pub fn weekday_kanji(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "月",
        Weekday::Tue => "火",
        Weekday::Wed => "水",
        Weekday::Thu => "木",
        Weekday::Fri => "金",
        Weekday::Sat => "土",
        Weekday::Sun => "日",
    }
}

/// 令和5年4月5日; the ISO date for days before 1873.
pub fn long(date: NaiveDate) -> String {
    match era_year(date) {
        Some((era, y)) => format!("{}{}月{}日", year_text(era, y), date.month(), date.day()),
        None => date.to_string(),
    }
}

/// 令和5年4月5日(水).
pub fn with_weekday(date: NaiveDate) -> String {
    format!("{}({})", long(date), weekday_kanji(date.weekday()))
}

/// 4月5日(水): a day within a month already named (tables, lists, the leaflet).
pub fn month_day(date: NaiveDate) -> String {
    format!(
        "{}月{}日({})",
        date.month(),
        date.day(),
        weekday_kanji(date.weekday())
    )
}

/// 令和5年4月 — the month as it stands in a report's 対象月; the era is the one of `date` itself.
pub fn year_month(date: NaiveDate) -> String {
    match era_year(date) {
        Some((era, y)) => format!("{}{}月", year_text(era, y), date.month()),
        None => date.format("%Y-%m").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_era_boundary_from_meiji_on() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        for (date, text) in [
            ("1872-12-31", "1872-12-31"),
            ("1873-01-01", "明治6年1月1日"),
            ("1900-06-01", "明治33年6月1日"),
            ("1912-07-29", "明治45年7月29日"),
            ("1912-07-30", "大正元年7月30日"),
            ("1913-01-01", "大正2年1月1日"),
            ("1926-12-24", "大正15年12月24日"),
            ("1926-12-25", "昭和元年12月25日"),
            ("1927-01-01", "昭和2年1月1日"),
            ("1989-01-07", "昭和64年1月7日"),
            ("1989-01-08", "平成元年1月8日"),
            ("1990-01-01", "平成2年1月1日"),
            ("2019-04-30", "平成31年4月30日"),
            ("2019-05-01", "令和元年5月1日"),
            ("2020-01-01", "令和2年1月1日"),
            ("2026-11-27", "令和8年11月27日"),
        ] {
            assert_eq!(long(d(date)), text, "{date}");
        }
        assert_eq!(year_month(d("1912-07-01")), "明治45年7月");
        assert_eq!(year_month(d("1912-07-31")), "大正元年7月");
    }

    #[test]
    fn matches_icu_vectors() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/wareki-vectors.csv");
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {path}: {e}"));
        let mut n = 0;
        for line in text.lines().skip(1).filter(|l| !l.is_empty()) {
            let f: Vec<&str> = line.split(',').collect();
            let date = NaiveDate::parse_from_str(f[0], "%Y-%m-%d").unwrap();
            assert_eq!(long(date), f[1], "long form of {date}");
            assert_eq!(with_weekday(date), f[2], "form with weekday of {date}");
            assert_eq!(year_month(date), f[3], "year-month of {date}");
            n += 1;
        }
        assert!(n >= 15, "every vector was read ({n})");
    }

    #[test]
    fn era_boundaries_and_gannen() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(long(d(2019, 4, 30)), "平成31年4月30日");
        assert_eq!(long(d(2019, 5, 1)), "令和元年5月1日");
        assert_eq!(long(d(1926, 12, 25)), "昭和元年12月25日");
        assert_eq!(long(d(1926, 12, 24)), "大正15年12月24日");
    }
}
