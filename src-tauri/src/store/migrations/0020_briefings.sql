-- 0020: the briefings in which the contractor explained the manual and the equipment to the
-- city's staff (仕様書 §6(4)エ): the day, who attended by role (never names), which manual
-- version was explained (the approved documents at the time of the record), and a note.
CREATE TABLE briefings (
    id              INTEGER PRIMARY KEY,
    held_on         TEXT NOT NULL,
    attendees       TEXT NOT NULL,
    manual_version  TEXT NOT NULL,
    note            TEXT NOT NULL DEFAULT '',
    recorded_by     TEXT NOT NULL,
    recorded_at     TEXT NOT NULL
);
CREATE INDEX briefings_held_on ON briefings (held_on);
