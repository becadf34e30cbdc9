-- Instants are stored in UTC (2026-11-30T07:05:00Z) and shown in local time. Rows written
-- before were in the local time of the machine that wrote them; SQLite's 'utc' modifier reads
-- them as local time of this machine, which is the same machine in every ordinary case.
UPDATE changesets SET at = strftime('%Y-%m-%dT%H:%M:%SZ', at, 'utc') WHERE at NOT LIKE '%Z';
UPDATE reports SET created_at = strftime('%Y-%m-%dT%H:%M:%SZ', created_at, 'utc') WHERE created_at NOT LIKE '%Z';
