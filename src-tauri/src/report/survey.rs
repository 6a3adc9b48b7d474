//! Surveys on request (仕様書 §13(3)): any period inside the contract, grouped by day, week,
//! month, weekday or hour, split by service, outcome, counter or reason ("how many 健康保険証
//! requests on Thursday evenings in January?"). The counting rule is the monthly report's (ended,
//! not voided visits, on the day and hour they started; a visit with two services counts under
//! each), so a survey over exactly one month gives that month's figures.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::counted::{
    distinct_services, handling_seconds, is_application, other_services, started,
};
use crate::calendar::wareki;
use crate::visits::{Outcome, Visit};

/// How rows are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum By {
    /// One row per day.
    Day,
    /// One row per week (Monday to Sunday; the week of a period's first day starts the list).
    Week,
    /// One row per month.
    Month,
    /// One row per weekday (月 … 日), over the period.
    Weekday,
    /// One row per hour of the day (0–23), over the period.
    Hour,
}

/// What each row is split by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Split {
    /// Visits including each service.
    Service,
    /// Completed / not completed.
    Outcome,
    /// Per counter.
    Counter,
    /// Not completed, per reason.
    Reason,
}

impl std::str::FromStr for By {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "day" => Ok(By::Day),
            "week" => Ok(By::Week),
            "month" => Ok(By::Month),
            "weekday" => Ok(By::Weekday),
            "hour" => Ok(By::Hour),
            _ => Err(format!(
                "「{s}」は day, week, month, weekday, hour のいずれかにしてください"
            )),
        }
    }
}

impl std::str::FromStr for Split {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "service" => Ok(Split::Service),
            "outcome" => Ok(Split::Outcome),
            "counter" => Ok(Split::Counter),
            "reason" => Ok(Split::Reason),
            _ => Err(format!(
                "「{s}」は service, outcome, counter, reason のいずれかにしてください"
            )),
        }
    }
}

/// The question asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// First day.
    pub from: NaiveDate,
    /// Last day (included).
    pub to: NaiveDate,
    /// Rows.
    pub by: By,
    /// Columns.
    pub split: Split,
}

impl By {
    /// 日別, 週別, 月別, 曜日別, 時間帯別.
    pub fn label(self) -> &'static str {
        match self {
            By::Day => "日別",
            By::Week => "週別",
            By::Month => "月別",
            By::Weekday => "曜日別",
            By::Hour => "時間帯別",
        }
    }
}

impl Split {
    /// 対応内容, 完了・未完了, 窓口, 未完了の理由.
    pub fn label(self) -> &'static str {
        match self {
            Split::Service => "対応内容",
            Split::Outcome => "完了・未完了",
            Split::Counter => "窓口",
            Split::Reason => "未完了の理由",
        }
    }
}

impl Question {
    /// The question in one line, as the audit trail keeps it and the monthly report lists it:
    /// 令和8年11月1日〜令和8年11月28日 曜日別・対応内容.
    pub fn describe(&self) -> String {
        format!(
            "{}〜{} {}・{}",
            wareki::long(self.from),
            wareki::long(self.to),
            self.by.label(),
            self.split.label()
        )
    }
}

/// One row of a survey.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// The group's key: `2023-07-03` (day, and week by its Monday), `2023-07`, `0`–`6`
    /// (Monday first), `0`–`23`.
    pub key: String,
    /// The group as a person reads it: 7月3日(月), 7月3日(月)〜, 令和5年7月, 月曜日, 9時台.
    pub label: String,
    /// Counted visits.
    pub visits: u64,
    /// ① 交付申請書対応件数.
    pub application: u64,
    /// ② その他対応件数 (the sum over ② services).
    pub other: u64,
    /// Total handling time in seconds (for averages).
    pub seconds: i64,
    /// The split: column → count.
    pub counts: BTreeMap<String, u64>,
}

impl Row {
    /// The same counts under another key and label.
    pub fn with_key(self, key: &str, label: &str) -> Self {
        Self {
            key: key.into(),
            label: label.into(),
            ..self
        }
    }
}

/// A survey's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Survey {
    /// The question.
    pub question: Question,
    /// The columns of the split, in order.
    pub columns: Vec<String>,
    /// One row per group.
    pub rows: Vec<Row>,
    /// The whole period.
    pub total: Row,
}

fn row_key(by: By, date: NaiveDate, hour: Option<u8>) -> Option<(String, String)> {
    Some(match by {
        By::Day => (
            date.to_string(),
            format!(
                "{}月{}日({})",
                date.month(),
                date.day(),
                wareki::weekday_kanji(date.weekday())
            ),
        ),
        By::Week => {
            let monday =
                date - chrono::Duration::days(i64::from(date.weekday().num_days_from_monday()));
            (
                monday.to_string(),
                format!(
                    "{}月{}日({})〜",
                    monday.month(),
                    monday.day(),
                    wareki::weekday_kanji(monday.weekday())
                ),
            )
        }
        By::Month => (
            format!("{:04}-{:02}", date.year(), date.month()),
            wareki::year_month(date),
        ),
        By::Weekday => (
            date.weekday().num_days_from_monday().to_string(),
            format!("{}曜日", wareki::weekday_kanji(date.weekday())),
        ),
        By::Hour => {
            let h = hour?;
            (h.to_string(), format!("{h}時台"))
        }
    })
}

/// Every row the period has, empty, in order (days, weeks and months of the period; the seven
/// weekdays; the 24 hours).
fn empty_rows(q: &Question) -> Vec<Row> {
    let mut keys: Vec<(String, String)> = Vec::new();
    match q.by {
        By::Weekday => {
            let monday = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or(q.from);
            for i in 0..7 {
                keys.extend(row_key(
                    By::Weekday,
                    monday + chrono::Duration::days(i),
                    None,
                ));
            }
        }
        By::Hour => {
            for h in 0..24u8 {
                keys.extend(row_key(By::Hour, q.from, Some(h)));
            }
        }
        _ => {
            for d in q.from.iter_days().take_while(|d| *d <= q.to) {
                if let Some(k) = row_key(q.by, d, None) {
                    if keys.last() != Some(&k) {
                        keys.push(k);
                    }
                }
            }
        }
    }
    keys.into_iter()
        .map(|(key, label)| Row {
            key,
            label,
            ..Default::default()
        })
        .collect()
}

/// What `v` counts under, for the split.
fn columns_of(v: &Visit, split: Split) -> Vec<String> {
    match split {
        Split::Service => distinct_services(v)
            .into_iter()
            .map(str::to_string)
            .collect(),
        Split::Outcome => vec![v
            .outcome
            .map(|o| o.code().to_string())
            .unwrap_or_else(|| "unknown".into())],
        Split::Counter => vec![v.counter.to_string()],
        Split::Reason => match (v.outcome, &v.reason) {
            (Some(Outcome::NotCompleted), Some(r)) => vec![r.clone()],
            _ => Vec::new(),
        },
    }
}

fn add(row: &mut Row, v: &Visit, split: Split) {
    row.visits += 1;
    row.seconds += handling_seconds(v).unwrap_or(0);
    if is_application(v) {
        row.application += 1;
    }
    row.other += other_services(v).len() as u64;
    for c in columns_of(v, split) {
        *row.counts.entry(c).or_default() += 1;
    }
}

/// Answers `q` from `visits` (any order; open, voided and out-of-period ones are skipped).
/// `known` lists the split's columns in their usual order (the service list, the reasons, the
/// counters); a column met but not known comes after them.
pub fn survey(q: &Question, visits: &[Visit], known: &[String]) -> Survey {
    let mut rows = empty_rows(q);
    let mut total = Row {
        key: "total".into(),
        label: "合計".into(),
        ..Default::default()
    };
    let mut columns: Vec<String> = known.to_vec();
    for v in visits.iter().filter(|v| v.counts()) {
        let Some((date, hour)) = started(v).filter(|(d, _)| (q.from..=q.to).contains(d)) else {
            continue;
        };
        for c in columns_of(v, q.split) {
            if !columns.contains(&c) {
                columns.push(c);
            }
        }
        add(&mut total, v, q.split);
        if let Some((key, _)) = row_key(q.by, date, hour) {
            if let Some(row) = rows.iter_mut().find(|r| r.key == key) {
                add(row, v, q.split);
            }
        }
    }
    for row in rows.iter_mut().chain(std::iter::once(&mut total)) {
        for c in &columns {
            row.counts.entry(c.clone()).or_default();
        }
    }
    Survey {
        question: q.clone(),
        columns,
        rows,
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visit(started: &str, services: &[&str], counter: u8, reason: Option<&str>) -> Visit {
        Visit {
            id: format!("{started}{services:?}{counter}"),
            counter,
            operator: "op".into(),
            started_at: format!("{started}+09:00"),
            ended_at: Some(format!("{started}+09:00")),
            services: services.iter().map(|s| s.to_string()).collect(),
            outcome: Some(if reason.is_some() {
                Outcome::NotCompleted
            } else {
                Outcome::Completed
            }),
            reason: reason.map(str::to_string),
            form_brought: None,
            note: None,
            revision: 1,
            voided: None,
            imported: false,
        }
    }

    fn q(from: &str, to: &str, by: By, split: Split) -> Question {
        Question {
            from: from.parse().unwrap(),
            to: to.parse().unwrap(),
            by,
            split,
        }
    }

    #[test]
    fn thursday_evenings_in_january() {
        let visits = vec![
            visit("2024-01-04T17:30:00", &["health_insurance"], 1, None),
            visit("2024-01-04T18:10:00", &["health_insurance", "pin"], 2, None),
            visit(
                "2024-01-11T18:40:00",
                &["health_insurance"],
                1,
                Some("pin_locked"),
            ),
            visit("2024-01-05T18:00:00", &["health_insurance"], 1, None), // a Friday
            visit("2024-02-01T18:00:00", &["health_insurance"], 1, None), // February
        ];
        let by_weekday = survey(
            &q("2024-01-01", "2024-01-31", By::Weekday, Split::Service),
            &visits,
            &[],
        );
        let thursday = &by_weekday.rows[3];
        assert_eq!(thursday.label, "木曜日");
        assert_eq!(thursday.counts["health_insurance"], 3);
        assert_eq!(by_weekday.rows[4].counts["health_insurance"], 1);
        assert_eq!(by_weekday.total.visits, 4, "February is outside the period");
        let by_hour = survey(
            &q("2024-01-01", "2024-01-31", By::Hour, Split::Outcome),
            &visits,
            &[],
        );
        assert_eq!(by_hour.rows.len(), 24);
        assert_eq!(by_hour.rows[18].counts["completed"], 2);
        assert_eq!(by_hour.rows[18].counts["not_completed"], 1);
        assert_eq!(by_hour.rows[17].visits, 1);
        let weeks = survey(
            &q("2024-01-03", "2024-01-31", By::Week, Split::Counter),
            &visits,
            &[],
        );
        assert_eq!(
            weeks.rows[0].key, "2024-01-01",
            "a week is named by its Monday"
        );
        assert_eq!(weeks.rows.len(), 5);
        assert_eq!(weeks.rows[0].counts["2"], 1);
        assert_eq!(
            weeks.total.other, 5,
            "a visit with pin and health insurance counts under both"
        );
    }

    /// A generated year on one store: varied days, hours, services, outcomes, forms, counters,
    /// with voided and open visits.
    fn a_year() -> crate::store::Store {
        use crate::visits::{end, lists, start, void, VisitEdit};
        let mut s = crate::store::Store::open_in_memory().unwrap();
        lists::ensure_defaults(&s).unwrap();
        let config = crate::calendar::CalendarConfig {
            contract_start: "2023-04-01".parse().unwrap(),
            contract_end: "2024-03-31".parse().unwrap(),
            ..Default::default()
        };
        crate::calendar::stored::save_config(&s, &config).unwrap();
        let services: Vec<&str> = lists::DEFAULT_SERVICES.iter().map(|(c, _)| *c).collect();
        let reasons = ["pin_locked", "cert_expired", "form_missing", "other"];
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut roll = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        let first: NaiveDate = "2023-04-01".parse().unwrap();
        for d in 0..366 {
            let date = first + chrono::Duration::days(d);
            for i in 0..roll(9) {
                let minute = 8 * 60 + roll(11 * 60);
                let at = |m: u64| {
                    crate::clock::parse(&format!(
                        "{date}T{:02}:{:02}:00+09:00",
                        (m / 60).min(23),
                        m % 60
                    ))
                    .unwrap()
                };
                let counter = 1 + roll(2) as u8;
                let v = start(&mut s, counter, &format!("op{d}-{i}"), at(minute)).unwrap();
                if roll(30) == 0 {
                    continue; // left open
                }
                let mut chosen: Vec<String> = Vec::new();
                for _ in 0..=roll(3) {
                    let c = services[roll(services.len() as u64) as usize].to_string();
                    if !chosen.contains(&c) {
                        chosen.push(c);
                    }
                }
                let not_completed = roll(5) == 0;
                let edit = VisitEdit {
                    form_brought: chosen
                        .iter()
                        .any(|c| c == "application")
                        .then(|| roll(2) == 0),
                    services: chosen,
                    outcome: Some(if not_completed {
                        Outcome::NotCompleted
                    } else {
                        Outcome::Completed
                    }),
                    reason: not_completed.then(|| reasons[roll(4) as usize].to_string()),
                    ..Default::default()
                };
                end(&mut s, &v.id, &edit, at(minute + roll(50))).unwrap();
                if roll(40) == 0 {
                    void(&mut s, &v.id, "mgr", true, "重複", at(minute + 60)).unwrap();
                }
            }
        }
        s
    }

    #[test]
    fn a_survey_of_one_month_is_that_months_report_for_every_month_of_a_year() {
        let s = a_year();
        let mut checked = 0;
        for m in 4..=15 {
            let month: crate::calendar::Month =
                format!("{}-{:02}", 2023 + (m - 1) / 12, (m - 1) % 12 + 1)
                    .parse()
                    .unwrap();
            let report = crate::report::monthly_from_store(&s, month).unwrap();
            let (from, to) = (month.first_day(), month.last_day());
            let visits = crate::visits::list_between(&s, from, to).unwrap();
            let ask = |by, split| {
                survey(
                    &Question {
                        from,
                        to,
                        by,
                        split,
                    },
                    &visits,
                    &[],
                )
            };
            let services = ask(By::Month, Split::Service);
            assert_eq!(services.rows.len(), 1);
            let row = &services.rows[0];
            assert_eq!(row, &services.total.clone().with_key(&row.key, &row.label));
            assert_eq!(row.visits, report.visits, "{month}");
            assert_eq!(row.application, report.application_count, "{month}");
            assert_eq!(row.other, report.other_count, "{month}");
            for (code, n) in &report.other_breakdown {
                assert_eq!(
                    row.counts.get(code).copied().unwrap_or(0),
                    *n,
                    "{month} {code}"
                );
            }
            assert_eq!(
                row.counts.get("photo").copied().unwrap_or(0),
                report.photo_taken
            );
            assert_eq!(
                row.counts.get("photo_attach").copied().unwrap_or(0),
                report.photo_attached
            );
            let counters = ask(By::Month, Split::Counter).total;
            for (c, n) in &report.per_counter {
                assert_eq!(counters.counts[&c.to_string()], *n, "{month} counter {c}");
            }
            let reasons = ask(By::Month, Split::Reason).total;
            let nonzero: BTreeMap<String, u64> =
                reasons.counts.into_iter().filter(|(_, n)| *n > 0).collect();
            assert_eq!(nonzero, report.not_completed_by_reason, "{month}");
            let hours = ask(By::Hour, Split::Outcome);
            let per_hour: Vec<u64> = hours.rows.iter().map(|r| r.visits).collect();
            assert_eq!(per_hour, report.per_hour.to_vec(), "{month}");
            let days = ask(By::Day, Split::Service);
            for d in &report.per_day {
                let row = days
                    .rows
                    .iter()
                    .find(|r| r.key == d.date.to_string())
                    .unwrap();
                assert_eq!(
                    (row.application, row.other),
                    (d.application_count, d.other_count)
                );
            }
            assert!(report.visits > 50, "{month}: {}", report.visits);
            checked += 1;
        }
        assert_eq!(checked, 12);
    }
}
