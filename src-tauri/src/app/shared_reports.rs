//! The monthly report counted on the city's shared store: over every counter of this counter's
//! site (its own connection), or, for city IT with the owner role, over one site or the whole
//! city. The counting is `GROUP BY` on the server (`central::report`); the figures are built by
//! the same function as the counter's own report, so the two agree once the counters have synced.
//! The kiosk's report tab stays local (it never waits on the network): after a sync it already
//! counts every counter of the site.

use serde::Serialize;

use super::{AppError, Ctx, Permission};
use crate::calendar::Month;
use crate::central::report::{self as central_report, Source};
use crate::central::{self, schema, CentralError, Target};
use crate::report::counted::Counted;
use crate::report::{self, Monthly};

/// One site's figures in a report over sites.
#[derive(Debug, Clone, Serialize)]
pub struct SiteFigures {
    /// The site.
    pub site: String,
    /// Its visit figures (with its calendar when it is this counter's site; otherwise
    /// `open_days` is 0 and `per_day` lists the days with visits).
    pub figures: Monthly,
}

/// The report over counters and sites.
#[derive(Debug, Clone, Serialize)]
pub struct SharedMonthly {
    /// The month.
    pub month: Month,
    /// Which counters' data it includes, and up to when.
    pub sources: Vec<Source>,
    /// One entry per site.
    pub sites: Vec<SiteFigures>,
    /// The sum over the sites (visit figures only when there is more than one).
    pub total: Monthly,
}

/// The month over every counter of this counter's site, counted on the shared store through
/// this counter's connection.
pub fn monthly_of_site(ctx: &Ctx, month: Month) -> Result<SharedMonthly, AppError> {
    ctx.require(Permission::ReportView)?;
    let target = central::target(ctx.store())?.ok_or(CentralError::NotConnected)?;
    build(ctx, &target, month, None)
}

/// The month over one site (`site`) or every site, through `target` (the city's owner role
/// sees every site; a counter's role only its own).
pub fn monthly_of_city(
    ctx: &Ctx,
    target: &Target,
    month: Month,
    site: Option<&str>,
) -> Result<SharedMonthly, AppError> {
    ctx.require(Permission::ReportView)?;
    ctx.require(Permission::StoreAdmin)?;
    build(ctx, target, month, site)
}

fn build(
    ctx: &Ctx,
    target: &Target,
    month: Month,
    only: Option<&str>,
) -> Result<SharedMonthly, AppError> {
    let store = ctx.store();
    let mut client = central::connect::connect(target)?;
    schema::require(&mut client, central_report::SCHEMA_NEEDED)?;
    let mut sites = central_report::sites(&mut client)?;
    if let Some(only) = only {
        sites.retain(|s| s == only);
        if sites.is_empty() {
            return Err(CentralError::Query(format!("拠点 {only} は登録されていません")).into());
        }
    }
    let here = crate::site::site_id(store)?;
    let (first, last) = (month.first_day(), month.last_day());
    let mut all = Counted::default();
    let mut per_site = Vec::new();
    for site in &sites {
        let counted =
            central_report::counted(&mut client, std::slice::from_ref(site), first, last)?;
        let others = report::other_services(store, &counted)?;
        let figures = if *site == here {
            report::from_counted(store, month, &counted)?
        } else {
            report::counts_only(month, &counted, &others)
        };
        all.groups.extend(counted.groups.iter().cloned());
        for (key, n) in &counted.services {
            *all.services.entry(key.clone()).or_default() += n;
        }
        per_site.push(SiteFigures {
            site: site.clone(),
            figures,
        });
    }
    let total = match per_site.as_slice() {
        [one] => one.figures.clone(),
        _ => report::counts_only(month, &all, &report::other_services(store, &all)?),
    };
    Ok(SharedMonthly {
        month,
        sources: central_report::sources(&mut client, &sites)?,
        sites: per_site,
        total,
    })
}
