-- Named views: a filter and the screen it was saved on, recalled in one click.
CREATE TABLE saved_views (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    filter_json TEXT NOT NULL,
    screen      TEXT NOT NULL DEFAULT 'table' CHECK (screen IN ('table', 'charts')),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
