//! The 申請書ID (23 half-width digits printed on the 交付申請書 and held in its QR code) read from
//! whatever reached the kiosk: a 2D scanner's line, the camera's decoded QR code, or what the
//! operator typed.
//!
//! No public source documents the QR's address format or a check digit, so the rule is about the
//! digits alone: the ID is **the one run of 23 digits** in the text. What a scanner with the wrong
//! keyboard layout or an IME in full-width mode does to the text is undone first:
//! - full-width digits (`０`–`９`, an IME in 全角 mode) are digits;
//! - between digits, spaces and every kind of hyphen or dash (`-`, `－`, `‐`, `―`, `−`, and the
//!   `ー` an IME makes of `-`) are separators: a typed `1234-5678 …` is one run; a run with no
//!   separator wins over a joined one, so digits elsewhere in an address do not join the ID;
//! - symbols (what a layout mismatch mangles: `:` `/` `?` `=` `&`) are never digits, so they only
//!   end a run;
//! - when no run of digits is found, the digits a layout typed as something else are tried: the
//!   JIS kana layout (`ぬふあうえおやゆよわ` for 1–0, an IME in かな入力), the French and Belgian
//!   AZERTY rows (`&é"'(-è_çà`), Czech, Slovak and Hungarian. Ordinary text never holds 23 of
//!   these in a row; two layouts giving two different IDs are refused.
//! - a symbology identifier a scanner may send first (`]Q1`) is dropped, so its digit does not
//!   join the ID.
//!
//! Several different runs of 23 digits, or none, are refused: a guess would start an application
//! with someone else's form. The same ID twice (an address that repeats it) is one ID.
//!
//! The ID is personal to the form: it is never stored, logged or audited, and [`ApplicationId`]'s
//! `Debug` does not print it.

use std::fmt;

/// The digits of an ID.
pub const ID_DIGITS: usize = 23;

/// A 申請書ID: exactly 23 ASCII digits.
#[derive(Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct ApplicationId(String);

impl ApplicationId {
    /// The 23 digits.
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// Grouped for reading aloud: 4-4-4-4-4-3, as the form prints groups of four.
    pub fn grouped(&self) -> String {
        let mut out = String::with_capacity(ID_DIGITS + 6);
        for (i, c) in self.0.chars().enumerate() {
            if i > 0 && i % 4 == 0 {
                out.push(' ');
            }
            out.push(c);
        }
        out
    }
}

impl fmt::Debug for ApplicationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApplicationId(***)")
    }
}

/// Why no ID was read. Messages are for the operator, in Japanese.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// Nothing was read (an empty line).
    #[error("何も読み取れませんでした。もう一度読み取ってください。")]
    Empty,
    /// No run of digits that could be an ID.
    #[error("申請書IDが見つかりません。交付申請書のQRコードか、申請書ID（23桁の数字）を読み取ってください。")]
    NotFound,
    /// A run of digits close to an ID but not 23 long.
    #[error("申請書IDは23桁ですが、読み取れた数字は{0}桁です。読み取り直すか、申請書の数字を確認してください。")]
    WrongLength(usize),
    /// Several different IDs.
    #[error("申請書IDらしい23桁の数字が{0}つあります。交付申請書1枚のQRコードだけを読み取ってください。")]
    Several(usize),
}

impl IdError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::NotFound => "no_application_id",
            Self::WrongLength(_) => "wrong_length",
            Self::Several(_) => "several_application_ids",
        }
    }
}

/// Runs of digits shorter than this (or longer than the upper bound) are other numbers, not a
/// mistyped ID: "22 digits" is worth saying, "3 digits" is not.
const NEAR_MISS: std::ops::RangeInclusive<usize> = 18..=28;

/// Reads the ID from a scanner line, a decoded QR code or typed text.
pub fn read(text: &str) -> Result<ApplicationId, IdError> {
    if text.trim().is_empty() {
        return Err(IdError::Empty);
    }
    let text = without_symbology_id(text);
    let chars: Vec<Symbol> = text.chars().map(|c| Symbol::of(c, digit)).collect();
    match pick(&chars) {
        Err(IdError::NotFound) => {}
        other => return other,
    }
    // Another layout's digit keys: every layout that gives an ID is asked, and two different
    // answers are refused like two IDs.
    let mut found: Vec<ApplicationId> = Vec::new();
    for row in DIGIT_ROWS {
        let chars: Vec<Symbol> = text.chars().map(|c| Symbol::of_row(c, row)).collect();
        if let Ok(id) = pick(&chars) {
            if !found.contains(&id) {
                found.push(id);
            }
        }
    }
    match found.len() {
        0 => Err(IdError::NotFound),
        1 => Ok(found.remove(0)),
        n => Err(IdError::Several(n)),
    }
}

/// The line without the symbology identifier a scanner may be set to send first (ISO/IEC 15424:
/// `]` then a letter and a modifier digit, `]Q1` for a QR code): its digit would join the ID's
/// run. A wrong layout or a full-width IME turns `]` into `[`, `}`, `］` or `［`.
fn without_symbology_id(text: &str) -> &str {
    let line = text.trim_start();
    let mut chars = line.char_indices();
    let flag = matches!(chars.next(), Some((_, ']' | '[' | '}' | '］' | '［')));
    let letter = chars.next().is_some_and(|(_, c)| {
        c.is_ascii_alphabetic() || ('Ａ'..='Ｚ').contains(&c) || ('ａ'..='ｚ').contains(&c)
    });
    match chars.next() {
        Some((at, c)) if flag && letter && digit(c).is_some() => &line[at + c.len_utf8()..],
        _ => text,
    }
}

/// One character as the reader sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Symbol {
    Digit(u8),
    Separator,
    Other,
}

impl Symbol {
    /// `c` read with another layout's digit row (`row`: the keys for 0–9). A digit the PC shows
    /// is a digit only on a layout that keeps them (Hungarian); on AZERTY a shown `7` was the
    /// scanner's Shift+7, `&`, not a digit of the ID.
    fn of_row(c: char, (row, keeps_digits): (&str, bool)) -> Self {
        match row.chars().position(|k| k == c) {
            Some(p) => Symbol::Digit(p as u8),
            None if keeps_digits => Symbol::of(c, digit),
            None => Symbol::of(c, |_| None),
        }
    }

    fn of(c: char, as_digit: fn(char) -> Option<u8>) -> Self {
        if let Some(d) = as_digit(c) {
            Symbol::Digit(d)
        } else if is_separator(c) {
            Symbol::Separator
        } else {
            Symbol::Other
        }
    }
}

/// Half- and full-width digits, and the decimal digits of other scripts (a PC whose keyboard
/// layout types its script's digits — Persian, Arabic, Devanagari for Nepali or Hindi, Bengali,
/// Thai, Burmese … — turns a scanner's digits into them).
fn digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => Some((c as u32 - '０' as u32) as u8),
        _ => SCRIPT_ZEROS.iter().find_map(|&zero| {
            let d = (c as u32).checked_sub(zero as u32)?;
            (d < 10).then_some(d as u8)
        }),
    }
}

/// The zero of each script's ten decimal digits (Unicode category Nd, each block's 0–9 in order):
/// Arabic-Indic, Extended Arabic-Indic (Persian, Urdu), N'Ko, Devanagari, Bengali, Gurmukhi,
/// Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam, Sinhala, Thai, Lao, Tibetan, Myanmar,
/// Khmer, Mongolian.
const SCRIPT_ZEROS: [char; 19] = [
    '\u{0660}', '\u{06F0}', '\u{07C0}', '\u{0966}', '\u{09E6}', '\u{0A66}', '\u{0AE6}', '\u{0B66}',
    '\u{0BE6}', '\u{0C66}', '\u{0CE6}', '\u{0D66}', '\u{0DE6}', '\u{0E50}', '\u{0ED0}', '\u{0F20}',
    '\u{1040}', '\u{17E0}', '\u{1810}',
];

/// The digit keys (for 0–9, without Shift) of the layouts a scanner or an IME may type with
/// instead of the PC's: the JIS kana layout (an IME in かな入力: hiragana, katakana, half-width
/// katakana), French and Belgian AZERTY, Czech and Slovak QWERTZ, Lithuanian, Hungarian (only 0
/// moves: its other digits are digits).
const DIGIT_ROWS: [(&str, bool); 9] = [
    ("わぬふあうえおやゆよ", false),
    ("ワヌフアウエオヤユヨ", false),
    ("ﾜﾇﾌｱｳｴｵﾔﾕﾖ", false),
    ("à&é\"'(-è_ç", false),
    ("à&é\"'(§è!ç", false),
    ("é+ěščřžýáí", false),
    ("é+ľščťžýáí", false),
    ("“ąčęėįšųū„", false),
    ("ö123456789", true),
];

/// Spaces and hyphens a person or an IME puts between groups of digits.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{3000}' | '-' | '\u{2010}'
            ..='\u{2015}' | '\u{2212}' | '\u{FF0D}' | '\u{30FC}' | '\u{FF70}' | '\u{FE63}'
    )
}

/// Runs of digits: `(digits, joined)` where `joined` says the run crossed separators.
fn runs(chars: &[Symbol]) -> (Vec<String>, Vec<String>) {
    let mut plain = Vec::new();
    let mut joined = Vec::new();
    let mut current = String::new();
    let mut group = String::new();
    let mut pending_separator = false;
    for s in chars.iter().chain(std::iter::once(&Symbol::Other)) {
        match *s {
            Symbol::Digit(d) => {
                if pending_separator && !current.is_empty() {
                    plain.push(std::mem::take(&mut current));
                }
                pending_separator = false;
                current.push((b'0' + d) as char);
                group.push((b'0' + d) as char);
            }
            Symbol::Separator if !group.is_empty() => pending_separator = true,
            _ => {
                if !current.is_empty() {
                    plain.push(std::mem::take(&mut current));
                }
                if !group.is_empty() {
                    joined.push(std::mem::take(&mut group));
                }
                pending_separator = false;
            }
        }
    }
    (plain, joined)
}

fn pick(chars: &[Symbol]) -> Result<ApplicationId, IdError> {
    let (plain, joined) = runs(chars);
    for candidates in [&plain, &joined] {
        let mut ids: Vec<&String> = candidates.iter().filter(|r| r.len() == ID_DIGITS).collect();
        ids.sort();
        ids.dedup();
        match ids.len() {
            0 => continue,
            1 => return Ok(ApplicationId(ids[0].clone())),
            n => return Err(IdError::Several(n)),
        }
    }
    let near = joined
        .iter()
        .chain(&plain)
        .map(String::len)
        .filter(|n| NEAR_MISS.contains(n))
        .min_by_key(|n| n.abs_diff(ID_DIGITS));
    Err(near.map_or(IdError::NotFound, IdError::WrongLength))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "12345678901234567890123";

    fn ok(text: &str) -> String {
        match read(text) {
            Ok(id) => id.digits().to_string(),
            Err(e) => panic!("{text:?}: {e}"),
        }
    }

    fn err(text: &str) -> IdError {
        read(text).expect_err(text)
    }

    #[test]
    fn a_scanners_symbology_identifier_does_not_join_the_id() {
        for prefix in ["]Q1", "]Q0", "]d2", "[Q1", "}Q1", "］Ｑ１", " ]Q3"] {
            assert_eq!(ok(&format!("{prefix}{ID}")), ID, "{prefix}");
            assert_eq!(
                ok(&format!(
                    "{prefix}https://www.kojinbango-card.go.jp/apply/?id={ID}"
                )),
                ID,
                "{prefix}"
            );
        }
        // Only at the start, and only the identifier's shape.
        assert_eq!(err(&format!("x]Q1{ID}")), IdError::WrongLength(24));
        assert_eq!(err(&format!("]QQ1{ID}")), IdError::WrongLength(24));
    }

    #[test]
    fn the_digits_alone_and_in_any_address() {
        assert_eq!(ok(ID), ID);
        for text in [
            format!("https://www.kojinbango-card.go.jp/apply/?id={ID}"),
            format!("https://net.kojinbango-card.go.jp/SS_SERVICE_OUT/FA01S001Action.do?shinseiId={ID}&v=2"),
            format!("http://example.jp/{ID}/"),
            format!("{ID}\r"),
            format!("  {ID}  "),
            format!("ID:{ID};2024"),
        ] {
            assert_eq!(ok(&text), ID, "{text}");
        }
    }

    #[test]
    fn a_layout_mismatch_mangles_the_symbols_not_the_id() {
        // A US-layout scanner on a JIS keyboard: ':' arrives as '+' or '*', '=' as '^', '&' as
        // '^' or '('… The digits are on the same keys.
        for text in [
            format!("https+//www.kojinbango-card.go.jp/apply/_id^{ID}"),
            format!("https*//www.kojinbango)card.go.jp/apply/?id~{ID}(v~2"),
            // German layout: y and z swapped, '/' becomes '-', ':' becomes 'Ö'.
            format!("httpsÖ--www.kojinbangoßcard.go.jp-applz-_id´{ID}"),
        ] {
            assert_eq!(ok(&text), ID, "{text}");
        }
    }

    #[test]
    fn full_width_digits_and_an_ime_in_full_width_mode() {
        let wide: String = ID
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap())
            .collect();
        assert_eq!(ok(&wide), ID);
        // An IME in romaji mode: letters become kana, '-' becomes 'ー', digits full width.
        assert_eq!(
            ok(&format!(
                "ｈっｔｐｓ：／／ｗｗｗ．こじんばんごーかーど？いｄ＝{wide}"
            )),
            ID
        );
        assert_eq!(
            ok("１２３４－５６７８－９０１２－３４５６－７８９０－１２３"),
            ID
        );
    }

    #[test]
    fn typed_with_spaces_and_hyphens() {
        for text in [
            "1234 5678 9012 3456 7890 123",
            "1234-5678-9012-3456-7890-123",
            "1234　5678　9012　3456　7890　123",
            "1234ー5678ー9012ー3456ー7890ー123",
            "12345 67890 12345 67890 123",
            "1234‐5678―9012−3456 - 7890 123",
        ] {
            assert_eq!(ok(text), ID, "{text}");
        }
    }

    #[test]
    fn digits_typed_on_another_layout_are_recovered() {
        // かな入力: the digit keys give ぬふあうえおやゆよわ.
        let kana: String = ID
            .chars()
            .map(|c| {
                "わぬふあうえおやゆよ"
                    .chars()
                    .nth(c as usize - '0' as usize)
                    .unwrap()
            })
            .collect();
        assert_eq!(ok(&format!("くてててとらーー{kana}")), ID);
        let azerty: String = ID
            .chars()
            .map(|c| {
                "à&é\"'(-è_ç"
                    .chars()
                    .nth(c as usize - '0' as usize)
                    .unwrap()
            })
            .collect();
        assert_eq!(ok(&format!("hqttpsM!!{azerty}")), ID);
        // Belgian AZERTY (6 is §, 8 is !), Czech and Slovak QWERTZ, Hungarian (0 is ö), each
        // also inside an address, and a different ID than the ID's own digits.
        let other = "90817263544536271809123";
        let rows = [
            "à&é\"'(§è!ç",
            "é+ěščřžýáí",
            "é+ľščťžýáí",
            "“ąčęėįšųū„",
            "ö123456789",
        ];
        for row in rows {
            for id in [ID, other] {
                let typed: String = id
                    .chars()
                    .map(|c| row.chars().nth(c as usize - '0' as usize).unwrap())
                    .collect();
                assert_eq!(ok(&typed), id, "{row}: {typed}");
                assert_eq!(ok(&format!("https://x.jp/?id={typed}")), id, "{row}");
            }
        }
        // A US scanner on an AZERTY PC: the address's `&` (Shift+7) shows as `7` after the ID,
        // and does not join it.
        assert_eq!(ok(&format!("hqttpsM!!x.jp!_id={azerty}7v=é")), ID);
    }

    #[test]
    fn another_scripts_digits_are_digits() {
        // Persian, Arabic, Devanagari (Nepali), Bengali, Thai, Myanmar: the ID alone, in an
        // address, and grouped with spaces.
        for zero in ['۰', '٠', '०', '০', '๐', '၀'] {
            let typed: String = ID
                .chars()
                .map(|c| char::from_u32(zero as u32 + (c as u32 - '0' as u32)).unwrap())
                .collect();
            assert_eq!(ok(&typed), ID, "{zero}");
            assert_eq!(ok(&format!("https://x.jp/?id={typed}&t=1")), ID, "{zero}");
            let spaced: String = typed
                .chars()
                .enumerate()
                .flat_map(|(i, c)| (i > 0 && i % 4 == 0).then_some(' ').into_iter().chain([c]))
                .collect();
            assert_eq!(ok(&spaced), ID, "{zero}: {spaced}");
        }
        // Letters of those scripts are not digits.
        assert_eq!(err("नमस्ते دنیا สวัสดี"), IdError::NotFound);
        // A Tamil number sign (ten, after the nine) is not a digit.
        assert_eq!(digit('\u{0BF0}'), None);
        assert_eq!(digit('\u{0BEF}'), Some(9));
    }

    #[test]
    fn none_or_several_are_refused() {
        assert_eq!(err(""), IdError::Empty);
        assert_eq!(err(" \r"), IdError::Empty);
        assert_eq!(
            err("https://www.city.example.lg.jp/kurashi/2024/01/page123.html"),
            IdError::NotFound
        );
        assert_eq!(err("マイナンバーカード交付申請書"), IdError::NotFound);
        assert_eq!(
            err(&format!("{ID} 98765432109876543210987")),
            IdError::Several(2)
        );
        assert_eq!(
            err(&format!("?a={ID}&b=98765432109876543210987")),
            IdError::Several(2)
        );
        // The same ID twice is one ID.
        assert_eq!(ok(&format!("?id={ID}&check={ID}")), ID);
    }

    #[test]
    fn one_digit_too_few_or_too_many_says_how_many() {
        assert_eq!(err(&ID[..22]), IdError::WrongLength(22));
        assert_eq!(err(&format!("{ID}4")), IdError::WrongLength(24));
        assert_eq!(err("1234 5678 9012 3456 7890 12"), IdError::WrongLength(22));
        assert_eq!(
            err(&format!("?id={ID}{ID}")),
            IdError::NotFound,
            "46 digits: a double read"
        );
        // A 12-digit number (a My Number) is not a near miss of an ID.
        assert_eq!(err("123456789012"), IdError::NotFound);
    }

    #[test]
    fn a_plain_run_wins_over_digits_joined_by_separators() {
        // The date before the ID joins it across the hyphen; the plain run is the ID.
        assert_eq!(ok(&format!("2024-{ID}")), ID);
        assert_eq!(ok(&format!("form 01 {ID} 2")), ID);
    }

    #[test]
    fn grouped_for_reading_aloud_and_never_debug_printed() {
        let id = read(ID).unwrap();
        assert_eq!(id.grouped(), "1234 5678 9012 3456 7890 123");
        assert_eq!(format!("{id:?}"), "ApplicationId(***)");
    }
}
