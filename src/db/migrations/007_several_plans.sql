-- foreign_keys: off (the places table is rebuilt; references are checked before commit)
-- Several plans in one database (issue 11): a plan is archived or not and names its city (the
-- root of its places); the current plan is a meta key; places named by an imported plan or
-- ledger have the kind 'place' (nothing is known about them beyond their name and plan); the
-- category catalogue gains 其他 for rows no keyword places.

ALTER TABLE plans ADD COLUMN archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1));
ALTER TABLE plans ADD COLUMN city TEXT;
-- Where the plan came from: 'seed' for the bundled plan, else the imported file's name.
ALTER TABLE plans ADD COLUMN origin TEXT NOT NULL DEFAULT 'seed';
ALTER TABLE plans ADD COLUMN created_at TEXT;
-- A plan's sections as printed: the 专栏 boxes of the seeded plan, the heading paths of a
-- document, the section rows of a ledger. The box number stays the key.
ALTER TABLE zhuanlan ADD COLUMN section TEXT;
-- First report of a ledger's row is dated from the sheet; the row's own columns follow.
ALTER TABLE projects ADD COLUMN content TEXT;  -- 建设内容及规模

UPDATE plans SET city = (SELECT name FROM places WHERE kind = 'city' AND parent_id IS NULL ORDER BY id LIMIT 1)
WHERE city IS NULL;

CREATE TABLE places_new (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL,
    name_en   TEXT NOT NULL,
    kind      TEXT NOT NULL
        CHECK (kind IN ('city', 'district', 'urban_area', 'dev_zone', 'town', 'place')),
    parent_id INTEGER REFERENCES places (id),
    basis     TEXT NOT NULL,
    UNIQUE (parent_id, name)
) STRICT;
INSERT INTO places_new (id, name, name_en, kind, parent_id, basis)
SELECT id, name, name_en, kind, parent_id, basis FROM places;
DROP TABLE places;
ALTER TABLE places_new RENAME TO places;
CREATE INDEX places_name ON places (name);

INSERT INTO categories (code, label_zh, label_en, sort_order)
SELECT 'other', '其他', 'Other', (SELECT max(sort_order) + 1 FROM categories)
WHERE EXISTS (SELECT 1 FROM categories) AND NOT EXISTS (SELECT 1 FROM categories WHERE code = 'other');

INSERT INTO meta (key, value)
SELECT 'current_plan', CAST((SELECT min(id) FROM plans) AS TEXT) WHERE EXISTS (SELECT 1 FROM plans)
ON CONFLICT (key) DO NOTHING;

-- An archived plan is read-only, whatever program writes: its projects and their reports
-- cannot be added, changed or removed until the plan is taken out of the archive.
CREATE TRIGGER projects_of_archived_plan_insert BEFORE INSERT ON projects
WHEN (SELECT archived FROM plans WHERE id = NEW.plan_id) = 1
BEGIN SELECT RAISE(ABORT, 'taizhang: archived plan'); END;
CREATE TRIGGER projects_of_archived_plan_update BEFORE UPDATE ON projects
WHEN (SELECT archived FROM plans WHERE id = OLD.plan_id) = 1
    OR (SELECT archived FROM plans WHERE id = NEW.plan_id) = 1
BEGIN SELECT RAISE(ABORT, 'taizhang: archived plan'); END;
CREATE TRIGGER projects_of_archived_plan_delete BEFORE DELETE ON projects
WHEN (SELECT archived FROM plans WHERE id = OLD.plan_id) = 1
BEGIN SELECT RAISE(ABORT, 'taizhang: archived plan'); END;
CREATE TRIGGER reports_of_archived_plan_insert BEFORE INSERT ON reports
WHEN (SELECT pl.archived FROM projects p JOIN plans pl ON pl.id = p.plan_id WHERE p.id = NEW.project_id) = 1
BEGIN SELECT RAISE(ABORT, 'taizhang: archived plan'); END;
CREATE TRIGGER reports_of_archived_plan_update BEFORE UPDATE ON reports
WHEN (SELECT pl.archived FROM projects p JOIN plans pl ON pl.id = p.plan_id WHERE p.id = OLD.project_id) = 1
BEGIN SELECT RAISE(ABORT, 'taizhang: archived plan'); END;
CREATE TRIGGER reports_of_archived_plan_delete BEFORE DELETE ON reports
WHEN (SELECT pl.archived FROM projects p JOIN plans pl ON pl.id = p.plan_id WHERE p.id = OLD.project_id) = 1
BEGIN SELECT RAISE(ABORT, 'taizhang: archived plan'); END;
