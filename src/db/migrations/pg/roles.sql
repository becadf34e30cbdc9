-- Who may do what, enforced by the server itself (issue 12): four group roles, table grants and
-- row-level security, so a script logged in with a reviewer's account can do no more than the
-- window. Run by `taizhang server init` as an account that may create roles; safe to run again.
--   taizhang_admin    everything, and accounts (through taizhang_grant, never CREATEROLE)
--   taizhang_city     every project of every plan: reports, edits, plans, month closings
--   taizhang_district the projects of its places and the places inside them: reports, edits,
--                     问题清单 items; reads everything
--   taizhang_viewer   reads everything, writes nothing
-- The account that ran `server init` owns the tables and is not bound by the row policies.
--
-- Roles are a server's, not a database's: the four groups are this database's own (Taizhang
-- writes each name here with the database's id, `taizhang_city_16384`), and only they may
-- connect to it, so two Taizhang databases on one server are two worlds (issue 24). Earlier
-- versions had one set of groups for the whole server; their members keep their role here.

DO $$
DECLARE r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['taizhang_admin', 'taizhang_city', 'taizhang_district', 'taizhang_viewer'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL; -- Made meanwhile by another session.
            END;
        END IF;
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), r);
    END LOOP;
    EXECUTE format('REVOKE CONNECT ON DATABASE %I FROM PUBLIC', current_database());
END
$$;

-- Nobody but the owner creates anything in the schema of Taizhang's tables: a function or an
-- operator made there by an account (PostgreSQL 13 and 14 let every account create in `public`)
-- would be chosen over the built-in one inside the owner's functions, which then run it as the
-- owner (a superuser, often). Checked, not only revoked: a server where it stays is refused.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM taizhang_admin, taizhang_city, taizhang_district, taizhang_viewer;
DO $$
DECLARE
    who text;
BEGIN
    SELECT string_agg(r.rolname, ', ') INTO who FROM pg_roles r
    WHERE pg_catalog.has_schema_privilege(r.oid, 'public', 'CREATE') AND NOT r.rolsuper
      AND NOT pg_catalog.pg_has_role(r.oid, (SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'revision'), 'MEMBER')
      AND r.rolname NOT LIKE 'pg\_%'
      AND r.oid <> (SELECT datdba FROM pg_database WHERE datname = current_database());
    IF who IS NOT NULL THEN
        RAISE EXCEPTION 'taizhang: these accounts may create objects in the schema public, which would let them run code as its owner: %. Revoke it (REVOKE CREATE ON SCHEMA public FROM ...) and run server init again', who;
    END IF;
END
$$;

-- The places a district editor's account may change (and every place inside them).
CREATE TABLE IF NOT EXISTS account_places (
    account  text NOT NULL,
    place_id bigint NOT NULL REFERENCES places (id),
    PRIMARY KEY (account, place_id)
);

-- The server-wide groups of earlier versions: their members keep their role in this database's
-- own group, and the old group gives nothing here any more. (Their names are spelt in pieces
-- so that they stay the old ones.)
DO $$
DECLARE
    kind text;
    old text;
    own text;
    member text;
BEGIN
    FOREACH kind IN ARRAY ARRAY['admin', 'city', 'district', 'viewer'] LOOP
        old := 'taizhang' || '_' || kind;
        own := CASE kind WHEN 'admin' THEN 'taizhang_admin' WHEN 'city' THEN 'taizhang_city'
                         WHEN 'district' THEN 'taizhang_district' ELSE 'taizhang_viewer' END;
        IF old <> own AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = old) THEN
            -- Only accounts that belong here by what they did: a district editor given places
            -- here, an account that wrote here. The others are listed by server init, to grant
            -- again (their old role was the whole server's, not this database's).
            FOR member IN
                SELECT m.rolname FROM pg_auth_members am JOIN pg_roles m ON m.oid = am.member
                JOIN pg_roles g ON g.oid = am.roleid WHERE g.rolname = old AND m.rolcanlogin
                AND (EXISTS (SELECT 1 FROM account_places a WHERE a.account = m.rolname)
                     OR EXISTS (SELECT 1 FROM changesets c WHERE c.account = m.rolname))
            LOOP
                EXECUTE format('GRANT %I TO %I', own, member);
            END LOOP;
            EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA public FROM %I', old);
            EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM %I', old);
            EXECUTE format('REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM %I', old);
            EXECUTE format('REVOKE ALL ON DATABASE %I FROM %I', current_database(), old);
        END IF;
    END LOOP;
END
$$;

-- Whether the current account may change a project at `place`: city reviewers and
-- administrators everywhere, a district editor where the place, a place above it or a grouping
-- it belongs to (钟山区 in 市中心城区) is its own, as the window's place filter counts them.
-- A fixed search path: a temporary table of the same name made by the caller (pg_temp comes
-- first by default) must not stand in for account_places or places.
CREATE OR REPLACE FUNCTION taizhang_may_edit_place_as(who name, place bigint) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT pg_catalog.pg_has_role(who, 'taizhang_city', 'MEMBER')
        OR pg_catalog.pg_has_role(who, 'taizhang_admin', 'MEMBER')
        OR EXISTS (
            -- Up through the groupings first, then through parents only: the places whose
            -- choice in the window's filter takes this one in (市中心城区 takes in 钟山区, not
            -- 钟山区's towns), so a grant allows what the filter shows.
            WITH RECURSIVE up(id, parents_only) AS (
                SELECT place, false
                UNION
                SELECT x.id, x.parents_only FROM up CROSS JOIN LATERAL (
                    SELECT group_id AS id, false AS parents_only FROM place_groups
                    WHERE member_id = up.id AND NOT up.parents_only
                    UNION SELECT parent_id, true FROM places WHERE id = up.id AND parent_id IS NOT NULL
                ) x
            )
            SELECT 1 FROM account_places a JOIN up ON up.id = a.place_id WHERE a.account = CAST(who AS text)
        )
$$;

CREATE OR REPLACE FUNCTION taizhang_may_edit_place(place bigint) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT taizhang_may_edit_place_as(current_user, place)
$$;

-- The bookkeeping functions (018) run as the owner: they ask for the login's rights.
CREATE OR REPLACE FUNCTION taizhang_may_record(project bigint) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT coalesce((SELECT taizhang_may_edit_place_as(session_user, place_id) FROM projects WHERE id = project), false)
$$;

CREATE OR REPLACE FUNCTION taizhang_may_edit_project(project bigint) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT coalesce((SELECT taizhang_may_edit_place(place_id) FROM projects WHERE id = project), false)
$$;

GRANT SELECT ON ALL TABLES IN SCHEMA public TO taizhang_viewer, taizhang_district, taizhang_city, taizhang_admin;
GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO taizhang_city, taizhang_admin;
-- USAGE is enough for new ids; UPDATE would let an account set a sequence back (setval).
REVOKE UPDATE ON ALL SEQUENCES IN SCHEMA public FROM taizhang_district, taizhang_city;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO taizhang_district, taizhang_city, taizhang_admin;
-- Nobody sets a sequence back: planted or reused ids made everyone's next writes fail.
REVOKE UPDATE ON ALL SEQUENCES IN SCHEMA public FROM taizhang_admin;
GRANT INSERT, UPDATE ON projects TO taizhang_district;
GRANT INSERT, UPDATE, DELETE ON reports, problems, saved_views TO taizhang_district;
REVOKE INSERT, UPDATE, DELETE ON account_places FROM taizhang_city;
-- The groupings of places decide what a district editor's grant covers, and with categories and
-- indicators come with the plan: nobody's to write but the owner's. Plans, places and boxes
-- are added, never deleted.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON place_groups, categories, indicators
    FROM taizhang_viewer, taizhang_district, taizhang_city, taizhang_admin;
REVOKE DELETE, TRUNCATE ON plans, places, zhuanlan, month_closing_changesets
    FROM taizhang_viewer, taizhang_district, taizhang_city, taizhang_admin;

-- The bookkeeping is the server's (018): no reviewer's role, administrators included, writes
-- the history, the revision, the schema version or the database's settings itself; the
-- functions below do, as the owner. The sync keys (changesets.origin) are read through
-- taizhang_taken and taizhang_changeset_of only, each for the account's own.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON changesets, changes, revision, schema_version, meta
    FROM taizhang_viewer, taizhang_district, taizhang_city, taizhang_admin;
-- Each project's current state is the reports' to keep (020's trigger, as the owner): read by all,
-- written by none.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON current_reports
    FROM taizhang_viewer, taizhang_district, taizhang_city, taizhang_admin;
REVOKE UPDATE ON revision FROM taizhang_district;
REVOKE ALL ON SEQUENCE changesets_id_seq, changes_id_seq
    FROM taizhang_viewer, taizhang_district, taizhang_city, taizhang_admin;
REVOKE SELECT ON changesets FROM taizhang_viewer, taizhang_district, taizhang_city, taizhang_admin;
GRANT SELECT (id, at, reviewer, summary, reverts, revision, account) ON changesets
    TO taizhang_viewer, taizhang_district, taizhang_city, taizhang_admin;
GRANT EXECUTE ON FUNCTION taizhang_lock(), taizhang_bump(), taizhang_begin(text, text, bigint, text, text),
    taizhang_record(bigint, text, text, text), taizhang_taken(text), taizhang_changeset_of(text)
    TO taizhang_district, taizhang_city, taizhang_admin;
GRANT EXECUTE ON FUNCTION taizhang_new_copy() TO taizhang_viewer, taizhang_district, taizhang_city, taizhang_admin;
GRANT USAGE ON SCHEMA taizhang_server TO taizhang_admin;
GRANT SELECT ON taizhang_server.row_log TO taizhang_admin;
-- A ledger's column mapping is kept in meta by whoever imports a plan; nothing else of meta is
-- a reviewer's to write.
GRANT INSERT, UPDATE ON meta TO taizhang_city, taizhang_admin;
ALTER TABLE meta ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS taizhang_read ON meta;
DROP POLICY IF EXISTS taizhang_mapping ON meta;
DROP POLICY IF EXISTS taizhang_mapping_update ON meta;
CREATE POLICY taizhang_read ON meta FOR SELECT USING (true);
CREATE POLICY taizhang_mapping ON meta FOR INSERT WITH CHECK (key LIKE 'ledger\_mapping:%');
CREATE POLICY taizhang_mapping_update ON meta FOR UPDATE
    USING (key LIKE 'ledger\_mapping:%') WITH CHECK (key LIKE 'ledger\_mapping:%');

-- Administrators manage accounts through taizhang_grant (below), not with CREATEROLE: before
-- PostgreSQL 16, CREATEROLE lets its holder grant itself pg_execute_server_program and run
-- programs as the server's user. Earlier versions gave it; it is taken back.
DO $$
DECLARE
    member text;
BEGIN
    FOR member IN
        SELECT m.rolname FROM pg_auth_members am JOIN pg_roles m ON m.oid = am.member
        JOIN pg_roles g ON g.oid = am.roleid
        WHERE g.rolname IN ('taizhang_admin', 'taizhang' || '_admin') AND m.rolcreaterole AND NOT m.rolsuper
    LOOP
        EXECUTE format('ALTER ROLE %I NOCREATEROLE', member);
    END LOOP;
END
$$;

-- Whether the current account administers Taizhang here (owns the tables, or has the admin role).
CREATE OR REPLACE FUNCTION taizhang_is_admin() RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT pg_catalog.pg_has_role(current_user, 'taizhang_admin', 'MEMBER')
        OR pg_catalog.pg_has_role(current_user, (SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'revision'), 'MEMBER')
$$;

-- The revision only ever goes up by one per write (a script must not set it back, which would
-- let a stale write through), and a changeset names the account that really wrote it; the
-- administrators (a copy moved in with server push) are exempt.
CREATE OR REPLACE FUNCTION taizhang_revision_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF NEW.n <> OLD.n + 1 AND NOT taizhang_is_admin() THEN
        RAISE EXCEPTION 'taizhang: the revision only goes up by one';
    END IF;
    RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS taizhang_revision_guard ON revision;
CREATE TRIGGER taizhang_revision_guard BEFORE UPDATE ON revision
    FOR EACH ROW EXECUTE PROCEDURE taizhang_revision_guard();

CREATE OR REPLACE FUNCTION taizhang_changeset_account() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF NOT taizhang_is_admin() THEN
        NEW.account := current_user;
    END IF;
    RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS taizhang_changeset_account ON changesets;
CREATE TRIGGER taizhang_changeset_account BEFORE INSERT OR UPDATE ON changesets
    FOR EACH ROW EXECUTE PROCEDURE taizhang_changeset_account();

-- Rows: everyone reads every row; writes only where the account may change the project.
DO $$
DECLARE
    t text;
    may text;
BEGIN
    FOREACH t IN ARRAY ARRAY['projects', 'reports', 'problems', 'changes'] LOOP
        may := CASE WHEN t = 'projects' THEN 'taizhang_may_edit_place(place_id)'
                    ELSE 'taizhang_may_edit_project(project_id)' END;
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('DROP POLICY IF EXISTS taizhang_read ON %I', t);
        EXECUTE format('DROP POLICY IF EXISTS taizhang_write ON %I', t);
        EXECUTE format('CREATE POLICY taizhang_read ON %I FOR SELECT USING (true)', t);
        EXECUTE format('CREATE POLICY taizhang_write ON %I FOR ALL USING (%s) WITH CHECK (%s)', t, may, may);
    END LOOP;
END
$$;

-- Saved views: everyone reads them; a district editor changes and deletes only the views its
-- account saved, city reviewers and administrators any. The owner is the account that saved
-- the view first, whatever a client sends (administrators moving data in are exempt).
CREATE OR REPLACE FUNCTION taizhang_view_owner() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF NOT taizhang_is_admin() THEN
        IF TG_OP = 'INSERT' THEN
            NEW.account := current_user;
        ELSE
            NEW.account := OLD.account;
        END IF;
    END IF;
    RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS taizhang_view_owner ON saved_views;
CREATE TRIGGER taizhang_view_owner BEFORE INSERT OR UPDATE ON saved_views
    FOR EACH ROW EXECUTE PROCEDURE taizhang_view_owner();

CREATE OR REPLACE FUNCTION taizhang_may_change_view(owner text) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT pg_catalog.pg_has_role(current_user, 'taizhang_city', 'MEMBER') OR taizhang_is_admin()
        OR owner = CAST(current_user AS text)
$$;

ALTER TABLE saved_views ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS taizhang_read ON saved_views;
DROP POLICY IF EXISTS taizhang_write ON saved_views;
CREATE POLICY taizhang_read ON saved_views FOR SELECT USING (true);
CREATE POLICY taizhang_write ON saved_views FOR ALL
    USING (taizhang_may_change_view(account)) WITH CHECK (taizhang_may_change_view(account));

-- The archive guards name `plans` and `projects` without a schema: a temporary table of the
-- same name, which any session may make, would be found first. Fixed search path, pg_temp last
-- (issue 24).
ALTER FUNCTION projects_of_archived_plan() SET search_path = pg_catalog, public, pg_temp;
ALTER FUNCTION rows_of_archived_plan() SET search_path = pg_catalog, public, pg_temp;

-- Whether the current account is one of this database's city reviewers.
CREATE OR REPLACE FUNCTION taizhang_is_city() RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT pg_catalog.pg_has_role(current_user, 'taizhang_city', 'MEMBER')
$$;

-- The accounts this database made (or its owner took in): an administrator gives roles to
-- these and to new ones only, never to a login of another database or of the server's own.
CREATE TABLE IF NOT EXISTS taizhang_server.accounts (
    account text PRIMARY KEY,
    made_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO taizhang_server.accounts (account)
    SELECT m.rolname FROM pg_auth_members am JOIN pg_roles m ON m.oid = am.member JOIN pg_roles g ON g.oid = am.roleid
    WHERE g.rolname IN ('taizhang_admin', 'taizhang_city', 'taizhang_district', 'taizhang_viewer') AND m.rolcanlogin
    ON CONFLICT (account) DO NOTHING;

-- Gives `account` one of Taizhang's roles here (`kind`: admin, city, district, viewer), making the
-- login when the server has none (with a SCRAM verifier as its password, never clear text), and
-- for a district editor the places it may change (ids, comma-separated). Replaces the account's
-- earlier role and places. Runs as the account that ran `server init`, for administrators, who
-- have no CREATEROLE of their own; it gives no role but Taizhang's four of this database, and
-- none to a group role, a superuser, an owner, a role with members or with CREATEROLE, whom the
-- row policies would not bind. An existing login that this database did not make is taken in
-- by the owner only (an administrator of one database must not reach another's accounts), and
-- its attributes are never changed. Returns whether the login was made now.
DROP FUNCTION IF EXISTS taizhang_grant(text, text, text, text);
CREATE FUNCTION taizhang_grant(account text, kind text, places text, verifier text) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    existing record;
    owner_name name := (SELECT tableowner FROM pg_catalog.pg_tables WHERE schemaname = 'public' AND tablename = 'revision');
    own text;
    g text;
    made boolean := false;
BEGIN
    IF NOT (pg_catalog.pg_has_role(session_user, CAST('taizhang_admin' AS name), CAST('MEMBER' AS text)) OR taizhang_server.is_owner()) THEN
        RAISE EXCEPTION 'taizhang: only an administrator manages accounts' USING ERRCODE = 'insufficient_privilege';
    END IF;
    own := CASE kind WHEN 'admin' THEN 'taizhang_admin' WHEN 'city' THEN 'taizhang_city'
                     WHEN 'district' THEN 'taizhang_district' WHEN 'viewer' THEN 'taizhang_viewer' END;
    IF own IS NULL THEN
        RAISE EXCEPTION 'taizhang: no such role %', kind;
    END IF;
    IF account IS NULL OR account !~ '^[a-z_][a-z0-9_]{0,62}$' OR account LIKE 'taizhang\_%' OR account LIKE 'pg\_%'
        OR account IN ('public', 'none', 'all', 'current_user', 'current_role', 'session_user', 'user', 'postgres') THEN
        RAISE EXCEPTION 'taizhang: % cannot be a reviewer''s account', account USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT r.rolcanlogin AS login, r.rolsuper OR r.rolbypassrls OR r.rolreplication OR r.rolcreaterole OR r.rolcreatedb AS above,
           pg_catalog.pg_has_role(r.oid, owner_name, CAST('MEMBER' AS text))
           OR EXISTS (SELECT 1 FROM pg_database d WHERE d.datname = current_database() AND d.datdba = r.oid) AS owns,
           EXISTS (SELECT 1 FROM pg_auth_members am WHERE am.roleid = r.oid) AS has_members,
           EXISTS (SELECT 1 FROM taizhang_server.accounts a WHERE a.account = r.rolname) AS ours
        INTO existing FROM pg_roles r WHERE r.rolname = account;
    IF FOUND THEN
        IF NOT existing.login OR existing.above OR existing.owns OR existing.has_members THEN
            RAISE EXCEPTION 'taizhang: % is a group role, a superuser, an owner or a role with powers or members of its own, whom the row policies do not bind', account
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NOT existing.ours AND NOT taizhang_server.is_owner() THEN
            RAISE EXCEPTION 'taizhang: the login % exists on the server and was not made for this database; only the owner (who ran server init) may take it in', account
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    ELSIF verifier IS NULL THEN
        EXECUTE format('CREATE ROLE %I LOGIN', account);
        made := true;
    ELSIF verifier ~ '^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$' THEN
        EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', account, verifier);
        made := true;
    ELSE
        RAISE EXCEPTION 'taizhang: a password is sent as a SCRAM-SHA-256 verifier';
    END IF;
    INSERT INTO taizhang_server.accounts (account) VALUES (account) ON CONFLICT DO NOTHING;
    FOREACH g IN ARRAY ARRAY['taizhang_admin', 'taizhang_city', 'taizhang_district', 'taizhang_viewer'] LOOP
        EXECUTE format('REVOKE %I FROM %I', g, account);
    END LOOP;
    EXECUTE format('GRANT %I TO %I', own, account);
    DELETE FROM account_places a WHERE a.account = taizhang_grant.account;
    INSERT INTO account_places (account, place_id)
        SELECT taizhang_grant.account, CAST(p AS bigint)
        FROM unnest(string_to_array(nullif(places, ''), ',')) AS p;
    RETURN made;
END
$$;
REVOKE EXECUTE ON FUNCTION taizhang_grant(text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION taizhang_grant(text, text, text, text) TO taizhang_admin;
