-- PostgreSQL dialect of 016_year_done.sql (keep the two equal).
ALTER TABLE reports ADD COLUMN IF NOT EXISTS invest_year_done double precision
    CHECK (invest_year_done IS NULL OR invest_year_done >= 0);
