//! Sign-in, sign-out, the first site manager, and what the window needs to know at start.

use serde::Serialize;
use tauri::State;

use crate::auth::{self, NewAccount, Role};
use crate::desktop::error::{CmdResult, CommandError};
use crate::desktop::state::{Db, LaunchInfo, Session, SessionSlot, SignInThrottle};
use crate::{demo, site};

/// What the operator window shows before anyone signs in.
#[derive(Debug, Serialize)]
pub struct AppInfo {
    /// Demo mode.
    pub demo: bool,
    /// Demo accounts' IDs and the shared password (demo only).
    pub demo_accounts: Vec<String>,
    /// The demo password (demo only).
    pub demo_password: Option<&'static str>,
    /// This PC's counter.
    pub counter: Option<u8>,
    /// No site manager yet: the window asks to create one.
    pub needs_setup: bool,
    /// Why the app cannot work (a corrupt database, an unwritable folder).
    pub startup_error: Option<String>,
    /// The data directory.
    pub data_dir: String,
    /// Who is signed in.
    pub session: Option<Session>,
}

fn session_of(account: &auth::Account) -> Session {
    Session {
        login_id: account.login_id.clone(),
        display_name: account.display_name.clone(),
        role: account.role,
        role_label: account.role.label(),
    }
}

/// Start-up facts for the operator window.
#[tauri::command]
pub fn app_info(
    db: State<'_, Db>,
    launch: State<'_, LaunchInfo>,
    session: State<'_, SessionSlot>,
) -> CmdResult<AppInfo> {
    let mut info = AppInfo {
        demo: launch.demo,
        demo_accounts: Vec::new(),
        demo_password: None,
        counter: None,
        needs_setup: false,
        startup_error: db.startup_error().map(str::to_string),
        data_dir: launch.data_dir.display().to_string(),
        session: session.current(),
    };
    if info.startup_error.is_some() {
        return Ok(info);
    }
    let store = db.lock()?;
    info.counter = Some(site::counter(&store)?);
    info.needs_setup = !auth::has_site_manager(&store)?;
    if launch.demo {
        info.demo_accounts = demo::DEMO_ACCOUNTS
            .iter()
            .map(|(id, _, _)| id.to_string())
            .collect();
        info.demo_password = Some(demo::DEMO_PASSWORD);
    }
    Ok(info)
}

/// First run: creates the site manager account. Refused once one exists.
#[tauri::command]
pub fn setup_create_manager(
    db: State<'_, Db>,
    login_id: String,
    display_name: String,
    password: String,
) -> CmdResult<()> {
    {
        let store = db.lock()?;
        if auth::has_site_manager(&store)? {
            return Err(CommandError::new(
                "forbidden",
                "現場責任者のアカウントはすでにあります。",
            ));
        }
        let new = NewAccount {
            login_id,
            display_name,
            role: Role::SiteManager,
            password,
        };
        auth::create_account(&store, &new, false)?;
    }
    super::audit(&db, None, "account.create_first_manager", "")
}

/// Signs in at this counter.
#[tauri::command]
pub fn sign_in(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    throttle: State<'_, SignInThrottle>,
    login_id: String,
    password: String,
) -> CmdResult<Session> {
    let now = std::time::Instant::now();
    let mut throttle = throttle.0.lock().map_err(|_| {
        CommandError::new(
            "internal",
            "内部エラーが発生しました。アプリを再起動してください。",
        )
    })?;
    if let Some(seconds) = throttle.wait(&login_id, now) {
        return Err(auth::AuthError::TooManyAttempts(seconds).into());
    }
    let account = {
        let store = db.lock()?;
        auth::sign_in(&store, &login_id, &password)
    };
    match account {
        Ok(account) => {
            throttle.succeeded(&login_id);
            let s = session_of(&account);
            session.set(Some(s.clone()));
            super::audit(&db, Some(&s.login_id), "sign_in", "")?;
            Ok(s)
        }
        Err(e) => {
            if matches!(e, auth::AuthError::WrongCredentials) {
                throttle.failed(&login_id, now);
            }
            // The ID typed is not logged: it may be a mistyped password.
            super::audit(&db, None, "sign_in.failed", "")?;
            Err(e.into())
        }
    }
}

/// Signs out.
#[tauri::command]
pub fn sign_out(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    photos: State<'_, crate::desktop::photo_service::PhotoService>,
) -> CmdResult<()> {
    photos.clear();
    photos.stop_camera();
    if let Some(s) = session.current() {
        super::audit(&db, Some(&s.login_id), "sign_out", "")?;
    }
    session.set(None);
    Ok(())
}
