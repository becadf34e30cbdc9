//! 问题清单 in the database: the items of the current plan, filtered; closing (销号), reopening
//! and moving one in hand, each a changeset in the history that undo can revert.

use crate::domain::{Period, Problem, ProblemKind, ProblemStatus, ProblemUpdate, ProjectId};

use super::recorder::Recorder;
use super::review::{Change, ReviewError};
use super::sql::{Conn, Row, params};
use super::{Db, DbError, Refusal};

/// Which items to list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProblemFilter {
    /// 责任单位, exactly (the unit's name as written).
    pub owner: Option<String>,
    /// Only items open past their 解决时限 at this month.
    pub overdue_at: Option<Period>,
    /// Only items in these states (all when empty).
    pub statuses: Vec<ProblemStatus>,
    /// The items as they stood at the end of this month ([`Problem::as_of`]): none raised later,
    /// and one closed later is open. `None`: as they stand now.
    pub as_of: Option<Period>,
}

/// An item with the project it belongs to, as lists show it.
#[derive(Clone, Debug, PartialEq)]
pub struct ProblemRow {
    pub problem: Problem,
    pub project_name: String,
    pub place: String,
}

const COLUMNS: &str = "pr.id, pr.project_id, pr.kind, pr.text, pr.owner, pr.person, pr.due, pr.raised, pr.status, \
                       pr.closed_on, pr.close_note";

fn problem_from_row(r: &Row<'_>) -> Result<Problem, DbError> {
    let bad = |i: usize, what: &str| DbError::BadValue(format!("problem {what} (column {i})"));
    let kind: String = r.get(2)?;
    let status: String = r.get(8)?;
    let raised: String = r.get(7)?;
    Ok(Problem {
        id: r.get(0)?,
        project: ProjectId(r.get(1)?),
        kind: ProblemKind::parse(&kind).ok_or_else(|| bad(2, "kind"))?,
        text: r.get(3)?,
        owner: r.get(4)?,
        person: r.get(5)?,
        due: r.get::<Option<String>>(6)?.as_deref().and_then(Period::parse),
        raised: Period::parse(&raised).ok_or_else(|| bad(7, "month"))?,
        status: ProblemStatus::parse(&status).ok_or_else(|| bad(8, "status"))?,
        closed_on: r.get(9)?,
        close_note: r.get(10)?,
    })
}

pub(super) fn read_problem(tx: &Conn, id: i64) -> Result<Option<Problem>, DbError> {
    let sql = format!("SELECT {COLUMNS} FROM problems pr WHERE pr.id = ?1");
    tx.query_opt(&sql, params![id], problem_from_row)
}

/// Writes `p` over the row with its id (or back in, after an undo of its creation).
fn write_problem(tx: &Conn, p: &Problem) -> Result<(), DbError> {
    tx.execute(
        "INSERT INTO problems (id, project_id, kind, text, owner, person, due, raised, status, closed_on, close_note) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) \
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, text = excluded.text, owner = excluded.owner, \
         person = excluded.person, due = excluded.due, raised = excluded.raised, status = excluded.status, \
         closed_on = excluded.closed_on, close_note = excluded.close_note",
        params![
            p.id,
            p.project.0,
            p.kind.code(),
            p.text,
            p.owner,
            p.person,
            p.due.map(|d| d.to_string()),
            p.raised.to_string(),
            p.status.code(),
            p.closed_on,
            p.close_note
        ],
    )?;
    Ok(())
}

/// Why an undo of a problem change could not be made.
pub(super) enum RevertError {
    /// The item changed since.
    Changed,
    Db(DbError),
}

/// Puts a problem back as it was before `change` (recorded as a new change), when it is still
/// as `change` left it.
pub(super) fn revert_problem(rec: &Recorder<'_, '_>, change: &Change) -> Result<(), RevertError> {
    let parse = |v: &Option<String>| -> Result<Option<Problem>, RevertError> {
        v.as_deref()
            .map(serde_json::from_str)
            .transpose()
            .map_err(|e| RevertError::Db(DbError::BadValue(e.to_string())))
    };
    let (old, new) = (parse(&change.old)?, parse(&change.new)?);
    let Some(id) = new.as_ref().or(old.as_ref()).map(|p| p.id) else { return Ok(()) };
    let current = read_problem(rec.tx, id).map_err(RevertError::Db)?;
    if current != new {
        return Err(RevertError::Changed);
    }
    replace(rec, change.project, new.as_ref(), old.as_ref()).map_err(RevertError::Db)
}

/// Replaces `old` by `new` (either may be absent), recording both as JSON.
pub(super) fn replace(
    rec: &Recorder<'_, '_>,
    project: i64,
    old: Option<&Problem>,
    new: Option<&Problem>,
) -> Result<(), DbError> {
    match (old, new) {
        (_, Some(new)) => write_problem(rec.tx, new)?,
        (Some(old), None) => {
            rec.tx.execute("DELETE FROM problems WHERE id = ?1", params![old.id])?;
        }
        (None, None) => return Ok(()),
    }
    let json =
        |p: Option<&Problem>| p.map(serde_json::to_string).transpose().map_err(|e| DbError::BadValue(e.to_string()));
    rec.record(project, "problem", json(old)?.as_deref(), json(new)?.as_deref())
}

/// The 存在问题 and 需协调事项 of a report become open items, unless the project has that item
/// open already (a problem reported again next month is the same item, not a new one).
pub(super) fn raise_from_report(
    rec: &Recorder<'_, '_>,
    report: &crate::domain::Report,
    from_ledger: bool,
) -> Result<(), DbError> {
    let due = Period::parse(&report.coordination_due);
    // A ledger row's 责任单位 and 解决时限 answer for both its columns; so do a report's when it
    // names no 需协调事项 (an update sheet's row with 存在问题 and a unit and a deadline beside
    // it: the district meant them for the problem, which was raised with neither); otherwise
    // they are the coordination's.
    let shared = from_ledger || crate::domain::says_nothing(report.coordination.trim());
    let (problem_owner, problem_due) = if shared { (report.coordination_unit.trim(), due) } else { ("", None) };
    let items = [
        (ProblemKind::Problem, report.problems.trim(), problem_owner, problem_due),
        (ProblemKind::Coordination, report.coordination.trim(), report.coordination_unit.trim(), due),
    ];
    for (kind, text, owner, due) in items {
        if crate::domain::says_nothing(text) {
            continue;
        }
        let open: bool = rec.tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM problems WHERE project_id = ?1 AND kind = ?2 AND text = ?3 \
             AND status <> 'resolved')",
            params![report.project.0, kind.code(), text],
            |r| r.get(0),
        )?;
        if open {
            continue;
        }
        let id = rec.tx.insert(
            "INSERT INTO problems (project_id, kind, text, owner, due, raised) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![report.project.0, kind.code(), text, owner, due.map(|d| d.to_string()), report.period.to_string()],
        )?;
        let new = read_problem(rec.tx, id)?;
        let json = new.as_ref().map(serde_json::to_string).transpose().map_err(|e| DbError::BadValue(e.to_string()))?;
        rec.record(report.project.0, "problem", None, json.as_deref())?;
    }
    Ok(())
}

/// Moves items as an update sheet's 问题清单 says, inside `rec`'s transaction: one recorded
/// change per item that changes. An unknown item, one closed already (by someone else since the
/// sheet was read) or a close without its note or day is refused, and the caller's transaction
/// is then not committed.
pub(super) fn apply_updates(rec: &Recorder<'_, '_>, updates: &[ProblemUpdate]) -> Result<(), DbError> {
    for u in updates {
        let id = u.id;
        let old = read_problem(rec.tx, id)?.ok_or(Refusal::NoItem(id))?;
        if old.status == ProblemStatus::Resolved {
            return Err(Refusal::ItemClosed(id).into());
        }
        let today = jiff::Zoned::now().date();
        let new = Problem::day_to_come(&u.day, today)
            .filter(|_| u.status == ProblemStatus::Resolved)
            .map_or_else(|| old.moved(u.status, &u.note, &u.day), Err)
            .map_err(|error| Refusal::ItemField { id, error })?;
        if new != old {
            replace(rec, old.project.0, Some(&old), Some(&new))?;
        }
    }
    Ok(())
}

impl Db {
    /// The current plan's items the filter lets through, open ones first by deadline, then the
    /// closed ones.
    ///
    /// # Errors
    /// On SQLite failures.
    pub fn problems(&self, filter: &ProblemFilter) -> Result<Vec<ProblemRow>, DbError> {
        let plan = self.current_plan_id()?;
        // The states asked for are asked of the storage (issue 28): a list of the open items
        // reads no closed one.
        // (As of a past month an item's state then is not its state now: asked of each below.)
        let codes: Vec<&str> =
            if filter.as_of.is_some() { Vec::new() } else { filter.statuses.iter().map(|s| s.code()).collect() };
        // Of a past month, the items open then are those open now and those closed after it
        // (the rule of `open_problem_dues_at`): the 督办函 read no item closed before.
        let open_then = filter.as_of.filter(|_| {
            !filter.statuses.is_empty() && !filter.statuses.contains(&crate::domain::ProblemStatus::Resolved)
        });
        let month = open_then.map(|m| m.to_string());
        let in_states = if month.is_some() {
            " AND (pr.status <> 'resolved' OR substr(pr.closed_on, 1, 7) > ?3)".to_string()
        } else if codes.is_empty() {
            String::new()
        } else {
            let marks: Vec<String> = (3..3 + codes.len()).map(|k| format!("?{k}")).collect();
            format!(" AND pr.status IN ({})", marks.join(", "))
        };
        let sql = format!(
            "SELECT {COLUMNS}, p.name, pl.name FROM problems pr JOIN projects p ON p.id = pr.project_id \
             JOIN places pl ON pl.id = p.place_id \
             WHERE p.plan_id = ?1 AND p.deleted_at IS NULL AND (CAST(?2 AS TEXT) IS NULL OR trim(pr.owner) = ?2){in_states} \
             ORDER BY pr.status = 'resolved', pr.due IS NULL, pr.due, pr.id"
        );
        // A unit as typed, spaces around it or not, is the unit (as the 督办函 takes it).
        let owner = filter.owner.as_deref().map(str::trim);
        let mut values: Vec<&dyn super::sql::ToValue> = vec![&plan, &owner];
        match &month {
            Some(month) => values.push(month),
            None => values.extend(codes.iter().map(|c| c as &dyn super::sql::ToValue)),
        }
        let rows = self.conn.query_map(&sql, &values, |r| {
            Ok(ProblemRow { problem: problem_from_row(r)?, project_name: r.get(11)?, place: r.get(12)? })
        })?;
        let mut out = Vec::new();
        for mut row in rows {
            if let Some(month) = filter.as_of {
                let Some(then) = row.problem.as_of(month) else { continue };
                row.problem = then;
            }
            let p = &row.problem;
            if filter.overdue_at.is_some_and(|m| !p.overdue(m)) {
                continue;
            }
            if !filter.statuses.is_empty() && !filter.statuses.contains(&p.status) {
                continue;
            }
            out.push(row);
        }
        Ok(out)
    }

    /// The open items' deadlines by project (for the light rules' overdue-problems measure).
    ///
    /// # Errors
    /// On SQLite failures.
    pub fn open_problem_dues(&self) -> Result<Vec<(ProjectId, Option<Period>)>, DbError> {
        self.open_problem_dues_at(Period::today())
    }

    /// The deadlines of the items open at the end of `month` (raised by then, not closed by
    /// then), by project: the overdue-problems light of a past review month is judged on the
    /// items as they stood, not as they stand today.
    ///
    /// # Errors
    /// The engine's errors.
    pub fn open_problem_dues_at(&self, month: Period) -> Result<Vec<(ProjectId, Option<Period>)>, DbError> {
        let stmt = "SELECT project_id, due FROM problems WHERE raised <= ?1 \
                    AND (status <> 'resolved' OR (closed_on IS NOT NULL AND substr(closed_on, 1, 7) > ?1))";
        self.conn.query_map(stmt, params![month.to_string()], |r| {
            Ok((ProjectId(r.get(0)?), r.get::<Option<String>>(1)?.as_deref().and_then(Period::parse)))
        })
    }

    /// Moves an item to `status`: 销号 (resolved) on `day` (YYYY-MM-DD) with a note of how, back
    /// open, or in hand; one changeset in the history.
    ///
    /// # Errors
    /// [`ReviewError::NotFound`] for an unknown item; a close without a note or with a day that
    /// is not a date is refused ([`DbError::BadValue`]); an archived plan's item is refused.
    pub fn set_problem_status(
        &self,
        id: i64,
        status: ProblemStatus,
        note: &str,
        day: &str,
        reviewer: &str,
    ) -> Result<i64, ReviewError> {
        let tx = self.write_tx()?;
        let old = read_problem(&tx, id)?.ok_or(ReviewError::NotFound(id))?;
        self.check_fresh(&tx, &[old.project.0])?;
        let today = jiff::Zoned::now().date();
        let new = Problem::day_to_come(day, today)
            .filter(|_| status == ProblemStatus::Resolved)
            .map_or_else(|| old.moved(status, note, day), Err)
            .map_err(|error| DbError::Refused(Refusal::Field { line: None, error }))?;
        if new == old {
            return Ok(0);
        }
        let summary = match status {
            ProblemStatus::Resolved => format!("销号 问题#{id}"),
            ProblemStatus::Open => format!("重新打开 问题#{id}"),
            ProblemStatus::InHand => format!("办理中 问题#{id}"),
        };
        let rec = Recorder::begin(&tx, reviewer, &summary, None)?;
        replace(&rec, old.project.0, Some(&old), Some(&new))?;
        let (changeset, revision) = (rec.changeset, rec.revision);
        tx.commit()?;
        self.wrote(revision);
        Ok(changeset)
    }
}
