-- 0017: an incident report (事故報告書, §14) as the city files it: who reports it (a role, not a
-- name) and the city's receipt (the day and the section that received it).
ALTER TABLE incidents ADD COLUMN reporter_role TEXT NOT NULL DEFAULT '現場責任者';
ALTER TABLE incidents ADD COLUMN received_on TEXT;
ALTER TABLE incidents ADD COLUMN received_by TEXT NOT NULL DEFAULT '';
