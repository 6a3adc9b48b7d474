//! The two windows: the operator window (`main`, from tauri.conf.json) and the citizen display,
//! which goes full screen on the second monitor when there is one, else opens as a second window.

use tauri::{AppHandle, Manager, Runtime, WebviewUrl, WebviewWindow, WebviewWindowBuilder};

/// The citizen display's window label (its capability file names it).
pub const CITIZEN: &str = "citizen";

/// Opens the citizen display.
pub fn open_citizen<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<WebviewWindow<R>> {
    if let Some(existing) = app.get_webview_window(CITIZEN) {
        return Ok(existing);
    }
    let window = WebviewWindowBuilder::new(app, CITIZEN, WebviewUrl::App("citizen.html".into()))
        .title("マイナンバーカード 窓口のご案内")
        .inner_size(1024.0, 640.0)
        .focused(false)
        .build()?;
    place_on_second_monitor(&window)?;
    Ok(window)
}

/// Moves the window to a monitor other than the primary one and makes it full screen there.
/// With one monitor it stays a normal window beside the operator's.
fn place_on_second_monitor<R: Runtime>(window: &WebviewWindow<R>) -> tauri::Result<()> {
    let monitors = window.available_monitors()?;
    if monitors.len() < 2 {
        return Ok(());
    }
    let primary = window.primary_monitor()?.map(|m| *m.position());
    if let Some(second) = monitors.iter().find(|m| Some(*m.position()) != primary) {
        window.set_position(*second.position())?;
        window.set_fullscreen(true)?;
    }
    Ok(())
}

/// Puts the citizen display in or out of full screen (a missing window is not an error: there is
/// nothing to change).
pub fn citizen_fullscreen<R: Runtime>(app: &AppHandle<R>, on: bool) -> tauri::Result<()> {
    match app.get_webview_window(CITIZEN) {
        Some(window) => window.set_fullscreen(on),
        None => Ok(()),
    }
}

/// Brings the operator window to the front (a second start of the kiosk asked for it).
pub fn bring_to_front<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}
