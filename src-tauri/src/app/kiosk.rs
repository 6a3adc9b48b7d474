//! The kiosk session: IT staff make the desktop user's session a kiosk and undo it (the command
//! line only), and the supervisor records each time it had to start a dead kiosk again.

use super::{AppError, Change, Ctx, Permission};
use crate::kiosk::desktop_settings::DesktopSettings;
use crate::kiosk::session::{self, RemoveReport, SessionPaths, SetupReport};
use crate::kiosk::supervisor::Restart;

/// Sets the session at `paths` up to run `command` at login (see [`session::setup`]).
pub fn setup(
    ctx: &mut Ctx,
    paths: &SessionPaths,
    command: Vec<String>,
    desk: &mut dyn DesktopSettings,
) -> Result<SetupReport, AppError> {
    ctx.require(Permission::KioskSession)?;
    let report = session::setup(paths, command, desk)?;
    let detail = format!(
        "{}（設定変更 {} 件）",
        report.autostart.display(),
        report.changed.len()
    );
    ctx.record(Change::KioskSetup, &detail)?;
    Ok(report)
}

/// Undoes the kiosk session at `paths` (see [`session::remove`]).
pub fn remove(
    ctx: &mut Ctx,
    paths: &SessionPaths,
    desk: &mut dyn DesktopSettings,
) -> Result<RemoveReport, AppError> {
    ctx.require(Permission::KioskSession)?;
    let report = session::remove(paths, desk)?;
    let detail = format!(
        "削除 {} 件、設定の復元 {} 件",
        report.removed.len(),
        report.restored.len()
    );
    ctx.record(Change::KioskRemove, &detail)?;
    Ok(report)
}

/// The supervisor started the kiosk again: recorded as the app's own action.
pub fn record_restart(ctx: &mut Ctx, restart: &Restart) -> Result<(), AppError> {
    ctx.record(Change::KioskRestart, &restart.detail())
}
