//! `madoguchi kiosk setup | remove | run`: the counter PC's desktop session as a kiosk.

use std::cell::RefCell;
use std::process::Command;

use clap::Subcommand;
use serde_json::json;

use super::output::{Answer, Failure};
use super::with_ctx;
use crate::app::{self, Actor, Ctx};
use crate::clock::Moment;
use crate::kiosk::awake::{self, ScreenKeeper};
use crate::kiosk::desktop_settings::Gsettings;
use crate::kiosk::session::{self, SessionPaths};
use crate::kiosk::supervisor::{self, Policy, Restart, SESSION_ENV};
use crate::launch::LaunchInfo;
use crate::store::Store;

/// What to do with the kiosk session.
#[derive(Debug, Subcommand)]
pub enum KioskCommand {
    /// Make the signed-in desktop user's session a kiosk: start at login, no screen lock, the
    /// screen awake during opening hours (run once by IT, as the kiosk's desktop user).
    Setup,
    /// Undo `kiosk setup`: the autostart entry removed, the desktop settings as they were.
    Remove,
    /// Run the kiosk and start it again whenever it dies (what the autostart entry runs).
    Run,
}

/// Runs a `kiosk` subcommand.
pub fn run(
    launch: &LaunchInfo,
    data_dir_flag: Option<&std::path::Path>,
    action: &KioskCommand,
) -> Result<Answer, Failure> {
    let paths = || SessionPaths::from_env().map_err(app::AppError::from);
    match action {
        KioskCommand::Setup => {
            let program = std::env::current_exe()
                .map_err(|e| Failure::environment("kiosk_spawn", e.to_string()))?;
            let command = session::kiosk_command(&program, data_dir_flag);
            let r = with_ctx(launch, |cx| {
                Ok(app::kiosk::setup(cx, &paths()?, command, &mut Gsettings)?)
            })?;
            let mut text = format!(
                "キオスク設定を行いました。次回のログインから窓口アプリが自動で起動します。\n  自動起動：{}\n  実行：{}\n",
                r.autostart.display(),
                r.exec
            );
            for c in &r.changed {
                text.push_str(&format!(
                    "  変更：{}（{} → {}）\n",
                    c.setting, c.before, c.after
                ));
            }
            for u in &r.unavailable {
                text.push_str(&format!(
                    "  この画面環境にない設定（手動で確認してください）：{u}\n"
                ));
            }
            Ok(Answer::ok(&r, text))
        }
        KioskCommand::Remove => {
            let r = with_ctx(launch, |cx| {
                Ok(app::kiosk::remove(cx, &paths()?, &mut Gsettings)?)
            })?;
            let mut text = String::from("キオスク設定を解除しました。\n");
            for p in &r.removed {
                text.push_str(&format!("  削除：{}\n", p.display()));
            }
            for c in &r.restored {
                text.push_str(&format!("  元に戻しました：{}（{}）\n", c.setting, c.after));
            }
            for w in &r.warnings {
                text.push_str(&format!("  注意：{w}\n"));
            }
            Ok(Answer::ok(&r, text))
        }
        // The supervisor runs anywhere (Windows: from a scheduled task); the screen settings only
        // where there is an XDG session.
        KioskCommand::Run => supervise(launch, data_dir_flag, SessionPaths::from_env().ok()),
    }
}

/// The supervisor: the kiosk as a child, restarted when it dies, each restart in the audit trail.
fn supervise(
    launch: &LaunchInfo,
    data_dir_flag: Option<&std::path::Path>,
    paths: Option<SessionPaths>,
) -> Result<Answer, Failure> {
    let program =
        std::env::current_exe().map_err(|e| Failure::environment("kiosk_spawn", e.to_string()))?;
    let mut args: Vec<std::ffi::OsString> = Vec::new();
    if let Some(dir) = data_dir_flag {
        args.push("--data-dir".into());
        args.push(dir.into());
    }
    if launch.demo {
        args.push("--demo".into());
    }
    let mut keeper = paths.map(ScreenKeeper::new);
    let db = Lazy::new(launch);
    let mut restarts = 0;
    let ended = supervisor::run(
        || {
            let mut c = Command::new(&program);
            c.args(&args).env(SESSION_ENV, "1");
            c
        },
        Policy::default(),
        |r| {
            restarts = r.count;
            record_restart(&db, r);
        },
        || {
            // Nothing to keep awake on a session `kiosk setup` did not prepare: no store opened.
            let Some(keeper) = keeper.as_mut() else {
                return;
            };
            if let Some(cal) = db.with(|store| crate::calendar::stored::load(store).ok()) {
                let now = crate::clock::now().naive_local();
                keeper.apply(awake::wanted(&cal, now), &mut Gsettings);
            }
        },
    )
    .map_err(app::AppError::from)?;
    Ok(Answer::ok(
        json!({"ended": ended, "restarts": restarts}),
        format!("窓口アプリは{}。再起動 {restarts} 回。", ended.describe()),
    ))
}

/// The supervisor's one connection to the store, opened when first needed (the calendar every
/// 30 s, a restart's audit entry) and kept: WAL lets the kiosk write beside it. Opened again
/// after a failure (the data folder may appear with the kiosk's first start).
struct Lazy<'a> {
    launch: &'a LaunchInfo,
    store: RefCell<Option<Store>>,
}

impl<'a> Lazy<'a> {
    fn new(launch: &'a LaunchInfo) -> Self {
        Self {
            launch,
            store: RefCell::new(None),
        }
    }

    fn with<T>(&self, f: impl FnOnce(&mut Store) -> Option<T>) -> Option<T> {
        let mut slot = self.store.borrow_mut();
        if slot.is_none() {
            *slot = Store::open(&self.launch.data_dir).ok();
        }
        f(slot.as_mut()?)
    }
}

/// Into the audit trail as the app's own action, and the app log (which needs no database: a
/// kiosk that died of a full disk still leaves a line where it can).
fn record_restart(db: &Lazy, r: &Restart) {
    eprintln!("窓口アプリを再起動します：{}", r.detail());
    crate::applog::error("kiosk_restart", &r.detail());
    db.with(|store| {
        let result = Ctx::new(store, Actor::System, Moment::now())
            .and_then(|mut cx| app::kiosk::record_restart(&mut cx, r));
        if let Err(e) = result {
            crate::applog::error(e.code(), &e.to_string());
        }
        Some(())
    });
}
