//! Accounts and the session: the first site manager, signing in and out, and the site manager's
//! account administration.

use std::sync::Mutex;

use super::session::{Session, SessionSlot};
use super::{AppError, Change, Ctx, Permission};
use crate::auth::{self, Account, AuthError, NewAccount, Role, Throttle};
use crate::photo::desk::Desk;

/// Whether the first site manager still has to be created (anyone may ask).
pub fn needs_setup(ctx: &Ctx) -> Result<bool, AppError> {
    Ok(!auth::has_site_manager(ctx.store())?)
}

/// First run: creates the site manager. Refused once one exists.
pub fn create_first_manager(
    ctx: &mut Ctx,
    login_id: &str,
    display_name: &str,
    password: &str,
) -> Result<Account, AppError> {
    let new = NewAccount {
        login_id: login_id.into(),
        display_name: display_name.into(),
        role: Role::SiteManager,
        password: password.into(),
    };
    ctx.write(Change::FirstManager, |store| {
        if auth::has_site_manager(store)? {
            return Err(AppError::ManagerExists);
        }
        let a = auth::create_account(store, &new, false)?;
        let detail = a.login_id.clone();
        Ok((a, detail))
    })
}

/// Signs in at this counter: checks the password (slowed down after wrong guesses), starts the
/// session and records it. A failed attempt is recorded without the ID typed (it may be a
/// mistyped password).
pub fn sign_in(
    ctx: &mut Ctx,
    slot: &SessionSlot,
    throttle: &Mutex<Throttle>,
    login_id: &str,
    password: &str,
) -> Result<Session, AppError> {
    let now = ctx.instant();
    let mut throttle = throttle.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(seconds) = throttle.wait(login_id, now) {
        return Err(AuthError::TooManyAttempts(seconds).into());
    }
    match auth::sign_in(ctx.store(), login_id, password) {
        Ok(account) => {
            throttle.succeeded(login_id);
            let session = Session::of(&account);
            ctx.act_as(session.actor());
            ctx.record(Change::SignIn, "")?;
            slot.replace(Some(session.clone()));
            Ok(session)
        }
        Err(e) => {
            if matches!(e, AuthError::WrongCredentials) {
                throttle.failed(login_id, now);
            }
            ctx.record(Change::SignInFailed, "")?;
            Err(e.into())
        }
    }
}

/// Signs out: the session ends and the photo being handled is deleted.
pub fn sign_out(ctx: &mut Ctx, slot: &SessionSlot, desk: &mut Desk) -> Result<(), AppError> {
    desk.clear();
    if slot.replace(None).is_some() {
        ctx.record(Change::SignOut, "")?;
    }
    Ok(())
}

/// Every account.
pub fn list(ctx: &Ctx) -> Result<Vec<Account>, AppError> {
    ctx.require(Permission::AccountsManage)?;
    Ok(auth::list_accounts(ctx.store())?)
}

/// Creates an account.
pub fn create(ctx: &mut Ctx, new: &NewAccount) -> Result<Account, AppError> {
    ctx.require(Permission::AccountsManage)?;
    ctx.write(Change::AccountCreate, |store| {
        let a = auth::create_account(store, new, false)?;
        let detail = format!("{} {}", a.login_id, a.role.code());
        Ok((a, detail))
    })
}

/// Switches an account on or off. Nobody switches themself off.
pub fn set_active(ctx: &mut Ctx, login_id: &str, active: bool) -> Result<(), AppError> {
    ctx.require(Permission::AccountsManage)?;
    if !active && ctx.actor().audit_name() == Some(login_id) {
        return Err(AppError::DeactivateSelf);
    }
    let change = if active {
        Change::AccountActivate
    } else {
        Change::AccountDeactivate
    };
    ctx.write(change, |store| {
        auth::set_active(store, login_id, active)?;
        Ok(((), login_id.to_string()))
    })
}

/// Sets an account's password.
pub fn set_password(ctx: &mut Ctx, login_id: &str, password: &str) -> Result<(), AppError> {
    ctx.require(Permission::AccountsManage)?;
    ctx.write(Change::AccountPassword, |store| {
        auth::set_password(store, login_id, password)?;
        Ok(((), login_id.to_string()))
    })
}
