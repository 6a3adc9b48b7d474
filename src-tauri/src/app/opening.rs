//! The opening check's use cases: what a run needs (`plan`), recording the day's result, the
//! header's state, and the site manager's settings. Running the devices and the network is the
//! front door's (`opening::run` with its [`Equipment`](crate::opening::Equipment)), between `plan`
//! and `record`, so the store is not held while a target answers; the automatic results it
//! records are the ones that run measured ([`AutoRun`]), never values sent by a window.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use serde::Serialize;

use super::{AppError, Change, Ctx, Permission};
use crate::calendar::stored;
use crate::opening::record::{self, ManualTick};
use crate::opening::{Item, OpeningError, OpeningSettings, Plan, Record};
use crate::store::Store;

/// How long a run's results may wait for the manual ticks before they are too old to record.
pub const RUN_VALID_FOR_MIN: i64 = 30;

/// How long before opening the header starts asking for the check.
pub const DUE_BEFORE_OPENING_MIN: i64 = 60;

/// The results of one automatic run, kept by the front door until they are recorded.
#[derive(Debug, Clone, Serialize)]
pub struct AutoRun {
    /// When it ran.
    pub at: DateTime<FixedOffset>,
    /// What it found.
    pub items: Vec<Item>,
}

/// The settings as stored (the defaults until saved).
pub fn settings_of(store: &Store) -> Result<OpeningSettings, AppError> {
    Ok(crate::opening::settings::load(store)?)
}

/// The settings, for the check screen (its manual items) and the site manager's form.
pub fn settings(ctx: &Ctx) -> Result<OpeningSettings, AppError> {
    if !ctx.may(Permission::OpeningSettingsEdit) {
        ctx.require(Permission::OpeningCheck)?;
    }
    settings_of(ctx.store())
}

/// Checks and saves the settings.
pub fn save_settings(ctx: &mut Ctx, s: &OpeningSettings) -> Result<OpeningSettings, AppError> {
    ctx.require(Permission::OpeningSettingsEdit)?;
    let clean = s.cleaned()?;
    ctx.write(Change::OpeningSettings, |store| {
        crate::opening::settings::save(store, &clean)?;
        let detail = format!(
            "点検先 {}（{}）、手動 {} 項目、プリンター {}、空き容量 {} MiB、バックアップ {} 日、監視 {} 秒、事故報告 {} 分",
            clean.targets.len(),
            clean.targets.iter().map(|t| t.url.as_str()).collect::<Vec<_>>().join(" "),
            clean.manual_items.len(),
            if clean.printer.is_empty() { "既定" } else { &clean.printer },
            clean.min_free_disk_mb,
            clean.max_backup_age_days,
            clean.watch_interval_s,
            clean.incident_after_min
        );
        Ok((clean.clone(), detail))
    })
}

/// What a run needs: the settings, the last backup, now. Refused to those who may not run it.
pub fn plan(ctx: &Ctx) -> Result<Plan, AppError> {
    ctx.require(Permission::OpeningCheck)?;
    let last_backup = crate::audit::last_at(ctx.store(), Change::Backup.code())?
        .and_then(|t| DateTime::parse_from_rfc3339(&t).ok());
    Ok(Plan {
        settings: settings_of(ctx.store())?,
        last_backup,
        now: ctx.now(),
    })
}

/// Records today's check at this counter: the run's items, then the manual ticks (which must be
/// the current list). A run from another day or older than [`RUN_VALID_FOR_MIN`] is refused.
pub fn record(
    ctx: &mut Ctx,
    run: Option<&AutoRun>,
    ticks: &[ManualTick],
) -> Result<Record, AppError> {
    let by = ctx.staff(Permission::OpeningCheck)?.login_id.clone();
    let now = ctx.now();
    let run = run
        .filter(|r| r.at.date_naive() == now.date_naive())
        .filter(|r| now.signed_duration_since(r.at) <= Duration::minutes(RUN_VALID_FOR_MIN))
        .ok_or(OpeningError::NotRun)?;
    let list = settings_of(ctx.store())?.manual_items;
    let mut items = run.items.clone();
    items.extend(record::manual_items(&list, ticks)?);
    let r = Record {
        day: now.date_naive(),
        counter: ctx.counter(),
        done_at: ctx.stamp(),
        done_by: by,
        items,
    };
    let author = ctx.sync_author();
    ctx.write(Change::OpeningCheck, |store| {
        record::save(store, &r, &author)?;
        let ng: Vec<&str> = r.ng().map(|i| i.label.as_str()).collect();
        let detail = format!(
            "第{}窓口 {}：{}",
            r.counter,
            r.day,
            if ng.is_empty() {
                "異常なし".to_string()
            } else {
                format!("NG {}（{}）", ng.len(), ng.join("、"))
            }
        );
        Ok((r.clone(), detail))
    })
}

/// The header's view of today's check at this counter.
#[derive(Debug, Serialize)]
pub struct OpeningStatus {
    /// Today.
    pub day: NaiveDate,
    /// Today is an opening day and it is at most an hour before opening, or later until closing,
    /// and there is no record: the header says 開設前点検 未実施.
    pub due: bool,
    /// Today's record, if done.
    pub record: Option<Record>,
}

/// Today's check at this counter, for the header.
pub fn status(ctx: &Ctx) -> Result<OpeningStatus, AppError> {
    ctx.require(Permission::OpeningCheck)?;
    let now = ctx.now().naive_local();
    let day = now.date();
    let record = record::of_day(ctx.store(), day, ctx.counter())?;
    let cal = stored::load(ctx.store())?;
    Ok(OpeningStatus {
        day,
        due: in_working_hours(&cal, now) && record.is_none(),
        record,
    })
}

/// From [`DUE_BEFORE_OPENING_MIN`] before opening until closing on a day the calendar opens: when
/// the check is asked for and the network is watched.
pub fn in_working_hours(cal: &crate::calendar::Calendar, now: chrono::NaiveDateTime) -> bool {
    let day = now.date();
    cal.opening(day).is_some_and(|(hours, _)| {
        let from = day.and_time(hours.opens) - Duration::minutes(DUE_BEFORE_OPENING_MIN);
        (from..day.and_time(hours.closes)).contains(&now)
    })
}
