//! What is wrong with one cell or row of an update sheet, as data: the kind of problem and what
//! it names (the text typed, the rows, the ids). Worded in Chinese and English by `words::import`,
//! never here.

use crate::domain::{AmountError, FieldError, Period, ProjectId};

/// What a number column expects, for the words of a problem with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    /// 完成量: the quantity done, in the project's unit where it has one (公里, 所…; empty when not).
    Quantity { unit: String },
    /// An investment column: an amount in 万元.
    Amount,
}

/// A kind of value that is not a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotNumber {
    Date,
    Time,
}

/// Why a year-month cell (填报期, 解决时限) is not a month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotMonth {
    /// A date outside 2000–2100.
    OutOfRange,
    Number,
    Percent,
    Time,
}

/// Which rows a 合计 or 小计 row sums.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TotalScope {
    /// 合计: every row above.
    Above,
    /// 小计: the rows since the last subtotal.
    Subtotal,
}

/// One problem with a cell or a row (or, on the warnings' list, something worth a look).
#[derive(Clone, Debug, PartialEq)]
pub enum CellProblem {
    // Rows of the update sheet.
    /// A line under the table read as a note, with its text (a warning).
    Note {
        text: String,
    },
    /// A 合计 or 小计 that differs from the sum of its rows (a warning), both as shown.
    TotalDiffers {
        total: String,
        sum: String,
        scope: TotalScope,
    },
    /// A row for a month before the project's latest report (a warning): it is kept as that
    /// month's report, and the project's current state stays the later one's.
    OlderThanLatest {
        period: Period,
        latest: Period,
    },
    /// The other rows naming the same project (at most five), and how many more there are.
    SameProject {
        others: Vec<usize>,
        more: usize,
    },
    /// No project has the id typed.
    UnknownProject {
        id: String,
    },
    /// The id typed names `project`, whose name is not `typed` as the row says.
    IdNotName {
        id: String,
        project: String,
        typed: String,
    },
    /// No project of this name in this place, and no id.
    NoSuchProject {
        name: String,
        place: String,
    },
    /// What the domain's check of the report says.
    Field(FieldError),

    // Cells.
    /// A formula with no value in the file.
    Uncalculated,
    /// An error value (`#DIV/0!`).
    ErrorValue {
        error: String,
    },
    /// TRUE or FALSE where text or a number belongs.
    Boolean {
        value: bool,
    },
    /// A percentage in a number column (`column` as its header reads).
    Percent {
        shown: String,
        column: String,
        expected: Expected,
    },
    /// A date or a time in a number column.
    NotANumber {
        shown: String,
        kind: NotNumber,
        expected: Expected,
    },
    /// Text that is no amount in the column's unit (`unit`, where it has one).
    Amount {
        text: String,
        unit: Option<String>,
        error: AmountError,
    },
    /// A year-month column holding something else.
    NotAMonth {
        column: String,
        shown: String,
        why: NotMonth,
    },
    /// A year-month column holding text that reads as no month.
    MonthFormat {
        column: String,
        text: String,
    },
    /// A 状态 not in the list (`text` empty when none was chosen).
    UnknownStatus {
        text: String,
    },

    // The 问题清单 sheet.
    /// The sheet has no 问题编号 and 办理结果 columns.
    NoItemsHeader,
    NoItemId,
    UnknownItem {
        id: String,
    },
    /// The item belongs to a project not on the update sheet.
    ItemElsewhere {
        id: i64,
        project: ProjectId,
    },
    /// The item belongs to `project`, the row says `typed`.
    ItemNotProject {
        id: i64,
        project: ProjectId,
        typed: String,
    },
    /// The item was closed on `on`.
    ItemClosed {
        id: i64,
        on: String,
    },
    /// A 销号日期 or 办理情况 with no 办理结果.
    NoResult,
    /// A 办理结果 that is neither 办理中 nor 已销号.
    UnknownResult {
        text: String,
    },
    /// A 销号日期 on a row that does not close the item.
    DayNotClosing,
    /// 已销号 without 办理情况.
    ClosedWithoutNote,
    /// 已销号 without a 销号日期.
    ClosedWithoutDay,
    /// A 销号日期 that is no date.
    NotADay {
        text: String,
    },
    /// The other rows filling in the same item.
    SameItem {
        id: i64,
        others: Vec<usize>,
    },
}
