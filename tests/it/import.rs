//! District update sheets back in: the template round trip, and every kind of bad input the
//! issue lists, each with a clear message and nothing written.

use std::io::Write as _;
use std::process::Command;

use calamine::{Reader, Xlsx, open_workbook};
use taizhang::db::Db;
use taizhang::domain::{Filter, Period, ProjectId, SortColumn, SortOrder, Status};
use taizhang::export::{ReviewSheet, SheetMeta, TEMPLATE_HEADERS, write_template};
use taizhang::import::{ITEM_HEADERS, ITEMS_SHEET, ImportError, read_table};

use crate::common;

use common::{id_of, plan_of, today};

fn changesets(db: &Db) -> i64 {
    db.connection().query_row("SELECT count(*) FROM changesets", [], |r| r.get(0)).expect("count")
}

/// A CSV update sheet with the given header and rows.
fn csv(header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = header.join(",");
    out.push('\n');
    for r in rows {
        out.push_str(&r.join(","));
        out.push('\n');
    }
    out.into_bytes()
}

fn row(id: i64, status: &str, done: &str) -> Vec<String> {
    vec![id.to_string(), "2025-06".into(), status.into(), done.into()]
}

const HEADER: [&str; 4] = ["项目编号", "填报期", "状态", "完成量"];

fn template_bytes(db: &Db, place: &str) -> Vec<u8> {
    let snapshot = db.snapshot().expect("snap");
    let filter = Filter { places: vec![place.into()], ..Filter::default() };
    let rows = snapshot.portfolio.view(&filter, SortColumn::Id, SortOrder::Ascending);
    let meta = SheetMeta {
        plan: snapshot.plan.title.clone(),
        filter: place.into(),
        review: today(),
        dataset: snapshot.dataset,
        generated: String::new(),
    };
    let sheet = ReviewSheet::new(&snapshot.portfolio, &rows, &db.latest_reports().expect("latest"), meta);
    let items: Vec<_> =
        db.problems(&taizhang::db::ProblemFilter::default()).expect("items").into_iter().map(|r| r.problem).collect();
    write_template(place, &sheet.rows, &items, today()).expect("template")
}

/// Reads the template back and fills the 管网 rows as a district would, as CSV text.
fn filled_from_template(template: &[u8]) -> (String, usize) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("t.xlsx");
    std::fs::write(&path, template).expect("write");
    let mut book: Xlsx<_> = open_workbook(&path).expect("open");
    let range = book.worksheet_range("填报表").expect("sheet");
    let mut out = String::new();
    let mut filled = 0;
    for (r, cells) in range.rows().enumerate() {
        let mut fields: Vec<String> = cells.iter().map(ToString::to_string).collect();
        fields.resize(TEMPLATE_HEADERS.len(), String::new());
        if r > 2 && fields[1].ends_with("管网建设改造") {
            fields[8] = "在建".into();
            fields[9] = "１２公里".into(); // full-width digits and a unit
            fields[13] = "主管铺设中".into();
            filled += 1;
        }
        let quoted: Vec<String> = fields.iter().map(|f| format!("\"{}\"", f.replace('"', "\"\""))).collect();
        out.push_str(&quoted.join(","));
        out.push('\n');
    }
    (out, filled)
}

#[test]
fn template_filled_and_imported_changes_exactly_what_was_filled() {
    let db = Db::open_in_memory().expect("db");
    let template = template_bytes(&db, "钟山区");
    let (filled, count) = filled_from_template(&template);
    assert_eq!(count, 5, "the five pipe rows of 钟山区");
    let plan = plan_of(&db, filled.as_bytes()).expect("plan");
    assert!(plan.problems.is_empty(), "{:?}", plan.problems);
    assert_eq!(plan.inputs.len(), 5);
    assert!(plan.changes.iter().any(|c| c.field == "完成量" && c.new == "12"));
    db.add_reports(&plan.reports(), "钟山区住建局", today(), false).expect("apply");
    let snap = db.snapshot().expect("snap");
    for p in snap.portfolio.projects.iter().filter(|p| p.place == "钟山区" && p.category == "pipes") {
        assert_eq!((p.status, p.done), (Status::UnderConstruction, Some(12.0)), "{}", p.name);
    }
    let untouched =
        snap.portfolio.projects.iter().filter(|p| p.category != "pipes").all(|p| p.status == Status::NotStarted);
    assert!(untouched, "only the filled rows changed");
    // The same sheet again changes nothing.
    let again = plan_of(&db, filled.as_bytes()).expect("plan");
    assert!(again.inputs.is_empty() && again.problems.is_empty());
    assert_eq!(again.unchanged, 5);
}

#[test]
fn libreoffice_round_trip_of_the_template() {
    let Some(soffice) =
        ["soffice", "libreoffice"].into_iter().find(|t| Command::new(t).arg("--version").output().is_ok())
    else {
        assert!(std::env::var_os("CI").is_none(), "CI installs LibreOffice");
        eprintln!("skipped: LibreOffice not installed");
        return;
    };
    let db = Db::open_in_memory().expect("db");
    let (filled, _) = filled_from_template(&template_bytes(&db, "钟山区"));
    let dir = tempfile::tempdir().expect("tempdir");
    let csv_path = dir.path().join("filled.csv");
    std::fs::write(&csv_path, filled).expect("write");
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("lo").display());
    let out = Command::new(soffice)
        .args([
            profile.as_str(),
            "--headless",
            "--infilter=CSV:44,34,76",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
        ])
        .arg(dir.path().join("out"))
        .arg(&csv_path)
        .output()
        .expect("soffice");
    let xlsx = std::fs::read(dir.path().join("out/filled.xlsx"))
        .unwrap_or_else(|e| panic!("LibreOffice wrote the xlsx ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    let plan = plan_of(&db, &xlsx).expect("plan");
    assert!(plan.problems.is_empty(), "{:?}", plan.problems);
    assert_eq!(plan.inputs.len(), 5);
}

fn expect_problem(db: &Db, bytes: &[u8], column: &str, needle: &str) {
    let before = changesets(db);
    let plan = plan_of(db, bytes).expect("readable");
    assert!(
        plan.problems.iter().any(|p| p.column == column && p.kind.zh().contains(needle)),
        "expected {column}: {needle} in {:?}",
        plan.problems
    );
    assert_eq!(changesets(db), before);
}

#[test]
fn cell_problems_are_reported_by_row_and_column() {
    let db = Db::open_in_memory().expect("db");
    let pipe = id_of(&db, "钟山区供水管网建设改造");
    let gas = id_of(&db, "钟山区燃气管网建设改造");
    expect_problem(&db, &csv(&HEADER, &[row(99_999, "在建", "1")]), "项目编号", "未知项目编号");
    expect_problem(&db, &csv(&HEADER, &[row(pipe, "在建", "十二")]), "完成量", "不是数字");
    expect_problem(&db, &csv(&HEADER, &[row(pipe, "在建", "-3")]), "完成量", "负数");
    expect_problem(&db, &csv(&HEADER, &[row(pipe, "开工了", "1")]), "状态", "不在列表");
    let bad_date = vec![pipe.to_string(), "2024/13".into(), "在建".into(), "1".into()];
    expect_problem(&db, &csv(&HEADER, &[bad_date]), "填报期", "YYYY-MM");
    // Two rows for one project: both are marked, neither lands.
    let twice = plan_of(&db, &csv(&HEADER, &[row(pipe, "在建", "1"), row(gas, "在建", "2"), row(pipe, "在建", "3")]))
        .expect("plan");
    assert_eq!(twice.bad_rows.iter().copied().collect::<Vec<_>>(), vec![2, 4]);
    assert_eq!(twice.inputs.len(), 1, "the gas row is still good");
    // 12公里 and full-width digits are numbers.
    let ok = plan_of(&db, &csv(&HEADER, &[row(pipe, "在建", "12公里"), row(gas, "在建", "４５．５")])).expect("plan");
    assert!(ok.problems.is_empty(), "{:?}", ok.problems);
    assert_eq!((ok.reports()[0].done, ok.reports()[1].done), (Some(12.0), Some(45.5)));
    assert!(
        plan_of(&db, &csv(&HEADER, &[row(gas, "在建", "１２３")]))
            .expect("plan")
            .problems
            .iter()
            .any(|p| p.kind.zh().contains("超过目标"))
    );
}

#[test]
fn columns_in_another_order_under_other_names() {
    let db = Db::open_in_memory().expect("db");
    let pipe = id_of(&db, "钟山区供水管网建设改造");
    let header = ["备注", "累计完成量", "本期状态", "编号", "填报月份"];
    let rows = vec![vec!["按月报".into(), "8".into(), "在建".into(), pipe.to_string(), "2025-05".into()]];
    let plan = plan_of(&db, &csv(&header, &rows)).expect("plan");
    assert!(plan.problems.is_empty(), "{:?}", plan.problems);
    let input = &plan.reports()[0];
    assert_eq!((input.project, input.done, input.note.as_str()), (Some(ProjectId(pipe)), Some(8.0), "按月报"));
    assert_eq!(input.period, Period::new(2025, 5));
}

#[test]
fn files_that_are_not_update_sheets() {
    assert!(matches!(read_table(b""), Err(ImportError::Empty)));
    assert!(matches!(read_table(b"%PDF-1.7\n..."), Err(ImportError::Pdf)));
    let noise: Vec<u8> = (0u32..4096).map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8).collect();
    let read = read_table(&noise);
    assert!(matches!(read, Err(ImportError::NotASheet(_) | ImportError::Binary | ImportError::NotText)), "{read:?}");
    let db = Db::open_in_memory().expect("db");
    let no_header = csv(&["a", "b"], &[vec!["1".into(), "2".into()]]);
    assert!(matches!(plan_of(&db, &no_header), Err(ImportError::NoHeader)));
    assert!(matches!(plan_of(&db, b",,\n,,\n"), Err(ImportError::EmptySheet)));
    // A header with no rows imports nothing and says so.
    let empty = plan_of(&db, &csv(&HEADER, &[])).expect("plan");
    assert_eq!((empty.rows_read, empty.inputs.len()), (0, 0));
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_expanded() {
    let mut bytes = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        zip.start_file("xl/worksheets/sheet1.xml", options).expect("entry");
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..220 {
            zip.write_all(&zeros).expect("write");
        }
        zip.finish().expect("finish");
    }
    assert!(bytes.len() < 2_000_000, "{} bytes on disk", bytes.len());
    assert!(matches!(read_table(&bytes), Err(ImportError::ZipBomb(mb)) if mb >= 200));
}

#[test]
fn formulas_in_cells_are_refused() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let db = Db::open_in_memory().expect("db");
    let pipe = id_of(&db, "钟山区供水管网建设改造");
    for (c, h) in (0u16..).zip(HEADER) {
        ws.write_string(0, c, h).expect("header");
    }
    ws.write_number(1, 0, pipe as f64).expect("id");
    ws.write_string(1, 1, "2025-06").expect("period");
    ws.write_string(1, 2, "在建").expect("status");
    ws.write_formula(1, 3, "=2*3").expect("formula");
    let bytes = wb.save_to_buffer().expect("xlsx");
    expect_problem(&db, &bytes, "完成量", "公式");
}

#[test]
fn a_hundred_thousand_rows_are_read_and_checked() {
    let db = Db::open_in_memory().expect("db");
    let ids: Vec<i64> = db.snapshot().expect("snap").portfolio.projects.iter().map(|p| p.id.0).collect();
    let rows: Vec<Vec<String>> = (0..100_000).map(|i| row(ids[i % ids.len()], "前期", "")).collect();
    let plan = plan_of(&db, &csv(&HEADER, &rows)).expect("plan");
    assert_eq!(plan.rows_read, 100_000);
    assert!(plan.inputs.is_empty(), "every project appears many times: all rows are duplicates");
    assert_eq!(changesets(&db), 0);
}

/// Open items for 钟山区's water pipes (a problem and a matter to coordinate), an open one of a
/// project elsewhere and a closed one of 钟山区's gas pipes: their ids, in that order.
fn with_items(db: &Db) -> [i64; 4] {
    use taizhang::domain::{ProblemStatus, ReportInput};
    let pipe = id_of(db, "钟山区供水管网建设改造");
    let gas = id_of(db, "钟山区燃气管网建设改造");
    let snap = db.snapshot().expect("snap");
    let elsewhere = snap.portfolio.projects.iter().find(|p| p.place != "钟山区").expect("another place").id;
    let report = |project: ProjectId, problems: &str, coordination: &str| ReportInput {
        project: Some(project),
        period: Period::new(2025, 5),
        status: Some(Status::Preparing),
        problems: problems.into(),
        coordination: coordination.into(),
        coordination_unit: if coordination.is_empty() { String::new() } else { "钟山区住建局".into() },
        coordination_due: if coordination.is_empty() { String::new() } else { "2025-09".into() },
        ..ReportInput::default()
    };
    let reports = [
        report(ProjectId(pipe), "征地拆迁滞后", "协调道路开挖许可"),
        report(ProjectId(gas), "资金未到位", ""),
        report(elsewhere, "图纸未审", ""),
    ];
    db.add_reports(&reports, "测试", today(), false).expect("reports");
    let items = db.problems(&taizhang::db::ProblemFilter::default()).expect("items");
    let id = |text: &str| items.iter().find(|r| r.problem.text == text).expect(text).problem.id;
    let closed = id("资金未到位");
    db.set_problem_status(closed, ProblemStatus::Resolved, "资金已到位", "2025-06-01", "测试").expect("close");
    [id("征地拆迁滞后"), id("协调道路开挖许可"), id("图纸未审"), closed]
}

/// A sheet of the workbook as text, cell by cell.
fn sheet_text(bytes: &[u8], name: &str) -> Vec<Vec<String>> {
    let mut book = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("open");
    let range = book.worksheet_range(name).expect("sheet");
    range.rows().map(|r| r.iter().map(ToString::to_string).collect()).collect()
}

/// The workbook a district sends back: the template's two sheets with `fill` applied to the
/// 问题清单's rows (all cells written as text, as a district's copy-and-paste leaves them).
fn filled_workbook(template: &[u8], fill: impl Fn(&mut [String])) -> Vec<u8> {
    filled_workbook_as(template, ITEMS_SHEET, fill)
}

/// As [`filled_workbook`], with the 问题清单 sheet saved under `items_name`.
fn filled_workbook_as(template: &[u8], items_name: &str, fill: impl Fn(&mut [String])) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for name in ["填报表", ITEMS_SHEET] {
        let ws = wb.add_worksheet();
        ws.set_name(if name == ITEMS_SHEET { items_name } else { name }).expect("name");
        for (r, mut cells) in (0u32..).zip(sheet_text(template, name)) {
            if name == ITEMS_SHEET && r > 2 {
                cells.resize(ITEM_HEADERS.len(), String::new());
                fill(&mut cells);
            }
            for (c, text) in (0u16..).zip(cells) {
                ws.write_string(r, c, text).expect("cell");
            }
        }
    }
    wb.save_to_buffer().expect("xlsx")
}

/// Fills the 问题清单 row of the item `text` with 办理结果, 销号日期 and 办理情况.
fn fill_item(cells: &mut [String], text: &str, (result, day, note): (&str, &str, &str)) {
    if cells[4] == text {
        cells[8] = result.into();
        cells[9] = day.into();
        cells[10] = note.into();
    }
}

/// 征地拆迁滞后 closed, 协调道路开挖许可 in hand.
fn close_one_hand_one(cells: &mut [String]) {
    fill_item(cells, "征地拆迁滞后", ("已销号", "2025-06-10", "拆迁协议已全部签订"));
    fill_item(cells, "协调道路开挖许可", ("办理中", "", "已报市住建局"));
}

#[test]
fn the_template_lists_the_places_open_items_and_their_updates_come_back_in_one_undoable_change() {
    use taizhang::domain::ProblemStatus;
    use taizhang::import::SheetPart;
    let db = Db::open_in_memory().expect("db");
    let [problem, coordination, _, _] = with_items(&db);
    let template = template_bytes(&db, "钟山区");
    let sheet = sheet_text(&template, ITEMS_SHEET);
    assert_eq!(sheet[2], ITEM_HEADERS.map(String::from).to_vec());
    let listed: Vec<(&str, &str, &str)> =
        sheet[3..].iter().map(|r| (r[4].as_str(), r[3].as_str(), r[7].as_str())).collect();
    assert_eq!(
        listed,
        [("协调道路开挖许可", "需协调事项", "未解决"), ("征地拆迁滞后", "存在问题", "未解决")],
        "only 钟山区's open items: not the closed one, not another place's"
    );
    // The template as written reads back with its 问题清单 and nothing to do there.
    let untouched = plan_of(&db, &template).expect("plan");
    assert!(untouched.items_header_row.is_some() && untouched.items.is_empty());
    assert!(untouched.problems.iter().all(|p| p.part != SheetPart::Items), "{:?}", untouched.problems);

    let filled = filled_workbook(&template, close_one_hand_one);
    let plan = plan_of(&db, &filled).expect("plan");
    assert!(plan.problems.is_empty(), "{:?}", plan.problems);
    let moves: Vec<(i64, ProblemStatus)> = plan.items.iter().map(|i| (i.update.id, i.update.status)).collect();
    assert_eq!(moves.len(), 2);
    assert!(
        moves.contains(&(problem, ProblemStatus::Resolved)) && moves.contains(&(coordination, ProblemStatus::InHand))
    );
    // A report row filled too: both go in as one change.
    let pipe = id_of(&db, "钟山区供水管网建设改造");
    let report = taizhang::domain::ReportInput {
        project: Some(ProjectId(pipe)),
        period: Period::new(2025, 6),
        status: Some(Status::UnderConstruction),
        done: Some(4.0),
        ..taizhang::domain::ReportInput::default()
    };
    let items_before = db.problems(&taizhang::db::ProblemFilter::default()).expect("items");
    let status_before =
        db.snapshot().expect("snap").portfolio.projects.iter().find(|p| p.id.0 == pipe).expect("p").status;
    let before = changesets(&db);
    let changeset =
        db.add_reports_and_items(&[report], &plan.item_updates(), "钟山区住建局", today(), false).expect("apply");
    assert_eq!(changesets(&db), before + 1, "one changeset for the whole import");
    let items = db.problems(&taizhang::db::ProblemFilter::default()).expect("items");
    let item = |id: i64| items.iter().find(|r| r.problem.id == id).expect("item").problem.clone();
    let closed = item(problem);
    assert_eq!(
        (closed.status, closed.closed_on.as_deref(), closed.close_note.as_str()),
        (ProblemStatus::Resolved, Some("2025-06-10"), "拆迁协议已全部签订")
    );
    assert_eq!(
        (item(coordination).status, item(coordination).close_note.as_str()),
        (ProblemStatus::InHand, "已报市住建局")
    );
    let status_now =
        |db: &Db| db.snapshot().expect("snap").portfolio.projects.iter().find(|p| p.id.0 == pipe).expect("p").status;
    assert_eq!(status_now(&db), Status::UnderConstruction);
    // The same sheet again: nothing left to do for the closed item, which is refused.
    let again = plan_of(&db, &filled).expect("plan");
    assert!(again.problems.iter().any(|p| p.part == SheetPart::Items && p.kind.zh().contains("已于 2025-06-10 销号")));
    // One undo takes back the report and both items.
    db.revert(changeset, "测试").expect("undo");
    assert_eq!(db.problems(&taizhang::db::ProblemFilter::default()).expect("items"), items_before);
    assert_eq!(status_now(&db), status_before);
}

/// The items sheet's problem at `column` containing `needle`, and nothing written.
fn expect_item_problem(db: &Db, bytes: &[u8], column: &str, needle: &str) {
    let before = changesets(db);
    let plan = plan_of(db, bytes).expect("readable");
    assert!(
        plan.problems.iter().any(|p| p.part == taizhang::import::SheetPart::Items
            && p.column == column
            && p.kind.zh().contains(needle)
            && !p.kind.en().is_empty()),
        "expected {column}: {needle} in {:?}",
        plan.problems
    );
    assert!(!plan.bad_items.is_empty() && plan.items.iter().all(|i| !plan.bad_items.contains(&i.row)));
    assert_eq!(changesets(db), before);
}

#[test]
fn bad_problem_list_rows_are_refused_with_their_reasons() {
    let db = Db::open_in_memory().expect("db");
    let [problem, _, elsewhere, closed] = with_items(&db);
    let template = template_bytes(&db, "钟山区");
    let with_id = |id: i64, result: &'static str, day: &'static str, note: &'static str| {
        filled_workbook(&template, move |cells| {
            if cells[4] == "征地拆迁滞后" {
                // The id alone names the item (项目编号 left blank, as a district may).
                (cells[0], cells[1]) = (id.to_string(), String::new());
                (cells[8], cells[9], cells[10]) = (result.into(), day.into(), note.into());
            }
        })
    };
    expect_item_problem(&db, &with_id(99_999, "办理中", "", ""), "问题编号", "未知问题编号 99999");
    expect_item_problem(&db, &with_id(elsewhere, "办理中", "", ""), "问题编号", "不是本表所列项目");
    expect_item_problem(&db, &with_id(closed, "办理中", "", ""), "办理结果", "销号");
    expect_item_problem(&db, &with_id(problem, "已销号", "2025-06-10", " "), "办理情况", "须填写办理情况");
    expect_item_problem(&db, &with_id(problem, "已销号", "2025/13/01", "已签"), "销号日期", "不是日期");
    expect_item_problem(&db, &with_id(problem, "已销号", "", "已签"), "销号日期", "YYYY-MM-DD");
    expect_item_problem(&db, &with_id(problem, "解决了", "", ""), "办理结果", "只能是");
    expect_item_problem(&db, &with_id(problem, "", "", "在办"), "办理结果", "办理结果为空");
    expect_item_problem(&db, &with_id(problem, "办理中", "2025-06-10", ""), "销号日期", "只有");
    // With one bad row the good one still stands (for --skip-bad-rows), and the skipped row is
    // written back with its reason.
    let mixed = filled_workbook(&template, |cells| {
        fill_item(cells, "征地拆迁滞后", ("已销号", "2025-06-10", ""));
        fill_item(cells, "协调道路开挖许可", ("办理中", "", ""));
    });
    let plan = plan_of(&db, &mixed).expect("plan");
    assert_eq!((plan.items.len(), plan.bad_items.len()), (1, 1));
    let table = read_table(&mixed).expect("read");
    let skipped = taizhang::export::skipped_items_csv(&table, &plan);
    assert!(skipped.contains("征地拆迁滞后") && skipped.contains("须填写办理情况"), "{skipped}");
    assert!(!taizhang::export::skipped_rows_csv(&table, &plan).contains("征地拆迁滞后"));
    // The database refuses an item closed since the sheet was read, and writes nothing.
    let before = changesets(&db);
    let late = taizhang::domain::ProblemUpdate {
        id: closed,
        status: taizhang::domain::ProblemStatus::InHand,
        note: String::new(),
        day: String::new(),
    };
    assert!(db.add_reports_and_items(&[], &[late], "测试", today(), false).is_err());
    assert_eq!(changesets(&db), before);
}

#[test]
fn a_place_without_open_items_gets_the_sheet_saying_so() {
    let db = Db::open_in_memory().expect("db");
    let template = template_bytes(&db, "钟山区");
    let sheet = sheet_text(&template, ITEMS_SHEET);
    assert_eq!(sheet[2], ITEM_HEADERS.map(String::from).to_vec());
    assert_eq!(sheet.len(), 4, "the header and one line");
    assert!(sheet[3][0].contains("暂无未销号的问题"), "{:?}", sheet[3]);
    let plan = plan_of(&db, &template).expect("plan");
    assert_eq!((plan.items_header_row, plan.items_read, plan.items.len()), (Some(2), 0, 0));
}

#[test]
fn the_command_line_dry_run_shows_the_item_updates_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("t.db");
    let db = Db::open(&path).expect("db");
    with_items(&db);
    let filled = filled_workbook(&template_bytes(&db, "钟山区"), close_one_hand_one);
    let before = changesets(&db);
    drop(db);
    let file = dir.path().join("钟山区.xlsx");
    std::fs::write(&file, filled).expect("write");
    let out =
        crate::common::bin().arg("--db").arg(&path).arg("import").arg(&file).arg("--dry-run").output().expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("2 项办理结果待导入"), "{stdout}");
    assert!(stdout.contains("征地拆迁滞后”: 未解决 → 已销号 2025-06-10 拆迁协议已全部签订"), "{stdout}");
    assert!(stdout.contains("协调道路开挖许可”: 未解决 → 办理中"), "{stdout}");
    assert_eq!(changesets(&Db::open(&path).expect("db")), before, "a dry run writes nothing");
}

#[test]
fn the_problem_list_survives_libreoffice_as_ods_and_xls() {
    let db = Db::open_in_memory().expect("db");
    with_items(&db);
    let filled = filled_workbook(&template_bytes(&db, "钟山区"), close_one_hand_one);
    for to in ["ods", "xls"] {
        let Some(converted) = common::convert(&filled, to) else { return };
        let plan = plan_of(&db, &converted).expect("plan");
        assert!(plan.problems.is_empty(), "{to}: {:?}", plan.problems);
        assert_eq!(plan.items.len(), 2, "{to}");
    }
}

/// Applying a filled-in sheet with a bad row (the use case the window's 导入 and the CLI's
/// `import` both call): refused whole without leave to skip; with leave, the file for the
/// left-out row is checked before anything is written (an existing one, not to be replaced,
/// stops it with nothing imported and no backup), then the good row goes in as one change and
/// the bad one is written beside the sheet with its reason.
#[test]
fn a_sheet_with_a_bad_row_goes_in_only_once_its_left_out_rows_can_be_written() {
    use taizhang::export::{ExportError, OutputRules, Overwrite, Protected};
    use taizhang::usecase::update_sheet::{UpdateSheetError, apply, preview};
    let dir = tempfile::tempdir().expect("tempdir");
    let db = Db::open(&dir.path().join("t.db")).expect("db");
    with_items(&db);
    let mixed = filled_workbook(&template_bytes(&db, "钟山区"), |cells| {
        fill_item(cells, "征地拆迁滞后", ("已销号", "2025-06-10", ""));
        fill_item(cells, "协调道路开挖许可", ("办理中", "", ""));
    });
    let sheet = dir.path().join("钟山区填报表.xlsx");
    std::fs::write(&sheet, mixed).expect("write");
    let snapshot = db.snapshot().expect("snapshot");
    let (table, plan) = preview(&db, &snapshot.portfolio, &sheet, None).expect("preview");
    let rules = OutputRules { protected: Protected::default(), overwrite: Overwrite::Refuse };
    let before = changesets(&db);
    let backups = || std::fs::read_dir(dir.path().join("backups")).map_or(0, |d| d.count());
    let backups_before = backups();

    let refused = apply(&db, (&sheet, &table, &plan), false, &rules, "测试");
    assert!(matches!(refused, Err(UpdateSheetError::Problems(1))), "{refused:?}");
    let left_out = sheet.with_extension("未导入问题清单行.csv");
    std::fs::write(&left_out, "an earlier file").expect("write");
    let refused = apply(&db, (&sheet, &table, &plan), true, &rules, "测试");
    assert!(matches!(refused, Err(UpdateSheetError::Export(ExportError::Exists { .. }))), "{refused:?}");
    assert_eq!((changesets(&db), backups()), (before, backups_before), "nothing written, no backup");
    assert_eq!(std::fs::read_to_string(&left_out).expect("kept"), "an earlier file");

    std::fs::remove_file(&left_out).expect("remove");
    let applied = apply(&db, (&sheet, &table, &plan), true, &rules, "测试").expect("applied");
    assert_eq!(applied.left_out, vec![left_out.clone()]);
    assert!(applied.changeset.is_some() && changesets(&db) > before);
    assert!(std::fs::read_to_string(&left_out).expect("written").contains("须填写办理情况"));
}

/// A row for a month before the project's latest report says so in the preview: it is kept as
/// that month's report, and the project's state stays the later one's (the preview showed the
/// state changing, and after the import it had not).
#[test]
fn a_row_older_than_the_latest_report_is_said_to_leave_the_state() {
    let db = Db::open_in_memory().expect("db");
    let gas = id_of(&db, "钟山区燃气管网建设改造");
    let june = taizhang::domain::ReportInput {
        project: Some(ProjectId(gas)),
        period: Period::new(2025, 6),
        status: Some(Status::Preparing),
        ..taizhang::domain::ReportInput::default()
    };
    db.add_reports(&[june], "测试", today(), false).expect("June");
    let sheet = format!("项目编号,填报期,状态\n{gas},2025-03,在建\n");
    let plan = plan_of(&db, sheet.as_bytes()).expect("plan");
    assert!(plan.problems.is_empty(), "{:?}", plan.problems);
    let said: Vec<String> = plan.warnings.iter().map(|w| w.kind.zh()).collect();
    assert!(said.iter().any(|w| w.contains("早于该项目已有的 2025-06 报告")), "{said:?}");
    assert_eq!(plan.inputs.len(), 1, "still kept as March's report");
}

/// A 问题清单 sheet copied or renamed as Excel does (问题清单 (2)), or with the district's name
/// after it, is still the items sheet: its 销号 were dropped without a word.
#[test]
fn a_renamed_items_sheet_still_brings_its_closings_in() {
    let db = Db::open_in_memory().expect("db");
    with_items(&db);
    let template = template_bytes(&db, "钟山区");
    for name in ["问题清单 (2)", "问题清单-钟山区"] {
        let plan = plan_of(&db, &filled_workbook_as(&template, name, close_one_hand_one)).expect("plan");
        assert_eq!(plan.items.len(), 2, "{name}: {:?}", plan.problems);
    }
}

/// A 问题清单 renamed to a name that says nothing ("Sheet2", as a copy into a new workbook
/// names it) was not read at all, and its 销号 were dropped without a word: it is known by its
/// header, in the XLSX and as LibreOffice saves it as ODS and XLS (the readers share the picker).
#[test]
fn an_items_sheet_renamed_to_anything_is_known_by_its_header() {
    let db = Db::open_in_memory().expect("db");
    with_items(&db);
    let filled = filled_workbook_as(&template_bytes(&db, "钟山区"), "Sheet2", close_one_hand_one);
    let plan = plan_of(&db, &filled).expect("plan");
    assert!(plan.items_header_row.is_some() && plan.problems.is_empty(), "{:?}", plan.problems);
    assert_eq!(plan.items.len(), 2);
    for to in ["ods", "xls"] {
        let Some(converted) = common::convert(&filled, to) else { return };
        let plan = plan_of(&db, &converted).expect("plan");
        assert_eq!(plan.items.len(), 2, "{to}: {:?}", plan.problems);
    }
}
