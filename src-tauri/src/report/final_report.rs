//! The final report (委託業務実施報告書): the monthly figures of every month of the contract period
//! side by side, with totals. Built from the same monthly function (and the same language lines),
//! so the two can never disagree.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::monthly::{monthly_from_store, LoadError};
use super::Monthly;
use crate::calendar::{wareki, Month};
use crate::store::Store;

/// The whole contract period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinalReport {
    /// First day of the contract.
    pub from: NaiveDate,
    /// Last day of the contract.
    pub to: NaiveDate,
    /// 令和5年4月1日〜令和6年3月31日.
    pub period_wareki: String,
    /// Each month's figures, in order.
    pub months: Vec<Monthly>,
    /// Opening days in all.
    pub open_days: u32,
    /// ① in all.
    pub application_count: u64,
    /// ② in all.
    pub other_count: u64,
    /// ② by service in all.
    pub other_breakdown: BTreeMap<String, u64>,
    /// ② services in report order.
    pub other_services: Vec<String>,
    /// Counted visits in all.
    pub visits: u64,
    /// The monthly reports' section 外国語等での案内 side by side: every language but Japanese
    /// with its visits per month and in all.
    #[serde(default)]
    pub languages: Vec<LanguageRow>,
}

/// One language's visits over the contract period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LanguageRow {
    /// Its Japanese name (英語).
    pub name: String,
    /// Visits in each month, in the months' order.
    pub per_month: Vec<u64>,
    /// Visits in all.
    pub total: u64,
}

/// The final report from the database, over the configured contract period.
pub fn final_from_store(store: &Store) -> Result<FinalReport, LoadError> {
    let cal = crate::calendar::stored::load(store)?;
    let (from, to) = (cal.config.contract_start, cal.config.contract_end);
    let mut months = Vec::new();
    let mut languages: Vec<LanguageRow> = Vec::new();
    let mut month = Month::of(from);
    while month.first_day() <= to {
        months.push(monthly_from_store(store, month)?);
        let lines =
            crate::citizen::counts::report_lines(store, month.first_day(), month.last_day())?;
        for (name, n) in lines {
            match languages.iter_mut().find(|l| l.name == name) {
                Some(l) => l.per_month.push(n),
                None => languages.push(LanguageRow {
                    name: name.to_string(),
                    per_month: vec![n],
                    total: 0,
                }),
            }
        }
        month = month.next();
    }
    for l in &mut languages {
        l.total = l.per_month.iter().sum();
    }
    let mut f = combine(from, to, months);
    f.languages = languages;
    Ok(f)
}

/// Adds the months up.
pub fn combine(from: NaiveDate, to: NaiveDate, months: Vec<Monthly>) -> FinalReport {
    let mut other_services: Vec<String> = Vec::new();
    let mut other_breakdown = BTreeMap::new();
    for m in &months {
        for code in &m.other_services {
            if !other_services.contains(code) {
                other_services.push(code.clone());
            }
            *other_breakdown.entry(code.clone()).or_insert(0) +=
                m.other_breakdown.get(code).copied().unwrap_or(0);
        }
    }
    FinalReport {
        from,
        to,
        period_wareki: format!("{}〜{}", wareki::long(from), wareki::long(to)),
        open_days: months.iter().map(|m| m.open_days).sum(),
        application_count: months.iter().map(|m| m.application_count).sum(),
        other_count: months.iter().map(|m| m.other_count).sum(),
        visits: months.iter().map(|m| m.visits).sum(),
        other_breakdown,
        other_services,
        months,
        languages: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::visits::{self, lists, Outcome, VisitEdit};

    #[test]
    fn final_report_is_the_sum_of_its_months() {
        let mut store = Store::open_in_memory().unwrap();
        lists::ensure_defaults(&store).unwrap();
        let t = |s: &str| crate::clock::parse(s).unwrap();
        for (start, services) in [
            ("2023-04-03T09:00:00+09:00", vec!["application", "pin"]),
            ("2023-07-03T09:00:00+09:00", vec!["pin"]),
            (
                "2024-03-01T09:00:00+09:00",
                vec!["health_insurance", "photo"],
            ),
        ] {
            let v = visits::start(&mut store, 1, "op", t(start)).unwrap();
            let edit = VisitEdit {
                services: services.iter().map(|s| s.to_string()).collect(),
                form_brought: Some(true),
                outcome: Some(Outcome::Completed),
                ..Default::default()
            };
            visits::end(&mut store, &v.id, &edit, t(start)).unwrap();
        }
        // Visits in English in April and March, in Nepali in July; none in the year after.
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        for (day, lang) in [
            ("2023-04-03", "en"),
            ("2023-07-03", "ne"),
            ("2024-03-01", "en"),
            ("2024-04-01", "en"),
        ] {
            crate::citizen::counts::count(&store, d(day), None, lang).unwrap();
        }
        let f = final_from_store(&store).unwrap();
        assert_eq!(f.months.len(), 12, "April 2023 to March 2024");
        let english = f.languages.iter().find(|l| l.name == "英語").unwrap();
        assert_eq!(english.per_month, [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
        assert_eq!(english.total, 2, "April 2024 is after the contract");
        assert_eq!(
            f.languages.len(),
            crate::citizen::LANGUAGES.len() - 1,
            "every language but Japanese, as in the monthly report"
        );
        assert!(f.languages.iter().all(|l| l.per_month.len() == 12));
        assert_eq!(f.application_count, 2);
        assert_eq!(f.other_breakdown["pin"], 2);
        assert_eq!(
            f.other_count,
            f.months.iter().map(|m| m.other_count).sum::<u64>()
        );
        assert_eq!(
            f.open_days,
            243 + f
                .months
                .iter()
                .map(|m| m.opening.weekend_dates.len() as u32)
                .sum::<u32>()
        );
        assert_eq!(f.period_wareki, "令和5年4月1日〜令和6年3月31日");

        // The xlsx total column carries formulas whose values are the totals.
        use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
        let labels = crate::report::labels(&store).unwrap();
        let bytes =
            crate::report::export::final_xlsx(&f, &crate::report::ReportHeader::default(), &labels)
                .unwrap();
        let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let sheet = wb
            .worksheet_range(crate::report::export::FINAL_SHEET)
            .unwrap();
        let row = sheet
            .rows()
            .find(|r| matches!(r.first(), Some(Data::String(s)) if s == "① 交付申請書対応件数"))
            .unwrap();
        assert_eq!(row.last(), Some(&Data::Float(2.0)));
        // ② is a block of its own: its breakdown follows its total, not ①.
        let names: Vec<String> = sheet
            .rows()
            .map(|r| r.first().map(|c| c.to_string()).unwrap_or_default())
            .collect();
        let at = |name: &str| names.iter().position(|n| n == name).unwrap();
        let one = at("① 交付申請書対応件数");
        let two = at("② その他対応件数");
        let pin = names
            .iter()
            .position(|n| n.starts_with("　②のうち"))
            .unwrap();
        assert!(one + 1 < two && two < pin, "{names:?}");
        assert!(names[one + 1].is_empty(), "a blank row after ①: {names:?}");
        let csv = crate::report::export::final_csv(&f, &labels).unwrap();
        let text = String::from_utf8(csv[3..].to_vec()).unwrap();
        assert!(
            text.contains("交付申請書対応件数,1,0,0,0,0,0,0,0,0,0,0,1,2"),
            "{text}"
        );
        assert!(
            text.contains("外国語等での案内：ネパール語,0,0,0,1,0,0,0,0,0,0,0,0,1"),
            "{text}"
        );
        let nepali = sheet
            .rows()
            .find(|r| matches!(r.first(), Some(Data::String(s)) if s == "外国語等での案内：ネパール語"))
            .unwrap();
        assert_eq!(nepali.last(), Some(&Data::Float(1.0)));
    }
}
