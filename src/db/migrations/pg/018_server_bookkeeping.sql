-- The server writes the bookkeeping (issue 24). Until now a client inserted its own changesets
-- and changes and raised the revision itself, so any account could plant another copy's sync
-- keys, write into another reviewer's changeset, set a revision of 999999999, or change
-- reports with no history at all. From this version:
--   * a write raises the revision with taizhang_bump(), opens its changeset with
--     taizhang_begin() (id, revision, time, account and the origin's owner set here) and records
--     its changes with taizhang_record(), which writes only into the changeset this transaction
--     opened; `server init` takes INSERT, UPDATE and DELETE on the bookkeeping tables away from
--     every reviewer's role (roles.sql);
--   * a row of projects, reports or problems written outside such a changeset is refused, and
--     every row written is logged here as it really was (taizhang_server.row_log), whatever the
--     client recorded;
--   * an id ahead of its table's sequence is refused (planted ids made everyone's next writes fail);
--   * offline copies get their id from the server, bound to the account that made them, and
--     the sync keys (changesets.origin) are read only through functions that answer for the
--     account's own changesets;
--   * the database has an identity of its own (a random id), which an offline copy keeps and
--     checks at each sync.
-- The table owner (the account that ran `server init`: migrations, `server push`) is exempt.
-- Nothing here is in SQLite: a file has one writer and no accounts (018 there is empty).

CREATE SCHEMA IF NOT EXISTS taizhang_server;
REVOKE ALL ON SCHEMA taizhang_server FROM PUBLIC;

CREATE TABLE taizhang_server.identity (id text NOT NULL);
INSERT INTO taizhang_server.identity (id) SELECT replace(CAST(gen_random_uuid() AS text), '-', '');

-- The transaction writing now: the revision it raised to and the changeset it opened.
CREATE TABLE taizhang_server.writes (
    xact      bigint PRIMARY KEY,
    revision  bigint NOT NULL,
    changeset bigint
);

-- Offline copies: made by the server at checkout, each for one account.
CREATE TABLE taizhang_server.copies (
    copy    text PRIMARY KEY,
    account text NOT NULL,
    made_at timestamptz NOT NULL DEFAULT now()
);

-- Copies that synced before this version belong to the account that sent their changes (their
-- ids were readable by every account then: another must not claim them first).
INSERT INTO taizhang_server.copies (copy, account)
    SELECT DISTINCT ON (split_part(origin, ':', 1)) split_part(origin, ':', 1), account FROM changesets
    WHERE origin IS NOT NULL AND strpos(origin, ':') > 0 AND account IS NOT NULL
    ORDER BY split_part(origin, ':', 1), id
    ON CONFLICT (copy) DO NOTHING;

-- Every row a reviewer's account wrote, as it was before and after, under the changeset that
-- wrote it.
CREATE TABLE taizhang_server.row_log (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- NULL for a table written without a changeset (plans, places, closings, views).
    changeset  bigint,
    account    text NOT NULL,
    at         timestamptz NOT NULL DEFAULT now(),
    table_name text NOT NULL,
    op         text NOT NULL,
    row_id     bigint,
    old_row    jsonb,
    new_row    jsonb
);
CREATE INDEX row_log_changeset ON taizhang_server.row_log (changeset);

-- Whether the login owns Taizhang's tables (or is a superuser): not bound by what follows.
CREATE FUNCTION taizhang_server.is_owner() RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT pg_catalog.pg_has_role(session_user,
        CAST((SELECT tableowner FROM pg_catalog.pg_tables WHERE schemaname = 'public' AND tablename = 'revision') AS name),
        CAST('MEMBER' AS text))
$$;

-- Whether the login may record a change of `project`; roles.sql replaces it with the row
-- policy's own rule once roles are set up.
CREATE FUNCTION public.taizhang_may_record(project bigint) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT true
$$;

-- Takes the writers' lock (the revision row) for this transaction: writes are applied, and
-- revisions numbered, in commit order.
CREATE FUNCTION public.taizhang_lock() RETURNS bigint
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT n FROM public.revision WHERE id = 1 FOR UPDATE
$$;

-- Raises the revision by one for this transaction's write and tells the other windows at commit.
CREATE FUNCTION public.taizhang_bump() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    raised bigint;
BEGIN
    UPDATE public.revision SET n = n + 1 WHERE id = 1 RETURNING n INTO raised;
    -- The rows of transactions that have ended.
    DELETE FROM taizhang_server.writes WHERE xact < txid_snapshot_xmin(txid_current_snapshot());
    INSERT INTO taizhang_server.writes (xact, revision) VALUES (txid_current(), raised)
        ON CONFLICT (xact) DO UPDATE SET revision = excluded.revision;
    PERFORM pg_notify('taizhang_revision', '');
    RETURN raised;
END
$$;

-- Opens a changeset under this transaction's revision: its id from the sequence, the time
-- the server's (an offline change keeps its own time when it reads as one and is not to come),
-- the account the login, and an origin (`COPY:KEY`) only of a copy this account made.
CREATE FUNCTION public.taizhang_begin(reviewer text, summary text, reverts bigint, made_at text, origin text)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    raised bigint;
    stamped text := to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');
    copy_id text;
    holder text;
    opened bigint;
BEGIN
    SELECT w.revision INTO raised FROM taizhang_server.writes w WHERE w.xact = txid_current();
    IF raised IS NULL THEN
        RAISE EXCEPTION 'taizhang: a changeset opens after taizhang_bump() in the same transaction';
    END IF;
    IF origin IS NOT NULL THEN
        copy_id := split_part(origin, ':', 1);
        IF copy_id = '' OR strpos(origin, ':') = 0 OR length(origin) > 200 THEN
            RAISE EXCEPTION 'taizhang: an origin reads COPY:KEY';
        END IF;
        SELECT c.account INTO holder FROM taizhang_server.copies c WHERE c.copy = copy_id;
        IF holder IS NULL THEN
            -- A copy made before the server issued copy ids: it becomes the account's own.
            INSERT INTO taizhang_server.copies (copy, account) VALUES (copy_id, session_user);
        ELSIF holder <> session_user THEN
            RAISE EXCEPTION 'taizhang: this offline copy was made by another account (%)', holder
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        -- An offline change keeps its own time when it is a time, not to come and not before
        -- the copy was made (a day's slack for the laptop's clock).
        BEGIN
            IF made_at ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'
                AND CAST(made_at AS timestamptz) <= now()
                AND CAST(made_at AS timestamptz) >= (SELECT c.made_at - interval '1 day' FROM taizhang_server.copies c WHERE c.copy = copy_id)
            THEN
                stamped := made_at;
            END IF;
        EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format THEN
            NULL; -- Not a time: the server's.
        END;
    END IF;
    -- One line each: a name or summary with line breaks would print as lines of a history of its own.
    INSERT INTO public.changesets (at, reviewer, summary, reverts, revision, account, origin)
        VALUES (stamped, left(regexp_replace(reviewer, '[[:cntrl:]]+', ' ', 'g'), 100),
                left(regexp_replace(summary, '[[:cntrl:]]+', ' ', 'g'), 2000), reverts, raised, session_user, origin)
        RETURNING id INTO opened;
    UPDATE taizhang_server.writes SET changeset = opened WHERE xact = txid_current();
    RETURN opened;
END
$$;

-- Records one change (field old → new) in the changeset this transaction opened.
CREATE FUNCTION public.taizhang_record(project bigint, field text, old_value text, new_value text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    opened bigint;
BEGIN
    SELECT w.changeset INTO opened FROM taizhang_server.writes w WHERE w.xact = txid_current();
    IF opened IS NULL THEN
        RAISE EXCEPTION 'taizhang: a change is recorded in the changeset its transaction opened (taizhang_begin)';
    END IF;
    IF NOT public.taizhang_may_record(project) THEN
        RAISE EXCEPTION 'taizhang: this account may not change project %', project
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO public.changes (changeset_id, project_id, field, old_value, new_value)
        VALUES (opened, project, field, old_value, new_value);
END
$$;

-- Of `keys` (one per line), those this account's changesets already carry: a sync sends the
-- rest. Nobody else's keys are told.
CREATE FUNCTION public.taizhang_taken(keys text) RETURNS SETOF text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT c.origin FROM public.changesets c
    WHERE c.origin = ANY (string_to_array(keys, E'\n'))
      AND (c.account = CAST(session_user AS text) OR taizhang_server.is_owner())
$$;

-- The changeset of this account that carries `key`.
CREATE FUNCTION public.taizhang_changeset_of(key text) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT c.id FROM public.changesets c
    WHERE c.origin = key AND (c.account = CAST(session_user AS text) OR taizhang_server.is_owner())
$$;

-- A new offline copy's id: random, and the account's own.
CREATE FUNCTION public.taizhang_new_copy() RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    made text := replace(CAST(gen_random_uuid() AS text), '-', '');
BEGIN
    IF (SELECT count(*) FROM taizhang_server.copies c
        WHERE c.account = CAST(session_user AS text) AND c.made_at > now() - interval '1 hour') >= 50 THEN
        RAISE EXCEPTION 'taizhang: 50 offline copies in an hour are enough; try again later'
            USING ERRCODE = 'program_limit_exceeded';
    END IF;
    INSERT INTO taizhang_server.copies (copy, account) VALUES (made, session_user);
    RETURN made;
END
$$;

-- This database's identity, kept by its offline copies.
CREATE FUNCTION public.taizhang_server_id() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT id FROM taizhang_server.identity LIMIT 1
$$;

-- Logs one row a reviewer's account wrote, as it was before and after.
CREATE FUNCTION taizhang_server.log_row(changeset bigint, table_name text, op text, before jsonb, after jsonb)
RETURNS void
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
    INSERT INTO taizhang_server.row_log (changeset, account, table_name, op, row_id, old_row, new_row)
    VALUES (changeset, session_user, table_name, op, CAST(coalesce(after, before) ->> 'id' AS bigint), before, after)
$$;

-- A row of projects, reports or problems is written inside a changeset, and logged as it was.
CREATE FUNCTION public.taizhang_row_written() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    opened bigint;
BEGIN
    IF taizhang_server.is_owner() THEN
        RETURN NULL;
    END IF;
    SELECT w.changeset INTO opened FROM taizhang_server.writes w WHERE w.xact = txid_current();
    IF opened IS NULL THEN
        RAISE EXCEPTION 'taizhang: % is written only inside a changeset (taizhang_bump, taizhang_begin), so that every change is in the history', TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM taizhang_server.log_row(opened, TG_TABLE_NAME, TG_OP,
        CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END, CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END);
    RETURN NULL;
END
$$;

-- An id is one the table's sequence has handed out: an id planted ahead of it would make the
-- next writes of everyone fail.
CREATE FUNCTION public.taizhang_id_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    handed bigint;
BEGIN
    IF taizhang_server.is_owner() THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF NEW.id IS DISTINCT FROM OLD.id THEN
            RAISE EXCEPTION 'taizhang: a row keeps its id' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END IF;
    EXECUTE format('SELECT last_value FROM %s', pg_get_serial_sequence(format('public.%I', TG_TABLE_NAME), 'id'))
        INTO handed;
    IF NEW.id > handed THEN
        RAISE EXCEPTION 'taizhang: id % of % is ahead of the server''s sequence', NEW.id, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['projects', 'reports', 'problems'] LOOP
        EXECUTE format('CREATE TRIGGER taizhang_written AFTER INSERT OR UPDATE OR DELETE ON public.%I '
            'FOR EACH ROW EXECUTE PROCEDURE public.taizhang_row_written()', t);
        EXECUTE format('CREATE TRIGGER taizhang_ids BEFORE INSERT OR UPDATE ON public.%I '
            'FOR EACH ROW EXECUTE PROCEDURE public.taizhang_id_guard()', t);
    END LOOP;
    -- Saved views are written without a changeset, but their ids come from the sequence too.
    CREATE TRIGGER taizhang_ids BEFORE INSERT OR UPDATE ON public.saved_views
        FOR EACH ROW EXECUTE PROCEDURE public.taizhang_id_guard();
END
$$;

-- Plans, places, boxes, month closings and saved views are written without a changeset, but
-- never unseen: at commit the transaction must have raised the revision (so every window and
-- copy is told), and each row is logged as it was.
CREATE FUNCTION public.taizhang_row_told() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    w record;
BEGIN
    IF taizhang_server.is_owner() THEN
        RETURN NULL;
    END IF;
    SELECT * INTO w FROM taizhang_server.writes WHERE xact = txid_current();
    IF NOT FOUND THEN
        RAISE EXCEPTION 'taizhang: % is written only with the revision raised (taizhang_bump), so that every window is told', TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM taizhang_server.log_row(w.changeset, TG_TABLE_NAME, TG_OP,
        CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END, CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END);
    RETURN NULL;
END
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['plans', 'places', 'zhuanlan', 'month_closings', 'month_lights',
                             'month_closing_changesets', 'saved_views'] LOOP
        EXECUTE format('CREATE CONSTRAINT TRIGGER taizhang_told AFTER INSERT OR UPDATE OR DELETE ON public.%I '
            'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE PROCEDURE public.taizhang_row_told()', t);
    END LOOP;
END
$$;

-- At commit, the history covers what the rows of a reviewer's changeset really did: each
-- column of a project that changed (but its time stamp) has its change recorded, each report
-- and item written has a `report` or `problem` change of its project (a new project's first
-- reports and items come with it). A script that changes reports and records only a note is
-- refused: the window's history, undo and the offline copies read the recorded changes.
CREATE FUNCTION public.taizhang_row_recorded() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    project bigint;
    col text;
    wanted text;
BEGIN
    IF NEW.table_name = 'projects' THEN
        IF NEW.op <> 'UPDATE' THEN
            RETURN NULL;
        END IF;
        project := NEW.row_id;
        FOR col IN SELECT k FROM jsonb_object_keys(NEW.new_row) AS k
                   WHERE k <> 'updated_at' AND (NEW.old_row -> k) IS DISTINCT FROM (NEW.new_row -> k) LOOP
            wanted := CASE col WHEN 'place_id' THEN 'place' ELSE col END;
            IF NOT EXISTS (SELECT 1 FROM public.changes c WHERE c.changeset_id = NEW.changeset
                           AND c.project_id = project AND c.field = wanted) THEN
                RAISE EXCEPTION 'taizhang: project %''s % changed without its change in the history', project, wanted
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
        END LOOP;
    ELSIF NEW.table_name IN ('reports', 'problems') THEN
        project := CAST(coalesce(NEW.new_row, NEW.old_row) ->> 'project_id' AS bigint);
        wanted := CASE NEW.table_name WHEN 'reports' THEN 'report' ELSE 'problem' END;
        IF NOT EXISTS (SELECT 1 FROM public.changes c WHERE c.changeset_id = NEW.changeset
                       AND c.project_id = project AND c.field = wanted)
           AND NOT EXISTS (SELECT 1 FROM taizhang_server.row_log l WHERE l.changeset = NEW.changeset
                           AND l.table_name = 'projects' AND l.op = 'INSERT' AND l.row_id = project) THEN
            RAISE EXCEPTION 'taizhang: a % of project % was written without its change in the history', wanted, project
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER taizhang_recorded AFTER INSERT ON taizhang_server.row_log
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE PROCEDURE public.taizhang_row_recorded();

-- Functions are callable by everyone by default; these are granted to Taizhang's roles alone.
REVOKE EXECUTE ON FUNCTION public.taizhang_lock(), public.taizhang_bump(),
    public.taizhang_begin(text, text, bigint, text, text), public.taizhang_record(bigint, text, text, text),
    public.taizhang_taken(text), public.taizhang_changeset_of(text), public.taizhang_new_copy()
    FROM PUBLIC;
