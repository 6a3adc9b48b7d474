//! What the citizen display remembers between two of its questions, in memory only: the visit it
//! is showing, the language the operator chose for it (and whether that visit was counted), the
//! guide under way, and when the countdown's shutter falls. Nothing of it is written anywhere
//! but the per-day language count.

use std::time::{Duration, Instant};

use super::language;
use crate::procedure::cue::Cue;

/// The countdown before the shutter.
pub const COUNTDOWN: Duration = Duration::from_secs(3);

/// The display's memory.
#[derive(Debug, Clone)]
pub struct Screen {
    /// The visit shown (its id), if any.
    pub visit: Option<String>,
    /// Its language code.
    pub lang: &'static str,
    /// The language the visit was counted in, once the operator chose one.
    pub counted: Option<&'static str>,
    /// The guide the operator has open.
    pub guide: Option<String>,
    /// What the citizen does at the guide's current step.
    pub step: Option<Cue>,
    /// When the shutter of the last countdown falls (or fell).
    pub shutter: Option<Instant>,
}

impl Default for Screen {
    fn default() -> Self {
        Self {
            visit: None,
            lang: language::DEFAULT,
            counted: None,
            guide: None,
            step: None,
            shutter: None,
        }
    }
}

impl Screen {
    /// Follows the visit in progress: a new visit starts in Japanese with nothing under way; the
    /// end of the visit keeps its language for the thanks.
    pub fn follow(&mut self, visit: Option<&str>) {
        match visit {
            Some(id) if self.visit.as_deref() != Some(id) => {
                *self = Screen {
                    visit: Some(id.to_string()),
                    ..Screen::default()
                };
            }
            Some(_) => {}
            None => {
                self.guide = None;
                self.step = None;
                self.shutter = None;
            }
        }
    }

    /// Back to Japanese (the welcome after the thanks).
    pub fn forget(&mut self) {
        *self = Screen::default();
    }

    /// Starts the countdown at `now`; returns when the shutter falls.
    pub fn countdown(&mut self, now: Instant) -> Instant {
        let at = now + COUNTDOWN;
        self.shutter = Some(at);
        at
    }

    /// Time left before the shutter, and time since it fell.
    pub fn shutter_times(&self, now: Instant) -> (Option<Duration>, Option<Duration>) {
        match self.shutter {
            Some(at) if at > now => (Some(at - now), None),
            Some(at) => (None, Some(now - at)),
            None => (None, None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_visit_starts_afresh_in_japanese() {
        let mut s = Screen::default();
        s.follow(Some("v1"));
        s.lang = "vi";
        s.counted = Some("vi");
        s.guide = Some("pin".into());
        s.follow(Some("v1"));
        assert_eq!((s.lang, s.guide.as_deref()), ("vi", Some("pin")));
        s.follow(None);
        assert_eq!(
            (s.lang, s.guide.as_deref()),
            ("vi", None),
            "the thanks keeps the language"
        );
        s.follow(Some("v2"));
        assert_eq!((s.lang, s.counted), ("ja", None));
    }

    #[test]
    fn the_countdown_counts_down_then_up() {
        let mut s = Screen::default();
        let t0 = Instant::now();
        s.countdown(t0);
        assert_eq!(
            s.shutter_times(t0 + Duration::from_secs(1)).0,
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            s.shutter_times(t0 + Duration::from_secs(4)).1,
            Some(Duration::from_secs(1))
        );
    }
}
