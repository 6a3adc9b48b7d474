//! The one place a photo touches a disk: a private staging directory, so the browser's upload
//! dialog on the J-LIS form can pick the file. Owner-only (0700 / 0600) and checked to be the
//! user's own, never the data directory, on the per-user runtime directory (a RAM file system on
//! Linux) when there is one, else under a name nobody else can guess. Files are overwritten with
//! zeros before they are unlinked, and the thumbnails the upload dialog made of them go too. The
//! directory is swept at every start, before anything else, so a crash cannot leave a photo
//! behind — unless a running kiosk holds it (its lock file beside the directory): a second start
//! (the CLI, a scheduled backup, a double-click) never sweeps under a kiosk's feet.

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
                "写真の一時保存先 {} が安全ではありません。現場責任者に連絡してください",
                p.display()
            ),
            Self::Io(e) if e.kind() == io::ErrorKind::StorageFull => {
                "ディスクがいっぱいで写真を一時保存できません".into()
            }
            Self::Io(_) => "写真を一時保存できませんでした".into(),
        }
    }
}

/// The default staging directory: `$XDG_RUNTIME_DIR/madoguchi-photo` (RAM, private to the user),
/// else the system temp directory under a name with a random part kept in the data folder, so
/// another account cannot make the directory first and watch it.
///
/// With the fallback, a new name part is returned too: the kiosk keeps it ([`remember_name`]) so
/// the next start finds the folder to sweep; a start that never stages (the CLI) writes nothing.
pub fn default_dir(data_dir: &Path) -> (PathBuf, Option<String>) {
    match dirs::runtime_dir() {
        Some(run) => (run.join("madoguchi-photo"), None),
        None => {
            let (part, new) = match stored_name(data_dir) {
                Some(part) => (part, None),
                None => {
                    let part = uuid::Uuid::new_v4().simple().to_string();
                    (part.clone(), Some(part))
                }
            };
            let user = crate::platform::os_user();
            (
                std::env::temp_dir().join(format!("madoguchi-photo-{user}-{part}")),
                new,
            )
        }
    }
}

const NAME_FILE: &str = "staging-name";

/// This install's random name part, if one was kept.
fn stored_name(data_dir: &Path) -> Option<String> {
    let t = fs::read_to_string(data_dir.join(NAME_FILE)).ok()?;
    let t = t.trim();
    (t.len() == 32 && t.chars().all(|c| c.is_ascii_hexdigit())).then(|| t.to_string())
}

/// Keeps the random name part (owner-only) in the data folder.
pub fn remember_name(data_dir: &Path, part: &str) -> io::Result<()> {
    fs::create_dir_all(data_dir)?;
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
        .open(data_dir.join(NAME_FILE))?
        .write_all(part.as_bytes())
}

/// Whether this start holds the staging directory.
#[derive(Debug)]
pub enum Hold {
    /// This process holds it (keep the guard as long as photos may be staged).
    Held(File),
    /// A running kiosk holds it.
    Elsewhere,
    /// The lock could not be taken (the folder cannot be written).
    Unavailable(String),
}

/// The socket beside the staging directory on which the running kiosk hears a second start.
pub fn instance_socket(dir: &Path) -> PathBuf {
    let mut name = dir.as_os_str().to_os_string();
    name.push(".sock");
    PathBuf::from(name)
}

/// The lock file beside the staging directory.
pub fn lock_path(dir: &Path) -> PathBuf {
    let mut name = dir.as_os_str().to_os_string();
    name.push(".lock");
    PathBuf::from(name)
}

/// Takes the staging directory's lock without waiting.
pub fn hold(dir: &Path) -> Hold {
    if let Some(parent) = dir.parent() {
        let _ = fs::create_dir_all(parent);
    }
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = match options.open(lock_path(dir)) {
        Ok(f) => f,
        Err(e) => return Hold::Unavailable(e.to_string()),
    };
    match file.try_lock() {
        Ok(()) => Hold::Held(file),
        Err(fs::TryLockError::WouldBlock) => Hold::Elsewhere,
        Err(fs::TryLockError::Error(e)) => Hold::Unavailable(e.to_string()),
    }
}

/// At every start of the binary: takes the lock and sweeps what a crash left behind; a running
/// kiosk's directory is left alone. Problems go to stderr.
pub fn sweep_at_start(dir: &Path) -> Hold {
    let held = hold(dir);
    if !matches!(held, Hold::Held(_)) || !dir.exists() {
        return held;
    }
    match Staging::open(dir).map(|s| s.sweep()) {
        Ok(Sweep {
            deleted: 0,
            failed: 0,
        }) => {}
        Ok(Sweep { deleted, failed }) => {
            eprintln!("前回の終了時に残っていた写真 {deleted} 件を削除しました");
            if failed > 0 {
                eprintln!(
                    "削除できなかったファイルが {failed} 件あります：{}",
                    dir.display()
                );
            }
        }
        Err(e) => eprintln!("写真の一時保存先を確認できませんでした：{}", e.message_ja()),
    }
    held
}

/// What a sweep did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sweep {
    /// Files deleted.
    pub deleted: usize,
    /// Files that could not be deleted (the sweep went on past them).
    pub failed: usize,
}

/// A staged photo file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staged {
    /// Its path.
    pub path: PathBuf,
    /// When it was written.
    pub at: Instant,
}

/// Deletes a staged photo (zeros first), wherever it was staged, and the thumbnails the upload
/// dialog made of it.
pub fn discard(staged: &Staged) -> Result<(), StagingError> {
    if let Some(cache) = dirs::cache_dir() {
        forget_thumbnails(&staged.path, &cache.join("thumbnails"));
    }
    Ok(wipe(&staged.path)?)
}

/// The file's URI as the freedesktop thumbnail specification names it: `file://` and the
/// absolute path with every byte outside the unreserved set percent-encoded.
fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

/// Deletes every thumbnail of `path` under `root` (`~/.cache/thumbnails`): the sizes and the
/// failure records, named by the MD5 of the file's URI.
pub fn forget_thumbnails(path: &Path, root: &Path) {
    use md5::{Digest, Md5};
    let name = format!("{:x}.png", Md5::digest(file_uri(path).as_bytes()));
    let mut dirs: Vec<PathBuf> = ["normal", "large", "x-large", "xx-large"]
        .iter()
        .map(|d| root.join(d))
        .collect();
    if let Ok(fail) = fs::read_dir(root.join("fail")) {
        dirs.extend(fail.flatten().map(|e| e.path()));
    }
    for d in dirs {
        let _ = wipe(&d.join(&name));
    }
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
            // Someone else's directory (made first under our name) is never used.
            if crate::platform::current_uid().is_some_and(|uid| meta.uid() != uid) {
                return Err(StagingError::NotPrivate(dir.to_path_buf()));
            }
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

    /// Deletes every file in the directory (a crash's leftovers), going on past a file that
    /// cannot be deleted.
    pub fn sweep(&self) -> Sweep {
        let mut done = Sweep {
            deleted: 0,
            failed: 0,
        };
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return done;
        };
        for entry in entries {
            let ok = entry.and_then(|e| wipe(&e.path())).is_ok();
            if ok {
                done.deleted += 1;
            } else {
                done.failed += 1;
            }
        }
        done
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
        assert_eq!(s.sweep().deleted, 2);
        assert_eq!(s.count(), 0);
        assert!(!staged.expired(Duration::from_secs(600)));
        assert!(staged.expired(Duration::ZERO));
    }

    #[test]
    fn a_running_kiosk_holds_the_folder_and_a_second_start_does_not_sweep_it() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("stage");
        let kiosk = sweep_at_start(&dir);
        assert!(matches!(kiosk, Hold::Held(_)), "the first start holds it");
        let staged = Staging::open(&dir).unwrap().stage(b"photo").unwrap();
        // The lock is per open file: a second start in this process stands for another process.
        let second = sweep_at_start(&dir);
        assert!(matches!(second, Hold::Elsewhere), "{second:?}");
        assert!(
            staged.path.exists(),
            "a second start never sweeps the kiosk's photo"
        );
        drop(kiosk);
        assert!(matches!(sweep_at_start(&dir), Hold::Held(_)));
        assert!(
            !staged.path.exists(),
            "once the kiosk is gone, its leftovers are swept"
        );
    }

    #[test]
    fn the_upload_dialogs_thumbnails_go_with_the_photo() {
        use md5::{Digest, Md5};
        let root = tempfile::tempdir().unwrap();
        let s = Staging::open(&root.path().join("stage")).unwrap();
        let staged = s.stage(b"photo").unwrap();
        let thumbs = root.path().join("thumbnails");
        let name = format!("{:x}.png", Md5::digest(file_uri(&staged.path).as_bytes()));
        let made: Vec<PathBuf> = ["normal", "large", "fail/gnome-thumbnail-factory"]
            .iter()
            .map(|d| thumbs.join(d).join(&name))
            .collect();
        let other = thumbs.join("normal").join("someone-elses.png");
        for p in made.iter().chain([&other]) {
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, b"png").unwrap();
        }
        forget_thumbnails(&staged.path, &thumbs);
        assert!(
            made.iter().all(|p| !p.exists()),
            "every size and the failure record go"
        );
        assert!(other.exists(), "other files' thumbnails stay");
        assert_eq!(
            file_uri(Path::new("/run/user/1000/madoguchi-photo/kao shashin.jpg")),
            "file:///run/user/1000/madoguchi-photo/kao%20shashin.jpg"
        );
    }

    #[test]
    fn the_fallback_name_is_this_installs_own() {
        let root = tempfile::tempdir().unwrap();
        assert_eq!(stored_name(root.path()), None);
        remember_name(root.path(), "0123456789abcdef0123456789abcdef").unwrap();
        assert_eq!(
            stored_name(root.path()).as_deref(),
            Some("0123456789abcdef0123456789abcdef"),
            "kept, so the next start finds the folder"
        );
        assert_eq!(stored_name(&root.path().join("other")), None);
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
