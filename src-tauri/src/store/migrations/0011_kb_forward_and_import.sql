-- 0011: an operator's manual or FAQ draft reaches the city through the site manager, who sends it
-- on (forwarded_by/at) or back; what was sent before this version counts as sent on. A version
-- that came in a knowledge-base import keeps the counter it came from (imported_from).
ALTER TABLE kb_versions ADD COLUMN forwarded_by TEXT;
ALTER TABLE kb_versions ADD COLUMN forwarded_at TEXT;
ALTER TABLE kb_versions ADD COLUMN imported_from INTEGER;
UPDATE kb_versions SET forwarded_by = author, forwarded_at = submitted_at WHERE submitted_at IS NOT NULL;
