//! The counter's procedures as guides (仕様書 §6(1)イ, §6(2)): which exist, what finishing one
//! ticks in the visit, why one cannot be finished, and which the card in the reader allows today.
//!
//! A guide's step texts are knowledge-base documents of kind `procedure` tagged `guide:<code>`,
//! approved by the city like the manual ([`steps_of`] reads them); this module holds the rules.
//! Nothing read from the card is kept: [`availability`] is a pure function of the status the
//! reader panel holds while the card is in.

use serde::Serialize;

use super::cue::{self, Cue};
use crate::card::{CardKind, CardStatus};

/// One guided procedure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Guide {
    /// 交付申請, the citizen brought the 交付申請書.
    ApplicationForm,
    /// 交付申請 without the form: the city re-issues it.
    ApplicationNoForm,
    /// 健康保険証利用申込 (Mynaportal login).
    HealthInsurance,
    /// 公金受取口座登録 (Mynaportal login).
    PublicFundAccount,
    /// 暗証番号: locked or forgotten.
    Pin,
    /// 電子証明書: expired or in its renewal window.
    Certificate,
    /// マイナポイント: inquiries only (the programme has ended).
    Mynapoint,
}

impl Guide {
    /// Every guide, in the order the visit panel lists them (its keys 1–7).
    pub const ALL: [Guide; 7] = [
        Guide::ApplicationForm,
        Guide::ApplicationNoForm,
        Guide::HealthInsurance,
        Guide::PublicFundAccount,
        Guide::Pin,
        Guide::Certificate,
        Guide::Mynapoint,
    ];

    /// The stable code (the knowledge base's `guide:<code>` tag, the commands' argument).
    pub fn code(self) -> &'static str {
        match self {
            Guide::ApplicationForm => "application_form",
            Guide::ApplicationNoForm => "application_no_form",
            Guide::HealthInsurance => "health_insurance",
            Guide::PublicFundAccount => "public_fund_account",
            Guide::Pin => "pin",
            Guide::Certificate => "certificate",
            Guide::Mynapoint => "mynapoint",
        }
    }

    /// From its code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.code() == code)
    }

    /// Its name in the visit panel.
    pub fn title(self) -> &'static str {
        match self {
            Guide::ApplicationForm => "交付申請（申請書あり）",
            Guide::ApplicationNoForm => "交付申請（申請書なし）",
            Guide::HealthInsurance => "健康保険証利用申込",
            Guide::PublicFundAccount => "公金受取口座登録",
            Guide::Pin => "暗証番号（ロック・忘れた）",
            Guide::Certificate => "電子証明書（期限切れ・更新）",
            Guide::Mynapoint => "マイナポイント（お問い合わせ）",
        }
    }

    /// The visit's services finishing (or trying) it ticks.
    pub fn services(self) -> &'static [&'static str] {
        match self {
            Guide::ApplicationForm | Guide::ApplicationNoForm => &["application"],
            Guide::HealthInsurance => &["health_insurance"],
            Guide::PublicFundAccount => &["public_fund_account"],
            Guide::Pin => &["pin"],
            Guide::Certificate => &["certificate"],
            Guide::Mynapoint => &["mynapoint"],
        }
    }

    /// What it says about the 交付申請書 (the visit's 持参あり・なし).
    pub fn form_brought(self) -> Option<bool> {
        match self {
            Guide::ApplicationForm => Some(true),
            Guide::ApplicationNoForm => Some(false),
            _ => None,
        }
    }

    /// Why it may end unfinished: the visit's not-completed reasons, most likely first.
    pub fn stop_reasons(self) -> &'static [&'static str] {
        match self {
            Guide::ApplicationForm => &[
                "form_missing",
                "documents_missing",
                "system_trouble",
                "citizen_left",
                "other",
            ],
            Guide::ApplicationNoForm => &["form_missing", "citizen_left", "other"],
            Guide::HealthInsurance | Guide::PublicFundAccount => &[
                "pin_locked",
                "cert_expired",
                "documents_missing",
                "system_trouble",
                "citizen_left",
                "other",
            ],
            Guide::Pin => &["pin_locked", "citizen_left", "other"],
            Guide::Certificate => &["cert_expired", "citizen_left", "other"],
            Guide::Mynapoint => &["citizen_left", "other"],
        }
    }

    /// Needs a Mynaportal login: the 利用者証明用 PIN and a valid certificate.
    fn needs_portal_login(self) -> bool {
        matches!(self, Guide::HealthInsurance | Guide::PublicFundAccount)
    }

    /// Needs a My Number card at all.
    fn needs_card(self) -> bool {
        matches!(
            self,
            Guide::HealthInsurance | Guide::PublicFundAccount | Guide::Pin | Guide::Certificate
        )
    }
}

/// Whether a guide can be done today with the card in the reader, and why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Availability {
    /// The guide.
    pub guide: Guide,
    /// It can be started.
    pub open: bool,
    /// Why not (or a warning), in Japanese for the operator.
    pub why: Option<&'static str>,
    /// The not-completed reason when the citizen came for it and it cannot be done.
    pub reason: Option<&'static str>,
    /// The card points to it (a locked PIN to the PIN guide, a juki card to the application).
    pub suggested: bool,
}

/// Said when the 利用者証明用 PIN is locked.
pub const AUTH_PIN_LOCKED: &str = "利用者証明用暗証番号がロックされているため、マイナポータルにログインできません。本日この手続きはできません。暗証番号の再設定は市役所の担当窓口（市の業務）で行います。";
/// Said when the auth certificate has expired.
pub const CERT_EXPIRED: &str = "電子証明書の有効期限が切れているため、マイナポータルにログインできません。本日この手続きはできません。電子証明書の更新は市役所の担当窓口で行います。";
/// Said when the card is not a My Number card.
pub const NOT_MY_NUMBER: &str = "マイナンバーカードではないため、この手続きはできません。マイナンバーカードの交付申請をご案内ください。";
/// Said when the certificate can be renewed.
pub const RENEWAL_WINDOW: &str =
    "電子証明書が更新期間に入っています。手続きの後に、市役所の担当窓口での更新をご案内ください。";

/// Which guides the card allows today. Without a card read, every guide is open: the operator
/// judges; the card only ever narrows what is offered.
pub fn availability(card: Option<&CardStatus>) -> Vec<Availability> {
    Guide::ALL
        .into_iter()
        .map(|guide| judge(guide, card))
        .collect()
}

fn judge(guide: Guide, card: Option<&CardStatus>) -> Availability {
    let open = Availability {
        guide,
        open: true,
        why: None,
        reason: None,
        suggested: false,
    };
    let Some(card) = card else {
        return open;
    };
    let closed = |why, reason| Availability {
        guide,
        open: false,
        why: Some(why),
        reason: Some(reason),
        suggested: false,
    };
    match card.kind {
        CardKind::None => open,
        CardKind::Juki | CardKind::Other => {
            if guide.needs_card() {
                closed(NOT_MY_NUMBER, "documents_missing")
            } else {
                Availability {
                    suggested: matches!(guide, Guide::ApplicationForm | Guide::ApplicationNoForm),
                    ..open
                }
            }
        }
        CardKind::MyNumber => {
            let pin_locked = card.auth_pin_tries == Some(0);
            let sign_locked = card.sign_pin_tries == Some(0);
            let cert = card.auth_cert.as_ref();
            let expired = cert.is_some_and(|c| c.expired);
            let renewal = cert.is_some_and(|c| c.renewal_window);
            if guide.needs_portal_login() {
                if pin_locked {
                    return closed(AUTH_PIN_LOCKED, "pin_locked");
                }
                if expired {
                    return closed(CERT_EXPIRED, "cert_expired");
                }
                if renewal {
                    return Availability {
                        why: Some(RENEWAL_WINDOW),
                        ..open
                    };
                }
                return open;
            }
            Availability {
                suggested: match guide {
                    Guide::Pin => pin_locked || sign_locked,
                    Guide::Certificate => expired || renewal,
                    _ => false,
                },
                ..open
            }
        }
    }
}

/// One step of a guide: what the operator reads, and what the citizen display says meanwhile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// The approved text, without its marker.
    pub text: String,
    /// The citizen's cue the step's marker names (`〔来庁者画面：…〕`, see [`cue`]).
    pub cue: Option<Cue>,
}

/// A procedure document's steps: its numbered lines (`1. …`), in order, each with the cue its
/// marker names; the other lines are notes.
pub fn steps_of(body: &str) -> (Vec<Step>, Vec<String>) {
    let mut steps = Vec::new();
    let mut notes = Vec::new();
    for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        let rest = &line[digits..];
        // Markdown's "1. " (a space after the dot: "3.5 mm" is not a step) or the full-width "1．".
        let numbered = (digits > 0)
            .then(|| rest.strip_prefix(". ").or_else(|| rest.strip_prefix('．')))
            .flatten()
            .map(str::trim);
        match numbered {
            Some(step) if !step.is_empty() => {
                let (text, cue) = cue::split(step);
                steps.push(Step { text, cue });
            }
            _ => notes.push(line.trim_start_matches(['-', '*', ' ']).to_string()),
        }
    }
    (steps, notes)
}

/// The tag that ties a procedure document to its guide.
pub fn tag(guide: Guide) -> String {
    format!("guide:{}", guide.code())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::CertValidity;
    use chrono::NaiveDate;

    fn card(auth: u8, sign: u8, expired: bool, renewal: bool) -> CardStatus {
        CardStatus {
            kind: CardKind::MyNumber,
            auth_pin_tries: Some(auth),
            sign_pin_tries: Some(sign),
            input_support_pin_tries: Some(3),
            auth_cert: Some(CertValidity {
                not_after: NaiveDate::from_ymd_opt(2027, 1, 10).unwrap(),
                days_left: if expired {
                    -3
                } else if renewal {
                    40
                } else {
                    400
                },
                expired,
                renewal_window: renewal,
            }),
        }
    }

    fn of(list: &[Availability], g: Guide) -> &Availability {
        list.iter().find(|a| a.guide == g).unwrap()
    }

    #[test]
    fn without_a_card_every_guide_is_open() {
        let all = availability(None);
        assert_eq!(all.len(), Guide::ALL.len());
        assert!(all
            .iter()
            .all(|a| a.open && a.why.is_none() && !a.suggested));
        let none = CardStatus::of_kind(CardKind::None);
        assert!(availability(Some(&none)).iter().all(|a| a.open));
    }

    #[test]
    fn a_locked_auth_pin_closes_the_portal_procedures_and_points_to_the_pin_guide() {
        let all = availability(Some(&card(0, 5, false, false)));
        for g in [Guide::HealthInsurance, Guide::PublicFundAccount] {
            let a = of(&all, g);
            assert!(!a.open);
            assert_eq!(a.reason, Some("pin_locked"));
            assert!(a.why.unwrap().contains("市役所の担当窓口"));
        }
        assert!(of(&all, Guide::Pin).open && of(&all, Guide::Pin).suggested);
        assert!(of(&all, Guide::ApplicationForm).open);
        assert!(of(&all, Guide::Mynapoint).open);
    }

    #[test]
    fn an_expired_certificate_closes_them_with_its_own_reason() {
        let all = availability(Some(&card(3, 5, true, false)));
        assert_eq!(
            of(&all, Guide::HealthInsurance).reason,
            Some("cert_expired")
        );
        assert!(of(&all, Guide::Certificate).suggested);
        // A locked PIN is said first when both are true: it is the one the citizen fixes first.
        let both = availability(Some(&card(0, 5, true, false)));
        assert_eq!(
            of(&both, Guide::PublicFundAccount).reason,
            Some("pin_locked")
        );
    }

    #[test]
    fn the_renewal_window_warns_and_suggests_renewal() {
        let all = availability(Some(&card(3, 5, false, true)));
        let hi = of(&all, Guide::HealthInsurance);
        assert!(hi.open);
        assert_eq!(hi.why, Some(RENEWAL_WINDOW));
        assert!(of(&all, Guide::Certificate).suggested);
        let fine = availability(Some(&card(3, 5, false, false)));
        assert!(fine
            .iter()
            .all(|a| a.open && !a.suggested && a.why.is_none()));
    }

    #[test]
    fn a_juki_or_other_card_leads_to_the_application() {
        for kind in [CardKind::Juki, CardKind::Other] {
            let all = availability(Some(&CardStatus::of_kind(kind)));
            for g in [
                Guide::HealthInsurance,
                Guide::PublicFundAccount,
                Guide::Pin,
                Guide::Certificate,
            ] {
                assert!(!of(&all, g).open, "{g:?}");
            }
            assert!(of(&all, Guide::ApplicationForm).suggested);
            assert!(of(&all, Guide::ApplicationNoForm).suggested);
            assert!(of(&all, Guide::Mynapoint).open);
        }
    }

    #[test]
    fn every_guide_ticks_a_service_and_has_reasons_from_the_default_list() {
        let services: Vec<&str> = crate::visits::lists::DEFAULT_SERVICES
            .iter()
            .map(|s| s.0)
            .collect();
        let reasons: Vec<&str> = crate::visits::lists::DEFAULT_REASONS
            .iter()
            .map(|s| s.0)
            .collect();
        for g in Guide::ALL {
            assert_eq!(Guide::from_code(g.code()), Some(g));
            assert!(g.services().iter().all(|s| services.contains(s)), "{g:?}");
            assert!(
                g.stop_reasons().iter().all(|r| reasons.contains(r)),
                "{g:?}"
            );
        }
    }

    #[test]
    fn numbered_lines_are_steps_the_rest_notes() {
        let (steps, notes) = steps_of("1. 申請書IDを読み取る\n2．写真を撮る 〔来庁者画面：写真〕\n\n- 注意：暗証番号は見ない\n10. 完了を確認\n2024年の話\n3.5 cm の写真");
        let texts: Vec<&str> = steps.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["申請書IDを読み取る", "写真を撮る", "完了を確認"]);
        let cues: Vec<Option<Cue>> = steps.iter().map(|s| s.cue).collect();
        assert_eq!(cues, [None, Some(Cue::Photo), None]);
        assert_eq!(
            notes,
            ["注意：暗証番号は見ない", "2024年の話", "3.5 cm の写真"]
        );
    }
}
