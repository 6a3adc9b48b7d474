//! `madoguchi store …` and `madoguchi sync` against a real PostgreSQL server started for the test:
//! set up, two counters connect with their own roles, a role that is not this counter's is
//! refused, an unreadable password file is refused, a stopped server is exit status 4 and the
//! status says why, and nothing is attempted when not connected.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code

#[path = "support/pg_cluster.rs"]
mod pg_cluster;

use std::path::Path;
use std::process::{Command, Output};

use pg_cluster::Cluster;

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("MADOGUCHI_DATA_DIR")
        .output()
        .expect("run madoguchi")
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

#[test]
fn it_staff_set_up_connect_and_sync_from_the_command_line() {
    let cluster = Cluster::start();
    let (one, two, keys) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let out = keys.path().join("keys");
    let init = run(
        one.path(),
        &[
            "store",
            "init-central",
            &cluster.owner_url(),
            "--site",
            "honcho",
            "--counters",
            "2",
            "--out",
            out.to_str().unwrap(),
            "--json",
        ],
    );
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stdout)
    );
    let roles = json(&init)["roles"].clone();
    let role = |i: usize| roles[i][0].as_str().unwrap().to_string();
    let file = |i: usize| roles[i][1].as_str().unwrap().to_string();
    assert_eq!(role(1), "madoguchi_honcho_c2");
    let connect = |dir: &Path, role: &str, password_file: &str| {
        run(
            dir,
            &[
                "store",
                "connect",
                &cluster.url_for(role),
                "--password-file",
                password_file,
                "--site",
                "honcho",
                "--json",
            ],
        )
    };

    // Not connected yet: nothing is attempted.
    let none = run(one.path(), &["sync", "--json"]);
    assert_eq!(none.status.code(), Some(3));
    assert_eq!(json(&none)["error"]["code"], "central_not_connected");

    // Counter 2's role on counter 1 is refused.
    let wrong = connect(one.path(), &role(1), &file(1));
    assert_eq!(wrong.status.code(), Some(3));
    assert_eq!(json(&wrong)["error"]["code"], "central_wrong_role");

    // A password file others can read is refused.
    let loose = keys.path().join("loose.password");
    std::fs::copy(file(0), &loose).unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&loose, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let open = connect(one.path(), &role(0), loose.to_str().unwrap());
    assert_eq!(json(&open)["error"]["code"], "central_password_file");

    let ok = connect(one.path(), &role(0), &file(0));
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    assert_eq!(json(&ok)["counter"], 1);
    assert!(run(two.path(), &["counter", "2"]).status.success());
    let ok2 = connect(two.path(), &role(1), &file(1));
    assert!(
        ok2.status.success(),
        "{}",
        String::from_utf8_lossy(&ok2.stdout)
    );

    let synced = run(one.path(), &["sync", "--json"]);
    assert!(
        synced.status.success(),
        "{}",
        String::from_utf8_lossy(&synced.stdout)
    );
    let status = json(&run(one.path(), &["store", "status", "--json"]));
    assert_eq!(status["connected"], true);
    assert_eq!(status["site"], "honcho");
    assert_eq!(status["pending"], 0);
    assert!(status["last_ok"].is_string());
    assert!(
        !status
            .to_string()
            .contains(&std::fs::read_to_string(file(0)).unwrap().trim().to_string()),
        "the password is nowhere in the status"
    );

    // The server goes away: exit status 4, and the status says why.
    cluster.stop();
    let down = run(one.path(), &["sync", "--json"]);
    assert_eq!(down.status.code(), Some(4));
    assert_eq!(json(&down)["error"]["code"], "central_unreachable");
    let status = json(&run(one.path(), &["store", "status", "--json"]));
    assert!(status["last_error"].is_array(), "{status}");
    cluster.start_again();
    let back = run(one.path(), &["sync"]);
    assert!(
        back.status.success(),
        "{}{}",
        String::from_utf8_lossy(&back.stdout),
        String::from_utf8_lossy(&back.stderr)
    );

    let audit = String::from_utf8_lossy(&run(one.path(), &["audit"]).stdout).into_owned();
    assert!(
        audit.contains("共有データベースの初期設定") && audit.contains("共有データベースへの接続"),
        "{audit}"
    );
    assert!(run(one.path(), &["store", "disconnect"]).status.success());
    assert_eq!(
        json(&run(one.path(), &["store", "status", "--json"]))["connected"],
        false
    );
}
