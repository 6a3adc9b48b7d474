//! `madoguchi doctor`: the data folder, the database, the accounts, the displays, the card readers
//! and the cameras. Exits 1 when a required check is NG.

use super::output::{Answer, Failure};
use crate::launch::LaunchInfo;

/// Runs every check.
pub fn run(launch: &LaunchInfo) -> Result<Answer, Failure> {
    let report = crate::doctor::check(
        &launch.data_dir,
        launch.demo,
        crate::platform::display_count(),
    );
    let ok = report.ok();
    let text = report.to_text();
    Ok(Answer::check(&report, text, ok))
}
