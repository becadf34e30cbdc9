-- PostgreSQL dialect of 014_changes_by_changeset.sql (keep the two equal).
CREATE INDEX IF NOT EXISTS changes_changeset ON changes (changeset_id);
