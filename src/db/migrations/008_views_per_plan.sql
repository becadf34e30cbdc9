-- A saved view belongs to the plan it was saved on (its places, boxes and years are that
-- plan's); views saved before there were several plans belong to the first. No REFERENCES
-- clause: plans are never deleted, and a plain column keeps the migration reversible in tests.
ALTER TABLE saved_views ADD COLUMN plan_id INTEGER;
UPDATE saved_views SET plan_id = (SELECT min(id) FROM plans);
