//! Readings of the counter's own words, so that an operator who types 「ほけんしょう」 (the IME not
//! yet converted, or a word they cannot write) finds 「保険証」. A reviewed table rather than a
//! morphological analyser: the counter's vocabulary is a few hundred words, and a dictionary
//! (lindera with IPADIC) would add tens of megabytes and minutes of build for little more. A word
//! missing here is added in one line, with its reading in hiragana (long vowels as written in
//! kana: こうしん, not こーしん).
//!
//! A reading the operator types may be several words in a row (「けんこうほけんしょう」): it is
//! cut into readings of the table, and the words put together.

/// (reading in hiragana, the spellings it stands for; the first is the usual one).
const READINGS: &[(&str, &[&str])] = &[
    ("あんしょうばんごう", &["暗証番号"]),
    ("ばんごう", &["番号"]),
    ("ぴん", &["暗証番号"]),
    ("ほけんしょう", &["保険証"]),
    ("けんこうほけん", &["健康保険"]),
    ("けんこう", &["健康"]),
    ("ほけん", &["保険"]),
    ("しかくかくにんしょ", &["資格確認書"]),
    ("しかく", &["資格"]),
    ("ひっこし", &["引越", "引っ越し"]),
    ("てんきょ", &["転居"]),
    ("てんにゅう", &["転入"]),
    ("じゅうしょ", &["住所"]),
    ("しめい", &["氏名"]),
    ("なまえ", &["氏名", "名前"]),
    ("でんししょうめいしょ", &["電子証明書"]),
    ("しょうめいしょ", &["証明書"]),
    ("でんし", &["電子"]),
    ("ゆうこうきげん", &["有効期限"]),
    ("きげん", &["期限"]),
    ("きげんぎれ", &["期限切れ"]),
    ("こうしん", &["更新"]),
    ("こうきん", &["公金"]),
    ("うけとり", &["受取"]),
    ("こうざ", &["口座"]),
    ("こうきんうけとりこうざ", &["公金受取口座"]),
    ("ぎんこう", &["銀行", "金融機関"]),
    ("きんゆうきかん", &["金融機関"]),
    ("しんせい", &["申請"]),
    ("しんせいしょ", &["申請書"]),
    ("こうふ", &["交付"]),
    ("こうふしんせいしょ", &["交付申請書"]),
    ("こうふつうちしょ", &["交付通知書"]),
    ("つうちしょ", &["通知書"]),
    ("さいはっこう", &["再発行"]),
    ("はっこう", &["発行"]),
    ("しゃしん", &["写真"]),
    ("かおしゃしん", &["顔写真"]),
    ("ほんにんかくにん", &["本人確認"]),
    ("ほんにん", &["本人"]),
    ("かくにん", &["確認"]),
    ("だいりにん", &["代理人"]),
    ("だいり", &["代理"]),
    ("まどぐち", &["窓口"]),
    ("しやくしょ", &["市役所"]),
    ("ゆうそう", &["郵送"]),
    ("よやく", &["予約"]),
    ("てつづき", &["手続"]),
    ("もうしこみ", &["申込"]),
    ("とうろく", &["登録"]),
    ("りようしゃしょうめい", &["利用者証明"]),
    ("しょめい", &["署名"]),
    ("さいせってい", &["再設定"]),
    ("かいじょ", &["解除"]),
    ("ふんしつ", &["紛失"]),
    ("なくした", &["紛失"]),
    ("とうなん", &["盗難"]),
    ("ていし", &["停止"]),
    ("じゅうきかーど", &["住基カード"]),
    ("まいなんばー", &["マイナンバー"]),
    ("まいなんばーかーど", &["マイナンバーカード"]),
    ("まいなぽーたる", &["マイナポータル"]),
    ("まいなぽいんと", &["マイナポイント"]),
    ("まいなほけんしょう", &["マイナ保険証"]),
    ("かーどりーだー", &["カードリーダー"]),
    ("すまほ", &["スマートフォン"]),
    ("ろぐいん", &["ログイン"]),
    ("ろっく", &["ロック"]),
    ("こんびに", &["コンビニ"]),
    ("ぷりんたー", &["プリンター"]),
    ("かくちょうきのう", &["拡張機能"]),
    ("くじょう", &["苦情"]),
    ("じこ", &["事故"]),
];

/// The spellings a reading stands for (the reading itself is searched too): empty when it is not
/// a reading of the table's words.
pub fn spellings(reading: &str) -> Vec<&'static str> {
    if let Some((_, words)) = READINGS.iter().find(|(r, _)| *r == reading) {
        return words.to_vec();
    }
    Vec::new()
}

/// The words a reading of several words in a row stands for: cut into readings of the table
/// (the longest first, backing off when the rest cannot be cut), each replaced by its usual
/// spelling. `None` when it cannot be cut so, or is one word.
pub fn compound(reading: &str) -> Option<String> {
    let chars: Vec<char> = reading.chars().collect();
    let (words, parts) = cut(&chars)?;
    (parts > 1).then_some(words)
}

fn cut(chars: &[char]) -> Option<(String, usize)> {
    if chars.is_empty() {
        return Some((String::new(), 0));
    }
    (1..=chars.len()).rev().find_map(|n| {
        let piece: String = chars[..n].iter().collect();
        let word = READINGS.iter().find(|(r, _)| *r == piece)?.1[0];
        let (rest, parts) = cut(&chars[n..])?;
        Some((format!("{word}{rest}"), parts + 1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_give_their_words() {
        assert_eq!(spellings("ほけんしょう"), ["保険証"]);
        assert_eq!(spellings("ひっこし"), ["引越", "引っ越し"]);
        assert!(spellings("ほけんしょ").is_empty());
    }

    #[test]
    fn several_words_in_a_row_are_cut_at_the_longest_readings() {
        assert_eq!(
            compound("けんこうほけんしょう").as_deref(),
            Some("健康保険証")
        );
        assert_eq!(
            compound("あんしょうばんごうろっく").as_deref(),
            Some("暗証番号ロック")
        );
        assert_eq!(
            compound("ほけんしょう"),
            None,
            "one word is a spelling, not a compound"
        );
        assert_eq!(compound("ほけんしょうx"), None);
    }

    #[test]
    fn the_table_is_kana_and_each_reading_once() {
        let mut seen = std::collections::HashSet::new();
        for (r, words) in READINGS {
            assert!(super::super::fold::is_reading(r), "{r}");
            assert!(seen.insert(*r), "{r} twice");
            assert!(!words.is_empty());
        }
    }
}
