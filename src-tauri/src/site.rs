//! Per-PC site settings: which counter this PC is (1 or 2). Each counter PC keeps its own
//! database, so the setting lives there.

use crate::store::{Store, StoreError};

const COUNTER_KEY: &str = "counter";

/// This PC's counter number (1 when never set).
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
