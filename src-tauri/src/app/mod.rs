//! The use cases: the one door every action goes through, from the kiosk window and the command
//! line alike. A use case is `fn(ctx: &mut Ctx, args) -> Result<T, AppError>`: it checks the
//! permission, calls the domain, and writes its audit entry **in the same SQLite transaction**, so
//! the change and its record exist together or not at all; a refusal writes nothing. The actor,
//! the clock and the counter come in with the [`Ctx`]; nothing here reads the system clock or the
//! environment, and nothing here imports tauri. Who may do what ([`permission`]), whose visit is
//! whose, and what the session is, live here once.
//!
//! GitButler's `but-api` (one API serving its desktop app, CLI and server) is the model.

pub mod accounts;
pub mod actor;
pub mod audit_trail;
pub mod calendar;
pub mod change;
pub mod citizen;
pub mod data;
pub mod error;
pub mod escalations;
pub mod files;
pub mod kb;
pub mod kiosk;
pub mod leaflet;
pub mod links;
pub mod netwatch;
pub mod opening;
pub mod permission;
pub mod photo;
pub mod procedure;
pub mod quit;
pub mod records;
pub mod reports;
pub mod session;
pub mod settings;
pub mod shared_reports;
pub mod shared_store;
pub mod visits;

#[cfg(test)]
mod tests;

use std::time::Instant;

use chrono::{DateTime, FixedOffset};

pub use actor::{Actor, Staff};
pub use change::Change;
pub use error::{AppError, ErrorBody};
pub use permission::Permission;
pub use session::{Session, SessionSlot};

use crate::clock::Moment;
use crate::store::Store;

/// What a use case runs with: the store, who acts, now, and this PC's counter.
pub struct Ctx<'a> {
    store: &'a mut Store,
    actor: Actor,
    now: DateTime<FixedOffset>,
    instant: Instant,
    counter: u8,
}

impl<'a> Ctx<'a> {
    /// A context for `actor` at `now` on `store`.
    pub fn new(store: &'a mut Store, actor: Actor, now: Moment) -> Result<Self, AppError> {
        let counter = crate::site::counter(store)?;
        Ok(Self {
            store,
            actor,
            now: now.wall,
            instant: now.mono,
            counter,
        })
    }

    /// Now on the monotonic clock (time limits, throttles).
    pub fn instant(&self) -> Instant {
        self.instant
    }

    /// Acts as `actor` from here on (a sign-in: the entry names who signed in).
    pub fn act_as(&mut self, actor: Actor) {
        self.actor = actor;
    }

    /// Who acts.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// Now.
    pub fn now(&self) -> DateTime<FixedOffset> {
        self.now
    }

    /// Now in the stored text form.
    pub fn stamp(&self) -> String {
        crate::clock::stamp(self.now)
    }

    /// This PC's counter.
    pub fn counter(&self) -> u8 {
        self.counter
    }

    /// The store, to read.
    pub fn store(&self) -> &Store {
        self.store
    }

    /// Refused unless the actor holds `p`.
    pub fn require(&self, p: Permission) -> Result<(), AppError> {
        if permission::granted(&self.actor, p) {
            return Ok(());
        }
        Err(match &self.actor {
            Actor::Nobody => AppError::NotSignedIn,
            Actor::Staff(s) if s.must_change_password => AppError::MustChangePassword,
            _ => AppError::Forbidden,
        })
    }

    /// Whether the actor holds `p` (for what a use case shows, not whether it runs).
    pub fn may(&self, p: Permission) -> bool {
        permission::granted(&self.actor, p)
    }

    /// The signed-in account, whatever it may do.
    pub fn signed_in(&self) -> Result<&Staff, AppError> {
        self.actor.staff().ok_or(AppError::NotSignedIn)
    }

    /// The signed-in account holding `p`: for the actions that are a person's at the counter.
    pub fn staff(&self, p: Permission) -> Result<&Staff, AppError> {
        self.require(p)?;
        self.actor.staff().ok_or(AppError::Forbidden)
    }

    /// Who makes a replicated change, and when (for the change log).
    pub fn sync_author(&self) -> crate::sync::Author {
        crate::sync::Author {
            name: self.author(),
            at: self.stamp(),
        }
    }

    /// The name recorded as the author of a change: the account, or the OS user.
    pub fn author(&self) -> String {
        self.actor.audit_name().unwrap_or("system").to_string()
    }

    /// Runs `f` and writes the audit entry for `change` with the detail `f` returns, in one
    /// transaction. An error anywhere — in `f`, in the audit write, in the commit — leaves the
    /// store as it was.
    pub fn write<T>(
        &mut self,
        change: Change,
        f: impl FnOnce(&mut Store) -> Result<(T, String), AppError>,
    ) -> Result<T, AppError> {
        let (now, origin) = (self.now, self.actor.origin());
        let actor = self.actor.audit_name().map(str::to_string);
        self.store.in_transaction(|store| {
            let (value, detail) = f(store)?;
            crate::audit::record(store, now, actor.as_deref(), origin, change.code(), &detail)?;
            Ok(value)
        })
    }

    /// An audit entry alone (a sign-in attempt, a file leaving the kiosk).
    pub fn record(&mut self, change: Change, detail: &str) -> Result<(), AppError> {
        self.write(change, |_| Ok(((), detail.to_string())))
    }
}
