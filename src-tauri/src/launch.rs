//! What every start does, for the window and the CLI alike: pick the data directory (demo mode has
//! its own), open and check the database, fill empty lists with their defaults, and seed demo data.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::demo::{self, DemoError};
use crate::store::{self, Store, StoreError};
use crate::visits::{lists, VisitError};

/// Why the app could not start.
#[derive(Debug, thiserror::Error)]
pub enum LaunchError {
    /// The database could not be opened.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Lists could not be filled.
    #[error(transparent)]
    Lists(#[from] VisitError),
    /// The starter manual could not be written.
    #[error(transparent)]
    Kb(#[from] crate::kb::KbError),
    /// Demo data could not be written.
    #[error(transparent)]
    Demo(#[from] DemoError),
}

/// The data directory of demo mode: beside the real one, never the same.
pub fn demo_data_dir() -> PathBuf {
    let real = store::default_data_dir();
    let name = real
        .file_name()
        .map(|n| format!("{}.demo", n.to_string_lossy()))
        .unwrap_or_else(|| "madoguchi.demo".into());
    real.with_file_name(name)
}

/// Where the data lives for this start.
pub fn data_dir(flag: Option<&Path>, demo: bool) -> PathBuf {
    match (flag, demo) {
        (Some(dir), _) => dir.to_path_buf(),
        (None, true) => demo_data_dir(),
        (None, false) => store::resolve_data_dir(None),
    }
}

/// Opens the store in `dir`, ready for use; in demo mode, with demo data.
pub fn open(dir: &Path, demo: bool, today: NaiveDate) -> Result<Store, LaunchError> {
    let mut store = Store::open(dir)?;
    lists::ensure_defaults(&store)?;
    crate::kb::starter::seed(&store, "system", &crate::clock::stamp(crate::clock::now()))?;
    if demo {
        demo::seed(&mut store, today)?;
    }
    Ok(store)
}
