//! Reading a spreadsheet file into a plain table of cells: XLSX/XLS/ODS through calamine (after
//! checking the archive is not a zip bomb), CSV as UTF-8 or as GBK/GB18030 from Chinese Excel.

use std::collections::BTreeSet;
use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};

use super::ImportError;

/// The most an archive may expand to.
const MAX_EXPANDED: u64 = 200 * 1024 * 1024;

/// One cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
    Empty,
}

impl Value {
    /// The cell as text (numbers without trailing zeros).
    pub fn text(&self) -> String {
        match self {
            Self::Text(t) => t.clone(),
            Self::Number(v) => crate::domain::format_quantity(*v),
            Self::Empty => String::new(),
        }
    }
}

/// A sheet's cells, and which of them hold formulas.
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub rows: Vec<Vec<Value>>,
    /// (row, column) of cells with a formula, 0-based like `rows`.
    pub formulas: BTreeSet<(usize, usize)>,
}

fn from_data(d: &Data) -> Value {
    match d {
        Data::String(s) => Value::Text(s.clone()),
        Data::Float(f) => Value::Number(*f),
        Data::Int(i) => Value::Number(*i as f64),
        Data::Bool(b) => Value::Text(b.to_string()),
        Data::DateTime(dt) => Value::Number(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Value::Text(s.clone()),
        Data::Error(e) => Value::Text(format!("#{e:?}")),
        Data::Empty => Value::Empty,
    }
}

/// Refuses an archive whose entries expand to more than [`MAX_EXPANDED`].
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

fn read_workbook(bytes: &[u8]) -> Result<Table, ImportError> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| ImportError::NotASheet(e.to_string()))?;
    let names = book.sheet_names();
    let name = names
        .iter()
        .find(|n| n.as_str() == "填报表")
        .or_else(|| names.first())
        .cloned()
        .ok_or(ImportError::EmptySheet)?;
    let range = book.worksheet_range(&name).map_err(|e| ImportError::NotASheet(e.to_string()))?;
    let (top, left) = range.start().map_or((0, 0), |(r, c)| (r as usize, c as usize));
    let mut rows: Vec<Vec<Value>> = vec![Vec::new(); top];
    for row in range.rows() {
        let mut cells = vec![Value::Empty; left];
        cells.extend(row.iter().map(from_data));
        rows.push(cells);
    }
    let mut formulas = BTreeSet::new();
    if let Ok(f) = book.worksheet_formula(&name) {
        for (r, c, formula) in f.used_cells() {
            if !formula.is_empty() {
                let (fr, fc) = f.start().map_or((0, 0), |(r, c)| (r as usize, c as usize));
                formulas.insert((fr + r, fc + c));
            }
        }
    }
    Ok(Table { rows, formulas })
}

fn decode_text(bytes: &[u8]) -> Result<String, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
    if had_errors {
        return Err(ImportError::NotASheet("既不是 UTF-8 也不是 GBK 文本 / neither UTF-8 nor GBK text".into()));
    }
    Ok(text.into_owned())
}

fn read_csv(bytes: &[u8]) -> Result<Table, ImportError> {
    let text = decode_text(bytes)?;
    if text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Err(ImportError::NotASheet("含有二进制内容 / contains binary data".into()));
    }
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| ImportError::NotASheet(format!("CSV: {e}")))?;
        rows.push(
            record.iter().map(|f| if f.is_empty() { Value::Empty } else { Value::Text(f.to_string()) }).collect(),
        );
    }
    Ok(Table { rows, formulas: BTreeSet::new() })
}

/// Reads a spreadsheet's bytes, telling the format by content, not by the file name.
///
/// # Errors
/// [`ImportError`] saying what the file is and what to do.
pub fn read_table(bytes: &[u8]) -> Result<Table, ImportError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty);
    }
    if bytes.starts_with(b"%PDF") {
        return Err(ImportError::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        check_archive(bytes)?;
        return read_workbook(bytes);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        // An old .xls (OLE compound file).
        return read_workbook(bytes);
    }
    read_csv(bytes)
}
