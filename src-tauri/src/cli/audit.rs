//! `madoguchi audit [--from D] [--to D] [--actor ID]`: the audit trail for IT staff and the city.

use std::fmt::Write as _;

use chrono::NaiveDate;
use clap::Args;

use super::output::{Answer, Failure};
use super::with_ctx;
use crate::app;
use crate::audit::Filter;
use crate::launch::LaunchInfo;

/// `madoguchi audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// From this day, YYYY-MM-DD (included).
    #[arg(long)]
    pub from: Option<NaiveDate>,
    /// To this day, YYYY-MM-DD (included).
    #[arg(long)]
    pub to: Option<NaiveDate>,
    /// Only what this staff ID or OS user did.
    #[arg(long, value_name = "ID")]
    pub actor: Option<String>,
    /// At most this many entries, newest first.
    #[arg(long, default_value_t = 500)]
    pub limit: u32,
}

/// Prints the entries, newest first.
pub fn run(launch: &LaunchInfo, args: &AuditArgs) -> Result<Answer, Failure> {
    let filter = Filter {
        from: args.from,
        to: args.to,
        actor: args.actor.clone(),
        limit: Some(args.limit),
    };
    let entries = with_ctx(launch, |cx| Ok(app::audit_trail::query(cx, &filter)?))?;
    let mut text = String::new();
    for e in &entries {
        let _ = writeln!(
            text,
            "{}  {}（{}）  {}  {}",
            e.entry
                .at
                .replace('T', " ")
                .get(..19)
                .unwrap_or(&e.entry.at),
            e.entry.actor.as_deref().unwrap_or("システム"),
            e.origin_label,
            e.label,
            e.entry.detail
        );
    }
    if entries.is_empty() {
        text.push_str("該当する操作記録はありません。\n");
    }
    Ok(Answer::ok(&entries, text))
}
