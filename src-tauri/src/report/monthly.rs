//! Figures of one month: opening days split by kind, ① and ② with their parts, and one row per day.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::counted::{self, Counted};
use crate::calendar::{wareki, Calendar, DayKind, Month};
use crate::visits::Visit;

/// The services that make a visit count in ① 交付申請書対応件数.
pub const APPLICATION_SERVICES: [&str; 3] = ["application", "photo", "photo_attach"];

/// Why a report cannot be made.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ReportError {
    /// The month is outside the contract period.
    #[error("{0}は契約期間外です。")]
    OutsideContract(String),
    /// A period that ends before it starts.
    #[error("期間の終わり（{to}）が始まり（{from}）より前です。")]
    BadPeriod {
        /// First day.
        from: NaiveDate,
        /// Last day.
        to: NaiveDate,
    },
}

impl ReportError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::OutsideContract(_) => "outside_contract",
            Self::BadPeriod { .. } => "bad_period",
        }
    }
}

/// Opening days of the month by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpeningSummary {
    /// Regular weekdays.
    pub weekdays: u32,
    /// Weekdays with extended hours (Thursdays).
    pub extended: u32,
    /// Weekend days picked, with their dates.
    pub weekend_dates: Vec<NaiveDate>,
    /// Special openings by override.
    pub special_dates: Vec<NaiveDate>,
    /// Weekdays closed and why (holidays, city closures, manual closures).
    pub closed: Vec<(NaiveDate, String)>,
}

/// One row of the per-day table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayRow {
    /// The day.
    pub date: NaiveDate,
    /// ① for the day.
    pub application_count: u64,
    /// ② for the day.
    pub other_count: u64,
    /// ② by service.
    pub other_breakdown: BTreeMap<String, u64>,
}

/// The figures of one month.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Monthly {
    /// The month (`YYYY-MM` in JSON).
    pub month: Month,
    /// 令和5年7月.
    pub month_wareki: String,
    /// Opening days.
    pub open_days: u32,
    /// Their split.
    pub opening: OpeningSummary,
    /// ① 交付申請書対応件数.
    pub application_count: u64,
    /// ① parts: form brought (`application` visits saying yes).
    pub form_brought: u64,
    /// ① parts: form not brought (re-issue guided).
    pub form_not_brought: u64,
    /// ① parts: not known whether the form was brought (records without the answer, visits for
    /// the photo only), so that あり + なし + 不明 = ①.
    #[serde(default)]
    pub form_unknown: u64,
    /// ① parts: visits with `photo`.
    pub photo_taken: u64,
    /// ① parts: visits with `photo_attach`.
    pub photo_attached: u64,
    /// ② その他対応件数: the sum of the breakdown.
    pub other_count: u64,
    /// ② by service code.
    pub other_breakdown: BTreeMap<String, u64>,
    /// The ② services in report order (the service list's order).
    pub other_services: Vec<String>,
    /// Counted visits.
    pub visits: u64,
    /// Not completed, by reason code.
    pub not_completed_by_reason: BTreeMap<String, u64>,
    /// Average handling time (start to end) in seconds, rounded.
    pub average_seconds: i64,
    /// Longest handling time in seconds.
    pub longest_seconds: i64,
    /// Visits by the hour they started (index 0 = 00:00–00:59, local time).
    pub per_hour: [u64; 24],
    /// Visits per counter.
    pub per_counter: BTreeMap<u8, u64>,
    /// One row per opening day, and per any other day that has visits.
    pub per_day: Vec<DayRow>,
    /// Counted visits on days the calendar says were closed (for the site manager to confirm the
    /// day was opened, or to correct the records), by day.
    #[serde(default)]
    pub closed_day_visits: Vec<(NaiveDate, u64)>,
    /// Weekend openings the contract asks for in a month (仕様書 §3(2)ウ: three); fewer picked is
    /// warned in the report.
    #[serde(default)]
    pub weekend_quota: u32,
}

/// The month's figures from its visits (any order; voided and open ones are skipped here) and
/// the calendar. `other_services` lists the ② services in report order.
pub fn monthly(
    month: Month,
    cal: &Calendar,
    visits: &[Visit],
    other_services: &[String],
) -> Result<Monthly, ReportError> {
    let counted = counted::from_visits(visits, month.first_day(), month.last_day());
    assemble(month, cal, &counted, other_services)
}

/// The month's figures from its counted visits (from this counter or the shared store) and the
/// calendar. `other_services` lists the ② services in report order; a ② service counted but
/// not listed comes after them, in code order.
pub fn assemble(
    month: Month,
    cal: &Calendar,
    counted: &Counted,
    other_services: &[String],
) -> Result<Monthly, ReportError> {
    let (first, last) = (month.first_day(), month.last_day());
    if last < cal.config.contract_start || first > cal.config.contract_end {
        return Err(ReportError::OutsideContract(wareki::year_month(first)));
    }
    let mut m = Monthly::default();
    let days = opening_days(&mut m, cal, first, last);
    let mut m = add_counts(m, days, month, counted, other_services);
    let mut closed: BTreeMap<NaiveDate, u64> = BTreeMap::new();
    for g in &counted.groups {
        if (first..=last).contains(&g.date) && cal.opening(g.date).is_none() {
            *closed.entry(g.date).or_default() += g.visits;
        }
    }
    m.closed_day_visits = closed.into_iter().collect();
    m.weekend_quota = cal.config.weekend_days_per_month;
    Ok(m)
}

/// The visit figures alone (no calendar: `open_days` is 0, `per_day` has the days with visits),
/// for a report over sites whose calendars are their own.
pub fn counts_only(month: Month, counted: &Counted, other_services: &[String]) -> Monthly {
    add_counts(
        Monthly::default(),
        BTreeMap::new(),
        month,
        counted,
        other_services,
    )
}

fn add_counts(
    mut m: Monthly,
    mut days: BTreeMap<NaiveDate, DayRow>,
    month: Month,
    counted: &Counted,
    other_services: &[String],
) -> Monthly {
    let (first, last) = (month.first_day(), month.last_day());
    m.month = month;
    m.month_wareki = wareki::year_month(first);
    for code in other_services {
        m.other_breakdown.insert(code.clone(), 0);
    }
    m.other_services = other_services.to_vec();
    let mut total_seconds: i64 = 0;
    for g in counted
        .groups
        .iter()
        .filter(|g| (first..=last).contains(&g.date))
    {
        m.visits += g.visits;
        *m.per_counter.entry(g.counter).or_default() += g.visits;
        if let Some(hour) = g.hour.map(usize::from).filter(|h| *h < 24) {
            m.per_hour[hour] += g.visits;
        }
        total_seconds += g.seconds;
        m.longest_seconds = m.longest_seconds.max(g.longest);
        m.application_count += g.application;
        m.form_brought += g.form_brought;
        m.form_not_brought += g.form_not_brought;
        m.photo_taken += g.photo;
        m.photo_attached += g.photo_attach;
        if let Some(r) = &g.reason {
            *m.not_completed_by_reason.entry(r.clone()).or_default() += g.visits;
        }
        day_row(&mut days, g.date).application_count += g.application;
    }
    for ((date, code), n) in counted.services.range((first, String::new())..) {
        if *date > last {
            break;
        }
        if !m.other_services.contains(code) {
            m.other_services.push(code.clone());
        }
        *m.other_breakdown.entry(code.clone()).or_default() += n;
        m.other_count += n;
        let row = day_row(&mut days, *date);
        *row.other_breakdown.entry(code.clone()).or_default() += n;
        row.other_count += n;
    }
    if m.visits > 0 {
        let n = m.visits as i64;
        m.average_seconds = (total_seconds + n / 2) / n;
    }
    m.form_unknown = m
        .application_count
        .saturating_sub(m.form_brought + m.form_not_brought);
    m.per_day = days.into_values().collect();
    m
}

fn day_row(days: &mut BTreeMap<NaiveDate, DayRow>, date: NaiveDate) -> &mut DayRow {
    days.entry(date).or_insert_with(|| DayRow {
        date,
        ..Default::default()
    })
}

/// Fills the opening split of `m` and returns an empty row for each opening day.
fn opening_days(
    m: &mut Monthly,
    cal: &Calendar,
    first: NaiveDate,
    last: NaiveDate,
) -> BTreeMap<NaiveDate, DayRow> {
    let mut days = BTreeMap::new();
    for date in first.iter_days().take_while(|d| *d <= last) {
        match cal.opening(date) {
            Some((_, kind)) => {
                m.open_days += 1;
                match kind {
                    DayKind::Weekday => m.opening.weekdays += 1,
                    DayKind::Extended => m.opening.extended += 1,
                    DayKind::Weekend => m.opening.weekend_dates.push(date),
                    DayKind::Special => m.opening.special_dates.push(date),
                }
                day_row(&mut days, date);
            }
            None => {
                let info = cal.day(date);
                let weekend = date.weekday().num_days_from_monday() >= 5;
                if let Some(reason) = info.holiday.or(info.closure).filter(|_| !weekend) {
                    m.opening.closed.push((date, reason));
                }
            }
        }
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::CalendarConfig;
    use crate::visits::{Outcome, Voided};

    fn month(text: &str) -> Month {
        text.parse().unwrap()
    }

    fn visit(day: &str, services: &[&str], form: Option<bool>) -> Visit {
        Visit {
            id: format!("{day}-{}", services.join("-")),
            counter: 1,
            operator: "op".into(),
            started_at: format!("{day}T10:00:00+09:00"),
            ended_at: Some(format!("{day}T10:10:00+09:00")),
            services: services.iter().map(|s| s.to_string()).collect(),
            outcome: Some(Outcome::Completed),
            reason: None,
            form_brought: form,
            note: None,
            revision: 1,
            voided: None,
            imported: false,
        }
    }

    fn others() -> Vec<String> {
        [
            "mynapoint",
            "health_insurance",
            "public_fund_account",
            "pin",
            "certificate",
            "consultation",
            "complaint",
            "other",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    #[test]
    fn counting_rule() {
        let cal = Calendar::default();
        let mut voided = visit("2023-07-04", &["application", "pin"], Some(true));
        voided.voided = Some(Voided {
            at: "x".into(),
            by: "m".into(),
            reason: "重複".into(),
        });
        let mut open = visit("2023-07-04", &["pin"], None);
        open.ended_at = None;
        let mut incomplete = visit("2023-07-05", &["health_insurance"], None);
        incomplete.outcome = Some(Outcome::NotCompleted);
        incomplete.reason = Some("pin_locked".into());
        let visits = vec![
            visit("2023-07-03", &["application", "photo"], Some(false)),
            visit(
                "2023-07-03",
                &["photo_attach", "health_insurance", "pin"],
                None,
            ),
            visit("2023-07-04", &["pin"], None),
            voided,
            open,
            incomplete,
            visit("2023-08-01", &["pin"], None),
        ];
        let m = monthly(month("2023-07"), &cal, &visits, &others()).unwrap();
        assert_eq!(
            m.application_count, 2,
            "visits with application, photo or photo_attach"
        );
        assert_eq!(
            (
                m.form_brought,
                m.form_not_brought,
                m.photo_taken,
                m.photo_attached
            ),
            (0, 1, 1, 1)
        );
        assert_eq!(
            (
                m.form_unknown,
                m.form_brought + m.form_not_brought + m.form_unknown
            ),
            (1, m.application_count),
            "the photo-attach visit's form is not known: the parts add up to ①"
        );
        assert_eq!(
            m.other_breakdown["health_insurance"], 2,
            "not completed still counts"
        );
        assert_eq!(
            m.other_breakdown["pin"], 2,
            "voided and open visits count nowhere"
        );
        assert_eq!(
            m.other_breakdown["certificate"], 0,
            "every ② service is listed"
        );
        assert_eq!(
            m.other_count,
            m.other_breakdown.values().sum::<u64>(),
            "② is the sum of its breakdown"
        );
        assert_eq!(m.visits, 4);
        assert_eq!(m.not_completed_by_reason["pin_locked"], 1);
        let day3 = m.per_day.iter().find(|d| d.date.day() == 3).unwrap();
        assert_eq!((day3.application_count, day3.other_count), (2, 2));
        assert_eq!(
            m.per_day.iter().map(|d| d.application_count).sum::<u64>(),
            m.application_count
        );
    }

    #[test]
    fn opening_split_with_a_thursday_holiday_and_year_end() {
        let mut cal = Calendar::default();
        // 2023-11-23 (Thu) is 勤労感謝の日; 11/3 (Fri) 文化の日.
        for d in [4, 5, 11] {
            cal.weekend_picks
                .insert(NaiveDate::from_ymd_opt(2023, 11, d).unwrap());
        }
        let m = monthly(month("2023-11"), &cal, &[], &others()).unwrap();
        assert_eq!(
            m.opening.extended, 4,
            "five Thursdays, one of them a holiday"
        );
        assert_eq!(m.opening.weekdays, 16);
        assert_eq!(m.opening.weekend_dates.len(), 3);
        assert_eq!(m.open_days, 23);
        let closed: Vec<_> = m
            .opening
            .closed
            .iter()
            .map(|(d, r)| (d.day(), r.as_str()))
            .collect();
        assert_eq!(closed, vec![(3, "文化の日"), (23, "勤労感謝の日")]);
        assert_eq!(m.per_day.len(), 23, "one row per opening day");

        let dec = monthly(month("2023-12"), &cal, &[], &others()).unwrap();
        let year_end: Vec<_> = dec
            .opening
            .closed
            .iter()
            .map(|(d, r)| (d.day(), r.as_str()))
            .collect();
        assert_eq!(
            year_end,
            vec![(29, "年末年始")],
            "12/29 Fri; 12/30-31 are a weekend"
        );
    }

    #[test]
    fn outside_the_contract_is_refused() {
        let cal = Calendar {
            config: CalendarConfig::default(),
            ..Default::default()
        };
        assert_eq!(
            monthly(month("2024-04"), &cal, &[], &[]),
            Err(ReportError::OutsideContract("令和6年4月".into()))
        );
    }

    #[test]
    fn the_weekend_quota_goes_with_the_figures() {
        let mut cal = Calendar::default();
        cal.weekend_picks
            .insert(NaiveDate::from_ymd_opt(2023, 7, 8).unwrap());
        let m = monthly(month("2023-07"), &cal, &[], &others()).unwrap();
        assert_eq!((m.opening.weekend_dates.len(), m.weekend_quota), (1, 3));
    }

    #[test]
    fn visits_on_a_closed_day_count_and_are_flagged() {
        let cal = Calendar::default();
        // 2023-07-09 is a Sunday nobody picked; 2023-07-17 is 海の日.
        let visits = vec![
            visit("2023-07-09", &["pin"], None),
            visit("2023-07-17", &["pin"], None),
            visit("2023-07-17", &["mynapoint"], None),
            visit("2023-07-18", &["pin"], None),
        ];
        let m = monthly(month("2023-07"), &cal, &visits, &others()).unwrap();
        assert_eq!(m.visits, 4, "kept and counted");
        let flagged: Vec<(String, u64)> = m
            .closed_day_visits
            .iter()
            .map(|(d, n)| (d.to_string(), *n))
            .collect();
        assert_eq!(
            flagged,
            vec![("2023-07-09".to_string(), 1), ("2023-07-17".to_string(), 2)]
        );
    }
}

/// Why a report could not be made from the database.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The month is not reportable.
    #[error(transparent)]
    Report(#[from] ReportError),
    /// The calendar could not be read.
    #[error(transparent)]
    Calendar(#[from] crate::calendar::CalendarError),
    /// The visits could not be read.
    #[error(transparent)]
    Visits(#[from] crate::visits::VisitError),
    /// A setting could not be read.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// Complaints or incidents could not be read.
    #[error(transparent)]
    Records(#[from] crate::incidents::RecordError),
}

impl LoadError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Report(e) => e.code(),
            Self::Calendar(e) => e.code(),
            Self::Visits(e) => e.code(),
            Self::Store(e) => e.code(),
            Self::Records(e) => e.code(),
        }
    }
}

/// The month's figures from the database: its visits, the calendar, and the ② services in list
/// order (every active one, and inactive ones only where they were used).
pub fn monthly_from_store(store: &crate::store::Store, month: Month) -> Result<Monthly, LoadError> {
    let (first, last) = (month.first_day(), month.last_day());
    let visits = crate::visits::list_between(store, first, last)?;
    from_counted(store, month, &counted::from_visits(&visits, first, last))
}

/// The month's figures from visits counted elsewhere (the shared store), with this database's
/// calendar and service list.
pub fn from_counted(
    store: &crate::store::Store,
    month: Month,
    counted: &Counted,
) -> Result<Monthly, LoadError> {
    let cal = crate::calendar::stored::load(store)?;
    Ok(assemble(
        month,
        &cal,
        counted,
        &other_services(store, counted)?,
    )?)
}

/// The ② services in list order: every active one, and inactive ones only where `counted` has
/// them.
pub fn other_services(
    store: &crate::store::Store,
    counted: &Counted,
) -> Result<Vec<String>, crate::visits::VisitError> {
    let used = |code: &str| counted.services.keys().any(|(_, c)| c == code);
    Ok(
        crate::visits::lists::list(store, crate::visits::ListKind::Services, false)?
            .into_iter()
            .filter(|e| !APPLICATION_SERVICES.contains(&e.code.as_str()))
            .filter(|e| e.active || used(&e.code))
            .map(|e| e.code)
            .collect(),
    )
}
