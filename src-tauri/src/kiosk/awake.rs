//! The screen stays awake during opening hours (from 30 minutes before opening to 30 minutes
//! after closing, for setting up and closing down) and may blank outside them. Only on a PC
//! whose session `kiosk setup` prepared: GNOME's idle delay goes to 0 and back to the value it had
//! before the kiosk; on X11 the X screen saver and DPMS are switched with `xset` as well.

use std::process::{Command, Stdio};

use chrono::{Duration, NaiveDateTime};

use super::desktop_settings::{DesktopSettings, IDLE_DELAY};
use super::session::{SessionPaths, SessionState};
use crate::calendar::Calendar;

/// The margin around opening hours.
pub const MARGIN_MINUTES: i64 = 30;

/// Whether the screen must stay awake at local time `now`.
pub fn wanted(cal: &Calendar, now: NaiveDateTime) -> bool {
    let Some((hours, _)) = cal.opening(now.date()) else {
        return false;
    };
    let margin = Duration::minutes(MARGIN_MINUTES);
    let opens = now.date().and_time(hours.opens) - margin;
    let closes = now.date().and_time(hours.closes) + margin;
    opens <= now && now < closes
}

/// Switches the screen between awake and allowed to blank, once per change.
#[derive(Debug)]
pub struct ScreenKeeper {
    paths: SessionPaths,
    last: Option<bool>,
}

impl ScreenKeeper {
    /// A keeper for the session at `paths`.
    pub fn new(paths: SessionPaths) -> Self {
        Self { paths, last: None }
    }

    /// Makes the screen stay awake (`awake`) or allowed to blank. Nothing happens unless the
    /// session was set up, or when nothing changed since the last call. Returns what was done.
    pub fn apply(&mut self, awake: bool, desk: &mut dyn DesktopSettings) -> Vec<String> {
        if self.last == Some(awake) {
            return Vec::new();
        }
        let Ok(Some(state)) = SessionState::load(&self.paths) else {
            return Vec::new();
        };
        self.last = Some(awake);
        let mut done = Vec::new();
        let idle = if awake {
            Some("uint32 0")
        } else {
            state.before(IDLE_DELAY)
        };
        if let Some(value) = idle {
            if desk.get(IDLE_DELAY).is_some() && desk.set(IDLE_DELAY, value).is_ok() {
                done.push(format!("idle-delay={value}"));
            }
        }
        if crate::platform::has_x_display() && crate::platform::find_program("xset").is_some() {
            let args: &[&str] = if awake {
                &["s", "off", "-dpms"]
            } else {
                &["s", "on", "+dpms"]
            };
            let ok = Command::new("xset")
                .args(args)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            if ok {
                done.push(format!("xset {}", args.join(" ")));
            }
        }
        done
    }
}

#[cfg(test)]
mod tests {
    use super::super::desktop_settings::fake::Fake;
    use super::super::session;
    use super::*;
    use crate::calendar::status::tests::at;
    use crate::calendar::CalendarConfig;
    use chrono::NaiveDate;

    fn calendar() -> Calendar {
        let config = CalendarConfig {
            contract_start: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
            contract_end: NaiveDate::from_ymd_opt(2027, 3, 31).unwrap(),
            ..CalendarConfig::default()
        };
        Calendar {
            config,
            ..Calendar::default()
        }
    }

    #[test]
    fn awake_from_half_an_hour_before_opening_to_half_an_hour_after_closing() {
        let cal = calendar();
        // Tuesday 1 December 2026: 8:30–17:15.
        assert!(!wanted(&cal, at(2026, 12, 1, 7, 59)));
        assert!(wanted(&cal, at(2026, 12, 1, 8, 0)));
        assert!(wanted(&cal, at(2026, 12, 1, 17, 44)));
        assert!(!wanted(&cal, at(2026, 12, 1, 17, 45)));
        // Thursday: open until 19:00.
        assert!(wanted(&cal, at(2026, 12, 3, 19, 20)));
        // A Sunday not picked, and New Year's Day: closed all day.
        assert!(!wanted(&cal, at(2026, 12, 6, 10, 0)));
        assert!(!wanted(&cal, at(2027, 1, 1, 10, 0)));
    }

    #[test]
    fn the_idle_delay_follows_the_hours_only_on_a_set_up_session() {
        let dir = tempfile::tempdir().unwrap();
        let paths = SessionPaths {
            config_home: dir.path().to_path_buf(),
        };
        let mut desk = Fake::default();
        desk.0
            .insert((IDLE_DELAY.schema, IDLE_DELAY.key), "uint32 600".into());
        let mut keeper = ScreenKeeper::new(paths.clone());
        keeper.apply(true, &mut desk);
        assert_eq!(desk.get(IDLE_DELAY).as_deref(), Some("uint32 600"));
        session::setup(&paths, vec!["m".into()], &mut desk).unwrap();
        let mut keeper = ScreenKeeper::new(paths);
        keeper.apply(true, &mut desk);
        assert_eq!(desk.get(IDLE_DELAY).as_deref(), Some("uint32 0"));
        keeper.apply(false, &mut desk);
        assert_eq!(desk.get(IDLE_DELAY).as_deref(), Some("uint32 600"));
    }
}
