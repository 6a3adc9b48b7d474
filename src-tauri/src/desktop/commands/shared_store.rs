//! The city's shared store as the header shows it.

use tauri::State;

use crate::app::shared_store::StoreStatus;
use crate::app::{self, SessionSlot};
use crate::desktop::error::CmdResult;
use crate::desktop::state::{act, Db};

/// Connected or not, what waits to be sent, how the last rounds went.
#[tauri::command]
pub fn store_status(db: State<'_, Db>, session: State<'_, SessionSlot>) -> CmdResult<StoreStatus> {
    act(&db, &session, |cx| app::shared_store::status(cx))
}
