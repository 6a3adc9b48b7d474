//! The briefing of the manual and the equipment to the city's staff (仕様書 §6(4)エ): the site
//! manager records it from マニュアル・FAQ with the attendees by role; the manual version is taken
//! from the approved manual; a name-like phone number in the note is refused.

use madoguchi_e2e::{output_dir, Kiosk};

#[test]
fn the_site_manager_records_a_briefing() -> Result<(), String> {
    let out = output_dir("briefing_record");
    let kiosk = Kiosk::start()?;
    kiosk.sign_in("manager", "demo-pass")?;
    kiosk.click("[data-testid=tab-kb]")?;
    kiosk.click("[data-testid=kb-briefing-record]")?;
    kiosk.find("[data-testid=briefing-form]")?;
    kiosk.type_into(
        "[data-testid=briefing-form] input[name=attendees]",
        "市民課 2名、現場責任者 1名",
    )?;
    kiosk.type_into(
        "[data-testid=briefing-form] textarea[name=note]",
        "連絡先 090-1234-5678",
    )?;
    kiosk.click("[data-testid=briefing-save]")?;
    kiosk.wait_contains("[data-testid=briefing-form] .message", "電話番号")?;
    kiosk.exec("document.querySelector('[data-testid=briefing-form] textarea[name=note]').value = '機器の章（カメラ、カードリーダー、Wi-Fi）を説明'; return true")?;
    kiosk.screenshot(&out.join("form.png"))?;
    kiosk.click("[data-testid=briefing-save]")?;
    let said = kiosk.wait_contains("mg-kb .message", "説明を記録しました")?;
    assert!(said.contains("承認済み"), "{said}");
    Ok(())
}
