//! XLSX review sheets with rust_xlsxwriter: a title block, frozen header, autofilter, widths for
//! Chinese text, number formats, lagging rows highlighted, a summary sheet, and A4 landscape
//! print setup with repeated header rows and page numbers.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet};

use super::{Cell, Column, ExportError, NumberKind, ReviewSheet, SheetRow};
use crate::domain::{Status, category};

/// The row of the header (after the title block).
const HEADER_ROW: u32 = 3;
const LAG_FILL: u32 = 0x00FC_E4E4;

fn number_format(kind: NumberKind) -> &'static str {
    match kind {
        NumberKind::Quantity => "#,##0.####",
        NumberKind::Money => "#,##0.00",
        NumberKind::Percent => "0.0%",
        NumberKind::Text => "General",
    }
}

fn cell_format(kind: NumberKind, lagging: bool) -> Format {
    let mut f = Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter);
    f = match kind {
        NumberKind::Text => f.set_text_wrap(),
        other => f.set_num_format(number_format(other)),
    };
    if lagging { f.set_background_color(Color::RGB(LAG_FILL)) } else { f }
}

/// A variant of a column's format that a cell's value needs: a quantity's qualifier in its
/// number format, a light's colour.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Variant {
    Qualified(&'static str),
    Light(&'static str),
}

/// The data cells' formats, each made once for the whole sheet (not once a cell): each
/// column's plain and lagging format, and the variants of them met so far.
struct CellFormats {
    base: Vec<[Format; 2]>,
    variants: std::collections::HashMap<(usize, bool, Variant), Format>,
}

impl CellFormats {
    fn new(columns: &[&Column]) -> Self {
        let base = columns.iter().map(|c| [cell_format(c.kind, false), cell_format(c.kind, true)]).collect();
        Self { base, variants: std::collections::HashMap::new() }
    }

    /// The format of `cell` in column `col`.
    fn of(&mut self, col: usize, lagging: bool, cell: &Cell) -> &Format {
        let variant = match cell {
            Cell::Qualified(_, c) => Variant::Qualified(c.code()),
            Cell::Light(l) => Variant::Light(l.code()),
            _ => return &self.base[col][usize::from(lagging)],
        };
        let base = &self.base[col][usize::from(lagging)];
        self.variants.entry((col, lagging, variant)).or_insert_with(|| match cell {
            Cell::Qualified(_, c) => {
                let shown = format!("\"{} \"{}", c.label_zh(), number_format(NumberKind::Quantity));
                base.clone().set_num_format(shown)
            }
            // The light's name on its colour: read in grey print and by colour-blind readers too.
            Cell::Light(l) => {
                let (r, g, b) = l.rgb();
                let lit = base.clone().set_background_color(Color::RGB(u32::from_be_bytes([0, r, g, b]))).set_bold();
                if l.is_dark() { lit.set_font_color(Color::White) } else { lit }
            }
            _ => base.clone(),
        })
    }
}

fn write_cell(ws: &mut Worksheet, row: u32, col: u16, cell: &Cell, format: &Format) -> Result<(), ExportError> {
    match cell {
        Cell::Text(t) => ws.write_string_with_format(row, col, t, format)?,
        // Still a number for sums and filters; the qualifier is part of how it is shown.
        Cell::Number(v) | Cell::Percent(v) | Cell::Qualified(v, _) => {
            ws.write_number_with_format(row, col, *v, format)?
        }
        Cell::Light(l) => ws.write_string_with_format(row, col, l.label_zh(), format)?,
        Cell::Empty => ws.write_blank(row, col, format)?,
    };
    Ok(())
}

fn title_block(ws: &mut Worksheet, sheet: &ReviewSheet, last_col: u16) -> Result<(), ExportError> {
    let title = Format::new().set_bold().set_font_size(16).set_align(FormatAlign::Center);
    // Rows in order: a worksheet in constant-memory mode takes no change to a row behind it.
    ws.set_row_height(0, 28)?;
    ws.merge_range(0, 0, 0, last_col, &sheet.meta.title(), &title)?;
    let sub_format = if sheet.meta.dataset == crate::domain::Dataset::Demo {
        Format::new().set_font_color(Color::RGB(0x00BE_1E1E)).set_bold()
    } else {
        Format::new().set_font_color(Color::RGB(0x0044_4444))
    };
    ws.merge_range(1, 0, 1, last_col, &sheet.meta.subtitle(), &sub_format)?;
    Ok(())
}

fn main_sheet(ws: &mut Worksheet, sheet: &ReviewSheet, columns: &[&Column]) -> Result<(), ExportError> {
    let last_col = u16::try_from(columns.len().saturating_sub(1)).unwrap_or(u16::MAX);
    ws.set_name("调度表")?;
    title_block(ws, sheet, last_col)?;
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0x00DD_E6F0));
    let mut formats = CellFormats::new(columns);
    ws.set_row_height(HEADER_ROW, 30)?;
    for (col, c) in (0u16..).zip(columns) {
        ws.write_string_with_format(HEADER_ROW, col, c.header, &header)?;
        // About two width units for each Chinese character (autofit counts them as one).
        ws.set_column_width(col, c.width * 2.0 + 1.0)?;
    }
    for (row, r) in (HEADER_ROW + 1..).zip(&sheet.rows) {
        for ((col, k), c) in (0u16..).zip(0..).zip(columns) {
            let cell = (c.value)(r);
            write_cell(ws, row, col, &cell, formats.of(k, r.lagging, &cell))?;
        }
    }
    let last_row = HEADER_ROW + u32::try_from(sheet.rows.len()).unwrap_or(u32::MAX);
    ws.set_freeze_panes(HEADER_ROW + 1, 3)?;
    ws.autofilter(HEADER_ROW, 0, last_row.max(HEADER_ROW), last_col)?;
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    // The plan's sentence stays in the sheet for reference but is left out of the printout,
    // which would otherwise shrink to fit its width.
    let print_cols = columns.iter().filter(|c| c.header != "规划依据").count();
    let last_print_col = u16::try_from(print_cols.saturating_sub(1)).unwrap_or(last_col);
    ws.set_print_area(0, 0, last_row.max(HEADER_ROW), last_print_col)?;
    ws.set_print_fit_to_pages(1, 0);
    ws.set_header(format!("&C{}", sheet.meta.title().replace('&', "&&")));
    ws.set_footer("&L&D&C第 &P 页 / 共 &N 页");
    Ok(())
}

/// Counts for one line of the summary.
#[derive(Default)]
struct Tally {
    projects: u32,
    by_status: [u32; 5],
    lagging: u32,
    completion: f64,
    /// 本年计划投资 and 累计完成投资 of the latest reports, 万元.
    invest_year_plan: f64,
    invest_done: f64,
}

impl Tally {
    fn add(&mut self, r: &SheetRow) {
        self.projects += 1;
        if let Some(i) = Status::ALL.iter().position(|s| *s == r.project.status) {
            self.by_status[i] += 1;
        }
        self.lagging += u32::from(r.lagging);
        self.completion += r.schedule.completion;
        if let Some(report) = &r.report {
            self.invest_year_plan += report.invest_year_plan.unwrap_or(0.0);
            self.invest_done += report.invest_done.unwrap_or(0.0);
        }
    }
}

fn summary_table(
    ws: &mut Worksheet,
    start: u32,
    heading: &str,
    groups: &[(String, Tally)],
    header: &Format,
) -> Result<u32, ExportError> {
    let cols = [
        "项目数",
        "未开工",
        "前期",
        "在建",
        "已完工",
        "停缓建",
        "滞后",
        "平均完成率",
        "本年计划投资(万元)",
        "累计完成投资(万元)",
    ];
    ws.write_string_with_format(start, 0, heading, header)?;
    for (i, name) in (1u16..).zip(cols) {
        ws.write_string_with_format(start, i, name, header)?;
    }
    let plain = Format::new().set_border(FormatBorder::Thin);
    let pct = Format::new().set_border(FormatBorder::Thin).set_num_format("0.0%");
    let money = Format::new().set_border(FormatBorder::Thin).set_num_format("#,##0.00");
    let total = total_of(groups);
    let mut row = start + 1;
    for (name, t) in groups.iter().map(|(n, t)| (n.as_str(), t)).chain([("合计", &total)]) {
        ws.write_string_with_format(row, 0, name, &plain)?;
        ws.write_number_with_format(row, 1, f64::from(t.projects), &plain)?;
        for (i, n) in (2u16..).zip(t.by_status) {
            ws.write_number_with_format(row, i, f64::from(n), &plain)?;
        }
        ws.write_number_with_format(row, 7, f64::from(t.lagging), &plain)?;
        let average = if t.projects > 0 { t.completion / f64::from(t.projects) } else { 0.0 };
        ws.write_number_with_format(row, 8, average, &pct)?;
        ws.write_number_with_format(row, 9, t.invest_year_plan, &money)?;
        ws.write_number_with_format(row, 10, t.invest_done, &money)?;
        row += 1;
    }
    Ok(row + 1)
}

fn total_of(groups: &[(String, Tally)]) -> Tally {
    let mut total = Tally::default();
    for (_, t) in groups {
        total.projects += t.projects;
        for (a, b) in total.by_status.iter_mut().zip(t.by_status) {
            *a += b;
        }
        total.lagging += t.lagging;
        total.completion += t.completion;
        total.invest_year_plan += t.invest_year_plan;
        total.invest_done += t.invest_done;
    }
    total
}

fn grouped(sheet: &ReviewSheet, key: impl Fn(&SheetRow) -> String) -> Vec<(String, Tally)> {
    let mut groups: Vec<(String, Tally)> = Vec::new();
    for r in &sheet.rows {
        let k = key(r);
        match groups.iter_mut().find(|(name, _)| *name == k) {
            Some((_, t)) => t.add(r),
            None => {
                let mut t = Tally::default();
                t.add(r);
                groups.push((k, t));
            }
        }
    }
    groups
}

fn summary_sheet(ws: &mut Worksheet, sheet: &ReviewSheet) -> Result<(), ExportError> {
    ws.set_name("汇总")?;
    title_block(ws, sheet, 10)?;
    let header = Format::new().set_bold().set_border(FormatBorder::Thin).set_background_color(Color::RGB(0x00DD_E6F0));
    let gazetteer = crate::domain::Gazetteer::default();
    let district = |r: &SheetRow| gazetteer.district_of(&r.project.place).to_string();
    // Bulletins start from counts and investment by 建设性质.
    let nature = |r: &SheetRow| {
        r.project
            .nature
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| crate::domain::NATURE_MISSING.into())
    };
    let next = summary_table(ws, HEADER_ROW, "建设性质", &grouped(sheet, nature), &header)?;
    let next = summary_table(ws, next, "所属区(县)", &grouped(sheet, district), &header)?;
    let by_category =
        grouped(sheet, |r| category(&r.project.category).map_or_else(|| r.project.category.clone(), |c| c.zh.into()));
    summary_table(ws, next, "类别", &by_category, &header)?;
    ws.set_column_width(0, 20)?;
    for col in 1..=8 {
        ws.set_column_width(col, 10)?;
    }
    ws.set_column_width(9, 16)?;
    ws.set_column_width(10, 16)?;
    // One page wide: the investment columns printed on a page of their own without the names.
    ws.set_print_fit_to_pages(1, 0);
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_footer("&C第 &P 页 / 共 &N 页");
    Ok(())
}

/// The workbook as bytes.
///
/// # Errors
/// [`ExportError::Xlsx`] from the writer.
pub fn write_xlsx(sheet: &ReviewSheet) -> Result<Vec<u8>, ExportError> {
    let columns = sheet.columns(false);
    let mut workbook = Workbook::new();
    // The rows stream to a temporary file as they are written, not kept cell by cell.
    main_sheet(workbook.add_worksheet_with_constant_memory()?, sheet, &columns)?;
    summary_sheet(workbook.add_worksheet(), sheet)?;
    Ok(workbook.save_to_buffer()?)
}
