//! The site manager's month view: weekend opening days are picked and unpicked, the quota holds.

use madoguchi_e2e::{output_dir, Kiosk};

#[test]
fn site_manager_picks_weekend_days_in_the_month_view() -> Result<(), String> {
    let out = output_dir("admin_calendar");
    let kiosk = Kiosk::start()?;
    kiosk.type_into("[data-testid=login-id]", "manager")?;
    kiosk.type_into("[data-testid=password]", "demo-pass")?;
    kiosk.click("[data-testid=signin-submit]")?;
    kiosk.click("[data-testid=tab-admin]")?;
    kiosk.find("[data-testid=calendar-title]")?;
    // Demo mode picked three weekend days in every month of the contract.
    kiosk.wait_text("[data-testid=picked-count]", "3")?;
    kiosk.screenshot(&out.join("month-view.png"))?;
    kiosk.click("[data-picked=true]")?;
    kiosk.wait_text("[data-testid=picked-count]", "2")?;
    kiosk.click("[data-picked=false]")?;
    kiosk.wait_text("[data-testid=picked-count]", "3")?;
    Ok(())
}
