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
//! This module owns the figures and their export; the screen layout is in `ui/js/views/mg-report.js`.

/// The counting rule as printed on the report.
pub const COUNTING_RULE: &str = "集計の方法：① は「交付申請書の記入・入力支援」「写真撮影」「写真添付」のいずれかを含む来庁者の数。② は区分ごとに、その区分を含む来庁者の数で、② の合計はその内訳の合計（1人で複数の区分に該当する場合は各区分に計上）。完了・未完了を問わず計上し、取り消した記録は計上しません。修正した記録は修正後の内容で計上します。";

pub mod counted;
pub mod document;
pub mod export;
pub mod final_report;
pub mod header;
mod monthly;
pub mod photo_warnings;
pub mod submission;
pub mod survey;
pub mod survey_export;

pub use header::ReportHeader;
pub use monthly::{
    assemble, counts_only, from_counted, monthly, monthly_from_store, other_services, DayRow,
    LoadError, Monthly, OpeningSummary, ReportError, APPLICATION_SERVICES,
};

/// Service code → label, every service (inactive ones too: old visits keep their meaning).
pub fn labels(store: &crate::store::Store) -> Result<export::Labels, crate::visits::VisitError> {
    Ok(
        crate::visits::lists::list(store, crate::visits::ListKind::Services, false)?
            .into_iter()
            .map(|e| (e.code, e.label))
            .collect(),
    )
}
