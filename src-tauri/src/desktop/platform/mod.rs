//! Platform quirks of the desktop shell, one file per OS.

#[cfg(target_os = "linux")]
mod linux;
#[cfg(target_os = "linux")]
pub use linux::{display_count, tune_webkit};

#[cfg(not(target_os = "linux"))]
mod other;
#[cfg(not(target_os = "linux"))]
pub use other::display_count;

/// Nothing to tune outside WebKitGTK.
#[cfg(not(target_os = "linux"))]
pub fn tune_webkit() {}
