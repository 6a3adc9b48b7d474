//! Slows down password guessing at the counter: after five wrong passwords for one ID within ten
//! minutes, that ID is refused for five minutes; after twenty wrong passwords for any IDs within
//! ten minutes (guessing across IDs), the kiosk takes no sign-in for a minute. Kept in memory (a
//! restart clears it), keyed by the ID as typed; time is passed in so the rules are testable.

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Wrong tries allowed within [`WINDOW`].
pub const MAX_FAILURES: u32 = 5;
/// How far back failures count.
pub const WINDOW: Duration = Duration::from_secs(10 * 60);
/// How long an ID is refused after too many failures.
pub const LOCKOUT: Duration = Duration::from_secs(5 * 60);
/// Wrong tries for any IDs within [`WINDOW`] before the kiosk pauses sign-in.
pub const MAX_OVERALL: usize = 20;
/// How long sign-in pauses then.
pub const PAUSE: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    first: Instant,
    last: Instant,
}

/// Failed sign-ins per ID and overall.
#[derive(Debug, Default)]
pub struct Throttle {
    by_id: HashMap<String, Failures>,
    overall: std::collections::VecDeque<Instant>,
}

impl Throttle {
    /// Seconds every sign-in must still wait, or `None`.
    pub fn paused(&mut self, now: Instant) -> Option<u64> {
        while self
            .overall
            .front()
            .is_some_and(|t| now.saturating_duration_since(*t) > WINDOW)
        {
            self.overall.pop_front();
        }
        if self.overall.len() < MAX_OVERALL {
            return None;
        }
        let until = *self.overall.back()? + PAUSE;
        (now < until).then(|| (until - now).as_secs().max(1))
    }

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
        self.overall.push_back(now);
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
    fn guessing_across_ids_pauses_the_kiosk() {
        let mut t = Throttle::default();
        let t0 = Instant::now();
        for i in 0..MAX_OVERALL {
            assert_eq!(t.paused(t0), None);
            t.failed(&format!("id{i}"), t0 + Duration::from_secs(i as u64));
        }
        let after = t0 + Duration::from_secs(30);
        assert!(
            t.paused(after).is_some(),
            "twenty wrong tries for twenty IDs pause sign-in"
        );
        assert_eq!(t.wait("id0", after), None, "no single ID is locked");
        assert_eq!(t.paused(after + PAUSE), None, "the pause ends");
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
