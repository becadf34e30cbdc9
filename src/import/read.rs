//! Reading a spreadsheet file into a plain table of typed cells. The format is told by content:
//! XLSX and ODS through our own streaming readers of the sheet XML (sparse: only cells that exist
//! cost memory, and each cell keeps its kind: percentage, date, time, boolean, error, formula),
//! XLS through calamine after a check of its extent, CSV and tab-separated text as UTF-8, GBK or
//! UTF-16. Every reader stops at [`MAX_ROWS`] rows, [`MAX_COLUMNS`] columns, [`MAX_CELLS`] cells
//! and [`MAX_TEXT`] bytes of text, so no file can exhaust memory.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Cursor;
use std::path::Path;

use super::ImportError;

/// The most an archive may expand to, and the most bytes read from any one of its entries.
pub const MAX_EXPANDED: u64 = 200 * 1024 * 1024;
/// The largest file read at all.
pub const MAX_FILE: u64 = 100 * 1024 * 1024;
/// Rows of a sheet read at most (a cell further down is refused with its address).
pub const MAX_ROWS: usize = 200_000;
/// Columns read at most (column GR).
pub const MAX_COLUMNS: usize = 200;
/// Cells (including the blanks between them in a row) held at most.
pub const MAX_CELLS: usize = 4_000_000;
/// Bytes of text held at most.
pub const MAX_TEXT: usize = 64 * 1024 * 1024;

/// A date cell, as the user typed it (time of day in seconds, 0 for a plain date).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CellDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub seconds: u32,
}

impl CellDate {
    /// From a spreadsheet serial number (days since 1899-12-30, or since 1904-01-01 when
    /// `is_1904`); `None` outside the years 1–9999 or for a non-finite number.
    pub fn from_serial(serial: f64, is_1904: bool) -> Option<Self> {
        if !serial.is_finite() || !(0.0..3_000_000.0).contains(&serial) {
            return None;
        }
        let serial = if is_1904 { serial + 1462.0 } else { serial };
        let mut days = serial.floor();
        let mut seconds = ((serial - days) * 86_400.0).round();
        if seconds >= 86_400.0 {
            days += 1.0;
            seconds = 0.0;
        }
        // Days since 1970-01-01: the serial of 1970-01-01 is 25,569.
        let (year, month, day) = crate::domain::civil_date(days as i64 - 25_569);
        Some(Self { year, month, day, seconds: seconds as u32 })
    }

    /// From ISO 8601 text: `2025-06-15`, `2025-06-15T08:30:00`, `2025-06-15 08:30`.
    pub fn parse_iso(text: &str) -> Option<Self> {
        let text = text.trim();
        let (date, time) = match text.split_once(['T', ' ']) {
            Some((d, t)) => (d, Some(t)),
            None => (text, None),
        };
        let mut parts = date.splitn(3, '-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: u8 = parts.next()?.parse().ok()?;
        let day: u8 = parts.next()?.parse().ok()?;
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return None;
        }
        let seconds = match time {
            None => 0,
            Some(t) => {
                let t = t.trim_end_matches('Z');
                let mut hms = t.splitn(3, ':');
                let h: u32 = hms.next()?.parse().ok()?;
                let m: u32 = hms.next().unwrap_or("0").parse().ok()?;
                let s: f64 = hms.next().unwrap_or("0").parse().ok()?;
                if h > 23 || m > 59 || !(0.0..61.0).contains(&s) {
                    return None;
                }
                h * 3600 + m * 60 + s as u32
            }
        };
        Some(Self { year, month, day, seconds })
    }
}

impl std::fmt::Display for CellDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)?;
        if self.seconds > 0 {
            let (h, m, s) = (self.seconds / 3600, self.seconds / 60 % 60, self.seconds % 60);
            if s > 0 { write!(f, " {h:02}:{m:02}:{s:02}") } else { write!(f, " {h:02}:{m:02}") }
        } else {
            Ok(())
        }
    }
}

/// One cell, with the kind the spreadsheet gave it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
    /// A number shown as a percentage: a typed `50%` is 0.5.
    Percent(f64),
    /// A date (or date and time) cell.
    Date(CellDate),
    /// A time of day or a duration, in days (0.5 is 12:00).
    Time(f64),
    Bool(bool),
    /// An error value such as `#DIV/0!` or `#REF!`.
    Error(String),
    Empty,
}

impl Value {
    /// The cell as text, as the spreadsheet shows it (numbers without trailing zeros, `50%`,
    /// `2025-06-15`, `08:30`, `TRUE`, `#DIV/0!`).
    pub fn text(&self) -> String {
        match self {
            Self::Text(t) => t.clone(),
            Self::Number(v) => crate::domain::format_quantity(*v),
            Self::Percent(v) => format!("{}%", crate::domain::format_quantity(v * 100.0)),
            Self::Date(d) => d.to_string(),
            Self::Time(days) => {
                let secs = (days * 86_400.0).round();
                if secs.is_finite() && (0.0..1e9).contains(&secs) {
                    let secs = secs as u64;
                    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
                    if s > 0 { format!("{h:02}:{m:02}:{s:02}") } else { format!("{h:02}:{m:02}") }
                } else {
                    crate::domain::format_quantity(*days)
                }
            }
            Self::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Self::Error(e) => e.clone(),
            Self::Empty => String::new(),
        }
    }

    /// Whether the cell holds nothing (or only spaces).
    pub fn is_blank(&self) -> bool {
        match self {
            Self::Empty => true,
            Self::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// A sheet's cells, and which of them hold formulas.
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub rows: Vec<Vec<Value>>,
    /// (row, column) of cells with a formula, 0-based like `rows`. A formula cell holds the
    /// value the spreadsheet last calculated; [`Value::Empty`] when there is none.
    pub formulas: BTreeSet<(usize, usize)>,
    /// The sheet's name in the workbook (empty for CSV).
    pub sheet: String,
    /// The workbook's 问题清单 sheet, when it has one beside the update sheet (never for CSV).
    pub items: Option<Box<Table>>,
    /// Other sheets that are a 问题清单 too (by name or by header) and were not read as it: a
    /// district's two renamed copies, or a copy beside the sheet named 问题清单. Said in the
    /// preview, not dropped without a word.
    pub items_left_out: Vec<String>,
    /// The workbook's sheets by name, in its order (empty for CSV): what a reviewer picks from
    /// when the sheet read is not the one wanted.
    pub sheets: Vec<String>,
    /// Columns the sheet hides (0-based), where the format says (XLSX): a visible column is
    /// preferred to a hidden one of the same name.
    pub hidden: BTreeSet<usize>,
    /// Cells merged down over the rows below them (XLSX, XLS, ODS): (column, top row) → bottom row,
    /// 0-based. The merged value is held by the top cell only; the rows below read empty.
    pub merged_down: BTreeMap<(usize, usize), usize>,
}

/// The most vertical merges a sheet's reading keeps (a ledger has a few dozen).
pub const MAX_MERGES: usize = 100_000;

impl Table {
    /// Whether row `r` (0-based) holds neither a value nor a formula.
    pub fn is_blank_row(&self, r: usize) -> bool {
        self.rows.get(r).is_none_or(|row| row.iter().all(Value::is_blank))
            && self.formulas.range((r, 0)..(r + 1, 0)).next().is_none()
    }
}

/// The spreadsheet name of a cell: (0, 0) is A1.
pub fn cell_name(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    // Hostile files give counts near usize::MAX; the name must not overflow.
    let mut c = col.saturating_add(1);
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.push(b'A' + rem as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row.saturating_add(1))
}

/// Builds a [`Table`] from cells in any order, within the limits.
#[derive(Debug, Default)]
pub(super) struct TableBuilder {
    table: Table,
    cells: usize,
    text: usize,
}

impl Table {
    /// The top row of the cells merged down over `(row, col)`, when `row` lies below it in one.
    pub fn merged_top(&self, row: usize, col: usize) -> Option<usize> {
        let (&(c, top), &bottom) = self.merged_down.range(..=(col, row)).next_back()?;
        (c == col && top < row && row <= bottom).then_some(top)
    }
}

impl TableBuilder {
    pub(super) fn new(sheet: &str) -> Self {
        Self { table: Table { sheet: sheet.to_string(), ..Table::default() }, ..Self::default() }
    }

    /// Refuses a cell beyond [`MAX_ROWS`] × [`MAX_COLUMNS`].
    pub(super) fn check_position(row: usize, col: usize) -> Result<(), ImportError> {
        if row >= MAX_ROWS || col >= MAX_COLUMNS {
            return Err(ImportError::FarCell { cell: cell_name(row, col) });
        }
        Ok(())
    }

    /// Places a cell (with or without a formula). Blank cells without a formula cost nothing.
    pub(super) fn set(&mut self, row: usize, col: usize, value: Value, formula: bool) -> Result<(), ImportError> {
        if value == Value::Empty && !formula {
            return Ok(());
        }
        Self::check_position(row, col)?;
        if let Value::Text(t) | Value::Error(t) = &value {
            self.text = self.text.saturating_add(t.len());
            if self.text > MAX_TEXT {
                return Err(ImportError::TooMuch);
            }
        }
        let rows = &mut self.table.rows;
        if rows.len() <= row {
            rows.resize_with(row + 1, Vec::new);
        }
        let cells = &mut rows[row];
        if cells.len() <= col {
            self.cells = self.cells.saturating_add(col + 1 - cells.len());
            if self.cells > MAX_CELLS {
                return Err(ImportError::TooMuch);
            }
            cells.resize(col + 1, Value::Empty);
        }
        cells[col] = value;
        if formula {
            self.table.formulas.insert((row, col));
        }
        Ok(())
    }

    /// Records cells merged down in column `col` from row `top` to row `bottom` (0-based); a
    /// merge across columns (a title) is not one. A merge holds no value of its own: one beyond
    /// the rows and columns read (a column merged to the sheet's last row, a formatted block far
    /// to the right) is cut to them, not refused as a far cell.
    pub(super) fn merge_down(&mut self, col: usize, top: usize, bottom: usize) -> Result<(), ImportError> {
        let bottom = bottom.min(MAX_ROWS - 1);
        if bottom <= top || col >= MAX_COLUMNS {
            return Ok(());
        }
        if self.table.merged_down.len() >= MAX_MERGES {
            return Err(ImportError::TooMuch);
        }
        self.table.merged_down.insert((col, top), bottom);
        Ok(())
    }

    /// Marks columns hidden.
    pub(super) fn hide(&mut self, columns: impl Iterator<Item = usize>) {
        self.table.hidden.extend(columns);
    }

    pub(super) fn finish(self) -> Table {
        self.table
    }
}

/// Which sheet of a workbook to read.
#[derive(Clone, Copy, Default)]
pub enum SheetChoice<'a> {
    /// A district's update sheet: the first with an update header (a sheet named 填报表 first),
    /// and the 问题清单 beside it (by its name, else by its header).
    #[default]
    Update,
    /// The first sheet `wanted` takes (an office ledger: the first whose header is found, past a
    /// cover sheet of 填报说明 or a summary), else the first that is not empty.
    First(&'a dyn Fn(&Table) -> bool),
    /// The sheet of this name, or of this 1-based number in the workbook's order.
    Named(&'a str),
}

impl std::fmt::Debug for SheetChoice<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Update => write!(f, "Update"),
            Self::First(_) => write!(f, "First(..)"),
            Self::Named(n) => write!(f, "Named({n:?})"),
        }
    }
}

/// Chooses the sheet to read among a workbook's sheets, as a [`SheetChoice`] says, and keeps the
/// 问题清单 aside.
#[derive(Debug, Default)]
pub(super) struct SheetPicker<'a> {
    choice: SheetChoice<'a>,
    with_header: Option<Table>,
    first: Option<Table>,
    items: Option<Table>,
    /// The 问题清单 kept was found by its name (one found by its header gives way to it).
    items_named: bool,
    /// The workbook's sheet names in its order, as far as known.
    names: Vec<String>,
    /// Other sheets that are a 问题清单 too, not read as it ([`Table::items_left_out`]).
    items_left_out: Vec<String>,
}

/// Whether a sheet's name makes it the 问题清单: the template's name, or one that begins with it
/// (Excel names a copy of the sheet "问题清单 (2)"; a district may add its place). Without this a
/// renamed sheet's 销号 were dropped without a word.
pub(super) fn is_items_sheet(name: &str) -> bool {
    name.trim().starts_with(super::ITEMS_SHEET)
}

/// How many rows of a sheet read only to see whether it is a 问题清单 renamed are read first:
/// its header is within the first 12 rows of cells, an update sheet's within 30, and rows
/// without cells are not counted by the tables, so more are read than those.
pub(super) const ITEMS_PEEK_ROWS: usize = 1_000;

/// Whether a sheet is the 问题清单 by its name, or, named otherwise ("Sheet2"), by its header
/// (问题编号 and 办理结果) where it has no update sheet's header: a district that renamed the
/// sheet lost its 销号 without a word.
pub(super) fn is_items_table(table: &Table) -> bool {
    is_items_sheet(&table.sheet) || (super::items::has_items_header(table) && !super::has_header(table))
}

impl<'a> SheetPicker<'a> {
    /// A picker for a workbook with these sheet names (in its order; none when the reader
    /// learns them sheet by sheet).
    pub(super) fn new<'n>(names: impl Iterator<Item = &'n str>, choice: SheetChoice<'a>) -> Self {
        let names: Vec<String> = names.map(str::to_string).collect();
        Self { choice, names, ..Self::default() }
    }

    /// Whether the sheets are offered with 填报表 and 问题清单 first (for an update sheet);
    /// otherwise in the workbook's order.
    pub(super) fn update_order(&self) -> bool {
        matches!(self.choice, SheetChoice::Update)
    }

    /// Whether this sheet (the `index`th in the workbook's order, 0-based) is the one named.
    fn is_named(&self, table: &Table, index: usize, wanted: &str) -> bool {
        let wanted = wanted.trim();
        if table.sheet.trim() == wanted {
            return true;
        }
        let named_so = self.names.iter().any(|n| n.trim() == wanted);
        !named_so && wanted.parse::<usize>().is_ok_and(|n| n == index + 1)
    }

    /// Offers a sheet; true when there is no need to read further ([`SheetPicker::done`]).
    pub(super) fn offer(&mut self, table: Table) -> bool {
        let index = self.names.iter().position(|n| *n == table.sheet).unwrap_or_else(|| {
            self.names.push(table.sheet.clone());
            self.names.len() - 1
        });
        match self.choice {
            SheetChoice::Update if is_items_sheet(&table.sheet) && !self.items_named => {
                if let Some(found) = self.items.replace(table) {
                    self.items_left_out.push(found.sheet);
                }
                self.items_named = true;
            }
            SheetChoice::Update if is_items_sheet(&table.sheet) => self.items_left_out.push(table.sheet),
            SheetChoice::Update if is_items_table(&table) => {
                if self.items.is_some() {
                    self.items_left_out.push(table.sheet);
                } else {
                    self.items = Some(table);
                }
            }
            _ if self.with_header.is_some() => {}
            SheetChoice::Update if super::has_header(&table) => self.with_header = Some(table),
            SheetChoice::First(wanted) if wanted(&table) => self.with_header = Some(table),
            SheetChoice::Named(wanted) if self.is_named(&table, index, wanted) => self.with_header = Some(table),
            SheetChoice::Update | SheetChoice::First(_) if self.first.is_none() && !table.rows.is_empty() => {
                self.first = Some(table);
            }
            _ => {}
        }
        self.done()
    }

    /// Whether the sheet `name` is read only to see whether it is a 问题清单 renamed ("Sheet2"):
    /// the update sheet is found, and the sheet is not named 问题清单. Such a sheet was not read
    /// at all before a renamed 问题清单 was looked for, so one that cannot be read (a cell past
    /// the 200 columns or 200,000 rows read, too much text) is passed over: it made the import
    /// of a good update sheet fail, naming a cell that no sheet a district filled holds.
    pub(super) fn only_for_items(&self, name: &str) -> bool {
        matches!(self.choice, SheetChoice::Update) && self.with_header.is_some() && !is_items_sheet(name)
    }

    /// Whether there is no need to read further: the sheet is found (an office ledger's, a named
    /// one). Every sheet of an update workbook is offered: a second 问题清单 (two renamed copies,
    /// a copy beside the one named so) is said in the preview rather than left out without a
    /// word, and the one named so wins wherever it is; an XLSX's other sheets are read to their
    /// first rows only to tell.
    pub(super) fn done(&self) -> bool {
        match self.choice {
            SheetChoice::Update => false,
            SheetChoice::First(_) | SheetChoice::Named(_) => self.with_header.is_some(),
        }
    }

    /// `table`, the update sheet a reader found itself (an ODS's 填报表), with the 问题清单 kept
    /// and the workbook's sheets.
    pub(super) fn finish_beside(self, mut table: Table) -> Table {
        table.items = self.items.map(Box::new);
        table.items_left_out = self.items_left_out;
        table.sheets = self.names;
        table
    }

    /// The sheet chosen; a named sheet that is not there is [`ImportError::NoSuchSheet`].
    pub(super) fn finish(self) -> Result<Table, ImportError> {
        if let SheetChoice::Named(wanted) = self.choice
            && self.with_header.is_none()
        {
            return Err(ImportError::NoSuchSheet { wanted: wanted.to_string(), sheets: self.names });
        }
        let (mut table, items) = match (self.with_header.or(self.first), self.items) {
            (Some(table), items) => (table, items),
            // No other sheet: the one kept as the 问题清单 is what the workbook holds, read as the
            // update sheet so that the refusal says what it lacks (the header; two columns for
            // one field in an update sheet that also lists 问题编号 and 办理结果), not "no data".
            (None, items) => (items.unwrap_or_default(), None),
        };
        table.items = items.map(Box::new);
        table.items_left_out = self.items_left_out;
        table.sheets = self.names;
        Ok(table)
    }
}

/// Sheet names with 填报表 first and 问题清单 second, keeping the others in workbook order.
pub(super) fn update_sheet_first<T>(sheets: Vec<(String, T)>) -> Vec<(String, T)> {
    let (mut first, rest): (Vec<_>, Vec<_>) = sheets.into_iter().partition(|(n, _)| n.trim() == "填报表");
    let (items, rest): (Vec<_>, Vec<_>) = rest.into_iter().partition(|(n, _)| is_items_sheet(n));
    first.extend(items);
    first.extend(rest);
    first
}

/// Refuses an archive whose entries say they expand to more than [`MAX_EXPANDED`] (the readers
/// also stop reading any entry past that, in case the sizes lie).
fn check_archive(bytes: &[u8]) -> Result<(), ImportError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ImportError::NotASheet(format!("zip: {e}")))?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|e| ImportError::NotASheet(format!("zip: {e}")))?;
        total = total.saturating_add(entry.size());
    }
    if total > MAX_EXPANDED {
        return Err(ImportError::ZipBomb(total / (1024 * 1024)));
    }
    Ok(())
}

fn read_zip(bytes: &[u8], choice: SheetChoice<'_>) -> Result<Table, ImportError> {
    check_archive(bytes)?;
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ImportError::NotASheet(format!("zip: {e}")))?;
    let names = super::xml::names(&archive);
    let has = |wanted: &str| names.iter().any(|n| n.eq_ignore_ascii_case(wanted));
    if has("xl/workbook.xml") || names.iter().any(|n| n.to_ascii_lowercase().starts_with("xl/worksheets/")) {
        return super::xlsx::read(archive, choice);
    }
    if has("content.xml") {
        return super::ods::read(archive, choice);
    }
    if has("xl/workbook.bin") {
        return Err(ImportError::Xlsb);
    }
    Err(ImportError::NoWorksheet)
}

/// Reads a spreadsheet's bytes, telling the format by content, not by the file name.
///
/// # Errors
/// [`ImportError`] saying what the file is and what to do.
pub fn read_table(bytes: &[u8]) -> Result<Table, ImportError> {
    read_table_from(bytes, SheetChoice::Update)
}

/// As [`read_table`], reading the sheet `choice` names (a CSV has one).
///
/// # Errors
/// As [`read_table`]; [`ImportError::NoSuchSheet`] for a named sheet the workbook lacks.
pub fn read_table_from(bytes: &[u8], choice: SheetChoice<'_>) -> Result<Table, ImportError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty);
    }
    if bytes.len() as u64 > MAX_FILE {
        return Err(ImportError::FileTooBig(bytes.len() as u64 / (1024 * 1024)));
    }
    if bytes.starts_with(b"%PDF") {
        return Err(ImportError::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return read_zip(bytes, choice);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        // An old .xls (OLE compound file).
        return super::xls::read(bytes, choice);
    }
    super::text::read(bytes)
}

/// Reads a spreadsheet file, refusing one larger than [`MAX_FILE`] before reading it.
///
/// # Errors
/// [`ImportError::Io`] when the file cannot be read, else as [`read_table`].
pub fn read_file(path: &Path) -> Result<Table, ImportError> {
    let io = |source| ImportError::Io { path: path.to_path_buf(), source };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_FILE {
        return Err(ImportError::FileTooBig(size / (1024 * 1024)));
    }
    read_table(&std::fs::read(path).map_err(io)?)
}

#[cfg(test)]
mod tests {
    use super::{CellDate, SheetChoice, SheetPicker, Table, Value, cell_name};

    fn sheet(name: &str, header: &[&str]) -> Table {
        let header = header.iter().map(|h| Value::Text((*h).to_string())).collect();
        Table { rows: vec![header], sheet: name.to_string(), ..Table::default() }
    }

    /// The 问题清单 of an update workbook is found by its name, or, renamed to something that
    /// says nothing ("Sheet2"), by its header; the one named so wins when there are both.
    #[test]
    fn the_items_sheet_is_known_by_its_name_else_by_its_header() {
        let update = || sheet("填报表", &["项目编号", "状态"]);
        let items = |name: &str| sheet(name, &["问题编号", "项目编号", "办理结果"]);
        let other = || sheet("汇总", &["区县", "项目数"]);
        let pick = |sheets: Vec<Table>| {
            let names: Vec<String> = sheets.iter().map(|t| t.sheet.clone()).collect();
            let mut picker = SheetPicker::new(names.iter().map(String::as_str), SheetChoice::Update);
            let offered = sheets.len();
            let read = sheets.into_iter().take_while(|t| !picker.offer(t.clone())).count();
            let table = picker.finish().expect("picked");
            (table.sheet.clone(), table.items.map(|i| i.sheet), (read + 1).min(offered))
        };
        // Every sheet is offered: another sheet may be a 问题清单 too.
        assert_eq!(pick(vec![update(), items("Sheet2"), other()]), ("填报表".into(), Some("Sheet2".into()), 3));
        assert_eq!(pick(vec![items("Sheet2"), update()]), ("填报表".into(), Some("Sheet2".into()), 2));
        assert_eq!(
            pick(vec![items("Sheet2"), update(), items("问题清单")]),
            ("填报表".into(), Some("问题清单".into()), 3),
            "the sheet named 问题清单 wins"
        );
        assert_eq!(pick(vec![update(), other()]), ("填报表".into(), None, 2), "none: read to the end");
        // An update sheet that also lists 问题编号 and 办理结果 is the update sheet.
        let both = sheet("Sheet1", &["项目编号", "状态", "问题编号", "办理结果"]);
        assert_eq!(pick(vec![both]), ("Sheet1".into(), None, 1));
        // Two renamed copies, or one beside the sheet named 问题清单: the one not read is named.
        let left_out = |sheets: Vec<Table>| {
            let names: Vec<String> = sheets.iter().map(|t| t.sheet.clone()).collect();
            let mut picker = SheetPicker::new(names.iter().map(String::as_str), SheetChoice::Update);
            sheets.into_iter().take_while(|t| !picker.offer(t.clone())).for_each(drop);
            let table = picker.finish().expect("picked");
            (table.items.map(|i| i.sheet), table.items_left_out)
        };
        assert_eq!(
            left_out(vec![update(), items("Sheet2"), other(), items("Sheet3")]),
            (Some("Sheet2".into()), vec!["Sheet3".to_string()])
        );
        assert_eq!(
            left_out(vec![items("Sheet2"), update(), items("问题清单")]),
            (Some("问题清单".into()), vec!["Sheet2".to_string()])
        );
        assert_eq!(left_out(vec![update(), items("Sheet2")]), (Some("Sheet2".into()), Vec::new()));
    }

    /// A workbook of a 问题清单 alone (a district sent it without 填报表), or whose update sheet's
    /// header is refused (两列 完成量 and 累计完成量) while it also lists 问题编号 and 办理结果: the
    /// sheet was taken for the 问题清单 and the table read was empty, so the import said "表中没有
    /// 数据" of a sheet full of rows. The sheet is read as the update sheet, for the refusal to say
    /// what it lacks.
    #[test]
    fn a_workbook_of_an_items_sheet_alone_is_not_said_to_be_empty() {
        for name in ["Sheet1", "问题清单"] {
            let mut picker = SheetPicker::new([name].into_iter(), SheetChoice::Update);
            picker.offer(sheet(name, &["问题编号", "项目编号", "办理结果"]));
            let table = picker.finish().expect("picked");
            assert_eq!((table.sheet.as_str(), table.rows.len(), table.items.is_none()), (name, 1, true));
        }
    }

    /// An ODS reader learns the sheets' names table by table: a 问题清单 found by its header
    /// ("Sheet2") must not end the search, for a sheet named 问题清单 after it wins (the ODS
    /// reader stopped at Sheet2 and read the stale copy's 销号 instead of the 问题清单's).
    #[test]
    fn names_learnt_sheet_by_sheet_still_let_the_named_items_sheet_win() {
        let mut picker = SheetPicker::new(std::iter::empty(), SheetChoice::Update);
        assert!(!picker.offer(sheet("填报表", &["项目编号", "状态"])));
        picker.offer(sheet("Sheet2", &["问题编号", "项目编号", "办理结果"]));
        picker.offer(sheet("问题清单", &["问题编号", "项目编号", "办理结果"]));
        let table = picker.finish().expect("picked");
        assert_eq!(table.items.map(|i| i.sheet), Some("问题清单".into()));
    }

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
        assert_eq!(cell_name(9, 27), "AB10");
    }

    #[test]
    fn serial_dates() {
        let d = CellDate::from_serial(45_823.0, false).expect("date");
        assert_eq!((d.year, d.month, d.day), (2025, 6, 15));
        let d = CellDate::from_serial(45_823.5, false).expect("date");
        assert_eq!(d.to_string(), "2025-06-15 12:00");
        let d = CellDate::from_serial(44_361.0, true).expect("1904");
        assert_eq!((d.year, d.month, d.day), (2025, 6, 15));
        assert!(CellDate::from_serial(f64::NAN, false).is_none());
        assert_eq!(CellDate::parse_iso("2025-06-15T08:30:00").map(|d| d.seconds), Some(30_600));
        assert_eq!(Value::Percent(0.5).text(), "50%");
        assert_eq!(Value::Time(0.354_166_666_7).text(), "08:30");
    }
}
