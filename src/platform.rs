//! platform: where files live on this OS (directories crate), who the user is (environment) and
//! the system's file chooser (rfd).
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

/// What the system's file chooser gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Picked {
    Path(PathBuf),
    /// The user closed it without choosing.
    Cancelled,
    /// There is none: on Linux, neither the desktop portal nor zenity answered.
    Unavailable,
}

/// Asks for a file to open.
pub fn pick_file(filter: &str, extensions: &[&str], dir: &std::path::Path) -> Picked {
    let started = std::time::Instant::now();
    let picked = rfd::FileDialog::new().add_filter(filter, extensions).set_directory(dir).pick_file();
    judge(picked, started.elapsed())
}

/// Asks where to save a file.
pub fn save_file(filter: &str, extensions: &[&str], dir: &std::path::Path) -> Picked {
    let started = std::time::Instant::now();
    let picked = rfd::FileDialog::new().add_filter(filter, extensions).set_directory(dir).save_file();
    judge(picked, started.elapsed())
}

/// Nothing chosen: a person cannot close a chooser within a fraction of a second of its
/// opening, so on Linux an answer that fast means there was no chooser to show (rfd returns
/// the same `None` for both).
fn judge(picked: Option<PathBuf>, took: std::time::Duration) -> Picked {
    match picked {
        Some(path) => Picked::Path(path),
        None if cfg!(target_os = "linux") && took < std::time::Duration::from_millis(300) => {
            log::warn!("no file chooser answered in {} ms", took.as_millis());
            Picked::Unavailable
        }
        None => Picked::Cancelled,
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::{Picked, judge};

    #[test]
    fn a_chooser_that_answers_at_once_with_nothing_is_no_chooser() {
        assert_eq!(judge(Some("/tmp/a.xlsx".into()), Duration::ZERO), Picked::Path("/tmp/a.xlsx".into()));
        assert_eq!(judge(None, Duration::from_secs(4)), Picked::Cancelled);
        let instant = judge(None, Duration::from_millis(20));
        if cfg!(target_os = "linux") {
            assert_eq!(instant, Picked::Unavailable);
        } else {
            assert_eq!(instant, Picked::Cancelled, "Windows and macOS always have one");
        }
    }
}
