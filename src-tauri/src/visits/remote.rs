//! A visit version that came from another counter (through the city's shared store). Which of
//! two versions is current is the sync's decision (`sync::order`); here the chosen one is written
//! and the other is kept in the visit's history, so nothing is overwritten unseen.

use super::table;
use super::{Visit, VisitError};
use crate::store::Store;

pub use crate::sync::Placed;

fn same(a: &Visit, b: &Visit) -> bool {
    Visit {
        imported: false,
        ..a.clone()
    } == Visit {
        imported: false,
        ..b.clone()
    }
}

/// Places `theirs`: added when new; when a version is here already, `theirs_current` says which
/// becomes current, and the other is kept in the history (`sync` for an ordinary newer version,
/// `conflict` for a version that lost), with who made it and when.
pub fn place(
    store: &mut Store,
    theirs: &Visit,
    theirs_current: bool,
    by: &str,
    at: &str,
    why: &str,
) -> Result<Placed, VisitError> {
    let incoming = Visit {
        imported: true,
        ..theirs.clone()
    };
    let found = table::find(store, &theirs.id)?;
    let tx = store.conn.savepoint()?;
    let placed = match found {
        None => {
            table::insert(&tx, &incoming)?;
            Placed::Added
        }
        Some((_, ours)) if same(&ours, theirs) => Placed::Same,
        Some((seq, ours)) if theirs_current => {
            let action = if theirs.revision > ours.revision || theirs.voided.is_some() {
                "sync"
            } else {
                "conflict"
            };
            table::push_history(&tx, seq, &ours, action, at, by, why)?;
            table::update(&tx, seq, &incoming)?;
            Placed::Replaced
        }
        Some((seq, _)) => {
            table::push_history(&tx, seq, &incoming, "conflict", at, by, why)?;
            Placed::KeptOurs
        }
    };
    tx.commit()?;
    Ok(placed)
}
