//! The site manager's settings: the service and reason lists, this PC's counter number, the
//! report's fixed texts, and the photo settings (stored here, so the photo module never opens the
//! store).

use serde::Serialize;

use super::{AppError, Change, Ctx, Permission};
use crate::photo::settings::{PhotoSettings, MAX_AGE_LIMIT};
use crate::photo::sheet::{self, Paper, Sheet};
use crate::report::{header, ReportHeader};
use crate::site;
use crate::store::Store;
use crate::visits::{self, ListEntry, ListKind};

/// Where the photo settings are stored.
const PHOTO_KEY: &str = "photo.settings";

/// A list with its inactive entries, for editing.
pub fn list_entries(ctx: &Ctx, kind: ListKind) -> Result<Vec<ListEntry>, AppError> {
    ctx.require(Permission::ListsEdit)?;
    Ok(visits::lists::list(ctx.store(), kind, false)?)
}

/// Adds or renames a list entry.
pub fn list_save(
    ctx: &mut Ctx,
    kind: ListKind,
    code: &str,
    label: &str,
    sort: i64,
) -> Result<(), AppError> {
    ctx.require(Permission::ListsEdit)?;
    ctx.write(Change::ListSave, |store| {
        visits::lists::save(store, kind, code, label, sort)?;
        Ok(((), code.to_string()))
    })
}

/// Offers or withdraws a list entry.
pub fn list_set_active(
    ctx: &mut Ctx,
    kind: ListKind,
    code: &str,
    active: bool,
) -> Result<(), AppError> {
    ctx.require(Permission::ListsEdit)?;
    ctx.write(Change::ListActive, |store| {
        visits::lists::set_active(store, kind, code, active)?;
        Ok(((), format!("{code} {active}")))
    })
}

/// Sets this PC's counter number; refused while a visit is in progress here (it would end under
/// another counter's number).
pub fn set_counter(ctx: &mut Ctx, counter: u8) -> Result<(), AppError> {
    ctx.require(Permission::CounterSet)?;
    let here = ctx.counter();
    ctx.write(Change::CounterSet, |store| {
        if counter != here && visits::open_count(store, here)? > 0 {
            return Err(AppError::VisitsInProgress);
        }
        let n = site::counters(store)?;
        if !(1..=n).contains(&counter) {
            return Err(AppError::CounterOutOfRange { counters: n });
        }
        site::set_counter(store, counter)?;
        Ok(((), counter.to_string()))
    })
}

/// Sets how many counters this site has (the contract's two by default); not below this PC's
/// counter number.
pub fn set_site_counters(ctx: &mut Ctx, n: u8) -> Result<(), AppError> {
    ctx.require(Permission::CounterSet)?;
    let here = ctx.counter();
    ctx.write(Change::SiteCounters, |store| {
        if n < here {
            return Err(AppError::CountersBelowThisPc { here });
        }
        site::set_counters(store, n)?;
        Ok(((), n.to_string()))
    })
}

/// The report's fixed texts.
pub fn report_header(ctx: &Ctx) -> Result<ReportHeader, AppError> {
    ctx.require(Permission::ReportView)?;
    Ok(header::load(ctx.store())?)
}

/// Saves the report's fixed texts.
pub fn save_report_header(ctx: &mut Ctx, h: &ReportHeader) -> Result<(), AppError> {
    ctx.require(Permission::ReportHeaderEdit)?;
    ctx.write(Change::ReportHeader, |store| {
        header::save(store, h)?;
        Ok(((), String::new()))
    })
}

/// The photo settings as stored (the defaults until saved). For the app's own use: the camera and
/// the photo desk run with them.
pub fn photo_settings_of(store: &Store) -> Result<PhotoSettings, AppError> {
    Ok(store.setting(PHOTO_KEY)?.unwrap_or_default())
}

/// The settings with the limits the form shows.
#[derive(Debug, Serialize)]
pub struct PhotoSettingsView {
    /// The values.
    pub settings: PhotoSettings,
    /// Photos that fit on L-size and A4.
    pub capacity_l: u32,
    /// See `capacity_l`.
    pub capacity_a4: u32,
    /// The longest time limit allowed.
    pub max_age_limit: u32,
}

/// The photo settings, for the site manager's form.
pub fn photo_settings(ctx: &Ctx) -> Result<PhotoSettingsView, AppError> {
    ctx.require(Permission::PhotoSettingsEdit)?;
    Ok(PhotoSettingsView {
        settings: photo_settings_of(ctx.store())?,
        capacity_l: Paper::L.capacity(),
        capacity_a4: Paper::A4.capacity(),
        max_age_limit: MAX_AGE_LIMIT,
    })
}

/// Checks and saves the photo settings. A J-LIS address on another site than
/// `*.kojinbango-card.go.jp` is taken only with `confirm_other_site` (the photo is uploaded
/// there); once taken, saving the other settings does not ask again.
pub fn save_photo_settings(
    ctx: &mut Ctx,
    s: &PhotoSettings,
    confirm_other_site: bool,
) -> Result<PhotoSettings, AppError> {
    ctx.require(Permission::PhotoSettingsEdit)?;
    let clean = s.cleaned()?;
    let before = photo_settings_of(ctx.store())?;
    let other = clean.other_jlis_host();
    if let Some(host) = &other {
        if !confirm_other_site && before.other_jlis_host().as_ref() != Some(host) {
            return Err(AppError::OtherJlisSite(host.clone()));
        }
    }
    ctx.write(Change::PhotoSettings, |store| {
        store.set_setting(PHOTO_KEY, &clean)?;
        let detail = format!(
            "camera={} rotation={:?} paper={:?} copies={} max_age={} jlis={}{}",
            clean.camera.map_or("auto".into(), |i| i.to_string()),
            clean.rotation,
            clean.paper,
            clean.copies,
            clean.max_age_minutes,
            clean.jlis_url,
            if other.is_some() {
                " (J-LIS以外のサイト・確認済み)"
            } else {
                ""
            }
        );
        Ok((clean.clone(), detail))
    })
}

/// The print sheet for the set paper and copies.
pub fn photo_sheet(ctx: &Ctx) -> Result<Sheet, AppError> {
    ctx.require(Permission::PhotoTake)?;
    let s = photo_settings_of(ctx.store())?;
    Ok(sheet::layout(s.paper, s.copies))
}
