//! platform: where files live on this OS (directories crate) and who the user is (environment).
//! The only module that asks.

use std::path::PathBuf;

/// The default database file: `taizhang.db` in the platform's data folder
/// (`%APPDATA%\Taizhang\data` on Windows, `~/Library/Application Support/cn.Taizhang.Taizhang`
/// on macOS, `~/.local/share/taizhang` on Linux).
pub fn default_db_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("cn", "Taizhang", "Taizhang").map(|d| d.data_dir().join("taizhang.db"))
}

/// The reviewer's name for the history: --reviewer, $TAIZHANG_REVIEWER, $USER or $USERNAME.
pub fn reviewer_name(given: Option<&str>) -> String {
    given
        .map(str::to_string)
        .or_else(|| std::env::var("TAIZHANG_REVIEWER").ok())
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| "未署名".to_string())
}
