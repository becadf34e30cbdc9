-- The plan, its places and categories, the key projects and the indicators.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE plans (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    start_year INTEGER NOT NULL,
    end_year   INTEGER NOT NULL CHECK (end_year >= start_year)
) STRICT;

CREATE TABLE zhuanlan (
    plan_id  INTEGER NOT NULL REFERENCES plans (id),
    number   INTEGER NOT NULL,
    numbered INTEGER NOT NULL CHECK (numbered IN (0, 1)),
    title    TEXT NOT NULL,
    PRIMARY KEY (plan_id, number)
) STRICT;

CREATE TABLE places (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE,
    name_en   TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('city', 'district', 'urban_area', 'dev_zone', 'town')),
    parent_id INTEGER REFERENCES places (id),
    basis     TEXT NOT NULL
) STRICT;

-- Groupings beside the administrative parent: 钟山区 is also part of 市中心城区.
CREATE TABLE place_groups (
    group_id  INTEGER NOT NULL REFERENCES places (id),
    member_id INTEGER NOT NULL REFERENCES places (id),
    PRIMARY KEY (group_id, member_id)
) STRICT;

CREATE TABLE categories (
    code       TEXT PRIMARY KEY,
    label_zh   TEXT NOT NULL,
    label_en   TEXT NOT NULL,
    sort_order INTEGER NOT NULL
) STRICT;

CREATE TABLE projects (
    id                   INTEGER PRIMARY KEY,
    plan_id              INTEGER NOT NULL REFERENCES plans (id),
    zhuanlan             INTEGER NOT NULL,
    item                 INTEGER NOT NULL,
    name                 TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    category             TEXT NOT NULL REFERENCES categories (code),
    place_id             INTEGER NOT NULL REFERENCES places (id),
    unit                 TEXT,
    target               REAL CHECK (target IS NULL OR target >= 0),
    target_year          INTEGER NOT NULL,
    target_year_inferred INTEGER NOT NULL CHECK (target_year_inferred IN (0, 1)),
    start_year           INTEGER,
    status               TEXT NOT NULL DEFAULT 'not_started'
        CHECK (status IN ('not_started', 'preparing', 'under_construction', 'completed', 'suspended')),
    done                 REAL CHECK (done IS NULL OR done >= 0),
    source               TEXT NOT NULL,
    created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    -- Set when a project is moved to the bin; the row stays so it can be restored.
    deleted_at           TEXT,
    FOREIGN KEY (plan_id, zhuanlan) REFERENCES zhuanlan (plan_id, number)
) STRICT;

CREATE INDEX projects_place ON projects (place_id);
CREATE INDEX projects_category ON projects (category);

CREATE TABLE indicators (
    plan_id          INTEGER NOT NULL REFERENCES plans (id),
    number           INTEGER NOT NULL,
    group_name       TEXT NOT NULL,
    name             TEXT NOT NULL,
    unit             TEXT,
    value_2020_text  TEXT NOT NULL,
    value_2020       REAL,
    target_2025_text TEXT NOT NULL,
    target_2025      REAL,
    cumulative       INTEGER NOT NULL CHECK (cumulative IN (0, 1)),
    PRIMARY KEY (plan_id, number)
) STRICT;
