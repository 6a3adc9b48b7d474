//! Windows: cameras through Media Foundation (nokhwa); the monitor count comes from the running
//! window (WebView2 has no WebKit environment to tune). Not compiled on this project's CI (no
//! Windows target here): kept small and parallel to `linux.rs`.

use crate::camera::mode::Device;
use crate::camera::{native, CameraError, FrameSource};

/// Not known without a running window on this platform.
pub fn display_count() -> Option<usize> {
    None
}

/// Nothing to tune outside WebKitGTK.
pub fn tune_webkit(_stock: bool) {}

/// The cameras Media Foundation lists.
pub fn cameras() -> Vec<Device> {
    native::list()
}

/// Opens the camera set, else the first usable one.
pub fn open_camera(index: Option<u32>) -> Result<Box<dyn FrameSource>, CameraError> {
    native::open(index)
}

/// Windows has no TCP_QUICKACK.
pub fn tcp_quick_ack(_stream: &std::net::TcpStream) {}

/// No core files to turn off here (Windows writes crash dumps only when configured to).
pub fn no_core_dumps() -> bool {
    false
}

/// No XDG desktop session here: the kiosk session is set up as README describes (Windows: Shell
/// Launcher or a scheduled task running `madoguchi kiosk run`).
pub const XDG_KIOSK_SESSION: bool = false;

/// Japanese fonts, regular then bold: Yu Gothic, then Meiryo (both ship with Windows 10 and 11).
pub const JAPANESE_FONTS: super::FontFiles = super::FontFiles {
    regular: &[
        (r"C:\Windows\Fonts\YuGothM.ttc", 0),
        (r"C:\Windows\Fonts\meiryo.ttc", 0),
    ],
    bold: &[
        (r"C:\Windows\Fonts\YuGothB.ttc", 0),
        (r"C:\Windows\Fonts\meiryob.ttc", 0),
    ],
};
