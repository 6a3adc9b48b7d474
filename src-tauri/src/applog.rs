//! The app's own log: errors and notable events, one line each, in `logs/madoguchi.log` inside the
//! data folder, rotated at 1 MiB with three older files kept (`.1` … `.3`). A windowed app on
//! Windows has no standard error, so this is where IT staff look. Lines hold error codes and the
//! messages shown to staff, which never contain a citizen's data (notes and texts are refused
//! before anything with personal data is stored), and never a password or a PIN.
//!
//! Written by hand: the crates that rotate (`tracing-appender`, `file-rotate`, `flexi_logger`)
//! rotate by time or bring a logging framework the app does not otherwise need; this is sixty
//! lines with a test.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// Rotate when the file reaches this size.
pub const MAX_BYTES: u64 = 1024 * 1024;
/// Older files kept.
pub const KEEP: usize = 3;

static LOG: OnceLock<Mutex<PathBuf>> = OnceLock::new();

/// The log file of a data folder.
pub fn file_in(data_dir: &Path) -> PathBuf {
    data_dir.join("logs").join("madoguchi.log")
}

/// Starts logging into `data_dir` (once per process; later calls change nothing). The folder is
/// made when the first line is written: a command that logs nothing leaves nothing behind.
pub fn init(data_dir: &Path) {
    let _ = LOG.set(Mutex::new(file_in(data_dir)));
}

/// Logs an error with its stable code.
pub fn error(code: &str, message: &str) {
    write("ERROR", code, message);
}

/// Logs an event worth knowing (start, a recovered problem).
pub fn info(code: &str, message: &str) {
    write("INFO", code, message);
}

fn write(level: &str, code: &str, message: &str) {
    let Some(lock) = LOG.get() else {
        return;
    };
    let path = lock.lock().unwrap_or_else(|p| p.into_inner());
    let line = format!(
        "{} {level} {code} {}\n",
        crate::clock::stamp(crate::clock::now()),
        message.replace('\n', " / ")
    );
    let _ = append(&path, line.as_bytes(), MAX_BYTES, KEEP);
}

/// Appends `line` to `path`, first rotating when the file would pass `max` bytes.
pub fn append(path: &Path, line: &[u8], max: u64, keep: usize) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let size = fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > 0 && size + line.len() as u64 > max {
        rotate(path, keep);
    }
    let mut f = OpenOptions::new().create(true).append(true).open(path)?;
    f.write_all(line)
}

fn numbered(path: &Path, n: usize) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(format!(".{n}"));
    PathBuf::from(name)
}

fn rotate(path: &Path, keep: usize) {
    if keep == 0 {
        let _ = fs::remove_file(path);
        return;
    }
    let _ = fs::remove_file(numbered(path, keep));
    for n in (1..keep).rev() {
        let _ = fs::rename(numbered(path, n), numbered(path, n + 1));
    }
    let _ = fs::rename(path, numbered(path, 1));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotates_by_size_and_keeps_a_fixed_number_of_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.log");
        for i in 0..50 {
            append(
                &path,
                format!("line {i:02} 0123456789\n").as_bytes(),
                100,
                2,
            )
            .unwrap();
        }
        let mut names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            ["a.log", "a.log.1", "a.log.2"],
            "two older files kept"
        );
        for name in &names {
            let size = fs::metadata(dir.path().join(name)).unwrap().len();
            assert!(size <= 100, "{name} is {size} bytes");
        }
        let newest = fs::read_to_string(&path).unwrap();
        assert!(newest.ends_with("line 49 0123456789\n"), "{newest}");
    }
}
