//! Demo mode: a data directory of its own with demo accounts and sample visits, so a new user (or
//! the city's staff at their briefing) can click through every screen at once. Only ever run on a
//! data directory that holds no real accounts.
//!
//! The demo data is built in with the `demo` feature (on in development, off in the package that
//! `scripts/dev package` makes): a counter's installed kiosk carries no demo account, password or
//! sample visit, and answers `--demo` with [`DemoError::NotInThisBuild`].

use chrono::NaiveDate;

use crate::store::Store;

#[cfg(any(test, feature = "demo"))]
mod seed;
#[cfg(any(test, feature = "demo"))]
pub use seed::{DEMO_ACCOUNTS, DEMO_PASSWORD};

/// Whether this build has demo mode.
pub const AVAILABLE: bool = cfg!(any(test, feature = "demo"));

/// Why demo data was not written.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// The directory has real accounts: demo data never goes into a real install.
    #[error("このデータフォルダには実際のアカウントがあるため、デモデータは作成しません。")]
    RealData,
    /// This build (the installed package) has no demo mode.
    #[error("このパッケージにはデモモードがありません。研修には開発版をお使いください。")]
    NotInThisBuild,
    /// Something failed on the way.
    #[error("デモデータを作成できませんでした：{0}")]
    Failed(String),
}

/// The demo accounts' sign-in IDs (none in a build without demo mode).
pub fn account_ids() -> Vec<String> {
    #[cfg(any(test, feature = "demo"))]
    return DEMO_ACCOUNTS.iter().map(|a| a.0.to_string()).collect();
    #[cfg(not(any(test, feature = "demo")))]
    Vec::new()
}

/// The demo accounts' password (none in a build without demo mode).
pub fn password() -> Option<&'static str> {
    #[cfg(any(test, feature = "demo"))]
    return Some(DEMO_PASSWORD);
    #[cfg(not(any(test, feature = "demo")))]
    None
}

/// Seeds an empty (or demo) data directory. Returns whether anything was written.
pub fn seed(store: &mut Store, today: NaiveDate) -> Result<bool, DemoError> {
    #[cfg(any(test, feature = "demo"))]
    return seed::seed(store, today);
    #[cfg(not(any(test, feature = "demo")))]
    {
        let _ = (store, today);
        Err(DemoError::NotInThisBuild)
    }
}
