//! The guided procedures: reading the 申請書ID from a scanner's burst, the camera or typing.

use tauri::State;

use crate::app::procedure::ScanAnswer;
use crate::app::{self, SessionSlot};
use crate::desktop::error::CmdResult;
use crate::desktop::photo_booth::PhotoBooth;
use crate::desktop::state::{act, Db};

/// Reads the ID from `text`; `gaps` (ms between the keys) when the keys may be a scanner's.
#[tauri::command]
pub fn procedure_read_id(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    text: String,
    gaps: Option<Vec<u32>>,
) -> CmdResult<ScanAnswer> {
    act(&db, &session, |cx| {
        app::procedure::read_application_id(cx, &text, gaps.as_deref())
    })
}

/// Opens the J-LIS application page in a private browser window kept until the visit ends; false
/// when none could start.
#[tauri::command]
pub fn procedure_open_jlis(
    booth: State<'_, PhotoBooth>,
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<bool> {
    let url = act(&db, &session, |cx| app::procedure::jlis_page(cx))?;
    Ok(booth.open_for_visit(&url))
}
