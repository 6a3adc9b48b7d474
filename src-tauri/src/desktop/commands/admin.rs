//! The admin tab: accounts, the service and reason lists, this PC's counter number, the audit
//! trail, and the citizen display's full screen.

use tauri::{AppHandle, Runtime, State};

use crate::app::audit_trail::Shown;
use crate::app::session::IdleRules;
use crate::app::{self, Permission, SessionSlot};
use crate::audit::Filter;
use crate::auth::{Account, NewAccount};
use crate::desktop::error::{window_error, CmdResult};
use crate::desktop::state::{act, Db};
use crate::visits::{ListEntry, ListKind};

/// Every account.
#[tauri::command]
pub fn accounts_list(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<Vec<Account>> {
    act(&db, &session, |cx| app::accounts::list(cx))
}

/// Creates an account.
#[tauri::command]
pub fn account_create(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    account: NewAccount,
) -> CmdResult<Account> {
    act(&db, &session, |cx| app::accounts::create(cx, &account))
}

/// Switches an account on or off.
#[tauri::command]
pub fn account_set_active(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    login_id: String,
    active: bool,
) -> CmdResult<()> {
    act(&db, &session, |cx| {
        app::accounts::set_active(cx, &login_id, active)
    })
}

/// Sets an account's password.
#[tauri::command]
pub fn account_set_password(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    login_id: String,
    password: String,
) -> CmdResult<()> {
    act(&db, &session, |cx| {
        app::accounts::set_password(cx, &login_id, &password)
    })
}

/// Names the information-security officer (`None`: nobody).
#[tauri::command]
pub fn account_set_security_officer(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    login_id: Option<String>,
) -> CmdResult<()> {
    act(&db, &session, |cx| {
        app::accounts::set_security_officer(cx, login_id.as_deref())
    })
}

/// How long sessions may stay idle.
#[tauri::command]
pub fn idle_rules_get(db: State<'_, Db>, session: State<'_, SessionSlot>) -> CmdResult<IdleRules> {
    act(&db, &session, |cx| app::accounts::idle_rules(cx))
}

/// Saves how long sessions may stay idle; the session takes them at once.
#[tauri::command]
pub fn idle_rules_set(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    rules: IdleRules,
) -> CmdResult<IdleRules> {
    act(&db, &session, |cx| {
        app::accounts::save_idle_rules(cx, &session, rules)
    })
}

/// A list with inactive entries, for editing.
#[tauri::command]
pub fn list_entries(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    kind: ListKind,
) -> CmdResult<Vec<ListEntry>> {
    act(&db, &session, |cx| app::settings::list_entries(cx, kind))
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
    act(&db, &session, |cx| {
        app::settings::list_save(cx, kind, &code, &label, sort)
    })
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
    act(&db, &session, |cx| {
        app::settings::list_set_active(cx, kind, &code, active)
    })
}

/// Sets this PC's counter number.
#[tauri::command]
pub fn counter_set(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    counter: u8,
) -> CmdResult<()> {
    act(&db, &session, |cx| app::settings::set_counter(cx, counter))
}

/// Sets how many counters this site has.
#[tauri::command]
pub fn site_counters_set(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    counters: u8,
) -> CmdResult<()> {
    act(&db, &session, |cx| {
        app::settings::set_site_counters(cx, counters)
    })
}

/// The audit trail, filtered.
#[tauri::command]
pub fn audit_query(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    filter: Filter,
) -> CmdResult<Vec<Shown>> {
    act(&db, &session, |cx| app::audit_trail::query(cx, &filter))
}

/// Puts the citizen display in or out of full screen.
#[tauri::command]
pub fn citizen_fullscreen<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    on: bool,
) -> CmdResult<()> {
    act(&db, &session, |cx| {
        cx.require(Permission::CitizenDisplayControl)
    })?;
    crate::desktop::windows::citizen_fullscreen(&app, on).map_err(window_error)
}
