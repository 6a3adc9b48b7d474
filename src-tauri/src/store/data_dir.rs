//! Where the data lives: `--data-dir`, else `MADOGUCHI_DATA_DIR`, else the OS app-data directory
//! (`~/.local/share/jp.madoguchi.kiosk` on Linux, `%APPDATA%\jp.madoguchi.kiosk` on Windows).

use std::path::{Path, PathBuf};

/// Environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "MADOGUCHI_DATA_DIR";

/// The app identifier, also tauri's `identifier`.
pub const APP_ID: &str = "jp.madoguchi.kiosk";

/// The OS app-data directory for this app.
pub fn default_data_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join(APP_ID)
}

/// The directory to use, from the command line flag, the environment, or the default.
pub fn resolve_data_dir(flag: Option<&Path>) -> PathBuf {
    if let Some(dir) = flag {
        return dir.to_path_buf();
    }
    match std::env::var_os(DATA_DIR_ENV) {
        Some(v) if !v.is_empty() => PathBuf::from(v),
        _ => default_data_dir(),
    }
}
