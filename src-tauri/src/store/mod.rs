//! The SQLite database: where it lives, how it is opened (WAL, foreign keys, busy timeout), the
//! integrity check at start, migrations, settings and the online backup. Each domain keeps the
//! queries of its own tables; this module owns only the connection and what every table shares.

mod backup;
pub use backup::{last_backup, BACKUP_LOG};
mod data_dir;
mod migrations;
mod settings;
mod transaction;

pub use data_dir::{default_data_dir, APP_ID};
pub use migrations::LATEST as SCHEMA_VERSION;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

/// The database file's name inside the data directory.
pub const DB_FILE: &str = "madoguchi.sqlite3";

/// What can go wrong with the database. Messages are for staff, in Japanese.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The data directory cannot be created or written.
    #[error("データフォルダに書き込めません：{dir}（{detail}）")]
    NotWritable {
        /// The directory.
        dir: PathBuf,
        /// What the OS said.
        detail: String,
    },
    /// The file is not a healthy SQLite database. The app must not touch it.
    #[error("データベースが破損しているため起動できません：{path}（{detail}）。ファイルはそのまま残しています。{}", restore_hint(.last_backup))]
    Corrupt {
        /// The database file.
        path: PathBuf,
        /// What SQLite reported.
        detail: String,
        /// The newest backup made from this app, `(time, path)`.
        last_backup: Option<(String, String)>,
    },
    /// The file exists but this user may not read or write it: not damaged, do not restore.
    #[error("データベースを開く権限がありません：{path}（{detail}）。データは壊れていません。バックアップから戻さず、フォルダとファイルの所有者と権限を確かめてください。")]
    NoAccess {
        /// The database file.
        path: PathBuf,
        /// What the OS or SQLite said.
        detail: String,
    },
    /// Another program holds the database: not damaged, try again.
    #[error("データベースがほかのプログラムで使用中です：{path}（{detail}）。データは壊れていません。窓口アプリが二重に起動していないか確かめて、しばらくしてからもう一度起動してください。")]
    Busy {
        /// The database file.
        path: PathBuf,
        /// What SQLite said.
        detail: String,
    },
    /// Written by a newer version of the app.
    #[error("新しいバージョンのアプリで作成されたデータベースです（形式 {found}、このアプリは {supported} まで）。アプリを更新してください。")]
    NewerSchema {
        /// The database's schema version.
        found: i64,
        /// The newest this build knows.
        supported: i64,
    },
    /// A migration failed; the database stays at the previous version.
    #[error("データベースの更新（{name}）に失敗しました：{source}")]
    Migration {
        /// The migration.
        name: &'static str,
        /// SQLite's error.
        source: rusqlite::Error,
    },
    /// A stored setting could not be read or written.
    #[error("設定「{key}」を読み書きできません：{detail}")]
    BadSetting {
        /// The key.
        key: String,
        /// The JSON error.
        detail: String,
    },
    /// The backup target is the live database.
    #[error("使用中のデータベース自体にはバックアップできません：{0}")]
    BackupOntoItself(PathBuf),
    /// The backup failed; an existing file at the target is unchanged.
    #[error("バックアップを作成できませんでした：{target}（{detail}）")]
    Backup {
        /// The file asked for.
        target: PathBuf,
        /// What failed.
        detail: String,
    },
    /// The disk is full.
    #[error("ディスクの空き容量が不足しています。保存済みのデータは失われていません。")]
    DiskFull,
    /// Any other SQLite error.
    #[error("データベースのエラー：{0}")]
    Sqlite(rusqlite::Error),
}

impl StoreError {
    /// The stable code the window and the CLI switch on.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotWritable { .. } => "not_writable",
            Self::Corrupt { .. } => "database_corrupt",
            Self::NoAccess { .. } => "database_no_access",
            Self::Busy { .. } => "database_busy",
            Self::NewerSchema { .. } => "newer_schema",
            Self::Migration { .. } => "migration_failed",
            Self::BadSetting { .. } => "bad_setting",
            Self::BackupOntoItself(_) => "backup_onto_itself",
            Self::Backup { .. } => "backup_failed",
            Self::DiskFull => "disk_full",
            Self::Sqlite(_) => "database",
        }
    }

    /// Whether the cause is the machine (disk, folder, database file) rather than the input.
    pub fn is_environment(&self) -> bool {
        !matches!(self, Self::BackupOntoItself(_))
    }
}

fn restore_hint(last: &Option<(String, String)>) -> String {
    match last {
        Some((at, path)) => format!("最新のバックアップ（{at}）：{path} から復元してください。"),
        None => "このアプリで作成したバックアップの記録はありません。保管しているバックアップから復元してください。".into(),
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DiskFull) => StoreError::DiskFull,
            _ => StoreError::Sqlite(e),
        }
    }
}

/// An open database.
pub struct Store {
    /// The connection. Domain modules run their queries on it.
    pub conn: Connection,
    path: Option<PathBuf>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

fn configure(conn: &Connection) -> Result<(), rusqlite::Error> {
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", true)?;
    Ok(())
}

impl Store {
    /// Opens (or creates) the database in `dir`. An existing file is checked before anything is
    /// written to it; a corrupt one is refused and left exactly as it was.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        ensure_writable(dir)?;
        let path = dir.join(DB_FILE);
        if path.exists() {
            check_existing(&path)?;
        }
        let mut conn = Connection::open(&path)?;
        configure(&conn)?;
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        // A kiosk PC can lose power; a visit is a few writes a minute: every commit reaches the
        // disk before it is reported done.
        conn.pragma_update(None, "synchronous", "FULL")?;
        migrations::migrate(&mut conn)?;
        owner_only(dir, &path);
        Ok(Self {
            conn,
            path: Some(path),
        })
    }

    /// A fresh database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Self, StoreError> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn)?;
        migrations::migrate(&mut conn)?;
        Ok(Self { conn, path: None })
    }

    /// The database file, when on disk.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// SQLite's full `integrity_check` ("ok" when healthy), for `madoguchi doctor`.
    pub fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// The data folder, the database and its WAL files are the kiosk user's alone (Unix): another
/// account on the PC cannot read visits, accounts or the audit trail.
fn owner_only(dir: &Path, db: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let set = |p: &Path, mode: u32| {
            if p.exists() {
                let _ = std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode));
            }
        };
        set(dir, 0o700);
        for suffix in ["", "-wal", "-shm"] {
            let mut name = db.as_os_str().to_os_string();
            name.push(suffix);
            set(Path::new(&name), 0o600);
        }
    }
    #[cfg(not(unix))]
    let _ = (dir, db);
}

/// Creates `dir` if needed and proves a file can be written in it.
fn ensure_writable(dir: &Path) -> Result<(), StoreError> {
    let fail = |e: std::io::Error| StoreError::NotWritable {
        dir: dir.to_path_buf(),
        detail: e.to_string(),
    };
    std::fs::create_dir_all(dir).map_err(fail)?;
    let probe = dir.join(".write-test");
    std::fs::write(&probe, b"ok").map_err(fail)?;
    std::fs::remove_file(&probe).map_err(fail)
}

/// Opens an existing file read-only and runs `quick_check`: nothing is written to a file that may
/// be damaged.
fn check_existing(path: &Path) -> Result<(), StoreError> {
    // A file this user cannot read is a permission problem, never "damaged".
    if let Err(e) = std::fs::File::open(path) {
        return Err(StoreError::NoAccess {
            path: path.to_path_buf(),
            detail: e.to_string(),
        });
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| opening_error(path, e))?;
    // Not the long busy timeout of the app: a held lock is reported, not waited out at start.
    let _ = conn.busy_timeout(Duration::from_millis(1500));
    let result: Result<Vec<String>, rusqlite::Error> = conn
        .prepare("PRAGMA quick_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect());
    match result {
        Ok(lines) if lines.len() == 1 && lines[0] == "ok" => Ok(()),
        Ok(lines) => Err(corrupt(path, lines.join("; "))),
        Err(e) => Err(opening_error(path, e)),
    }
}

fn corrupt(path: &Path, detail: String) -> StoreError {
    StoreError::Corrupt {
        path: path.to_path_buf(),
        detail,
        last_backup: path.parent().and_then(last_backup),
    }
}

/// What an error opening or checking an existing database means: only SQLite's own "damaged"
/// and "not a database" say the file is corrupt; a lock is "busy", a refusal "no access".
fn opening_error(path: &Path, e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode as C;
    let detail = e.to_string();
    match e.sqlite_error_code() {
        Some(C::DatabaseBusy | C::DatabaseLocked) => StoreError::Busy {
            path: path.to_path_buf(),
            detail,
        },
        Some(C::PermissionDenied | C::ReadOnly | C::CannotOpen) => StoreError::NoAccess {
            path: path.to_path_buf(),
            detail,
        },
        _ => corrupt(path, detail),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_a_new_database_and_reopens_it() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        store.set_setting("counter", &2u8).unwrap();
        drop(store);
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(
            store.setting::<u8>("counter").unwrap(),
            Some(2),
            "settings survive a restart"
        );
        let version: i64 = store
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let mode: String = store
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
    }

    #[test]
    fn corrupt_file_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DB_FILE);
        let garbage = b"this is not a database, but somebody's data all the same".repeat(100);
        std::fs::write(&path, &garbage).unwrap();
        let err = Store::open(dir.path()).unwrap_err();
        assert!(matches!(err, StoreError::Corrupt { .. }), "got {err:?}");
        assert!(
            err.to_string().contains("破損"),
            "message says so in Japanese: {err}"
        );
        assert_eq!(
            std::fs::read(&path).unwrap(),
            garbage,
            "the file must never be overwritten"
        );
    }

    #[test]
    fn corrupt_database_names_the_newest_backup() {
        let dir = tempfile::tempdir().unwrap();
        let backup = dir.path().join("b.sqlite3");
        {
            let store = Store::open(dir.path()).unwrap();
            store.backup_to(&backup).unwrap();
        }
        let db = dir.path().join(DB_FILE);
        let _ = std::fs::remove_file(dir.path().join(format!("{DB_FILE}-wal")));
        let _ = std::fs::remove_file(dir.path().join(format!("{DB_FILE}-shm")));
        std::fs::write(&db, b"garbage".repeat(1000)).unwrap();
        let message = Store::open(dir.path()).unwrap_err().to_string();
        assert!(
            message.contains(&backup.canonicalize().unwrap().display().to_string()),
            "{message}"
        );
    }

    #[test]
    fn a_locked_database_is_busy_not_damaged() {
        let dir = tempfile::tempdir().unwrap();
        drop(Store::open(dir.path()).unwrap());
        // Another program holds the file exclusively (a second kiosk mid-write, a copy tool).
        let other = Connection::open(dir.path().join(DB_FILE)).unwrap();
        other
            .pragma_update(None, "locking_mode", "EXCLUSIVE")
            .unwrap();
        other
            .execute_batch("BEGIN EXCLUSIVE; CREATE TABLE held (x);")
            .unwrap();
        let err = Store::open(dir.path()).unwrap_err();
        assert!(matches!(err, StoreError::Busy { .. }), "got {err:?}");
        assert_eq!(err.code(), "database_busy");
        assert!(
            err.to_string().contains("壊れていません") && !err.to_string().contains("復元"),
            "a busy file does not invite a restore: {err}"
        );
        other.execute_batch("ROLLBACK").unwrap();
        drop(other);
        assert!(Store::open(dir.path()).is_ok(), "once released it opens");
    }

    #[test]
    fn opening_errors_are_told_apart() {
        let p = Path::new("/data/madoguchi.sqlite3");
        let err = |code: i32| rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None);
        assert_eq!(
            opening_error(p, err(rusqlite::ffi::SQLITE_BUSY)).code(),
            "database_busy"
        );
        assert_eq!(
            opening_error(p, err(rusqlite::ffi::SQLITE_LOCKED)).code(),
            "database_busy"
        );
        assert_eq!(
            opening_error(p, err(rusqlite::ffi::SQLITE_PERM)).code(),
            "database_no_access"
        );
        assert_eq!(
            opening_error(p, err(rusqlite::ffi::SQLITE_CANTOPEN)).code(),
            "database_no_access"
        );
        assert_eq!(
            opening_error(p, err(rusqlite::ffi::SQLITE_CORRUPT)).code(),
            "database_corrupt"
        );
        assert_eq!(
            opening_error(p, err(rusqlite::ffi::SQLITE_NOTADB)).code(),
            "database_corrupt"
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_data_is_the_kiosk_users_alone_and_every_commit_is_synced() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let store = Store::open(&data).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&data), 0o700, "the data folder");
        assert_eq!(mode(&data.join(DB_FILE)), 0o600, "the database");
        let backup = dir.path().join("b.sqlite3");
        store.backup_to(&backup).unwrap();
        assert_eq!(mode(&backup), 0o600, "a backup");
        let sync: i64 = store
            .conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap();
        assert_eq!(sync, 2, "synchronous = FULL");
    }

    #[test]
    fn unwritable_dir_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("not-a-dir");
        std::fs::write(&file, b"x").unwrap();
        let err = Store::open(&file.join("sub")).unwrap_err();
        assert!(matches!(err, StoreError::NotWritable { .. }), "got {err:?}");
    }

    #[test]
    fn newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        drop(Store::open(dir.path()).unwrap());
        let conn = Connection::open(dir.path().join(DB_FILE)).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 5)
            .unwrap();
        drop(conn);
        assert!(matches!(
            Store::open(dir.path()),
            Err(StoreError::NewerSchema { .. })
        ));
    }

    #[test]
    fn backup_is_a_readable_copy_and_never_onto_itself() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        store.set_setting("counter", &1u8).unwrap();
        let target = dir.path().join("copy.sqlite3");
        let bytes = store.backup_to(&target).unwrap();
        assert!(bytes > 0);
        let copy = Connection::open(&target).unwrap();
        let v: String = copy
            .query_row("SELECT value FROM settings WHERE key='counter'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(v, "1");
        assert!(matches!(
            store.backup_to(&dir.path().join(DB_FILE)),
            Err(StoreError::BackupOntoItself(_))
        ));
        let missing = dir.path().join("no/such/dir/x.sqlite3");
        assert!(store.backup_to(&missing).is_err());
    }
}
