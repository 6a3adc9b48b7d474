//! The daily loop, end to end: the real binary under Xvfb through tauri-driver + WebKitWebDriver.
//! Sign in, log two visits with the keyboard only, see the tally change, sign out; a wrong password
//! is refused. Screenshots of both windows go to `test-output/kiosk_flow/`.

use madoguchi_e2e::{key, output_dir, Kiosk};

#[test]
fn sign_in_log_two_visits_by_keyboard_and_sign_out() -> Result<(), String> {
    let out = output_dir("kiosk_flow");
    let kiosk = Kiosk::start()?;

    // A wrong password is refused with a Japanese message and nothing else happens.
    kiosk.type_into("[data-testid=login-id]", "operator1")?;
    kiosk.type_into(
        "[data-testid=password]",
        &format!("wrong-password{}", key::ENTER),
    )?;
    kiosk.wait_text(
        "[data-testid=signin-message]",
        "IDまたはパスワードが違います。",
    )?;
    kiosk.screenshot(&out.join("0-wrong-password.png"))?;

    kiosk.type_into(
        "[data-testid=password]",
        &format!("demo-pass{}", key::ENTER),
    )?;
    kiosk.wait_text("[data-testid=tally-total]", "0")?;
    let who = kiosk.text("[data-testid=who]")?;
    assert!(
        who.contains("第1窓口") && who.contains("窓口 一郎"),
        "header shows counter and operator: {who}"
    );

    // Visit 1: F2 starts, "2" ticks 写真撮影, Enter ends it completed.
    kiosk.start_visit_with_f2()?;
    kiosk.keys("2")?;
    kiosk.find("[data-testid=service-photo][aria-pressed=true]")?;
    kiosk.screenshot(&out.join("1-visit-in-progress.png"))?;
    kiosk.keys(key::ENTER)?;
    kiosk.wait_text("[data-testid=tally-total]", "1")?;

    // Visit 2: N starts, "7" ticks 暗証番号, F9 then "1" ends it not completed (暗証番号ロック).
    kiosk.start_visit_with("n")?;
    kiosk.keys("7")?;
    kiosk.find("[data-testid=service-pin][aria-pressed=true]")?;
    // The approved FAQ for 暗証番号 is offered during the visit.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !kiosk
        .text("[data-testid=visit-faq]")
        .unwrap_or_default()
        .contains("暗証番号がロック")
    {
        if std::time::Instant::now() > deadline {
            return Err("the PIN FAQ was not offered".into());
        }
        std::thread::sleep(std::time::Duration::from_millis(150));
    }
    kiosk.keys(key::F9)?;
    kiosk.find("[data-testid=reasons]")?;
    kiosk.keys("1")?;
    kiosk.wait_text("[data-testid=tally-total]", "2")?;
    kiosk.wait_text("[data-testid=tally-photo]", "1")?;
    kiosk.wait_text("[data-testid=tally-pin]", "1")?;
    kiosk.wait_text("[data-testid=tally-counter-1]", "2")?;
    kiosk.screenshot(&out.join("2-operator-after-two-visits.png"))?;
    kiosk.screenshot_x_window("窓口のご案内", &out.join("3-citizen-display.png"))?;

    kiosk.click("[data-testid=sign-out]")?;
    kiosk.find("[data-testid=signin-form]")?;
    Ok(())
}
