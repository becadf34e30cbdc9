-- What offices report on beside progress: the month construction was planned to start, 入库
-- (registration in the investment statistics: yes/no and the month) and the national
-- investment project code (项目代码, checked by the app: 2021-520201-48-01-123456).
ALTER TABLE projects ADD COLUMN planned_start TEXT
    CHECK (planned_start IS NULL OR planned_start GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]');
ALTER TABLE projects ADD COLUMN registered INTEGER CHECK (registered IS NULL OR registered IN (0, 1));
ALTER TABLE projects ADD COLUMN registered_in TEXT
    CHECK (registered_in IS NULL OR registered_in GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]');
ALTER TABLE projects ADD COLUMN project_code TEXT;

-- A closed month (月度结账): the lights of that month kept as they were, so that a run of
-- yellow can turn red (escalation), "red since 2026-08" can be said, and next month's 通报 can
-- compare. Closing again replaces the month's lights; both are in the history.
CREATE TABLE month_closings (
    plan_id   INTEGER NOT NULL REFERENCES plans (id),
    period    TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    closed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    reviewer  TEXT NOT NULL,
    rules     TEXT NOT NULL,                                -- the light rules used, as JSON
    PRIMARY KEY (plan_id, period)
) STRICT;

CREATE TABLE month_lights (
    plan_id    INTEGER NOT NULL,
    period     TEXT NOT NULL,
    project_id INTEGER NOT NULL REFERENCES projects (id),
    light      TEXT NOT NULL CHECK (light IN ('unrated', 'green', 'yellow', 'red')),
    reason     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (plan_id, period, project_id),
    FOREIGN KEY (plan_id, period) REFERENCES month_closings (plan_id, period) ON DELETE CASCADE
) STRICT;
CREATE INDEX month_lights_project ON month_lights (project_id, period);

-- Every closing's changeset, kept when the month is closed again: undo refuses these.
CREATE TABLE month_closing_changesets (
    changeset INTEGER PRIMARY KEY REFERENCES changesets (id),
    plan_id   INTEGER NOT NULL REFERENCES plans (id),
    period    TEXT NOT NULL
) STRICT;
