-- Progress reports, the project's own review-sheet fields, and the audit trail.
ALTER TABLE projects ADD COLUMN nature TEXT;              -- 建设性质: 新建/续建/前期/建成
ALTER TABLE projects ADD COLUMN responsible_unit TEXT;    -- 责任单位
ALTER TABLE projects ADD COLUMN responsible_person TEXT;  -- 责任人

-- One report per project and review period (year-month); the latest is the current state.
-- AUTOINCREMENT: an id is never reused, so an undone report can be put back under its own.
CREATE TABLE reports (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id        INTEGER NOT NULL REFERENCES projects (id),
    period            TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    status            TEXT NOT NULL
        CHECK (status IN ('not_started', 'preparing', 'under_construction', 'completed', 'suspended')),
    done              REAL CHECK (done IS NULL OR done >= 0),
    invest_total      REAL CHECK (invest_total IS NULL OR invest_total >= 0),       -- 总投资 (万元)
    invest_year_plan  REAL CHECK (invest_year_plan IS NULL OR invest_year_plan >= 0), -- 本年计划投资
    invest_done       REAL CHECK (invest_done IS NULL OR invest_done >= 0),         -- 累计完成投资
    progress_text     TEXT NOT NULL DEFAULT '',                                    -- 形象进度
    problems          TEXT NOT NULL DEFAULT '',                                    -- 存在问题
    coordination      TEXT NOT NULL DEFAULT '',                                    -- 需协调事项
    coordination_unit TEXT NOT NULL DEFAULT '',                                    -- 责任单位
    coordination_due  TEXT NOT NULL DEFAULT '',                                    -- 解决时限
    note              TEXT NOT NULL DEFAULT '',
    reviewer          TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    UNIQUE (project_id, period)
) STRICT;

-- One committed change: what the reviewer did, as one transaction.
CREATE TABLE changesets (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    summary  TEXT NOT NULL,
    -- Set when this changeset reverts another (undo, or redo of an undo).
    reverts  INTEGER REFERENCES changesets (id)
) STRICT;

-- Field by field, old → new, as text; a report added or removed is the field 'report' with
-- the report as JSON.
CREATE TABLE changes (
    id           INTEGER PRIMARY KEY,
    changeset_id INTEGER NOT NULL REFERENCES changesets (id),
    project_id   INTEGER NOT NULL REFERENCES projects (id),
    field        TEXT NOT NULL,
    old_value    TEXT,
    new_value    TEXT
) STRICT;

CREATE INDEX changes_project ON changes (project_id);
CREATE INDEX reports_project ON reports (project_id, period);
