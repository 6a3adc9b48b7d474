//! The month's leaflet (広報用リーフレット, 仕様書 §8): an A4 portrait PDF for one month or the next
//! three — the counter's name and place, a calendar of each month with the open days marked by
//! kind (weekdays, the late Thursday, the picked weekend days with their dates, special
//! openings) and the closures named, what the counter helps with, what to bring, and a free
//! text. The days come from the same `Calendar::day` as `madoguchi calendar`, so the two agree.
//!
//! [`texts`] holds the wording (the site manager's draft and the city's approved version),
//! [`month`] the calendar of one month as the leaflet shows it, [`pdf`] the typesetting.

pub mod month;
pub mod pdf;
pub mod texts;

pub use month::{LeafletDay, LeafletMonth};
pub use texts::LeafletTexts;

/// Why a leaflet cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum LeafletError {
    /// No month, or more than the leaflet holds.
    #[error("月数は 1〜3 で指定してください。")]
    Months,
    /// No Japanese font on this PC.
    #[error(
        "日本語フォントが見つかりません（Noto Sans CJK など。Debian/Ubuntu では fonts-noto-cjk）。"
    )]
    NoFont,
    /// The font file could not be used.
    #[error("日本語フォント {0} を読み込めません。")]
    BadFont(String),
    /// The PDF writer refused.
    #[error("PDF を作成できません（{0}）。")]
    Pdf(String),
    /// Text that does not fit.
    #[error("{what}が長すぎます（{max}文字まで）。")]
    TooLong {
        /// Which text.
        what: &'static str,
        /// The limit.
        max: usize,
    },
}

impl LeafletError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Months => "leaflet_months",
            Self::NoFont => "leaflet_no_font",
            Self::BadFont(_) => "leaflet_bad_font",
            Self::Pdf(_) => "leaflet_pdf",
            Self::TooLong { .. } => "leaflet_too_long",
        }
    }
}
