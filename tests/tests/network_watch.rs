//! The network watch end to end: today made an opening day, a target on this machine watched
//! every 5 s; it starts answering 503 and the header says ネットワーク障害 naming the cause; it
//! answers again and the warning goes; the outage having lasted the prompt's minute, the site
//! manager is asked for an incident report and the form opens filled with the times.
//! Screenshots of the warning and the filled form are looked at. No test reaches outside.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use madoguchi_e2e::{output_dir, Kiosk};

/// A connectivity check on loopback: `204` while `up`, else `503`.
fn switchable(up: Arc<AtomicBool>) -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    std::thread::spawn(move || {
        for mut s in listener.incoming().flatten() {
            let mut buf = [0u8; 2048];
            let _ = s.read(&mut buf);
            let answer: &[u8] = if up.load(Ordering::SeqCst) {
                b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            } else {
                b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            };
            let _ = s.write_all(answer);
        }
    });
    Ok(port)
}

#[test]
fn an_outage_is_shown_cleared_and_offered_for_an_incident_report() -> Result<(), String> {
    let out = output_dir("network_watch");
    let up = Arc::new(AtomicBool::new(true));
    let port = switchable(Arc::clone(&up))?;
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
    let badge = wait_for(
        &kiosk,
        "[data-testid=network-badge]",
        Duration::from_secs(60),
    )?;
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
    let prompt = wait_for(
        &kiosk,
        "[data-testid=outage-prompt]",
        Duration::from_secs(40),
    )?;
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

/// The element's text once it appears, waiting up to `limit`.
fn wait_for(kiosk: &Kiosk, css: &str, limit: Duration) -> Result<String, String> {
    let deadline = Instant::now() + limit;
    loop {
        let text = kiosk.exec(&format!(
            "const e = document.querySelector('{css}'); return e ? e.textContent : null"
        ))?;
        if let Some(t) = text.as_str() {
            return Ok(t.to_string());
        }
        if Instant::now() > deadline {
            return Err(format!("{css} did not appear within {limit:?}"));
        }
        std::thread::sleep(Duration::from_millis(250));
    }
}
