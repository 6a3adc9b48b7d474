//! Numbers written in a text: groups of digits joined by separators ("090-1234-5678" is one
//! number of three groups), and the identifiers that hide in them — a My Number (its check digit,
//! found in any twelve-digit window, so a queue number written beside it does not hide it), a
//! 23-digit 申請書ID, an 11-digit 住民票コード, a phone number (whatever groups or digits stand
//! beside it), a postcode, and a date written as eight digits.

use super::normalise::is_separator;
use super::{is_valid_my_number, PersonalData};

/// One written number: its digit groups, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    /// The digit groups.
    pub groups: Vec<String>,
    /// Written with a leading `+` (an international phone number).
    pub plus: bool,
    /// Right after a 〒.
    pub postal_mark: bool,
}

impl Number {
    /// All its digits.
    pub fn digits(&self) -> String {
        self.groups.concat()
    }
}

/// The written numbers of a folded text. Groups belong to one number when only separators stand
/// between them (at most two in a row: "03 - 1234"); anything else ends the number.
pub fn numbers(text: &str) -> Vec<Number> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let before = |k: usize| {
            chars[..k]
                .iter()
                .rev()
                .find(|c| **c != ' ' && **c != '(')
                .copied()
        };
        let mut n = Number {
            groups: Vec::new(),
            plus: before(i) == Some('+'),
            postal_mark: before(i) == Some('〒'),
        };
        loop {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            n.groups.push(chars[start..i].iter().collect());
            let mut j = i;
            while j < chars.len() && j - i < 3 && is_separator(chars[j]) {
                j += 1;
            }
            if j > i && j < chars.len() && chars[j].is_ascii_digit() {
                i = j;
            } else {
                break;
            }
        }
        out.push(n);
    }
    out
}

/// Whether some window of `width` digits in `digits` satisfies `f`.
fn any_window(digits: &str, width: usize, f: impl Fn(&str) -> bool) -> bool {
    digits.len() >= width && (0..=digits.len() - width).any(|i| f(&digits[i..i + width]))
}

/// The digits that join whole groups `from..to` of a number.
fn joined(n: &Number, from: usize, to: usize) -> String {
    n.groups[from..to].concat()
}

/// Each run of whole groups of the number, joined (every sub-sequence of consecutive groups).
fn group_runs(n: &Number) -> impl Iterator<Item = String> + '_ {
    let k = n.groups.len();
    (0..k).flat_map(move |a| (a + 1..=k).map(move |b| joined(n, a, b)))
}

/// A number that dials as a Japanese phone number: ten or eleven digits from a leading 0 (not
/// 00), or `+81` then the national number without its 0.
fn is_phone(digits: &str, plus: bool) -> bool {
    if plus {
        return digits.starts_with("81") && (11..=12).contains(&digits.len());
    }
    digits.starts_with('0') && !digits.starts_with("00") && (10..=11).contains(&digits.len())
}

/// An eight-digit date from 1900 on (19850405).
fn is_compact_date(digits: &str) -> bool {
    digits.len() == 8
        && (digits.starts_with("19") || digits.starts_with("20"))
        && chrono::NaiveDate::parse_from_str(digits, "%Y%m%d").is_ok()
}

/// The first identifier found in the numbers of a folded text, most specific first.
pub fn identifier(text: &str) -> Option<PersonalData> {
    let numbers = numbers(text);
    for n in &numbers {
        let all = n.digits();
        // A 申請書ID is 23 digits; any longer run of digits hides one (or something like it).
        if all.len() >= 23 {
            return Some(PersonalData::ApplicationId);
        }
        if all.len() >= 12 && any_window(&all, 12, is_valid_my_number) {
            return Some(PersonalData::MyNumber);
        }
    }
    None
}

/// The first piece of contact or birth data found in the numbers of a folded text.
pub fn contact_or_date(text: &str) -> Option<PersonalData> {
    for n in numbers(text) {
        let all = n.digits();
        // Eleven digits not dialled from 0: a 住民票コード (not a phone number inside it).
        if all.len() == 11 && !all.starts_with('0') && !n.plus {
            return Some(PersonalData::ResidentCode);
        }
        if group_runs(&n).any(|run| is_phone(&run, n.plus))
            || any_window(&all, 11, |w| is_phone(w, false))
            || any_window(&all, 10, |w| is_phone(w, false))
        {
            return Some(PersonalData::PhoneNumber);
        }
        if all.len() == 11 || n.groups.iter().any(|g| g.len() == 11) {
            return Some(PersonalData::ResidentCode);
        }
        let postcode_groups = n
            .groups
            .windows(2)
            .any(|w| w[0].len() == 3 && w[1].len() == 4);
        if postcode_groups || (n.postal_mark && all.len() == 7) {
            return Some(PersonalData::Postcode);
        }
        if group_runs(&n).any(|r| is_compact_date(&r)) || any_window(&all, 8, is_compact_date) {
            return Some(PersonalData::BirthDate);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_join_across_separators_only() {
        let n = numbers("連絡先 090-1234-5678、受付3番");
        assert_eq!(n[0].groups, ["090", "1234", "5678"]);
        assert_eq!(n[1].groups, ["3"]);
        assert!(numbers("+81 90 1234 5678")[0].plus);
        assert!(numbers("〒100-0001")[0].postal_mark);
        assert_eq!(
            numbers("10:00から")[0].groups,
            ["10"],
            "a colon ends a number"
        );
    }
}
