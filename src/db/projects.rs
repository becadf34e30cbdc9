//! The projects table: one column list, one row mapping, bulk insert.

use crate::domain::{Comparator, Period, Project, ProjectId, Status};
use crate::seed::SeedProject;

use super::DbError;
use super::sql::{Conn, Row, params};

/// The columns read for a [`Project`], in the order [`project_from_row`] expects.
const PROJECT_COLUMNS: &str = "p.id, p.name, p.category, pl.name, p.zhuanlan, p.item, p.unit, p.target, p.done, \
     p.target_year, p.target_year_inferred, p.start_year, p.status, p.source, p.nature, p.responsible_unit, \
     p.responsible_person, p.target_comparator, p.plan_id, \
     coalesce(z.section, CASE WHEN z.numbered = 1 THEN '专栏' || z.number || ' ' || z.title ELSE z.title END), p.content, \
     p.planned_start, p.registered, p.registered_in, p.project_code, p.proprietor";
/// The tables [`PROJECT_COLUMNS`] reads from.
const PROJECT_TABLES: &str = "projects p JOIN places pl ON pl.id = p.place_id JOIN zhuanlan z ON z.plan_id = p.plan_id AND z.number = p.zhuanlan";

/// A project to insert: a plan row (or a generated one shaped like it) with its state.
#[derive(Clone, Debug, PartialEq)]
pub struct NewProject {
    pub row: SeedProject,
    pub status: Status,
    pub done: Option<f64>,
}

impl NewProject {
    /// A plan row as seeded: not started, nothing done.
    pub fn from_seed(seed: &SeedProject) -> Self {
        Self { row: seed.clone(), status: Status::NotStarted, done: None }
    }
}

fn project_from_row(row: &Row<'_>) -> Result<Project, DbError> {
    let status_code: String = row.get(12)?;
    let Some(status) = Status::parse(&status_code) else {
        return Err(DbError::BadValue(format!("status {status_code:?}")));
    };
    let target_comparator = comparator(row.get(17)?)?;
    Ok(Project {
        id: ProjectId(row.get(0)?),
        name: row.get(1)?,
        category: row.get(2)?,
        place: row.get(3)?,
        zhuanlan: row.get(4)?,
        item: row.get(5)?,
        unit: row.get(6)?,
        target: row.get(7)?,
        target_comparator,
        done: row.get(8)?,
        target_year: row.get(9)?,
        target_year_inferred: row.get(10)?,
        start_year: row.get(11)?,
        status,
        source: row.get(13)?,
        nature: row.get(14)?,
        responsible_unit: row.get(15)?,
        responsible_person: row.get(16)?,
        plan: row.get(18)?,
        section: row.get(19)?,
        content: row.get(20)?,
        planned_start: row.get::<Option<String>>(21)?.as_deref().and_then(Period::parse),
        registered: row.get(22)?,
        registered_in: row.get::<Option<String>>(23)?.as_deref().and_then(Period::parse),
        project_code: row.get(24)?,
        proprietor: row.get(25)?,
        same_as: None, // set from project_links by the snapshot (db::links)
    })
}

/// A qualifier read from its code; a code this build does not know is an error, not a guess.
pub(super) fn comparator(code: Option<String>) -> Result<Option<Comparator>, DbError> {
    code.map(|c| Comparator::parse(&c).ok_or_else(|| DbError::BadValue(format!("target_comparator {c:?}")))).transpose()
}

/// One project, in the bin or not.
pub fn load_project(conn: &Conn, id: i64) -> Result<Option<Project>, DbError> {
    let sql = format!("SELECT {PROJECT_COLUMNS} FROM {PROJECT_TABLES} WHERE p.id = ?1");
    conn.query_opt(&sql, params![id], project_from_row)
}

/// Every project of a plan not in the bin (or, with `in_bin`, every one in it), by id.
pub fn load_projects(conn: &Conn, plan_id: i64, in_bin: bool) -> Result<Vec<Project>, DbError> {
    let sql = format!(
        "SELECT {PROJECT_COLUMNS} FROM {PROJECT_TABLES} \
         WHERE p.plan_id = ?1 AND (p.deleted_at IS NOT NULL) = ?2 ORDER BY p.id"
    );
    conn.query_map(&sql, params![plan_id, in_bin], project_from_row)
}

/// The projects that meet `condition` (on `projects p` and `places pl`), by id.
pub(super) fn load_where(
    conn: &Conn,
    condition: &str,
    values: &[&dyn super::sql::ToValue],
) -> Result<Vec<Project>, DbError> {
    let sql = format!("SELECT {PROJECT_COLUMNS} FROM {PROJECT_TABLES} WHERE {condition} ORDER BY p.id");
    conn.query_map(&sql, values, project_from_row)
}

/// Inserts projects inside the caller's transaction; a place or category the database does
/// not know fails the whole batch.
pub fn insert_projects_tx(tx: &Conn, plan_id: i64, rows: &[NewProject]) -> Result<(), DbError> {
    let place_id = "SELECT id FROM places WHERE name = ?1";
    let insert = "INSERT INTO projects (plan_id, zhuanlan, item, name, category, place_id, unit, target, done, \
         target_year, target_year_inferred, start_year, status, source, target_comparator) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";
    let mut place_cache: std::collections::HashMap<&str, i64> = std::collections::HashMap::new();
    for new in rows {
        let p = &new.row;
        let place = match place_cache.get(p.place.as_str()) {
            Some(&id) => id,
            None => {
                let id: i64 = tx
                    .query_opt(place_id, params![p.place], |r| r.get(0))?
                    .ok_or_else(|| DbError::BadValue(format!("place {:?}", p.place)))?;
                place_cache.insert(&p.place, id);
                id
            }
        };
        tx.execute(
            insert,
            params![
                plan_id,
                p.zhuanlan,
                p.item,
                p.name,
                p.category,
                place,
                p.unit,
                p.target,
                new.done,
                p.target_year,
                p.target_year_inferred,
                p.start_year,
                new.status.code(),
                p.source,
                p.target_comparator.map(Comparator::code)
            ],
        )?;
    }
    Ok(())
}

/// Reports for generated demo projects: one per period for every project that has started,
/// its quantity growing to the project's current figure, filed by 演示数据.
pub fn insert_demo_reports_tx(
    tx: &Conn,
    rows: &[NewProject],
    periods: &[crate::domain::Period],
) -> Result<(), DbError> {
    let now = super::recorder::utc_now();
    let first_id: i64 = tx.query_row("SELECT coalesce(min(id), 1) FROM projects", params![], |r| r.get(0))?;
    let insert = "INSERT INTO reports (project_id, period, status, done, invest_total, invest_year_plan, invest_done, \
         progress_text, reviewer, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, '演示数据', ?9)";
    let n = periods.len();
    for (p, project_id) in rows.iter().zip(first_id..) {
        if matches!(p.status, Status::NotStarted) {
            continue;
        }
        let invest = DemoInvestment::of(project_id, p);
        for (k, period) in periods.iter().enumerate() {
            let last = k + 1 == n;
            let share = (k + 1) as f64 / n as f64;
            let status = if last { p.status } else { Status::UnderConstruction };
            let done = p.done.map(|d| (d * share * 10.0).round() / 10.0);
            let text = format!("演示数据:第 {} 次填报", k + 1);
            let (year_plan, invest_done) = invest.at(share);
            tx.execute(
                insert,
                params![
                    project_id,
                    period.to_string(),
                    status.code(),
                    done,
                    invest.total,
                    year_plan,
                    invest_done,
                    text,
                    now
                ],
            )?;
        }
    }
    // A made-up 责任单位 per district (a town's is its district's), so that the 督办函 have
    // someone to write to.
    tx.execute(
        "UPDATE projects SET responsible_unit = '演示单位:' || coalesce( \
             (SELECT d.name FROM places pl JOIN places d ON d.id = pl.parent_id \
              WHERE pl.id = projects.place_id AND pl.kind = 'town'), \
             (SELECT name FROM places WHERE id = projects.place_id)) || '住建局' \
         WHERE responsible_unit IS NULL AND id >= ?1",
        params![first_id],
    )?;
    // A made-up 建设性质 by status (under construction alternates 新建 and 续建).
    tx.execute(
        "UPDATE projects SET nature = CASE status WHEN 'completed' THEN '建成' \
             WHEN 'not_started' THEN '前期' WHEN 'preparing' THEN '前期' \
             ELSE CASE WHEN id % 2 = 0 THEN '新建' ELSE '续建' END END \
         WHERE nature IS NULL AND id >= ?1",
        params![first_id],
    )?;
    insert_demo_problems_tx(tx, rows, first_id, periods)
}

/// Made-up investment of a demo project (万元), a function of its id so a demo database can be
/// made again exactly: a total, the share of it planned for each year, and how far the work got.
struct DemoInvestment {
    total: f64,
    /// The share of the total planned for the year of the reports (the span after the first
    /// report, at the end of the year before).
    year_share: f64,
    /// Of the work reported, the share the money kept pace with (0.4–1.2, so some fall behind).
    pace: f64,
}

impl DemoInvestment {
    fn of(project_id: i64, p: &NewProject) -> Self {
        let h = u64::try_from(project_id).unwrap_or_default().wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40;
        let total = 500.0 + (h % 9_500) as f64;
        let pace = match p.status {
            Status::Completed => 1.0,
            _ => 0.4 + (h % 81) as f64 / 100.0,
        };
        Self { total, year_share: 0.8, pace }
    }

    /// 本年计划投资 and 累计完成投资 when `share` of the reports' span has passed.
    fn at(&self, share: f64) -> (f64, f64) {
        let done = (self.total * (share * self.pace).min(1.0)).round();
        ((self.total * self.year_share).round(), done)
    }
}

/// Demo items for the 问题清单, every one marked 演示 in its text: one for every seventh project
/// under construction or suspended, raised in the first demo month, due in one of the demo months
/// (some overdue by the last), with a made-up responsible unit.
fn insert_demo_problems_tx(
    tx: &Conn,
    rows: &[NewProject],
    first_id: i64,
    periods: &[crate::domain::Period],
) -> Result<(), DbError> {
    const TEXTS: [(&str, &str); 4] = [
        ("problem", "演示问题:征地拆迁进度滞后"),
        ("coordination", "演示事项:协调道路开挖许可"),
        ("problem", "演示问题:资金未按计划到位"),
        ("coordination", "演示事项:协调管线迁改"),
    ];
    const UNITS: [&str; 4] =
        ["演示单位:区住建局", "演示单位:市自然资源局", "演示单位:市交通运输局", "演示单位:区发改局"];
    let (Some(first), Some(last)) = (periods.first(), periods.last()) else { return Ok(()) };
    let insert = "INSERT INTO problems (project_id, kind, text, owner, due, raised) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
    for (k, (p, project_id)) in rows.iter().zip(first_id..).enumerate() {
        if !matches!(p.status, Status::UnderConstruction | Status::Suspended) || k % 7 != 0 {
            continue;
        }
        let (kind, text) = TEXTS[k / 7 % TEXTS.len()];
        let due = periods.get(k / 7 % periods.len()).unwrap_or(last);
        tx.execute(
            insert,
            params![project_id, kind, text, UNITS[k / 7 % UNITS.len()], due.to_string(), first.to_string()],
        )?;
    }
    Ok(())
}
