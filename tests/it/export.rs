//! Review sheets as files: read back with calamine, pdftotext/pdffonts, and LibreOffice where
//! installed (CI installs poppler-utils and LibreOffice).

use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};
use taizhang::db::Db;
use taizhang::domain::{Filter, Period, ProjectFields, ProjectId, ReportInput, SortColumn, SortOrder, Status};
use taizhang::export::{ExportFormat, ReviewSheet, SheetMeta, export};

/// Writes where asked, replacing a file there (the tests write into fresh folders).
fn anywhere() -> taizhang::export::OutputRules {
    taizhang::export::OutputRules {
        protected: taizhang::export::Protected::default(),
        overwrite: taizhang::export::Overwrite::Replace,
    }
}

fn sheet_for(db: &Db, filter: &Filter) -> ReviewSheet {
    let mut snapshot = db.snapshot().expect("snapshot");
    let review = Period::new(2024, 12).expect("period");
    snapshot.portfolio.set_schedule(review, 10.0);
    let rows = snapshot.portfolio.view(filter, SortColumn::Id, SortOrder::Ascending);
    let meta = SheetMeta {
        plan: snapshot.plan.title.clone(),
        filter: filter.describe(),
        review,
        dataset: snapshot.dataset,
        generated: "2026-11-22 10:00".into(),
    };
    ReviewSheet::new(&snapshot.portfolio, &rows, &db.latest_reports().expect("reports"), meta)
}

fn zhongshan() -> Filter {
    Filter { places: vec!["钟山区".into()], ..Filter::default() }
}

fn db_with_reports() -> Db {
    let db = Db::open_in_memory().expect("db");
    let id: i64 = db
        .connection()
        .query_row("SELECT id FROM projects WHERE name = '钟山区污水管网建设改造'", [], |r| r.get(0))
        .expect("id");
    let report = ReportInput {
        project: Some(ProjectId(id)),
        period: Period::new(2024, 6),
        status: Some(Status::UnderConstruction),
        done: Some(30.0),
        invest_total: Some(12000.0),
        invest_done: Some(4500.0),
        progress_text: "完成主管铺设30公里".into(),
        problems: "征地拆迁滞后".into(),
        ..ReportInput::default()
    };
    db.add_reports(&[report], "测试", Period::new(2025, 1).expect("p"), false).expect("report");
    db
}

fn tool(name: &str) -> bool {
    Command::new(name).arg("-v").output().is_ok()
}

#[test]
fn xlsx_reads_back_equal_to_the_database() {
    let db = db_with_reports();
    // The fields offices report on: 建设性质, 项目代码, 计划开工, 入库.
    let sewage_id = db
        .connection()
        .query_row("SELECT id FROM projects WHERE name = '钟山区污水管网建设改造'", [], |r| r.get(0))
        .map(ProjectId)
        .expect("id");
    let project = db.snapshot().expect("s").portfolio.projects.into_iter().find(|p| p.id == sewage_id).expect("p");
    let mut fields = ProjectFields::of(&project);
    fields.nature = Some("续建".into());
    fields.project_code = Some("2021-520201-48-01-123456".into());
    fields.planned_start = Period::new(2022, 3);
    fields.registered = Some(true);
    fields.registered_in = Period::new(2022, 5);
    db.update_project(sewage_id, &fields, "测试").expect("fields");
    let mut bad = fields.clone();
    bad.project_code = Some("2021-5202-48".into());
    assert!(db.update_project(sewage_id, &bad, "测试").is_err(), "a malformed 项目代码 is refused");
    let sheet = sheet_for(&db, &zhongshan());
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("钟山区调度表.xlsx");
    export(&sheet, ExportFormat::Xlsx, &path, &anywhere()).expect("export");
    let mut book: Xlsx<_> = open_workbook(&path).expect("calamine opens it");
    assert_eq!(book.sheet_names(), vec!["调度表".to_string(), "汇总".to_string()]);
    let range = book.worksheet_range("调度表").expect("sheet");
    let text = |r: u32, c: u32| range.get_value((r, c)).map(ToString::to_string).unwrap_or_default();
    assert!(text(0, 0).contains("重点项目调度表"));
    assert!(text(1, 0).contains("钟山区"));
    let header: Vec<String> = (0..range.width() as u32).map(|c| text(3, c)).collect();
    let col =
        |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("{name} in {header:?}")) as u32;
    assert_eq!(sheet.rows.len(), range.height() - 4);
    for (i, row) in sheet.rows.iter().enumerate() {
        let r = 4 + i as u32;
        assert_eq!(text(r, col("项目名称")), row.project.name);
        assert_eq!(text(r, col("所属区(县)")), row.project.place);
        // The light written as a word (its colour is only a fill), with its reason beside it.
        let verdict = row.light.as_ref().expect("lit");
        assert_eq!(text(r, col("亮灯")), verdict.light.label_zh());
        assert_eq!(text(r, col("亮灯原因")), verdict.summary(taizhang::domain::Lang::Zh));
        match (range.get_value((r, col("目标量"))), row.project.target) {
            (Some(Data::Float(v)), Some(t)) => assert!((v - t).abs() < 1e-9),
            (Some(Data::Empty) | None, None) => {}
            (got, want) => panic!("target of {}: {got:?} vs {want:?}", row.project.name),
        }
    }
    let sewage = sheet.rows.iter().position(|r| r.project.name == "钟山区污水管网建设改造").expect("row") as u32 + 4;
    assert_eq!(range.get_value((sewage, col("完成量"))), Some(&Data::Float(30.0)));
    assert_eq!(range.get_value((sewage, col("完成率"))), Some(&Data::Float(0.375)));
    assert_eq!(text(sewage, col("存在问题")), "征地拆迁滞后");
    assert_eq!(range.get_value((sewage, col("累计完成投资(万元)"))), Some(&Data::Float(4500.0)));
    assert_eq!(text(sewage, col("项目代码")), "2021-520201-48-01-123456");
    assert_eq!(text(sewage, col("计划开工")), "2022-03");
    assert_eq!(text(sewage, col("入库")), "是(2022-05)");
    let summary = book.worksheet_range("汇总").expect("summary");
    let cells: Vec<String> = summary.cells().map(|(_, _, v)| v.to_string()).collect();
    assert!(cells.iter().any(|c| c == "合计") && cells.iter().any(|c| c == "钟山区"));
    // By 建设性质 first, with the investment of the latest reports.
    let at = |r: u32, c: u32| summary.get_value((r, c)).map(ToString::to_string).unwrap_or_default();
    let nature_header = (0..summary.height() as u32).find(|&r| at(r, 0) == "建设性质").expect("建设性质 table");
    assert_eq!(at(nature_header, 10), "累计完成投资(万元)");
    let continuing = (nature_header..nature_header + 4).find(|&r| at(r, 0) == "续建").expect("续建 row");
    assert_eq!(summary.get_value((continuing, 10)), Some(&Data::Float(4500.0)));
    assert!(cells.iter().any(|c| c == "未填报"));
}

#[test]
fn csv_has_a_bom_quotes_and_no_formulas() {
    let db = db_with_reports();
    let fields = ProjectFields {
        name: "=HYPERLINK(\"http://x\",\"点我\")".into(),
        place: "钟山区".into(),
        category: "parks".into(),
        target_year: 2025,
        ..ProjectFields::default()
    };
    db.add_project(9, &fields, "测试").expect("added");
    let sheet = sheet_for(&db, &zhongshan());
    let bytes = taizhang::export::write_csv(&sheet).expect("csv");
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let names: Vec<String> = reader.records().map(|r| r.expect("record")[2].to_string()).collect();
    assert_eq!(names.len(), sheet.rows.len());
    assert!(names.contains(&"'=HYPERLINK(\"http://x\",\"点我\")".to_string()), "{names:?}");
    assert!(names.iter().all(|n| !n.starts_with(['=', '+', '-', '@'])));
    assert!(text.contains("\r\n"));
}

#[test]
fn pdf_has_every_name_and_an_embedded_font() {
    let db = db_with_reports();
    let sheet = sheet_for(&db, &zhongshan());
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("zs.pdf");
    export(&sheet, ExportFormat::Pdf, &path, &anywhere()).expect("export");
    let bytes = std::fs::read(&path).expect("read");
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(bytes.len() < 400_000, "font subset, not the whole font: {} bytes", bytes.len());
    if !tool("pdftotext") {
        assert!(std::env::var_os("CI").is_none(), "CI installs poppler-utils");
        eprintln!("skipped text checks: pdftotext not installed");
        return;
    }
    let out = Command::new("pdftotext").args(["-raw", path.to_str().expect("utf-8"), "-"]).output().expect("pdftotext");
    let text: String = String::from_utf8_lossy(&out.stdout).chars().filter(|c| !c.is_whitespace()).collect();
    for row in &sheet.rows {
        assert!(text.contains(&row.project.name), "{} missing from the PDF text", row.project.name);
    }
    let fonts = Command::new("pdffonts").arg(&path).output().expect("pdffonts");
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    let font_line = fonts.lines().find(|l| l.contains("NotoSansCJK")).expect("the CJK font is used");
    assert!(font_line.split_whitespace().filter(|w| *w == "yes").count() >= 2, "embedded and subset: {font_line}");
}

#[test]
fn libreoffice_opens_the_xlsx_with_the_same_chinese() {
    let Some(soffice) =
        ["soffice", "libreoffice"].into_iter().find(|t| Command::new(t).arg("--version").output().is_ok())
    else {
        assert!(std::env::var_os("CI").is_none(), "CI installs LibreOffice");
        eprintln!("skipped: LibreOffice not installed");
        return;
    };
    let db = db_with_reports();
    let sheet = sheet_for(&db, &zhongshan());
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("zs.xlsx");
    export(&sheet, ExportFormat::Xlsx, &path, &anywhere()).expect("export");
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("lo-profile").display());
    let status = Command::new(soffice)
        .args([profile.as_str(), "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir"])
        .arg(dir.path())
        .arg(&path)
        .output()
        .expect("soffice");
    let csv_path = dir.path().join("zs.csv");
    assert!(csv_path.exists(), "LibreOffice converted it: {}", String::from_utf8_lossy(&status.stderr));
    let text = std::fs::read_to_string(Path::new(&csv_path)).expect("utf-8 csv");
    for row in &sheet.rows {
        assert!(text.contains(&row.project.name), "{} missing after LibreOffice", row.project.name);
    }
    assert!(text.contains("征地拆迁滞后"));
}

#[test]
fn the_deck_pdf_has_one_page_per_slide_and_its_chinese() {
    use taizhang::domain::{ChartData, SlideKind, slides};
    let db = db_with_reports();
    let mut snapshot = db.snapshot().expect("snapshot");
    snapshot.portfolio.set_schedule(Period::new(2024, 12).expect("p"), 10.0);
    let rows = snapshot.portfolio.view(&zhongshan(), SortColumn::Id, SortOrder::Ascending);
    let data = ChartData::build(&snapshot.portfolio, &rows);
    let deck = slides(&data, &SlideKind::ALL);
    let bytes =
        taizhang::export::write_deck(&data, &deck, "钟山区 · 2024-12", (snapshot.dataset, taizhang::words::Lang::Zh))
            .expect("deck");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("deck.pdf");
    std::fs::write(&path, &bytes).expect("write");
    if !tool("pdfinfo") {
        assert!(std::env::var_os("CI").is_none(), "CI installs poppler-utils");
        return;
    }
    let info =
        String::from_utf8_lossy(&Command::new("pdfinfo").arg(&path).output().expect("pdfinfo").stdout).to_string();
    let pages: usize = info.lines().find_map(|l| l.strip_prefix("Pages:")).expect("pages").trim().parse().expect("n");
    assert_eq!(pages, deck.len());
    let text =
        Command::new("pdftotext").args(["-raw", path.to_str().expect("utf-8"), "-"]).output().expect("pdftotext");
    let text: String = String::from_utf8_lossy(&text.stdout).chars().filter(|c| !c.is_whitespace()).collect();
    for needle in ["总体情况", "各区(县)项目状态", "各类别项目状态", "亮灯分布(按区县)", "滞后项目", "钟山区"]
    {
        assert!(text.contains(needle), "{needle} missing from the deck");
    }
    // Every page's title, and every table cell, as the window's page of the same slide has them.
    for page in
        taizhang::export::deck_pages(&data, &deck, "钟山区 · 2024-12", (snapshot.dataset, taizhang::words::Lang::Zh))
    {
        let title: String = page.title.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(text.contains(&title), "{title} missing from the deck");
        for block in &page.blocks {
            if let taizhang::slides::Block::Table(table) = block {
                for cell in table.rows.iter().flatten() {
                    let cell: String = cell.text.chars().filter(|c| !c.is_whitespace() && *c != '…').collect();
                    let start: String = cell.chars().take(6).collect();
                    assert!(text.contains(&start), "{start} of {title} missing from the deck");
                }
            }
        }
    }
    let fonts =
        String::from_utf8_lossy(&Command::new("pdffonts").arg(&path).output().expect("pdffonts").stdout).to_string();
    assert!(fonts.lines().any(|l| l.contains("NotoSansCJK") && l.matches("yes").count() >= 2), "{fonts}");
    // In English for a reader who reads English (the window's language, `--lang en`): the
    // slides' own words are English, the plan's names stay as the plan has them.
    let english = dir.path().join("deck-en.pdf");
    let lang = (snapshot.dataset, taizhang::words::Lang::En);
    std::fs::write(&english, taizhang::export::write_deck(&data, &deck, "钟山区 · 2024-12", lang).expect("deck"))
        .expect("write");
    let text = Command::new("pdftotext").args(["-raw", english.to_str().expect("utf-8"), "-"]).output().expect("run");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("All projects") && !text.contains("项目总数") && text.contains("钟山区"), "{text}");
    // Page 2 as a picture: the status bars are there, in the status colours.
    let prefix = dir.path().join("page");
    let status = Command::new("pdftoppm")
        .args(["-f", "2", "-l", "2", "-r", "40", "-png", "-singlefile"])
        .arg(&path)
        .arg(&prefix)
        .status()
        .expect("pdftoppm");
    assert!(status.success());
    let file = std::fs::File::open(prefix.with_extension("png")).expect("page png");
    let mut reader = png::Decoder::new(std::io::BufReader::new(file)).read_info().expect("png");
    let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut pixels).expect("pixels");
    let channels = info.color_type.samples();
    let (r, g, b) = taizhang::domain::Status::NotStarted.rgb();
    let bar = pixels.chunks(channels).filter(|p| p[0] == r && p[1] == g && p[2] == b).count();
    assert!(bar > 200, "{bar} pixels of the 未开工 colour on the status chart page");
}

#[test]
fn a_targets_qualifier_is_in_every_sheet() {
    // Issue 10, defect 7: the target cell showed 80 where the plan says 大于80%.
    let db = Db::open_in_memory().expect("db");
    let filter = Filter { search: "公园品质".into(), ..Filter::default() };
    let sheet = sheet_for(&db, &filter);
    assert_eq!(sheet.rows.len(), 1);
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("parks.csv");
    export(&sheet, ExportFormat::Csv, &csv, &anywhere()).expect("csv");
    let text = std::fs::read_to_string(&csv).expect("read");
    assert!(text.contains(",大于 80,"), "{text}");
    let xlsx = dir.path().join("parks.xlsx");
    export(&sheet, ExportFormat::Xlsx, &xlsx, &anywhere()).expect("xlsx");
    let mut book: Xlsx<_> = open_workbook(&xlsx).expect("calamine opens it");
    let range = book.worksheet_range("调度表").expect("sheet");
    let header: Vec<String> = (0..range.width() as u32)
        .map(|c| range.get_value((3, c)).map(ToString::to_string).unwrap_or_default())
        .collect();
    let col = header.iter().position(|h| h == "目标量").expect("目标量") as u32;
    // Still a number (sums and filters work); the word is in the cell's number format.
    assert_eq!(range.get_value((4, col)), Some(&Data::Float(80.0)));
    let styles = zip_entry(&xlsx, "xl/styles.xml");
    assert!(styles.contains("大于 "), "number format with the qualifier");
}

fn zip_entry(path: &Path, name: &str) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).expect("open")).expect("zip");
    let mut text = String::new();
    archive.by_name(name).expect("entry").read_to_string(&mut text).expect("read");
    text
}
