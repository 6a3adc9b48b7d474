//! One round of the watch: probe every target; probe the failing ones once more a moment later,
//! and only what fails both times counts (a lost packet or a server's hiccup is not an outage).
//! A target that stayed silent for the whole time limit counts at once: that is no hiccup, and
//! asking again would only delay the warning by another time limit.

use std::time::Duration;

use crate::netcheck::{Cause, Probe};
use crate::opening::Target;

/// A target that failed twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failing {
    /// The target's name.
    pub label: String,
    /// The cause category of its failure (the second probe's).
    pub cause: Cause,
    /// What was found.
    pub detail: String,
}

/// What a round found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Round {
    /// The targets that failed twice, in the targets' order.
    pub failing: Vec<Failing>,
}

/// Runs a round with `probe` (which probes a list of targets at once), waiting `confirm_after`
/// before probing the failing ones again.
pub fn round(
    targets: &[Target],
    probe: &dyn Fn(&[Target]) -> Vec<Probe>,
    confirm_after: Duration,
) -> Round {
    let failed = |probes: &[Probe]| -> Vec<Target> {
        targets
            .iter()
            .filter(|t| probes.iter().any(|p| p.url == t.url && !p.ok))
            .cloned()
            .collect()
    };
    let probes = probe(targets);
    let first = failed(&probes);
    if first.is_empty() {
        return Round::default();
    }
    let silent = |t: &Target| {
        probes
            .iter()
            .any(|p| p.url == t.url && p.cause == Some(Cause::Timeout))
    };
    let to_ask: Vec<Target> = first.iter().filter(|t| !silent(t)).cloned().collect();
    let mut again = Vec::new();
    if !to_ask.is_empty() {
        std::thread::sleep(confirm_after);
        again = probe(&to_ask);
    }
    Round {
        failing: first
            .iter()
            .filter_map(|t| {
                let p = if silent(t) {
                    probes.iter().find(|p| p.url == t.url)?
                } else {
                    again.iter().find(|p| p.url == t.url && !p.ok)?
                };
                Some(Failing {
                    label: t.label.clone(),
                    cause: p.cause.unwrap_or(Cause::Http),
                    detail: p.detail.clone(),
                })
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn target(name: &str) -> Target {
        Target {
            label: name.into(),
            url: format!("https://{name}.example/"),
        }
    }

    fn probe(url: &str, ok: bool) -> Probe {
        Probe {
            ok,
            cause: (!ok).then_some(Cause::NoRoute),
            ..Probe::failed(url, Cause::NoRoute, "接続できません".into())
        }
    }

    #[test]
    fn a_failure_counts_only_when_it_repeats() {
        let targets = [target("a"), target("b")];
        let calls = AtomicUsize::new(0);
        // b fails the first time only: a hiccup.
        let hiccup = |ts: &[Target]| -> Vec<Probe> {
            let n = calls.fetch_add(1, Ordering::SeqCst);
            ts.iter()
                .map(|t| probe(&t.url, !(t.label == "b" && n == 0)))
                .collect()
        };
        assert_eq!(round(&targets, &hiccup, Duration::ZERO), Round::default());
        assert_eq!(calls.load(Ordering::SeqCst), 2, "b was probed again");
        // b fails both times.
        let down = |ts: &[Target]| -> Vec<Probe> {
            ts.iter().map(|t| probe(&t.url, t.label != "b")).collect()
        };
        let r = round(&targets, &down, Duration::ZERO);
        assert_eq!(r.failing.len(), 1);
        assert_eq!(
            (r.failing[0].label.as_str(), r.failing[0].cause),
            ("b", Cause::NoRoute)
        );
        // All fine: one probe only.
        let calls = AtomicUsize::new(0);
        let fine = |ts: &[Target]| -> Vec<Probe> {
            calls.fetch_add(1, Ordering::SeqCst);
            ts.iter().map(|t| probe(&t.url, true)).collect()
        };
        assert!(round(&targets, &fine, Duration::ZERO).failing.is_empty());
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn a_silence_of_the_whole_time_limit_counts_at_once() {
        let targets = [target("a"), target("b")];
        let calls = AtomicUsize::new(0);
        let silent = |ts: &[Target]| -> Vec<Probe> {
            calls.fetch_add(1, Ordering::SeqCst);
            ts.iter()
                .map(|t| {
                    if t.label == "b" {
                        Probe::failed(&t.url, Cause::Timeout, "応答がありません".into())
                    } else {
                        probe(&t.url, true)
                    }
                })
                .collect()
        };
        let r = round(&targets, &silent, Duration::from_secs(60));
        assert_eq!(r.failing.len(), 1);
        assert_eq!(r.failing[0].cause, Cause::Timeout);
        assert_eq!(calls.load(Ordering::SeqCst), 1, "not asked again");
    }
}
