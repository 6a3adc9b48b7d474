//! The photo settings the site manager sets: which camera and how it is mounted, the J-LIS page
//! the upload goes through, how long a photo may wait at most, and the print sheet. The values and
//! their rules only: the use-case layer stores them (this module never opens the store).

use serde::{Deserialize, Serialize};

use super::sheet::Paper;
use crate::camera::Rotation;

/// The settings key.
pub const KEY: &str = "photo.settings";
/// The J-LIS online application page.
pub const JLIS_URL: &str = "https://net.kojinbango-card.go.jp/SS_SERVICE_OUT/FA01S001Action.do";
/// The contract's upper bound on how long a photo may be kept (minutes).
pub const MAX_AGE_LIMIT: u32 = 10;

/// Why settings were refused.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// Not an https address.
    #[error("the J-LIS address must be an https address with a host name")]
    Url,
    /// Outside 1–10 minutes.
    #[error("the time limit must be 1 to {MAX_AGE_LIMIT} minutes")]
    MaxAge,
    /// Zero or more than the sheet holds.
    #[error("copies must be 1 to {0}")]
    Copies(u32),
}

impl SettingsError {
    /// In Japanese, for the site manager.
    pub fn message_ja(&self) -> String {
        match self {
            Self::Url => {
                "申請サイトのアドレスは https:// で始まるサイトのアドレスを入力してください。"
                    .into()
            }
            Self::MaxAge => {
                format!("写真を消すまでの時間は1〜{MAX_AGE_LIMIT}分で設定してください。")
            }
            Self::Copies(n) => format!("印刷枚数は1〜{n}枚で設定してください。"),
        }
    }

    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Url => "bad_url",
            Self::MaxAge => "bad_time_limit",
            Self::Copies(_) => "bad_copies",
        }
    }
}

/// The photo settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PhotoSettings {
    /// The camera's index; `None` takes the first camera that works.
    pub camera: Option<u32>,
    /// How the camera is mounted.
    pub rotation: Rotation,
    /// The J-LIS page opened for the upload.
    pub jlis_url: String,
    /// Minutes after the capture when the photo is deleted whatever happens.
    pub max_age_minutes: u32,
    /// The paper in the printer.
    pub paper: Paper,
    /// Photos per sheet.
    pub copies: u32,
}

impl Default for PhotoSettings {
    fn default() -> Self {
        Self {
            camera: None,
            rotation: Rotation::None,
            jlis_url: JLIS_URL.into(),
            max_age_minutes: MAX_AGE_LIMIT,
            paper: Paper::L,
            copies: 4,
        }
    }
}

impl PhotoSettings {
    /// Checks the values.
    pub fn validate(&self) -> Result<(), SettingsError> {
        crate::links::parse_web(&self.jlis_url).map_err(|_| SettingsError::Url)?;
        if !(1..=MAX_AGE_LIMIT).contains(&self.max_age_minutes) {
            return Err(SettingsError::MaxAge);
        }
        let cap = self.paper.capacity();
        if !(1..=cap).contains(&self.copies) {
            return Err(SettingsError::Copies(cap));
        }
        Ok(())
    }

    /// The values as they are stored: validated, the address trimmed.
    pub fn cleaned(&self) -> Result<Self, SettingsError> {
        self.validate()?;
        let mut clean = self.clone();
        clean.jlis_url = clean.jlis_url.trim().into();
        Ok(clean)
    }

    /// The J-LIS address's host when it is not a J-LIS site (`*.kojinbango-card.go.jp`): using it
    /// needs the site manager's confirmation.
    pub fn other_jlis_host(&self) -> Option<String> {
        let url = crate::links::parse_web(&self.jlis_url).ok()?;
        let host = url.host_str()?;
        (!crate::links::is_jlis_host(host)).then(|| host.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_values_are_cleaned_and_bad_ones_refused() {
        let s = PhotoSettings {
            camera: Some(2),
            rotation: Rotation::Cw90,
            jlis_url: " https://example.jp/apply ".into(),
            max_age_minutes: 5,
            paper: Paper::A4,
            copies: 10,
        };
        assert_eq!(s.cleaned().unwrap().jlis_url, "https://example.jp/apply");
        let bad = [
            PhotoSettings {
                jlis_url: "http://example.jp".into(),
                ..Default::default()
            },
            PhotoSettings {
                max_age_minutes: 11,
                ..Default::default()
            },
            PhotoSettings {
                max_age_minutes: 0,
                ..Default::default()
            },
            PhotoSettings {
                copies: 5,
                ..Default::default()
            },
        ];
        for s in bad {
            let e = s.cleaned().unwrap_err();
            assert!(!e.message_ja().is_empty() && !e.code().is_empty());
        }
    }
}
