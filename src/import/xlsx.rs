//! XLSX, read by our own reader because calamine (0.38) cannot bound its memory here: opening
//! a workbook reads the whole shared-string table and reserves room for the `uniqueCount` the
//! file claims (a hostile count aborts the process), and its cell reader knows no percentage
//! format (`CellFormat` is Other, DateTime or TimeDelta), so a 进度 typed as 60% would read 0.6.
//!
//! Read sparsely from the sheet XML: only the cells that exist are held, each with the
//! kind its number format gives it (percentage, date, time), booleans, error values, and
//! formulas with the value the spreadsheet last calculated. A workbook saved by a program that
//! asks for a full recalculation on opening (`fullCalcOnLoad`) has no value worth reading in
//! its formula cells: they are read as formulas without a value.

use quick_xml::events::Event;

use super::ImportError;
use super::numfmt::NumberKind;
use super::read::{CellDate, MAX_TEXT, SheetChoice, SheetPicker, Table, TableBuilder, Value, update_sheet_first};
use super::xml::{Archive, XmlReader, attr, attr_local, error, names, open, push_ref};

/// Shared strings held at most.
const MAX_STRINGS: usize = 4_000_000;
/// Cell formats (`cellXfs`) read at most; Excel itself allows 64,000.
const MAX_FORMATS: usize = 65_536;

/// What workbook.xml and its relationships say.
#[derive(Debug, Default)]
struct Book {
    /// (name, entry path) in workbook order.
    sheets: Vec<(String, String)>,
    strings: Option<String>,
    styles: Option<String>,
    is_1904: bool,
    /// The cached values of formulas are stale (recalculated on load).
    recalculate: bool,
}

/// Shared strings, all in one buffer.
#[derive(Debug, Default)]
struct Strings {
    text: String,
    ends: Vec<usize>,
}

impl Strings {
    fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.text.get(start..end)
    }
}

/// Everything a sheet's cells refer to.
struct Context {
    strings: Strings,
    kinds: Vec<NumberKind>,
    is_1904: bool,
    recalculate: bool,
}

/// Reads the update sheet of an XLSX archive.
pub(super) fn read(mut archive: Archive<'_>, choice: SheetChoice<'_>) -> Result<Table, ImportError> {
    let book = book(&mut archive)?;
    let strings = strings(&mut archive, book.strings.as_deref().unwrap_or("xl/sharedStrings.xml"))?;
    let kinds = styles(&mut archive, book.styles.as_deref().unwrap_or("xl/styles.xml"))?;
    let context = Context { strings, kinds, is_1904: book.is_1904, recalculate: book.recalculate };
    let mut picker = SheetPicker::new(book.sheets.iter().map(|(n, _)| n.as_str()), choice);
    let sheets = if picker.update_order() { update_sheet_first(book.sheets) } else { book.sheets };
    for (name, path) in sheets {
        let table = if picker.only_for_items(&name) {
            // Read only to see whether it is a 问题清单 renamed: its first rows tell, and the
            // rest is read only when it is one (a district's data sheet of a million cells
            // beside 填报表 was read whole, a hundred times the import's time).
            let Some(mut reader) = open(&mut archive, &path)? else { continue };
            let head = sheet(&mut reader, &name, &context, Some(super::read::ITEMS_PEEK_ROWS));
            drop(reader);
            if !head.is_ok_and(|head| super::read::is_items_table(&head)) {
                continue;
            }
            let Some(mut reader) = open(&mut archive, &path)? else { continue };
            match sheet(&mut reader, &name, &context, None) {
                Ok(table) => table,
                Err(_) => continue,
            }
        } else {
            let Some(mut reader) = open(&mut archive, &path)? else { continue };
            sheet(&mut reader, &name, &context, None)?
        };
        if picker.offer(table) {
            break;
        }
    }
    picker.finish()
}

/// An entry path from a relationship target, relative to `xl/`.
fn target_path(target: &str) -> String {
    let path = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("xl/{target}"),
    };
    // Resolve "a/../b".
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn book(archive: &mut Archive<'_>) -> Result<Book, ImportError> {
    let mut targets: Vec<(String, String, String)> = Vec::new(); // (id, type, path)
    if let Some(mut reader) = open(archive, "xl/_rels/workbook.xml.rels")? {
        let mut buf = Vec::new();
        loop {
            match reader.read_event_into(&mut buf).map_err(|e| error(&e))? {
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                    if let (Some(id), Some(target)) = (attr(&e, "Id"), attr(&e, "Target")) {
                        targets.push((id, attr(&e, "Type").unwrap_or_default(), target_path(&target)));
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
    }
    let of_type = |suffix: &str| targets.iter().find(|(_, t, _)| t.ends_with(suffix)).map(|(_, _, p)| p.clone());
    let mut book = Book { strings: of_type("/sharedStrings"), styles: of_type("/styles"), ..Book::default() };
    if let Some(mut reader) = open(archive, "xl/workbook.xml")? {
        let mut buf = Vec::new();
        loop {
            match reader.read_event_into(&mut buf).map_err(|e| error(&e))? {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "sheet" => {
                        let name = attr(&e, "name").unwrap_or_default();
                        let id = attr_local(&e, "id").unwrap_or_default();
                        if let Some((_, _, path)) = targets.iter().find(|(i, _, _)| *i == id) {
                            book.sheets.push((name, path.clone()));
                        }
                    }
                    "workbookPr" => {
                        book.is_1904 = attr(&e, "date1904").is_some_and(|v| v == "1" || v == "true");
                    }
                    "calcPr" => {
                        book.recalculate = attr(&e, "fullCalcOnLoad").is_some_and(|v| v == "1" || v == "true");
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
    }
    if book.sheets.is_empty() {
        // No usable workbook.xml: take the worksheets in name order.
        let mut paths: Vec<String> = names(archive)
            .into_iter()
            .filter(|n| n.to_ascii_lowercase().starts_with("xl/worksheets/") && n.ends_with(".xml"))
            .collect();
        paths.sort();
        book.sheets = paths.into_iter().map(|p| (p.clone(), p)).collect();
    }
    Ok(book)
}

/// A cell's text with Excel's escapes decoded: `_x000D_` is a carriage return, `_x000B_` the
/// line break Word pastes, `_x005F_` a literal `_` (so `_x005F_x000D_` is the text `_x000D_`).
/// Stored literally they reached the database as `_x000D_` (issue 27).
fn unescape(text: &str) -> String {
    if !text.contains("_x") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("_x") {
        out.push_str(&rest[..at]);
        let escape = rest.get(at + 2..at + 7).filter(|e| e.len() == 5 && e.ends_with('_'));
        let decoded = escape
            .and_then(|e| u32::from_str_radix(&e[..4], 16).ok())
            .filter(|_| escape.is_some_and(|e| e[..4].bytes().all(|b| b.is_ascii_hexdigit())))
            .and_then(char::from_u32);
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[at + 7..];
            }
            None => {
                out.push_str("_x");
                rest = &rest[at + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn strings(archive: &mut Archive<'_>, path: &str) -> Result<Strings, ImportError> {
    let mut strings = Strings::default();
    let Some(mut reader) = open(archive, path)? else { return Ok(strings) };
    let mut buf = Vec::new();
    // Inside <t> (of <si> or of a rich-text run), and inside a phonetic run (<rPh>, skipped).
    let (mut in_t, mut in_phonetic) = (false, false);
    loop {
        match reader.read_event_into(&mut buf).map_err(|e| error(&e))? {
            Event::Start(e) => match e.local_name().as_ref() {
                "t" => in_t = true,
                "rPh" => in_phonetic = true,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_t = false,
                "rPh" => in_phonetic = false,
                "si" => strings.ends.push(strings.text.len()),
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == "si" => strings.ends.push(strings.text.len()),
            Event::Text(t) if in_t && !in_phonetic => strings.text.push_str(&t.xml10_content()),
            Event::CData(t) if in_t && !in_phonetic => strings.text.push_str(&t),
            Event::GeneralRef(r) if in_t && !in_phonetic => push_ref(&mut strings.text, &r),
            Event::Eof => break,
            _ => {}
        }
        if strings.text.len() > MAX_TEXT || strings.ends.len() > MAX_STRINGS {
            return Err(ImportError::TooMuch);
        }
        buf.clear();
    }
    Ok(strings)
}

/// The number kind of each cell format (`cellXfs`), by index.
fn styles(archive: &mut Archive<'_>, path: &str) -> Result<Vec<NumberKind>, ImportError> {
    let Some(mut reader) = open(archive, path)? else { return Ok(Vec::new()) };
    let mut custom: Vec<(u32, NumberKind)> = Vec::new();
    let mut xf_formats: Vec<u32> = Vec::new();
    let mut in_cell_xfs = false;
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).map_err(|e| error(&e))? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "numFmt" => {
                    if let (Some(id), Some(code)) = (attr(&e, "numFmtId"), attr(&e, "formatCode"))
                        && let Ok(id) = id.parse()
                        && custom.len() < MAX_FORMATS
                    {
                        custom.push((id, NumberKind::of_code(&code)));
                    }
                }
                "cellXfs" => in_cell_xfs = true,
                "xf" if in_cell_xfs && xf_formats.len() < MAX_FORMATS => {
                    xf_formats.push(attr(&e, "numFmtId").and_then(|v| v.parse().ok()).unwrap_or(0));
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "cellXfs" => in_cell_xfs = false,
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(xf_formats
        .into_iter()
        .map(|id| custom.iter().find(|(c, _)| *c == id).map_or_else(|| NumberKind::builtin(id), |(_, k)| *k))
        .collect())
}

/// `B12` → (11, 1); `None` when it is not a cell reference.
fn parse_ref(text: &str) -> Option<(usize, usize)> {
    let split = text.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = text.split_at(split);
    if letters.is_empty() || letters.len() > 3 || digits.len() > 7 {
        return None;
    }
    let mut col = 0usize;
    for c in letters.chars() {
        if !c.is_ascii_alphabetic() {
            return None;
        }
        col = col * 26 + (c.to_ascii_uppercase() as usize - 'A' as usize + 1);
    }
    let row: usize = digits.parse().ok()?;
    (row >= 1).then(|| (row - 1, col - 1))
}

/// One `<c>` element being read.
#[derive(Debug, Default)]
struct Cell {
    row: usize,
    col: usize,
    style: usize,
    kind: String,
    formula: bool,
    value: String,
    inline: String,
    in_value: bool,
    in_inline_text: bool,
    in_phonetic: bool,
}

impl Cell {
    fn start(e: &quick_xml::events::BytesStart<'_>, row: usize, next_col: usize) -> Result<Self, ImportError> {
        let (row, col) = match attr(e, "r") {
            Some(r) => parse_ref(&r).ok_or_else(|| ImportError::BadCellReference(r.clone()))?,
            None => (row, next_col),
        };
        Ok(Self {
            row,
            col,
            style: attr(e, "s").and_then(|s| s.parse().ok()).unwrap_or(0),
            kind: attr(e, "t").unwrap_or_default(),
            ..Self::default()
        })
    }

    fn text_mut(&mut self) -> Option<&mut String> {
        if self.in_value {
            Some(&mut self.value)
        } else if self.in_inline_text && !self.in_phonetic {
            Some(&mut self.inline)
        } else {
            None
        }
    }

    fn value(self, context: &Context) -> Result<Value, ImportError> {
        if self.formula && context.recalculate {
            return Ok(Value::Empty);
        }
        let v = self.value.trim();
        Ok(match self.kind.as_str() {
            "s" => {
                let text = v
                    .parse()
                    .ok()
                    .and_then(|i| context.strings.get(i))
                    .ok_or_else(|| ImportError::MissingSharedString(v.to_string()))?;
                if text.is_empty() { Value::Empty } else { Value::Text(unescape(text)) }
            }
            "inlineStr" if !self.inline.is_empty() => Value::Text(unescape(&self.inline)),
            "str" | "inlineStr" if self.value.is_empty() => Value::Empty,
            "str" | "inlineStr" => Value::Text(unescape(&self.value)),
            "b" => Value::Bool(v == "1" || v.eq_ignore_ascii_case("true")),
            "e" => Value::Error(v.to_string()),
            "d" => CellDate::parse_iso(v).map_or_else(|| Value::Text(v.to_string()), Value::Date),
            _ if v.is_empty() => Value::Empty,
            _ => match v.parse::<f64>() {
                Ok(n) => context.kinds.get(self.style).copied().unwrap_or(NumberKind::Plain).value(n, context.is_1904),
                Err(_) => Value::Text(v.to_string()),
            },
        })
    }
}

/// Reads one worksheet's cells; with `until`, only those of its rows before that row (0-based):
/// the reading stops at the first row past it.
fn sheet(
    reader: &mut XmlReader<'_, '_>,
    name: &str,
    context: &Context,
    until: Option<usize>,
) -> Result<Table, ImportError> {
    let mut table = TableBuilder::new(name);
    let mut buf = Vec::new();
    let (mut row, mut next_row, mut next_col) = (0usize, 0usize, 0usize);
    let mut cell: Option<Cell> = None;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| error(&e))?;
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "row" => {
                row = match attr(&e, "r") {
                    Some(r) => r
                        .trim()
                        .parse::<usize>()
                        .ok()
                        .and_then(|r| r.checked_sub(1))
                        .ok_or_else(|| ImportError::BadRowNumber(r.clone()))?,
                    None => next_row,
                };
                next_row = row.saturating_add(1);
                next_col = 0;
                if until.is_some_and(|n| row >= n) {
                    break;
                }
            }
            // <col min="3" max="4" hidden="1"/>: columns C–D are hidden (1-based, at most
            // MAX_COLUMNS of them counted).
            Event::Start(e) | Event::Empty(e)
                if e.local_name().as_ref() == "col" && attr(&e, "hidden").is_some_and(|h| h == "1" || h == "true") =>
            {
                let number = |k| attr(&e, k).and_then(|v| v.trim().parse::<usize>().ok());
                if let (Some(min), Some(max)) = (number("min"), number("max")) {
                    let last = max.min(super::read::MAX_COLUMNS);
                    table.hide((min.max(1)..=last).map(|c| c - 1));
                }
            }
            Event::Empty(e) if e.local_name().as_ref() == "c" => {
                // An empty (perhaps formatted) cell: nothing to hold.
                let c = Cell::start(&e, row, next_col)?;
                next_col = c.col.saturating_add(1);
            }
            // <mergeCell ref="C5:C6"/>, after the cells: a value merged down over rows.
            Event::Empty(e) | Event::Start(e) if e.local_name().as_ref() == "mergeCell" => {
                let range = attr(&e, "ref").unwrap_or_default();
                if let Some((from, to)) = range.split_once(':')
                    && let (Some((top, col)), Some((bottom, last))) = (parse_ref(from), parse_ref(to))
                    && col == last
                {
                    table.merge_down(col, top, bottom)?;
                }
            }
            Event::Start(e) => match e.local_name().as_ref() {
                "c" => cell = Some(Cell::start(&e, row, next_col)?),
                "f" => cell.iter_mut().for_each(|c| c.formula = true),
                "v" => cell.iter_mut().for_each(|c| c.in_value = true),
                "t" => cell.iter_mut().for_each(|c| c.in_inline_text = true),
                "rPh" => cell.iter_mut().for_each(|c| c.in_phonetic = true),
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == "f" => cell.iter_mut().for_each(|c| c.formula = true),
            Event::End(e) => match e.local_name().as_ref() {
                "c" => {
                    if let Some(c) = cell.take() {
                        let (r, col, formula) = (c.row, c.col, c.formula);
                        next_col = col.saturating_add(1);
                        table.set(r, col, c.value(context)?, formula)?;
                    }
                }
                "v" => cell.iter_mut().for_each(|c| c.in_value = false),
                "t" => cell.iter_mut().for_each(|c| c.in_inline_text = false),
                "rPh" => cell.iter_mut().for_each(|c| c.in_phonetic = false),
                "worksheet" => break,
                _ => {}
            },
            Event::Text(t) => {
                if let Some(out) = cell.as_mut().and_then(Cell::text_mut) {
                    out.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(out) = cell.as_mut().and_then(Cell::text_mut) {
                    out.push_str(&t);
                }
            }
            Event::GeneralRef(r) => {
                if let Some(out) = cell.as_mut().and_then(Cell::text_mut) {
                    push_ref(out, &r);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        if cell.as_ref().is_some_and(|c| c.value.len() + c.inline.len() > MAX_TEXT) {
            return Err(ImportError::TooMuch);
        }
        buf.clear();
    }
    Ok(table.finish())
}

#[cfg(test)]
mod tests {
    use super::{parse_ref, target_path};

    #[test]
    fn excel_escapes_are_decoded() {
        assert_eq!(super::unescape("第一行_x000D_\n第二行"), "第一行\r\n第二行");
        assert_eq!(super::unescape("a_x000B_b"), "a\u{0B}b");
        assert_eq!(super::unescape("_x005F_x000D_"), "_x000D_");
        assert_eq!(super::unescape("_x00ZZ_ and _x12"), "_x00ZZ_ and _x12");
        assert_eq!(super::unescape("管网_x"), "管网_x");
    }

    #[test]
    fn references_and_targets() {
        assert_eq!(parse_ref("A1"), Some((0, 0)));
        assert_eq!(parse_ref("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(parse_ref("A0"), None);
        assert_eq!(parse_ref("1A"), None);
        assert_eq!(parse_ref("ABCD1"), None);
        assert_eq!(target_path("worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
        assert_eq!(target_path("/xl/worksheets/sheet2.xml"), "xl/worksheets/sheet2.xml");
        assert_eq!(target_path("../xl/x.xml"), "xl/x.xml");
    }
}
