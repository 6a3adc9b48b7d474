//! `madoguchi report monthly|final`: the figures on screen (service names, not codes), as JSON, and
//! the report files the report tab writes.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Subcommand;

use super::output::{Answer, Failure};
use super::with_ctx;
use crate::app::reports::FileKind;
use crate::app::{self, Ctx};
use crate::calendar::Month;
use crate::launch::LaunchInfo;

/// `madoguchi report …`.
#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// The monthly report (月次報告書): its figures, and the xlsx and CSV files if asked.
    Monthly {
        /// The month, YYYY-MM.
        #[arg(long)]
        month: Month,
        /// Also write the report as an Excel file.
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
        /// Also write the report as CSV (UTF-8 with BOM).
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
    },
    /// The final report over the contract period (委託業務実施報告書), and its files if asked.
    Final {
        /// Also write the report as an Excel file.
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
        /// Also write the report as CSV (UTF-8 with BOM).
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
    },
}

/// Each file asked for, by kind.
fn files(xlsx: &Option<PathBuf>, csv: &Option<PathBuf>) -> Vec<(FileKind, PathBuf)> {
    let mut out = Vec::new();
    out.extend(xlsx.clone().map(|p| (FileKind::Xlsx, p)));
    out.extend(csv.clone().map(|p| (FileKind::Csv, p)));
    out
}

fn label(labels: &crate::report::export::Labels, code: &str) -> String {
    labels
        .get(code)
        .cloned()
        .unwrap_or_else(|| code.to_string())
}

/// Runs `report monthly` or `report final`.
pub fn run(launch: &LaunchInfo, action: &ReportCommand) -> Result<Answer, Failure> {
    match action {
        ReportCommand::Monthly { month, xlsx, csv } => {
            with_ctx(launch, |cx| monthly(cx, *month, &files(xlsx, csv)))
        }
        ReportCommand::Final { xlsx, csv } => {
            with_ctx(launch, |cx| final_report(cx, &files(xlsx, csv)))
        }
    }
}

fn monthly(cx: &mut Ctx, month: Month, files: &[(FileKind, PathBuf)]) -> Result<Answer, Failure> {
    for (kind, path) in files {
        app::reports::export_monthly(cx, month, *kind, path)?;
    }
    let m = app::reports::monthly(cx, month)?;
    let labels = app::reports::service_labels(cx)?;
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{}分　開設日数 {} 日（平日 {}、延長 {}、土日 {}）",
        m.month_wareki,
        m.open_days,
        m.opening.weekdays,
        m.opening.extended,
        m.opening.weekend_dates.len()
    );
    let _ = writeln!(
        text,
        "① 交付申請書対応件数 {}（持参あり {}、持参なし {}、写真撮影 {}、写真添付 {}）",
        m.application_count, m.form_brought, m.form_not_brought, m.photo_taken, m.photo_attached
    );
    let _ = writeln!(text, "② その他対応件数 {}", m.other_count);
    for code in &m.other_services {
        let _ = writeln!(
            text,
            "    {}\t{}",
            label(&labels, code),
            m.other_breakdown.get(code).copied().unwrap_or(0)
        );
    }
    for (_, path) in files {
        let _ = writeln!(text, "{} に書き出しました。", path.display());
    }
    Ok(Answer::ok(&m, text))
}

fn final_report(cx: &mut Ctx, files: &[(FileKind, PathBuf)]) -> Result<Answer, Failure> {
    for (kind, path) in files {
        app::reports::export_final(cx, *kind, path)?;
    }
    let f = app::reports::final_report(cx)?;
    let mut text = String::new();
    let _ = writeln!(text, "委託業務実施報告書　{}", f.period_wareki);
    let _ = writeln!(text, "月\t開設日数\t①\t②");
    for m in &f.months {
        let _ = writeln!(
            text,
            "{}\t{}\t{}\t{}",
            m.month_wareki, m.open_days, m.application_count, m.other_count
        );
    }
    let _ = writeln!(
        text,
        "合計\t{}\t{}\t{}",
        f.open_days, f.application_count, f.other_count
    );
    for (_, path) in files {
        let _ = writeln!(text, "{} に書き出しました。", path.display());
    }
    Ok(Answer::ok(&f, text))
}
