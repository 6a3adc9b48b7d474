//! The opening check (開設前点検, 仕様書 §8 and §10(2)): before the counter opens, once a day per
//! counter, the automatic checks — each network target (DNS, TLS with certificate validation, an
//! HTTP answer, a Wi-Fi login page), the clock against the servers' `Date`, the camera delivering a
//! frame, the IC card reader, the printer's CUPS queue, free disk, the age of the last backup — and
//! the manual ones the site manager lists (desk and chairs, signage, leaflets, the PIN keyboard).
//!
//! This module holds the settings, the rule of each item, the day's record and the report's
//! lines. Touching the devices is the caller's ([`Equipment`]: the app's camera and reader, or the
//! command line's); saving is the use case's (`app::opening`).

pub mod checks;
pub mod lines;
pub mod printer;
pub mod record;
pub mod settings;
pub mod system;

use serde::{Deserialize, Serialize};

pub use checks::{run, run_with_probes, Equipment, Plan};
pub use record::Record;
pub use settings::{ManualItem, OpeningSettings, Target};

/// One line of the check: what was checked, whether it passed, and what was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// What kind of item: `network`, `clock`, `camera`, `card_reader`, `printer`, `disk`,
    /// `backup`, or `manual`.
    pub id: String,
    /// Its name on screen (a network target's name, a manual item's text).
    pub label: String,
    /// Passed.
    pub ok: bool,
    /// What was found, or why it failed, in Japanese.
    pub detail: String,
    /// Ticked by a person, not measured.
    #[serde(default)]
    pub manual: bool,
}

impl Item {
    /// A measured item.
    pub fn auto(id: &str, label: &str, ok: bool, detail: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            label: label.into(),
            ok,
            detail: detail.into(),
            manual: false,
        }
    }
}

/// What the opening check refuses.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum OpeningError {
    /// A network target's address is not an http(s) address.
    #[error("点検先「{0}」のアドレスは http:// か https:// で始まる形で入力してください。")]
    BadTarget(String),
    /// A target or a manual item without a name.
    #[error("名前が空の項目があります。")]
    EmptyName,
    /// The same name twice.
    #[error("「{0}」が2回あります。")]
    Duplicate(String),
    /// A number outside what makes sense.
    #[error("{what}は {min}〜{max} の範囲で入力してください。")]
    OutOfRange {
        /// Which setting.
        what: &'static str,
        /// Smallest allowed.
        min: u64,
        /// Largest allowed.
        max: u64,
    },
    /// The automatic part was not run (or is too old) when the record is saved.
    #[error("自動点検の結果がありません。「点検を実行」からやり直してください。")]
    NotRun,
    /// The manual items answered are not the current list (it was changed meanwhile).
    #[error("手動点検の項目が変わりました。画面を開き直してください。")]
    ManualItemsChanged,
}

impl OpeningError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::BadTarget(_) => "opening_bad_target",
            Self::EmptyName => "opening_empty_name",
            Self::Duplicate(_) => "opening_duplicate",
            Self::OutOfRange { .. } => "opening_out_of_range",
            Self::NotRun => "opening_not_run",
            Self::ManualItemsChanged => "opening_manual_changed",
        }
    }
}
