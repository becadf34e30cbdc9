-- PostgreSQL dialect of 013_sync_origin.sql (keep the two equal).
ALTER TABLE changesets ADD COLUMN origin text;
CREATE UNIQUE INDEX changesets_origin ON changesets (origin);
