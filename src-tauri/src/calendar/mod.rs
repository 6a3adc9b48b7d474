//! The operating calendar: national holidays, the contract's weekly hours, the weekend days the
//! site manager picks, city closure days, manual overrides and the contract period.
//! Pure functions of a configuration and a date; the store loads and saves the configuration.
pub mod config;
pub mod day;
pub mod holidays;
pub mod month;
pub mod status;
pub mod stored;
pub mod wareki;

pub use config::{CalendarConfig, Hours, RecurringClosure};
pub use day::{Calendar, DayInfo, DayKind, DayOverride, HolidayOverride, PickError};
pub use month::{BadMonth, Month};
pub use status::{status_at, Status, TodayStatus};
pub use stored::CalendarError;
