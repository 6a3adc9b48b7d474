//! The ID photo for the operator: the capture and its checks, the image, accepting, the J-LIS
//! upload, printing, deleting; the site manager's photo settings and the print sheet.

use serde::Serialize;
use tauri::ipc::Response;
use tauri::{Runtime, State, WebviewWindow};

use crate::app::photo::{CaptureView, StagedView};
use crate::app::settings::PhotoSettingsView;
use crate::app::{self, AppError, SessionSlot};
use crate::desktop::error::{internal, CmdResult, CommandError};
use crate::desktop::photo_booth::PhotoBooth;
use crate::desktop::print;
use crate::desktop::state::{act, Db};
use crate::launch::LaunchInfo;
use crate::photo::desk::AcceptReason;
use crate::photo::settings::PhotoSettings;
use crate::photo::sheet::Sheet;
use crate::visits::Visit;

/// Takes the sharpest of the last frames, checks it and holds the result in memory only.
#[tauri::command]
pub async fn photo_capture(
    booth: State<'_, PhotoBooth>,
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<CaptureView> {
    act(&db, &session, |cx| app::photo::may_capture(cx))?;
    let camera = booth
        .camera()
        .ok_or_else(|| CommandError::from(AppError::CameraStopped))?;
    let report = tauri::async_runtime::spawn_blocking(move || -> Result<_, AppError> {
        let frame = camera.capture()?;
        Ok(crate::photo::check_frame(&frame.0)?)
    })
    .await
    .map_err(internal)??;
    act(&db, &session, |cx| {
        app::photo::hold(cx, &mut booth.desk(), report)
    })
}

/// The held photo's JPEG, as raw bytes (empty when there is none).
#[tauri::command]
pub fn photo_image(
    booth: State<'_, PhotoBooth>,
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<Response> {
    act(&db, &session, |cx| app::photo::image(cx, &mut booth.desk())).map(Response::new)
}

/// Accepts the photo (a warning needs a reason), ticks the visit's `photo` service and stops the
/// camera.
#[tauri::command]
pub fn photo_accept(
    reason: Option<AcceptReason>,
    booth: State<'_, PhotoBooth>,
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<Visit> {
    let visit = act(&db, &session, |cx| {
        app::photo::accept(cx, &mut booth.desk(), reason)
    })?;
    // The photo is chosen: the camera (and the citizen's preview) goes off.
    booth.stop_camera();
    Ok(visit)
}

/// The reasons for accepting a warning, as (code, label).
#[tauri::command]
pub fn photo_accept_reasons() -> Vec<(AcceptReason, &'static str)> {
    app::photo::accept_reasons()
}

/// Where the staged photo is, and whether the J-LIS page was opened.
#[derive(Debug, Serialize)]
pub struct StageOpened {
    /// The staged file.
    #[serde(flatten)]
    pub staged: StagedView,
    /// The J-LIS page was opened in the browser.
    pub opened: bool,
}

/// Stages the accepted photo for the browser's upload dialog and opens the J-LIS page.
#[tauri::command]
pub fn photo_stage(
    booth: State<'_, PhotoBooth>,
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<StageOpened> {
    let staged = act(&db, &session, |cx| app::photo::stage(cx, &mut booth.desk()))?;
    let opened = booth.open_private(&staged.url);
    Ok(StageOpened { staged, opened })
}

/// 送信済み / 印刷済み / 撮り直し: the photo is deleted now.
#[tauri::command]
pub fn photo_done(
    booth: State<'_, PhotoBooth>,
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<()> {
    act(&db, &session, |cx| app::photo::done(cx, &mut booth.desk()))
}

/// How printing ended, for the page.
#[derive(Debug, Serialize)]
pub struct PrintView {
    /// `printed`, `cancelled`, or `unsupported` (the page then uses the browser's print).
    pub outcome: print::Outcome,
    /// The PDF written (demo mode's export only).
    pub file: Option<String>,
}

/// Prints the accepted photo through the system's print dialog.
#[tauri::command]
pub async fn photo_print<R: Runtime>(
    window: WebviewWindow<R>,
    booth: State<'_, PhotoBooth>,
    db: State<'_, Db>,
    launch: State<'_, LaunchInfo>,
    session: State<'_, SessionSlot>,
) -> CmdResult<PrintView> {
    let (photo, sheet) = act(&db, &session, |cx| app::photo::print(cx, &mut booth.desk()))?;
    let export = print::export_file(&launch);
    let outcome = print::run(window, sheet, photo, export.clone()).await?;
    Ok(PrintView {
        outcome,
        file: export.map(|f| f.display().to_string()),
    })
}

/// The photo settings, for the site manager's form.
#[tauri::command]
pub fn photo_settings_get(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<PhotoSettingsView> {
    act(&db, &session, |cx| app::settings::photo_settings(cx))
}

/// Saves the photo settings; the camera restarts with them the next time the photo tab opens.
#[tauri::command]
pub fn photo_settings_set(
    settings: PhotoSettings,
    confirm_other_site: bool,
    booth: State<'_, PhotoBooth>,
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<()> {
    act(&db, &session, |cx| {
        app::settings::save_photo_settings(cx, &settings, confirm_other_site)
    })?;
    booth.stop_camera();
    Ok(())
}

/// The print sheet for the set paper and copies.
#[tauri::command]
pub fn photo_sheet(db: State<'_, Db>, session: State<'_, SessionSlot>) -> CmdResult<Sheet> {
    act(&db, &session, |cx| app::settings::photo_sheet(cx))
}
