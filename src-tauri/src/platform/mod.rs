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

use crate::camera::mode::Device;
use crate::camera::{CameraError, FrameSource};

/// The OS account running the app (the command line's actor in the audit trail).
pub fn os_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "unknown".into())
}

/// Monitors of the default display, or `None` when it cannot be told (no display, or a platform
/// where only the running window knows).
pub fn display_count() -> Option<usize> {
    os::display_count()
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

/// Opens the real camera: the one set, else the first that offers a usable mode.
pub fn open_camera(index: Option<u32>) -> Result<Box<dyn FrameSource>, CameraError> {
    os::open_camera(index)
}
