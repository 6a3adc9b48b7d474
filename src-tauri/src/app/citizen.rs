//! The citizen display's use cases: what it shows now (worked out from the counter's state), the
//! language the operator chooses for the visit, the guide under way, and the photo's countdown.
//!
//! Choosing the language writes no audit entry, on purpose: the entry would tie a language (and
//! so, often, a nationality) to an operator and a time. Its only trace is the per-day count.

use std::time::Duration;

use serde::Serialize;

use super::{AppError, Ctx, Permission};
use crate::card::CardStatus;
use crate::citizen::{self, counts, language, scene, Inputs, Scene, Screen};
use crate::photo::desk::{Desk, State as PhotoState};
use crate::visits;

/// What the desktop knows and the store does not: the devices.
#[derive(Debug, Clone, Default)]
pub struct Devices {
    /// The camera runs.
    pub camera_on: bool,
    /// The photo desk.
    pub photo: Option<PhotoState>,
    /// The card in the reader.
    pub card: Option<CardStatus>,
    /// The camera's guidance for the citizen now (its id).
    pub instruction: Option<&'static str>,
}

/// What the citizen display shows.
#[derive(Debug, Serialize)]
pub struct CitizenView {
    /// The scene.
    #[serde(flatten)]
    pub scene: Scene,
    /// The language code.
    pub lang: &'static str,
    /// The camera's guidance id in the preview.
    pub instruction: Option<&'static str>,
}

/// The signed-in operator's visit in progress at this counter, if any.
fn open_visit(ctx: &Ctx) -> Result<Option<visits::Visit>, AppError> {
    let Ok(me) = ctx.staff(Permission::VisitLog) else {
        return Ok(None);
    };
    let me = me.login_id.clone();
    Ok(visits::open_visit_of(ctx.store(), ctx.counter(), &me)?)
}

/// Makes the screen the open visit's before something is set on it: the display asks four times
/// a second, so a guide opened (or a countdown started) right after a new visit began would
/// otherwise be set on the last visit's screen and wiped when the display next looked. With no
/// visit open nothing is wiped (a photo can be taken without one).
fn follow_open_visit(ctx: &Ctx, screen: &mut Screen) -> Result<(), AppError> {
    if let Some(v) = open_visit(ctx)? {
        screen.follow(Some(&v.id));
    }
    Ok(())
}

/// What the citizen display shows now. Needs no permission: it shows nothing about anyone.
pub fn view(ctx: &Ctx, screen: &mut Screen, devices: &Devices) -> Result<CitizenView, AppError> {
    let visit = open_visit(ctx)?;
    screen.follow(visit.as_ref().map(|v| v.id.as_str()));
    let since_ended = match &visit {
        Some(_) => None,
        None => visits::last_ended_at(ctx.store(), ctx.counter())?
            .and_then(|t| crate::clock::parse(&t))
            .and_then(|t| (ctx.now() - t).to_std().ok()),
    };
    if visit.is_none() && since_ended.is_none_or(|d| d >= scene::THANKS_FOR) {
        screen.forget();
    }
    let (countdown_left, since_shutter) = screen.shutter_times(ctx.instant());
    let inputs = Inputs {
        visit_open: visit.is_some(),
        since_ended,
        camera_on: devices.camera_on,
        photo: devices.photo,
        countdown_left,
        since_shutter,
        card: devices.card.as_ref(),
        guide: screen.guide.as_deref(),
        step: screen.step,
    };
    let scene = citizen::scene::scene(&inputs);
    Ok(CitizenView {
        instruction: matches!(scene, Scene::Preview)
            .then_some(devices.instruction)
            .flatten(),
        scene,
        lang: screen.lang,
    })
}

/// The operator chooses the citizen's language for the visit in progress. The visit is counted
/// once, in the language last chosen.
pub fn set_language(ctx: &mut Ctx, screen: &mut Screen, code: &str) -> Result<(), AppError> {
    ctx.require(Permission::VisitLog)?;
    let lang = language::by_code(code).ok_or(AppError::UnknownLanguage)?;
    let visit = open_visit(ctx)?.ok_or(AppError::NoOpenVisit)?;
    screen.follow(Some(&visit.id));
    if screen.counted != Some(lang.code) {
        counts::count(
            ctx.store(),
            ctx.now().date_naive(),
            screen.counted,
            lang.code,
        )?;
        screen.counted = Some(lang.code);
    }
    screen.lang = lang.code;
    Ok(())
}

/// The guide the operator has open (`None`: closed) and what the citizen does at its current step
/// (a cue's code, from the guide's steps), for the citizen display's lines. A code that names no
/// guide or cue shows nothing rather than something wrong.
pub fn set_guide(
    ctx: &Ctx,
    screen: &mut Screen,
    guide: Option<&str>,
    step: Option<&str>,
) -> Result<(), AppError> {
    ctx.require(Permission::VisitLog)?;
    follow_open_visit(ctx, screen)?;
    screen.guide = guide
        .and_then(crate::procedure::guide::Guide::from_code)
        .map(|g| g.code().to_string());
    screen.step = screen
        .guide
        .as_ref()
        .and(step)
        .and_then(crate::procedure::cue::Cue::from_code);
    Ok(())
}

/// Starts the photo's countdown on the citizen display; returns the time to the shutter.
pub fn countdown(ctx: &Ctx, screen: &mut Screen) -> Result<Duration, AppError> {
    ctx.require(Permission::PhotoTake)?;
    follow_open_visit(ctx, screen)?;
    let at = screen.countdown(ctx.instant());
    Ok(at - ctx.instant())
}

/// The photo just taken, for the citizen to confirm: only while it waits for 採用 or 撮り直し
/// (empty otherwise, or once its time limit has passed). Needs no permission: the citizen sees
/// their own photo.
pub fn photo(ctx: &Ctx, desk: &mut Desk) -> Vec<u8> {
    desk.expire(ctx.instant());
    match desk.state() {
        PhotoState::Captured => desk.photo().map(|j| j.bytes.clone()).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// The languages, for the operator's picker.
pub fn languages() -> &'static [citizen::Language] {
    &citizen::LANGUAGES
}
