-- A saved view also keeps which kinds of slides its presentation holds (JSON list of codes;
-- NULL for every kind, as views saved before this migration have).
ALTER TABLE saved_views ADD COLUMN slides_json TEXT;
