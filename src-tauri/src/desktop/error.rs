//! The one error every command returns: `{ code, message }`. The UI switches on `code` and shows
//! `message` (Japanese) as is; it never parses text. Every error is also written to the app's log
//! file (a windowed app on Windows has no stderr).

use crate::app::{AppError, ErrorBody};

/// A command's failure.
pub type CommandError = ErrorBody;

/// What commands return.
pub type CmdResult<T> = Result<T, CommandError>;

impl From<AppError> for ErrorBody {
    fn from(e: AppError) -> Self {
        crate::applog::error(e.code(), &e.message());
        ErrorBody::from(&e)
    }
}

/// A failure of the window system itself (tauri), as a command error.
pub fn window_error(e: tauri::Error) -> CommandError {
    crate::applog::error("window", &e.to_string());
    ErrorBody {
        code: "window",
        message: format!("画面の操作に失敗しました：{e}"),
    }
}

/// A background task that could not finish (a panic or a cancelled join).
pub fn internal(e: impl std::fmt::Display) -> CommandError {
    crate::applog::error("internal", &e.to_string());
    ErrorBody {
        code: "internal",
        message: "内部エラーが発生しました。もう一度お試しください。".into(),
    }
}
