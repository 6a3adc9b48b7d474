-- 0007: where an audited action came from (the kiosk window, the command line run by an OS user,
-- or the app itself), and an index for the audit trail's period queries.
ALTER TABLE audit_log ADD COLUMN origin TEXT NOT NULL DEFAULT 'window';
UPDATE audit_log SET origin = 'system' WHERE actor IS NULL;
CREATE INDEX audit_log_at ON audit_log (at);
