//! Reads what the kiosk may know about a card (spec `card.md` §2), with no PIN and no personal
//! data: which card it is, the tries left on each PIN (VERIFY without data, which uses no try), and
//! the auth certificate's validity. Every answer is checked; anything unexpected is a typed
//! [`ReadError`], never a panic or a guess.

use chrono::{DateTime, FixedOffset};

use super::apdu::{self, Response, StatusWord};
use super::cert::{self, CertError};
use super::transport::{Transmit, TransportError};
use super::{aid, CardKind, CardStatus};

/// Why a card could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// The transport failed (card pulled, reader gone).
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// The card answered a status word that this step does not allow.
    #[error("{step}: unexpected status word {sw}")]
    Unexpected {
        /// What we were doing.
        step: &'static str,
        /// What the card said.
        sw: StatusWord,
    },
    /// The answer had the wrong shape (too short, wrong length, a loop of 61xx).
    #[error("{step}: malformed answer ({detail})")]
    Malformed {
        /// What we were doing.
        step: &'static str,
        /// What was wrong.
        detail: &'static str,
    },
    /// The certificate could not be used.
    #[error("auth certificate: {0}")]
    Cert(#[from] CertError),
}

impl ReadError {
    /// The card left the reader during the read.
    pub fn card_removed(&self) -> bool {
        matches!(self, Self::Transport(TransportError::CardRemoved))
    }
}

/// One exchange, following `61xx` (GET RESPONSE) and `6Cxx` (resend with the right Le) as T=0
/// readers need, at most a few times.
fn exchange<T: Transmit + ?Sized>(
    t: &mut T,
    command: &[u8],
    step: &'static str,
) -> Result<Response, ReadError> {
    let malformed = |detail| ReadError::Malformed { step, detail };
    let mut raw = t.transmit(command)?;
    let mut data = Vec::new();
    for _ in 0..8 {
        let r = Response::parse(&raw).ok_or(malformed("fewer than 2 bytes"))?;
        match r.sw.sw1() {
            0x61 => {
                data.extend_from_slice(&r.data);
                raw = t.transmit(&apdu::get_response(r.sw.sw2()))?;
            }
            0x6C if command.len() == 5 => {
                let mut again = command.to_vec();
                again[4] = r.sw.sw2();
                raw = t.transmit(&again)?;
            }
            _ => {
                data.extend_from_slice(&r.data);
                return Ok(Response { data, sw: r.sw });
            }
        }
    }
    Err(malformed("too many chained responses"))
}

fn expect_ok<T: Transmit + ?Sized>(
    t: &mut T,
    command: &[u8],
    step: &'static str,
) -> Result<Response, ReadError> {
    let r = exchange(t, command, step)?;
    if r.sw == StatusWord::OK {
        Ok(r)
    } else {
        Err(ReadError::Unexpected { step, sw: r.sw })
    }
}

/// Tries left on the PIN in file `fid` of the current application, of `max`, without using one.
fn pin_tries<T: Transmit + ?Sized>(
    t: &mut T,
    fid: u16,
    max: u8,
    step: &'static str,
) -> Result<u8, ReadError> {
    expect_ok(t, &apdu::select_file(fid), step)?;
    let r = exchange(t, &apdu::verify_status(), step)?;
    if !r.data.is_empty() {
        return Err(ReadError::Malformed {
            step,
            detail: "data in a VERIFY answer",
        });
    }
    match (r.sw, r.sw.tries_left()) {
        (_, Some(n)) if n <= max => Ok(n),
        (StatusWord::BLOCKED, _) => Ok(0),
        // Already verified in this session (the counter is full after a right PIN).
        (StatusWord::OK, _) => Ok(max),
        (sw, _) => Err(ReadError::Unexpected { step, sw }),
    }
}

/// Reads the current EF's DER object: 4 header bytes first, then the rest in chunks of ≤ 256.
fn read_der<T: Transmit + ?Sized>(t: &mut T, step: &'static str) -> Result<Vec<u8>, ReadError> {
    let malformed = |detail| ReadError::Malformed { step, detail };
    let head = read_chunk(t, 0, 4, step)?;
    let total = cert::der_total_len(&head)?.ok_or(malformed("header incomplete"))?;
    let mut der = head;
    if total < der.len() {
        der.truncate(total);
    }
    while der.len() < total {
        let offset = u16::try_from(der.len()).map_err(|_| malformed("offset too large"))?;
        let want = (total - der.len()).min(256);
        let chunk = read_chunk(t, offset, want, step)?;
        der.extend_from_slice(&chunk);
    }
    Ok(der)
}

/// One READ BINARY that must return exactly `len` bytes.
fn read_chunk<T: Transmit + ?Sized>(
    t: &mut T,
    offset: u16,
    len: usize,
    step: &'static str,
) -> Result<Vec<u8>, ReadError> {
    let r = exchange(t, &apdu::read_binary(offset, len as u16), step)?;
    if r.sw != StatusWord::OK && r.sw != StatusWord::END_OF_FILE {
        return Err(ReadError::Unexpected { step, sw: r.sw });
    }
    if r.data.len() != len {
        return Err(ReadError::Malformed {
            step,
            detail: "READ BINARY returned a different length",
        });
    }
    Ok(r.data)
}

/// Which card: from the JPKI AP's token file (never from the ATR, which readers synthesise).
fn card_kind<T: Transmit + ?Sized>(t: &mut T) -> Result<CardKind, ReadError> {
    let r = exchange(t, &apdu::select_application(aid::JPKI), "select JPKI")?;
    if r.sw != StatusWord::OK {
        return Ok(CardKind::Other);
    }
    let r = exchange(t, &apdu::select_file(aid::EF_TOKEN), "select token")?;
    if r.sw != StatusWord::OK {
        return Ok(CardKind::Other);
    }
    let r = exchange(t, &apdu::read_binary(0, 32), "read token")?;
    if r.sw != StatusWord::OK && r.sw != StatusWord::END_OF_FILE {
        return Ok(CardKind::Other);
    }
    let token = String::from_utf8_lossy(&r.data);
    Ok(match token.trim_end_matches([' ', '\0']) {
        aid::TOKEN_MYNUMBER => CardKind::MyNumber,
        aid::TOKEN_JUKI => CardKind::Juki,
        _ => CardKind::Other,
    })
}

/// Reads the card's status. Call right after connecting, before anything else talks to the card.
pub fn read_status<T: Transmit + ?Sized>(
    t: &mut T,
    now: DateTime<FixedOffset>,
) -> Result<CardStatus, ReadError> {
    let kind = card_kind(t)?;
    if kind != CardKind::MyNumber {
        return Ok(CardStatus::of_kind(kind));
    }
    let auth = pin_tries(t, aid::EF_AUTH_PIN, 3, "auth PIN")?;
    let sign = pin_tries(t, aid::EF_SIGN_PIN, 5, "signature password")?;
    expect_ok(
        t,
        &apdu::select_file(aid::EF_AUTH_CERT),
        "select auth certificate",
    )?;
    let der = read_der(t, "read auth certificate")?;
    let validity = cert::validity(&der, now)?;
    drop(der);
    expect_ok(
        t,
        &apdu::select_application(aid::INPUT_SUPPORT),
        "select 入力補助 AP",
    )?;
    let input = pin_tries(t, aid::EF_INPUT_PIN, 3, "入力補助 PIN")?;
    Ok(CardStatus {
        kind,
        auth_pin_tries: Some(auth),
        sign_pin_tries: Some(sign),
        input_support_pin_tries: Some(input),
        auth_cert: Some(validity),
    })
}
