-- 0002: the current version of every visit, kept by the server as changes arrive, so that reports
-- across counters and sites are one GROUP BY on the server. Which version is current follows the
-- rule every counter follows (sync::order): the higher revision; then the later change; then the
-- smaller site, counter and change uuid. Text is compared byte by byte (COLLATE "C"), as the
-- counters compare it. A change whose visit cannot be read is kept in `changes` and left out here.
CREATE TABLE madoguchi.visits (
    id             text COLLATE "C" PRIMARY KEY,
    site           text COLLATE "C" NOT NULL,
    counter        integer NOT NULL,
    revision       bigint NOT NULL,
    at             text COLLATE "C" NOT NULL,
    change_site    text COLLATE "C" NOT NULL,
    change_counter integer NOT NULL,
    change_uuid    uuid NOT NULL,
    -- The start as written (local time, +09:00): the report's day and hour.
    started_local  timestamp NOT NULL,
    -- Handling time in whole seconds (never negative); NULL while not ended.
    seconds        bigint,
    voided         boolean NOT NULL,
    services       text[] NOT NULL,
    outcome        text,
    reason         text,
    form_brought   boolean
);
CREATE INDEX visits_site_started ON madoguchi.visits (site, started_local);

CREATE FUNCTION madoguchi.place_visit(c madoguchi.changes) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, madoguchi AS $$
DECLARE
    v jsonb := c.content -> 'visit';
BEGIN
    IF v ->> 'id' IS NULL OR v ->> 'started_at' IS NULL
       OR jsonb_typeof(v -> 'services') IS DISTINCT FROM 'array' THEN
        RETURN;
    END IF;
    INSERT INTO madoguchi.visits AS cur
        (id, site, counter, revision, at, change_site, change_counter, change_uuid,
         started_local, seconds, voided, services, outcome, reason, form_brought)
    VALUES (
        v ->> 'id', c.site, coalesce((v ->> 'counter')::integer, c.counter), c.revision, c.at,
        c.site, c.counter, c.uuid,
        substr(v ->> 'started_at', 1, 19)::timestamp,
        greatest(0, floor(extract(epoch FROM
            (v ->> 'ended_at')::timestamptz - (v ->> 'started_at')::timestamptz)))::bigint,
        coalesce(jsonb_typeof(v -> 'voided') = 'object', false),
        ARRAY(SELECT DISTINCT s FROM jsonb_array_elements_text(v -> 'services') AS s),
        v ->> 'outcome', v ->> 'reason', (v ->> 'form_brought')::boolean)
    ON CONFLICT (id) DO UPDATE SET
        counter = EXCLUDED.counter, revision = EXCLUDED.revision, at = EXCLUDED.at,
        change_site = EXCLUDED.change_site, change_counter = EXCLUDED.change_counter,
        change_uuid = EXCLUDED.change_uuid, started_local = EXCLUDED.started_local,
        seconds = EXCLUDED.seconds, voided = EXCLUDED.voided, services = EXCLUDED.services,
        outcome = EXCLUDED.outcome, reason = EXCLUDED.reason, form_brought = EXCLUDED.form_brought
    WHERE EXCLUDED.revision > cur.revision
       OR (EXCLUDED.revision = cur.revision AND EXCLUDED.at > cur.at)
       OR (EXCLUDED.revision = cur.revision AND EXCLUDED.at = cur.at
           AND (EXCLUDED.change_site, EXCLUDED.change_counter, EXCLUDED.change_uuid)
             < (cur.change_site, cur.change_counter, cur.change_uuid));
EXCEPTION WHEN data_exception THEN
    -- A time or number that does not read: the change stays in `changes`, the push goes on.
    RETURN;
END $$;
REVOKE EXECUTE ON FUNCTION madoguchi.place_visit(madoguchi.changes) FROM PUBLIC;

CREATE FUNCTION madoguchi.on_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, madoguchi AS $$
BEGIN
    PERFORM madoguchi.place_visit(NEW);
    RETURN NULL;
END $$;

CREATE TRIGGER changes_place_visit AFTER INSERT ON madoguchi.changes
    FOR EACH ROW WHEN (NEW.kind = 'visit') EXECUTE FUNCTION madoguchi.on_change();
REVOKE EXECUTE ON FUNCTION madoguchi.on_change() FROM PUBLIC;

SELECT madoguchi.place_visit(c) FROM madoguchi.changes c WHERE c.kind = 'visit';

ALTER TABLE madoguchi.visits ENABLE ROW LEVEL SECURITY;
CREATE POLICY counter_reads_site ON madoguchi.visits FOR SELECT
    USING (site IN (SELECT c.site FROM madoguchi.counters c WHERE c.role_name = current_user));

DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT role_name FROM madoguchi.counters LOOP
        EXECUTE format('GRANT SELECT ON madoguchi.visits TO %I', r.role_name);
    END LOOP;
END $$;
