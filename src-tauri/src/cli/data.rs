//! `madoguchi visits import|export`, `madoguchi backup`, `madoguchi counter`: data in and out of
//! this PC, each audited with the OS user.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use serde_json::json;

use super::output::{Answer, Failure};
use super::{done, with_ctx};
use crate::app;
use crate::calendar::Month;
use crate::launch::LaunchInfo;

/// `madoguchi visits …`.
#[derive(Debug, Subcommand)]
pub enum VisitsCommand {
    /// Import another counter's CSV export (idempotent; a bad row imports nothing).
    Import {
        /// The CSV file.
        file: PathBuf,
        /// Take in visits outside the contract period too (only when the site manager has
        /// confirmed them; recorded in the audit trail).
        #[arg(long)]
        outside_contract: bool,
    },
    /// Export a month's ended visits as CSV (to standard output without --out).
    Export {
        /// The month, YYYY-MM.
        #[arg(long)]
        month: Month,
        /// Write here instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

/// Runs `visits import` or `visits export`.
pub fn visits(launch: &LaunchInfo, action: &VisitsCommand) -> Result<Answer, Failure> {
    match action {
        VisitsCommand::Import {
            file,
            outside_contract,
        } => {
            let s = with_ctx(launch, |cx| {
                Ok(app::data::import_visits(cx, file, *outside_contract)?)
            })?;
            Ok(Answer::ok(
                &s,
                format!(
                    "{}行を確認：{}件を追加、{}件は取り込み済み、{}件を修正・取り消しの内容で更新、{}件はこのPCの記録の方が新しいため変更していません。",
                    s.rows, s.added, s.unchanged, s.updated, s.older
                ),
            ))
        }
        VisitsCommand::Export { month, out } => {
            let (n, bytes) = with_ctx(launch, |cx| {
                Ok(app::data::export_visits(cx, *month, out.as_deref())?)
            })?;
            match out {
                Some(path) => Ok(done(
                    json!({"month": month, "visits": n, "file": path}),
                    format!("{n}件を {} に書き出しました。", path.display()),
                )),
                None => Ok(Answer::Raw(bytes)),
            }
        }
    }
}

/// Runs `backup --to FILE`.
pub fn backup(launch: &LaunchInfo, to: &Path) -> Result<Answer, Failure> {
    let bytes = with_ctx(launch, |cx| Ok(app::data::backup(cx, to)?))?;
    Ok(done(
        json!({"file": to, "bytes": bytes}),
        format!(
            "バックアップを作成しました：{}（{} バイト）",
            to.display(),
            bytes
        ),
    ))
}

/// Runs `counters N`.
pub fn counters(launch: &LaunchInfo, number: u8) -> Result<Answer, Failure> {
    with_ctx(launch, |cx| {
        Ok(app::settings::set_site_counters(cx, number)?)
    })?;
    Ok(done(
        json!({"counters": number}),
        format!("この拠点の窓口数を{number}にしました。"),
    ))
}

/// Runs `counter N`.
pub fn counter(launch: &LaunchInfo, number: u8) -> Result<Answer, Failure> {
    with_ctx(launch, |cx| Ok(app::settings::set_counter(cx, number)?))?;
    Ok(done(
        json!({"counter": number}),
        format!("このPCを第{number}窓口にしました。"),
    ))
}
