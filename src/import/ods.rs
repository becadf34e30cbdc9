//! ODS (OpenDocument), read by our own reader because calamine (0.38) cannot bound its memory
//! here: it has no cell reader for ODS, and its `worksheet_range` lays out a dense range from
//! the first to the last used cell, so one far cell costs every cell between.
//!
//! Read sparsely from content.xml: repeated rows and columns are expanded
//! only where they hold something, and within the limits; each cell keeps its value type
//! (percentage, date, time, boolean, error) and formulas their calculated value.

use quick_xml::events::{BytesStart, Event};

use super::ImportError;
use super::read::{
    CellDate, MAX_TEXT, SheetChoice, SheetPicker, Table, TableBuilder, Value, is_items_sheet, is_items_table,
};
use super::xml::{Archive, XmlReader, attr, error, open, push_ref};

/// Reads the update sheet of an ODS archive: the first table with a header (a table named
/// 填报表 wins even when a header table comes before it), and the 问题清单 table beside it.
pub(super) fn read(mut archive: Archive<'_>, choice: SheetChoice<'_>) -> Result<Table, ImportError> {
    let Some(mut reader) = open(&mut archive, "content.xml")? else {
        return Err(ImportError::NotASheet("content.xml".into()));
    };
    let mut picker = SheetPicker::new(std::iter::empty(), choice);
    let update = picker.update_order();
    let mut named: Option<Table> = None;
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).map_err(|e| error(&e))? {
            Event::Start(e) if e.name().as_ref() == "table:table" => {
                let name = attr(&e, "table:name").unwrap_or_default();
                let table = match table(&mut reader, &name) {
                    Ok(table) => table,
                    // A table after 填报表 is read only to see whether it is a renamed 问题清单
                    // (it was skipped before): one that cannot be read is passed over, as it
                    // was, not a refusal of the update sheet read already.
                    Err(_) if update && named.is_some() && !is_items_sheet(&name) => {
                        let end = quick_xml::name::QName("table:table");
                        reader.read_to_end_into(end, &mut Vec::new()).map_err(|e| error(&e))?;
                        buf.clear();
                        continue;
                    }
                    Err(e) => return Err(e),
                };
                if update && name.trim() == "填报表" && super::has_header(&table) {
                    named = Some(table);
                } else if update && named.is_some() {
                    // The update sheet is read: of the tables after it only the 问题清单 counts,
                    // by its name or, renamed, by its header.
                    if is_items_table(&table) {
                        picker.offer(table);
                    }
                } else if picker.offer(table) && !update {
                    break;
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    match named {
        Some(table) => Ok(picker.finish_beside(table)),
        None => picker.finish(),
    }
}

/// A count attribute (`number-rows-repeated`), at least 1.
fn repeats(e: &BytesStart<'_>, name: &str) -> usize {
    attr(e, name).and_then(|v| v.trim().parse().ok()).unwrap_or(1).max(1)
}

/// `PT08H30M00S` (a time or duration) as a fraction of a day.
fn duration_days(text: &str) -> Option<f64> {
    let rest = text.trim().strip_prefix('-').unwrap_or(text.trim()).strip_prefix('P')?;
    let (days, time) = rest.split_once('T').unwrap_or((rest, ""));
    let mut total = 0.0;
    if let Some(d) = days.strip_suffix('D') {
        total += d.parse::<f64>().ok()?;
    } else if !days.is_empty() {
        return None;
    }
    let mut number = String::new();
    for c in time.chars() {
        match c {
            'H' => total += number.parse::<f64>().ok()? / 24.0,
            'M' => total += number.parse::<f64>().ok()? / 1440.0,
            'S' => total += number.parse::<f64>().ok()? / 86_400.0,
            c => {
                number.push(c);
                continue;
            }
        }
        number.clear();
    }
    Some(total)
}

/// One cell's value and formula from its attributes; text content still to come for strings
/// and errors.
struct CellStart {
    value: Value,
    formula: bool,
    /// The value is the element's text (`string` without `office:string-value`, or an error).
    from_text: Option<TextKind>,
    repeat: usize,
}

#[derive(Clone, Copy)]
enum TextKind {
    String,
    Error,
}

fn cell_start(e: &BytesStart<'_>) -> CellStart {
    let number = || attr(e, "office:value").and_then(|v| v.trim().parse::<f64>().ok());
    let formula = attr(e, "table:formula").is_some();
    let error = attr(e, "calcext:value-type").is_some_and(|t| t == "error");
    let value_type = attr(e, "office:value-type").unwrap_or_default();
    let mut from_text = None;
    let value = if error {
        from_text = Some(TextKind::Error);
        Value::Empty
    } else {
        match value_type.as_str() {
            "float" | "currency" => number().map_or(Value::Empty, Value::Number),
            "percentage" => number().map_or(Value::Empty, Value::Percent),
            "date" => attr(e, "office:date-value")
                .map_or(Value::Empty, |d| CellDate::parse_iso(&d).map_or(Value::Text(d), Value::Date)),
            "time" => attr(e, "office:time-value")
                .map_or(Value::Empty, |t| duration_days(&t).map_or(Value::Text(t), Value::Time)),
            "boolean" => attr(e, "office:boolean-value").map_or(Value::Empty, |b| Value::Bool(b == "true")),
            _ => match attr(e, "office:string-value") {
                Some(s) if !s.is_empty() => Value::Text(s),
                _ => {
                    from_text = Some(TextKind::String);
                    Value::Empty
                }
            },
        }
    };
    CellStart { value, formula, from_text, repeat: repeats(e, "table:number-columns-repeated") }
}

/// The text of a cell element: paragraphs joined by newlines, `text:s` as spaces, notes left out.
fn cell_text(reader: &mut XmlReader<'_, '_>) -> Result<String, ImportError> {
    let mut out = String::new();
    let mut buf = Vec::new();
    let (mut paragraphs, mut in_note) = (0usize, 0usize);
    loop {
        match reader.read_event_into(&mut buf).map_err(|e| error(&e))? {
            Event::Start(e) | Event::Empty(e) if in_note == 0 => match e.name().as_ref() {
                "office:annotation" => in_note += 1,
                "text:p" | "text:h" => {
                    if paragraphs > 0 {
                        out.push('\n');
                    }
                    paragraphs += 1;
                }
                "text:s" => {
                    let n = repeats(&e, "text:c").min(1000);
                    out.extend(std::iter::repeat_n(' ', n));
                }
                "text:tab" => out.push('\t'),
                "text:line-break" => out.push('\n'),
                _ => {}
            },
            Event::Start(e) if e.name().as_ref() == "office:annotation" => in_note += 1,
            Event::End(e) => match e.name().as_ref() {
                "office:annotation" => in_note = in_note.saturating_sub(1),
                "table:table-cell" | "table:covered-table-cell" => break,
                _ => {}
            },
            Event::Text(t) if in_note == 0 => out.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_note == 0 => push_ref(&mut out, &r),
            Event::Eof => break,
            _ => {}
        }
        if out.len() > MAX_TEXT {
            return Err(ImportError::TooMuch);
        }
        buf.clear();
    }
    Ok(out)
}

/// Skips to the end of the element just started.
fn skip(reader: &mut XmlReader<'_, '_>, e: &BytesStart<'_>) -> Result<(), ImportError> {
    let mut buf = Vec::new();
    reader.read_to_end_into(e.name(), &mut buf).map_err(|e| error(&e))?;
    Ok(())
}

/// A row's cells that hold something: (column, value, formula).
type RowCells = Vec<(usize, Value, bool)>;

/// A row's cells merged down over the rows below: (column, rows spanned).
type RowMerges = Vec<(usize, usize)>;

/// Reads one `table:table-row` (already started) into its non-empty cells, and the cells that
/// span rows down in one column (`table:number-rows-spanned`; the rows below hold
/// `table:covered-table-cell`s, which read empty).
fn row(reader: &mut XmlReader<'_, '_>, sheet_row: usize) -> Result<(RowCells, RowMerges), ImportError> {
    let mut cells = RowCells::new();
    let mut merges = RowMerges::new();
    let mut col = 0usize;
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| error(&e))?;
        let (e, has_content) = match event {
            Event::Start(e) => (e.into_owned(), true),
            Event::Empty(e) => (e.into_owned(), false),
            Event::End(e) if e.name().as_ref() == "table:table-row" => break,
            Event::Eof => break,
            _ => {
                buf.clear();
                continue;
            }
        };
        buf.clear();
        if !matches!(e.name().as_ref(), "table:table-cell" | "table:covered-table-cell") {
            if has_content {
                skip(reader, &e)?;
            }
            continue;
        }
        let mut start = cell_start(&e);
        let down = repeats(&e, "table:number-rows-spanned");
        if down > 1 && repeats(&e, "table:number-columns-spanned") == 1 && e.name().as_ref() == "table:table-cell" {
            merges.push((col, down));
        }
        if has_content {
            let text = cell_text(reader)?;
            match start.from_text {
                Some(TextKind::String) if !text.is_empty() => start.value = Value::Text(text),
                Some(TextKind::Error) => start.value = Value::Error(text),
                // LibreOffice keeps a boolean as the number 1 or 0 shown as TRUE or FALSE.
                None if matches!(start.value, Value::Number(_)) && ["TRUE", "FALSE"].contains(&text.as_str()) => {
                    start.value = Value::Bool(text == "TRUE");
                }
                _ => {}
            }
        }
        if start.value != Value::Empty || start.formula {
            let last = col.saturating_add(start.repeat - 1);
            TableBuilder::check_position(sheet_row, last)?;
            for c in col..=last {
                cells.push((c, start.value.clone(), start.formula));
            }
        }
        col = col.saturating_add(start.repeat);
    }
    Ok((cells, merges))
}

/// Reads one `table:table` (already started).
fn table(reader: &mut XmlReader<'_, '_>, name: &str) -> Result<Table, ImportError> {
    let mut table = TableBuilder::new(name);
    let mut next_row = 0usize;
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| error(&e))?;
        match event {
            Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                let times = repeats(&e, "table:number-rows-repeated");
                let (cells, merges) = row(reader, next_row)?;
                for (col, down) in merges {
                    table.merge_down(col, next_row, next_row.saturating_add(down - 1))?;
                }
                if !cells.is_empty() {
                    TableBuilder::check_position(next_row.saturating_add(times - 1), 0)?;
                    for r in next_row..next_row + times {
                        for (c, value, formula) in &cells {
                            table.set(r, *c, value.clone(), *formula)?;
                        }
                    }
                }
                next_row = next_row.saturating_add(times);
            }
            Event::Empty(e) if e.name().as_ref() == "table:table-row" => {
                next_row = next_row.saturating_add(repeats(&e, "table:number-rows-repeated"));
            }
            // Shapes, named ranges, a table inside a cell: not data.
            Event::Start(e)
                if matches!(
                    e.name().as_ref(),
                    "table:shapes" | "table:named-expressions" | "office:forms" | "table:table-source"
                ) =>
            {
                let e = e.into_owned();
                skip(reader, &e)?;
            }
            Event::End(e) if e.name().as_ref() == "table:table" => break,
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(table.finish())
}

#[cfg(test)]
mod tests {
    use super::duration_days;

    #[test]
    fn durations() {
        assert_eq!(duration_days("PT12H00M00S"), Some(0.5));
        assert_eq!(duration_days("PT08H30M00S").map(|d| (d * 1440.0).round()), Some(510.0));
        assert_eq!(duration_days("P1DT0H"), Some(1.0));
        assert_eq!(duration_days("later"), None);
    }
}
