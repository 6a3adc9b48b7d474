//! The opening check's settings, edited by the site manager: the network targets (also what the
//! network watch probes), the CUPS printer, the disk and backup limits, and the manual items.
//!
//! The defaults are what a counter needs on the day it is installed: the J-LIS site the
//! application is made on, Mynaportal, and a Wi-Fi login-page check; the four manual items the
//! contract's equipment list (§8) implies.

use serde::{Deserialize, Serialize};

use super::OpeningError;
use crate::store::{Store, StoreError};

/// Where the settings are stored.
const KEY: &str = "opening.settings";

/// The settings as stored (the defaults until saved).
pub fn load(store: &Store) -> Result<OpeningSettings, StoreError> {
    Ok(store.setting(KEY)?.unwrap_or_default())
}

/// Stores settings already [cleaned](OpeningSettings::cleaned).
pub fn save(store: &Store, s: &OpeningSettings) -> Result<(), StoreError> {
    store.set_setting(KEY, s)
}

/// A network target: a name for the screen and its address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// e.g. 「J-LIS 申請サイト」.
    pub label: String,
    /// `https://…` (a site: DNS, TLS, an HTTP answer) or `http://…` (a connectivity check that
    /// must answer 204; a Wi-Fi login page answers otherwise).
    pub url: String,
}

/// A manual item the site manager ticks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManualItem {
    /// The text, e.g. 「机・椅子の配置」.
    pub label: String,
}

/// The settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OpeningSettings {
    /// What the network check and the network watch probe.
    pub targets: Vec<Target>,
    /// A PEM file of CA certificates trusted beyond the system's (a city's own TLS inspection
    /// proxy, a test CA); empty for none.
    pub ca_file: String,
    /// The CUPS queue the photos are printed on; empty for the system's default.
    pub printer: String,
    /// Free space on the data folder's disk below which the check fails, in MiB.
    pub min_free_disk_mb: u64,
    /// A backup older than this many days (or none) fails the check.
    pub max_backup_age_days: u64,
    /// Seconds between two probes of the network watch while the counter is open.
    pub watch_interval_s: u64,
    /// Minutes an outage lasts before the site manager is asked for an incident report.
    pub incident_after_min: u64,
    /// The manual items, in order.
    pub manual_items: Vec<ManualItem>,
}

/// The J-LIS site where the application is made.
pub const JLIS_TARGET: &str = "https://net.kojinbango-card.go.jp/";
/// Mynaportal.
pub const MYNAPORTAL_TARGET: &str = "https://myna.go.jp/";
/// A connectivity check answered `204` by Google's servers and by a Wi-Fi login page otherwise.
pub const CONNECTIVITY_TARGET: &str = "http://connectivitycheck.gstatic.com/generate_204";

impl Default for OpeningSettings {
    fn default() -> Self {
        let target = |label: &str, url: &str| Target {
            label: label.into(),
            url: url.into(),
        };
        let manual = |label: &str| ManualItem {
            label: label.into(),
        };
        Self {
            targets: vec![
                target("J-LIS 申請サイト", JLIS_TARGET),
                target("マイナポータル", MYNAPORTAL_TARGET),
                target("Wi-Fi のログイン画面の有無", CONNECTIVITY_TARGET),
            ],
            ca_file: String::new(),
            printer: String::new(),
            min_free_disk_mb: 2048,
            max_backup_age_days: 7,
            watch_interval_s: 30,
            incident_after_min: 10,
            manual_items: vec![
                manual("机・椅子・来庁者用画面の配置"),
                manual("案内表示・掲示物"),
                manual("リーフレットの在庫"),
                manual("暗証番号入力用キーボードの動作"),
                manual("写真用の照明・背景スクリーン"),
            ],
        }
    }
}

impl OpeningSettings {
    /// The settings trimmed and checked: every target an http(s) address with a host, no empty or
    /// repeated name, the numbers in range.
    pub fn cleaned(&self) -> Result<Self, OpeningError> {
        let mut s = self.clone();
        s.ca_file = s.ca_file.trim().into();
        s.printer = s.printer.trim().into();
        for t in &mut s.targets {
            t.label = t.label.trim().into();
            t.url = t.url.trim().into();
            if t.label.is_empty() {
                return Err(OpeningError::EmptyName);
            }
            let parsed =
                url::Url::parse(&t.url).map_err(|_| OpeningError::BadTarget(t.label.clone()))?;
            if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
                return Err(OpeningError::BadTarget(t.label.clone()));
            }
        }
        for m in &mut s.manual_items {
            m.label = m.label.trim().into();
            if m.label.is_empty() {
                return Err(OpeningError::EmptyName);
            }
        }
        let names = s
            .targets
            .iter()
            .map(|t| &t.label)
            .chain(s.manual_items.iter().map(|m| &m.label));
        let mut seen = std::collections::HashSet::new();
        for n in names {
            if !seen.insert(n) {
                return Err(OpeningError::Duplicate(n.clone()));
            }
        }
        let range = |what, v: u64, min, max| {
            if (min..=max).contains(&v) {
                Ok(())
            } else {
                Err(OpeningError::OutOfRange { what, min, max })
            }
        };
        range("空き容量の下限（MiB）", s.min_free_disk_mb, 100, 1_000_000)?;
        range("バックアップの期限（日）", s.max_backup_age_days, 1, 365)?;
        range("ネットワーク監視の間隔（秒）", s.watch_interval_s, 5, 600)?;
        range(
            "事故報告を促すまでの時間（分）",
            s.incident_after_min,
            1,
            240,
        )?;
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_valid_and_name_the_two_sites() {
        let d = OpeningSettings::default();
        assert_eq!(d.cleaned().unwrap(), d);
        assert!(d.targets.iter().any(|t| t.url.contains("kojinbango-card")));
        assert!(d.targets.iter().any(|t| t.url.contains("myna.go.jp")));
    }

    #[test]
    fn bad_values_are_refused_with_what_is_wrong() {
        let with = |f: &dyn Fn(&mut OpeningSettings)| {
            let mut s = OpeningSettings::default();
            f(&mut s);
            s.cleaned()
        };
        for url in [
            "ftp://x.example/",
            "myna.go.jp",
            "https://",
            "javascript:alert(1)",
            "",
        ] {
            let r = with(&|s| s.targets[0].url = url.into());
            assert_eq!(
                r,
                Err(OpeningError::BadTarget("J-LIS 申請サイト".into())),
                "{url}"
            );
        }
        assert_eq!(
            with(&|s| s.manual_items[1].label = "  ".into()),
            Err(OpeningError::EmptyName)
        );
        assert_eq!(
            with(&|s| s.manual_items[1].label = " リーフレットの在庫 ".into()),
            Err(OpeningError::Duplicate("リーフレットの在庫".into()))
        );
        assert!(matches!(
            with(&|s| s.watch_interval_s = 1),
            Err(OpeningError::OutOfRange { .. })
        ));
        assert!(matches!(
            with(&|s| s.max_backup_age_days = 0),
            Err(OpeningError::OutOfRange { .. })
        ));
        let trimmed = with(&|s| s.targets[1].url = "  https://myna.go.jp/  ".into()).unwrap();
        assert_eq!(trimmed.targets[1].url, "https://myna.go.jp/");
    }

    #[test]
    fn old_saved_settings_take_the_new_fields_default() {
        let s: OpeningSettings = serde_json::from_str(r#"{"targets": []}"#).unwrap();
        assert!(s.targets.is_empty());
        assert_eq!(s.watch_interval_s, 30);
        assert_eq!(s.manual_items.len(), 5);
    }
}
