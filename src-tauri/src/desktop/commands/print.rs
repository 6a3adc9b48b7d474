//! 印刷する: the accepted photo printed on the sheet the settings describe, through the system's
//! print dialog (`desktop::print_sheet`, Linux/GTK). In demo mode (the simulated camera's face,
//! never a citizen's), `MADOGUCHI_PRINT_TO=DIR` writes the sheet to `DIR/photo-sheet-<time>.pdf`
//! instead, without a dialog: for IT staff checking a printer's calibration with a ruler, and for
//! the end-to-end test that measures the millimetres.

#[cfg(target_os = "linux")]
use gtk::prelude::Cast;
use serde::Serialize;
use tauri::{Runtime, State, WebviewWindow};

use crate::auth::Action;
use crate::desktop::error::{CmdResult, CommandError};
use crate::desktop::photo_service::PhotoService;
use crate::desktop::state::{Db, LaunchInfo, SessionSlot};
use crate::photo::settings::PhotoSettings;
use crate::photo::sheet;

/// How printing ended, for the page.
#[derive(Debug, Serialize)]
pub struct PrintView {
    /// `printed`, `cancelled`, or `unsupported` (the page then uses the browser's print).
    pub outcome: &'static str,
    /// The PDF written, when exporting.
    pub file: Option<String>,
}

/// Prints the accepted photo (operator).
#[tauri::command]
pub async fn photo_print<R: Runtime>(
    window: WebviewWindow<R>,
    photos: State<'_, PhotoService>,
    db: State<'_, Db>,
    launch: State<'_, LaunchInfo>,
    session: State<'_, SessionSlot>,
) -> CmdResult<PrintView> {
    session.require_to(Action::LogVisits)?;
    let settings = PhotoSettings::load(&*db.lock()?)?;
    let layout = sheet::layout(settings.paper, settings.copies);
    let photo = {
        let s = photos.session();
        let jpeg = s
            .photo()
            .filter(|_| s.accepted)
            .ok_or_else(|| CommandError::new("not_accepted", "先に写真を採用してください。"))?;
        image::load_from_memory_with_format(&jpeg.bytes, image::ImageFormat::Jpeg)
            .map_err(|e| CommandError::new("photo", e.to_string()))?
            .into_rgb8()
    };
    // Demo mode only: a citizen's photo is never written to a file.
    let export = std::env::var_os("MADOGUCHI_PRINT_TO")
        .filter(|_| launch.demo)
        .map(|dir| {
            std::path::Path::new(&dir).join(format!(
                "photo-sheet-{}.pdf",
                crate::clock::now().format("%Y%m%d-%H%M%S%3f")
            ))
        });
    run(window, layout, photo, export).await
}

#[cfg(target_os = "linux")]
async fn run<R: Runtime>(
    window: WebviewWindow<R>,
    layout: sheet::Sheet,
    mut photo: image::RgbImage,
    export: Option<std::path::PathBuf>,
) -> CmdResult<PrintView> {
    let (tx, rx) = std::sync::mpsc::channel();
    let file = export.clone();
    let win = window.clone();
    window.run_on_main_thread(move || {
        let parent = win.gtk_window().ok();
        let parent = parent.as_ref().map(|w| w.upcast_ref::<gtk::Window>());
        let r = crate::desktop::print_sheet::print(&layout, &photo, parent, export.as_deref());
        crate::camera::wipe(&mut photo);
        let _ = tx.send(r);
    })?;
    let r = tauri::async_runtime::spawn_blocking(move || {
        rx.recv()
            .unwrap_or_else(|_| Err("the print dialog went away".into()))
    })
    .await
    .map_err(|e| CommandError::new("internal", e.to_string()))?
    .map_err(|e| CommandError::new("print", format!("印刷できませんでした：{e}")))?;
    Ok(PrintView {
        outcome: match r {
            crate::desktop::print_sheet::Printed::Printed => "printed",
            crate::desktop::print_sheet::Printed::Cancelled => "cancelled",
        },
        file: file.map(|f| f.display().to_string()),
    })
}

#[cfg(not(target_os = "linux"))]
async fn run<R: Runtime>(
    _window: WebviewWindow<R>,
    _layout: sheet::Sheet,
    mut photo: image::RgbImage,
    _export: Option<std::path::PathBuf>,
) -> CmdResult<PrintView> {
    crate::camera::wipe(&mut photo);
    Ok(PrintView {
        outcome: "unsupported",
        file: None,
    })
}
