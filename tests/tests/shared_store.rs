//! The kiosk and the city's shared store: a counter connected by IT staff (CLI) ends a visit in
//! the window; the sync worker pushes it within seconds and the header says so; the other counter
//! (another demo data folder, through the CLI) pulls it and its monthly report counts it. A real PostgreSQL
//! server, started for the test.

#[path = "../../src-tauri/tests/support/pg_cluster.rs"]
mod pg_cluster;

use std::path::Path;
use std::process::Command;

use madoguchi_e2e::{key, output_dir, Kiosk};
use pg_cluster::Cluster;

fn cli(demo: bool, dir: &Path, args: &[&str]) -> Result<String, String> {
    let mut cmd = Command::new(madoguchi_e2e::binary());
    if demo {
        cmd.arg("--demo");
    }
    let out = cmd
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!(
            "{args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn a_visit_ended_at_one_counter_is_counted_at_the_other() -> Result<(), String> {
    let out = output_dir("shared_store");
    let cluster = Cluster::start();
    let keys = out.join("keys");
    let _ = std::fs::remove_dir_all(&keys);
    let other = out.join("counter2");
    let _ = std::fs::remove_dir_all(&other);
    let setup = |dir: &Path| -> std::io::Result<()> {
        let run =
            |demo: bool, d: &Path, args: &[&str]| cli(demo, d, args).map_err(std::io::Error::other);
        let owner = cluster.owner_url();
        let keys_s = keys.to_str().unwrap_or_default();
        run(
            true,
            dir,
            &[
                "store",
                "init-central",
                &owner,
                "--counters",
                "2",
                "--out",
                keys_s,
            ],
        )?;
        let pw = |n: u8| keys.join(format!("main-counter{n}.password"));
        let c1 = cluster.url_for("madoguchi_main_c1");
        let pw1 = pw(1);
        run(
            true,
            dir,
            &[
                "store",
                "connect",
                &c1,
                "--password-file",
                pw1.to_str().unwrap_or_default(),
            ],
        )?;
        run(true, &other, &["counter", "2"])?;
        let c2 = cluster.url_for("madoguchi_main_c2");
        let pw2 = pw(2);
        run(
            true,
            &other,
            &[
                "store",
                "connect",
                &c2,
                "--password-file",
                pw2.to_str().unwrap_or_default(),
            ],
        )?;
        Ok(())
    };
    let kiosk = Kiosk::start_with(true, setup)?;
    kiosk.sign_in("operator1", "demo-pass")?;
    kiosk.wait_text("[data-testid=tally-total]", "0")?;
    kiosk.start_visit_with_f2()?;
    kiosk.keys("7")?;
    kiosk.find("[data-testid=service-pin][aria-pressed=true]")?;
    kiosk.keys(key::ENTER)?;
    kiosk.wait_text("[data-testid=tally-total]", "1")?;
    // The worker pushes it (the CLI reads the kiosk's own status), and the header says so.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let st: serde_json::Value = serde_json::from_str(&cli(
            true,
            &kiosk.app_data(),
            &["store", "status", "--json"],
        )?)
        .map_err(|e| e.to_string())?;
        if st["pending"] == 0 && st["last_ok"].is_string() {
            break;
        }
        if std::time::Instant::now() > deadline {
            return Err(format!("not pushed: {st}"));
        }
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
    let badge = kiosk.wait_contains("[data-testid=shared-status]", "同期済み")?;
    assert!(
        badge.chars().any(|c| c.is_ascii_digit()),
        "with the time: {badge}"
    );
    kiosk.screenshot(&out.join("header-synced.png"))?;

    let status = cli(true, &other, &["store", "status", "--json"])?;
    assert!(status.contains("\"connected\":true"), "{status}");
    // The month the kiosk counts today's visit in (Tokyo).
    let month = kiosk
        .exec("return new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 7)")?
        .as_str()
        .unwrap_or_default()
        .to_string();
    let report = || {
        cli(
            true,
            &other,
            &["report", "monthly", "--month", &month, "--json"],
        )
    };
    let before = report()?;
    cli(true, &other, &["sync"])?;
    let after = report()?;
    let visits = |report: &str| -> Result<u64, String> {
        let v: serde_json::Value = serde_json::from_str(report).map_err(|e| e.to_string())?;
        v["visits"].as_u64().ok_or(format!("no visits in {report}"))
    };
    assert_eq!(
        visits(&after)?,
        visits(&before)? + 1,
        "counter 2's report counts counter 1's visit"
    );
    Ok(())
}
