-- 0019: network outages seen by the network watch while the counter is open: when each began
-- and ended (open while `ended_at` is NULL), the cause category of the first failure (dns,
-- no_route, tls, http, captive_portal, timeout), which targets failed, and whether the site
-- manager has taken up the prompt for an incident report. One counter's outages reach the
-- others through the change log, keyed by counter and start.
CREATE TABLE outages (
    id            INTEGER PRIMARY KEY,
    counter       INTEGER NOT NULL,
    started_at    TEXT NOT NULL,
    ended_at      TEXT,
    cause         TEXT NOT NULL,
    targets       TEXT NOT NULL,
    detail        TEXT NOT NULL DEFAULT '',
    acknowledged  INTEGER NOT NULL DEFAULT 0,
    revision      INTEGER NOT NULL DEFAULT 1,
    UNIQUE (counter, started_at)
);
CREATE INDEX outages_started_at ON outages (started_at);
