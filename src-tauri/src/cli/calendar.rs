//! `madoguchi calendar --from D --to D`: the operating calendar, one line per day.

use std::fmt::Write as _;

use chrono::NaiveDate;
use clap::Args;

use super::output::{Answer, Failure};
use super::with_ctx;
use crate::calendar::wareki;
use crate::launch::LaunchInfo;

/// `madoguchi calendar`.
#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// First day, YYYY-MM-DD.
    #[arg(long)]
    pub from: NaiveDate,
    /// Last day, YYYY-MM-DD.
    #[arg(long)]
    pub to: NaiveDate,
}

/// Prints the days (JSON: an array, one object per day).
pub fn run(launch: &LaunchInfo, args: &CalendarArgs) -> Result<Answer, Failure> {
    if args.to < args.from {
        return Err(Failure::refused(
            "bad_period",
            "--to は --from 以降の日付にしてください",
        ));
    }
    let days = with_ctx(launch, |cx| {
        Ok(crate::app::calendar::days(cx, args.from, args.to)?)
    })?;
    let mut text = String::new();
    for d in &days {
        let what = match (d.open, &d.holiday, &d.closure) {
            (true, _, _) => format!(
                "{}–{}",
                d.opens.clone().unwrap_or_default(),
                d.closes.clone().unwrap_or_default()
            ),
            (false, Some(h), _) => format!("休（{h}）"),
            (false, None, Some(c)) => format!("休（{c}）"),
            (false, None, None) => "休".into(),
        };
        let _ = writeln!(text, "{}  {}  {what}", d.date, wareki::with_weekday(d.date));
    }
    Ok(Answer::ok(&days, text))
}
