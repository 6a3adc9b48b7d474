//! What the citizen display shows now, worked out from the counter's state each time the display
//! asks: the welcome; 対応中 with the procedure under way; the photo (the live preview with its
//! guidance, a 3-2-1 countdown, 「撮影しました」, the photo with 「この写真でよろしいですか」,
//! accepted); the card's result in plain words; 「ありがとうございました」 after the visit.
//! The display gets codes; its language file has the words.

use std::time::Duration;

use serde::Serialize;

use crate::card::{CardKind, CardStatus};
use crate::photo::desk::State as PhotoState;
use crate::procedure::cue::Cue;

/// How long 「撮影しました」 stays before the photo is shown for confirmation.
pub const CAPTURED_FOR: Duration = Duration::from_millis(1500);
/// How long 「ありがとうございました」 stays after a visit ends.
pub const THANKS_FOR: Duration = Duration::from_secs(10);

/// What the counter is doing, as the display needs it.
#[derive(Debug, Clone, Default)]
pub struct Inputs<'a> {
    /// A visit is in progress at this counter.
    pub visit_open: bool,
    /// Time since the last visit at this counter ended.
    pub since_ended: Option<Duration>,
    /// The camera is running (the photo tab is open).
    pub camera_on: bool,
    /// The photo desk.
    pub photo: Option<PhotoState>,
    /// Time left before the shutter of a countdown under way.
    pub countdown_left: Option<Duration>,
    /// Time since the last countdown reached zero.
    pub since_shutter: Option<Duration>,
    /// The card in the reader.
    pub card: Option<&'a CardStatus>,
    /// The procedure guide the operator has open.
    pub guide: Option<&'a str>,
    /// What the citizen does at the guide's current step.
    pub step: Option<Cue>,
}

/// The card's result in plain words (the display's `card.<code>` text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CardResult {
    /// All is well.
    Ok,
    /// The 利用者証明用 PIN is locked: where to go, what to bring, a proxy needs two visits.
    PinLocked,
    /// One try left.
    PinOneLeft,
    /// The certificate has expired.
    CertExpired,
    /// The certificate can be renewed now.
    CertRenewal,
    /// An old 住基カード.
    Juki,
    /// Not a My Number card.
    Other,
}

impl CardResult {
    /// The result for a card, worst first.
    pub fn of(card: &CardStatus) -> Option<Self> {
        Some(match card.kind {
            CardKind::None => return None,
            CardKind::Juki => CardResult::Juki,
            CardKind::Other => CardResult::Other,
            CardKind::MyNumber => {
                let cert = card.auth_cert.as_ref();
                if card.auth_pin_tries == Some(0) {
                    CardResult::PinLocked
                } else if cert.is_some_and(|c| c.expired) {
                    CardResult::CertExpired
                } else if card.auth_pin_tries == Some(1) {
                    CardResult::PinOneLeft
                } else if cert.is_some_and(|c| c.renewal_window) {
                    CardResult::CertRenewal
                } else {
                    CardResult::Ok
                }
            }
        })
    }
}

/// One moment of the display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "scene", rename_all = "snake_case")]
pub enum Scene {
    /// No visit: the welcome, cycling through the languages.
    Welcome,
    /// A visit under way, with the procedure if a guide is open.
    Serving {
        /// The guide's code.
        guide: Option<String>,
        /// What the citizen does at its current step (only with a guide).
        step: Option<Cue>,
    },
    /// The live preview with the camera's guidance.
    Preview,
    /// The countdown before the shutter.
    Countdown {
        /// 3, 2, 1.
        seconds: u64,
    },
    /// Just taken.
    Captured,
    /// The photo, asking whether it will do.
    Confirm,
    /// The photo was accepted (the camera is off).
    Accepted,
    /// The card's result.
    Card {
        /// Which.
        result: CardResult,
        /// The guide under way, if any.
        guide: Option<String>,
    },
    /// After the visit.
    Thanks,
}

/// The scene for `i`.
pub fn scene(i: &Inputs<'_>) -> Scene {
    if !i.visit_open {
        return match i.since_ended {
            Some(d) if d < THANKS_FOR => Scene::Thanks,
            _ => Scene::Welcome,
        };
    }
    if let Some(left) = i.countdown_left {
        return Scene::Countdown {
            seconds: left.as_millis().div_ceil(1000).max(1) as u64,
        };
    }
    match i.photo {
        Some(PhotoState::Captured) => {
            return if i.since_shutter.is_some_and(|d| d < CAPTURED_FOR) {
                Scene::Captured
            } else {
                Scene::Confirm
            };
        }
        Some(PhotoState::Accepted | PhotoState::Staged) if !i.camera_on => {
            return Scene::Accepted;
        }
        _ => {}
    }
    if i.camera_on {
        return Scene::Preview;
    }
    let guide = i.guide.map(str::to_string);
    let step = guide.as_ref().and(i.step);
    match i.card.and_then(CardResult::of) {
        // A card that is fine says so only until there is a step to tell; any other result
        // (a locked PIN, one try left, …) stays on screen through the steps.
        Some(CardResult::Ok) if step.is_some() => Scene::Serving { guide, step },
        Some(result) => Scene::Card { result, guide },
        None => Scene::Serving { guide, step },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::CertValidity;
    use chrono::NaiveDate;

    fn visit() -> Inputs<'static> {
        Inputs {
            visit_open: true,
            ..Default::default()
        }
    }

    #[test]
    fn welcome_then_serving_then_thanks_then_welcome() {
        assert_eq!(scene(&Inputs::default()), Scene::Welcome);
        assert_eq!(
            scene(&visit()),
            Scene::Serving {
                guide: None,
                step: None
            }
        );
        let guided = Inputs {
            guide: Some("health_insurance"),
            step: Some(Cue::Pin),
            ..visit()
        };
        assert_eq!(
            scene(&guided),
            Scene::Serving {
                guide: Some("health_insurance".into()),
                step: Some(Cue::Pin)
            }
        );
        // A step without its guide says nothing.
        let stray = Inputs {
            step: Some(Cue::Pin),
            ..visit()
        };
        assert_eq!(
            scene(&stray),
            Scene::Serving {
                guide: None,
                step: None
            }
        );
        let ended = |s| Inputs {
            since_ended: Some(Duration::from_secs(s)),
            ..Default::default()
        };
        assert_eq!(scene(&ended(2)), Scene::Thanks);
        assert_eq!(scene(&ended(11)), Scene::Welcome);
    }

    #[test]
    fn the_photo_goes_preview_countdown_captured_confirm_accepted() {
        let on = Inputs {
            camera_on: true,
            photo: Some(PhotoState::Empty),
            ..visit()
        };
        assert_eq!(scene(&on), Scene::Preview);
        let count = |ms| Inputs {
            countdown_left: Some(Duration::from_millis(ms)),
            ..on.clone()
        };
        assert_eq!(scene(&count(2999)), Scene::Countdown { seconds: 3 });
        assert_eq!(scene(&count(2000)), Scene::Countdown { seconds: 2 });
        assert_eq!(scene(&count(10)), Scene::Countdown { seconds: 1 });
        let taken = |ms| Inputs {
            photo: Some(PhotoState::Captured),
            since_shutter: Some(Duration::from_millis(ms)),
            ..on.clone()
        };
        assert_eq!(scene(&taken(300)), Scene::Captured);
        assert_eq!(scene(&taken(2000)), Scene::Confirm);
        let accepted = Inputs {
            camera_on: false,
            photo: Some(PhotoState::Accepted),
            ..visit()
        };
        assert_eq!(scene(&accepted), Scene::Accepted);
    }

    #[test]
    fn the_card_in_plain_words_worst_first() {
        let card = |auth: u8, expired: bool, renewal: bool| CardStatus {
            kind: CardKind::MyNumber,
            auth_pin_tries: Some(auth),
            sign_pin_tries: Some(5),
            input_support_pin_tries: Some(3),
            auth_cert: Some(CertValidity {
                not_after: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
                days_left: 10,
                expired,
                renewal_window: renewal,
            }),
        };
        assert_eq!(
            CardResult::of(&card(0, true, false)),
            Some(CardResult::PinLocked)
        );
        assert_eq!(
            CardResult::of(&card(3, true, false)),
            Some(CardResult::CertExpired)
        );
        assert_eq!(
            CardResult::of(&card(1, false, true)),
            Some(CardResult::PinOneLeft)
        );
        assert_eq!(
            CardResult::of(&card(3, false, true)),
            Some(CardResult::CertRenewal)
        );
        assert_eq!(CardResult::of(&card(3, false, false)), Some(CardResult::Ok));
        assert_eq!(CardResult::of(&CardStatus::of_kind(CardKind::None)), None);
        let locked = card(0, false, false);
        let i = Inputs {
            card: Some(&locked),
            ..visit()
        };
        assert_eq!(
            scene(&i),
            Scene::Card {
                result: CardResult::PinLocked,
                guide: None
            }
        );
        // A guide's step: a fine card gives way to it; a warning stays through it.
        let fine = card(3, false, false);
        let one_left = card(1, false, false);
        let at_step = |c| Inputs {
            card: Some(c),
            guide: Some("health_insurance"),
            step: Some(Cue::Pin),
            ..visit()
        };
        assert_eq!(
            scene(&at_step(&fine)),
            Scene::Serving {
                guide: Some("health_insurance".into()),
                step: Some(Cue::Pin)
            }
        );
        assert_eq!(
            scene(&at_step(&one_left)),
            Scene::Card {
                result: CardResult::PinOneLeft,
                guide: Some("health_insurance".into())
            }
        );
        let no_step = Inputs {
            step: None,
            ..at_step(&fine)
        };
        assert!(matches!(
            scene(&no_step),
            Scene::Card {
                result: CardResult::Ok,
                ..
            }
        ));
    }
}
