//! Pushing this counter's changes and pulling the others', one statement shape each. A push is
//! one transaction (all or nothing) and idempotent (a change already there is skipped by its
//! uuid), so a push cut off by a stopped server or a killed process is simply done again.
//! Each counter is the only writer of its own sequence numbers, so pulling "after the last
//! number seen from that counter" never skips a change.

use postgres::Client;

use super::CentralError;
use crate::sync::{Change, Kind};

/// Pushes `changes` (this counter's, in order) in one transaction.
pub fn push(client: &mut Client, changes: &[Change]) -> Result<(), CentralError> {
    let mut tx = client.transaction()?;
    let insert = tx.prepare(
        "INSERT INTO madoguchi.changes (uuid, site, counter, seq, kind, record_id, revision, content, author, at)
         VALUES ($1::text::uuid, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9, $10)
         ON CONFLICT (uuid) DO NOTHING",
    )?;
    for c in changes {
        let content = c.content.to_string();
        let counter = i32::from(c.counter);
        tx.execute(
            &insert,
            &[
                &c.uuid,
                &c.site,
                &counter,
                &c.seq,
                &c.kind.code(),
                &c.record_id,
                &c.revision,
                &content,
                &c.author,
                &c.at,
            ],
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// The counters of `site` the server knows.
pub fn counters(client: &mut Client, site: &str) -> Result<Vec<u8>, CentralError> {
    Ok(client
        .query(
            "SELECT counter FROM madoguchi.counters WHERE site = $1 ORDER BY counter",
            &[&site],
        )?
        .iter()
        .filter_map(|r| u8::try_from(r.get::<_, i32>(0)).ok())
        .collect())
}

/// Up to `limit` changes of `counter` at `site` after sequence number `after`, in order. A
/// change of a kind this binary does not know ends the batch before it, or is
/// [`CentralError::UnknownKind`] when it comes first.
pub fn pull(
    client: &mut Client,
    site: &str,
    counter: u8,
    after: i64,
    limit: i64,
) -> Result<Vec<Change>, CentralError> {
    let counter_i = i32::from(counter);
    let rows = client.query(
        "SELECT uuid::text, seq, kind, record_id, revision, content::text, author, at
         FROM madoguchi.changes WHERE site = $1 AND counter = $2 AND seq > $3 ORDER BY seq LIMIT $4",
        &[&site, &counter_i, &after, &limit],
    )?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let uuid: String = r.get(0);
        let kind: String = r.get(2);
        let content: String = r.get(5);
        let bad = |detail: String| {
            CentralError::Local(crate::sync::SyncError::BadContent {
                uuid: uuid.clone(),
                detail,
            })
        };
        out.push(Change {
            seq: r.get(1),
            kind: match Kind::from_code(&kind) {
                Some(k) => k,
                // What came before it is placed; the next pull starts at it and stops again.
                None if !out.is_empty() => break,
                None => return Err(CentralError::UnknownKind { counter, kind }),
            },
            record_id: r.get(3),
            revision: r.get(4),
            content: serde_json::from_str(&content).map_err(|e| bad(e.to_string()))?,
            author: r.get(6),
            at: r.get(7),
            site: site.to_string(),
            counter,
            uuid,
        });
    }
    Ok(out)
}
