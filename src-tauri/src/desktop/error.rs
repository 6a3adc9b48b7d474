//! The one error every command returns: `{ code, message }`. The UI switches on `code` and shows
//! `message` (Japanese) as is; it never parses text.

use serde::Serialize;

use crate::auth::AuthError;
use crate::calendar::CalendarError;
use crate::privacy::PersonalData;
use crate::store::StoreError;
use crate::visits::VisitError;

/// A command's failure.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CommandError {
    /// Stable code, e.g. `wrong_credentials`, `personal_data`.
    pub code: &'static str,
    /// Japanese message for the screen.
    pub message: String,
}

impl CommandError {
    /// An error with a code and message.
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

fn store_code(e: &StoreError) -> &'static str {
    match e {
        StoreError::DiskFull => "disk_full",
        StoreError::NotWritable { .. } => "not_writable",
        StoreError::Corrupt { .. } => "database_corrupt",
        StoreError::Backup { .. } | StoreError::BackupOntoItself(_) => "backup_failed",
        StoreError::BadSetting { .. } => "bad_setting",
        _ => "database",
    }
}

impl From<StoreError> for CommandError {
    fn from(e: StoreError) -> Self {
        Self::new(store_code(&e), e.to_string())
    }
}

impl From<AuthError> for CommandError {
    fn from(e: AuthError) -> Self {
        let code = match &e {
            AuthError::WrongCredentials => "wrong_credentials",
            AuthError::Inactive => "inactive",
            AuthError::TooManyAttempts(_) => "too_many_attempts",
            AuthError::Forbidden => "forbidden",
            AuthError::NotSignedIn => "not_signed_in",
            AuthError::Store(s) => store_code(s),
            _ => "invalid",
        };
        Self::new(code, e.to_string())
    }
}

impl From<VisitError> for CommandError {
    fn from(e: VisitError) -> Self {
        let code = match &e {
            VisitError::PersonalData(_) => "personal_data",
            VisitError::AlreadyOpen(_) => "visit_open",
            VisitError::NotFound(_) => "not_found",
            VisitError::BadImportRow { .. } => "import_bad_row",
            VisitError::ImportConflict { .. } => "import_conflict",
            VisitError::Io(_) => "io",
            VisitError::NotYours => "forbidden",
            VisitError::Store(s) => store_code(s),
            _ => "invalid",
        };
        Self::new(code, e.to_string())
    }
}

impl From<PersonalData> for CommandError {
    fn from(e: PersonalData) -> Self {
        Self::new("personal_data", e.to_string())
    }
}

impl From<CalendarError> for CommandError {
    fn from(e: CalendarError) -> Self {
        let code = match &e {
            CalendarError::Pick(_) => "cannot_pick",
            CalendarError::Store(s) => store_code(s),
            _ => "invalid",
        };
        Self::new(code, e.to_string())
    }
}

impl From<tauri::Error> for CommandError {
    fn from(e: tauri::Error) -> Self {
        Self::new("window", format!("画面の操作に失敗しました：{e}"))
    }
}

/// What commands return.
pub type CmdResult<T> = Result<T, CommandError>;
