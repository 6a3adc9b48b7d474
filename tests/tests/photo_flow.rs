//! The ID photo, end to end with the simulated camera: open the photo tab during a visit, see both
//! previews move (screenshots of both windows), capture, see the checks, accept, hand the photo
//! to the upload dialog, confirm — and the staging directory is empty again. The visit records
//! the `photo` service.

use std::time::{Duration, Instant};

use madoguchi_e2e::{output_dir, FakeBrowser, Kiosk};

fn frames(kiosk: &Kiosk, css: &str) -> u64 {
    kiosk
        .exec(&format!(
            "return (document.querySelector('{css}') || {{dataset:{{}}}}).dataset.drawn || '0'"
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

/// On the citizen display, once its preview has moved on five frames: the instruction shown, with
/// a screenshot to `png`; back on the operator window after.
fn citizen_says(kiosk: &Kiosk, png: &std::path::Path) -> Result<String, String> {
    kiosk.switch_to("窓口のご案内")?;
    let c = wait_frames(kiosk, "[data-testid=citizen-preview]", 3)?;
    wait_frames(kiosk, "[data-testid=citizen-preview]", c + 5)?;
    let say = kiosk.text("[data-testid=citizen-instruction]")?;
    kiosk.screenshot(png)?;
    kiosk.switch_to("オペレーター")?;
    Ok(say)
}

/// Render resolution for measuring the printed sheet: 10 pixels a millimetre.
const DPI: u32 = 254;

/// A binary PPM (what `pdftoppm` writes): width, height, RGB bytes.
fn read_ppm(bytes: &[u8]) -> Result<(usize, usize, Vec<u8>), String> {
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let start = i;
        while bytes.get(i).is_some_and(|b| !b.is_ascii_whitespace()) {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..i]).to_string());
    }
    let n = |k: usize| fields[k].parse::<usize>().map_err(|e| e.to_string());
    let (w, h) = (n(1)?, n(2)?);
    let data = bytes[i + 1..].to_vec();
    if fields[0] != "P6" || data.len() < w * h * 3 {
        return Err(format!("not a PPM: {:?}", &fields));
    }
    Ok((w, h, data))
}

/// Runs of at least `min` consecutive true values: (start, length).
fn runs(flags: &[bool], min: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &f) in flags.iter().chain(std::iter::once(&false)).enumerate() {
        match (f, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if i - s >= min {
                    out.push((s, i - s));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// 印刷する with `MADOGUCHI_PRINT_TO` set: the app's print operation (the one behind the print
/// dialog) writes the sheet as a PDF instead; it is rendered at 10 px/mm and measured. The
/// default L-size sheet is 89 × 127 mm and holds four photos, each exactly 35 × 45 mm.
fn printed_photos_measure_35_by_45_mm(kiosk: &Kiosk, out: &std::path::Path) -> Result<(), String> {
    kiosk.click("[data-testid=photo-print]")?;
    let deadline = Instant::now() + Duration::from_secs(60);
    let pdf = loop {
        let msg = kiosk.text(".photo-result .message").unwrap_or_default();
        if let Some(path) = msg.strip_prefix("PDFに書き出しました：") {
            break std::path::PathBuf::from(path.trim());
        }
        if Instant::now() > deadline {
            return Err(format!("no PDF: {msg}"));
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let info = std::process::Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .map_err(|e| format!("pdfinfo (poppler-utils): {e}"))?;
    let info = String::from_utf8_lossy(&info.stdout).to_string();
    let prefix = out.join("sheet");
    let status = std::process::Command::new("pdftoppm")
        .args(["-r", &DPI.to_string(), "-f", "1", "-l", "1", "-singlefile"])
        .arg(&pdf)
        .arg(&prefix)
        .status()
        .map_err(|e| e.to_string())?;
    assert!(status.success(), "pdftoppm");
    let ppm = std::fs::read(prefix.with_extension("ppm")).map_err(|e| e.to_string())?;
    let _ = std::process::Command::new("convert")
        .arg(prefix.with_extension("ppm"))
        .arg(prefix.with_extension("png"))
        .status();
    let (w, h, px) = read_ppm(&ppm)?;
    let ink = |x: usize, y: usize| {
        let p = &px[(y * w + x) * 3..(y * w + x) * 3 + 3];
        p.iter().any(|&c| c < 245)
    };
    // A photo row or column has long runs of ink; cut marks (2.5 mm) and their gaps do not.
    let row_ink: Vec<bool> = (0..h)
        .map(|y| (0..w).filter(|&x| ink(x, y)).count() > 300)
        .collect();
    let col_ink: Vec<bool> = (0..w)
        .map(|x| (0..h).filter(|&y| ink(x, y)).count() > 300)
        .collect();
    let rows = runs(&row_ink, 100);
    let cols = runs(&col_ink, 100);
    let mm = |px: usize| px as f64 / 10.0;
    println!("{info}");
    println!(
        "page {} x {} mm; photo rows {rows:?}; columns {cols:?} (px at 10/mm)",
        mm(w),
        mm(h)
    );
    assert!(
        (mm(w) - 89.0).abs() <= 0.3 && (mm(h) - 127.0).abs() <= 0.3,
        "L-size paper"
    );
    assert_eq!(
        (rows.len(), cols.len()),
        (2, 2),
        "a 2 x 2 sheet: {rows:?} {cols:?}"
    );
    for (_, len) in &rows {
        assert!(
            (mm(*len) - 45.0).abs() <= 0.3,
            "photo height {} mm",
            mm(*len)
        );
    }
    for (_, len) in &cols {
        assert!(
            (mm(*len) - 35.0).abs() <= 0.3,
            "photo width {} mm",
            mm(*len)
        );
    }
    // 6 mm between photos, where the cut marks are.
    assert!((mm(rows[1].0 - rows[0].0 - rows[0].1) - 6.0).abs() <= 0.3);
    assert!((mm(cols[1].0 - cols[0].0 - cols[0].1) - 6.0).abs() <= 0.3);
    let _ = std::fs::remove_file(prefix.with_extension("ppm"));
    let _ = std::fs::remove_file(&pdf);
    Ok(())
}

#[test]
fn capture_check_accept_hand_off_and_nothing_stays() -> Result<(), String> {
    let out = output_dir("photo_flow");
    let stage = std::env::temp_dir().join(format!("madoguchi-e2e-stage-{}", std::process::id()));
    let stage_s = stage.display().to_string();
    let print_to = out.join("print");
    std::fs::create_dir_all(&print_to).map_err(|e| e.to_string())?;
    let print_s = print_to.display().to_string();
    let browser = FakeBrowser::new(&out, 600)?;
    let browser_s = browser.program.display().to_string();
    let kiosk = Kiosk::start_full(
        true,
        &[
            ("MADOGUCHI_SIM_CAMERA", "steady"),
            ("MADOGUCHI_STAGING_DIR", &stage_s),
            ("MADOGUCHI_BROWSER", &browser_s),
            ("MADOGUCHI_PRINT_TO", &print_s),
        ],
        |_| Ok(()),
    )?;
    kiosk.open_photo_tab_in_a_visit()?;
    // Both previews move.
    let n = wait_frames(&kiosk, "[data-testid=photo-preview]", 3)?;
    wait_frames(&kiosk, "[data-testid=photo-preview]", n + 5)?;
    kiosk.wait_text(
        "[data-testid=photo-instruction]",
        "来庁者への案内：そのまま動かずにお待ちください",
    )?;
    kiosk.screenshot(&out.join("operator-preview.png"))?;
    let say = citizen_says(&kiosk, &out.join("citizen-preview.png"))?;
    assert!(say.contains("そのまま"), "{say}");

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
    printed_photos_measure_35_by_45_mm(&kiosk, &out)?;
    kiosk.click("[data-testid=photo-stage]")?;
    kiosk.find("[data-testid=photo-staged]")?;
    let files: Vec<_> = std::fs::read_dir(&stage)
        .map_err(|e| e.to_string())?
        .collect();
    assert_eq!(files.len(), 1, "staged for the upload dialog");
    // The J-LIS page opened in a private window on a profile of its own, beside the staging folder.
    let (args, pid) = browser.started()?;
    assert!(args.contains("--incognito"), "{args}");
    assert!(args.contains("kojinbango-card.go.jp"), "{args}");
    let profile = args
        .split(' ')
        .find_map(|a| a.strip_prefix("--user-data-dir="))
        .map(std::path::PathBuf::from)
        .ok_or(format!("no profile: {args}"))?;
    assert!(profile.starts_with(format!("{stage_s}-browser")), "{args}");
    assert!(profile.is_dir());
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
    // The browser went with the photo, and its profile (the form's e-mail address and name) too.
    assert!(!profile.exists(), "the throw-away profile is deleted");
    assert!(
        !std::path::Path::new(&format!("/proc/{pid}")).exists()
            || std::fs::read_to_string(format!("/proc/{pid}/stat"))
                .map(|s| s.contains(") Z "))
                .unwrap_or(true),
        "the private window is closed"
    );

    // The visit records the photo service, and nothing else about the photo.
    kiosk.click("[data-testid=tab-desk]")?;
    kiosk.find("[data-testid=service-photo][aria-pressed=true]")?;
    let _ = std::fs::remove_dir_all(&stage);
    Ok(())
}

/// The camera is pulled out mid-preview (the simulated camera fails as a real one does once its
/// device is gone): the operator reads why and how to fix it, a capture is refused with a clear
/// message, the citizen display goes back to its welcome screen, the rest of the app keeps
/// working, and 再接続 brings the preview back.
#[test]
fn a_camera_pulled_out_mid_preview_is_reported_and_reconnects() -> Result<(), String> {
    let out = output_dir("photo_unplug");
    let kiosk = Kiosk::start_full(
        true,
        &[
            ("MADOGUCHI_SIM_CAMERA", "steady"),
            ("MADOGUCHI_SIM_UNPLUG_AFTER", "4"),
            ("MADOGUCHI_NO_BROWSER", "1"),
        ],
        |_| Ok(()),
    )?;
    kiosk.open_photo_tab_in_a_visit()?;
    wait_frames(&kiosk, "[data-testid=photo-preview]", 3)?;
    kiosk.wait_text(
        "[data-testid=camera-status]",
        "カメラの接続が切れました。USBを挿し直して、再接続してください",
    )?;
    kiosk.find("[data-testid=camera-restart]:not([hidden])")?;
    let cleared =
        kiosk.exec("return document.querySelector('[data-testid=photo-preview]').width")?;
    assert_eq!(cleared, 0, "the last frame does not stay on screen");
    kiosk.screenshot(&out.join("operator-unplugged.png"))?;
    kiosk.click("[data-testid=photo-capture]")?;
    kiosk.wait_text(
        "[data-testid=photo-live-message]",
        "カメラの接続が切れました。USBを挿し直して、再接続してください",
    )?;
    // The citizen display (it asks four times a second) leaves the preview for the visit's 対応中
    // screen.
    kiosk.wait_on_citizen("left the preview for 対応中", |k| {
        let left = k.exec(
            "return document.querySelector('[data-testid=citizen-photo]').hidden && document.body.dataset.scene === 'serving'",
        )?;
        Ok(left == true)
    })?;
    // 再接続 (the first camera of the run was the one pulled out; the next is the replugged one).
    let n = frames(&kiosk, "[data-testid=photo-preview]");
    kiosk.click("[data-testid=camera-restart]")?;
    wait_frames(&kiosk, "[data-testid=photo-preview]", n + 5)?;
    kiosk.wait_text("[data-testid=camera-status]", "カメラ：模擬カメラ（デモ）")?;
    kiosk.find("[data-testid=camera-restart][hidden]")?;
    kiosk.screenshot(&out.join("operator-reconnected.png"))?;
    // The rest of the app kept working: the visit is still open.
    kiosk.click("[data-testid=tab-desk]")?;
    kiosk.find("[data-testid=visit-open]")?;
    Ok(())
}

/// The site manager's 管理 → 写真・カメラ: the camera list (the simulated camera in demo mode,
/// with the mode it will use), a bad value refused in Japanese with nothing saved, a good one saved.
#[test]
fn the_site_manager_sets_camera_and_print_settings() -> Result<(), String> {
    let out = output_dir("photo_settings");
    let kiosk = Kiosk::start()?;
    kiosk.sign_in("manager", "demo-pass")?;
    kiosk.click("[data-testid=tab-admin]")?;
    kiosk.click("[data-testid=admin-photo]")?;
    kiosk.find_within(
        "[data-testid=camera-select] option[value='0']",
        Duration::from_secs(15),
    )?;
    let devices = kiosk.text("[data-testid=camera-devices]")?;
    assert!(
        devices.contains("模擬カメラ") && devices.contains("720×1280 30fps で撮影します"),
        "{devices}"
    );
    kiosk.exec(
        "const f = document.querySelector('[data-testid=photo-settings]');
         f.paper.value = 'A4'; f.copies.value = '30'; return true;",
    )?;
    kiosk.click("[data-testid=photo-settings-save]")?;
    kiosk.wait_text(
        "[data-testid=photo-settings-message]",
        "印刷枚数は1〜25枚で設定してください。",
    )?;
    kiosk.exec(
        "const f = document.querySelector('[data-testid=photo-settings]');
         f.copies.value = '6'; f.max_age_minutes.value = '5'; return true;",
    )?;
    kiosk.click("[data-testid=photo-settings-save]")?;
    kiosk.wait_text(
        "[data-testid=photo-settings-message]",
        "保存しました。次に写真タブを開いたときから使われます。",
    )?;
    kiosk.screenshot(&out.join("photo-settings.png"))?;
    // Saved: the form shows it again after reopening.
    kiosk.click("[data-testid=admin-data]")?;
    kiosk.click("[data-testid=admin-photo]")?;
    // The section loads the saved settings before it draws the form.
    kiosk.find("[data-testid=photo-settings]")?;
    let v = kiosk.exec(
        "const f = document.querySelector('[data-testid=photo-settings]');
         return [f.paper.value, f.copies.value, f.max_age_minutes.value].join(' ');",
    )?;
    assert_eq!(v, "A4 6 5");
    Ok(())
}

/// The process id of the kiosk this harness started (found by its own data folder).
fn kiosk_pid(kiosk: &Kiosk) -> Result<String, String> {
    let out = std::process::Command::new("pgrep")
        .args(["-f", &format!("{}$", kiosk.app_data().display())])
        .output()
        .map_err(|e| e.to_string())?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .map(str::to_string)
        .ok_or_else(|| "the kiosk process was not found".into())
}

/// 印刷する opens GTK's print dialog with real printers only: GTK loads no "Print to File"
/// backend into the kiosk (it would write a PDF of the citizen's face to the home folder).
#[test]
fn the_print_dialog_offers_printers_only() -> Result<(), String> {
    let out = output_dir("print_dialog");
    let kiosk = Kiosk::start_full(
        true,
        &[
            ("MADOGUCHI_SIM_CAMERA", "steady"),
            ("MADOGUCHI_NO_BROWSER", "1"),
        ],
        |_| Ok(()),
    )?;
    kiosk.open_photo_tab_in_a_visit()?;
    kiosk.take_accepted_photo()?;
    kiosk.find("[data-testid=photo-print]")?;
    // The click waits for the dialog to close: press the button from the page, without waiting.
    kiosk.exec("setTimeout(() => document.querySelector('[data-testid=photo-print]').click(), 0); return true")?;
    let pid = kiosk_pid(&kiosk)?;
    let deadline = Instant::now() + Duration::from_secs(20);
    let maps = loop {
        let maps = std::fs::read_to_string(format!("/proc/{pid}/maps")).unwrap_or_default();
        if maps.contains("printbackend") {
            break maps;
        }
        if Instant::now() > deadline {
            return Err("no print backend was loaded: the dialog did not open".into());
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    std::thread::sleep(Duration::from_millis(800));
    let shot = std::process::Command::new("import")
        .args([
            "-window",
            "root",
            &out.join("print-dialog.png").display().to_string(),
        ])
        .env("DISPLAY", &kiosk.display)
        .status();
    assert!(shot.is_ok());
    assert!(
        maps.contains("libprintbackend-cups"),
        "real printers through CUPS"
    );
    assert!(
        !maps.contains("libprintbackend-file"),
        "no Print to File backend in the kiosk"
    );
    // Close the dialog (Escape), so the kiosk ends cleanly.
    let _ = std::process::Command::new("xdotool")
        .args(["key", "Escape"])
        .env("DISPLAY", &kiosk.display)
        .status();
    Ok(())
}

/// A second person comes into the frame (the simulated camera's `second` scene): the citizen
/// display says so, and the capture fails the faces check, named as the cause.
#[test]
fn a_second_person_in_the_frame_is_told_and_fails_the_capture() -> Result<(), String> {
    let out = output_dir("photo_second_person");
    let kiosk = Kiosk::start_full(true, &[("MADOGUCHI_SIM_CAMERA", "second")], |_| Ok(()))?;
    kiosk.open_photo_tab_in_a_visit()?;
    kiosk.wait_text(
        "[data-testid=photo-instruction]",
        "来庁者への案内：ほかの方が写っています。撮影はおひとりでお願いします",
    )?;
    let say = citizen_says(&kiosk, &out.join("citizen-second-person.png"))?;
    assert!(say.contains("ほかの方が写っています"), "{say}");
    kiosk.click("[data-testid=photo-capture]")?;
    kiosk.find_within(
        "[data-testid=photo-checks] tr[data-check=faces].fail.cause",
        Duration::from_secs(30),
    )?;
    let cause = kiosk.text("[data-testid=photo-cause]")?;
    assert!(cause.contains("ほかの人の顔が写っています"), "{cause}");
    assert!(
        kiosk
            .text("[data-testid=photo-verdict]")?
            .contains("撮り直して"),
        "a failed verdict"
    );
    kiosk.screenshot(&out.join("operator-second-person.png"))?;
    Ok(())
}
