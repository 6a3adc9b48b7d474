//! Folds the ways people write the same thing into one spelling before any rule looks at a text:
//! Unicode NFKC (full-width digits and letters, ＠, ㈱ …), every dash-like character to `-`, and
//! every kind of space to one ASCII space. The rules then need one pattern per idea.

use unicode_normalization::UnicodeNormalization;

/// Characters people use as a hyphen (NFKC leaves most of them alone).
const DASHES: &[char] = &['-', '‐', '‑', '‒', '–', '—', '―', '−', '⁃', '﹣', '－'];

/// Characters that are a hyphen only between digits: the katakana long vowel mark and 一 typed
/// by an IME in place of a hyphen (「０９０ー１２３４」), which elsewhere are parts of words.
const DASHES_BETWEEN_DIGITS: &[char] = &['ー', 'ｰ', '一'];

/// The text in the one spelling the rules read.
pub fn fold(text: &str) -> String {
    let chars: Vec<char> = text
        .nfkc()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let digit_at = |k: Option<&char>| k.is_some_and(|c| c.is_ascii_digit());
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let between = || {
                digit_at(chars[..i].iter().rev().find(|c| **c != ' '))
                    && digit_at(chars[i + 1..].iter().find(|c| **c != ' '))
            };
            if DASHES.contains(&c) || (DASHES_BETWEEN_DIGITS.contains(&c) && between()) {
                '-'
            } else {
                c
            }
        })
        .collect()
}

/// Whether `c` separates the digit groups of one written number ("090-1234-5678",
/// "1234 5678 9018", "(03)1234.5678").
pub fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '.' | '(' | ')' | '・' | '･' | ',' | '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_folds_to_one() {
        assert_eq!(fold("１２３４－５６７８"), "1234-5678");
        assert_eq!(fold("０９０‐１２３４―５６７８"), "090-1234-5678");
        assert_eq!(fold("ＡＢＣ＠ｅｘａｍｐｌｅ．ｊｐ"), "ABC@example.jp");
        assert_eq!(fold("1234\u{3000}5678\u{a0}9018"), "1234 5678 9018");
        assert_eq!(fold("（０３）"), "(03)");
        assert_eq!(fold("０９０ー１２３４一５６７８"), "090-1234-5678");
        assert_eq!(
            fold("カード一枚"),
            "カード一枚",
            "words keep their ー and 一"
        );
    }
}
