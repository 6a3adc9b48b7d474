//! A question the manual does not answer: the operator records it, the site manager sends it to
//! the city, city staff answer, and the operator who asked sees the answer.

use madoguchi_e2e::{output_dir, Kiosk};

fn wait_for(kiosk: &Kiosk, css: &str, want: &str) -> Result<(), String> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let text = kiosk.text(css).unwrap_or_default();
        if text.contains(want) {
            return Ok(());
        }
        if std::time::Instant::now() > deadline {
            return Err(format!("{css}: wanted {want:?}, saw {text:?}"));
        }
        std::thread::sleep(std::time::Duration::from_millis(150));
    }
}

fn answer_dialog(kiosk: &Kiosk, text: &str) -> Result<(), String> {
    kiosk.type_into("dialog[open] input[name=text]", text)?;
    kiosk.click("dialog[open] button[value=ok]")
}

#[test]
fn question_to_the_city_and_back() -> Result<(), String> {
    let out = output_dir("escalation");
    let kiosk = Kiosk::start()?;
    let question = "住所変更の直後でも電子証明書を更新できますか";
    kiosk.sign_in("operator1", "demo-pass")?;
    kiosk.click("[data-testid=tab-kb]")?;
    kiosk.click("[data-testid=esc-ask]")?;
    answer_dialog(&kiosk, question)?;
    wait_for(&kiosk, "[data-testid=esc-list]", "未送付")?;
    kiosk.click("[data-testid=sign-out]")?;

    kiosk.sign_in("manager", "demo-pass")?;
    kiosk.click("[data-testid=tab-kb]")?;
    kiosk.click("[data-testid=esc-list] [data-step=send]")?;
    wait_for(&kiosk, "[data-testid=esc-list]", "市へ送付済み")?;
    kiosk.click("[data-testid=sign-out]")?;

    kiosk.sign_in("city", "demo-pass")?;
    kiosk.click("[data-testid=tab-kb]")?;
    kiosk.click("[data-testid=esc-answer]")?;
    answer_dialog(&kiosk, "住民異動の処理が終わってから更新できます。")?;
    wait_for(&kiosk, "[data-testid=esc-list]", "回答あり")?;
    kiosk.click("[data-testid=sign-out]")?;

    kiosk.sign_in("operator1", "demo-pass")?;
    kiosk.click("[data-testid=tab-kb]")?;
    wait_for(
        &kiosk,
        "[data-testid=esc-list]",
        "住民異動の処理が終わってから更新できます。",
    )?;
    kiosk.screenshot(&out.join("operator-sees-the-answer.png"))?;
    Ok(())
}
