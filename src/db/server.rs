//! db::server: what only a PostgreSQL database has: connecting by URL, its schema version, its
//! baseline migration, and the roles the server enforces (accounts, grants, row policies). Runs
//! SQL through `sql::Conn` like the rest of `db`.

use super::sql::{Conn, params};
use super::{Db, DbError, Refusal};

/// The schema a new server database gets in one step: the PostgreSQL dialect of the SQLite
/// migrations 1 to 11 (no server database exists at an older version).
const BASELINE: &str = include_str!("migrations/pg/011_baseline.sql");
/// The schema version [`BASELINE`] brings a database to.
const BASELINE_VERSION: i64 = 11;
/// The migrations after the baseline, in PostgreSQL's dialect, by the version each brings.
const MIGRATIONS: &[(i64, &str)] = &[
    (12, include_str!("migrations/pg/012_revisions.sql")),
    (13, include_str!("migrations/pg/013_sync_origin.sql")),
    (14, include_str!("migrations/pg/014_changes_by_changeset.sql")),
    (15, include_str!("migrations/pg/015_view_owners.sql")),
    (16, include_str!("migrations/pg/016_year_done.sql")),
    (17, include_str!("migrations/pg/017_proprietor.sql")),
    (18, include_str!("migrations/pg/018_server_bookkeeping.sql")),
    (19, include_str!("migrations/pg/019_reports_by_period.sql")),
    (20, include_str!("migrations/pg/020_current_reports.sql")),
    (21, include_str!("migrations/pg/021_plan_places.sql")),
];

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
    // schema made (an advisory lock: any account may take one).
    tx.query_row("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(7364259)) AS locked", params![], |r| {
        r.get::<i64>(0)
    })?;
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
/// `sslmode=require` connects over TLS and checks the server's certificate (against the
/// computer's trusted authorities and `sslrootcert=FILE`); without it the connection is plain,
/// for a trusted network.
pub(super) fn connect(url: &str, password: Option<&str>) -> Result<Conn, DbError> {
    use std::str::FromStr;
    let (url, mode, root_file) = super::tls::split(url)?;
    let url = url.as_str();
    let mut config =
        postgres::Config::from_str(url).map_err(|e| DbError::Connection(format!("{}: {e}", shown_url(url))))?;
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(std::time::Duration::from_secs(10));
    }
    config.application_name("taizhang");
    // A laptop that sleeps or loses its network inside a save must not hold the others: the
    // server ends a session idle inside a transaction, keepalives find a vanished client, and a
    // writer waits for another's lock a while, then gives up in words (issue 24).
    config.keepalives(true);
    config.keepalives_idle(std::time::Duration::from_secs(30));
    let options = format!("{} {SESSION_LIMITS}", config.get_options().unwrap_or_default());
    config.options(options.trim());
    // As libpq does: a password not in the URL comes from PGPASSWORD (never from the command
    // line, where other users of the machine could read it).
    if let Some(password) = password {
        config.password(password);
    } else if config.get_password().is_none()
        && let Ok(password) = std::env::var("PGPASSWORD")
    {
        config.password(password);
    }
    let failed = |e: postgres::Error| {
        let detail = super::error::postgres_detail(&e);
        DbError::Connection(format!("{}: {detail}", shown_url(url)))
    };
    use super::tls::Mode;
    let client = match mode {
        Mode::Disable => {
            config.ssl_mode(postgres::config::SslMode::Disable);
            config.connect(postgres::NoTls).map_err(failed)?
        }
        // As libpq: TLS when the server offers it, unchecked; plain otherwise.
        Mode::Prefer => {
            config.ssl_mode(postgres::config::SslMode::Prefer);
            config.connect(super::tls::connector(mode, None)?).map_err(failed)?
        }
        Mode::Require | Mode::VerifyCa | Mode::VerifyFull => {
            config.ssl_mode(postgres::config::SslMode::Require);
            config.connect(super::tls::connector(mode, root_file.as_deref())?).map_err(failed)?
        }
    };
    let login = (url.to_string(), password.map(str::to_string));
    Ok(Conn::Postgres(Box::new(std::cell::RefCell::new(super::sql::PgConn::new(client, login)))))
}

/// What a session may hold: a lock waited for (`lock_timeout`), a transaction left idle
/// (`idle_in_transaction_session_timeout`), one statement (`statement_timeout`). `server init`
/// sets the same on the database, for a client that does not.
pub const SESSION_LIMITS: &str =
    "-c lock_timeout=10s -c idle_in_transaction_session_timeout=120s -c statement_timeout=300s";

/// A password as PostgreSQL keeps it (`SCRAM-SHA-256$4096:salt$StoredKey:ServerKey`), made here
/// so that the clear text never reaches the server or its log.
fn scram_verifier(password: &str) -> String {
    postgres_protocol::password::scram_sha_256(password.as_bytes())
}

/// The group roles, grants and row policies of [`ROLES`]: who may do what, by the server.
const ROLES: &str = include_str!("migrations/pg/roles.sql");

/// A role an account is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Admin,
    City,
    District,
    Viewer,
}

impl Role {
    /// Every role, in the order they are listed.
    pub const ALL: [Role; 4] = [Role::Admin, Role::City, Role::District, Role::Viewer];

    /// The role's word, as `server grant --role` takes it.
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::City => "city",
            Role::District => "district",
            Role::Viewer => "viewer",
        }
    }

    /// The group role as `roles.sql` spells it; each database gets its own (see [`group_names`]).
    fn spelt(self) -> &'static str {
        match self {
            Role::Admin => "taizhang_admin",
            Role::City => "taizhang_city",
            Role::District => "taizhang_district",
            Role::Viewer => "taizhang_viewer",
        }
    }

    /// Reads `admin`, `city`, `district` or `viewer`.
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "admin" => Role::Admin,
            "city" => Role::City,
            "district" => Role::District,
            "viewer" => Role::Viewer,
            _ => return None,
        })
    }
}

/// This database's own group roles, in [`Role::ALL`]'s order: `taizhang_city_16384`, with the
/// database's id, so that two Taizhang databases on one server are two worlds.
fn group_names(conn: &Conn) -> Result<Vec<String>, DbError> {
    let id: i64 = conn.query_row(
        "SELECT CAST(oid AS BIGINT) FROM pg_database WHERE datname = current_database()",
        params![],
        |r| r.get(0),
    )?;
    Ok(Role::ALL.iter().map(|r| format!("{}_{id}", r.spelt())).collect())
}

/// An account name as the server's roles are named: lower-case letters, digits and `_`.
fn check_account(name: &str) -> Result<(), DbError> {
    let ok = !name.is_empty()
        && name.len() <= 63
        && name.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if ok { Ok(()) } else { Err(Refusal::AccountName(name.to_string()).into()) }
}

impl Db {
    /// Sets up the roles, grants and row policies on the server (again, if they are there).
    ///
    /// # Errors
    /// [`DbError::Denied`] when this account may not create roles; the server's errors.
    pub fn set_up_roles(&self) -> Result<Vec<String>, DbError> {
        if self.url.is_none() {
            return Err(DbError::NotAFile);
        }
        let names = group_names(&self.conn)?;
        let mut sql = ROLES.to_string();
        for (role, name) in Role::ALL.iter().zip(&names) {
            sql = sql.replace(role.spelt(), name);
        }
        let tx = self.conn.transaction()?;
        tx.execute_batch(&sql)?;
        // The same limits as every Taizhang client sets, for a client (a script) that does not.
        tx.execute_batch(
            "DO $$ BEGIN \
             EXECUTE format('ALTER DATABASE %I SET lock_timeout = %L', current_database(), '10s'); \
             EXECUTE format('ALTER DATABASE %I SET idle_in_transaction_session_timeout = %L', current_database(), '120s'); \
             END $$;",
        )?;
        tx.commit()?;
        self.roles_on.set(None);
        Ok(names)
    }

    /// Gives `account` a role (creating the login if the server has none of that name, with
    /// `password` when given), and for a district editor the places it may change (by name,
    /// in the current plan's city). Replaces the account's earlier role and places. Whether the
    /// login was made now (an existing one keeps its password).
    ///
    /// # Errors
    /// A name that is not an account name, an unknown place, a district role without places,
    /// the server's refusal (this account may not manage roles).
    pub fn grant(&self, account: &str, role: Role, places: &[String], password: Option<&str>) -> Result<bool, DbError> {
        check_account(account)?;
        if account.starts_with("taizhang_") {
            return Err(Refusal::GroupRole(account.to_string()).into());
        }
        if (role == Role::District) == places.is_empty() {
            return Err(Refusal::DistrictPlaces.into());
        }
        let plan = self.current_plan()?;
        let mut ids = Vec::new();
        for name in places {
            let id = super::plans::place_id_in(&self.conn, plan.city.as_deref(), name)?
                .ok_or_else(|| Refusal::NotAPlace(name.clone()))?;
            ids.push(id.to_string());
        }
        let tx = self.conn.transaction()?;
        // (may log in, superuser, owns this database), for a refusal in words; the server's
        // function checks the same again.
        let found: Option<(bool, bool, bool)> = tx.query_opt(
            "SELECT r.rolcanlogin, r.rolsuper, d.datdba = r.oid FROM pg_roles r, pg_database d \
             WHERE r.rolname = ?1 AND d.datname = current_database()",
            params![account],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        if let Some((login, superuser, owner)) = found
            && (!login || superuser || owner)
        {
            return Err(Refusal::NotAReviewer(account.to_string()).into());
        }
        // Through the server's function, as the account that set the roles up: administrators
        // have no CREATEROLE (before PostgreSQL 16 it leads to the server's programs). A new
        // login's password goes as a SCRAM verifier: the server keeps and logs no clear text.
        let verifier = if found.is_none() { password.map(scram_verifier) } else { None };
        let made: bool = tx.query_row(
            "SELECT taizhang_grant(?1, ?2, ?3, ?4)",
            params![account, role.code(), ids.join(","), verifier],
            |r| r.get(0),
        )?;
        tx.commit()?;
        Ok(made)
    }

    /// Accounts of the server-wide groups of earlier versions that have no role in this
    /// database (`server init` carries over only those that belong here by what they did: places
    /// given here, changes written here); to grant again.
    ///
    /// # Errors
    /// The server's errors.
    pub fn accounts_to_grant_again(&self) -> Result<Vec<String>, DbError> {
        let names = group_names(&self.conn)?;
        self.conn.query_map(
            "SELECT DISTINCT CAST(m.rolname AS TEXT) FROM pg_auth_members am JOIN pg_roles m ON m.oid = am.member \
             JOIN pg_roles g ON g.oid = am.roleid \
             WHERE g.rolname IN ('taizhang_admin', 'taizhang_city', 'taizhang_district', 'taizhang_viewer') \
             AND m.rolcanlogin AND NOT pg_has_role(m.oid, ?1, 'MEMBER') AND NOT pg_has_role(m.oid, ?2, 'MEMBER') \
             AND NOT pg_has_role(m.oid, ?3, 'MEMBER') AND NOT pg_has_role(m.oid, ?4, 'MEMBER') ORDER BY 1",
            params![names[0], names[1], names[2], names[3]],
            |r| r.get(0),
        )
    }

    /// Whether the server enforces roles (they were set up); `false` for a file.
    pub(super) fn roles_enforced(&self) -> Result<bool, DbError> {
        if self.url.is_none() {
            return Ok(false);
        }
        if let Some(on) = self.roles_on.get() {
            return Ok(on);
        }
        let on: bool = self.conn.query_row(
            "SELECT to_regprocedure('taizhang_may_edit_project(bigint)') IS NOT NULL",
            params![],
            |r| r.get(0),
        )?;
        self.roles_on.set(Some(on));
        Ok(on)
    }

    /// Refuses moving a project to a place this account may not change (a district editor's
    /// project leaving its district).
    pub(super) fn check_may_place(&self, tx: &Conn, place: &str, city: Option<&str>) -> Result<(), DbError> {
        if self.url.is_none() {
            return self.check_copy_may_place(tx, super::plans::place_id_in(tx, city, place)?, place);
        }
        if !self.roles_enforced()? {
            return Ok(());
        }
        let Some(id) = super::plans::place_id_in(tx, city, place)? else { return Ok(()) };
        let may: bool = tx.query_row("SELECT taizhang_may_edit_place(?1)", params![id], |r| r.get(0))?;
        if may {
            return Ok(());
        }
        let account: String = tx.query_row("SELECT CAST(current_user AS TEXT)", params![], |r| r.get(0))?;
        Err(Refusal::NotYourPlace { account, place: place.to_string(), copy: false }.into())
    }

    /// Refuses a write from an account that may only read, before anything is locked.
    pub(super) fn check_not_read_only(&self) -> Result<(), DbError> {
        if self.url.is_none() {
            return self.check_copy_not_read_only();
        }
        if !self.roles_enforced()? {
            return Ok(());
        }
        let (account, may): (String, bool) = self.conn.query_row(
            "SELECT CAST(current_user AS TEXT), has_function_privilege('taizhang_bump()', 'EXECUTE')",
            params![],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if may { Ok(()) } else { Err(Refusal::ViewOnly { account, copy: false }.into()) }
    }

    /// Refuses, with the places this account may change, a write to a project outside them
    /// (the server would refuse it too; this says why in words).
    pub(super) fn check_may_write(&self, tx: &Conn, projects: &[i64]) -> Result<(), DbError> {
        if self.url.is_none() {
            return self.check_copy_may_write(tx, projects);
        }
        if !self.roles_enforced()? {
            return Ok(());
        }
        for &project in projects {
            let may: bool = tx.query_row("SELECT taizhang_may_edit_project(?1)", params![project], |r| r.get(0))?;
            if !may {
                let account: String = tx.query_row("SELECT CAST(current_user AS TEXT)", params![], |r| r.get(0))?;
                let places: Vec<String> = tx.query_map(
                    "SELECT p.name FROM account_places a JOIN places p ON p.id = a.place_id \
                     WHERE a.account = ?1 ORDER BY p.id",
                    params![account],
                    |r| r.get(0),
                )?;
                let name: String =
                    tx.query_row("SELECT name FROM projects WHERE id = ?1", params![project], |r| r.get(0))?;
                return Err(Refusal::NotYourProject { account, places, name, copy: false }.into());
            }
        }
        Ok(())
    }
}
