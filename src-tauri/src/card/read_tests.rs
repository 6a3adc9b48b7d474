//! The status read against the simulated card: every card kind, every PIN counter, every
//! certificate state, and cards that answer garbage or leave mid-read.

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::apdu::{self, StatusWord};
use super::profile::{self, CardProfile};
use super::read::{read_status, ReadError};
use super::sim::SimCard;
use super::transport::{Counted, Transmit, TransportError};
use super::{aid, CardKind};

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-24T10:00:00+09:00").unwrap()
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn card(auth: u8, sign: u8, input: u8, not_after: &str) -> SimCard {
    CardProfile {
        kind: CardKind::MyNumber,
        auth_tries: auth,
        sign_tries: sign,
        input_tries: input,
        cert_not_after: date(not_after),
    }
    .build()
    .unwrap()
}

#[test]
fn each_card_kind() {
    let mut c = card(3, 5, 3, "2028-05-01");
    let s = read_status(&mut c, now()).unwrap();
    assert_eq!(s.kind, CardKind::MyNumber);
    let json = s.to_json(Some("Virtual PCD 00 00"));
    assert_eq!(
        json,
        serde_json::json!({"reader":"Virtual PCD 00 00","card":"mynumber","auth_pin_tries":3,
            "sign_pin_tries":5,"input_support_pin_tries":3,"locked":[],
            "auth_cert_not_after":"2028-05-01","auth_cert_expired":false})
    );
    for (kind, name) in [(CardKind::Juki, "juki"), (CardKind::Other, "other")] {
        let mut c = CardProfile {
            kind,
            ..CardProfile::mynumber(date("2028-05-01"))
        }
        .build()
        .unwrap();
        let s = read_status(&mut c, now()).unwrap();
        assert_eq!(s.kind, kind);
        let json = s.to_json(None);
        assert_eq!(json["card"], name);
        assert!(json["auth_pin_tries"].is_null() && json["sign_pin_tries"].is_null());
        assert!(json["input_support_pin_tries"].is_null() && json["auth_cert_not_after"].is_null());
    }
}

#[test]
fn each_pin_at_each_count_and_reading_uses_no_try() {
    for n in 0..=3u8 {
        let mut c = card(n, 5, 3, "2028-05-01");
        let s = read_status(&mut c, now()).unwrap();
        assert_eq!(s.auth_pin_tries, Some(n));
        assert_eq!(
            s.locked().iter().map(|k| k.id()).collect::<Vec<_>>(),
            if n == 0 { vec!["auth"] } else { vec![] }
        );
        // Read again: the counter has not moved.
        assert_eq!(read_status(&mut c, now()).unwrap().auth_pin_tries, Some(n));
        assert_eq!(c.pin(aid::JPKI, aid::EF_AUTH_PIN).unwrap().left(), n);

        let mut c = card(3, n, 3, "2028-05-01");
        assert_eq!(read_status(&mut c, now()).unwrap().sign_pin_tries, Some(n));
        let mut c = card(3, 5, n, "2028-05-01");
        let s = read_status(&mut c, now()).unwrap();
        assert_eq!(s.input_support_pin_tries, Some(n));
        if n == 0 {
            assert_eq!(
                s.to_json(None)["locked"],
                serde_json::json!(["input_support"])
            );
        }
    }
    let mut c = card(3, 4, 3, "2028-05-01");
    assert_eq!(read_status(&mut c, now()).unwrap().sign_pin_tries, Some(4));
    let mut c = card(0, 0, 0, "2028-05-01");
    let s = read_status(&mut c, now()).unwrap();
    assert_eq!(
        s.to_json(None)["locked"],
        serde_json::json!(["auth", "sign", "input_support"])
    );
}

#[test]
fn the_model_counts_wrong_pins_locks_at_zero_and_resets_on_a_right_one() {
    let mut c = card(3, 5, 3, "2028-05-01");
    let verify = |pin: &[u8]| {
        let mut a = vec![0x00, 0x20, 0x00, 0x80, pin.len() as u8];
        a.extend_from_slice(pin);
        a
    };
    let sw = |c: &mut SimCard, a: &[u8]| c.process(a).sw;
    assert_eq!(
        sw(&mut c, &apdu::select_application(aid::JPKI)),
        StatusWord::OK
    );
    assert_eq!(
        sw(&mut c, &apdu::select_file(aid::EF_AUTH_PIN)),
        StatusWord::OK
    );
    assert_eq!(sw(&mut c, &verify(b"0000")), StatusWord(0x63C2));
    assert_eq!(
        sw(&mut c, &verify(profile::AUTH_PIN.as_bytes())),
        StatusWord::OK
    );
    assert_eq!(
        sw(&mut c, &apdu::verify_status()),
        StatusWord::OK,
        "verified in this session"
    );
    c.reset();
    assert_eq!(
        sw(&mut c, &apdu::select_application(aid::JPKI)),
        StatusWord::OK
    );
    assert_eq!(
        sw(&mut c, &apdu::select_file(aid::EF_AUTH_PIN)),
        StatusWord::OK
    );
    assert_eq!(
        sw(&mut c, &apdu::verify_status()),
        StatusWord(0x63C3),
        "reset on a right PIN"
    );
    assert_eq!(sw(&mut c, &verify(b"0000")), StatusWord(0x63C2));
    assert_eq!(sw(&mut c, &verify(b"0000")), StatusWord(0x63C1));
    assert_eq!(sw(&mut c, &verify(b"0000")), StatusWord(0x63C0));
    assert_eq!(
        sw(&mut c, &verify(profile::AUTH_PIN.as_bytes())),
        StatusWord::BLOCKED
    );
    assert_eq!(sw(&mut c, &apdu::verify_status()), StatusWord::BLOCKED);
    // The signature certificate (personal data) stays behind its password.
    assert_eq!(
        sw(&mut c, &apdu::select_file(aid::EF_SIGN_CERT)),
        StatusWord::OK
    );
    assert_eq!(
        sw(&mut c, &apdu::read_binary(0, 4)),
        StatusWord::SECURITY_NOT_SATISFIED
    );
    // An already-verified PIN is read as a full counter.
    let mut c = card(2, 5, 3, "2028-05-01");
    c.process(&apdu::select_application(aid::JPKI));
    c.process(&apdu::select_file(aid::EF_AUTH_PIN));
    c.process(&verify(profile::AUTH_PIN.as_bytes()));
    assert_eq!(read_status(&mut c, now()).unwrap().auth_pin_tries, Some(3));
}

#[test]
fn certificate_valid_within_three_months_and_expired() {
    let s = read_status(&mut card(3, 5, 3, "2028-05-01"), now()).unwrap();
    let c = s.auth_cert.unwrap();
    assert!(!c.expired && !c.renewal_window);
    let s = read_status(&mut card(3, 5, 3, "2027-01-31"), now()).unwrap();
    let c = s.auth_cert.unwrap();
    assert!(!c.expired && c.renewal_window);
    assert_eq!(c.days_left, 68);
    let s = read_status(&mut card(3, 5, 3, "2023-08-01"), now()).unwrap();
    assert!(s.auth_cert.as_ref().unwrap().expired);
    assert_eq!(s.to_json(None)["auth_cert_expired"], true);
}

#[test]
fn apdu_count_of_a_full_read() {
    let mut c = Counted::new(card(3, 5, 3, "2028-05-01"));
    read_status(&mut c, now()).unwrap();
    // 3 (kind) + 2 + 2 (PINs) + 1 + 1 + n (certificate) + 1 + 2 (入力補助 PIN).
    assert!((13..=16).contains(&c.count), "{} APDUs", c.count);
}

/// Answers from a script; panics are not allowed to happen in the reader, only here.
struct Scripted {
    card: SimCard,
    /// (nth command, raw answer) overrides.
    overrides: Vec<(usize, Vec<u8>)>,
    n: usize,
    remove_at: Option<usize>,
}

impl Transmit for Scripted {
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, TransportError> {
        let i = self.n;
        self.n += 1;
        if self.remove_at == Some(i) {
            return Err(TransportError::CardRemoved);
        }
        let real = self.card.transmit(apdu)?;
        Ok(self
            .overrides
            .iter()
            .find(|(k, _)| *k == i)
            .map(|(_, a)| a.clone())
            .unwrap_or(real))
    }
}

fn scripted(
    overrides: Vec<(usize, Vec<u8>)>,
    remove_at: Option<usize>,
) -> Result<super::CardStatus, ReadError> {
    let mut t = Scripted {
        card: card(3, 5, 3, "2028-05-01"),
        overrides,
        n: 0,
        remove_at,
    };
    read_status(&mut t, now())
}

#[test]
fn removed_mid_read_is_a_clear_error_at_every_step() {
    let total = {
        let mut c = Counted::new(card(3, 5, 3, "2028-05-01"));
        read_status(&mut c, now()).unwrap();
        c.count
    };
    for i in 0..total {
        let e = scripted(vec![], Some(i)).unwrap_err();
        assert!(e.card_removed(), "step {i}: {e}");
    }
}

#[test]
fn garbage_answers_are_typed_errors() {
    // Short answer to the auth PIN VERIFY (command 4: 0 sel AP, 1 sel token, 2 read, 3 sel PIN).
    assert!(matches!(
        scripted(vec![(4, vec![0x63])], None),
        Err(ReadError::Malformed { .. })
    ));
    // A try count above the maximum.
    assert!(matches!(
        scripted(vec![(4, vec![0x63, 0xC9])], None),
        Err(ReadError::Unexpected { .. })
    ));
    // An unexpected status word.
    assert!(matches!(
        scripted(vec![(4, vec![0x6F, 0x00])], None),
        Err(ReadError::Unexpected { .. })
    ));
    // Data where none belongs.
    assert!(matches!(
        scripted(vec![(4, vec![1, 2, 0x63, 0xC3])], None),
        Err(ReadError::Malformed { .. })
    ));
    // Certificate header not DER (command 8 reads the 4 header bytes).
    assert!(matches!(
        scripted(vec![(8, vec![0x04, 0x82, 0x01, 0x00, 0x90, 0x00])], None),
        Err(ReadError::Cert(_))
    ));
    // Certificate announcing more than a card holds.
    assert!(matches!(
        scripted(vec![(8, vec![0x30, 0x82, 0x7F, 0x00, 0x90, 0x00])], None),
        Err(ReadError::Cert(_))
    ));
    // A length form whose bytes do not fit the 4-byte header read.
    assert!(matches!(
        scripted(vec![(8, vec![0x30, 0x83, 0x7F, 0x00, 0x90, 0x00])], None),
        Err(ReadError::Malformed { .. })
    ));
    // Wrong length of a chunk.
    assert!(matches!(
        scripted(vec![(9, vec![0x30, 0x90, 0x00])], None),
        Err(ReadError::Malformed { .. })
    ));
    // Truncated DER: a header announcing fewer bytes than the certificate has.
    assert!(matches!(
        scripted(vec![(8, vec![0x30, 0x82, 0x00, 0x20, 0x90, 0x00])], None),
        Err(ReadError::Cert(_))
    ));
    // A 61xx loop that never ends.
    let mut forever = Scripted {
        card: card(3, 5, 3, "2028-05-01"),
        overrides: (0..100).map(|i| (i, vec![0x61, 0x10])).collect(),
        n: 0,
        remove_at: None,
    };
    assert!(matches!(
        read_status(&mut forever, now()),
        Err(ReadError::Malformed { .. })
    ));
    // An unknown JPKI token is another card, not a My Number card.
    let s = scripted(vec![(2, b"SOMETHING ELSE\x90\x00".to_vec())], None).unwrap();
    assert_eq!(s.kind, CardKind::Other);
}
