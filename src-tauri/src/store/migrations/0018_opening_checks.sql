-- 0018: the opening check (開設前点検), one per counter per day: who ran it, when, and each item
-- (automatic: network, clock, camera, card reader, printer, disk, backup; manual: the site
-- manager's list) as JSON `[{id, label, ok, detail, manual}]`. Running it again the same day
-- replaces the day's record (the audit trail keeps every run).
CREATE TABLE opening_checks (
    day       TEXT NOT NULL,
    counter   INTEGER NOT NULL,
    done_at   TEXT NOT NULL,
    done_by   TEXT NOT NULL,
    items     TEXT NOT NULL,
    revision  INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (day, counter)
);
