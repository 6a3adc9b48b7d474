//! The fixed texts at the top of every report (業務名, 宛先, 受託者名, 業務責任者), kept as a setting
//! because the format is agreed with each city.

use serde::{Deserialize, Serialize};

use crate::store::{Store, StoreError};

const KEY: &str = "report_header";

/// The report's fixed texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportHeader {
    /// 業務名.
    pub business_name: String,
    /// 宛先, e.g. 「○○市長 様」.
    pub addressee: String,
    /// 受託者名.
    pub contractor: String,
    /// 業務責任者.
    pub responsible: String,
}

impl Default for ReportHeader {
    fn default() -> Self {
        Self {
            business_name: "マイナンバーカード申請支援（オンライン窓口方式）業務委託".into(),
            addressee: "○○市長 様".into(),
            contractor: "（受託者名を設定してください）".into(),
            responsible: "（業務責任者を設定してください）".into(),
        }
    }
}

impl ReportHeader {
    /// The fields still holding a placeholder (「○○市長 様」, 「（受託者名を設定してください）」), by
    /// their Japanese names. A report is not submitted while there is one.
    pub fn placeholders(&self) -> Vec<&'static str> {
        let placeholder = |text: &str| {
            ["設定してください", "○○", "〇〇", "◯◯", "××", "＿＿"]
                .iter()
                .any(|mark| text.contains(mark))
        };
        [
            ("業務名", &self.business_name),
            ("宛先", &self.addressee),
            ("受託者名", &self.contractor),
            ("業務責任者", &self.responsible),
        ]
        .into_iter()
        .filter(|(_, text)| placeholder(text))
        .map(|(name, _)| name)
        .collect()
    }
}

/// The saved texts, or the defaults.
pub fn load(store: &Store) -> Result<ReportHeader, StoreError> {
    Ok(store.setting(KEY)?.unwrap_or_default())
}

/// Saves the texts (each trimmed, at most 100 characters).
pub fn save(store: &Store, header: &ReportHeader) -> Result<(), StoreError> {
    let fields = [
        &header.business_name,
        &header.addressee,
        &header.contractor,
        &header.responsible,
    ];
    if fields
        .iter()
        .any(|f| f.trim().is_empty() || f.chars().count() > 100)
    {
        return Err(StoreError::BadSetting {
            key: KEY.into(),
            detail: "各項目は1〜100文字で入力してください".into(),
        });
    }
    let trimmed = ReportHeader {
        business_name: header.business_name.trim().into(),
        addressee: header.addressee.trim().into(),
        contractor: header.contractor.trim().into(),
        responsible: header.responsible.trim().into(),
    };
    store.set_setting(KEY, &trimmed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_round_trips_and_refuses_empty_fields() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(load(&store).unwrap(), ReportHeader::default());
        let mut h = ReportHeader {
            addressee: " 松本市長 様 ".into(),
            ..Default::default()
        };
        save(&store, &h).unwrap();
        assert_eq!(load(&store).unwrap().addressee, "松本市長 様");
        h.contractor = " ".into();
        assert!(save(&store, &h).is_err());
    }

    #[test]
    fn placeholders_are_named() {
        let d = ReportHeader::default();
        assert_eq!(d.placeholders(), vec!["宛先", "受託者名", "業務責任者"]);
        assert_eq!(
            d.business_name, "マイナンバーカード申請支援（オンライン窓口方式）業務委託",
            "the contract's name (仕様書 §1)"
        );
        let filled = ReportHeader {
            addressee: "松本市長 様".into(),
            contractor: "株式会社窓口サービス".into(),
            responsible: "業務責任者 山田".into(),
            ..d.clone()
        };
        assert!(filled.placeholders().is_empty());
        let half = ReportHeader {
            addressee: "〇〇市長 様".into(),
            ..filled
        };
        assert_eq!(half.placeholders(), vec!["宛先"]);
    }
}
