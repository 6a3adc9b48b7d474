//! Outside Unix: no user ids, and no single-instance socket (a second start opens a second
//! window; see the note in README).

/// Not known here (no Unix user ids).
pub fn current_uid() -> Option<u32> {
    None
}

/// Not built here.
pub fn listen_for_second_start(_socket: &std::path::Path, _show: Box<dyn Fn() + Send>) -> bool {
    false
}

/// Not built here.
pub fn ask_first_start_to_show(_socket: &std::path::Path) -> bool {
    false
}

/// Not told here yet (Windows: `GetDiskFreeSpaceExW`; see the Windows plan in README).
pub fn free_space(_path: &std::path::Path) -> Option<u64> {
    None
}
