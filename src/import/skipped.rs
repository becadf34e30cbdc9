//! The rows left out of an import, for the district: the sheet's own header and cells of each
//! skipped row with the reasons beside them, as CSV that Excel and WPS open (UTF-8 with BOM,
//! text that would run as a formula prefixed with `'`).

use std::collections::BTreeMap;

use super::{ImportPlan, Problem, Table, Value};
use crate::export::neutralize;

fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// One cell as CSV: numbers as they are, text neutralized.
fn field(value: &Value) -> String {
    match value {
        Value::Text(t) => quote(&neutralize(t)),
        Value::Empty => String::new(),
        other => quote(&other.text()),
    }
}

/// The skipped rows themselves: the sheet's header row, then each row with a problem, its
/// cells as they were, then 原因 (every problem of the row, 列: 中文 / English) and the row's
/// number in the sheet. A district can correct this file and send it back: the importer
/// ignores the two added columns.
pub fn skipped_rows_csv(table: &Table, plan: &ImportPlan) -> String {
    let mut reasons: BTreeMap<usize, Vec<&Problem>> = BTreeMap::new();
    for p in &plan.problems {
        if plan.bad_rows.contains(&p.row) {
            reasons.entry(p.row).or_default().push(p);
        }
    }
    let empty = Vec::new();
    let header = table.rows.get(plan.header_row).unwrap_or(&empty);
    let width =
        reasons.keys().filter_map(|r| table.rows.get(r - 1)).map(Vec::len).chain([header.len()]).max().unwrap_or(0);
    let mut out = String::from("\u{feff}");
    let line = |cells: &[Value], extra: [String; 2]| {
        let mut fields: Vec<String> = cells.iter().map(field).collect();
        fields.resize(width, String::new());
        fields.extend(extra);
        fields.join(",") + "\r\n"
    };
    out.push_str(&line(header, [quote("原因 / reason"), quote("原表行号 / sheet row")]));
    for (row, problems) in reasons {
        let cells = table.rows.get(row - 1).unwrap_or(&empty);
        let why: Vec<String> = problems
            .iter()
            .map(|p| {
                if p.column.is_empty() {
                    format!("{} / {}", p.zh, p.en)
                } else {
                    format!("{}: {} / {}", p.column, p.zh, p.en)
                }
            })
            .collect();
        out.push_str(&line(cells, [quote(&neutralize(&why.join("\u{ff1b}"))), row.to_string()]));
    }
    out
}

/// The problems alone, one a line: row, column, message (UTF-8 with BOM).
pub fn problems_csv(problems: &[Problem]) -> String {
    let mut out = String::from("\u{feff}行,列,问题,problem\r\n");
    for p in problems {
        out.push_str(&format!(
            "{},{},{},{}\r\n",
            p.row,
            quote(&neutralize(&p.column)),
            quote(&neutralize(&p.zh)),
            quote(&neutralize(&p.en))
        ));
    }
    out
}
