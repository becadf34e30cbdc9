//! Update sheets as districts really send them: typed cells (percentages, dates, booleans, error
//! values, times, formulas with a calculated value), a cover sheet in front, "Unicode text",
//! totals and status words. Each file is made here, with rust_xlsxwriter, zip or LibreOffice.

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook, Worksheet};
use taizhang::db::Db;
use taizhang::domain::{Period, Status};
use taizhang::import::{ImportPlan, read_table};

use crate::common;

use common::{as_saved_by_excel, convert, id_of, plan_of};

const HEADER: [&str; 7] = ["项目编号", "填报期", "状态", "完成量", "累计完成投资(万元)", "解决时限", "备注"];

/// An update sheet: the header in row 1, `fill` writes the rows below.
fn xlsx(fill: impl FnOnce(&mut Worksheet)) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in (0u16..).zip(HEADER) {
        ws.write_string(0, c, h).expect("header");
    }
    fill(ws);
    wb.save_to_buffer().expect("xlsx")
}

/// A data row's id, period text and status.
fn start_row(ws: &mut Worksheet, row: u32, id: i64, status: &str) {
    ws.write_number(row, 0, id as f64).expect("id");
    ws.write_string(row, 1, "2025-06").expect("period");
    ws.write_string(row, 2, status).expect("status");
}

fn problems_at(plan: &ImportPlan, row: usize, column: &str) -> Vec<String> {
    plan.problems.iter().filter(|p| p.row == row && p.column == column).map(|p| p.kind.zh()).collect()
}

fn assert_problem(plan: &ImportPlan, row: usize, column: &str, needles: &[&str]) {
    let found = problems_at(plan, row, column);
    assert!(
        found.iter().any(|zh| needles.iter().all(|n| zh.contains(n))),
        "row {row} {column}: expected {needles:?} in {found:?} (all: {:?})",
        plan.problems
    );
}

/// 完成量 typed as 50% (0.5 with format 0%) and 12.5% (custom 0.0%).
fn percent_sheet(db: &Db) -> Vec<u8> {
    let (pipe, gas) = (id_of(db, "钟山区供水管网建设改造"), id_of(db, "钟山区燃气管网建设改造"));
    xlsx(|ws| {
        start_row(ws, 1, pipe, "在建");
        ws.write_number_with_format(1, 3, 0.5, &Format::new().set_num_format("0%")).expect("percent");
        start_row(ws, 2, gas, "在建");
        ws.write_number_with_format(2, 3, 0.125, &Format::new().set_num_format("0.0%")).expect("percent");
    })
}

fn assert_percent_refused(plan: &ImportPlan) {
    assert_problem(plan, 2, "完成量", &["50%", "百分比", "公里"]);
    assert_problem(plan, 3, "完成量", &["12.5%", "百分比"]);
    assert!(plan.inputs.iter().all(|(_, i)| i.done != Some(0.5) && i.done != Some(0.125)), "never 0.5 km");
}

#[test]
fn a_percentage_in_a_quantity_column_is_a_problem_not_half_a_kilometre() {
    let db = Db::open_in_memory().expect("db");
    let bytes = percent_sheet(&db);
    assert_percent_refused(&plan_of(&db, &bytes).expect("xlsx"));
    if let Some(ods) = convert(&bytes, "ods") {
        assert_percent_refused(&plan_of(&db, &ods).expect("ods"));
    }
    if let Some(xls) = convert(&bytes, "xls") {
        assert_percent_refused(&plan_of(&db, &xls).expect("xls"));
    }
}

/// Row 2: dates where year-months belong (fine). Rows 3–6: a date, a boolean, an error value
/// and a time in 完成量.
fn typed_sheet(db: &Db) -> Vec<u8> {
    let names = ["供水", "燃气", "雨水", "污水", "供热"].map(|k| id_of(db, &format!("钟山区{k}管网建设改造")));
    let date = |y, m, d| ExcelDateTime::from_ymd(y, m, d).expect("date");
    xlsx(|ws| {
        start_row(ws, 1, names[0], "在建");
        ws.write_datetime_with_format(1, 1, date(2025, 6, 1), &Format::new().set_num_format("yyyy-mm")).expect("d");
        ws.write_number(1, 3, 3.0).expect("done");
        ws.write_datetime_with_format(1, 5, date(2025, 9, 30), &Format::new().set_num_format("yyyy-mm-dd")).expect("d");
        start_row(ws, 2, names[1], "在建");
        ws.write_datetime_with_format(2, 3, date(2025, 6, 15), &Format::new().set_num_format("yyyy-mm-dd")).expect("d");
        start_row(ws, 3, names[2], "在建");
        ws.write_boolean(3, 3, true).expect("bool");
        start_row(ws, 4, names[3], "在建");
        ws.write_formula(4, 3, Formula::new("=1/0").set_result("#DIV/0!")).expect("error");
        start_row(ws, 5, names[4], "在建");
        ws.write_number_with_format(5, 3, 0.5, &Format::new().set_num_format("h:mm")).expect("time");
    })
}

fn assert_typed(plan: &ImportPlan) {
    assert!(
        problems_at(plan, 2, "填报期").is_empty() && problems_at(plan, 2, "解决时限").is_empty(),
        "{:?}",
        plan.problems
    );
    let first = plan.inputs.iter().find(|(row, _)| *row == 2).map(|(_, i)| i).expect("row 2 imports");
    assert_eq!(
        (first.period, first.coordination_due.as_str(), first.done),
        (Period::new(2025, 6), "2025-09", Some(3.0))
    );
    assert_problem(plan, 3, "完成量", &["2025-06-15", "日期"]);
    assert_problem(plan, 4, "完成量", &["TRUE", "逻辑值"]);
    assert_problem(plan, 5, "完成量", &["#DIV/0!", "错误值"]);
    assert_problem(plan, 6, "完成量", &["12:00", "时间"]);
}

#[test]
fn dates_booleans_errors_and_times_are_read_as_meant() {
    let db = Db::open_in_memory().expect("db");
    let bytes = typed_sheet(&db);
    assert_typed(&plan_of(&db, &as_saved_by_excel(&bytes)).expect("xlsx"));
    // LibreOffice calculates the formula and keeps each cell's type: the 填报期 date is a
    // date-value in the .ods, which used to refuse every row.
    if let Some(ods) = convert(&bytes, "ods") {
        assert_typed(&plan_of(&db, &ods).expect("ods"));
    }
    if let Some(xls) = convert(&bytes, "xls") {
        assert_typed(&plan_of(&db, &xls).expect("xls"));
    }
}

#[test]
fn text_nan_and_inf_are_not_numbers_and_big_numbers_pass_through() {
    let db = Db::open_in_memory().expect("db");
    let pipe = id_of(&db, "钟山区供水管网建设改造");
    for text in ["NaN", "nan", "inf", "-inf", "infinity", "1e400", "1e5"] {
        let csv = format!("项目编号,填报期,状态,完成量\n{pipe},2025-06,在建,{text}\n");
        let plan = plan_of(&db, csv.as_bytes()).expect("plan");
        assert_problem(&plan, 2, "完成量", &["不是数字"]);
    }
    // A number cell is passed on as it is: refusing absurd magnitudes is validation's job.
    let bytes = xlsx(|ws| {
        start_row(ws, 1, pipe, "在建");
        ws.write_number(1, 4, 1e300).expect("big");
    });
    let table = read_table(&bytes).expect("read");
    assert_eq!(table.rows[1][4], taizhang::import::Value::Number(1e300));
}

#[test]
fn a_formula_with_a_calculated_value_is_read_and_one_without_is_a_problem() {
    let db = Db::open_in_memory().expect("db");
    let (pipe, gas) = (id_of(&db, "钟山区供水管网建设改造"), id_of(&db, "钟山区燃气管网建设改造"));
    let bytes = xlsx(|ws| {
        start_row(ws, 1, pipe, "在建");
        ws.write_formula(1, 3, Formula::new("=1+2").set_result("3")).expect("formula");
        start_row(ws, 2, gas, "在建");
        ws.write_formula(2, 3, Formula::new("=2*3").set_result("6")).expect("formula");
    });
    // As Excel saves it: each formula carries its calculated value.
    let saved = plan_of(&db, &as_saved_by_excel(&bytes)).expect("plan");
    assert!(saved.problems.is_empty(), "{:?}", saved.problems);
    assert_eq!(saved.inputs.iter().map(|(_, i)| i.done).collect::<Vec<_>>(), vec![Some(3.0), Some(6.0)]);
    // As a script writes it (to be recalculated on opening): no value to trust.
    let script = plan_of(&db, &bytes).expect("plan");
    assert_problem(&script, 2, "完成量", &["公式"]);
    assert_problem(&script, 3, "完成量", &["公式"]);
}

#[test]
fn status_words_districts_use_and_the_list_in_the_message() {
    let db = Db::open_in_memory().expect("db");
    let ids = ["供水", "燃气", "雨水", "污水", "供热"].map(|k| id_of(&db, &format!("钟山区{k}管网建设改造")));
    let words = ["已竣工", "施工中", "尚未开工", "开展前期", "停建"];
    let mut csv = String::from("项目编号,填报期,状态\n");
    for (id, word) in ids.iter().zip(words) {
        csv.push_str(&format!("{id},2025-06,{word}\n"));
    }
    let plan = plan_of(&db, csv.as_bytes()).expect("plan");
    let completed = plan.problems.iter().all(|p| p.row != 2);
    assert!(completed, "{:?}", plan.problems);
    let statuses: Vec<Option<Status>> = plan.inputs.iter().map(|(_, i)| i.status).collect();
    assert_eq!(
        statuses,
        vec![
            Some(Status::Completed),
            Some(Status::UnderConstruction),
            Some(Status::NotStarted),
            Some(Status::Preparing),
            Some(Status::Suspended)
        ],
        "{:?}",
        plan.problems
    );
    let unknown = plan_of(&db, format!("项目编号,填报期,状态\n{},2025-06,开工了\n", ids[0]).as_bytes()).expect("plan");
    assert_problem(&unknown, 2, "状态", &["开工了", "未开工、前期、在建、已完工、停缓建"]);
}

#[test]
fn the_update_sheet_behind_a_cover_sheet_is_found() {
    let db = Db::open_in_memory().expect("db");
    let pipe = id_of(&db, "钟山区供水管网建设改造");
    let mut wb = Workbook::new();
    let cover = wb.add_worksheet().set_name("封面").expect("name");
    cover.write_string(0, 0, "钟山区重点项目调度表(2025年6月)").expect("title");
    cover.write_string(2, 0, "填报单位:钟山区住建局").expect("unit");
    let sheet = wb.add_worksheet().set_name("6月").expect("name");
    sheet.write_string(0, 0, "填报说明:每个项目一行").expect("instruction");
    for (c, h) in (0u16..).zip(HEADER) {
        sheet.write_string(1, c, h).expect("header");
    }
    start_row(sheet, 2, pipe, "在建");
    sheet.write_number(2, 3, 4.0).expect("done");
    let bytes = wb.save_to_buffer().expect("xlsx");
    let plan = plan_of(&db, &bytes).expect("found the sheet with the header");
    assert!(plan.problems.is_empty(), "{:?}", plan.problems);
    assert_eq!(plan.inputs.iter().map(|(r, i)| (*r, i.done)).collect::<Vec<_>>(), vec![(3, Some(4.0))]);
    if let Some(ods) = convert(&bytes, "ods") {
        assert_eq!(plan_of(&db, &ods).expect("ods").inputs.len(), 1);
    }
    if let Some(xls) = convert(&bytes, "xls") {
        assert_eq!(plan_of(&db, &xls).expect("xls").inputs.len(), 1);
    }
}

#[test]
fn unicode_text_and_tab_separated_files_are_read() {
    let db = Db::open_in_memory().expect("db");
    let pipe = id_of(&db, "钟山区供水管网建设改造");
    let text = format!("项目编号\t填报期\t状态\t完成量\t备注\r\n{pipe}\t2025-06\t在建\t6\t\"含,逗号\"\r\n");
    // Excel's "Unicode text": UTF-16LE with a BOM.
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    for bytes in [utf16, text.clone().into_bytes()] {
        let plan = plan_of(&db, &bytes).expect("read");
        assert!(plan.problems.is_empty(), "{:?}", plan.problems);
        let input = &plan.inputs[0].1;
        assert_eq!((input.done, input.note.as_str()), (Some(6.0), "含,逗号"));
    }
    // Broken UTF-16 says so, instead of "no header".
    let mut broken: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    broken.extend([0x00, 0xD8, 0x41, 0x00]); // an unpaired surrogate
    let message = plan_of(&db, &broken).expect_err("refused").to_string();
    assert!(message.contains("UTF-16"), "{message}");
}

#[test]
fn a_duplicate_row_names_the_other_row() {
    let db = Db::open_in_memory().expect("db");
    let (pipe, gas) = (id_of(&db, "钟山区供水管网建设改造"), id_of(&db, "钟山区燃气管网建设改造"));
    let csv = format!("项目编号,填报期,状态\n{pipe},2025-06,在建\n{gas},2025-06,在建\n{pipe},2025-06,前期\n");
    let plan = plan_of(&db, csv.as_bytes()).expect("plan");
    assert_problem(&plan, 2, "项目编号", &["第 4 行"]);
    assert_problem(&plan, 4, "项目编号", &["第 2 行"]);
    assert_eq!(plan.inputs.len(), 1);
}

#[test]
fn totals_sections_and_notes_are_not_projects() {
    let db = Db::open_in_memory().expect("db");
    let (pipe, gas) = (id_of(&db, "钟山区供水管网建设改造"), id_of(&db, "钟山区燃气管网建设改造"));
    let bytes = xlsx(|ws| {
        ws.write_string(1, 0, "一、管网").expect("section");
        start_row(ws, 2, pipe, "在建");
        ws.write_number(2, 4, 100.0).expect("invest");
        start_row(ws, 3, gas, "在建");
        ws.write_number(3, 4, 200.5).expect("invest");
        ws.write_string(4, 0, "合 计").expect("total");
        ws.write_formula(4, 4, Formula::new("=SUM(E3:E4)").set_result("300.5")).expect("sum");
        ws.write_string(6, 0, "注:本表由钟山区住建局填报,投资单位为万元。").expect("note");
        ws.write_string(7, 0, "填报人:张三").expect("who");
        ws.write_string(7, 3, "联系电话:0858-1234567").expect("phone");
    });
    let plan = plan_of(&db, &as_saved_by_excel(&bytes)).expect("plan");
    assert!(plan.problems.is_empty(), "{:?}", plan.problems);
    assert_eq!(plan.inputs.len(), 2);
    assert_eq!(plan.rows_read, 2);
}
