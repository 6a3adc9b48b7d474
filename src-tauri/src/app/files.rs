//! Files the use cases read and write (exports, imports, backups), with the errors named after the
//! file. A written file appears whole or not at all: it is written beside its place and renamed.

use std::path::Path;

use super::AppError;

/// Reads `path` whole.
pub fn read(path: &Path) -> Result<Vec<u8>, AppError> {
    std::fs::read(path).map_err(|e| AppError::Read {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`: a failure leaves
/// any older file whole.
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    let fail = |e: std::io::Error| AppError::Write {
        path: path.to_path_buf(),
        detail: e.to_string(),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.partial"));
    std::fs::write(&tmp, bytes).map_err(fail)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_partial() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.csv");
        write_whole(&path, b"first").unwrap();
        write_whole(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let nowhere = dir.path().join("no/such/dir/report.csv");
        let e = write_whole(&nowhere, b"x").unwrap_err();
        assert_eq!(e.code(), "write_failed");
        assert!(e.message().contains("書き込めません"));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        assert_eq!(read(&nowhere).unwrap_err().code(), "read_failed");
    }
}
