//! Who is signed in at this counter: one session at a time, held in memory (a restart signs
//! everyone out), and how long it may stay idle. The idle rule is enforced here: a session idle
//! past its limit acts as nobody at once, whatever the window shows; the shell's watcher then
//! ends it properly (`accounts::end_if_idle`). Only what a person does counts as activity — a key,
//! a click, reported by the window — never the window's own polling.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::actor::{Actor, Staff};
use super::permission::{self, Permission};
use crate::auth::{Account, Role};

/// How long a session may stay idle, by role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdleRules {
    /// Operators (seconds; 15 minutes by default: a visit can be long and quiet).
    pub operator_seconds: u64,
    /// The site manager and city staff (seconds; 5 minutes by default: their rights are wider).
    pub staff_seconds: u64,
}

impl Default for IdleRules {
    fn default() -> Self {
        Self {
            operator_seconds: 15 * 60,
            staff_seconds: 5 * 60,
        }
    }
}

impl IdleRules {
    /// The limit for `role`.
    pub fn limit(&self, role: Role) -> Duration {
        Duration::from_secs(match role {
            Role::Operator => self.operator_seconds,
            Role::SiteManager | Role::CityStaff => self.staff_seconds,
        })
    }
}

/// Seconds before the end that the window warns.
pub const WARN_BEFORE: Duration = Duration::from_secs(30);

/// The signed-in account as the window sees it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Session {
    /// Sign-in ID.
    pub login_id: String,
    /// Name on screen.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Role in Japanese.
    pub role_label: &'static str,
    /// What this account may do; the window shows and hides by these. Empty until a password
    /// that must be changed has been.
    pub permissions: Vec<Permission>,
    /// The holder must choose a new password before anything else.
    pub must_change_password: bool,
    /// Named the information-security officer.
    pub security_officer: bool,
}

impl Session {
    /// The session of a signed-in account.
    pub fn of(account: &Account) -> Self {
        let must = account.must_change_password;
        Self {
            login_id: account.login_id.clone(),
            display_name: account.display_name.clone(),
            role: account.role,
            role_label: account.role.label(),
            permissions: if must {
                Vec::new()
            } else {
                permission::of_staff(account.role, account.security_officer)
            },
            must_change_password: must,
            security_officer: account.security_officer,
        }
    }

    /// The actor this session acts as.
    pub fn actor(&self) -> Actor {
        Actor::Staff(Staff {
            login_id: self.login_id.clone(),
            display_name: self.display_name.clone(),
            role: self.role,
            must_change_password: self.must_change_password,
            security_officer: self.security_officer,
        })
    }
}

/// What the window polls: whether it is still signed in, and when it will not be.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct IdleState {
    /// A session is active.
    pub signed_in: bool,
    /// Seconds of idleness left.
    pub seconds_left: Option<u64>,
    /// Within the warning before the end.
    pub warn: bool,
}

struct Active {
    session: Session,
    last: Instant,
}

/// The one session of this kiosk, and the idle rules it is held to.
#[derive(Default)]
pub struct SessionSlot {
    active: Mutex<Option<Active>>,
    rules: Mutex<IdleRules>,
}

impl SessionSlot {
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Active>> {
        self.active.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The idle rules.
    pub fn rules(&self) -> IdleRules {
        *self.rules.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Takes new idle rules (at start and when the setting changes).
    pub fn set_rules(&self, rules: IdleRules) {
        *self.rules.lock().unwrap_or_else(|p| p.into_inner()) = rules;
    }

    fn live(&self, now: Instant) -> Option<Session> {
        let rules = self.rules();
        self.lock()
            .as_ref()
            .filter(|a| now.saturating_duration_since(a.last) < rules.limit(a.session.role))
            .map(|a| a.session.clone())
    }

    /// The current session, unless it has been idle too long.
    pub fn current(&self) -> Option<Session> {
        self.live(Instant::now())
    }

    /// The actor of the current session, or `Nobody` (none, or idle past its limit).
    pub fn actor(&self) -> Actor {
        self.actor_at(Instant::now())
    }

    /// [`SessionSlot::actor`] at a given moment.
    pub fn actor_at(&self, now: Instant) -> Actor {
        self.live(now).map_or(Actor::Nobody, |s| s.actor())
    }

    /// Starts a session now; returns the one it replaced.
    pub fn begin(&self, session: Session, now: Instant) -> Option<Session> {
        self.lock()
            .replace(Active { session, last: now })
            .map(|a| a.session)
    }

    /// Ends the session; returns it.
    pub fn end(&self) -> Option<Session> {
        self.lock().take().map(|a| a.session)
    }

    /// Replaces the session's account facts (after a password change), keeping its time.
    pub fn update(&self, session: Session) {
        if let Some(a) = self.lock().as_mut() {
            a.session = session;
        }
    }

    /// A person did something: the idle time starts again (unless it has already run out).
    pub fn touch(&self, now: Instant) {
        let rules = self.rules();
        if let Some(a) = self.lock().as_mut() {
            if now.saturating_duration_since(a.last) < rules.limit(a.session.role) {
                a.last = now;
            }
        }
    }

    /// Takes the session out when it has been idle past its limit.
    pub fn take_if_idle(&self, now: Instant) -> Option<Session> {
        let rules = self.rules();
        let mut slot = self.lock();
        let idle = slot
            .as_ref()
            .is_some_and(|a| now.saturating_duration_since(a.last) >= rules.limit(a.session.role));
        if idle {
            slot.take().map(|a| a.session)
        } else {
            None
        }
    }

    /// Whether a session is active and how long it has left.
    pub fn idle_state(&self, now: Instant) -> IdleState {
        let rules = self.rules();
        match self.lock().as_ref() {
            Some(a) => {
                let left = rules
                    .limit(a.session.role)
                    .saturating_sub(now.saturating_duration_since(a.last));
                IdleState {
                    signed_in: !left.is_zero(),
                    seconds_left: Some(left.as_secs()),
                    warn: left <= WARN_BEFORE,
                }
            }
            None => IdleState {
                signed_in: false,
                seconds_left: None,
                warn: false,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(role: Role) -> Session {
        Session {
            login_id: "op1".into(),
            display_name: "窓口".into(),
            role,
            role_label: role.label(),
            permissions: permission::of_role(role),
            must_change_password: false,
            security_officer: false,
        }
    }

    #[test]
    fn an_idle_session_acts_as_nobody_and_activity_keeps_it() {
        let slot = SessionSlot::default();
        let t0 = Instant::now();
        slot.begin(session(Role::Operator), t0);
        let rules = slot.rules();
        let limit = rules.limit(Role::Operator);
        assert_eq!(limit, Duration::from_secs(15 * 60));
        assert!(matches!(
            slot.actor_at(t0 + limit - Duration::from_secs(1)),
            Actor::Staff(_)
        ));
        assert_eq!(
            slot.actor_at(t0 + limit),
            Actor::Nobody,
            "idle past the limit: nobody"
        );
        slot.touch(t0 + limit / 2);
        assert!(
            matches!(slot.actor_at(t0 + limit), Actor::Staff(_)),
            "activity restarts the clock"
        );
        let warned = slot.idle_state(t0 + limit / 2 + limit - Duration::from_secs(10));
        assert!(warned.signed_in && warned.warn && warned.seconds_left == Some(10));
        assert!(slot.take_if_idle(t0 + limit).is_none());
        assert!(slot.take_if_idle(t0 + limit / 2 + limit).is_some());
        assert!(!slot.idle_state(t0).signed_in);
    }

    #[test]
    fn wider_rights_time_out_sooner_and_rules_are_settings() {
        let slot = SessionSlot::default();
        let t0 = Instant::now();
        slot.begin(session(Role::SiteManager), t0);
        assert_eq!(
            slot.actor_at(t0 + Duration::from_secs(5 * 60)),
            Actor::Nobody
        );
        slot.set_rules(IdleRules {
            operator_seconds: 60,
            staff_seconds: 600,
        });
        assert!(matches!(
            slot.actor_at(t0 + Duration::from_secs(5 * 60)),
            Actor::Staff(_)
        ));
    }
}
