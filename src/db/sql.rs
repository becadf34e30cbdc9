//! One way to run SQL on either engine: a SQLite file (rusqlite) or a PostgreSQL server
//! (postgres). The rest of `db` writes its statements once, with `?1` placeholders, and reads
//! columns by index; this module turns the placeholders into PostgreSQL's `$1`, converts values
//! to the type each engine asks for, and keeps prepared statements. Knows no table.

use std::cell::RefCell;
use std::collections::HashMap;

use postgres::types::{IsNull, ToSql as PgToSql, Type};

use super::DbError;

/// A value bound to a placeholder, borrowed from the caller.
#[derive(Clone, Copy, Debug)]
pub enum Value<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(&'a str),
}

/// What can be bound to a placeholder.
pub trait ToValue {
    fn to_value(&self) -> Value<'_>;
}

impl ToValue for i64 {
    fn to_value(&self) -> Value<'_> {
        Value::Int(*self)
    }
}
impl ToValue for i32 {
    fn to_value(&self) -> Value<'_> {
        Value::Int(i64::from(*self))
    }
}
impl ToValue for u32 {
    fn to_value(&self) -> Value<'_> {
        Value::Int(i64::from(*self))
    }
}
impl ToValue for u16 {
    fn to_value(&self) -> Value<'_> {
        Value::Int(i64::from(*self))
    }
}
impl ToValue for u8 {
    fn to_value(&self) -> Value<'_> {
        Value::Int(i64::from(*self))
    }
}
impl ToValue for usize {
    fn to_value(&self) -> Value<'_> {
        Value::Int(i64::try_from(*self).unwrap_or(i64::MAX))
    }
}
impl ToValue for bool {
    fn to_value(&self) -> Value<'_> {
        Value::Int(i64::from(*self))
    }
}
impl ToValue for f64 {
    fn to_value(&self) -> Value<'_> {
        Value::Real(*self)
    }
}
impl ToValue for str {
    fn to_value(&self) -> Value<'_> {
        Value::Text(self)
    }
}
impl ToValue for String {
    fn to_value(&self) -> Value<'_> {
        Value::Text(self)
    }
}
impl<T: ToValue + ?Sized> ToValue for &T {
    fn to_value(&self) -> Value<'_> {
        (**self).to_value()
    }
}
impl<T: ToValue> ToValue for Option<T> {
    fn to_value(&self) -> Value<'_> {
        self.as_ref().map_or(Value::Null, ToValue::to_value)
    }
}

/// Bound values for one statement: `params![a, b]`.
macro_rules! params {
    () => { &[] as &[&dyn $crate::db::sql::ToValue] };
    ($($x:expr),+ $(,)?) => { &[$(&$x as &dyn $crate::db::sql::ToValue),+] as &[&dyn $crate::db::sql::ToValue] };
}
pub(crate) use params;

/// Bound values as a slice.
pub type Params<'p> = &'p [&'p dyn ToValue];

impl rusqlite::ToSql for Value<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(ToSqlOutput::Borrowed(match *self {
            Value::Null => ValueRef::Null,
            Value::Int(i) => ValueRef::Integer(i),
            Value::Real(r) => ValueRef::Real(r),
            Value::Text(t) => ValueRef::Text(t.as_bytes()),
        }))
    }
}

impl PgToSql for Value<'_> {
    /// The value in the type PostgreSQL inferred for the placeholder: an integer bound where a
    /// `double precision` or a `boolean` is expected is converted, as SQLite would.
    fn to_sql(&self, ty: &Type, out: &mut bytes::BytesMut) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match *self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(i) => match *ty {
                Type::INT8 => i.to_sql(ty, out),
                Type::INT4 => i32::try_from(i)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(i)?.to_sql(ty, out),
                Type::FLOAT8 => (i as f64).to_sql(ty, out),
                Type::BOOL => (i != 0).to_sql(ty, out),
                Type::TEXT | Type::VARCHAR | Type::UNKNOWN => i.to_string().to_sql(&Type::TEXT, out),
                _ => Err(format!("an integer cannot be bound as {ty}").into()),
            },
            Value::Real(r) => match *ty {
                Type::FLOAT8 => r.to_sql(ty, out),
                Type::FLOAT4 => (r as f32).to_sql(ty, out),
                Type::TEXT | Type::VARCHAR | Type::UNKNOWN => r.to_string().to_sql(&Type::TEXT, out),
                _ => Err(format!("a number cannot be bound as {ty}").into()),
            },
            Value::Text(t) => match *ty {
                Type::INT8 | Type::INT4 | Type::INT2 | Type::FLOAT8 | Type::BOOL => {
                    Err(format!("text {t:?} cannot be bound as {ty}").into())
                }
                // The server refuses it with an encoding error; say what it is.
                _ if t.contains('\0') => Err(NUL_IN_TEXT.into()),
                _ => t.to_sql(&Type::TEXT, out),
            },
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

/// Why a text with a NUL character is not sent to a server.
/// (A marker the conversion error carries, matched again in `DbError::from`; worded as
/// [`super::Refusal::NulInText`].)
pub(crate) const NUL_IN_TEXT: &str = "taizhang: NUL in text";

/// Which engine a connection talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A connection to either engine.
pub enum Conn {
    Sqlite(rusqlite::Connection),
    Postgres(Box<RefCell<PgConn>>),
}

/// The session holding the writers' lock (the revision row) or a strong lock on a table of
/// Taizhang's, and not itself waiting: its account and program.
const LOCK_HOLDER: &str = "SELECT CAST(a.usename AS TEXT), coalesce(a.application_name, '') \
     FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid \
     WHERE l.granted AND l.pid <> pg_backend_pid() \
     AND ((l.relation = CAST('revision' AS regclass) AND l.mode IN ('RowShareLock', 'RowExclusiveLock')) \
          OR (l.relation IN (CAST('revision' AS regclass), CAST('projects' AS regclass), \
                             CAST('reports' AS regclass), CAST('problems' AS regclass)) \
              AND l.mode IN ('ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'))) \
     AND NOT EXISTS (SELECT 1 FROM pg_locks w WHERE w.pid = l.pid AND NOT w.granted) \
     ORDER BY a.xact_start LIMIT 1";

/// A PostgreSQL client and the statements it has prepared, by their SQLite-dialect text.
pub struct PgConn {
    client: postgres::Client,
    prepared: HashMap<String, postgres::Statement>,
    /// The server and password it was reached with, to reach it again after a connection lost
    /// at COMMIT and ask whether the write landed.
    login: (String, Option<String>),
    /// The changeset the open transaction writes (ids are never handed out twice, so its
    /// presence after a lost COMMIT tells whether the write landed).
    pending: Option<i64>,
}

impl PgConn {
    pub fn new(client: postgres::Client, login: (String, Option<String>)) -> Self {
        Self { client, prepared: HashMap::new(), login, pending: None }
    }

    fn statement(&mut self, sql: &str) -> Result<postgres::Statement, DbError> {
        if let Some(stmt) = self.prepared.get(sql) {
            return Ok(stmt.clone());
        }
        let stmt = self.client.prepare(&to_postgres(sql)).map_err(|e| self.named(e))?;
        self.prepared.insert(sql.to_string(), stmt.clone());
        Ok(stmt)
    }

    fn query(&mut self, sql: &str, params: Params<'_>) -> Result<Vec<postgres::Row>, DbError> {
        let stmt = self.statement(sql)?;
        let values: Vec<Value<'_>> = params.iter().map(|p| p.to_value()).collect();
        let refs: Vec<&(dyn PgToSql + Sync)> = values.iter().map(|v| v as &(dyn PgToSql + Sync)).collect();
        self.client.query(&stmt, &refs).map_err(|e| self.named(e))
    }

    fn execute(&mut self, sql: &str, params: Params<'_>) -> Result<u64, DbError> {
        let stmt = self.statement(sql)?;
        let values: Vec<Value<'_>> = params.iter().map(|p| p.to_value()).collect();
        let refs: Vec<&(dyn PgToSql + Sync)> = values.iter().map(|v| v as &(dyn PgToSql + Sync)).collect();
        self.client.execute(&stmt, &refs).map_err(|e| self.named(e))
    }

    fn batch(&mut self, sql: &str) -> Result<(), DbError> {
        self.client.batch_execute(sql).map_err(|e| self.named(e))
    }

    /// The server's error in words; a lock waited for past the timeout names who holds it.
    fn named(&self, e: postgres::Error) -> DbError {
        match DbError::from(e) {
            DbError::Waited(None) => DbError::Waited(self.lock_holder()),
            other => other,
        }
    }

    /// The account (and its program) of a session holding the writers' lock or a table lock
    /// of Taizhang's on the server and not itself waiting, asked on a connection of its own
    /// (this one's transaction has failed); any account may read this much of the sessions.
    fn lock_holder(&self) -> Option<String> {
        let (url, password) = &self.login;
        let mut client = match super::server::connect(url, password.as_deref()) {
            Ok(Conn::Postgres(fresh)) => fresh.into_inner().client,
            Ok(Conn::Sqlite(_)) => return None,
            Err(e) => {
                log::warn!("the lock's holder could not be asked: {e}");
                return None;
            }
        };
        let sql = LOCK_HOLDER;
        match client.query_opt(sql, &[]) {
            Ok(Some(row)) => {
                let (account, program): (Option<String>, String) = (row.get(0), row.get(1));
                account.map(|a| if program.is_empty() { a } else { format!("{a},{program}") })
            }
            Ok(None) => None,
            Err(e) => {
                log::warn!("the lock's holder could not be read: {e}");
                None
            }
        }
    }

    /// The client itself, for what only PostgreSQL has (roles, COPY, LISTEN).
    pub fn client(&mut self) -> &mut postgres::Client {
        &mut self.client
    }

    /// The client, without the prepared statements.
    pub fn into_client(self) -> postgres::Client {
        self.client
    }
}

/// Rewrites SQLite's `?1` placeholders as PostgreSQL's `$1` (a bare `?` takes the next number),
/// leaving quoted text alone.
pub fn to_postgres(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut chars = sql.chars().peekable();
    let mut quote: Option<char> = None;
    let mut next = 1;
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                out.push(c);
                if c == q {
                    quote = None;
                }
            }
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                out.push(c);
            }
            None if c == '?' => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().copied().filter(char::is_ascii_digit) {
                    digits.push(d);
                    chars.next();
                }
                out.push('$');
                if digits.is_empty() {
                    out.push_str(&next.to_string());
                    next += 1;
                } else {
                    out.push_str(&digits);
                }
            }
            None => out.push(c),
        }
    }
    out
}

/// One row of a result, from either engine; columns are read by index.
pub enum Row<'r> {
    Sqlite(&'r rusqlite::Row<'r>),
    Postgres(&'r postgres::Row),
}

impl Row<'_> {
    /// The value of column `idx`.
    ///
    /// # Errors
    /// A column whose type does not convert to `T` (a value the schema should not allow).
    pub fn get<T: FromColumn>(&self, idx: usize) -> Result<T, DbError> {
        match self {
            Row::Sqlite(r) => T::sqlite(r, idx),
            Row::Postgres(r) => T::postgres(r, idx),
        }
    }
}

/// What a column can be read as.
pub trait FromColumn: Sized {
    fn sqlite(row: &rusqlite::Row<'_>, idx: usize) -> Result<Self, DbError>;
    fn postgres(row: &postgres::Row, idx: usize) -> Result<Self, DbError>;
}

fn bad_column(row: &postgres::Row, idx: usize, want: &str) -> DbError {
    let ty = row.columns().get(idx).map_or_else(|| "?".to_string(), |c| c.type_().to_string());
    DbError::BadValue(format!("column {idx} is {ty}, not {want}"))
}

fn pg_int(row: &postgres::Row, idx: usize) -> Result<Option<i64>, DbError> {
    let ty = row.columns().get(idx).map(|c| c.type_().clone()).ok_or_else(|| bad_column(row, idx, "integer"))?;
    Ok(match ty {
        Type::INT8 => row.try_get::<_, Option<i64>>(idx)?,
        Type::INT4 => row.try_get::<_, Option<i32>>(idx)?.map(i64::from),
        Type::INT2 => row.try_get::<_, Option<i16>>(idx)?.map(i64::from),
        Type::BOOL => row.try_get::<_, Option<bool>>(idx)?.map(i64::from),
        _ => return Err(bad_column(row, idx, "integer")),
    })
}

fn pg_real(row: &postgres::Row, idx: usize) -> Result<Option<f64>, DbError> {
    let ty = row.columns().get(idx).map(|c| c.type_().clone()).ok_or_else(|| bad_column(row, idx, "number"))?;
    Ok(match ty {
        Type::FLOAT8 => row.try_get::<_, Option<f64>>(idx)?,
        Type::FLOAT4 => row.try_get::<_, Option<f32>>(idx)?.map(f64::from),
        Type::INT8 | Type::INT4 | Type::INT2 => pg_int(row, idx)?.map(|i| i as f64),
        _ => return Err(bad_column(row, idx, "number")),
    })
}

fn pg_text(row: &postgres::Row, idx: usize) -> Result<Option<String>, DbError> {
    row.try_get::<_, Option<String>>(idx).map_err(|_| bad_column(row, idx, "text"))
}

fn null_column(idx: usize) -> DbError {
    DbError::BadValue(format!("column {idx} is NULL"))
}

macro_rules! from_column {
    ($t:ty, $pg:ident, $conv:expr) => {
        impl FromColumn for Option<$t> {
            fn sqlite(row: &rusqlite::Row<'_>, idx: usize) -> Result<Self, DbError> {
                Ok(row.get(idx)?)
            }
            fn postgres(row: &postgres::Row, idx: usize) -> Result<Self, DbError> {
                $pg(row, idx)?.map($conv).transpose()
            }
        }
        impl FromColumn for $t {
            fn sqlite(row: &rusqlite::Row<'_>, idx: usize) -> Result<Self, DbError> {
                Ok(row.get(idx)?)
            }
            fn postgres(row: &postgres::Row, idx: usize) -> Result<Self, DbError> {
                <Option<$t>>::postgres(row, idx)?.ok_or_else(|| null_column(idx))
            }
        }
    };
}

from_column!(i64, pg_int, Ok::<i64, DbError>);
from_column!(i32, pg_int, |i| i32::try_from(i).map_err(|_| DbError::BadValue(format!("{i} is out of range"))));
from_column!(u32, pg_int, |i| u32::try_from(i).map_err(|_| DbError::BadValue(format!("{i} is out of range"))));
from_column!(u16, pg_int, |i| u16::try_from(i).map_err(|_| DbError::BadValue(format!("{i} is out of range"))));
from_column!(u8, pg_int, |i| u8::try_from(i).map_err(|_| DbError::BadValue(format!("{i} is out of range"))));
from_column!(bool, pg_int, |i| Ok::<bool, DbError>(i != 0));
from_column!(f64, pg_real, Ok::<f64, DbError>);
from_column!(String, pg_text, Ok::<String, DbError>);

/// A value of any column, owned: rows copied between the engines.
#[derive(Clone, Debug, PartialEq)]
pub enum Owned {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

impl FromColumn for Owned {
    fn sqlite(row: &rusqlite::Row<'_>, idx: usize) -> Result<Self, DbError> {
        use rusqlite::types::ValueRef;
        Ok(match row.get_ref(idx)? {
            ValueRef::Null | ValueRef::Blob(_) => Owned::Null,
            ValueRef::Integer(i) => Owned::Int(i),
            ValueRef::Real(r) => Owned::Real(r),
            ValueRef::Text(t) => Owned::Text(String::from_utf8_lossy(t).into_owned()),
        })
    }

    fn postgres(row: &postgres::Row, idx: usize) -> Result<Self, DbError> {
        let ty = row.columns().get(idx).map(|c| c.type_().clone()).ok_or_else(|| bad_column(row, idx, "a value"))?;
        Ok(match ty {
            Type::INT8 | Type::INT4 | Type::INT2 | Type::BOOL => pg_int(row, idx)?.map_or(Owned::Null, Owned::Int),
            Type::FLOAT8 | Type::FLOAT4 => pg_real(row, idx)?.map_or(Owned::Null, Owned::Real),
            _ => pg_text(row, idx)?.map_or(Owned::Null, Owned::Text),
        })
    }
}

impl ToValue for Owned {
    fn to_value(&self) -> Value<'_> {
        match self {
            Owned::Null => Value::Null,
            Owned::Int(i) => Value::Int(*i),
            Owned::Real(r) => Value::Real(*r),
            Owned::Text(t) => Value::Text(t),
        }
    }
}

impl Conn {
    /// A table's columns, in order.
    ///
    /// # Errors
    /// The engine's error.
    pub fn columns_of(&self, table: &str) -> Result<Vec<String>, DbError> {
        match self {
            Conn::Sqlite(_) => {
                self.query_map("SELECT name FROM pragma_table_info(?1) ORDER BY cid", params![table], |r| r.get(0))
            }
            Conn::Postgres(_) => self.query_map(
                "SELECT CAST(column_name AS TEXT) FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = ?1 ORDER BY ordinal_position",
                params![table],
                |r| r.get(0),
            ),
        }
    }

    /// Which engine this is.
    pub fn engine(&self) -> Engine {
        match self {
            Conn::Sqlite(_) => Engine::Sqlite,
            Conn::Postgres(_) => Engine::Postgres,
        }
    }

    /// The SQLite connection, for what only a file has (backups, pragmas); `None` on a server.
    pub fn sqlite(&self) -> Option<&rusqlite::Connection> {
        match self {
            Conn::Sqlite(c) => Some(c),
            Conn::Postgres(_) => None,
        }
    }

    /// Runs one statement; the number of rows it changed.
    ///
    /// # Errors
    /// The engine's error.
    pub fn execute(&self, sql: &str, params: Params<'_>) -> Result<usize, DbError> {
        match self {
            Conn::Sqlite(c) => Ok(c.prepare_cached(sql)?.execute(rusqlite::params_from_iter(lite_params(params)))?),
            Conn::Postgres(pg) => Ok(usize::try_from(pg.borrow_mut().execute(sql, params)?).unwrap_or(usize::MAX)),
        }
    }

    /// Runs an INSERT into a table whose key is `id`; the new row's id.
    ///
    /// # Errors
    /// The engine's error.
    pub fn insert(&self, sql: &str, params: Params<'_>) -> Result<i64, DbError> {
        match self {
            Conn::Sqlite(c) => {
                c.prepare_cached(sql)?.execute(rusqlite::params_from_iter(lite_params(params)))?;
                Ok(c.last_insert_rowid())
            }
            Conn::Postgres(pg) => {
                let rows = pg.borrow_mut().query(&format!("{sql} RETURNING id"), params)?;
                let row = rows.first().ok_or_else(|| DbError::BadValue("INSERT returned no id".into()))?;
                Row::Postgres(row).get(0)
            }
        }
    }

    /// Runs several statements without parameters.
    ///
    /// # Errors
    /// The engine's error.
    pub fn execute_batch(&self, sql: &str) -> Result<(), DbError> {
        match self {
            Conn::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Conn::Postgres(pg) => pg.borrow_mut().batch(sql),
        }
    }

    /// Every row of a query, each mapped by `f`.
    ///
    /// # Errors
    /// The engine's error or `f`'s.
    pub fn query_map<T>(
        &self,
        sql: &str,
        params: Params<'_>,
        mut f: impl FnMut(&Row<'_>) -> Result<T, DbError>,
    ) -> Result<Vec<T>, DbError> {
        match self {
            Conn::Sqlite(c) => {
                let mut stmt = c.prepare_cached(sql)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(lite_params(params)))?;
                let mut out = Vec::new();
                while let Some(row) = rows.next()? {
                    out.push(f(&Row::Sqlite(row))?);
                }
                Ok(out)
            }
            Conn::Postgres(pg) => {
                let rows = pg.borrow_mut().query(sql, params)?;
                rows.iter().map(|r| f(&Row::Postgres(r))).collect()
            }
        }
    }

    /// The first row of a query mapped by `f`, or `None` when there is none.
    ///
    /// # Errors
    /// The engine's error or `f`'s.
    pub fn query_opt<T>(
        &self,
        sql: &str,
        params: Params<'_>,
        f: impl FnOnce(&Row<'_>) -> Result<T, DbError>,
    ) -> Result<Option<T>, DbError> {
        match self {
            Conn::Sqlite(c) => {
                let mut stmt = c.prepare_cached(sql)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(lite_params(params)))?;
                match rows.next()? {
                    Some(row) => Ok(Some(f(&Row::Sqlite(row))?)),
                    None => Ok(None),
                }
            }
            Conn::Postgres(pg) => {
                let rows = pg.borrow_mut().query(sql, params)?;
                rows.first().map(|r| f(&Row::Postgres(r))).transpose()
            }
        }
    }

    /// The first row of a query mapped by `f`; no row is an error.
    ///
    /// # Errors
    /// The engine's error, `f`'s, or [`DbError::BadValue`] when there is no row.
    pub fn query_row<T>(
        &self,
        sql: &str,
        params: Params<'_>,
        f: impl FnOnce(&Row<'_>) -> Result<T, DbError>,
    ) -> Result<T, DbError> {
        self.query_opt(sql, params, f)?.ok_or_else(|| DbError::BadValue(format!("no row from {}", first_words(sql))))
    }

    /// Starts a transaction that takes SQLite's write lock at once (`BEGIN IMMEDIATE`), so that
    /// two writers never both read then both write; it rolls back unless committed.
    ///
    /// # Errors
    /// The engine's error ([`DbError::Busy`] when another writer holds the lock too long).
    pub fn transaction(&self) -> Result<Tx<'_>, DbError> {
        match self {
            Conn::Sqlite(c) => c.execute_batch("BEGIN IMMEDIATE")?,
            // Read committed: each statement sees what others committed before it; a write
            // transaction makes itself the only writer first (`recorder::lock_writers`).
            Conn::Postgres(pg) => {
                let mut pg = pg.borrow_mut();
                pg.pending = None;
                pg.client.batch_execute("BEGIN ISOLATION LEVEL READ COMMITTED")?;
            }
        }
        Ok(Tx { conn: self, open: true })
    }

    /// Starts a transaction that reads one consistent state (no write lock).
    ///
    /// # Errors
    /// The engine's error.
    pub fn read_transaction(&self) -> Result<Tx<'_>, DbError> {
        match self {
            Conn::Sqlite(c) => c.execute_batch("BEGIN DEFERRED")?,
            Conn::Postgres(pg) => {
                pg.borrow_mut().client.batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
            }
        }
        Ok(Tx { conn: self, open: true })
    }
}

fn lite_params<'a>(params: Params<'a>) -> Vec<Value<'a>> {
    params.iter().map(|p| p.to_value()).collect()
}

fn first_words(sql: &str) -> String {
    sql.split_whitespace().take(6).collect::<Vec<_>>().join(" ")
}

/// An open transaction; rolled back when dropped without [`Tx::commit`].
pub struct Tx<'c> {
    conn: &'c Conn,
    open: bool,
}

impl Conn {
    /// Notes the changeset the open transaction writes (on a server; see [`Tx::commit`]).
    pub(super) fn writing_changeset(&self, changeset: i64) {
        if let Conn::Postgres(pg) = self {
            pg.borrow_mut().pending = Some(changeset);
        }
    }

    /// After the connection was lost at COMMIT: reaches the server again (this connection
    /// carries on with the new session) and tells whether `changeset` landed, waiting for the
    /// writers' lock first, so that a COMMIT the server is still working on has ended.
    fn landed(&self, changeset: i64) -> Result<bool, DbError> {
        let Conn::Postgres(pg) = self else { return Ok(true) };
        let (url, password) = pg.borrow().login.clone();
        let fresh = match super::server::connect(&url, password.as_deref())? {
            Conn::Postgres(fresh) => fresh.into_inner(),
            Conn::Sqlite(_) => return Ok(true),
        };
        *pg.borrow_mut() = fresh;
        let tx = self.transaction()?;
        super::recorder::lock_writers(&tx)?;
        tx.query_row("SELECT EXISTS (SELECT 1 FROM changesets WHERE id = ?1)", params![changeset], |r| r.get(0))
    }
}

impl Tx<'_> {
    /// Commits. On a server, a connection lost at COMMIT is not taken for "nothing saved": the
    /// server may have committed. The connection is made again and the transaction's changeset
    /// looked for; found, the commit stands; not found, nothing was saved, truly.
    ///
    /// # Errors
    /// The engine's error; the transaction is rolled back then. [`DbError::CommitUnknown`]
    /// when the server cannot be reached again to ask.
    pub fn commit(mut self) -> Result<(), DbError> {
        self.open = false;
        let pending = match self.conn {
            Conn::Postgres(pg) => pg.borrow_mut().pending.take(),
            Conn::Sqlite(_) => None,
        };
        let result = self.conn.execute_batch("COMMIT");
        match (result, pending) {
            (Ok(()), _) => Ok(()),
            (Err(DbError::Connection(lost)), Some(changeset)) => match self.conn.landed(changeset) {
                Ok(true) => {
                    log::warn!("the connection was lost at COMMIT ({lost}); changeset {changeset} had landed");
                    Ok(())
                }
                Ok(false) => Err(DbError::Connection(lost)),
                Err(e) => {
                    log::warn!("whether changeset {changeset} landed cannot be told: {e}");
                    Err(DbError::CommitUnknown(changeset))
                }
            },
            (Err(e), _) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        self.conn
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if self.open
            && let Err(e) = self.conn.execute_batch("ROLLBACK")
        {
            log::warn!("rollback failed: {e}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_numbered_outside_quotes() {
        assert_eq!(to_postgres("SELECT a FROM t WHERE a = ?1 AND b = ?12"), "SELECT a FROM t WHERE a = $1 AND b = $12");
        assert_eq!(to_postgres("INSERT INTO t VALUES (?, ?)"), "INSERT INTO t VALUES ($1, $2)");
        assert_eq!(to_postgres("SELECT '?1' || ?2 || \"a?\""), "SELECT '?1' || $2 || \"a?\"");
    }

    #[test]
    fn sqlite_rows_read_by_index() -> Result<(), DbError> {
        let conn = Conn::Sqlite(rusqlite::Connection::open_in_memory()?);
        conn.execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY, x REAL, s TEXT)")?;
        let id = conn.insert("INSERT INTO t (x, s) VALUES (?1, ?2)", params![2.5, "二"])?;
        assert_eq!(id, 1);
        let tx = conn.transaction()?;
        tx.execute("INSERT INTO t (x, s) VALUES (?1, ?2)", params![3_i64, None::<String>])?;
        drop(tx);
        let rows = conn.query_map("SELECT id, x, s FROM t ORDER BY id", params![], |r| {
            Ok((r.get::<i64>(0)?, r.get::<f64>(1)?, r.get::<Option<String>>(2)?))
        })?;
        assert_eq!(rows, vec![(1, 2.5, Some("二".to_string()))], "the dropped transaction rolled back");
        Ok(())
    }
}
