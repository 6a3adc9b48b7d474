//! The site's number of counters is a setting in 管理 → データ (the contract's two by default):
//! raising it offers more counter numbers for this PC (looked at as a screenshot).

use madoguchi_e2e::{output_dir, Kiosk};

#[test]
fn the_site_manager_sets_the_number_of_counters() -> Result<(), String> {
    let out = output_dir("admin_counters");
    let kiosk = Kiosk::start()?;
    kiosk.sign_in("manager", "demo-pass")?;
    kiosk.click("[data-testid=tab-admin]")?;
    kiosk.click("[data-testid=admin-data]")?;
    kiosk.find("select[name=counters]")?;
    let options = |sel: &str| -> Result<i64, String> {
        let n = kiosk.exec(&format!(
            "return document.querySelectorAll('{sel} option').length"
        ))?;
        n.as_i64().ok_or_else(|| "count".to_string())
    };
    assert_eq!(options("select[name=counter]")?, 2, "the contract's two");
    kiosk.exec(
        "const s = document.querySelector('select[name=counters]'); s.value = '3'; return true",
    )?;
    kiosk.click("[data-counters]")?;
    kiosk.wait_contains("[data-testid=data-message]", "窓口数を3")?;
    assert_eq!(options("select[name=counter]")?, 3);
    kiosk.screenshot(&out.join("counters.png"))?;
    Ok(())
}
