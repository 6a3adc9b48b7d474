//! The sites a manual link may open: the site manager keeps the list, everyone who reads the
//! manual asks here before a link opens (the window then hands it to the system browser).

use super::{AppError, Change, Ctx, Permission};
use crate::links::{AllowList, KEY};
use crate::store::Store;

/// The list as stored (the default until saved).
pub fn allow_list_of(store: &Store) -> Result<AllowList, AppError> {
    Ok(store.setting(KEY)?.unwrap_or_default())
}

/// The list, for the site manager's form.
pub fn allow_list(ctx: &Ctx) -> Result<AllowList, AppError> {
    ctx.require(Permission::LinksEdit)?;
    allow_list_of(ctx.store())
}

/// Checks and saves the list typed in the form (one site per line).
pub fn save_allow_list(ctx: &mut Ctx, text: &str) -> Result<AllowList, AppError> {
    ctx.require(Permission::LinksEdit)?;
    let list = AllowList::parse(text)?;
    ctx.write(Change::LinkHosts, |store| {
        store.set_setting(KEY, &list)?;
        Ok((list.clone(), list.hosts.join(" ")))
    })
}

/// The link as it may be opened, or why it may not.
pub fn check(ctx: &Ctx, url: &str) -> Result<String, AppError> {
    ctx.require(Permission::KbRead)?;
    Ok(allow_list_of(ctx.store())?.check(url)?.to_string())
}
