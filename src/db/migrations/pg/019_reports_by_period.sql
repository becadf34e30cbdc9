-- PostgreSQL dialect of 019_reports_by_period.sql (keep the two equal).
CREATE INDEX IF NOT EXISTS reports_period ON reports (period, project_id);
