//! `madoguchi kb search|export|import`: the manual and FAQ from the command line.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Subcommand;
use serde_json::json;

use super::output::{Answer, Failure};
use super::{done, with_ctx};
use crate::app;
use crate::launch::LaunchInfo;

/// `madoguchi kb …`.
#[derive(Debug, Subcommand)]
pub enum KbCommand {
    /// Search approved documents (with --all, the latest version of every document, drafts too).
    Search {
        /// Words to find, e.g. "暗証番号 ロック".
        query: String,
        /// Include drafts and versions waiting for approval.
        #[arg(long)]
        all: bool,
    },
    /// Write the whole knowledge base, with history, to FILE (JSON).
    Export {
        /// The file to write.
        file: PathBuf,
    },
    /// Import a knowledge-base file (idempotent; a conflicting version imports nothing).
    Import {
        /// The file to read.
        file: PathBuf,
    },
}

/// Runs a `kb` subcommand.
pub fn run(launch: &LaunchInfo, action: &KbCommand) -> Result<Answer, Failure> {
    match action {
        KbCommand::Search { query, all } => {
            let hits = with_ctx(launch, |cx| Ok(app::kb::search(cx, query, *all, 50)?))?;
            let mut text = String::new();
            for h in &hits {
                let kind = crate::kb::Kind::from_code(&h.kind).label();
                let _ = writeln!(text, "{}\t{kind}\t第{}版\t{}", h.id, h.version, h.title);
            }
            if hits.is_empty() {
                text.push_str("見つかりませんでした。\n");
            }
            Ok(Answer::ok(&hits, text))
        }
        KbCommand::Export { file } => {
            let n = with_ctx(launch, |cx| Ok(app::data::export_kb(cx, file)?))?;
            Ok(done(
                json!({"documents": n, "file": file}),
                format!("{n}件の文書を {} に書き出しました。", file.display()),
            ))
        }
        KbCommand::Import { file } => {
            let s = with_ctx(launch, |cx| Ok(app::data::import_kb(cx, file)?))?;
            Ok(Answer::ok(
                &s,
                format!(
                    "文書{}件・版{}件を追加し、{}件の承認状況を更新しました（{}件は取り込み済み）。",
                    s.documents_added, s.versions_added, s.advanced, s.unchanged
                ),
            ))
        }
    }
}
