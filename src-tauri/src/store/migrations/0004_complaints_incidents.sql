-- 0004: complaints (苦情) and incident reports (事故報告書). Free text is checked for personal data
-- before it is saved; "who was affected" is described without names.
CREATE TABLE complaints (
    id           INTEGER PRIMARY KEY,
    occurred_at  TEXT NOT NULL,
    counter      INTEGER NOT NULL,
    category     TEXT NOT NULL,
    summary      TEXT NOT NULL,
    response     TEXT NOT NULL DEFAULT '',
    escalated    INTEGER NOT NULL DEFAULT 0,
    city_answer  TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    recorded_by  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX complaints_occurred_at ON complaints (occurred_at);

CREATE TABLE incidents (
    id           INTEGER PRIMARY KEY,
    occurred_at  TEXT NOT NULL,
    place        TEXT NOT NULL,
    what         TEXT NOT NULL,
    affected     TEXT NOT NULL DEFAULT '',
    response     TEXT NOT NULL DEFAULT '',
    cause        TEXT NOT NULL DEFAULT '',
    prevention   TEXT NOT NULL DEFAULT '',
    reported_on  TEXT,
    recorded_by  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX incidents_occurred_at ON incidents (occurred_at);
