//! The card reader over real PC/SC: a running `pcscd` with `vsmartcard-vpcd`'s two readers and the
//! simulated card connected to them. These tests need that service, so they are `#[ignore]`d in a
//! plain `cargo test`; `scripts/dev test` starts pcscd and runs them one at a time with
//! `--ignored --test-threads=1` (one pcscd per machine). The test of a missing service needs none.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: setup failures should panic

use std::ffi::CString;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, NaiveDate};
use madoguchi::card::apdu::StatusWord;
use madoguchi::card::monitor::Monitor;
use madoguchi::card::panel::{Hub, Panel, ReaderState, Service};
use madoguchi::card::pcsc_reader;
use madoguchi::card::profile::CardProfile;
use madoguchi::card::read::ReadError;
use madoguchi::card::sim::SimCard;
use madoguchi::card::transport::{Transmit, TransportError};
use madoguchi::card::vpcd::{Inserted, VirtualCard, FIRST_PORT};
use madoguchi::card::CardKind;

const R0: &str = "Virtual PCD 00 00";
const R1: &str = "Virtual PCD 00 01";

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-24T10:00:00+09:00").unwrap()
}

fn fixed_now() -> DateTime<FixedOffset> {
    now()
}

fn profile(auth: u8, sign: u8, input: u8, not_after: &str) -> CardProfile {
    CardProfile {
        kind: CardKind::MyNumber,
        auth_tries: auth,
        sign_tries: sign,
        input_tries: input,
        cert_not_after: not_after.parse::<NaiveDate>().unwrap(),
    }
}

/// Waits until `reader` holds a card (or holds none).
fn wait_present(reader: &str, present: bool) {
    let ctx = pcsc_reader::establish()
        .expect("pcscd must run for these tests: scripts/dev test starts it");
    let name = CString::new(reader).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let now = pcsc_reader::cards_present(&ctx, std::slice::from_ref(&name)).unwrap()[0];
        if now == present {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{reader} never became present={present}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A card in a vpcd reader for the length of a test step. Removal follows the harness rules of
/// spec card.md: wait a little after the last client, then until the reader reports it empty.
struct Slot {
    card: Option<Inserted>,
    reader: &'static str,
}

impl Slot {
    fn insert<C: VirtualCard>(port: u16, card: C, remove_after: Option<usize>) -> Self {
        let reader = if port == FIRST_PORT { R0 } else { R1 };
        wait_present(reader, false);
        let card = Inserted::insert(port, card, remove_after).expect("vpcd must listen");
        if remove_after.is_none() {
            wait_present(reader, true);
        }
        Self {
            card: Some(card),
            reader,
        }
    }

    fn with(p: &CardProfile) -> Self {
        Self::insert(FIRST_PORT, p.build().unwrap(), None)
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        std::thread::sleep(Duration::from_millis(500));
        if let Some(c) = self.card.take() {
            let _ = c.remove();
        }
        wait_present(self.reader, false);
    }
}

fn read(reader: &str) -> Result<madoguchi::card::CardStatus, ReadError> {
    let ctx = pcsc_reader::establish().unwrap();
    pcsc_reader::read_reader(&ctx, &CString::new(reader).unwrap(), now(), None)
}

#[test]
#[ignore = "needs pcscd with vsmartcard-vpcd (scripts/dev test)"]
fn each_card_kind_over_pcsc() {
    for (kind, json) in [
        (CardKind::MyNumber, "mynumber"),
        (CardKind::Juki, "juki"),
        (CardKind::Other, "other"),
    ] {
        let _slot = Slot::with(&CardProfile {
            kind,
            ..profile(3, 5, 3, "2028-05-01")
        });
        let (reader, status) = pcsc_reader::status(None, now()).unwrap();
        assert_eq!(reader, R0);
        assert_eq!(status.to_json(Some(&reader))["card"], json);
    }
    let (_, status) = pcsc_reader::status(None, now()).unwrap();
    assert_eq!(status.kind, CardKind::None);
}

#[test]
#[ignore = "needs pcscd with vsmartcard-vpcd (scripts/dev test)"]
fn each_pin_at_three_two_one_zero_over_pcsc() {
    for n in (0..=3u8).rev() {
        let _slot = Slot::with(&profile(n, 5, 3, "2028-05-01"));
        let s = read(R0).unwrap();
        assert_eq!(s.auth_pin_tries, Some(n));
        let again = read(R0).unwrap();
        assert_eq!(again.auth_pin_tries, Some(n), "reading used no try");
    }
    for n in [0u8, 1, 2, 5] {
        let _slot = Slot::with(&profile(3, n, 3, "2028-05-01"));
        assert_eq!(read(R0).unwrap().sign_pin_tries, Some(n));
    }
    for n in 0..=3u8 {
        let _slot = Slot::with(&profile(3, 5, n, "2028-05-01"));
        let s = read(R0).unwrap();
        assert_eq!(s.input_support_pin_tries, Some(n));
        assert_eq!(s.locked().is_empty(), n > 0);
    }
}

#[test]
#[ignore = "needs pcscd with vsmartcard-vpcd (scripts/dev test)"]
fn certificate_valid_renewal_window_expired_over_pcsc() {
    for (date, expired, window) in [
        ("2028-05-01", false, false),
        ("2027-01-31", false, true),
        ("2023-08-01", true, false),
    ] {
        let _slot = Slot::with(&profile(3, 5, 3, date));
        let c = read(R0).unwrap().auth_cert.unwrap();
        assert_eq!(
            (
                c.not_after.to_string().as_str(),
                c.expired,
                c.renewal_window
            ),
            (date, expired, window)
        );
    }
}

#[test]
#[ignore = "needs pcscd with vsmartcard-vpcd (scripts/dev test)"]
fn card_removed_mid_read_then_the_next_card_reads_fine() {
    for after in [1usize, 5, 9] {
        let slot = Slot::insert(
            FIRST_PORT,
            profile(3, 5, 3, "2028-05-01").build().unwrap(),
            Some(after),
        );
        // The card may leave before or during connect: either way a typed removal, never a panic.
        wait_present(R0, true);
        let r = read(R0);
        match r {
            Err(e) => assert!(
                e.card_removed() || matches!(e, ReadError::Transport(_)),
                "{after}: {e}"
            ),
            Ok(s) => panic!("{after}: read a card that left: {s:?}"),
        }
        drop(slot);
    }
    let _slot = Slot::with(&profile(2, 5, 3, "2028-05-01"));
    assert_eq!(read(R0).unwrap().auth_pin_tries, Some(2));
}

#[test]
#[ignore = "needs pcscd with vsmartcard-vpcd (scripts/dev test)"]
fn two_readers() {
    let _one = Slot::insert(
        FIRST_PORT + 1,
        profile(1, 5, 3, "2028-05-01").build().unwrap(),
        None,
    );
    let (reader, s) = pcsc_reader::status(None, now()).unwrap();
    assert_eq!(
        (reader.as_str(), s.auth_pin_tries),
        (R1, Some(1)),
        "the first reader holding a card"
    );
    let _zero = Slot::with(&profile(2, 5, 3, "2028-05-01"));
    let (reader, s) = pcsc_reader::status(None, now()).unwrap();
    assert_eq!((reader.as_str(), s.auth_pin_tries), (R0, Some(2)));
    let (reader, s) = pcsc_reader::status(Some(R1), now()).unwrap();
    assert_eq!((reader.as_str(), s.auth_pin_tries), (R1, Some(1)));
    let e = pcsc_reader::status(Some("No such reader"), now()).unwrap_err();
    assert!(e.message_ja().contains("見つかりません"));
}

/// Answers one command with garbage, the rest as the card would.
struct Garbling {
    card: SimCard,
    at: usize,
    answer: Vec<u8>,
    n: usize,
}

impl Transmit for Garbling {
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, TransportError> {
        self.n += 1;
        let real = self.card.transmit(apdu)?;
        Ok(if self.n - 1 == self.at {
            self.answer.clone()
        } else {
            real
        })
    }
}

impl VirtualCard for Garbling {
    fn atr(&self) -> Vec<u8> {
        self.card.atr()
    }
    fn reset(&mut self) {
        self.card.reset();
    }
}

#[test]
#[ignore = "needs pcscd with vsmartcard-vpcd (scripts/dev test)"]
fn garbage_answers_over_pcsc() {
    let garbage: [(usize, Vec<u8>); 4] = [
        (4, vec![0x63]),                               // a one-byte answer
        (4, vec![0x6F, 0x00]),                         // an unexpected status word
        (8, vec![0x30, 0x82, 0x7F, 0x00, 0x90, 0x00]), // a certificate longer than any card holds
        (9, vec![0x30, 0x90, 0x00]),                   // a truncated chunk
    ];
    for (at, answer) in garbage {
        let card = Garbling {
            card: profile(3, 5, 3, "2028-05-01").build().unwrap(),
            at,
            answer,
            n: 0,
        };
        let _slot = Slot::insert(FIRST_PORT, card, None);
        let e = read(R0).unwrap_err();
        assert!(
            matches!(
                e,
                ReadError::Malformed { .. } | ReadError::Unexpected { .. } | ReadError::Cert(_)
            ),
            "{e}"
        );
        if let ReadError::Unexpected { sw, .. } = e {
            assert_eq!(sw, StatusWord(0x6F00));
        }
    }
    let _slot = Slot::with(&profile(3, 5, 3, "2028-05-01"));
    assert!(read(R0).is_ok(), "the next card reads fine");
}

fn wait_panel(seen: &Mutex<Panel>, what: &str, ok: impl Fn(&Panel) -> bool) -> Panel {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let p = seen.lock().unwrap().clone();
        if ok(&p) {
            return p;
        }
        assert!(Instant::now() < deadline, "never saw {what}: {p:?}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
#[ignore = "needs pcscd with vsmartcard-vpcd (scripts/dev test)"]
fn the_monitor_follows_insertion_and_removal() {
    let seen = Arc::new(Mutex::new(Panel::default()));
    let sink = Arc::clone(&seen);
    let hub = Arc::new(Hub::new(move |p| *sink.lock().unwrap() = p.clone()));
    let _monitor = Monitor::spawn(Arc::clone(&hub), fixed_now).unwrap();
    wait_panel(&seen, "two empty readers", |p| {
        p.service == Service::Ok
            && p.readers.len() == 2
            && p.readers.iter().all(|r| r.state == ReaderState::Empty)
    });
    {
        let _slot = Slot::with(&profile(1, 5, 3, "2023-08-01"));
        let p = wait_panel(&seen, "the card read", |p| {
            p.readers[0].state == ReaderState::Ready
        });
        let card = p.readers[0].card.as_ref().unwrap();
        assert_eq!(card.status.auth_pin_tries, Some(1));
        assert!(card.advice.iter().any(|a| a.text.contains("令和5年8月1日")));
    }
    let p = wait_panel(&seen, "the status cleared", |p| {
        p.readers[0].state == ReaderState::Empty
    });
    assert!(p.readers[0].card.is_none() && p.readers[0].message.is_none());
    // A card pulled mid-read leaves a notice; the next card clears it.
    {
        let _slot = Slot::insert(
            FIRST_PORT,
            profile(3, 5, 3, "2028-05-01").build().unwrap(),
            Some(3),
        );
        wait_panel(&seen, "the removal notice", |p| {
            p.readers[0].state == ReaderState::Empty && p.readers[0].message.is_some()
        });
    }
    {
        let _slot = Slot::with(&profile(3, 5, 3, "2028-05-01"));
        let p = wait_panel(&seen, "the next card", |p| {
            p.readers[0].state == ReaderState::Ready
        });
        assert!(p.readers[0].message.is_none());
    }
}

#[test]
#[ignore = "needs pcscd with vsmartcard-vpcd (scripts/dev test)"]
fn cli_status_json_over_pcsc() {
    let _slot = Slot::with(&profile(0, 5, 3, "2028-05-01"));
    let out = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(["card", "status", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with(r#"{"reader":"Virtual PCD 00 00","card":"mynumber","auth_pin_tries":0,"sign_pin_tries":5,"input_support_pin_tries":3,"locked":["auth"],"auth_cert_not_after":"2028-05-01","auth_cert_expired":false}"#), "{text}");
}

#[test]
fn no_pcsc_service_is_a_clear_message() {
    let out = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(["card", "status", "--json"])
        .env("PCSCLITE_CSOCK_NAME", "/nonexistent/pcscd.comm")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "the machine's service: exit 4");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("カードリーダーのサービス（PC/SC）に接続できません"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["error"]["code"], "pcsc_unavailable",
        "JSON on failure too: {v}"
    );
}
