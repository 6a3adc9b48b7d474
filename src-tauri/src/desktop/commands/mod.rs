//! The commands the webviews call: one-screen adapters that check the session, call a domain
//! function and map its error. The list in `build.rs` must name every command here.

pub mod admin;
pub mod auth;
pub mod calendar;
pub mod card;
pub mod citizen;
pub mod diagnostics;
pub mod kb;
pub mod photo;
pub mod photo_settings;
pub mod print;
pub mod records;
pub mod report;
pub mod visits;

use super::error::CmdResult;
use super::state::Db;

/// Writes an audit entry; a failure to log does not undo the action it follows.
pub(crate) fn audit(db: &Db, actor: Option<&str>, action: &str, detail: &str) -> CmdResult<()> {
    let store = db.lock()?;
    crate::audit::record(&store, crate::clock::now(), actor, action, detail)?;
    Ok(())
}
