//! Writing output files safely: through a temporary file beside the target and a rename (an
//! interrupted write leaves the old file whole), never over the open database, its journal
//! files or its backups, and never over an existing file unless the caller asked for it.

use std::path::{Path, PathBuf};

use super::ExportError;

/// Whether an existing file at the target may be replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overwrite {
    /// An existing file is an error (the command line without `--force`).
    Refuse,
    /// An existing file is replaced (`--force`, or a save dialog that already asked).
    Replace,
}

/// Paths no export may write to: the open database, its `-wal`, `-shm` and `-journal` files,
/// and its folder of backups. Compared after resolving symbolic links and `..`, and without
/// regard to case on Windows and macOS, whose file systems usually ignore it.
#[derive(Clone, Debug, Default)]
pub struct Protected {
    files: Vec<PathBuf>,
    dirs: Vec<PathBuf>,
}

impl Protected {
    /// The files of the database at `db` (nothing for an in-memory database).
    pub fn of_db(db: Option<&Path>) -> Self {
        let Some(db) = db else { return Self::default() };
        let mut files = Vec::new();
        for base in [db.to_path_buf(), resolve(db)] {
            files.push(base.clone());
            for suffix in ["-wal", "-shm", "-journal"] {
                let mut name = base.clone().into_os_string();
                name.push(suffix);
                files.push(PathBuf::from(name));
            }
        }
        let backups = db.parent().unwrap_or_else(|| Path::new(".")).join("backups");
        let dirs = vec![resolve(&backups)];
        Self { files: files.iter().map(|f| resolve(f)).collect(), dirs }
    }

    /// Refuses `target` when it is one of the protected files or a protected folder, or lies
    /// under one at any depth (a folder named as the database's `-journal` made for a letter
    /// left SQLite unable to open the database).
    ///
    /// # Errors
    /// [`ExportError::Protected`] naming the target.
    pub fn check(&self, target: &Path) -> Result<(), ExportError> {
        let resolved = resolve(target);
        let protected = resolved.ancestors().any(|ancestor| {
            let key = comparable(ancestor);
            self.files.iter().chain(&self.dirs).any(|p| comparable(p) == key)
        });
        if protected {
            return Err(ExportError::Protected { path: target.to_path_buf() });
        }
        Ok(())
    }
}

/// The path with symbolic links and `.`/`..` resolved as far as it exists: a file that does
/// not exist yet is resolved through its folder.
fn resolve(path: &Path) -> PathBuf {
    if let Ok(full) = std::fs::canonicalize(path) {
        return full;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) => resolve(parent).join(name),
        _ => absolute,
    }
}

/// A path as the file system compares it: case-folded where the usual file systems ignore case.
fn comparable(path: &Path) -> String {
    let text = path.to_string_lossy().into_owned();
    if cfg!(any(windows, target_os = "macos")) { text.to_lowercase() } else { text }
}

/// Writes bytes to a temporary file beside `path`, flushes it to disk, then renames it into
/// place, replacing any file there.
///
/// # Errors
/// [`ExportError::Io`]; the temporary file is removed and `path` is as it was.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    write_file(path, bytes, Overwrite::Replace)
}

/// Writes bytes to `path` through a temporary file; with [`Overwrite::Refuse`] an existing
/// file is left alone and reported.
///
/// # Errors
/// [`ExportError::Exists`] or [`ExportError::Io`]; `path` is as it was then.
pub fn write_file(path: &Path, bytes: &[u8], overwrite: Overwrite) -> Result<(), ExportError> {
    use std::io::Write;
    let io = |source| ExportError::Io { path: path.to_path_buf(), source };
    if overwrite == Overwrite::Refuse && path.exists() {
        return Err(ExportError::Exists { path: path.to_path_buf() });
    }
    let tmp = crate::files::temporary_beside(path);
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    let placed = written.and_then(|()| match overwrite {
        Overwrite::Replace => std::fs::rename(&tmp, path),
        // A hard link fails if the name is taken, so a file made meanwhile is not replaced.
        Overwrite::Refuse => match std::fs::hard_link(&tmp, path) {
            Ok(()) => std::fs::remove_file(&tmp),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
            // File systems without hard links (FAT, some shares): the check above stands.
            Err(_) => std::fs::rename(&tmp, path),
        },
    });
    if let Err(e) = placed {
        let _ = std::fs::remove_file(&tmp);
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            return Err(ExportError::Exists { path: path.to_path_buf() });
        }
        return Err(io(e));
    }
    Ok(())
}

/// Where and how an export may write: the protected paths and whether to replace files.
#[derive(Clone, Debug)]
pub struct OutputRules {
    pub protected: Protected,
    pub overwrite: Overwrite,
}

impl OutputRules {
    /// Checks `path` against the protected paths, then writes it.
    ///
    /// # Errors
    /// [`ExportError::Protected`], [`ExportError::Exists`] or [`ExportError::Io`].
    pub fn write(&self, path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
        self.protected.check(path)?;
        write_file(path, bytes, self.overwrite)
    }

    /// Checks `path` (a file or a folder) before any work is done for it.
    ///
    /// # Errors
    /// [`ExportError::Protected`], or [`ExportError::Exists`] for an existing file that may not
    /// be replaced.
    pub fn check(&self, path: &Path) -> Result<(), ExportError> {
        self.protected.check(path)?;
        if self.overwrite == Overwrite::Refuse && path.is_file() {
            return Err(ExportError::Exists { path: path.to_path_buf() });
        }
        Ok(())
    }

    /// As [`OutputRules::check`], for a file: a folder of that name is refused too (it cannot
    /// be replaced, `--force` or not).
    ///
    /// # Errors
    /// As [`OutputRules::check`], and [`ExportError::IsFolder`].
    pub fn check_file(&self, path: &Path) -> Result<(), ExportError> {
        self.check(path)?;
        if path.is_dir() {
            return Err(ExportError::IsFolder { path: path.to_path_buf() });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{Overwrite, Protected, write_file};

    #[test]
    fn the_database_its_journals_and_backups_are_protected() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("taizhang.db");
        std::fs::write(&db, b"x").expect("db");
        let protected = Protected::of_db(Some(&db));
        for bad in [
            "taizhang.db",
            "taizhang.db-wal",
            "taizhang.db-shm",
            "./taizhang.db",
            "backups/x.xlsx",
            "backups",
            "backups/new/x.docx",
            "taizhang.db-journal/x.docx",
            "taizhang.db/x",
        ] {
            assert!(protected.check(&dir.path().join(bad)).is_err(), "{bad}");
        }
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).expect("sub");
        assert!(protected.check(&sub.join("../taizhang.db")).is_err());
        assert!(protected.check(&dir.path().join("out.xlsx")).is_ok());
        assert!(protected.check(&dir.path().join("taizhang.db.xlsx")).is_ok());
        #[cfg(unix)]
        {
            let link = dir.path().join("link.xlsx");
            std::os::unix::fs::symlink(&db, &link).expect("symlink");
            assert!(protected.check(&link).is_err(), "a link to the database");
        }
    }

    #[test]
    fn refusing_to_overwrite_leaves_the_file_and_no_temporary() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("a.csv");
        write_file(&path, b"first", Overwrite::Refuse).expect("new file");
        assert!(write_file(&path, b"second", Overwrite::Refuse).is_err());
        assert_eq!(std::fs::read(&path).expect("read"), b"first");
        write_file(&path, b"third", Overwrite::Replace).expect("replace");
        assert_eq!(std::fs::read(&path).expect("read"), b"third");
        let names: Vec<_> = std::fs::read_dir(dir.path()).expect("ls").map(|e| e.expect("e").file_name()).collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }
}
