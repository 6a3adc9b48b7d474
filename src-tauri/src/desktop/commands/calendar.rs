//! The header's status line and the calendar's month view with weekend picks and overrides.

use chrono::NaiveDate;
use tauri::State;

use crate::app::calendar::{Exceptions, MonthView, Today};
use crate::app::{self, SessionSlot};
use crate::calendar::{CalendarConfig, DayOverride, HolidayOverride, Month};
use crate::desktop::error::CmdResult;
use crate::desktop::state::{act, Db};

/// Today's status for the header (before anyone signs in too).
#[tauri::command]
pub fn today_status(db: State<'_, Db>, session: State<'_, SessionSlot>) -> CmdResult<Today> {
    act(&db, &session, |cx| app::calendar::today_status(cx))
}

/// The month view.
#[tauri::command]
pub fn calendar_month(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    month: Month,
) -> CmdResult<MonthView> {
    act(&db, &session, |cx| app::calendar::month(cx, month))
}

/// Picks or unpicks a weekend opening day.
#[tauri::command]
pub fn calendar_pick(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    date: NaiveDate,
    picked: bool,
) -> CmdResult<()> {
    act(&db, &session, |cx| app::calendar::pick(cx, date, picked))
}

/// Sets or clears a special opening or closure of a day.
#[tauri::command]
pub fn calendar_override(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    date: NaiveDate,
    value: Option<DayOverride>,
    confirmed: Option<bool>,
) -> CmdResult<()> {
    act(&db, &session, |cx| {
        app::calendar::override_day(cx, date, value.as_ref(), confirmed.unwrap_or(false))
    })
}

/// The calendar configuration.
#[tauri::command]
pub fn calendar_config(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<CalendarConfig> {
    act(&db, &session, |cx| app::calendar::config(cx))
}

/// Saves the calendar configuration.
#[tauri::command]
pub fn calendar_save_config(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    config: CalendarConfig,
) -> CmdResult<()> {
    act(&db, &session, |cx| app::calendar::save_config(cx, &config))
}

/// Every exception, oldest first.
#[tauri::command]
pub fn calendar_exceptions(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<Exceptions> {
    act(&db, &session, |cx| app::calendar::exceptions(cx))
}

/// Adds or removes a national holiday on one day, or (with `None`) goes back to the law's list.
#[tauri::command]
pub fn calendar_holiday_override(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    date: NaiveDate,
    value: Option<HolidayOverride>,
) -> CmdResult<()> {
    act(&db, &session, |cx| {
        app::calendar::override_holiday(cx, date, value.as_ref())
    })
}
