//! Linux: counts monitors through GDK, which tauri's GTK backend uses anyway (needs a display),
//! sets the WebKitGTK environment the camera preview needs, and reaches cameras through V4L2.

use crate::camera::mode::Device;
use crate::camera::{native, CameraError, FrameSource};

/// Monitors of the default display, or `None` when there is no display (a headless shell) or no
/// GTK in this build.
pub fn display_count() -> Option<usize> {
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        return None;
    }
    gdk_monitors()
}

#[cfg(feature = "desktop")]
fn gdk_monitors() -> Option<usize> {
    gtk::init().ok()?;
    let display = gtk::gdk::Display::default()?;
    usize::try_from(display.n_monitors()).ok()
}

#[cfg(not(feature = "desktop"))]
fn gdk_monitors() -> Option<usize> {
    None
}

/// The cameras V4L2 lists.
pub fn cameras() -> Vec<Device> {
    native::list()
}

/// Opens the camera set, else the first usable one.
pub fn open_camera(index: Option<u32>) -> Result<Box<dyn FrameSource>, CameraError> {
    native::open(index)
}

/// Environment WebKitGTK must see from its very start so both windows can show the camera
/// preview at full rate on a PC without a GPU (measured in `BENCHMARKS.md`, spec `build.md`):
/// `Malloc=1` stops two IPC threads spinning on a lock in WebKit's own allocator (read when the
/// allocator starts, so only a new process image takes it), and `WEBKIT_DISABLE_COMPOSITING_MODE=1`
/// stops compositing through Mesa's software OpenGL (the kiosk needs no WebGL or 3D CSS).
const TUNING: [(&str, &str); 2] = [("Malloc", "1"), ("WEBKIT_DISABLE_COMPOSITING_MODE", "1")];

/// Re-executes the kiosk once with [`TUNING`] when it is missing, keeping the arguments, the
/// other variables and the process id. A variable already set (to anything) is left as it is;
/// `MADOGUCHI_WEBKIT_STOCK=1` keeps WebKit's defaults (to measure on hardware with a GPU). Returns
/// only when no re-exec happened or it failed (the kiosk then runs with the defaults).
pub fn tune_webkit(stock: bool) {
    use std::os::unix::process::CommandExt;
    if stock {
        return;
    }
    let missing: Vec<_> = TUNING
        .iter()
        .filter(|(k, _)| std::env::var_os(k).is_none())
        .collect();
    if missing.is_empty() {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let err = std::process::Command::new(exe)
        .args(std::env::args_os().skip(1))
        .envs(missing.iter().map(|(k, v)| (*k, *v)))
        .exec();
    eprintln!("WebKit の設定で再起動できませんでした（{err}）。標準の設定で続けます。");
}

/// TCP_QUICKACK, asked again after each read (Linux clears it).
pub fn tcp_quick_ack(stream: &std::net::TcpStream) {
    let _ = socket2::SockRef::from(stream).set_tcp_quickack(true);
}

/// RLIMIT_CORE to zero, soft and hard (children inherit it across exec).
pub fn no_core_dumps() -> bool {
    rlimit::setrlimit(rlimit::Resource::CORE, 0, 0).is_ok()
}

/// The kiosk session of `madoguchi kiosk setup` (XDG autostart, GSettings) is this system's.
pub const XDG_KIOSK_SESSION: bool = true;

/// Japanese fonts, regular then bold (face index 0 of Noto Sans CJK's collection is JP), in the
/// places Debian/Ubuntu, Fedora and Arch put them; IPAex Gothic as a last resort.
pub const JAPANESE_FONTS: super::FontFiles = super::FontFiles {
    regular: &[
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 0),
        ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 0),
        (
            "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
            0,
        ),
        ("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf", 0),
    ],
    bold: &[
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 0),
        ("/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc", 0),
        ("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc", 0),
    ],
};
