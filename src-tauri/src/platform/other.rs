//! Other systems (macOS, BSD): no camera backend, and the monitor count comes from the running
//! window only.

use crate::camera::mode::Device;
use crate::camera::{CameraError, FrameSource};

/// Not known without a running window on this platform.
pub fn display_count() -> Option<usize> {
    None
}

/// Nothing to tune outside WebKitGTK.
pub fn tune_webkit(_stock: bool) {}

/// No camera backend here.
pub fn cameras() -> Vec<Device> {
    Vec::new()
}

/// No camera backend here.
pub fn open_camera(_index: Option<u32>) -> Result<Box<dyn FrameSource>, CameraError> {
    Err(CameraError::NotFound)
}

/// No TCP_QUICKACK here.
pub fn tcp_quick_ack(_stream: &std::net::TcpStream) {}

/// Not built here: core dumps stay as the OS sets them.
pub fn no_core_dumps() -> bool {
    false
}

/// No XDG desktop session here: the kiosk session is set up as README describes (Windows: Shell
/// Launcher or a scheduled task running `madoguchi kiosk run`).
pub const XDG_KIOSK_SESSION: bool = false;

/// None known here.
pub const JAPANESE_FONTS: super::FontFiles = super::FontFiles {
    regular: &[],
    bold: &[],
};
