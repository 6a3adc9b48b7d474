//! Sign-in, sign-out, the first site manager, and what the window needs to know at start.

use serde::Serialize;
use tauri::{AppHandle, Runtime, State};

use std::time::Instant;

use crate::app::session::IdleState;
use crate::app::{self, Session, SessionSlot};
use crate::demo;
use crate::desktop::error::CmdResult;
use crate::desktop::photo_booth::PhotoBooth;
use crate::desktop::state::{act, Db, SignInThrottle};
use crate::launch::LaunchInfo;

/// What the operator window shows before anyone signs in.
#[derive(Debug, Serialize)]
pub struct AppInfo {
    /// Demo mode.
    pub demo: bool,
    /// Demo accounts' IDs (demo only).
    pub demo_accounts: Vec<String>,
    /// The demo password (demo only).
    pub demo_password: Option<&'static str>,
    /// This PC's counter.
    pub counter: Option<u8>,
    /// How many counters this site has.
    pub counters: Option<u8>,
    /// No site manager yet: the window asks to create one.
    pub needs_setup: bool,
    /// Why the app cannot work (a corrupt database, an unwritable folder).
    pub startup_error: Option<String>,
    /// The data directory.
    pub data_dir: String,
    /// Who is signed in, with what they may do.
    pub session: Option<Session>,
}

impl AppInfo {
    fn new(
        launch: &LaunchInfo,
        db: &Db,
        session: &SessionSlot,
        facts: Option<(u8, bool, u8)>,
    ) -> Self {
        Self {
            demo: launch.demo,
            demo_accounts: launch.demo.then(demo::account_ids).unwrap_or_default(),
            demo_password: demo::password().filter(|_| launch.demo),
            counter: facts.map(|f| f.0),
            counters: facts.map(|f| f.2),
            needs_setup: facts.is_some_and(|f| f.1),
            startup_error: db.startup_error().map(str::to_string),
            data_dir: launch.data_dir.display().to_string(),
            session: session.current(),
        }
    }
}

/// Start-up facts for the operator window.
#[tauri::command]
pub fn app_info(
    db: State<'_, Db>,
    launch: State<'_, LaunchInfo>,
    session: State<'_, SessionSlot>,
) -> CmdResult<AppInfo> {
    let facts = match db.startup_error() {
        Some(_) => None,
        None => Some(act(&db, &session, |cx| {
            Ok((
                cx.counter(),
                app::accounts::needs_setup(cx)?,
                crate::site::counters(cx.store())?,
            ))
        })?),
    };
    Ok(AppInfo::new(&launch, &db, &session, facts))
}

/// First run: creates the site manager account. Refused once one exists.
#[tauri::command]
pub fn setup_create_manager(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    login_id: String,
    display_name: String,
    password: String,
    contract: Option<app::accounts::Contract>,
) -> CmdResult<()> {
    act(&db, &session, |cx| {
        app::accounts::create_first_manager(
            cx,
            &login_id,
            &display_name,
            &password,
            contract.as_ref(),
        )
        .map(|_| ())
    })
}

/// Signs in at this counter.
#[tauri::command]
pub fn sign_in(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    throttle: State<'_, SignInThrottle>,
    booth: State<'_, PhotoBooth>,
    login_id: String,
    password: String,
) -> CmdResult<Session> {
    act(&db, &session, |cx| {
        let desk = &mut booth.desk();
        app::accounts::sign_in(cx, &session, &throttle.0, desk, &login_id, &password)
    })
}

/// A person did something in the window: the idle time starts again.
#[tauri::command]
pub fn session_touch(session: State<'_, SessionSlot>) {
    session.touch(Instant::now());
}

/// Whether the session is still active and how long it may stay idle (the window polls this).
/// A session idle past its limit is ended first, with its photo (see `desktop::idle`).
#[tauri::command]
pub fn session_state(
    session: State<'_, SessionSlot>,
    db: State<'_, Db>,
    booth: State<'_, PhotoBooth>,
) -> IdleState {
    crate::desktop::idle::end_if_idle(&db, &session, &booth);
    session.idle_state(Instant::now())
}

/// The signed-in account changes its own password.
#[tauri::command]
pub fn password_change(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    current: String,
    new: String,
) -> CmdResult<Session> {
    act(&db, &session, |cx| {
        app::accounts::change_own_password(cx, &session, &current, &new)
    })
}

/// Signs out: the photo is deleted and the camera stops.
#[tauri::command]
pub fn sign_out(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    booth: State<'_, PhotoBooth>,
) -> CmdResult<()> {
    booth.stop_camera();
    act(&db, &session, |cx| {
        app::accounts::sign_out(cx, &session, &mut booth.desk())
    })
}

/// Closes the kiosk with a site manager's signature (the window asks for it when closed).
#[tauri::command]
pub fn app_quit<R: Runtime>(
    handle: AppHandle<R>,
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    throttle: State<'_, SignInThrottle>,
    login_id: String,
    password: String,
) -> CmdResult<()> {
    act(&db, &session, |cx| {
        app::quit::authorize(cx, &throttle.0, &login_id, &password)
    })?;
    handle.exit(0);
    Ok(())
}
