//! Accounts and the session: the first site manager, signing in and out, the idle sign-out, one's
//! own password, and the site manager's account administration. City-staff accounts are the
//! city's: created for a first sign-in at which their holder sets the password, never reset or
//! taken over by the site manager or the command line.

use std::sync::Mutex;

use super::actor::Actor;
use super::session::{IdleRules, Session, SessionSlot};
use super::{AppError, Change, Ctx, Permission};
use crate::auth::{self, Account, AuthError, NewAccount, Role, Throttle};
use crate::photo::desk::Desk;

/// Where the idle rules are stored.
const IDLE_KEY: &str = "session.idle";

/// Whether the first site manager still has to be created (anyone may ask).
pub fn needs_setup(ctx: &Ctx) -> Result<bool, AppError> {
    Ok(!auth::has_site_manager(ctx.store())?)
}

/// What the first start also asks: the contract period and the 業務名 (the reports carry them).
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Contract {
    /// First day of the contract.
    pub start: chrono::NaiveDate,
    /// Last day of the contract.
    pub end: chrono::NaiveDate,
    /// 業務名 as the contract writes it.
    pub business_name: String,
}

/// First run: creates the site manager, and with `contract` sets the contract period and the
/// 業務名 in the same step. Refused once a site manager exists.
pub fn create_first_manager(
    ctx: &mut Ctx,
    login_id: &str,
    display_name: &str,
    password: &str,
    contract: Option<&Contract>,
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
        let a = auth::create_account(store, &new, false, false)?;
        let mut detail = a.login_id.clone();
        if let Some(c) = contract {
            let mut config = crate::calendar::stored::load(store)?.config;
            config.contract_start = c.start;
            config.contract_end = c.end;
            crate::calendar::stored::save_config(store, &config)?;
            let header = crate::report::ReportHeader {
                business_name: c.business_name.clone(),
                ..crate::report::header::load(store)?
            };
            crate::report::header::save(store, &header)?;
            detail = format!("{detail} 契約期間 {}〜{}", c.start, c.end);
        }
        Ok((a, detail))
    })
}

/// Signs in at this counter: checks the password (slowed down after wrong guesses, per ID and
/// for the whole kiosk), starts the session and records it. Signing in over another session ends
/// it, and its photo goes. A failed attempt is recorded without the ID typed (it may be a
/// mistyped password).
pub fn sign_in(
    ctx: &mut Ctx,
    slot: &SessionSlot,
    throttle: &Mutex<Throttle>,
    desk: &mut Desk,
    login_id: &str,
    password: &str,
) -> Result<Session, AppError> {
    let account = verify(ctx, throttle, login_id, password)?;
    let session = Session::of(&account);
    ctx.act_as(session.actor());
    ctx.record(Change::SignIn, "")?;
    if slot.begin(session.clone(), ctx.instant()).is_some() {
        desk.end_visit();
    }
    Ok(session)
}

/// Checks an ID and password under the throttle (per ID and for the whole kiosk); a failure is
/// recorded. Shared by signing in and by the site manager's signature to close the kiosk.
pub(super) fn verify(
    ctx: &mut Ctx,
    throttle: &Mutex<Throttle>,
    login_id: &str,
    password: &str,
) -> Result<Account, AppError> {
    let now = ctx.instant();
    let mut throttle = throttle.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(seconds) = throttle.paused(now) {
        return Err(AuthError::KioskPaused(seconds).into());
    }
    if let Some(seconds) = throttle.wait(login_id, now) {
        return Err(AuthError::TooManyAttempts(seconds).into());
    }
    match auth::sign_in(ctx.store(), login_id, password) {
        Ok(account) => {
            throttle.succeeded(login_id);
            Ok(account)
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

/// Names the information-security officer (情報管理責任者, 仕様書 §9(5)), who reads the audit
/// trail whatever their role; `None` names nobody. The site manager's to decide, and recorded.
pub fn set_security_officer(ctx: &mut Ctx, login_id: Option<&str>) -> Result<(), AppError> {
    ctx.require(Permission::AccountsManage)?;
    ctx.write(Change::SecurityOfficer, |store| {
        auth::set_security_officer(store, login_id)?;
        Ok(((), login_id.unwrap_or("-").to_string()))
    })
}

/// Signs out: the session ends and the photo being handled is deleted.
pub fn sign_out(ctx: &mut Ctx, slot: &SessionSlot, desk: &mut Desk) -> Result<(), AppError> {
    desk.end_visit();
    if slot.end().is_some() {
        ctx.record(Change::SignOut, "")?;
    }
    Ok(())
}

/// Ends the session when it has been idle past its limit: the photo goes, and the sign-out is
/// recorded as the account's, marked `idle`. True when it ended one.
pub fn end_if_idle(ctx: &mut Ctx, slot: &SessionSlot, desk: &mut Desk) -> Result<bool, AppError> {
    let Some(session) = slot.take_if_idle(ctx.instant()) else {
        return Ok(false);
    };
    desk.end_visit();
    ctx.act_as(session.actor());
    ctx.record(Change::SignOut, "idle")?;
    Ok(true)
}

/// The signed-in account changes its own password (also the first thing a city-staff account
/// does). Its permissions come back once a required change is done.
pub fn change_own_password(
    ctx: &mut Ctx,
    slot: &SessionSlot,
    current: &str,
    new: &str,
) -> Result<Session, AppError> {
    let me = ctx.signed_in()?.login_id.clone();
    let account = ctx.write(Change::OwnPassword, |store| {
        auth::change_own_password(store, &me, current, new)?;
        Ok((auth::account(store, &me)?, me.clone()))
    })?;
    let session = Session::of(&account);
    slot.update(session.clone());
    Ok(session)
}

/// Every account.
pub fn list(ctx: &Ctx) -> Result<Vec<Account>, AppError> {
    ctx.require(Permission::AccountsManage)?;
    Ok(auth::list_accounts(ctx.store())?)
}

/// Creates an account. A city-staff account's holder sets their own password at the first
/// sign-in; from the command line, city staff are created only before there is a site manager.
pub fn create(ctx: &mut Ctx, new: &NewAccount) -> Result<Account, AppError> {
    ctx.require(Permission::AccountsManage)?;
    let city = new.role == Role::CityStaff;
    if city
        && matches!(ctx.actor(), Actor::CommandLine { .. })
        && auth::has_site_manager(ctx.store())?
    {
        return Err(AppError::CityAccountFromWindow);
    }
    ctx.write(Change::AccountCreate, |store| {
        let a = auth::create_account(store, new, false, city)?;
        let detail = format!("{} {}", a.login_id, a.role.code());
        Ok((a, detail))
    })
}

/// Refused when `login_id` is a city-staff account (the city's own).
fn not_city(ctx: &Ctx, login_id: &str) -> Result<(), AppError> {
    match auth::account(ctx.store(), login_id) {
        Ok(a) if a.role == Role::CityStaff => Err(AppError::CityAccount),
        Ok(_) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// Switches an account on or off. Nobody switches themself off; city-staff accounts are the
/// city's.
pub fn set_active(ctx: &mut Ctx, login_id: &str, active: bool) -> Result<(), AppError> {
    ctx.require(Permission::AccountsManage)?;
    if !active && ctx.actor().audit_name() == Some(login_id) {
        return Err(AppError::DeactivateSelf);
    }
    not_city(ctx, login_id)?;
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

/// Resets an account's password; its holder chooses their own at the next sign-in.
pub fn set_password(ctx: &mut Ctx, login_id: &str, password: &str) -> Result<(), AppError> {
    ctx.require(Permission::AccountsManage)?;
    not_city(ctx, login_id)?;
    ctx.write(Change::AccountPassword, |store| {
        auth::set_password(store, login_id, password, true)?;
        Ok(((), login_id.to_string()))
    })
}

/// The idle rules as stored (the defaults until saved).
pub fn idle_rules_of(store: &crate::store::Store) -> Result<IdleRules, AppError> {
    Ok(store.setting(IDLE_KEY)?.unwrap_or_default())
}

/// The idle rules, for the site manager's form.
pub fn idle_rules(ctx: &Ctx) -> Result<IdleRules, AppError> {
    ctx.require(Permission::AccountsManage)?;
    idle_rules_of(ctx.store())
}

/// Saves the idle rules (one minute to one hour) and applies them to the session at once.
pub fn save_idle_rules(
    ctx: &mut Ctx,
    slot: &SessionSlot,
    rules: IdleRules,
) -> Result<IdleRules, AppError> {
    ctx.require(Permission::AccountsManage)?;
    let ok = |s: u64| (60..=3600).contains(&s);
    if !ok(rules.operator_seconds) || !ok(rules.staff_seconds) {
        return Err(AppError::BadIdleRules);
    }
    ctx.write(Change::IdleRules, |store| {
        store.set_setting(IDLE_KEY, &rules)?;
        Ok((
            (),
            format!("{} {}", rules.operator_seconds, rules.staff_seconds),
        ))
    })?;
    slot.set_rules(rules);
    Ok(rules)
}
