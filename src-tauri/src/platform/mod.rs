//! What differs between operating systems, one file per OS, so `cfg` stays out of the logic: the
//! OS user running the app, the monitors, WebKit's environment, and the real cameras. Tauri-free
//! (the monitor count uses GTK only in the desktop build).

#[cfg(target_os = "linux")]
mod linux;
#[cfg(target_os = "linux")]
use linux as os;

#[cfg(target_os = "windows")]
mod windows;
#[cfg(target_os = "windows")]
use windows as os;

#[cfg(not(any(target_os = "linux", target_os = "windows")))]
mod other;
#[cfg(not(any(target_os = "linux", target_os = "windows")))]
use other as os;

#[cfg(unix)]
mod unix;
#[cfg(unix)]
use unix as ux;

#[cfg(not(unix))]
mod not_unix;
#[cfg(not(unix))]
use not_unix as ux;

use crate::camera::mode::Device;
use crate::camera::{CameraError, FrameSource};

/// The desktop user's settings folder: `$XDG_CONFIG_HOME` when absolute (as the XDG spec says),
/// else `$HOME/.config`; `None` without either.
pub fn config_home() -> Option<std::path::PathBuf> {
    let absolute = |name: &str| {
        std::env::var_os(name)
            .map(std::path::PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    absolute("XDG_CONFIG_HOME").or_else(|| absolute("HOME").map(|h| h.join(".config")))
}

/// Whether an X display is set (`DISPLAY`): `xset` has something to talk to.
pub fn has_x_display() -> bool {
    std::env::var_os("DISPLAY").is_some_and(|d| !d.is_empty())
}

/// Whether `madoguchi kiosk setup` / `remove` apply here (an XDG desktop session).
pub const XDG_KIOSK_SESSION: bool = os::XDG_KIOSK_SESSION;

/// The OS account running the app (the command line's actor in the audit trail).
pub fn os_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "unknown".into())
}

/// The program `name` on the search path (`PATH`), if there is one.
pub fn find_program(name: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// The user id of this process (Unix), to check that a folder is the user's own.
pub fn current_uid() -> Option<u32> {
    ux::current_uid()
}

/// Listens for a second start of the kiosk on `socket` and calls `show` each time one asks
/// (the first kiosk then comes to the front). False when this platform cannot listen.
pub fn listen_for_second_start(socket: &std::path::Path, show: Box<dyn Fn() + Send>) -> bool {
    ux::listen_for_second_start(socket, show)
}

/// Asks the kiosk listening on `socket` to come to the front; true when one answered.
pub fn ask_first_start_to_show(socket: &std::path::Path) -> bool {
    ux::ask_first_start_to_show(socket)
}

/// Monitors of the default display, or `None` when it cannot be told (no display, or a platform
/// where only the running window knows).
pub fn display_count() -> Option<usize> {
    os::display_count()
}

/// Turns core dumps off for this process and every process it starts (the web processes): a
/// crash while a photo is in memory must not write it to disk. Returns whether it took effect.
pub fn no_core_dumps() -> bool {
    os::no_core_dumps()
}

/// Re-executes the kiosk once with the WebKit environment it needs (Linux), unless `stock`.
pub fn tune_webkit(stock: bool) {
    os::tune_webkit(stock);
}

/// Asks for a quick ACK on `stream` (Linux's TCP_QUICKACK; nothing elsewhere).
pub fn tcp_quick_ack(stream: &std::net::TcpStream) {
    os::tcp_quick_ack(stream);
}

/// The cameras connected, each with its modes and the one the app would use.
pub fn cameras() -> Vec<Device> {
    os::cameras()
}

/// A font file and the face to use in it (a .ttc holds several faces).
pub type FontFile = (&'static str, u32);

/// Japanese font files, regular and bold, each in order of preference.
#[derive(Debug, Clone, Copy)]
pub struct FontFiles {
    /// Regular faces.
    pub regular: &'static [FontFile],
    /// Bold faces.
    pub bold: &'static [FontFile],
}

/// Where this OS keeps Japanese fonts.
pub fn japanese_fonts() -> FontFiles {
    os::JAPANESE_FONTS
}

/// Free bytes on the disk holding `path`, if they can be told.
pub fn free_space(path: &std::path::Path) -> Option<u64> {
    ux::free_space(path)
}

/// Opens the real camera: the one set, else the first that offers a usable mode.
pub fn open_camera(index: Option<u32>) -> Result<Box<dyn FrameSource>, CameraError> {
    os::open_camera(index)
}
