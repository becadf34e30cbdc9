//! db::server: what only a PostgreSQL database has: connecting by URL, its schema version and
//! its baseline migration. Runs SQL through `sql::Conn` like the rest of `db`.

use super::DbError;
use super::sql::{Conn, params};

/// The schema a new server database gets in one step: the PostgreSQL dialect of the SQLite
/// migrations 1 to 11 (no server database exists at an older version).
const BASELINE: &str = include_str!("migrations/pg/011_baseline.sql");
/// The schema version [`BASELINE`] brings a database to.
const BASELINE_VERSION: i64 = 11;
/// The migrations after the baseline, in PostgreSQL's dialect, by the version each brings.
const MIGRATIONS: &[(i64, &str)] = &[(12, include_str!("migrations/pg/012_revisions.sql"))];

/// The schema version recorded on the server (0 for an empty database).
pub(super) fn schema_version(conn: &Conn) -> Result<i64, DbError> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() \
         AND table_name = 'schema_version')",
        params![],
        |r| r.get(0),
    )?;
    if !exists {
        return Ok(0);
    }
    Ok(conn.query_opt("SELECT version FROM schema_version", params![], |r| r.get(0))?.unwrap_or(0))
}

/// Brings a server database to this build's schema, in one transaction.
pub(super) fn migrate(conn: &Conn) -> Result<(), DbError> {
    if schema_version(conn)? >= super::SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction()?;
    // Two clients starting on an empty server at once: the second waits here, then finds the
    // schema made.
    tx.execute_batch("LOCK TABLE pg_catalog.pg_namespace IN SHARE MODE")?;
    let now = schema_version(&tx)?;
    if now == 0 {
        tx.execute_batch(BASELINE)?;
        tx.execute_batch("CREATE TABLE schema_version (version bigint NOT NULL)")?;
        tx.execute("INSERT INTO schema_version (version) VALUES (?1)", params![BASELINE_VERSION])?;
    }
    for &(version, sql) in MIGRATIONS {
        if version > schema_version(&tx)? {
            tx.execute_batch(sql)?;
            tx.execute("UPDATE schema_version SET version = ?1", params![version])?;
        }
    }
    tx.commit()?;
    log::info!("server database at schema version {}", schema_version(conn)?);
    Ok(())
}

/// The server a `--db` value names (`postgres://…` or `postgresql://…`), if it names one.
pub fn server_url(db: &std::path::Path) -> Option<&str> {
    db.to_str().filter(|s| s.starts_with("postgres://") || s.starts_with("postgresql://"))
}

/// A server URL as it may be shown: without its password.
pub fn shown_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let Some((user_info, host)) = rest.split_once('@') else { return url.to_string() };
    let user = user_info.split(':').next().unwrap_or_default();
    format!("{scheme}://{user}@{host}")
}

/// Connects to the server at `url` (a libpq URL: `postgres://user@host:port/db?sslmode=…`).
pub(super) fn connect(url: &str) -> Result<Conn, DbError> {
    use std::str::FromStr;
    let mut config =
        postgres::Config::from_str(url).map_err(|e| DbError::Connection(format!("{}: {e}", shown_url(url))))?;
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(std::time::Duration::from_secs(10));
    }
    config.application_name("taizhang");
    // As libpq does: a password not in the URL comes from PGPASSWORD (never from the command
    // line, where other users of the machine could read it).
    if config.get_password().is_none()
        && let Ok(password) = std::env::var("PGPASSWORD")
    {
        config.password(password);
    }
    if config.get_ssl_mode() == postgres::config::SslMode::Require {
        return Err(DbError::Connection(format!(
            "{}: sslmode=require 需要 TLS,本版本尚不支持;请在受信任的网络上用 sslmode=disable 或 prefer。 / sslmode=require needs TLS, which this build does not have yet; on a trusted network use sslmode=disable or prefer.",
            shown_url(url)
        )));
    }
    let client = config
        .connect(postgres::NoTls)
        .map_err(|e| DbError::Connection(format!("{}: {}", shown_url(url), super::error::postgres_detail(&e))))?;
    Ok(Conn::Postgres(Box::new(std::cell::RefCell::new(super::sql::PgConn::new(client)))))
}
