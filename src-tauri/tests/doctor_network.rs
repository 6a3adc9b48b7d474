//! `madoguchi doctor --target` against servers on this machine: a good HTTPS target (a test CA's
//! certificate, trusted with `--ca-file`) whose clock is right, one whose clock is 2 minutes ahead,
//! an untrusted one, a Wi-Fi login page answering the connectivity check, and — in a network
//! namespace of its own with nothing but loopback — a name that does not resolve. No test reaches
//! outside this machine.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

#[path = "support/madoguchi_cli.rs"]
mod madoguchi_cli;
#[path = "support/test_pki.rs"]
mod test_pki;
use test_pki::{serve, TestPki};

fn doctor(dir: &Path, args: &[&str]) -> (Output, serde_json::Value) {
    let out = madoguchi_cli::command(dir)
        .args(["doctor", "--offline", "--json"])
        .args(args)
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
        panic!("not JSON: {}", String::from_utf8_lossy(&out.stdout));
    });
    (out, v)
}

/// `answer` with its `{date}` filled with the time of each request plus `ahead_s`.
fn dated(answer: &'static str, ahead_s: i64) -> impl Fn() -> Option<String> + Send + Sync {
    move || {
        let date = (chrono::Utc::now() + chrono::Duration::seconds(ahead_s))
            .format("%a, %d %b %Y %H:%M:%S GMT")
            .to_string();
        Some(answer.replace("{date}", &date))
    }
}

const OK: &str =
    "HTTP/1.1 200 OK\r\nDate: {date}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

fn line<'a>(v: &'a serde_json::Value, id: &str, has: &str) -> &'a serde_json::Value {
    v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            let text = |k: &str| c[k].as_str().unwrap_or_default().to_string();
            c["id"] == id && (text("detail").contains(has) || text("label").contains(has))
        })
        .unwrap_or_else(|| panic!("no {id} line with {has}: {v}"))
}

#[test]
fn targets_are_probed_and_each_failure_names_its_cause() {
    let dir = tempfile::tempdir().unwrap();
    let pki = TestPki::for_loopback();
    let ca = dir.path().join("ca.pem");
    std::fs::write(&ca, &pki.ca_pem).unwrap();
    let tls = pki.server_config();
    let good = format!(
        "https://127.0.0.1:{}/",
        serve(Some(tls.clone()), dated(OK, 0))
    );
    let portal = format!(
        "http://127.0.0.1:{}/generate_204",
        serve(
            None,
            dated(
                "HTTP/1.1 302 Found\r\nLocation: http://login.wifi.example/\r\n\r\n",
                0
            )
        )
    );
    let (_, v) = doctor(
        dir.path(),
        &[
            "--target",
            &good,
            "--target",
            &portal,
            "--ca-file",
            ca.to_str().unwrap(),
        ],
    );
    assert_eq!(line(&v, "network", &good)["ok"], true);
    let p = line(&v, "network", &portal);
    assert_eq!(p["ok"], false);
    assert!(
        p["detail"]
            .as_str()
            .unwrap()
            .contains("Wi-Fi のログイン画面"),
        "{p}"
    );
    let network = v["network"].as_array().unwrap();
    assert_eq!(network.len(), 2);
    assert_eq!(network[1]["cause"], "captive_portal");
    assert_eq!(line(&v, "clock", "")["ok"], true, "{v}");

    // Without the CA the same server is a certificate failure.
    let (out, v) = doctor(dir.path(), &["--target", &good]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(v["network"][0]["cause"], "tls");

    // A server 2 minutes ahead: the clock is NG and says to set it.
    let ahead = format!("https://127.0.0.1:{}/", serve(Some(tls), dated(OK, 120)));
    let (_, v) = doctor(
        dir.path(),
        &["--target", &ahead, "--ca-file", ca.to_str().unwrap()],
    );
    let clock = line(&v, "clock", "");
    assert_eq!(clock["ok"], false, "{clock}");
    assert!(
        clock["detail"].as_str().unwrap().contains("時計を合わせて"),
        "{clock}"
    );
    let offset = v["network"][0]["clock_offset_s"].as_i64().unwrap();
    assert!((119..=121).contains(&offset), "{offset}");
}

/// In a network namespace of its own (loopback only, no way out), a name cannot resolve: the
/// failure is DNS's. Needs root for `unshare -n`, as `.ci/run` has.
#[test]
fn a_name_that_does_not_resolve_is_a_dns_failure() {
    let probe = Command::new("unshare").args(["-n", "true"]).status();
    if !probe.is_ok_and(|s| s.success()) {
        eprintln!("(unshare -n needs root: skipped here, run by .ci/run)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new("unshare")
        .arg("-n")
        .arg(env!("CARGO_BIN_EXE_madoguchi"))
        .arg("--data-dir")
        .arg(dir.path())
        .args([
            "doctor",
            "--offline",
            "--json",
            "--target",
            "https://counter-check.invalid/",
        ])
        .env_remove("MADOGUCHI_DATA_DIR")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["network"][0]["cause"], "dns", "{v}");
    let text = line(&v, "network", "counter-check.invalid")["detail"].clone();
    assert!(text.as_str().unwrap().contains("名前解決（DNS）"), "{text}");
}
