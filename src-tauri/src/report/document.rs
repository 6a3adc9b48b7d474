//! A month's report as a document to export: the figures plus everything printed around them
//! (header texts, service labels, the month's complaints and incidents, the opening checks, the
//! languages the citizen display spoke). One loader serves the report tab's export and the CLI.

use super::export::{self, ExportError, Labels};
use super::header::{self, ReportHeader};
use super::monthly::{monthly_from_store, LoadError};
use super::Monthly;
use crate::calendar::Month;
use crate::incidents::{records_between, Records};
use crate::netwatch::downtime::{self, OutageLine};
use crate::netwatch::store as outages;
use crate::opening::lines::{lines, Line};
use crate::opening::record;
use crate::store::Store;

/// Everything a monthly report file holds.
#[derive(Debug, Clone)]
pub struct MonthlyDocument {
    /// The figures.
    pub figures: Monthly,
    /// The fixed texts.
    pub header: ReportHeader,
    /// Service labels.
    pub labels: Labels,
    /// Complaints and incidents of the month.
    pub records: Records,
    /// The opening check of each operating day and counter.
    pub opening: Vec<Line>,
    /// The network outages that began in the month (every counter's).
    pub outages: Vec<OutageLine>,
    /// The briefings of the manual and the equipment held in the month.
    pub briefings: Vec<crate::kb::briefings::Briefing>,
    /// Visits served in a language other than Japanese, per language (name, visits).
    pub languages: Vec<(&'static str, u64)>,
}

impl MonthlyDocument {
    /// Loads the report of `month`; `now` (RFC 3339) ends an outage that still lasts.
    pub fn load(store: &Store, month: Month, now: &str) -> Result<Self, LoadError> {
        let (first, last) = (month.first_day(), month.last_day());
        let cal = crate::calendar::stored::load(store)?;
        let outages = outages::between(
            store,
            &crate::clock::day_start(first),
            &crate::clock::day_start(last + chrono::Duration::days(1)),
        )?;
        Ok(Self {
            figures: monthly_from_store(store, month)?,
            header: header::load(store)?,
            labels: super::labels(store)?,
            records: records_between(store, first, last)?,
            outages: downtime::lines(&cal, outages, now),
            briefings: crate::kb::briefings::between(store, first, last)?,
            languages: crate::citizen::counts::report_lines(store, first, last)?,
            opening: lines(
                &cal,
                first,
                last,
                crate::site::counters(store)?,
                &record::between(store, first, last)?,
            ),
        })
    }

    /// As an xlsx file.
    pub fn xlsx(&self) -> Result<Vec<u8>, ExportError> {
        export::monthly_xlsx(self)
    }

    /// As CSV (UTF-8 with BOM).
    pub fn csv(&self) -> Result<Vec<u8>, ExportError> {
        export::monthly_csv(&self.figures, &self.header, &self.labels, &self.languages)
    }
}
