//! The admin tab: accounts, the service and reason lists, this PC's counter number, backup,
//! visit import/export between counters, the audit log, and the citizen display's full screen.

use std::path::PathBuf;

use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::audit::Entry;
use crate::auth::{self, Account, Action, NewAccount};
use crate::desktop::error::{CmdResult, CommandError};
use crate::desktop::state::{Db, SessionSlot};
use crate::visits::{self, ImportSummary, ListEntry, ListKind};
use crate::{clock, site};

/// Every account.
#[tauri::command]
pub fn accounts_list(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<Vec<Account>> {
    session.require_to(Action::ManageAccounts)?;
    let store = db.lock()?;
    Ok(auth::list_accounts(&store)?)
}

/// Creates an account.
#[tauri::command]
pub fn account_create(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    account: NewAccount,
) -> CmdResult<Account> {
    let s = session.require_to(Action::ManageAccounts)?;
    let created = {
        let store = db.lock()?;
        auth::create_account(&store, &account, false)?
    };
    super::audit(&db, Some(&s.login_id), "account.create", &created.login_id)?;
    Ok(created)
}

/// Switches an account on or off. Nobody switches themself off.
#[tauri::command]
pub fn account_set_active(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    login_id: String,
    active: bool,
) -> CmdResult<()> {
    let s = session.require_to(Action::ManageAccounts)?;
    if s.login_id == login_id && !active {
        return Err(CommandError::new(
            "invalid",
            "サインイン中のアカウントは停止できません。",
        ));
    }
    {
        let store = db.lock()?;
        auth::set_active(&store, &login_id, active)?;
    }
    super::audit(
        &db,
        Some(&s.login_id),
        if active {
            "account.activate"
        } else {
            "account.deactivate"
        },
        &login_id,
    )
}

/// Sets an account's password.
#[tauri::command]
pub fn account_set_password(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    login_id: String,
    password: String,
) -> CmdResult<()> {
    let s = session.require_to(Action::ManageAccounts)?;
    {
        let store = db.lock()?;
        auth::set_password(&store, &login_id, &password)?;
    }
    super::audit(&db, Some(&s.login_id), "account.password", &login_id)
}

/// A list with inactive entries, for editing.
#[tauri::command]
pub fn list_entries(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    kind: ListKind,
) -> CmdResult<Vec<ListEntry>> {
    session.require_to(Action::ManageLists)?;
    let store = db.lock()?;
    Ok(visits::lists::list(&store, kind, false)?)
}

/// Adds or renames a list entry.
#[tauri::command]
pub fn list_save(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    kind: ListKind,
    code: String,
    label: String,
    sort: i64,
) -> CmdResult<()> {
    let s = session.require_to(Action::ManageLists)?;
    {
        let store = db.lock()?;
        visits::lists::save(&store, kind, &code, &label, sort)?;
    }
    super::audit(&db, Some(&s.login_id), "list.save", &code)
}

/// Offers or withdraws a list entry.
#[tauri::command]
pub fn list_set_active(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    kind: ListKind,
    code: String,
    active: bool,
) -> CmdResult<()> {
    let s = session.require_to(Action::ManageLists)?;
    {
        let store = db.lock()?;
        visits::lists::set_active(&store, kind, &code, active)?;
    }
    super::audit(&db, Some(&s.login_id), "list.active", &code)
}

/// Sets this PC's counter number.
#[tauri::command]
pub fn counter_set(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    counter: u8,
) -> CmdResult<()> {
    let s = session.require_to(Action::ManageLists)?;
    {
        let store = db.lock()?;
        site::set_counter(&store, counter)?;
    }
    super::audit(&db, Some(&s.login_id), "counter.set", &counter.to_string())
}

/// The newest audit entries.
#[tauri::command]
pub fn audit_recent(db: State<'_, Db>, session: State<'_, SessionSlot>) -> CmdResult<Vec<Entry>> {
    session.require_to(Action::ManageAccounts)?;
    let store = db.lock()?;
    Ok(crate::audit::recent(&store, 200)?)
}

/// Runs a blocking file dialog off the async runtime's workers.
pub(crate) async fn pick_file<R: Runtime>(
    app: &AppHandle<R>,
    save: bool,
    name: String,
    filter: (&'static str, &'static [&'static str]),
) -> CmdResult<Option<PathBuf>> {
    let app = app.clone();
    let picked = tauri::async_runtime::spawn_blocking(move || {
        let dialog = app
            .dialog()
            .file()
            .add_filter(filter.0, filter.1)
            .set_file_name(name);
        if save {
            dialog.blocking_save_file()
        } else {
            dialog.blocking_pick_file()
        }
    })
    .await
    .map_err(|e| CommandError::new("internal", e.to_string()))?;
    match picked {
        None => Ok(None),
        Some(p) => p
            .into_path()
            .map(Some)
            .map_err(|e| CommandError::new("io", format!("このファイルは選べません：{e}"))),
    }
}

/// Asks where to save and writes `bytes` there (temp file + rename, so an old file is never left
/// half-written). `None` when the dialog was cancelled.
pub(crate) async fn save_via_dialog<R: Runtime>(
    app: &AppHandle<R>,
    name: String,
    filter: (&'static str, &'static [&'static str]),
    bytes: &[u8],
) -> CmdResult<Option<PathBuf>> {
    let Some(path) = pick_file(app, true, name, filter).await? else {
        return Ok(None);
    };
    crate::cli::write_atomically(&path, bytes).map_err(|m| CommandError::new("io", m))?;
    Ok(Some(path))
}

/// Asks where to save a backup and makes it. `None` when the dialog was cancelled.
#[tauri::command]
pub async fn backup_now<R: Runtime>(app: AppHandle<R>) -> CmdResult<Option<String>> {
    let s = app.state::<SessionSlot>().require_to(Action::ManageData)?;
    let name = format!(
        "madoguchi-backup-{}.sqlite3",
        clock::now().format("%Y%m%d-%H%M")
    );
    let Some(path) = pick_file(&app, true, name, ("SQLite", &["sqlite3", "db"])).await? else {
        return Ok(None);
    };
    let db = app.state::<Db>();
    let bytes = {
        let store = db.lock()?;
        store.backup_to(&path)?
    };
    super::audit(
        &db,
        Some(&s.login_id),
        "backup",
        &path.display().to_string(),
    )?;
    Ok(Some(format!("{}（{} KB）", path.display(), bytes / 1024)))
}

/// Asks for the other counter's CSV and imports it.
#[tauri::command]
pub async fn visits_import_file<R: Runtime>(app: AppHandle<R>) -> CmdResult<Option<ImportSummary>> {
    let s = app.state::<SessionSlot>().require_to(Action::ManageData)?;
    let Some(path) = pick_file(&app, false, String::new(), ("CSV", &["csv"])).await? else {
        return Ok(None);
    };
    let bytes = std::fs::read(&path)
        .map_err(|e| CommandError::new("io", format!("{} を読めません（{e}）", path.display())))?;
    let db = app.state::<Db>();
    let summary = {
        let mut store = db.lock()?;
        visits::import_csv(&mut store, bytes.as_slice())?
    };
    super::audit(
        &db,
        Some(&s.login_id),
        "visits.import",
        &format!("{} rows, {} added", summary.rows, summary.added),
    )?;
    Ok(Some(summary))
}

/// Exports a month's visits as CSV to a file the user picks.
#[tauri::command]
pub async fn visits_export_file<R: Runtime>(
    app: AppHandle<R>,
    year: i32,
    month: u32,
) -> CmdResult<Option<String>> {
    let s = app.state::<SessionSlot>().require_to(Action::ManageData)?;
    let (first, last) = crate::report::month_bounds(&format!("{year:04}-{month:02}"))
        .map_err(|e| CommandError::new("invalid", e.to_string()))?;
    let counter = {
        let db = app.state::<Db>();
        let store = db.lock()?;
        site::counter(&store)?
    };
    let name = format!("madoguchi-visits-{year:04}-{month:02}-counter{counter}.csv");
    let db = app.state::<Db>();
    let mut buf = Vec::new();
    let n = {
        let store = db.lock()?;
        visits::export_csv(&store, first, last, &mut buf)?
    };
    let Some(path) = save_via_dialog(&app, name, ("CSV", &["csv"]), &buf).await? else {
        return Ok(None);
    };
    super::audit(
        &db,
        Some(&s.login_id),
        "visits.export",
        &format!("{n} rows"),
    )?;
    Ok(Some(format!(
        "{n}件を {} に書き出しました。",
        path.display()
    )))
}

/// Puts the citizen display in or out of full screen.
#[tauri::command]
pub fn citizen_fullscreen<R: Runtime>(
    app: AppHandle<R>,
    session: State<'_, SessionSlot>,
    on: bool,
) -> CmdResult<()> {
    session.require()?;
    let window = app
        .get_webview_window(crate::desktop::windows::CITIZEN)
        .ok_or_else(|| CommandError::new("window", "来庁者用画面が見つかりません。"))?;
    window.set_fullscreen(on)?;
    Ok(())
}
