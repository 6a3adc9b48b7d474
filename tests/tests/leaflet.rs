//! The leaflet from 管理 → リーフレット: the site manager saves a draft of the wording; the PDF
//! saved through the native dialog still prints the earlier wording, marked as not approved; the
//! city approves the draft in its レポート tab; the next PDF prints it. The PDF is rendered to PNG
//! and looked at; its text is read back with pdftotext.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use madoguchi_e2e::{output_dir, Kiosk};

fn text_of(pdf: &Path) -> Result<String, String> {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .map_err(|e| e.to_string())?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn save_pdf(kiosk: &Kiosk, target: &Path) -> Result<(), String> {
    kiosk.click("[data-testid=leaflet-export]")?;
    kiosk.answer_file_dialog(target)?;
    let deadline = Instant::now() + Duration::from_secs(15);
    while !target.exists() {
        if Instant::now() > deadline {
            return Err(format!("{} was not written", target.display()));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    kiosk.wait_contains("[data-testid=leaflet-message]", "保存しました")?;
    Ok(())
}

#[test]
fn the_wording_is_approved_by_the_city_before_the_leaflet_prints_it() -> Result<(), String> {
    let out = output_dir("leaflet");
    let kiosk = Kiosk::start()?;
    kiosk.sign_in("manager", "demo-pass")?;
    kiosk.click("[data-testid=tab-admin]")?;
    kiosk.click("[data-testid=admin-leaflet]")?;
    kiosk.find("[data-testid=leaflet-texts-form]")?;
    kiosk.exec(
        "const f = document.querySelector('[data-testid=leaflet-texts-form]');
         f.elements.place.value = '中央区役所 2階 区民課となり';
         f.elements.note.value = 'お問い合わせ：区民課 03-0000-0000';
         document.querySelector('[data-testid=leaflet-months]').value = '3';
         return true",
    )?;
    kiosk.click("[data-testid=leaflet-save-draft]")?;
    kiosk.wait_contains("[data-testid=leaflet-state]", "市の承認を待っています")?;
    kiosk
        .exec("document.querySelector('[data-testid=leaflet-months]').value = '3'; return true")?;
    let before = kiosk.data_dir.path().join("before.pdf");
    save_pdf(&kiosk, &before)?;
    let text = text_of(&before)?;
    assert!(
        text.contains("市の承認前の文案") && !text.contains("中央区役所"),
        "the draft is not printed yet: {text}"
    );
    kiosk.click("[data-testid=sign-out]")?;

    kiosk.sign_in("city", "demo-pass")?;
    kiosk.click("[data-testid=tab-report]")?;
    kiosk.wait_contains(
        "[data-testid=leaflet-approval]",
        "中央区役所 2階 区民課となり",
    )?;
    kiosk.screenshot(&out.join("1-city-approval.png"))?;
    kiosk.click("[data-testid=leaflet-approve]")?;
    kiosk.wait_contains("mg-leaflet-approval", "承認しました")?;
    kiosk.click("[data-testid=sign-out]")?;

    kiosk.sign_in("manager", "demo-pass")?;
    kiosk.click("[data-testid=tab-admin]")?;
    kiosk.click("[data-testid=admin-leaflet]")?;
    kiosk.wait_contains("[data-testid=leaflet-state]", "市が承認した文案")?;
    let after = kiosk.data_dir.path().join("after.pdf");
    save_pdf(&kiosk, &after)?;
    let text = text_of(&after)?;
    assert!(text.contains("場所：中央区役所 2階 区民課となり"), "{text}");
    assert!(text.contains("お問い合わせ：区民課 03-0000-0000"), "{text}");
    assert!(!text.contains("承認前"), "{text}");
    let png = out.join("2-leaflet");
    let status = Command::new("pdftoppm")
        .args(["-r", "70", "-png", "-singlefile"])
        .arg(&after)
        .arg(&png)
        .status()
        .map_err(|e| e.to_string())?;
    assert!(status.success(), "pdftoppm");
    Ok(())
}
