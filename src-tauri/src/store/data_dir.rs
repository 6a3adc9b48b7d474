//! Where the data lives by default: the OS app-data directory (`~/.local/share/jp.madoguchi.kiosk`
//! on Linux, `%APPDATA%\jp.madoguchi.kiosk` on Windows). `launch` decides between it, the flag
//! and the environment.

use std::path::PathBuf;

/// The app identifier, also tauri's `identifier`.
pub const APP_ID: &str = "jp.madoguchi.kiosk";

/// The OS app-data directory for this app.
pub fn default_data_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join(APP_ID)
}
