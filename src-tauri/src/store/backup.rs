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
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(&partial, std::fs::Permissions::from_mode(0o600));
        }
        std::fs::rename(&partial, target).map_err(|e| {
            let _ = std::fs::remove_file(&partial);
            StoreError::Backup {
                target: target.to_path_buf(),
                detail: e.to_string(),
            }
        })?;
        self.note_backup(target);
        Ok(std::fs::metadata(target).map(|m| m.len()).unwrap_or(0))
    }

    /// Remembers where the backup went, outside the database: if the database is ever damaged,
    /// the refusal to start names the newest backup.
    fn note_backup(&self, target: &Path) {
        let Some(dir) = self.path.as_deref().and_then(Path::parent) else {
            return;
        };
        let where_to = target
            .canonicalize()
            .unwrap_or_else(|_| target.to_path_buf());
        let line = format!(
            "{}\t{}\n",
            crate::clock::stamp(crate::clock::now()),
            where_to.display()
        );
        use std::io::Write;
        if let Ok(mut f) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(dir.join(BACKUP_LOG))
        {
            let _ = f.write_all(line.as_bytes());
        }
    }
}

/// The file in the data directory listing the backups made, one `time<TAB>path` per line.
pub const BACKUP_LOG: &str = "backups.log";

/// The newest backup recorded in `dir`, as `(time, path)`.
pub fn last_backup(dir: &Path) -> Option<(String, String)> {
    let text = std::fs::read_to_string(dir.join(BACKUP_LOG)).ok()?;
    let line = text.lines().rev().find(|l| !l.trim().is_empty())?;
    let (at, path) = line.split_once('\t')?;
    Some((at.to_string(), path.to_string()))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
