//! import: district update sheets (XLSX or CSV) back in. Reads every cell, finds the columns by
//! their headers (in any order, under the names districts use), matches each row to a project by
//! id (else exact name and place), validates every value, and returns a plan: the reports to
//! record, a preview of the changes (project, field, old → new) and every problem (row, column,
//! message). Applying the plan is the database's job; nothing here writes.

mod read;

use std::collections::{BTreeSet, HashMap};

use crate::domain::{
    FieldError, Period, Portfolio, Project, ProjectId, Report, ReportInput, Status, format_quantity, parse_quantity,
    validate_report,
};

pub use read::{Table, Value, read_table};

/// A file that cannot be read as an update sheet at all; nothing was imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{p}: 无法读取({source})。 / Cannot read it ({source}).", p = .path.display())]
    Io { path: std::path::PathBuf, source: std::io::Error },
    #[error("文件是空的,请选择填好的填报表。 / The file is empty; choose a filled-in update sheet.")]
    Empty,
    #[error(
        "这是 PDF 文件,不是 Excel 表格。请导入 .xlsx 或 .csv 填报表。 / This is a PDF, not a spreadsheet; import the .xlsx or .csv update sheet."
    )]
    Pdf,
    #[error(
        "文件解压后过大({0} MB),疑似损坏或恶意文件,未导入。 / The file expands to {0} MB: damaged or hostile, not imported."
    )]
    ZipBomb(u64),
    #[error(
        "无法读取为表格:{0}。请用 Excel/WPS 另存为 .xlsx 或 UTF-8 .csv 后重试。 / Cannot read it as a spreadsheet: {0}. Save it as .xlsx or UTF-8 .csv and try again."
    )]
    NotASheet(String),
    #[error("表中没有数据。 / The sheet has no data.")]
    EmptySheet,
    #[error(
        "找不到表头:需要“项目编号”(或“项目名称”和“所属区(县)”)以及“状态”列;请使用 Taizhang 生成的填报表。 / No header row with 项目编号 (or 项目名称 and 所属区(县)) and 状态; use the sheet Taizhang made."
    )]
    NoHeader,
}

/// One problem with one cell (or row), in the sheet's own numbering.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Row number as the spreadsheet shows it (1-based).
    pub row: usize,
    pub column: String,
    pub zh: String,
    pub en: String,
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
    /// Rows with at least one problem.
    pub bad_rows: BTreeSet<usize>,
    /// Data rows read (blank rows not counted).
    pub rows_read: usize,
    /// Valid rows whose values are already recorded.
    pub unchanged: usize,
    /// Rows with nothing filled in for this period.
    pub unfilled: usize,
}

impl ImportPlan {
    /// The reports of the good rows.
    pub fn reports(&self) -> Vec<ReportInput> {
        self.inputs.iter().map(|(_, i)| i.clone()).collect()
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

/// Header text as compared: no spaces, ASCII parentheses, lower case.
fn normalize_header(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '(',
            ')' => ')',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Finds the header row among the first rows and maps fields to columns.
fn find_header(table: &Table) -> Result<(usize, HashMap<Field, usize>), ImportError> {
    for (r, row) in table.rows.iter().enumerate().take(12) {
        let mut map = HashMap::new();
        for (c, cell) in row.iter().enumerate() {
            let text = normalize_header(&cell.text());
            if let Some((field, _)) =
                ALIASES.iter().find(|(_, names)| names.iter().any(|n| normalize_header(n) == text))
            {
                map.entry(*field).or_insert(c);
            }
        }
        let identifies =
            map.contains_key(&Field::Id) || (map.contains_key(&Field::Name) && map.contains_key(&Field::Place));
        if identifies && map.contains_key(&Field::Status) {
            return Ok((r, map));
        }
    }
    Err(ImportError::NoHeader)
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

/// Reads one data row into a report; problems go to `problems`.
struct RowReader<'a> {
    row: &'a [Value],
    columns: &'a HashMap<Field, usize>,
    sheet_row: usize,
    formulas: &'a BTreeSet<(usize, usize)>,
    table_row: usize,
    problems: Vec<Problem>,
}

impl RowReader<'_> {
    fn cell(&self, field: Field) -> Option<&Value> {
        self.columns.get(&field).and_then(|&c| self.row.get(c))
    }

    fn header(&self, field: Field) -> String {
        ALIASES.iter().find(|(f, _)| *f == field).map_or(String::new(), |(_, names)| names[0].to_string())
    }

    fn problem(&mut self, field: Field, zh: String, en: String) {
        let column = self.header(field);
        self.problems.push(Problem { row: self.sheet_row, column, zh, en });
    }

    fn text(&self, field: Field) -> String {
        self.cell(field).map(Value::text).unwrap_or_default().trim().to_string()
    }

    fn number(&mut self, field: Field) -> Option<f64> {
        if let Some(&c) = self.columns.get(&field)
            && self.formulas.contains(&(self.table_row, c))
        {
            self.problem(
                field,
                "单元格含公式,请改为数值".into(),
                "The cell holds a formula; paste it as a value".into(),
            );
            return None;
        }
        match self.cell(field) {
            Some(Value::Number(v)) => Some(*v),
            Some(Value::Text(t)) => match parse_quantity(t) {
                Ok(v) => v,
                Err(_) => {
                    self.problem(field, format!("“{t}”不是数字"), format!("{t:?} is not a number"));
                    None
                }
            },
            Some(Value::Empty) | None => None,
        }
    }

    fn filled(&self) -> bool {
        [
            Field::Status,
            Field::Done,
            Field::InvestTotal,
            Field::InvestYearPlan,
            Field::InvestDone,
            Field::Progress,
            Field::Problems,
            Field::Coordination,
            Field::Note,
        ]
        .iter()
        .any(|f| self.cell(*f).is_some_and(|v| !v.text().trim().is_empty()))
    }
}

fn find_project<'p>(reader: &mut RowReader<'_>, portfolio: &'p Portfolio) -> Option<&'p Project> {
    let id_text = reader.text(Field::Id);
    if !id_text.is_empty() {
        let id = match reader.cell(Field::Id) {
            Some(Value::Number(v)) => Some(*v),
            _ => parse_quantity(&id_text).ok().flatten(),
        };
        let found =
            id.filter(|v| v.fract() == 0.0).and_then(|v| portfolio.projects.iter().find(|p| p.id.0 as f64 == v));
        if found.is_none() {
            reader.problem(Field::Id, format!("未知项目编号 {id_text}"), format!("Unknown project id {id_text}"));
        }
        return found;
    }
    let (name, place) = (reader.text(Field::Name), reader.text(Field::Place));
    let found = portfolio.projects.iter().find(|p| p.name == name && p.place == place);
    if found.is_none() {
        reader.problem(
            Field::Name,
            format!("找不到项目“{name}”({place}),请填写项目编号"),
            format!("No project {name:?} in {place:?}; give its id"),
        );
    }
    found
}

fn period_of(reader: &mut RowReader<'_>, default: Period) -> Option<Period> {
    match reader.cell(Field::Period) {
        None | Some(Value::Empty) => Some(default),
        Some(Value::Number(serial)) => {
            // An Excel date (days since 1899-12-30).
            let days = (*serial as i64) - 25_569;
            let (y, m, _) = crate::domain::civil_date(days);
            let period = Period::new(y, m);
            if period.is_none() {
                reader.problem(Field::Period, "填报期不是有效的年月".into(), "Not a valid year-month".into());
            }
            period
        }
        Some(Value::Text(t)) => {
            let period = Period::parse(t);
            if period.is_none() {
                reader.problem(
                    Field::Period,
                    format!("填报期“{t}”应为 YYYY-MM"),
                    format!("Period {t:?} must be YYYY-MM"),
                );
            }
            period
        }
    }
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

/// Works out what importing `table` would do against the current portfolio.
///
/// # Errors
/// [`ImportError::NoHeader`] when the sheet is not an update sheet at all.
pub fn plan(table: &Table, portfolio: &Portfolio, latest: &[Report], today: Period) -> Result<ImportPlan, ImportError> {
    if table.rows.iter().all(|r| r.iter().all(|v| v.text().trim().is_empty())) {
        return Err(ImportError::EmptySheet);
    }
    let (header_row, columns) = find_header(table)?;
    let latest: HashMap<ProjectId, &Report> = latest.iter().map(|r| (r.project, r)).collect();
    let mut plan = ImportPlan::default();
    let mut seen: HashMap<ProjectId, usize> = HashMap::new();
    for (table_row, row) in table.rows.iter().enumerate().skip(header_row + 1) {
        if row.iter().all(|v| v.text().trim().is_empty()) {
            continue;
        }
        plan.rows_read += 1;
        let sheet_row = table_row + 1;
        let mut reader =
            RowReader { row, columns: &columns, sheet_row, formulas: &table.formulas, table_row, problems: Vec::new() };
        let project = find_project(&mut reader, portfolio);
        if !reader.filled() {
            plan.unfilled += 1;
            plan.problems.append(&mut reader.problems);
            continue;
        }
        let status_text = reader.text(Field::Status);
        let status = Status::parse(&status_text);
        if status.is_none() {
            let zh = if status_text.is_empty() {
                "请选择状态".to_string()
            } else {
                format!("状态“{status_text}”不在列表中")
            };
            reader.problem(Field::Status, zh, format!("Status {status_text:?} is not one of the list"));
        }
        let period = period_of(&mut reader, today);
        let input = ReportInput {
            project: project.map(|p| p.id),
            period,
            status,
            done: reader.number(Field::Done),
            invest_total: reader.number(Field::InvestTotal),
            invest_year_plan: reader.number(Field::InvestYearPlan),
            invest_done: reader.number(Field::InvestDone),
            progress_text: reader.text(Field::Progress),
            problems: reader.text(Field::Problems),
            coordination: reader.text(Field::Coordination),
            coordination_unit: reader.text(Field::CoordinationUnit),
            coordination_due: reader.text(Field::Due),
            note: reader.text(Field::Note),
        };
        if let Some(p) = project {
            if let Some(first) = seen.insert(p.id, sheet_row) {
                let (zh, en) = (format!("与第 {first} 行是同一项目"), format!("Same project as row {first}"));
                reader.problem(Field::Id, zh.clone(), en.clone());
                plan.problems.push(Problem { row: first, column: reader.header(Field::Id), zh, en });
                plan.bad_rows.insert(first);
            }
            if status.is_some() && period.is_some() {
                for FieldError { field, zh, en } in validate_report(&input, p, today, false) {
                    let column = column_of_field(field).to_string();
                    reader.problems.push(Problem { row: sheet_row, column, zh, en });
                }
            }
        }
        if let (true, Some(p)) = (reader.problems.is_empty(), project) {
            let changes = changes_of(sheet_row, p, latest.get(&p.id).copied(), &input);
            if changes.is_empty() {
                plan.unchanged += 1;
            } else {
                plan.changes.extend(changes);
                plan.inputs.push((sheet_row, input));
            }
        } else {
            plan.bad_rows.insert(sheet_row);
            plan.problems.append(&mut reader.problems);
        }
    }
    // A row found bad later (a duplicate) leaves the good rows too.
    plan.inputs.retain(|(row, _)| !plan.bad_rows.contains(row));
    plan.changes.retain(|c| !plan.bad_rows.contains(&c.row));
    plan.problems.sort_by_key(|p| p.row);
    Ok(plan)
}

/// The skipped rows and why, as CSV for the district (UTF-8 with BOM).
pub fn problems_csv(problems: &[Problem]) -> String {
    let mut out = String::from("\u{feff}行,列,问题,problem\r\n");
    for p in problems {
        let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        out.push_str(&format!("{},{},{},{}\r\n", p.row, quote(&p.column), quote(&p.zh), quote(&p.en)));
    }
    out
}
