//! Ready-made simulated cards: a My Number card with chosen PIN counters and certificate expiry,
//! an old 住基カード, and another IC card. The demo mode's presets and the tests build from here.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::sim::{jpki_app, Application, File, Pin, SimCard};
use super::sim_cert::{self, SimCertError};
use super::{aid, CardKind};

/// The simulated card's auth PIN.
pub const AUTH_PIN: &str = "1234";
/// The simulated card's signature password.
pub const SIGN_PASSWORD: &str = "ABC123";
/// The simulated card's 入力補助 PIN.
pub const INPUT_PIN: &str = "1234";

/// What a simulated card looks like.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardProfile {
    /// Which card.
    pub kind: CardKind,
    /// Auth PIN tries left (of 3).
    pub auth_tries: u8,
    /// Signature password tries left (of 5).
    pub sign_tries: u8,
    /// 入力補助 PIN tries left (of 3).
    pub input_tries: u8,
    /// Last day of the auth certificate.
    pub cert_not_after: NaiveDate,
}

impl CardProfile {
    /// A healthy My Number card whose certificate ends on `cert_not_after`.
    pub fn mynumber(cert_not_after: NaiveDate) -> Self {
        Self {
            kind: CardKind::MyNumber,
            auth_tries: 3,
            sign_tries: 5,
            input_tries: 3,
            cert_not_after,
        }
    }

    /// Builds the card.
    pub fn build(&self) -> Result<SimCard, SimCertError> {
        let mut apps = BTreeMap::new();
        match self.kind {
            CardKind::MyNumber => {
                let auth = (
                    Pin::new(AUTH_PIN, 3, self.auth_tries),
                    sim_cert::auth_certificate(self.cert_not_after)?,
                    sim_cert::ca_certificate()?,
                );
                apps.insert(
                    aid::JPKI.to_vec(),
                    jpki_app(
                        aid::TOKEN_MYNUMBER,
                        Some(auth),
                        Some(Pin::new(SIGN_PASSWORD, 5, self.sign_tries)),
                    ),
                );
                apps.insert(
                    aid::INPUT_SUPPORT.to_vec(),
                    input_support_app(self.input_tries),
                );
                apps.insert(aid::CARD_FACE.to_vec(), card_face_app());
            }
            CardKind::Juki => {
                // The old card's JPKI had one signature certificate and password (expired since
                // 2016 at the latest); it has no 入力補助 AP.
                apps.insert(
                    aid::JPKI.to_vec(),
                    jpki_app(aid::TOKEN_JUKI, None, Some(Pin::new(SIGN_PASSWORD, 5, 5))),
                );
            }
            CardKind::Other | CardKind::None => {
                // Another IC card (a transit or bank card): some application, none of ours.
                apps.insert(
                    vec![0xA0, 0x00, 0x00, 0x00, 0x03, 0x10, 0x10],
                    Application::default(),
                );
            }
        }
        Ok(SimCard::new(apps))
    }
}

fn protected(data: &[u8], pin: u16) -> File {
    File::Binary {
        data: data.to_vec(),
        pin: Some(pin),
    }
}

/// 券面事項入力補助 AP: its PIN, the 照合番号 A/B PIN files, and the data behind the PIN (dummy
/// bytes here: the kiosk never reads them).
fn input_support_app(tries: u8) -> Application {
    let mut files = BTreeMap::new();
    files.insert(aid::EF_INPUT_PIN, File::Pin(Pin::new(INPUT_PIN, 3, tries)));
    files.insert(0x0014, File::Pin(Pin::new("SIMULATED-A", 10, 10)));
    files.insert(0x0015, File::Pin(Pin::new("SIMULATED-B", 10, 10)));
    files.insert(0x0001, protected(b"DUMMY-MY-NUMBER", aid::EF_INPUT_PIN));
    files.insert(0x0002, protected(b"DUMMY-ATTRIBUTES", aid::EF_INPUT_PIN));
    Application { files }
}

/// 券面事項確認 AP: the 照合番号 A/B PIN files and dummy data behind them.
fn card_face_app() -> Application {
    let mut files = BTreeMap::new();
    files.insert(0x0013, File::Pin(Pin::new("SIMULATED-A", 10, 10)));
    files.insert(0x0012, File::Pin(Pin::new("SIMULATED-B", 10, 10)));
    files.insert(0x0001, protected(b"DUMMY-FACE", 0x0013));
    Application { files }
}

/// A demo-mode preset: id, label on the button.
pub const DEMO_PRESETS: &[(&str, &str)] = &[
    ("ok", "正常なマイナンバーカード"),
    ("auth_one_left", "利用者証明用：あと1回"),
    ("auth_locked", "利用者証明用：ロック"),
    ("sign_locked", "署名用：ロック"),
    ("cert_renewal", "電子証明書：更新期間"),
    ("cert_expired", "電子証明書：期限切れ"),
    ("juki", "住基カード"),
    ("other", "ほかのICカード"),
];

/// The card of a demo preset, dated from `today`.
pub fn demo_profile(id: &str, today: NaiveDate) -> Option<CardProfile> {
    use chrono::{Days, Months};
    let valid = today.checked_add_months(Months::new(40))?;
    let base = CardProfile::mynumber(valid);
    Some(match id {
        "ok" => base,
        "auth_one_left" => CardProfile {
            auth_tries: 1,
            ..base
        },
        "auth_locked" => CardProfile {
            auth_tries: 0,
            ..base
        },
        "sign_locked" => CardProfile {
            sign_tries: 0,
            ..base
        },
        "cert_renewal" => CardProfile {
            cert_not_after: today.checked_add_days(Days::new(40))?,
            ..base
        },
        "cert_expired" => CardProfile {
            cert_not_after: today.checked_sub_days(Days::new(120))?,
            ..base
        },
        "juki" => CardProfile {
            kind: CardKind::Juki,
            ..base
        },
        "other" => CardProfile {
            kind: CardKind::Other,
            ..base
        },
        _ => return None,
    })
}
