//! Running the real `madoguchi` binary on a data directory, as the CLI tests do.
#![allow(dead_code, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

/// `madoguchi --data-dir DIR ARGS…`, with no data directory from the environment.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("MADOGUCHI_DATA_DIR")
        .output()
        .expect("run madoguchi")
}
