//! The report tab: the site manager sees the month's report as it will be printed, and switches
//! months.

use madoguchi_e2e::{output_dir, Kiosk};

#[test]
fn site_manager_sees_the_monthly_report_and_switches_months() -> Result<(), String> {
    let out = output_dir("report_tab");
    let kiosk = Kiosk::start()?;
    kiosk.sign_in("manager", "demo-pass")?;
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

    // Export: the native save dialog opens; type a path into it as a person would.
    let target = kiosk.data_dir.path().join("monthly.xlsx");
    kiosk.click("[data-export=xlsx]")?;
    kiosk.answer_file_dialog(&target)?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while !target.exists() {
        if std::time::Instant::now() > deadline {
            return Err(format!("{} was not written", target.display()));
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    let bytes = std::fs::read(&target).map_err(|e| e.to_string())?;
    assert!(bytes.starts_with(b"PK"), "an xlsx (zip) file");
    // Last month has ended and is not submitted: the header warns; the site manager records the
    // submission; the report is then shown as submitted and the warning goes.
    let warning = kiosk.text("[data-testid=due-warning]")?;
    assert!(warning.contains("月次報告書"), "{warning}");
    let due =
        kiosk.exec("return document.querySelector('[data-testid=due-warning]').dataset.month")?;
    let due = due.as_str().ok_or("due month")?.to_string();
    // From the 1st to the 5th the tab already opens on the month that is due.
    let shown_month =
        kiosk.exec("return document.querySelector('[data-testid=report-month]').value")?;
    kiosk.exec(&format!(
        "const i = document.querySelector('[data-testid=report-month]');\
         i.value = '{due}'; i.dispatchEvent(new Event('change', {{ bubbles: true }}));"
    ))?;
    let shown_before = shown_month.as_str() == Some(due.as_str());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let other = kiosk.text("[data-testid=report-title]").unwrap_or_default();
        if shown_before || (!other.is_empty() && other != title) {
            break;
        }
        if std::time::Instant::now() > deadline {
            return Err(format!("month did not change from {title} to {due}"));
        }
        std::thread::sleep(std::time::Duration::from_millis(150));
    }
    kiosk.find("[data-testid=report-status] [data-submit]")?;
    kiosk.click("[data-submit]")?;
    kiosk.type_into("dialog[open] input[name=text]", "提出")?;
    kiosk.click("dialog[open] button[value=ok]")?;
    kiosk.find("[data-testid=report-status].submitted")?;
    let status = kiosk.text("[data-testid=report-status]")?;
    assert!(status.contains("第1版"), "{status}");
    kiosk.screenshot(&out.join("submitted.png"))?;
    let gone = kiosk.exec("return document.querySelector('[data-testid=due-warning]') === null")?;
    assert_eq!(
        gone,
        serde_json::Value::Bool(true),
        "the warning goes once submitted"
    );

    kiosk.click("[data-testid=report-final]")?;
    kiosk.find("[data-testid=final-report]")?;
    kiosk.screenshot(&out.join("final-report.png"))?;
    Ok(())
}

/// A report whose texts are still placeholders is not recorded as submitted: the refusal names
/// the field (looked at as a screenshot), and the final report shows ② as its own block.
#[test]
fn a_placeholder_header_stops_the_submission() -> Result<(), String> {
    let out = output_dir("report_tab");
    let kiosk = Kiosk::start()?;
    kiosk.sign_in("manager", "demo-pass")?;
    kiosk.click("[data-testid=tab-report]")?;
    kiosk.find("[data-testid=report]")?;
    kiosk.click("[data-edit-header]")?;
    kiosk.exec(
        "document.querySelector('dialog[open] input[name=addressee]').value = ''; return true",
    )?;
    kiosk.type_into("dialog[open] input[name=addressee]", "○○市長 様")?;
    kiosk.click("dialog[open] button[value=ok]")?;
    kiosk.wait_contains("[data-testid=report]", "○○市長 様")?;
    kiosk.click("[data-submit]")?;
    kiosk.type_into("dialog[open] input[name=text]", "提出")?;
    kiosk.click("dialog[open] button[value=ok]")?;
    let said = kiosk.wait_contains("[data-testid=report-message]", "仮の文言")?;
    assert!(said.contains("宛先"), "{said}");
    kiosk.screenshot(&out.join("submit-refused.png"))?;
    let status = kiosk.text("[data-testid=report-status]")?;
    assert!(status.contains("未提出"), "{status}");

    kiosk.click("[data-testid=report-final]")?;
    let final_report = kiosk.wait_contains("[data-testid=final-report]", "②のうち")?;
    assert!(
        final_report.contains("○○市長 様"),
        "the header on the final report"
    );
    // The table is below the fold: the tools and the header are hidden for the screenshot.
    kiosk.exec(
        "for (const el of document.querySelectorAll('.report-tools, .message, mg-header, nav.tabs, [data-testid=final-report] .report-header')) el.style.display = 'none'; return true",
    )?;
    kiosk.screenshot(&out.join("final-report-blocks.png"))?;
    Ok(())
}
