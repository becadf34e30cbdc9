-- PostgreSQL dialect of 015_view_owners.sql (keep the two equal). The row policy that uses it
-- is in roles.sql.
ALTER TABLE saved_views ADD COLUMN IF NOT EXISTS account text;
