//! What the plan says beyond problems: warnings for totals that do not add up and for notes
//! left out, the kinds of cells the reader saw, and the skipped rows written back for the
//! district with their reasons (a file it can correct and send again).

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use taizhang::db::Db;
use taizhang::export::skipped_rows_csv;
use taizhang::import::{CellDate, Value, read_table};

use crate::common;

use common::{id_of, plan_of};

fn pipes(db: &Db) -> [i64; 4] {
    ["供水", "燃气", "雨水", "污水"].map(|k| id_of(db, &format!("钟山区{k}管网建设改造")))
}

#[test]
fn totals_that_do_not_add_up_and_notes_are_warnings() {
    let db = Db::open_in_memory().expect("db");
    let ids = pipes(&db);
    let mut csv = String::from("序号,项目编号,填报期,状态,累计完成投资(万元)\n");
    csv.push_str("一、供排水,,,,\n");
    csv.push_str(&format!("1,{},2025-06,在建,100\n2,{},2025-06,在建,50.5\n", ids[0], ids[2]));
    csv.push_str("小计,,,,150.5\n"); // right
    csv.push_str("二、燃气,,,,\n");
    csv.push_str(&format!("3,{},2025-06,在建,30\n4,{},2025-06,在建,20\n", ids[1], ids[3]));
    csv.push_str("小计,,,,60\n"); // wrong: 50
    csv.push_str("合计,,,,250\n"); // wrong: 200.5
    csv.push_str(",,,,\n注:投资单位为万元。,,,,\n填报人:张三,,联系电话:0858-1234567,,\n");
    let plan = plan_of(&db, csv.as_bytes()).expect("plan");
    assert!(plan.problems.is_empty(), "{:?}", plan.problems);
    assert_eq!((plan.inputs.len(), plan.rows_read), (4, 4));
    let warnings: Vec<(usize, &str, String)> =
        plan.warnings.iter().map(|w| (w.row, w.column.as_str(), w.kind.zh())).collect();
    assert_eq!(warnings.len(), 4, "{warnings:?}");
    assert!(
        warnings[0].0 == 9
            && warnings[0].1 == "累计完成投资(万元)"
            && warnings[0].2.contains("60")
            && warnings[0].2.contains("50")
    );
    assert!(warnings[1].0 == 10 && warnings[1].2.contains("250") && warnings[1].2.contains("200.5"));
    assert!(warnings[2].0 == 12 && warnings[2].2.contains("注:投资单位为万元"), "{warnings:?}");
    assert!(warnings[3].0 == 13 && warnings[3].2.contains("张三"));
}

#[test]
fn the_reader_keeps_each_cell_kind() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_number_with_format(0, 0, 0.5, &Format::new().set_num_format("0%")).expect("percent");
    ws.write_number_with_format(0, 1, 0.5, &Format::new().set_num_format("0.00\"%\"")).expect("not a percent");
    let date = ExcelDateTime::from_ymd(2025, 6, 15).expect("date");
    ws.write_datetime_with_format(0, 2, date, &Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"")).expect("date");
    ws.write_boolean(0, 3, false).expect("bool");
    ws.write_formula(0, 4, Formula::new("=NA()").set_result("#N/A")).expect("error");
    ws.write_formula(0, 5, "=1+1").expect("formula");
    ws.write_string(0, 6, "a & b <c>").expect("text");
    let table = read_table(&wb.save_to_buffer().expect("xlsx")).expect("read");
    assert_eq!(
        table.rows[0],
        vec![
            Value::Percent(0.5),
            Value::Number(0.5),
            Value::Date(CellDate { year: 2025, month: 6, day: 15, seconds: 0 }),
            Value::Bool(false),
            // Written by a program that asks for recalculation on opening: values not trusted.
            Value::Empty,
            Value::Empty,
            Value::Text("a & b <c>".into()),
        ]
    );
    assert!(table.formulas.contains(&(0, 4)) && table.formulas.contains(&(0, 5)));
}

#[test]
fn skipped_rows_are_written_back_with_their_reasons_and_can_be_imported_again() {
    let db = Db::open_in_memory().expect("db");
    let ids = pipes(&db);
    let mut csv = String::from("项目编号,填报期,状态,完成量,备注\n");
    csv.push_str(&format!("{},2025-06,在建,3,好\n", ids[0]));
    csv.push_str(&format!("{},2025-06,在建,十二,=HYPERLINK(\"x\")\n", ids[1]));
    csv.push_str(&format!("{},2025-06,开工了,-3,@sum\n", ids[2]));
    let plan = plan_of(&db, csv.as_bytes()).expect("plan");
    assert_eq!(plan.inputs.len(), 1);
    let table = read_table(csv.as_bytes()).expect("read");
    let skipped = skipped_rows_csv(&table, &plan);
    assert!(skipped.starts_with('\u{feff}'), "UTF-8 BOM");
    let records: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(skipped.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.expect("csv").iter().map(str::to_string).collect())
        .collect();
    assert_eq!(records.len(), 3, "{skipped}");
    assert_eq!(records[0][..6], ["项目编号", "填报期", "状态", "完成量", "备注", "原因"], "{skipped}");
    let id1 = ids[1].to_string();
    assert_eq!(records[1][..5], [id1.as_str(), "2025-06", "在建", "十二", "'=HYPERLINK(\"x\")"], "{skipped}");
    assert!(records[1][5].contains("完成量:“十二”不是数字") && records[1][6] == "3", "{:?}", records[1]);
    assert!(records[2][3] == "'-3" && records[2][4] == "'@sum" && records[2][2] == "开工了", "{:?}", records[2]);
    assert!(records.iter().all(|r| r.get(4).map(String::as_str) != Some("好")), "the good row is not in it");

    // The district corrects the file and sends it back: the added columns are ignored.
    let corrected = skipped.replace("十二", "12").replace("开工了", "在建").replace("'-3", "3");
    let again = plan_of(&db, corrected.as_bytes()).expect("plan");
    assert!(again.problems.is_empty(), "{:?}", again.problems);
    assert_eq!(again.inputs.iter().map(|(_, i)| i.done).collect::<Vec<_>>(), vec![Some(12.0), Some(3.0)]);
}
