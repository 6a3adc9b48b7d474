//! The manual/FAQ workflow end to end: an operator drafts a FAQ and sends it; it goes to the site
//! manager, who sends it on to the city (operators reach the city through the site manager); it is
//! not searchable yet; city staff approve it; the operator then finds it by search.

use madoguchi_e2e::{output_dir, Kiosk};

fn wait_text_contains(kiosk: &Kiosk, css: &str, want: &str) -> Result<String, String> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let text = kiosk.text(css).unwrap_or_default();
        if text.contains(want) {
            return Ok(text);
        }
        if std::time::Instant::now() > deadline {
            return Err(format!("{css}: wanted {want:?}, saw {text:?}"));
        }
        std::thread::sleep(std::time::Duration::from_millis(150));
    }
}

#[test]
fn operator_drafts_city_approves_operator_finds() -> Result<(), String> {
    let out = output_dir("kb_flow");
    let kiosk = Kiosk::start()?;
    kiosk.sign_in("operator1", "demo-pass")?;
    kiosk.click("[data-testid=tab-kb]")?;
    kiosk.click("[data-testid=kb-new]")?;
    kiosk.type_into(
        "[data-testid=kb-draft-title]",
        "窓口が混雑する時間帯はいつですか",
    )?;
    kiosk.type_into(
        "[data-testid=kb-draft-body]",
        "月曜日の午前と、土日の開設日の昼前後が混雑します。",
    )?;
    kiosk.click("dialog[open] input[name=services][value=consultation]")?;
    kiosk.type_into("[data-testid=kb-draft-summary]", "問い合わせが多いため追加")?;
    kiosk.click("[data-testid=kb-draft-submit]")?;
    wait_text_contains(&kiosk, "mg-kb .message", "現場責任者に送りました")?;
    kiosk.type_into("[data-testid=kb-query]", "混雑する時間帯")?;
    wait_text_contains(&kiosk, "[data-testid=kb-hits]", "見つかりませんでした")?;

    // The city does not see it before the site manager sends it on.
    kiosk.click("[data-testid=sign-out]")?;
    kiosk.sign_in("city", "demo-pass")?;
    kiosk.click("[data-testid=tab-kb]")?;
    wait_text_contains(&kiosk, "[data-testid=kb-queue]", "承認待ちはありません")?;
    kiosk.click("[data-testid=sign-out]")?;
    kiosk.sign_in("manager", "demo-pass")?;
    kiosk.click("[data-testid=tab-kb]")?;
    kiosk.click("[data-testid=kb-queue] button[data-version]")?;
    wait_text_contains(&kiosk, "mg-kb .kb-doc .hint", "現場責任者の確認待ち")?;
    kiosk.screenshot(&out.join("0-manager-forwards.png"))?;
    kiosk.click("[data-testid=kb-forward]")?;
    wait_text_contains(&kiosk, "mg-kb .message", "市に送りました")?;

    kiosk.click("[data-testid=sign-out]")?;
    kiosk.sign_in("city", "demo-pass")?;
    kiosk.click("[data-testid=tab-kb]")?;
    kiosk.click("[data-testid=kb-queue] button[data-version]")?;
    wait_text_contains(&kiosk, "[data-testid=kb-title]", "混雑する時間帯")?;
    kiosk.screenshot(&out.join("1-city-reviews.png"))?;
    kiosk.click("[data-testid=kb-approve]")?;
    wait_text_contains(&kiosk, "mg-kb .message", "承認しました")?;
    // §6(4)イ: the change was not requested by the city, so it is listed for the period.
    kiosk.exec(
        "const today = new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10);\
         document.querySelector('mg-kb [name=from]').value = today;\
         document.querySelector('mg-kb [name=to]').value = today;",
    )?;
    kiosk.click("mg-kb [data-unrequested]")?;
    wait_text_contains(
        &kiosk,
        "[data-testid=kb-unrequested]",
        "窓口が混雑する時間帯はいつですか",
    )?;

    kiosk.click("[data-testid=sign-out]")?;
    kiosk.sign_in("operator1", "demo-pass")?;
    kiosk.click("[data-testid=tab-kb]")?;
    kiosk.type_into("[data-testid=kb-query]", "混雑する時間帯")?;
    kiosk.click("[data-testid=kb-hits] button[data-doc]")?;
    wait_text_contains(
        &kiosk,
        "[data-testid=kb-title]",
        "窓口が混雑する時間帯はいつですか",
    )?;
    kiosk.screenshot(&out.join("2-operator-finds-it.png"))?;

    // The operator revises it: a second version waits for approval while the first stays shown.
    kiosk.click("[data-testid=kb-revise]")?;
    kiosk.exec("const t = document.querySelector('[data-testid=kb-draft-body]'); t.value = t.value + '平日の夕方は比較的空いています。';")?;
    kiosk.type_into("[data-testid=kb-draft-summary]", "空いている時間を追記")?;
    kiosk.click("[data-testid=kb-draft-submit]")?;
    wait_text_contains(&kiosk, "mg-kb .message", "現場責任者に送りました")?;
    kiosk.click("[data-testid=kb-hits] button[data-doc]")?;
    wait_text_contains(&kiosk, "[data-testid=kb-title]", "混雑する時間帯")?;
    let shown = kiosk.text("mg-kb .kb-body")?;
    assert!(
        !shown.contains("夕方"),
        "operators see only the approved version: {shown}"
    );
    Ok(())
}
