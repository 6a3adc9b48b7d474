//! Local time at the counter (Asia/Tokyo, +09:00 all year: Japan has no daylight saving time) and
//! the one text form every stored time uses, so that text order is time order.

use chrono::{DateTime, FixedOffset, NaiveDate, Offset, SecondsFormat, TimeZone, Utc};

/// One moment as a use case sees it: the wall clock in Tokyo (what records say) and the
/// monotonic clock (what time limits and throttles count with: it never jumps).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    /// Tokyo time.
    pub wall: DateTime<FixedOffset>,
    /// The monotonic clock.
    pub mono: std::time::Instant,
}

impl Moment {
    /// Now, from the system's clocks. Only the shell and the CLI call this.
    pub fn now() -> Self {
        Self {
            wall: now(),
            mono: std::time::Instant::now(),
        }
    }

    /// A given wall time (tests); the monotonic clock is read now.
    pub fn at(wall: DateTime<FixedOffset>) -> Self {
        Self {
            wall,
            mono: std::time::Instant::now(),
        }
    }
}

/// The counter's time zone.
pub fn tokyo() -> FixedOffset {
    // 9 hours is always in range; the UTC fallback is unreachable.
    FixedOffset::east_opt(9 * 3600).unwrap_or(Utc.fix())
}

/// Now, in Tokyo. Only the shell and the CLI call this; domain functions take the time as input.
pub fn now() -> DateTime<FixedOffset> {
    Utc::now().with_timezone(&tokyo())
}

/// The stored form: RFC 3339, whole seconds, `+09:00` (e.g. `2023-07-03T09:12:00+09:00`).
pub fn stamp(t: DateTime<FixedOffset>) -> String {
    t.with_timezone(&tokyo())
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// Parses any RFC 3339 time and moves it to Tokyo time.
pub fn parse(text: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|t| t.with_timezone(&tokyo()))
}

/// Midnight at the start of `date`, Tokyo time, in the stored form.
pub fn day_start(date: NaiveDate) -> String {
    let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    match tokyo().from_local_datetime(&midnight).single() {
        Some(t) => stamp(t),
        None => format!("{date}T00:00:00+09:00"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_form_is_tokyo_and_sortable() {
        let t = parse("2023-07-03T00:12:00Z").unwrap();
        assert_eq!(stamp(t), "2023-07-03T09:12:00+09:00");
        assert_eq!(
            day_start(NaiveDate::from_ymd_opt(2023, 7, 3).unwrap()),
            "2023-07-03T00:00:00+09:00"
        );
        assert!(parse("not a time").is_none());
    }
}
