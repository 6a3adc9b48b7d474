//! The network watch end to end: today made an opening day, a target on this machine watched
//! every 5 s; it starts answering 503 and the header says ネットワーク障害 naming the cause; it
//! answers again and the warning goes; the outage having lasted the prompt's minute, the site
//! manager is asked for an incident report and the form opens filled with the times.
//! Screenshots of the warning and the filled form are looked at. No test reaches outside.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use madoguchi_e2e::{connectivity_check, output_dir, Kiosk};

#[test]
fn an_outage_is_shown_cleared_and_offered_for_an_incident_report() -> Result<(), String> {
    let out = output_dir("network_watch");
    let up = Arc::new(AtomicBool::new(true));
    let port = connectivity_check(Arc::clone(&up))?;
    let kiosk = Kiosk::start()?;
    kiosk.sign_in("manager", "demo-pass")?;
    kiosk.open_today_all_day()?;
    let target = format!("確認先 http://127.0.0.1:{port}/generate_204");
    kiosk.save_opening_settings(&[
        ("targets", &target),
        ("watch_interval_s", "5"),
        ("incident_after_min", "1"),
    ])?;

    // Saving the settings woke the watch; now the target fails.
    up.store(false, Ordering::SeqCst);
    let down_at = Instant::now();
    kiosk.find_within("[data-testid=network-badge]", Duration::from_secs(60))?;
    let badge = kiosk.text("[data-testid=network-badge]")?;
    assert!(
        badge.contains("ネットワーク障害（サーバーの応答（HTTP））"),
        "{badge}"
    );
    eprintln!(
        "the header named the outage {:.1} s after the target failed",
        down_at.elapsed().as_secs_f64()
    );
    kiosk.exec("window.scrollTo(0, 0); return true")?;
    kiosk.screenshot(&out.join("1-outage.png"))?;

    // Up again once the outage has lasted the prompt's minute: the warning goes, the prompt comes.
    std::thread::sleep(Duration::from_secs(61));
    up.store(true, Ordering::SeqCst);
    kiosk.find_within("[data-testid=outage-prompt]", Duration::from_secs(40))?;
    let prompt = kiosk.text("[data-testid=outage-prompt]")?;
    assert!(prompt.contains("事故報告書を作成してください"), "{prompt}");
    let gone = Instant::now() + Duration::from_secs(40);
    while kiosk.exec("return !!document.querySelector('[data-testid=network-badge]')")? == true {
        if Instant::now() > gone {
            return Err("the warning stayed after the target answered again".into());
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    kiosk.exec("window.scrollTo(0, 0); return true")?;
    kiosk.screenshot(&out.join("2-prompt.png"))?;
    kiosk.click("[data-testid=outage-report]")?;
    kiosk.find("dialog textarea[name=what]")?;
    let what = kiosk.exec("return document.querySelector('dialog textarea[name=what]').value")?;
    let what = what.as_str().unwrap_or_default().to_string();
    assert!(what.starts_with("ネットワーク障害："), "{what}");
    assert!(
        what.contains("サーバーの応答（HTTP）") && what.contains("確認先"),
        "{what}"
    );
    kiosk.screenshot(&out.join("3-incident-form.png"))?;
    // Taken up: the prompt does not come back.
    std::thread::sleep(Duration::from_secs(11));
    let again = kiosk.exec("return !!document.querySelector('[data-testid=outage-prompt]')")?;
    assert_eq!(again, false, "the prompt stays away once taken up");
    Ok(())
}
