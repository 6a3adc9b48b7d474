//! Other systems: the count comes from the running window (see `windows.rs`); the CLI cannot tell.

/// Not known without a running window on this platform.
pub fn display_count() -> Option<usize> {
    None
}
