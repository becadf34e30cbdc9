//! Rows of a district sheet that are not projects: 合计/小计 rows (skipped, and checked against
//! the rows above them where both are numbers), section headings (一、道路…, skipped) and notes
//! under the table (填表说明, 填报人…, skipped with a warning so nothing vanishes unseen).

use std::collections::HashMap;

use super::cells::header_of;
use super::{CellProblem, Field, Problem, SheetPart, TotalScope};
use crate::domain::{ReportInput, format_quantity, parse_quantity};
use crate::import::read::Value;

/// What a row after the header is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Line {
    Data,
    /// 合计, 总计: the sum of every row above.
    GrandTotal,
    /// 小计, 钟山区合计: the sum of the rows since the last subtotal.
    Subtotal,
    /// 一、市政道路, （二）…: a heading inside the table.
    Section,
    /// A note under the table, with its text.
    Note(String),
}

/// Text as compared: no spaces of any width.
pub(super) fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

const GRAND: [&str; 6] = ["合计", "总计", "共计", "总合计", "全市合计", "合计数"];

pub(super) fn total_kind(text: &str) -> Option<Line> {
    // `合计:` and `合计(不含园区)` are totals too: the label without a trailing colon or a
    // bracketed remark.
    let squeezed = squeeze(text);
    let label = squeezed.trim_end_matches([':', '\u{ff1a}']);
    let label = match label.find(['(', '\u{ff08}', '[', '【']) {
        Some(i) if i > 0 && label.ends_with([')', '\u{ff09}', ']', '】']) => &label[..i],
        _ => label,
    };
    let t = label.to_string();
    if GRAND.contains(&t.as_str()) {
        return Some(Line::GrandTotal);
    }
    ((t.ends_with("小计") || t.ends_with("合计")) && t.chars().count() <= 12).then_some(Line::Subtotal)
}

const NOTE_STARTS: [&str; 17] = [
    "说明",
    "填表说明",
    "填报说明",
    "备注:",
    "备注\u{ff1a}",
    "填表人",
    "填报人",
    "审核人",
    "联系人",
    "联系电话",
    "填报单位",
    "制表",
    "单位负责人",
    "分管领导",
    "签字",
    "盖章",
    "以上",
];

pub(super) fn is_note_text(text: &str) -> bool {
    let t = squeeze(text);
    if let Some(rest) = t.strip_prefix('注') {
        return rest.is_empty() || rest.starts_with([':', '\u{ff1a}', '、', '.', '1', '2', '3', '①', '(', '\u{ff08}']);
    }
    NOTE_STARTS.iter().any(|k| t.starts_with(k))
}

pub(super) fn is_section_text(text: &str) -> bool {
    let t = squeeze(text);
    let numerals = |s: &str| !s.is_empty() && s.chars().all(|c| "一二三四五六七八九十".contains(c));
    if let Some((head, _)) = t.split_once('、') {
        return numerals(head);
    }
    for (open, close) in [('(', ')'), ('\u{ff08}', '\u{ff09}')] {
        if let Some(rest) = t.strip_prefix(open)
            && let Some((head, _)) = rest.split_once(close)
        {
            return numerals(head);
        }
    }
    false
}

/// Tells what a row is. A row with a status, or with a number in the id column, is always data.
pub(super) fn classify(row: &[Value], columns: &HashMap<Field, usize>) -> Line {
    let at = |f: Field| columns.get(&f).and_then(|&c| row.get(c));
    let has_id_number = match at(Field::Id) {
        Some(Value::Number(_)) => true,
        Some(Value::Text(t)) => parse_quantity(t).is_ok_and(|v| v.is_some()),
        _ => false,
    };
    let has_status = at(Field::Status).is_some_and(|v| !v.is_blank());
    if has_id_number {
        return Line::Data;
    }
    // Where a label sits: the id, name and place columns, and the first two columns (序号).
    let label_columns = [columns.get(&Field::Id), columns.get(&Field::Name), columns.get(&Field::Place)]
        .into_iter()
        .flatten()
        .copied()
        .chain([0, 1]);
    for c in label_columns {
        if let Some(Value::Text(t)) = row.get(c)
            && let Some(kind) = total_kind(t)
        {
            return kind;
        }
    }
    if has_status {
        return Line::Data;
    }
    let filled: Vec<(usize, &Value)> = row.iter().enumerate().filter(|(_, v)| !v.is_blank()).collect();
    let Some(&(first_col, first)) = filled.first() else { return Line::Data };
    let Value::Text(text) = first else { return Line::Data };
    if is_note_text(text) {
        return Line::Note(filled.iter().map(|(_, v)| v.text().trim().to_string()).collect::<Vec<_>>().join(" "));
    }
    let in_name_or_place = [columns.get(&Field::Name), columns.get(&Field::Place)].contains(&Some(&first_col));
    if filled.len() == 1 && !in_name_or_place {
        return if is_section_text(text) { Line::Section } else { Line::Note(text.trim().to_string()) };
    }
    if filled.len() == 1 && is_section_text(text) {
        return Line::Section;
    }
    Line::Data
}

/// The number columns whose totals are checked.
const SUMMED: [Field; 4] = [Field::Done, Field::InvestTotal, Field::InvestYearPlan, Field::InvestDone];

/// Running sums of the data rows, for checking 合计 and 小计 rows.
#[derive(Debug, Default)]
pub(super) struct Totals {
    /// Per field: (sum, how many numbers) since the header and since the last subtotal.
    all: HashMap<Field, (f64, usize)>,
    section: HashMap<Field, (f64, usize)>,
}

impl Totals {
    /// Adds a data row's numbers.
    pub(super) fn add(&mut self, input: &ReportInput) {
        let values = [input.done, input.invest_total, input.invest_year_plan, input.invest_done];
        for (field, value) in SUMMED.into_iter().zip(values) {
            if let Some(v) = value {
                for sums in [&mut self.all, &mut self.section] {
                    let entry = sums.entry(field).or_default();
                    entry.0 += v;
                    entry.1 += 1;
                }
            }
        }
    }

    /// Checks a total row against the rows it sums; a mismatch is a warning.
    pub(super) fn check(
        &mut self,
        kind: &Line,
        row: &[Value],
        columns: &HashMap<Field, usize>,
        sheet_row: usize,
        warnings: &mut Vec<Problem>,
    ) {
        let (sums, scope) = match kind {
            Line::GrandTotal => (&self.all, TotalScope::Above),
            _ => (&self.section, TotalScope::Subtotal),
        };
        for field in SUMMED {
            let Some(cell) = columns.get(&field).and_then(|&c| row.get(c)) else { continue };
            let total = match cell {
                Value::Number(v) => *v,
                Value::Text(t) => match parse_quantity(t) {
                    Ok(Some(v)) => v,
                    _ => continue,
                },
                _ => continue,
            };
            let Some(&(sum, count)) = sums.get(&field) else { continue };
            if count == 0 || (total - sum).abs() <= 0.01_f64.max(sum.abs() * 1e-9) {
                continue;
            }
            let (total, sum) = (format_quantity(total), format_quantity(sum));
            warnings.push(Problem {
                part: SheetPart::Reports,
                row: sheet_row,
                column: header_of(field),
                kind: CellProblem::TotalDiffers { total, sum, scope },
            });
        }
        self.section.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::{Line, is_note_text, is_section_text, total_kind};

    #[test]
    fn labels() {
        assert_eq!(total_kind("合 计"), Some(Line::GrandTotal));
        assert_eq!(total_kind("钟山区小计"), Some(Line::Subtotal));
        assert_eq!(total_kind("合计:"), Some(Line::GrandTotal));
        assert_eq!(total_kind("合计(不含园区)"), Some(Line::GrandTotal));
        // Full-width colon and brackets, as Chinese IMEs type them.
        assert_eq!(total_kind("合计\u{ff1a}"), Some(Line::GrandTotal));
        assert_eq!(total_kind("合计\u{ff08}不含园区\u{ff09}"), Some(Line::GrandTotal));
        assert_eq!(total_kind("钟山区供水管网建设改造"), None);
        assert!(is_note_text("注:本表由各区县填报"));
        assert!(is_note_text("填报人:张三"));
        assert!(!is_note_text("注浆加固工程"));
        assert!(is_section_text("一、市政道路"));
        assert!(is_section_text("\u{ff08}二\u{ff09}管网"));
        assert!(is_note_text("注\u{ff1a}单位万元"));
        assert!(!is_section_text("钟山区、水城区"));
    }
}
