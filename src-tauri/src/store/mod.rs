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
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        migrations::migrate(&mut conn)?;
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
    let last_backup = path.parent().and_then(last_backup);
    let corrupt = |detail: String| StoreError::Corrupt {
        path: path.to_path_buf(),
        detail,
        last_backup: last_backup.clone(),
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| corrupt(e.to_string()))?;
    let result: Result<Vec<String>, rusqlite::Error> = conn
        .prepare("PRAGMA quick_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect());
    match result {
        Ok(lines) if lines.len() == 1 && lines[0] == "ok" => Ok(()),
        Ok(lines) => Err(corrupt(lines.join("; "))),
        Err(e) => Err(corrupt(e.to_string())),
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
