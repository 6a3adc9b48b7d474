//! Closing the kiosk. At a public counter the app is not closed by whoever stands at the PC: the
//! site manager signs for it with their ID and password (the window asks when it is closed), and
//! the trail says who closed it. Before any site manager exists (the first start) or when the
//! database could not be opened, there is nothing to protect and the window closes as asked.

use std::sync::Mutex;

use super::accounts::verify;
use super::session::Session;
use super::{AppError, Change, Ctx};
use crate::auth::{self, Role, Throttle};
use crate::store::Store;

/// Whether closing needs a site manager's signature: once a site manager account exists.
pub fn needs_signature(store: &Store) -> Result<bool, AppError> {
    Ok(auth::has_site_manager(store)?)
}

/// The site manager `login_id` signs for closing the kiosk; recorded as theirs. Any other
/// account's ID is refused, like a wrong password.
pub fn authorize(
    ctx: &mut Ctx,
    throttle: &Mutex<Throttle>,
    login_id: &str,
    password: &str,
) -> Result<(), AppError> {
    let account = verify(ctx, throttle, login_id, password)?;
    if account.role != Role::SiteManager {
        return Err(AppError::QuitNeedsManager);
    }
    ctx.act_as(Session::of(&account).actor());
    ctx.record(Change::Quit, "")?;
    Ok(())
}
