//! The monthly figures over every counter, counted on the server: two `GROUP BY` statements over
//! `madoguchi.visits` (the current version of each visit, kept by the server as changes arrive)
//! give the same groups a counter folds from its own visits (`report::counted`), so the report
//! of a site or of the whole city ships a few hundred rows, never the visits. Which counters the
//! figures include, and up to when, comes with them.

use chrono::NaiveDate;
use postgres::Client;
use serde::Serialize;

use super::CentralError;
use crate::report::counted::{Counted, Group};
use crate::report::APPLICATION_SERVICES;

/// What the counting statements filter on: the sites, the period (local start time), counted
/// visits only (ended, not voided).
const COUNTED: &str = "site = ANY($1) AND started_local >= $2::text::timestamp
     AND started_local < $3::text::timestamp AND seconds IS NOT NULL AND NOT voided";

/// The schema version the counting statements need (`madoguchi.visits`).
pub const SCHEMA_NEEDED: i32 = 2;

/// Which data of one counter the figures include.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// Site.
    pub site: String,
    /// Counter.
    pub counter: u8,
    /// When its newest change on the server was made (its clock), if it sent any.
    pub up_to: Option<String>,
    /// When the server received that change (+09:00).
    pub received_at: Option<String>,
}

/// The sites the connected role can report on: its own site for a counter, every site for the
/// city's owner role.
pub fn sites(client: &mut Client) -> Result<Vec<String>, CentralError> {
    let own = client.query(
        "SELECT DISTINCT site FROM madoguchi.counters WHERE role_name = current_user",
        &[],
    )?;
    let rows = if own.is_empty() {
        client.query(
            "SELECT DISTINCT site FROM madoguchi.counters ORDER BY site",
            &[],
        )?
    } else {
        own
    };
    Ok(rows.iter().map(|r| r.get(0)).collect())
}

/// Each counter of `sites` the server knows, with its newest change.
pub fn sources(client: &mut Client, sites: &[String]) -> Result<Vec<Source>, CentralError> {
    let rows = client.query(
        "SELECT c.site, c.counter, last.at,
                to_char(last.received_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD\"T\"HH24:MI:SS\"+09:00\"')
         FROM madoguchi.counters c
         LEFT JOIN LATERAL (
             SELECT ch.at, ch.received_at FROM madoguchi.changes ch
             WHERE ch.site = c.site AND ch.counter = c.counter ORDER BY ch.seq DESC LIMIT 1
         ) last ON true
         WHERE c.site = ANY($1) ORDER BY c.site, c.counter",
        &[&sites],
    )?;
    Ok(rows
        .iter()
        .map(|r| Source {
            site: r.get(0),
            counter: u8::try_from(r.get::<_, i32>(1)).unwrap_or(0),
            up_to: r.get(2),
            received_at: r.get(3),
        })
        .collect())
}

fn date(text: &str) -> Result<NaiveDate, CentralError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| CentralError::Query(format!("日付 {text}: {e}")))
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// The visits of `sites` started from `first` to `last` (both included), counted on the server.
pub fn counted(
    client: &mut Client,
    sites: &[String],
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Counted, CentralError> {
    let lo = first.to_string();
    let hi = last.succ_opt().unwrap_or(last).to_string();
    let application: Vec<&str> = APPLICATION_SERVICES.to_vec();
    let mut out = Counted::default();
    let rows = client.query(
        &format!(
            "SELECT to_char(started_local, 'YYYY-MM-DD'), counter,
                    extract(hour FROM started_local)::integer,
                    CASE WHEN outcome = 'not_completed' THEN reason END,
                    count(*), sum(seconds)::bigint, max(seconds),
                    count(*) FILTER (WHERE services && $4::text[]),
                    count(*) FILTER (WHERE 'application' = ANY(services) AND form_brought),
                    count(*) FILTER (WHERE 'application' = ANY(services) AND NOT form_brought),
                    count(*) FILTER (WHERE 'photo' = ANY(services)),
                    count(*) FILTER (WHERE 'photo_attach' = ANY(services))
             FROM madoguchi.visits WHERE {COUNTED} GROUP BY 1, 2, 3, 4"
        ),
        &[&sites, &lo, &hi, &application],
    )?;
    for r in rows {
        out.groups.push(Group {
            date: date(r.get(0))?,
            counter: u8::try_from(r.get::<_, i32>(1)).unwrap_or(0),
            hour: u8::try_from(r.get::<_, i32>(2)).ok(),
            reason: r.get(3),
            visits: count(r.get(4)),
            seconds: r.get(5),
            longest: r.get(6),
            application: count(r.get(7)),
            form_brought: count(r.get(8)),
            form_not_brought: count(r.get(9)),
            photo: count(r.get(10)),
            photo_attach: count(r.get(11)),
        });
    }
    let rows = client.query(
        &format!(
            "SELECT to_char(started_local, 'YYYY-MM-DD'), s, count(*)
             FROM madoguchi.visits, unnest(services) AS s
             WHERE {COUNTED} AND s <> ALL($4::text[]) GROUP BY 1, 2"
        ),
        &[&sites, &lo, &hi, &application],
    )?;
    for r in rows {
        out.services
            .insert((date(r.get(0))?, r.get(1)), count(r.get(2)));
    }
    Ok(out.normalized())
}
