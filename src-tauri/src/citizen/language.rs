//! The citizen display's languages: Japanese, やさしい日本語 (plain Japanese for foreign residents)
//! and the languages of the largest foreign-resident groups (出入国在留管理庁 statistics: Chinese,
//! Vietnamese, Korean, Filipino, Nepali, Portuguese (Brazil), and English and Spanish as the
//! common second languages). Each has a file `ui/i18n/<code>.js`; the order here is the
//! operator's picker and the welcome screen's cycle.

use serde::Serialize;

/// One language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Language {
    /// The code (BCP 47; `ja-x-easy` for やさしい日本語).
    pub code: &'static str,
    /// Its name in Japanese, for the operator.
    pub name_ja: &'static str,
    /// Its own name, for the citizen.
    pub native: &'static str,
}

const fn lang(code: &'static str, name_ja: &'static str, native: &'static str) -> Language {
    Language {
        code,
        name_ja,
        native,
    }
}

/// Every language, Japanese first.
pub const LANGUAGES: [Language; 10] = [
    lang("ja", "日本語", "日本語"),
    lang("ja-x-easy", "やさしい日本語", "やさしい にほんご"),
    lang("en", "英語", "English"),
    lang("zh", "中国語", "中文"),
    lang("ko", "韓国語", "한국어"),
    lang("vi", "ベトナム語", "Tiếng Việt"),
    lang("pt", "ポルトガル語", "Português"),
    lang("es", "スペイン語", "Español"),
    lang("fil", "フィリピノ語", "Filipino"),
    lang("ne", "ネパール語", "नेपाली"),
];

/// The language with `code`.
pub fn by_code(code: &str) -> Option<Language> {
    LANGUAGES.into_iter().find(|l| l.code == code)
}

/// The default: Japanese.
pub const DEFAULT: &str = "ja";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::citizen::CardResult;
    use crate::procedure::guide::Guide;
    use std::collections::BTreeSet;

    /// The keys of a language file (`'key': …` or `key: …` at the start of a line).
    fn keys(code: &str) -> BTreeSet<String> {
        let path = format!("{}/../ui/i18n/{code}.js", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        text.lines()
            .filter_map(|l| {
                let l = l.trim_start();
                let key = if let Some(rest) = l.strip_prefix('\'') {
                    rest.split_once("':")?.0
                } else {
                    let (k, _) = l.split_once(':')?;
                    if k.is_empty() || !k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                        return None;
                    }
                    k
                };
                Some(key.to_string())
            })
            .filter(|k| k != "_about")
            .collect()
    }

    #[test]
    fn every_language_has_a_file_with_every_text() {
        let ja = keys("ja");
        let mut needed: Vec<String> = Guide::ALL
            .iter()
            .map(|g| format!("guide.{}", g.code()))
            .collect();
        for r in [
            CardResult::Ok,
            CardResult::PinLocked,
            CardResult::PinOneLeft,
            CardResult::CertExpired,
            CardResult::CertRenewal,
            CardResult::Juki,
            CardResult::Other,
        ] {
            needed.push(format!(
                "card.{}",
                serde_json::to_value(r).unwrap().as_str().unwrap()
            ));
        }
        for cue in crate::procedure::cue::Cue::ALL {
            needed.push(format!("step.{}", cue.code()));
        }
        for id in [
            "nobody", "others", "closer", "back", "centre", "straight", "light", "ready",
        ] {
            needed.push(format!("photo.{id}"));
        }
        for k in [
            "welcome.title",
            "serving.title",
            "serving.body",
            "countdown.body",
            "captured",
            "confirm.title",
            "confirm.body",
            "accepted.title",
            "accepted.body",
            "thanks.title",
            "thanks.body",
        ] {
            needed.push(k.to_string());
        }
        for k in &needed {
            assert!(ja.contains(k), "ja.js lacks {k}");
        }
        for l in LANGUAGES {
            assert_eq!(keys(l.code), ja, "{} has other keys than ja.js", l.code);
        }
    }

    #[test]
    fn the_camera_guidance_ids_are_the_ones_the_files_translate() {
        // Every instruction the camera can give has a text (the list in the test above).
        let ids = crate::photo::guidance::ALL_IDS;
        let ja = keys("ja");
        for id in ids {
            assert!(ja.contains(&format!("photo.{id}")), "photo.{id}");
        }
    }
}
