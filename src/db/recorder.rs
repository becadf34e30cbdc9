//! db::recorder: the bottom of `db`, what every write uses: the writers' lock, the revision,
//! the changeset being written (`Recorder`: every change goes through it, so it is recorded), a
//! project field read and written as text, a report row read and written, the next id. The
//! feature modules (review, problems, plans, months, offline…) use it; it uses none of them.

use super::DbError;
use super::sql::{Conn, Engine, Row, Tx, params};
use crate::domain::{Period, ProjectId, Report, Status};

/// Whether a change's field is one a changeset may hold: a project column, a report, an item
/// or a month's light (an offline copy whose history says otherwise was edited by hand).
pub(super) fn known_field(field: &str) -> bool {
    recorded_fields().any(|f| f == field)
}

/// Every field a change may hold: the project columns, then a place, a report, an item and a
/// month's light (what the history's words must name).
pub(crate) fn recorded_fields() -> impl Iterator<Item = &'static str> {
    let others = ["place", "report", "problem", "light"];
    TEXT_FIELDS.iter().chain(REAL_FIELDS).chain(INT_FIELDS).copied().chain(others)
}

/// Project columns a change may touch, by how their values are stored.
const TEXT_FIELDS: &[&str] = &[
    "name",
    "unit",
    "nature",
    "responsible_unit",
    "responsible_person",
    "status",
    "category",
    "deleted_at",
    "planned_start",
    "registered_in",
    "project_code",
];
const REAL_FIELDS: &[&str] = &["target", "done"];
const INT_FIELDS: &[&str] = &["start_year", "target_year", "target_year_inferred", "registered"];

pub(super) fn read_field(tx: &Conn, project: i64, field: &str) -> Result<Option<String>, DbError> {
    let missing = || DbError::BadValue(format!("project {project}"));
    let column = format!("SELECT {field} FROM projects WHERE id = ?1");
    let value = if TEXT_FIELDS.contains(&field) {
        tx.query_opt(&column, params![project], |r| r.get::<Option<String>>(0))?
    } else if REAL_FIELDS.contains(&field) {
        tx.query_opt(&column, params![project], |r| Ok(r.get::<Option<f64>>(0)?.map(|v| v.to_string())))?
    } else if INT_FIELDS.contains(&field) {
        tx.query_opt(&column, params![project], |r| Ok(r.get::<Option<i64>>(0)?.map(|v| v.to_string())))?
    } else if field == "place" {
        tx.query_opt(
            "SELECT pl.name FROM projects p JOIN places pl ON pl.id = p.place_id WHERE p.id = ?1",
            params![project],
            |r| r.get::<Option<String>>(0),
        )?
    } else {
        return Err(DbError::BadValue(format!("field {field}")));
    };
    value.ok_or_else(missing)
}

fn write_field(tx: &Conn, project: i64, field: &str, value: Option<&str>) -> Result<(), DbError> {
    let bad = || DbError::BadValue(format!("{field} = {value:?}"));
    let changed = if TEXT_FIELDS.contains(&field) {
        tx.execute(&format!("UPDATE projects SET {field} = ?1 WHERE id = ?2"), params![value, project])?
    } else if REAL_FIELDS.contains(&field) {
        let number: Option<f64> = value.map(str::parse).transpose().map_err(|_| bad())?;
        tx.execute(&format!("UPDATE projects SET {field} = ?1 WHERE id = ?2"), params![number, project])?
    } else if INT_FIELDS.contains(&field) {
        let number: Option<i64> = value.map(str::parse).transpose().map_err(|_| bad())?;
        tx.execute(&format!("UPDATE projects SET {field} = ?1 WHERE id = ?2"), params![number, project])?
    } else if field == "place" {
        let name = value.ok_or_else(bad)?;
        let city: Option<String> = tx.query_row(
            "SELECT pl.city FROM projects p JOIN plans pl ON pl.id = p.plan_id WHERE p.id = ?1",
            params![project],
            |r| r.get(0),
        )?;
        let place = super::plans::place_id_in(tx, city.as_deref(), name)?.ok_or_else(bad)?;
        tx.execute("UPDATE projects SET place_id = ?1 WHERE id = ?2", params![place, project])?
    } else {
        return Err(bad());
    };
    if changed != 1 {
        return Err(DbError::BadValue(format!("project {project}")));
    }
    tx.execute("UPDATE projects SET updated_at = ?1 WHERE id = ?2", params![utc_now(), project])?;
    Ok(())
}

pub(super) const REPORT_COLUMNS: &str = "id, project_id, period, status, done, invest_total, invest_year_plan, invest_done, \
     progress_text, problems, coordination, coordination_unit, coordination_due, note, reviewer, created_at, invest_year_done";

pub(super) fn report_from_row(r: &Row<'_>) -> Result<Report, DbError> {
    let period: String = r.get(2)?;
    let status: String = r.get(3)?;
    let invalid = DbError::BadValue;
    Ok(Report {
        id: r.get(0)?,
        project: ProjectId(r.get(1)?),
        period: Period::parse(&period).ok_or_else(|| invalid(format!("period {period}")))?,
        status: Status::parse(&status).ok_or_else(|| invalid(format!("status {status}")))?,
        done: r.get(4)?,
        invest_total: r.get(5)?,
        invest_year_plan: r.get(6)?,
        invest_done: r.get(7)?,
        progress_text: r.get(8)?,
        problems: r.get(9)?,
        coordination: r.get(10)?,
        coordination_unit: r.get(11)?,
        coordination_due: r.get(12)?,
        note: r.get(13)?,
        reviewer: r.get(14)?,
        created_at: r.get(15)?,
        invest_year_done: r.get(16)?,
    })
}

pub(super) fn read_report(tx: &Conn, id: i64) -> Result<Option<Report>, DbError> {
    let sql = format!("SELECT {REPORT_COLUMNS} FROM reports WHERE id = ?1");
    tx.query_opt(&sql, params![id], report_from_row)
}

pub(super) fn insert_report(tx: &Conn, r: &Report) -> Result<(), DbError> {
    tx.execute(
        &format!(
            "INSERT INTO reports ({REPORT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)"
        ),
        params![
            r.id,
            r.project.0,
            r.period.to_string(),
            r.status.code(),
            r.done,
            r.invest_total,
            r.invest_year_plan,
            r.invest_done,
            r.progress_text,
            r.problems,
            r.coordination,
            r.coordination_unit,
            r.coordination_due,
            r.note,
            r.reviewer,
            r.created_at,
            r.invest_year_done
        ],
    )?;
    Ok(())
}

/// The current instant as stored: UTC, `2026-11-30T07:05:00Z`.
pub(super) fn utc_now() -> String {
    jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Makes the open transaction the only writer until it ends: on a server, every write
/// transaction takes the revision row first (so writes are applied, and revisions numbered, in
/// commit order); a SQLite write transaction holds the file's write lock from its start.
pub(super) fn lock_writers(tx: &Conn) -> Result<(), DbError> {
    if tx.engine() == Engine::Postgres {
        // Through the server's function: no reviewer's role may lock the row itself (issue 24).
        tx.query_row("SELECT taizhang_lock()", params![], |r| r.get::<Option<i64>>(0))?;
        // The tables' write locks now, not at the first write: a session holding one of them
        // (a script's LOCK TABLE) is then met here, where its holder is looked up and named.
        tx.execute_batch("LOCK TABLE projects, reports, problems IN ROW EXCLUSIVE MODE")?;
    }
    Ok(())
}

/// Raises the revision inside the caller's transaction; the new revision.
pub(super) fn bump_revision(tx: &Conn) -> Result<i64, DbError> {
    match tx.engine() {
        // The server raises it, remembers it for this transaction's changeset, and tells the
        // other windows when the transaction commits (they poll the revision every second too).
        Engine::Postgres => tx.query_row("SELECT taizhang_bump()", params![], |r| r.get(0)),
        Engine::Sqlite => {
            tx.query_row("UPDATE revision SET n = n + 1 WHERE id = 1 RETURNING n", params![], |r| r.get(0))
        }
    }
}

/// Who writes, as the server knows them (its login); a file has no accounts.
/// The revision a write raises the database to, and the server account making it.
pub(super) struct Stamp {
    revision: i64,
    account: Option<String>,
}

impl Stamp {
    /// Raises the revision (once a write) and reads the account.
    pub(super) fn take(tx: &Conn) -> Result<Self, DbError> {
        Ok(Self { revision: bump_revision(tx)?, account: account(tx)? })
    }
}

fn account(tx: &Conn) -> Result<Option<String>, DbError> {
    match tx.engine() {
        Engine::Postgres => tx.query_row("SELECT CAST(current_user AS TEXT)", params![], |r| r.get(0)),
        Engine::Sqlite => Ok(None),
    }
}

/// One changeset being written: every change goes through here so it is recorded.
pub(super) struct Recorder<'t, 'c> {
    pub(super) tx: &'t Tx<'c>,
    pub(super) changeset: i64,
    pub(super) at: String,
    /// The revision this changeset makes.
    pub(super) revision: i64,
}

impl<'t, 'c> Recorder<'t, 'c> {
    pub(super) fn begin(tx: &'t Tx<'c>, reviewer: &str, summary: &str, reverts: Option<i64>) -> Result<Self, DbError> {
        Self::begin_from(tx, reviewer, summary, reverts, (&utc_now(), None))
    }

    /// A changeset made elsewhere and recorded here: an offline copy's, at its own time and
    /// marked with where it came from (`origin`), so it is never taken twice.
    pub(super) fn begin_from(
        tx: &'t Tx<'c>,
        reviewer: &str,
        summary: &str,
        reverts: Option<i64>,
        (at, origin): (&str, Option<&str>),
    ) -> Result<Self, DbError> {
        Self::begin_stamped(tx, reviewer, summary, reverts, (at, origin), &Stamp::take(tx)?)
    }

    /// As [`Recorder::begin_from`], under a revision and an account already taken for the whole
    /// transaction: a sync replays many changesets as one write.
    pub(super) fn begin_stamped(
        tx: &'t Tx<'c>,
        reviewer: &str,
        summary: &str,
        reverts: Option<i64>,
        (at, origin): (&str, Option<&str>),
        stamp: &Stamp,
    ) -> Result<Self, DbError> {
        let changeset = match tx.engine() {
            // The server sets the id, the revision, the time, the account and checks the origin.
            Engine::Postgres => {
                let changeset = tx.query_row(
                    "SELECT taizhang_begin(?1, ?2, ?3, ?4, ?5)",
                    params![reviewer, summary, reverts, at, origin],
                    |r| r.get(0),
                )?;
                // Looked for after a connection lost at COMMIT: exactly once, said truly.
                tx.writing_changeset(changeset);
                changeset
            }
            Engine::Sqlite => {
                // In an offline copy each changeset gets its sync key when it is made: random, so
                // that a copy copied to a second computer, or restored from a backup, never makes
                // a key its server has seen (a counter would repeat).
                let origin = match origin {
                    Some(o) => Some(o.to_string()),
                    None => tx.query_opt(
                        "SELECT value || ':' || lower(hex(randomblob(16))) FROM meta WHERE key = 'offline_origin'",
                        params![],
                        |r| r.get::<String>(0),
                    )?,
                };
                tx.insert(
                    "INSERT INTO changesets (at, reviewer, summary, reverts, revision, account, origin) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![at, reviewer, summary, reverts, stamp.revision, stamp.account, origin],
                )?
            }
        };
        Ok(Self { tx, changeset, at: at.to_string(), revision: stamp.revision })
    }

    pub(super) fn record(
        &self,
        project: i64,
        field: &str,
        old: Option<&str>,
        new: Option<&str>,
    ) -> Result<(), DbError> {
        match self.tx.engine() {
            // Into the changeset this transaction opened, and no other (the server checks).
            Engine::Postgres => {
                self.tx.query_row(
                    "SELECT 1 FROM (SELECT taizhang_record(?1, ?2, ?3, ?4)) AS recorded",
                    params![project, field, old, new],
                    |r| r.get::<i32>(0),
                )?;
            }
            Engine::Sqlite => {
                self.tx.execute(
                    "INSERT INTO changes (changeset_id, project_id, field, old_value, new_value) \
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![self.changeset, project, field, old, new],
                )?;
            }
        }
        Ok(())
    }

    /// Sets a project field, recording old → new; no record when nothing changes.
    pub(super) fn set(&self, project: i64, field: &str, new: Option<&str>) -> Result<(), DbError> {
        let old = read_field(self.tx, project, field)?;
        if old.as_deref() == new {
            return Ok(());
        }
        write_field(self.tx, project, field, new)?;
        self.record(project, field, old.as_deref(), new)
    }

    /// Replaces report `old` by `new` (either may be absent), recording both as JSON.
    pub(super) fn replace_report(
        &self,
        project: i64,
        old: Option<&Report>,
        new: Option<&Report>,
    ) -> Result<(), DbError> {
        if let Some(old) = old {
            self.tx.execute("DELETE FROM reports WHERE id = ?1", params![old.id])?;
        }
        if let Some(new) = new {
            insert_report(self.tx, new)?;
        }
        let json =
            |r: Option<&Report>| r.map(serde_json::to_string).transpose().map_err(|e| DbError::BadValue(e.to_string()));
        self.record(project, "report", json(old)?.as_deref(), json(new)?.as_deref())
    }

    /// Makes the project's status and done those of its latest report.
    pub(super) fn follow_latest_report(&self, project: i64) -> Result<(), DbError> {
        let sql = format!("SELECT {REPORT_COLUMNS} FROM reports WHERE project_id = ?1 ORDER BY period DESC LIMIT 1");
        let latest = self.tx.query_opt(&sql, params![project], report_from_row)?;
        let (status, done) = latest.map_or((Status::NotStarted, None), |r| (r.status, r.done));
        self.set(project, "status", Some(status.code()))?;
        self.set(project, "done", number_text(done).as_deref())
    }
}

pub(super) fn number_text(value: Option<f64>) -> Option<String> {
    value.map(|v| v.to_string())
}

/// The id the next row of `table` gets (reports and items: written with their id, so an undone
/// one can be put back under its own): from the table's sequence, never one used before.
pub(super) fn next_id(tx: &Conn, table: &str) -> Result<i64, DbError> {
    match tx.engine() {
        Engine::Sqlite => tx.query_row(
            &format!(
                "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?1), 0), \
                 coalesce((SELECT max(id) FROM {table}), 0)) + 1"
            ),
            params![table],
            |r| r.get(0),
        ),
        Engine::Postgres => {
            tx.query_row("SELECT nextval(pg_get_serial_sequence(?1, 'id'))", params![table], |r| r.get(0))
        }
    }
}
