//! Backups with SQLite's online backup API: rolling copies beside the database (before a
//! migration, an import, a restore, and on the first start of each day; the last 10 kept),
//! "backup now" to any file, and restore from a backup.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::{Db, DbError, SCHEMA_VERSION, check_header};

/// How many rolling backups are kept.
pub const KEEP_BACKUPS: usize = 10;

/// Copies the live database at `conn` to `dest` through a temporary file beside it, so `dest`
/// is either the old file or a complete copy.
fn copy_to(conn: &Connection, dest: &Path) -> Result<(), DbError> {
    let tmp = dest.with_extension("partial");
    let io = |source| DbError::Io { path: dest.to_path_buf(), source };
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let _ = std::fs::remove_file(&tmp);
    conn.backup(rusqlite::MAIN_DB, &tmp, None::<fn(rusqlite::backup::Progress)>)?;
    // The copy is a complete database in rollback-journal mode: one file, nothing beside it.
    Connection::open(&tmp)?.execute_batch("PRAGMA journal_mode = DELETE;")?;
    std::fs::rename(&tmp, dest).map_err(io)
}

impl Db {
    /// The folder of rolling backups: `backups/` beside the database file.
    pub fn backup_dir(&self) -> Option<PathBuf> {
        let path = self.path.as_ref()?;
        Some(path.parent().unwrap_or_else(|| Path::new(".")).join("backups"))
    }

    /// Writes a complete copy of the database to `dest`.
    ///
    /// # Errors
    /// When the copy cannot be written (disk full, no permission); `dest` is then unchanged.
    pub fn backup_to(&self, dest: &Path) -> Result<(), DbError> {
        copy_to(&self.conn, dest)
    }

    /// A rolling backup named by time and reason; keeps the last [`KEEP_BACKUPS`].
    ///
    /// # Errors
    /// As [`Db::backup_to`]. An in-memory database has no backup folder and returns `Ok(None)`.
    pub fn rolling_backup(&self, reason: &str) -> Result<Option<PathBuf>, DbError> {
        let Some(dir) = self.backup_dir() else { return Ok(None) };
        let stamp: String =
            self.conn.query_row("SELECT strftime('%Y%m%d-%H%M%S', 'now', 'localtime')", [], |r| r.get(0))?;
        let mut dest = dir.join(format!("taizhang-{stamp}-{reason}.db"));
        let mut n = 1;
        while dest.exists() {
            n += 1;
            dest = dir.join(format!("taizhang-{stamp}-{reason}-{n}.db"));
        }
        copy_to(&self.conn, &dest)?;
        prune(&dir)?;
        Ok(Some(dest))
    }

    /// A rolling backup unless one was already made today.
    ///
    /// # Errors
    /// As [`Db::rolling_backup`].
    pub fn daily_backup(&self) -> Result<Option<PathBuf>, DbError> {
        let Some(dir) = self.backup_dir() else { return Ok(None) };
        let today: String = self.conn.query_row("SELECT strftime('%Y%m%d', 'now', 'localtime')", [], |r| r.get(0))?;
        let prefix = format!("taizhang-{today}-");
        if list_backups(&dir).iter().any(|p| file_name(p).starts_with(&prefix)) {
            return Ok(None);
        }
        self.rolling_backup("daily")
    }

    /// The rolling backups, newest first.
    pub fn backups(&self) -> Vec<PathBuf> {
        let mut all = self.backup_dir().map(|d| list_backups(&d)).unwrap_or_default();
        all.reverse();
        all
    }

    /// Replaces the database's contents with the backup at `src`, after backing up the current
    /// state. The backup is checked first (a Taizhang database, not damaged, not newer).
    ///
    /// # Errors
    /// A backup that fails its checks, or a failed copy; the database is unchanged then.
    pub fn restore_from(&mut self, src: &Path) -> Result<Option<PathBuf>, DbError> {
        check_header(src)?;
        {
            let backup = Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY)
                .map_err(|e| DbError::classify(src, e))?;
            let version: i64 =
                backup.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(|e| DbError::classify(src, e))?;
            if version > SCHEMA_VERSION {
                return Err(DbError::NewerSchema {
                    path: src.to_path_buf(),
                    found: version,
                    supported: SCHEMA_VERSION,
                });
            }
            let check: String =
                backup.pragma_query_value(None, "quick_check", |r| r.get(0)).map_err(|e| DbError::classify(src, e))?;
            if check != "ok" {
                return Err(DbError::Corrupt { path: src.to_path_buf(), detail: check });
            }
        }
        let safety = self.rolling_backup("before-restore")?;
        self.conn.restore(rusqlite::MAIN_DB, src, None::<fn(rusqlite::backup::Progress)>)?;
        self.conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        self.migrate()?;
        Ok(safety)
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Rolling backups in a folder, oldest first (their names sort by time).
fn list_backups(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    let name = file_name(p);
                    name.starts_with("taizhang-") && name.ends_with(".db")
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn prune(dir: &Path) -> Result<(), DbError> {
    let files = list_backups(dir);
    for old in files.iter().take(files.len().saturating_sub(KEEP_BACKUPS)) {
        std::fs::remove_file(old).map_err(|source| DbError::Io { path: old.clone(), source })?;
    }
    Ok(())
}
