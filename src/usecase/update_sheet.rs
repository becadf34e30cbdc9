//! The update sheet (填报表) out and back in, for the window's 导出/导入 and the CLI's
//! `template` and `import` alike: the template of a place for a month, what a filled-in sheet
//! would change (the preview, or `--dry-run`), and applying it: the files of rows left out
//! checked before anything is written, a backup when something changes, the reports and the
//! 问题清单 updates in one transaction. (The window wrote the left-out rows on its own thread
//! without checking the files first and backed up when nothing changed; the command did
//! neither.)

use std::path::{Path, PathBuf};

use crate::db::{Db, DbError, ProblemFilter, ReviewError};
use crate::domain::{Period, Portfolio};
use crate::export::{ExportError, OutputRules};
use crate::import::{ImportError, ImportPlan, Table};

/// Why an update sheet was not written or taken in. Worded in `words::usecase`.
#[derive(Debug)]
pub enum UpdateSheetError {
    Db(DbError),
    /// The write of the reports was refused (a stale row, an archived plan…).
    Review(ReviewError),
    /// The file could not be read as an update sheet.
    Import(ImportError),
    /// The template or a file of left-out rows could not be written.
    Export(ExportError),
    /// The sheet has this many problems and the rows with them were not to be left out.
    Problems(usize),
}

impl From<DbError> for UpdateSheetError {
    fn from(e: DbError) -> Self {
        Self::Db(e)
    }
}

impl From<ReviewError> for UpdateSheetError {
    fn from(e: ReviewError) -> Self {
        Self::Review(e)
    }
}

impl From<ImportError> for UpdateSheetError {
    fn from(e: ImportError) -> Self {
        Self::Import(e)
    }
}

impl From<ExportError> for UpdateSheetError {
    fn from(e: ExportError) -> Self {
        Self::Export(e)
    }
}

/// Writes the update sheet of `place` for `month` to `output`: each project as it stood the
/// month before, and the place's open items. Gives the number of projects in it.
///
/// # Errors
/// A place the plan does not have, a target `rules` refuse, a failed write.
pub fn write_template(
    db: &Db,
    place: &str,
    month: Period,
    output: &Path,
    rules: &OutputRules,
) -> Result<usize, UpdateSheetError> {
    let sheet = super::review_sheet::update_sheet(db, place, month)?;
    rules.check_file(output)?;
    // The sheet lists the open ones (`write_template` keeps those of the place's projects).
    let items: Vec<_> = db.problems(&ProblemFilter::default())?.into_iter().map(|r| r.problem).collect();
    rules.write(output, &crate::export::write_template(place, &sheet.rows, &items, month)?)?;
    Ok(sheet.rows.len())
}

/// What the filled-in sheet at `path` would change in `portfolio` (the plan as the reviewer
/// sees it), with its header at `header_row` (1-based) or found. Nothing is written.
///
/// # Errors
/// A file that cannot be read as an update sheet, the storage's errors.
pub fn preview(
    db: &Db,
    portfolio: &Portfolio,
    path: &Path,
    header_row: Option<usize>,
) -> Result<(Table, ImportPlan), UpdateSheetError> {
    let table = crate::import::read_file(path)?;
    let latest = db.latest_reports()?;
    let items: Vec<_> = db.problems(&ProblemFilter::default())?.into_iter().map(|r| r.problem).collect();
    let plan = crate::import::plan_at(&table, header_row, portfolio, &latest, &items, Period::today())?;
    Ok((table, plan))
}

/// What applying a sheet did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Applied {
    /// The files the left-out rows and their reasons were written to.
    pub left_out: Vec<PathBuf>,
    /// The backup made first (none when nothing changed, or none was due).
    pub backup: Option<PathBuf>,
    /// The change recorded (none when the sheet changes nothing).
    pub changeset: Option<i64>,
}

/// Applies the previewed sheet read from `path`: refused while it has problems unless
/// `skip_bad` (then the rows with problems are left out and written, with their reasons, beside
/// the sheet: every such file checked against `rules` before anything is written), backed up
/// first when something changes, the reports and item updates in one transaction.
///
/// # Errors
/// [`UpdateSheetError::Problems`], a file of left-out rows `rules` refuse or that cannot be
/// written, the storage's refusal of the write.
pub fn apply(
    db: &Db,
    (path, table, plan): (&Path, &Table, &ImportPlan),
    skip_bad: bool,
    rules: &OutputRules,
    reviewer: &str,
) -> Result<Applied, UpdateSheetError> {
    if !plan.problems.is_empty() && !skip_bad {
        return Err(UpdateSheetError::Problems(plan.problems.len()));
    }
    let left_out = crate::export::skipped_files(path, table, plan);
    for (file, _) in &left_out {
        rules.check_file(file)?;
    }
    let mut applied = Applied::default();
    if plan.has_changes() {
        applied.backup = db.rolling_backup("before-import")?;
    }
    // The left-out rows are kept before the good ones go in; if the write is then refused,
    // nothing went in and the files go again (a retry is not refused as "exists", and no file
    // suggests the rest was imported).
    let remove = |files: &[PathBuf]| files.iter().for_each(|f| drop(std::fs::remove_file(f)));
    for (file, text) in left_out {
        if let Err(e) = rules.write(&file, text.as_bytes()) {
            remove(&applied.left_out);
            return Err(e.into());
        }
        applied.left_out.push(file);
    }
    if plan.has_changes() {
        match db.add_reports_and_items(&plan.reports(), &plan.item_updates(), reviewer, Period::today(), false) {
            Ok(changeset) => applied.changeset = Some(changeset),
            Err(e) => {
                remove(&applied.left_out);
                return Err(e.into());
            }
        }
    }
    Ok(applied)
}
