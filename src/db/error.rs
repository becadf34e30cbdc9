//! Errors of the database layer, typed with their data; worded (in the user's language, saying
//! what to do) once, at the edge, by `words::db`.

use std::path::PathBuf;

use crate::domain::FieldError;

/// What can go wrong opening or using the database.
#[derive(Debug)]
pub enum DbError {
    NotADatabase {
        path: PathBuf,
    },
    /// Another program's SQLite database: what shows it.
    NotTaizhang {
        path: PathBuf,
        what: Foreign,
    },
    /// The file is damaged: what was found, and where its backups are.
    Corrupt {
        path: PathBuf,
        damage: Damage,
        hint: Box<Hint>,
    },
    NewerSchema {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    Locked {
        path: PathBuf,
    },
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    ReadOnly,
    DiskFull,
    Busy,
    DiskIo(String),
    /// The backup at `path` could not be written.
    BackupFailed {
        path: PathBuf,
        reason: BackupReason,
    },
    Archived,
    NoSuchPlan(i64),
    Seed(String),
    /// A value read from the database that breaks its rules (a technical detail in English).
    BadValue(String),
    Sqlite(rusqlite::Error),
    /// The server cannot be reached (its words), and whether its certificate was the cause.
    Connection(String),
    /// The connection was lost at COMMIT and the server could not be reached again to ask
    /// whether the write (its changeset) landed.
    CommitUnknown(i64),
    NotAFile,
    Conflict,
    /// Another session held what this one needed past the lock timeout; the account holding
    /// it (and its program), when the server could tell.
    Waited(Option<String>),
    /// The server cancelled a statement past its time.
    TooLong,
    Damaged(String),
    /// Refused before anything was written.
    Refused(Refusal),
    /// The reviewer stopped the reading; what the window showed stays.
    Cancelled,
    Denied(String),
    Postgres(String),
}

/// What shows a SQLite file is not Taizhang's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Foreign {
    /// Its first tables, and no schema version of ours.
    Tables(Vec<String>),
    NoSchemaVersion,
    NoTable(String),
    NoDatasetMarker,
}

/// What was found damaged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Damage {
    Empty,
    Header,
    /// SQLite's own finding.
    Found(String),
}

/// Where to turn for a damaged file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hint {
    /// The database at `db`, its backups folder, and the newest backup with its time.
    Backups { db: PathBuf, dir: PathBuf, newest: Option<(PathBuf, String)> },
    /// A backup chosen to restore is itself damaged.
    AnotherBackup,
}

/// Why a backup was not written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackupReason {
    DiskFull,
    ReadOnly,
    /// What the file system or SQLite said.
    Said(String),
}

/// A write or a request refused before anything was written, with what the user needs to know.
#[derive(Debug)]
pub enum Refusal {
    /// A value the rules of a field refuse (a day, a note, a title), with its line in the file.
    Field {
        line: Option<usize>,
        error: FieldError,
    },
    /// A problem-list item's move refused.
    ItemField {
        id: i64,
        error: FieldError,
    },
    NoItem(i64),
    ItemClosed(i64),
    NoTitle,
    /// A project's name empty or over 200 characters at this line of the file.
    BadName {
        line: usize,
        written_not_imported: bool,
    },
    BadPeriod(i32, i32),
    TooManySections(usize),
    /// A ledger's figures without the month they stand at.
    NoMonth,
    /// What is wrong with a plan's light rules.
    Rules(Vec<crate::domain::RuleProblem>),
    NotAPlace(String),
    /// An administrative place of the plan: only an import's places move.
    FixedPlace(String),
    InsidePlace {
        parent: String,
        place: String,
    },
    PlaceTaken {
        parent: String,
        place: String,
    },
    ViewName,
    ViewElsewhere {
        plan: String,
        name: String,
    },
    /// A view another account saved (`None`: an account not known here).
    ViewOfOther {
        name: String,
        owner: Option<String>,
        account: String,
    },
    /// The account may only view; `copy`: refused in its offline copy.
    ViewOnly {
        account: String,
        copy: bool,
    },
    /// The account may change only the projects of `places` (none: not this one at all).
    NotYourProject {
        account: String,
        places: Vec<String>,
        name: String,
        copy: bool,
    },
    NotYourPlace {
        account: String,
        place: String,
        copy: bool,
    },
    BadDay(String),
    UnknownPlace(String),
    MonthToCome(crate::domain::Period),
    /// A candidate for restore whose migration to this build's schema failed.
    NotMigrated {
        path: PathBuf,
        error: Box<DbError>,
    },
    AccountName(String),
    GroupRole(String),
    NotAReviewer(String),
    DistrictPlaces,
    NulInText,
    SslMode(String),
    UnknownTable(String),
    ServerNotEmpty {
        url: String,
        plans: i64,
        written: i64,
    },
    FileExists(PathBuf),
    NoPlanOnServer,
    EnterAgain,
    /// The copy's history names a field no change has; the unsent changes were saved there.
    BrokenHistory {
        field: String,
        saved: Option<PathBuf>,
    },
    OtherServer(String),
    NotACopy,
}

impl From<Refusal> for DbError {
    fn from(refusal: Refusal) -> Self {
        Self::Refused(refusal)
    }
}

impl From<postgres::Error> for DbError {
    /// The server's codes for a lost connection, a refused permission, a conflict between two
    /// writers and an archived plan become errors that say what to do; the rest keep the
    /// server's own words.
    fn from(err: postgres::Error) -> Self {
        use postgres::error::SqlState;
        let ours = std::error::Error::source(&err).is_some_and(|e| e.to_string() == super::sql::NUL_IN_TEXT);
        if ours {
            return Self::Refused(Refusal::NulInText);
        }
        let Some(db) = err.as_db_error() else {
            return if err.is_closed() || err.code().is_none() {
                Self::Connection(postgres_detail(&err))
            } else {
                Self::Postgres(postgres_detail(&err))
            };
        };
        let code = db.code();
        if db.message().contains("taizhang: archived plan") {
            Self::Archived
        } else if *code == SqlState::INSUFFICIENT_PRIVILEGE {
            Self::Denied(db.message().to_string())
        } else if *code == SqlState::T_R_SERIALIZATION_FAILURE
            || *code == SqlState::T_R_DEADLOCK_DETECTED
            || *code == SqlState::UNIQUE_VIOLATION
        {
            // Two transactions wrote the same rows at once (the app reads before it inserts, so
            // a unique key broken at commit time is another writer's row): the later is refused.
            Self::Conflict
        } else if *code == SqlState::LOCK_NOT_AVAILABLE {
            Self::Waited(None)
        } else if *code == SqlState::QUERY_CANCELED {
            Self::TooLong
        } else if *code == SqlState::DISK_FULL {
            Self::DiskFull
        } else {
            Self::Postgres(db.message().to_string())
        }
    }
}

impl From<rusqlite::Error> for DbError {
    /// SQLite's codes for a full disk, a read-only file and a lock held elsewhere become errors
    /// that say what to do; the rest keep SQLite's own words.
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match err.sqlite_error_code() {
            Some(ErrorCode::ReadOnly) => Self::ReadOnly,
            Some(ErrorCode::DiskFull) => Self::DiskFull,
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Self::Busy,
            Some(ErrorCode::SystemIoFailure) => Self::DiskIo(err.to_string()),
            // Found while reading, in a file whose whole-file check was left to the background.
            Some(ErrorCode::DatabaseCorrupt) => Self::Damaged(err.to_string()),
            Some(ErrorCode::ConstraintViolation) if err.to_string().contains("taizhang: archived plan") => {
                Self::Archived
            }
            _ => Self::Sqlite(err),
        }
    }
}

/// What the server or the connection said: the server's message, else the error with its
/// causes (the postgres crate's own text is terse: "db error", "error connecting to server").
pub(crate) fn postgres_detail(err: &postgres::Error) -> String {
    if let Some(db) = err.as_db_error() {
        return db.message().to_string();
    }
    let mut text = err.to_string();
    let mut cause = std::error::Error::source(err);
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

impl DbError {
    /// Turns SQLite's error codes for the file at `path` into the errors a user can act on.
    pub(crate) fn classify(path: &std::path::Path, err: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        let path = path.to_path_buf();
        match err.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) if super::backup::has_backups(&path) => {
                let hint = super::backup::restore_hint(&path);
                Self::Corrupt { path, damage: Damage::Found(err.to_string()), hint }
            }
            Some(ErrorCode::NotADatabase) => Self::NotADatabase { path },
            Some(ErrorCode::DatabaseCorrupt) => {
                let hint = super::backup::restore_hint(&path);
                Self::Corrupt { path, damage: Damage::Found(err.to_string()), hint }
            }
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Self::Locked { path },
            Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied | ErrorCode::ReadOnly)
                if !folder_is_writable(&path) =>
            {
                Self::ReadOnly
            }
            Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied | ErrorCode::ReadOnly) => {
                Self::Io { path, source: std::io::Error::other(err.to_string()) }
            }
            _ => Self::from(err),
        }
    }

    /// Whether the file itself is damaged (so restoring a backup is the way out).
    pub fn is_damaged(&self) -> bool {
        matches!(self, Self::Corrupt { .. } | Self::Damaged(_))
    }
}

/// Whether a file can be made in the folder of `path` (a read-only disk or folder cannot: SQLite
/// then fails to open the database with a message that does not say so).
fn folder_is_writable(path: &std::path::Path) -> bool {
    let folder = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or_else(|| std::path::Path::new("."));
    let probe = crate::files::temporary_beside(&folder.join("taizhang-write-probe"));
    match std::fs::OpenOptions::new().write(true).create_new(true).open(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        Err(e) => !matches!(e.kind(), std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied),
    }
}
