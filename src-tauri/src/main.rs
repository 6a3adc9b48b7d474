//! The `madoguchi` binary: with no subcommand it opens the kiosk, otherwise it runs the CLI.
// Keep a console away from the kiosk on Windows release builds.
#![cfg_attr(
    all(not(debug_assertions), target_os = "windows"),
    windows_subsystem = "windows"
)]

use std::process::ExitCode;

use clap::Parser;
use madoguchi::cli::{self, Cli};
use madoguchi::launch::LaunchInfo;

fn main() -> ExitCode {
    // First of all: no core file can ever hold a photo.
    madoguchi::platform::no_core_dumps();
    let args = match Cli::try_parse() {
        Ok(args) => args,
        Err(e) => return cli::usage_error(e),
    };
    if args.demo && !madoguchi::demo::AVAILABLE {
        eprintln!("{}", madoguchi::demo::DemoError::NotInThisBuild);
        return ExitCode::from(2);
    }
    let launch = LaunchInfo::from_env(args.data_dir.as_deref(), args.demo);
    // Before anything else: a photo left in the staging directory by a crash is deleted now,
    // unless a running kiosk holds the directory.
    let hold = madoguchi::photo::staging::sweep_at_start(&launch.staging_dir);
    madoguchi::applog::init(&launch.data_dir);
    match &args.command {
        Some(command) => {
            drop(hold);
            cli::run(&args, &launch, command)
        }
        None => open_kiosk(launch, hold),
    }
}

#[cfg(feature = "desktop")]
fn open_kiosk(launch: LaunchInfo, hold: madoguchi::photo::staging::Hold) -> ExitCode {
    madoguchi::desktop::run(launch, hold)
}

#[cfg(not(feature = "desktop"))]
fn open_kiosk(_launch: LaunchInfo, _hold: madoguchi::photo::staging::Hold) -> ExitCode {
    eprintln!(
        "このビルドには画面がありません（desktop 機能なし）。`madoguchi --help` をご覧ください。"
    );
    ExitCode::from(2)
}
