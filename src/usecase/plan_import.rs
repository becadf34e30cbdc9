//! Bringing a new plan in from a plan document or an office ledger: read the file (with a
//! ledger's saved column mapping), settle the title, period and month, and commit the rows the
//! user accepted. The window and `taizhang plan import` both call these, so they cannot drift
//! (the window once assumed this year to +4 where the command line asked for a period).

use std::path::Path;

use crate::db::{Db, DbError, NewPlan};
use crate::domain::{Gazetteer, Period};
use crate::import::plan::{
    DraftRow, HeaderChoice, MONTH_NEEDED, PlanDraft, PlanFile, PlanFileError, missing_month, read_plan_file,
};

/// Reads a plan file. A ledger whose header the user did not choose is mapped as a mapping
/// saved for the same header says, where one is saved.
///
/// # Errors
/// [`PlanFileError`] saying what is wrong with the file and what to do.
pub fn read(
    db: &Db,
    path: &Path,
    places: &Gazetteer,
    header: Option<HeaderChoice>,
    sheet: Option<&str>,
) -> Result<PlanFile, PlanFileError> {
    let mut file = read_plan_file(path, places, header, sheet)?;
    if header.is_none() {
        file.apply_saved(places, |signature| {
            db.saved_mapping(signature).inspect_err(|e| log::warn!("saved mapping: {e}")).ok().flatten()
        });
    }
    Ok(file)
}

/// What the user settles beside the rows: each `None` takes what the file states.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settled {
    pub title: Option<String>,
    pub from: Option<i32>,
    pub to: Option<i32>,
    /// The month a ledger's figures stand at.
    pub as_of: Option<Period>,
}

/// Why a plan cannot be committed as it stands.
#[derive(Debug, thiserror::Error)]
pub enum PlanImportError {
    /// Neither the file nor the user states the period.
    #[error("{}", self.zh())]
    NoPeriod,
    /// The period runs backwards.
    #[error("{}", self.zh())]
    Backwards(i32, i32),
    /// A ledger's figures without the month they stand at.
    #[error("{}", self.zh())]
    NoMonth,
    /// The file has rows with problems and the user did not leave them out (how many).
    #[error("{}", self.zh())]
    Problems(usize),
    /// No row is left to commit.
    #[error("{}", self.zh())]
    NoRows,
    /// The figures stand at a month still to come.
    #[error("{}", self.zh())]
    FutureMonth(Period),
    #[error(transparent)]
    Db(#[from] DbError),
}

impl PlanImportError {
    /// The message in Chinese: what is wrong and what to do.
    pub fn zh(&self) -> String {
        match self {
            Self::NoPeriod => {
                "文件没有写明规划期:请指定起止年份(命令行 --from YYYY --to YYYY,窗口中填写“规划期”)。".into()
            }
            Self::Backwards(s, e) => format!("规划期 {s}—{e} 不成立:起始年份应不晚于终止年份。"),
            Self::NoMonth => MONTH_NEEDED.0.into(),
            Self::Problems(n) => format!(
                "{n} 个问题,未导入。请改正文件后重试,或舍弃有问题的行(命令行 --skip-bad-rows,窗口中不勾选这些行)。"
            ),
            Self::NoRows => "没有可导入的项目:请至少接受一项草稿。".into(),
            Self::FutureMonth(m) => {
                format!("数字截至 {m} 还没有到:请核对台账的截止时间(命令行 --as-of,窗口中“数字截至”)。")
            }
            Self::Db(e) => e.to_string(),
        }
    }

    /// The message in English: what is wrong and what to do.
    pub fn en(&self) -> String {
        match self {
            Self::NoPeriod => "The file states no period: give its first and last year (--from YYYY --to YYYY, or 规划期 in the window).".into(),
            Self::Backwards(s, e) => format!("The period {s}–{e} does not hold: the first year must not be after the last."),
            Self::NoMonth => MONTH_NEEDED.1.into(),
            Self::Problems(n) => format!(
                "{n} problems; nothing was imported. Correct the file and try again, or leave those rows out (--skip-bad-rows, or untick them in the window)."
            ),
            Self::NoRows => "No project to import: accept at least one draft.".into(),
            Self::FutureMonth(m) => format!("The figures are said to stand at {m}, a month still to come: check the ledger's date (--as-of, or 数字截至 in the window)."),
            Self::Db(e) => e.to_string(),
        }
    }
}

/// The rows the review starts with accepted: all but those with a problem.
pub fn accepted_by_default(draft: &PlanDraft) -> Vec<DraftRow> {
    let doubtful: std::collections::HashSet<usize> = draft.problems.iter().map(|p| p.line).collect();
    draft.rows.iter().filter(|r| !doubtful.contains(&r.line)).cloned().collect()
}

/// The plan to commit: the title settled, else the file's, else `fallback` (the file's name);
/// the period settled, else the file's, never assumed; the month settled, else the file's; the
/// rows the user accepted. `origin` is the file's name.
///
/// # Errors
/// [`PlanImportError`] saying what to settle first.
pub fn prepare(
    draft: &PlanDraft,
    rows: Vec<DraftRow>,
    settled: &Settled,
    fallback: &str,
    origin: String,
) -> Result<NewPlan, PlanImportError> {
    let (start_year, end_year) = period(draft, settled)?;
    let as_of = settled.as_of.or(draft.as_of);
    if rows.is_empty() {
        return Err(PlanImportError::NoRows);
    }
    if missing_month(&rows, as_of).is_some() {
        return Err(PlanImportError::NoMonth);
    }
    if let Some(month) = as_of.filter(|m| *m > Period::today() && rows.iter().any(DraftRow::has_figures)) {
        return Err(PlanImportError::FutureMonth(month));
    }
    let title = settled
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .or_else(|| draft.title.clone())
        .unwrap_or_else(|| fallback.to_string());
    Ok(NewPlan { title, start_year, end_year, city: String::new(), origin, as_of, rows })
}

/// The period settled, else the file's.
///
/// # Errors
/// [`PlanImportError::NoPeriod`] or [`PlanImportError::Backwards`].
pub fn period(draft: &PlanDraft, settled: &Settled) -> Result<(i32, i32), PlanImportError> {
    match (settled.from.or(draft.start_year), settled.to.or(draft.end_year)) {
        (Some(s), Some(e)) if e >= s => Ok((s, e)),
        (Some(s), Some(e)) => Err(PlanImportError::Backwards(s, e)),
        _ => Err(PlanImportError::NoPeriod),
    }
}

/// Commits a prepared plan: its city is the place its title names (else `shown_city`, the plan
/// the user was looking at), then the plan, its places and projects after a backup. Returns the
/// new plan's id.
///
/// # Errors
/// [`PlanImportError::Db`] when nothing could be written (the database's words).
pub fn commit(db: &Db, mut plan: NewPlan, shown_city: Option<&str>, reviewer: &str) -> Result<i64, PlanImportError> {
    plan.city = db.city_for_title(&plan.title, shown_city)?;
    Ok(db.create_plan(&plan, reviewer)?)
}

#[cfg(test)]
mod tests {
    use super::{PlanImportError, Settled, prepare};
    use crate::import::plan::draft_from_text;

    #[test]
    fn a_period_is_asked_for_never_assumed() {
        let draft = draft_from_text("改造供水管网5公里。\n", &crate::domain::Gazetteer::default());
        let rows = draft.rows.clone();
        let refused = prepare(&draft, rows.clone(), &Settled::default(), "x", "x.txt".into());
        assert!(matches!(refused, Err(PlanImportError::NoPeriod)), "{refused:?}");
        let settled = Settled { from: Some(2026), to: Some(2030), ..Settled::default() };
        let plan = prepare(&draft, rows, &settled, "x", "x.txt".into()).expect("plan");
        assert_eq!((plan.start_year, plan.end_year, plan.title.as_str()), (2026, 2030, "x"));
        assert!(PlanImportError::NoMonth.zh().contains("--as-of") && PlanImportError::NoMonth.en().contains("--as-of"));
    }
}
