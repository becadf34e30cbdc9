//! Errors of the database layer, each with a message in Chinese and English that says what to do.

use std::path::PathBuf;

/// What can go wrong opening or using the database.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("{p}: 该文件不是 Taizhang 数据库,未作任何修改。请选择正确的文件,或用 --db 指定新路径。 / This file is not a Taizhang database; it was not changed. Choose the right file, or give a new path with --db.", p = .path.display())]
    NotADatabase { path: PathBuf },
    #[error("{p}: 数据库文件已损坏({detail}),未作任何修改。请从备份恢复。 / The database file is damaged ({detail}); it was not changed. Restore it from a backup.", p = .path.display())]
    Corrupt { path: PathBuf, detail: String },
    #[error("{p}: 数据库来自更新版本的 Taizhang(结构版本 {found},本程序支持 {supported}),未作任何修改。请升级 Taizhang。 / The database comes from a newer Taizhang (schema {found}, this build supports {supported}); it was not changed. Update Taizhang.", p = .path.display())]
    NewerSchema { path: PathBuf, found: i64, supported: i64 },
    #[error("{p}: 数据库正被其他程序占用。请关闭其他 Taizhang 窗口后重试。 / The database is in use by another program. Close other Taizhang windows and try again.", p = .path.display())]
    Locked { path: PathBuf },
    #[error("{p}: 无法访问({source})。请检查路径和权限。 / Cannot access it ({source}). Check the path and permissions.", p = .path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("内置规划数据无法读取:{0} / The bundled plan data cannot be read: {0}")]
    Seed(String),
    #[error("数据库中的值不合规:{0} / A value in the database is not valid: {0}")]
    BadValue(String),
    #[error("数据库错误:{0} / Database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl DbError {
    /// Turns SQLite's error codes for the file at `path` into the errors a user can act on.
    pub(crate) fn classify(path: &std::path::Path, err: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        let path = path.to_path_buf();
        match err.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => Self::NotADatabase { path },
            Some(ErrorCode::DatabaseCorrupt) => Self::Corrupt { path, detail: err.to_string() },
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Self::Locked { path },
            Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied | ErrorCode::ReadOnly) => {
                Self::Io { path, source: std::io::Error::other(err.to_string()) }
            }
            _ => Self::Sqlite(err),
        }
    }
}
