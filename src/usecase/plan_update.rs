//! A plan's next month from the office's own ledger: the same sheet, refilled. Each row is
//! matched to the plan's project by its 项目代码, else by name and place, else by a name no other
//! project has; what changed becomes that month's report, in one changeset after a backup (one
//! undo takes it back). Rows that match no project and projects no row names are listed, never
//! added or deleted silently.

use std::collections::HashMap;

use crate::db::{Db, DbError, LedgerMonth, ReviewError};
use crate::domain::{FieldError, Period, Project, ProjectId, Report, ReportInput};
use crate::import::plan::{DraftNote, DraftRow, NoteKind, PlanFile};

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
    /// Rows not written, with why: a name two projects share, a second row for one project, a
    /// 项目代码 whose project has another name, a figure the checks refuse.
    pub refused: Vec<Refused>,
}

/// A row that is not written, and why (worded by `words::usecase`).
#[derive(Clone, Debug, PartialEq)]
pub struct Refused {
    pub line: usize,
    pub name: String,
    pub why: RefusedWhy,
}

/// Why a ledger row is not written.
#[derive(Clone, Debug, PartialEq)]
pub enum RefusedWhy {
    /// The reader doubts a cell of the row (or the row has no name): its problem.
    Doubt(NoteKind),
    /// An earlier row matched the same project (its name).
    SameProject { name: String },
    /// The row's 项目代码 is another project's, whose name differs (that project's name).
    CodeOfAnother { name: String },
    /// Several projects of the plan have the row's name and place.
    Several,
    /// The month's report the row gives is refused by the checks.
    Field(FieldError),
}

/// Why a plan cannot be updated from a file.
#[derive(Debug)]
pub enum PlanUpdateError {
    /// A plan text, not an office ledger.
    NotALedger,
    /// The month the figures stand at is not stated.
    NoMonth,
    /// The month given is not the one the ledger states (its figures would be dated wrongly).
    MonthDiffers {
        given: Period,
        stated: Period,
    },
    /// The plan is archived (its id and title).
    Archived(i64, String),
    Db(DbError),
    Review(ReviewError),
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
    if let (Some(given), Some(stated)) = (as_of, file.draft.as_of)
        && given != stated
    {
        return Err(PlanUpdateError::MonthDiffers { given, stated });
    }
    let month = as_of.or(file.draft.as_of).ok_or(PlanUpdateError::NoMonth)?;
    let projects = db.snapshot_of(plan_id)?.portfolio.projects;
    let latest: HashMap<ProjectId, Report> =
        db.latest_reports_until(month)?.into_iter().map(|r| (r.project, r)).collect();
    let plan = db.plan(plan_id)?;
    if plan.archived {
        return Err(PlanUpdateError::Archived(plan.id, plan.title));
    }
    let plan_start = plan.start_year;
    let today = Period::today();
    let mut preview = UpdatePreview { month: Some(month), ..UpdatePreview::default() };
    let mut seen: Vec<ProjectId> = Vec::new();
    // A row the reader doubts (a negative or unreadable figure, a blank name) is not written
    // with the doubtful cell left out: it is refused with the reader's words, as the import does.
    let mut doubts: HashMap<usize, &DraftNote> = HashMap::new();
    for p in &file.draft.problems {
        doubts.entry(p.line).or_insert(p);
    }
    for row in &file.draft.rows {
        let refuse = |why: RefusedWhy| Refused { line: row.line, name: row.name.clone(), why };
        if let Some(doubt) = doubts.remove(&row.line) {
            if let Match::One(p) = matching(&projects, row) {
                seen.push(p.id);
            }
            preview.refused.push(refuse(RefusedWhy::Doubt(doubt.kind.clone())));
            continue;
        }
        let project = match matching(&projects, row) {
            Match::One(p) if seen.contains(&p.id) => {
                preview.refused.push(refuse(RefusedWhy::SameProject { name: p.name.clone() }));
                continue;
            }
            Match::Coded(p) => {
                preview.refused.push(refuse(RefusedWhy::CodeOfAnother { name: p.name.clone() }));
                continue;
            }
            Match::Several => {
                preview.refused.push(refuse(RefusedWhy::Several));
                continue;
            }
            Match::None => {
                preview.new_rows.push(row.clone());
                continue;
            }
            Match::One(p) => p,
        };
        seen.push(project.id);
        let latest = latest.get(&project.id);
        let report = report_of(row, project, latest, month).cleaned();
        let errors = crate::domain::validate_ledger_report(&report, project, (plan_start, today));
        if let Some(e) = errors.first() {
            preview.refused.push(refuse(RefusedWhy::Field(e.clone())));
            continue;
        }
        let fields = differences(latest, &report);
        if fields.is_empty() {
            preview.unchanged += 1;
        } else {
            preview.changed.push(Changed { project: project.id, name: project.name.clone(), fields, report });
        }
    }
    let mut rowless: Vec<&DraftNote> = doubts.into_values().collect();
    rowless.sort_by_key(|p| p.line);
    preview.refused.extend(rowless.into_iter().map(|p| Refused {
        line: p.line,
        name: String::new(),
        why: RefusedWhy::Doubt(p.kind.clone()),
    }));
    preview.refused.sort_by_key(|r| r.line);
    preview.gone = projects.iter().filter(|p| !seen.contains(&p.id)).map(|p| (p.id, p.name.clone())).collect();
    Ok(preview)
}

/// Writes the month's reports of a preview, and its new rows as projects when `add_new`, in one
/// changeset after a backup; returns the changeset (one undo takes it all back), or `None` when
/// there is nothing to write.
///
/// # Errors
/// [`PlanUpdateError`]: a report refused by the checks (nothing written), or a database failure.
pub fn apply(
    db: &Db,
    plan: i64,
    preview: &UpdatePreview,
    add_new: bool,
    origin: &str,
    reviewer: &str,
) -> Result<Option<i64>, PlanUpdateError> {
    let new_rows = if add_new { preview.new_rows.clone() } else { Vec::new() };
    if preview.changed.is_empty() && new_rows.is_empty() {
        return Ok(None);
    }
    let month = LedgerMonth {
        plan,
        month: preview.month,
        reports: preview.changed.iter().map(|c| c.report.clone()).collect(),
        new_rows,
        origin: origin.to_string(),
    };
    Ok(Some(db.write_ledger_month(&month, reviewer)?))
}

enum Match<'p> {
    One(&'p Project),
    /// A 项目代码 that names a project of another name.
    Coded(&'p Project),
    Several,
    None,
}

/// The plan's project a ledger row names: by 项目代码 (its name must agree), else name and
/// place, else a name only one project has.
fn matching<'p>(projects: &'p [Project], row: &DraftRow) -> Match<'p> {
    let one = |found: Vec<&'p Project>| match found.as_slice() {
        [p] => Match::One(p),
        [] => Match::None,
        _ => Match::Several,
    };
    let name = row.name.trim();
    if let Some(code) = row.project_code.as_deref() {
        let by_code: Vec<&Project> = projects.iter().filter(|p| p.project_code.as_deref() == Some(code)).collect();
        match by_code.as_slice() {
            [p] if p.name.trim() != name => return Match::Coded(p),
            [] => {}
            _ => return one(by_code),
        }
    }
    let by_name: Vec<&Project> = projects.iter().filter(|p| p.name.trim() == name).collect();
    if by_name.len() > 1
        && let Some(place) = row.place.as_deref()
    {
        return one(by_name.into_iter().filter(|p| p.place == place.trim()).collect());
    }
    one(by_name)
}

/// The month's report a ledger row gives. What the row leaves blank the latest report says
/// still (a blank cell is no news, not a wiped figure); a status it does not give is the
/// project's.
fn report_of(row: &DraftRow, project: &Project, latest: Option<&Report>, month: Period) -> ReportInput {
    let text = |t: &Option<String>, before: Option<&String>| {
        let t = t.as_deref().map(str::trim).unwrap_or_default();
        if t.is_empty() { before.cloned().unwrap_or_default() } else { t.to_string() }
    };
    let due = row.coordination_due.map(|d| d.to_string());
    ReportInput {
        project: Some(project.id),
        period: Some(month),
        status: row.status.or(latest.map(|r| r.status)).or(Some(project.status)),
        done: latest.and_then(|r| r.done),
        invest_total: row.total_investment.or(latest.and_then(|r| r.invest_total)),
        invest_year_plan: row.plan_investment.or(latest.and_then(|r| r.invest_year_plan)),
        invest_done: row.done_investment.or(latest.and_then(|r| r.invest_done)),
        invest_year_done: row.year_done_investment.or(latest.and_then(|r| r.invest_year_done)),
        progress_text: text(&row.progress, latest.map(|r| &r.progress_text)),
        problems: text(&row.problems, latest.map(|r| &r.problems)),
        coordination: text(&row.coordination, latest.map(|r| &r.coordination)),
        coordination_unit: text(&row.owner, latest.map(|r| &r.coordination_unit)),
        coordination_due: due.or(latest.map(|r| r.coordination_due.clone())).unwrap_or_default(),
        note: "按台账更新".into(),
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

impl From<DbError> for PlanUpdateError {
    fn from(e: DbError) -> Self {
        Self::Db(e)
    }
}

impl From<ReviewError> for PlanUpdateError {
    fn from(e: ReviewError) -> Self {
        Self::Review(e)
    }
}
