//! The managed state the shell holds for the use cases: the database (or why it could not be
//! opened), who is signed in, the sign-in throttle, and how the app was started. Each is its own
//! small piece with its own short-held lock; [`act`] is how every command reaches a use case.

use std::sync::{Mutex, MutexGuard};

use super::error::{CmdResult, CommandError};
use crate::app::{AppError, Ctx, SessionSlot};
use crate::auth::Throttle;
use crate::clock::Moment;
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
    pub fn lock(&self) -> Result<MutexGuard<'_, Store>, AppError> {
        match &self.0 {
            // A panic while the lock was held left no transaction open (the store rolls back on
            // unwind): the store is usable.
            Ok(m) => Ok(m.lock().unwrap_or_else(|p| p.into_inner())),
            Err(message) => Err(AppError::Startup(message.clone())),
        }
    }
}

/// Failed sign-ins, to slow down guessing.
#[derive(Default)]
pub struct SignInThrottle(pub Mutex<Throttle>);

/// Runs a use case as whoever is signed in, now: the one way a command reaches the app.
pub fn act<T>(
    db: &Db,
    session: &SessionSlot,
    f: impl FnOnce(&mut Ctx) -> Result<T, AppError>,
) -> CmdResult<T> {
    let run = || {
        let mut store = db.lock()?;
        let mut ctx = Ctx::new(&mut store, session.actor(), Moment::now())?;
        f(&mut ctx)
    };
    run().map_err(CommandError::from)
}

/// Runs a use case as the app itself (the idle watcher).
pub fn act_as_system<T>(db: &Db, f: impl FnOnce(&mut Ctx) -> Result<T, AppError>) -> CmdResult<T> {
    let run = || {
        let mut store = db.lock()?;
        let mut ctx = Ctx::new(&mut store, crate::app::Actor::System, Moment::now())?;
        f(&mut ctx)
    };
    run().map_err(CommandError::from)
}

/// [`act`] from a command that holds the app handle (the async ones with a file dialog).
pub fn act_in<R: tauri::Runtime, T>(
    app: &tauri::AppHandle<R>,
    f: impl FnOnce(&mut Ctx) -> Result<T, AppError>,
) -> CmdResult<T> {
    use tauri::Manager;
    act(&app.state::<Db>(), &app.state::<SessionSlot>(), f)
}
