//! Dates with a year, a month and a day — possibly a birth date — in the orders people write them:
//! year first (1985年4月5日, 1985/4/5, 85.4.5, 昭和60年4月5日, S60.4.5, 昭和六十年四月五日), day or
//! month first with a four-digit year (5/4/1985, 04.05.1985), month names (5 April 1985,
//! Apr. 5, 1985), and a month and day next to 生年月日 or 誕生日. A month and a day alone (「4月5日に
//! 再来」) or a year alone (2024年度) are ordinary.

use std::sync::OnceLock;

use regex::Regex;

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| match Regex::new(pattern) {
        Ok(r) => r,
        // The patterns are constants exercised by the tests; a failure is a programming error.
        Err(e) => panic!("invalid built-in pattern {pattern}: {e}"),
    })
}

/// Kanji numerals before 年, 月 or 日 as digits: 六十年四月五日 → 60年4月5日.
fn kanji_numbers(text: &str) -> String {
    static KANJI: OnceLock<Regex> = OnceLock::new();
    re(&KANJI, r"([〇一二三四五六七八九十]+)([年月日])")
        .replace_all(text, |c: &regex::Captures| {
            let mut value = 0u32;
            let mut digit = 0u32;
            for ch in c[1].chars() {
                match ch {
                    '十' => {
                        value += digit.max(1) * 10;
                        digit = 0;
                    }
                    _ => {
                        digit = "〇一二三四五六七八九"
                            .chars()
                            .position(|k| k == ch)
                            .unwrap_or(0) as u32
                    }
                }
            }
            format!("{}{}", value + digit, &c[2])
        })
        .into_owned()
}

fn valid(month: &str, day: &str) -> bool {
    let m: u32 = month.parse().unwrap_or(0);
    let d: u32 = day.parse().unwrap_or(0);
    (1..=12).contains(&m) && (1..=31).contains(&d)
}

const MONTHS: &str = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec";

/// Whether a folded text holds a full date (or a birthday).
pub fn has_full_date(text: &str) -> bool {
    let text = kanji_numbers(text);
    static YMD: OnceLock<Regex> = OnceLock::new();
    static DMY: OnceLock<Regex> = OnceLock::new();
    static NAMED: OnceLock<Regex> = OnceLock::new();
    static BIRTHDAY: OnceLock<Regex> = OnceLock::new();
    // Year first: four digits, two digits, or an era (name or letter) with its year.
    let ymd = re(
        &YMD,
        r"(?:^|[^\d])(?:\d{4}|\d{2}|(?:明治|大正|昭和|平成|令和|[MTSHRmtshr])\s*(?:\d{1,2}|元))\s*[年/\-.]\s*(\d{1,2})\s*[月/\-.]\s*(\d{1,2})(?:[^\d]|$)",
    );
    if ymd.captures_iter(&text).any(|c| valid(&c[1], &c[2])) {
        return true;
    }
    // Day or month first, with a four-digit year last.
    let dmy = re(
        &DMY,
        r"(?:^|[^\d])(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(?:19|20)\d{2}(?:[^\d]|$)",
    );
    if dmy
        .captures_iter(&text)
        .any(|c| valid(&c[1], &c[2]) || valid(&c[2], &c[1]))
    {
        return true;
    }
    let named = re(
        &NAMED,
        &format!(
            r"(?i)(?:\d{{1,2}}\s*[\-.]?\s*(?:{MONTHS})[a-z]*\.?\s*[\-.,]?\s*(?:\d{{4}}|'?\d{{2}}))|(?:(?:{MONTHS})[a-z]*\.?\s*\d{{1,2}}(?:st|nd|rd|th)?\s*,?\s*\d{{4}})"
        ),
    );
    if named.is_match(&text) {
        return true;
    }
    // A birthday needs no year.
    let birthday = re(
        &BIRTHDAY,
        r"(?:生年月日|誕生日|生まれ|birth)[^\d]{0,6}(\d{1,2})\s*[月/\-.]\s*(\d{1,2})",
    );
    birthday.captures_iter(&text).any(|c| valid(&c[1], &c[2]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kanji_numerals_become_digits_before_dates() {
        assert_eq!(kanji_numbers("昭和六十年四月五日"), "昭和60年4月5日");
        assert_eq!(
            kanji_numbers("平成二十三年十二月三十一日"),
            "平成23年12月31日"
        );
        assert_eq!(kanji_numbers("一人で来庁"), "一人で来庁");
    }
}
