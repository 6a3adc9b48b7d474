//! The monthly report's lines for the opening check: one per operating day and counter — when it
//! was done, by whom, and what failed — and a line saying it was not done where it was not.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Record;
use crate::calendar::Calendar;

/// One operating day at one counter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    /// The day.
    pub date: NaiveDate,
    /// The counter.
    pub counter: u8,
    /// When the check was saved (`HH:MM`), or `None` when it was not done.
    pub done_at: Option<String>,
    /// By whom.
    pub done_by: String,
    /// The items that failed: 「プリンター：停止しています…」.
    pub ng: Vec<String>,
}

impl Line {
    /// The result in a few words, for the report's cell.
    pub fn result(&self) -> String {
        match (&self.done_at, self.ng.is_empty()) {
            (None, _) => "未実施".into(),
            (Some(_), true) => "異常なし".into(),
            (Some(_), false) => format!("NG {}件：{}", self.ng.len(), self.ng.join(" / ")),
        }
    }
}

/// The lines from `first` to `last`: each day the calendar opens, each counter `1..=counters`.
/// A record on a day the calendar has closed is listed too (the counter did open).
pub fn lines(
    cal: &Calendar,
    first: NaiveDate,
    last: NaiveDate,
    counters: u8,
    records: &[Record],
) -> Vec<Line> {
    let mut out = Vec::new();
    for date in first.iter_days().take_while(|d| *d <= last) {
        let of_day: Vec<&Record> = records.iter().filter(|r| r.day == date).collect();
        if cal.opening(date).is_none() && of_day.is_empty() {
            continue;
        }
        let mut numbers: Vec<u8> = (1..=counters).collect();
        numbers.extend(of_day.iter().map(|r| r.counter).filter(|c| *c > counters));
        for counter in numbers {
            out.push(match of_day.iter().find(|r| r.counter == counter) {
                None => Line {
                    date,
                    counter,
                    done_at: None,
                    done_by: String::new(),
                    ng: Vec::new(),
                },
                Some(r) => Line {
                    date,
                    counter,
                    done_at: Some(r.done_at.get(11..16).unwrap_or_default().to_string()),
                    done_by: r.done_by.clone(),
                    ng: r
                        .ng()
                        .map(|i| {
                            if i.detail.is_empty() {
                                i.label.clone()
                            } else {
                                format!("{}：{}", i.label, i.detail)
                            }
                        })
                        .collect(),
                },
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::opening::Item;

    fn record(day: &str, counter: u8, at: &str, ng: &[&str]) -> Record {
        let mut items = vec![Item::auto("camera", "カメラ", true, "ok")];
        items.extend(ng.iter().map(|l| Item::auto("printer", l, false, "停止")));
        Record {
            day: day.parse().unwrap(),
            counter,
            done_at: format!("{day}T{at}:00+09:00"),
            done_by: "yamada".into(),
            items,
        }
    }

    #[test]
    fn each_operating_day_and_counter_done_or_not() {
        // July 2023: the 17th is 海の日 (closed), the 1st and 2nd a weekend (not picked).
        let cal = Calendar::default();
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let records = vec![
            record("2023-07-03", 1, "08:12", &[]),
            record("2023-07-03", 2, "08:20", &["プリンター"]),
            record("2023-07-17", 1, "09:00", &[]),
        ];
        let l = lines(&cal, d("2023-07-01"), d("2023-07-31"), 2, &records);
        let open_days = d("2023-07-01")
            .iter_days()
            .take_while(|x| *x <= d("2023-07-31"))
            .filter(|x| cal.opening(*x).is_some())
            .count();
        assert_eq!(
            l.len(),
            2 * (open_days + 1),
            "two counters each opening day, plus the 17th's record"
        );
        assert_eq!((l[0].date, l[0].counter), (d("2023-07-03"), 1));
        assert_eq!(l[0].result(), "異常なし");
        assert_eq!(l[0].done_at.as_deref(), Some("08:12"));
        assert_eq!(l[1].result(), "NG 1件：プリンター：停止");
        assert_eq!(l[2].result(), "未実施");
        assert!(
            l.iter().all(|x| x.date != d("2023-07-01")),
            "a closed day without a record is not listed"
        );
        let holiday: Vec<_> = l.iter().filter(|x| x.date == d("2023-07-17")).collect();
        assert_eq!(holiday.len(), 2);
        assert_eq!(holiday[0].result(), "異常なし");
    }
}
