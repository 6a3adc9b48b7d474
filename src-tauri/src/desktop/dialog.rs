//! The native file dialog, run off the async runtime's workers: the webview never supplies a path.

use std::path::PathBuf;

use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

use super::error::{internal, CmdResult};

/// A file type offered in the dialog: its name and extensions.
pub type Filter = (&'static str, &'static [&'static str]);

async fn ask<R: Runtime>(
    app: &AppHandle<R>,
    save: bool,
    name: String,
    filter: Filter,
) -> CmdResult<Option<PathBuf>> {
    let app = app.clone();
    let picked = tauri::async_runtime::spawn_blocking(move || {
        let dialog = app
            .dialog()
            .file()
            .add_filter(filter.0, filter.1)
            .set_file_name(name);
        if save {
            dialog.blocking_save_file()
        } else {
            dialog.blocking_pick_file()
        }
    })
    .await
    .map_err(internal)?;
    // A path the dialog cannot give as a local file (a URI of another kind) is as good as none.
    Ok(picked.and_then(|p| p.into_path().ok()))
}

/// Where to save a file, named `name` by default; `None` when cancelled.
pub async fn save_to<R: Runtime>(
    app: &AppHandle<R>,
    name: String,
    filter: Filter,
) -> CmdResult<Option<PathBuf>> {
    ask(app, true, name, filter).await
}

/// Which file to open; `None` when cancelled.
pub async fn open_from<R: Runtime>(
    app: &AppHandle<R>,
    filter: Filter,
) -> CmdResult<Option<PathBuf>> {
    ask(app, false, String::new(), filter).await
}
