//! The counter PC as a kiosk: the desktop user's session starts the kiosk by itself at login,
//! keeps the screen awake during opening hours, and starts the kiosk again if it dies.
//!
//! - [`session`]: `madoguchi kiosk setup` / `remove` — the XDG autostart entry and the desktop's
//!   screen-lock settings, each change written down so `remove` puts back exactly what was there;
//! - [`desktop_settings`]: the desktop's settings behind a trait (GNOME's `gsettings`);
//! - [`awake`]: whether the screen must stay awake now (opening hours, from the calendar) and the
//!   X11 screen saver switch;
//! - [`supervisor`]: `madoguchi kiosk run` — runs the kiosk as a child process and starts it again
//!   when it dies (never when a site manager closed it), with a growing pause between fast failures.
//!
//! Nothing here imports tauri or the use cases: the use-case layer records setups and restarts.

pub mod awake;
pub mod desktop_settings;
pub mod session;
pub mod supervisor;

/// Why a kiosk-session step failed.
#[derive(Debug, thiserror::Error)]
pub enum KioskError {
    /// Neither `XDG_CONFIG_HOME` nor `HOME` says where the desktop user's settings are.
    #[error("デスクトップの設定フォルダが分かりません（HOME が設定されていません）。")]
    NoHome,
    /// A file of the session could not be written or removed.
    #[error("キオスク設定のファイルを書き込めませんでした：{path}（{source}）")]
    File {
        /// The file.
        path: std::path::PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The record of what setup changed is unreadable: nothing is guessed.
    #[error("キオスク設定の記録を読めませんでした：{0}。ファイルを確認してから、もう一度お試しください。")]
    BadState(String),
    /// This system has no XDG desktop session (Windows): README says how its kiosk is set up.
    #[error("この OS ではキオスク設定をこのコマンドで行えません。README の手順（Windows：Shell Launcher またはタスク スケジューラ）で設定してください。")]
    Unsupported,
    /// The kiosk program could not be started.
    #[error("キオスクを起動できませんでした：{0}")]
    Spawn(String),
}

impl KioskError {
    /// A stable code for the command line's JSON.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NoHome => "kiosk_no_home",
            Self::File { .. } => "kiosk_file",
            Self::BadState(_) => "kiosk_bad_state",
            Self::Spawn(_) => "kiosk_spawn",
            Self::Unsupported => "kiosk_unsupported",
        }
    }
}
