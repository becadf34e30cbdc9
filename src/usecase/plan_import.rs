//! Bringing a new plan in from a plan document or an office ledger: read the file (with a
//! ledger's saved column mapping), settle the title, period and month, and commit the rows the
//! user accepted. The window and `taizhang plan import` both call these, so they cannot drift
//! (the window once assumed this year to +4 where the command line asked for a period).

use std::path::Path;

use crate::db::{Db, DbError, NewPlan};
use crate::domain::{Gazetteer, Period};
use crate::import::plan::{DraftRow, HeaderChoice, PlanDraft, PlanFile, PlanFileError, missing_month, read_plan_file};

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
#[derive(Debug)]
pub enum PlanImportError {
    /// Neither the file nor the user states the period.
    NoPeriod,
    /// The period runs backwards.
    Backwards(i32, i32),
    /// A ledger's figures without the month they stand at.
    NoMonth,
    /// The file has rows with problems and the user did not leave them out (how many).
    Problems(usize),
    /// No row is left to commit.
    NoRows,
    /// The figures stand at a month still to come.
    FutureMonth(Period),
    Db(DbError),
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
    if missing_month(&rows, as_of) {
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

impl From<DbError> for PlanImportError {
    fn from(e: DbError) -> Self {
        Self::Db(e)
    }
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
