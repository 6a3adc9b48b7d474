//! The month's leaflet: its wording (the site manager's draft, the city's approval) and the PDF,
//! saved through the native save dialog.

use tauri::{AppHandle, Runtime, State};

use super::data::allowed;
use crate::app::leaflet::Wording;
use crate::app::{self, Permission, SessionSlot};
use crate::calendar::Month;
use crate::desktop::dialog;
use crate::desktop::error::CmdResult;
use crate::desktop::state::{act, act_in, Db};
use crate::leaflet::LeafletTexts;

/// The wording.
#[tauri::command]
pub fn leaflet_wording(db: State<'_, Db>, session: State<'_, SessionSlot>) -> CmdResult<Wording> {
    act(&db, &session, |cx| app::leaflet::wording(cx))
}

/// Saves the site manager's draft.
#[tauri::command]
pub fn leaflet_save_draft(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    texts: LeafletTexts,
) -> CmdResult<Wording> {
    act(&db, &session, |cx| app::leaflet::save_draft(cx, &texts))
}

/// The city approves the draft.
#[tauri::command]
pub fn leaflet_approve(db: State<'_, Db>, session: State<'_, SessionSlot>) -> CmdResult<Wording> {
    act(&db, &session, app::leaflet::approve)
}

/// Asks where to save and writes the leaflet of `months` months from `month`. `None` when the
/// dialog was cancelled.
#[tauri::command]
pub async fn leaflet_export<R: Runtime>(
    handle: AppHandle<R>,
    month: Month,
    months: u8,
) -> CmdResult<Option<String>> {
    allowed(&handle, Permission::LeafletMake)?;
    let fonts = crate::leaflet::pdf::system_fonts().map_err(app::AppError::from)?;
    let name = format!("リーフレット-{month}.pdf");
    let Some(path) = dialog::save_to(&handle, name, ("PDF", &["pdf"])).await? else {
        return Ok(None);
    };
    act_in(&handle, |cx| {
        app::leaflet::export(cx, month, months, &fonts, &path)
    })?;
    Ok(Some(format!("{} に保存しました。", path.display())))
}
