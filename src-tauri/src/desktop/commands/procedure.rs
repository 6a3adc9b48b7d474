//! The guided procedures: the guides the card allows, finishing or stopping one, reading the
//! 申請書ID from a scanner's burst or typing, and opening the J-LIS page.

use tauri::{AppHandle, Manager, Runtime, State};

use crate::app::procedure::{GuideView, IdView, ScanAnswer};
use crate::app::{self, SessionSlot};
use crate::desktop::card_reader::CardReader;
use crate::desktop::error::{internal, CmdResult};
use crate::desktop::photo_booth::PhotoBooth;
use crate::desktop::state::{act, Db};
use crate::visits::Visit;

/// Reads the ID from `text`; `gaps` (ms between the keys) when the keys may be a scanner's.
#[tauri::command]
pub fn procedure_read_id(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    text: String,
    gaps: Option<Vec<u32>>,
) -> CmdResult<ScanAnswer> {
    act(&db, &session, |cx| {
        app::procedure::read_application_id(cx, &text, gaps.as_deref())
    })
}

/// Opens the J-LIS application page in a private browser window kept until the visit ends; false
/// when none could start.
#[tauri::command]
pub fn procedure_open_jlis(
    booth: State<'_, PhotoBooth>,
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<bool> {
    let url = act(&db, &session, |cx| app::procedure::jlis_page(cx))?;
    Ok(booth.open_for_visit(&url))
}

/// The guides, narrowed by the card in the reader now (the first reader holding a read card).
#[tauri::command]
pub fn procedure_guides(
    cards: State<'_, CardReader>,
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<Vec<GuideView>> {
    let card = cards.current_status();
    act(&db, &session, |cx| {
        app::procedure::guides(cx, card.as_ref())
    })
}

/// A guide finished: its services ticked in the visit.
#[tauri::command]
pub fn procedure_finish_guide(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    id: String,
    guide: String,
) -> CmdResult<Visit> {
    act(&db, &session, |cx| {
        app::procedure::finish_guide(cx, &id, &guide)
    })
}

/// A guide that cannot be done: the visit ends not completed with `reason`.
#[tauri::command]
pub fn procedure_stop_guide(
    booth: State<'_, PhotoBooth>,
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    id: String,
    guide: String,
    reason: String,
) -> CmdResult<Visit> {
    act(&db, &session, |cx| {
        app::procedure::stop_guide(cx, &mut booth.desk(), &id, &guide, &reason)
    })
}

/// Reads the 申請書ID from the form's QR code held up to the kiosk camera (up to 10 s). The frames
/// are looked at on a blocking thread: the async workers stay free for the other commands (the
/// citizen display's frames go on meanwhile).
#[tauri::command]
pub async fn procedure_read_qr<R: Runtime>(app: AppHandle<R>) -> CmdResult<IdView> {
    tauri::async_runtime::spawn_blocking(move || {
        let (booth, db, session) = (
            app.state::<PhotoBooth>(),
            app.state::<Db>(),
            app.state::<SessionSlot>(),
        );
        let settings = act(&db, &session, |cx| app::photo::camera_settings(cx))?;
        let found = booth.scan_frames(&settings, std::time::Duration::from_secs(10), |frame| {
            act(&db, &session, |cx| app::procedure::read_qr_frame(cx, frame))
        })?;
        found.ok_or_else(|| app::procedure::qr_not_found().into())
    })
    .await
    .map_err(internal)?
}
