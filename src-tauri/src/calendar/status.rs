//! Today's status for the header: open now, opens at, closed for the rest of the day, or closed
//! today and why — and, once closed, when the counter opens next (「次の開設日：12月1日(月) 8:30から」),
//! which tells a citizen more than the reason. A pure function of the calendar and the local time.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::Serialize;

use super::day::Calendar;
use super::wareki;

/// The counter's state at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Status {
    /// Open until `closes`.
    OpenNow {
        /// Closing time `HH:MM`.
        closes: String,
    },
    /// Opens later today.
    OpensAt {
        /// Opening time `HH:MM`.
        opens: String,
    },
    /// Was open today and has closed.
    ClosedForToday {
        /// The time it closed.
        closed_at: String,
    },
    /// Not open today.
    ClosedToday {
        /// Why: the holiday's name, the closure reason, or 「休業日」.
        reason: String,
    },
}

/// The next day the counter opens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextOpen {
    /// The date.
    pub date: NaiveDate,
    /// `12月1日(月)`.
    pub label: String,
    /// Opening time as said aloud, `8:30`.
    pub opens: String,
    /// `次の開設日：12月1日(月) 8:30から`.
    pub line: String,
}

/// Status with the Japanese line shown in the header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TodayStatus {
    /// Today, local.
    pub date: NaiveDate,
    /// Today in 和暦 with weekday.
    pub date_wareki: String,
    /// The state.
    pub status: Status,
    /// The state in one short line (`本日は休業日です（元日）`).
    pub headline: String,
    /// When closed: the next opening day within [`NEXT_OPEN_HORIZON_DAYS`].
    pub next_open: Option<NextOpen>,
    /// The headline and the next opening in one line, for the header.
    pub message: String,
}

/// How far ahead the next opening day is looked for (past a long closure such as 年末年始).
pub const NEXT_OPEN_HORIZON_DAYS: u64 = 62;

/// The closing reason that tells nothing: an ordinary closed day.
const PLAIN_CLOSED: &str = "休業日";

fn hm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// The first day after `today` that opens, with its hours.
pub fn next_opening(cal: &Calendar, today: NaiveDate) -> Option<NextOpen> {
    (1..=NEXT_OPEN_HORIZON_DAYS).find_map(|n| {
        let date = today.checked_add_days(Days::new(n))?;
        let (hours, _) = cal.opening(date)?;
        let label = format!(
            "{}月{}日({})",
            date.month(),
            date.day(),
            wareki::weekday_kanji(date.weekday())
        );
        let opens = format!("{}:{:02}", hours.opens.hour(), hours.opens.minute());
        let line = format!("次の開設日：{label} {opens}から");
        Some(NextOpen {
            date,
            label,
            opens,
            line,
        })
    })
}

/// The status at local time `now`.
pub fn status_at(cal: &Calendar, now: NaiveDateTime) -> TodayStatus {
    let date = now.date();
    let time = now.time();
    let day = cal.day(date);
    let status = match cal.opening(date) {
        Some((h, _)) if time < h.opens => Status::OpensAt { opens: hm(h.opens) },
        Some((h, _)) if time < h.closes => Status::OpenNow {
            closes: hm(h.closes),
        },
        Some((h, _)) => Status::ClosedForToday {
            closed_at: hm(h.closes),
        },
        None => Status::ClosedToday {
            reason: day
                .holiday
                .or(day.closure)
                .unwrap_or_else(|| "休業日".to_string()),
        },
    };
    let headline = match &status {
        Status::OpenNow { closes } => format!("開設中（{closes}まで）"),
        Status::OpensAt { opens } => format!("本日は{opens}から開設します"),
        Status::ClosedForToday { .. } => "本日の受付は終了しました".to_string(),
        Status::ClosedToday { reason } if reason == PLAIN_CLOSED => "本日は休業日です".to_string(),
        Status::ClosedToday { reason } => format!("本日は休業日です（{reason}）"),
    };
    let next_open = match status {
        Status::ClosedForToday { .. } | Status::ClosedToday { .. } => next_opening(cal, date),
        Status::OpenNow { .. } | Status::OpensAt { .. } => None,
    };
    let message = match &next_open {
        Some(next) => format!("{headline}。{}", next.line),
        None => headline.clone(),
    };
    TodayStatus {
        date,
        date_wareki: wareki::with_weekday(date),
        status,
        headline,
        next_open,
        message,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Local time `y-m-d h:min`, for the tests here and of what follows the calendar.
    pub(crate) fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn status_through_a_thursday() {
        let cal = Calendar::default();
        assert_eq!(
            status_at(&cal, at(2023, 4, 6, 8, 0)).status,
            Status::OpensAt {
                opens: "08:30".into()
            }
        );
        assert_eq!(
            status_at(&cal, at(2023, 4, 6, 18, 59)).status,
            Status::OpenNow {
                closes: "19:00".into()
            }
        );
        assert_eq!(
            status_at(&cal, at(2023, 4, 6, 19, 0)).status,
            Status::ClosedForToday {
                closed_at: "19:00".into()
            }
        );
    }

    fn contract() -> Calendar {
        Calendar {
            config: crate::calendar::CalendarConfig {
                contract_start: NaiveDate::from_ymd_opt(2023, 4, 1).unwrap(),
                contract_end: NaiveDate::from_ymd_opt(2024, 3, 31).unwrap(),
                ..Default::default()
            },
            ..Calendar::default()
        }
    }

    #[test]
    fn closed_on_a_holiday_says_which_and_when_it_opens_next() {
        // Golden Week 2023: 3, 4, 5 May are holidays, 6–7 a weekend not picked.
        let s = status_at(&contract(), at(2023, 5, 3, 10, 0));
        assert_eq!(s.headline, "本日は休業日です（憲法記念日）");
        assert_eq!(
            s.message,
            "本日は休業日です（憲法記念日）。次の開設日：5月8日(月) 8:30から"
        );
        assert_eq!(s.date_wareki, "令和5年5月3日(水)");
    }

    #[test]
    fn an_ordinary_closed_day_says_only_when_it_opens_next() {
        // Sunday 9 April 2023, no weekend picked.
        let s = status_at(&contract(), at(2023, 4, 9, 10, 0));
        assert_eq!(s.headline, "本日は休業日です");
        assert_eq!(
            s.next_open.as_ref().map(|n| n.line.as_str()),
            Some("次の開設日：4月10日(月) 8:30から")
        );
    }

    #[test]
    fn after_hours_the_next_day_is_named_with_its_own_hours() {
        let mut cal = contract();
        // Saturday 8 April picked: opens 8:40.
        cal.weekend_picks
            .insert(NaiveDate::from_ymd_opt(2023, 4, 8).unwrap());
        let s = status_at(&cal, at(2023, 4, 7, 17, 30));
        assert_eq!(
            s.message,
            "本日の受付は終了しました。次の開設日：4月8日(土) 8:40から"
        );
        // Open now: no next day.
        assert_eq!(status_at(&cal, at(2023, 4, 7, 10, 0)).next_open, None);
    }

    #[test]
    fn past_the_new_year_closure_and_not_past_the_contract() {
        let s = status_at(&contract(), at(2023, 12, 29, 10, 0));
        let next = s.next_open.unwrap();
        assert_eq!(next.date, NaiveDate::from_ymd_opt(2024, 1, 4).unwrap());
        // The contract's last day, after closing: no next day to name.
        let s = status_at(&contract(), at(2024, 3, 29, 18, 0));
        assert_eq!(s.next_open, None);
        assert_eq!(s.message, "本日の受付は終了しました");
    }
}
