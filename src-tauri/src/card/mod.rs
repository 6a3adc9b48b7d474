//! The IC card reader: what a citizen's card can do, told to the operator before any PIN is typed.
//!
//! - [`apdu`], [`transport`]: command/response APDUs and the one [`transport::Transmit`] seam.
//! - [`read`]: the status read (card kind, PIN tries without using one, auth certificate validity).
//! - [`cert`]: DER length and X.509 validity; [`guidance`]: the Japanese advice shown.
//! - [`sim`], [`profile`], [`sim_cert`]: a faithful simulated card; [`vpcd`] connects it to a real
//!   pcscd through vsmartcard-vpcd.
//! - [`pcsc_reader`], [`monitor`], [`panel`]: readers over PC/SC, the monitor thread and the state
//!   the operator window shows.
//!
//! Nothing here asks for, receives, stores or logs a PIN; the signature certificate and the
//! 入力補助 data are never read; a card's status is dropped when the card leaves the reader.

pub mod aid;
pub mod apdu;
pub mod cert;
pub mod guidance;
pub mod monitor;
pub mod panel;
pub mod pcsc_reader;
pub mod profile;
pub mod read;
pub mod sim;
pub mod sim_cert;
pub mod transport;
pub mod vpcd;

#[cfg(test)]
mod read_tests;

use serde::{Deserialize, Serialize};

pub use cert::CertValidity;

/// Which card is in the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CardKind {
    /// マイナンバーカード.
    #[serde(rename = "mynumber")]
    MyNumber,
    /// 住民基本台帳カード (old).
    Juki,
    /// Another IC card.
    Other,
    /// No card.
    None,
}

/// Which PIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PinKind {
    /// 利用者証明用暗証番号 (4 digits, 3 tries).
    Auth,
    /// 署名用暗証番号 (6–16 characters, 5 tries).
    Sign,
    /// 券面事項入力補助用暗証番号 (4 digits, 3 tries).
    InputSupport,
}

impl PinKind {
    /// The tries a full counter has.
    pub fn max_tries(self) -> u8 {
        match self {
            Self::Sign => 5,
            Self::Auth | Self::InputSupport => 3,
        }
    }

    /// The id used in JSON (`locked`).
    pub fn id(self) -> &'static str {
        match self {
            Self::Auth => "auth",
            Self::Sign => "sign",
            Self::InputSupport => "input_support",
        }
    }

    /// The name on screen.
    pub fn label(self) -> &'static str {
        match self {
            Self::Auth => "利用者証明用暗証番号（数字4桁）",
            Self::Sign => "署名用暗証番号（英数字6〜16文字）",
            Self::InputSupport => "券面事項入力補助用暗証番号（数字4桁）",
        }
    }
}

/// What the kiosk knows about the card in the reader. Holds no personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CardStatus {
    /// Which card.
    pub kind: CardKind,
    /// Auth PIN tries left, where the card has it.
    pub auth_pin_tries: Option<u8>,
    /// Signature password tries left.
    pub sign_pin_tries: Option<u8>,
    /// 入力補助 PIN tries left.
    pub input_support_pin_tries: Option<u8>,
    /// The auth certificate's validity.
    pub auth_cert: Option<CertValidity>,
}

impl CardStatus {
    /// A card of this kind with nothing read (juki, other, none).
    pub fn of_kind(kind: CardKind) -> Self {
        Self {
            kind,
            auth_pin_tries: None,
            sign_pin_tries: None,
            input_support_pin_tries: None,
            auth_cert: None,
        }
    }

    /// Each PIN with its tries, where known.
    pub fn pins(&self) -> Vec<(PinKind, u8)> {
        [
            (PinKind::Auth, self.auth_pin_tries),
            (PinKind::Sign, self.sign_pin_tries),
            (PinKind::InputSupport, self.input_support_pin_tries),
        ]
        .into_iter()
        .filter_map(|(k, n)| n.map(|n| (k, n)))
        .collect()
    }

    /// The PINs at zero tries.
    pub fn locked(&self) -> Vec<PinKind> {
        self.pins()
            .into_iter()
            .filter(|(_, n)| *n == 0)
            .map(|(k, _)| k)
            .collect()
    }

    /// The JSON `madoguchi card status --json` prints (keys in this order).
    pub fn to_json(&self, reader: Option<&str>) -> serde_json::Value {
        serde_json::to_value(self.json(reader)).unwrap_or_default()
    }

    /// The JSON text, keys in the documented order.
    pub fn to_json_text(&self, reader: Option<&str>) -> String {
        serde_json::to_string(&self.json(reader)).unwrap_or_default()
    }

    fn json<'a>(&'a self, reader: Option<&'a str>) -> StatusJson<'a> {
        StatusJson {
            reader,
            card: self.kind,
            auth_pin_tries: self.auth_pin_tries,
            sign_pin_tries: self.sign_pin_tries,
            input_support_pin_tries: self.input_support_pin_tries,
            locked: self.locked().iter().map(|k| k.id()).collect(),
            auth_cert_not_after: self.auth_cert.as_ref().map(|c| c.not_after.to_string()),
            auth_cert_expired: self.auth_cert.as_ref().map(|c| c.expired),
        }
    }
}

/// The shape of `madoguchi card status --json`.
#[derive(Serialize)]
struct StatusJson<'a> {
    reader: Option<&'a str>,
    card: CardKind,
    auth_pin_tries: Option<u8>,
    sign_pin_tries: Option<u8>,
    input_support_pin_tries: Option<u8>,
    locked: Vec<&'static str>,
    auth_cert_not_after: Option<String>,
    auth_cert_expired: Option<bool>,
}
