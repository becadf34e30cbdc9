-- The reports after a month, found without reading them all: a review of a past month takes
-- each project's state as of then (Db::refresh_reports asks which projects reported later).
CREATE INDEX IF NOT EXISTS reports_period ON reports (period, project_id);
