//! Copying a whole database between the engines, ids kept, so the history and every reference
//! stay as they were: a file moved in to an empty server (`server push`), a server copied to a
//! file for offline work (`checkout`, and the pull of a `sync`).

use super::recorder::lock_writers;
use super::sql::{Conn, Owned, params};
use super::{Db, DbError, Refusal};

/// The tables in an order that puts every referenced row before the rows that refer to it.
/// A table the source has and this list lacks stops the copy (nothing is left behind unsaid).
pub(super) const TABLES: &[&str] = &[
    "meta",
    "plans",
    "categories",
    "places",
    "place_groups",
    "zhuanlan",
    "projects",
    "indicators",
    "reports",
    "changesets",
    "changes",
    "saved_views",
    "problems",
    "month_closings",
    "month_lights",
    "month_closing_changesets",
    "revision",
];

/// Tables whose rows the server guards one by one (triggers).
const GUARDED: &[&str] = &["projects", "reports", "problems"];

/// Tables a server has that are not the portfolio's (roles, its schema version).
const SERVER_ONLY: &[&str] = &["account_places", "schema_version"];

/// Tables worked out from others by triggers on both engines (each project's latest report,
/// migration 20): not copied, the copied rows fill them on the other side.
const DERIVED: &[&str] = &["current_reports"];

/// What was copied: rows by table, in copy order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pushed {
    pub rows: Vec<(String, usize)>,
}

/// The tables of `conn`'s database.
fn tables_of(conn: &Conn) -> Result<Vec<String>, DbError> {
    match conn.engine() {
        super::Engine::Sqlite => conn.query_map(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            params![],
            |r| r.get(0),
        ),
        super::Engine::Postgres => conn.query_map(
            "SELECT CAST(table_name AS TEXT) FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
            params![],
            |r| r.get(0),
        ),
    }
}

/// Refuses a source with a table the copy does not know.
pub(super) fn check_tables(from: &Conn) -> Result<Vec<String>, DbError> {
    let names = tables_of(from)?;
    let known = |n: &str| TABLES.contains(&n) || SERVER_ONLY.contains(&n) || DERIVED.contains(&n);
    if let Some(unknown) = names.iter().find(|n| !known(n.as_str())) {
        return Err(Refusal::UnknownTable(unknown.clone()).into());
    }
    Ok(names)
}

/// Empties the portfolio's tables of `to` (inside the caller's transaction), the revision row
/// kept; archived plans are taken out of the archive first (they refuse changes).
pub(super) fn clear(to: &Conn) -> Result<(), DbError> {
    clear_since(to, None)
}

/// As [`clear`], keeping the history up to changeset `kept` (a server's history only grows,
/// so what a copy took of it before is still the server's): a sync then takes only the rest.
pub(super) fn clear_since(to: &Conn, kept: Option<i64>) -> Result<(), DbError> {
    to.execute("UPDATE plans SET archived = 0", params![])?;
    for table in TABLES.iter().rev() {
        match (*table, kept) {
            ("revision", _) => {}
            ("changes", Some(kept)) => {
                to.execute("DELETE FROM changes WHERE changeset_id > ?1", params![kept])?;
            }
            ("changesets", Some(kept)) => {
                to.execute("DELETE FROM changesets WHERE id > ?1", params![kept])?;
            }
            _ => {
                to.execute(&format!("DELETE FROM {table}"), params![])?;
            }
        }
    }
    Ok(())
}

/// Works out each project's current report (`current_reports`) from the reports again, as
/// migration 20 does, after a copy made with the reports' triggers off.
fn rebuild_current(to: &Conn) -> Result<(), DbError> {
    to.execute("DELETE FROM current_reports", params![])?;
    to.execute(
        "INSERT INTO current_reports (project_id, report_id, period) \
         SELECT r.project_id, r.id, r.period FROM reports r \
         JOIN (SELECT project_id, max(period) AS period FROM reports GROUP BY project_id) latest \
         ON latest.project_id = r.project_id AND latest.period = r.period",
        params![],
    )?;
    Ok(())
}

/// Values set after the rows: the table, its UPDATE, and (value, id) pairs.
type Held = (&'static str, &'static str, Vec<(Owned, Owned)>);

/// Copies every row of the portfolio's tables from `from` into the empty tables of `to`,
/// inside the caller's transaction on `to`; a place's parent and a plan's archive are set after
/// the rows (a parent may come later; an archived plan refuses its projects).
pub(super) fn copy_all(from: &Conn, to: &Conn, names: &[String]) -> Result<Pushed, DbError> {
    copy_since(from, to, names, None)
}

/// As [`copy_all`], taking of the history only the changesets after `kept` (see [`clear_since`]).
pub(super) fn copy_since(from: &Conn, to: &Conn, names: &[String], kept: Option<i64>) -> Result<Pushed, DbError> {
    copy_scoped(from, to, names, kept, None)
}

/// The tables a sync takes whole even when it takes only the projects that changed: small, and
/// written without a changeset (plans, places, views…). The month closings are not among them:
/// a sync that finds a closing since the last one takes everything.
const SMALL: &[&str] =
    &["meta", "plans", "categories", "places", "place_groups", "zhuanlan", "indicators", "saved_views"];

/// The tables of one project's rows.
const BY_PROJECT: &[(&str, &str)] = &[("projects", "id"), ("reports", "project_id"), ("problems", "project_id")];

/// As [`clear_since`], for a sync that takes only `projects` (changed on either side since
/// changeset `kept`) and the small tables.
pub(super) fn clear_touched(to: &Conn, kept: i64, projects: &[i64]) -> Result<(), DbError> {
    to.execute("UPDATE plans SET archived = 0", params![])?;
    to.execute("DELETE FROM changes WHERE changeset_id > ?1", params![kept])?;
    to.execute("DELETE FROM changesets WHERE id > ?1", params![kept])?;
    for &(table, key) in BY_PROJECT.iter().rev() {
        for ids in projects.chunks(500) {
            to.execute(&format!("DELETE FROM {table} WHERE {key} IN ({})", id_list(ids)), params![])?;
        }
    }
    for table in SMALL.iter().rev() {
        to.execute(&format!("DELETE FROM {table}"), params![])?;
    }
    Ok(())
}

/// Ids written into SQL (numbers only).
fn id_list(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
}

/// As [`copy_since`]; with `touched`, of the projects' tables only those projects' rows, of the
/// rest only [`SMALL`] (see [`clear_touched`]).
pub(super) fn copy_scoped(
    from: &Conn,
    to: &Conn,
    names: &[String],
    kept: Option<i64>,
    touched: Option<&[i64]>,
) -> Result<Pushed, DbError> {
    let mut pushed = Pushed::default();
    let mut held: Vec<Held> = Vec::new();
    for &table in TABLES {
        if !names.iter().any(|n| n == table) {
            continue;
        }
        let by_project = BY_PROJECT.iter().find(|(t, _)| *t == table);
        if touched.is_some()
            && !SMALL.contains(&table)
            && !["changesets", "changes", "revision"].contains(&table)
            && by_project.is_none()
        {
            continue;
        }
        let columns = from.columns_of(table)?;
        let order = if columns.iter().any(|c| c == "id") { " ORDER BY id" } else { "" };
        let since = match (table, kept) {
            ("changesets", Some(_)) => " WHERE id > ?1",
            ("changes", Some(_)) => " WHERE changeset_id > ?1",
            _ => "",
        };
        // A server's sync keys are each account's own (issue 24): a copy takes none of them.
        let listed: Vec<String> = columns
            .iter()
            .map(|c| match (from.engine(), table, c.as_str()) {
                (super::Engine::Postgres, "changesets", "origin") => "CAST(NULL AS TEXT) AS origin".to_string(),
                _ => c.clone(),
            })
            .collect();
        let read = |r: &super::sql::Row<'_>| (0..columns.len()).map(|i| r.get::<Owned>(i)).collect();
        let rows: Vec<Vec<Owned>> = match (touched, by_project) {
            (Some(projects), Some((_, key))) => {
                let mut rows = Vec::new();
                for ids in projects.chunks(500) {
                    let sql =
                        format!("SELECT {} FROM {table} WHERE {key} IN ({}){order}", listed.join(", "), id_list(ids));
                    rows.extend(from.query_map(&sql, params![], read)?);
                }
                rows
            }
            _ => {
                let sql = format!("SELECT {} FROM {table}{since}{order}", listed.join(", "));
                if since.is_empty() {
                    from.query_map(&sql, params![], read)?
                } else {
                    from.query_map(&sql, params![kept.unwrap_or_default()], read)?
                }
            }
        };
        if table == "revision" {
            let n = rows.first().and_then(|r| r.get(1)).cloned().unwrap_or(Owned::Int(0));
            to.execute("UPDATE revision SET n = ?1 WHERE id = 1", &[&n])?;
            pushed.rows.push((table.to_string(), rows.len()));
            continue;
        }
        let hold = match table {
            "plans" => Some(("archived", "UPDATE plans SET archived = ?1 WHERE id = ?2")),
            "places" => Some(("parent_id", "UPDATE places SET parent_id = ?1 WHERE id = ?2")),
            _ => None,
        };
        let held_at = hold.and_then(|(c, _)| columns.iter().position(|x| x == c));
        let id_at = columns.iter().position(|c| c == "id");
        let later = insert_rows(to, table, &columns, &rows, (held_at, id_at))?;
        if let Some((_, update)) = hold {
            held.push((table, update, later));
        }
        pushed.rows.push((table.to_string(), rows.len()));
    }
    // Places' parents first, archived plans last.
    held.sort_by_key(|(table, ..)| *table == "plans");
    for (_, update, rows) in held {
        for (value, id) in rows {
            to.execute(update, &[&value, &id])?;
        }
    }
    Ok(pushed)
}

/// Writes `rows` into `table` of `to`, many rows a statement: one round trip per few hundred
/// rows, not per row (a push of 20,000 projects took 19 s row by row), within both engines'
/// limits on parameters. The column at `held` is written empty (0 for a plan's archive) and its
/// values returned with the row's id, to be set after every row is in.
fn insert_rows(
    to: &Conn,
    table: &str,
    columns: &[String],
    rows: &[Vec<Owned>],
    (held_at, id_at): (Option<usize>, Option<usize>),
) -> Result<Vec<(Owned, Owned)>, DbError> {
    let per_statement = (30_000 / columns.len().max(1)).clamp(1, 500);
    let mut later = Vec::new();
    for chunk in rows.chunks(per_statement) {
        let tuples: Vec<String> = (0..chunk.len())
            .map(|r| {
                let marks: Vec<String> = (1..=columns.len()).map(|c| format!("?{}", r * columns.len() + c)).collect();
                format!("({})", marks.join(", "))
            })
            .collect();
        let sql = format!("INSERT INTO {table} ({}) VALUES {}", columns.join(", "), tuples.join(", "));
        let values: Vec<&dyn super::sql::ToValue> = chunk
            .iter()
            .flat_map(|row| {
                row.iter().enumerate().map(|(i, v)| {
                    if Some(i) == held_at {
                        if table == "plans" { &Owned::Int(0) as &dyn super::sql::ToValue } else { &Owned::Null }
                    } else {
                        v as &dyn super::sql::ToValue
                    }
                })
            })
            .collect();
        to.execute(&sql, &values)?;
        for row in chunk {
            if let (Some(h), Some(id)) = (held_at, id_at)
                && !matches!(row[h], Owned::Null | Owned::Int(0))
            {
                later.push((row[h].clone(), row[id].clone()));
            }
        }
    }
    Ok(later)
}

/// Makes a server's identity sequences continue after the copied ids.
fn continue_sequences(to: &Conn) -> Result<(), DbError> {
    for table in TABLES {
        let sequence: Option<String> = to.query_opt(
            "SELECT CAST(pg_get_serial_sequence(CAST(table_name AS TEXT), 'id') AS TEXT) \
             FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?1 \
             AND column_name = 'id' AND is_identity = 'YES'",
            params![*table],
            |r| r.get(0),
        )?;
        if let Some(sequence) = sequence {
            to.query_row(
                &format!(
                    "SELECT setval(CAST(CAST(?1 AS TEXT) AS regclass), coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"
                ),
                params![sequence],
                |r| r.get::<i64>(0),
            )?;
        }
    }
    Ok(())
}

impl Db {
    /// Copies this SQLite database, all of it, into the server database at `url`, which must
    /// hold no plan yet (`server init` of an empty database is fine: its seeded plan is
    /// replaced only when it has never been written to).
    ///
    /// # Errors
    /// A server database that holds plans already, a table this build does not know, the
    /// server's refusals; nothing is written on the server then.
    pub fn push_to(&self, url: &str) -> Result<Pushed, DbError> {
        self.lite()?;
        let names = check_tables(&self.conn)?;
        let server = Db::connect_unseeded(url)?;
        let tx = server.conn.transaction()?;
        lock_writers(&tx)?;
        // Untouched since `server init` seeded it: no write (every write raises the revision),
        // no view, no account given places.
        let plans: i64 = tx.query_row("SELECT count(*) FROM plans", params![], |r| r.get(0))?;
        let written: i64 = tx.query_row(
            "SELECT (SELECT n FROM revision WHERE id = 1) + (SELECT count(*) FROM changesets) \
             + (SELECT count(*) FROM saved_views)",
            params![],
            |r| r.get(0),
        )?;
        let accounts: i64 = if tables_of(&tx)?.iter().any(|n| n == "account_places") {
            tx.query_row("SELECT count(*) FROM account_places", params![], |r| r.get(0))?
        } else {
            0
        };
        if written + accounts > 0 {
            return Err(Refusal::ServerNotEmpty { url: super::shown_url(url), plans, written }.into());
        }
        // A database only `server init` has seeded: its untouched plan gives way to the file's.
        clear(&tx)?;
        // The owner moves a whole file in: the per-row guards (archive, ids, the row log, which
        // pass the owner anyway) are off for this transaction only; the archive is set last.
        for table in GUARDED {
            tx.execute_batch(&format!("ALTER TABLE {table} DISABLE TRIGGER USER"))?;
        }
        let pushed = copy_all(&self.conn, &tx, &names)?;
        for table in GUARDED {
            tx.execute_batch(&format!("ALTER TABLE {table} ENABLE TRIGGER USER"))?;
        }
        // The reports' triggers were off: each project's current report is worked out once.
        rebuild_current(&tx)?;
        continue_sequences(&tx)?;
        tx.commit()?;
        Ok(pushed)
    }
}
