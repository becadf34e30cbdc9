-- PostgreSQL dialect of 017_proprietor.sql (keep the two equal).
ALTER TABLE projects ADD COLUMN IF NOT EXISTS proprietor text;
