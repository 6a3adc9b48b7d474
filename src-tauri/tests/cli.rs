//! The CLI as IT staff use it: the real binary, a temporary data directory, exit codes and output.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: setup failures should panic

use std::path::Path;
use std::process::{Command, Output};

#[path = "support/madoguchi_cli.rs"]
mod madoguchi_cli;
use madoguchi_cli::run;

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn calendar_json_is_one_object_per_day() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        dir.path(),
        &[
            "calendar",
            "--from",
            "2023-04-01",
            "--to",
            "2024-03-31",
            "--json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let days: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let days = days.as_array().unwrap();
    assert_eq!(days.len(), 366, "FY2023 has 366 days (leap February)");
    let find = |d: &str| days.iter().find(|x| x["date"] == d).unwrap().clone();
    assert_eq!(
        find("2023-04-03"),
        serde_json::json!({"date":"2023-04-03","open":true,"opens":"08:30","closes":"17:15","holiday":null,"closure":null})
    );
    assert_eq!(find("2023-04-06")["closes"], "19:00", "Thursday");
    assert_eq!(find("2023-05-03")["holiday"], "憲法記念日");
    assert_eq!(find("2023-12-29")["closure"], "年末年始");
    assert_eq!(find("2023-12-29")["holiday"], serde_json::Value::Null);
    let open = days.iter().filter(|d| d["open"] == true).count();
    // 260 weekdays − 14 holidays on weekdays − 3 weekday year-end days (12/29, 1/2, 1/3), counted
    // independently from the Cabinet Office list; no weekend picked yet.
    assert_eq!(open, 243, "opening days of FY2023 with no weekend picked");
}

const HEADER: &str = "id,counter,operator,started_at,ended_at,services,outcome,reason\n";
const GOOD: &str = "5f0c2d9e-8a51-4c1e-9a0e-1f6f8c1a7b01,2,op2,2023-07-03T09:00:00+09:00,2023-07-03T09:15:00+09:00,health_insurance;pin,completed,\n";

#[test]
fn an_amended_and_a_voided_visit_from_the_other_counter_are_taken_in() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let second = "5f0c2d9e-8a51-4c1e-9a0e-1f6f8c1a7b02,2,op2,2023-07-03T10:00:00+09:00,2023-07-03T10:20:00+09:00,mynapoint,completed,\n";
    let first_file = dir.path().join("first.csv");
    std::fs::write(&first_file, format!("{HEADER}{GOOD}{second}")).unwrap();
    assert!(
        run(&data, &["visits", "import", first_file.to_str().unwrap()])
            .status
            .success()
    );

    // The other counter's later export: the first visit amended (revision 2), the second voided.
    let later = format!(
        "{}5f0c2d9e-8a51-4c1e-9a0e-1f6f8c1a7b01,2,op2,2023-07-03T09:00:00+09:00,2023-07-03T09:15:00+09:00,certificate,completed,,,2,,,\n\
         5f0c2d9e-8a51-4c1e-9a0e-1f6f8c1a7b02,2,op2,2023-07-03T10:00:00+09:00,2023-07-03T10:20:00+09:00,mynapoint,completed,,,1,2023-07-04T09:00:00+09:00,manager2,重複して記録\n",
        madoguchi::visits::CSV_HEADER.join(",") + "\n"
    );
    let later_file = dir.path().join("later.csv");
    std::fs::write(&later_file, later).unwrap();
    let taken = run(&data, &["visits", "import", later_file.to_str().unwrap()]);
    assert!(taken.status.success(), "{}", stderr(&taken));
    assert!(
        stdout(&taken).contains("2件を修正・取り消しの内容で更新"),
        "{}",
        stdout(&taken)
    );

    let report = run(
        &data,
        &["report", "monthly", "--month", "2023-07", "--json"],
    );
    let m: serde_json::Value = serde_json::from_str(&stdout(&report)).unwrap();
    assert_eq!(m["visits"], 1, "the voided visit counts nowhere");
    assert_eq!(
        m["other_breakdown"]["certificate"], 1,
        "the amendment counts"
    );
    assert_eq!(m["other_breakdown"]["pin"], 0);
    // The first file again is older now: nothing changes.
    let again = run(&data, &["visits", "import", first_file.to_str().unwrap()]);
    assert!(again.status.success(), "{}", stderr(&again));
    let m2: serde_json::Value = serde_json::from_str(&stdout(&run(
        &data,
        &["report", "monthly", "--month", "2023-07", "--json"],
    )))
    .unwrap();
    assert_eq!(m2, m);
}

#[test]
fn import_is_all_or_nothing_and_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let bad = dir.path().join("bad.csv");
    let broken = GOOD
        .replace(
            "5f0c2d9e-8a51-4c1e-9a0e-1f6f8c1a7b01",
            "5f0c2d9e-8a51-4c1e-9a0e-1f6f8c1a7b02",
        )
        .replace("completed,", "finished,");
    std::fs::write(&bad, format!("{HEADER}{GOOD}{broken}")).unwrap();
    let out = run(&data, &["visits", "import", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("3行目") && stderr(&out).contains("outcome"),
        "{}",
        stderr(&out)
    );

    let export = run(&data, &["visits", "export", "--month", "2023-07"]);
    assert_eq!(
        stdout(&export).lines().count(),
        1,
        "nothing was imported: {}",
        stdout(&export)
    );

    let good = dir.path().join("good.csv");
    std::fs::write(&good, format!("{HEADER}{GOOD}")).unwrap();
    let first = run(&data, &["visits", "import", good.to_str().unwrap()]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stdout(&first).contains("1件を追加"), "{}", stdout(&first));
    let again = run(&data, &["visits", "import", good.to_str().unwrap()]);
    assert!(
        stdout(&again).contains("0件を追加、1件は取り込み済み"),
        "{}",
        stdout(&again)
    );

    let csv = dir.path().join("out.csv");
    let export = run(
        &data,
        &[
            "visits",
            "export",
            "--month",
            "2023-07",
            "--out",
            csv.to_str().unwrap(),
        ],
    );
    assert!(export.status.success(), "{}", stderr(&export));
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains("5f0c2d9e-8a51-4c1e-9a0e-1f6f8c1a7b01,2,op2,2023-07-03T09:00:00+09:00,2023-07-03T09:15:00+09:00,health_insurance;pin,completed,"), "{text}");

    let nowhere = run(
        &data,
        &[
            "visits",
            "export",
            "--month",
            "2023-07",
            "--out",
            "/nonexistent/dir/x.csv",
        ],
    );
    assert!(
        !nowhere.status.success() && stderr(&nowhere).contains("書き込めません"),
        "{}",
        stderr(&nowhere)
    );
    assert!(!run(&data, &["visits", "export", "--month", "July"])
        .status
        .success());
}

#[test]
fn corrupt_database_is_refused_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let backup = dir.path().join("backup.sqlite3");
    let out = run(dir.path(), &["backup", "--to", backup.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(backup.exists());
    let db = dir.path().join("madoguchi.sqlite3");
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(dir.path().join(format!("madoguchi.sqlite3{suffix}")));
    }
    let garbage = b"not a database at all ".repeat(400);
    std::fs::write(&db, &garbage).unwrap();
    let out = run(dir.path(), &["doctor", "--offline"]);
    assert!(!out.status.success());
    let text = stdout(&out);
    assert!(
        text.contains("破損") && text.contains("backup.sqlite3"),
        "names the newest backup: {text}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), garbage, "never overwritten");
}

#[test]
fn first_site_manager_from_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        !run(dir.path(), &["doctor", "--offline"]).status.success(),
        "no site manager yet"
    );
    let created = madoguchi_cli::run_with_input(
        dir.path(),
        &[
            "user",
            "create",
            "--id",
            "sekinin",
            "--name",
            "現場責任者",
            "--role",
            "site-manager",
            "--password-stdin",
        ],
        b"a long password\n",
    );
    assert!(created.status.success());
    // The accounts line passes now (the whole doctor needs a camera and a card reader too).
    let doctor = run(dir.path(), &["doctor", "--offline", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&doctor.stdout).unwrap();
    assert_eq!(doctor_check(&v, "accounts")["ok"], true, "{v}");
    let list = run(dir.path(), &["user", "list"]);
    assert!(
        stdout(&list).contains("sekinin\t現場責任者"),
        "{}",
        stdout(&list)
    );
}

fn doctor_check(v: &serde_json::Value, id: &str) -> serde_json::Value {
    v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no {id} line: {v}"))
        .clone()
}

/// At a counter the camera and the card reader are required (仕様書 §8), and not knowing the
/// displays is not OK; demo mode runs on its simulated devices. A PC/SC service that does not
/// answer is an NG line with the reason, and `card status --json` answers JSON.
#[test]
fn doctor_requires_the_camera_and_the_reader_and_answers_json_when_pcsc_is_down() {
    let dir = tempfile::tempdir().unwrap();
    let no_pcsc = |args: &[&str]| {
        madoguchi_cli::command(dir.path())
            .args(args)
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .env("PCSCLITE_CSOCK_NAME", dir.path().join("no-pcscd.comm"))
            .output()
            .unwrap()
    };
    let out = no_pcsc(&["doctor", "--offline", "--json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let reader = doctor_check(&v, "card_reader");
    assert_eq!(reader["ok"], false, "{reader}");
    assert_ne!(reader["optional"], true, "required: {reader}");
    assert!(
        reader["detail"].as_str().unwrap().contains("PC/SC"),
        "{reader}"
    );
    let displays = doctor_check(&v, "displays");
    assert_eq!(displays["ok"], false, "{displays}");
    let camera = doctor_check(&v, "camera");
    assert_ne!(camera["optional"], true, "required: {camera}");
    if !Path::new("/dev/video0").exists() {
        assert_eq!(camera["ok"], false);
        assert!(camera["detail"]
            .as_str()
            .unwrap()
            .contains("カメラが接続されていません"));
        let text = no_pcsc(&["doctor", "--offline"]);
        assert!(stdout(&text).contains("[NG] カメラ"), "{}", stdout(&text));
    }
    let card = no_pcsc(&["card", "status", "--json"]);
    assert_eq!(card.status.code(), Some(4));
    let v: serde_json::Value = serde_json::from_slice(&card.stdout)
        .unwrap_or_else(|_| panic!("not JSON: {}", stdout(&card)));
    assert_eq!(v["error"]["code"], "pcsc_unavailable");
}

#[test]
#[cfg(feature = "demo")]
fn doctor_in_demo_mode_passes_the_simulated_devices() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["doctor", "--offline", "--demo", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for id in ["camera", "card_reader"] {
        let c = doctor_check(&v, id);
        assert_eq!(c["ok"], true, "{c}");
    }
    if !Path::new("/dev/video0").exists() {
        let camera = doctor_check(&v, "camera");
        assert!(
            camera["detail"].as_str().unwrap().contains("模擬カメラ"),
            "{camera}"
        );
    }
}

fn photo_check(dir: &Path, args: &[&str]) -> Output {
    let mut all = vec!["photo", "check"];
    all.extend_from_slice(args);
    run(dir, &all)
}

#[test]
fn photo_check_prints_every_check_and_writes_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let face = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/faces/obama.jpg");
    let out = photo_check(dir.path(), &[face, "--json"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a failed verdict exits 1: {}",
        stderr(&out)
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["faces"], 1);
    let ids: Vec<&str> = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "faces",
            "inside_frame",
            "head_height",
            "top_margin",
            "centred",
            "roll",
            "exposure",
            "even_light",
            "sharpness",
            "background",
            "glare",
            "file"
        ]
    );
    assert_eq!(v["verdict"], "fail", "an office background is not plain");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written without --out"
    );
}

#[test]
fn photo_check_refuses_bad_files_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let face = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/testdata/faces/obama.jpg"
    ))
    .unwrap();
    let cut = dir.path().join("cut.jpg");
    std::fs::write(&cut, &face[..face.len() / 2]).unwrap();
    let empty = dir.path().join("empty.jpg");
    std::fs::write(&empty, b"").unwrap();
    // A JPEG whose header claims 10000 × 10000.
    let mut small = Vec::new();
    image::DynamicImage::new_rgb8(8, 8)
        .write_to(
            &mut std::io::Cursor::new(&mut small),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    let sof = small.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    small[sof + 5..sof + 7].copy_from_slice(&10000u16.to_be_bytes());
    small[sof + 7..sof + 9].copy_from_slice(&10000u16.to_be_bytes());
    let huge = dir.path().join("huge.jpg");
    std::fs::write(&huge, &small).unwrap();
    for (file, says, code) in [
        (&cut, "壊れている", "image_corrupt"),
        (&empty, "空です", "image_empty"),
        (&huge, "大きすぎます", "image_too_large"),
    ] {
        let out = photo_check(dir.path(), &[file.to_str().unwrap(), "--json"]);
        assert_eq!(
            out.status.code(),
            Some(3),
            "a bad file is refused input: {}",
            file.display()
        );
        assert!(
            stderr(&out).contains(says),
            "{}: {}",
            file.display(),
            stderr(&out)
        );
        let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert_eq!(v["error"]["code"], code, "{v}");
        assert!(v["error"]["message"].as_str().unwrap().contains(says));
    }
}

/// A quick command (one calendar day) on `data` with the photo staging folder at `stage`.
fn calendar_with_staging(data: &Path, stage: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args([
            "--data-dir",
            data.to_str().unwrap(),
            "calendar",
            "--from",
            "2026-11-24",
            "--to",
            "2026-11-24",
        ])
        .env("MADOGUCHI_STAGING_DIR", stage)
        .output()
        .unwrap()
}

#[test]
fn a_photo_left_by_a_killed_process_is_deleted_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let stage = dir.path().join("stage");
    // A portrait with room above the head, so a crop exists.
    let face = image::open(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/testdata/faces/obama.jpg"
    ))
    .unwrap()
    .to_rgb8();
    let (w, h) = face.dimensions();
    let mut tall = image::RgbImage::from_pixel(w, h + h / 6, image::Rgb([200, 200, 200]));
    image::imageops::replace(&mut tall, &face, 0, i64::from(h / 6));
    let input = dir.path().join("in.png");
    tall.save(&input).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(["photo", "stage-and-wait", input.to_str().unwrap()])
        .env("MADOGUCHI_STAGING_DIR", &stage)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while std::fs::read_dir(&stage).map(|d| d.count()).unwrap_or(0) == 0 {
        assert!(std::time::Instant::now() < deadline, "nothing staged");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    std::thread::sleep(std::time::Duration::from_millis(200));
    Command::new("kill")
        .args(["-KILL", &child.id().to_string()])
        .status()
        .unwrap();
    child.wait().unwrap();
    assert_eq!(
        std::fs::read_dir(&stage).unwrap().count(),
        1,
        "SIGKILL leaves the file"
    );
    let out = calendar_with_staging(dir.path(), &stage);
    assert!(String::from_utf8_lossy(&out.stderr).contains("削除しました"));
    assert_eq!(
        std::fs::read_dir(&stage).unwrap().count(),
        0,
        "the next start sweeps it"
    );
}

#[test]
fn what_it_changes_is_audited_with_the_os_user_and_read_back_in_japanese() {
    let dir = tempfile::tempdir().unwrap();
    let as_user = |args: &[&str]| {
        madoguchi_cli::command(dir.path())
            .args(args)
            .env("USER", "itstaff")
            .output()
            .expect("run madoguchi")
    };
    assert!(as_user(&["counter", "2"]).status.success());
    let backup = dir.path().join("b.sqlite3");
    assert!(as_user(&["backup", "--to", backup.to_str().unwrap()])
        .status
        .success());
    let kb = dir.path().join("kb.json");
    assert!(as_user(&["kb", "export", kb.to_str().unwrap()])
        .status
        .success());
    assert!(as_user(&["kb", "import", kb.to_str().unwrap()])
        .status
        .success());
    let out = as_user(&["audit", "--actor", "itstaff", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let entries: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let actions: Vec<&str> = entries
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["kb.import", "kb.export", "backup", "counter.set"]);
    assert!(
        entries[0]["detail"]
            .as_str()
            .unwrap()
            .starts_with("from counter 2:"),
        "the import says which counter the file came from: {}",
        entries[0]
    );
    assert!(entries
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["origin"] == "cli" && e["actor"] == "itstaff"));
    let text = stdout(&as_user(&["audit"]));
    assert!(
        text.contains("itstaff（コマンドライン）") && text.contains("窓口番号の変更"),
        "{text}"
    );
    assert!(!text.contains("counter.set"), "labels, not codes: {text}");
}

#[test]
#[cfg(feature = "demo")]
fn exit_statuses_and_json_failures_are_the_same_for_every_command() {
    let dir = tempfile::tempdir().unwrap();
    // 2: the command line is wrong (a month that is not one), JSON on request.
    let bad_month = run(
        dir.path(),
        &["visits", "export", "--month", "2026-13", "--json"],
    );
    assert_eq!(bad_month.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&bad_month.stdout).unwrap();
    assert_eq!(v["error"]["code"], "usage");
    // 3: refused input (an import row that is wrong), JSON with its code.
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        format!("{HEADER}{}", GOOD.replace("completed,", "finished,")),
    )
    .unwrap();
    let refused = run(
        dir.path(),
        &["visits", "import", bad.to_str().unwrap(), "--json"],
    );
    assert_eq!(refused.status.code(), Some(3), "{}", stderr(&refused));
    let v: serde_json::Value = serde_json::from_slice(&refused.stdout).unwrap();
    assert_eq!(v["error"]["code"], "import_bad_row");
    assert!(v["error"]["message"].as_str().unwrap().contains("2行目"));
    // 3: a missing file is a refused request too.
    let missing = run(dir.path(), &["kb", "import", "/no/such/kb.json"]);
    assert_eq!(missing.status.code(), Some(3));
    // 4: the machine — the report cannot be written where asked (a demo folder: this month is in
    // its contract).
    let demo = tempfile::tempdir().unwrap();
    let this_month =
        madoguchi::calendar::Month::of(madoguchi::clock::now().date_naive()).to_string();
    let unwritable = run(
        demo.path(),
        &[
            "report",
            "monthly",
            "--month",
            &this_month,
            "--csv",
            "/no/such/dir/r.csv",
            "--json",
            "--demo",
        ],
    );
    assert_eq!(unwritable.status.code(), Some(4), "{}", stderr(&unwritable));
    let v: serde_json::Value = serde_json::from_slice(&unwritable.stdout).unwrap();
    assert_eq!(v["error"]["code"], "write_failed");
    // 4: a damaged database, whatever the command.
    let broken = tempfile::tempdir().unwrap();
    std::fs::write(
        broken.path().join("madoguchi.sqlite3"),
        b"garbage".repeat(500),
    )
    .unwrap();
    let out = run(
        broken.path(),
        &[
            "calendar",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-02",
            "--json",
        ],
    );
    assert_eq!(out.status.code(), Some(4));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error"]["code"], "database_corrupt");
}

#[test]
#[cfg(feature = "demo")]
fn text_output_names_services_in_japanese() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.csv");
    std::fs::write(&good, format!("{HEADER}{GOOD}")).unwrap();
    assert!(
        run(dir.path(), &["visits", "import", good.to_str().unwrap()])
            .status
            .success()
    );
    let out = run(
        dir.path(),
        &["report", "monthly", "--month", "2023-07", "--demo"],
    );
    // The demo contract is this fiscal year: July 2023 is outside it unless this is FY2023.
    let text = stdout(&out);
    if out.status.success() {
        assert!(
            text.contains("健康保険証利用申込") && !text.contains("health_insurance"),
            "{text}"
        );
    } else {
        assert_eq!(
            out.status.code(),
            Some(3),
            "outside the contract is refused: {}",
            stderr(&out)
        );
    }
    let help = run(dir.path(), &["report", "--help"]);
    let help = stdout(&help);
    assert!(!help.contains("come later"), "--help is current: {help}");
}

#[test]
fn a_second_start_never_sweeps_the_folder_a_running_kiosk_holds() {
    let dir = tempfile::tempdir().unwrap();
    let stage = dir.path().join("stage");
    std::fs::create_dir_all(&stage).unwrap();
    let photo = stage.join("kao-shashin-held.jpg");
    std::fs::write(&photo, b"a citizen's photo, staged for the upload").unwrap();
    // A running kiosk holds the lock beside the folder.
    let lock = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(dir.path().join("stage.lock"))
        .unwrap();
    lock.try_lock().unwrap();
    let calendar = |env_stage: &Path| calendar_with_staging(dir.path(), env_stage);
    let out = calendar(&stage);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(photo.exists(), "the kiosk's photo stays while it runs");
    lock.unlock().unwrap();
    drop(lock);
    calendar(&stage);
    assert!(
        !photo.exists(),
        "once no kiosk holds it, the next start sweeps it"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn core_dumps_are_off_from_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let face = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/faces/obama.jpg");
    let mut child = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(["photo", "stage-and-wait", face])
        .env("MADOGUCHI_STAGING_DIR", dir.path().join("stage"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let limits = std::fs::read_to_string(format!("/proc/{}/limits", child.id())).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    let core = limits
        .lines()
        .find(|l| l.starts_with("Max core file size"))
        .unwrap()
        .split_whitespace()
        .skip(4)
        .take(2)
        .collect::<Vec<_>>();
    assert_eq!(core, ["0", "0"], "soft and hard limits are zero: {limits}");
}

#[test]
fn a_survey_over_a_month_is_the_months_report_and_its_files_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let rows = [
        "5f0c2d9e-8a51-4c1e-9a0e-1f6f8c1a7b11,1,op1,2023-07-03T09:00:00+09:00,2023-07-03T09:15:00+09:00,application;photo,completed,,yes",
        "5f0c2d9e-8a51-4c1e-9a0e-1f6f8c1a7b12,2,op2,2023-07-06T18:10:00+09:00,2023-07-06T18:30:00+09:00,health_insurance;pin,not_completed,pin_locked,",
        "5f0c2d9e-8a51-4c1e-9a0e-1f6f8c1a7b13,2,op2,2023-07-13T17:40:00+09:00,2023-07-13T17:50:00+09:00,health_insurance,completed,,",
        "5f0c2d9e-8a51-4c1e-9a0e-1f6f8c1a7b14,1,op1,2023-08-01T10:00:00+09:00,2023-08-01T10:05:00+09:00,mynapoint,completed,,",
    ];
    let file = dir.path().join("month.csv");
    std::fs::write(
        &file,
        format!(
            "id,counter,operator,started_at,ended_at,services,outcome,reason,form_brought\n{}\n",
            rows.join("\n")
        ),
    )
    .unwrap();
    assert!(run(&data, &["visits", "import", file.to_str().unwrap()])
        .status
        .success());
    let json = |args: &[&str]| -> serde_json::Value {
        let out = run(&data, args);
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_str(&stdout(&out)).unwrap()
    };
    let m = json(&["report", "monthly", "--month", "2023-07", "--json"]);
    let xlsx = dir.path().join("survey.xlsx");
    let july = |by: &str, more: &[&str]| {
        let mut args = vec![
            "report",
            "survey",
            "--from",
            "2023-07-01",
            "--to",
            "2023-07-31",
        ];
        args.extend(["--by", by, "--json"]);
        args.extend(more);
        json(&args)
    };
    let s = july(
        "month",
        &["--split", "service", "--xlsx", xlsx.to_str().unwrap()],
    );
    let total = &s["total"];
    assert_eq!(total["visits"], m["visits"]);
    assert_eq!(total["application"], m["application_count"]);
    assert_eq!(total["other"], m["other_count"]);
    assert_eq!(
        total["counts"]["health_insurance"],
        m["other_breakdown"]["health_insurance"]
    );
    assert_eq!(total["counts"]["photo"], m["photo_taken"]);

    // Thursday evenings: 健康保険証 requests by weekday and hour.
    let thursdays = july("weekday", &[]);
    assert_eq!(thursdays["rows"][3]["counts"]["health_insurance"], 2);

    // The xlsx reads back with the same numbers.
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let sheet = book.worksheet_range("調査").unwrap();
    let heading: Vec<String> = sheet
        .rows()
        .nth(2)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let col = |name: &str| heading.iter().position(|h| h == name).unwrap();
    let last = sheet.rows().next_back().unwrap();
    assert_eq!(last[0].to_string(), "合計");
    assert_eq!(last[col("来庁者数")].to_string(), m["visits"].to_string());
    assert_eq!(
        last[col("健康保険証利用申込")].to_string(),
        m["other_breakdown"]["health_insurance"].to_string()
    );

    // Outside the contract, or backwards: refused with the reason.
    let outside = run(
        &data,
        &[
            "report",
            "survey",
            "--from",
            "2022-07-01",
            "--to",
            "2022-07-31",
        ],
    );
    assert_eq!(outside.status.code(), Some(3));
    assert!(
        stderr(&outside).contains("契約期間外"),
        "{}",
        stderr(&outside)
    );
    let backwards = run(
        &data,
        &[
            "report",
            "survey",
            "--from",
            "2023-07-31",
            "--to",
            "2023-07-01",
        ],
    );
    assert_eq!(backwards.status.code(), Some(3));
    // Each survey is in the audit trail with its question.
    let audit = stdout(&run(&data, &["audit"]));
    assert!(
        audit.contains("調査（集計）の実施") && audit.contains("曜日別・対応内容"),
        "{audit}"
    );
}

#[test]
fn the_counter_number_stays_within_the_sites_counters() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let seven = run(&data, &["counter", "7"]);
    assert_eq!(seven.status.code(), Some(3));
    assert!(stderr(&seven).contains("1〜2"), "{}", stderr(&seven));
    assert!(run(&data, &["counters", "4"]).status.success());
    assert!(run(&data, &["counter", "4"]).status.success());
    let fewer = run(&data, &["counters", "3"]);
    assert_eq!(fewer.status.code(), Some(3), "not below this PC's number");
    // A visit on a closed day is kept and flagged in the report.
    let file = dir.path().join("sunday.csv");
    std::fs::write(
        &file,
        format!("{HEADER}5f0c2d9e-8a51-4c1e-9a0e-1f6f8c1a7b31,1,op1,2023-07-09T10:00:00+09:00,2023-07-09T10:20:00+09:00,pin,completed,\n"),
    )
    .unwrap();
    assert!(run(&data, &["visits", "import", file.to_str().unwrap()])
        .status
        .success());
    let report = stdout(&run(&data, &["report", "monthly", "--month", "2023-07"]));
    assert!(
        report.contains("要確認") && report.contains("7月9日"),
        "{report}"
    );
}

#[test]
fn the_version_is_cargo_tomls_with_the_builds_commit() {
    let out = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .arg("--version")
        .output()
        .unwrap();
    let text = stdout(&out);
    let expected = format!("madoguchi {} (", env!("CARGO_PKG_VERSION"));
    assert!(text.starts_with(&expected), "{text}");
    let hash = text
        .trim()
        .trim_start_matches(&expected)
        .trim_end_matches(')');
    assert!(
        hash == "unknown" || (hash.len() == 12 && hash.chars().all(|c| c.is_ascii_hexdigit())),
        "{text}"
    );
}

/// The package a counter installs is built without demo mode: `--demo` is refused, with the reason,
/// before anything is opened or written.
#[test]
#[cfg(not(feature = "demo"))]
fn a_build_without_demo_mode_refuses_the_demo_flag() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["--demo", "doctor"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("デモモードがありません"),
        "{}",
        stderr(&out)
    );
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
}

#[test]
fn scan_test_prints_one_answer_per_scanned_line_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let id = "12345678901234567890123";
    let input = format!(
        "https://www.kojinbango-card.go.jp/?id={id}\r\nhttps+//www.kojinbango-card.go.jp/_id^{id}\n１２３４５６７８９０１２３４５６７８９０１２３\nhttps://www.city.example.lg.jp/page/2024\n{}\n{id} 98765432109876543210987\n",
        &id[..22]
    );
    let out = madoguchi_cli::run_with_input(dir.path(), &["scan-test"], input.as_bytes());
    assert_eq!(
        out.status.code(),
        Some(1),
        "a line without an ID fails the test"
    );
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 6);
    for ok in &lines[..3] {
        assert_eq!(ok, &serde_json::json!({"application_id": id}));
    }
    let codes: Vec<&str> = lines[3..]
        .iter()
        .map(|l| l["error"]["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "no_application_id",
            "wrong_length",
            "several_application_ids"
        ]
    );
    assert!(lines[4]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("22桁"));
    assert!(stderr(&out).contains("2行目：記号が別の文字になっています"));
    assert!(stderr(&out).contains("3行目：全角文字"));
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "scan-test opens no data folder"
    );
}
