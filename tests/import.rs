//! District update sheets back in: the template round trip, and every kind of bad input the
//! issue lists, each with a clear message and nothing written.

use std::io::Write as _;
use std::process::Command;

use calamine::{Reader, Xlsx, open_workbook};
use taizhang::db::Db;
use taizhang::domain::{Filter, Period, ProjectId, SortColumn, SortOrder, Status};
use taizhang::export::{ReviewSheet, SheetMeta, TEMPLATE_HEADERS, write_template};
use taizhang::import::{ImportError, read_table};

mod common;

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
    write_template(place, &sheet.rows, today()).expect("template")
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
        plan.problems.iter().any(|p| p.column == column && p.zh.contains(needle)),
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
            .any(|p| p.zh.contains("超过目标"))
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
    assert!(matches!(read_table(&noise), Err(ImportError::NotASheet(_))));
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
