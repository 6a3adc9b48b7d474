//! Downtime inside opening hours: the part of each outage that falls within the hours the
//! calendar opens the counter (an outage at night or on a closed day costs the counter nothing).

use chrono::NaiveDateTime;

use super::Outage;
use crate::calendar::Calendar;

/// Seconds of `[from, to)` inside the calendar's opening hours.
pub fn inside_opening(cal: &Calendar, from: NaiveDateTime, to: NaiveDateTime) -> i64 {
    if to <= from {
        return 0;
    }
    from.date()
        .iter_days()
        .take_while(|d| *d <= to.date())
        .filter_map(|d| {
            let (hours, _) = cal.opening(d)?;
            let (open, close) = (d.and_time(hours.opens), d.and_time(hours.closes));
            let (a, b) = (from.max(open), to.min(close));
            (b > a).then(|| (b - a).num_seconds())
        })
        .sum()
}

/// An outage's seconds inside opening hours, counted up to `now` while it lasts.
pub fn of_outage(cal: &Calendar, o: &Outage, now: &str) -> i64 {
    o.span(now).map_or(0, |(a, b)| {
        inside_opening(cal, a.naive_local(), b.naive_local())
    })
}

/// An outage as the monthly report lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OutageLine {
    /// The outage.
    pub outage: Outage,
    /// Its length in minutes (up to now while it lasts).
    pub minutes: i64,
    /// Its minutes inside opening hours.
    pub inside_minutes: i64,
}

/// The report's lines for `outages`, counted up to `now` for one that lasts.
pub fn lines(cal: &Calendar, outages: Vec<Outage>, now: &str) -> Vec<OutageLine> {
    outages
        .into_iter()
        .map(|o| OutageLine {
            minutes: o.minutes(now),
            inside_minutes: of_outage(cal, &o, now) / 60,
            outage: o,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn only_the_part_inside_opening_hours_counts() {
        let cal = Calendar::default();
        // Tuesday 2023-07-04, 8:30–17:15.
        assert_eq!(
            inside_opening(&cal, t("2023-07-04 10:00"), t("2023-07-04 10:20")),
            20 * 60
        );
        assert_eq!(
            inside_opening(&cal, t("2023-07-04 08:00"), t("2023-07-04 08:45")),
            15 * 60,
            "before opening"
        );
        assert_eq!(
            inside_opening(&cal, t("2023-07-04 17:00"), t("2023-07-04 18:00")),
            15 * 60,
            "after closing"
        );
        // Thursday 2023-07-06 is open until 19:00.
        assert_eq!(
            inside_opening(&cal, t("2023-07-06 18:00"), t("2023-07-06 20:00")),
            60 * 60
        );
        // Overnight from Tuesday 17:00 to Wednesday 9:00: 15 minutes + 30 minutes.
        assert_eq!(
            inside_opening(&cal, t("2023-07-04 17:00"), t("2023-07-05 09:00")),
            45 * 60
        );
        // Monday 2023-07-17 is 海の日: nothing.
        assert_eq!(
            inside_opening(&cal, t("2023-07-17 09:00"), t("2023-07-17 12:00")),
            0
        );
        // A weekend day not picked: nothing.
        assert_eq!(
            inside_opening(&cal, t("2023-07-01 09:00"), t("2023-07-01 12:00")),
            0
        );
        assert_eq!(
            inside_opening(&cal, t("2023-07-04 12:00"), t("2023-07-04 11:00")),
            0
        );
    }

    #[test]
    fn an_open_outage_counts_up_to_now() {
        let cal = Calendar::default();
        let o = Outage {
            id: 1,
            counter: 1,
            started_at: "2023-07-04T16:00:00+09:00".into(),
            ended_at: None,
            cause: crate::netcheck::Cause::Dns,
            cause_label: String::new(),
            targets: "J-LIS".into(),
            detail: String::new(),
            acknowledged: false,
        };
        assert_eq!(of_outage(&cal, &o, "2023-07-04T16:30:00+09:00"), 30 * 60);
        assert_eq!(
            of_outage(&cal, &o, "2023-07-05T08:40:00+09:00"),
            (75 + 10) * 60
        );
    }
}
