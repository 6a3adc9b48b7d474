//! Which of two versions of one record is current. The rule, the same on every counter so that
//! all of them end up agreeing without talking to each other:
//!
//! 1. the higher revision (an amendment is made on top of what its author saw);
//! 2. at the same revision (two counters changed the same record without seeing each other's
//!    change), the change made later;
//! 3. at the same moment, the smaller site name, then the smaller counter number, then the
//!    smaller change uuid — arbitrary, but the same everywhere.
//!
//! The version that is not current is kept in the record's history, never dropped.

use std::cmp::Ordering;

/// What the rule looks at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// Revision.
    pub revision: i64,
    /// When made, RFC 3339 +09:00 (text order is time order).
    pub at: String,
    /// Site.
    pub site: String,
    /// Counter.
    pub counter: u8,
    /// Change uuid.
    pub uuid: String,
}

/// `a` against `b`: `Greater` when `a` is the one to keep current.
pub fn compare(a: &Stamp, b: &Stamp) -> Ordering {
    a.revision
        .cmp(&b.revision)
        .then_with(|| a.at.cmp(&b.at))
        .then_with(|| b.site.cmp(&a.site))
        .then_with(|| b.counter.cmp(&a.counter))
        .then_with(|| b.uuid.cmp(&a.uuid))
}

/// Whether `incoming` becomes current over `current` (always, when there is none).
pub fn incoming_wins(incoming: &Stamp, current: Option<&Stamp>) -> bool {
    current.is_none_or(|c| compare(incoming, c) == Ordering::Greater)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(revision: i64, at: &str, counter: u8, uuid: &str) -> Stamp {
        Stamp {
            revision,
            at: at.into(),
            site: "main".into(),
            counter,
            uuid: uuid.into(),
        }
    }

    #[test]
    fn both_counters_pick_the_same_version() {
        let cases = [
            (s(2, "10:00", 1, "a"), s(1, "11:00", 2, "b")),
            (s(2, "11:00", 2, "b"), s(2, "10:00", 1, "a")),
            (s(2, "10:00", 1, "b"), s(2, "10:00", 2, "a")),
            (s(2, "10:00", 1, "a"), s(2, "10:00", 1, "b")),
        ];
        for (winner, loser) in cases {
            assert!(
                incoming_wins(&winner, Some(&loser)),
                "{winner:?} over {loser:?}"
            );
            assert!(
                !incoming_wins(&loser, Some(&winner)),
                "{loser:?} under {winner:?}"
            );
        }
        let one = s(1, "10:00", 1, "a");
        assert!(
            !incoming_wins(&one, Some(&one)),
            "the same change is not newer"
        );
        assert!(incoming_wins(&one, None));
    }
}
