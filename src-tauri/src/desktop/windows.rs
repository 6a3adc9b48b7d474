//! The two windows: the operator window (`main`, sized in tauri.conf.json) and the citizen
//! display, which goes full screen on the second monitor when there is one, else opens as a second
//! window. Neither ever leaves the app: navigation is locked to the app's own pages and no page
//! opens a new window (a manual link goes to the system browser through `link_open`). Closing the
//! operator window asks for a site manager's signature once one exists; the citizen display is
//! closed only with the app.

use tauri::webview::NewWindowResponse;
use tauri::{
    AppHandle, Manager, Runtime, WebviewUrl, WebviewWindow, WebviewWindowBuilder, Window,
    WindowEvent,
};

/// The operator window's label.
pub const MAIN: &str = "main";
/// The citizen display's window label (its capability file names it).
pub const CITIZEN: &str = "citizen";
/// What the operator window runs when someone closes it: its page asks for the signature (a DOM
/// event, so the page needs no permission to listen to the backend).
const QUIT_REQUESTED: &str = "document.dispatchEvent(new CustomEvent('mg-quit-requested'))";

/// Whether `url` is one of the app's own pages (`tauri://localhost` on Linux and macOS,
/// `http(s)://tauri.localhost` on Windows).
pub fn is_app_page(url: &url::Url) -> bool {
    matches!(
        (url.scheme(), url.host_str()),
        ("tauri", Some("localhost")) | ("http" | "https", Some("tauri.localhost"))
    )
}

/// A window of ours: app pages only, no new windows.
fn locked<'a, R: Runtime, M: Manager<R>>(
    builder: WebviewWindowBuilder<'a, R, M>,
) -> WebviewWindowBuilder<'a, R, M> {
    builder
        .on_navigation(|url| {
            let ok = is_app_page(url);
            if !ok {
                let place = format!("{}://{}", url.scheme(), url.host_str().unwrap_or(""));
                crate::applog::error("navigation_blocked", &place);
            }
            ok
        })
        .on_new_window(|_, _| NewWindowResponse::Deny)
}

/// Opens the operator window from its configuration.
pub fn open_main<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<WebviewWindow<R>> {
    if let Some(existing) = app.get_webview_window(MAIN) {
        return Ok(existing);
    }
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == MAIN)
        .cloned()
        .unwrap_or_default();
    locked(WebviewWindowBuilder::from_config(app, &config)?).build()
}

/// Opens the citizen display.
pub fn open_citizen<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<WebviewWindow<R>> {
    if let Some(existing) = app.get_webview_window(CITIZEN) {
        return Ok(existing);
    }
    let builder = WebviewWindowBuilder::new(app, CITIZEN, WebviewUrl::App("citizen.html".into()))
        .title("マイナンバーカード 窓口のご案内")
        .inner_size(1024.0, 640.0)
        .focused(false);
    let window = locked(builder).build()?;
    place_on_second_monitor(&window)?;
    Ok(window)
}

/// A window is being closed: the operator window asks for the site manager's signature first
/// (`needs_signature`), the citizen display stays (it closes with the app).
pub fn on_close<R: Runtime>(window: &Window<R>, event: &WindowEvent, needs_signature: bool) {
    let WindowEvent::CloseRequested { api, .. } = event else {
        return;
    };
    match window.label() {
        MAIN if needs_signature => {
            api.prevent_close();
            if let Some(webview) = window.app_handle().get_webview_window(MAIN) {
                let _ = webview.eval(QUIT_REQUESTED);
            }
        }
        MAIN => window.app_handle().exit(0),
        _ => api.prevent_close(),
    }
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
        // Full screen once the window is mapped where it was moved: asked at once, the window
        // manager puts it full screen on the first monitor (tauri#11307).
        let window = window.clone();
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(400));
            if let Err(e) = window.set_fullscreen(true) {
                crate::applog::error("citizen_window", &e.to_string());
            }
        });
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
    if let Some(window) = app.get_webview_window(MAIN) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_apps_own_pages_are_navigable() {
        for ok in [
            "tauri://localhost/operator.html",
            "tauri://localhost/citizen.html#x",
            "http://tauri.localhost/operator.html",
        ] {
            assert!(is_app_page(&ok.parse().unwrap()), "{ok}");
        }
        for bad in [
            "https://www.kojinbango-card.go.jp/",
            "https://localhost/operator.html",
            "tauri://evil.example/operator.html",
            "file:///tmp/photo.jpg",
            "about:blank",
            "http://tauri.localhost.evil.example/",
        ] {
            assert!(!is_app_page(&bad.parse().unwrap()), "{bad}");
        }
    }
}
