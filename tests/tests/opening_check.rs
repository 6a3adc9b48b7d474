//! 開設前点検 end to end, in demo mode (simulated camera and card reader) with a network target on
//! this machine: today made an opening day, the header says 開設前点検 未実施; the site manager
//! sets the target in 管理; the check runs from the header, every automatic item is listed with
//! its result, the manual items are ticked, and once recorded the header says so. Screenshots of
//! the header, the results and the recorded state are looked at. No test reaches outside.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use madoguchi_e2e::{connectivity_check, output_dir, Kiosk};

#[test]
fn the_opening_check_runs_from_the_header_and_is_recorded() -> Result<(), String> {
    let out = output_dir("opening_check");
    let port = connectivity_check(Arc::new(AtomicBool::new(true)))?;
    let kiosk = Kiosk::start()?;
    kiosk.sign_in("manager", "demo-pass")?;
    kiosk.open_today_all_day()?;
    kiosk.wait_contains("[data-testid=opening-badge]", "開設前点検 未実施")?;
    kiosk.screenshot(&out.join("1-header-not-done.png"))?;

    // 管理 → 開設前点検: the network target on this machine.
    let target = format!("ネットワーク（この PC 内の確認先） http://127.0.0.1:{port}/generate_204");
    kiosk.save_opening_settings(&[("targets", &target)])?;

    // The check, from the header.
    kiosk.click("[data-testid=opening-badge]")?;
    kiosk.click("[data-testid=opening-run]")?;
    kiosk.find("[data-testid=opening-auto]")?;
    let items = kiosk.exec(
        "return [...document.querySelectorAll('[data-testid=opening-item]')].map(li => [li.dataset.id, li.dataset.ok, li.querySelector('.detail').textContent])",
    )?;
    let items = items.as_array().ok_or("items")?.clone();
    let find = |id: &str| {
        items
            .iter()
            .find(|i| i[0] == id)
            .cloned()
            .unwrap_or_else(|| panic!("no {id} item: {items:?}"))
    };
    for id in [
        "network",
        "camera",
        "card_reader",
        "printer",
        "disk",
        "backup",
    ] {
        find(id);
    }
    assert_eq!(find("network")[1], "true", "{items:?}");
    assert_eq!(
        find("camera")[1],
        "true",
        "the simulated camera gives a frame: {items:?}"
    );
    assert_eq!(find("card_reader")[1], "true", "{items:?}");
    assert_eq!(
        find("backup")[1],
        "false",
        "a fresh demo has no backup: {items:?}"
    );
    // Tick every manual item 良, one 不良 with a note.
    kiosk.exec(
        "const oks = document.querySelectorAll('[data-testid=opening-manual-ok]');
         oks.forEach(r => { r.checked = true; });
         const ngs = document.querySelectorAll('[data-testid=opening-manual-ng]');
         ngs[2].checked = true;
         document.querySelectorAll('[data-testid=opening-manual] input.note')[2].value = '残り20部。追加を依頼';
         return oks.length",
    )?;
    kiosk.screenshot(&out.join("2-results.png"))?;
    kiosk.click("[data-testid=opening-save]")?;
    kiosk.wait_contains("[data-testid=opening-badge]", "開設前点検 NG")?;
    let badge = kiosk.text("[data-testid=opening-badge]")?;
    assert!(badge.contains("NG"), "{badge}");
    kiosk.screenshot(&out.join("3-recorded.png"))?;

    // Opened again: it says when and by whom, and can be run again.
    kiosk.click("[data-testid=opening-badge]")?;
    kiosk.wait_contains("[data-testid=opening-done]", "manager が実施済み")?;
    Ok(())
}
