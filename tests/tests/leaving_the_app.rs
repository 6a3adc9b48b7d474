//! The operator window never leaves the app: a manual link on an allowed site opens in the system
//! browser and the window stays where it was; a link elsewhere is refused with a message; the
//! page itself cannot navigate away or open a window; closing the kiosk takes a site manager's
//! signature.

use std::time::Duration;

use madoguchi_e2e::{key, output_dir, FakeBrowser, Kiosk};

const JLIS: &str = "https://net.kojinbango-card.go.jp/SS_SERVICE_OUT/FA01S001Action.do";

#[test]
fn links_open_outside_and_the_window_stays() -> Result<(), String> {
    let out = output_dir("leaving_the_app");
    let browser = FakeBrowser::new(&out, 0)?;
    let program = browser.program.display().to_string();
    let kiosk = Kiosk::start_full(true, &[("MADOGUCHI_BROWSER", &program)], |_| Ok(()))?;
    kiosk.sign_in("operator1", "demo-pass")?;
    kiosk.click("[data-testid=tab-kb]")?;
    kiosk.type_into("[data-testid=kb-query]", "オンライン申請の手順")?;
    kiosk.click("[data-testid=kb-hits] button[data-doc]")?;
    kiosk.wait_contains("[data-testid=kb-title]", "オンライン申請の手順")?;
    let page = kiosk.page_url()?;
    assert!(page.ends_with("operator.html"), "{page}");
    let windows = kiosk.window_count()?;

    // The J-LIS link in the manual: opened in the browser, the window unchanged.
    kiosk.click("mg-kb .kb-body a[href]")?;
    let (args, _) = browser.started()?;
    assert_eq!(args, JLIS);
    kiosk.wait_contains("[data-testid=notice]", "ブラウザで開きました")?;
    assert_eq!(kiosk.page_url()?, page);
    kiosk.find("[data-testid=kb-title]")?;
    kiosk.screenshot(&out.join("1-link-opened.png"))?;

    // A link to a site not on the list: refused, said why, nothing opened.
    browser.reset();
    kiosk.exec(
        "const a = document.createElement('a'); a.href = 'https://example.com/offer';\
         a.textContent = '外部のページ'; a.dataset.testid = 'outside';\
         document.querySelector('mg-kb .kb-body').append(a);",
    )?;
    kiosk.click("[data-testid=outside]")?;
    kiosk.wait_contains(
        "[data-testid=notice]",
        "example.com は開くことを許可されたサイトではありません",
    )?;
    kiosk.screenshot(&out.join("2-link-refused.png"))?;
    assert!(browser.started_now()?.is_none(), "nothing was opened");
    assert_eq!(kiosk.page_url()?, page);

    // The page itself cannot go elsewhere, nor open a window.
    kiosk.exec("location.href = 'https://example.com/'; return true")?;
    kiosk.exec("window.open('https://myna.go.jp/'); return true")?;
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(kiosk.page_url()?, page, "navigation is locked to the app");
    kiosk.find("[data-testid=kb-title]")?;
    assert_eq!(kiosk.window_count()?, windows, "no new window");
    assert!(browser.started_now()?.is_none());
    Ok(())
}

#[test]
fn closing_the_kiosk_takes_the_site_managers_signature() -> Result<(), String> {
    let out = output_dir("leaving_the_app");
    let kiosk = Kiosk::start()?;
    kiosk.sign_in("operator1", "demo-pass")?;
    kiosk.request_close("窓口 オペレーター")?;
    kiosk.find("[data-testid=quit-dialog][open]")?;
    kiosk.type_into("[data-testid=quit-login]", "operator1")?;
    kiosk.type_into("[data-testid=quit-password]", "demo-pass")?;
    kiosk.click("[data-testid=quit-confirm]")?;
    kiosk.wait_contains("[data-testid=quit-message]", "現場責任者だけです")?;
    kiosk.screenshot(&out.join("3-quit-refused.png"))?;
    kiosk.click("[data-testid=quit-cancel]")?;
    kiosk.find("[role=tablist]")?;
    assert_eq!(kiosk.window_count()?, 2, "both windows are still open");

    kiosk.request_close("窓口 オペレーター")?;
    kiosk.type_into("[data-testid=quit-login]", "manager")?;
    // Enter signs. The app closes while WebDriver still waits for the answer.
    let _ = kiosk.type_into(
        "[data-testid=quit-password]",
        &format!("demo-pass{}", key::ENTER),
    );
    let pid_gone = (0..50).any(|_| {
        std::thread::sleep(Duration::from_millis(200));
        kiosk.window_count().map_or(true, |n| n == 0)
    });
    assert!(pid_gone, "the kiosk closed");
    // The trail says who closed it (read with the CLI once the kiosk has let go of the data).
    let trail = std::process::Command::new(madoguchi_e2e::binary())
        .args(["--demo", "--data-dir"])
        .arg(kiosk.app_data())
        .args(["audit", "--actor", "manager", "--json"])
        .output()
        .map_err(|e| e.to_string())?;
    let trail = String::from_utf8_lossy(&trail.stdout);
    assert!(trail.contains("\"quit\""), "{trail}");
    Ok(())
}
