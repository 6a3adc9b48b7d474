-- 0010: the site manager may end a visit another operator left in progress; that is kept in the
-- visit's history like an amendment ('end_for'). SQLite cannot change a CHECK: the table is
-- rebuilt with its rows.
CREATE TABLE visit_history_new (
    id          INTEGER PRIMARY KEY,
    visit_seq   INTEGER NOT NULL REFERENCES visits (seq),
    revision    INTEGER NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('amend', 'void', 'end_for')),
    changed_at  TEXT NOT NULL,
    changed_by  TEXT NOT NULL,
    reason      TEXT NOT NULL,
    before_json TEXT NOT NULL
);
INSERT INTO visit_history_new (id, visit_seq, revision, action, changed_at, changed_by, reason, before_json)
    SELECT id, visit_seq, revision, action, changed_at, changed_by, reason, before_json FROM visit_history;
DROP TABLE visit_history;
ALTER TABLE visit_history_new RENAME TO visit_history;
CREATE INDEX visit_history_visit ON visit_history (visit_seq);
