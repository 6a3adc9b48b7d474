//! Keeps personal data out of free text (visit notes, later complaint summaries and escalations):
//! a My Number, a 申請書ID, a phone number or a full date that may be a birth date is refused
//! before anything is saved. Owns only the check; callers decide which fields go through it.

mod my_number;
mod normalise;

pub use my_number::is_valid_my_number;
pub use normalise::normalise_digits;

use regex::Regex;
use std::sync::OnceLock;

/// Longest free-text note the counter keeps. Notes are meant to be short; a long text is where
/// personal data hides.
pub const MAX_NOTE_CHARS: usize = 200;

/// Why a text was refused. The message is shown to the operator as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PersonalData {
    /// Twelve digits that pass the My Number check digit.
    #[error("個人番号（マイナンバー）と思われる数字が含まれています。記入しないでください。")]
    MyNumber,
    /// Twenty-three digits: a 交付申請書ID.
    #[error("申請書IDと思われる23桁の数字が含まれています。記入しないでください。")]
    ApplicationId,
    /// A Japanese phone number.
    #[error("電話番号と思われる数字が含まれています。記入しないでください。")]
    PhoneNumber,
    /// A date with year, month and day, which may be a birth date.
    #[error("生年月日と思われる日付（年月日）が含まれています。記入しないでください。")]
    BirthDate,
    /// Too long to be a short note.
    #[error("{max}文字以内で入力してください（現在{len}文字）。")]
    TooLong {
        /// The limit.
        max: usize,
        /// The length given.
        len: usize,
    },
}

impl PersonalData {
    /// The stable code: one for every kind of personal data (the message says which).
    pub fn code(&self) -> &'static str {
        match self {
            Self::TooLong { .. } => "too_long",
            _ => "personal_data",
        }
    }
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| match Regex::new(pattern) {
        Ok(r) => r,
        // The patterns are constants tested below; a failure here is a programming error.
        Err(e) => panic!("invalid built-in pattern {pattern}: {e}"),
    })
}

/// Runs of digits, as written: digits separated only by spaces, hyphens or parentheses belong to
/// one run ("1234 5678 9012", "(03)1234-5678"). A leading "+" is kept so "+81" can be read.
fn digit_runs(text: &str) -> Vec<String> {
    static RUN: OnceLock<Regex> = OnceLock::new();
    re(&RUN, r"\+?\(?\d(?:[\d \-()]*\d)?")
        .find_iter(text)
        .map(|m| {
            m.as_str()
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect()
        })
        .collect()
}

/// A run that dials as a Japanese number: ten or eleven digits from a leading 0 (or +81).
fn is_phone_number(run: &str) -> bool {
    let national = match run.strip_prefix("+81") {
        Some(rest) => format!("0{rest}"),
        None => run.trim_start_matches('+').to_string(),
    };
    national.starts_with('0') && !national.starts_with("00") && (10..=11).contains(&national.len())
}

/// An eight-digit run that reads as a date from 1900 on (19850405).
fn is_compact_date(run: &str) -> bool {
    run.len() == 8
        && (run.starts_with("19") || run.starts_with("20"))
        && chrono::NaiveDate::parse_from_str(run, "%Y%m%d").is_ok()
}

fn has_written_date(text: &str) -> bool {
    static DATES: OnceLock<Regex> = OnceLock::new();
    let p = re(
        &DATES,
        concat!(
            // 1985年4月5日, 1985/4/5, 1985-04-05, 1985.4.5
            r"(?:\d{4}\s*[年/\-.]\s*\d{1,2}\s*[月/\-.]\s*\d{1,2})",
            // 昭和60年4月5日, 平成元年1月8日, S60.4.5, H2/3/4, R5-1-1
            r"|(?:(?:明治|大正|昭和|平成|令和|[MTSHRmtshr])\s*(?:\d{1,2}|元)\s*[年/\-.]\s*\d{1,2}\s*[月/\-.]\s*\d{1,2})",
        ),
    );
    p.is_match(text)
}

/// Checks a short free-text note. `Ok` means it may be saved.
pub fn check_note(text: &str) -> Result<(), PersonalData> {
    check_text(text, MAX_NOTE_CHARS)
}

/// Checks free text of at most `max` characters (complaint summaries, incident reports).
pub fn check_text(text: &str, max: usize) -> Result<(), PersonalData> {
    check_identifiers(text, max)?;
    let text = normalise_digits(text);
    let runs = digit_runs(&text);
    if has_written_date(&text) || runs.iter().any(|r| is_compact_date(r)) {
        return Err(PersonalData::BirthDate);
    }
    if runs.iter().any(|r| is_phone_number(r)) {
        return Err(PersonalData::PhoneNumber);
    }
    Ok(())
}

/// Checks text written *about procedures* (the manual and FAQ): it may hold dates and public
/// phone numbers (a call centre), but never a My Number or a 申請書ID.
pub fn check_identifiers(text: &str, max: usize) -> Result<(), PersonalData> {
    let len = text.chars().count();
    if len > max {
        return Err(PersonalData::TooLong { max, len });
    }
    let runs = digit_runs(&normalise_digits(text));
    if runs.iter().any(|r| r.trim_start_matches('+').len() == 23) {
        return Err(PersonalData::ApplicationId);
    }
    if runs.iter().any(|r| r.len() == 12 && is_valid_my_number(r)) {
        return Err(PersonalData::MyNumber);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_notes_pass() {
        for note in [
            "",
            "暗証番号ロックのため後日来庁",
            "申請書なし、再発行を案内",
            "4月5日に再来予定",
            "15時に再来",
            "待ち3人",
            "電子証明書 2件",
            "午後2時から30分",
        ] {
            assert_eq!(check_note(note), Ok(()), "ordinary note refused: {note}");
        }
    }

    #[test]
    fn my_number_is_refused_in_any_spelling() {
        // 12345678901 + check digit 8 is a valid number under the check-digit rule.
        for note in [
            "123456789018",
            "番号 1234 5678 9018 を確認",
            "１２３４５６７８９０１８",
            "1234-5678-9018",
        ] {
            assert_eq!(check_note(note), Err(PersonalData::MyNumber), "{note}");
        }
        // Twelve digits with a wrong check digit are not a My Number.
        assert_eq!(check_note("123456789012"), Ok(()));
    }

    #[test]
    fn application_id_phone_and_birth_date_are_refused() {
        assert_eq!(
            check_note("ID 1234 5678 9012 3456 7890 123"),
            Err(PersonalData::ApplicationId)
        );
        for phone in [
            "090-1234-5678",
            "03-1234-5678",
            "連絡先09012345678",
            "0120-123-456",
            "+81 90 1234 5678",
            "(03)1234-5678",
        ] {
            assert_eq!(check_note(phone), Err(PersonalData::PhoneNumber), "{phone}");
        }
        for date in [
            "1985年4月5日生まれ",
            "1985/4/5",
            "昭和60年4月5日",
            "平成元年1月8日",
            "S60.4.5",
            "19850405",
            "１９８５－０４－０５",
        ] {
            assert_eq!(check_note(date), Err(PersonalData::BirthDate), "{date}");
        }
    }

    #[test]
    fn long_notes_are_refused() {
        let long = "あ".repeat(MAX_NOTE_CHARS + 1);
        assert!(matches!(
            check_note(&long),
            Err(PersonalData::TooLong { .. })
        ));
    }
}
