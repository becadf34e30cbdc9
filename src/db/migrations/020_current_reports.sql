-- Each project's current state (issue 28): its latest report, kept beside the project in the
-- transaction that writes a report, so no read scans the reports to find the latest. Kept by
-- triggers on reports, so every write keeps it: a report, an undo, an import, a plan brought
-- in, a sync or a copy. Derived: a copy between engines does not copy it (push.rs), the
-- reports' triggers fill it on the other side.
CREATE TABLE IF NOT EXISTS current_reports (
    project_id INTEGER PRIMARY KEY,
    report_id  INTEGER NOT NULL,
    period     TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS current_reports_period ON current_reports (period);

DELETE FROM current_reports;
INSERT INTO current_reports (project_id, report_id, period)
SELECT r.project_id, r.id, r.period FROM reports r
JOIN (SELECT project_id, max(period) AS period FROM reports GROUP BY project_id) AS latest USING (project_id, period);

-- A new report leads when no report of a later month is there (one report a project a month).
CREATE TRIGGER IF NOT EXISTS current_reports_insert AFTER INSERT ON reports
BEGIN
    INSERT OR REPLACE INTO current_reports (project_id, report_id, period)
    SELECT NEW.project_id, NEW.id, NEW.period
    WHERE NOT EXISTS (SELECT 1 FROM current_reports WHERE project_id = NEW.project_id AND period > NEW.period);
END;

-- A report changed or taken away: its project's latest is found again (and the old project's,
-- should a report ever move).
CREATE TRIGGER IF NOT EXISTS current_reports_update AFTER UPDATE OF project_id, period ON reports
BEGIN
    DELETE FROM current_reports WHERE project_id IN (OLD.project_id, NEW.project_id);
    INSERT INTO current_reports (project_id, report_id, period)
    SELECT project_id, id, period FROM reports r
    WHERE project_id IN (OLD.project_id, NEW.project_id)
      AND period = (SELECT max(period) FROM reports WHERE project_id = r.project_id);
END;

CREATE TRIGGER IF NOT EXISTS current_reports_delete AFTER DELETE ON reports
BEGIN
    DELETE FROM current_reports WHERE project_id = OLD.project_id;
    INSERT INTO current_reports (project_id, report_id, period)
    SELECT project_id, id, period FROM reports
    WHERE project_id = OLD.project_id ORDER BY period DESC LIMIT 1;
END;
