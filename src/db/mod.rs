//! db: the SQLite file. `Db` opens, checks, migrates and seeds it, and reads snapshots for the
//! app. The only module that runs SQL; knows nothing of egui.

mod backup;
mod error;
mod links;
mod months;
mod offline;
mod plan_import;
mod plans;
mod problems;
mod progress;
mod projects;
mod push;
mod recorder;
#[cfg(test)]
pub(crate) use recorder::recorded_fields;
mod reference;
mod review;
mod rights;
mod select;
mod server;
mod snapshot;
pub mod sql;
mod tls;
pub use sql::Engine;
mod views;
mod watch;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use sql::{Conn, params};

use crate::domain::Dataset;
pub use crate::domain::Snapshot;
use crate::seed::PlanSeed;

pub use backup::{KEEP_BACKUPS, backups_of, check_restorable};
pub use error::{BackupReason, Damage, DbError, Foreign, Hint, Refusal};
pub use months::MonthClosed;
pub use offline::{Conflict, Recorded, Synced, ViewsSent};
pub use plan_import::{LedgerMonth, MAX_SECTIONS, NewPlan};
pub use problems::{ProblemFilter, ProblemRow};
pub use progress::Progress;
pub use projects::NewProject;
pub use push::Pushed;
pub use review::{Change, HistoryEntry, HistoryFilter, ReviewError};
pub use server::{Role, server_url, shown_url};
pub use views::SavedView;
pub use watch::{WatchEvent, Watcher};

/// Ordered migrations; the schema version is their count (`PRAGMA user_version`).
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_init.sql"),
    include_str!("migrations/002_reports_history.sql"),
    include_str!("migrations/003_saved_views.sql"),
    include_str!("migrations/004_view_slides.sql"),
    include_str!("migrations/005_plan_corrections.sql"),
    include_str!("migrations/006_times_in_utc.sql"),
    include_str!("migrations/007_several_plans.sql"),
    include_str!("migrations/008_views_per_plan.sql"),
    include_str!("migrations/009_light_rules.sql"),
    include_str!("migrations/010_problems.sql"),
    include_str!("migrations/011_month_lights.sql"),
    include_str!("migrations/012_revisions.sql"),
    include_str!("migrations/013_sync_origin.sql"),
    include_str!("migrations/014_changes_by_changeset.sql"),
    include_str!("migrations/015_view_owners.sql"),
    include_str!("migrations/016_year_done.sql"),
    include_str!("migrations/017_proprietor.sql"),
    include_str!("migrations/018_server_bookkeeping.sql"),
    include_str!("migrations/019_reports_by_period.sql"),
    include_str!("migrations/020_current_reports.sql"),
    // Issue 27: the seeded plan's places, its rules for every community, the rows it names
    // twice, the titles it does not print.
    include_str!("migrations/021_plan_places.sql"),
];

/// A migration that rebuilds a table others refer to starts with this line: it runs with
/// foreign keys off (SQLite cannot change that inside a transaction) and checks every
/// reference before it commits.
const FOREIGN_KEYS_OFF: &str = "-- foreign_keys: off";

/// The schema version this binary writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Whether the file at `path` is a SQLite database with nothing in it (no table): a new
/// database would be made in it, which a command does only when asked (`--create`).
pub fn is_blank_sqlite(path: &Path) -> bool {
    if check_header(path).is_err() {
        return false;
    }
    Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|c| c.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)))
        .is_ok_and(|n| n == 0)
}

/// An open, checked and migrated database.
pub struct Db {
    conn: Conn,
    path: Option<PathBuf>,
    /// The plan this handle works on instead of the stored current one (`--plan ID`).
    chosen_plan: std::cell::Cell<Option<i64>>,
    /// The revision this handle's last snapshot was read at, and the revisions it wrote since.
    seen: Seen,
    /// The server's URL, for a database on a server.
    url: Option<String>,
    /// A password typed in the window for the server (kept in memory only).
    password: Option<String>,
    /// Whether the server enforces roles (read once).
    roles_on: std::cell::Cell<Option<bool>>,
    /// Opening skipped the whole-file check.
    unchecked: std::cell::Cell<bool>,
}

/// What a handle has seen of the database: a write to a project that another writer changed
/// after this revision is refused (the reviewer was looking at an older state).
#[derive(Debug, Default)]
pub(crate) struct Seen {
    revision: std::cell::Cell<Option<i64>>,
    own: std::cell::RefCell<Vec<i64>>,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db").field("path", &self.path).finish_non_exhaustive()
    }
}

impl Db {
    /// Opens the database at `path`, creating, migrating and seeding it from the plan if it
    /// is new. A file that is not a database, is damaged, or comes from a newer Taizhang is
    /// refused before anything is written to it.
    ///
    /// # Errors
    /// [`DbError`] with a message that says what to do.
    pub fn open(path: &Path) -> Result<Self, DbError> {
        if let Some(url) = server_url(path) {
            return Self::connect(url);
        }
        let db = Self::open_checked(path)?;
        let version = db.schema_version()?;
        if version > 0 && version < SCHEMA_VERSION {
            db.rolling_backup(&format!("before-migration-v{version}"))?;
        }
        db.migrate()?;
        if db.meta("dataset")?.is_none() {
            db.seed_plan(&crate::seed::bundled_seed().map_err(|e| DbError::Seed(e.to_string()))?)?;
        }
        Ok(db)
    }

    /// Connects to the PostgreSQL database at `url`, creating the schema and seeding the
    /// bundled plan when it is empty, as [`Db::open`] does for a new file.
    ///
    /// # Errors
    /// [`DbError::Connection`] when the server cannot be reached, [`DbError::NewerSchema`]
    /// when a newer Taizhang made its schema, the server's refusals.
    pub fn connect(url: &str) -> Result<Self, DbError> {
        Self::connect_as(url, None, true)
    }

    /// Connects to the server database at `url` and brings its schema up to date, without
    /// seeding the plan (`server push` fills it from a file).
    ///
    /// # Errors
    /// As [`Db::connect`].
    pub fn connect_unseeded(url: &str) -> Result<Self, DbError> {
        Self::connect_as(url, None, false)
    }

    /// Connects to the server database at `url` with `password` (typed in the window; else
    /// the URL's or PGPASSWORD), seeding the plan into an empty one when `seed`.
    ///
    /// # Errors
    /// As [`Db::connect`].
    pub fn connect_as(url: &str, password: Option<&str>, seed: bool) -> Result<Self, DbError> {
        let db = Self {
            conn: server::connect(url, password)?,
            path: None,
            chosen_plan: std::cell::Cell::new(None),
            seen: Seen::default(),
            url: Some(url.to_string()),
            password: password.map(str::to_string),
            roles_on: std::cell::Cell::new(None),
            unchecked: std::cell::Cell::new(false),
        };
        let version = db.schema_version()?;
        if version > SCHEMA_VERSION {
            let path = PathBuf::from(shown_url(url));
            return Err(DbError::NewerSchema { path, found: version, supported: SCHEMA_VERSION });
        }
        db.migrate()?;
        if seed && db.meta("dataset")?.is_none() {
            db.seed_plan(&crate::seed::bundled_seed().map_err(|e| DbError::Seed(e.to_string()))?)?;
        }
        Ok(db)
    }

    /// Which engine holds this database.
    pub fn engine(&self) -> Engine {
        self.conn.engine()
    }

    /// Opens a database that must already exist, checked but not migrated or seeded.
    ///
    /// # Errors
    /// As [`Db::open`]; a missing file is [`DbError::Io`].
    pub fn open_existing(path: &Path) -> Result<Self, DbError> {
        if !path.exists() {
            let source = std::io::Error::new(std::io::ErrorKind::NotFound, "no such file");
            return Err(DbError::Io { path: path.to_path_buf(), source });
        }
        Self::open_checked(path)
    }

    /// Creates a migrated database with no rows at `path` (for the demo generator).
    ///
    /// # Errors
    /// As [`Db::open`].
    pub fn create_empty(path: &Path) -> Result<Self, DbError> {
        let db = Self::open_checked(path)?;
        db.migrate()?;
        Ok(db)
    }

    /// Folds the write-ahead log into the main file.
    ///
    /// # Errors
    /// On SQLite failures.
    pub fn checkpoint(&self) -> Result<(), DbError> {
        if let Some(conn) = self.conn.sqlite() {
            conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        }
        Ok(())
    }

    /// Opens an existing database without creating, migrating or seeding it.
    fn open_checked(path: &Path) -> Result<Self, DbError> {
        let size = std::fs::metadata(path).map(|m| m.len()).ok();
        let existing = size.is_some_and(|n| n > 0);
        if size == Some(0) && backup::has_backups(path) {
            // An emptied file beside its backups was a database that lost its contents.
            let hint = backup::restore_hint(path);
            return Err(DbError::Corrupt { path: path.to_path_buf(), damage: Damage::Empty, hint });
        }
        if existing {
            check_header(path)?;
        } else if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| DbError::Io { path: dir.to_path_buf(), source })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| DbError::classify(path, e))?;
        conn.busy_timeout(Duration::from_secs(5)).map_err(|e| DbError::classify(path, e))?;
        let db = Self {
            conn: Conn::Sqlite(conn),
            path: Some(path.to_path_buf()),
            chosen_plan: std::cell::Cell::new(None),
            seen: Seen::default(),
            url: None,
            password: None,
            roles_on: std::cell::Cell::new(None),
            unchecked: std::cell::Cell::new(false),
        };
        if existing {
            db.check_existing()?;
        }
        db.lite()?
            .execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")
            .map_err(|e| DbError::classify(path, e))?;
        Ok(db)
    }

    /// A migrated, seeded database in memory, for tests.
    ///
    /// # Errors
    /// Only on SQLite failures.
    pub fn open_in_memory() -> Result<Self, DbError> {
        let db = Self::open_in_memory_empty()?;
        db.seed_plan(&crate::seed::bundled_seed().map_err(|e| DbError::Seed(e.to_string()))?)?;
        Ok(db)
    }

    /// A migrated database in memory with no rows.
    ///
    /// # Errors
    /// Only on SQLite failures.
    pub fn open_in_memory_empty() -> Result<Self, DbError> {
        let db = Self::around(Connection::open_in_memory()?)?;
        db.migrate()?;
        Ok(db)
    }

    /// A handle on an open SQLite connection (in memory: a candidate being checked), not migrated.
    pub(super) fn around(conn: Connection) -> Result<Self, DbError> {
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        Ok(Self {
            conn: Conn::Sqlite(conn),
            path: None,
            chosen_plan: std::cell::Cell::new(None),
            seen: Seen::default(),
            url: None,
            password: None,
            roles_on: std::cell::Cell::new(None),
            unchecked: std::cell::Cell::new(false),
        })
    }

    /// The file this database lives in (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Refuses a file that SQLite cannot read, that fails its quick check, or whose schema is
    /// newer than this binary's. Reads only.
    fn check_existing(&self) -> Result<(), DbError> {
        let path = self.path.clone().unwrap_or_default();
        let conn = self.lite()?;
        let version: i64 =
            conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(|e| DbError::classify(&path, e))?;
        if version > SCHEMA_VERSION {
            return Err(DbError::NewerSchema { path, found: version, supported: SCHEMA_VERSION });
        }
        if check_on_open(&path) {
            let check: String =
                conn.pragma_query_value(None, "quick_check", |r| r.get(0)).map_err(|e| DbError::classify(&path, e))?;
            if check != "ok" {
                let hint = backup::restore_hint(&path);
                return Err(DbError::Corrupt { path, damage: Damage::Found(first_finding(&check)), hint });
            }
        } else {
            self.unchecked.set(true);
        }
        self.check_is_taizhang(&path, version)
    }

    /// Whether opening skipped the whole-file check (a large file closed cleanly): the window
    /// then runs [`quick_check_file`] in the background.
    pub fn unchecked(&self) -> bool {
        self.unchecked.get()
    }

    /// Refuses another program's SQLite file, so a mistyped --db never gets Taizhang's tables
    /// written into it: a file with tables must carry Taizhang's schema version and `meta`.
    fn check_is_taizhang(&self, path: &Path, version: i64) -> Result<(), DbError> {
        let tables: Vec<String> = self
            .lite()?
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect())
            .map_err(|e| DbError::classify(path, e))?;
        if tables.is_empty() {
            return Ok(()); // An empty SQLite file: Taizhang may set it up.
        }
        // Another process may have created a new file's tables since the version was read
        // (several windows opening a new file at once): read it again with the tables.
        let version = if version < 1 { self.schema_version()? } else { version };
        let not_ours = |what: Foreign| DbError::NotTaizhang { path: path.to_path_buf(), what };
        if version < 1 {
            return Err(not_ours(Foreign::Tables(tables.iter().take(3).cloned().collect())));
        }
        if !tables.iter().any(|t| t == "meta") {
            return Err(not_ours(Foreign::NoTable("meta".into())));
        }
        Ok(())
    }

    /// The schema version recorded in the file.
    ///
    /// # Errors
    /// On SQLite failures.
    pub fn schema_version(&self) -> Result<i64, DbError> {
        match &self.conn {
            Conn::Sqlite(c) => Ok(c.pragma_query_value(None, "user_version", |r| r.get(0))?),
            Conn::Postgres(_) => server::schema_version(&self.conn),
        }
    }

    /// The SQLite connection; a server database has none ([`DbError::NotAFile`]).
    fn lite(&self) -> Result<&Connection, DbError> {
        self.conn.sqlite().ok_or(DbError::NotAFile)
    }

    /// Applies the migrations the file does not have yet, each in its own transaction.
    pub(super) fn migrate(&self) -> Result<(), DbError> {
        if self.conn.engine() == sql::Engine::Postgres {
            return server::migrate(&self.conn);
        }
        for (i, sql) in MIGRATIONS.iter().enumerate() {
            let version = i as i64 + 1;
            if version <= self.schema_version()? {
                continue;
            }
            // Another process opening a new file at the same moment may migrate it first:
            // take the write lock, then look again.
            let rebuilds = sql.starts_with(FOREIGN_KEYS_OFF);
            if rebuilds {
                self.conn.execute_batch("PRAGMA foreign_keys = OFF;")?;
            }
            let result = self.migrate_to(version, sql, rebuilds);
            if rebuilds {
                self.conn.execute_batch("PRAGMA foreign_keys = ON;")?;
            }
            result?;
        }
        Ok(())
    }

    /// Applies one migration in an immediate transaction, unless another process did first.
    fn migrate_to(&self, version: i64, sql: &str, check_references: bool) -> Result<(), DbError> {
        let tx = self.conn.transaction()?;
        let now = self.schema_version()?;
        if version <= now {
            return Ok(());
        }
        tx.execute_batch(sql)?;
        if check_references {
            let broken: Option<String> = tx.query_opt(
                "SELECT \"table\" || ' row ' || rowid FROM pragma_foreign_key_check LIMIT 1",
                params![],
                |r| r.get(0),
            )?;
            if let Some(row) = broken {
                return Err(DbError::BadValue(format!("migration {version}: broken reference in {row}")));
            }
        }
        self.lite()?.pragma_update(None, "user_version", version)?;
        tx.commit()?;
        log::info!("database migrated to schema version {version}");
        Ok(())
    }

    fn meta(&self, key: &str) -> Result<Option<String>, DbError> {
        self.conn.query_opt("SELECT value FROM meta WHERE key = ?1", params![key], |r| r.get(0))
    }

    /// Whether the file holds the plan's rows or demonstration data.
    ///
    /// # Errors
    /// On SQLite failures.
    pub fn dataset(&self) -> Result<Dataset, DbError> {
        Ok(match self.meta("dataset")?.as_deref() {
            Some("demo") => Dataset::Demo,
            _ => Dataset::Plan,
        })
    }

    /// Seeds places, categories, boxes, projects and indicators from the plan, in one
    /// transaction.
    ///
    /// # Errors
    /// On SQLite failures; nothing is written then.
    pub fn seed_plan(&self, seed: &PlanSeed) -> Result<(), DbError> {
        let tx = self.write_tx()?;
        // Another process opening the same new file may have seeded it meanwhile.
        let seeded: Option<String> =
            tx.query_opt("SELECT value FROM meta WHERE key = 'dataset'", params![], |r| r.get(0))?;
        if seeded.is_some() {
            return Ok(());
        }
        let plan_id = reference::insert_reference_tx(&tx, seed)?;
        let rows: Vec<NewProject> = seed.projects.iter().map(NewProject::from_seed).collect();
        projects::insert_projects_tx(&tx, plan_id, &rows)?;
        links::insert_links_tx(&tx, plan_id, &seed.links)?;
        reference::insert_indicators_tx(&tx, plan_id, &seed.indicators)?;
        tx.execute("INSERT INTO meta (key, value) VALUES ('dataset', ?1)", params![Dataset::Plan.code()])?;
        tx.execute("INSERT INTO meta (key, value) VALUES ('current_plan', ?1)", params![plan_id.to_string()])?;
        tx.commit()?;
        Ok(())
    }

    /// Fills an empty database with generated demonstration projects and their reports,
    /// marked as demo data.
    ///
    /// # Errors
    /// On SQLite failures; nothing is written then.
    pub fn seed_demo(
        &self,
        seed: &PlanSeed,
        rows: &[NewProject],
        periods: &[crate::domain::Period],
    ) -> Result<(), DbError> {
        let tx = self.write_tx()?;
        let plan_id = reference::insert_reference_tx(&tx, seed)?;
        projects::insert_projects_tx(&tx, plan_id, rows)?;
        projects::insert_demo_reports_tx(&tx, rows, periods)?;
        reference::insert_indicators_tx(&tx, plan_id, &seed.indicators)?;
        tx.execute("INSERT INTO meta (key, value) VALUES ('dataset', ?1)", params![Dataset::Demo.code()])?;
        tx.execute("INSERT INTO meta (key, value) VALUES ('current_plan', ?1)", params![plan_id.to_string()])?;
        tx.commit()?;
        Ok(())
    }

    /// The current revision: raised by every write others should see.
    ///
    /// # Errors
    /// The engine's error.
    pub fn revision(&self) -> Result<i64, DbError> {
        self.conn.query_row("SELECT n FROM revision WHERE id = 1", params![], |r| r.get(0))
    }

    /// The revision this handle's last snapshot was read at (`None` before the first).
    pub fn seen_revision(&self) -> Option<i64> {
        self.seen.revision.get()
    }

    /// The SQL connection of either engine, for tests and tools that read rows themselves.
    pub fn sql(&self) -> &Conn {
        &self.conn
    }

    /// The SQLite connection, for integration tests that inspect the file.
    ///
    /// # Panics
    /// On a server database, which has no file to inspect.
    #[allow(clippy::expect_used)]
    pub fn connection(&self) -> &Connection {
        self.conn.sqlite().expect("a SQLite database")
    }
}

/// Files up to this size are checked whole on every open (milliseconds); a larger one only
/// after an unclean shutdown or while another program has it open (its write-ahead log is
/// there), and otherwise in the window's background: opening 100,000 projects spent 0.43 s of
/// 0.64 s in the check. `TAIZHANG_CHECK_ALWAYS_BYTES` sets another limit.
const CHECK_ALWAYS_BYTES: u64 = 16 * 1024 * 1024;

fn check_on_open(path: &Path) -> bool {
    let limit =
        std::env::var("TAIZHANG_CHECK_ALWAYS_BYTES").ok().and_then(|v| v.parse().ok()).unwrap_or(CHECK_ALWAYS_BYTES);
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let wal_left = std::fs::metadata(PathBuf::from(wal)).is_ok_and(|m| m.len() > 0);
    size <= limit || wal_left
}

/// SQLite's whole-file check of the database at `path`, on a read-only connection of its own
/// (for a background thread).
///
/// # Errors
/// [`DbError::Corrupt`] with the first finding and where the backups are; SQLite's errors.
pub fn quick_check_file(path: &Path) -> Result<(), DbError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| DbError::classify(path, e))?;
    let check: String =
        conn.pragma_query_value(None, "quick_check", |r| r.get(0)).map_err(|e| DbError::classify(path, e))?;
    if check == "ok" {
        Ok(())
    } else {
        Err(DbError::Corrupt {
            path: path.to_path_buf(),
            damage: Damage::Found(first_finding(&check)),
            hint: backup::restore_hint(path),
        })
    }
}

/// The first finding of SQLite's integrity check, short enough for a message (the whole list
/// can run to many lines, one per damaged page).
pub(crate) fn first_finding(check: &str) -> String {
    let line = check.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with("***")).unwrap_or(check);
    let short: String = line.chars().take(100).collect();
    let more = check.lines().filter(|l| !l.trim().is_empty() && !l.starts_with("***")).count().saturating_sub(1);
    if more > 0 { format!("{short} …(+{more})") } else { short }
}

/// A file whose first bytes are not SQLite's header is not a database at all.
fn check_header(path: &Path) -> Result<(), DbError> {
    use std::io::Read;
    let mut header = [0u8; 16];
    let read = std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut header));
    let not_a_database = || {
        // A file with Taizhang's backups beside it was a Taizhang database: it is damaged.
        if backup::has_backups(path) {
            DbError::Corrupt { path: path.to_path_buf(), damage: Damage::Header, hint: backup::restore_hint(path) }
        } else {
            DbError::NotADatabase { path: path.to_path_buf() }
        }
    };
    match read {
        Ok(()) if &header == SQLITE_HEADER => Ok(()),
        Ok(()) => Err(not_a_database()),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Err(not_a_database()),
        Err(source) => Err(DbError::Io { path: path.to_path_buf(), source }),
    }
}
