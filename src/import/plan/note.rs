//! What a plan draft's notes and problems say, as kinds with their data (the rows, the figures,
//! the text as printed). Worded in Chinese and English by `words::plan`, in the reader's
//! language; nothing here words anything.

use crate::domain::{AmountError, FieldProblem};

/// What a note or a problem of a draft is about.
#[derive(Clone, Debug, PartialEq)]
pub enum NoteKind {
    // A plan's text.
    /// A total (合计) whose parts, shared out by place, add up to another figure (the note's
    /// line is the total's; the words do not say it again).
    PartsDiffer { source: String, total: f64, sum: f64, unit: String },
    /// A row states a year outside the plan period.
    YearOutside { name: String, year: i32, start: i32, end: i32 },
    /// One name and place met on two lines.
    Twice { name: String, place: Option<String>, first: usize, line: usize },
    /// The title makes the text a list for one year: the undated rows are due within it.
    TitleYear { year: i32, undated: usize },
    /// No project was recognised in the text.
    NoProjects,
    // An office ledger.
    /// A row under the table read as a note.
    NoteRow { text: String },
    /// A cell of the column `header` could not be read.
    Cell { header: String, problem: ValueProblem },
    /// A row with cells filled but no name.
    NoName { header: String },
    /// A name longer than the database keeps.
    NameTooLong { header: String, chars: usize, max: usize },
    /// A section, subtotal or total row whose figure in `header` is not the sum of its rows.
    SumDiffers { label: String, header: String, stated: f64, sum: f64, of: SumOf },
    /// Rows with one name and place.
    SameRows { lines: Vec<usize>, name: String, place: Option<String> },
    /// A place the gazetteer does not know, at these rows.
    UnknownPlace { place: String, rows: Rows },
    /// A 建设性质 the project editor does not take, at these rows.
    UnknownNature { nature: String, rows: Rows },
    /// Header columns no field took: each one's label and its column's letter.
    Unmapped { columns: Vec<(String, String)> },
    /// How many rows of each kind became no project.
    Skipped { counts: Vec<(SkippedRow, usize)> },
    /// A stated year outside the period settled for the import (the command line's check).
    OutsidePeriod { name: String, year: i32, start: i32, end: i32 },
}

/// Why a ledger cell could not be read as its column's value.
#[derive(Clone, Debug, PartialEq)]
pub enum ValueProblem {
    /// The cell is an error value (`#DIV/0!`).
    ErrorValue { error: String },
    /// The cell is TRUE or FALSE.
    Boolean { value: bool },
    /// A formula without a calculated value in the file.
    Uncalculated,
    /// An amount that does not read (its text, the column's unit).
    Amount { error: AmountError, text: String, unit: String },
    /// A percentage where an amount belongs.
    AmountPercent { shown: String, unit: String },
    /// A date or time where an amount belongs.
    AmountDate { shown: String, unit: String },
    /// A negative investment, in 万元.
    Negative { wan: f64 },
    /// A value a field refuses (not a number, far too large, a project code of the wrong form).
    Field(FieldProblem),
    /// 建设年限 whose first year is after its last.
    YearsReversed { start: i32, end: i32 },
    /// A percentage where a completion time belongs.
    FinishPercent { shown: String },
    /// Text that is no month.
    NotAMonth { text: String },
    /// An 入库 cell that is neither yes, no nor a month.
    Registration { text: String },
    /// A status word the reader does not know.
    UnknownStatus { text: String },
}

/// What a stated figure should be the sum of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SumOf {
    /// The projects of its section.
    Section,
    /// The projects above (a grand total).
    Above,
    /// The projects since the last subtotal.
    Subtotal,
}

/// The rows a note is about: the first ten of them, and how many there are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rows {
    pub first: Vec<usize>,
    pub all: usize,
}

impl Rows {
    /// How many rows a note lists by number.
    pub const SHOWN: usize = 10;

    /// The first [`Self::SHOWN`] of `lines`, and their count.
    pub fn of(lines: &[usize]) -> Self {
        Self { first: lines.iter().take(Self::SHOWN).copied().collect(), all: lines.len() }
    }
}

/// A ledger row that became no project.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SkippedRow {
    /// Blank, or numbered only.
    Blank,
    /// A subtotal or total.
    Total,
    /// A note under the table.
    Note,
    /// A section heading.
    Section,
    /// Cells filled but no name.
    NoName,
}
