//! Today's status for the header: open now, opens at, closed for the rest of the day, or closed
//! today and why. A pure function of the calendar and the current local time.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
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

/// Status with the Japanese line shown in the header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TodayStatus {
    /// Today, local.
    pub date: NaiveDate,
    /// Today in 和暦 with weekday.
    pub date_wareki: String,
    /// The state.
    pub status: Status,
    /// One line in Japanese.
    pub message: String,
}

fn hm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
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
    let message = match &status {
        Status::OpenNow { closes } => format!("開設中（{closes}まで）"),
        Status::OpensAt { opens } => format!("本日は{opens}から開設します"),
        Status::ClosedForToday { closed_at } => {
            format!("本日の受付は終了しました（{closed_at}まで）")
        }
        Status::ClosedToday { reason } => format!("本日は休業日です（{reason}）"),
    };
    TodayStatus {
        date,
        date_wareki: wareki::with_weekday(date),
        status,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
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

    #[test]
    fn closed_on_a_holiday_says_which() {
        let s = status_at(&Calendar::default(), at(2023, 5, 3, 10, 0));
        assert_eq!(s.message, "本日は休業日です（憲法記念日）");
        assert_eq!(s.date_wareki, "令和5年5月3日(水)");
    }
}
