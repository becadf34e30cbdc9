//! export: review sheets (调度表) of the current filtered view as XLSX, PDF or CSV. One sheet
//! model (`ReviewSheet`, its columns and cells) feeds all three writers. Each writer renders to
//! memory and the file is written through a temporary file beside the target, so a failed export
//! leaves no half file. Never touches the database or egui.

mod csv;
mod deck;
mod docx;
mod output;
mod pdf;
mod skipped;
mod template;
mod xlsx;

use std::collections::HashMap;
use std::path::Path;

use crate::domain::{Comparator, Dataset, Light, Period, Portfolio, Project, Report, Schedule, Verdict, category};

pub use self::csv::{Bom, CsvField, csv_bytes, neutralize, write_csv};
pub use self::deck::{deck_pages, write_deck, write_pages};
pub use self::docx::{DocMeta, letter_file_name, write_letter, write_notice};
pub use self::output::{OutputRules, Overwrite, Protected, write_atomically, write_file};
pub use self::pdf::write_pdf;
pub use self::skipped::{problems_csv, skipped_files, skipped_items_csv, skipped_rows_csv};
pub use self::template::{FIRST_INPUT_COLUMN, TEMPLATE_HEADER_ROW, TEMPLATE_HEADERS, write_template};
pub use self::xlsx::write_xlsx;

/// One row of a review sheet: the project, its schedule and its latest report.
#[derive(Clone, Debug)]
pub struct SheetRow {
    pub project: Project,
    pub schedule: Schedule,
    pub lagging: bool,
    /// The light by the plan's rules, and why.
    pub light: Option<Verdict>,
    pub report: Option<Report>,
}

/// What the sheet says about itself in its title block, header and footer.
#[derive(Clone, Debug)]
pub struct SheetMeta {
    /// The plan's title as printed.
    pub plan: String,
    /// The filter in words (钟山区 · 管网), or 全部.
    pub filter: String,
    pub review: Period,
    pub dataset: Dataset,
    /// When it was made, `YYYY-MM-DD HH:MM`.
    pub generated: String,
}

impl SheetMeta {
    /// The sheet's title.
    pub fn title(&self) -> String {
        format!("{} 重点项目调度表", self.plan)
    }

    /// The line under the title: filter, review date, time, and the demo marker.
    pub fn subtitle(&self) -> String {
        let demo = if self.dataset == Dataset::Demo { " · 演示数据 DEMO DATA,非规划内容" } else { "" };
        format!("筛选:{} · 审核日期:{} · 导出:{}{demo}", self.filter, self.review, self.generated)
    }
}

/// A review sheet ready to be written.
#[derive(Clone, Debug)]
pub struct ReviewSheet {
    pub meta: SheetMeta,
    pub rows: Vec<SheetRow>,
}

/// A cell's value.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    /// A target with the plan's qualifier: a number, shown as "不少于 90".
    Qualified(f64, Comparator),
    /// A share, 0–1, shown as a percentage.
    Percent(f64),
    /// A light: its name as text (红灯…), filled with its colour in XLSX and PDF.
    Light(Light),
    Empty,
}

impl Cell {
    fn text(s: impl Into<String>) -> Self {
        let s = s.into();
        if s.is_empty() { Self::Empty } else { Self::Text(s) }
    }

    fn number(v: Option<f64>) -> Self {
        v.map_or(Self::Empty, Self::Number)
    }

    /// A target quantity, with its qualifier where the plan gives one.
    fn target(v: Option<f64>, comparator: Option<Comparator>) -> Self {
        match (v, comparator) {
            (Some(v), Some(c)) => Self::Qualified(v, c),
            (v, _) => Self::number(v),
        }
    }

    /// The cell as plain text (CSV, PDF).
    pub fn display(&self) -> String {
        match self {
            Self::Text(t) => t.clone(),
            Self::Number(v) => crate::domain::format_quantity(*v),
            Self::Qualified(v, c) => crate::domain::format_target(*v, Some(c.label_zh()), None),
            Self::Percent(v) => format!("{:.1}%", v * 100.0),
            Self::Light(l) => l.label_zh().to_string(),
            Self::Empty => String::new(),
        }
    }
}

/// How a column's numbers are shown in XLSX.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberKind {
    Text,
    Quantity,
    Money,
    Percent,
}

/// One column of the review sheet (the columns of DOMAIN.md's 调度表).
pub struct Column {
    pub header: &'static str,
    /// Width in characters of CJK text.
    pub width: f64,
    pub kind: NumberKind,
    /// Kept only when some row has a value (the optional review-sheet columns).
    pub optional: bool,
    /// Shown in the PDF, which has room for fewer columns.
    pub in_pdf: bool,
    pub value: fn(&SheetRow) -> Cell,
}

fn report_text(row: &SheetRow, f: fn(&Report) -> &str) -> Cell {
    row.report.as_ref().map_or(Cell::Empty, |r| Cell::text(f(r)))
}

fn report_number(row: &SheetRow, f: fn(&Report) -> Option<f64>) -> Cell {
    Cell::number(row.report.as_ref().and_then(f))
}

/// Every column a review sheet may have, in the sheet's order.
pub const COLUMNS: &[Column] = &[
    Column {
        header: "序号",
        width: 4.0,
        kind: NumberKind::Text,
        optional: false,
        in_pdf: true,
        value: |r| Cell::Number(r.project.id.0 as f64),
    },
    Column {
        header: "专栏",
        width: 4.0,
        kind: NumberKind::Text,
        optional: false,
        in_pdf: true,
        value: |r| Cell::text(format!("{}.{}", r.project.zhuanlan, r.project.item)),
    },
    Column {
        header: "项目名称",
        width: 18.0,
        kind: NumberKind::Text,
        optional: false,
        in_pdf: true,
        value: |r| Cell::text(r.project.name.clone()),
    },
    Column {
        header: "所属区(县)",
        width: 8.0,
        kind: NumberKind::Text,
        optional: false,
        in_pdf: true,
        value: |r| Cell::text(r.project.place.clone()),
    },
    Column {
        header: "类别",
        width: 8.5,
        kind: NumberKind::Text,
        optional: false,
        in_pdf: true,
        value: |r| {
            Cell::text(category(&r.project.category).map_or_else(|| r.project.category.clone(), |c| c.zh.to_string()))
        },
    },
    Column {
        header: "建设性质",
        width: 5.0,
        kind: NumberKind::Text,
        optional: true,
        in_pdf: false,
        value: |r| Cell::text(r.project.nature.clone().unwrap_or_default()),
    },
    Column {
        header: "项目代码",
        width: 12.0,
        kind: NumberKind::Text,
        optional: true,
        in_pdf: false,
        value: |r| Cell::text(r.project.project_code.clone().unwrap_or_default()),
    },
    Column {
        header: "计划开工",
        width: 6.0,
        kind: NumberKind::Text,
        optional: true,
        in_pdf: false,
        value: |r| Cell::text(r.project.planned_start.map(|m| m.to_string()).unwrap_or_default()),
    },
    Column {
        header: "入库",
        width: 6.0,
        kind: NumberKind::Text,
        optional: true,
        in_pdf: false,
        value: |r| match (r.project.registered, r.project.registered_in) {
            (Some(true), Some(m)) => Cell::text(format!("是({m})")),
            (Some(true), None) => Cell::text("是"),
            (Some(false), _) => Cell::text("否"),
            (None, _) => Cell::Empty,
        },
    },
    Column {
        header: "建设年限",
        width: 7.0,
        kind: NumberKind::Text,
        optional: false,
        in_pdf: true,
        value: |r| {
            Cell::text(match r.project.start_year {
                Some(s) => format!("{s}–{}", r.project.target_year),
                None => format!("至{}", r.project.target_year),
            })
        },
    },
    Column {
        header: "状态",
        width: 4.5,
        kind: NumberKind::Text,
        optional: false,
        in_pdf: true,
        value: |r| Cell::text(r.project.status.label_zh()),
    },
    Column {
        header: "单位",
        width: 5.0,
        kind: NumberKind::Text,
        optional: false,
        in_pdf: true,
        value: |r| Cell::text(r.project.unit.clone().unwrap_or_default()),
    },
    Column {
        header: "目标量",
        width: 6.0,
        kind: NumberKind::Quantity,
        optional: false,
        in_pdf: true,
        value: |r| Cell::target(r.project.target, r.project.target_comparator),
    },
    Column {
        header: "完成量",
        width: 6.0,
        kind: NumberKind::Quantity,
        optional: false,
        in_pdf: true,
        value: |r| Cell::number(r.project.done),
    },
    Column {
        header: "完成率",
        width: 5.0,
        kind: NumberKind::Percent,
        optional: false,
        in_pdf: true,
        value: |r| Cell::Percent(r.schedule.completion),
    },
    Column {
        header: "序时进度",
        width: 5.0,
        kind: NumberKind::Percent,
        optional: false,
        in_pdf: true,
        value: |r| Cell::Percent(r.schedule.expected),
    },
    Column {
        header: "预警",
        width: 4.0,
        kind: NumberKind::Text,
        optional: false,
        in_pdf: true,
        value: |r| Cell::text(if r.lagging { "滞后" } else { "" }),
    },
    Column {
        header: "亮灯",
        width: 4.0,
        kind: NumberKind::Text,
        optional: true,
        in_pdf: true,
        value: |r| r.light.as_ref().map_or(Cell::Empty, |v| Cell::Light(v.light)),
    },
    Column {
        header: "亮灯原因",
        width: 12.0,
        kind: NumberKind::Text,
        optional: true,
        in_pdf: false,
        value: |r| r.light.as_ref().map_or(Cell::Empty, |v| Cell::text(v.summary(crate::domain::Lang::Zh))),
    },
    Column {
        header: "总投资(万元)",
        width: 7.0,
        kind: NumberKind::Money,
        optional: true,
        in_pdf: false,
        value: |r| report_number(r, |x| x.invest_total),
    },
    Column {
        header: "本年计划投资(万元)",
        width: 8.0,
        kind: NumberKind::Money,
        optional: true,
        in_pdf: false,
        value: |r| report_number(r, |x| x.invest_year_plan),
    },
    Column {
        header: "累计完成投资(万元)",
        width: 8.0,
        kind: NumberKind::Money,
        optional: true,
        in_pdf: false,
        value: |r| report_number(r, |x| x.invest_done),
    },
    Column {
        header: "占总投资",
        width: 5.0,
        kind: NumberKind::Percent,
        optional: true,
        in_pdf: false,
        value: |r| match r.report.as_ref().and_then(|x| Some((x.invest_done?, x.invest_total?))) {
            Some((d, t)) if t > 0.0 => Cell::Percent(d / t),
            _ => Cell::Empty,
        },
    },
    Column {
        header: "形象进度",
        width: 10.0,
        kind: NumberKind::Text,
        optional: true,
        in_pdf: true,
        value: |r| report_text(r, |x| &x.progress_text),
    },
    Column {
        header: "存在问题",
        width: 10.0,
        kind: NumberKind::Text,
        optional: true,
        in_pdf: true,
        value: |r| report_text(r, |x| &x.problems),
    },
    Column {
        header: "需协调事项",
        width: 10.0,
        kind: NumberKind::Text,
        optional: true,
        in_pdf: false,
        value: |r| report_text(r, |x| &x.coordination),
    },
    Column {
        header: "解决时限",
        width: 6.0,
        kind: NumberKind::Text,
        optional: true,
        in_pdf: false,
        value: |r| report_text(r, |x| &x.coordination_due),
    },
    Column {
        header: "责任单位",
        width: 10.0,
        kind: NumberKind::Text,
        optional: true,
        in_pdf: true,
        value: |r| {
            Cell::text(
                r.project
                    .responsible_unit
                    .clone()
                    .or_else(|| r.report.as_ref().map(|x| x.coordination_unit.clone()))
                    .unwrap_or_default(),
            )
        },
    },
    Column {
        header: "责任人",
        width: 5.0,
        kind: NumberKind::Text,
        optional: true,
        in_pdf: false,
        value: |r| Cell::text(r.project.responsible_person.clone().unwrap_or_default()),
    },
    Column {
        header: "填报期",
        width: 5.0,
        kind: NumberKind::Text,
        optional: true,
        in_pdf: false,
        value: |r| r.report.as_ref().map_or(Cell::Empty, |x| Cell::text(x.period.to_string())),
    },
    Column {
        header: "规划依据",
        width: 30.0,
        kind: NumberKind::Text,
        optional: false,
        in_pdf: false,
        value: |r| Cell::text(r.project.source.clone()),
    },
];

impl ReviewSheet {
    /// The sheet of `rows` (indices into the portfolio), with each project's latest report.
    pub fn new(portfolio: &Portfolio, rows: &[usize], latest: &[Report], meta: SheetMeta) -> Self {
        let by_project: HashMap<_, _> = latest.iter().map(|r| (r.project, r)).collect();
        let rows = rows
            .iter()
            .map(|&i| {
                let project = portfolio.projects[i].clone();
                SheetRow {
                    report: by_project.get(&project.id).map(|r| (*r).clone()),
                    schedule: portfolio.schedule(i),
                    lagging: portfolio.lagging(i),
                    light: Some(portfolio.verdict(i)),
                    project,
                }
            })
            .collect();
        Self { meta, rows }
    }

    /// The columns this sheet shows: every fixed one, and the optional ones some row fills.
    pub fn columns(&self, for_pdf: bool) -> Vec<&'static Column> {
        COLUMNS
            .iter()
            .filter(|c| !for_pdf || c.in_pdf)
            .filter(|c| !c.optional || self.rows.iter().any(|r| (c.value)(r) != Cell::Empty))
            .collect()
    }
}

/// The export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Xlsx,
    Pdf,
    Csv,
}

impl ExportFormat {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Xlsx => "xlsx",
            Self::Pdf => "pdf",
            Self::Csv => "csv",
        }
    }
}

/// Why an export failed; no file was left behind (worded in `words::export`).
#[derive(Debug)]
pub enum ExportError {
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    Xlsx(rust_xlsxwriter::XlsxError),
    Pdf(String),
    Docx(String),
    /// A document part holding a character XML does not allow (its code and byte offset).
    XmlChar {
        part: String,
        code: u32,
        at: usize,
    },
    /// A document part that does not parse as XML.
    NotXml {
        part: String,
        said: String,
    },
    Csv(::csv::Error),
    /// The open database or one of its backups.
    Protected {
        path: std::path::PathBuf,
    },
    Exists {
        path: std::path::PathBuf,
    },
    /// A folder where a file was to be written.
    IsFolder {
        path: std::path::PathBuf,
    },
}

impl From<rust_xlsxwriter::XlsxError> for ExportError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        Self::Xlsx(e)
    }
}

impl From<::csv::Error> for ExportError {
    fn from(e: ::csv::Error) -> Self {
        Self::Csv(e)
    }
}

/// Renders the sheet and writes it to `path` through a temporary file.
///
/// # Errors
/// [`ExportError`]; `path` is untouched then.
pub fn export(sheet: &ReviewSheet, format: ExportFormat, path: &Path, rules: &OutputRules) -> Result<(), ExportError> {
    rules.check_file(path)?;
    let bytes = match format {
        ExportFormat::Xlsx => write_xlsx(sheet)?,
        ExportFormat::Pdf => write_pdf(sheet)?,
        ExportFormat::Csv => write_csv(sheet)?,
    };
    rules.write(path, &bytes)
}
