//! Slows down password guessing at the counter: after five wrong passwords for one ID within ten
//! minutes, that ID is refused for five minutes. Kept in memory (a restart clears it), keyed by
//! the ID as typed; time is passed in so the rule is testable.

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Wrong tries allowed within [`WINDOW`].
pub const MAX_FAILURES: u32 = 5;
/// How far back failures count.
pub const WINDOW: Duration = Duration::from_secs(10 * 60);
/// How long an ID is refused after too many failures.
pub const LOCKOUT: Duration = Duration::from_secs(5 * 60);

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    first: Instant,
    last: Instant,
}

/// Failed sign-ins per ID.
#[derive(Debug, Default)]
pub struct Throttle {
    by_id: HashMap<String, Failures>,
}

impl Throttle {
    /// Seconds the ID must still wait, or `None` when it may try.
    pub fn wait(&self, login_id: &str, now: Instant) -> Option<u64> {
        let f = self.by_id.get(login_id.trim())?;
        if f.count < MAX_FAILURES {
            return None;
        }
        let until = f.last + LOCKOUT;
        (now < until).then(|| (until - now).as_secs().max(1))
    }

    /// Records a wrong password.
    pub fn failed(&mut self, login_id: &str, now: Instant) {
        let entry = self
            .by_id
            .entry(login_id.trim().to_string())
            .or_insert(Failures {
                count: 0,
                first: now,
                last: now,
            });
        if now.duration_since(entry.first) > WINDOW
            || now.duration_since(entry.last) > LOCKOUT && entry.count >= MAX_FAILURES
        {
            *entry = Failures {
                count: 0,
                first: now,
                last: now,
            };
        }
        entry.count += 1;
        entry.last = now;
    }

    /// A successful sign-in clears the ID's failures.
    pub fn succeeded(&mut self, login_id: &str) {
        self.by_id.remove(login_id.trim());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_lock_the_id_for_five_minutes() {
        let mut t = Throttle::default();
        let t0 = Instant::now();
        for i in 0..MAX_FAILURES {
            assert_eq!(t.wait("op1", t0), None, "try {i} is allowed");
            t.failed("op1", t0 + Duration::from_secs(u64::from(i)));
        }
        let after = t0 + Duration::from_secs(10);
        assert!(t.wait("op1", after).is_some(), "the sixth try waits");
        assert_eq!(t.wait("op2", after), None, "other IDs are not affected");
        assert_eq!(
            t.wait("op1", t0 + LOCKOUT + Duration::from_secs(5)),
            None,
            "the lock ends"
        );
        t.succeeded("op1");
        assert_eq!(t.wait("op1", after), None);
    }

    #[test]
    fn failures_spread_over_more_than_the_window_do_not_lock() {
        let mut t = Throttle::default();
        let t0 = Instant::now();
        for i in 0..10 {
            t.failed("op1", t0 + WINDOW / 3 * i);
        }
        assert_eq!(t.wait("op1", t0 + WINDOW / 3 * 9), None);
    }
}
