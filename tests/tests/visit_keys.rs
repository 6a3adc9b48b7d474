//! An application visit with a photo, by keyboard alone, counted: the scanner reads the form (and
//! so starts the visit), J opens J-LIS, F3 the photo step, Space takes the photo (3-2-1 on the
//! citizen display), Enter accepts it, U hands it to the upload, D confirms it was sent, F2 back,
//! Enter ends the visit. The count goes to BENCHMARKS.md. The photo step fits the window at
//! 1280 × 800 and 1366 × 768: 撮影する, the verdict and 採用 are on screen without scrolling.

use madoguchi_e2e::{key, output_dir, FakeBrowser, Kiosk};

const URL: &str = "https://www.kojinbango-card.go.jp/apply/?id=12345678901234567890123";

/// The operator's key presses, counted.
struct Keys<'a> {
    kiosk: &'a Kiosk,
    pressed: Vec<String>,
}

impl Keys<'_> {
    fn press(&mut self, name: &str, key: &str) -> Result<(), String> {
        self.pressed.push(name.to_string());
        self.kiosk.keys(key)
    }

    /// F3 and Space: the photo is taken and checked; 撮影する, the verdict and 採用 lie inside the
    /// window without scrolling (screenshot to `png` first).
    fn photo_taken_on_screen(&mut self, png: &std::path::Path) -> Result<(), String> {
        self.press("F3", key::F3)?;
        self.kiosk.wait_text(
            "[data-testid=photo-instruction]",
            "来庁者への案内：そのまま動かずにお待ちください",
        )?;
        self.press("Space", " ")?;
        self.kiosk.find_within(
            "[data-testid=photo-accept]",
            std::time::Duration::from_secs(30),
        )?;
        self.kiosk.screenshot(png)?;
        assert!(
            self.kiosk.in_view(
                "[data-testid=photo-capture], [data-testid=photo-verdict], [data-testid=photo-accept]"
            )?,
            "the photo step fits the window ({})",
            png.display()
        );
        Ok(())
    }
}

#[test]
fn an_application_visit_with_a_photo_in_ten_keys_or_fewer() -> Result<(), String> {
    let out = output_dir("visit_keys");
    let stage = std::env::temp_dir().join(format!("madoguchi-e2e-keys-{}", std::process::id()));
    let stage_s = stage.display().to_string();
    let browser = FakeBrowser::new(&out, 600)?;
    let browser_s = browser.program.display().to_string();
    let kiosk = Kiosk::start_full(
        true,
        &[
            ("MADOGUCHI_SIM_CAMERA", "steady"),
            ("MADOGUCHI_STAGING_DIR", &stage_s),
            ("MADOGUCHI_BROWSER", &browser_s),
        ],
        |_| Ok(()),
    )?;
    // The site manager serves (they may log visits too) and makes today an opening day first, so
    // the count does not depend on the calendar (a closed day asks once more before the visit).
    kiosk.sign_in("manager", "demo-pass")?;
    kiosk.open_today_all_day()?;
    kiosk.wait_text("[data-testid=tally-total]", "0")?;
    let mut k = Keys {
        kiosk: &kiosk,
        pressed: Vec::new(),
    };

    // The scanner's trigger, not a key: the form's QR code starts the visit and gives the ID.
    kiosk.scanner_types(URL, 5)?;
    kiosk.find("[data-testid=visit-open]")?;
    kiosk.wait_text(
        "[data-testid=app-id-digits]",
        "1234 5678 9012 3456 7890 123",
    )?;
    // The ID and its copy button come before the application guide: on screen at 1280 × 800.
    kiosk.screenshot(&out.join("scanned-1280x800.png"))?;
    assert!(
        kiosk.in_view("[data-testid=app-id-digits], [data-testid=app-id-copy]")?,
        "the ID is on screen without scrolling"
    );
    k.press("J", "j")?;
    browser.started()?;
    browser.reset();
    k.photo_taken_on_screen(&out.join("photo-1280x800.png"))?;
    k.press("Enter", key::ENTER)?;
    kiosk.find("[data-testid=photo-stage]")?;
    k.press("U", "u")?;
    kiosk.find("[data-testid=photo-staged]")?;
    browser.started()?;
    k.press("D", "d")?;
    kiosk.find("[data-testid=photo-capture]")?;
    k.press("F2", key::F2)?;
    kiosk.find("[data-testid=visit-open]")?;
    kiosk.find("[data-testid=service-application][aria-pressed=true]")?;
    kiosk.find("[data-testid=service-photo][aria-pressed=true]")?;
    k.press("Enter", key::ENTER)?;
    kiosk.wait_text("[data-testid=tally-total]", "1")?;
    kiosk.wait_text("[data-testid=tally-application]", "1")?;
    kiosk.wait_text("[data-testid=tally-photo]", "1")?;
    println!(
        "KEYS application visit with a photo: {} key presses ({}) and 1 scan",
        k.pressed.len(),
        k.pressed.join(" ")
    );
    assert!(k.pressed.len() <= 10, "{:?}", k.pressed);

    // The same photo step at 1366 × 768.
    kiosk.resize(1366, 768)?;
    k.press("F2", key::F2)?;
    kiosk.find("[data-testid=visit-open]")?;
    k.photo_taken_on_screen(&out.join("photo-1366x768.png"))?;
    k.press("R", "r")?;
    // Retaken: the photo is gone.
    kiosk.wait_gone("[data-testid=photo-accept]")?;
    Ok(())
}
