//! One month of the leaflet: every day as `Calendar::day` has it (open with its hours, or closed
//! and why), its kind for the colour, and the lines printed under the grid — which the PDF's
//! text carries, so it can be read back and checked against `madoguchi calendar`.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::calendar::{wareki, Calendar, DayKind, Month};

/// One day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeafletDay {
    /// The day.
    pub date: NaiveDate,
    /// Open: its kind; closed: `None`.
    pub kind: Option<DayKind>,
    /// `8:30` when open.
    pub opens: Option<String>,
    /// `17:15` when open.
    pub closes: Option<String>,
    /// Why it is closed when that tells something (a holiday's name, 年末年始, a closure).
    pub closed_because: Option<String>,
}

impl LeafletDay {
    /// `8:30〜17:15` (empty ends on a closed day).
    pub fn hours(&self) -> String {
        format!(
            "{}〜{}",
            self.opens.as_deref().unwrap_or(""),
            self.closes.as_deref().unwrap_or("")
        )
    }
}

/// One month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeafletMonth {
    /// The month.
    pub month: Month,
    /// `2026年12月`.
    pub title: String,
    /// Every day of the month.
    pub days: Vec<LeafletDay>,
}

/// `08:30` → `8:30`.
fn short(t: &str) -> String {
    t.strip_prefix('0').unwrap_or(t).to_string()
}

impl LeafletMonth {
    /// The month from the calendar.
    pub fn of(cal: &Calendar, month: Month) -> Self {
        let first = month.first_day();
        let days = first
            .iter_days()
            .take_while(|d| *d <= month.last_day())
            .map(|date| {
                let info = cal.day(date);
                let kind = cal.opening(date).map(|(_, k)| k);
                LeafletDay {
                    date,
                    kind: if info.open { kind } else { None },
                    opens: info.opens.as_deref().map(short),
                    closes: info.closes.as_deref().map(short),
                    closed_because: if info.open {
                        None
                    } else {
                        info.holiday.or(info.closure)
                    },
                }
            })
            .collect();
        Self {
            month,
            title: format!("{}年{}月", first.year(), first.month()),
            days,
        }
    }

    /// The open days of a kind.
    fn open(&self, kinds: &[DayKind]) -> Vec<&LeafletDay> {
        self.days
            .iter()
            .filter(|d| d.kind.is_some_and(|k| kinds.contains(&k)))
            .collect()
    }

    /// The lines under the grid: the open days by kind with their hours, then the closures
    /// that have a reason. Every open day of the month is named exactly once.
    pub fn lines(&self) -> Vec<String> {
        let m = self.month.first_day().month();
        let list = |days: &[&LeafletDay], with_hours: bool| {
            days.iter()
                .map(|d| {
                    if with_hours {
                        format!("{} {}", wareki::month_day(d.date), d.hours())
                    } else {
                        wareki::month_day(d.date)
                    }
                })
                .collect::<Vec<_>>()
                .join("、")
        };
        let mut out = Vec::new();
        let weekdays = self.open(&[DayKind::Weekday, DayKind::Extended]);
        if !weekdays.is_empty() {
            // Grouped by hours, so the late Thursday reads as such.
            let mut groups: Vec<(String, Vec<&LeafletDay>)> = Vec::new();
            for d in weekdays {
                match groups.iter_mut().find(|(h, _)| *h == d.hours()) {
                    Some((_, v)) => v.push(d),
                    None => groups.push((d.hours(), vec![d])),
                }
            }
            for (h, days) in groups {
                out.push(format!("{m}月の平日開設日（{h}）：{}", list(&days, false)));
            }
        }
        let weekend = self.open(&[DayKind::Weekend]);
        out.push(if weekend.is_empty() {
            format!("{m}月の土日開設日：ありません")
        } else {
            format!("{m}月の土日開設日：{}", list(&weekend, true))
        });
        let special = self.open(&[DayKind::Special]);
        if !special.is_empty() {
            out.push(format!("{m}月の臨時開設日：{}", list(&special, true)));
        }
        // Closures with a reason, consecutive days with the same reason as one range
        // (年末年始, a stretch outside the contract).
        let mut closed: Vec<String> = Vec::new();
        let mut run: Option<(&LeafletDay, &LeafletDay, &String)> = None;
        let flush = |run: Option<(&LeafletDay, &LeafletDay, &String)>, out: &mut Vec<String>| {
            if let Some((a, b, why)) = run {
                out.push(if a.date == b.date {
                    format!("{}（{why}）", wareki::month_day(a.date))
                } else {
                    format!(
                        "{}〜{}（{why}）",
                        wareki::month_day(a.date),
                        wareki::month_day(b.date)
                    )
                });
            }
        };
        for d in self.days.iter().filter(|d| d.kind.is_none()) {
            let Some(why) = d.closed_because.as_ref() else {
                continue;
            };
            match run {
                Some((a, b, w)) if w == why && b.date.succ_opt() == Some(d.date) => {
                    run = Some((a, d, w));
                }
                _ => {
                    flush(run.take(), &mut closed);
                    run = Some((d, d, why));
                }
            }
        }
        flush(run, &mut closed);
        if !closed.is_empty() {
            out.push(format!("{m}月の休業日：{}", closed.join("、")));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_open_day_is_named_once_with_its_kind() {
        // July 2023 with the contract's defaults: 海の日 on the 17th, no weekend picked.
        let cal = Calendar::default();
        let m = LeafletMonth::of(&cal, "2023-07".parse().unwrap());
        assert_eq!(m.days.len(), 31);
        let open: Vec<_> = m
            .days
            .iter()
            .filter(|d| d.kind.is_some())
            .map(|d| d.date)
            .collect();
        let expected: Vec<_> = m
            .days
            .iter()
            .filter(|d| cal.day(d.date).open)
            .map(|d| d.date)
            .collect();
        assert_eq!(open, expected, "the same days as madoguchi calendar");
        let lines = m.lines();
        let text = lines.join("\n");
        for d in &open {
            let label = wareki::month_day(*d);
            assert_eq!(
                text.matches(&format!("、{label}")).count()
                    + text.matches(&format!("：{label}")).count(),
                1,
                "{label} in {text}"
            );
        }
        assert!(
            text.contains(
                "7月の平日開設日（8:30〜19:00）：7月6日(木)、7月13日(木)、7月20日(木)、7月27日(木)"
            ),
            "{text}"
        );
        assert!(text.contains("7月の土日開設日：ありません"), "{text}");
        assert!(text.contains("7月17日(月)（海の日）"), "{text}");
        let dec = LeafletMonth::of(&cal, "2023-12".parse().unwrap())
            .lines()
            .join("\n");
        assert!(
            dec.contains("12月29日(金)〜12月31日(日)（年末年始）"),
            "consecutive closures as one range: {dec}"
        );
        let outside = LeafletMonth::of(&cal, "2024-04".parse().unwrap()).lines();
        assert!(
            outside
                .iter()
                .any(|l| l
                    .contains("4月1日(月)〜4月28日(日)（契約期間外）、4月29日(月)（昭和の日）")),
            "{outside:?}"
        );
        assert!(
            !text.contains("7月1日(土)（"),
            "a weekend day not picked is not a closure worth naming: {text}"
        );
    }
}
