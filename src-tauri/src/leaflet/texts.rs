//! The leaflet's wording: the site manager writes a draft, the city approves it (as it approves
//! the manual, 仕様書 §6(4)); the PDF prints the approved wording only. Until the city has
//! approved any, the starter wording is printed with 「（市の承認前の文案）」 on the page.

use serde::{Deserialize, Serialize};

use super::LeafletError;
use crate::store::{Store, StoreError};

/// The wording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeafletTexts {
    /// The counter's name, the leaflet's title.
    pub name: String,
    /// Where it is.
    pub place: String,
    /// What it helps with, one item per line.
    pub helps: Vec<String>,
    /// What to bring, one item per line.
    pub bring: Vec<String>,
    /// A free text at the foot (contact, notes).
    pub note: String,
}

impl Default for LeafletTexts {
    fn default() -> Self {
        let lines = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
        Self {
            name: "マイナンバーカード オンライン窓口".into(),
            place: "市役所 本庁舎 1階".into(),
            helps: lines(&[
                "マイナンバーカードの交付申請（申請書がなくても申請できます。顔写真もその場で撮影します）",
                "マイナポータルの手続き（健康保険証の利用申込み、公金受取口座の登録）",
                "暗証番号や電子証明書についてのご相談",
            ]),
            bring: lines(&[
                "本人確認書類（運転免許証、健康保険証など）",
                "交付申請書（お持ちの方）",
                "マイナポータルの手続きには、マイナンバーカードと暗証番号",
            ]),
            note: "ご不明な点は市民課までお問い合わせください。".into(),
        }
    }
}

/// The longest a line may be (it must fit the page).
const MAX_LINE: usize = 60;
/// The most items a list may have.
const MAX_ITEMS: usize = 6;

impl LeafletTexts {
    /// Trimmed and checked: nothing empty where the leaflet needs it, lines that fit.
    pub fn cleaned(&self) -> Result<Self, LeafletError> {
        let trim = |v: &[String]| -> Vec<String> {
            v.iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        };
        let t = Self {
            name: self.name.trim().into(),
            place: self.place.trim().into(),
            helps: trim(&self.helps),
            bring: trim(&self.bring),
            note: self.note.trim().into(),
        };
        let long = |what, s: &str, max| {
            if s.chars().count() > max || s.is_empty() {
                Err(LeafletError::TooLong { what, max })
            } else {
                Ok(())
            }
        };
        long("窓口の名前", &t.name, 24)?;
        long("場所", &t.place, MAX_LINE)?;
        for (what, list) in [
            ("お手伝いできること", &t.helps),
            ("お持ちいただくもの", &t.bring),
        ] {
            if list.is_empty() || list.len() > MAX_ITEMS {
                return Err(LeafletError::TooLong {
                    what,
                    max: MAX_ITEMS,
                });
            }
            for s in list {
                long(what, s, MAX_LINE)?;
            }
        }
        if t.note.chars().count() > 200 {
            return Err(LeafletError::TooLong {
                what: "自由記入欄",
                max: 200,
            });
        }
        Ok(t)
    }
}

/// The wording in the store: the draft and the approved version.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stored {
    /// The site manager's latest draft, if one waits for the city.
    pub draft: Option<LeafletTexts>,
    /// What the city approved, if anything yet.
    pub approved: Option<LeafletTexts>,
    /// Who approved it and when.
    #[serde(default)]
    pub approved_by: String,
    /// RFC 3339.
    #[serde(default)]
    pub approved_at: String,
}

impl Stored {
    /// What the PDF prints, and whether it is approved.
    pub fn printed(&self) -> (LeafletTexts, bool) {
        match &self.approved {
            Some(t) => (t.clone(), true),
            None => (LeafletTexts::default(), false),
        }
    }
}

const KEY: &str = "leaflet.texts";

/// The stored wording.
pub fn load(store: &Store) -> Result<Stored, StoreError> {
    Ok(store.setting(KEY)?.unwrap_or_default())
}

/// Saves the wording.
pub fn save(store: &Store, s: &Stored) -> Result<(), StoreError> {
    store.set_setting(KEY, s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_wording_is_valid_and_bad_wording_is_refused() {
        let d = LeafletTexts::default();
        assert_eq!(d.cleaned().unwrap(), d);
        let with = |f: &dyn Fn(&mut LeafletTexts)| {
            let mut t = LeafletTexts::default();
            f(&mut t);
            t.cleaned()
        };
        assert!(with(&|t| t.name = " ".into()).is_err());
        assert!(
            with(&|t| t.helps = vec!["  ".into()]).is_err(),
            "an empty list"
        );
        assert!(with(&|t| t.bring.push("あ".repeat(61))).is_err());
        assert!(with(&|t| t.helps = vec!["x".into(); 7]).is_err());
        assert_eq!(
            with(&|t| t.bring.push("  ".into())).unwrap().bring.len(),
            3,
            "blank lines dropped"
        );
        let (printed, approved) = Stored::default().printed();
        assert_eq!((printed, approved), (LeafletTexts::default(), false));
    }
}
