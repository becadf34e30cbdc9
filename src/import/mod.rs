//! import: district update sheets (XLSX, XLS, ODS, CSV or tab-separated text) back in. Reads
//! every cell with its kind (number, percentage, date, boolean, error, formula value), finds the
//! sheet and the columns by their headers (in any order, under the names districts use), skips
//! total rows (checking them), headings and notes, matches each row to a project by id (else
//! exact name and place), validates every value, and returns a plan: the reports to record, a
//! preview of the changes (project, field, old → new), every problem (row, column, message) and
//! warnings that do not block; a workbook's 问题清单 sheet adds item updates (办理中, 已销号) to the
//! plan. Applying the plan is the database's job; nothing here writes.

mod cells;
mod items;
mod lines;
mod numfmt;
mod ods;
pub mod plan;
mod problem;
mod read;
mod text;
mod xls;
mod xlsx;
mod xml;

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::domain::{
    Period, Portfolio, Problem as Item, ProblemUpdate, Project, ProjectId, Report, ReportInput, format_quantity,
    parse_quantity, validate_report,
};
use cells::{RowReader, header_of};
use lines::{Line, Totals, classify};

pub use items::{FIRST_ITEM_INPUT_COLUMN, ITEM_HEADERS, ITEMS_SHEET, ItemUpdate};
pub use problem::{CellProblem, Expected, NotMonth, NotNumber, TotalScope};
pub use read::{
    CellDate, MAX_CELLS, MAX_COLUMNS, MAX_FILE, MAX_ROWS, MAX_TEXT, SheetChoice, Table, Value, cell_name, read_file,
    read_table, read_table_from,
};

/// A file that cannot be read as an update sheet at all; nothing was imported (worded in
/// `words::import`).
#[derive(Debug)]
pub enum ImportError {
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    Empty,
    Pdf,
    /// The file expands to this many MB.
    ZipBomb(u64),
    /// Not a spreadsheet: what the reader said.
    NotASheet(String),
    /// An XLSB binary workbook.
    Xlsb,
    /// A zip archive with no worksheet in it.
    NoWorksheet,
    /// Neither UTF-8 nor GBK text.
    NotText,
    /// Binary bytes in a text file.
    Binary,
    /// A CSV quote near this line never closes.
    OpenQuote(u64),
    /// A damaged XLS file: where.
    DamagedXls(String),
    /// A damaged XLSX: a cell reference, a shared string or a row number that does not hold.
    BadCellReference(String),
    MissingSharedString(String),
    BadRowNumber(String),
    NoSuchSheet {
        wanted: String,
        sheets: Vec<String>,
    },
    /// The file's size in MB.
    FileTooBig(u64),
    FarCell {
        cell: String,
    },
    TooMuch,
    /// Text in this encoding with bytes that do not decode.
    Encoding(String),
    EmptySheet,
    NoHeader,
    /// The row the user named (1-based) is not an update sheet's header.
    NotHeaderRow(usize),
    ReviewSheet,
    TwoColumns(String, String),
}

/// The unit of every investment column: 万元.
const INVESTMENT_UNIT: &str = "万元";

/// Which sheet of the workbook a problem is in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SheetPart {
    /// The update sheet (填报表), or the CSV.
    #[default]
    Reports,
    /// The 问题清单 sheet.
    Items,
}

/// One problem with one cell (or row), in the sheet's own numbering: where it is, and what
/// (worded by `words::import` in the user's language).
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// The sheet it is in.
    pub part: SheetPart,
    /// Row number as the spreadsheet shows it (1-based).
    pub row: usize,
    pub column: String,
    pub kind: CellProblem,
}

/// One field that will change, for the preview.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreviewChange {
    pub row: usize,
    pub project: ProjectId,
    pub name: String,
    pub field: &'static str,
    pub old: String,
    pub new: String,
}

/// What importing a sheet would do.
#[derive(Clone, Debug, Default)]
pub struct ImportPlan {
    /// Valid rows that change something: (sheet row, report).
    pub inputs: Vec<(usize, ReportInput)>,
    pub changes: Vec<PreviewChange>,
    pub problems: Vec<Problem>,
    /// Worth a look but not blocking: a 合计 that does not add up, a note skipped under the table.
    pub warnings: Vec<Problem>,
    /// The sheet read (empty for CSV).
    pub sheet: String,
    /// The header row, 0-based in the table (the sheet shows it as `header_row + 1`).
    pub header_row: usize,
    /// Rows with at least one problem.
    pub bad_rows: BTreeSet<usize>,
    /// Data rows read (blank rows not counted).
    pub rows_read: usize,
    /// Valid rows whose values are already recorded.
    pub unchanged: usize,
    /// Rows with nothing filled in for this period.
    pub unfilled: usize,
    /// Valid rows of the 问题清单 sheet that move an item.
    pub items: Vec<ItemUpdate>,
    /// The 问题清单 sheet's header row (0-based), when the workbook has that sheet.
    pub items_header_row: Option<usize>,
    /// The 问题清单 sheet's name as the workbook has it ("Sheet2" when renamed; empty when
    /// there is none): where its rows are placed for the district.
    pub items_sheet: String,
    /// Other sheets that are a 问题清单 too and were not read ([`Table::items_left_out`]).
    pub items_left_out: Vec<String>,
    /// Rows of the 问题清单 sheet with at least one problem.
    pub bad_items: BTreeSet<usize>,
    /// Rows of the 问题清单 sheet with a 办理结果, 销号日期 or 办理情况 filled in.
    pub items_read: usize,
    /// Valid rows of the 问题清单 sheet that leave their item as it is.
    pub items_unchanged: usize,
}

impl ImportPlan {
    /// The reports of the good rows.
    pub fn reports(&self) -> Vec<ReportInput> {
        self.inputs.iter().map(|(_, i)| i.clone()).collect()
    }

    /// The item updates of the good rows of the 问题清单 sheet.
    pub fn item_updates(&self) -> Vec<ProblemUpdate> {
        self.items.iter().map(|i| i.update.clone()).collect()
    }

    /// Whether applying it would write anything (reports or item updates).
    pub fn has_changes(&self) -> bool {
        !self.inputs.is_empty() || !self.items.is_empty()
    }
}

/// The fields an update sheet may carry, and the header names districts use for them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Field {
    Id,
    Name,
    Place,
    Period,
    Status,
    Done,
    InvestTotal,
    InvestYearPlan,
    InvestDone,
    Progress,
    Problems,
    Coordination,
    CoordinationUnit,
    Due,
    Note,
}

const ALIASES: &[(Field, &[&str])] = &[
    (Field::Id, &["项目编号", "编号", "项目id", "id"]),
    (Field::Name, &["项目名称", "名称"]),
    (Field::Place, &["所属区(县)", "所属区县", "所属区", "区县"]),
    (Field::Period, &["填报期", "填报月份", "报送期"]),
    (Field::Status, &["状态", "本期状态", "项目状态"]),
    (Field::Done, &["完成量", "本期完成量", "累计完成量"]),
    (Field::InvestTotal, &["总投资(万元)", "总投资"]),
    (Field::InvestYearPlan, &["本年计划投资(万元)", "本年计划投资"]),
    (Field::InvestDone, &["累计完成投资(万元)", "累计完成投资", "开工以来累计完成投资"]),
    (Field::Progress, &["形象进度"]),
    (Field::Problems, &["存在问题"]),
    (Field::Coordination, &["需协调事项"]),
    (Field::CoordinationUnit, &["责任单位"]),
    (Field::Due, &["解决时限"]),
    (Field::Note, &["备注"]),
];

/// Header text as compared: no spaces, ASCII parentheses (full-width ones too), lower case.
pub(crate) fn normalize_header(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{ff08}' => '(',
            '\u{ff09}' => ')',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Whether a sheet has an update sheet's header row (used to pick the sheet in a workbook).
pub(crate) fn has_header(table: &Table) -> bool {
    find_header(table, None).is_ok()
}

/// Rows searched for an update sheet's header: a title block is a few lines, a district's
/// cover a few more; a header further down is named with `--header-row`.
pub const HEADER_SEARCH: usize = 30;

/// Finds the header row among the first [`HEADER_SEARCH`] rows, or at row `at` (0-based) when
/// it is given, and maps fields to columns.
fn find_header(table: &Table, at: Option<usize>) -> Result<(usize, HashMap<Field, usize>), ImportError> {
    let rows = table.rows.iter().enumerate();
    let (skip, take) = at.map_or((0, HEADER_SEARCH), |r| (r, 1));
    for (r, row) in rows.skip(skip).take(take) {
        let mut map = HashMap::new();
        let mut twice = None;
        for (c, cell) in row.iter().enumerate() {
            let text = normalize_header(&cell.text());
            if let Some((field, _)) =
                ALIASES.iter().find(|(_, names)| names.iter().any(|n| normalize_header(n) == text))
            {
                if let Some(&first) = map.get(field) {
                    twice.get_or_insert((first, c));
                } else {
                    map.insert(*field, c);
                }
            }
        }
        let identifies =
            map.contains_key(&Field::Id) || (map.contains_key(&Field::Name) && map.contains_key(&Field::Place));
        if identifies && map.contains_key(&Field::Status) {
            // Two columns for one field (本期完成量 and 累计完成量): which one the district meant
            // cannot be told, so neither is taken silently.
            if let Some((a, b)) = twice {
                let name = |c: usize| row.get(c).map(Value::text).unwrap_or_default();
                return Err(ImportError::TwoColumns(name(a), name(b)));
            }
            return Ok((r, map));
        }
    }
    Err(at.map_or(ImportError::NoHeader, |r| ImportError::NotHeaderRow(r + 1)))
}

/// The column name of a validation field, for problems.
fn column_of_field(field: &str) -> &'static str {
    match field {
        "period" => "填报期",
        "status" => "状态",
        "done" => "完成量",
        "invest_total" => "总投资(万元)",
        "invest_year_plan" => "本年计划投资(万元)",
        "invest_done" => "累计完成投资(万元)",
        "progress_text" => "形象进度",
        "problems" => "存在问题",
        "coordination" => "需协调事项",
        "coordination_unit" => "责任单位",
        "coordination_due" => "解决时限",
        "note" => "备注",
        _ => "项目编号",
    }
}

fn find_project<'p>(reader: &mut RowReader<'_>, portfolio: &'p Portfolio) -> Option<&'p Project> {
    let id_text = reader.raw_text(Field::Id);
    if !id_text.is_empty() {
        let id = match reader.cell(Field::Id) {
            Some(Value::Number(v)) => Some(*v),
            _ => parse_quantity(&id_text).ok().flatten(),
        };
        let found =
            id.filter(|v| v.fract() == 0.0).and_then(|v| portfolio.projects.iter().find(|p| p.id.0 as f64 == v));
        if found.is_none() {
            reader.problem(Field::Id, CellProblem::UnknownProject { id: id_text.clone() });
        }
        // A row whose id and name disagree (a row copied over another, an id typed wrong) is
        // not applied to whichever project the id happens to name.
        let name = reader.raw_text(Field::Name);
        if let Some(p) = found
            && !name.is_empty()
            && name != p.name
        {
            reader.problem(Field::Id, CellProblem::IdNotName { id: id_text, project: p.name.clone(), typed: name });
            return None;
        }
        return found;
    }
    let (name, place) = (reader.raw_text(Field::Name), reader.raw_text(Field::Place));
    let found = portfolio.projects.iter().find(|p| p.name == name && p.place == place);
    if found.is_none() {
        reader.problem(Field::Name, CellProblem::NoSuchProject { name, place });
    }
    found
}

fn changes_of(row: usize, p: &Project, last: Option<&Report>, input: &ReportInput) -> Vec<PreviewChange> {
    let num = |v: Option<f64>| v.map(format_quantity).unwrap_or_default();
    let mut out = Vec::new();
    let mut push = |field: &'static str, old: String, new: String| {
        if old != new {
            out.push(PreviewChange { row, project: p.id, name: p.name.clone(), field, old, new });
        }
    };
    let status = input.status.unwrap_or(p.status);
    push("状态", p.status.label_zh().into(), status.label_zh().into());
    if input.done.is_some() {
        push("完成量", num(p.done), num(input.done));
    }
    let same_period = last.filter(|r| Some(r.period) == input.period);
    let old_text = |f: fn(&Report) -> &str| same_period.map(|r| f(r).to_string()).unwrap_or_default();
    let old_num = |f: fn(&Report) -> Option<f64>| num(same_period.and_then(f));
    push("总投资", old_num(|r| r.invest_total), num(input.invest_total));
    push("本年计划投资", old_num(|r| r.invest_year_plan), num(input.invest_year_plan));
    push("累计完成投资", old_num(|r| r.invest_done), num(input.invest_done));
    push("形象进度", old_text(|r| &r.progress_text), input.progress_text.clone());
    push("存在问题", old_text(|r| &r.problems), input.problems.clone());
    push("需协调事项", old_text(|r| &r.coordination), input.coordination.clone());
    push("责任单位", old_text(|r| &r.coordination_unit), input.coordination_unit.clone());
    push("解决时限", old_text(|r| &r.coordination_due), input.coordination_due.clone());
    push("备注", old_text(|r| &r.note), input.note.clone());
    if same_period.is_none() {
        // A first report for this period records it, even when it repeats the current state.
        let new_period = input.period.map(|p| p.to_string()).unwrap_or_default();
        push("填报期", last.map(|r| r.period.to_string()).unwrap_or_default(), new_period);
    }
    out
}

/// A warning for a row of a month before the project's latest report: the preview's changes
/// are that month's, and the current state stays the later report's.
fn older_than_latest(row: usize, input: &ReportInput, last: Option<&Report>) -> Option<Problem> {
    let (period, last) = (input.period?, last?);
    (period < last.period).then(|| Problem {
        part: SheetPart::Reports,
        row,
        column: header_of(Field::Period),
        kind: CellProblem::OlderThanLatest { period, latest: last.period },
    })
}

/// The rows that name one project more than once, as (row, up to five other rows, how many
/// more).
fn duplicates(rows_of: &HashMap<ProjectId, Vec<usize>>) -> Vec<(usize, Vec<usize>, usize)> {
    let mut out = Vec::new();
    for rows in rows_of.values().filter(|r| r.len() > 1) {
        for &row in rows {
            let others: Vec<usize> = rows.iter().filter(|&&o| o != row).take(5).copied().collect();
            let more = rows.len() - 1 - others.len();
            out.push((row, others, more));
        }
    }
    out
}

/// Reads one data row into a report and its problems.
fn read_row(reader: &mut RowReader<'_>, project: Option<&Project>, today: Period) -> ReportInput {
    let status = reader.status();
    let period = reader.period(today);
    ReportInput {
        project: project.map(|p| p.id),
        period,
        status,
        done: reader.number(Field::Done, project.and_then(|p| p.unit.as_deref())),
        invest_total: reader.number(Field::InvestTotal, Some(INVESTMENT_UNIT)),
        invest_year_plan: reader.number(Field::InvestYearPlan, Some(INVESTMENT_UNIT)),
        invest_done: reader.number(Field::InvestDone, Some(INVESTMENT_UNIT)),
        progress_text: reader.text(Field::Progress),
        problems: reader.text(Field::Problems),
        coordination: reader.text(Field::Coordination),
        coordination_unit: reader.text(Field::CoordinationUnit),
        coordination_due: reader.due(),
        note: reader.text(Field::Note),
        invest_year_done: None,
    }
}

/// Works out what importing `table` would do against the current portfolio; `items` are the
/// plan's 问题清单 items, which the workbook's 问题清单 sheet (when it has one) moves.
///
/// # Errors
/// [`ImportError::NoHeader`] when the sheet is not an update sheet at all.
pub fn plan(
    table: &Table,
    portfolio: &Portfolio,
    latest: &[Report],
    items: &[Item],
    today: Period,
) -> Result<ImportPlan, ImportError> {
    plan_at(table, None, portfolio, latest, items, today)
}

/// As [`plan`], with the header at row `header_row` (0-based) when the user names it.
///
/// # Errors
/// As [`plan`]; [`ImportError::NotHeaderRow`] when the row named is no update sheet's header.
pub fn plan_at(
    table: &Table,
    header_row: Option<usize>,
    portfolio: &Portfolio,
    latest: &[Report],
    items: &[Item],
    today: Period,
) -> Result<ImportPlan, ImportError> {
    if (0..table.rows.len()).all(|r| table.is_blank_row(r)) {
        return Err(ImportError::EmptySheet);
    }
    let (header_row, columns) = find_header(table, header_row)?;
    // The review sheet (调度表) Taizhang exports has the update sheet's columns and more; only it
    // has the computed ones.
    let computed = ["完成率", "序时进度", "预警"];
    if table.rows.get(header_row).is_some_and(|row| row.iter().any(|c| computed.contains(&c.text().trim()))) {
        return Err(ImportError::ReviewSheet);
    }
    let latest: HashMap<ProjectId, &Report> = latest.iter().map(|r| (r.project, r)).collect();
    let mut plan = ImportPlan { sheet: table.sheet.clone(), header_row, ..ImportPlan::default() };
    let mut rows_of: HashMap<ProjectId, Vec<usize>> = HashMap::new();
    let mut sheet_projects = HashSet::new();
    let mut unchanged_rows = Vec::new();
    let mut totals = Totals::default();
    for (table_row, row) in table.rows.iter().enumerate().skip(header_row + 1) {
        if table.is_blank_row(table_row) {
            continue;
        }
        let sheet_row = table_row + 1;
        match classify(row, &columns) {
            Line::Data => {}
            kind @ (Line::GrandTotal | Line::Subtotal) => {
                totals.check(&kind, row, &columns, sheet_row, &mut plan.warnings);
                continue;
            }
            Line::Section => continue,
            Line::Note(text) => {
                plan.warnings.push(Problem {
                    part: SheetPart::Reports,
                    row: sheet_row,
                    column: String::new(),
                    kind: CellProblem::Note { text },
                });
                continue;
            }
        }
        plan.rows_read += 1;
        let mut reader = RowReader {
            row,
            columns: &columns,
            sheet_row,
            table_row,
            formulas: &table.formulas,
            unit: String::new(),
            problems: Vec::new(),
        };
        let project = find_project(&mut reader, portfolio);
        sheet_projects.extend(project.map(|p| p.id));
        if !reader.filled() {
            plan.unfilled += 1;
            plan.problems.append(&mut reader.problems);
            continue;
        }
        reader.unit = project.and_then(|p| p.unit.clone()).unwrap_or_default();
        let input = read_row(&mut reader, project, today).cleaned();
        totals.add(&input);
        if let Some(p) = project {
            rows_of.entry(p.id).or_default().push(sheet_row);
            if input.status.is_some() && input.period.is_some() {
                for e in validate_report(&input, p, (portfolio.plan.start_year, today), false) {
                    let column = column_of_field(e.field).to_string();
                    let kind = CellProblem::Field(e);
                    reader.problems.push(Problem { part: SheetPart::Reports, row: sheet_row, column, kind });
                }
            }
        }
        if let (true, Some(p)) = (reader.problems.is_empty(), project) {
            let last = latest.get(&p.id).copied();
            plan.warnings.extend(older_than_latest(sheet_row, &input, last));
            let changes = changes_of(sheet_row, p, last, &input);
            if changes.is_empty() {
                unchanged_rows.push(sheet_row);
            } else {
                plan.changes.extend(changes);
                plan.inputs.push((sheet_row, input));
            }
        } else {
            plan.bad_rows.insert(sheet_row);
            plan.problems.append(&mut reader.problems);
        }
    }
    for (row, others, more) in duplicates(&rows_of) {
        plan.problems.push(Problem {
            part: SheetPart::Reports,
            row,
            column: header_of(Field::Id),
            kind: CellProblem::SameProject { others, more },
        });
        plan.bad_rows.insert(row);
    }
    // A row found bad later (a duplicate) leaves the good rows too.
    plan.inputs.retain(|(row, _)| !plan.bad_rows.contains(row));
    plan.changes.retain(|c| !plan.bad_rows.contains(&c.row));
    plan.unchanged = unchanged_rows.iter().filter(|r| !plan.bad_rows.contains(r)).count();
    if let Some(sheet) = &table.items {
        (plan.items_sheet, plan.items_left_out) = (sheet.sheet.clone(), table.items_left_out.clone());
        items::plan_items(sheet, items, (portfolio, &sheet_projects), &mut plan);
    }
    plan.problems.sort_by_key(|p| (p.part == SheetPart::Items, p.row));
    plan.warnings.sort_by_key(|p| p.row);
    Ok(plan)
}
