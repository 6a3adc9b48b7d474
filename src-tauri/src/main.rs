//! The `madoguchi` binary: with no subcommand it opens the kiosk, otherwise it runs the CLI.
// Keep a console away from the kiosk on Windows release builds.
#![cfg_attr(
    all(not(debug_assertions), target_os = "windows"),
    windows_subsystem = "windows"
)]

use std::process::ExitCode;

use clap::Parser;
use madoguchi::cli::{self, Cli};

fn main() -> ExitCode {
    // Before anything else: a photo left in the staging directory by a crash is deleted now.
    madoguchi::photo::staging::sweep_at_start();
    let args = Cli::parse();
    match &args.command {
        Some(command) => cli::run(&args, command),
        None => open_kiosk(&args),
    }
}

#[cfg(feature = "desktop")]
fn open_kiosk(args: &Cli) -> ExitCode {
    madoguchi::desktop::run(args.data_dir.clone(), args.demo)
}

#[cfg(not(feature = "desktop"))]
fn open_kiosk(_args: &Cli) -> ExitCode {
    eprintln!(
        "このビルドには画面がありません（desktop 機能なし）。`madoguchi --help` をご覧ください。"
    );
    ExitCode::from(2)
}
