//! Writes of the review workflow (reports, project edits, the bin), each in one transaction
//! with a changeset and its field changes, old → new; reverting a changeset (undo and redo);
//! reading the history back.

use serde::Serialize;

use crate::domain::{
    FieldError, FieldProblem, Period, ProjectFields, ProjectId, Report, ReportInput, validate_project, validate_report,
};

use super::projects::load_project;
use super::recorder::{
    REPORT_COLUMNS, Recorder, bump_revision, lock_writers, next_id, number_text, read_field, read_report,
    report_from_row,
};
use super::sql::{Conn, Tx, params};
use super::{Db, DbError, Refusal};

/// One field of one project changed by a changeset.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub project: i64,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// One line of the history.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HistoryEntry {
    pub changeset: i64,
    /// Local time, `YYYY-MM-DD HH:MM:SS`.
    pub at: String,
    pub reviewer: String,
    /// The server account that wrote it (`None` on a file).
    pub account: Option<String>,
    pub summary: String,
    /// The changeset this one reverts (an undo, or a redo of an undo).
    pub reverts: Option<i64>,
    pub project: i64,
    pub project_name: String,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

fn bad_day(day: &str) -> DbError {
    DbError::Refused(Refusal::BadDay(day.to_string()))
}

impl HistoryEntry {
    /// Who made the change: the reviewer's name, and the server account when it says more
    /// (`张三(zs)`).
    pub fn who(&self) -> String {
        match &self.account {
            Some(a) if *a != self.reviewer => format!("{}({a})", self.reviewer),
            _ => self.reviewer.clone(),
        }
    }
}

/// What part of the history to read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HistoryFilter {
    pub project: Option<ProjectId>,
    pub reviewer: Option<String>,
    /// First day, `YYYY-MM-DD`, inclusive.
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`, inclusive.
    pub to: Option<String>,
}

/// Why a review write was refused; nothing was written (worded in `words::db`).
#[derive(Debug)]
pub enum ReviewError {
    /// Each refused report's row (0-based) and why.
    Invalid(Vec<(usize, FieldError)>),
    NotFound(i64),
    /// A later change moved the field an undo would put back.
    Conflict {
        project: i64,
        field: String,
    },
    NoSuchChangeset(i64),
    MonthClosing(i64),
    PlanImport(i64),
    /// Another reviewer changed the project since it was read.
    Stale {
        project: i64,
        name: String,
        by: String,
        at: String,
    },
    Db(DbError),
}

impl From<DbError> for ReviewError {
    fn from(e: DbError) -> Self {
        Self::Db(e)
    }
}

impl From<super::Refusal> for ReviewError {
    fn from(r: super::Refusal) -> Self {
        Self::Db(DbError::Refused(r))
    }
}

impl From<rusqlite::Error> for ReviewError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Db(DbError::from(e))
    }
}

impl From<postgres::Error> for ReviewError {
    fn from(e: postgres::Error) -> Self {
        Self::Db(DbError::from(e))
    }
}

/// Writes checked reports in `rec`'s changeset: each replaces its month's report, the project
/// follows its latest report, and its 存在问题 and 需协调事项 raise 问题清单 items.
pub(super) fn write_reports(
    rec: &Recorder<'_, '_>,
    inputs: &[ReportInput],
    reviewer: &str,
    from: Source,
) -> Result<(), DbError> {
    for input in inputs {
        let (Some(project), Some(period), Some(status)) = (input.project, input.period, input.status) else {
            continue; // Ruled out by the checks.
        };
        let old = rec.tx.query_opt(
            &format!("SELECT {REPORT_COLUMNS} FROM reports WHERE project_id = ?1 AND period = ?2"),
            params![project.0, period.to_string()],
            report_from_row,
        )?;
        let report = Report {
            id: next_id(rec.tx, "reports")?,
            project,
            period,
            status,
            done: input.done,
            invest_total: input.invest_total,
            invest_year_plan: input.invest_year_plan,
            invest_done: input.invest_done,
            progress_text: input.progress_text.trim().to_string(),
            problems: input.problems.trim().to_string(),
            coordination: input.coordination.trim().to_string(),
            coordination_unit: input.coordination_unit.trim().to_string(),
            coordination_due: input.coordination_due.trim().to_string(),
            note: input.note.trim().to_string(),
            reviewer: reviewer.to_string(),
            created_at: rec.at.clone(),
            invest_year_done: input.invest_year_done,
        };
        rec.replace_report(project.0, old.as_ref(), Some(&report))?;
        rec.follow_latest_report(project.0)?;
        super::problems::raise_from_report(rec, &report, from == Source::Ledger)?;
    }
    Ok(())
}

/// Where reports come from: typed (a form, a command, a district's update sheet), typed with a
/// target exceeded confirmed, or an office's ledger.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Source {
    Typed,
    Confirmed,
    Ledger,
}

/// The first instant of a local calendar day, as stored (UTC), for comparisons in SQL.
fn day_start_utc(day: &str, days_later: i64) -> Option<String> {
    let date = crate::domain::parse_date(day)?.checked_add(jiff::Span::new().days(days_later)).ok()?;
    let start = date.to_zoned(jiff::tz::TimeZone::system()).ok()?;
    Some(start.timestamp().strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
}

impl Db {
    /// A write transaction, the only writer until it ends.
    pub(super) fn write_tx(&self) -> Result<Tx<'_>, DbError> {
        self.check_not_read_only()?;
        let tx = self.conn.transaction()?;
        lock_writers(&tx)?;
        Ok(tx)
    }

    /// Refuses a write to `projects` when another writer changed one of them after this
    /// handle's snapshot (its own writes since do not count). Runs inside the write
    /// transaction, after [`lock_writers`], so no change can slip in between.
    pub(super) fn check_fresh(&self, tx: &Conn, projects: &[i64]) -> Result<(), ReviewError> {
        self.check_may_write(tx, projects)?;
        let Some(seen) = self.seen.revision.get() else { return Ok(()) };
        let newer = tx.query_map(
            "SELECT c.project_id, cs.revision, cs.reviewer, cs.account, cs.at FROM changes c \
             JOIN changesets cs ON cs.id = c.changeset_id WHERE cs.revision > ?1 ORDER BY cs.revision DESC",
            params![seen],
            |r| {
                Ok((
                    r.get::<i64>(0)?,
                    r.get::<i64>(1)?,
                    r.get::<String>(2)?,
                    r.get::<Option<String>>(3)?,
                    r.get::<String>(4)?,
                ))
            },
        )?;
        let own = self.seen.own.borrow();
        let Some((project, _, reviewer, account, at)) =
            newer.into_iter().find(|(p, rev, ..)| projects.contains(p) && !own.contains(rev))
        else {
            return Ok(());
        };
        let name: String = tx.query_row("SELECT name FROM projects WHERE id = ?1", params![project], |r| r.get(0))?;
        let by = match account {
            Some(a) if a != reviewer => format!("{reviewer}({a})"),
            _ => reviewer,
        };
        Err(ReviewError::Stale { project, name, by, at: crate::domain::local_time_text(&at) })
    }

    /// One write that other windows should see but the history does not list (a view, light
    /// rules, the archive, a place's parent): in a write transaction that raises the revision.
    pub(super) fn write_one(&self, sql: &str, values: super::sql::Params<'_>) -> Result<usize, DbError> {
        let tx = self.write_tx()?;
        let changed = tx.execute(sql, values)?;
        let revision = bump_revision(&tx)?;
        tx.commit()?;
        self.wrote(revision);
        Ok(changed)
    }

    /// Remembers a revision this handle wrote, so its own next write is not taken for another's.
    pub(super) fn wrote(&self, revision: i64) {
        self.seen.own.borrow_mut().push(revision);
    }

    /// Records reports in one transaction and one changeset; each becomes its project's current
    /// state if it is the latest. A report for a period that already has one replaces it.
    /// Nothing is written unless every report is valid.
    ///
    /// # Errors
    /// [`ReviewError::Invalid`] with every problem and its row, or a database error.
    pub fn add_reports(
        &self,
        inputs: &[ReportInput],
        reviewer: &str,
        today: Period,
        confirm_over_target: bool,
    ) -> Result<i64, ReviewError> {
        self.add_reports_and_items(inputs, &[], reviewer, today, confirm_over_target)
    }

    /// Records `inputs` as [`Db::add_reports`] does and moves the items of the 问题清单 as
    /// `items` say, in one transaction and one changeset: an update sheet's whole import, which
    /// one undo takes back. The reports go first, so an item their texts raise again is not
    /// raised twice.
    ///
    /// # Errors
    /// As [`Db::add_reports`]; an unknown item, an item closed already, or a close without its
    /// note or day ([`DbError::BadValue`]); nothing is written then.
    pub fn add_reports_and_items(
        &self,
        inputs: &[ReportInput],
        items: &[crate::domain::ProblemUpdate],
        reviewer: &str,
        today: Period,
        confirm_over_target: bool,
    ) -> Result<i64, ReviewError> {
        self.add_reports_from(
            inputs,
            items,
            reviewer,
            today,
            if confirm_over_target { Source::Confirmed } else { Source::Typed },
        )
    }

    /// Records the month's reports an office's ledger brings ([`Db::add_reports`]), in one
    /// change: a 解决时限 before the month is an overdue item, not an error, and the items its
    /// 存在问题 and 需协调事项 raise are owned by the row's 责任单位 with its 解决时限.
    ///
    /// # Errors
    /// As [`Db::add_reports`].
    pub fn add_ledger_reports(
        &self,
        inputs: &[ReportInput],
        reviewer: &str,
        today: Period,
    ) -> Result<i64, ReviewError> {
        self.add_reports_from(inputs, &[], reviewer, today, Source::Ledger)
    }

    fn add_reports_from(
        &self,
        inputs: &[ReportInput],
        items: &[crate::domain::ProblemUpdate],
        reviewer: &str,
        today: Period,
        from: Source,
    ) -> Result<i64, ReviewError> {
        let cleaned: Vec<ReportInput> = inputs.iter().map(ReportInput::cleaned).collect();
        let inputs = cleaned.as_slice();
        let projects = self.checked_reports(inputs, today, from)?;
        let tx = self.write_tx()?;
        let mut touched: Vec<i64> = projects.iter().map(|p| p.id.0).collect();
        for item in items {
            let project: Option<i64> =
                tx.query_opt("SELECT project_id FROM problems WHERE id = ?1", params![item.id], |r| r.get(0))?;
            touched.extend(project);
        }
        self.check_fresh(&tx, &touched)?;
        let mut summary = match (inputs.len(), projects.first(), inputs.first().and_then(|i| i.period)) {
            (0, _, _) if !items.is_empty() => format!("问题清单 办理 {} 项", items.len()),
            (1, Some(p), Some(period)) => format!("填报 {} {period}", p.name),
            (n, _, _) => format!("批量填报 {n} 条"),
        };
        if !inputs.is_empty() && !items.is_empty() {
            summary.push_str(&format!(",问题清单 办理 {} 项", items.len()));
        }
        let rec = Recorder::begin(&tx, reviewer, &summary, None)?;
        write_reports(&rec, inputs, reviewer, from)?;
        super::problems::apply_updates(&rec, items)?;
        let (id, revision) = (rec.changeset, rec.revision);
        tx.commit()?;
        self.wrote(revision);
        Ok(id)
    }

    /// Checks every report as its source asks; the projects they are for, or every problem with
    /// its row (nothing is written then).
    pub(super) fn checked_reports(
        &self,
        inputs: &[ReportInput],
        today: Period,
        from: Source,
    ) -> Result<Vec<crate::domain::Project>, ReviewError> {
        let mut problems = Vec::new();
        let mut projects = Vec::with_capacity(inputs.len());
        for (row, input) in inputs.iter().enumerate() {
            let Some(id) = input.project else {
                problems.push((row, missing_project()));
                continue;
            };
            match load_project(&self.conn, id.0)? {
                Some(_) if p_in_bin(&self.conn, id.0)? => problems.push((row, in_bin(id.0))),
                Some(p) => {
                    let plan_start = super::plans::plan_start_of(&self.conn, id.0)?;
                    let errors = match from {
                        Source::Ledger => crate::domain::validate_ledger_report(input, &p, (plan_start, today)),
                        Source::Typed | Source::Confirmed => {
                            validate_report(input, &p, (plan_start, today), from == Source::Confirmed)
                        }
                    };
                    problems.extend(errors.into_iter().map(|e| (row, e)));
                    projects.push(p);
                }
                None => return Err(ReviewError::NotFound(id.0)),
            }
        }
        if problems.is_empty() { Ok(projects) } else { Err(ReviewError::Invalid(problems)) }
    }

    /// Saves a project's own fields; `None` when nothing changed.
    ///
    /// # Errors
    /// [`ReviewError::Invalid`] when a field is not valid; nothing is written then.
    pub fn update_project(
        &self,
        id: ProjectId,
        fields: &ProjectFields,
        reviewer: &str,
    ) -> Result<Option<i64>, ReviewError> {
        let current = load_project(&self.conn, id.0)?.ok_or(ReviewError::NotFound(id.0))?;
        let plan = self.plan(super::plans::plan_of(&self.conn, id.0)?)?;
        let errors = validate_project(fields, &self.gazetteer_of(&plan)?);
        if !errors.is_empty() {
            return Err(ReviewError::Invalid(errors.into_iter().map(|e| (0, e)).collect()));
        }
        if ProjectFields::of(&current) == *fields {
            return Ok(None);
        }
        let tx = self.write_tx()?;
        self.check_fresh(&tx, &[id.0])?;
        if fields.place != current.place {
            self.check_may_place(&tx, &fields.place, plan.city.as_deref())?;
        }
        let rec = Recorder::begin(&tx, reviewer, &format!("修改项目 {}", current.name), None)?;
        set_fields(&rec, id.0, fields)?;
        if fields.target_year != current.target_year {
            rec.set(id.0, "target_year_inferred", Some("0"))?;
        }
        let (changeset, revision) = (rec.changeset, rec.revision);
        tx.commit()?;
        self.wrote(revision);
        Ok(Some(changeset))
    }

    /// Adds a project under a box and item of the plan; its source says who added it.
    ///
    /// # Errors
    /// [`ReviewError::Invalid`] when a field is not valid or the box does not exist.
    pub fn add_project(&self, zhuanlan: u8, fields: &ProjectFields, reviewer: &str) -> Result<ProjectId, ReviewError> {
        let plan = self.current_plan()?;
        let errors = validate_project(fields, &self.gazetteer_of(&plan)?);
        if !errors.is_empty() {
            return Err(ReviewError::Invalid(errors.into_iter().map(|e| (0, e)).collect()));
        }
        let place = super::plans::place_id_in(&self.conn, plan.city.as_deref(), &fields.place)?
            .ok_or_else(|| DbError::BadValue(format!("place {:?}", fields.place)))?;
        let box_exists: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM zhuanlan WHERE plan_id = ?1 AND number = ?2)",
            params![plan.id, zhuanlan],
            |r| r.get(0),
        )?;
        if !box_exists {
            let error = FieldError::new("zhuanlan", FieldProblem::NoBox(i64::from(zhuanlan)));
            return Err(ReviewError::Invalid(vec![(0, error)]));
        }
        let tx = self.write_tx()?;
        self.check_may_place(&tx, &fields.place, plan.city.as_deref())?;
        let rec = Recorder::begin(&tx, reviewer, &format!("新增项目 {}", fields.name.trim()), None)?;
        // Born in the bin, then taken out of it as a recorded change: undoing the addition
        // puts it back in the bin, and no id is ever reused.
        let id = tx.insert(
            "INSERT INTO projects (plan_id, zhuanlan, item, name, category, place_id, target_year, \
             target_year_inferred, source, deleted_at) \
             VALUES (?7, ?1, 0, ?2, ?3, ?8, ?4, 0, ?5, ?6)",
            params![
                zhuanlan,
                fields.name.trim(),
                fields.category,
                fields.target_year,
                format!("由 {reviewer} 于 {} 添加,非规划原文", rec.at),
                rec.at,
                plan.id,
                place
            ],
        )?;
        set_fields(&rec, id, fields)?;
        rec.set(id, "deleted_at", None)?;
        let revision = rec.revision;
        tx.commit()?;
        self.wrote(revision);
        Ok(ProjectId(id))
    }

    /// Moves a project to the bin (`true`) or takes it out (`false`).
    ///
    /// # Errors
    /// When the project does not exist.
    pub fn set_in_bin(&self, id: ProjectId, in_bin: bool, reviewer: &str) -> Result<i64, ReviewError> {
        let project = load_project(&self.conn, id.0)?.ok_or(ReviewError::NotFound(id.0))?;
        let tx = self.write_tx()?;
        self.check_fresh(&tx, &[id.0])?;
        let summary = if in_bin {
            format!("移入回收站 {}", project.name)
        } else {
            format!("从回收站恢复 {}", project.name)
        };
        let rec = Recorder::begin(&tx, reviewer, &summary, None)?;
        rec.set(id.0, "deleted_at", in_bin.then_some(rec.at.as_str()))?;
        let (changeset, revision) = (rec.changeset, rec.revision);
        tx.commit()?;
        self.wrote(revision);
        Ok(changeset)
    }

    /// The projects in the bin.
    ///
    /// # Errors
    /// On SQLite failures.
    pub fn bin(&self) -> Result<Vec<crate::domain::Project>, DbError> {
        let plan = self.current_plan()?;
        super::projects::load_projects(&self.conn, plan.id, true)
    }

    /// Reverts a changeset as a new one (undo; reverting that again is redo). Refused when a
    /// later change touched the same fields, so an undo never mixes states.
    ///
    /// # Errors
    /// [`ReviewError::Conflict`], [`ReviewError::NoSuchChangeset`], or a database error.
    pub fn revert(&self, changeset: i64, reviewer: &str) -> Result<i64, ReviewError> {
        let summary: String = self
            .conn
            .query_opt("SELECT summary FROM changesets WHERE id = ?1", params![changeset], |r| r.get(0))?
            .ok_or(ReviewError::NoSuchChangeset(changeset))?;
        if summary.starts_with(super::plan_import::PLAN_IMPORT) {
            return Err(ReviewError::PlanImport(changeset));
        }
        let changes = self.changes(changeset)?;
        let tx = self.write_tx()?;
        let rec = Recorder::begin(&tx, reviewer, &format!("撤销 #{changeset}: {summary}"), Some(changeset))?;
        let closing: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM month_closing_changesets WHERE changeset = ?1)",
            params![changeset],
            |r| r.get(0),
        )?;
        if closing || changes.iter().any(|c| c.field == "light") {
            return Err(ReviewError::MonthClosing(changeset));
        }
        let mut touched: Vec<i64> = changes.iter().map(|c| c.project).collect();
        touched.dedup();
        self.check_may_write(&tx, &touched)?;
        // A project whose report is put back or taken away follows its latest report then, not
        // the status recorded beside the report (another reviewer's later report may lead now).
        let mut reported: Vec<i64> = changes.iter().filter(|c| c.field == "report").map(|c| c.project).collect();
        reported.dedup();
        for change in changes.iter().rev() {
            if reported.contains(&change.project) && matches!(change.field.as_str(), "status" | "done") {
                continue;
            }
            // A sync's conflict is a note in the history, not a change to undo.
            if change.field.starts_with(super::offline::CONFLICT_PREFIX) {
                continue;
            }
            let conflict = || ReviewError::Conflict { project: change.project, field: change.field.clone() };
            if change.field == "problem" {
                super::problems::revert_problem(&rec, change).map_err(|e| match e {
                    super::problems::RevertError::Changed => conflict(),
                    super::problems::RevertError::Db(e) => ReviewError::Db(e),
                })?;
            } else if change.field == "report" {
                let parse = |v: &Option<String>| -> Result<Option<Report>, ReviewError> {
                    v.as_deref()
                        .map(serde_json::from_str)
                        .transpose()
                        .map_err(|e| ReviewError::Db(DbError::BadValue(e.to_string())))
                };
                let (old, new) = (parse(&change.old)?, parse(&change.new)?);
                let current = match &new {
                    Some(n) => read_report(&tx, n.id)?,
                    None => None,
                };
                if current != new {
                    return Err(conflict());
                }
                rec.replace_report(change.project, new.as_ref(), old.as_ref())?;
            } else {
                if read_field(&tx, change.project, &change.field)? != change.new {
                    return Err(conflict());
                }
                rec.set(change.project, &change.field, change.old.as_deref())?;
            }
        }
        for project in reported {
            rec.follow_latest_report(project)?;
        }
        let (id, revision) = (rec.changeset, rec.revision);
        tx.commit()?;
        self.wrote(revision);
        Ok(id)
    }

    /// The field changes of one changeset, in the order they were made.
    ///
    /// # Errors
    /// On SQLite failures.
    pub fn changes(&self, changeset: i64) -> Result<Vec<Change>, DbError> {
        let stmt = "SELECT project_id, field, old_value, new_value FROM changes WHERE changeset_id = ?1 ORDER BY id";
        self.conn.query_map(stmt, params![changeset], |r| {
            Ok(Change { project: r.get(0)?, field: r.get(1)?, old: r.get(2)?, new: r.get(3)? })
        })
    }

    /// History entries, newest first.
    ///
    /// # Errors
    /// On SQLite failures.
    pub fn history(&self, filter: &HistoryFilter) -> Result<Vec<HistoryEntry>, DbError> {
        let stmt = "SELECT cs.id, cs.at, cs.reviewer, cs.summary, cs.reverts, c.project_id, p.name, c.field, c.old_value, c.new_value, \
             cs.account \
             FROM changes c JOIN changesets cs ON cs.id = c.changeset_id JOIN projects p ON p.id = c.project_id \
             WHERE (CAST(?1 AS BIGINT) IS NULL OR c.project_id = ?1) AND (CAST(?2 AS TEXT) IS NULL OR cs.reviewer = ?2) \
               AND (CAST(?3 AS TEXT) IS NULL OR cs.at >= ?3) AND (CAST(?4 AS TEXT) IS NULL OR cs.at < ?4) \
             ORDER BY cs.id DESC, c.id DESC";
        // Days are local days; instants are stored in UTC.
        let from = filter.from.as_deref().map(|d| day_start_utc(d, 0).ok_or_else(|| bad_day(d))).transpose()?;
        let to = filter.to.as_deref().map(|d| day_start_utc(d, 1).ok_or_else(|| bad_day(d))).transpose()?;
        self.conn.query_map(stmt, params![filter.project.map(|p| p.0), filter.reviewer, from, to], |r| {
            Ok(HistoryEntry {
                changeset: r.get(0)?,
                at: crate::domain::local_time_text(&r.get::<String>(1)?),
                reviewer: r.get(2)?,
                summary: r.get(3)?,
                reverts: r.get(4)?,
                project: r.get(5)?,
                project_name: r.get(6)?,
                field: r.get(7)?,
                old: r.get(8)?,
                new: r.get(9)?,
                account: r.get(10)?,
            })
        })
    }

    /// A project's reports, latest first.
    ///
    /// # Errors
    /// On SQLite failures.
    pub fn reports(&self, project: ProjectId) -> Result<Vec<Report>, DbError> {
        self.conn.query_map(
            &format!("SELECT {REPORT_COLUMNS} FROM reports WHERE project_id = ?1 ORDER BY period DESC"),
            params![project.0],
            report_from_row,
        )
    }

    /// Every report, by project and period (for the progress chart).
    ///
    /// # Errors
    /// On SQLite failures.
    pub fn all_reports(&self) -> Result<Vec<Report>, DbError> {
        self.conn.query_map(
            &format!("SELECT {REPORT_COLUMNS} FROM reports ORDER BY project_id, period"),
            params![],
            report_from_row,
        )
    }

    /// The latest report up to `until` (inclusive) of every project that has one, by project.
    ///
    /// # Errors
    /// On SQLite failures.
    pub fn latest_reports_until(&self, until: Period) -> Result<Vec<Report>, DbError> {
        super::select::latest_until(&self.conn, until, None)
    }

    /// The latest report of every project that has one, by project: each project's kept
    /// current report (`current_reports`, migration 20), no scan of the reports.
    ///
    /// # Errors
    /// On SQLite failures.
    pub fn latest_reports(&self) -> Result<Vec<Report>, DbError> {
        let stmt = &format!(
            "SELECT {REPORT_COLUMNS} FROM reports WHERE id IN (SELECT report_id FROM current_reports) ORDER BY project_id"
        );
        self.conn.query_map(stmt, params![], report_from_row)
    }
}

fn set_fields(rec: &Recorder<'_, '_>, id: i64, f: &ProjectFields) -> Result<(), DbError> {
    let text = |t: &Option<String>| t.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
    rec.set(id, "name", Some(f.name.trim()))?;
    rec.set(id, "place", Some(&f.place))?;
    rec.set(id, "category", Some(&f.category))?;
    rec.set(id, "unit", text(&f.unit).as_deref())?;
    rec.set(id, "target", number_text(f.target).as_deref())?;
    rec.set(id, "nature", text(&f.nature).as_deref())?;
    rec.set(id, "start_year", f.start_year.map(|y| y.to_string()).as_deref())?;
    rec.set(id, "target_year", Some(&f.target_year.to_string()))?;
    rec.set(id, "responsible_unit", text(&f.responsible_unit).as_deref())?;
    rec.set(id, "responsible_person", text(&f.responsible_person).as_deref())?;
    rec.set(id, "planned_start", f.planned_start.map(|m| m.to_string()).as_deref())?;
    rec.set(id, "registered", f.registered.map(|r| if r { "1" } else { "0" }))?;
    rec.set(id, "registered_in", f.registered_in.map(|m| m.to_string()).as_deref())?;
    rec.set(id, "project_code", text(&f.project_code).as_deref())
}

fn p_in_bin(conn: &Conn, id: i64) -> Result<bool, DbError> {
    conn.query_row("SELECT deleted_at IS NOT NULL FROM projects WHERE id = ?1", params![id], |r| r.get(0))
}

fn missing_project() -> FieldError {
    FieldError::new("project", FieldProblem::NoProject)
}

fn in_bin(id: i64) -> FieldError {
    FieldError::new("project", FieldProblem::InBin(id))
}
