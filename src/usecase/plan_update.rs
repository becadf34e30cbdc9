//! A plan's next month from the office's own ledger: the same sheet, refilled. Each row is
//! matched to the plan's project by its 项目代码, else by name and place, else by a name no other
//! project has; what changed becomes that month's report, in one changeset after a backup (one
//! undo takes it back). Rows that match no project and projects no row names are listed, never
//! added or deleted silently.

use std::collections::HashMap;

use crate::db::{Db, DbError, ReviewError};
use crate::domain::{Period, Project, ProjectId, Report, ReportInput};
use crate::import::plan::{DraftRow, PlanFile};

/// A project whose row brings new figures.
#[derive(Clone, Debug, PartialEq)]
pub struct Changed {
    pub project: ProjectId,
    pub name: String,
    /// Each field that changes: its name, the latest report's value, the ledger's.
    pub fields: Vec<(&'static str, String, String)>,
    /// The month's report as it will be written.
    pub report: ReportInput,
}

/// What updating a plan from a ledger would do.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UpdatePreview {
    pub month: Option<Period>,
    pub changed: Vec<Changed>,
    /// Rows whose figures are those of the latest report already.
    pub unchanged: usize,
    /// Rows that match no project of the plan: drafts for the reviewer to bring in.
    pub new_rows: Vec<DraftRow>,
    /// The plan's projects no row names (id, name): listed, not deleted.
    pub gone: Vec<(ProjectId, String)>,
    /// Rows that match two projects or more by name alone: (row's line, name), not written.
    pub ambiguous: Vec<(usize, String)>,
}

/// Why a plan cannot be updated from a file.
#[derive(Debug, thiserror::Error)]
pub enum PlanUpdateError {
    /// A plan text, not an office ledger.
    #[error("{}", self.zh())]
    NotALedger,
    /// The month the figures stand at is not stated.
    #[error("{}", self.zh())]
    NoMonth,
    #[error(transparent)]
    Db(#[from] DbError),
    #[error(transparent)]
    Review(#[from] ReviewError),
}

impl PlanUpdateError {
    /// The message in Chinese: what is wrong and what to do.
    pub fn zh(&self) -> String {
        match self {
            Self::NotALedger => {
                "这是规划文本,不是台账:用台账(.xlsx、.xls、.ods、.csv)更新规划;新的规划文本请用“导入规划”。".into()
            }
            Self::NoMonth => crate::import::plan::MONTH_NEEDED.0.into(),
            Self::Db(e) => e.to_string(),
            Self::Review(e) => e.to_string(),
        }
    }

    /// The message in English: what is wrong and what to do.
    pub fn en(&self) -> String {
        match self {
            Self::NotALedger => "This is a plan's text, not a ledger: update a plan from its ledger (.xlsx, .xls, .ods, .csv); bring a new plan text in with plan import.".into(),
            Self::NoMonth => crate::import::plan::MONTH_NEEDED.1.into(),
            Self::Db(e) => e.to_string(),
            Self::Review(e) => e.to_string(),
        }
    }
}

/// Works out what the ledger `file` changes in plan `plan_id` at `as_of` (else the month the
/// ledger states).
///
/// # Errors
/// [`PlanUpdateError`]: not a ledger, no month, or a database failure.
pub fn preview(
    db: &Db,
    plan_id: i64,
    file: &PlanFile,
    as_of: Option<Period>,
) -> Result<UpdatePreview, PlanUpdateError> {
    if file.ledger.is_none() {
        return Err(PlanUpdateError::NotALedger);
    }
    let month = as_of.or(file.draft.as_of).ok_or(PlanUpdateError::NoMonth)?;
    let projects = db.snapshot_of(plan_id)?.portfolio.projects;
    let latest: HashMap<ProjectId, Report> =
        db.latest_reports_until(month)?.into_iter().map(|r| (r.project, r)).collect();
    let mut preview = UpdatePreview { month: Some(month), ..UpdatePreview::default() };
    let mut seen: Vec<ProjectId> = Vec::new();
    for row in &file.draft.rows {
        match matching(&projects, row) {
            Match::One(p) => {
                seen.push(p.id);
                let report = report_of(row, p.id, month);
                let fields = differences(latest.get(&p.id), &report);
                if fields.is_empty() {
                    preview.unchanged += 1;
                } else {
                    preview.changed.push(Changed { project: p.id, name: p.name.clone(), fields, report });
                }
            }
            Match::Several => preview.ambiguous.push((row.line, row.name.clone())),
            Match::None => preview.new_rows.push(row.clone()),
        }
    }
    preview.gone = projects.iter().filter(|p| !seen.contains(&p.id)).map(|p| (p.id, p.name.clone())).collect();
    Ok(preview)
}

/// Writes the month's reports of a preview in one changeset, after a backup; returns the
/// changeset (one undo takes it all back), or `None` when nothing changed.
///
/// # Errors
/// [`PlanUpdateError`]: a report refused by the checks (nothing written), or a database failure.
pub fn apply(db: &Db, preview: &UpdatePreview, reviewer: &str) -> Result<Option<i64>, PlanUpdateError> {
    if preview.changed.is_empty() {
        return Ok(None);
    }
    db.rolling_backup("before-plan-update")?;
    let inputs: Vec<ReportInput> = preview.changed.iter().map(|c| c.report.clone()).collect();
    Ok(Some(db.add_reports(&inputs, reviewer, Period::today(), true)?))
}

enum Match<'p> {
    One(&'p Project),
    Several,
    None,
}

/// The plan's project a ledger row names: by 项目代码, else name and place, else a name only one
/// project has.
fn matching<'p>(projects: &'p [Project], row: &DraftRow) -> Match<'p> {
    let one = |found: Vec<&'p Project>| match found.as_slice() {
        [p] => Match::One(p),
        [] => Match::None,
        _ => Match::Several,
    };
    if let Some(code) = row.project_code.as_deref() {
        let by_code: Vec<&Project> = projects.iter().filter(|p| p.project_code.as_deref() == Some(code)).collect();
        if !by_code.is_empty() {
            return one(by_code);
        }
    }
    let name = row.name.trim();
    let by_name: Vec<&Project> = projects.iter().filter(|p| p.name.trim() == name).collect();
    if by_name.len() > 1
        && let Some(place) = row.place.as_deref()
    {
        return one(by_name.into_iter().filter(|p| p.place == place.trim()).collect());
    }
    one(by_name)
}

/// The month's report a ledger row gives.
fn report_of(row: &DraftRow, project: ProjectId, month: Period) -> ReportInput {
    let text = |t: &Option<String>| t.as_deref().map(str::trim).unwrap_or_default().to_string();
    ReportInput {
        project: Some(project),
        period: Some(month),
        status: row.status,
        done: None,
        invest_total: row.total_investment,
        invest_year_plan: row.plan_investment,
        invest_done: row.done_investment,
        invest_year_done: row.year_done_investment,
        progress_text: text(&row.progress),
        problems: text(&row.problems),
        coordination: text(&row.coordination),
        coordination_unit: text(&row.owner),
        coordination_due: row.coordination_due.map(|d| d.to_string()).unwrap_or_default(),
        note: "按台账更新 / updated from the office's ledger".into(),
    }
}

/// The fields `report` changes against the latest report (all it gives when there is none).
fn differences(latest: Option<&Report>, report: &ReportInput) -> Vec<(&'static str, String, String)> {
    let amount = |v: Option<f64>| v.map(crate::domain::format_quantity).unwrap_or_default();
    let pairs: [(&'static str, String, String); 8] = [
        (
            "status",
            latest.map(|r| r.status.code().to_string()).unwrap_or_default(),
            report.status.map(|s| s.code().to_string()).unwrap_or_default(),
        ),
        ("invest_total", amount(latest.and_then(|r| r.invest_total)), amount(report.invest_total)),
        ("invest_year_plan", amount(latest.and_then(|r| r.invest_year_plan)), amount(report.invest_year_plan)),
        ("invest_done", amount(latest.and_then(|r| r.invest_done)), amount(report.invest_done)),
        ("invest_year_done", amount(latest.and_then(|r| r.invest_year_done)), amount(report.invest_year_done)),
        ("progress_text", latest.map(|r| r.progress_text.clone()).unwrap_or_default(), report.progress_text.clone()),
        ("problems", latest.map(|r| r.problems.clone()).unwrap_or_default(), report.problems.clone()),
        ("coordination", latest.map(|r| r.coordination.clone()).unwrap_or_default(), report.coordination.clone()),
    ];
    // A figure the ledger leaves empty is no change: the month's report keeps saying nothing of it.
    pairs.into_iter().filter(|(_, old, new)| !new.is_empty() && old != new).collect()
}
