//! What a filter selects, asked of the storage (issue 28): the parts of a [`Filter`] SQL can
//! answer — the place and the places inside it, category, 专栏, status at the review month,
//! target years — as one condition over the plan's projects, so a command reads, and lights,
//! only those rows and their reports. The rest (search, 建设性质, 亮灯, 滞后) needs the rows'
//! figures and is left to `Portfolio::view`, which runs the whole filter again over the rows read.

use crate::domain::{Filter, Gazetteer, Period, Project, Report};

use super::DbError;
use super::recorder::{REPORT_COLUMNS, report_from_row};
use super::sql::{Conn, Owned, ToValue, params};

/// The most values one condition of a selection lists (a place with the places inside it, the
/// categories, the boxes, the statuses); more are not asked of the storage.
const MAX_LISTED: usize = 1_000;

/// The pushed-down part of a filter: a condition on `projects p JOIN places pl`, with its
/// bound values (`?1` the plan, then the filter's values).
#[derive(Clone, Debug)]
pub(super) struct Selection {
    condition: String,
    values: Vec<Owned>,
}

impl Selection {
    /// The plan's projects outside the bin that `filter` can select at `review`, as far as SQL
    /// can tell without their figures; a place the gazetteer does not know selects nothing, as
    /// the filter panel's rule has it. `None` when SQL can narrow nothing: the whole plan is read.
    pub(super) fn of(filter: &Filter, gazetteer: &Gazetteer, plan: i64, review: Period) -> Option<Self> {
        let narrows = !(filter.places.is_empty()
            && filter.categories.is_empty()
            && filter.zhuanlan.is_empty()
            && filter.statuses.is_empty()
            && filter.year_from.is_none()
            && filter.year_to.is_none());
        narrows.then(|| Self::narrowed(filter, gazetteer, plan, review))
    }

    /// The first `n` projects of the plan outside the bin, by 序号 (id).
    pub(super) fn first(plan: i64, n: usize) -> Self {
        let n = i64::try_from(n).unwrap_or(i64::MAX);
        Self {
            condition: "p.plan_id = ?1 AND p.deleted_at IS NULL AND p.id IN (SELECT f.id FROM projects f \
                        WHERE f.plan_id = ?1 AND f.deleted_at IS NULL ORDER BY f.id LIMIT ?2)"
                .into(),
            values: vec![Owned::Int(plan), Owned::Int(n)],
        }
    }

    fn narrowed(filter: &Filter, gazetteer: &Gazetteer, plan: i64, review: Period) -> Self {
        let mut selection =
            Self { condition: "p.plan_id = ?1 AND p.deleted_at IS NULL".into(), values: vec![Owned::Int(plan)] };
        if !filter.places.is_empty() {
            let chosen: Vec<usize> = filter.places.iter().filter_map(|name| gazetteer.index_of(name)).collect();
            let covered: Vec<Owned> = gazetteer
                .places()
                .iter()
                .enumerate()
                .filter(|&(inner, _)| chosen.iter().any(|&outer| gazetteer.covers(outer, inner)))
                .map(|(_, place)| Owned::Text(place.name.clone()))
                .collect();
            selection.any_of("pl.name", covered);
        }
        if !filter.categories.is_empty() {
            selection.any_of("p.category", filter.categories.iter().cloned().map(Owned::Text).collect());
        }
        if !filter.zhuanlan.is_empty() {
            selection.any_of("p.zhuanlan", filter.zhuanlan.iter().map(|&z| Owned::Int(i64::from(z))).collect());
        }
        if !filter.statuses.is_empty() {
            // The status at the review month, as `Portfolio::set_states_at_review` sets it: the
            // latest report's up to then; not started when every report comes later; the
            // project's own when it was never reported. A row the plan names twice has the
            // reports of its pair too (`links::share_reports`: the newest of either).
            selection.values.push(Owned::Text(review.to_string()));
            let pair = "SELECT t.id FROM projects t WHERE t.id = p.id OR t.id = p.same_as OR t.same_as = p.id";
            let at_review = format!(
                "coalesce((SELECT r.status FROM reports r WHERE r.project_id IN ({pair}) AND r.period <= ?{} \
                 ORDER BY r.period DESC, r.id DESC LIMIT 1), CASE WHEN EXISTS (SELECT 1 FROM current_reports c \
                 WHERE c.project_id IN ({pair})) THEN 'not_started' ELSE p.status END)",
                selection.values.len()
            );
            selection.any_of(&at_review, filter.statuses.iter().map(|s| Owned::Text(s.code().into())).collect());
        }
        if let Some(from) = filter.year_from {
            selection.values.push(Owned::Int(i64::from(from)));
            selection.condition.push_str(&format!(" AND p.target_year >= ?{}", selection.values.len()));
        }
        if let Some(to) = filter.year_to {
            selection.values.push(Owned::Int(i64::from(to)));
            selection.condition.push_str(&format!(" AND p.target_year <= ?{}", selection.values.len()));
        }
        selection
    }

    /// `expression IN (values)`; no value selects nothing. Past [`MAX_LISTED`] values (a
    /// script naming thousands) the condition is left to `Portfolio::view`, which applies the
    /// whole filter again: SQLite binds at most 32766 values in one statement.
    fn any_of(&mut self, expression: &str, values: Vec<Owned>) {
        if values.is_empty() {
            self.condition.push_str(" AND 1 = 0");
            return;
        }
        if values.len() > MAX_LISTED {
            return;
        }
        let first = self.values.len() + 1;
        let marks: Vec<String> = (first..first + values.len()).map(|k| format!("?{k}")).collect();
        self.condition.push_str(&format!(" AND {expression} IN ({})", marks.join(", ")));
        self.values.extend(values);
    }

    /// The ids of the selected projects, and of their twins where the plan names a project
    /// twice (`projects.same_as`: the pair shares its reports), as a subquery.
    fn ids(&self) -> String {
        let chosen =
            format!("SELECT p.id FROM projects p JOIN places pl ON pl.id = p.place_id WHERE {}", self.condition);
        format!(
            "{chosen} UNION SELECT s.same_as FROM projects s WHERE s.same_as IS NOT NULL AND s.id IN ({chosen}) \
             UNION SELECT t.id FROM projects t WHERE t.same_as IN ({chosen})"
        )
    }

    /// The bound values, then `more` after them (numbered from [`Selection::next`]).
    fn bind<'a>(&'a self, more: &'a [&'a dyn ToValue]) -> Vec<&'a dyn ToValue> {
        self.values.iter().map(|v| v as &dyn ToValue).chain(more.iter().copied()).collect()
    }

    /// The number of the first placeholder after the selection's own.
    fn next(&self) -> usize {
        self.values.len() + 1
    }
}

/// The selected projects, by id.
pub(super) fn load_selected(conn: &Conn, selection: &Selection) -> Result<Vec<Project>, DbError> {
    super::projects::load_where(conn, &selection.condition, &selection.bind(&[]))
}

/// Each (place, category) of the plan's projects outside the bin, in the order of its first
/// project by id: the order the whole portfolio meets its districts and categories in.
pub(super) fn groups_in_order(conn: &Conn, plan: i64) -> Result<Vec<(String, String)>, DbError> {
    conn.query_map(
        "SELECT pl.name, p.category, min(p.id) AS first FROM projects p JOIN places pl ON pl.id = p.place_id \
         WHERE p.plan_id = ?1 AND p.deleted_at IS NULL GROUP BY pl.name, p.category ORDER BY first",
        params![plan],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// The latest report up to `until` (inclusive) of every project that has one (of the selected
/// projects only, with a selection), by project. Each project's latest report is kept
/// (`current_reports`, migration 20): one pass over them in project order, and only the
/// projects that reported after `until` look further back, one step down the
/// `(project_id, period)` index each.
pub(super) fn latest_until(conn: &Conn, until: Period, selection: Option<&Selection>) -> Result<Vec<Report>, DbError> {
    latest_until_as(conn, until, selection, &REPORT_COLUMNS_OF_R, report_from_row)
}

/// As [`latest_until`], with only the report's figures (its id, project, period, status and
/// amounts; its texts left empty): what a year's base needs, without a string per field.
pub(super) fn figures_until(conn: &Conn, until: Period, selection: Option<&Selection>) -> Result<Vec<Report>, DbError> {
    latest_until_as(conn, until, selection, REPORT_FIGURES, report_figures_from_row)
}

/// The figures' columns of a report `r`, in the order [`report_figures_from_row`] reads them.
const REPORT_FIGURES: &str = "r.id, r.project_id, r.period, r.status, r.done, r.invest_total, r.invest_year_plan, r.invest_done, r.invest_year_done";

/// [`REPORT_COLUMNS`] of a report `r` (the columns of a join).
static REPORT_COLUMNS_OF_R: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    REPORT_COLUMNS.split(',').map(|c| format!("r.{}", c.trim())).collect::<Vec<_>>().join(", ")
});

fn report_figures_from_row(r: &super::sql::Row<'_>) -> Result<Report, DbError> {
    let period: String = r.get(2)?;
    let status: String = r.get(3)?;
    let invalid = DbError::BadValue;
    Ok(Report {
        id: r.get(0)?,
        project: crate::domain::ProjectId(r.get(1)?),
        period: Period::parse(&period).ok_or_else(|| invalid(format!("period {period}")))?,
        status: crate::domain::Status::parse(&status).ok_or_else(|| invalid(format!("status {status}")))?,
        done: r.get(4)?,
        invest_total: r.get(5)?,
        invest_year_plan: r.get(6)?,
        invest_done: r.get(7)?,
        invest_year_done: r.get(8)?,
        progress_text: String::new(),
        problems: String::new(),
        coordination: String::new(),
        coordination_unit: String::new(),
        coordination_due: String::new(),
        note: String::new(),
        reviewer: String::new(),
        created_at: String::new(),
    })
}

/// The latest report up to `until` of each project, `columns` of it read by `read`: the kept
/// current report where it is not later than `until`, else the latest before it by the index.
fn latest_until_as(
    conn: &Conn,
    until: Period,
    selection: Option<&Selection>,
    columns: &str,
    read: fn(&super::sql::Row<'_>) -> Result<Report, DbError>,
) -> Result<Vec<Report>, DbError> {
    let until = until.to_string();
    let (among, at) = match selection {
        Some(s) => (format!(" WHERE c.project_id IN ({})", s.ids()), s.next()),
        None => (String::new(), 1),
    };
    // One pass over `current_reports` in its key's order (the project), with no sort and no
    // list of ids to build: three times faster at 100,000 projects than asking for the ids first.
    let sql = format!(
        "SELECT {columns} FROM current_reports c JOIN reports r ON r.id = CASE WHEN c.period <= ?{at} \
         THEN c.report_id ELSE (SELECT b.id FROM reports b WHERE b.project_id = c.project_id AND b.period <= ?{at} \
         ORDER BY b.period DESC LIMIT 1) END{among} ORDER BY c.project_id"
    );
    let more: [&dyn ToValue; 1] = [&until];
    match selection {
        Some(s) => conn.query_map(&sql, &s.bind(&more), read),
        None => conn.query_map(&sql, &more, read),
    }
}

/// The projects (the selected ones, with a selection) that have a report after `month`.
pub(super) fn reported_after(
    conn: &Conn,
    month: Period,
    selection: Option<&Selection>,
) -> Result<Vec<crate::domain::ProjectId>, DbError> {
    let month = month.to_string();
    let (among, at) = match selection {
        Some(s) => (format!(" AND c.project_id IN ({})", s.ids()), s.next()),
        None => (String::new(), 1),
    };
    let sql = format!("SELECT c.project_id FROM current_reports c WHERE c.period > ?{at}{among}");
    let more: [&dyn ToValue; 1] = [&month];
    let id = |r: &super::sql::Row<'_>| Ok(crate::domain::ProjectId(r.get(0)?));
    match selection {
        Some(s) => conn.query_map(&sql, &s.bind(&more), id),
        None => conn.query_map(&sql, &more, id),
    }
}

/// Every report of the selected projects (of every project without a selection), by project
/// and period.
pub(super) fn reports_of(conn: &Conn, selection: Option<&Selection>) -> Result<Vec<Report>, DbError> {
    let Some(selection) = selection else {
        let sql = format!("SELECT {REPORT_COLUMNS} FROM reports ORDER BY project_id, period");
        return conn.query_map(&sql, params![], report_from_row);
    };
    let sql = format!(
        "SELECT {REPORT_COLUMNS} FROM reports WHERE project_id IN ({}) ORDER BY project_id, period",
        selection.ids()
    );
    conn.query_map(&sql, &selection.bind(&[]), report_from_row)
}

/// Whether any project of the plan outside the bin was reported up to `month`.
pub(super) fn reported_by(conn: &Conn, plan: i64, month: Period) -> Result<bool, DbError> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM reports r JOIN projects p ON p.id = r.project_id \
         WHERE p.plan_id = ?1 AND p.deleted_at IS NULL AND r.period <= ?2)",
        params![plan, month.to_string()],
        |r| r.get(0),
    )
}
