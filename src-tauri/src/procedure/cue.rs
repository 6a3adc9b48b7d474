//! What the citizen does at a step of a guide, for the citizen display: a fixed vocabulary of
//! cues ("place your card on the reader", "enter your 4-digit PIN on the keypad", …), each
//! translated once in every language file (`ui/i18n/*.js`, keys `step.<code>`).
//!
//! A step of a procedure document names its cue with a marker at its end, in words the city
//! reads when it approves the text: `… 〔来庁者画面：暗証番号〕`. So the city decides which
//! sentence the citizen sees at each step, and the translations stay a short list a native reader
//! can review, whatever the city writes in its steps. A marker naming no cue stays in the step's
//! text (the operator sees it and the city can correct it) and shows nothing.

use serde::Serialize;

/// What the citizen does now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cue {
    /// Hand the 交付申請書 to the staff.
    Form,
    /// Answer the staff's questions.
    Question,
    /// Listen: the staff explains.
    Listen,
    /// Place the card on the reader.
    Card,
    /// Enter the 4-digit PIN on the keypad.
    Pin,
    /// Enter name and e-mail address.
    Details,
    /// Check the e-mail on one's phone.
    Email,
    /// The photo is next.
    Photo,
    /// Follow the screen.
    Screen,
    /// Enter the bank account oneself.
    Account,
    /// Check what the screen says.
    Confirm,
    /// Take the slip home.
    Slip,
    /// Wait a moment.
    Wait,
}

impl Cue {
    /// Every cue.
    pub const ALL: [Cue; 13] = [
        Cue::Form,
        Cue::Question,
        Cue::Listen,
        Cue::Card,
        Cue::Pin,
        Cue::Details,
        Cue::Email,
        Cue::Photo,
        Cue::Screen,
        Cue::Account,
        Cue::Confirm,
        Cue::Slip,
        Cue::Wait,
    ];

    /// The code (the language files' `step.<code>`, the command's argument).
    pub fn code(self) -> &'static str {
        match self {
            Cue::Form => "form",
            Cue::Question => "question",
            Cue::Listen => "listen",
            Cue::Card => "card",
            Cue::Pin => "pin",
            Cue::Details => "details",
            Cue::Email => "email",
            Cue::Photo => "photo",
            Cue::Screen => "screen",
            Cue::Account => "account",
            Cue::Confirm => "confirm",
            Cue::Slip => "slip",
            Cue::Wait => "wait",
        }
    }

    /// The word a procedure document's marker names it by.
    pub fn label(self) -> &'static str {
        match self {
            Cue::Form => "申請書",
            Cue::Question => "質問",
            Cue::Listen => "説明",
            Cue::Card => "カード",
            Cue::Pin => "暗証番号",
            Cue::Details => "氏名とメール",
            Cue::Email => "メール",
            Cue::Photo => "写真",
            Cue::Screen => "画面",
            Cue::Account => "口座",
            Cue::Confirm => "確認",
            Cue::Slip => "案内票",
            Cue::Wait => "待機",
        }
    }

    /// From its code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    /// From a marker's word (spaces and width do not matter).
    pub fn from_label(label: &str) -> Option<Self> {
        let want: String = label.chars().filter(|c| !c.is_whitespace()).collect();
        Self::ALL.into_iter().find(|c| c.label() == want)
    }
}

/// The marker's opening word: `〔来庁者画面：…〕`.
pub const MARKER: &str = "来庁者画面";

/// A step's text without its marker, and the cue the marker names. The marker is the last thing
/// on the line, in any of the brackets a Japanese text uses (〔〕［］【】[] ()（）) with a
/// full- or half-width colon; a marker naming no cue is left in the text.
pub fn split(step: &str) -> (String, Option<Cue>) {
    let line = step.trim_end();
    let Some(close) = line.chars().last() else {
        return (String::new(), None);
    };
    let open = match close {
        '〕' => '〔',
        '］' => '［',
        '】' => '【',
        ']' => '[',
        '）' => '（',
        ')' => '(',
        _ => return (line.to_string(), None),
    };
    let inner_end = line.len() - close.len_utf8();
    let Some(start) = line[..inner_end].rfind(open) else {
        return (line.to_string(), None);
    };
    let inner = line[start + open.len_utf8()..inner_end].trim();
    let Some(word) = inner
        .strip_prefix(MARKER)
        .map(str::trim_start)
        .and_then(|r| r.strip_prefix(['：', ':']))
    else {
        return (line.to_string(), None);
    };
    match Cue::from_label(word) {
        Some(cue) => (line[..start].trim_end().to_string(), Some(cue)),
        None => (line.to_string(), None),
    }
}

/// The marker for a cue, as the starter texts write it.
pub fn marker(cue: Cue) -> String {
    format!("〔{MARKER}：{}〕", cue.label())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_at_the_end_names_the_cue_and_leaves_the_text() {
        for cue in Cue::ALL {
            let step = format!("カードを読み取っていただく {}", marker(cue));
            assert_eq!(
                split(&step),
                ("カードを読み取っていただく".to_string(), Some(cue)),
                "{step}"
            );
            assert_eq!(Cue::from_code(cue.code()), Some(cue));
        }
    }

    #[test]
    fn brackets_colons_and_spaces_as_people_type_them() {
        for step in [
            "暗証番号を入力していただく〔来庁者画面：暗証番号〕",
            "暗証番号を入力していただく ［来庁者画面:暗証番号］",
            "暗証番号を入力していただく【来庁者画面 ： 暗証番号 】",
            "暗証番号を入力していただく [来庁者画面: 暗証番号]",
            "暗証番号を入力していただく（来庁者画面：暗証番号）  ",
            "暗証番号を入力していただく(来庁者画面:暗証 番号)",
        ] {
            assert_eq!(
                split(step),
                ("暗証番号を入力していただく".to_string(), Some(Cue::Pin)),
                "{step}"
            );
        }
    }

    #[test]
    fn no_marker_or_another_bracket_leaves_the_step_as_it_is() {
        for step in [
            "申込み完了の画面を確認する",
            "再設定は担当窓口で行うことを説明する（この窓口では行いません）",
            "持ち物（マイナンバーカード）を案内票でお渡しする",
            "読み取る〔来庁者画面：〕",
            "読み取る〔来庁者画面：魔法〕",
            "〔来庁者画面：カード〕の後に文がある",
            "",
            "）",
        ] {
            assert_eq!(split(step), (step.trim_end().to_string(), None), "{step}");
        }
    }

    #[test]
    fn only_the_last_bracket_counts() {
        assert_eq!(
            split("カード（マイナンバーカード）を置いていただく〔来庁者画面：カード〕"),
            (
                "カード（マイナンバーカード）を置いていただく".to_string(),
                Some(Cue::Card)
            )
        );
    }
}
