//! The 问题清单 sheet of an update workbook: the place's open items (问题清单) as the template
//! lists them, and what the district did about each (办理中, or 已销号 with the day and how it
//! was solved). Read into item updates and problems for the plan; nothing here writes.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::{CellProblem, ImportPlan, Problem, SheetPart, Table, Value, normalize_header};
use crate::domain::{Portfolio, Problem as Item, ProblemStatus, ProblemUpdate, ProjectId, parse_date};

/// The name of the items sheet in the template; the reader looks for a sheet of this name.
pub const ITEMS_SHEET: &str = "问题清单";

/// The header row of the items sheet; the first eight are locked, the last three are filled in.
pub const ITEM_HEADERS: [&str; 11] = [
    "问题编号",
    "项目编号",
    "项目名称",
    "类型",
    "问题",
    "责任单位",
    "解决时限",
    "当前状态",
    "办理结果",
    "销号日期",
    "办理情况",
];

/// The first column a district fills in (办理结果).
pub const FIRST_ITEM_INPUT_COLUMN: u16 = 8;

const ID: &str = "问题编号";
const PROJECT: &str = "项目编号";
const RESULT: &str = "办理结果";
const DAY: &str = "销号日期";
const NOTE: &str = "办理情况";

/// One row of the 问题清单 that moves an item, with what the preview shows of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemUpdate {
    /// Row number as the spreadsheet shows it (1-based).
    pub row: usize,
    pub project: ProjectId,
    /// The project's name.
    pub name: String,
    /// The item's text.
    pub text: String,
    /// The item's status before.
    pub old: ProblemStatus,
    pub update: ProblemUpdate,
}

/// The header row (0-based) and the column of each header of the items sheet.
fn find_header(table: &Table) -> Option<(usize, HashMap<&'static str, usize>)> {
    for (r, row) in table.rows.iter().enumerate().take(12) {
        let mut map = HashMap::new();
        for (c, cell) in row.iter().enumerate() {
            let text = normalize_header(&cell.text());
            if let Some(name) = ITEM_HEADERS.iter().find(|h| normalize_header(h) == text) {
                map.entry(*name).or_insert(c);
            }
        }
        if map.contains_key(ID) && map.contains_key(RESULT) {
            return Some((r, map));
        }
    }
    None
}

/// Whether a sheet's header row is the items sheet's (问题编号 and 办理结果 among its columns):
/// how a 问题清单 renamed to something unrelated ("Sheet2") is still found.
pub(super) fn has_items_header(table: &Table) -> bool {
    find_header(table).is_some()
}

/// An item id as typed: a whole number, or text such as `12` or `#12`.
fn id_of(value: &Value) -> Option<i64> {
    match value {
        Value::Number(v) if v.fract() == 0.0 && v.abs() < 1e15 => Some(*v as i64),
        Value::Text(t) => t.trim().trim_start_matches('#').trim().parse().ok(),
        _ => None,
    }
}

/// A day as typed: a date cell, or text that [`parse_date`] reads (YYYY-MM-DD).
fn day_of(value: &Value) -> Option<String> {
    let text = match value {
        Value::Date(d) if d.seconds == 0 => format!("{:04}-{:02}-{:02}", d.year, d.month, d.day),
        other => other.text().trim().to_string(),
    };
    parse_date(&text).map(|d| d.to_string())
}

/// One filled row's reading.
struct Row<'a> {
    sheet_row: usize,
    cells: &'a [Value],
    columns: &'a HashMap<&'static str, usize>,
    problems: Vec<Problem>,
}

impl Row<'_> {
    fn cell(&self, name: &str) -> &Value {
        self.columns.get(name).and_then(|&c| self.cells.get(c)).unwrap_or(&Value::Empty)
    }

    fn text(&self, name: &str) -> String {
        self.cell(name).text().trim().to_string()
    }

    fn problem(&mut self, column: &str, kind: CellProblem) {
        self.problems.push(Problem { part: SheetPart::Items, row: self.sheet_row, column: column.into(), kind });
    }

    /// The item the row names, if it is one of the sheet's projects' items.
    fn item<'i>(&mut self, items: &'i [Item], sheet_projects: &HashSet<ProjectId>) -> Option<&'i Item> {
        let typed = self.text(ID);
        let Some(item) = id_of(self.cell(ID)).and_then(|id| items.iter().find(|i| i.id == id)) else {
            let kind = if typed.is_empty() { CellProblem::NoItemId } else { CellProblem::UnknownItem { id: typed } };
            self.problem(ID, kind);
            return None;
        };
        let (id, project) = (item.id, item.project);
        if !sheet_projects.contains(&project) {
            self.problem(ID, CellProblem::ItemElsewhere { id, project });
            return None;
        }
        let typed_project = self.text(PROJECT);
        if !typed_project.is_empty() && id_of(self.cell(PROJECT)) != Some(project.0) {
            self.problem(PROJECT, CellProblem::ItemNotProject { id, project, typed: typed_project });
            return None;
        }
        if item.status == ProblemStatus::Resolved {
            let on = item.closed_on.clone().unwrap_or_default();
            self.problem(RESULT, CellProblem::ItemClosed { id, on });
            return None;
        }
        Some(item)
    }

    /// The status the row asks for; `None` for a blank 办理结果 or a problem.
    fn status(&mut self) -> Option<ProblemStatus> {
        let result = self.text(RESULT);
        match result.as_str() {
            "" => {
                if !self.text(DAY).is_empty() || !self.text(NOTE).is_empty() {
                    self.problem(RESULT, CellProblem::NoResult);
                }
                None
            }
            "办理中" => Some(ProblemStatus::InHand),
            "已销号" | "销号" => Some(ProblemStatus::Resolved),
            other => {
                self.problem(RESULT, CellProblem::UnknownResult { text: other.to_string() });
                None
            }
        }
    }

    /// The day and note of a move to `status`, checked.
    fn day_and_note(&mut self, status: ProblemStatus) -> (String, String) {
        let (typed_day, note) = (self.text(DAY), self.text(NOTE));
        if status != ProblemStatus::Resolved {
            if !typed_day.is_empty() {
                self.problem(DAY, CellProblem::DayNotClosing);
            }
            return (String::new(), note);
        }
        if note.is_empty() {
            self.problem(NOTE, CellProblem::ClosedWithoutNote);
        }
        let day = day_of(self.cell(DAY)).unwrap_or_default();
        if day.is_empty() {
            let kind = if typed_day.is_empty() {
                CellProblem::ClosedWithoutDay
            } else {
                CellProblem::NotADay { text: typed_day }
            };
            self.problem(DAY, kind);
        }
        (day, note)
    }
}

/// Reads the items sheet `table` into `plan`: an update for every filled row that changes an
/// item, a problem for every row that cannot be taken (its rows in `plan.bad_items`).
/// `items` are the plan's items; `sheet_projects` the projects of the update sheet's rows.
pub(super) fn plan_items(
    table: &Table,
    items: &[Item],
    (portfolio, sheet_projects): (&Portfolio, &HashSet<ProjectId>),
    plan: &mut ImportPlan,
) {
    let Some((header_row, columns)) = find_header(table) else {
        plan.problems.push(Problem {
            part: SheetPart::Items,
            row: 1,
            column: String::new(),
            kind: CellProblem::NoItemsHeader,
        });
        return;
    };
    plan.items_header_row = Some(header_row);
    let mut rows_of: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
    for (table_row, cells) in table.rows.iter().enumerate().skip(header_row + 1) {
        let mut row = Row { sheet_row: table_row + 1, cells, columns: &columns, problems: Vec::new() };
        if [RESULT, DAY, NOTE].iter().all(|c| row.cell(c).is_blank()) {
            continue;
        }
        plan.items_read += 1;
        let item = row.item(items, sheet_projects);
        let status = row.status();
        if let Some(item) = item {
            rows_of.entry(item.id).or_default().push(row.sheet_row);
        }
        let (Some(item), Some(status)) = (item, status) else {
            plan.bad_items.insert(row.sheet_row);
            plan.problems.append(&mut row.problems);
            continue;
        };
        let (day, note) = row.day_and_note(status);
        if !row.problems.is_empty() {
            plan.bad_items.insert(row.sheet_row);
            plan.problems.append(&mut row.problems);
            continue;
        }
        // The same checks as the write makes, here, so a dry run says them at their row and
        // --skip-bad-rows leaves the row out (they failed the whole import at apply time).
        let today = jiff::Zoned::now().date();
        let checked = crate::domain::Problem::day_to_come(&day, today)
            .filter(|_| status == crate::domain::ProblemStatus::Resolved)
            .map_or_else(|| item.moved(status, &note, &day), Err);
        match checked {
            Err(e) => {
                plan.bad_items.insert(row.sheet_row);
                plan.problems.push(Problem {
                    part: SheetPart::Items,
                    row: row.sheet_row,
                    column: (if e.field == "closed_on" { DAY } else { NOTE }).to_string(),
                    kind: CellProblem::Field(e),
                });
                continue;
            }
            Ok(moved) if moved == *item => {
                plan.items_unchanged += 1;
                continue;
            }
            Ok(_) => {}
        }
        plan.items.push(ItemUpdate {
            row: row.sheet_row,
            project: item.project,
            name: portfolio.projects.iter().find(|p| p.id == item.project).map(|p| p.name.clone()).unwrap_or_default(),
            text: item.text.clone(),
            old: item.status,
            update: ProblemUpdate { id: item.id, status, note, day },
        });
    }
    for (id, rows) in rows_of.iter().filter(|(_, rows)| rows.len() > 1) {
        for &row in rows {
            let others: Vec<usize> = rows.iter().filter(|&&o| o != row).copied().collect();
            plan.problems.push(Problem {
                part: SheetPart::Items,
                row,
                column: ID.into(),
                kind: CellProblem::SameItem { id: *id, others },
            });
            plan.bad_items.insert(row);
        }
    }
    plan.items.retain(|u| !plan.bad_items.contains(&u.row));
}
