-- 0003: submitted monthly reports. A submission freezes the figures as submitted; a later
-- correction is a new revision, never an update of an old one.
CREATE TABLE report_submissions (
    id            INTEGER PRIMARY KEY,
    month         TEXT NOT NULL,
    revision      INTEGER NOT NULL,
    submitted_on  TEXT NOT NULL,
    submitted_by  TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    figures_json  TEXT NOT NULL,
    UNIQUE (month, revision)
);
