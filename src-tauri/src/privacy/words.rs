//! Personal data written in words: an e-mail address, a PIN or password written down next to its
//! name, and a person named with an honorific (田中様, ヤマダさん, Smith様, Mr. Smith). The
//! honorific rule knows the ordinary words that take one (お客様, 皆様, お父さん, 担当者様,
//! 市役所さん …): those are not names.

use std::sync::OnceLock;

use regex::Regex;

use super::PersonalData;

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| match Regex::new(pattern) {
        Ok(r) => r,
        // The patterns are constants exercised by the tests; a failure is a programming error.
        Err(e) => panic!("invalid built-in pattern {pattern}: {e}"),
    })
}

fn has_email(text: &str) -> bool {
    static EMAIL: OnceLock<Regex> = OnceLock::new();
    re(
        &EMAIL,
        r"[A-Za-z0-9._%+\-]+\s*@\s*[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+",
    )
    .is_match(text)
}

/// A PIN or password written after its name: four or more digits, or a token of six or more
/// letters and digits that has both.
fn has_written_pin(text: &str) -> bool {
    static PIN: OnceLock<Regex> = OnceLock::new();
    let p = re(
        &PIN,
        r"(?i)(?:暗証番号|暗証|暗唱番号|ピン番号|パスワード|パスコード|pin|password|passcode)[^A-Za-z0-9]{0,8}([A-Za-z0-9][A-Za-z0-9\- ]{3,20})",
    );
    // A number of years, times or items after the word is not a PIN (「再設定は2024年から」).
    const UNITS: &str = "年月日時分秒回件桁人円歳才枚番目号台通";
    p.captures_iter(text).any(|c| {
        let Some(m) = c.get(1) else {
            return false;
        };
        let next = text[m.end()..].trim_start().chars().next();
        if next.is_some_and(|n| UNITS.contains(n)) {
            return false;
        }
        let token: String = c[1].chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        let first: String = c[1]
            .split([' ', '-'])
            .next()
            .unwrap_or_default()
            .to_string();
        let digits = first.chars().filter(char::is_ascii_digit).count();
        let letters = first.chars().filter(char::is_ascii_alphabetic).count();
        (digits >= 4 && letters == 0)
            || (token.chars().all(|c| c.is_ascii_digit()) && token.len() >= 4)
            || (first.len() >= 6 && digits > 0 && letters > 0)
    })
}

/// Words that take an honorific and are not a person's name.
const ORDINARY: &[&str] = &[
    // People in general and by their part in the visit.
    "客",
    "皆",
    "みな",
    "みんな",
    "お客",
    "おきゃく",
    "本人",
    "ご本人",
    "家族",
    "ご家族",
    "申請者",
    "利用者",
    "来庁者",
    "相談者",
    "代理人",
    "保護者",
    "担当者",
    "担当",
    "責任者",
    "窓口",
    "係",
    "係員",
    "職員",
    "市民",
    "住民",
    "相手",
    "先方",
    "相手方",
    "外国人",
    "高齢者",
    "子",
    "お子",
    "赤ちゃん",
    "あかちゃん",
    "あなた",
    "どなた",
    "みなさま",
    "皆々",
    // Family.
    "父",
    "お父",
    "母",
    "お母",
    "おとう",
    "おかあ",
    "兄",
    "お兄",
    "姉",
    "お姉",
    "おにい",
    "おねえ",
    "弟",
    "妹",
    "息子",
    "娘",
    "孫",
    "お孫",
    "祖父",
    "祖母",
    "おじい",
    "おばあ",
    "じい",
    "ばあ",
    "奥",
    "主人",
    "ご主人",
    "旦那",
    "夫",
    "妻",
    "奥方",
    "嫁",
    "お嫁",
    "婿",
    "お婿",
    "親",
    "ご両親",
    "両親",
    "叔父",
    "叔母",
    "伯父",
    "伯母",
    "おじ",
    "おば",
    "ご夫婦",
    "夫婦",
    // Greetings and set phrases with 様 or さん.
    "苦労",
    "ご苦労",
    "疲れ",
    "お疲れ",
    "世話",
    "お世話",
    "馳走",
    "ご馳走",
    "愁傷",
    "ご愁傷",
    "おかげ",
    "お陰",
    "ごちそう",
    "おつかれ",
    "あから",
    "たく",
    "みなさ",
    "同",
    "仕",
    "模",
    "多",
    "異",
    "一",
    "各",
    "神",
    "王",
    "殿",
    "何",
    "如何",
    "人",
    "お互い",
    // Organisations and trades, addressed with さん in speech.
    "市役所",
    "区役所",
    "役所",
    "役場",
    "郵便局",
    "警察",
    "銀行",
    "病院",
    "薬局",
    "業者",
    "会社",
    "お店",
    "店",
    "医者",
    "お医者",
    "先生",
    "看護師",
    "運転手",
    "大家",
    "管理人",
    "隣",
    "お隣",
    "近所",
    "ご近所",
    "年金事務所",
    "税務署",
    "保健所",
];

/// Suffixes of words that name an organisation or a trade, not a person.
const ORGANISATION_ENDINGS: &[&str] = &[
    "役所",
    "会社",
    "病院",
    "銀行",
    "業者",
    "事務所",
    "局",
    "署",
    "センター",
];

fn is_ordinary(word: &str) -> bool {
    let bare = word.trim_start_matches(['お', 'ご', '御']);
    ORDINARY.contains(&word)
        || ORDINARY.contains(&bare)
        || ORGANISATION_ENDINGS.iter().any(|e| word.ends_with(e))
}

/// The word written right before an honorific at byte `end` of `text`: a run of one script
/// (kanji, katakana, hiragana or Latin letters), a space allowed before the honorific.
fn word_before(text: &str, end: usize) -> Option<String> {
    let head = text[..end].trim_end();
    let last = head.chars().last()?;
    let class = |c: char| -> u8 {
        match c {
            '\u{4E00}'..='\u{9FFF}' | '々' | '\u{3400}'..='\u{4DBF}' => 1,
            '\u{30A0}'..='\u{30FF}' => 2,
            '\u{3041}'..='\u{309F}' => 3,
            c if c.is_ascii_alphabetic() || c == '.' => 4,
            _ => 0,
        }
    };
    let k = class(last);
    if k == 0 {
        return None;
    }
    let word: String = {
        let mut w: Vec<char> = head
            .chars()
            .rev()
            .take_while(|c| class(*c) == k || (k == 4 && *c == ' '))
            .collect();
        w.reverse();
        w.into_iter().collect::<String>().trim().to_string()
    };
    // A kanji word with お or ご before it (お客, ご家族) is read with its prefix.
    let prefixed = {
        let start = head.len() - word.len();
        match head[..start].chars().last() {
            Some(p @ ('お' | 'ご')) if k == 1 || k == 2 => format!("{p}{word}"),
            _ => word.clone(),
        }
    };
    Some(prefixed)
}

fn has_named_person(text: &str) -> bool {
    static HONORIFIC: OnceLock<Regex> = OnceLock::new();
    static TITLE: OnceLock<Regex> = OnceLock::new();
    let honorific = re(&HONORIFIC, r"(様|さま|さん|氏|殿|くん|ちゃん|君)");
    // 様式, 様子, 氏名, 殿堂: the honorific's character starting another word.
    const NOT_HONORIFIC: &[&str] = &["様式", "様子", "様々", "様相", "様態", "氏名", "殿堂"];
    for m in honorific.find_iter(text) {
        if NOT_HONORIFIC
            .iter()
            .any(|w| text[m.start()..].starts_with(w))
        {
            continue;
        }
        let Some(word) = word_before(text, m.start()) else {
            continue;
        };
        let hiragana = word.chars().all(|c| ('\u{3041}'..='\u{309F}').contains(&c));
        // A hiragana run is part of a sentence unless it is a short word standing alone.
        let alone = {
            let start = text[..m.start()].trim_end().len() - word.len();
            text[..start]
                .chars()
                .last()
                .is_none_or(|c| !c.is_alphanumeric() || c.is_ascii_digit())
        };
        if hiragana && (!alone || word.chars().count() > 5 || word.chars().count() < 3) {
            continue;
        }
        if !is_ordinary(&word) {
            return true;
        }
    }
    re(&TITLE, r"(?i)\b(?:mr|mrs|ms|miss|mx|dr)\.?\s+[A-Z][a-z]+").is_match(text)
}

/// The first personal data written in words.
pub fn in_words(text: &str) -> Option<PersonalData> {
    if has_email(text) {
        return Some(PersonalData::Email);
    }
    if has_written_pin(text) {
        return Some(PersonalData::WrittenPin);
    }
    if has_named_person(text) {
        return Some(PersonalData::Name);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_before_an_honorific() {
        let at = |t: &str, h: &str| word_before(t, t.find(h).unwrap());
        assert_eq!(at("担当の田中様", "様").as_deref(), Some("田中"));
        assert_eq!(at("お客様", "様").as_deref(), Some("お客"));
        assert_eq!(at("ヤマダ さん", "さん").as_deref(), Some("ヤマダ"));
        assert_eq!(at("Smith様", "様").as_deref(), Some("Smith"));
        assert_eq!(at("様", "様"), None);
    }
}
