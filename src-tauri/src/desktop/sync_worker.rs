//! The sync worker: a background thread that runs a round with the city's shared store every few
//! seconds, and at once when a visit ends (`nudge`). The local database is locked only between
//! network calls, so the counter never waits on the network; when the store cannot be reached the
//! round fails quietly (the header says so) and the next one catches up.

use std::time::Duration;

use tauri::{AppHandle, Manager, Runtime};

use super::state::Db;
use super::wake::Wake;
use crate::app;
use crate::central::round::Local;
use crate::central::CentralError;
use crate::store::Store;

/// How often a round runs when nothing asks sooner.
pub const INTERVAL: Duration = Duration::from_secs(10);

/// Asks the worker for a round now; holds what its thread listens to until it starts.
#[derive(Default)]
pub struct SyncWorker(Wake);

impl SyncWorker {
    /// A round as soon as possible (a visit just ended).
    pub fn nudge(&self) {
        self.0.nudge();
    }
}

struct DbLocal<'a>(&'a Db);

impl Local for DbLocal<'_> {
    fn with<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, CentralError>,
    ) -> Result<T, CentralError> {
        let mut store = self.0.lock().map_err(|_| CentralError::NotConnected)?;
        f(&mut store)
    }
}

/// Starts the worker (not when the database could not be opened; once).
pub fn start<R: Runtime>(handle: AppHandle<R>) {
    if handle.state::<Db>().startup_error().is_some() {
        return;
    }
    let Some(nudged) = handle.state::<SyncWorker>().0.take() else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("sync".into())
        .spawn(move || {
            // An outage is logged once when it starts, not every round.
            let mut last_error = String::new();
            loop {
                if !nudged.wait(INTERVAL) {
                    return;
                }
                let db = handle.state::<Db>();
                let now = || crate::clock::stamp(crate::clock::now());
                match app::shared_store::sync_round(&DbLocal(&db), &now) {
                    Ok(_) => last_error.clear(),
                    Err(e) if e.to_string() != last_error => {
                        last_error = e.to_string();
                        crate::applog::error(e.code(), &last_error);
                    }
                    Err(_) => {}
                }
            }
        });
}
