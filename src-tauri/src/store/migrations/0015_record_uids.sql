-- 0015: complaints and incident reports travel between counters (the city's shared store): each
-- has a uid, the same on every counter, and a revision that grows with every change. Records
-- made before this get their uid here.
ALTER TABLE complaints ADD COLUMN uid TEXT;
ALTER TABLE complaints ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
UPDATE complaints SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
CREATE UNIQUE INDEX complaints_uid ON complaints (uid);

ALTER TABLE incidents ADD COLUMN uid TEXT;
ALTER TABLE incidents ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
UPDATE incidents SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
CREATE UNIQUE INDEX incidents_uid ON incidents (uid);
