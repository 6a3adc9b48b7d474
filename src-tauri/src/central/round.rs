//! One sync round: write the finished days' language counts to the outbox, push what this
//! counter made, then pull and place what the others made.
//! The local store is touched only between network calls ([`Local`]), so the kiosk never waits
//! on the network for its own database.

use postgres::Client;

use super::{exchange, schema, CentralError};
use crate::store::Store;
use crate::sync::{apply, log};

/// How many changes travel per statement batch.
pub const BATCH: u32 = 500;

/// Access to the local store for a short piece of work (the kiosk's lock, or the CLI's own store).
pub trait Local {
    /// Runs `f` on the store.
    fn with<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, CentralError>,
    ) -> Result<T, CentralError>;
}

impl Local for std::cell::RefCell<&mut Store> {
    fn with<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, CentralError>,
    ) -> Result<T, CentralError> {
        f(&mut self.borrow_mut())
    }
}

/// What a round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    /// Changes pushed.
    pub pushed: usize,
    /// Changes pulled.
    pub pulled: usize,
    /// Of those, now current here.
    pub applied: usize,
    /// Of those, already here or older (kept in the history).
    pub kept: usize,
    /// Of those, not placed (noted with the problem).
    pub failed: usize,
}

/// Runs one round over `client`; `now` stamps the log.
pub fn run<L: Local>(
    local: &L,
    client: &mut Client,
    now: &dyn Fn() -> String,
) -> Result<Report, CentralError> {
    schema::check(client)?;
    let (site, counter) =
        local.with(|s| Ok((crate::site::site_id(s)?, crate::site::counter(s)?)))?;
    match schema::whoami(client)? {
        Some((s, c)) if s == site && c == counter => {}
        found => {
            return Err(CentralError::WrongRole {
                expected: format!("{site} 第{counter}窓口"),
                found: found.map_or("登録なし".into(), |(s, c)| format!("{s} 第{c}窓口")),
            })
        }
    }
    if let Some(today) = crate::clock::parse(&now()).map(|t| t.date_naive()) {
        local.with(|s| {
            Ok(crate::citizen::shared::record_finished_days(
                s,
                today,
                &now(),
            )?)
        })?;
    }
    let mut report = Report::default();
    loop {
        let batch = local.with(|s| Ok(log::unpushed(s, BATCH)?))?;
        let Some(last) = batch.last().map(|c| c.seq) else {
            break;
        };
        exchange::push(client, &batch)?;
        local.with(|s| Ok(log::mark_pushed(s, last, &now())?))?;
        report.pushed += batch.len();
    }
    // A counter whose changes this binary cannot read (a newer version) stops only its own pull.
    let mut stopped = None;
    for other in exchange::counters(client, &site)? {
        if other == counter {
            continue;
        }
        loop {
            let after = local.with(|s| Ok(log::cursor(s, &site, other)?))?;
            let batch = match exchange::pull(client, &site, other, after, i64::from(BATCH)) {
                Err(e @ CentralError::UnknownKind { .. }) => {
                    stopped = Some(e);
                    break;
                }
                batch => batch?,
            };
            let Some(last) = batch.last().map(|c| c.seq) else {
                break;
            };
            report.pulled += batch.len();
            local.with(|s| {
                for c in &batch {
                    match apply::apply(s, c, &now())? {
                        apply::Outcome::Applied => report.applied += 1,
                        apply::Outcome::Failed => report.failed += 1,
                        _ => report.kept += 1,
                    }
                }
                log::set_cursor(s, &site, other, last)?;
                Ok(())
            })?;
        }
    }
    match stopped {
        Some(e) => Err(e),
        None => Ok(report),
    }
}
