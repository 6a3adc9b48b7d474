//! One write as one SQLite transaction. The use-case layer runs a domain call and its audit entry
//! through [`Store::in_transaction`], so the change and its record exist together or not at all.
//! Domain functions that need several statements to stand together use savepoints, which nest
//! inside the use case's transaction (and begin one of their own when called alone).

use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};

use super::{Store, StoreError};

impl Store {
    /// Runs `f` inside `BEGIN IMMEDIATE … COMMIT`. An `Err` from `f`, a failed commit or a panic
    /// rolls everything `f` wrote back. Not nestable: a use case never calls another one.
    pub fn in_transaction<T, E>(
        &mut self,
        f: impl FnOnce(&mut Store) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        if !self.conn.is_autocommit() {
            // A transaction left open (a panic in an earlier caller that was not ours): undo it
            // rather than let this write join it.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| E::from(StoreError::from(e)))?;
        let outcome = catch_unwind(AssertUnwindSafe(|| f(self)));
        match outcome {
            Ok(Ok(value)) => match self.conn.execute_batch("COMMIT") {
                Ok(()) => Ok(value),
                Err(e) => {
                    let _ = self.conn.execute_batch("ROLLBACK");
                    Err(E::from(StoreError::from(e)))
                }
            },
            Ok(Err(e)) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
            Err(panic) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                resume_unwind(panic)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(store: &Store) -> i64 {
        store
            .conn
            .query_row(
                "SELECT count(*) FROM settings WHERE key LIKE 't.%'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    }

    #[test]
    fn an_error_rolls_back_every_write_of_the_closure() {
        let mut store = Store::open_in_memory().unwrap();
        let r: Result<(), StoreError> = store.in_transaction(|s| {
            s.set_setting("t.a", &1)?;
            s.set_setting("t.b", &2)?;
            Err(StoreError::DiskFull)
        });
        assert!(r.is_err());
        assert_eq!(count(&store), 0, "nothing of a failed write may stay");
        store
            .in_transaction(|s| -> Result<(), StoreError> {
                s.set_setting("t.a", &1)?;
                s.set_setting("t.b", &2)
            })
            .unwrap();
        assert_eq!(count(&store), 2, "a successful write is committed whole");
        assert!(store.conn.is_autocommit(), "no transaction is left open");
    }

    #[test]
    fn savepoints_of_the_domain_nest_inside() {
        let mut store = Store::open_in_memory().unwrap();
        let r: Result<(), StoreError> = store.in_transaction(|s| {
            let sp = s.conn.savepoint()?;
            sp.execute("INSERT INTO settings (key, value) VALUES ('t.sp', '1')", [])?;
            sp.commit()?;
            Err(StoreError::DiskFull)
        });
        assert!(r.is_err());
        assert_eq!(
            count(&store),
            0,
            "a released savepoint is still undone by the outer rollback"
        );
    }

    #[test]
    fn a_panic_rolls_back_and_leaves_the_store_usable() {
        let mut store = Store::open_in_memory().unwrap();
        let caught = std::panic::catch_unwind(AssertUnwindSafe(|| {
            let _: Result<(), StoreError> = store.in_transaction(|s| {
                s.set_setting("t.a", &1)?;
                panic!("a bug in a use case");
            });
        }));
        assert!(caught.is_err());
        assert!(store.conn.is_autocommit());
        assert_eq!(count(&store), 0);
        store.in_transaction(|s| s.set_setting("t.c", &3)).unwrap();
        assert_eq!(count(&store), 1);
    }
}
