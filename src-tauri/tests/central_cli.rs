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

#[path = "support/madoguchi_cli.rs"]
mod madoguchi_cli;
use madoguchi_cli::run;

#[path = "support/test_pki.rs"]
mod test_pki;
use test_pki::TestPki;

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

/// `store init-central` with the owner role, from `dir`.
fn init_central(dir: &Path, cluster: &Cluster, site: &str, counters: &str, out: &Path) -> Output {
    run(
        dir,
        &[
            "store",
            "init-central",
            &cluster.owner_url(),
            "--site",
            site,
            "--counters",
            counters,
            "--out",
            out.to_str().unwrap(),
            "--json",
        ],
    )
}

/// `store connect URL --password-file F [--site S] --json`, from `dir`.
fn store_connect(dir: &Path, url: &str, password_file: &str, site: Option<&str>) -> Output {
    let mut args = vec!["store", "connect", url, "--password-file", password_file];
    if let Some(site) = site {
        args.extend(["--site", site]);
    }
    args.push("--json");
    run(dir, &args)
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
    let init = init_central(one.path(), &cluster, "honcho", "2", &out);
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
        store_connect(dir, &cluster.url_for(role), password_file, Some("honcho"))
    };

    // Not connected yet: nothing is attempted.
    let none = run(one.path(), &["sync", "--json"]);
    assert_eq!(none.status.code(), Some(3));
    assert_eq!(json(&none)["error"]["code"], "central_not_connected");

    // Counter 2's role on counter 1 is refused.
    assert!(run(one.path(), &["counter", "1"]).status.success());
    let wrong = connect(one.path(), &role(1), &file(1));
    assert_eq!(wrong.status.code(), Some(3));
    assert_eq!(json(&wrong)["error"]["code"], "central_wrong_role");
    // A PC whose counter number was never set takes the role's number and site.
    let fresh = tempfile::tempdir().unwrap();
    let adopted = store_connect(fresh.path(), &cluster.url_for(&role(1)), &file(1), None);
    assert_eq!(json(&adopted)["counter"], 2, "{}", json(&adopted));
    assert_eq!(json(&adopted)["site"], "honcho");
    // A site set up with more counters than the contract's two: a PC joining it counts them.
    let three = init_central(one.path(), &cluster, "bunsho", "3", &out);
    assert!(three.status.success());
    let third = tempfile::tempdir().unwrap();
    let joined = store_connect(
        third.path(),
        &cluster.url_for("madoguchi_bunsho_c3"),
        out.join("bunsho-counter3.password").to_str().unwrap(),
        None,
    );
    assert_eq!(json(&joined)["counter"], 3, "{}", json(&joined));
    // Without --out the files go to the data folder's central-keys (owner-only).
    let plain = tempfile::tempdir().unwrap();
    let init = run(
        plain.path(),
        &[
            "store",
            "init-central",
            &cluster.owner_url(),
            "--site",
            "shisho",
            "--json",
        ],
    );
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stdout)
    );
    let keys_dir = plain.path().join("central-keys");
    assert!(keys_dir.join("shisho-counter2.password").exists());
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&keys_dir).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "owner-only: {mode:o}");
    }

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

/// A month of visits of `counter` as the CSV export writes it, generated from `seed`: varied
/// days, hours, services, outcomes and handling times.
fn month_csv(counter: u8, seed: u64, rows: usize) -> String {
    let services_all: Vec<&str> = madoguchi::visits::lists::DEFAULT_SERVICES
        .iter()
        .map(|(code, _)| *code)
        .filter(|c| !["complaint", "other"].contains(c))
        .collect();
    let mut x = seed;
    let mut roll = |n: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % n
    };
    let mut csv = String::from(
        "id,counter,operator,started_at,ended_at,services,outcome,reason,form_brought\n",
    );
    for i in 0..rows {
        let day = 1 + roll(31);
        let start = 8 * 60 + 30 + roll(600);
        let end = start + 3 + roll(45);
        let mut services: Vec<&str> = Vec::new();
        for _ in 0..=roll(2) {
            let s = services_all[roll(services_all.len() as u64) as usize];
            if !services.contains(&s) {
                services.push(s);
            }
        }
        let (outcome, reason) = if roll(6) == 0 {
            (
                "not_completed",
                ["pin_locked", "form_missing"][roll(2) as usize],
            )
        } else {
            ("completed", "")
        };
        let form = if services.contains(&"application") {
            ["yes", "no"][roll(2) as usize]
        } else {
            ""
        };
        csv.push_str(&format!(
            "{:08x}-0000-4000-8000-{counter:04}{i:08},{counter},op{counter},2023-07-{day:02}T{:02}:{:02}:00+09:00,2023-07-{day:02}T{:02}:{:02}:00+09:00,{},{outcome},{reason},{form}\n",
            seed as u32,
            start / 60,
            start % 60,
            end / 60,
            end % 60,
            services.join(";"),
        ));
    }
    csv
}

#[test]
fn two_counters_months_meet_on_the_server_and_every_report_agrees() {
    let cluster = Cluster::start();
    let (one, two, keys) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let out = keys.path().join("keys");
    let owner = cluster.owner_url();
    let init = init_central(one.path(), &cluster, "main", "2", &out);
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stdout)
    );
    assert!(run(two.path(), &["counter", "2"]).status.success());
    for (n, dir) in [(1, one.path()), (2, two.path())] {
        let role = format!("madoguchi_main_c{n}");
        let file = out.join(format!("main-counter{n}.password"));
        // Counter 2 over the loopback port: the server offers no TLS, and the traffic never
        // leaves the machine.
        let url = match n {
            1 => cluster.url_for(&role),
            _ => format!(
                "host=127.0.0.1 port={} user={role} dbname=postgres",
                cluster.port
            ),
        };
        let joined = store_connect(dir, &url, file.to_str().unwrap(), Some("main"));
        assert!(
            joined.status.success(),
            "{}",
            String::from_utf8_lossy(&joined.stdout)
        );
        let csv = keys.path().join(format!("c{n}.csv"));
        std::fs::write(
            &csv,
            month_csv(n, 0x9e37_79b9 + u64::from(n), 150 * usize::from(n)),
        )
        .unwrap();
        let imported = run(dir, &["visits", "import", csv.to_str().unwrap()]);
        assert!(
            imported.status.success(),
            "{}",
            String::from_utf8_lossy(&imported.stdout)
        );
    }
    for dir in [one.path(), two.path(), one.path()] {
        let synced = run(dir, &["sync"]);
        assert!(
            synced.status.success(),
            "{}",
            String::from_utf8_lossy(&synced.stdout)
        );
    }

    let monthly = |dir: &Path| {
        json(&run(
            dir,
            &["report", "monthly", "--month", "2023-07", "--json"],
        ))
    };
    let (m1, m2) = (monthly(one.path()), monthly(two.path()));
    assert_eq!(m1, m2, "both counters count both months");
    assert_eq!(m1["visits"], 450, "150 + 300 visits, each once");
    assert_eq!(m1["per_counter"]["1"], 150);
    let shared = json(&run(
        one.path(),
        &["report", "shared", "--month", "2023-07", "--json"],
    ));
    assert_eq!(shared["total"], m1, "counted on the server = counted here");
    assert_eq!(shared["sources"].as_array().unwrap().len(), 2);

    // City IT with the owner role: the same figures (one site).
    let pw = keys.path().join("owner.password");
    std::fs::write(&pw, "unused\n").unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&pw, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let city = run(
        two.path(),
        &[
            "report",
            "shared",
            "--month",
            "2023-07",
            "--url",
            &owner,
            "--password-file",
            pw.to_str().unwrap(),
        ],
    );
    let text = String::from_utf8_lossy(&city.stdout);
    assert!(
        city.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&city.stderr)
    );
    assert!(
        text.contains("拠点 main") && text.contains("第2窓口"),
        "{text}"
    );
}

#[test]
fn over_the_network_the_server_is_checked_against_the_citys_ca() {
    // The city's own CA, and the server's certificate for 127.0.0.1 only.
    let pki = TestPki::for_loopback();
    let cluster = Cluster::start();
    cluster.enable_tls(&pki.cert_pem, &pki.key_pem);
    let (one, keys) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let out = keys.path().join("keys");
    assert!(init_central(one.path(), &cluster, "main", "1", &out)
        .status
        .success());
    let ca_file = keys.path().join("city-ca.pem");
    std::fs::write(&ca_file, &pki.ca_pem).unwrap();
    let password = out.join("main-counter1.password");
    let connect = |host: &str, ca: Option<&Path>| {
        let url = format!(
            "host={host} port={} user=madoguchi_main_c1 dbname=postgres",
            cluster.port
        );
        let mut args = vec![
            "store".to_string(),
            "connect".into(),
            url,
            "--password-file".into(),
            password.to_str().unwrap().into(),
            "--site".into(),
            "main".into(),
            "--json".into(),
        ];
        if let Some(ca) = ca {
            args.extend(["--ca-file".into(), ca.to_str().unwrap().to_string()]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run(one.path(), &args)
    };

    // A certificate from a CA this counter does not trust: refused.
    let unknown = connect("127.0.0.1", None);
    assert_eq!(json(&unknown)["error"]["code"], "central_unreachable");
    assert!(
        json(&unknown)["error"]["message"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("certificate"),
        "{}",
        json(&unknown)
    );
    // The right CA, but a name the certificate is not for: refused.
    let wrong_name = connect("localhost", Some(&ca_file));
    assert_eq!(json(&wrong_name)["error"]["code"], "central_unreachable");
    // The right CA and name: connected, and a round runs (the server takes TLS only).
    let ok = connect("127.0.0.1", Some(&ca_file));
    assert!(ok.status.success(), "{}", json(&ok));
    let synced = run(one.path(), &["sync", "--json"]);
    assert!(synced.status.success(), "{}", json(&synced));
}

/// `madoguchi sync` on `dir`, SIGKILLed after `after`. Whether it was still running then.
fn kill_sync_after(dir: &Path, after: std::time::Duration) -> bool {
    let mut child = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .arg("--data-dir")
        .arg(dir)
        .arg("sync")
        .env_remove("MADOGUCHI_DATA_DIR")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(after);
    let running = child.try_wait().unwrap().is_none();
    child.kill().unwrap_or(()); // SIGKILL
    child.wait().unwrap();
    running
}

fn central_count(cluster: &Cluster, sql: &str) -> i64 {
    let mut owner = postgres::Client::connect(&cluster.owner_url(), postgres::NoTls).unwrap();
    owner.query_one(sql, &[]).unwrap().get(0)
}

#[test]
fn a_day_offline_and_killed_syncs_lose_nothing_and_duplicate_nothing() {
    let cluster = Cluster::start();
    let (one, two, keys) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let out = keys.path().join("keys");
    assert!(init_central(one.path(), &cluster, "main", "2", &out)
        .status
        .success());
    assert!(run(two.path(), &["counter", "2"]).status.success());
    for (n, dir) in [(1u8, one.path()), (2, two.path())] {
        let role = format!("madoguchi_main_c{n}");
        let file = out.join(format!("main-counter{n}.password"));
        let joined = store_connect(
            dir,
            &cluster.url_for(&role),
            file.to_str().unwrap(),
            Some("main"),
        );
        assert!(joined.status.success());
    }

    // The network is gone for the day; both counters keep working and their rounds fail.
    cluster.stop();
    let rows = [3000usize, 1200];
    for (n, dir) in [(1u8, one.path()), (2, two.path())] {
        let csv = keys.path().join(format!("c{n}.csv"));
        std::fs::write(
            &csv,
            month_csv(n, 0x51ed + u64::from(n), rows[usize::from(n) - 1]),
        )
        .unwrap();
        assert!(run(dir, &["visits", "import", csv.to_str().unwrap()])
            .status
            .success());
        assert_eq!(run(dir, &["sync"]).status.code(), Some(4));
    }
    cluster.start_again();

    // The first rounds back are killed mid-way, at different moments, on both counters.
    let (mut hit, mut partial) = (0, false);
    for ms in [40u64, 120, 300, 600, 1000] {
        for dir in [one.path(), two.path()] {
            hit += usize::from(kill_sync_after(dir, std::time::Duration::from_millis(ms)));
            let there = central_count(&cluster, "SELECT count(*) FROM madoguchi.changes");
            partial |= there > 0 && there < 4200;
        }
    }
    assert!(hit > 0, "at least one round was killed while it ran");
    assert!(partial, "a round was killed between two pushed batches");
    // Then the rounds run as the worker runs them, untouched.
    for dir in [one.path(), two.path(), one.path()] {
        let r = run(dir, &["sync"]);
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    }

    assert_eq!(
        central_count(&cluster, "SELECT count(*) FROM madoguchi.changes"),
        4200,
        "every change exactly once"
    );
    assert_eq!(
        central_count(
            &cluster,
            "SELECT count(DISTINCT record_id) FROM madoguchi.changes"
        ),
        4200
    );
    let monthly = |dir: &Path| {
        json(&run(
            dir,
            &["report", "monthly", "--month", "2023-07", "--json"],
        ))
    };
    let (m1, m2) = (monthly(one.path()), monthly(two.path()));
    assert_eq!(m1, m2, "the reports agree");
    assert_eq!(m1["visits"], 4200);
    let shared = json(&run(
        two.path(),
        &["report", "shared", "--month", "2023-07", "--json"],
    ));
    assert_eq!(shared["total"], m1);
    for dir in [one.path(), two.path()] {
        let store = madoguchi::store::Store::open(dir).unwrap();
        assert_eq!(store.integrity_check().unwrap(), vec!["ok"]);
        assert_eq!(madoguchi::sync::log::pending(&store).unwrap(), 0);
    }
}
