//! The card's applications and files the kiosk knows (spec `card.md` §1).

/// 公的個人認証 AP (JPKI).
pub const JPKI: &[u8] = &[0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01];
/// 券面事項入力補助 AP.
pub const INPUT_SUPPORT: &[u8] = &[0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08];
/// 券面事項確認 AP.
pub const CARD_FACE: &[u8] = &[0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02];

/// JPKI: the token file (32 bytes of space-padded ASCII).
pub const EF_TOKEN: u16 = 0x0006;
/// JPKI: 利用者証明用電子証明書.
pub const EF_AUTH_CERT: u16 = 0x000A;
/// JPKI: its CA certificate.
pub const EF_AUTH_CA: u16 = 0x000B;
/// JPKI: 署名用電子証明書 (never read by the kiosk).
pub const EF_SIGN_CERT: u16 = 0x0001;
/// JPKI: the signature CA certificate.
pub const EF_SIGN_CA: u16 = 0x0002;
/// JPKI: auth PIN (4 digits, 3 tries).
pub const EF_AUTH_PIN: u16 = 0x0018;
/// JPKI: signature password (6–16 of A–Z 0–9, 5 tries).
pub const EF_SIGN_PIN: u16 = 0x001B;
/// JPKI: auth private key.
pub const EF_AUTH_KEY: u16 = 0x0017;
/// JPKI: signature private key.
pub const EF_SIGN_KEY: u16 = 0x001A;
/// 入力補助 AP: its 4-digit PIN (3 tries).
pub const EF_INPUT_PIN: u16 = 0x0011;

/// Token of a My Number card.
pub const TOKEN_MYNUMBER: &str = "JPKIAPICCTOKEN2";
/// Token of an old 住民基本台帳カード.
pub const TOKEN_JUKI: &str = "JPKIAPICCTOKEN";
