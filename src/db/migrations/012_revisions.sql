-- Revisions (issue 12): one counter that every write others should see raises, in the same
-- transaction as the write, so a window knows when to load again and a write made on a screen
-- older than another reviewer's change to the same project is refused. A changeset keeps the
-- revision it made and the account that made it (the server login; none on a file).
CREATE TABLE revision (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
) STRICT;
INSERT INTO revision (id, n) SELECT 1, coalesce(max(id), 0) FROM changesets;
ALTER TABLE changesets ADD COLUMN revision INTEGER;
ALTER TABLE changesets ADD COLUMN account TEXT;
UPDATE changesets SET revision = id;
CREATE INDEX changesets_revision ON changesets (revision);
