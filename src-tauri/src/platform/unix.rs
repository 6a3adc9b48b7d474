//! Unix (Linux, and macOS were it built): the user id, and the socket through which a second
//! start of the kiosk asks the first to come to the front.

/// The real user id.
pub fn current_uid() -> Option<u32> {
    Some(rustix::process::getuid().as_raw())
}

/// A Unix socket beside the staging lock: the first kiosk accepts, a second start writes `show`.
pub fn listen_for_second_start(socket: &std::path::Path, show: Box<dyn Fn() + Send>) -> bool {
    use std::io::Read;
    use std::os::unix::net::UnixListener;
    let _ = std::fs::remove_file(socket);
    let Ok(listener) = UnixListener::bind(socket) else {
        return false;
    };
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(socket, std::fs::Permissions::from_mode(0o600));
    }
    std::thread::Builder::new()
        .name("second-start".into())
        .spawn(move || {
            for mut stream in listener.incoming().flatten() {
                let mut word = [0u8; 4];
                if stream.read_exact(&mut word).is_ok() && &word == b"show" {
                    show();
                }
            }
        })
        .is_ok()
}

/// Writes `show` to the first kiosk's socket.
pub fn ask_first_start_to_show(socket: &std::path::Path) -> bool {
    use std::io::Write;
    std::os::unix::net::UnixStream::connect(socket)
        .and_then(|mut s| s.write_all(b"show"))
        .is_ok()
}

/// Bytes an unprivileged user may still write on the disk holding `path` (`statvfs`'s
/// available blocks), if it can be told.
pub fn free_space(path: &std::path::Path) -> Option<u64> {
    let s = rustix::fs::statvfs(path).ok()?;
    Some(s.f_bavail.saturating_mul(s.f_frsize))
}
