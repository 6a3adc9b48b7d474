//! `madoguchi kiosk setup` and `remove` against a temporary home folder, with GNOME's real
//! `gsettings` writing to a key file there (`GSETTINGS_BACKEND=keyfile`): the files written and
//! removed again, the desktop settings changed and put back, both in the audit trail.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: setup failures should panic

use std::path::Path;
use std::process::{Command, Output};

#[path = "support/madoguchi_cli.rs"]
mod madoguchi_cli;

fn kiosk(home: &Path, data: &Path, args: &[&str]) -> Output {
    madoguchi_cli::command(data)
        .args(args)
        .env_remove("XDG_CONFIG_HOME")
        .env("HOME", home)
        .env("GSETTINGS_BACKEND", "keyfile")
        .env("USER", "it-staff")
        .output()
        .expect("run madoguchi")
}

fn gsettings(home: &Path, schema: &str, key: &str) -> Option<String> {
    let out = Command::new("gsettings")
        .args(["get", schema, key])
        .env_remove("XDG_CONFIG_HOME")
        .env("HOME", home)
        .env("GSETTINGS_BACKEND", "keyfile")
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|_| {
        panic!(
            "{}\n{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

/// Every file under `dir`, relative.
fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn setup_writes_the_session_and_remove_takes_it_back() {
    let home = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let schema = "org.gnome.desktop.screensaver";
    let gnome = gsettings(home.path(), schema, "lock-enabled").is_some();

    let out = kiosk(home.path(), data.path(), &["kiosk", "setup", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = json(&out);
    let autostart = home
        .path()
        .join(".config/autostart/madoguchi-kiosk.desktop");
    let state = home.path().join(".config/madoguchi/kiosk-session.json");
    assert_eq!(r["autostart"], autostart.display().to_string());
    let entry = std::fs::read_to_string(&autostart).unwrap();
    let exec = entry.lines().find_map(|l| l.strip_prefix("Exec=")).unwrap();
    let bin = env!("CARGO_BIN_EXE_madoguchi");
    assert_eq!(
        exec,
        format!("{bin} --data-dir {} kiosk run", data.path().display())
    );
    assert!(entry.contains("X-GNOME-Autostart-enabled=true"));
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&state).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the state file is the user's own");
    }
    if gnome {
        assert_eq!(
            gsettings(home.path(), schema, "lock-enabled").as_deref(),
            Some("false")
        );
        let changed = r["changed"].as_array().unwrap();
        assert!(changed
            .iter()
            .any(|c| c["setting"] == format!("{schema} lock-enabled") && c["before"] == "true"));
    } else {
        eprintln!("(no GNOME schemas here: only the autostart entry is checked)");
    }

    // Again: nothing more changes, and the values from before the kiosk are kept.
    let again = json(&kiosk(
        home.path(),
        data.path(),
        &["kiosk", "setup", "--json"],
    ));
    assert_eq!(again["again"], true);
    assert_eq!(again["changed"].as_array().unwrap().len(), 0);

    let out = kiosk(home.path(), data.path(), &["kiosk", "remove", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = json(&out);
    assert_eq!(r["removed"].as_array().unwrap().len(), 2);
    assert!(!autostart.exists() && !state.exists());
    let left = files(home.path());
    assert!(
        left.iter().all(|f| f.starts_with(".config/glib-2.0/")),
        "only the desktop's own settings file stays: {left:?}"
    );
    if gnome {
        assert_eq!(
            gsettings(home.path(), schema, "lock-enabled").as_deref(),
            Some("true")
        );
    }

    // Both are in the audit trail, as the OS user who ran them.
    let trail = json(&kiosk(home.path(), data.path(), &["audit", "--json"]));
    let text = trail.to_string();
    assert!(
        text.contains("kiosk.setup") && text.contains("kiosk.remove"),
        "{text}"
    );
    assert!(text.contains("it-staff"));
}

#[test]
fn without_a_home_setup_says_so_in_japanese() {
    let data = tempfile::tempdir().unwrap();
    let out = madoguchi_cli::command(data.path())
        .args(["kiosk", "setup", "--json"])
        .env_remove("HOME")
        .env_remove("XDG_CONFIG_HOME")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(json(&out)["error"]["code"], "kiosk_no_home");
}
