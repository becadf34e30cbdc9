//! A new plan from a reviewed draft: the plan, its sections, the places it names and its
//! projects (with a ledger's figures as each project's first report), in one transaction
//! after a backup.

use std::collections::HashMap;

use crate::domain::{CATEGORIES, Period, ProjectId, Report, Status};
use crate::import::plan::{ColumnMapping, DraftRow};

use super::plans::place_id_in;
use super::recorder::{Recorder, utc_now};
use super::review::ReviewError;
use super::sql::{Conn, params};
use super::{Db, DbError, Refusal};

/// How the history names a plan import (`导入规划 …`); such a change is not undone (the plan is
/// archived instead).
pub(super) const PLAN_IMPORT: &str = "导入规划 ";

/// What the reviewer commits: the plan's name and period, and the rows accepted.
#[derive(Clone, Debug, PartialEq)]
pub struct NewPlan {
    pub title: String,
    pub start_year: i32,
    pub end_year: i32,
    /// The root of its places: an existing city (六盘水市) or a new one.
    pub city: String,
    /// The file it came from (its name).
    pub origin: String,
    /// The month a ledger's figures stand at; their first report is filed under it.
    pub as_of: Option<Period>,
    pub rows: Vec<DraftRow>,
}

/// The most sections a plan can have (box numbers are stored as one byte).
pub const MAX_SECTIONS: usize = 255;

impl NewPlan {
    /// A title, and a period that holds.
    fn check(&self) -> Result<(), DbError> {
        if self.title.trim().is_empty() {
            return Err(Refusal::NoTitle.into());
        }
        if let Some(row) = self.rows.iter().find(|r| !(1..=200).contains(&r.name.trim().chars().count())) {
            return Err(Refusal::BadName { line: row.line, written_not_imported: false }.into());
        }
        // No character a document cannot hold, in the title or any text of a row (they go into
        // the 通报 and 督办函): said with the row, before anything is written.
        if let Some(e) = crate::domain::control_error("title", &self.title) {
            return Err(Refusal::Field { line: None, error: e }.into());
        }
        check_row_texts(&self.rows)?;
        if self.end_year < self.start_year || !(1949..=2200).contains(&self.start_year) {
            return Err(Refusal::BadPeriod(self.start_year, self.end_year).into());
        }
        Ok(())
    }

    /// The city a plan title names (`六盘水市“十五五”…` → 六盘水市), if it names one.
    pub fn city_in_title(title: &str) -> Option<String> {
        let chars: Vec<char> = title.chars().collect();
        let end = chars.iter().take(12).position(|c| matches!(c, '市' | '州' | '盟' | '县'))?;
        (end >= 1).then(|| chars[..=end].iter().collect())
    }
}

/// Refuses a row with a character no document can hold in any of its texts (they go into the
/// 通报 and 督办函), naming its line, before anything is written.
fn check_row_texts(rows: &[DraftRow]) -> Result<(), DbError> {
    for row in rows {
        let texts = [Some(&row.name), Some(&row.section), row.place.as_ref(), row.unit.as_ref(), Some(&row.source)]
            .into_iter()
            .chain([&row.content, &row.nature, &row.owner, &row.proprietor, &row.person].map(Option::as_ref))
            .flatten();
        if let Some(error) = texts.filter_map(|t| crate::domain::control_error("text", t)).next() {
            return Err(Refusal::Field { line: Some(row.line), error }.into());
        }
    }
    Ok(())
}

/// The `meta` key a ledger mapping is saved under.
fn mapping_key(signature: &str) -> String {
    format!("ledger_mapping:{signature}")
}

impl Db {
    /// The column mapping saved for a ledger header ([`ColumnMapping::signature`]), if any; a
    /// saved value that no longer reads is ignored with a warning.
    ///
    /// # Errors
    /// On SQLite failures.
    pub fn saved_mapping(&self, signature: &str) -> Result<Option<ColumnMapping>, DbError> {
        let Some(json) = self.meta(&mapping_key(signature))? else { return Ok(None) };
        Ok(serde_json::from_str(&json)
            .inspect_err(|e| log::warn!("a saved ledger mapping does not read ({e}); proposing one instead"))
            .ok())
    }

    /// Keeps `mapping` for the next ledger with the same header.
    ///
    /// # Errors
    /// On SQLite failures (read-only file, full disk…).
    pub fn save_mapping(&self, signature: &str, mapping: &ColumnMapping) -> Result<(), DbError> {
        let json = serde_json::to_string(mapping).map_err(|e| DbError::BadValue(e.to_string()))?;
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![mapping_key(signature), json],
        )?;
        Ok(())
    }

    /// Writes a new plan and its rows in one transaction, after a backup of the database;
    /// returns the plan's id. Nothing is written when anything fails.
    ///
    /// # Errors
    /// [`DbError::BadValue`] for a period that does not hold, more than [`MAX_SECTIONS`]
    /// sections or an unknown category; SQLite failures; the backup's failure.
    pub fn create_plan(&self, plan: &NewPlan, reviewer: &str) -> Result<i64, DbError> {
        plan.check()?;
        if crate::import::plan::missing_month(&plan.rows, plan.as_of) {
            return Err(Refusal::NoMonth.into());
        }
        self.rolling_backup("before-plan-import")?;
        let tx = self.write_tx()?;
        let city = city_id(&tx, &plan.city)?;
        let at = utc_now();
        let plan_id = tx.insert(
            "INSERT INTO plans (title, start_year, end_year, city, origin, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![plan.title.trim(), plan.start_year, plan.end_year, plan.city, plan.origin, at],
        )?;
        let summary = format!("{PLAN_IMPORT}{}({} 项,来自 {})", plan.title.trim(), plan.rows.len(), plan.origin);
        let rec = Recorder::begin(&tx, reviewer, &summary, None)?;
        let sections = insert_sections(&tx, plan_id, &plan.rows)?;
        let known: Vec<&str> = CATEGORIES.iter().map(|c| c.code).collect();
        let mut places: HashMap<String, i64> = HashMap::new();
        let mut items: HashMap<u8, u16> = HashMap::new();
        let insert = "INSERT INTO projects (plan_id, zhuanlan, item, name, category, place_id, unit, target, \
             target_comparator, target_year, target_year_inferred, start_year, status, source, nature, \
             responsible_unit, responsible_person, content, created_at, updated_at, planned_start, registered, \
             registered_in, project_code, proprietor) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?19, ?20, ?21, \
             ?22, ?23, ?24)";
        for row in &plan.rows {
            let zhuanlan = sections[row.section.as_str()];
            let item = items.entry(zhuanlan).or_insert(0);
            *item = item.saturating_add(1);
            let place = row_place(&tx, plan, city, &mut places, row.place.as_deref())?;
            let category = if known.contains(&row.category.as_str()) { row.category.as_str() } else { "other" };
            let status = row.status.unwrap_or(Status::NotStarted);
            let project = tx.insert(
                insert,
                params![
                    plan_id,
                    zhuanlan,
                    *item,
                    row.name.trim(),
                    category,
                    place,
                    row.unit,
                    row.target,
                    row.comparator.map(crate::domain::Comparator::code),
                    row.target_year.unwrap_or(plan.end_year),
                    row.target_year.is_none(),
                    row.start_year,
                    status.code(),
                    row.source,
                    row.nature,
                    row.owner,
                    row.person,
                    row.content,
                    at,
                    row.planned_start.map(|m| m.to_string()),
                    row.registered,
                    row.registered_in.map(|m| m.to_string()),
                    row.project_code,
                    row.proprietor,
                ],
            )?;
            if let (Some(period), true) = (plan.as_of, row.has_figures()) {
                let first = first_report(row, (ProjectId(project), period, status), &plan.origin, (reviewer, &at));
                insert_first_report(&rec, &first)?;
            }
        }
        let revision = rec.revision;
        tx.commit()?;
        self.wrote(revision);
        Ok(plan_id)
    }
}

/// A ledger row's figures as its project's first report, filed under the ledger's month.
fn first_report(
    row: &DraftRow,
    (project, period, status): (ProjectId, Period, Status),
    origin: &str,
    (reviewer, at): (&str, &str),
) -> Report {
    let text = |t: &Option<String>| t.as_deref().map(str::trim).unwrap_or_default().to_string();
    Report {
        id: 0,
        project,
        period,
        status,
        done: None,
        invest_total: row.total_investment,
        invest_year_plan: row.plan_investment,
        invest_done: row.done_investment,
        progress_text: text(&row.progress),
        problems: text(&row.problems),
        coordination: text(&row.coordination),
        // The row's 责任单位 answers for what needs coordinating.
        coordination_unit: text(&row.owner),
        coordination_due: row.coordination_due.map(|d| d.to_string()).unwrap_or_default(),
        note: format!("导入自 {origin}"),
        reviewer: reviewer.to_string(),
        created_at: at.to_string(),
        invest_year_done: row.year_done_investment,
    }
}

/// Writes a first report; its 存在问题 and 需协调事项 become 问题清单 items, chased to 销号 like
/// a report's, owned by the row's 责任单位.
fn insert_first_report(rec: &Recorder<'_, '_>, r: &Report) -> Result<(), DbError> {
    let r = Report { id: super::recorder::next_id(rec.tx, "reports")?, ..r.clone() };
    super::recorder::insert_report(rec.tx, &r)?;
    super::problems::raise_from_report(rec, &r, true)
}

/// What a ledger of the next month writes into its plan: the month's reports of the projects it
/// matched (checked), and the rows it brings that match none, accepted as new projects.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LedgerMonth {
    pub plan: i64,
    pub month: Option<Period>,
    pub reports: Vec<crate::domain::ReportInput>,
    pub new_rows: Vec<DraftRow>,
    /// The ledger's file name, for the new projects' places.
    pub origin: String,
}

impl Db {
    /// Writes a ledger's month into its plan after a backup, in one change that one undo takes
    /// back: the reports (checked as a ledger's are), and each new row as a project of the plan
    /// (in its section, made where the plan has none; born in the bin and taken out as a
    /// recorded change, so undo puts it back there) with its figures as its first report.
    ///
    /// # Errors
    /// [`ReviewError::Invalid`] with every report refused (nothing written); an archived plan, a
    /// row of another writer since the preview, or a database failure.
    pub fn write_ledger_month(&self, month: &LedgerMonth, reviewer: &str) -> Result<i64, ReviewError> {
        let reports: Vec<crate::domain::ReportInput> =
            month.reports.iter().map(crate::domain::ReportInput::cleaned).collect();
        let projects = self.checked_reports(&reports, Period::today(), super::review::Source::Ledger)?;
        check_row_texts(&month.new_rows)?;
        if let Some(row) = month.new_rows.iter().find(|r| !(1..=200).contains(&r.name.trim().chars().count())) {
            return Err(DbError::from(Refusal::BadName { line: row.line, written_not_imported: true }).into());
        }
        self.rolling_backup("before-plan-update")?;
        let plan = self.plan(month.plan)?;
        let tx = self.write_tx()?;
        let touched: Vec<i64> = projects.iter().map(|p| p.id.0).collect();
        self.check_fresh(&tx, &touched)?;
        let shown = month.month.map(|m| m.to_string()).unwrap_or_default();
        let summary =
            format!("按台账更新 {} {shown}:{} 项填报,{} 个新项目", plan.title, reports.len(), month.new_rows.len());
        let rec = Recorder::begin(&tx, reviewer, &summary, None)?;
        super::review::write_reports(&rec, &reports, reviewer, super::review::Source::Ledger)?;
        let city_name = plan.city.clone().unwrap_or_default();
        let city = city_id(&tx, &city_name)?;
        for row in &month.new_rows {
            let project = insert_new_row(&rec, (plan.id, plan.end_year), (&city_name, city), row, &month.origin)?;
            if let (Some(period), true) = (month.month, row.has_figures()) {
                let status = row.status.unwrap_or(Status::NotStarted);
                let first = first_report(row, (ProjectId(project), period, status), &month.origin, (reviewer, &rec.at));
                insert_first_report(&rec, &first)?;
            }
        }
        let (id, revision) = (rec.changeset, rec.revision);
        tx.commit()?;
        self.wrote(revision);
        Ok(id)
    }
}

/// A ledger row as a new project of an existing plan, in its section (made when the plan has
/// none of that name), born in the bin and taken out as a recorded change; returns its id.
fn insert_new_row(
    rec: &Recorder<'_, '_>,
    (plan, end_year): (i64, i32),
    (city_name, city): (&str, i64),
    row: &DraftRow,
    origin: &str,
) -> Result<i64, DbError> {
    let title = if row.section.trim().is_empty() { "未分节" } else { row.section.trim() };
    let found: Option<i64> = rec.tx.query_opt(
        "SELECT number FROM zhuanlan WHERE plan_id = ?1 AND (section = ?2 OR title = ?2) ORDER BY number LIMIT 1",
        params![plan, title],
        |r| r.get(0),
    )?;
    let zhuanlan = match found {
        Some(n) => n,
        None => {
            let next: i64 = rec.tx.query_row(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM zhuanlan WHERE plan_id = ?1",
                params![plan],
                |r| r.get(0),
            )?;
            if next > i64::try_from(MAX_SECTIONS).unwrap_or(255) {
                return Err(Refusal::TooManySections(MAX_SECTIONS).into());
            }
            rec.tx.execute(
                "INSERT INTO zhuanlan (plan_id, number, numbered, title, section) VALUES (?1, ?2, 0, ?3, ?3)",
                params![plan, next, title],
            )?;
            next
        }
    };
    let item: i64 = rec.tx.query_row(
        "SELECT COALESCE(MAX(item), 0) + 1 FROM projects WHERE plan_id = ?1 AND zhuanlan = ?2",
        params![plan, zhuanlan],
        |r| r.get(0),
    )?;
    let place = match row.place.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(name) => place_id(rec.tx, city_name, city, name, origin)?,
        None => city,
    };
    let known: Vec<&str> = CATEGORIES.iter().map(|c| c.code).collect();
    let category = if known.contains(&row.category.as_str()) { row.category.as_str() } else { "other" };
    let id = rec.tx.insert(
        "INSERT INTO projects (plan_id, zhuanlan, item, name, category, place_id, unit, target, target_year, \
         target_year_inferred, start_year, status, source, nature, responsible_unit, responsible_person, content, \
         project_code, proprietor, created_at, updated_at, deleted_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?20, ?20)",
        params![
            plan,
            zhuanlan,
            item,
            row.name.trim(),
            category,
            place,
            row.unit,
            row.target,
            row.target_year.unwrap_or(end_year),
            row.target_year.is_none(),
            row.start_year,
            row.status.unwrap_or(Status::NotStarted).code(),
            row.source,
            row.nature,
            row.owner,
            row.person,
            row.content,
            row.project_code,
            row.proprietor,
            rec.at,
        ],
    )?;
    rec.set(id, "deleted_at", None)?;
    Ok(id)
}

/// The id of the plan's city, made as a new root place when the database does not have it.
fn city_id(tx: &Conn, city: &str) -> Result<i64, DbError> {
    if let Some(id) = place_id_in(tx, Some(city), city)? {
        return Ok(id);
    }
    tx.insert(
        "INSERT INTO places (name, name_en, kind, parent_id, basis) VALUES (?1, ?1, 'city', NULL, '规划名称')",
        params![city],
    )
}

/// A place named by the file: the city's place of that name, else a new place directly under
/// the city (nothing else is known of it).
fn place_id(tx: &Conn, city: &str, city_id: i64, name: &str, origin: &str) -> Result<i64, DbError> {
    if let Some(id) = place_id_in(tx, Some(city), name)? {
        return Ok(id);
    }
    tx.insert(
        "INSERT INTO places (name, name_en, kind, parent_id, basis) VALUES (?1, ?1, 'place', ?2, ?3)",
        params![name, city_id, format!("导入自 {origin},上级未知")],
    )
}

/// One box per section, numbered in the order the sections first appear.
fn insert_sections<'r>(tx: &Conn, plan_id: i64, rows: &'r [DraftRow]) -> Result<HashMap<&'r str, u8>, DbError> {
    let mut numbers: HashMap<&str, u8> = HashMap::new();
    let insert = "INSERT INTO zhuanlan (plan_id, number, numbered, title, section) VALUES (?1, ?2, 0, ?3, ?3)";
    for row in rows {
        if numbers.contains_key(row.section.as_str()) {
            continue;
        }
        let number = u8::try_from(numbers.len() + 1).map_err(|_| Refusal::TooManySections(MAX_SECTIONS))?;
        let title = if row.section.trim().is_empty() { "未分节" } else { row.section.trim() };
        tx.execute(insert, params![plan_id, number, title])?;
        numbers.insert(&row.section, number);
    }
    Ok(numbers)
}

/// The place a row names (made under the plan's city the first time), or the city itself.
fn row_place(
    tx: &Conn,
    plan: &NewPlan,
    city: i64,
    places: &mut HashMap<String, i64>,
    name: Option<&str>,
) -> Result<i64, DbError> {
    let Some(name) = name.map(str::trim).filter(|p| !p.is_empty()) else { return Ok(city) };
    if let Some(&id) = places.get(name) {
        return Ok(id);
    }
    let id = place_id(tx, &plan.city, city, name, &plan.origin)?;
    places.insert(name.to_string(), id);
    Ok(id)
}
