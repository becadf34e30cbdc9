//! Backups with SQLite's online backup API: rolling copies beside the database (before a
//! migration, an import, a restore, and on the first write of each day; the last 10 kept),
//! "backup now" to any file, and restore from a backup, also over a damaged file.
//! Several processes may share one database: every copy is written under a name of its own
//! and renamed into place, and the daily backup is made by whichever process claims the day.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use super::{BackupReason, Damage, Db, DbError, Foreign, Hint, Refusal, SCHEMA_VERSION, check_header};

/// How many rolling backups are kept.
pub const KEEP_BACKUPS: usize = 10;

/// A leftover temporary copy or daily claim older than this is from a process that died.
const STALE: Duration = Duration::from_secs(15 * 60);

/// The tables a Taizhang database has, by the schema version that brought them.
const TABLES_BY_VERSION: &[(i64, &[&str])] = &[
    (1, &["meta", "plans", "zhuanlan", "places", "place_groups", "categories", "projects", "indicators"]),
    (2, &["reports", "changesets", "changes"]),
    (3, &["saved_views"]),
];

/// Copies the live database at `conn` to `dest` through a temporary file beside it, so `dest`
/// is either the old file or a complete copy, and no temporary file is left behind.
fn copy_to(conn: &Connection, dest: &Path) -> Result<(), DbError> {
    let io = |source| DbError::Io { path: dest.to_path_buf(), source };
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let tmp = crate::files::temporary_beside(dest);
    let copied = (|| -> Result<(), DbError> {
        conn.backup(rusqlite::MAIN_DB, &tmp, None::<fn(rusqlite::backup::Progress)>)?;
        // The copy is a complete database in rollback-journal mode: one file, nothing beside it.
        Connection::open(&tmp)?.execute_batch("PRAGMA journal_mode = DELETE;")?;
        std::fs::rename(&tmp, dest).map_err(io)
    })();
    if let Err(e) = copied {
        for leftover in [tmp.clone(), journal_of(&tmp)] {
            let _ = std::fs::remove_file(leftover);
        }
        // Say that it was the backup, and where, whatever SQLite or the file system said.
        let reason = match e {
            DbError::Io { source, .. } => BackupReason::Said(source.to_string()),
            DbError::DiskFull => BackupReason::DiskFull,
            DbError::ReadOnly => BackupReason::ReadOnly,
            DbError::DiskIo(detail) => BackupReason::Said(detail),
            DbError::Sqlite(e) => BackupReason::Said(e.to_string()),
            other => BackupReason::Said(other.to_string().chars().take(200).collect()),
        };
        return Err(DbError::BackupFailed { path: dest.to_path_buf(), reason });
    }
    Ok(())
}

fn journal_of(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-journal");
    PathBuf::from(name)
}

/// The local date and time for backup names.
fn stamp(format: &str) -> String {
    jiff::Zoned::now().strftime(format).to_string()
}

impl Db {
    /// The folder of rolling backups: `backups/` beside the database file.
    pub fn backup_dir(&self) -> Option<PathBuf> {
        self.path.as_deref().map(backup_dir_of)
    }

    /// Writes a complete copy of the database to `dest`.
    ///
    /// # Errors
    /// When the copy cannot be written (disk full, no permission); `dest` is then unchanged.
    pub fn backup_to(&self, dest: &Path) -> Result<(), DbError> {
        copy_to(self.lite()?, dest)
    }

    /// A rolling backup named by time and reason; keeps the last [`KEEP_BACKUPS`].
    ///
    /// # Errors
    /// As [`Db::backup_to`]. An in-memory database has no backup folder and returns `Ok(None)`.
    pub fn rolling_backup(&self, reason: &str) -> Result<Option<PathBuf>, DbError> {
        let Some(path) = self.path.as_deref() else { return Ok(None) };
        let dir = backup_dir_of(path);
        let stem = stem_of(path);
        remove_stale_partials(&dir);
        let stamp = stamp("%Y%m%d-%H%M%S");
        let mut dest = dir.join(format!("{stem}-{stamp}-{reason}.db"));
        let mut n = 1;
        while dest.exists() {
            n += 1;
            dest = dir.join(format!("{stem}-{stamp}-{reason}-{n}.db"));
        }
        copy_to(self.lite()?, &dest)?;
        prune(&dir, &stem)?;
        Ok(Some(dest))
    }

    /// A rolling backup unless one was already made today. When several processes write at
    /// the first write of the day, the one that claims the day makes it and the others go on.
    ///
    /// # Errors
    /// As [`Db::rolling_backup`]. A caller should report the error and still make the user's
    /// write: a failed backup must not cost the user their change.
    pub fn daily_backup(&self) -> Result<Option<PathBuf>, DbError> {
        let Some(path) = self.path.as_deref() else { return Ok(None) };
        let (dir, stem) = (backup_dir_of(path), stem_of(path));
        let today = stamp("%Y%m%d");
        let prefix = format!("{stem}-{today}-");
        let made_today = || list_backups_of(&dir, &stem).iter().any(|p| file_name(p).starts_with(&prefix));
        if made_today() {
            return Ok(None);
        }
        std::fs::create_dir_all(&dir).map_err(|source| DbError::Io { path: dir.clone(), source })?;
        let claim = dir.join(format!(".{stem}-daily-{today}.claim"));
        if is_stale(&claim) {
            let _ = std::fs::remove_file(&claim);
        }
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&claim) {
            Ok(_) => {}
            // Another process is making today's backup.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Ok(None),
            Err(source) => return Err(DbError::Io { path: claim, source }),
        }
        // Another process may have finished today's backup between the look and the claim.
        let made = if made_today() { Ok(None) } else { self.rolling_backup("daily") };
        // The claim is held until the backup exists, so no one else starts one meanwhile.
        let _ = std::fs::remove_file(&claim);
        made
    }

    /// The rolling backups, newest first.
    pub fn backups(&self) -> Vec<PathBuf> {
        self.path.as_deref().map(backups_of).unwrap_or_default()
    }

    /// Replaces the database's contents with the backup at `src`, after backing up the current
    /// state. The backup is checked first: a Taizhang database (its tables, schema version and
    /// marker), not damaged, not newer.
    ///
    /// # Errors
    /// A backup that fails its checks, or a failed copy; the database is unchanged then.
    pub fn restore_from(&mut self, src: &Path) -> Result<Option<PathBuf>, DbError> {
        check_restorable(src)?;
        self.lite()?;
        // Read the candidate whole before the safety backup, whose pruning may remove the
        // oldest backup: the one being restored, when it is the oldest.
        let mut candidate = Connection::open_in_memory()?;
        candidate.restore(rusqlite::MAIN_DB, src, None::<fn(rusqlite::backup::Progress)>)?;
        // Brought to this build's schema and checked in memory first: an older file whose
        // migrations fail must not replace the database (it did, and left it unusable).
        let candidate = Self::around(candidate)?;
        candidate.migrate().map_err(|e| not_migrated(src, e))?;
        let broken: Option<String> = candidate.conn.query_opt(
            "SELECT \"table\" || ' row ' || rowid FROM pragma_foreign_key_check LIMIT 1",
            super::sql::params![],
            |r| r.get(0),
        )?;
        if let Some(row) = broken {
            return Err(not_migrated(src, DbError::BadValue(format!("broken reference in {row}"))));
        }
        let safety = self.rolling_backup("before-restore")?;
        {
            let super::sql::Conn::Sqlite(conn) = &mut self.conn else { return Err(DbError::NotAFile) };
            let Some(from) = candidate.conn.sqlite() else { return Err(DbError::NotAFile) };
            let backup = rusqlite::backup::Backup::new(from, conn)?;
            backup.run_to_completion(256, Duration::ZERO, None)?;
        }
        drop(candidate);
        self.conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        self.migrate()?;
        Ok(safety)
    }

    /// Restores the backup at `src` over a database file that will not open (damaged): the
    /// damaged file and its journals are kept beside it as `NAME.damaged-TIME`, the backup is
    /// copied into place, then opened. Returns the opened database and where the damaged file went.
    ///
    /// # Errors
    /// A backup that fails its checks (nothing is moved then), or a failed copy (the damaged
    /// file is put back).
    pub fn restore_damaged(path: &Path, src: &Path) -> Result<(Self, PathBuf), DbError> {
        check_restorable(src)?;
        // The backup must come to this build's schema before the damaged file is moved aside.
        {
            let mut candidate = Connection::open_in_memory()?;
            candidate.restore(rusqlite::MAIN_DB, src, None::<fn(rusqlite::backup::Progress)>)?;
            Self::around(candidate)?.migrate().map_err(|e| not_migrated(src, e))?;
        }
        // Through a symbolic link, the damaged file is the one it points to.
        let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let path = real.as_path();
        let io = |p: &Path, source| DbError::Io { path: p.to_path_buf(), source };
        let mut kept = path.as_os_str().to_owned();
        kept.push(format!(".damaged-{}", stamp("%Y%m%d-%H%M%S")));
        let kept = PathBuf::from(kept);
        let fresh = crate::files::temporary_beside(path);
        {
            let source = Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
            copy_to(&source, &fresh)?;
        }
        std::fs::rename(path, &kept).map_err(|e| io(path, e))?;
        for suffix in ["-wal", "-shm", "-journal"] {
            let mut journal = path.as_os_str().to_owned();
            journal.push(suffix);
            let journal = PathBuf::from(journal);
            if journal.exists() {
                let mut aside = kept.as_os_str().to_owned();
                aside.push(suffix);
                let _ = std::fs::rename(&journal, PathBuf::from(aside));
            }
        }
        if let Err(e) = std::fs::rename(&fresh, path) {
            let _ = std::fs::rename(&kept, path);
            let _ = std::fs::remove_file(&fresh);
            return Err(io(path, e));
        }
        Ok((Self::open(path)?, kept))
    }
}

/// A candidate for restore whose migration to this build's schema failed: nothing replaced.
fn not_migrated(src: &Path, e: DbError) -> DbError {
    DbError::Refused(Refusal::NotMigrated { path: src.to_path_buf(), error: Box::new(e) })
}

/// The rolling backups beside the database at `path` (which need not open), newest first.
pub fn backups_of(path: &Path) -> Vec<PathBuf> {
    let mut all = list_backups_of(&backup_dir_of(path), &stem_of(path));
    all.reverse();
    all
}

/// The backups folder of the database at `path`.
fn backup_dir_of(path: &Path) -> PathBuf {
    path.parent().unwrap_or_else(|| Path::new(".")).join("backups")
}

/// Whether the database at `path` has rolling backups beside it (so it was a Taizhang database).
pub(super) fn has_backups(path: &Path) -> bool {
    !list_backups_of(&backup_dir_of(path), &stem_of(path)).is_empty()
}

/// The name backups of the database at `path` start with: its file name without `.db`
/// (`taizhang` for `taizhang.db`), so several databases in one folder keep apart backups.
fn stem_of(path: &Path) -> String {
    path.file_stem().map_or_else(|| "taizhang".to_string(), |s| s.to_string_lossy().into_owned())
}

/// What to do about a damaged database at `path`: where its backups are, the newest one, and
/// the command that restores it.
pub(super) fn restore_hint(path: &Path) -> Box<Hint> {
    let dir = backup_dir_of(path);
    let newest = list_backups_of(&dir, &stem_of(path)).pop().map(|backup| {
        let when = crate::files::modified_local(&backup);
        (backup, when)
    });
    Box::new(Hint::Backups { db: path.to_path_buf(), dir, newest })
}

/// Checks that `src` is a Taizhang database this build can use: SQLite, its tables, a schema
/// version it knows, the dataset marker in `meta`, and no damage. Reads only.
///
/// # Errors
/// [`DbError::NotADatabase`], [`DbError::NotTaizhang`], [`DbError::NewerSchema`] or
/// [`DbError::Corrupt`].
pub fn check_restorable(src: &Path) -> Result<(), DbError> {
    check_header(src)?;
    let conn =
        Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|e| DbError::classify(src, e))?;
    let not_ours = |what: Foreign| DbError::NotTaizhang { path: src.to_path_buf(), what };
    let version: i64 =
        conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(|e| DbError::classify(src, e))?;
    if version > SCHEMA_VERSION {
        return Err(DbError::NewerSchema { path: src.to_path_buf(), found: version, supported: SCHEMA_VERSION });
    }
    if version < 1 {
        return Err(not_ours(Foreign::NoSchemaVersion));
    }
    let check: String =
        conn.pragma_query_value(None, "quick_check", |r| r.get(0)).map_err(|e| DbError::classify(src, e))?;
    if check != "ok" {
        return Err(DbError::Corrupt {
            path: src.to_path_buf(),
            damage: Damage::Found(super::first_finding(&check)),
            hint: Box::new(Hint::AnotherBackup),
        });
    }
    let required = TABLES_BY_VERSION.iter().filter(|(v, _)| *v <= version).flat_map(|(_, tables)| tables.iter());
    for &table in required {
        let found: Option<String> = conn
            .query_row("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?1", [table], |r| r.get(0))
            .optional()
            .map_err(|e| DbError::classify(src, e))?;
        if found.is_none() {
            return Err(not_ours(Foreign::NoTable(table.to_string())));
        }
    }
    let marker: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'dataset'", [], |r| r.get(0))
        .optional()
        .map_err(|e| DbError::classify(src, e))?;
    if !matches!(marker.as_deref(), Some("plan" | "demo")) {
        return Err(not_ours(Foreign::NoDatasetMarker));
    }
    Ok(())
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

fn is_stale(path: &Path) -> bool {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .is_ok_and(|t| SystemTime::now().duration_since(t).is_ok_and(|age| age > STALE))
}

/// Removes temporary copies (and their journals) that a process which died mid-backup left.
fn remove_stale_partials(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for path in entries.filter_map(Result::ok).map(|e| e.path()) {
        let name = file_name(&path);
        if (name.ends_with(".partial") || name.ends_with(".partial-journal")) && is_stale(&path) {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Whether `name` is a rolling backup of the database named `stem`:
/// `STEM-YYYYMMDD-HHMMSS-REASON[-N].db`.
fn is_backup_of(name: &str, stem: &str) -> bool {
    let Some(rest) = name.strip_prefix(stem).and_then(|r| r.strip_prefix('-')) else { return false };
    let stamp: Vec<char> = rest.chars().take(16).collect();
    name.ends_with(".db")
        && stamp.len() == 16
        && stamp.iter().enumerate().all(|(i, c)| if i == 8 || i == 15 { *c == '-' } else { c.is_ascii_digit() })
}

/// The rolling backups of the database `stem` in a folder, oldest first: by the time in their
/// names, then by their number (`…-import.db` before `…-import-2.db`).
fn list_backups_of(dir: &Path, stem: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| is_backup_of(&file_name(p), stem)).collect()
        })
        .unwrap_or_default();
    files.sort_by_key(|p| {
        let name = file_name(p);
        let base = name.trim_end_matches(".db");
        let number = base.rsplit_once('-').and_then(|(_, n)| n.parse::<u32>().ok()).filter(|_| base.len() > 24);
        (name.get(..stem.len() + 16).unwrap_or_default().to_string(), number.unwrap_or(1), name)
    });
    files
}

/// Removes all but the newest [`KEEP_BACKUPS`]; another process pruning at the same moment
/// may have removed a file already, which is no error.
fn prune(dir: &Path, stem: &str) -> Result<(), DbError> {
    let files = list_backups_of(dir, stem);
    // The newest backup made before a restore is never rotated away: it may be the only copy of
    // the reports the restore replaced (ten opens of a file that would not migrate once took it).
    let before_restore = files.iter().rev().find(|f| f.to_string_lossy().contains("-before-restore"));
    for old in files.iter().take(files.len().saturating_sub(KEEP_BACKUPS)) {
        if Some(old) == before_restore {
            continue;
        }
        match std::fs::remove_file(old) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(DbError::Io { path: old.clone(), source }),
        }
    }
    Ok(())
}
