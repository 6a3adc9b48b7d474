//! The ID photo commands: the camera for both windows (preview frames as raw bytes, the live
//! guidance), and for the operator the capture, the checks, accepting, and the two ways out
//! (upload through the J-LIS site, or print) after which the photo is deleted.

use std::time::Duration;

use serde::Serialize;
use tauri::ipc::Response;
use tauri::State;

use crate::auth::Action;
use crate::camera::worker::{Live, Status};
use crate::desktop::error::{CmdResult, CommandError};
use crate::desktop::photo_service::PhotoService;
use crate::desktop::state::{Db, SessionSlot};
use crate::photo::checks::{Check, Status as CheckStatus};
use crate::photo::settings::PhotoSettings;

/// What the windows show about the camera.
#[derive(Debug, Serialize)]
pub struct CameraView {
    /// Stopped, starting, running or failed.
    pub status: Option<Status>,
    /// The newest live analysis.
    pub live: Option<Live>,
}

/// The camera's state and live guidance (both windows).
#[tauri::command]
pub fn camera_status(photos: State<'_, PhotoService>) -> CameraView {
    match photos.camera() {
        None => CameraView {
            status: None,
            live: None,
        },
        Some(c) => CameraView {
            status: Some(c.status()),
            live: c.live(),
        },
    }
}

/// The newest preview frame after `after`, as raw bytes: 8 bytes of frame number (big-endian)
/// then the JPEG. Waits up to 0.5 s for a new frame; empty when there is none (both windows).
#[tauri::command]
pub async fn camera_frame(after: u64, photos: State<'_, PhotoService>) -> CmdResult<Response> {
    let Some(camera) = photos.camera() else {
        return Ok(Response::new(Vec::new()));
    };
    let frame = tauri::async_runtime::spawn_blocking(move || {
        camera.preview_after(after, Duration::from_millis(500))
    })
    .await
    .map_err(|e| CommandError::new("internal", e.to_string()))?;
    Ok(Response::new(match frame {
        Some(p) => {
            let mut bytes = Vec::with_capacity(p.jpeg.len() + 8);
            bytes.extend_from_slice(&p.seq.to_be_bytes());
            bytes.extend_from_slice(&p.jpeg);
            bytes
        }
        None => Vec::new(),
    }))
}

/// Starts the camera (the operator opened the photo tab).
#[tauri::command]
pub fn camera_start(
    photos: State<'_, PhotoService>,
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<()> {
    session.require_to(Action::LogVisits)?;
    photos.start_camera(&PhotoSettings::load(&*db.lock()?)?);
    Ok(())
}

/// Stops the camera (the photo tab closed).
#[tauri::command]
pub fn camera_stop(
    photos: State<'_, PhotoService>,
    session: State<'_, SessionSlot>,
) -> CmdResult<()> {
    session.require()?;
    photos.stop_camera();
    Ok(())
}

/// Starts the camera again after an error or a replug.
#[tauri::command]
pub fn camera_restart(
    photos: State<'_, PhotoService>,
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<()> {
    session.require_to(Action::LogVisits)?;
    let settings = PhotoSettings::load(&*db.lock()?)?;
    photos.stop_camera();
    photos.start_camera(&settings);
    Ok(())
}

/// One check as the operator sees it.
#[derive(Debug, Serialize)]
pub struct CheckView {
    /// The check.
    #[serde(flatten)]
    pub check: Check,
    /// Its name on screen.
    pub label: &'static str,
}

fn label(id: &str) -> &'static str {
    match id {
        "faces" => "顔の数",
        "inside_frame" => "枠内に収まる",
        "head_height" => "顔の大きさ",
        "top_margin" => "頭上の余白",
        "centred" => "左右の位置",
        "roll" => "顔の傾き",
        "exposure" => "明るさ",
        "even_light" => "光のむら・影",
        "sharpness" => "ピント・ぶれ",
        "background" => "背景",
        "glare" => "眼鏡の反射",
        "file" => "ファイル形式",
        _ => "",
    }
}

/// The capture's outcome.
#[derive(Debug, Serialize)]
pub struct CaptureView {
    /// Faces counted.
    pub faces: usize,
    /// Worst check.
    pub verdict: CheckStatus,
    /// Every check.
    pub checks: Vec<CheckView>,
    /// A photo was made (a crop inside the frame exists).
    pub has_photo: bool,
}

/// Takes the sharpest of the last frames, checks it and keeps the result in memory only.
#[tauri::command]
pub async fn photo_capture(
    photos: State<'_, PhotoService>,
    session: State<'_, SessionSlot>,
) -> CmdResult<CaptureView> {
    session.require_to(Action::LogVisits)?;
    let camera = photos
        .camera()
        .ok_or_else(|| CommandError::new("camera_stopped", "カメラが動いていません。"))?;
    let report = tauri::async_runtime::spawn_blocking(move || {
        let frame = camera
            .capture()
            .map_err(|e| CommandError::new("camera", e.message_ja()))?;
        crate::photo::check_frame(&frame.0).map_err(|e| CommandError::new("photo", e.message_ja()))
    })
    .await
    .map_err(|e| CommandError::new("internal", e.to_string()))??;
    let view = CaptureView {
        faces: report.faces,
        verdict: report.verdict,
        checks: report
            .checks
            .iter()
            .map(|c| CheckView {
                check: c.clone(),
                label: label(c.id),
            })
            .collect(),
        has_photo: report.output.is_some(),
    };
    photos.clear();
    let mut s = photos.session();
    s.report = Some(report);
    s.since = Some(std::time::Instant::now());
    Ok(view)
}

/// The captured photo's JPEG, as raw bytes (operator only; empty when there is none).
#[tauri::command]
pub fn photo_image(
    photos: State<'_, PhotoService>,
    session: State<'_, SessionSlot>,
) -> CmdResult<Response> {
    session.require_to(Action::LogVisits)?;
    let s = photos.session();
    Ok(Response::new(
        s.photo().map(|j| j.bytes.clone()).unwrap_or_default(),
    ))
}

/// Reasons for accepting a photo with a warning (only the code is kept).
pub const ACCEPT_REASONS: &[(&str, &str)] = &[
    ("religious_medical", "宗教上・医療上の理由（被り物など）"),
    ("infant", "乳幼児のため"),
    ("disability", "障がい等により姿勢の保持が難しいため"),
    ("camera_limit", "機材の制約（解像度など）"),
    ("other", "その他（申請者の了承済み）"),
];

/// Accepts the photo; a warning needs a reason code, a failure cannot be accepted.
#[tauri::command]
pub fn photo_accept(
    reason: Option<String>,
    photos: State<'_, PhotoService>,
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<()> {
    let who = session.require_to(Action::LogVisits)?;
    let mut s = photos.session();
    let verdict = match (&s.report, s.photo()) {
        (Some(r), Some(_)) => r.verdict,
        _ => {
            return Err(CommandError::new(
                "no_photo",
                "採用できる写真がありません。撮影してください。",
            ))
        }
    };
    match verdict {
        CheckStatus::Fail => {
            return Err(CommandError::new(
                "photo_failed",
                "基準を満たしていない写真は採用できません。撮り直してください。",
            ))
        }
        CheckStatus::Warn => {
            let code = reason
                .as_deref()
                .filter(|r| ACCEPT_REASONS.iter().any(|(c, _)| c == r));
            let Some(code) = code else {
                return Err(CommandError::new(
                    "reason_required",
                    "注意のある写真を採用する理由を選んでください。",
                ));
            };
            // Only the count and the reason code are kept.
            drop(s);
            super::audit(&db, Some(&who.login_id), "photo.accept_warning", code)?;
            s = photos.session();
        }
        CheckStatus::Pass => {}
    }
    s.accepted = true;
    Ok(())
}

/// Where the staged photo is, for the upload dialog.
#[derive(Debug, Serialize)]
pub struct StagedView {
    /// File name.
    pub file: String,
    /// Folder.
    pub dir: String,
    /// The J-LIS page was opened in the browser.
    pub opened: bool,
}

/// Stages the accepted photo for the browser's upload dialog and opens the J-LIS page.
#[tauri::command]
pub fn photo_stage(
    photos: State<'_, PhotoService>,
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<StagedView> {
    session.require_to(Action::LogVisits)?;
    let staging = photos
        .staging
        .as_ref()
        .map_err(|m| CommandError::new("staging", m.clone()))?;
    let mut s = photos.session();
    if !s.accepted {
        return Err(CommandError::new(
            "not_accepted",
            "先に写真を採用してください。",
        ));
    }
    if s.staged.is_none() {
        let jpeg = s
            .photo()
            .ok_or_else(|| CommandError::new("no_photo", "写真がありません。"))?;
        let staged = staging
            .stage(&jpeg.bytes)
            .map_err(|e| CommandError::new("staging", e.message_ja()))?;
        s.staged = Some(staged);
    }
    let path = s
        .staged
        .as_ref()
        .map(|st| st.path.clone())
        .unwrap_or_default();
    drop(s);
    let url = PhotoSettings::load(&*db.lock()?)?.jlis_url;
    let opened =
        std::env::var_os("MADOGUCHI_NO_BROWSER").is_none() && open::that_detached(&url).is_ok();
    Ok(StagedView {
        file: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        dir: path
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
        opened,
    })
}

/// 送信済み / 印刷済み / 撮り直し: the photo is deleted now.
#[tauri::command]
pub fn photo_done(
    photos: State<'_, PhotoService>,
    session: State<'_, SessionSlot>,
) -> CmdResult<()> {
    session.require()?;
    photos.clear();
    Ok(())
}

/// The reasons for accepting a warning.
#[tauri::command]
pub fn photo_accept_reasons() -> Vec<(&'static str, &'static str)> {
    ACCEPT_REASONS.to_vec()
}
