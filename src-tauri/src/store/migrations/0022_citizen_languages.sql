-- 0022: the citizen display's language, kept only as a count of visits per language and day
-- (for the monthly report), never with the visit, the time or the operator.
CREATE TABLE citizen_language_counts (
    day    TEXT NOT NULL,
    lang   TEXT NOT NULL,
    visits INTEGER NOT NULL,
    PRIMARY KEY (day, lang)
);
