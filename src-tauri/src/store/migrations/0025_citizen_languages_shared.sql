-- 0025: the other counters' language counts, a finished day at a time (the monthly report counts
-- every counter of the site), and what this counter last sent of each of its days.
CREATE TABLE citizen_language_counts_remote (
    day     TEXT NOT NULL,
    counter INTEGER NOT NULL,
    lang    TEXT NOT NULL,
    visits  INTEGER NOT NULL,
    PRIMARY KEY (day, counter, lang)
);
CREATE TABLE citizen_language_days_sent (
    day     TEXT PRIMARY KEY,
    content TEXT NOT NULL
);
