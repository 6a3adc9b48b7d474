//! The city's shared store: PostgreSQL, reached by the sync worker. Each counter keeps SQLite as
//! its working copy and never waits on the network; a round of [`round::run`] pushes this
//! counter's change log and pulls the others' (`sync`). The central schema is created and
//! migrated by the binary ([`schema`]); each counter connects with its own role, which row-level
//! security lets insert only its own counter's changes and read only its site's.
//!
//! The connection ([`connect`]): TLS with certificate and host-name verification for every TCP
//! host (a Unix socket on the same machine needs none); the password is read from a file only its
//! owner can read, never from the command line, the URL or the logs.

pub mod connect;
pub mod exchange;
pub mod report;
pub mod round;
pub mod schema;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::store::{Store, StoreError};

/// Where the shared store is, as `madoguchi store connect` saved it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// The connection URL or `key=value` string, without a password.
    pub url: String,
    /// The file holding the password (owner-only).
    pub password_file: Option<PathBuf>,
    /// A CA certificate (PEM) to trust besides the system's, for a city's own CA.
    pub ca_file: Option<PathBuf>,
}

/// How the last rounds went, for the header and `madoguchi store status`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Status {
    /// The last round that finished (RFC 3339).
    pub last_ok: Option<String>,
    /// The last round that failed, and why.
    pub last_error: Option<(String, String)>,
    /// Changes pushed by the last good round.
    pub pushed: usize,
    /// Changes pulled by the last good round.
    pub pulled: usize,
}

const TARGET_KEY: &str = "central.target";
const STATUS_KEY: &str = "central.status";

/// The saved target, if this counter is connected.
pub fn target(store: &Store) -> Result<Option<Target>, StoreError> {
    store.setting(TARGET_KEY)
}

/// Saves the target (`None`: disconnect).
pub fn set_target(store: &Store, target: Option<&Target>) -> Result<(), StoreError> {
    match target {
        Some(t) => store.set_setting(TARGET_KEY, t),
        None => store.delete_setting(TARGET_KEY),
    }
}

/// The last rounds' status.
pub fn status(store: &Store) -> Result<Status, StoreError> {
    Ok(store.setting(STATUS_KEY)?.unwrap_or_default())
}

/// Saves the status.
pub fn set_status(store: &Store, status: &Status) -> Result<(), StoreError> {
    store.set_setting(STATUS_KEY, status)
}

/// What can go wrong with the shared store. Messages are for IT staff and the site manager.
#[derive(Debug, thiserror::Error)]
pub enum CentralError {
    /// A URL that cannot be used.
    #[error("接続先の指定が正しくありません（{0}）")]
    BadUrl(String),
    /// The password file is missing, unreadable or readable by others.
    #[error("パスワードファイル {path} を使えません（{detail}）")]
    PasswordFile {
        /// The file.
        path: PathBuf,
        /// Why.
        detail: String,
    },
    /// TLS could not be set up (a CA file that is not PEM, no roots).
    #[error("TLS の設定ができません（{0}）")]
    Tls(String),
    /// The server could not be reached or refused the connection.
    #[error("共有データベースに接続できません（{0}）")]
    Connect(String),
    /// A statement failed (permission, constraint, the server went away).
    #[error("共有データベースの処理に失敗しました（{0}）")]
    Query(String),
    /// This counter is not connected.
    #[error("共有データベースに接続していません。madoguchi store connect で設定してください。")]
    NotConnected,
    /// The role does not belong to this counter.
    #[error("この接続のロールは {expected} のものではありません（{found}）")]
    WrongRole {
        /// This counter.
        expected: String,
        /// What the server knows of the role.
        found: String,
    },
    /// The central schema is newer than this binary.
    #[error("共有データベースのスキーマ（{found}）がこのアプリ（{supported}）より新しいです。アプリを更新してください。")]
    NewerSchema {
        /// Found.
        found: i32,
        /// Supported.
        supported: i32,
    },
    /// The central schema is older than this needs (city IT runs `store init-central` again).
    #[error("共有データベースのスキーマ（{found}）が古いため集計できません。madoguchi store init-central で更新してください。")]
    OlderSchema {
        /// Found.
        found: i32,
        /// Needed.
        needed: i32,
    },
    /// Another counter made a kind of change this binary does not know (it runs a newer
    /// version): nothing of that counter after it is pulled until this counter is updated.
    #[error("第{counter}窓口の変更記録に、この版のアプリが扱えない種類（{kind}）があります。第{counter}窓口の記録の取り込みを止めています。アプリを更新してください。")]
    UnknownKind {
        /// The counter that made it.
        counter: u8,
        /// Its kind code.
        kind: String,
    },
    /// The local store.
    #[error(transparent)]
    Local(#[from] crate::sync::SyncError),
}

impl CentralError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::BadUrl(_) => "central_bad_url",
            Self::PasswordFile { .. } => "central_password_file",
            Self::Tls(_) => "central_tls",
            Self::Connect(_) => "central_unreachable",
            Self::Query(_) => "central_query",
            Self::NotConnected => "central_not_connected",
            Self::WrongRole { .. } => "central_wrong_role",
            Self::NewerSchema { .. } => "central_newer_schema",
            Self::OlderSchema { .. } => "central_older_schema",
            Self::UnknownKind { .. } => "central_unknown_kind",
            Self::Local(e) => e.code(),
        }
    }

    /// Whether the network or the server is the cause (retry later) rather than the setup.
    pub fn is_transient(&self) -> bool {
        matches!(self, Self::Connect(_) | Self::Query(_))
    }
}

/// What a driver error says: the server's own message when there is one ("new row violates
/// row-level security", "password authentication failed"), else the error and its cause.
pub fn describe(e: &postgres::Error) -> String {
    if let Some(d) = e.as_db_error() {
        return d.message().to_string();
    }
    match std::error::Error::source(e) {
        Some(cause) => format!("{e}: {cause}"),
        None => e.to_string(),
    }
}

impl From<postgres::Error> for CentralError {
    fn from(e: postgres::Error) -> Self {
        let text = describe(&e);
        if e.is_closed() || e.as_db_error().is_none() && e.code().is_none() {
            Self::Connect(text)
        } else {
            Self::Query(text)
        }
    }
}

impl From<StoreError> for CentralError {
    fn from(e: StoreError) -> Self {
        Self::Local(e.into())
    }
}
