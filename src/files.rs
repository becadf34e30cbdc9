//! files: names for temporary files, shared by exports and backups, and file times as shown. Both write a whole file
//! under a temporary name beside its target and rename it into place; the names must not clash
//! between threads or processes writing beside the same target at once.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// A hidden temporary name beside `path`, unique to this process and call:
/// `.NAME.PID-N.partial`.
pub fn temporary_beside(path: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{}-{n}.partial", std::process::id()))
}

/// When a file was last written, in local time (`YYYY-MM-DD HH:MM`); empty if unknown.
pub fn modified_local(path: &Path) -> String {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| jiff::Timestamp::try_from(t).ok())
        .map(|t| t.to_zoned(jiff::tz::TimeZone::system()).strftime("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}
