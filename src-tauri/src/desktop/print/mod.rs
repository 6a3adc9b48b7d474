//! 印刷する: the accepted photo printed on the sheet the settings describe, through the system's
//! print dialog drawn in millimetres (GTK on Linux, `linux.rs`). Elsewhere the page prints the
//! same sheet with the browser's print (`other.rs` answers `unsupported`).

#[cfg(target_os = "linux")]
mod linux;
#[cfg(not(target_os = "linux"))]
mod other;

#[cfg(target_os = "linux")]
pub use linux::{restrict_backends, run};
#[cfg(not(target_os = "linux"))]
pub use other::{restrict_backends, run};

/// How printing ended, for the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Sent to the printer (or written to the demo export file).
    Printed,
    /// The operator closed the dialog.
    Cancelled,
    /// This system's print dialog is not driven by the app: the page prints instead.
    Unsupported,
}

/// Why printing failed.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    /// The window system could not show the dialog.
    #[error("the print dialog could not be shown: {0}")]
    Dialog(String),
    /// The photo could not be drawn for the printer.
    #[error("the photo could not be drawn: {0}")]
    Draw(String),
    /// The print system reported an error.
    #[error("the print system reported an error: {0}")]
    Printer(String),
}

impl PrintError {
    /// In Japanese, for the operator.
    pub fn message_ja(&self) -> String {
        match self {
            Self::Dialog(_) => "印刷の画面を開けませんでした。もう一度お試しください。".into(),
            Self::Draw(_) => "写真を印刷用に準備できませんでした。撮り直してください。".into(),
            Self::Printer(e) => {
                format!("印刷できませんでした（{e}）。プリンターの電源と用紙を確かめてください。")
            }
        }
    }
}

impl From<PrintError> for crate::desktop::error::CommandError {
    fn from(e: PrintError) -> Self {
        crate::applog::error("print_failed", &e.to_string());
        Self {
            code: "print_failed",
            message: e.message_ja(),
        }
    }
}

/// Demo mode's PDF export of the sheet, when `MADOGUCHI_PRINT_TO` names a folder: a new file in
/// it, named by the time (never a citizen's photo: the launch reads the variable in demo mode only).
pub fn export_file(launch: &crate::launch::LaunchInfo) -> Option<std::path::PathBuf> {
    launch.print_to.as_ref().map(|dir| {
        dir.join(format!(
            "photo-sheet-{}.pdf",
            crate::clock::now().format("%Y%m%d-%H%M%S%3f")
        ))
    })
}
