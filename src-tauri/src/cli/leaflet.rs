//! `madoguchi leaflet --month 2024-01 [--months 3] --pdf FILE`: the month's leaflet as an A4 PDF,
//! with the city's approved wording and this PC's calendar (the same days `madoguchi calendar`
//! prints).

use std::path::PathBuf;

use super::output::{Answer, Failure};
use super::with_ctx;
use crate::app;
use crate::calendar::Month;
use crate::launch::LaunchInfo;

/// `leaflet`'s options.
#[derive(Debug, clap::Args)]
pub struct LeafletArgs {
    /// The first month, YYYY-MM.
    #[arg(long)]
    pub month: Month,
    /// How many months from it (1 to 3).
    #[arg(long, default_value_t = 1)]
    pub months: u8,
    /// The PDF file to write.
    #[arg(long, value_name = "FILE")]
    pub pdf: PathBuf,
}

/// Makes the leaflet.
pub fn run(launch: &LaunchInfo, args: &LeafletArgs) -> Result<Answer, Failure> {
    let fonts = crate::leaflet::pdf::system_fonts()
        .map_err(|e| Failure::environment(e.code(), e.to_string()))?;
    let made = with_ctx(launch, |cx| {
        Ok(app::leaflet::export(
            cx,
            args.month,
            args.months,
            &fonts,
            &args.pdf,
        )?)
    })?;
    let text = format!(
        "{} に保存しました（{} か月、{} バイト{}）。",
        args.pdf.display(),
        made.months.len(),
        made.bytes,
        if made.approved {
            ""
        } else {
            "、市の承認前の文案"
        }
    );
    Ok(Answer::ok(&made, text))
}
