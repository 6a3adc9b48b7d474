-- 0001: the change log every counter pushes to and pulls from, and which role is which counter.
-- Row-level security: a counter's role inserts only its own counter's changes and reads only its
-- site's; the owner (city IT) sees everything.
CREATE TABLE madoguchi.counters (
    role_name name PRIMARY KEY,
    site      text NOT NULL,
    counter   integer NOT NULL CHECK (counter BETWEEN 1 AND 9),
    UNIQUE (site, counter)
);

CREATE TABLE madoguchi.changes (
    uuid        uuid PRIMARY KEY,
    site        text NOT NULL,
    counter     integer NOT NULL,
    seq         bigint NOT NULL,
    kind        text NOT NULL,
    record_id   text NOT NULL,
    revision    bigint NOT NULL,
    content     jsonb NOT NULL,
    author      text NOT NULL,
    at          text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (site, counter, seq)
);
CREATE INDEX changes_kind_record ON madoguchi.changes (kind, record_id);

ALTER TABLE madoguchi.changes ENABLE ROW LEVEL SECURITY;
CREATE POLICY counter_inserts_own ON madoguchi.changes FOR INSERT
    WITH CHECK (EXISTS (SELECT 1 FROM madoguchi.counters c
                        WHERE c.role_name = current_user
                          AND c.site = changes.site
                          AND c.counter = changes.counter));
CREATE POLICY counter_reads_site ON madoguchi.changes FOR SELECT
    USING (site IN (SELECT c.site FROM madoguchi.counters c WHERE c.role_name = current_user));
