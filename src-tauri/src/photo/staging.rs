//! The one place a photo touches a disk: a private staging directory, so the browser's upload
//! dialog on the J-LIS form can pick the file. Owner-only (0700 / 0600), never the data
//! directory, on the per-user runtime directory (a RAM file system on Linux) when there is one.
//! Files are overwritten with zeros before they are unlinked; the directory is swept at every
//! start, before anything else, so a crash cannot leave a photo behind for long.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Why staging failed.
#[derive(Debug, thiserror::Error)]
pub enum StagingError {
    /// The directory is not ours or not private (a symlink, another owner).
    #[error("the staging directory {0} is not a private directory of this user")]
    NotPrivate(PathBuf),
    /// Disk or permission trouble.
    #[error("staging: {0}")]
    Io(#[from] io::Error),
}

impl StagingError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotPrivate(_) => "staging_not_private",
            Self::Io(e) if e.kind() == io::ErrorKind::StorageFull => "disk_full",
            Self::Io(_) => "staging_failed",
        }
    }

    /// In Japanese.
    pub fn message_ja(&self) -> String {
        match self {
            Self::NotPrivate(p) => format!(
                "写真の一時保存先 {} が安全ではありません。市の担当者にご連絡ください",
                p.display()
            ),
            Self::Io(e) if e.kind() == io::ErrorKind::StorageFull => {
                "ディスクがいっぱいで写真を一時保存できません".into()
            }
            Self::Io(_) => "写真を一時保存できませんでした".into(),
        }
    }
}

/// The default staging directory: `$XDG_RUNTIME_DIR/madoguchi-photo` (RAM, per user), else the
/// system temp directory with the user's name in it.
pub fn default_dir() -> PathBuf {
    match dirs::runtime_dir() {
        Some(run) => run.join("madoguchi-photo"),
        None => {
            std::env::temp_dir().join(format!("madoguchi-photo-{}", crate::platform::os_user()))
        }
    }
}

/// Sweeps `dir` (at every start of the binary); problems go to stderr.
pub fn sweep_at_start(dir: &Path) {
    if !dir.exists() {
        return;
    }
    match Staging::open(dir).and_then(|s| s.sweep()) {
        Ok(0) => {}
        Ok(n) => eprintln!("前回の終了時に残っていた写真 {n} 件を削除しました"),
        Err(e) => eprintln!("写真の一時保存先を確認できませんでした：{}", e.message_ja()),
    }
}

/// A staged photo file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staged {
    /// Its path.
    pub path: PathBuf,
    /// When it was written.
    pub at: Instant,
}

/// Deletes a staged photo (zeros first), wherever it was staged.
pub fn discard(staged: &Staged) -> Result<(), StagingError> {
    Ok(wipe(&staged.path)?)
}

impl Staged {
    /// Older than `max`.
    pub fn expired(&self, max: Duration) -> bool {
        self.at.elapsed() >= max
    }
}

/// The staging directory.
#[derive(Debug, Clone)]
pub struct Staging {
    dir: PathBuf,
}

fn wipe(path: &Path) -> io::Result<()> {
    if let Ok(meta) = fs::symlink_metadata(path) {
        if meta.is_file() {
            if let Ok(mut f) = OpenOptions::new().write(true).open(path) {
                let zeros = vec![0u8; 64 * 1024];
                let mut left = meta.len();
                while left > 0 {
                    let n = left.min(zeros.len() as u64) as usize;
                    f.write_all(&zeros[..n])?;
                    left -= n as u64;
                }
                let _ = f.sync_data();
            }
        }
    }
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

impl Staging {
    /// Opens (creating, owner-only) the directory.
    pub fn open(dir: &Path) -> Result<Self, StagingError> {
        fs::create_dir_all(dir)?;
        let meta = fs::symlink_metadata(dir)?;
        if !meta.is_dir() {
            return Err(StagingError::NotPrivate(dir.to_path_buf()));
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::{MetadataExt, PermissionsExt};
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
            let after = fs::symlink_metadata(dir)?;
            if after.mode() & 0o077 != 0 {
                return Err(StagingError::NotPrivate(dir.to_path_buf()));
            }
        }
        Ok(Self {
            dir: dir.to_path_buf(),
        })
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Deletes every file in the directory (a crash's leftovers); how many there were.
    pub fn sweep(&self) -> Result<usize, StagingError> {
        let mut n = 0;
        for entry in fs::read_dir(&self.dir)? {
            let path = entry?.path();
            wipe(&path)?;
            n += 1;
        }
        Ok(n)
    }

    /// Writes the photo, owner-only, under a name the operator recognises in the upload dialog.
    pub fn stage(&self, jpeg: &[u8]) -> Result<Staged, StagingError> {
        let name = format!("kao-shashin-{}.jpg", uuid::Uuid::new_v4().simple());
        let path = self.dir.join(name);
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let written = options.open(&path).and_then(|mut f: File| {
            f.write_all(jpeg)?;
            f.sync_data()
        });
        if let Err(e) = written {
            let _ = wipe(&path);
            return Err(e.into());
        }
        Ok(Staged {
            path,
            at: Instant::now(),
        })
    }

    /// Deletes a staged photo (zeros first).
    pub fn delete(&self, staged: &Staged) -> Result<(), StagingError> {
        discard(staged)
    }

    /// Files now in the directory.
    pub fn count(&self) -> usize {
        fs::read_dir(&self.dir).map(|d| d.count()).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_is_private_and_delete_and_sweep_leave_nothing() {
        let root = tempfile::tempdir().unwrap();
        let s = Staging::open(&root.path().join("stage")).unwrap();
        let staged = s.stage(b"\xFF\xD8fake jpeg\xFF\xD9").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(s.dir()).unwrap().permissions().mode() & 0o777,
                0o700
            );
            assert_eq!(
                fs::metadata(&staged.path).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
        assert_eq!(s.count(), 1);
        s.delete(&staged).unwrap();
        assert_eq!(s.count(), 0);
        s.delete(&staged).unwrap(); // twice is fine
        s.stage(b"a").unwrap();
        s.stage(b"b").unwrap();
        assert_eq!(s.sweep().unwrap(), 2);
        assert_eq!(s.count(), 0);
        assert!(!staged.expired(Duration::from_secs(600)));
        assert!(staged.expired(Duration::ZERO));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_not_a_private_directory() {
        let root = tempfile::tempdir().unwrap();
        let real = root.path().join("real");
        fs::create_dir(&real).unwrap();
        let link = root.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert!(matches!(
            Staging::open(&link),
            Err(StagingError::NotPrivate(_))
        ));
    }
}
