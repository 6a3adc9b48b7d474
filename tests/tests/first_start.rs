//! The first start of a real install: the site manager's account, the contract period and the
//! 業務名 in one form (looked at as a screenshot); the report then carries the 業務名.

use madoguchi_e2e::{output_dir, Kiosk};

#[test]
fn the_first_start_asks_for_the_manager_and_the_contract() -> Result<(), String> {
    let out = output_dir("first_start");
    let kiosk = Kiosk::start_with(false, |_| Ok(()))?;
    kiosk.find("[data-testid=setup-form]")?;
    let form = kiosk.text("[data-testid=setup-form]")?;
    assert!(
        form.contains("契約期間") && form.contains("業務名"),
        "{form}"
    );
    let name = kiosk.exec(
        "return document.querySelector('[data-testid=setup-form] input[name=business_name]').value",
    )?;
    assert_eq!(
        name.as_str(),
        Some("マイナンバーカード申請支援（オンライン窓口方式）業務委託"),
        "the contract's name by default"
    );
    kiosk.screenshot(&out.join("setup.png"))?;
    kiosk.type_into("[data-testid=setup-form] input[name=login_id]", "sekinin")?;
    kiosk.type_into(
        "[data-testid=setup-form] input[name=display_name]",
        "現場責任者",
    )?;
    kiosk.type_into(
        "[data-testid=setup-form] input[name=password]",
        "madoguchi-setup-2026",
    )?;
    kiosk.type_into(
        "[data-testid=setup-form] input[name=again]",
        "madoguchi-setup-2026",
    )?;
    let sent = kiosk.exec(
        "const f = new FormData(document.querySelector('[data-testid=setup-form]'));\
         return [f.get('contract_start'), f.get('contract_end'), f.get('business_name')];",
    )?;
    let year = sent[0].as_str().unwrap_or_default();
    assert!(
        year.ends_with("-04-01") && year >= "2026",
        "this fiscal year by default: {sent}"
    );
    kiosk.click("[data-testid=setup-form] button[type=submit]")?;
    kiosk.sign_in("sekinin", "madoguchi-setup-2026")?;
    kiosk.click("[data-testid=tab-report]")?;
    let report = kiosk.wait_contains("[data-testid=report]", "業務名")?;
    assert!(
        report.contains("マイナンバーカード申請支援（オンライン窓口方式）業務委託"),
        "{report}"
    );
    Ok(())
}
