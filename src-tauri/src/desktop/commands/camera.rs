//! The camera for both windows: its state and live guidance, and the preview frames as raw bytes
//! (the citizen display may watch, nothing more); for the operator, starting, stopping and
//! restarting it; for the site manager, the list of cameras.

use std::time::Duration;

use serde::Serialize;
use tauri::ipc::Response;
use tauri::State;

use crate::app::{self, Permission, SessionSlot};
use crate::camera::mode::Device;
use crate::camera::worker::Status;
use crate::desktop::error::{internal, CmdResult};
use crate::desktop::photo_booth::PhotoBooth;
use crate::desktop::state::{act, Db};
use crate::photo::desk::State as DeskState;
use crate::photo::live::Live;

/// What the windows show about the camera.
#[derive(Debug, Serialize)]
pub struct CameraView {
    /// Stopped (none), starting, running or failed.
    pub status: Option<Status>,
    /// The newest live analysis.
    pub live: Option<Live>,
    /// Where the photo is (`empty` once the time limit or anything else deleted it).
    pub photo: DeskState,
}

/// The camera's state and live guidance, and whether a photo is held (both windows).
#[tauri::command]
pub fn camera_status(booth: State<'_, PhotoBooth>) -> CameraView {
    let camera = booth.camera();
    CameraView {
        status: camera.as_ref().map(|c| c.status()),
        live: camera.and_then(|c| c.live()),
        photo: booth.desk().state(),
    }
}

/// The newest preview frame after `after`, as raw bytes: 8 bytes of frame number (big-endian)
/// then the JPEG. Waits up to 0.5 s for a new frame; empty when there is none (both windows).
#[tauri::command]
pub async fn camera_frame(after: u64, booth: State<'_, PhotoBooth>) -> CmdResult<Response> {
    let Some(camera) = booth.camera() else {
        return Ok(Response::new(Vec::new()));
    };
    let frame = tauri::async_runtime::spawn_blocking(move || {
        camera.preview_after(after, Duration::from_millis(500))
    })
    .await
    .map_err(internal)?;
    Ok(Response::new(match frame {
        Some(p) => [&p.seq.to_be_bytes()[..], &p.jpeg].concat(),
        None => Vec::new(),
    }))
}

/// Starts the camera (the operator opened the photo tab).
#[tauri::command]
pub fn camera_start(
    booth: State<'_, PhotoBooth>,
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<()> {
    let settings = act(&db, &session, |cx| app::photo::camera_settings(cx))?;
    booth.start_camera(&settings);
    Ok(())
}

/// Stops the camera (the photo tab closed).
#[tauri::command]
pub fn camera_stop(
    booth: State<'_, PhotoBooth>,
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<()> {
    act(&db, &session, |cx| cx.signed_in().map(|_| ()))?;
    booth.stop_camera();
    Ok(())
}

/// Starts the camera again after an error or a replug.
#[tauri::command]
pub fn camera_restart(
    booth: State<'_, PhotoBooth>,
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<()> {
    let settings = act(&db, &session, |cx| app::photo::camera_settings(cx))?;
    booth.stop_camera();
    booth.start_camera(&settings);
    Ok(())
}

/// The cameras connected (the simulated one when it is used). The running camera is stopped
/// first, as reading a camera's modes needs it free.
#[tauri::command]
pub async fn camera_list(
    booth: State<'_, PhotoBooth>,
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<Vec<Device>> {
    act(&db, &session, |cx| {
        cx.require(Permission::PhotoSettingsEdit)
    })?;
    booth.stop_camera();
    tauri::async_runtime::spawn_blocking(booth.device_lister())
        .await
        .map_err(internal)
}
