//! Online backup with SQLite's backup API: a consistent copy while the app keeps running. The copy
//! goes to a temporary file beside the target and is renamed over it only when complete, so a
//! failed backup never destroys an older one.

use std::path::{Path, PathBuf};

use rusqlite::{backup::Backup, Connection};

use super::{Store, StoreError};

impl Store {
    /// Copies the whole database to `target`. Returns the bytes written.
    pub fn backup_to(&self, target: &Path) -> Result<u64, StoreError> {
        if let Some(own) = self.path.as_deref() {
            if same_file(own, target) {
                return Err(StoreError::BackupOntoItself(target.to_path_buf()));
            }
        }
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if !dir.is_dir() {
            return Err(StoreError::NotWritable {
                dir,
                detail: "フォルダがありません".into(),
            });
        }
        let file_name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let partial = dir.join(format!(".{file_name}.partial"));
        let result = (|| {
            let mut dest = Connection::open(&partial)?;
            {
                let backup = Backup::new(&self.conn, &mut dest)?;
                backup.run_to_completion(256, std::time::Duration::from_millis(0), None)?;
            }
            dest.close().map_err(|(_, e)| e)?;
            Ok::<(), rusqlite::Error>(())
        })();
        if let Err(e) = result {
            let _ = std::fs::remove_file(&partial);
            return Err(StoreError::Backup {
                target: target.to_path_buf(),
                detail: e.to_string(),
            });
        }
        std::fs::rename(&partial, target).map_err(|e| {
            let _ = std::fs::remove_file(&partial);
            StoreError::Backup {
                target: target.to_path_buf(),
                detail: e.to_string(),
            }
        })?;
        Ok(std::fs::metadata(target).map(|m| m.len()).unwrap_or(0))
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
