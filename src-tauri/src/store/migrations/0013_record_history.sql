-- 0013: a complaint or an incident report, once changed, keeps the version it replaced with who
-- changed it and when (a complaint's handling is reviewed later; nothing is overwritten unseen).
CREATE TABLE record_history (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('complaint', 'incident')),
    record_id   INTEGER NOT NULL,
    changed_at  TEXT NOT NULL,
    changed_by  TEXT NOT NULL,
    before_json TEXT NOT NULL
);
CREATE INDEX record_history_record ON record_history (kind, record_id);
