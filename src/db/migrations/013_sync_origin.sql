-- Offline copies (issue 12): a changeset made in an offline copy and sent to the server by a
-- sync keeps where it came from (the copy's id and the changeset's number there), so a sync
-- interrupted after the server took it and repeated does not send it twice.
ALTER TABLE changesets ADD COLUMN origin TEXT;
CREATE UNIQUE INDEX changesets_origin ON changesets (origin);
