//! The guided application: a handheld scanner's burst is read as the 申請書ID wherever the focus
//! is in the visit panel, and starts the visit when none is open (the keys it types do not tick
//! services or fill the note), shown grouped for reading aloud, never on the citizen display; the
//! J-LIS page opens from the visit (the browser is a stand-in); a person typing the same keys
//! slowly still ticks services. The 案内票 prints alone on one A5 page.

use madoguchi_e2e::{output_dir, FakeBrowser, Kiosk};

const ID: &str = "12345678901234567890123";

#[test]
fn a_scanner_burst_reads_the_id_and_the_visit_goes_on() -> Result<(), String> {
    let out = output_dir("procedure_flow");
    let browser = FakeBrowser::new(&out, 600)?;
    let browser_s = browser.program.display().to_string();
    let kiosk = Kiosk::start_full(true, &[("MADOGUCHI_BROWSER", &browser_s)], |_| Ok(()))?;
    kiosk.sign_in("operator1", "demo-pass")?;
    kiosk.wait_text("[data-testid=tally-total]", "0")?;

    // Another document's QR code scanned with no visit open: refused with the reason, and no
    // visit is started for it.
    kiosk.scanner_types("https://example.jp/menu?page=3", 5)?;
    kiosk.wait_contains("[data-testid=visit-message]", "申請書IDが見つかりません")?;
    kiosk.wait_gone("[data-testid=visit-open]")?;
    kiosk.wait_text("[data-testid=tally-total]", "0")?;

    // The citizen hands over the form before any visit is open: the scanner reads its QR code
    // (an address with the ID, typed 5 ms a key), the visit starts and the ID shows. The `n` in
    // the address does not start a visit of its own, nor does a digit tick anything.
    kiosk.scanner_types(
        &format!("https://www.kojinbango-card.go.jp/apply/?id={ID}&v=2"),
        5,
    )?;
    kiosk.wait_visit_open()?;
    kiosk.wait_text(
        "[data-testid=app-id-digits]",
        "1234 5678 9012 3456 7890 123",
    )?;
    kiosk.find("[data-testid=service-application][aria-pressed=true]")?;
    // None of the burst's digits and letters ticked a service (1–0, q, w, e, r, t, i, o, p).
    for code in [
        "photo",
        "photo_attach",
        "mynapoint",
        "health_insurance",
        "pin",
        "other",
    ] {
        assert!(
            !kiosk.service_ticked(code)?,
            "{code} was ticked by the scan"
        );
    }
    kiosk.screenshot(&out.join("1-id-read.png"))?;

    // The citizen display never shows it.
    kiosk.switch_to("窓口のご案内")?;
    let citizen = kiosk.exec("return document.body.innerText")?;
    assert!(
        !citizen.as_str().unwrap_or_default().contains("1234"),
        "{citizen}"
    );
    kiosk.switch_to("オペレーター")?;

    // J opens the J-LIS page in the (stand-in) browser.
    kiosk.focus_visit_panel()?;
    kiosk.keys("j")?;
    let (args, pid) = browser.started()?;
    assert!(args.contains("kojinbango-card.go.jp"), "{args}");
    let alive = |pid: u32| std::path::Path::new(&format!("/proc/{pid}")).exists();
    assert!(alive(pid), "the J-LIS page stays open during the visit");

    // The citizen moved since the form was printed: the ID is dropped, the form re-issue guided.
    kiosk.click("[data-testid=app-id-stale]")?;
    kiosk.wait_contains("[data-testid=visit-message]", "再発行")?;
    kiosk.find("[data-testid=app-id-input]")?;

    // A scan while the note has the focus does not land in the note.
    kiosk.exec("document.querySelector('[data-testid=visit-note]').focus(); return null")?;
    kiosk.scanner_types(ID, 8)?;
    kiosk.wait_text(
        "[data-testid=app-id-digits]",
        "1234 5678 9012 3456 7890 123",
    )?;
    let note = kiosk.exec("return document.querySelector('[data-testid=visit-note]').value")?;
    assert_eq!(
        note.as_str(),
        Some(""),
        "the scan's keys were taken out of the note"
    );

    // A person typing a service key still ticks it (the catcher hands slow keys back).
    kiosk.focus_visit_panel()?;
    kiosk.keys("9")?;
    kiosk.find("[data-testid=service-consultation][aria-pressed=true]")?;
    kiosk.screenshot(&out.join("2-after-typing.png"))?;

    // The application guide opens the J-LIS page too (J, or its button); Esc closes the guide.
    browser.reset();
    kiosk.keys("g")?;
    kiosk.keys("1")?;
    kiosk.find("[data-testid=guide-jlis]")?;
    // The ID is read: the guide's step about the form is done, and the citizen display has
    // moved on to the next step's words.
    kiosk.find("[data-testid=guide-step-1][aria-pressed=true]")?;
    kiosk.find("[data-testid=guide-step-2][aria-pressed=false]")?;
    kiosk.wait_citizen_says("係員がいくつかお尋ねします")?;
    kiosk.focus_visit_panel()?;
    kiosk.keys("j")?;
    let (again, _) = browser.started()?;
    assert!(again.contains("kojinbango-card.go.jp"), "{again}");
    kiosk.keys(madoguchi_e2e::key::ESCAPE)?;
    kiosk.wait_gone("[data-testid=guide-open]")?;

    // Enter ends the visit: the ID is gone from the window, the J-LIS page is closed.
    kiosk.keys(madoguchi_e2e::key::ENTER)?;
    kiosk.wait_text("[data-testid=tally-application]", "1")?;
    kiosk.wait_text("[data-testid=tally-total]", "1")?;
    kiosk.wait_gone("[data-testid=app-id-digits]")?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while alive(pid) && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(!alive(pid), "the J-LIS page closes with the visit");
    Ok(())
}

#[test]
fn a_health_insurance_visit_with_a_locked_pin_ends_pin_locked() -> Result<(), String> {
    let out = output_dir("procedure_pin_locked");
    let kiosk = Kiosk::start()?;
    kiosk.sign_in("operator1", "demo-pass")?;
    kiosk.wait_text("[data-testid=tally-total]", "0")?;
    kiosk.start_visit_with_f2()?;
    kiosk.find("[data-testid=guide-health_insurance]")?;

    // The citizen's card: 利用者証明用 PIN locked (the simulated reader reads it over APDUs).
    kiosk.click("[data-testid=demo-card-auth_locked]")?;
    kiosk.wait_contains("[data-testid=guide-why]", "ロック")?;
    kiosk.find("[data-testid=guide-health_insurance].closed")?;
    kiosk.find("[data-testid=guide-pin].suggested")?;

    // G, then 3: the 健康保険証利用申込 guide says why it cannot be done today.
    kiosk.focus_visit_panel()?;
    kiosk.keys("g")?;
    kiosk.wait_contains("[data-testid=guides]", "番号で選んでください")?;
    kiosk.keys("3")?;
    kiosk.wait_contains(
        "[data-testid=guide-closed]",
        "マイナポータルにログインできません",
    )?;
    kiosk.screenshot(&out.join("1-guide-says-why.png"))?;

    // The citizen reads English.
    kiosk.exec(
        "const s = document.querySelector('[data-testid=visit-language]'); s.value = 'en'; s.dispatchEvent(new Event('change')); return null",
    )?;
    kiosk.wait_contains("[data-testid=visit-message]", "英語")?;
    kiosk.focus_visit_panel()?;

    // F9 ends the visit not completed, 暗証番号ロック, with the service ticked; the slip to take
    // home says where to go and what to bring, in Japanese and English.
    kiosk.keys(madoguchi_e2e::key::F9)?;
    kiosk.wait_contains("dialog[open] [data-testid=slip]", "2回の来庁")?;
    let slip = kiosk.text("dialog[open] [data-testid=slip]")?;
    assert!(slip.contains("two visits are needed"), "{slip}");
    kiosk.screenshot(&out.join("2-slip-pin-locked.png"))?;
    // 印刷する: the slip alone goes to the printer, on one A5 page. The OS print dialog is held
    // back (the page's print() answers at once) and the print rules are applied to the screen.
    kiosk.exec("window.print = () => {}; return null")?;
    kiosk.click("dialog[open] [data-testid=slip-print]")?;
    let on_paper = kiosk.show_as_printed()?;
    assert_eq!(on_paper, ["print-area"], "only the slip is printed");
    let paper = kiosk.exec(
        "return [...document.styleSheets].flatMap((s) => [...s.cssRules])
           .filter((r) => r instanceof CSSPageRule).map((r) => r.cssText).pop()",
    )?;
    let paper = paper.as_str().unwrap_or_default();
    assert!(
        paper.to_lowercase().contains("a5 portrait"),
        "the paper: {paper}"
    );
    let printed = kiosk.text(".print-area")?;
    assert!(
        printed.contains("2回の来庁") && printed.contains("two visits are needed"),
        "{printed}"
    );
    // A5 less the 10 mm margins is 128 × 190 mm: the slip laid out that wide is not taller.
    let fits = kiosk.exec(
        "const a = document.querySelector('.print-area'); a.style.width = '128mm';
         const mm = a.getBoundingClientRect().width / 128;
         return a.scrollHeight / mm",
    )?;
    let height_mm = fits.as_f64().unwrap_or(f64::MAX);
    assert!(height_mm <= 190.0, "the slip is {height_mm:.0} mm tall");
    kiosk.screenshot(&out.join("2-slip-as-printed.png"))?;
    kiosk.exec("document.querySelector('.print-area').style.width = ''; return null")?;
    kiosk.show_as_on_screen()?;
    kiosk.click("dialog[open] [data-testid=slip-close]")?;
    kiosk.wait_text("[data-testid=tally-total]", "1")?;
    kiosk.wait_text("[data-testid=tally-health_insurance]", "1")?;
    let visits = kiosk.exec("return document.querySelector('.today-list').innerText")?;
    assert!(
        visits
            .as_str()
            .unwrap_or_default()
            .contains("暗証番号ロック"),
        "{visits}"
    );
    kiosk.screenshot(&out.join("3-ended-pin-locked.png"))?;

    // The next visit: with a good card, the application guide is worked step by step.
    kiosk.click("[data-testid=demo-card-ok]")?;
    kiosk.start_visit_with_f2()?;
    kiosk.find("[data-testid=guide-application_form]")?;
    kiosk.focus_visit_panel()?;
    kiosk.keys("g")?;
    kiosk.keys("1")?;
    kiosk.find("[data-testid=guide-step-7]")?;
    kiosk.exec(
        "const s = document.querySelector('[data-testid=visit-language]'); s.value = 'vi'; s.dispatchEvent(new Event('change')); return null",
    )?;
    kiosk.wait_contains("[data-testid=visit-message]", "来庁者画面の言語")?;
    // The citizen display says what the citizen does at the first step not yet ticked.
    kiosk.wait_citizen_says("交付申請書をお持ちでしたら、係員にお渡しください")?;
    kiosk.keys("1")?;
    kiosk.wait_citizen_says("係員がいくつかお尋ねします")?;
    kiosk.wait_citizen_says("Nhân viên sẽ hỏi quý vị một vài câu")?;
    kiosk.screenshot_x_window("窓口のご案内", &out.join("5-citizen-step.png"))?;
    kiosk.keys("234567")?;
    kiosk.find("[data-testid=guide-step-7][aria-pressed=true]")?;
    kiosk.screenshot(&out.join("4-application-steps.png"))?;
    kiosk.keys(madoguchi_e2e::key::ENTER)?;
    kiosk.find("[data-testid=service-application][aria-pressed=true]")?;
    kiosk.wait_contains("[data-testid=visit-message]", "完了しました")?;
    // The guide closed.
    kiosk.wait_gone("[data-testid=guide-open]")?;
    assert!(
        !kiosk.service_ticked("photo")?,
        "the step keys did not tick services"
    );
    kiosk.keys(madoguchi_e2e::key::ENTER)?;
    kiosk.wait_text("[data-testid=tally-total]", "2")?;
    Ok(())
}

#[test]
fn the_forms_qr_code_is_read_by_the_kiosk_camera_or_said_why_not() -> Result<(), String> {
    let out = output_dir("procedure_qr");
    for (mode, expect) in [
        ("form", None),
        ("form-blurred", Some("QRコードを読み取れませんでした")),
    ] {
        let kiosk = Kiosk::start_full(true, &[("MADOGUCHI_SIM_CAMERA", mode)], |_| Ok(()))?;
        kiosk.sign_in("operator1", "demo-pass")?;
        kiosk.wait_text("[data-testid=tally-total]", "0")?;
        kiosk.start_visit_with_f2()?;
        kiosk.keys("1")?;
        kiosk.find("[data-testid=app-id-camera]")?;
        kiosk.focus_visit_panel()?;
        kiosk.keys("k")?;
        match expect {
            None => {
                kiosk.wait_text(
                    "[data-testid=app-id-digits]",
                    "1234 5678 9012 3456 7890 123",
                )?;
            }
            Some(message) => {
                let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
                loop {
                    let said = kiosk
                        .text("[data-testid=visit-message]")
                        .unwrap_or_default();
                    if said.contains(message) {
                        break;
                    }
                    if std::time::Instant::now() > deadline {
                        return Err(format!("{mode}: {said}"));
                    }
                    std::thread::sleep(std::time::Duration::from_millis(200));
                }
                kiosk.wait_gone("[data-testid=app-id-digits]")?;
            }
        }
        kiosk.screenshot(&out.join(format!("{mode}.png")))?;
    }
    Ok(())
}
