//! The city's shared store from the counter's side: IT staff set it up and connect this counter
//! (audited), everyone signed in sees whether it is reached and what waits, and a sync round runs
//! in the background (the kiosk's worker) or on request (`madoguchi sync`). A round touches the
//! local store only between network calls.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{AppError, Change, Ctx, Permission};
use crate::central::{self, round, schema, CentralError, Status, Target};
use crate::store::Store;

/// Sets up the shared store at `url` (an owner role) for `site` with `counters` counters, and
/// writes each counter's password file into `out`. Returns the roles and files.
pub fn init_central(
    ctx: &mut Ctx,
    url: &str,
    password_file: Option<&Path>,
    site: &str,
    counters: u8,
    out: &Path,
) -> Result<Vec<(String, PathBuf)>, AppError> {
    ctx.require(Permission::StoreAdmin)?;
    let target = Target {
        url: url.into(),
        password_file: password_file.map(Path::to_path_buf),
        ca_file: None,
    };
    let mut client = central::connect::connect(&target)?;
    let made = schema::init(&mut client, site, counters, out)?;
    ctx.record(
        Change::StoreInit,
        &format!("{} site={site} counters={counters}", strip_secrets(url)),
    )?;
    Ok(made)
}

/// Who this counter is on the shared store.
#[derive(Debug, Clone, Serialize)]
pub struct Joined {
    /// Site.
    pub site: String,
    /// Counter.
    pub counter: u8,
    /// The schema version there.
    pub schema: i32,
}

/// Connects this counter: checks that the role is this counter's at `site` (without `site`:
/// the role's site), then saves the target and the site (the password stays in its file). A PC
/// whose counter number was never set takes the role's number; one that was set must match it.
/// The site's number of counters is raised to what the server knows.
pub fn connect(ctx: &mut Ctx, target: &Target, site: Option<&str>) -> Result<Joined, AppError> {
    ctx.require(Permission::StoreAdmin)?;
    let set_here = crate::site::counter_if_set(ctx.store())?;
    let open_visits = crate::visits::open_count(ctx.store(), ctx.counter())?;
    let mut client = central::connect::connect(target)?;
    schema::check(&mut client)?;
    let schema_version = schema::version(&mut client)?;
    let role = schema::whoami(&mut client)?;
    let expected = |c: u8| format!("{} 第{c}窓口", site.unwrap_or("（ロールの拠点）"));
    let counter = match (&role, set_here) {
        (Some((s, c)), Some(here)) if *c == here && site.is_none_or(|want| want == s) => here,
        (Some((s, c)), None) if open_visits == 0 && site.is_none_or(|want| want == s) => *c,
        (found, here) => {
            return Err(CentralError::WrongRole {
                expected: expected(here.unwrap_or(1)),
                found: found
                    .as_ref()
                    .map_or("登録なし".into(), |(s, c)| format!("{s} 第{c}窓口")),
            }
            .into())
        }
    };
    let site = role.map(|(s, _)| s).unwrap_or_default();
    // The server knows how many counters the site has: this PC counts at least as many.
    let on_server = central::exchange::counters(&mut client, &site)?
        .into_iter()
        .max()
        .unwrap_or(counter);
    ctx.write(Change::StoreConnect, |store| {
        let counters = crate::site::counters(store)?.max(on_server).max(counter);
        crate::site::set_counters(store, counters)?;
        crate::site::set_counter(store, counter)?;
        crate::site::set_site_id(store, &site)?;
        central::set_target(store, Some(target))?;
        Ok((
            Joined {
                site: site.clone(),
                counter,
                schema: schema_version,
            },
            format!(
                "{} site={site} counter={counter}",
                strip_secrets(&target.url)
            ),
        ))
    })
}

/// Disconnects this counter (its change log keeps growing, for a later connection).
pub fn disconnect(ctx: &mut Ctx) -> Result<(), AppError> {
    ctx.require(Permission::StoreAdmin)?;
    ctx.write(Change::StoreDisconnect, |store| {
        central::set_target(store, None)?;
        Ok(((), String::new()))
    })
}

/// The shared store as the header and `madoguchi store status` show it.
#[derive(Debug, Clone, Serialize)]
pub struct StoreStatus {
    /// Connected (a target is saved).
    pub connected: bool,
    /// Where (without any password).
    pub url: Option<String>,
    /// This counter's site.
    pub site: String,
    /// This counter.
    pub counter: u8,
    /// Changes made here not yet pushed.
    pub pending: i64,
    /// How the last rounds went.
    #[serde(flatten)]
    pub last: Status,
    /// Changes from elsewhere that could not be placed (record, problem), newest first.
    pub problems: Vec<(String, String)>,
}

/// The status.
pub fn status(ctx: &Ctx) -> Result<StoreStatus, AppError> {
    ctx.require(Permission::StoreView)?;
    status_of(ctx.store())
}

fn status_of(store: &Store) -> Result<StoreStatus, AppError> {
    let target = central::target(store)?;
    Ok(StoreStatus {
        connected: target.is_some(),
        url: target.map(|t| strip_secrets(&t.url)),
        site: crate::site::site_id(store)?,
        counter: crate::site::counter(store)?,
        pending: crate::sync::log::pending(store)?,
        last: central::status(store)?,
        problems: crate::sync::log::problems(store, 10)?,
    })
}

/// One sync round now, if this counter is connected; the outcome is saved for the status.
/// Not connected: `Ok(None)`.
pub fn sync_round<L: round::Local>(
    local: &L,
    now: &dyn Fn() -> String,
) -> Result<Option<round::Report>, AppError> {
    let Some(target) = local.with(|s| Ok(central::target(s)?))? else {
        return Ok(None);
    };
    let result = central::connect::connect(&target)
        .and_then(|mut client| round::run(local, &mut client, now));
    local.with(|s| {
        let mut st = central::status(s)?;
        match &result {
            Ok(r) => {
                st.last_ok = Some(now());
                st.pushed = r.pushed;
                st.pulled = r.pulled;
            }
            Err(e) => st.last_error = Some((now(), e.to_string())),
        }
        central::set_status(s, &st)?;
        Ok(())
    })?;
    Ok(Some(result?))
}

/// A connection string without a password in it (for the trail and the status).
fn strip_secrets(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(None);
            u.to_string()
        }
        _ => url
            .split_whitespace()
            .filter(|kv| !kv.starts_with("password="))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// One sync round now, from the command line (the kiosk's worker calls [`sync_round`] with its
/// own lock). Refused when this counter is not connected.
pub fn sync_now(ctx: &mut Ctx) -> Result<round::Report, AppError> {
    ctx.require(Permission::StoreView)?;
    let now = ctx.stamp();
    let local = std::cell::RefCell::new(&mut *ctx.store);
    sync_round(&local, &|| now.clone())?.ok_or_else(|| CentralError::NotConnected.into())
}
