//! What every subcommand prints and how it exits. The exit statuses are the same for every
//! subcommand:
//!
//! | status | meaning |
//! |---|---|
//! | 0 | done; a check or verdict passed (a photo with warnings passes) |
//! | 1 | the check ran and failed: a photo's verdict is 不可, `doctor` found an NG |
//! | 2 | the command line is wrong (unknown option, missing argument) |
//! | 3 | refused: the input or the request (a file that is missing or bad, personal data, a conflict, not permitted) |
//! | 4 | the machine: the data folder, the database, writing a file, a device or its service |
//!
//! With `--json` the answer is one JSON document on standard output, and a failure is
//! `{"error": {"code": "…", "message": "…"}}` there too; the message also goes to standard
//! error in Japanese. Text output uses Japanese labels, never internal codes.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;
use serde_json::json;

use crate::app::error::Kind;
use crate::app::AppError;

/// The exit statuses (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Done.
    Ok = 0,
    /// The check ran and failed.
    CheckFailed = 1,
    /// The command line is wrong (clap's own status).
    Usage = 2,
    /// The input or the request was refused.
    Refused = 3,
    /// The machine failed.
    Environment = 4,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> Self {
        ExitCode::from(e as u8)
    }
}

/// The exit statuses as `--help` shows them.
pub const EXIT_HELP: &str = "Exit status (the same for every command):
  0  done; the check or verdict passed
  1  the check ran and failed (photo verdict 不可, doctor NG)
  2  the command line is wrong
  3  refused: bad input or request (bad file or month, personal data, conflict, not permitted)
  4  the machine: data folder, database, writing a file, a device or its service
With --json, failures are {\"error\": {\"code\": …, \"message\": …}} on standard output.";

/// A subcommand's failure.
#[derive(Debug, Clone)]
pub struct Failure {
    /// Stable code.
    pub code: &'static str,
    /// In Japanese.
    pub message: String,
    /// The exit status.
    pub exit: Exit,
}

impl Failure {
    /// A refusal of the input.
    pub fn refused(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            exit: Exit::Refused,
        }
    }

    /// A failure of the machine.
    pub fn environment(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            exit: Exit::Environment,
        }
    }
}

impl From<AppError> for Failure {
    fn from(e: AppError) -> Self {
        crate::applog::error(e.code(), &e.message());
        Self {
            code: e.code(),
            message: e.message(),
            exit: match e.kind() {
                Kind::Refused => Exit::Refused,
                Kind::Environment => Exit::Environment,
            },
        }
    }
}

/// What a subcommand answers.
pub enum Answer {
    /// A JSON document (one line, keys in the order of the type) and its text rendering, with
    /// the exit status (0, or 1 for a failed check).
    Shown {
        /// For `--json`.
        json: String,
        /// Otherwise.
        text: String,
        /// The status.
        exit: Exit,
    },
    /// Bytes for standard output as they are (a CSV export without `--out`).
    Raw(Vec<u8>),
}

impl Answer {
    /// A successful answer.
    pub fn ok(json: impl Serialize, text: impl Into<String>) -> Self {
        Self::Shown {
            json: serde_json::to_string(&json).unwrap_or_default(),
            text: text.into(),
            exit: Exit::Ok,
        }
    }

    /// An answer whose check passed only if `passed`.
    pub fn check(json: impl Serialize, text: impl Into<String>, passed: bool) -> Self {
        Self::Shown {
            json: serde_json::to_string(&json).unwrap_or_default(),
            text: text.into(),
            exit: if passed { Exit::Ok } else { Exit::CheckFailed },
        }
    }
}

/// Prints the answer or the failure as asked and returns the exit status.
pub fn finish(result: Result<Answer, Failure>, json: bool) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match result {
        Ok(Answer::Raw(bytes)) => {
            let _ = out.write_all(&bytes);
            Exit::Ok.into()
        }
        Ok(Answer::Shown {
            json: value,
            text,
            exit,
        }) => {
            if json {
                let _ = writeln!(out, "{value}");
            } else if !text.is_empty() {
                let _ = write!(out, "{text}");
                if !text.ends_with('\n') {
                    let _ = writeln!(out);
                }
            }
            exit.into()
        }
        Err(f) => {
            eprintln!("エラー：{}", f.message);
            if json {
                let body = json!({"error": {"code": f.code, "message": f.message}});
                let _ = writeln!(out, "{body}");
            }
            f.exit.into()
        }
    }
}
