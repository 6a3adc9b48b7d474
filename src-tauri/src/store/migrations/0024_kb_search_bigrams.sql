-- 0024: two-character terms (「口座」, 「引越」) are trigram matches too: the search index also
-- holds the folded title and body with every character doubled (kb::search::doubled). Derived
-- data: the table is made anew and rebuilt from the approved versions at start.
DROP TABLE kb_search;
CREATE VIRTUAL TABLE kb_search USING fts5 (
    title UNINDEXED, body UNINDEXED, ftitle, fbody, dtitle, dbody,
    kind UNINDEXED, version UNINDEXED, approved_at UNINDEXED, tokenize = 'trigram'
);
