//! The only command the citizen display may call: today's date, status and hours.

use serde::Serialize;
use tauri::State;

use crate::calendar::{self, stored};
use crate::clock;
use crate::desktop::error::CmdResult;
use crate::desktop::state::Db;

/// What the citizen screen shows.
#[derive(Debug, Serialize)]
pub struct CitizenStatus {
    /// Today in 和暦 with weekday.
    pub date_wareki: String,
    /// Open or closed, one line.
    pub message: String,
    /// Today's hours `08:30〜17:15`, when open today.
    pub hours: Option<String>,
}

/// Today's status for the citizen display. Holds nothing about any visit or person.
#[tauri::command]
pub fn citizen_status(db: State<'_, Db>) -> CmdResult<CitizenStatus> {
    let now = clock::now();
    let cal = {
        let store = db.lock()?;
        stored::load(&store)?
    };
    let status = calendar::status_at(&cal, now.naive_local());
    let day = cal.day(now.date_naive());
    Ok(CitizenStatus {
        date_wareki: status.date_wareki,
        message: status.message,
        hours: day.opens.zip(day.closes).map(|(o, c)| format!("{o}〜{c}")),
    })
}
