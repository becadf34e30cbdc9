//! platform: where files live on this OS (directories crate). The only module that asks.

use std::path::PathBuf;

/// The default database file: `taizhang.db` in the platform's data folder
/// (`%APPDATA%\Taizhang\data` on Windows, `~/Library/Application Support/cn.Taizhang.Taizhang`
/// on macOS, `~/.local/share/taizhang` on Linux).
pub fn default_db_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("cn", "Taizhang", "Taizhang").map(|d| d.data_dir().join("taizhang.db"))
}
