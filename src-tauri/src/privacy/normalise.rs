//! Folds the ways people write digits (full-width digits, full-width hyphens and spaces) into
//! ASCII, so one pattern catches 「１２３４－５６７８」 as well as "1234-5678".

/// Full-width digits to ASCII, dash-like characters to `-`, full-width space to a space.
pub fn normalise_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' | '‐' | '‑' | '–' | '—' | '−' | 'ー' => '-',
            '\u{3000}' => ' ',
            '（' => '(',
            '）' => ')',
            '／' => '/',
            '．' => '.',
            '＋' => '+',
            _ => c,
        })
        .collect()
}
