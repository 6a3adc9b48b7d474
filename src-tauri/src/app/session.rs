//! Who is signed in at this counter: one session at a time, held in memory (a restart signs
//! everyone out). The session carries its permissions to the window.

use std::sync::Mutex;

use serde::Serialize;

use super::actor::{Actor, Staff};
use super::permission::{self, Permission};
use crate::auth::{Account, Role};

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
    /// What this account may do; the window shows and hides by these.
    pub permissions: Vec<Permission>,
}

impl Session {
    /// The session of a signed-in account.
    pub fn of(account: &Account) -> Self {
        Self {
            login_id: account.login_id.clone(),
            display_name: account.display_name.clone(),
            role: account.role,
            role_label: account.role.label(),
            permissions: permission::of_role(account.role),
        }
    }

    /// The actor this session acts as.
    pub fn actor(&self) -> Actor {
        Actor::Staff(Staff {
            login_id: self.login_id.clone(),
            display_name: self.display_name.clone(),
            role: self.role,
        })
    }
}

/// The one session of this kiosk.
#[derive(Default)]
pub struct SessionSlot(Mutex<Option<Session>>);

impl SessionSlot {
    /// The current session, if any.
    pub fn current(&self) -> Option<Session> {
        self.0
            .lock()
            .map(|s| s.clone())
            .unwrap_or_else(|p| p.into_inner().clone())
    }

    /// The actor of the current session, or `Nobody`.
    pub fn actor(&self) -> Actor {
        self.current().map_or(Actor::Nobody, |s| s.actor())
    }

    /// Replaces the session; returns the one it replaced.
    pub fn replace(&self, session: Option<Session>) -> Option<Session> {
        let mut slot = self.0.lock().unwrap_or_else(|p| p.into_inner());
        std::mem::replace(&mut *slot, session)
    }
}
