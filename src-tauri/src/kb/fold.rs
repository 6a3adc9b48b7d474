//! Folding Japanese text so that the spellings of one word meet: what an operator types and what
//! the FAQ says rarely agree letter for letter.
//!
//! - Width: NFKC (full-width Latin and digits, half-width katakana).
//! - Okurigana: one or two hiragana between two kanji are dropped (送り仮名の揺れ): 「引っ越し」
//!   and 「引越し」 both fold to 「引越し」, 「申し込み手続き」 and 「申込手続き」 to 「申込手続き」.
//!   Particles between kanji (「市の窓口」) fold the same way on both sides, so nothing is lost.
//! - Script: katakana to hiragana (「ロック」 and 「ろっく」 meet), Latin lowercased.
//!
//! The same fold is applied to the index and to the query. [`fold_with_offsets`] keeps, for each
//! folded character, where it came from, so a snippet can be cut from the original text.

use unicode_normalization::UnicodeNormalization;

fn is_kanji(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '々' | '〆' | 'ヶ')
}

fn is_hiragana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}')
}

fn to_hiragana(c: char) -> char {
    match c {
        '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// The folded text.
pub fn fold(text: &str) -> String {
    fold_with_offsets(text).0
}

/// The folded text and, for each of its characters, the index (in chars) of the character of
/// `text` it came from.
pub fn fold_with_offsets(text: &str) -> (String, Vec<usize>) {
    // NFKC per character, so each output character keeps its origin.
    let mut chars: Vec<(char, usize)> = Vec::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        let mut buf = [0u8; 4];
        for n in c.encode_utf8(&mut buf).nfkc() {
            chars.push((n, i));
        }
    }
    // Okurigana: a run of one or two hiragana with a kanji on each side goes.
    let mut keep = vec![true; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        if is_hiragana(chars[i].0) && i > 0 && is_kanji(chars[i - 1].0) {
            let run = chars[i..]
                .iter()
                .take_while(|(c, _)| is_hiragana(*c))
                .count();
            if run <= 2 && chars.get(i + run).is_some_and(|(c, _)| is_kanji(*c)) {
                for k in &mut keep[i..i + run] {
                    *k = false;
                }
            }
            i += run;
        } else {
            i += 1;
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(chars.len());
    for ((c, at), kept) in chars.into_iter().zip(keep) {
        if kept {
            out.push(to_hiragana(c));
            offsets.push(at);
        }
    }
    (out, offsets)
}

/// A query term folded, and without the okurigana after its last kanji (「引越し」 looks for
/// 「引越」, which 「引っ越し前」, folded 「引越前」, and 「引越しの」 both hold) or the one or two
/// hiragana before its first (「の窓口」 looks for 「窓口」: in 「市の窓口」 the の folds away). So
/// whenever a text holds the term, its fold holds the term's fold.
pub fn fold_term(term: &str) -> String {
    let folded = fold(term);
    let mut chars: Vec<char> = folded.chars().collect();
    let tail = chars.iter().rev().take_while(|c| is_hiragana(**c)).count();
    if tail > 0 && tail <= 3 && chars.len() > tail && is_kanji(chars[chars.len() - tail - 1]) {
        chars.truncate(chars.len() - tail);
    }
    let head = chars.iter().take_while(|c| is_hiragana(**c)).count();
    if head > 0 && head <= 2 && chars.get(head).is_some_and(|c| is_kanji(*c)) {
        chars.drain(..head);
    }
    chars.into_iter().collect()
}

/// Whether a (folded) term is all kana: a reading the operator typed.
pub fn is_reading(folded: &str) -> bool {
    !folded.is_empty() && folded.chars().all(|c| is_hiragana(c) || c == 'ー')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn okurigana_spellings_meet() {
        for (a, b) in [
            ("引っ越し", "引越し"),
            ("申し込み手続き", "申込手続き"),
            ("申込み手続き", "申込手続き"),
            ("取り消し", "取消し"),
            ("受け取り口座", "受取口座"),
            ("書き換え", "書換え"),
        ] {
            assert_eq!(fold(a), fold(b), "{a} / {b}");
        }
        // Three hiragana between kanji are words, not okurigana.
        assert_eq!(fold("写真をとる機会"), "写真をとる機会");
    }

    #[test]
    fn a_query_term_is_found_whatever_follows_it_in_the_text() {
        for (term, text) in [
            ("引越し", "引っ越し前の申請書しかありません"),
            ("引っ越し", "引越しの後は"),
            ("引越", "引っ越しをした"),
            ("申し込み", "申込手続きの流れ"),
            ("申込み", "健康保険証の利用の申し込みをします"),
            ("手続き", "更新の手続を行います"),
            ("ロック", "暗証番号がろっくされた"),
            ("保険証", "健康保険証利用申込"),
            ("の窓口", "市の窓口で"),
            ("しの手続", "引っ越しの手続き"),
            ("ＰＩＮ", "pinを入力"),
        ] {
            assert!(
                fold(text).contains(&fold_term(term)),
                "{term} in {text}: {} / {}",
                fold_term(term),
                fold(text)
            );
        }
        assert_eq!(
            fold_term("ほけんしょう"),
            "ほけんしょう",
            "kana alone keeps its tail"
        );
    }

    #[test]
    fn width_and_script_meet() {
        assert_eq!(fold("ＰＩＮ　ロック"), "pin ろっく");
        assert_eq!(fold("ﾛｯｸ"), fold("ロック"));
        assert_eq!(fold("マイナポータル"), "まいなぽーたる");
        assert!(is_reading(&fold("ホケンショウ")));
        assert!(!is_reading(&fold("保険証")));
    }

    #[test]
    fn offsets_point_back_into_the_original() {
        let text = "詳しくは引っ越しの手続きを";
        let (folded, at) = fold_with_offsets(text);
        let original: Vec<char> = text.chars().collect();
        let start = folded.find("引越").unwrap();
        let idx = folded[..start].chars().count();
        assert_eq!(original[at[idx]], '引');
        assert_eq!(folded.chars().count(), at.len());
    }
}
