//! Running the real `madoguchi` binary on a data directory, as the CLI tests do.
#![allow(dead_code, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

/// `madoguchi --data-dir DIR`, with no data directory from the environment, to add arguments and
/// environment to.
pub fn command(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_madoguchi"));
    c.arg("--data-dir")
        .arg(dir)
        .env_remove("MADOGUCHI_DATA_DIR");
    c
}

/// `madoguchi --data-dir DIR ARGS…`, with no data directory from the environment.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    command(dir).args(args).output().expect("run madoguchi")
}

/// `madoguchi --data-dir DIR ARGS…` with `input` on standard input.
pub fn run_with_input(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    use std::io::Write as _;
    use std::process::Stdio;
    let mut child = command(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run madoguchi");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("wait for madoguchi")
}
