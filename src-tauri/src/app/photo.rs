//! The ID photo at the counter: starting the camera, holding a capture, accepting it (which ticks
//! the visit's `photo` service in the same transaction as its audit entry, while the desk is held
//! so the photo cannot expire in between), and the two ways out — the J-LIS upload and the
//! printer. The camera and the print dialog are the shell's; the rules are here.

use serde::Serialize;

use super::settings::photo_settings_of;
use super::{AppError, Change, Ctx, Permission};
use crate::photo::checks::{Check, Status};
use crate::photo::desk::{AcceptReason, Desk, DeskError};
use crate::photo::settings::PhotoSettings;
use crate::photo::sheet::{self, Sheet};
use crate::photo::Report;
use crate::visits::{self, Visit};

/// The settings the camera starts with (the operator opened the photo tab).
pub fn camera_settings(ctx: &Ctx) -> Result<PhotoSettings, AppError> {
    ctx.require(Permission::PhotoTake)?;
    photo_settings_of(ctx.store())
}

/// Refused unless the actor may take photos (checked before the camera is asked for a still).
pub fn may_capture(ctx: &Ctx) -> Result<(), AppError> {
    ctx.require(Permission::PhotoTake)
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

/// The capture's outcome (nothing of the image itself).
#[derive(Debug, Serialize)]
pub struct CaptureView {
    /// Faces counted.
    pub faces: usize,
    /// Worst check.
    pub verdict: Status,
    /// Every check.
    pub checks: Vec<CheckView>,
    /// The check that causes the verdict (the first in the pipeline's order), if not a pass.
    pub cause: Option<CheckView>,
    /// A photo was made (a crop inside the frame exists).
    pub has_photo: bool,
}

/// Holds a checked capture on the desk (the photo held before is deleted).
pub fn hold(ctx: &Ctx, desk: &mut Desk, report: Report) -> Result<CaptureView, AppError> {
    ctx.require(Permission::PhotoTake)?;
    let view = CaptureView {
        faces: report.faces,
        verdict: report.verdict,
        checks: report
            .checks
            .iter()
            .map(|c| CheckView {
                check: c.clone(),
                label: c.id.label(),
            })
            .collect(),
        cause: report.cause().map(|c| CheckView {
            check: c.clone(),
            label: c.id.label(),
        }),
        has_photo: report.output.is_some(),
    };
    desk.set_max_age(max_age(ctx)?);
    desk.capture(report, ctx.instant());
    Ok(view)
}

fn max_age(ctx: &Ctx) -> Result<std::time::Duration, AppError> {
    let minutes = photo_settings_of(ctx.store())?.max_age_minutes;
    Ok(std::time::Duration::from_secs(u64::from(minutes) * 60))
}

/// The held photo's JPEG (empty when there is none).
pub fn image(ctx: &Ctx, desk: &mut Desk) -> Result<Vec<u8>, AppError> {
    ctx.require(Permission::PhotoTake)?;
    desk.expire(ctx.instant());
    Ok(desk.photo().map(|j| j.bytes.clone()).unwrap_or_default())
}

/// Accepts the held photo (a warning needs a reason; a failure cannot be accepted) and ticks the
/// `photo` service of the actor's visit in progress. Returns the visit.
pub fn accept(
    ctx: &mut Ctx,
    desk: &mut Desk,
    reason: Option<AcceptReason>,
) -> Result<Visit, AppError> {
    ctx.require(Permission::PhotoTake)?;
    let kept = desk.check_accept(reason, ctx.instant())?;
    let visit = super::visits::own_visit_in_progress(ctx, Permission::PhotoTake)?;
    let today = ctx.now().date_naive();
    let ticked = ctx.write(Change::PhotoAccept, |store| {
        let v = visits::set_service(store, &visit.id, "photo", true)?;
        // A warning's reason is sensitive: only a daily count per reason is kept, never with
        // the visit, the time or the operator (the audit entry does not name it).
        if let Some(reason) = kept {
            crate::report::photo_warnings::count(store, today, reason.code())?;
        }
        Ok((v, visit.id.clone()))
    })?;
    desk.mark_accepted();
    Ok(ticked)
}

/// Where the staged photo is, for the upload dialog, and the page to upload it on.
#[derive(Debug, Serialize)]
pub struct StagedView {
    /// File name.
    pub file: String,
    /// Folder.
    pub dir: String,
    /// The J-LIS page to open.
    pub url: String,
}

/// Puts the accepted photo in the private staging folder for the browser's upload dialog.
pub fn stage(ctx: &mut Ctx, desk: &mut Desk) -> Result<StagedView, AppError> {
    ctx.require(Permission::PhotoTake)?;
    if desk.expire(ctx.instant()) {
        return Err(DeskError::NoPhoto.into());
    }
    let url = photo_settings_of(ctx.store())?.jlis_url;
    let path = desk.stage()?.path.clone();
    ctx.record(Change::PhotoUpload, "")?;
    Ok(StagedView {
        file: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        dir: path
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
        url,
    })
}

/// The accepted photo decoded for the printer, and the sheet to lay it on.
pub fn print(ctx: &mut Ctx, desk: &mut Desk) -> Result<(image::RgbImage, Sheet), AppError> {
    ctx.require(Permission::PhotoTake)?;
    if desk.expire(ctx.instant()) {
        return Err(DeskError::NoPhoto.into());
    }
    let settings = photo_settings_of(ctx.store())?;
    let photo = crate::photo::load::decode(&desk.printable()?.bytes)
        .map_err(crate::photo::PhotoError::from)?;
    ctx.record(Change::PhotoPrint, "")?;
    Ok((photo, sheet::layout(settings.paper, settings.copies)))
}

/// 送信済み / 印刷済み / 撮り直し: the photo is deleted now.
pub fn done(ctx: &Ctx, desk: &mut Desk) -> Result<(), AppError> {
    ctx.signed_in()?;
    desk.clear();
    Ok(())
}

/// The reasons a warning may be accepted with, as (code, label).
pub fn accept_reasons() -> Vec<(AcceptReason, &'static str)> {
    AcceptReason::ALL.iter().map(|r| (*r, r.label())).collect()
}
