-- PostgreSQL dialect of 020_current_reports.sql (keep the two equal): each project's latest
-- report, kept by a trigger on reports in the writing transaction. The trigger's function runs
-- as the owner (SECURITY DEFINER, fixed search path), so a reviewer who may write a report
-- keeps the table right without any right to write it; roles.sql takes every reviewer role's
-- writes on it away, so nobody plants a wrong current state.
CREATE TABLE IF NOT EXISTS current_reports (
    project_id bigint PRIMARY KEY,
    report_id  bigint NOT NULL,
    period     text NOT NULL
);
CREATE INDEX IF NOT EXISTS current_reports_period ON current_reports (period);

DELETE FROM current_reports;
INSERT INTO current_reports (project_id, report_id, period)
SELECT DISTINCT ON (project_id) project_id, id, period FROM reports ORDER BY project_id, period DESC;

CREATE OR REPLACE FUNCTION public.taizhang_current_report() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    -- Only as the trigger of public.reports: hung on a table of an account's own (a temporary
    -- one needs no right to create), it would write the rows that account makes up, as the owner.
    IF TG_RELID <> CAST('public.reports' AS regclass) THEN
        RAISE EXCEPTION 'taizhang: the current reports are kept by the reports'' trigger alone'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO public.current_reports (project_id, report_id, period)
        VALUES (NEW.project_id, NEW.id, NEW.period)
        ON CONFLICT (project_id) DO UPDATE SET report_id = excluded.report_id, period = excluded.period
        WHERE public.current_reports.period <= excluded.period;
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.project_id = OLD.project_id AND NEW.period = OLD.period THEN
        RETURN NULL;
    END IF;
    DELETE FROM public.current_reports WHERE project_id = OLD.project_id
        OR (TG_OP = 'UPDATE' AND project_id = NEW.project_id);
    INSERT INTO public.current_reports (project_id, report_id, period)
    SELECT DISTINCT ON (r.project_id) r.project_id, r.id, r.period FROM public.reports r
    WHERE r.project_id = OLD.project_id OR (TG_OP = 'UPDATE' AND r.project_id = NEW.project_id)
    ORDER BY r.project_id, r.period DESC;
    RETURN NULL;
END
$$;

-- Functions are callable by everyone by default; a trigger's function is checked when the
-- trigger is made, not when it runs, so nobody but the owner needs it.
REVOKE EXECUTE ON FUNCTION public.taizhang_current_report() FROM PUBLIC;

DROP TRIGGER IF EXISTS taizhang_current ON public.reports;
CREATE TRIGGER taizhang_current AFTER INSERT OR UPDATE OR DELETE ON public.reports
    FOR EACH ROW EXECUTE PROCEDURE public.taizhang_current_report();

-- Whoever reads the reports reads the current state (a server set up before this version has
-- its roles already; roles.sql grants the same to a new one).
DO $$
DECLARE
    reader text;
BEGIN
    FOR reader IN
        SELECT DISTINCT CAST(CAST(a.grantee AS regrole) AS text) FROM pg_class c, aclexplode(c.relacl) a
        WHERE c.oid = CAST('public.reports' AS regclass) AND a.privilege_type = 'SELECT' AND a.grantee <> 0
          AND a.grantee <> c.relowner
    LOOP
        EXECUTE format('GRANT SELECT ON public.current_reports TO %s', reader);
    END LOOP;
END
$$;

-- The bookkeeping's trigger functions of 018 are definer functions too: nobody calls them but
-- their triggers (PostgreSQL checks EXECUTE when a trigger is made, not when it fires), so no
-- account hangs them on a table of its own (the hostile pass of issue 28's migration).
REVOKE EXECUTE ON FUNCTION public.taizhang_row_written(), public.taizhang_id_guard(),
    public.taizhang_row_told(), public.taizhang_row_recorded() FROM PUBLIC;
