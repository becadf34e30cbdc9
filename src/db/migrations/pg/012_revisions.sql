-- PostgreSQL dialect of 012_revisions.sql (keep the two equal; tests/server.rs compares the
-- schemas). The revision row is also the writers' lock: a write transaction raises it first
-- and holds the row until it commits, so revisions are numbered in commit order.
CREATE TABLE revision (
    id bigint PRIMARY KEY CHECK (id = 1),
    n  bigint NOT NULL
);
INSERT INTO revision (id, n) SELECT 1, coalesce(max(id), 0) FROM changesets;
ALTER TABLE changesets ADD COLUMN revision bigint;
ALTER TABLE changesets ADD COLUMN account text;
UPDATE changesets SET revision = id;
CREATE INDEX changesets_revision ON changesets (revision);
