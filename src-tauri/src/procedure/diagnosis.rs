//! What a scanner's line says about the scanner's set-up, for IT staff connecting a new one
//! (`madoguchi scan-test`): an IME left in full-width or kana mode, or a keyboard layout that is not
//! the PC's. Each note says what to change; the ID may still have been read (the reader undoes
//! these), but a scanner set up right also types into other programs correctly.

use serde::Serialize;

/// One finding about a scanned line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Note {
    /// Full-width characters: the IME was on in full-width mode.
    FullWidth,
    /// Kana where the digits should be: the IME was in かな入力.
    KanaInput,
    /// An address whose `://` arrived as other symbols: the scanner's keyboard layout differs
    /// from the PC's (a US-layout scanner on a JIS keyboard, or the reverse).
    SymbolsChanged,
    /// The ID was read, but not from digits: another layout's digit keys (AZERTY, Czech …) or
    /// another script's digits (a Persian or Devanagari layout on the PC).
    DigitsChanged,
}

impl Note {
    /// What to do, in Japanese.
    pub fn advice(self) -> &'static str {
        match self {
            Note::FullWidth => "全角文字が入力されています。日本語入力（IME）をオフにするか、スキャナーの設定で半角入力にしてください。",
            Note::KanaInput => "数字がかなで入力されています。日本語入力（IME）のかな入力をオフにしてください。",
            Note::SymbolsChanged => "記号が別の文字になっています。スキャナーのキーボード配列をPCの配列（日本語キーボードなら「日本語」）に合わせてください。",
            Note::DigitsChanged => "数字が別の文字になっています（読み取りは補正しました）。PCの入力言語・キーボード配列を日本語に切り替えるか、スキャナーの配列をPCに合わせてください。",
        }
    }
}

/// The notes for one line, in a fixed order.
pub fn notes(line: &str) -> Vec<Note> {
    let mut out = Vec::new();
    if line
        .chars()
        .any(|c| ('\u{FF01}'..='\u{FF5E}').contains(&c) || c == '\u{3000}')
    {
        out.push(Note::FullWidth);
    }
    let has_digits = line
        .chars()
        .any(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
    // Hiragana, katakana and half-width katakana where no digit is.
    let kana = line
        .chars()
        .any(|c| ('\u{3041}'..='\u{30FA}').contains(&c) || ('\u{FF66}'..='\u{FF9D}').contains(&c));
    if kana && !has_digits {
        out.push(Note::KanaInput);
    } else if !has_digits && super::application_id::read(line).is_ok() {
        out.push(Note::DigitsChanged);
    }
    let lower = line.to_ascii_lowercase();
    if let Some(at) = lower.find("http") {
        let rest = &lower[at + 4..];
        let rest = rest.strip_prefix('s').unwrap_or(rest);
        // Anything but `://` or an ASCII letter or digit after `http(s)`: on German QWERTZ a
        // US scanner's `:` arrives as `Ö`, which is a letter, but not an ASCII one.
        if !rest.starts_with("://")
            && rest
                .chars()
                .next()
                .is_some_and(|c| !c.is_ascii_alphanumeric())
        {
            out.push(Note::SymbolsChanged);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_well_set_up_scanner_has_no_notes() {
        assert!(notes("https://www.kojinbango-card.go.jp/?id=12345678901234567890123").is_empty());
        assert!(notes("12345678901234567890123").is_empty());
        assert!(notes("http://example.jp/1").is_empty());
    }

    #[test]
    fn each_set_up_mistake_is_named() {
        assert_eq!(
            notes("https+//www.example.jp/?id^1"),
            vec![Note::SymbolsChanged]
        );
        assert_eq!(notes("http*//x"), vec![Note::SymbolsChanged]);
        assert_eq!(notes("httpsÖ--x.jp-_id´1"), vec![Note::SymbolsChanged]);
        assert_eq!(notes("１２３４"), vec![Note::FullWidth]);
        assert_eq!(notes("くててせぬふあう"), vec![Note::KanaInput]);
        assert_eq!(notes("ﾇﾌｱｳｴｵﾔﾕﾖﾜﾇﾌｱｳｴｵﾔﾕﾖﾜﾇﾌｱ"), vec![Note::KanaInput]);
        // The ID in AZERTY's digit keys, and in Devanagari digits.
        assert_eq!(
            notes("hqttpsM!!x.jp!_id=&é\"'(-è_çà&é\"'(-è_çà&é\""),
            vec![Note::DigitsChanged]
        );
        assert_eq!(notes("१२३४५६७८९०१२३४५६७८९०१२३"), vec![Note::DigitsChanged]);
        assert!(
            notes("hello world").is_empty(),
            "no ID, nothing said of digits"
        );
        assert_eq!(
            notes("ｈっｔｐｓ：／／ｗｗｗ？いｄ＝１２３"),
            vec![Note::FullWidth]
        );
    }
}
