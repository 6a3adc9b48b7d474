//! The operating calendar: today's status (before anyone signs in, and on the citizen display),
//! the month view, and the site manager's changes.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{AppError, Change, Ctx, Permission};
use crate::calendar::{
    self, stored, wareki, CalendarConfig, DayInfo, DayKind, DayOverride, HolidayOverride, Month,
    TodayStatus,
};
use crate::store::Store;
use crate::sync::Kind;

/// Today at the counter: the status line and the time, from the kiosk's Tokyo clock (the views
/// take "today" from here, never from the PC's locale or time zone).
#[derive(Debug, Serialize)]
pub struct Today {
    /// Open or closed, and the date.
    #[serde(flatten)]
    pub status: TodayStatus,
    /// Now, RFC 3339 `+09:00`.
    pub now: String,
}

/// Today's status for the header: shown before anyone signs in.
pub fn today_status(ctx: &Ctx) -> Result<Today, AppError> {
    let cal = stored::load(ctx.store())?;
    Ok(Today {
        status: calendar::status_at(&cal, ctx.now().naive_local()),
        now: ctx.stamp(),
    })
}

/// What the citizen display shows: holds nothing about any visit or person.
#[derive(Debug, Serialize)]
pub struct CitizenStatus {
    /// Today in 和暦 with weekday.
    pub date_wareki: String,
    /// Open or closed, one short line.
    pub message: String,
    /// Today's hours `08:30〜17:15`, when open today.
    pub hours: Option<String>,
    /// Once closed: `次の開設日：12月1日(月) 8:30から`.
    pub next: Option<String>,
}

/// Today for the citizen display.
pub fn citizen_status(ctx: &Ctx) -> Result<CitizenStatus, AppError> {
    let cal = stored::load(ctx.store())?;
    let status = calendar::status_at(&cal, ctx.now().naive_local());
    let day = cal.day(ctx.now().date_naive());
    Ok(CitizenStatus {
        date_wareki: status.date_wareki,
        message: status.headline,
        hours: day.opens.zip(day.closes).map(|(o, c)| format!("{o}〜{c}")),
        next: status.next_open.map(|n| n.line),
    })
}

/// Every day from `from` to `to` (the command line's `calendar`).
pub fn days(ctx: &Ctx, from: NaiveDate, to: NaiveDate) -> Result<Vec<DayInfo>, AppError> {
    ctx.require(Permission::CalendarView)?;
    Ok(stored::load(ctx.store())?.days(from, to))
}

/// One day of the month view.
#[derive(Debug, Serialize)]
pub struct MonthDay {
    /// The day as the CLI prints it.
    #[serde(flatten)]
    pub info: DayInfo,
    /// 令和5年4月5日(水).
    pub wareki: String,
    /// How a report classes it, when open.
    pub kind: Option<DayKind>,
    /// A Saturday or Sunday.
    pub weekend: bool,
    /// Picked as a weekend opening day.
    pub picked: bool,
    /// May be picked now.
    pub pickable: bool,
    /// The manual override, if any.
    pub manual: Option<DayOverride>,
}

/// A month for the calendar view.
#[derive(Debug, Serialize)]
pub struct MonthView {
    /// 令和5年4月.
    pub title: String,
    /// The month.
    pub month: Month,
    /// Days 1..=end.
    pub days: Vec<MonthDay>,
    /// Weekend days picked.
    pub picked: usize,
    /// How many may be picked.
    pub quota: u32,
    /// Opening days in the month.
    pub open_days: usize,
}

/// The month view.
pub fn month(ctx: &Ctx, month: Month) -> Result<MonthView, AppError> {
    ctx.require(Permission::CalendarView)?;
    let cal = stored::load(ctx.store())?;
    let days: Vec<MonthDay> = month
        .first_day()
        .iter_days()
        .take_while(|d| *d <= month.last_day())
        .map(|date| {
            let weekend = date.weekday().num_days_from_monday() >= 5;
            MonthDay {
                wareki: wareki::with_weekday(date),
                kind: cal.opening(date).map(|(_, k)| k),
                weekend,
                picked: cal.weekend_picks.contains(&date),
                pickable: weekend && cal.check_pick(date).is_ok(),
                manual: cal.overrides.get(&date).cloned(),
                info: cal.day(date),
            }
        })
        .collect();
    Ok(MonthView {
        title: month.wareki(),
        month,
        picked: cal.picks_in_month(month.year(), month.number()).len(),
        quota: cal.config.weekend_days_per_month,
        open_days: days.iter().filter(|d| d.info.open).count(),
        days,
    })
}

/// Picks or unpicks a weekend opening day.
pub fn pick(ctx: &mut Ctx, date: NaiveDate, picked: bool) -> Result<(), AppError> {
    ctx.require(Permission::CalendarEdit)?;
    let change = if picked {
        Change::CalendarPick
    } else {
        Change::CalendarUnpick
    };
    let author = ctx.sync_author();
    ctx.write(change, |store| {
        stored::set_weekend_pick(store, date, picked)?;
        let content = serde_json::json!({ "date": date, "picked": picked });
        share(
            store,
            &author,
            Kind::CalendarPick,
            &date.to_string(),
            &content,
        )?;
        Ok(((), date.to_string()))
    })
}

/// Sets or clears a special opening or closure of one day. Closing a day that has passed (or is
/// today) and holds visits asks first: refused with the day and the count until `confirmed`.
pub fn override_day(
    ctx: &mut Ctx,
    date: NaiveDate,
    value: Option<&DayOverride>,
    confirmed: bool,
) -> Result<(), AppError> {
    ctx.require(Permission::CalendarEdit)?;
    let author = ctx.sync_author();
    let today = ctx.now().date_naive();
    ctx.write(Change::CalendarOverride, |store| {
        if matches!(value, Some(DayOverride::Closed { .. })) && date <= today && !confirmed {
            let t = crate::visits::tally_day(store, date)?;
            let count = t.visits + t.in_progress;
            if count > 0 {
                return Err(AppError::DayHasVisits {
                    date: crate::calendar::wareki::with_weekday(date),
                    count,
                });
            }
        }
        stored::set_day_override(store, date, value)?;
        let content = serde_json::json!({ "date": date, "value": value });
        share(
            store,
            &author,
            Kind::CalendarOverride,
            &date.to_string(),
            &content,
        )?;
        Ok(((), date.to_string()))
    })
}

/// Adds or removes a national holiday on one day, or (with `None`) goes back to the law's list.
pub fn override_holiday(
    ctx: &mut Ctx,
    date: NaiveDate,
    value: Option<&HolidayOverride>,
) -> Result<(), AppError> {
    ctx.require(Permission::CalendarEdit)?;
    let author = ctx.sync_author();
    ctx.write(Change::CalendarHoliday, |store| {
        stored::set_holiday_override(store, date, value)?;
        let content = serde_json::json!({ "date": date, "value": value });
        share(
            store,
            &author,
            Kind::CalendarHoliday,
            &date.to_string(),
            &content,
        )?;
        Ok(((), date.to_string()))
    })
}

/// The calendar configuration.
pub fn config(ctx: &Ctx) -> Result<CalendarConfig, AppError> {
    ctx.require(Permission::CalendarView)?;
    Ok(stored::load(ctx.store())?.config)
}

/// Saves the calendar configuration.
pub fn save_config(ctx: &mut Ctx, config: &CalendarConfig) -> Result<(), AppError> {
    ctx.require(Permission::CalendarEdit)?;
    let author = ctx.sync_author();
    ctx.write(Change::CalendarConfig, |store| {
        stored::save_config(store, config)?;
        share(store, &author, Kind::CalendarConfig, "config", config)?;
        Ok(((), String::new()))
    })
}

/// The site manager's exceptions: day overrides and changes to the law's holidays.
#[derive(Debug, Serialize)]
pub struct Exceptions {
    /// Special openings and closures, by date.
    pub days: Vec<(NaiveDate, DayOverride)>,
    /// Holidays added or removed, by date.
    pub holidays: Vec<(NaiveDate, HolidayOverride)>,
}

/// Every exception, oldest first.
pub fn exceptions(ctx: &Ctx) -> Result<Exceptions, AppError> {
    ctx.require(Permission::CalendarView)?;
    let cal = stored::load(ctx.store())?;
    Ok(Exceptions {
        days: cal.overrides.into_iter().collect(),
        holidays: cal.holiday_overrides.into_iter().collect(),
    })
}

/// Puts a calendar change in the change log, as the next revision of that day (or of the
/// configuration) here.
fn share<T: serde::Serialize>(
    store: &Store,
    author: &crate::sync::Author,
    kind: Kind,
    key: &str,
    content: &T,
) -> Result<(), AppError> {
    let revision = crate::sync::log::current(store, kind, key)?.map_or(1, |c| c.revision + 1);
    crate::sync::log::record(store, author, kind, key, revision, content)?;
    Ok(())
}
