//! The kiosk session's supervisor under Xvfb with a window manager (openbox): `madoguchi kiosk run`
//! opens the kiosk with the operator window maximised; the kiosk process is killed (as the OOM
//! killer or a crash would); the supervisor starts it again within seconds, its windows come back,
//! and the audit trail records the restart as the app's own.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use madoguchi_e2e::tempfile_dir::TempDir;
use madoguchi_e2e::{binary, output_dir, XDisplay};

/// The supervisor's children (the kiosk process), by `/proc`.
fn children(pid: u32) -> Vec<u32> {
    let path = format!("/proc/{pid}/task/{pid}/children");
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|p| p.parse().ok())
        .collect()
}

fn wait_for<T>(what: &str, secs: u64, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn kill(pid: u32, signal: &str) {
    let _ = Command::new("kill")
        .args([signal, &pid.to_string()])
        .status();
}

#[test]
fn a_killed_kiosk_comes_back_and_the_restart_is_recorded() {
    let x = XDisplay::start().unwrap();
    let tmp = TempDir::new("madoguchi-kiosk").unwrap();
    let data = tmp.path().join("data");
    let home = tmp.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let env = |c: &mut Command| {
        c.arg("--demo")
            .arg("--data-dir")
            .arg(&data)
            .env("DISPLAY", &x.name)
            .env("HOME", &home)
            .env("XDG_DATA_HOME", tmp.path().join("xdg"))
            .env("XDG_CACHE_HOME", tmp.path().join("cache"))
            .env("MADOGUCHI_NO_BROWSER", "1")
            .env_remove("MADOGUCHI_DATA_DIR");
    };
    let mut sup = Command::new(binary());
    env(&mut sup);
    let mut sup = sup
        .args(["kiosk", "run"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let sup_pid = sup.id();
    let out = output_dir("kiosk_restart");
    // A window manager, so "maximised" means something (Xvfb alone has none).
    let mut wm = Command::new("openbox")
        .env("DISPLAY", &x.name)
        .env("HOME", &home)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("openbox (apt-get install openbox)");

    let first = wait_for("the kiosk process", 30, || {
        children(sup_pid).first().copied()
    });
    wait_for("the operator window", 60, || {
        (!x.windows("窓口 オペレーター").is_empty()).then_some(())
    });
    std::thread::sleep(Duration::from_secs(2));
    x.screenshot(&out.join("1-started.png")).unwrap();
    let operator = x.windows("窓口 オペレーター").pop().unwrap();
    let state = Command::new("xprop")
        .args(["-id", &operator, "_NET_WM_STATE"])
        .env("DISPLAY", &x.name)
        .output()
        .unwrap();
    let state = String::from_utf8_lossy(&state.stdout).to_string();
    assert!(
        state.contains("_NET_WM_STATE_MAXIMIZED_HORZ") && state.contains("MAXIMIZED_VERT"),
        "the operator window in the kiosk session: {state}"
    );

    kill(first, "-KILL");
    let second = wait_for("a new kiosk process", 30, || {
        children(sup_pid).into_iter().find(|p| *p != first)
    });
    wait_for("the operator window again", 60, || {
        (!x.windows("窓口 オペレーター").is_empty()).then_some(())
    });
    std::thread::sleep(Duration::from_secs(2));
    x.screenshot(&out.join("2-restarted.png")).unwrap();
    assert!(!Path::new(&format!("/proc/{first}")).exists() || first != second);

    // The trail, read by the command line while the kiosk runs.
    let mut audit = Command::new(binary());
    env(&mut audit);
    let trail = audit.args(["audit", "--json"]).output().unwrap();
    let text = String::from_utf8_lossy(&trail.stdout).to_string();
    assert!(text.contains("kiosk.restart"), "{text}");
    assert!(text.contains("SIGKILL"), "{text}");

    // Stop: the supervisor first (so it restarts nothing), then its kiosk.
    kill(sup_pid, "-KILL");
    let _ = sup.wait();
    kill(second, "-TERM");
    std::thread::sleep(Duration::from_secs(1));
    kill(second, "-KILL");
    let _ = wm.kill();
    let _ = wm.wait();
}
