//! `madoguchi doctor`: the data folder, the database, the accounts, the displays, then the
//! opening check's automatic items as the counter runs them — the network targets set in 管理
//! (unless `--offline`) and any `--target`, the clock, the camera giving a frame, the card
//! reader, the printer, free disk and the last backup. Exits 1 when a required check is NG.

use std::path::PathBuf;
use std::time::Duration;

use super::output::{Answer, Failure};
use super::with_ctx;
use crate::app;
use crate::launch::LaunchInfo;
use crate::opening::system::{one_frame, SystemEquipment};
use crate::opening::{OpeningSettings, Plan, Target};

/// `doctor`'s options.
#[derive(Debug, clap::Args)]
pub struct DoctorArgs {
    /// A network target to check (https:// for a site, http://…/generate_204 for the Wi-Fi's
    /// login page); repeat for more. Added to the targets set in 管理.
    #[arg(long = "target", value_name = "URL")]
    pub targets: Vec<String>,
    /// A CA certificate (PEM) to trust beyond the system's, for the targets.
    #[arg(long, value_name = "FILE")]
    pub ca_file: Option<PathBuf>,
    /// Leave out the targets set in 管理 (only `--target` ones are probed).
    #[arg(long)]
    pub offline: bool,
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
    // The settings and the last backup as the counter would use them; a database that cannot be
    // opened (its line says why) leaves the defaults.
    let (mut plan, camera_index) = with_ctx(launch, |cx| {
        let camera = app::settings::photo_settings_of(cx.store())?.camera;
        Ok((app::opening::plan(cx)?, camera))
    })
    .unwrap_or_else(|_| {
        let plan = Plan {
            settings: OpeningSettings::default(),
            last_backup: None,
            now: crate::clock::now(),
        };
        (plan, None)
    });
    if args.offline {
        plan.settings.targets.clear();
    }
    plan.settings
        .targets
        .extend(args.targets.iter().map(|url| Target {
            label: url.clone(),
            url: url.clone(),
        }));
    if let Some(ca) = &args.ca_file {
        plan.settings.ca_file = ca.display().to_string();
    }
    let demo = launch.demo;
    let eq = SystemEquipment {
        data_dir: launch.data_dir.clone(),
        timeout: NETWORK_TIMEOUT,
        camera: Box::new(move || camera(demo, camera_index)),
        readers: Box::new(move || readers(demo)),
    };
    let (mut items, probes) = crate::opening::run_with_probes(&plan, &eq);
    if args.offline && args.targets.is_empty() {
        // No network was asked for: no network line rather than an NG saying none is set.
        items.retain(|i| i.id != "network");
    }
    report.add_opening(items, probes);
    let ok = report.ok();
    let text = report.to_text();
    Ok(Answer::check(&report, text, ok))
}

/// The camera the counter uses: the simulated one in demo mode, else the one set (or the first
/// usable), opened for one frame; the modes it offers are named too.
fn camera(demo: bool, index: Option<u32>) -> Result<String, String> {
    if demo {
        let sim =
            crate::camera::sim::SimCamera::new(640, 480, 30, crate::camera::sim::Motion::Steady)
                .map(|c| Box::new(c) as Box<dyn crate::camera::FrameSource>);
        return one_frame(sim).map(|d| format!("デモモードでは模擬カメラを使います（{d}）"));
    }
    let devices = crate::platform::cameras();
    if devices.is_empty() {
        return Err("カメラが接続されていません".into());
    }
    let modes = devices
        .iter()
        .map(|d| match (&d.error, d.chosen) {
            (Some(e), _) => format!("[{}] {}：{e}", d.index, d.name),
            (None, Some(c)) => format!("[{}] {}：使用する形式 {c}", d.index, d.name),
            (None, None) => format!("[{}] {}：使える形式がありません", d.index, d.name),
        })
        .collect::<Vec<_>>()
        .join(" / ");
    one_frame(crate::platform::open_camera(index))
        .map(|d| format!("{d}（{modes}）"))
        .map_err(|e| format!("{e}（{modes}）"))
}

/// The IC card readers PC/SC lists (the simulated one in demo mode).
fn readers(demo: bool) -> Result<Vec<String>, String> {
    if demo {
        return Ok(vec!["デモモードでは模擬カードリーダーを使います".into()]);
    }
    let list = crate::card::pcsc_reader::describe().map_err(|e| e.message_ja())?;
    Ok(list
        .into_iter()
        .map(|(name, card)| {
            format!(
                "{name}（{}）",
                if card {
                    "カードあり"
                } else {
                    "カードなし"
                }
            )
        })
        .collect())
}
