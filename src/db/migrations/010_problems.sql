-- 问题清单: each 存在问题 / 需协调事项 an item of its own, open until it is closed (销号). The
-- free text of each project's latest report becomes open items, raised in that report's month;
-- earlier reports are history (their texts are kept there).
CREATE TABLE problems (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id INTEGER NOT NULL REFERENCES projects (id),
    kind       TEXT NOT NULL CHECK (kind IN ('problem', 'coordination')),
    text       TEXT NOT NULL CHECK (length(trim(text)) > 0),
    owner      TEXT NOT NULL DEFAULT '',                  -- 责任单位
    person     TEXT NOT NULL DEFAULT '',                  -- 责任人
    due        TEXT CHECK (due IS NULL OR due GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'), -- 解决时限
    raised     TEXT NOT NULL CHECK (raised GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_hand', 'resolved')),
    closed_on  TEXT CHECK (closed_on IS NULL OR closed_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    close_note TEXT NOT NULL DEFAULT '',
    CHECK ((status = 'resolved') = (closed_on IS NOT NULL))
) STRICT;
CREATE INDEX problems_project ON problems (project_id);

INSERT INTO problems (project_id, kind, text, raised)
SELECT r.project_id, 'problem', trim(r.problems), r.period FROM reports r
WHERE trim(r.problems) <> '' AND r.period = (SELECT max(period) FROM reports WHERE project_id = r.project_id)
ORDER BY r.project_id;
INSERT INTO problems (project_id, kind, text, owner, due, raised)
SELECT r.project_id, 'coordination', trim(r.coordination), trim(r.coordination_unit),
       CASE WHEN r.coordination_due GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]' THEN r.coordination_due END, r.period
FROM reports r
WHERE trim(r.coordination) <> '' AND r.period = (SELECT max(period) FROM reports WHERE project_id = r.project_id)
ORDER BY r.project_id;

-- An archived plan's items are read-only, as its projects and reports are.
CREATE TRIGGER problems_of_archived_plan_insert BEFORE INSERT ON problems
WHEN (SELECT pl.archived FROM projects p JOIN plans pl ON pl.id = p.plan_id WHERE p.id = NEW.project_id) = 1
BEGIN SELECT RAISE(ABORT, 'taizhang: archived plan'); END;
CREATE TRIGGER problems_of_archived_plan_update BEFORE UPDATE ON problems
WHEN (SELECT pl.archived FROM projects p JOIN plans pl ON pl.id = p.plan_id WHERE p.id = OLD.project_id) = 1
BEGIN SELECT RAISE(ABORT, 'taizhang: archived plan'); END;
CREATE TRIGGER problems_of_archived_plan_delete BEFORE DELETE ON problems
WHEN (SELECT pl.archived FROM projects p JOIN plans pl ON pl.id = p.plan_id WHERE p.id = OLD.project_id) = 1
BEGIN SELECT RAISE(ABORT, 'taizhang: archived plan'); END;
