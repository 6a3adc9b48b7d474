//! The J-LIS application page opened in a browser that keeps nothing of the citizen: a private
//! window on a throw-away profile made for this photo and deleted with it. The form asks for an
//! e-mail address and a contact name; in the PC's everyday profile, autofill and history would
//! offer them to the next citizen. Supported: the Chromium family (Chromium, Google Chrome,
//! Microsoft Edge) and Firefox, whichever is found first (or the one set at launch).
//! Closing the window kills the browser and deletes the profile, so the next citizen never sees
//! the previous one's form.

use std::io;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// How a browser is told to keep nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Chromium, Google Chrome, Microsoft Edge.
    Chromium,
    /// Firefox.
    Firefox,
}

/// The programs looked for, in order.
pub const KNOWN: &[(&str, Family)] = &[
    ("chromium", Family::Chromium),
    ("chromium-browser", Family::Chromium),
    ("google-chrome", Family::Chromium),
    ("google-chrome-stable", Family::Chromium),
    ("microsoft-edge", Family::Chromium),
    ("microsoft-edge-stable", Family::Chromium),
    ("msedge", Family::Chromium),
    ("chrome", Family::Chromium),
    ("firefox", Family::Firefox),
    ("firefox-esr", Family::Firefox),
];

/// A browser the kiosk can open privately.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Browser {
    /// The program.
    pub program: PathBuf,
    /// How to tell it.
    pub family: Family,
}

impl Browser {
    /// The browser at `program` (its family from its name: anything with "firefox" in it is
    /// Firefox, the rest Chromium-like).
    pub fn at(program: &Path) -> Self {
        let name = program
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        Self {
            program: program.to_path_buf(),
            family: if name.contains("firefox") {
                Family::Firefox
            } else {
                Family::Chromium
            },
        }
    }

    /// The first known browser `find` locates (a program name → its path).
    pub fn find(find: impl Fn(&str) -> Option<PathBuf>) -> Option<Self> {
        KNOWN.iter().find_map(|(name, family)| {
            find(name).map(|program| Self {
                program,
                family: *family,
            })
        })
    }

    /// The command line that opens `url` privately on `profile`.
    pub fn args(&self, url: &str, profile: &Path) -> Vec<String> {
        let profile = profile.display().to_string();
        match self.family {
            Family::Chromium => vec![
                format!("--user-data-dir={profile}"),
                "--incognito".into(),
                "--no-first-run".into(),
                "--no-default-browser-check".into(),
                "--disable-sync".into(),
                "--password-store=basic".into(),
                "--new-window".into(),
                url.into(),
            ],
            Family::Firefox => vec![
                "--new-instance".into(),
                "--profile".into(),
                profile,
                "--private-window".into(),
                url.into(),
            ],
        }
    }

    /// Opens `url` privately on a new profile under `profiles` (owner-only).
    pub fn open_private(&self, url: &str, profiles: &Path) -> io::Result<PrivateWindow> {
        let profile = profiles.join(uuid::Uuid::new_v4().simple().to_string());
        std::fs::create_dir_all(&profile)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(profiles, std::fs::Permissions::from_mode(0o700))?;
            std::fs::set_permissions(&profile, std::fs::Permissions::from_mode(0o700))?;
        }
        let mut command = Command::new(&self.program);
        command
            .args(self.args(url, &profile))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // Its own process group, so closing it takes the renderers and helpers along.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let child = command.spawn();
        match child {
            Ok(child) => Ok(PrivateWindow {
                child: Some(child),
                profile,
            }),
            Err(e) => {
                let _ = std::fs::remove_dir_all(&profile);
                Err(e)
            }
        }
    }
}

/// A private browser window and its profile; closing it (or dropping it) kills the browser and
/// deletes the profile.
#[derive(Debug)]
pub struct PrivateWindow {
    child: Option<Child>,
    profile: PathBuf,
}

impl PrivateWindow {
    /// The profile folder.
    pub fn profile(&self) -> &Path {
        &self.profile
    }

    /// Closes the browser and deletes its profile.
    pub fn close(mut self) {
        self.shut();
    }

    fn shut(&mut self) {
        if let Some(mut child) = self.child.take() {
            #[cfg(unix)]
            let _ = rustix::process::kill_process_group(
                rustix::process::Pid::from_child(&child),
                rustix::process::Signal::KILL,
            );
            let _ = child.kill();
            let _ = child.wait();
        }
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

impl Drop for PrivateWindow {
    fn drop(&mut self) {
        self.shut();
    }
}

/// Deletes the profiles a crash left behind under `profiles`.
pub fn sweep_profiles(profiles: &Path) {
    if let Ok(entries) = std::fs::read_dir(profiles) {
        for e in entries.flatten() {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_family_is_told_to_keep_nothing() {
        let p = Path::new("/tmp/profile");
        let chrome = Browser::at(Path::new("/usr/bin/google-chrome")).args("https://x.go.jp", p);
        assert!(chrome.contains(&"--incognito".to_string()));
        assert!(chrome.contains(&"--user-data-dir=/tmp/profile".to_string()));
        let firefox = Browser::at(Path::new("/usr/bin/firefox-esr")).args("https://x.go.jp", p);
        assert!(firefox.contains(&"--private-window".to_string()));
        assert!(firefox
            .windows(2)
            .any(|w| w[0] == "--profile" && w[1] == "/tmp/profile"));
        let found = Browser::find(|n| (n == "firefox").then(|| PathBuf::from("/opt/firefox")));
        assert_eq!(found.map(|b| b.family), Some(Family::Firefox));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_window_and_its_profile_go_when_closed() {
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().unwrap();
        // A stand-in browser: starts a helper (as a browser starts its renderers), records the
        // helper's process id and its own arguments, then waits.
        let program = root.path().join("chromium");
        let record = root.path().join("args.txt");
        let r = record.display();
        std::fs::write(
            &program,
            format!(
                "#!/bin/sh\nsleep 31 &\necho \"$! $@\" > {r}.tmp\nmv {r}.tmp {r}\nexec sleep 30\n"
            ),
        )
        .unwrap();
        std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).unwrap();
        let profiles = root.path().join("profiles");
        let window = Browser::at(&program)
            .open_private("https://net.kojinbango-card.go.jp/", &profiles)
            .unwrap();
        let profile = window.profile().to_path_buf();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while !record.exists() {
            assert!(
                std::time::Instant::now() < deadline,
                "the browser did not start"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let line = std::fs::read_to_string(&record).unwrap();
        let (helper, args) = line.trim().split_once(' ').unwrap();
        assert!(args.contains("--incognito") && args.contains(&profile.display().to_string()));
        assert!(profile.is_dir());
        let alive = |pid: &str| {
            std::fs::read_to_string(format!("/proc/{pid}/stat"))
                .map(|s| !s.contains(") Z "))
                .unwrap_or(false)
        };
        assert!(alive(helper));
        window.close();
        assert!(!profile.exists(), "the profile is deleted with the window");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while alive(helper) {
            assert!(
                std::time::Instant::now() < deadline,
                "the helper outlived the window"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}
