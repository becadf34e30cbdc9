//! Moving in: every row of a SQLite database (all plans, reports, history, views, the
//! 问题清单, closed months) copied to an empty server database in one transaction, ids kept, so
//! the history and every reference stay as they were.

use super::review::lock_writers;
use super::sql::{Conn, Value, params};
use super::{Db, DbError};

/// The tables in an order that puts every referenced row before the rows that refer to it.
/// A table the file has and this list lacks stops the copy (nothing is left behind unsaid).
const TABLES: &[&str] = &[
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

/// What was copied: rows by table, in copy order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pushed {
    pub rows: Vec<(String, usize)>,
}

fn owned_to_value(v: &rusqlite::types::Value) -> Value<'_> {
    use rusqlite::types::Value as V;
    match v {
        V::Null | V::Blob(_) => Value::Null,
        V::Integer(i) => Value::Int(*i),
        V::Real(r) => Value::Real(*r),
        V::Text(t) => Value::Text(t),
    }
}

/// Every row of `table` in the file, with its column names.
fn read_table(
    file: &rusqlite::Connection,
    table: &str,
) -> Result<(Vec<String>, Vec<Vec<rusqlite::types::Value>>), DbError> {
    let mut stmt = file.prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))?;
    let columns: Vec<String> = stmt.column_names().map(str::to_string).collect();
    let n = columns.len();
    let rows = stmt
        .query_map([], |r| (0..n).map(|i| r.get::<_, rusqlite::types::Value>(i)).collect::<Result<Vec<_>, _>>())?
        .collect::<Result<Vec<_>, _>>()?;
    Ok((columns, rows))
}

/// Inserts rows into `table` on the server; `hold` names columns written NULL (or 0) now and
/// set afterwards (a place's parent may come later; an archived plan refuses its projects).
fn insert_rows(
    server: &Conn,
    table: &str,
    columns: &[String],
    rows: &[Vec<rusqlite::types::Value>],
    hold: &[(&str, Value<'static>)],
) -> Result<(), DbError> {
    let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
    let sql = format!("INSERT INTO {table} ({}) VALUES ({})", columns.join(", "), marks.join(", "));
    for row in rows {
        let values: Vec<Value<'_>> = columns
            .iter()
            .zip(row)
            .map(|(c, v)| hold.iter().find(|(h, _)| h == c).map_or_else(|| owned_to_value(v), |(_, held)| *held))
            .collect();
        let refs: Vec<&dyn super::sql::ToValue> = values.iter().map(|v| v as &dyn super::sql::ToValue).collect();
        server.execute(&sql, &refs)?;
    }
    Ok(())
}

impl super::sql::ToValue for Value<'_> {
    fn to_value(&self) -> Value<'_> {
        *self
    }
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
        let file = self.lite()?;
        let names: Vec<String> = file
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        if let Some(unknown) = names.iter().find(|n| !TABLES.contains(&n.as_str())) {
            return Err(DbError::Refused(format!(
                "表 {unknown} 不在复制清单中,未复制任何内容。 / The table {unknown} is not in the copy list; nothing was copied."
            )));
        }
        let server = Db::connect_unseeded(url)?;
        let tx = server.conn.transaction()?;
        lock_writers(&tx)?;
        let plans: i64 = tx.query_row("SELECT count(*) FROM plans", params![], |r| r.get(0))?;
        let written: i64 = tx.query_row("SELECT count(*) FROM changesets", params![], |r| r.get(0))?;
        if plans > 0 && written > 0 {
            return Err(DbError::Refused(format!(
                "{} 已有数据(规划 {plans} 个,修改 {written} 次),未复制任何内容。请选一个空的服务器数据库。 / {} already holds data ({plans} plans, {written} changes); nothing was copied. Choose an empty server database.",
                super::shown_url(url),
                super::shown_url(url)
            )));
        }
        // A database only `server init` has seeded: its untouched plan gives way to the file's.
        for table in TABLES.iter().rev() {
            if *table != "revision" {
                tx.execute(&format!("DELETE FROM {table}"), params![])?;
            }
        }
        let mut pushed = Pushed::default();
        let mut later: Vec<(String, Vec<String>, Vec<Vec<rusqlite::types::Value>>)> = Vec::new();
        for &table in TABLES {
            if !names.iter().any(|n| n == table) {
                continue;
            }
            let (columns, rows) = read_table(file, table)?;
            match table {
                "revision" => {
                    let n = rows.first().and_then(|r| r.get(1)).map_or(Value::Int(0), owned_to_value);
                    tx.execute("UPDATE revision SET n = ?1 WHERE id = 1", &[&n])?;
                }
                "plans" => insert_rows(&tx, table, &columns, &rows, &[("archived", Value::Int(0))])?,
                "places" => insert_rows(&tx, table, &columns, &rows, &[("parent_id", Value::Null)])?,
                _ => insert_rows(&tx, table, &columns, &rows, &[])?,
            }
            pushed.rows.push((table.to_string(), rows.len()));
            if matches!(table, "plans" | "places") {
                later.push((table.to_string(), columns, rows));
            }
        }
        // What was held back: places' parents, then archived plans (last: they refuse writes).
        for (table, columns, rows) in later.iter().rev() {
            let (column, sql) = if table == "places" {
                ("parent_id", "UPDATE places SET parent_id = ?1 WHERE id = ?2")
            } else {
                ("archived", "UPDATE plans SET archived = ?1 WHERE id = ?2")
            };
            let (Some(at), Some(id_at)) =
                (columns.iter().position(|c| c == column), columns.iter().position(|c| c == "id"))
            else {
                continue;
            };
            for row in rows {
                let (value, id) = (owned_to_value(&row[at]), owned_to_value(&row[id_at]));
                if !matches!(value, Value::Null | Value::Int(0)) {
                    tx.execute(sql, &[&value, &id])?;
                }
            }
        }
        // New rows on the server continue after the copied ids.
        for table in TABLES {
            let sequence: Option<String> = tx.query_opt(
                "SELECT CAST(pg_get_serial_sequence(CAST(table_name AS TEXT), 'id') AS TEXT) \
                 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?1 \
                 AND column_name = 'id' AND is_identity = 'YES'",
                params![*table],
                |r| r.get(0),
            )?;
            if let Some(sequence) = sequence {
                tx.query_row(
                    &format!("SELECT setval(CAST(CAST(?1 AS TEXT) AS regclass), coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"),
                    params![sequence],
                    |r| r.get::<i64>(0),
                )?;
            }
        }
        tx.commit()?;
        Ok(pushed)
    }
}
