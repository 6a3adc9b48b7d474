//! The network watch against a server on this machine: it answers, then stops answering mid-watch
//! (the outage opens with the cause "no answer"), then answers again (it closes); a Wi-Fi login
//! page that redirects the connectivity check is an outage named as such. Rounds are the watch's
//! own (`netwatch::round` with the real prober), recorded through the use case as the app's watch
//! does. No test reaches outside this machine.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Arc;
use std::time::Duration;

use madoguchi::app::{netwatch as uc, Actor, Ctx};
use madoguchi::clock::Moment;
use madoguchi::netcheck::Cause;
use madoguchi::netwatch::{round, Outage};
use madoguchi::opening::system::probe_all;
use madoguchi::opening::Target;

#[path = "support/test_pki.rs"]
mod test_pki;

const ANSWERS: u8 = 0;
const SILENT: u8 = 1;
const LOGIN_PAGE: u8 = 2;

/// A connectivity check whose behaviour `mode` switches.
fn server(mode: Arc<AtomicU8>) -> u16 {
    test_pki::serve(None, move || {
        match mode.load(Ordering::SeqCst) {
        ANSWERS => Some("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".into()),
        SILENT => None,
        _ => Some(
            "HTTP/1.1 302 Found\r\nLocation: http://login.wifi.example/portal\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                .into(),
        ),
    }
    })
}

struct Watch {
    _dir: tempfile::TempDir,
    store: madoguchi::store::Store,
    targets: Vec<Target>,
}

impl Watch {
    fn new(port: u16) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store =
            madoguchi::launch::open(dir.path(), false, madoguchi::clock::now().date_naive())
                .unwrap();
        Self {
            _dir: dir,
            store,
            targets: vec![Target {
                label: "Wi-Fi のログイン画面の有無".into(),
                url: format!("http://127.0.0.1:{port}/generate_204"),
            }],
        }
    }

    /// One round as the app's watch runs it (1 s time limit, re-probe after 100 ms).
    fn round(&mut self) -> Option<Outage> {
        let started = madoguchi::clock::now();
        let probe = |ts: &[Target]| probe_all(ts, "", Duration::from_secs(1));
        let r = round(&self.targets, &probe, Duration::from_millis(100));
        let mut ctx = Ctx::new(&mut self.store, Actor::System, Moment::now()).unwrap();
        uc::record_round(&mut ctx, started, &r).unwrap()
    }

    fn all(&self) -> Vec<Outage> {
        madoguchi::netwatch::store::between(&self.store, "2000-01-01", "2999-01-01").unwrap()
    }
}

#[test]
fn a_target_that_goes_silent_opens_an_outage_that_closes_when_it_answers() {
    let mode = Arc::new(AtomicU8::new(ANSWERS));
    let mut w = Watch::new(server(Arc::clone(&mode)));
    assert_eq!(w.round(), None);
    mode.store(SILENT, Ordering::SeqCst);
    let open = w.round().expect("the outage opens");
    assert_eq!(open.cause, Cause::Timeout);
    assert_eq!(open.ended_at, None);
    assert_eq!(
        w.round().map(|o| o.id),
        Some(open.id),
        "the same outage goes on"
    );
    mode.store(ANSWERS, Ordering::SeqCst);
    assert_eq!(w.round(), None, "closed");
    let all = w.all();
    assert_eq!(all.len(), 1);
    assert!(all[0].ended_at.as_deref().unwrap() > all[0].started_at.as_str());
}

#[test]
fn a_wifi_login_page_is_an_outage_named_as_such() {
    let mode = Arc::new(AtomicU8::new(LOGIN_PAGE));
    let mut w = Watch::new(server(mode));
    let open = w.round().expect("the outage opens");
    assert_eq!(open.cause, Cause::CaptivePortal);
    assert!(
        open.detail.contains("login.wifi.example"),
        "{}",
        open.detail
    );
}
