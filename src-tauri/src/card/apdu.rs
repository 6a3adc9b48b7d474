//! ISO 7816-4 command and response APDUs: the few commands the kiosk sends (SELECT, READ BINARY,
//! VERIFY without data), parsing of a command on the card side (the simulated card), and status
//! words.

use std::fmt;

/// The status word (SW1 SW2) that ends every response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StatusWord(pub u16);

impl StatusWord {
    /// Success.
    pub const OK: Self = Self(0x9000);
    /// End of file reached before Le bytes were read (data returned).
    pub const END_OF_FILE: Self = Self(0x6282);
    /// Wrong length.
    pub const WRONG_LENGTH: Self = Self(0x6700);
    /// Command incompatible with the file structure.
    pub const INCOMPATIBLE_FILE: Self = Self(0x6981);
    /// Security status not satisfied (a PIN must be verified first).
    pub const SECURITY_NOT_SATISFIED: Self = Self(0x6982);
    /// Authentication method blocked (PIN locked).
    pub const BLOCKED: Self = Self(0x6983);
    /// Command not allowed (no current EF).
    pub const NO_CURRENT_EF: Self = Self(0x6986);
    /// File or application not found.
    pub const NOT_FOUND: Self = Self(0x6A82);
    /// Incorrect P1 or P2.
    pub const WRONG_P1P2: Self = Self(0x6A86);
    /// Offset outside the EF.
    pub const WRONG_OFFSET: Self = Self(0x6B00);
    /// Instruction not supported.
    pub const INS_NOT_SUPPORTED: Self = Self(0x6D00);
    /// Class not supported.
    pub const CLA_NOT_SUPPORTED: Self = Self(0x6E00);

    /// From the two bytes.
    pub fn new(sw1: u8, sw2: u8) -> Self {
        Self(u16::from(sw1) << 8 | u16::from(sw2))
    }

    /// SW1.
    pub fn sw1(self) -> u8 {
        (self.0 >> 8) as u8
    }

    /// SW2.
    pub fn sw2(self) -> u8 {
        (self.0 & 0xff) as u8
    }

    /// `63Cx`: a PIN counter answer, with x tries left.
    pub fn tries_left(self) -> Option<u8> {
        (self.sw1() == 0x63 && self.sw2() & 0xf0 == 0xc0).then_some(self.sw2() & 0x0f)
    }

    /// The two bytes.
    pub fn to_bytes(self) -> [u8; 2] {
        self.0.to_be_bytes()
    }
}

impl fmt::Display for StatusWord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04X}", self.0)
    }
}

/// A response APDU split into its data and status word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The data bytes (may be empty).
    pub data: Vec<u8>,
    /// The status word.
    pub sw: StatusWord,
}

impl Response {
    /// Splits raw response bytes; `None` when shorter than the two status bytes.
    pub fn parse(raw: &[u8]) -> Option<Self> {
        let n = raw.len().checked_sub(2)?;
        Some(Self {
            data: raw[..n].to_vec(),
            sw: StatusWord::new(raw[n], raw[n + 1]),
        })
    }

    /// A response with only a status word.
    pub fn status(sw: StatusWord) -> Self {
        Self {
            data: Vec::new(),
            sw,
        }
    }

    /// The raw bytes: data then SW1 SW2.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.data.len() + 2);
        out.extend_from_slice(&self.data);
        out.extend_from_slice(&self.sw.to_bytes());
        out
    }
}

/// `SELECT` an application by its AID (no response data asked: P2 = 0C).
pub fn select_application(aid: &[u8]) -> Vec<u8> {
    let mut apdu = vec![0x00, 0xA4, 0x04, 0x0C, aid.len() as u8];
    apdu.extend_from_slice(aid);
    apdu
}

/// `SELECT` an elementary file of the current application by its 2-byte file id.
pub fn select_file(fid: u16) -> Vec<u8> {
    let [hi, lo] = fid.to_be_bytes();
    vec![0x00, 0xA4, 0x02, 0x0C, 0x02, hi, lo]
}

/// `READ BINARY` of `len` bytes (1–256) at `offset` (< 0x8000) of the current EF.
pub fn read_binary(offset: u16, len: u16) -> Vec<u8> {
    let [hi, lo] = offset.to_be_bytes();
    vec![0x00, 0xB0, hi & 0x7f, lo, (len.clamp(1, 256) & 0xff) as u8]
}

/// `VERIFY` without data against the current PIN EF: asks the tries left without using one.
pub fn verify_status() -> Vec<u8> {
    vec![0x00, 0x20, 0x00, 0x80]
}

/// `GET RESPONSE` for `61xx` (T=0 transport).
pub fn get_response(len: u8) -> Vec<u8> {
    vec![0x00, 0xC0, 0x00, 0x00, len]
}

/// A command APDU as the card sees it (short length fields only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// Class byte.
    pub cla: u8,
    /// Instruction.
    pub ins: u8,
    /// Parameter 1.
    pub p1: u8,
    /// Parameter 2.
    pub p2: u8,
    /// Command data (Lc bytes).
    pub data: Vec<u8>,
    /// Expected length (256 for a `00` Le), if any.
    pub le: Option<usize>,
}

/// Why a command APDU could not be parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CommandError {
    /// Fewer than four header bytes.
    #[error("APDU shorter than its header")]
    TooShort,
    /// Lc and the number of bytes disagree, or an extended length was used.
    #[error("APDU length fields do not match its size")]
    BadLength,
}

impl Command {
    /// Parses cases 1–4 with short Lc/Le.
    pub fn parse(raw: &[u8]) -> Result<Self, CommandError> {
        let [cla, ins, p1, p2, body @ ..] = raw else {
            return Err(CommandError::TooShort);
        };
        let le_of = |b: u8| if b == 0 { 256 } else { usize::from(b) };
        let (data, le) = match body {
            [] => (Vec::new(), None),
            [le] => (Vec::new(), Some(le_of(*le))),
            [0, ..] => return Err(CommandError::BadLength),
            [lc, rest @ ..] => {
                let lc = usize::from(*lc);
                match rest.len().checked_sub(lc) {
                    Some(0) => (rest.to_vec(), None),
                    Some(1) => (rest[..lc].to_vec(), Some(le_of(rest[lc]))),
                    _ => return Err(CommandError::BadLength),
                }
            }
        };
        Ok(Self {
            cla: *cla,
            ins: *ins,
            p1: *p1,
            p2: *p2,
            data,
            le,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_words_and_tries() {
        assert_eq!(StatusWord::new(0x63, 0xC2).tries_left(), Some(2));
        assert_eq!(StatusWord::new(0x63, 0xC0).tries_left(), Some(0));
        assert_eq!(StatusWord::new(0x63, 0x00).tries_left(), None);
        assert_eq!(StatusWord::OK.tries_left(), None);
        assert_eq!(StatusWord::BLOCKED.to_string(), "6983");
    }

    #[test]
    fn responses_split_data_from_status() {
        let r = Response::parse(&[1, 2, 0x90, 0]).unwrap();
        assert_eq!((r.data.as_slice(), r.sw), (&[1u8, 2][..], StatusWord::OK));
        assert_eq!(Response::parse(&[0x90]), None);
        assert_eq!(r.to_bytes(), vec![1, 2, 0x90, 0]);
    }

    #[test]
    fn commands_round_trip_through_the_parser() {
        let c = Command::parse(&select_file(0x0018)).unwrap();
        assert_eq!(
            (c.ins, c.p1, c.data.as_slice(), c.le),
            (0xA4, 2, &[0, 0x18][..], None)
        );
        let c = Command::parse(&read_binary(0x0104, 256)).unwrap();
        assert_eq!((c.p1, c.p2, c.le), (1, 4, Some(256)));
        let c = Command::parse(&verify_status()).unwrap();
        assert_eq!((c.ins, c.data.len(), c.le), (0x20, 0, None));
        let c = Command::parse(&[0, 0x20, 0, 0x80, 2, b'1', b'2', 0]).unwrap();
        assert_eq!((c.data.as_slice(), c.le), (&b"12"[..], Some(256)));
        assert_eq!(Command::parse(&[0, 1, 2]), Err(CommandError::TooShort));
        assert_eq!(
            Command::parse(&[0, 1, 2, 3, 4, 1]),
            Err(CommandError::BadLength)
        );
        assert_eq!(
            Command::parse(&[0, 1, 2, 3, 0, 1, 2]),
            Err(CommandError::BadLength)
        );
    }
}
