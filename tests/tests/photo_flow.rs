//! The ID photo, end to end with the simulated camera: open the photo tab during a visit, see both
//! previews move (screenshots of both windows), capture, see the checks, accept, hand the photo
//! to the upload dialog, confirm — and the staging directory is empty again. The visit records
//! the `photo` service.

use std::time::{Duration, Instant};

use madoguchi_e2e::{key, output_dir, Kiosk};

fn frames(kiosk: &Kiosk, css: &str) -> u64 {
    kiosk
        .exec(&format!(
            "return (document.querySelector('{css}') || {{dataset:{{}}}}).dataset.frames || '0'"
        ))
        .ok()
        .and_then(|v| v.as_str().and_then(|s| s.parse().ok()))
        .unwrap_or(0)
}

fn wait_frames(kiosk: &Kiosk, css: &str, more_than: u64) -> Result<u64, String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let n = frames(kiosk, css);
        if n > more_than {
            return Ok(n);
        }
        if Instant::now() > deadline {
            return Err(format!("{css}: only {n} frames"));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// CSS pixels per millimetre (96 per inch).
const PX_PER_MM: f64 = 96.0 / 25.4;

/// 印刷する with the print dialog replaced by a probe that measures the page as it is printed:
/// the default L-size sheet (89 x 127 mm) with four photos of exactly 35 x 45 mm, apart.
fn print_sheet_is_in_millimetres(kiosk: &Kiosk) -> Result<(), String> {
    kiosk.exec(
        "window.print = () => {
           const b = document.querySelector('body > .print-photos');
           b.style.display = 'block';
           const s = b.getBoundingClientRect();
           window.__printed = {
             printing: document.body.classList.contains('printing-photo'),
             sheet: [s.width, s.height],
             cells: [...b.querySelectorAll('canvas')].map((c) => {
               const r = c.getBoundingClientRect();
               return [r.left - s.left, r.top - s.top, r.width, r.height, c.width];
             }),
             marks: b.querySelectorAll('svg line').length,
           };
           b.style.display = '';
         };
         return true;",
    )?;
    kiosk.click("[data-testid=photo-print]")?;
    let deadline = Instant::now() + Duration::from_secs(10);
    let printed = loop {
        let v = kiosk.exec("return window.__printed || null")?;
        if !v.is_null() {
            break v;
        }
        if Instant::now() > deadline {
            return Err("print was not called".into());
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let mm = |v: &serde_json::Value| v.as_f64().unwrap_or(f64::NAN) / PX_PER_MM;
    assert_eq!(printed["printing"], true, "{printed}");
    assert!((mm(&printed["sheet"][0]) - 89.0).abs() < 0.2, "{printed}");
    assert!((mm(&printed["sheet"][1]) - 127.0).abs() < 0.2, "{printed}");
    let cells = printed["cells"].as_array().ok_or("no cells")?;
    assert_eq!(cells.len(), 4, "{printed}");
    assert_eq!(printed["marks"], 32);
    for c in cells {
        assert!(
            (mm(&c[2]) - 35.0).abs() < 0.1 && (mm(&c[3]) - 45.0).abs() < 0.1,
            "{c}"
        );
        assert!(
            mm(&c[0]) >= 5.0 && mm(&c[1]) >= 5.0,
            "inside the margins: {c}"
        );
        assert_eq!(c[4], 827, "the full photo is drawn: {c}");
    }
    // After the dialog the page is back as it was.
    let back = kiosk.exec(
        "return !document.body.classList.contains('printing-photo') && !!document.querySelector('mg-photo .print-photos')",
    )?;
    assert_eq!(back, true);
    Ok(())
}

#[test]
fn capture_check_accept_hand_off_and_nothing_stays() -> Result<(), String> {
    let out = output_dir("photo_flow");
    let stage = std::env::temp_dir().join(format!("madoguchi-e2e-stage-{}", std::process::id()));
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
    kiosk.sign_in("operator1", "demo-pass")?;
    kiosk.wait_text("[data-testid=tally-total]", "0")?;
    kiosk.keys(key::F2)?;
    kiosk.find("[data-testid=visit-open]")?;
    kiosk.click("[data-testid=tab-photo]")?;
    // Both previews move.
    let n = wait_frames(&kiosk, "[data-testid=photo-preview]", 3)?;
    wait_frames(&kiosk, "[data-testid=photo-preview]", n + 5)?;
    kiosk.wait_text(
        "[data-testid=photo-instruction]",
        "来庁者への案内：そのまま動かずにお待ちください",
    )?;
    kiosk.screenshot(&out.join("operator-preview.png"))?;
    kiosk.switch_to("窓口のご案内")?;
    let c = wait_frames(&kiosk, "[data-testid=citizen-preview]", 3)?;
    wait_frames(&kiosk, "[data-testid=citizen-preview]", c + 5)?;
    let say = kiosk.text("[data-testid=citizen-instruction]")?;
    assert!(say.contains("そのまま"), "{say}");
    kiosk.screenshot(&out.join("citizen-preview.png"))?;
    kiosk.switch_to("オペレーター")?;

    kiosk.click("[data-testid=photo-capture]")?;
    kiosk.find_within(
        "[data-testid=photo-checks] tr[data-check=file]",
        Duration::from_secs(30),
    )?;
    let verdict = kiosk.text("[data-testid=photo-verdict]")?;
    assert!(
        verdict.contains("基準を満たしています"),
        "{verdict}: {}",
        kiosk.text("[data-testid=photo-checks]")?
    );
    kiosk.screenshot(&out.join("checks.png"))?;
    kiosk.click("[data-testid=photo-accept]")?;
    print_sheet_is_in_millimetres(&kiosk)?;
    kiosk.click("[data-testid=photo-stage]")?;
    kiosk.find("[data-testid=photo-staged]")?;
    let files: Vec<_> = std::fs::read_dir(&stage)
        .map_err(|e| e.to_string())?
        .collect();
    assert_eq!(files.len(), 1, "staged for the upload dialog");
    kiosk.screenshot(&out.join("staged.png"))?;
    kiosk.click("[data-testid=photo-done]")?;
    kiosk.wait_text("[data-testid=photo-verdict]", "写真を削除しました。")?;
    assert_eq!(
        std::fs::read_dir(&stage)
            .map_err(|e| e.to_string())?
            .count(),
        0,
        "deleted on confirmation"
    );

    // The visit records the photo service, and nothing else about the photo.
    kiosk.click("[data-testid=tab-desk]")?;
    kiosk.find("[data-testid=service-photo][aria-pressed=true]")?;
    let _ = std::fs::remove_dir_all(&stage);
    Ok(())
}
