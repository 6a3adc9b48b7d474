//! `madoguchi doctor`: the data folder, the database, the accounts, the displays, the card readers
//! and the cameras, and with `--target` the network targets and the clock. Exits 1 when a required
//! check is NG.

use std::path::PathBuf;
use std::time::Duration;

use super::output::{Answer, Failure};
use crate::launch::LaunchInfo;
use crate::netcheck::Prober;

/// `doctor`'s options.
#[derive(Debug, clap::Args)]
pub struct DoctorArgs {
    /// A network target to check (https:// for a site, http://…/generate_204 for the Wi-Fi's
    /// login page); repeat for more.
    #[arg(long = "target", value_name = "URL")]
    pub targets: Vec<String>,
    /// A CA certificate (PEM) to trust beyond the system's, for the targets.
    #[arg(long, value_name = "FILE")]
    pub ca_file: Option<PathBuf>,
}

/// The time limit of each network step.
const NETWORK_TIMEOUT: Duration = Duration::from_secs(5);

/// Runs every check.
pub fn run(launch: &LaunchInfo, args: &DoctorArgs) -> Result<Answer, Failure> {
    let mut report = crate::doctor::check(
        &launch.data_dir,
        launch.demo,
        crate::platform::display_count(),
    );
    if !args.targets.is_empty() {
        let prober = Prober::new(args.ca_file.as_deref(), NETWORK_TIMEOUT).map_err(|e| {
            Failure::refused("bad_ca_file", format!("CA ファイルを読めません：{e}"))
        })?;
        // All at once: the slowest target sets the time, not their sum.
        let probes = std::thread::scope(|s| {
            let running: Vec<_> = args
                .targets
                .iter()
                .map(|url| {
                    let prober = prober.clone();
                    s.spawn(move || prober.probe(url))
                })
                .collect();
            running
                .into_iter()
                .filter_map(|h| h.join().ok())
                .collect::<Vec<_>>()
        });
        crate::doctor::add_network(&mut report, probes);
    }
    let ok = report.ok();
    let text = report.to_text();
    Ok(Answer::check(&report, text, ok))
}
