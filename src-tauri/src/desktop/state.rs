//! The managed state: the database, who is signed in, and how the app was started. Each is its own
//! small service with its own short-held lock.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use serde::Serialize;

use super::error::{CmdResult, CommandError};
use crate::auth::{self, Action, Role};
use crate::store::Store;

/// The database, or why it could not be opened (the app then shows only that message).
pub struct Db(Result<Mutex<Store>, String>);

impl Db {
    /// An opened store.
    pub fn open(store: Store) -> Self {
        Self(Ok(Mutex::new(store)))
    }

    /// A failed start: every command answers with `message`.
    pub fn failed(message: String) -> Self {
        Self(Err(message))
    }

    /// The start-up failure, if any.
    pub fn startup_error(&self) -> Option<&str> {
        self.0.as_ref().err().map(String::as_str)
    }

    /// Locks the store for one short piece of work.
    pub fn lock(&self) -> CmdResult<MutexGuard<'_, Store>> {
        match &self.0 {
            Ok(m) => m.lock().map_err(|_| {
                CommandError::new(
                    "internal",
                    "内部エラーが発生しました。アプリを再起動してください。",
                )
            }),
            Err(message) => Err(CommandError::new("startup_failed", message.clone())),
        }
    }
}

/// Who is signed in at this counter.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Session {
    /// Sign-in ID.
    pub login_id: String,
    /// Name on screen.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Role in Japanese.
    pub role_label: &'static str,
}

/// The signed-in session.
#[derive(Default)]
pub struct SessionSlot(Mutex<Option<Session>>);

impl SessionSlot {
    /// The current session, if any.
    pub fn current(&self) -> Option<Session> {
        self.0.lock().ok().and_then(|s| s.clone())
    }

    /// Replaces the session.
    pub fn set(&self, session: Option<Session>) {
        if let Ok(mut s) = self.0.lock() {
            *s = session;
        }
    }

    /// The session, or `not_signed_in`.
    pub fn require(&self) -> CmdResult<Session> {
        self.current()
            .ok_or_else(|| auth::AuthError::NotSignedIn.into())
    }

    /// The session if its role may do `action`.
    pub fn require_to(&self, action: Action) -> CmdResult<Session> {
        let s = self.require()?;
        auth::require(s.role, action)?;
        Ok(s)
    }
}

/// Failed sign-ins, to slow down guessing.
#[derive(Default)]
pub struct SignInThrottle(pub Mutex<auth::Throttle>);

/// How the app was started.
#[derive(Debug, Clone, Serialize)]
pub struct LaunchInfo {
    /// Demo mode.
    pub demo: bool,
    /// The data directory.
    pub data_dir: PathBuf,
    /// The photo staging directory (default: `photo::staging::default_dir()`).
    pub staging_dir: PathBuf,
}
