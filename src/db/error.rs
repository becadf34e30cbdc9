//! Errors of the database layer, each with a message in Chinese and English that says what to do.

use std::path::PathBuf;

/// What can go wrong opening or using the database.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("{p}: 该文件不是 Taizhang 数据库,未作任何修改。请选择正确的文件,或用 --db 指定新路径。 / This file is not a Taizhang database; it was not changed. Choose the right file, or give a new path with --db.", p = .path.display())]
    NotADatabase { path: PathBuf },
    #[error("{p}: 这是另一个程序的 SQLite 数据库,不是 Taizhang 的({what}),未作任何修改。请选择 Taizhang 的数据库或它的备份。 / This is another program's SQLite database, not Taizhang's ({what}); it was not changed. Choose a Taizhang database or one of its backups.", p = .path.display())]
    NotTaizhang { path: PathBuf, what: String },
    #[error("{p}: 数据库文件已损坏({detail}),未作任何修改。 / The database file is damaged ({detail}); it was not changed. {hint}", p = .path.display())]
    Corrupt { path: PathBuf, detail: String, hint: String },
    #[error("{p}: 数据库来自更新版本的 Taizhang(结构版本 {found},本程序支持 {supported}),未作任何修改。请升级 Taizhang。 / The database comes from a newer Taizhang (schema {found}, this build supports {supported}); it was not changed. Update Taizhang.", p = .path.display())]
    NewerSchema { path: PathBuf, found: i64, supported: i64 },
    #[error("{p}: 数据库正被其他程序占用。请关闭其他 Taizhang 窗口后重试。 / The database is in use by another program. Close other Taizhang windows and try again.", p = .path.display())]
    Locked { path: PathBuf },
    #[error("{p}: 无法访问({source})。请检查路径和权限。 / Cannot access it ({source}). Check the path and permissions.", p = .path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error(
        "数据库文件或其所在文件夹是只读的,本次修改没有保存。请把数据库复制到可写的文件夹(如“文档”)后用 --db 打开,或检查文件属性和权限。 / The database file or its folder is read-only; nothing was saved. Copy the database to a writable folder (such as Documents) and open it with --db, or check the file's permissions."
    )]
    ReadOnly,
    #[error(
        "磁盘已满,本次修改没有保存,数据库保持修改前的状态。请清理数据库所在磁盘的空间后重试。 / The disk is full; nothing was saved and the database is as it was. Free space on the drive that holds the database and try again."
    )]
    DiskFull,
    #[error(
        "数据库正被另一个程序写入(另一个 Taizhang 窗口或脚本),本次修改没有保存。请稍候重试。 / Another program (another Taizhang window or a script) is writing to the database; nothing was saved. Try again in a moment."
    )]
    Busy,
    #[error(
        "读写磁盘出错({0}):磁盘可能已满、已拔出或损坏。本次操作没有完成,数据库保持原样。请检查磁盘和剩余空间后重试。 / A disk read or write failed ({0}): the disk may be full, removed or failing. Nothing was done and the database is as it was. Check the disk and its free space, then try again."
    )]
    DiskIo(String),
    #[error("{p}: 备份没有写成({reason})。数据库本身没有受影响,本次操作没有进行。那个位置的磁盘可能已满或只读:请清理空间或换一个位置后重试。 / The backup could not be written ({reason}). The database itself is unaffected and nothing was done. The drive there may be full or read-only: free space or choose another place, then try again.", p = .path.display())]
    BackupFailed { path: PathBuf, reason: String },
    #[error(
        "该规划已归档,只能查看、导出和演示,本次修改没有保存。如需修改,请先取消归档(规划 → 取消归档,或 taizhang plan unarchive)。 / The plan is archived: it can be viewed, exported and presented, not changed; nothing was saved. To change it, take it out of the archive first (Plan → Unarchive, or taizhang plan unarchive)."
    )]
    Archived,
    #[error(
        "没有编号为 {0} 的规划。用 taizhang plan list 查看已有规划。 / There is no plan {0}. See the plans with taizhang plan list."
    )]
    NoSuchPlan(i64),
    #[error("内置规划数据无法读取:{0} / The bundled plan data cannot be read: {0}")]
    Seed(String),
    #[error("数据库中的值不合规:{0} / A value in the database is not valid: {0}")]
    BadValue(String),
    #[error("数据库错误:{0}。本次修改没有保存。 / Database error: {0}; nothing was saved.")]
    Sqlite(rusqlite::Error),
    #[error(
        "无法连接数据库服务器({0})。本次操作没有完成。请检查网络、服务器地址、用户名和数据库名后重试。 / Cannot reach the database server ({0}); nothing was done. Check the network, the server's address, the user name and the database name, and try again."
    )]
    Connection(String),
    /// The connection was lost at COMMIT and the server could not be reached again to ask
    /// whether the write (its changeset) landed.
    #[error(
        "提交时与服务器的连接中断,暂时无法确认本次修改是否已保存。请恢复网络后在“历史”中查找第 {0} 号修改:有则已保存,没有再重做;请不要直接重试,以免重复。 / The connection to the server broke at commit, and whether this change was saved cannot be told yet. When the network is back, look for change #{0} in the history: if it is there it was saved, if not do it again; do not simply retry, or it may be saved twice."
    )]
    CommitUnknown(i64),
    #[error(
        "这是服务器上的数据库,没有本地文件:备份、恢复和压缩由服务器管理员用 pg_dump 完成。 / This database is on a server and has no local file: backups, restores and compaction are the server administrator's (pg_dump)."
    )]
    NotAFile,
    #[error(
        "另一位审核人在同一时刻修改了同样的数据,本次修改没有保存。请重新加载后再试。 / Another reviewer changed the same data at the same moment; nothing was saved. Reload and try again."
    )]
    Conflict,
    /// Another session held what this one needed past the lock timeout; the account holding
    /// it (and its program), when the server could tell.
    #[error(
        "另一位审核人或程序正在写入同样的数据{},等待 10 秒后放弃,本次修改没有保存。请稍候重试;一直如此时请服务器管理员查看占用的会话(pg_stat_activity)。 / Another reviewer or program is writing the same data{}; after waiting 10 s nothing was saved. Try again in a moment; if it goes on, the server's administrator can look at the session holding it (pg_stat_activity).",
        .0.as_ref().map(|h| format!("(占用者:账户 {h})")).unwrap_or_default(),
        .0.as_ref().map(|h| format!(" (held by account {h})")).unwrap_or_default()
    )]
    Waited(Option<String>),
    /// The server cancelled a statement past its time.
    #[error(
        "服务器上的这一步超过 5 分钟,已被取消,本次修改没有保存。请缩小范围(如分区县)后重试,或请服务器管理员查看服务器负载。 / The server cancelled this step after 5 minutes; nothing was saved. Try a smaller part (district by district), or ask the server's administrator about its load."
    )]
    TooLong,
    #[error(
        "数据库文件已损坏({0}),本次操作没有完成。请从备份恢复:窗口中“备份与恢复”,或 taizhang restore 备份文件。 / The database file is damaged ({0}); nothing was done. Restore a backup: 备份与恢复 in the window, or taizhang restore BACKUP."
    )]
    Damaged(String),
    /// Refused before anything was written, with the whole message in both languages.
    #[error("{0}")]
    Refused(String),
    /// The reviewer stopped the reading; what the window showed stays.
    #[error("已取消读取 / Reading cancelled")]
    Cancelled,
    #[error(
        "服务器拒绝了这次操作:{0}。本次修改没有保存;如需这项权限,请联系管理员。 / The server refused this: {0}; nothing was saved. Ask the administrator if you need this right."
    )]
    Denied(String),
    #[error("服务器数据库错误:{0}。本次修改没有保存。 / Server database error: {0}; nothing was saved.")]
    Postgres(String),
}

impl From<postgres::Error> for DbError {
    /// The server's codes for a lost connection, a refused permission, a conflict between two
    /// writers and an archived plan become errors that say what to do; the rest keep the
    /// server's own words.
    fn from(err: postgres::Error) -> Self {
        use postgres::error::SqlState;
        let ours = std::error::Error::source(&err).is_some_and(|e| e.to_string() == super::sql::NUL_IN_TEXT);
        if ours {
            return Self::Refused(super::sql::NUL_IN_TEXT.into());
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
                Self::Corrupt { path, detail: err.to_string(), hint }
            }
            Some(ErrorCode::NotADatabase) => Self::NotADatabase { path },
            Some(ErrorCode::DatabaseCorrupt) => {
                let hint = super::backup::restore_hint(&path);
                Self::Corrupt { path, detail: err.to_string(), hint }
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
