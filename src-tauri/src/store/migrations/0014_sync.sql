-- 0014: the change log. Every replicated change made here (a visit ended, amended or voided, a
-- calendar change, a manual/FAQ version) is written to sync_outbox in the same transaction as the
-- change itself; the sync worker pushes it to the city's shared store. What came from the other
-- counters is applied once each (sync_inbox), and sync_current says which change made each
-- record what it is here (the rule that picks between two versions needs it).
CREATE TABLE sync_outbox (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid       TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL,
    record_id  TEXT NOT NULL,
    revision   INTEGER NOT NULL,
    content    TEXT NOT NULL,
    author     TEXT NOT NULL,
    at         TEXT NOT NULL,
    pushed_at  TEXT
);
CREATE INDEX sync_outbox_unpushed ON sync_outbox (seq) WHERE pushed_at IS NULL;

CREATE TABLE sync_current (
    kind      TEXT NOT NULL,
    record_id TEXT NOT NULL,
    revision  INTEGER NOT NULL,
    at        TEXT NOT NULL,
    site      TEXT NOT NULL,
    counter   INTEGER NOT NULL,
    uuid      TEXT NOT NULL,
    PRIMARY KEY (kind, record_id)
) WITHOUT ROWID;

CREATE TABLE sync_inbox (
    uuid       TEXT PRIMARY KEY,
    site       TEXT NOT NULL,
    counter    INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    record_id  TEXT NOT NULL,
    outcome    TEXT NOT NULL,
    problem    TEXT,
    applied_at TEXT NOT NULL
);

CREATE TABLE sync_cursor (
    site    TEXT NOT NULL,
    counter INTEGER NOT NULL,
    seq     INTEGER NOT NULL,
    PRIMARY KEY (site, counter)
) WITHOUT ROWID;

-- A visit replaced by another counter's newer version ('sync') or a version that lost to the
-- current one ('conflict') is kept in the history like an amendment.
CREATE TABLE visit_history_new (
    id          INTEGER PRIMARY KEY,
    visit_seq   INTEGER NOT NULL REFERENCES visits (seq),
    revision    INTEGER NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('amend', 'void', 'end_for', 'sync', 'conflict')),
    changed_at  TEXT NOT NULL,
    changed_by  TEXT NOT NULL,
    reason      TEXT NOT NULL,
    before_json TEXT NOT NULL
);
INSERT INTO visit_history_new SELECT * FROM visit_history;
DROP TABLE visit_history;
ALTER TABLE visit_history_new RENAME TO visit_history;
CREATE INDEX visit_history_visit ON visit_history (visit_seq);
