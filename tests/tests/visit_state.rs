//! The visit's state belongs to the backend (regression of a data loss found by walking the
//! counter's morning): services ticked before the operator switches tabs — a FAQ looked up, the
//! photo tab opened — are still ticked when the visit panel comes back, and the next tick adds to
//! them instead of saving the panel's stale copy. The visit's keys work wherever the focus is:
//! Enter on a focused tab button ends the visit instead of re-opening the tab. Signing out with a
//! visit open asks first.

use madoguchi_e2e::{key, output_dir, Kiosk};

#[test]
fn ticks_survive_tab_switches_and_enter_ends_the_visit_wherever_the_focus_is() -> Result<(), String>
{
    let out = output_dir("visit_state");
    let kiosk = Kiosk::start()?;
    kiosk.sign_in("operator1", "demo-pass")?;
    kiosk.wait_text("[data-testid=tally-total]", "0")?;

    // 暗証番号 ticked (key 7).
    kiosk.start_visit_with_f2()?;
    kiosk.keys("7")?;
    kiosk.find("[data-testid=service-pin][aria-pressed=true]")?;

    // A FAQ looked up, then the photo tab opened.
    kiosk.click("[data-testid=tab-kb]")?;
    kiosk.type_into("[data-testid=kb-query]", "暗証番号")?;
    kiosk.click("[data-testid=kb-hits] button[data-doc]")?;
    kiosk.find("[data-testid=kb-title]")?;
    kiosk.click("[data-testid=tab-photo]")?;
    kiosk.find("[data-testid=photo-preview]")?;

    // Back at the visit panel, 暗証番号 is still ticked.
    kiosk.click("[data-testid=tab-desk]")?;
    kiosk.find("[data-testid=visit-open]")?;
    kiosk.find("[data-testid=service-pin][aria-pressed=true]")?;
    assert!(
        kiosk.service_ticked("pin")?,
        "the tick made before the tab switch must still show"
    );

    // 相談 ticked (key 9): both stay.
    kiosk.keys("9")?;
    kiosk.find("[data-testid=service-consultation][aria-pressed=true]")?;
    assert!(
        kiosk.service_ticked("pin")?,
        "the second tick must not drop the first"
    );
    kiosk.screenshot(&out.join("1-two-ticks-after-tab-switches.png"))?;

    // Between tabs by keyboard (the arrow keys on the tab bar): to 写真 and back to 受付. The
    // focus rests on the 受付 tab button, and Enter ends the visit instead of re-opening the tab.
    kiosk.exec("document.querySelector('[data-testid=tab-desk]').focus(); return null")?;
    kiosk.keys(key::RIGHT)?;
    kiosk.find("[data-testid=photo-preview]")?;
    kiosk.keys(key::LEFT)?;
    kiosk.find("[data-testid=visit-open]")?;
    let focused = kiosk.exec("return document.activeElement.dataset.testid")?;
    assert_eq!(
        focused.as_str(),
        Some("tab-desk"),
        "the focus is on the tab bar"
    );
    kiosk.keys(key::ENTER)?;
    kiosk.wait_text("[data-testid=tally-total]", "1")?;
    kiosk.wait_text("[data-testid=tally-pin]", "1")?;
    kiosk.wait_text("[data-testid=tally-consultation]", "1")?;

    // Signing out with a visit open asks first; 対応を続ける keeps the operator signed in.
    kiosk.start_visit_with_f2()?;
    kiosk.click("[data-testid=sign-out]")?;
    kiosk.find("dialog[open] [data-testid=signout-confirm]")?;
    kiosk.screenshot(&out.join("2-sign-out-asks.png"))?;
    kiosk.click("dialog[open] [data-testid=signout-stay]")?;
    kiosk.find("[data-testid=visit-open]")?;
    kiosk.click("[data-testid=sign-out]")?;
    kiosk.click("dialog[open] [data-testid=signout-confirm]")?;
    kiosk.find("[data-testid=signin-form]")?;
    Ok(())
}
