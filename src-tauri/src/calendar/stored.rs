//! Loading and saving the calendar: the configuration in `settings`, weekend picks, day overrides
//! and holiday overrides in their own tables.

use chrono::NaiveDate;
use rusqlite::params;

use super::{Calendar, CalendarConfig, DayOverride, HolidayOverride, PickError};
use crate::store::{Store, StoreError};

const CONFIG_KEY: &str = "calendar";

/// What can go wrong when changing the calendar.
#[derive(Debug, thiserror::Error)]
pub enum CalendarError {
    /// The day cannot be picked.
    #[error(transparent)]
    Pick(#[from] PickError),
    /// A configuration that does not hold together.
    #[error("設定が正しくありません：{0}")]
    BadConfig(String),
    /// An override without a reason.
    #[error("理由を入力してください。")]
    ReasonRequired,
    /// A reason holds personal data.
    #[error(transparent)]
    PersonalData(#[from] crate::privacy::PersonalData),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl CalendarError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Pick(_) => "cannot_pick",
            Self::BadConfig(_) => "bad_config",
            Self::ReasonRequired => "reason_required",
            Self::PersonalData(e) => e.code(),
            Self::Store(e) => e.code(),
        }
    }
}

impl From<rusqlite::Error> for CalendarError {
    fn from(e: rusqlite::Error) -> Self {
        CalendarError::Store(e.into())
    }
}

fn json_rows<T: serde::de::DeserializeOwned>(
    store: &Store,
    table: &str,
) -> Result<Vec<(NaiveDate, T)>, CalendarError> {
    let mut stmt = store
        .conn
        .prepare(&format!("SELECT date, json FROM {table} ORDER BY date"))?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, NaiveDate>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (date, json) = row?;
        let value = serde_json::from_str(&json)
            .map_err(|e| CalendarError::BadConfig(format!("{table} {date}: {e}")))?;
        out.push((date, value));
    }
    Ok(out)
}

/// The calendar as saved.
pub fn load(store: &Store) -> Result<Calendar, CalendarError> {
    let config = store
        .setting::<CalendarConfig>(CONFIG_KEY)?
        .unwrap_or_default();
    let mut stmt = store
        .conn
        .prepare("SELECT date FROM weekend_picks ORDER BY date")?;
    let weekend_picks = stmt
        .query_map([], |r| r.get::<_, NaiveDate>(0))?
        .collect::<Result<_, _>>()?;
    Ok(Calendar {
        config,
        weekend_picks,
        overrides: json_rows(store, "day_overrides")?.into_iter().collect(),
        holiday_overrides: json_rows(store, "holiday_overrides")?.into_iter().collect(),
    })
}

/// Saves the configuration after checking it holds together.
pub fn save_config(store: &Store, config: &CalendarConfig) -> Result<(), CalendarError> {
    if config.contract_end < config.contract_start {
        return Err(CalendarError::BadConfig(
            "契約期間の終了日が開始日より前です".into(),
        ));
    }
    if config.weekend_days_per_month > 10 {
        return Err(CalendarError::BadConfig(
            "土日の開設日数は月10日までです".into(),
        ));
    }
    for h in config
        .weekly
        .iter()
        .flatten()
        .chain(std::iter::once(&config.weekend_hours))
    {
        if h.closes <= h.opens {
            return Err(CalendarError::BadConfig(
                "終了時刻は開始時刻より後にしてください".into(),
            ));
        }
    }
    Ok(store.set_setting(CONFIG_KEY, config)?)
}

/// Picks (or with `picked = false` unpicks) a weekend opening day.
pub fn set_weekend_pick(
    store: &Store,
    date: NaiveDate,
    picked: bool,
) -> Result<Calendar, CalendarError> {
    let cal = load(store)?;
    if picked {
        cal.check_pick(date)?;
        store.conn.execute(
            "INSERT OR IGNORE INTO weekend_picks (date) VALUES (?1)",
            [date],
        )?;
    } else {
        store
            .conn
            .execute("DELETE FROM weekend_picks WHERE date = ?1", [date])?;
    }
    load(store)
}

/// Writes `value` as the JSON row of `date` in `table`, or deletes the row when `None`.
fn put_json_row<T: serde::Serialize>(
    store: &Store,
    table: &str,
    date: NaiveDate,
    value: Option<&T>,
) -> Result<(), CalendarError> {
    match value {
        Some(v) => {
            let json =
                serde_json::to_string(v).map_err(|e| CalendarError::BadConfig(e.to_string()))?;
            store.conn.execute(
                &format!("INSERT INTO {table} (date, json) VALUES (?1, ?2) ON CONFLICT (date) DO UPDATE SET json = excluded.json"),
                params![date, json],
            )?;
        }
        None => {
            store
                .conn
                .execute(&format!("DELETE FROM {table} WHERE date = ?1"), [date])?;
        }
    }
    Ok(())
}

/// Sets or clears (`None`) a manual override of one day.
pub fn set_day_override(
    store: &Store,
    date: NaiveDate,
    value: Option<&DayOverride>,
) -> Result<(), CalendarError> {
    if let Some(DayOverride::Open { reason, .. } | DayOverride::Closed { reason }) = value {
        if reason.trim().is_empty() {
            return Err(CalendarError::ReasonRequired);
        }
        crate::privacy::check_text(reason, 200)?;
    }
    put_json_row(store, "day_overrides", date, value)
}

/// Adds, removes or (with `None`) restores the law's holiday on one day.
pub fn set_holiday_override(
    store: &Store,
    date: NaiveDate,
    value: Option<&HolidayOverride>,
) -> Result<(), CalendarError> {
    if matches!(value, Some(HolidayOverride::Add { name }) if name.trim().is_empty()) {
        return Err(CalendarError::ReasonRequired);
    }
    put_json_row(store, "holiday_overrides", date, value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Hours;

    #[test]
    fn picks_and_overrides_survive_a_reload() {
        let store = Store::open_in_memory().unwrap();
        let d = |m, dd| NaiveDate::from_ymd_opt(2023, m, dd).unwrap();
        set_weekend_pick(&store, d(7, 1), true).unwrap();
        assert!(matches!(
            set_weekend_pick(&store, d(7, 3), true),
            Err(CalendarError::Pick(PickError::NotWeekend(_)))
        ));
        set_day_override(
            &store,
            d(7, 4),
            Some(&DayOverride::Closed {
                reason: "停電".into(),
            }),
        )
        .unwrap();
        assert!(matches!(
            set_day_override(
                &store,
                d(7, 5),
                Some(&DayOverride::Closed { reason: " ".into() })
            ),
            Err(CalendarError::ReasonRequired)
        ));
        let cal = load(&store).unwrap();
        assert!(cal.day(d(7, 1)).open);
        assert_eq!(cal.day(d(7, 4)).closure.as_deref(), Some("停電"));
        set_weekend_pick(&store, d(7, 1), false).unwrap();
        assert!(!load(&store).unwrap().day(d(7, 1)).open);
    }

    #[test]
    fn config_round_trips_and_is_checked() {
        let store = Store::open_in_memory().unwrap();
        let mut cfg = CalendarConfig::default();
        cfg.weekly[1] = Hours::new((8, 30), (19, 0));
        save_config(&store, &cfg).unwrap();
        assert_eq!(load(&store).unwrap().config, cfg);
        cfg.contract_end = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        assert!(matches!(
            save_config(&store, &cfg),
            Err(CalendarError::BadConfig(_))
        ));
    }
}
