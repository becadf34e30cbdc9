//! 月度结账: a month's lights kept as they were when the month was closed, for escalation
//! (连续两个月黄灯), "红灯 since 2026-08" and next month's comparison. Closing again replaces the
//! month's lights; when the month before was closed, each project whose light differs from it is
//! a change in the history ("light": `2026-08 黄灯` → `2026-09 红灯`).

use crate::domain::{Light, Period, ProjectId};

use super::recorder::Recorder;
use super::review::ReviewError;
use super::sql::params;
use super::{Db, DbError, Refusal};

/// What closing a month did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthClosed {
    /// The change in the history.
    pub changeset: i64,
    /// Projects whose light was kept.
    pub projects: usize,
    /// Whether the month before was closed: only then are lights compared.
    pub compared: bool,
    /// Of the projects, how many have a light other than the month before's (0 when it was
    /// not closed).
    pub changed: usize,
    /// The month had been closed before (its lights were replaced).
    pub again: bool,
}

/// How a kept light is written in the history: `2026-09 红灯`.
fn history_text(month: Period, light: Light) -> String {
    format!("{month} {}", light.label_zh())
}

impl Db {
    /// The current plan's closed months' lights: `(month, project, light)`.
    ///
    /// # Errors
    /// On SQLite failures or a light this build does not know.
    pub fn month_lights(&self) -> Result<Vec<(Period, ProjectId, Light)>, DbError> {
        self.month_lights_of(self.current_plan_id()?)
    }

    /// One plan's closed months' lights.
    pub(super) fn month_lights_of(&self, plan: i64) -> Result<Vec<(Period, ProjectId, Light)>, DbError> {
        let rows = self.conn.query_map(
            "SELECT period, project_id, light FROM month_lights WHERE plan_id = ?1 ORDER BY period",
            params![plan],
            |r| Ok((r.get::<String>(0)?, r.get::<i64>(1)?, r.get::<String>(2)?)),
        )?;
        let mut out = Vec::with_capacity(rows.len());
        for (month, project, light) in rows {
            let month = Period::parse(&month).ok_or_else(|| DbError::BadValue(format!("month {month:?}")))?;
            let light = Light::parse(&light).ok_or_else(|| DbError::BadValue(format!("light {light:?}")))?;
            out.push((month, ProjectId(project), light));
        }
        Ok(out)
    }

    /// The current plan's closed months, latest first.
    ///
    /// # Errors
    /// On SQLite failures.
    pub fn closed_months(&self) -> Result<Vec<Period>, DbError> {
        let plan = self.current_plan_id()?;
        let rows = self.conn.query_map(
            "SELECT period FROM month_closings WHERE plan_id = ?1 ORDER BY period DESC",
            params![plan],
            |r| r.get::<String>(0),
        )?;
        let mut out = Vec::new();
        for text in rows {
            out.push(Period::parse(&text).ok_or_else(|| DbError::BadValue(format!("month {text:?}")))?);
        }
        Ok(out)
    }

    /// Closes `month` for the current plan: every project's light at that month (by the plan's
    /// rules, with the reports up to it and the months closed before) is kept, in one
    /// transaction with its history.
    ///
    /// # Errors
    /// An archived plan, a month after the current one (it has not happened), SQLite failures.
    pub fn close_month(&self, month: Period, reviewer: &str) -> Result<MonthClosed, ReviewError> {
        let plan = self.current_plan()?;
        if plan.archived {
            return Err(DbError::Archived.into());
        }
        if month > Period::today() {
            return Err(DbError::from(Refusal::MonthToCome(month)).into());
        }
        // The snapshot holds the kept lights; the rules look only at months before this one, so
        // closing a month again does not escalate on its own old lights.
        let (snapshot, _) = self.read_snapshot(plan.id, month, crate::domain::DEFAULT_LAG_THRESHOLD, None)?;
        let portfolio = &snapshot.portfolio;
        let before = month.plus_months(-1);
        let rules = serde_json::to_string(&portfolio.rules).map_err(|e| DbError::BadValue(e.to_string()))?;
        let tx = self.write_tx()?;
        let again = tx.execute(
            "DELETE FROM month_closings WHERE plan_id = ?1 AND period = ?2",
            params![plan.id, month.to_string()],
        )? > 0;
        tx.execute(
            "INSERT INTO month_closings (plan_id, period, reviewer, rules) VALUES (?1, ?2, ?3, ?4)",
            params![plan.id, month.to_string(), reviewer, rules],
        )?;
        let summary = format!("{month} 月度结账{}", if again { "(重新结账)" } else { "" });
        let rec = Recorder::begin(&tx, reviewer, &summary, None)?;
        tx.execute(
            "INSERT INTO month_closing_changesets (changeset, plan_id, period) VALUES (?1, ?2, ?3)",
            params![rec.changeset, plan.id, month.to_string()],
        )?;
        let insert =
            "INSERT INTO month_lights (plan_id, period, project_id, light, reason) VALUES (?1, ?2, ?3, ?4, ?5)";
        let mut changed = 0;
        let compared = portfolio.closed_months().any(|m| m == before);
        for i in 0..portfolio.projects.len() {
            let light = portfolio.light(i);
            let id = portfolio.projects[i].id.0;
            let reason = if matches!(light, Light::Red | Light::Yellow) {
                portfolio.verdict(i).summary(crate::domain::Lang::Zh)
            } else {
                String::new()
            };
            tx.execute(insert, params![plan.id, month.to_string(), id, light.code(), reason])?;
            // A change of light is in the history when there is a month before to change from
            // (the first closing would otherwise record every project).
            let previous = portfolio.kept_light(i, before);
            if compared && previous != Some(light) {
                changed += 1;
                let old = previous.map(|l| history_text(before, l));
                rec.record(id, "light", old.as_deref(), Some(&history_text(month, light)))?;
            }
        }
        let (changeset, revision) = (rec.changeset, rec.revision);
        tx.commit()?;
        self.wrote(revision);
        Ok(MonthClosed { changeset, projects: portfolio.projects.len(), compared, changed, again })
    }
}
