//! `madoguchi photo check IN.jpg [--out OUT.jpg] --json`: checks a sample image the way the kiosk
//! checks a capture, for setting up and checking a kiosk camera. Without `--out` nothing is
//! written; with it, the cropped photo is written only when the verdict is not "fail".

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;

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
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// (Tests) stage the photo of IN as for an upload and wait until killed.
    #[command(hide = true)]
    StageAndWait {
        /// The image.
        input: PathBuf,
    },
}

/// Runs a photo subcommand.
pub fn run(command: &PhotoCommand) -> ExitCode {
    match command {
        PhotoCommand::Check { input, out, json } => check(input, out.as_deref(), *json),
        PhotoCommand::StageAndWait { input } => stage_and_wait(input),
    }
}

fn stage_and_wait(input: &Path) -> ExitCode {
    let staged = std::fs::read(input)
        .map_err(|e| e.to_string())
        .and_then(|b| photo::check_bytes(&b).map_err(|e| e.message_ja()))
        .and_then(|r| r.output.ok_or_else(|| "写真を作れません".to_string()))
        .and_then(|jpeg| {
            photo::staging::Staging::open_default()
                .and_then(|s| s.stage(&jpeg.bytes))
                .map_err(|e| e.message_ja())
        });
    match staged {
        Ok(s) => {
            println!("{}", s.path.display());
            loop {
                std::thread::sleep(std::time::Duration::from_secs(1));
            }
        }
        Err(e) => {
            eprintln!("エラー：{e}");
            ExitCode::FAILURE
        }
    }
}

fn check(input: &Path, out: Option<&Path>, json: bool) -> ExitCode {
    let bytes = match std::fs::read(input) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("エラー：{} を読めません（{e}）", input.display());
            return ExitCode::FAILURE;
        }
    };
    let report = match photo::check_bytes(&bytes) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("エラー：{}", e.message_ja());
            return ExitCode::FAILURE;
        }
    };
    if json {
        match serde_json::to_string(&report.json()) {
            Ok(text) => println!("{text}"),
            Err(e) => eprintln!("{e}"),
        }
    } else {
        let mark = |s: Status| match s {
            Status::Pass => "OK  ",
            Status::Warn => "注意",
            Status::Fail => "NG  ",
        };
        println!(
            "判定：{}（顔 {} 人）",
            mark(report.verdict).trim(),
            report.faces
        );
        for c in &report.checks {
            println!(
                "[{}] {:<12} {}{}",
                mark(c.status),
                c.id,
                c.value.map(|v| v.to_string()).unwrap_or_default(),
                c.reason
                    .as_deref()
                    .map(|r| format!("  {r}"))
                    .unwrap_or_default()
            );
        }
    }
    if let Some(path) = out {
        match (&report.output, report.verdict) {
            (Some(jpeg), Status::Pass | Status::Warn) => {
                if let Err(e) = std::fs::write(path, &jpeg.bytes) {
                    eprintln!("エラー：{} に書き込めません（{e}）", path.display());
                    return ExitCode::FAILURE;
                }
            }
            _ => eprintln!("写真は書き出していません（判定が NG のため）"),
        }
    }
    ExitCode::SUCCESS
}
