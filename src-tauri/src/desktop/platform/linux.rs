//! Linux: counts monitors through GDK, which tauri's GTK backend uses anyway. Needs a display.

/// Monitors of the default display, or `None` when there is no display (a headless shell).
pub fn display_count() -> Option<usize> {
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        return None;
    }
    gtk::init().ok()?;
    let display = gtk::gdk::Display::default()?;
    usize::try_from(display.n_monitors()).ok()
}
