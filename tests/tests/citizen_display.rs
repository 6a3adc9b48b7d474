//! The citizen display follows the visit in the citizen's language: 対応中, the card's result in
//! plain words (a locked PIN: where to go, what to bring, two visits for a proxy), the photo's
//! 3-2-1 countdown, 「撮影しました」, the photo with 「この写真でよろしいですか」, accepted (the
//! camera off), 「ありがとうございました」 — and a screenshot of the longest text in every language,
//! checked for overflow here and looked at for missing glyphs.

use std::time::{Duration, Instant};

use madoguchi_e2e::{key, output_dir, Kiosk};

const LANGUAGES: [&str; 10] = [
    "ja",
    "ja-x-easy",
    "en",
    "zh",
    "ko",
    "vi",
    "pt",
    "es",
    "fil",
    "ne",
];

/// Waits on the citizen window until its scene is `scene`; comes back to the operator window.
fn citizen_scene(kiosk: &Kiosk, scene: &str) -> Result<(), String> {
    kiosk.wait_on_citizen(&format!("showed the scene {scene}"), |k| {
        let now = k.exec("return document.body.dataset.scene || ''")?;
        Ok(now.as_str() == Some(scene))
    })
}

fn choose_language(kiosk: &Kiosk, code: &str) -> Result<(), String> {
    kiosk.exec(&format!(
        "const s = document.querySelector('[data-testid=visit-language]'); s.value = '{code}'; s.dispatchEvent(new Event('change')); return null"
    ))?;
    kiosk.wait_contains("[data-testid=visit-message]", "来庁者画面の言語")?;
    Ok(())
}

/// Shows the citizen display in each language in turn: `check` looks at it, the text must fit
/// the screen without scrolling, and a screenshot `<name>-<code>.png` is kept to look at.
fn in_every_language(
    kiosk: &Kiosk,
    out: &std::path::Path,
    name: &str,
    check: impl Fn(&str, &Kiosk) -> Result<(), String>,
) -> Result<(), String> {
    for code in LANGUAGES {
        choose_language(kiosk, code)?;
        kiosk.switch_to("窓口のご案内")?;
        let deadline = Instant::now() + Duration::from_secs(10);
        while kiosk.exec("return document.body.dataset.lang")?.as_str() != Some(code) {
            if Instant::now() > deadline {
                return Err(format!("the citizen display did not switch to {code}"));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        check(code, kiosk)?;
        let fits = kiosk.exec(
            "const e = document.scrollingElement; return e.scrollHeight <= innerHeight + 1 && e.scrollWidth <= innerWidth + 1",
        )?;
        kiosk.screenshot(&out.join(format!("{name}-{code}.png")))?;
        assert_eq!(
            fits.as_bool(),
            Some(true),
            "{name} {code}: the text overflows the screen"
        );
        kiosk.switch_to("オペレーター")?;
    }
    Ok(())
}

#[test]
fn the_citizen_display_follows_the_visit_in_every_language() -> Result<(), String> {
    let out = output_dir("citizen_display");
    let kiosk = Kiosk::start_full(true, &[("MADOGUCHI_SIM_CAMERA", "steady")], |_| Ok(()))?;
    kiosk.sign_in("operator1", "demo-pass")?;
    kiosk.wait_text("[data-testid=tally-total]", "0")?;
    citizen_scene(&kiosk, "welcome")?;
    kiosk.start_visit_with_f2()?;
    citizen_scene(&kiosk, "serving")?;

    // A card with a locked 利用者証明用 PIN: the longest text, in every language.
    kiosk.click("[data-testid=demo-card-auth_locked]")?;
    citizen_scene(&kiosk, "card")?;
    in_every_language(&kiosk, &out, "card-pin-locked", |code, kiosk| {
        let body = kiosk.text("[data-testid=citizen-step-body]")?;
        assert!(body.contains("2回の来庁"), "{body}");
        if code != "ja" {
            let other = kiosk.text("[data-testid=citizen-step-body-other]")?;
            assert!(!other.is_empty() && other != body, "{code}: {other}");
        }
        Ok(())
    })?;
    kiosk.click("[data-testid=demo-card-remove]")?;
    citizen_scene(&kiosk, "serving")?;

    // A guide's step, large, over the procedure under way: the longest (「暗証番号（数字4桁）を…」
    // at 健康保険証利用申込's third step) in every language.
    kiosk.focus_visit_panel()?;
    kiosk.keys("g")?;
    kiosk.keys("3")?;
    kiosk.find("[data-testid=guide-step-4]")?;
    kiosk.keys("12")?;
    kiosk.find("[data-testid=guide-step-2][aria-pressed=true]")?;
    in_every_language(&kiosk, &out, "step-pin", |code, kiosk| {
        let title = kiosk.text("[data-testid=citizen-step-title]")?;
        assert!(
            title.starts_with("暗証番号（数字4桁）を"),
            "{code}: {title}"
        );
        let body = kiosk.text("[data-testid=citizen-step-body]")?;
        assert!(body.starts_with("健康保険証"), "{code}: {body}");
        Ok(())
    })?;
    kiosk.keys(key::ESCAPE)?;
    choose_language(&kiosk, "vi")?;
    citizen_scene(&kiosk, "serving")?;

    // The photo: the countdown, 撮影しました, the photo and the question, accepted.
    kiosk.click("[data-testid=tab-photo]")?;
    kiosk.find("[data-testid=photo-preview]")?;
    citizen_scene(&kiosk, "preview")?;
    kiosk.wait_text(
        "[data-testid=photo-instruction]",
        "来庁者への案内：そのまま動かずにお待ちください",
    )?;
    kiosk.click("[data-testid=photo-capture]")?;
    kiosk.switch_to("窓口のご案内")?;
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut seen = Vec::new();
    while Instant::now() < deadline && seen.len() < 3 {
        let n = kiosk
            .text("[data-testid=citizen-countdown]")
            .unwrap_or_default();
        if !n.is_empty() && !seen.contains(&n) {
            if seen.is_empty() {
                kiosk.screenshot(&out.join("countdown.png"))?;
            }
            seen.push(n);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(seen, ["3", "2", "1"], "the countdown");
    kiosk.switch_to("オペレーター")?;
    citizen_scene(&kiosk, "confirm")?;
    kiosk.wait_on_citizen("showed the photo with この写真でよろしいですか", |k| {
        let shown = k.exec(
            "const i = document.querySelector('[data-testid=citizen-chosen-photo]');
             return !i.hidden && i.naturalWidth > 0
               && document.querySelector('[data-testid=citizen-step-title]').textContent === 'この写真でよろしいですか'",
        )?;
        Ok(shown == true)
    })?;
    kiosk.switch_to("窓口のご案内")?;
    kiosk.screenshot(&out.join("confirm-vi.png"))?;
    kiosk.switch_to("オペレーター")?;
    kiosk.click("[data-testid=photo-accept]")?;
    citizen_scene(&kiosk, "accepted")?;

    // The end of the visit: thanks, in both languages.
    kiosk.click("[data-testid=tab-desk]")?;
    kiosk.find("[data-testid=visit-open]")?;
    kiosk.find("[data-testid=service-photo][aria-pressed=true]")?;
    kiosk.keys(key::ENTER)?;
    kiosk.wait_text("[data-testid=tally-total]", "1")?;
    citizen_scene(&kiosk, "thanks")?;
    kiosk.switch_to("窓口のご案内")?;
    kiosk.wait_text("[data-testid=citizen-step-title-other]", "Cảm ơn bạn")?;
    kiosk.screenshot(&out.join("thanks-vi.png"))?;
    kiosk.switch_to("オペレーター")?;
    Ok(())
}
