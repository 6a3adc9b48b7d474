//! Who acts: a signed-in account at the window, an OS user at the command line, the app itself,
//! or nobody yet (the sign-in screen). Every use case gets its actor from the front door that
//! called it; the audit trail records it with its origin.

use serde::Serialize;

use crate::audit::Origin;
use crate::auth::Role;

/// A signed-in staff member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Staff {
    /// Sign-in ID.
    pub login_id: String,
    /// Name on screen.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Must choose a new password first: until then the account may do nothing else.
    pub must_change_password: bool,
    /// Named the information-security officer: reads the audit trail whatever the role.
    pub security_officer: bool,
}

/// Who is acting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// A signed-in account in the kiosk window.
    Staff(Staff),
    /// The command line, run by this OS user.
    CommandLine {
        /// The OS account name.
        os_user: String,
    },
    /// The app itself.
    System,
    /// Nobody signed in (the sign-in screen, the first-run form).
    Nobody,
}

impl Actor {
    /// The command line's actor for the OS user running it.
    pub fn command_line() -> Self {
        Self::CommandLine {
            os_user: crate::platform::os_user(),
        }
    }

    /// The name the audit trail records.
    pub fn audit_name(&self) -> Option<&str> {
        match self {
            Self::Staff(s) => Some(&s.login_id),
            Self::CommandLine { os_user } => Some(os_user),
            Self::System | Self::Nobody => None,
        }
    }

    /// Where the action comes from.
    pub fn origin(&self) -> Origin {
        match self {
            Self::Staff(_) | Self::Nobody => Origin::Window,
            Self::CommandLine { .. } => Origin::Cli,
            Self::System => Origin::System,
        }
    }

    /// The signed-in account, if any.
    pub fn staff(&self) -> Option<&Staff> {
        match self {
            Self::Staff(s) => Some(s),
            _ => None,
        }
    }
}
