//! The photo settings (site manager: admin → 写真・カメラ), the camera list behind them, and the
//! print sheet the operator's print button lays out.

use serde::Serialize;
use tauri::State;

use crate::auth::Action;
use crate::camera::mode::{self, Device};
use crate::desktop::error::{CmdResult, CommandError};
use crate::desktop::photo_service::PhotoService;
use crate::desktop::state::{Db, SessionSlot};
use crate::photo::settings::{PhotoSettings, SettingsError};
use crate::photo::sheet::{self, Sheet};

impl From<SettingsError> for CommandError {
    fn from(e: SettingsError) -> Self {
        match e {
            SettingsError::Store(s) => s.into(),
            other => Self::new("invalid", other.message_ja()),
        }
    }
}

/// The settings, with the limits the form shows.
#[derive(Debug, Serialize)]
pub struct SettingsView {
    /// The values.
    pub settings: PhotoSettings,
    /// Photos that fit on L-size and A4.
    pub capacity_l: u32,
    /// See `capacity_l`.
    pub capacity_a4: u32,
    /// The longest time limit allowed.
    pub max_age_limit: u32,
}

/// The photo settings.
#[tauri::command]
pub fn photo_settings_get(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<SettingsView> {
    session.require_to(Action::ManageLists)?;
    Ok(SettingsView {
        settings: PhotoSettings::load(&*db.lock()?)?,
        capacity_l: sheet::Paper::L.capacity(),
        capacity_a4: sheet::Paper::A4.capacity(),
        max_age_limit: crate::photo::settings::MAX_AGE_LIMIT,
    })
}

/// Saves the photo settings; the camera restarts with them the next time the photo tab opens.
#[tauri::command]
pub fn photo_settings_set(
    settings: PhotoSettings,
    photos: State<'_, PhotoService>,
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<()> {
    let who = session.require_to(Action::ManageLists)?;
    settings.save(&*db.lock()?)?;
    photos.stop_camera();
    super::audit(
        &db,
        Some(&who.login_id),
        "photo.settings",
        &format!(
            "camera={} rotation={:?} paper={:?} copies={} max_age={}",
            settings.camera.map_or("auto".into(), |i| i.to_string()),
            settings.rotation,
            settings.paper,
            settings.copies,
            settings.max_age_minutes
        ),
    )
}

/// The cameras connected (the simulated one in demo mode). The running camera is stopped first,
/// as reading a camera's modes needs it free.
#[tauri::command]
pub async fn camera_list(
    photos: State<'_, PhotoService>,
    session: State<'_, SessionSlot>,
) -> CmdResult<Vec<Device>> {
    session.require_to(Action::ManageLists)?;
    photos.stop_camera();
    if let Some(sim) = photos.simulated() {
        return Ok(vec![Device {
            index: 0,
            name: "模擬カメラ（デモ）".into(),
            chosen: mode::choose(&[sim]),
            modes: vec![sim],
            error: None,
        }]);
    }
    let list = tauri::async_runtime::spawn_blocking(native_list)
        .await
        .map_err(|e| CommandError::new("internal", e.to_string()))?;
    Ok(list)
}

#[cfg(any(target_os = "linux", target_os = "windows"))]
fn native_list() -> Vec<Device> {
    crate::camera::native::list()
}

#[cfg(not(any(target_os = "linux", target_os = "windows")))]
fn native_list() -> Vec<Device> {
    Vec::new()
}

/// The print sheet for the set paper and copies (operator).
#[tauri::command]
pub fn photo_sheet(db: State<'_, Db>, session: State<'_, SessionSlot>) -> CmdResult<Sheet> {
    session.require_to(Action::LogVisits)?;
    let s = PhotoSettings::load(&*db.lock()?)?;
    Ok(sheet::layout(s.paper, s.copies))
}
