//! The system browser, for a manual link the allow-list let through (`links`). The page is for
//! the operator (a government site's explanation), not the citizen's form: it opens in the PC's
//! default browser, or in the browser set at launch (`MADOGUCHI_BROWSER`).

use std::process::{Command, Stdio};

use crate::launch::LaunchInfo;

/// Opens `url`; false when no browser could be started (or none is to be, in tests).
pub fn open(launch: &LaunchInfo, url: &str) -> bool {
    if !launch.open_browser {
        return false;
    }
    let Some(program) = &launch.browser else {
        return open::that_detached(url).is_ok();
    };
    let child = Command::new(program)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    match child {
        Ok(mut child) => {
            // Reaped when it ends, so no zombie stays behind.
            std::thread::spawn(move || child.wait());
            true
        }
        Err(_) => false,
    }
}
