//! A new plan from outside: a plan document (`.txt`, `.docx`, `.pdf` with a text layer) or an
//! office ledger (重点项目台账 in `.xlsx`, `.xls`, `.ods`, `.csv`). Both end in a [`PlanDraft`]:
//! proposed rows, each with where it came from, for a reviewer to accept, edit or drop before
//! anything is written. Nothing here touches the database.

pub mod document;
mod file;
pub mod ledger;
mod note;

use serde::Serialize;

pub use document::{DocumentError, document_text, draft_from_text, read_document};
pub use file::{ColumnPreview, HeaderChoice, LedgerFile, PlanFile, PlanFileError, plan_from_bytes, read_plan_file};
pub use ledger::{
    ColumnMapping, LedgerError, LedgerField, MAX_HEADER_ROWS, MappedColumn, draft_from_ledger, header_at,
    propose_mapping,
};

pub use note::{NoteKind, Rows, SkippedRow, SumOf, ValueProblem};

use crate::domain::{Comparator, Status};

/// Which kind of file the draft was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DraftSource {
    /// A plan's text: rows are proposed from its sentences.
    Document,
    /// An office ledger: one row per project row of the sheet.
    Ledger,
}

/// One proposed project.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DraftRow {
    /// The project's name: a named project as printed, or a short name for a quantity target
    /// (`钟山区雨污分流管网`).
    pub name: String,
    /// The heading path as printed, outermost first, joined with " / "
    /// (`专栏6 城市基础设施 / 一、管网`), or the ledger's section rows (`一、市政基础设施 / （一）道路`).
    pub section: String,
    /// A category code of the catalogue ([`crate::domain::CATEGORIES`]) suggested by keywords,
    /// else `"other"`.
    pub category: String,
    /// The place as printed in the sentence or the 建设地点/所属区县 cell, where one is named.
    pub place: Option<String>,
    /// Target quantity and its unit as printed (0.4 公里, 500 张, 32.0867 万平方米).
    pub target: Option<f64>,
    pub unit: Option<String>,
    pub comparator: Option<Comparator>,
    /// Years only where stated (`2022—2025年`, `2025年底前`, a 建设年限 cell).
    pub start_year: Option<i32>,
    /// `None` when nothing states one: the plan's end year stands in, marked inferred.
    pub target_year: Option<i32>,
    /// The source clause verbatim (document), or the row's cells joined with " | " (ledger).
    pub source: String,
    /// Where the source sits: for a document, the byte range of `source` inside `context`;
    /// `context` is the paragraph it was read from, to show it highlighted.
    pub context: String,
    pub source_range: (usize, usize),
    /// 1-based row of the sheet (ledger) or line of the text (document).
    pub line: usize,
    // Ledger columns, where the sheet has them.
    /// 建设内容及规模.
    pub content: Option<String>,
    /// 建设性质.
    pub nature: Option<String>,
    /// 责任单位.
    pub owner: Option<String>,
    /// 项目业主, where the ledger has it apart from the 责任单位.
    pub proprietor: Option<String>,
    /// 责任人.
    pub person: Option<String>,
    pub status: Option<Status>,
    /// 总投资, 年度计划投资, 累计完成投资 in 万元.
    pub total_investment: Option<f64>,
    pub plan_investment: Option<f64>,
    pub done_investment: Option<f64>,
    /// 本年完成投资 (1-N月完成投资) in 万元, where the ledger gives it.
    pub year_done_investment: Option<f64>,
    /// 形象进度 / 项目进展情况.
    pub progress: Option<String>,
    /// 存在问题.
    pub problems: Option<String>,
    /// 需协调事项, and its 解决时限.
    pub coordination: Option<String>,
    pub coordination_due: Option<crate::domain::Period>,
    /// 计划完工时间 as printed.
    pub planned_finish: Option<String>,
    /// 计划开工时间, 项目代码 (checked) and 入库 (with its month where given).
    pub planned_start: Option<crate::domain::Period>,
    pub project_code: Option<String>,
    pub registered: Option<bool>,
    pub registered_in: Option<crate::domain::Period>,
}

/// Something the reviewer should look at; it does not stop the draft. Worded by `words::plan`
/// in the reader's language (and serialized with both wordings, `line`, `zh`, `en`).
#[derive(Clone, Debug, PartialEq)]
pub struct DraftNote {
    /// 1-based line or sheet row, 0 for the file as a whole.
    pub line: usize,
    /// What it says, with its data.
    pub kind: NoteKind,
}

/// What a plan document or ledger proposes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanDraft {
    pub source: DraftSource,
    /// The plan's title where the file states one (the document's first heading, the
    /// ledger's title block), else `None` and the user names it.
    pub title: Option<String>,
    /// The plan period where the file states one (`2026—2030年`, `十五五` → 2026–2030).
    pub start_year: Option<i32>,
    pub end_year: Option<i32>,
    /// 截止时间 of a ledger's figures (`截至2026年10月底` → 2026-10), where stated.
    pub as_of: Option<crate::domain::Period>,
    pub rows: Vec<DraftRow>,
    /// Warnings (a total that disagrees with its rows, a year outside the period, two rows with
    /// one name and place).
    pub notes: Vec<DraftNote>,
    /// Problems that block a row (a number where text belongs…): row, column, message.
    pub problems: Vec<DraftNote>,
    /// What was read but gave no draft: a document's sentences with a number and a unit or a
    /// list of names, a ledger's rows that are neither a project, a section, a total nor a
    /// note. Shown as 未识别 beside the drafts, never dropped without a word.
    pub unread: Vec<Unread>,
    /// How many sentences (document) or rows (ledger) could hold a project: the drafts came
    /// from `candidates - unread.len()` of them.
    pub candidates: usize,
}

/// Rows with figures but no month they stand at: they would be dropped or misdated, so the
/// month is asked for.
pub fn missing_month(rows: &[DraftRow], as_of: Option<crate::domain::Period>) -> bool {
    as_of.is_none() && rows.iter().any(DraftRow::has_figures)
}

impl DraftRow {
    /// Whether the row brings figures or words for a first report.
    pub fn has_figures(&self) -> bool {
        self.total_investment.is_some()
            || self.plan_investment.is_some()
            || self.done_investment.is_some()
            || self.year_done_investment.is_some()
            || self.status.is_some()
            || [&self.progress, &self.problems, &self.coordination]
                .iter()
                .any(|t| t.as_deref().is_some_and(|t| !t.trim().is_empty()))
    }
}

/// A sentence (or ledger row) that could hold a project and gave no draft.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Unread {
    /// 1-based line of the text, or row of the sheet.
    pub line: usize,
    /// The heading path it sits under, as a draft's section.
    pub section: String,
    /// The sentence verbatim, its paragraph, and where it sits in the paragraph (bytes).
    pub text: String,
    pub context: String,
    pub range: (usize, usize),
    /// Why nothing was made of it.
    pub why: UnreadWhy,
}

/// Why a sentence gave no draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnreadWhy {
    /// No rule of the reader fits it.
    NoRule,
    /// Its paragraph speaks only of years before the plan period: what was done.
    Past,
    /// Its numbers are rates, shares or per-head figures: indicators.
    Indicator,
    /// It gave rows, but lists names none of them carries: read in part.
    Partly,
}

impl Unread {
    /// A draft made by hand from the sentence: named by it (cut to 50 characters), with its
    /// first number and unit as the target where it has one, for the reviewer to edit.
    pub fn to_draft(&self) -> DraftRow {
        let quantity = document::first_quantity(&self.text);
        let name: String = self.text.trim_end_matches(['。', '；', ';']).chars().take(50).collect();
        DraftRow {
            name,
            section: self.section.clone(),
            category: document::suggest_category_of(&self.text).to_string(),
            target: quantity.as_ref().map(|q| q.0),
            unit: quantity.map(|q| q.1.to_string()),
            source: self.text.clone(),
            context: self.context.clone(),
            source_range: self.range,
            line: self.line,
            ..DraftRow::default()
        }
    }
}
