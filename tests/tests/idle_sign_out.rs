//! Only while present: the site manager shortens the idle time to one minute; an operator leaves
//! the kiosk in the middle of a photo (captured, accepted, staged for the upload). The window warns
//! 30 s before, then the backend signs the operator out: the staged photo is deleted, the camera
//! stops, no canvas keeps a picture, the citizen display returns to its welcome, and the sign-in
//! screen says why.

use std::time::{Duration, Instant};

use madoguchi_e2e::{output_dir, Kiosk};

fn files_in(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0)
}

#[test]
fn an_idle_operator_is_signed_out_mid_photo_and_nothing_stays() -> Result<(), String> {
    let out = output_dir("idle_sign_out");
    let stage = std::env::temp_dir().join(format!("madoguchi-e2e-idle-{}", std::process::id()));
    let stage_s = stage.display().to_string();
    let kiosk = Kiosk::start_full(
        true,
        &[
            ("MADOGUCHI_SIM_CAMERA", "steady"),
            ("MADOGUCHI_STAGING_DIR", &stage_s),
            ("MADOGUCHI_NO_BROWSER", "1"),
        ],
        |_| Ok(()),
    )?;
    // The site manager sets one minute for operators.
    kiosk.sign_in("manager", "demo-pass")?;
    kiosk.click("[data-testid=tab-admin]")?;
    kiosk.click("[data-testid=admin-accounts]")?;
    kiosk.find("[data-testid=idle-rules]")?;
    kiosk.exec(
        "const f = document.querySelector('[data-testid=idle-rules]'); f.operator.value = '1'; return true;",
    )?;
    kiosk.click("[data-testid=idle-rules] button")?;
    kiosk.wait_text(
        ".accounts .message",
        "自動サインアウトの時間を保存しました。",
    )?;
    kiosk.click("[data-testid=sign-out]")?;
    kiosk.find("[data-testid=signin-form]")?;

    // An operator takes a photo and leaves it staged for the upload dialog.
    kiosk.open_photo_tab_in_a_visit()?;
    kiosk.take_accepted_photo()?;
    kiosk.click("[data-testid=photo-stage]")?;
    kiosk.find("[data-testid=photo-staged]")?;
    assert_eq!(files_in(&stage), 1, "staged");
    let left = Instant::now();

    // Nobody touches the kiosk: the window warns, then the session ends.
    kiosk.find_within("[data-testid=idle-warning]", Duration::from_secs(60))?;
    kiosk.screenshot(&out.join("1-warning.png"))?;
    kiosk.find_within("[data-testid=signin-form]", Duration::from_secs(60))?;
    let idle_for = left.elapsed();
    assert!(
        idle_for >= Duration::from_secs(50),
        "not signed out early: {idle_for:?}"
    );
    let said = kiosk.text("[data-testid=signin-message]")?;
    assert!(said.contains("操作がなかったため"), "{said}");
    assert_eq!(files_in(&stage), 0, "the staged photo is deleted");
    let pictures = kiosk.exec(
        "return [...document.querySelectorAll('canvas')].filter((c) => c.width > 0 && c.height > 0).length",
    )?;
    assert_eq!(pictures, serde_json::json!(0), "no canvas keeps a picture");
    kiosk.screenshot(&out.join("2-signed-out.png"))?;
    kiosk.switch_to("窓口のご案内")?;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let welcome = kiosk.exec(
            "return document.querySelector('[data-testid=citizen-photo]').hidden && !document.querySelector('main.citizen').hidden",
        )?;
        if welcome == serde_json::json!(true) {
            break;
        }
        if Instant::now() > deadline {
            return Err("the citizen display did not return to its welcome".into());
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    kiosk.switch_to("オペレーター")?;

    // Back again: the photo is gone for good.
    kiosk.sign_in("operator1", "demo-pass")?;
    kiosk.click("[data-testid=tab-photo]")?;
    kiosk.find("[data-testid=photo-preview]")?;
    let result_hidden =
        kiosk.exec("return document.querySelector('[data-testid=photo-result]').hidden")?;
    assert_eq!(result_hidden, serde_json::json!(true));
    Ok(())
}
