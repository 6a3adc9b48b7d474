//! Links in the manual: opened in the system browser when the allow-list says so, and the
//! allow-list itself (the site manager's).

use serde::Serialize;
use tauri::State;

use crate::app::{self, SessionSlot};
use crate::desktop::error::CmdResult;
use crate::desktop::external;
use crate::desktop::state::{act, Db};
use crate::launch::LaunchInfo;
use crate::links::AllowList;

/// What became of a clicked link.
#[derive(Debug, Serialize)]
pub struct LinkOpened {
    /// The address as opened.
    pub url: String,
    /// False when no browser could be started.
    pub opened: bool,
}

/// Opens a manual link in the system browser, if its site is allowed.
#[tauri::command]
pub fn link_open(
    url: String,
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    launch: State<'_, LaunchInfo>,
) -> CmdResult<LinkOpened> {
    let url = act(&db, &session, |cx| app::links::check(cx, &url))?;
    let opened = external::open(&launch, &url);
    Ok(LinkOpened { url, opened })
}

/// The sites links may open, for the site manager's form.
#[tauri::command]
pub fn links_get(db: State<'_, Db>, session: State<'_, SessionSlot>) -> CmdResult<AllowList> {
    act(&db, &session, |cx| app::links::allow_list(cx))
}

/// Saves the sites links may open (one per line).
#[tauri::command]
pub fn links_set(
    text: String,
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<AllowList> {
    act(&db, &session, |cx| app::links::save_allow_list(cx, &text))
}
