//! The monthly report's figures (月次報告書): a pure function of the visits and the calendar.
//!
//! The counting rule, printed on the report as it is written here:
//! - ① 交付申請書対応件数 is the number of visits with at least one of `application`, `photo`,
//!   `photo_attach`; its parts are form brought / not brought (of `application` visits), photo
//!   taken and photo attached.
//! - ② その他対応件数 is, for each other service, the number of visits that include it; its total
//!   is the sum of that breakdown (a visit with two other services counts in both).
//! - Visits count whatever their outcome; a voided visit counts nowhere; an amended visit counts
//!   as amended; a visit still in progress does not count.
//!
//! This module owns only the figures; layout, revisions and export come with the report tab.

pub mod header;
mod monthly;

pub use header::ReportHeader;
pub use monthly::{
    month_bounds, monthly, monthly_from_store, DayRow, LoadError, Monthly, OpeningSummary,
    ReportError, APPLICATION_SERVICES,
};
