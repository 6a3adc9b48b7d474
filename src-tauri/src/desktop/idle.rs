//! The idle sign-out's watcher: once a second it asks the use-case layer to end a session idle
//! past its limit (the photo goes, the sign-out is recorded); the camera stops with it, so the
//! citizen display returns to its welcome. The rule itself — a session idle past its limit acts
//! as nobody — holds in `app::session` even between two rounds of this watcher.

use std::time::Duration;

use tauri::{AppHandle, Manager, Runtime};

use super::photo_booth::PhotoBooth;
use super::state::{act_as_system, Db};
use crate::app::{self, SessionSlot};

/// Starts the watcher thread.
pub fn watch<R: Runtime>(handle: AppHandle<R>) {
    let _ = std::thread::Builder::new()
        .name("idle-sign-out".into())
        .spawn(move || loop {
            std::thread::sleep(Duration::from_secs(1));
            end_if_idle(
                &handle.state::<Db>(),
                &handle.state::<SessionSlot>(),
                &handle.state::<PhotoBooth>(),
            );
        });
}

/// Ends the session if it is idle past its limit, with its photo and the camera. The watcher
/// calls it each second, and the window's question "am I still signed in?" first, so the window
/// never shows the sign-in screen while the photo still exists. The store is locked for the whole
/// of it (then the photo desk, in the order every command takes them): a caller meeting the
/// watcher half-way waits for it to finish.
pub fn end_if_idle(db: &Db, slot: &SessionSlot, booth: &PhotoBooth) {
    let ended = act_as_system(db, |cx| {
        app::accounts::end_if_idle(cx, slot, &mut booth.desk())
    });
    if ended.unwrap_or(false) {
        booth.stop_camera();
    }
}
