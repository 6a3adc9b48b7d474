-- 0001: accounts, settings, service and reason lists, visits with their history, calendar
-- decisions, audit log. No table holds personal data of citizens.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE accounts (
    login_id      TEXT PRIMARY KEY,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('operator', 'site_manager', 'city_staff')),
    password_hash TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1,
    demo          INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);

CREATE TABLE services (
    code   TEXT PRIMARY KEY,
    label  TEXT NOT NULL,
    sort   INTEGER NOT NULL,
    active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE outcome_reasons (
    code   TEXT PRIMARY KEY,
    label  TEXT NOT NULL,
    sort   INTEGER NOT NULL,
    active INTEGER NOT NULL DEFAULT 1
);

-- Times are RFC 3339 in +09:00, so text order is time order.
CREATE TABLE visits (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    counter      INTEGER NOT NULL,
    operator     TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    ended_at     TEXT,
    outcome      TEXT CHECK (outcome IN ('completed', 'not_completed')),
    reason       TEXT,
    form_brought INTEGER,
    note         TEXT,
    revision     INTEGER NOT NULL DEFAULT 1,
    voided_at    TEXT,
    voided_by    TEXT,
    void_reason  TEXT,
    imported     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX visits_started_at ON visits (started_at);

CREATE TABLE visit_services (
    visit_seq INTEGER NOT NULL REFERENCES visits (seq),
    service   TEXT NOT NULL,
    PRIMARY KEY (visit_seq, service)
) WITHOUT ROWID;

-- Every amendment and void keeps the version it replaced: corrections never delete.
CREATE TABLE visit_history (
    id          INTEGER PRIMARY KEY,
    visit_seq   INTEGER NOT NULL REFERENCES visits (seq),
    revision    INTEGER NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('amend', 'void')),
    changed_at  TEXT NOT NULL,
    changed_by  TEXT NOT NULL,
    reason      TEXT NOT NULL,
    before_json TEXT NOT NULL
);
CREATE INDEX visit_history_visit ON visit_history (visit_seq);

CREATE TABLE weekend_picks (
    date TEXT PRIMARY KEY
);

CREATE TABLE day_overrides (
    date TEXT PRIMARY KEY,
    json TEXT NOT NULL
);

CREATE TABLE holiday_overrides (
    date TEXT PRIMARY KEY,
    json TEXT NOT NULL
);

CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    actor  TEXT,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
