//! The district update sheet (填报表): one row per project of a place, the last reported values
//! beside empty columns for this period, a status drop-down, the id and name columns locked,
//! and an instruction row in Chinese; beside it the sheet 问题清单 with the place's open items
//! (问题清单) and columns for what was done about each. `import` reads both back.

use std::collections::HashMap;

use rust_xlsxwriter::{Color, DataValidation, Format, FormatBorder, Workbook, Worksheet};

use super::{ExportError, SheetRow};
use crate::domain::{Comparator, Period, Problem, ProjectId, Status, format_quantity, format_target};
use crate::import::{FIRST_ITEM_INPUT_COLUMN, ITEM_HEADERS, ITEMS_SHEET};

/// The header row of the template; `import` finds its columns by these names.
pub const TEMPLATE_HEADERS: [&str; 19] = [
    "项目编号",
    "项目名称",
    "所属区(县)",
    "单位",
    "目标量",
    "上期状态",
    "上期完成量",
    "填报期",
    "状态",
    "完成量",
    "总投资(万元)",
    "本年计划投资(万元)",
    "累计完成投资(万元)",
    "形象进度",
    "存在问题",
    "需协调事项",
    "责任单位",
    "解决时限",
    "备注",
];

/// Columns a district fills in (from 填报期 on); the ones before are locked.
pub const FIRST_INPUT_COLUMN: u16 = 7;
/// The row of the header (after title and instructions).
pub const TEMPLATE_HEADER_ROW: u32 = 2;

/// The fill-in workbook for `rows` (one place's projects) for `period`, as bytes: the sheet
/// 填报表, and the sheet 问题清单 with those of `items` that are open and belong to `rows`.
///
/// # Errors
/// [`ExportError::Xlsx`] from the writer.
pub fn write_template(
    place: &str,
    rows: &[SheetRow],
    items: &[Problem],
    period: Period,
) -> Result<Vec<u8>, ExportError> {
    let mut workbook = Workbook::new();
    reports_sheet(workbook.add_worksheet(), place, rows, period)?;
    items_sheet(workbook.add_worksheet(), place, rows, items)?;
    Ok(workbook.save_to_buffer()?)
}

/// The look both sheets share: header, locked (grey) and open cells.
struct Looks {
    header: Format,
    locked: Format,
    open: Format,
    note: Format,
    title: Format,
}

impl Looks {
    fn new() -> Self {
        Self {
            header: Format::new()
                .set_bold()
                .set_border(FormatBorder::Thin)
                .set_background_color(Color::RGB(0x00DD_E6F0))
                .set_text_wrap(),
            locked: Format::new().set_border(FormatBorder::Thin).set_background_color(Color::RGB(0x00EE_EEEE)),
            open: Format::new().set_border(FormatBorder::Thin).set_unlocked(),
            note: Format::new().set_font_color(Color::RGB(0x00B0_3A2E)).set_text_wrap(),
            title: Format::new().set_bold().set_font_size(14),
        }
    }
}

/// The items sheet: one row per open item of the projects of `rows`, or a line saying there
/// are none.
fn items_sheet(ws: &mut Worksheet, place: &str, rows: &[SheetRow], items: &[Problem]) -> Result<(), ExportError> {
    let looks = Looks::new();
    ws.set_name(ITEMS_SHEET)?;
    let last_col = u16::try_from(ITEM_HEADERS.len() - 1).unwrap_or(0);
    ws.merge_range(0, 0, 0, last_col, &format!("{place} 问题清单 · 未销号问题办理情况"), &looks.title)?;
    ws.merge_range(
        1,
        0,
        1,
        last_col,
        "填写说明:只填写白色单元格;灰色列(问题编号至当前状态)不可修改。办理结果请从下拉列表选择:办理中,或已销号;\
         不填表示不变。已销号须填写销号日期(YYYY-MM-DD)和办理情况(如何解决)。新的问题请填在“填报表”的存在问题、需协调事项中。",
        &looks.note,
    )?;
    ws.set_row_height(1, 36)?;
    for (col, name) in (0u16..).zip(ITEM_HEADERS) {
        ws.write_string_with_format(TEMPLATE_HEADER_ROW, col, name, &looks.header)?;
        let width = match name {
            "项目名称" | "问题" | "办理情况" => 30.0,
            "责任单位" => 16.0,
            _ => 11.0,
        };
        ws.set_column_width(col, width)?;
    }
    let names: HashMap<ProjectId, &str> = rows.iter().map(|r| (r.project.id, r.project.name.as_str())).collect();
    let open: Vec<&Problem> = items.iter().filter(|i| i.is_open() && names.contains_key(&i.project)).collect();
    if open.is_empty() {
        let row = TEMPLATE_HEADER_ROW + 1;
        ws.merge_range(row, 0, row, last_col, &format!("{place} 暂无未销号的问题。"), &looks.locked)?;
    }
    for (row, item) in (TEMPLATE_HEADER_ROW + 1..).zip(&open) {
        ws.write_number_with_format(row, 0, item.id as f64, &looks.locked)?;
        ws.write_number_with_format(row, 1, item.project.0 as f64, &looks.locked)?;
        let fixed = [
            names.get(&item.project).copied().unwrap_or_default().to_string(),
            item.kind.label_zh().to_string(),
            item.text.clone(),
            item.owner.clone(),
            item.due.map(|d| d.to_string()).unwrap_or_default(),
            item.status.label_zh().to_string(),
        ];
        for (col, value) in (2u16..).zip(fixed) {
            ws.write_string_with_format(row, col, &value, &looks.locked)?;
        }
        for col in FIRST_ITEM_INPUT_COLUMN..=last_col {
            ws.write_blank(row, col, &looks.open)?;
        }
    }
    if let Some(last_row) = u32::try_from(open.len()).ok().filter(|n| *n > 0).map(|n| TEMPLATE_HEADER_ROW + n) {
        let validation = DataValidation::new()
            .allow_list_strings(&["办理中", "已销号"])?
            .set_error_title("办理结果")?
            .set_error_message("请从列表中选择:办理中、已销号;不变则留空")?;
        let first = TEMPLATE_HEADER_ROW + 1;
        ws.add_data_validation(first, FIRST_ITEM_INPUT_COLUMN, last_row, FIRST_ITEM_INPUT_COLUMN, &validation)?;
    }
    ws.set_freeze_panes(TEMPLATE_HEADER_ROW + 1, 1)?;
    ws.protect();
    ws.set_landscape();
    ws.set_paper_size(9);
    Ok(())
}

/// The sheet 填报表.
fn reports_sheet(ws: &mut Worksheet, place: &str, rows: &[SheetRow], period: Period) -> Result<(), ExportError> {
    let Looks { header, locked, open, note, title } = Looks::new();
    ws.set_name("填报表")?;
    let last_col = u16::try_from(TEMPLATE_HEADERS.len() - 1).unwrap_or(0);
    ws.merge_range(0, 0, 0, last_col, &format!("{place} 重点项目进度填报表 · 填报期 {period}"), &title)?;
    ws.merge_range(
        1,
        0,
        1,
        last_col,
        "填报说明:只填写白色单元格;灰色列(项目编号至上期完成量)不可修改。状态请从下拉列表选择;完成量按“单位”列填写数字;\
         投资单位为万元;填报期与解决时限格式为 YYYY-MM。填好后在 Taizhang 中“导入”本表。",
        &note,
    )?;
    ws.set_row_height(1, 36)?;
    for (col, name) in (0u16..).zip(TEMPLATE_HEADERS) {
        ws.write_string_with_format(TEMPLATE_HEADER_ROW, col, name, &header)?;
        let width = match name {
            "项目名称" => 34.0,
            "形象进度" | "存在问题" | "需协调事项" | "备注" => 24.0,
            _ => 12.0,
        };
        ws.set_column_width(col, width)?;
    }
    for (row, r) in (TEMPLATE_HEADER_ROW + 1..).zip(rows) {
        let p = &r.project;
        let last = r.report.as_ref();
        let fixed = [
            p.id.0.to_string(),
            p.name.clone(),
            p.place.clone(),
            p.unit.clone().unwrap_or_default(),
            p.target.map(|t| format_target(t, p.target_comparator.map(Comparator::label_zh), None)).unwrap_or_default(),
            last.map_or(p.status.label_zh(), |l| l.status.label_zh()).to_string(),
            p.done.map(format_quantity).unwrap_or_default(),
        ];
        for (col, value) in (0u16..).zip(fixed) {
            match (col, value.parse::<f64>()) {
                (0 | 4 | 6, Ok(v)) => ws.write_number_with_format(row, col, v, &locked)?,
                _ => ws.write_string_with_format(row, col, &value, &locked)?,
            };
        }
        ws.write_string_with_format(row, FIRST_INPUT_COLUMN, period.to_string(), &open)?;
        for col in FIRST_INPUT_COLUMN + 1..=last_col {
            ws.write_blank(row, col, &open)?;
        }
    }
    let last_row = TEMPLATE_HEADER_ROW + u32::try_from(rows.len()).unwrap_or(0);
    if !rows.is_empty() {
        let labels: Vec<&str> = Status::ALL.iter().map(|s| s.label_zh()).collect();
        let validation = DataValidation::new()
            .allow_list_strings(&labels)?
            .set_error_title("状态")?
            .set_error_message("请从列表中选择:未开工、前期、在建、已完工、停缓建")?;
        ws.add_data_validation(
            TEMPLATE_HEADER_ROW + 1,
            FIRST_INPUT_COLUMN + 1,
            last_row,
            FIRST_INPUT_COLUMN + 1,
            &validation,
        )?;
    }
    ws.set_freeze_panes(TEMPLATE_HEADER_ROW + 1, 2)?;
    ws.protect();
    ws.set_landscape();
    ws.set_paper_size(9);
    Ok(())
}
