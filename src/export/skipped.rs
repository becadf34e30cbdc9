//! The rows left out of an import, for the district: the sheet's own header and cells of each
//! skipped row with the reasons beside them, as CSV that Excel and WPS open (UTF-8 with BOM,
//! text that would run as a formula prefixed with `'`).

use std::collections::{BTreeMap, BTreeSet};

use super::{Bom, CsvField, csv_bytes};
use crate::import::{ImportPlan, Problem, SheetPart, Table, Value};

/// One cell as CSV: numbers as they are, text (neutralised by the writer) as shown.
fn field(value: &Value) -> CsvField {
    match value {
        Value::Number(v) => CsvField::Number(crate::domain::format_quantity(*v)),
        Value::Empty => CsvField::Number(String::new()),
        other => CsvField::Text(other.text()),
    }
}

/// The files of skipped rows an import leaves beside `sheet` (its name with 未导入行.csv and
/// 未导入问题清单行.csv), each with its text: the update sheet's rows when one of them has a
/// problem, the 问题清单's when one of its rows has. The one rule for the window and the CLI
/// (the window wrote the rows file whenever anything had a problem, the CLI only for a row's).
pub fn skipped_files(sheet: &std::path::Path, table: &Table, plan: &ImportPlan) -> Vec<(std::path::PathBuf, String)> {
    let mut files = Vec::new();
    if plan.problems.iter().any(|p| p.part != SheetPart::Items) {
        files.push((sheet.with_extension("未导入行.csv"), skipped_rows_csv(table, plan)));
    }
    if !plan.bad_items.is_empty() {
        files.push((sheet.with_extension("未导入问题清单行.csv"), skipped_items_csv(table, plan)));
    }
    files
}

/// The skipped rows themselves: the sheet's header row, then each row with a problem, its
/// cells as they were, then 原因 (every problem of the row, 列: 中文 / English) and the row's
/// number in the sheet. A district can correct this file and send it back: the importer
/// ignores the two added columns.
pub fn skipped_rows_csv(table: &Table, plan: &ImportPlan) -> String {
    skipped_csv(table, plan.header_row, plan, SheetPart::Reports, &plan.bad_rows)
}

/// The skipped rows of the workbook's 问题清单 sheet, as [`skipped_rows_csv`] gives those of the
/// update sheet; empty when the workbook has no such sheet or none of its rows was skipped.
pub fn skipped_items_csv(table: &Table, plan: &ImportPlan) -> String {
    match (&table.items, plan.items_header_row) {
        (Some(items), Some(header_row)) if !plan.bad_items.is_empty() => {
            skipped_csv(items, header_row, plan, SheetPart::Items, &plan.bad_items)
        }
        _ => String::new(),
    }
}

fn skipped_csv(table: &Table, header_row: usize, plan: &ImportPlan, part: SheetPart, bad: &BTreeSet<usize>) -> String {
    let mut reasons: BTreeMap<usize, Vec<&Problem>> = BTreeMap::new();
    for p in plan.problems.iter().filter(|p| p.part == part) {
        if bad.contains(&p.row) {
            reasons.entry(p.row).or_default().push(p);
        }
    }
    let empty = Vec::new();
    let header = table.rows.get(header_row).unwrap_or(&empty);
    let width =
        reasons.keys().filter_map(|r| table.rows.get(r - 1)).map(Vec::len).chain([header.len()]).max().unwrap_or(0);
    let line = |cells: &[Value], extra: [CsvField; 2]| {
        let mut fields: Vec<CsvField> = cells.iter().map(field).collect();
        fields.resize(width, CsvField::Number(String::new()));
        fields.extend(extra);
        fields
    };
    let mut header_line: Vec<String> = header.iter().map(Value::text).collect();
    header_line.resize(width, String::new());
    // Written for the district that filled the sheet in: in Chinese, as every document is.
    header_line.extend(["原因".to_string(), "原表行号".to_string()]);
    let mut rows = Vec::new();
    for (row, problems) in reasons {
        let cells = table.rows.get(row - 1).unwrap_or(&empty);
        // In Chinese whatever the reviewer reads: the file goes back to the district that filled
        // the sheet in, as every document does.
        let why: Vec<String> = problems
            .iter()
            .map(|p| if p.column.is_empty() { p.kind.zh() } else { format!("{}:{}", p.column, p.kind.zh()) })
            .collect();
        rows.push(line(cells, [CsvField::Text(why.join("\u{ff1b}")), CsvField::Number(row.to_string())]));
    }
    let header_refs: Vec<&str> = header_line.iter().map(String::as_str).collect();
    to_text(csv_bytes(&header_refs, &rows, Bom::With))
}

/// The problems alone, one a line: row, column, message (UTF-8 with BOM).
pub fn problems_csv(problems: &[Problem]) -> String {
    let rows: Vec<Vec<CsvField>> = problems
        .iter()
        .map(|p| {
            vec![
                CsvField::Number(p.row.to_string()),
                CsvField::Text(p.column.clone()),
                CsvField::Text(p.kind.zh()),
                CsvField::Text(p.kind.en()),
            ]
        })
        .collect();
    to_text(csv_bytes(&["行", "列", "问题", "problem"], &rows, Bom::With))
}

/// The writer's bytes as text (they are UTF-8: every field is a Rust string).
fn to_text(bytes: Result<Vec<u8>, super::ExportError>) -> String {
    bytes.ok().and_then(|b| String::from_utf8(b).ok()).unwrap_or_default()
}
