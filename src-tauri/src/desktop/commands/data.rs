//! Data through the native file dialog: the backup, the visits between counters, the knowledge
//! base. The dialog picks the path; the use case writes or reads it and records it.

use tauri::{AppHandle, Runtime};

use crate::app::{self, Permission};
use crate::calendar::Month;
use crate::desktop::dialog;
use crate::desktop::error::CmdResult;
use crate::desktop::state::act_in;
use crate::visits::ImportSummary;

/// Refused before a dialog opens when the actor may not do it anyway.
pub(crate) fn allowed<R: Runtime>(handle: &AppHandle<R>, p: Permission) -> CmdResult<()> {
    act_in(handle, |cx| cx.require(p))
}

/// Asks where to save a backup and makes it. `None` when the dialog was cancelled.
#[tauri::command]
pub async fn backup_now<R: Runtime>(handle: AppHandle<R>) -> CmdResult<Option<String>> {
    allowed(&handle, Permission::Backup)?;
    let name = format!(
        "madoguchi-backup-{}.sqlite3",
        crate::clock::now().format("%Y%m%d-%H%M")
    );
    let Some(path) = dialog::save_to(&handle, name, ("SQLite", &["sqlite3", "db"])).await? else {
        return Ok(None);
    };
    let bytes = act_in(&handle, |cx| app::data::backup(cx, &path))?;
    Ok(Some(format!("{}（{} KB）", path.display(), bytes / 1024)))
}

/// The file of the last import refused for visits outside the contract, for the site manager's
/// confirmation (the same file again, without a second dialog).
static LAST_IMPORT: std::sync::Mutex<Option<std::path::PathBuf>> = std::sync::Mutex::new(None);

/// The file to import: the refused one again when `confirmed`, else the one the user picks.
async fn import_path<R: Runtime>(
    handle: &AppHandle<R>,
    confirmed: bool,
) -> CmdResult<Option<std::path::PathBuf>> {
    let last = LAST_IMPORT.lock().ok().and_then(|mut l| l.take());
    match (confirmed, last) {
        (true, Some(path)) => Ok(Some(path)),
        _ => dialog::open_from(handle, ("CSV", &["csv"])).await,
    }
}

/// Keeps `path` when its import was refused for visits outside the contract.
fn remember_if_outside<T>(done: &CmdResult<T>, path: std::path::PathBuf) {
    if done
        .as_ref()
        .is_err_and(|e| e.code == "import_outside_contract")
    {
        if let Ok(mut l) = LAST_IMPORT.lock() {
            *l = Some(path);
        }
    }
}

/// Asks for the other counter's CSV and imports it. With `outside_contract` (the site manager
/// confirmed visits outside the contract period) the file of the refused import is taken again.
#[tauri::command]
pub async fn visits_import_file<R: Runtime>(
    handle: AppHandle<R>,
    outside_contract: Option<bool>,
) -> CmdResult<Option<ImportSummary>> {
    allowed(&handle, Permission::VisitsImport)?;
    let confirmed = outside_contract.unwrap_or(false);
    let Some(path) = import_path(&handle, confirmed).await? else {
        return Ok(None);
    };
    let done = act_in(&handle, |cx| app::data::import_visits(cx, &path, confirmed));
    remember_if_outside(&done, path);
    done.map(Some)
}

/// Exports a month's visits as CSV to a file the user picks.
#[tauri::command]
pub async fn visits_export_file<R: Runtime>(
    handle: AppHandle<R>,
    month: Month,
) -> CmdResult<Option<String>> {
    allowed(&handle, Permission::VisitsExport)?;
    let counter = act_in(&handle, |cx| Ok(cx.counter()))?;
    let name = format!("madoguchi-visits-{month}-counter{counter}.csv");
    let Some(path) = dialog::save_to(&handle, name, ("CSV", &["csv"])).await? else {
        return Ok(None);
    };
    let (n, _) = act_in(&handle, |cx| {
        app::data::export_visits(cx, month, Some(&path))
    })?;
    Ok(Some(format!(
        "{n}件を {} に書き出しました。",
        path.display()
    )))
}

/// Exports the whole knowledge base with its history to a file the user picks.
#[tauri::command]
pub async fn kb_export_file<R: Runtime>(handle: AppHandle<R>) -> CmdResult<Option<String>> {
    allowed(&handle, Permission::KbTransfer)?;
    let name = format!("madoguchi-kb-{}.json", crate::clock::now().format("%Y%m%d"));
    let Some(path) = dialog::save_to(&handle, name, ("JSON", &["json"])).await? else {
        return Ok(None);
    };
    act_in(&handle, |cx| app::data::export_kb(cx, &path))?;
    Ok(Some(format!("{} に保存しました。", path.display())))
}

/// Imports a knowledge-base file the user picks (idempotent; a conflict imports nothing).
#[tauri::command]
pub async fn kb_import_file<R: Runtime>(handle: AppHandle<R>) -> CmdResult<Option<String>> {
    allowed(&handle, Permission::KbTransfer)?;
    let Some(path) = dialog::open_from(&handle, ("JSON", &["json"])).await? else {
        return Ok(None);
    };
    let s = act_in(&handle, |cx| app::data::import_kb(cx, &path))?;
    Ok(Some(format!(
        "文書{}件・版{}件を追加し、{}件の承認状況を更新しました（{}件は取り込み済み）。",
        s.documents_added, s.versions_added, s.advanced, s.unchanged
    )))
}
