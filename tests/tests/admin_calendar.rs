//! The site manager's month view: weekend opening days are picked and unpicked, the quota holds.

use madoguchi_e2e::{output_dir, Kiosk};

#[test]
fn site_manager_picks_weekend_days_in_the_month_view() -> Result<(), String> {
    let out = output_dir("admin_calendar");
    let kiosk = Kiosk::start()?;
    kiosk.sign_in("manager", "demo-pass")?;
    kiosk.click("[data-testid=tab-admin]")?;
    kiosk.find("[data-testid=calendar-title]")?;
    // Demo mode picked three weekend days in every month of the contract.
    kiosk.wait_text("[data-testid=picked-count]", "3")?;
    kiosk.screenshot(&out.join("month-view.png"))?;
    kiosk.click("[data-picked=true]")?;
    kiosk.wait_text("[data-testid=picked-count]", "2")?;
    kiosk.click("[data-picked=false]")?;
    kiosk.wait_text("[data-testid=picked-count]", "3")?;

    // A law moves a holiday: the site manager adds one on an open weekday of this month; the
    // month view then shows that day closed with the holiday's name.
    let date = kiosk.exec("return document.querySelector('[data-close]').dataset.close")?;
    let date = date
        .as_str()
        .ok_or("no open weekday this month")?
        .to_string();
    kiosk.click("[data-testid=admin-hours]")?;
    kiosk.find(".exception-form")?;
    kiosk.exec(&format!(
        "const f = document.querySelector('.exception-form');\
         f.date.value = '{date}'; f.kind.value = 'add'; f.reason.value = '臨時の祝日';"
    ))?;
    kiosk.click(".exception-form button")?;
    kiosk.find(&format!("[data-undo-holiday='{date}']"))?;
    kiosk.screenshot(&out.join("exceptions.png"))?;
    kiosk.click("[data-testid=admin-calendar]")?;
    let cell = kiosk.text(&format!("td[data-date='{date}']"))?;
    assert!(cell.contains("臨時の祝日"), "{date}: {cell}");
    Ok(())
}
