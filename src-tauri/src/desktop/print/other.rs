//! Systems without GTK: the app does not drive the print dialog; the page prints the sheet.

use std::path::PathBuf;

use image::RgbImage;
use tauri::{Runtime, WebviewWindow};

use super::{Outcome, PrintError};
use crate::photo::sheet::Sheet;

/// Nothing to restrict: the app does not drive a print dialog here.
pub fn restrict_backends() {}

/// Wipes the photo and answers `Unsupported`.
pub async fn run<R: Runtime>(
    _window: WebviewWindow<R>,
    _sheet: Sheet,
    mut photo: RgbImage,
    _export: Option<PathBuf>,
) -> Result<Outcome, PrintError> {
    crate::camera::wipe(&mut photo);
    Ok(Outcome::Unsupported)
}
