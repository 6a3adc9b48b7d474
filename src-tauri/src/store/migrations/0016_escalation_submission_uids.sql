-- 0016: questions for the city (escalations) and report submissions travel between counters: a
-- uid each, the same everywhere; an escalation's revision grows with each step (asked, sent,
-- answered). Records made before this get their uid here.
ALTER TABLE escalations ADD COLUMN uid TEXT;
ALTER TABLE escalations ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
UPDATE escalations SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
UPDATE escalations SET revision = CASE status WHEN 'open' THEN 1 WHEN 'sent' THEN 2 ELSE 3 END;
CREATE UNIQUE INDEX escalations_uid ON escalations (uid);

ALTER TABLE report_submissions ADD COLUMN uid TEXT;
UPDATE report_submissions SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
CREATE UNIQUE INDEX report_submissions_uid ON report_submissions (uid);
