-- 0008: photos accepted with a warning, counted per day and reason. The reason (a head covering
-- for religious or medical reasons, a disability, an infant) is sensitive: it is kept only as a
-- daily count, never with the time, the visit or the operator.
CREATE TABLE photo_warning_counts (
    day    TEXT NOT NULL,
    reason TEXT NOT NULL,
    count  INTEGER NOT NULL,
    PRIMARY KEY (day, reason)
);
-- Earlier versions wrote the reason into the audit trail: it goes.
UPDATE audit_log SET detail = '' WHERE action = 'photo.accept_warning';
