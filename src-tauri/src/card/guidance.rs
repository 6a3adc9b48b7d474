//! What the operator reads about the card in the reader: plain Japanese advice, worst first, with
//! the manual topic that says what to do next. A pure function of [`CardStatus`].

use serde::Serialize;

use super::{CardKind, CardStatus, PinKind};
use crate::calendar::wareki;

/// How serious one line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Fine.
    Ok,
    /// Proceed with care.
    Warn,
    /// Do not start a procedure that needs this.
    Stop,
}

/// One line of advice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Advice {
    /// How serious.
    pub level: Level,
    /// The text, in Japanese.
    pub text: String,
    /// Words to find the manual entry with (knowledge base search), if one applies.
    pub manual: Option<&'static str>,
}

fn line(level: Level, text: String, manual: Option<&'static str>) -> Advice {
    Advice {
        level,
        text,
        manual,
    }
}

/// One PIN's line.
fn pin_advice(kind: PinKind, left: u8) -> Advice {
    let name = match kind {
        PinKind::Auth => "利用者証明用暗証番号",
        PinKind::Sign => "署名用暗証番号",
        PinKind::InputSupport => "券面事項入力補助用暗証番号",
    };
    let max = kind.max_tries();
    match left {
        0 => line(
            Level::Stop,
            format!("{name}：ロックされています。入力しないでください。市の窓口で暗証番号の再設定が必要です"),
            Some("暗証番号 ロック"),
        ),
        1 => line(
            Level::Warn,
            format!("{name}：あと1回でロックされます。入力前にご本人に確認してください"),
            Some("暗証番号 ロック"),
        ),
        n if n < max => line(
            Level::Warn,
            format!("{name}：あと{n}回入力できます（{}回間違えています）", max - n),
            Some("暗証番号 ロック"),
        ),
        n => line(Level::Ok, format!("{name}：{n}回入力できます"), None),
    }
}

/// The advice for a card, worst first (lines of equal level keep the order PIN, certificate).
pub fn advise(status: &CardStatus) -> Vec<Advice> {
    let mut out = match status.kind {
        CardKind::None => Vec::new(),
        CardKind::Other => vec![line(
            Level::Stop,
            "マイナンバーカードではありません。カードの種類と向きをご確認ください".into(),
            None,
        )],
        CardKind::Juki => vec![line(
            Level::Stop,
            "住民基本台帳カードです。マイナポータルでは使えません。マイナンバーカードの申請をご案内ください".into(),
            Some("交付申請"),
        )],
        CardKind::MyNumber => {
            let mut v: Vec<Advice> = status.pins().into_iter().map(|(k, n)| pin_advice(k, n)).collect();
            if let Some(c) = &status.auth_cert {
                let date = wareki::long(c.not_after);
                v.push(if c.expired {
                    line(
                        Level::Stop,
                        format!("電子証明書の有効期限が切れています（{date}）。市の窓口で更新が必要です"),
                        Some("電子証明書 有効期限"),
                    )
                } else if c.renewal_window {
                    line(
                        Level::Warn,
                        format!("電子証明書の有効期限が近づいています（{date}まで、あと{}日）。更新の手続きができます", c.days_left),
                        Some("電子証明書 有効期限"),
                    )
                } else {
                    line(Level::Ok, format!("電子証明書：{date}まで有効です"), None)
                });
            }
            v
        }
    };
    out.sort_by_key(|a| std::cmp::Reverse(a.level));
    out
}

/// The one-line answer: can the citizen do the Mynaportal procedures (login with the auth PIN and
/// certificate: 健康保険証利用申込, 公金受取口座登録, マイナポイント) now?
pub fn portal_verdict(status: &CardStatus) -> (Level, &'static str) {
    match status.kind {
        CardKind::None => (Level::Ok, ""),
        CardKind::Other | CardKind::Juki => (Level::Stop, "マイナポータルの手続きはできません"),
        CardKind::MyNumber => {
            let auth = status.auth_pin_tries.unwrap_or(0);
            let expired = status.auth_cert.as_ref().is_none_or(|c| c.expired);
            if auth == 0 || expired {
                (
                    Level::Stop,
                    "マイナポータルの手続きはできません（先に窓口での手続きが必要です）",
                )
            } else if auth == 1 {
                (
                    Level::Warn,
                    "マイナポータルの手続きはできますが、暗証番号に注意が必要です",
                )
            } else {
                (Level::Ok, "マイナポータルの手続きができます")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::CertValidity;
    use chrono::NaiveDate;

    fn card(auth: u8, sign: u8, input: u8, expired: bool, window: bool) -> CardStatus {
        CardStatus {
            kind: CardKind::MyNumber,
            auth_pin_tries: Some(auth),
            sign_pin_tries: Some(sign),
            input_support_pin_tries: Some(input),
            auth_cert: Some(CertValidity {
                not_after: NaiveDate::from_ymd_opt(2023, 8, 1).unwrap(),
                days_left: if expired { -10 } else { 20 },
                expired,
                renewal_window: window,
            }),
        }
    }

    #[test]
    fn one_try_left_and_expired_certificate_read_as_the_issue_says() {
        let a = advise(&card(1, 5, 3, true, false));
        assert_eq!(a[0].level, Level::Stop);
        assert_eq!(
            a[0].text,
            "電子証明書の有効期限が切れています（令和5年8月1日）。市の窓口で更新が必要です"
        );
        assert_eq!(
            a[1].text,
            "利用者証明用暗証番号：あと1回でロックされます。入力前にご本人に確認してください"
        );
        assert_eq!(portal_verdict(&card(1, 5, 3, true, false)).0, Level::Stop);
    }

    #[test]
    fn locked_pin_stops_and_full_counters_pass() {
        let a = advise(&card(0, 5, 3, false, false));
        assert_eq!(a[0].level, Level::Stop);
        assert!(a[0]
            .text
            .starts_with("利用者証明用暗証番号：ロックされています"));
        assert_eq!(portal_verdict(&card(0, 5, 3, false, false)).0, Level::Stop);
        let a = advise(&card(3, 5, 3, false, false));
        assert!(a.iter().all(|l| l.level == Level::Ok), "{a:?}");
        assert_eq!(portal_verdict(&card(3, 5, 3, false, false)).0, Level::Ok);
        let a = advise(&card(3, 3, 3, false, true));
        assert_eq!(
            a[0].text,
            "署名用暗証番号：あと3回入力できます（2回間違えています）"
        );
        assert!(a[1].text.contains("あと20日"));
    }

    #[test]
    fn other_cards() {
        assert!(advise(&CardStatus::of_kind(CardKind::Juki))[0]
            .text
            .starts_with("住民基本台帳カード"));
        assert_eq!(
            portal_verdict(&CardStatus::of_kind(CardKind::Other)).0,
            Level::Stop
        );
        assert!(advise(&CardStatus::of_kind(CardKind::None)).is_empty());
    }
}
