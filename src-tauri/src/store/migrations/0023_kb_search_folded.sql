-- 0023: the search index holds the folded text (kb::fold: okurigana, width and script spellings
-- meet) of each document's title and body, and searches only that; the original title and body
-- are kept unindexed for the hits and their snippets. The index is derived data: it is rebuilt
-- from the approved versions when the program opens the store (kb::search::reindex_if_needed).
DROP TABLE kb_search;
CREATE VIRTUAL TABLE kb_search USING fts5 (
    title UNINDEXED, body UNINDEXED, ftitle, fbody,
    kind UNINDEXED, version UNINDEXED, approved_at UNINDEXED, tokenize = 'trigram'
);
