-- 0005: the manual and FAQ the city approves. Every change is a new version; an approved version
-- never changes. Search covers approved versions through an FTS5 trigram index (Japanese has no
-- spaces between words; trigrams find 「暗証番号」 inside any text without a dictionary).
CREATE TABLE kb_documents (
    id         INTEGER PRIMARY KEY,
    uid        TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL CHECK (kind IN ('faq', 'manual')),
    -- Manual sections form chapters: a parent section and a position among its siblings.
    parent_id  INTEGER REFERENCES kb_documents (id),
    position   INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE TABLE kb_versions (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES kb_documents (id),
    version      INTEGER NOT NULL,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    category     TEXT NOT NULL DEFAULT '',
    tags         TEXT NOT NULL DEFAULT '',
    services     TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'returned')),
    reason       TEXT CHECK (reason IN ('city_request', 'inquiry', 'self_improvement')),
    summary      TEXT NOT NULL DEFAULT '',
    author       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    submitted_at TEXT,
    decided_by   TEXT,
    decided_at   TEXT,
    comment      TEXT NOT NULL DEFAULT '',
    UNIQUE (document_id, version)
);
CREATE INDEX kb_versions_status ON kb_versions (status);

-- One row per document (rowid = document id) holding its newest approved version; the
-- unindexed columns spare the search a join.
CREATE VIRTUAL TABLE kb_search USING fts5 (
    title, body, kind UNINDEXED, version UNINDEXED, approved_at UNINDEXED, tokenize = 'trigram'
);
