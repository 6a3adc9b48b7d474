//! Keeps personal data out of every free text the app stores (visit notes and their corrections,
//! complaints, incident reports, questions for the city and their answers, the city's comments,
//! calendar reasons): a My Number, a 申請書ID, a 住民票コード, a phone number, a postcode, an
//! e-mail address, a date that may be a birth date, a PIN written down, or a person named with an
//! honorific is refused before anything is saved. The text is read in one spelling first (NFKC,
//! one kind of hyphen and space: [`fold`]), and numbers are read as written — groups joined by
//! separators, with every window of digits tried — so a digit or a queue number beside an
//! identifier does not hide it. Owns only the check; the callers decide which fields go through it.

mod dates;
mod digits;
mod my_number;
mod normalise;
mod words;

#[cfg(test)]
mod cases;

pub use my_number::is_valid_my_number;
pub use normalise::fold;

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
    /// A 住民票コード (eleven digits).
    #[error("住民票コードと思われる11桁の数字が含まれています。記入しないでください。")]
    ResidentCode,
    /// A postcode (〒123-4567): part of an address.
    #[error("郵便番号（住所）と思われる数字が含まれています。記入しないでください。")]
    Postcode,
    /// An e-mail address.
    #[error("メールアドレスが含まれています。記入しないでください。")]
    Email,
    /// A PIN or password written down.
    #[error("暗証番号・パスワードと思われる文字が含まれています。暗証番号は記録しません。")]
    WrittenPin,
    /// A person's name with an honorific.
    #[error("個人の氏名と思われる記載（「○○様」「○○さん」など）があります。「来庁者」「申請者」などと書いてください。")]
    Name,
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

/// Checks a short free-text note. `Ok` means it may be saved.
pub fn check_note(text: &str) -> Result<(), PersonalData> {
    check_text(text, MAX_NOTE_CHARS)
}

/// Checks free text of at most `max` characters that is about a visit, a complaint, an incident
/// or a question: no identifier, no contact data, no birth date, no written PIN, no name.
pub fn check_text(text: &str, max: usize) -> Result<(), PersonalData> {
    check_identifiers(text, max)?;
    let folded = fold(text);
    if let Some(found) = words::in_words(&folded) {
        return Err(found);
    }
    if let Some(found) = digits::contact_or_date(&folded) {
        return Err(found);
    }
    if dates::has_full_date(&folded) {
        return Err(PersonalData::BirthDate);
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
    match digits::identifier(&fold(text)) {
        Some(found) => Err(found),
        None => Ok(()),
    }
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
