//! IPC tests of the commands through tauri's mock runtime with the app's real context, so the
//! capability files are enforced: what the operator window may call, and what the citizen display
//! may not. Run with `cargo test --features ipc-tests` (links webkit, needs no display).

#![allow(clippy::unwrap_used)] // test code: a failed setup should panic with its error

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewUrl, WebviewWindow, WebviewWindowBuilder};

use super::state::Db;
use crate::clock;
use crate::launch::{self, LaunchInfo};

struct Harness {
    _app: App<MockRuntime>,
    operator: WebviewWindow<MockRuntime>,
    citizen: WebviewWindow<MockRuntime>,
    _dir: tempfile::TempDir,
}

/// The app with its real context (so the capability files apply) on the mock runtime.
fn mock_app(db: Db, demo: bool, dir: &std::path::Path) -> App<MockRuntime> {
    super::build(mock_builder(), db, LaunchInfo::for_test(dir, demo))
        .build(tauri::generate_context!())
        .unwrap()
}

fn window(app: &App<MockRuntime>, label: &str, page: &str) -> WebviewWindow<MockRuntime> {
    WebviewWindowBuilder::new(app, label, WebviewUrl::App(page.into()))
        .build()
        .unwrap()
}

fn harness(demo: bool) -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let store = launch::open(dir.path(), demo, clock::now().date_naive()).unwrap();
    let app = mock_app(Db::open(store), demo, dir.path());
    let operator = window(&app, "main", "operator.html");
    let citizen = window(&app, "citizen", "citizen.html");
    Harness {
        _app: app,
        operator,
        citizen,
        _dir: dir,
    }
}

fn request(cmd: &str, args: Value) -> InvokeRequest {
    InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        // On Linux the app's own origin is tauri://localhost.
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    }
}

fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(window, request(cmd, args)).map(|body| body.deserialize::<Value>().unwrap())
}

/// A command that answers raw bytes (a JPEG, a frame).
fn invoke_bytes(window: &WebviewWindow<MockRuntime>, cmd: &str) -> Vec<u8> {
    match get_ipc_response(window, request(cmd, json!({}))) {
        Ok(tauri::ipc::InvokeResponseBody::Raw(bytes)) => bytes,
        other => panic!("{cmd}: {other:?}"),
    }
}

/// Signs in a demo account (password `demo-pass`); panics if refused.
fn sign_in(window: &WebviewWindow<MockRuntime>, login_id: &str) {
    invoke(
        window,
        "sign_in",
        json!({"loginId": login_id, "password": "demo-pass"}),
    )
    .unwrap();
}

#[test]
fn sign_in_log_a_visit_and_see_the_tally() {
    let h = harness(true);
    let wrong = invoke(
        &h.operator,
        "sign_in",
        json!({"loginId": "operator1", "password": "nope"}),
    )
    .unwrap_err();
    assert_eq!(wrong["code"], "wrong_credentials", "{wrong}");
    assert_eq!(wrong["message"], "IDまたはパスワードが違います。");
    assert_eq!(
        invoke(&h.operator, "tally_today", json!({})).unwrap_err()["code"],
        "not_signed_in"
    );

    let session = invoke(
        &h.operator,
        "sign_in",
        json!({"loginId": "operator1", "password": "demo-pass"}),
    )
    .unwrap();
    assert_eq!(session["role"], "operator");
    let visit = invoke(&h.operator, "visit_start", json!({"openAnyway": true})).unwrap();
    let id = visit["id"].as_str().unwrap().to_string();
    let refused = invoke(
        &h.operator,
        "visit_set_note",
        json!({"id": id, "note": "123456789018"}),
    )
    .unwrap_err();
    assert_eq!(
        refused["code"], "personal_data",
        "a My Number in the note is refused: {refused}"
    );
    for code in ["pin", "certificate"] {
        invoke(
            &h.operator,
            "visit_set_service",
            json!({"id": id, "code": code, "on": true}),
        )
        .unwrap();
    }
    invoke(
        &h.operator,
        "visit_end",
        json!({"id": id, "outcome": "completed"}),
    )
    .unwrap();
    let tally = invoke(&h.operator, "tally_today", json!({})).unwrap();
    assert_eq!(tally["visits"], 1);
    assert_eq!(tally["per_service"]["certificate"], 1);
    assert_eq!(tally["per_counter"]["1"], 1);
}

#[test]
fn repeated_wrong_passwords_lock_the_id_for_a_while() {
    let h = harness(true);
    for _ in 0..5 {
        let e = invoke(
            &h.operator,
            "sign_in",
            json!({"loginId": "operator2", "password": "guess"}),
        )
        .unwrap_err();
        assert_eq!(e["code"], "wrong_credentials");
    }
    let locked = invoke(
        &h.operator,
        "sign_in",
        json!({"loginId": "operator2", "password": "demo-pass"}),
    )
    .unwrap_err();
    assert_eq!(
        locked["code"], "too_many_attempts",
        "even the right password waits: {locked}"
    );
    assert!(invoke(
        &h.operator,
        "sign_in",
        json!({"loginId": "operator1", "password": "demo-pass"})
    )
    .is_ok());
}

#[test]
fn complaints_by_operators_incidents_by_the_site_manager() {
    let h = harness(true);
    sign_in(&h.operator, "operator1");
    let complaint = json!({"occurred_at": "2026-11-02T10:00:00+09:00", "counter": 1, "category": "待ち時間", "summary": "待ち時間が長い"});
    invoke(
        &h.operator,
        "complaint_save",
        json!({"complaint": complaint}),
    )
    .unwrap();
    let incident =
        json!({"occurred_at": "2026-11-02T11:00:00+09:00", "place": "第1窓口", "what": "停電"});
    let denied = invoke(&h.operator, "incident_save", json!({"incident": incident})).unwrap_err();
    assert_eq!(
        denied["code"], "forbidden",
        "incident reports are the site manager's"
    );
    let month = invoke(&h.operator, "records_month", json!({"month": "2026-11"})).unwrap();
    assert_eq!(month["complaints"].as_array().unwrap().len(), 1);
}

#[test]
fn roles_limit_commands() {
    let h = harness(true);
    sign_in(&h.operator, "operator1");
    let denied = invoke(
        &h.operator,
        "calendar_pick",
        json!({"date": "2026-12-05", "picked": true}),
    )
    .unwrap_err();
    assert_eq!(
        denied["code"], "forbidden",
        "operators do not edit the calendar"
    );
    assert_eq!(
        invoke(&h.operator, "accounts_list", json!({})).unwrap_err()["code"],
        "forbidden"
    );
    invoke(&h.operator, "sign_out", json!({})).unwrap();
    sign_in(&h.operator, "city");
    assert_eq!(
        invoke(&h.operator, "visit_start", json!({})).unwrap_err()["code"],
        "forbidden",
        "city staff do not log visits"
    );
}

#[test]
fn demo_card_goes_in_is_read_and_its_status_goes_when_it_comes_out() {
    let h = harness(true);
    assert_eq!(
        invoke(&h.operator, "demo_card_insert", json!({"preset": "ok"})).unwrap_err()["code"],
        "not_signed_in"
    );
    sign_in(&h.operator, "operator1");
    let panel = invoke(
        &h.operator,
        "demo_card_insert",
        json!({"preset": "auth_one_left"}),
    )
    .unwrap();
    let sim = panel["readers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["simulated"] == true)
        .unwrap()
        .clone();
    assert_eq!(sim["state"], "ready");
    assert_eq!(sim["card"]["status"]["auth_pin_tries"], 1);
    assert_eq!(sim["card"]["verdict"], "warn");
    let panel = invoke(&h.operator, "demo_card_remove", json!({})).unwrap();
    let sim = panel["readers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["simulated"] == true)
        .unwrap()
        .clone();
    assert_eq!(sim["state"], "empty");
    assert!(sim["card"].is_null(), "nothing about the card stays: {sim}");
    let bad = invoke(&h.operator, "demo_card_insert", json!({"preset": "nope"})).unwrap_err();
    assert_eq!(bad["code"], "bad_request");
}

#[test]
fn without_demo_mode_there_is_no_simulated_card() {
    let h = harness(false);
    // No accounts in a fresh real data dir: the first site manager is created, then signs in.
    invoke(
        &h.operator,
        "setup_create_manager",
        json!({"loginId": "sekinin", "displayName": "責任者", "password": "a long password"}),
    )
    .unwrap();
    invoke(
        &h.operator,
        "sign_in",
        json!({"loginId": "sekinin", "password": "a long password"}),
    )
    .unwrap();
    let e = invoke(&h.operator, "demo_card_insert", json!({"preset": "ok"})).unwrap_err();
    assert_eq!(e["code"], "not_demo");
}

#[test]
fn photo_capture_accept_stage_and_the_visit_end_deletes_it() {
    let h = harness(true);
    let stage = h._dir.path().join("stage");
    sign_in(&h.operator, "operator1");
    let visit = invoke(&h.operator, "visit_start", json!({"openAnyway": true})).unwrap();
    assert_eq!(
        invoke(&h.operator, "photo_accept", json!({})).unwrap_err()["code"],
        "no_photo"
    );
    invoke(&h.operator, "camera_start", json!({})).unwrap();
    // The citizen display shows the preview with the camera's guidance (as a code).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let s = invoke(&h.citizen, "citizen_screen", json!({})).unwrap();
        if s["scene"] == "preview" && s["instruction"].is_string() {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no live analysis: {s}"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let r = invoke(&h.operator, "photo_capture", json!({})).unwrap();
    assert_eq!(r["checks"].as_array().unwrap().len(), 12, "{r}");
    assert_eq!(r["verdict"], "pass", "{r}");
    // The citizen sees the photo they are asked about, and only then.
    let shown = invoke_bytes(&h.citizen, "citizen_photo");
    assert!(shown.starts_with(&[0xFF, 0xD8]), "a JPEG");
    let ticked = invoke(&h.operator, "photo_accept", json!({})).unwrap();
    assert!(invoke_bytes(&h.citizen, "citizen_photo").is_empty());
    assert_eq!(
        invoke(&h.citizen, "citizen_screen", json!({})).unwrap()["scene"],
        "accepted",
        "accepted: the camera is off"
    );
    assert_eq!(
        ticked["services"],
        json!(["photo"]),
        "accepting the photo ticks 写真撮影 in the backend"
    );
    let staged = invoke(&h.operator, "photo_stage", json!({})).unwrap();
    assert!(staged["file"].as_str().unwrap().ends_with(".jpg"));
    assert_eq!(staged["opened"], false, "no browser in tests");
    assert_eq!(std::fs::read_dir(&stage).unwrap().count(), 1);
    invoke(
        &h.operator,
        "visit_end",
        json!({"id": visit["id"], "outcome": "completed"}),
    )
    .unwrap();
    assert_eq!(
        std::fs::read_dir(&stage).unwrap().count(),
        0,
        "the visit's end deletes the photo"
    );
}

#[test]
fn photo_settings_are_the_site_managers_and_shape_the_print_sheet() {
    let h = harness(true);
    sign_in(&h.operator, "operator1");
    assert_eq!(
        invoke(&h.operator, "photo_settings_get", json!({})).unwrap_err()["code"],
        "forbidden"
    );
    // The default sheet: L-size, four photos of 35 x 45 mm.
    let sheet = invoke(&h.operator, "photo_sheet", json!({})).unwrap();
    assert_eq!(
        (
            sheet["width"].as_f64(),
            sheet["cells"].as_array().unwrap().len()
        ),
        (Some(89.0), 4)
    );
    invoke(&h.operator, "sign_out", json!({})).unwrap();
    sign_in(&h.operator, "manager");
    let view = invoke(&h.operator, "photo_settings_get", json!({})).unwrap();
    assert_eq!(view["settings"]["max_age_minutes"], 10);
    let mut settings = view["settings"].clone();
    settings["paper"] = json!("A4");
    settings["copies"] = json!(30);
    let refused = invoke(
        &h.operator,
        "photo_settings_set",
        json!({"settings": settings, "confirmOtherSite": false}),
    )
    .unwrap_err();
    assert_eq!(refused["code"], "bad_copies");
    assert!(
        refused["message"].as_str().unwrap().contains("1〜25枚"),
        "{refused}"
    );
    settings["copies"] = json!(6);
    settings["max_age_minutes"] = json!(3);
    invoke(
        &h.operator,
        "photo_settings_set",
        json!({"settings": settings, "confirmOtherSite": false}),
    )
    .unwrap();
    let sheet = invoke(&h.operator, "photo_sheet", json!({})).unwrap();
    assert_eq!(
        (
            sheet["width"].as_f64(),
            sheet["cells"].as_array().unwrap().len()
        ),
        (Some(210.0), 6)
    );
    assert_eq!(sheet["marks"].as_array().unwrap().len(), 48);
    // Demo mode lists the simulated camera.
    let cams = invoke(&h.operator, "camera_list", json!({})).unwrap();
    assert_eq!(cams[0]["chosen"]["width"], 720, "{cams}");
}

/// The permissions a capability file grants, as command names.
fn granted(file: &str) -> Vec<String> {
    let path = format!("{}/capabilities/{file}", env!("CARGO_MANIFEST_DIR"));
    let cap: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            p.as_str()
                .unwrap()
                .strip_prefix("allow-")
                .unwrap_or_else(|| panic!("{file}: only our own allow-… permissions: {p}"))
                .replace('-', "_")
        })
        .collect()
}

#[test]
fn the_command_list_and_the_capability_files_agree() {
    let operator = granted("operator.json");
    let citizen = granted("citizen.json");
    for name in operator.iter().chain(&citizen) {
        assert!(
            super::COMMAND_NAMES.contains(&name.as_str()),
            "a capability grants {name}, which is not in commands/list.rs"
        );
    }
    for name in super::COMMAND_NAMES {
        assert!(
            operator.iter().chain(&citizen).any(|g| g == name),
            "{name} is in the command list but no window may call it"
        );
    }
    assert_eq!(
        citizen,
        ["citizen_status", "citizen_screen", "citizen_photo", "camera_frame"],
        "the citizen display shows today, its scene (codes), the photo to confirm and the camera: nothing else"
    );
}

#[test]
fn citizen_display_may_call_only_its_status() {
    let h = harness(true);
    // With the site manager signed in, only the capability stands between the citizen display and
    // every command.
    sign_in(&h.operator, "manager");
    assert!(invoke(&h.operator, "tally_today", json!({})).is_ok());
    let status = invoke(&h.citizen, "citizen_status", json!({})).unwrap();
    assert!(status["date_wareki"].as_str().unwrap().starts_with("令和"));
    // Closed (a day outside the hours, or not an opening day): the next opening day instead.
    let next = status["next"].as_str().unwrap_or_default();
    assert!(
        status["hours"].is_string() || next.starts_with("次の開設日："),
        "{status}"
    );
    let allowed = granted("citizen.json");
    for cmd in super::COMMAND_NAMES {
        if allowed.iter().any(|a| a == cmd) {
            continue;
        }
        let err = invoke(
            &h.citizen,
            cmd,
            json!({"loginId": "manager", "password": "demo-pass"}),
        )
        .expect_err(cmd);
        let text = err.as_str().unwrap_or_default();
        assert!(
            text.starts_with(&format!("{cmd} not allowed")),
            "the citizen window is refused {cmd} by the access control, not by a bad argument: {err}"
        );
    }
}

#[test]
fn a_visit_is_one_copy_in_the_backend_changed_one_tick_at_a_time() {
    let h = harness(true);
    sign_in(&h.operator, "operator1");
    let visit = invoke(&h.operator, "visit_start", json!({"openAnyway": true})).unwrap();
    let id = visit["id"].clone();
    let tick = |code: &str, on: bool| {
        invoke(
            &h.operator,
            "visit_set_service",
            json!({"id": id, "code": code, "on": on}),
        )
        .unwrap()
    };
    tick("pin", true);
    // A view that mounts later reads the visit back: the tick is there.
    let current = invoke(&h.operator, "visit_current", json!({})).unwrap();
    assert_eq!(current["services"], json!(["pin"]));
    let after = tick("consultation", true);
    assert_eq!(after["services"], json!(["pin", "consultation"]));
    assert_eq!(tick("pin", false)["services"], json!(["consultation"]));
    // Another operator's panel cannot touch it.
    invoke(&h.operator, "sign_out", json!({})).unwrap();
    sign_in(&h.operator, "operator2");
    let theirs = invoke(
        &h.operator,
        "visit_set_service",
        json!({"id": id, "code": "pin", "on": true}),
    )
    .unwrap_err();
    assert_eq!(theirs["code"], "not_your_visit");
    // The site manager sees every change in the audit trail, each from the window.
    invoke(&h.operator, "sign_out", json!({})).unwrap();
    sign_in(&h.operator, "manager");
    let trail = invoke(
        &h.operator,
        "audit_query",
        json!({"filter": {"actor": "operator1"}}),
    )
    .unwrap();
    let actions: Vec<&str> = trail
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "sign_out",
            "visit.service",
            "visit.service",
            "visit.service",
            "visit.start",
            "sign_in"
        ]
    );
    assert!(trail
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["origin"] == "window"));
    assert_eq!(trail[1]["label"], "対応内容の選択");
}

#[test]
fn first_run_creates_the_site_manager_once() {
    let h = harness(false);
    let info = invoke(&h.operator, "app_info", json!({})).unwrap();
    assert_eq!(
        (info["needs_setup"].as_bool(), info["demo"].as_bool()),
        (Some(true), Some(false))
    );
    assert!(
        info["demo_accounts"].as_array().unwrap().is_empty(),
        "a real install gets no demo accounts"
    );
    let args = json!({"loginId": "boss", "displayName": "現場責任者", "password": "long password",
        "contract": {"start": "2026-04-01", "end": "2027-03-31", "business_name": "マイナンバーカード申請支援（オンライン窓口方式）業務委託"}});
    invoke(&h.operator, "setup_create_manager", args.clone()).unwrap();
    assert_eq!(
        invoke(&h.operator, "setup_create_manager", args).unwrap_err()["code"],
        "manager_exists"
    );
    assert_eq!(
        invoke(&h.operator, "app_info", json!({})).unwrap()["needs_setup"],
        false
    );
    invoke(
        &h.operator,
        "sign_in",
        json!({"loginId": "boss", "password": "long password"}),
    )
    .unwrap();
    let config = invoke(&h.operator, "calendar_config", json!({})).unwrap();
    assert_eq!(config["contract_start"], "2026-04-01", "{config}");
}

#[test]
fn a_failed_start_answers_every_command_with_its_message() {
    let dir = tempfile::tempdir().unwrap();
    let app = mock_app(
        Db::failed("データベースが破損しています".into()),
        false,
        dir.path(),
    );
    let w = window(&app, "main", "operator.html");
    let info = invoke(&w, "app_info", json!({})).unwrap();
    assert_eq!(info["startup_error"], "データベースが破損しています");
    assert_eq!(
        invoke(&w, "sign_in", json!({"loginId": "a", "password": "b"})).unwrap_err()["code"],
        "startup_failed"
    );
}
