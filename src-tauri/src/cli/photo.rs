//! `madoguchi photo check IN.jpg [--out OUT.jpg]`: checks a sample image the way the kiosk checks
//! a capture, for setting up and checking a kiosk camera. Exits 1 when the verdict is 不可 (fail).
//! Without `--out` nothing is written; with it, the cropped photo is written only when the
//! verdict is not "fail".

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::output::{Answer, Failure};
use crate::app::files;
use crate::launch::LaunchInfo;
use crate::photo::{self, checks::Status};

/// `madoguchi photo …`.
#[derive(Debug, Subcommand)]
pub enum PhotoCommand {
    /// Check an image against the ID photo rules and print each check.
    Check {
        /// The image (JPEG or PNG).
        input: PathBuf,
        /// Write the cropped 827 × 1063 JPEG here (only when the verdict is pass or warn).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// (Tests) stage the photo of IN as for an upload and wait until killed.
    #[command(hide = true)]
    StageAndWait {
        /// The image.
        input: PathBuf,
    },
}

/// Runs a photo subcommand.
pub fn run(launch: &LaunchInfo, command: &PhotoCommand) -> Result<Answer, Failure> {
    match command {
        PhotoCommand::Check { input, out } => check(input, out.as_deref()),
        PhotoCommand::StageAndWait { input } => stage_and_wait(launch, input),
    }
}

fn analyse(input: &Path) -> Result<photo::Report, Failure> {
    let bytes = files::read(input)?;
    photo::check_bytes(&bytes).map_err(|e| Failure::refused(e.code(), e.message_ja()))
}

fn stage_and_wait(launch: &LaunchInfo, input: &Path) -> Result<Answer, Failure> {
    let report = analyse(input)?;
    let jpeg = report
        .output
        .ok_or_else(|| Failure::refused("no_photo", "写真を作れません"))?;
    let staged = photo::staging::Staging::open(&launch.staging_dir)
        .and_then(|s| s.stage(&jpeg.bytes))
        .map_err(|e| Failure::environment(e.code(), e.message_ja()))?;
    println!("{}", staged.path.display());
    loop {
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
}

fn check(input: &Path, out: Option<&Path>) -> Result<Answer, Failure> {
    let report = analyse(input)?;
    let mark = |s: Status| match s {
        Status::Pass => "OK  ",
        Status::Warn => "注意",
        Status::Fail => "NG  ",
    };
    let mut text = format!(
        "判定：{}（顔 {} 人）\n",
        mark(report.verdict).trim(),
        report.faces
    );
    if let Some(c) = report.cause() {
        let _ = writeln!(
            text,
            "原因：{}　{}",
            c.id.label(),
            c.reason.as_deref().unwrap_or_default()
        );
    }
    for c in &report.checks {
        let _ = writeln!(
            text,
            "[{}] {}  {}{}",
            mark(c.status),
            c.id.label(),
            c.value.map(|v| v.to_string()).unwrap_or_default(),
            c.reason
                .as_deref()
                .map(|r| format!("  {r}"))
                .unwrap_or_default()
        );
    }
    if let Some(path) = out {
        match (&report.output, report.verdict) {
            (Some(jpeg), Status::Pass | Status::Warn) => {
                files::write_whole(path, &jpeg.bytes)?;
                let _ = writeln!(text, "{} に書き出しました。", path.display());
            }
            _ => text.push_str("写真は書き出していません（判定が NG のため）\n"),
        }
    }
    Ok(Answer::check(
        report.json(),
        text,
        report.verdict != Status::Fail,
    ))
}
