-- Who may do what, enforced by the server itself (issue 12): four group roles, table grants and
-- row-level security, so a script logged in with a reviewer's account can do no more than the
-- window. Run by `taizhang server init` as an account that may create roles; safe to run again.
--   taizhang_admin    everything, and accounts (with CREATEROLE of its own)
--   taizhang_city     every project of every plan: reports, edits, plans, month closings
--   taizhang_district the projects of its places and the places inside them: reports, edits,
--                     问题清单 items; reads everything
--   taizhang_viewer   reads everything, writes nothing
-- The account that ran `server init` owns the tables and is not bound by the row policies.

DO $$
DECLARE r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['taizhang_admin', 'taizhang_city', 'taizhang_district', 'taizhang_viewer'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL; -- Made meanwhile for another database of the same server.
            END;
        END IF;
    END LOOP;
END
$$;

-- The places a district editor's account may change (and every place inside them).
CREATE TABLE IF NOT EXISTS account_places (
    account  text NOT NULL,
    place_id bigint NOT NULL REFERENCES places (id),
    PRIMARY KEY (account, place_id)
);

-- Whether the current account may change a project at `place`: city reviewers and
-- administrators everywhere, a district editor where the place, a place above it or a grouping
-- it belongs to (钟山区 in 市中心城区) is its own, as the window's place filter counts them.
-- A fixed search path: a temporary table of the same name made by the caller (pg_temp comes
-- first by default) must not stand in for account_places or places.
CREATE OR REPLACE FUNCTION taizhang_may_edit_place(place bigint) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT pg_has_role(current_user, 'taizhang_city', 'MEMBER')
        OR pg_has_role(current_user, 'taizhang_admin', 'MEMBER')
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
            SELECT 1 FROM account_places a JOIN up ON up.id = a.place_id WHERE a.account = current_user
        )
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
GRANT UPDATE ON ALL SEQUENCES IN SCHEMA public TO taizhang_admin;
GRANT UPDATE ON revision TO taizhang_district;
GRANT INSERT, UPDATE ON projects TO taizhang_district;
GRANT INSERT ON changesets, changes TO taizhang_district;
GRANT INSERT, UPDATE, DELETE ON reports, problems, saved_views TO taizhang_district;
REVOKE INSERT, UPDATE, DELETE ON account_places FROM taizhang_city;

-- Whether the current account administers Taizhang here (owns the tables, or has the admin role).
CREATE OR REPLACE FUNCTION taizhang_is_admin() RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT pg_has_role(current_user, 'taizhang_admin', 'MEMBER')
        OR pg_has_role(current_user, (SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'revision'), 'MEMBER')
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
    SELECT pg_has_role(current_user, 'taizhang_city', 'MEMBER') OR taizhang_is_admin()
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
