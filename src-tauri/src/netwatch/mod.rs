//! The network watch (仕様書 §10(2): restore the connection quickly, and account for it): while
//! the counter is open the opening check's targets are probed every `watch_interval_s`; an outage
//! opens when a target fails twice in a row a moment apart (one lost packet is not an outage),
//! names the cause category of the first failure (DNS, no route, TLS, HTTP status, Wi-Fi login
//! page, no answer), and closes when every target answers again. Each outage is kept with its
//! start, end and cause; after `incident_after_min` the site manager is asked for an incident
//! report filled with the times; the monthly report lists the outages and the downtime inside
//! opening hours.
//!
//! This module holds the rule of a round ([`round`]), the outages in the store ([`store`]) and
//! the downtime arithmetic ([`downtime`]). The thread that runs the rounds is the app's.

pub mod downtime;
pub mod round;
pub mod store;

use serde::{Deserialize, Serialize};

pub use round::{round, Round};
pub use store::Outage;

/// What a round means for the outage record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// All answered, none open: nothing to write.
    Fine,
    /// A failure confirmed and none open: open one.
    Open {
        /// The first failure's cause.
        cause: crate::netcheck::Cause,
        /// The failing targets' names.
        targets: Vec<String>,
        /// The first failure's detail.
        detail: String,
    },
    /// Still failing: the open one goes on.
    Continues,
    /// All answered again: close the open one.
    Close,
}

/// The step for a round's result, given whether an outage is open.
pub fn step(open: bool, round: &Round) -> Step {
    match (open, round.failing.first()) {
        (false, None) => Step::Fine,
        (true, Some(_)) => Step::Continues,
        (true, None) => Step::Close,
        (false, Some(first)) => Step::Open {
            cause: first.cause,
            targets: round.failing.iter().map(|f| f.label.clone()).collect(),
            detail: first.detail.clone(),
        },
    }
}

/// The watch's state for the header.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatchView {
    /// Probing now (open hours and targets set).
    pub active: bool,
    /// When the last round ended, RFC 3339.
    pub last_round: Option<String>,
    /// The open outage, if any.
    pub outage: Option<Outage>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::netcheck::Cause;
    use round::Failing;

    fn failing(labels: &[(&str, Cause)]) -> Round {
        Round {
            failing: labels
                .iter()
                .map(|(l, c)| Failing {
                    label: (*l).into(),
                    cause: *c,
                    detail: format!("{l} failed"),
                })
                .collect(),
        }
    }

    #[test]
    fn an_outage_opens_goes_on_and_closes() {
        assert_eq!(step(false, &failing(&[])), Step::Fine);
        assert_eq!(
            step(
                false,
                &failing(&[("J-LIS", Cause::Dns), ("Myna", Cause::Timeout)])
            ),
            Step::Open {
                cause: Cause::Dns,
                targets: vec!["J-LIS".into(), "Myna".into()],
                detail: "J-LIS failed".into()
            }
        );
        assert_eq!(
            step(true, &failing(&[("Myna", Cause::Timeout)])),
            Step::Continues
        );
        assert_eq!(step(true, &failing(&[])), Step::Close);
    }
}
