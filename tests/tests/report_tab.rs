//! The report tab: the site manager sees the month's report as it will be printed, and switches
//! months.

use madoguchi_e2e::{output_dir, Kiosk};

#[test]
fn site_manager_sees_the_monthly_report_and_switches_months() -> Result<(), String> {
    let out = output_dir("report_tab");
    let kiosk = Kiosk::start()?;
    kiosk.type_into("[data-testid=login-id]", "manager")?;
    kiosk.type_into("[data-testid=password]", "demo-pass")?;
    kiosk.click("[data-testid=signin-submit]")?;
    kiosk.click("[data-testid=tab-report]")?;
    kiosk.find("[data-testid=report]")?;
    let title = kiosk.text("[data-testid=report-title]")?;
    assert!(
        title.starts_with("令和") && title.ends_with("月分"),
        "{title}"
    );
    let open_days: u32 = kiosk
        .text("[data-testid=report-open-days]")?
        .parse()
        .map_err(|e| format!("{e}"))?;
    assert!(
        open_days > 15,
        "a month of the demo contract has opening days: {open_days}"
    );
    kiosk.screenshot(&out.join("monthly-report.png"))?;
    kiosk.click("[data-nav='-1']")?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let other = kiosk.text("[data-testid=report-title]").unwrap_or_default();
        if !other.is_empty() && other != title {
            break;
        }
        if std::time::Instant::now() > deadline {
            return Err(format!("month did not change from {title}"));
        }
        std::thread::sleep(std::time::Duration::from_millis(150));
    }
    Ok(())
}
