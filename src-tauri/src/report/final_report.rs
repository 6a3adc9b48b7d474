//! The final report (委託業務実施報告書): the monthly figures of every month of the contract period
//! side by side, with totals. Built from the same monthly function, so the two can never disagree.

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
}

/// The final report from the database, over the configured contract period.
pub fn final_from_store(store: &Store) -> Result<FinalReport, LoadError> {
    let cal = crate::calendar::stored::load(store)?;
    let (from, to) = (cal.config.contract_start, cal.config.contract_end);
    let mut months = Vec::new();
    let mut month = Month::of(from);
    while month.first_day() <= to {
        months.push(monthly_from_store(store, month)?);
        month = month.next();
    }
    Ok(combine(from, to, months))
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
        let f = final_from_store(&store).unwrap();
        assert_eq!(f.months.len(), 12, "April 2023 to March 2024");
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
    }
}
