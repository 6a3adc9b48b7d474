//! A simulated card: a faithful model of the My Number card's file system and PIN counters
//! (spec `card.md`), answering command APDUs as the card does. Tries decrease on a wrong VERIFY,
//! reset on a right one, and lock at zero; protected files answer `6982` until their PIN is
//! verified; a power cycle clears selections and verified states. Used in process (unit tests,
//! demo mode) and over PC/SC through `vsmartcard-vpcd` ([`super::vpcd`]).

use std::collections::BTreeMap;

use super::aid;
use super::apdu::{Command, Response, StatusWord};
use super::transport::{Transmit, TransportError};

/// A PIN with its counter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pin {
    value: Vec<u8>,
    max: u8,
    left: u8,
    verified: bool,
}

impl Pin {
    /// A PIN with `left` of `max` tries.
    pub fn new(value: &str, max: u8, left: u8) -> Self {
        Self {
            value: value.as_bytes().to_vec(),
            max,
            left: left.min(max),
            verified: false,
        }
    }

    /// Tries left.
    pub fn left(&self) -> u8 {
        self.left
    }
}

/// What a file is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum File {
    /// Readable bytes, behind the PIN file given (in the same application), if any.
    Binary {
        /// Contents.
        data: Vec<u8>,
        /// FID of the PIN that must be verified to read it.
        pin: Option<u16>,
    },
    /// A PIN.
    Pin(Pin),
    /// A private key: cannot be read.
    Key,
}

/// One application (DF) with its files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Application {
    /// Files by FID.
    pub files: BTreeMap<u16, File>,
}

/// The card: applications by AID and the current selection.
#[derive(Debug, Clone, Default)]
pub struct SimCard {
    /// Applications by AID.
    pub apps: BTreeMap<Vec<u8>, Application>,
    /// The ATR it answers with.
    pub atr: Vec<u8>,
    current_app: Option<Vec<u8>>,
    current_ef: Option<u16>,
}

/// A generic ATR for the simulated card (readers synthesise many; nothing relies on it).
pub const ATR: &[u8] = &[0x3B, 0xE0, 0x00, 0xFF, 0x81, 0x31, 0xFE, 0x45, 0x14];

impl SimCard {
    /// A card with these applications.
    pub fn new(apps: BTreeMap<Vec<u8>, Application>) -> Self {
        Self {
            apps,
            atr: ATR.to_vec(),
            current_app: None,
            current_ef: None,
        }
    }

    /// Power off and on: selections and verified PINs are gone.
    pub fn reset(&mut self) {
        self.current_app = None;
        self.current_ef = None;
        for app in self.apps.values_mut() {
            for file in app.files.values_mut() {
                if let File::Pin(p) = file {
                    p.verified = false;
                }
            }
        }
    }

    /// A PIN's counter, for tests.
    pub fn pin(&self, aid: &[u8], fid: u16) -> Option<&Pin> {
        match self.apps.get(aid)?.files.get(&fid)? {
            File::Pin(p) => Some(p),
            _ => None,
        }
    }

    /// Answers one command APDU.
    pub fn process(&mut self, raw: &[u8]) -> Response {
        let Ok(cmd) = Command::parse(raw) else {
            return Response::status(StatusWord::WRONG_LENGTH);
        };
        if cmd.cla != 0x00 {
            return Response::status(StatusWord::CLA_NOT_SUPPORTED);
        }
        let sw = match cmd.ins {
            0xA4 => return Response::status(self.select(&cmd)),
            0xB0 => return self.read_binary(&cmd),
            0x20 => self.verify(&cmd),
            _ => StatusWord::INS_NOT_SUPPORTED,
        };
        Response::status(sw)
    }

    fn select(&mut self, cmd: &Command) -> StatusWord {
        match (cmd.p1, cmd.p2) {
            (0x04, 0x0C) => {
                if self.apps.contains_key(&cmd.data) {
                    self.current_app = Some(cmd.data.clone());
                    self.current_ef = None;
                    StatusWord::OK
                } else {
                    StatusWord::NOT_FOUND
                }
            }
            (0x02, 0x0C) => {
                let [hi, lo] = cmd.data[..] else {
                    return StatusWord::WRONG_LENGTH;
                };
                let fid = u16::from_be_bytes([hi, lo]);
                let found = self
                    .current_app
                    .as_ref()
                    .and_then(|a| self.apps.get(a))
                    .is_some_and(|app| app.files.contains_key(&fid));
                if found {
                    self.current_ef = Some(fid);
                    StatusWord::OK
                } else {
                    StatusWord::NOT_FOUND
                }
            }
            _ => StatusWord::WRONG_P1P2,
        }
    }

    fn current(&mut self) -> Option<(&mut Application, u16)> {
        let fid = self.current_ef?;
        let app = self.apps.get_mut(self.current_app.as_ref()?)?;
        Some((app, fid))
    }

    fn read_binary(&mut self, cmd: &Command) -> Response {
        if cmd.p1 & 0x80 != 0 {
            return Response::status(StatusWord::WRONG_P1P2);
        }
        let (Some(le), true) = (cmd.le, cmd.data.is_empty()) else {
            return Response::status(StatusWord::WRONG_LENGTH);
        };
        let offset = usize::from(u16::from_be_bytes([cmd.p1, cmd.p2]));
        let Some((app, fid)) = self.current() else {
            return Response::status(StatusWord::NO_CURRENT_EF);
        };
        let (data, pin) = match app.files.get(&fid) {
            Some(File::Binary { data, pin }) => (data, *pin),
            _ => return Response::status(StatusWord::INCOMPATIBLE_FILE),
        };
        if let Some(pin) = pin {
            let ok = matches!(app.files.get(&pin), Some(File::Pin(p)) if p.verified);
            if !ok {
                return Response::status(StatusWord::SECURITY_NOT_SATISFIED);
            }
        }
        if offset > data.len() {
            return Response::status(StatusWord::WRONG_OFFSET);
        }
        let end = (offset + le).min(data.len());
        Response {
            data: data[offset..end].to_vec(),
            sw: if end - offset < le {
                StatusWord::END_OF_FILE
            } else {
                StatusWord::OK
            },
        }
    }

    fn verify(&mut self, cmd: &Command) -> StatusWord {
        if (cmd.p1, cmd.p2) != (0x00, 0x80) {
            return StatusWord::WRONG_P1P2;
        }
        let Some((app, fid)) = self.current() else {
            return StatusWord::NO_CURRENT_EF;
        };
        let Some(File::Pin(pin)) = app.files.get_mut(&fid) else {
            return StatusWord::INCOMPATIBLE_FILE;
        };
        if cmd.data.is_empty() {
            return match (pin.verified, pin.left) {
                (true, _) => StatusWord::OK,
                (false, 0) => StatusWord::BLOCKED,
                (false, n) => StatusWord::new(0x63, 0xC0 | n),
            };
        }
        if pin.left == 0 {
            return StatusWord::BLOCKED;
        }
        if cmd.data == pin.value {
            pin.left = pin.max;
            pin.verified = true;
            StatusWord::OK
        } else {
            pin.left -= 1;
            pin.verified = false;
            StatusWord::new(0x63, 0xC0 | pin.left)
        }
    }
}

impl Transmit for SimCard {
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, TransportError> {
        Ok(self.process(apdu).to_bytes())
    }
}

/// The JPKI token file content: the token padded with spaces to 32 bytes.
pub fn token_file(token: &str) -> Vec<u8> {
    let mut data = token.as_bytes().to_vec();
    data.resize(32, b' ');
    data
}

/// Files common to every application of the real card (for faithful probing by other tools).
pub fn jpki_app(
    token: &str,
    auth: Option<(Pin, Vec<u8>, Vec<u8>)>,
    sign: Option<Pin>,
) -> Application {
    let mut files = BTreeMap::new();
    files.insert(
        aid::EF_TOKEN,
        File::Binary {
            data: token_file(token),
            pin: None,
        },
    );
    if let Some((pin, cert, ca)) = auth {
        files.insert(aid::EF_AUTH_PIN, File::Pin(pin));
        files.insert(aid::EF_AUTH_KEY, File::Key);
        files.insert(
            aid::EF_AUTH_CERT,
            File::Binary {
                data: cert,
                pin: None,
            },
        );
        files.insert(
            aid::EF_AUTH_CA,
            File::Binary {
                data: ca,
                pin: None,
            },
        );
    }
    if let Some(pin) = sign {
        files.insert(aid::EF_SIGN_PIN, File::Pin(pin));
        files.insert(aid::EF_SIGN_KEY, File::Key);
        // The signature certificate holds name, address, birth date and sex: behind the password.
        files.insert(
            aid::EF_SIGN_CERT,
            File::Binary {
                data: b"0\x82\x00\x10SIGNATURE-CERT-WITH-PERSONAL-DATA".to_vec(),
                pin: Some(aid::EF_SIGN_PIN),
            },
        );
        files.insert(
            aid::EF_SIGN_CA,
            File::Binary {
                data: vec![0x30, 0x00],
                pin: None,
            },
        );
    }
    Application { files }
}
