-- 0006: questions the manual and FAQ cannot answer (§6(4)ウ): asked at the counter, sent to the
-- city by the site manager, answered by city staff; an answer can become a FAQ draft.
CREATE TABLE escalations (
    id              INTEGER PRIMARY KEY,
    asked_at        TEXT NOT NULL,
    asked_by        TEXT NOT NULL,
    counter         INTEGER NOT NULL,
    question        TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('open', 'sent', 'answered')),
    sent_at         TEXT,
    sent_by         TEXT,
    answer          TEXT NOT NULL DEFAULT '',
    answered_at     TEXT,
    answered_by     TEXT,
    faq_document_id INTEGER REFERENCES kb_documents (id)
);
