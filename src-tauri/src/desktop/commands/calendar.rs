//! The header's status line and the admin tab's month view with weekend picks and overrides.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use tauri::State;

use crate::auth::Action;
use crate::calendar::HolidayOverride;
use crate::calendar::{
    self, stored, wareki, CalendarConfig, DayInfo, DayKind, DayOverride, TodayStatus,
};
use crate::clock;
use crate::desktop::error::{CmdResult, CommandError};
use crate::desktop::state::{Db, SessionSlot};

/// Today's status for the header (no sign-in needed: it is on screen before anyone signs in).
#[tauri::command]
pub fn today_status(db: State<'_, Db>) -> CmdResult<TodayStatus> {
    let store = db.lock()?;
    let cal = stored::load(&store)?;
    Ok(calendar::status_at(&cal, clock::now().naive_local()))
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

/// A month for the admin tab.
#[derive(Debug, Serialize)]
pub struct Month {
    /// 令和5年4月.
    pub title: String,
    /// Year.
    pub year: i32,
    /// Month.
    pub month: u32,
    /// Days 1..=end.
    pub days: Vec<MonthDay>,
    /// Weekend days picked.
    pub picked: usize,
    /// How many may be picked.
    pub quota: u32,
    /// Opening days in the month.
    pub open_days: usize,
}

fn first_of(year: i32, month: u32) -> CmdResult<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, 1)
        .ok_or_else(|| CommandError::new("invalid", "年月が正しくありません。"))
}

/// The month view.
#[tauri::command]
pub fn calendar_month(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    year: i32,
    month: u32,
) -> CmdResult<Month> {
    session.require()?;
    let first = first_of(year, month)?;
    let cal = {
        let store = db.lock()?;
        stored::load(&store)?
    };
    let days: Vec<MonthDay> = first
        .iter_days()
        .take_while(|d| d.month() == month)
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
    Ok(Month {
        title: wareki::year_month(first),
        year,
        month,
        picked: cal.picks_in_month(year, month).len(),
        quota: cal.config.weekend_days_per_month,
        open_days: days.iter().filter(|d| d.info.open).count(),
        days,
    })
}

/// Picks or unpicks a weekend opening day.
#[tauri::command]
pub fn calendar_pick(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    date: NaiveDate,
    picked: bool,
) -> CmdResult<()> {
    let s = session.require_to(Action::ManageCalendar)?;
    {
        let store = db.lock()?;
        stored::set_weekend_pick(&store, date, picked)?;
    }
    super::audit(
        &db,
        Some(&s.login_id),
        if picked {
            "calendar.pick"
        } else {
            "calendar.unpick"
        },
        &date.to_string(),
    )
}

/// Sets or clears a manual override of a day.
#[tauri::command]
pub fn calendar_override(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    date: NaiveDate,
    value: Option<DayOverride>,
) -> CmdResult<()> {
    let s = session.require_to(Action::ManageCalendar)?;
    {
        let store = db.lock()?;
        stored::set_day_override(&store, date, value.as_ref())?;
    }
    super::audit(
        &db,
        Some(&s.login_id),
        "calendar.override",
        &date.to_string(),
    )
}

/// The calendar configuration.
#[tauri::command]
pub fn calendar_config(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<CalendarConfig> {
    session.require()?;
    let store = db.lock()?;
    Ok(stored::load(&store)?.config)
}

/// Saves the calendar configuration.
#[tauri::command]
pub fn calendar_save_config(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    config: CalendarConfig,
) -> CmdResult<()> {
    let s = session.require_to(Action::ManageCalendar)?;
    {
        let store = db.lock()?;
        stored::save_config(&store, &config)?;
    }
    super::audit(&db, Some(&s.login_id), "calendar.config", "")
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
#[tauri::command]
pub fn calendar_exceptions(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<Exceptions> {
    session.require()?;
    let store = db.lock()?;
    let cal = stored::load(&store)?;
    Ok(Exceptions {
        days: cal.overrides.into_iter().collect(),
        holidays: cal.holiday_overrides.into_iter().collect(),
    })
}

/// Adds or removes a national holiday on one day, or (with `None`) goes back to the law's list.
#[tauri::command]
pub fn calendar_holiday_override(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    date: NaiveDate,
    value: Option<HolidayOverride>,
) -> CmdResult<()> {
    let s = session.require_to(Action::ManageCalendar)?;
    {
        let store = db.lock()?;
        stored::set_holiday_override(&store, date, value.as_ref())?;
    }
    super::audit(
        &db,
        Some(&s.login_id),
        "calendar.holiday",
        &date.to_string(),
    )
}
