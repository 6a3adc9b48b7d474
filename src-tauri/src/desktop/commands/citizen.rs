//! The citizen display's own commands — today's date, status and hours; what to show now; the
//! photo while the citizen is asked whether it will do — and the operator's side of it: the
//! visit's language, the guide under way, the photo's countdown.

use std::sync::Mutex;

use tauri::ipc::Response;
use tauri::State;

use crate::app::citizen::{CitizenView, Devices};
use crate::app::{self, SessionSlot};
use crate::camera::worker::Status;
use crate::citizen::{Language, Screen};
use crate::desktop::card_reader::CardReader;
use crate::desktop::error::CmdResult;
use crate::desktop::photo_booth::PhotoBooth;
use crate::desktop::state::{act, Db};

/// The citizen display's memory (managed state).
#[derive(Default)]
pub struct CitizenScreen(pub Mutex<Screen>);

impl CitizenScreen {
    fn lock(&self) -> std::sync::MutexGuard<'_, Screen> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

fn devices(booth: &PhotoBooth, cards: &CardReader) -> Devices {
    let camera = booth.camera();
    Devices {
        camera_on: camera
            .as_ref()
            .is_some_and(|c| matches!(c.status(), Status::Running { .. })),
        photo: Some(booth.desk().state()),
        card: cards.current_status(),
        instruction: camera.and_then(|c| c.live()).map(|l| l.instruction.id),
    }
}

/// What the citizen display shows now (it asks a few times a second).
#[tauri::command]
pub fn citizen_screen(
    screen: State<'_, CitizenScreen>,
    booth: State<'_, PhotoBooth>,
    cards: State<'_, CardReader>,
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<CitizenView> {
    let devices = devices(&booth, &cards);
    act(&db, &session, |cx| {
        app::citizen::view(cx, &mut screen.lock(), &devices)
    })
}

/// The photo just taken, while the citizen is asked whether it will do (empty otherwise).
#[tauri::command]
pub fn citizen_photo(
    booth: State<'_, PhotoBooth>,
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<Response> {
    act(&db, &session, |cx| {
        Ok(app::citizen::photo(cx, &mut booth.desk()))
    })
    .map(Response::new)
}

/// The languages the display speaks (the operator's picker).
#[tauri::command]
pub fn citizen_languages() -> &'static [Language] {
    app::citizen::languages()
}

/// The operator chooses the citizen's language for the visit.
#[tauri::command]
pub fn citizen_set_language(
    lang: String,
    screen: State<'_, CitizenScreen>,
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<()> {
    act(&db, &session, |cx| {
        app::citizen::set_language(cx, &mut screen.lock(), &lang)
    })
}

/// The guide the operator has open and its current step's cue, for the display's lines
/// (`None`: closed, or no cue).
#[tauri::command]
pub fn citizen_set_guide(
    guide: Option<String>,
    step: Option<String>,
    screen: State<'_, CitizenScreen>,
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<()> {
    act(&db, &session, |cx| {
        app::citizen::set_guide(cx, &mut screen.lock(), guide.as_deref(), step.as_deref())
    })
}

/// Starts the 3-2-1 countdown on the citizen display; answers the milliseconds to the shutter.
#[tauri::command]
pub fn photo_countdown(
    screen: State<'_, CitizenScreen>,
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<u64> {
    act(&db, &session, |cx| {
        app::citizen::countdown(cx, &mut screen.lock()).map(|d| d.as_millis() as u64)
    })
}

/// Today's status for the citizen display. Holds nothing about any visit or person.
#[tauri::command]
pub fn citizen_status(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<app::calendar::CitizenStatus> {
    act(&db, &session, |cx| app::calendar::citizen_status(cx))
}
