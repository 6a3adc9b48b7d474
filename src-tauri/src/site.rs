//! Per-PC site settings: which counter this PC is (1 or 2), and which site (office) it belongs to
//! when the city runs counters at several. Each counter PC keeps its own database, so the
//! settings live there.

use crate::store::{Store, StoreError};

const COUNTER_KEY: &str = "counter";
const SITE_KEY: &str = "site.id";
const COUNTERS_KEY: &str = "site.counters";

/// How many counters a site has when not set (the contract's two).
pub const DEFAULT_COUNTERS: u8 = 2;

/// How many counters this site has (numbered 1 to this).
pub fn counters(store: &Store) -> Result<u8, StoreError> {
    Ok(store
        .setting::<u8>(COUNTERS_KEY)?
        .unwrap_or(DEFAULT_COUNTERS))
}

/// Sets how many counters this site has (1–9).
pub fn set_counters(store: &Store, n: u8) -> Result<(), StoreError> {
    if !(1..=9).contains(&n) {
        return Err(StoreError::BadSetting {
            key: COUNTERS_KEY.into(),
            detail: "窓口数は1〜9です".into(),
        });
    }
    store.set_setting(COUNTERS_KEY, &n)
}

/// The site when none was set.
pub const DEFAULT_SITE: &str = "main";

/// This PC's counter number (1 when never set).
pub fn counter_if_set(store: &Store) -> Result<Option<u8>, StoreError> {
    store.setting::<u8>(COUNTER_KEY)
}

/// This PC's counter number (1 until it is set).
pub fn counter(store: &Store) -> Result<u8, StoreError> {
    Ok(store.setting::<u8>(COUNTER_KEY)?.unwrap_or(1))
}

/// Sets this PC's counter number (1–9).
pub fn set_counter(store: &Store, counter: u8) -> Result<(), StoreError> {
    if !(1..=9).contains(&counter) {
        return Err(StoreError::BadSetting {
            key: COUNTER_KEY.into(),
            detail: "窓口番号は1〜9です".into(),
        });
    }
    store.set_setting(COUNTER_KEY, &counter)
}

/// This PC's site (`main` when never set).
pub fn site_id(store: &Store) -> Result<String, StoreError> {
    Ok(store
        .setting::<String>(SITE_KEY)?
        .unwrap_or_else(|| DEFAULT_SITE.into()))
}

/// Whether `id` is a site name: 1–32 lower-case letters, digits and hyphens.
pub fn valid_site_id(id: &str) -> bool {
    (1..=32).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Sets this PC's site.
pub fn set_site_id(store: &Store, id: &str) -> Result<(), StoreError> {
    if !valid_site_id(id) {
        return Err(StoreError::BadSetting {
            key: SITE_KEY.into(),
            detail: "拠点名は英小文字・数字・ハイフンの32文字以内です".into(),
        });
    }
    store.set_setting(SITE_KEY, &id.to_string())
}
