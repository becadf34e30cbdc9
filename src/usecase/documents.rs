//! The month's 通报 and the 督办函 to the 责任单位, for the window's 写通报/写督办函 and the
//! CLI's `notice`/`duban` alike: the same month checks, the rows read from the storage as far
//! as the filter goes, the 问题清单 as it stood at the month's end, the same units chased and
//! every file checked before any is written. (The window once worked the 通报 out of the
//! snapshot on screen, wrote one for a month to come, and wrote a letter to a unit with nothing
//! to chase; the command refused all three.)

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::db::{Db, DbError, ProblemFilter};
use crate::domain::{Filter, Notice, Period, Plan, Portfolio, ProblemStatus, SortColumn, SortOrder};
use crate::export::{DocMeta, ExportError, OutputRules, letter_file_name};

/// Why a 通报 or a 督办函 was not written. Worded in `words::usecase`.
#[derive(Debug)]
pub enum DocumentsError {
    /// The storage's error.
    Db(DbError),
    /// The document could not be made or written.
    Export(ExportError),
    /// A month still to come: nothing in it has happened.
    FutureMonth { month: Period, today: Period },
    /// A month before the plan's period with nothing reported by then.
    BeforePlan { month: Period, from: i32, to: i32 },
    /// A file name that is not a Word file's.
    NotDocx(PathBuf),
    /// A unit with no red or yellow project and no open item that month, and the units there are.
    NothingToChase { unit: String, month: Period, units: Vec<String> },
    /// One letter per unit goes into a folder, and this is a file.
    FolderIsFile(PathBuf),
    /// The folder for the letters could not be made.
    Folder(PathBuf, std::io::Error),
    /// Stopped by the user before every letter was written (those written stay).
    Cancelled,
}

impl From<DbError> for DocumentsError {
    fn from(e: DbError) -> Self {
        Self::Db(e)
    }
}

impl From<ExportError> for DocumentsError {
    fn from(e: ExportError) -> Self {
        Self::Export(e)
    }
}

/// What the month's figures are read for: the month, the share behind schedule that lights a
/// row yellow, and the rows.
#[derive(Debug, Clone, Copy)]
pub struct MonthScope<'a> {
    pub month: Period,
    pub lag_threshold: f64,
    pub filter: &'a Filter,
}

/// The month's figures for the rows `scope` selects, as the 通报 and the letters use them, and
/// the document's 落款.
///
/// # Errors
/// A month to come, a month before the plan with nothing reported, the storage's errors.
pub fn month_notice(db: &Db, scope: MonthScope<'_>) -> Result<(Notice, DocMeta), DocumentsError> {
    check_month(scope.month)?;
    let (snapshot, latest) = db.snapshot_selecting(scope.month, scope.lag_threshold, scope.filter)?;
    check_in_plan(db, scope.month, &snapshot.plan)?;
    let rows = snapshot.portfolio.view(scope.filter, SortColumn::Id, SortOrder::Ascending);
    let problems: Vec<_> = db.problems(&ProblemFilter::default())?.into_iter().map(|r| r.problem).collect();
    let mut notice = Notice::build(&snapshot.portfolio, &rows, &latest, &problems);
    notice.scope = scope.filter.describe();
    Ok((notice, DocMeta { dataset: snapshot.dataset, issued: jiff::Zoned::now().date() }))
}

/// What the month's 督办函 list, over the whole plan: its rows lit at the month (their reports'
/// figures read, not their texts), the items open at the month's end (asked of the storage),
/// and the red and yellow rows and open items put into lines ([`Notice::for_letters`]); no
/// tallies. The letters are those [`month_notice`]'s notice gives (a test compares them).
///
/// # Errors
/// As [`month_notice`].
fn month_letters(db: &Db, month: Period, lag_threshold: f64) -> Result<(Notice, DocMeta), DocumentsError> {
    check_month(month)?;
    let snapshot = db.snapshot_lit(month, lag_threshold)?;
    check_in_plan(db, month, &snapshot.plan)?;
    let rows = snapshot.portfolio.view(&Filter::default(), SortColumn::Id, SortOrder::Ascending);
    let open = ProblemFilter {
        statuses: vec![ProblemStatus::Open, ProblemStatus::InHand],
        as_of: Some(month),
        ..ProblemFilter::default()
    };
    let problems: Vec<_> = db.problems(&open)?.into_iter().map(|r| r.problem).collect();
    let notice = Notice::for_letters(&snapshot.portfolio, &rows, &problems);
    Ok((notice, DocMeta { dataset: snapshot.dataset, issued: jiff::Zoned::now().date() }))
}

/// What a written 通报 counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoticeWritten {
    pub projects: u32,
    /// Red and yellow projects.
    pub lit: usize,
    /// Open items past their deadline.
    pub overdue: usize,
}

/// Writes the month's 通报 of the rows `scope` selects to `output` (a `.docx`).
///
/// # Errors
/// A name that is not a `.docx`, a target `rules` refuse (checked before anything is read), the
/// month's errors ([`month_notice`]), a failed write.
pub fn write_notice(
    db: &Db,
    scope: MonthScope<'_>,
    output: &Path,
    rules: &OutputRules,
) -> Result<NoticeWritten, DocumentsError> {
    check_docx_name(output)?;
    rules.check_file(output)?;
    let (notice, meta) = month_notice(db, scope)?;
    rules.write(output, &crate::export::write_notice(&notice, meta)?)?;
    Ok(NoticeWritten { projects: notice.total.projects, lit: notice.lit.len(), overdue: notice.overdue().count() })
}

/// The 责任单位 to chase at `portfolio`'s review month: those with a red or yellow project or an
/// open item, over the whole plan (what the window lists and `duban --all` writes to). The
/// window passes the plan it shows: only the 问题清单 is read.
///
/// # Errors
/// The storage's errors.
pub fn units_to_chase(db: &Db, portfolio: &Portfolio) -> Result<Vec<String>, DocumentsError> {
    // The units without the figures and the reasons' words (`Notice::units` of the same rows
    // gives the same list: a test in domain::notice holds them together).
    let problems: Vec<_> = db.problems(&ProblemFilter::default())?.into_iter().map(|r| r.problem).collect();
    let rows: Vec<usize> = (0..portfolio.projects.len()).collect();
    Ok(crate::domain::units_to_chase(portfolio, &rows, &problems))
}

/// Which letters to write.
#[derive(Debug, Clone, Copy)]
pub enum Letters<'a> {
    /// The letter to one unit, into `file` (a `.docx`).
    One { unit: &'a str, file: &'a Path },
    /// One letter to each unit to chase, into `folder` (made if missing), each named by
    /// [`letter_file_name`].
    All { folder: &'a Path },
}

/// What the letters written hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LettersWritten {
    pub files: Vec<PathBuf>,
    /// Red and yellow projects in the letters.
    pub lit: usize,
    /// Open items in the letters.
    pub open: usize,
    /// Red and yellow projects with no 责任单位, which no letter names (said, not left out
    /// silently).
    pub unowned: usize,
}

/// Writes the month's 督办函 over the whole plan: every file is checked against `rules` before
/// any is written; `cancel` stops between letters.
///
/// # Errors
/// A month's error ([`month_notice`]), a unit with nothing to chase, a `.docx` name missing or
/// a folder that is a file, a target `rules` refuse, a failed write, [`DocumentsError::Cancelled`].
pub fn write_letters(
    db: &Db,
    (month, lag_threshold): (Period, f64),
    letters: Letters<'_>,
    rules: &OutputRules,
    cancel: &AtomicBool,
) -> Result<LettersWritten, DocumentsError> {
    match letters {
        Letters::One { file, .. } => check_docx_name(file)?,
        Letters::All { folder } if folder.is_file() => return Err(DocumentsError::FolderIsFile(folder.to_path_buf())),
        Letters::All { .. } => {}
    }
    let (notice, meta) = month_letters(db, month, lag_threshold)?;
    let units = notice.units();
    let files: Vec<(PathBuf, String)> = match letters {
        Letters::One { unit, file } => {
            let unit = unit.trim();
            // Projects with no 责任单位 have the blank one: a letter to it would go to nobody.
            if unit.is_empty() || notice.letter(unit).is_empty() {
                return Err(DocumentsError::NothingToChase { unit: unit.to_string(), month, units });
            }
            vec![(file.to_path_buf(), unit.to_string())]
        }
        Letters::All { folder } => unique_files(folder, &units, month),
    };
    for (path, _) in &files {
        rules.check_file(path)?;
    }
    let mut written = LettersWritten {
        files: Vec::with_capacity(files.len()),
        lit: 0,
        open: 0,
        unowned: notice.lit.iter().filter(|l| l.owner.is_empty()).count(),
    };
    for (path, unit) in files {
        if cancel.load(Ordering::Relaxed) {
            return Err(DocumentsError::Cancelled);
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| DocumentsError::Folder(dir.to_path_buf(), e))?;
        }
        let letter = notice.letter(&unit);
        rules.write(&path, &crate::export::write_letter(&letter, meta)?)?;
        written.lit += letter.lit.len();
        written.open += letter.open.len();
        written.files.push(path);
    }
    Ok(written)
}

/// Each unit's letter file in `folder`: two units whose names differ only where a file name
/// cannot (住建局/市政科 and 住建局_市政科), or only in case, get `-2`, `-3`… rather than one file
/// for both.
fn unique_files(folder: &Path, units: &[String], month: Period) -> Vec<(PathBuf, String)> {
    let mut taken = std::collections::HashSet::new();
    units
        .iter()
        .map(|unit| {
            let name = letter_file_name(unit, month);
            let stem = name.strip_suffix(".docx").unwrap_or(&name).to_string();
            let mut candidate = name;
            let mut n = 1;
            while !taken.insert(candidate.to_lowercase()) {
                n += 1;
                candidate = format!("{stem}-{n}.docx");
            }
            (folder.join(candidate), unit.clone())
        })
        .collect()
}

/// Refuses a month before the plan's period when nothing was reported by then: nothing of the
/// plan was due, and every row would read as on schedule. (A ledger brought in before its plan's
/// first year has reports then, and its month can be reviewed.)
///
/// # Errors
/// [`DocumentsError::BeforePlan`], the storage's errors.
pub fn check_in_plan(db: &Db, month: Period, plan: &Plan) -> Result<(), DocumentsError> {
    if month.year < plan.start_year && !db.reported_by(month)? {
        return Err(DocumentsError::BeforePlan { month, from: plan.start_year, to: plan.end_year });
    }
    Ok(())
}

/// Refuses a month to come (a 通报 or 督办函 of 2031-01 written in 2026 reports nothing that
/// happened).
fn check_month(month: Period) -> Result<(), DocumentsError> {
    let today = Period::today();
    if month > today {
        return Err(DocumentsError::FutureMonth { month, today });
    }
    Ok(())
}

/// Refuses a file name that is not a Word file's (a .docx written under x.txt opens as garbage).
fn check_docx_name(output: &Path) -> Result<(), DocumentsError> {
    if !output.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx")) {
        return Err(DocumentsError::NotDocx(output.to_path_buf()));
    }
    Ok(())
}
