//! The guided procedures' use cases: the guides the card allows with their approved steps,
//! finishing one (its services ticked) or ending the visit because it cannot be done (with the
//! guide's reason). Reading the 申請書ID: from a scanner's burst (told from typing
//! by its timing), the camera's decoded QR code, or typed. The ID goes back to the operator's
//! window only: it is not stored, not audited (the audit entry would have to hold it or nothing),
//! and not sent to the citizen display.

use serde::Serialize;

use super::visits::{own_open, own_visit_in_progress, share};
use super::{AppError, Change, Ctx, Permission};
use crate::card::CardStatus;
use crate::kb;
use crate::photo::desk::Desk;
use crate::procedure::guide::{self, Availability, Guide};
use crate::procedure::{self, burst};
use crate::visits::{self, Outcome, Visit};

/// An ID as the operator's window shows it.
#[derive(Debug, Serialize)]
pub struct IdView {
    /// The 23 digits (what the copy button copies).
    pub digits: String,
    /// Grouped 4-4-4-4-4-3, for reading aloud.
    pub grouped: String,
}

impl From<procedure::ApplicationId> for IdView {
    fn from(id: procedure::ApplicationId) -> Self {
        Self {
            grouped: id.grouped(),
            digits: id.digits().to_string(),
        }
    }
}

/// What came of keys that might be a scan.
#[derive(Debug, Serialize)]
pub struct ScanAnswer {
    /// False: a person typed these keys; the window uses them as the keys they are.
    pub scan: bool,
    /// The ID, when it was a scan (a scan without one is an error).
    pub id: Option<IdView>,
}

/// Reads the ID from `text`. With `gaps_ms` (the time between the keys) the text is a burst of
/// keys that may be a scanner's: typed keys answer `scan: false` and are not read. Without, the
/// text was typed into the ID field or decoded from the camera. Telling typed keys from a scan
/// and refusing a text with no ID need only the permission; an ID is handed over only within the
/// actor's visit in progress. So with no visit open, typed keys still act as keys, a scan without
/// an ID says why (and starts nothing), and a good scan is refused `no_open_visit`: the window
/// starts the visit and reads it again.
pub fn read_application_id(
    ctx: &Ctx,
    text: &str,
    gaps_ms: Option<&[u32]>,
) -> Result<ScanAnswer, AppError> {
    ctx.require(Permission::VisitLog)?;
    if let Some(gaps) = gaps_ms {
        if !burst::is_scan(text, gaps) {
            return Ok(ScanAnswer {
                scan: false,
                id: None,
            });
        }
    }
    let id = procedure::read(text)?;
    own_visit_in_progress(ctx, Permission::VisitLog)?;
    Ok(ScanAnswer {
        scan: true,
        id: Some(id.into()),
    })
}

/// The 申請書ID in one camera frame (the operator holds the form's QR code up to the camera):
/// `None` when no code can be read in it yet. Needs the actor's visit in progress; nothing is
/// stored or audited.
pub fn read_qr_frame(ctx: &Ctx, frame: &image::RgbImage) -> Result<Option<IdView>, AppError> {
    own_visit_in_progress(ctx, Permission::VisitLog)?;
    Ok(procedure::qr::read(frame)?.map(IdView::from))
}

/// No code was read from the camera in the time given.
pub fn qr_not_found() -> AppError {
    procedure::qr::QrError::NotFound.into()
}

/// The J-LIS application page the guide opens (the photo settings' address).
pub fn jlis_page(ctx: &Ctx) -> Result<String, AppError> {
    ctx.require(Permission::VisitLog)?;
    Ok(super::settings::photo_settings_of(ctx.store())?.jlis_url)
}

/// A guide as the visit panel shows it.
#[derive(Debug, Serialize)]
pub struct GuideView {
    /// The guide's code.
    pub code: &'static str,
    /// Its name.
    pub title: &'static str,
    /// Whether the card allows it today, why not, the reason to end with, whether suggested.
    #[serde(flatten)]
    pub availability: Availability,
    /// The approved steps; empty while the city has not approved the procedure's text.
    pub steps: Vec<guide::Step>,
    /// The approved notes.
    pub notes: Vec<String>,
    /// The city has approved the steps.
    pub approved: bool,
    /// The not-completed reasons it may end with, most likely first.
    pub stop_reasons: &'static [&'static str],
}

/// The guides for the visit, narrowed by the card in the reader (`card`: the status the reader
/// panel holds now; nothing of it is stored).
pub fn guides(ctx: &Ctx, card: Option<&CardStatus>) -> Result<Vec<GuideView>, AppError> {
    ctx.require(Permission::VisitLog)?;
    let approved = kb::approved_procedures(ctx.store())?;
    Ok(guide::availability(card)
        .into_iter()
        .map(|availability| {
            let g = availability.guide;
            let tag = guide::tag(g);
            let doc = approved
                .iter()
                .find(|v| v.draft.tags.split_whitespace().any(|t| t == tag));
            let (steps, notes) =
                doc.map_or_else(Default::default, |v| guide::steps_of(&v.draft.body));
            GuideView {
                code: g.code(),
                title: g.title(),
                availability,
                steps,
                notes,
                approved: doc.is_some(),
                stop_reasons: g.stop_reasons(),
            }
        })
        .collect())
}

fn guide_of(code: &str) -> Result<Guide, AppError> {
    Guide::from_code(code).ok_or(AppError::NoSuchGuide)
}

/// Ticks what a finished guide did in the actor's visit in progress: its services and, for the
/// application, whether the form was brought. One audit entry.
pub fn finish_guide(ctx: &mut Ctx, id: &str, code: &str) -> Result<Visit, AppError> {
    let g = guide_of(code)?;
    let me = ctx.staff(Permission::VisitLog)?.login_id.clone();
    let counter = ctx.counter();
    ctx.write(Change::GuideFinish, |store| {
        own_open(store, id, &me, counter)?;
        let mut v = tick(store, id, g)?;
        if let Some(brought) = g.form_brought() {
            v = visits::set_form_brought(store, id, Some(brought))?;
        }
        Ok((v, format!("{id} {}", g.code())))
    })
}

/// The citizen came for `code` and it cannot be done (a locked PIN, an expired certificate, no
/// form …): its services are ticked and the visit ends not completed with `reason`, one of the
/// guide's. The visit's photo goes with it.
pub fn stop_guide(
    ctx: &mut Ctx,
    desk: &mut Desk,
    id: &str,
    code: &str,
    reason: &str,
) -> Result<Visit, AppError> {
    let g = guide_of(code)?;
    if !g.stop_reasons().contains(&reason) {
        return Err(visits::VisitError::UnknownCode(reason.to_string()).into());
    }
    let me = ctx.staff(Permission::VisitLog)?.login_id.clone();
    let counter = ctx.counter();
    let now = ctx.now();
    let author = ctx.sync_author();
    let ended = ctx.write(Change::VisitEnd, |store| {
        own_open(store, id, &me, counter)?;
        tick(store, id, g)?;
        let v = visits::finish(store, id, Outcome::NotCompleted, Some(reason), now)?;
        share(store, &author, &v, None)?;
        Ok((v, format!("{id} not_completed {reason} ({})", g.code())))
    })?;
    desk.end_visit();
    Ok(ended)
}

fn tick(store: &mut crate::store::Store, id: &str, g: Guide) -> Result<Visit, AppError> {
    let mut v = visits::get(store, id)?;
    for s in g.services() {
        v = visits::set_service(store, id, s, true)?;
    }
    Ok(v)
}
