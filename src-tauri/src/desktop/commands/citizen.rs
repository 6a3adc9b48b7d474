//! The only command of its own the citizen display may call: today's date, status and hours.

use tauri::State;

use crate::app::{self, SessionSlot};
use crate::desktop::error::CmdResult;
use crate::desktop::state::{act, Db};

/// Today's status for the citizen display. Holds nothing about any visit or person.
#[tauri::command]
pub fn citizen_status(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<app::calendar::CitizenStatus> {
    act(&db, &session, |cx| app::calendar::citizen_status(cx))
}
