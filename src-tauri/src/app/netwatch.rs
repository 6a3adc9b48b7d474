//! The network watch's use cases: what the watch thread probes and when (`plan`), recording a
//! round's result as an outage opened or closed (the app's own action, audited as such), the
//! header's state with the outages waiting for an incident report, and the site manager taking
//! one up (the incident form opens filled with the times).

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::opening::in_working_hours;
use super::{Actor, AppError, Change, Ctx, Permission};
use crate::calendar::stored;
use crate::netwatch::{self, store as outages, Outage, Round, Step};
use crate::opening::Target;

/// What the watch thread does next.
#[derive(Debug, Clone)]
pub struct WatchPlan {
    /// Probe now: working hours, and targets set.
    pub active: bool,
    /// The targets.
    pub targets: Vec<Target>,
    /// The extra CA file.
    pub ca_file: String,
    /// Seconds to the next round.
    pub interval_s: u64,
}

/// The plan for the next round.
pub fn plan(ctx: &Ctx) -> Result<WatchPlan, AppError> {
    let s = super::opening::settings_of(ctx.store())?;
    let cal = stored::load(ctx.store())?;
    Ok(WatchPlan {
        active: !s.targets.is_empty() && in_working_hours(&cal, ctx.now().naive_local()),
        targets: s.targets,
        ca_file: s.ca_file,
        interval_s: s.watch_interval_s,
    })
}

/// Records a round that began at `started`: an outage opens (dated from the round's start) or
/// closes (dated now); nothing is written while nothing changes. Only the app's watch does this.
/// Returns this counter's open outage after the round.
pub fn record_round(
    ctx: &mut Ctx,
    started: DateTime<FixedOffset>,
    round: &Round,
) -> Result<Option<Outage>, AppError> {
    if *ctx.actor() != Actor::System {
        return Err(AppError::Forbidden);
    }
    let counter = ctx.counter();
    let open = outages::current(ctx.store(), counter)?;
    let author = ctx.sync_author();
    match netwatch::step(open.is_some(), round) {
        Step::Fine | Step::Continues => Ok(open),
        Step::Open {
            cause,
            targets,
            detail,
        } => ctx.write(Change::OutageOpen, |store| {
            let at = crate::clock::stamp(started);
            let o = outages::open(store, counter, &at, cause, &targets, &detail, &author)?;
            let text = format!("第{counter}窓口 {at}〜 {}：{}", cause.label(), o.targets);
            Ok((Some(o), text))
        }),
        Step::Close => {
            let id = open.as_ref().map_or(0, |o| o.id);
            let now = ctx.stamp();
            ctx.write(Change::OutageClose, |store| {
                let o = outages::close(store, id, &now, &author)?;
                let text = format!(
                    "第{counter}窓口 {}〜{now}（{} 分）",
                    o.started_at,
                    o.minutes(&now)
                );
                Ok((None, text))
            })
        }
    }
}

/// The header's view of the network.
#[derive(Debug, Serialize)]
pub struct NetworkStatus {
    /// This counter's open outage.
    pub outage: Option<Outage>,
    /// Outages of `incident_after_min` or more not yet taken up (for the site manager only).
    pub to_report: Vec<Outage>,
    /// The setting.
    pub incident_after_min: u64,
}

/// The network's state for the header.
pub fn status(ctx: &Ctx) -> Result<NetworkStatus, AppError> {
    ctx.signed_in()?;
    let after = super::opening::settings_of(ctx.store())?.incident_after_min;
    let to_report = if ctx.may(Permission::IncidentRecord) {
        outages::to_report(ctx.store(), after as i64, &ctx.stamp())?
    } else {
        Vec::new()
    };
    Ok(NetworkStatus {
        outage: outages::current(ctx.store(), ctx.counter())?,
        to_report,
        incident_after_min: after,
    })
}

/// The site manager takes up the prompt for outage `id`: the incident form opens with its times.
pub fn take_up(ctx: &mut Ctx, id: i64) -> Result<Outage, AppError> {
    ctx.require(Permission::IncidentRecord)?;
    let author = ctx.sync_author();
    ctx.write(Change::OutageReport, |store| {
        let o = outages::acknowledge(store, id, &author)?.ok_or(AppError::NoSuchOutage)?;
        let text = format!("第{}窓口 {}", o.counter, o.started_at);
        Ok((o, text))
    })
}
