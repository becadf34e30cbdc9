//! No file may take the process down: a value in a far cell (XFD1048576) used to ask for
//! 512 GiB and abort. Each hostile file is refused with a message naming the cell, both by the
//! reader and by the real binary run under an address-space limit.

use std::io::Write as _;
use std::process::Command;

use rust_xlsxwriter::Workbook;
use taizhang::import::{ImportError, read_table};

/// An update sheet's header and one row, and `far` (row, column) holding a value.
fn xlsx_with_far_cell(far: (u32, u16)) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in (0u16..).zip(["项目编号", "填报期", "状态", "完成量"]) {
        ws.write_string(0, c, h).expect("header");
    }
    ws.write_number(1, 0, 170.0).expect("id");
    ws.write_string(1, 2, "在建").expect("status");
    ws.write_string(far.0, far.1, "x").expect("far");
    wb.save_to_buffer().expect("xlsx")
}

const MANIFEST: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8"?>"#,
    r#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">"#,
    r#"<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>"#,
    r#"<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#
);

/// An .ods whose one row, repeated 6,000 times, has a value repeated across 16,384 columns (98 million
/// cells: under calamine's cap of 100 million, 3 GB as a dense range).
fn ods_with_repeats() -> Vec<u8> {
    let content = concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" "#,
        r#"xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" "#,
        r#"xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">"#,
        r#"<office:body><office:spreadsheet><table:table table:name="填报表">"#,
        r#"<table:table-row><table:table-cell office:value-type="string"><text:p>项目编号</text:p></table:table-cell>"#,
        r#"<table:table-cell office:value-type="string"><text:p>状态</text:p></table:table-cell></table:table-row>"#,
        r#"<table:table-row table:number-rows-repeated="6000">"#,
        r#"<table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1">"#,
        r#"<text:p>1</text:p></table:table-cell>"#,
        r#"</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let mut bytes = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
        let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        zip.start_file("mimetype", stored).expect("mimetype");
        zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").expect("write");
        zip.start_file("content.xml", zip::write::SimpleFileOptions::default()).expect("content");
        zip.write_all(content.as_bytes()).expect("write");
        zip.start_file("META-INF/manifest.xml", zip::write::SimpleFileOptions::default()).expect("manifest");
        zip.write_all(MANIFEST.as_bytes()).expect("write");
        zip.finish().expect("finish");
    }
    bytes
}

fn far_cell(result: Result<taizhang::import::Table, ImportError>) -> String {
    match result {
        Err(ImportError::FarCell { cell }) => cell,
        Err(e) => panic!("expected a far-cell refusal, got {e}"),
        Ok(t) => panic!("expected a far-cell refusal, read {} rows", t.rows.len()),
    }
}

#[test]
fn far_cells_are_refused_with_their_address() {
    let xfd = xlsx_with_far_cell((1_048_575, 16_383));
    assert!(xfd.len() < 20_000, "{} bytes", xfd.len());
    assert_eq!(far_cell(read_table(&xfd)), "XFD1048576");
    assert_eq!(far_cell(read_table(&xlsx_with_far_cell((1_048_575, 701)))), "ZZ1048576");
    assert_eq!(far_cell(read_table(&xlsx_with_far_cell((5, 200)))), "GS6");
    assert_eq!(far_cell(read_table(&xlsx_with_far_cell((200_000, 3)))), "D200001");
    // Within the limits a sparse sheet costs only its cells.
    let table = read_table(&xlsx_with_far_cell((199_999, 199))).expect("within the limits");
    assert_eq!(table.rows.len(), 200_000);
    assert_eq!(table.rows[199_999].len(), 200);
    assert!(table.rows[2..199_999].iter().all(Vec::is_empty));
    // Repeated rows and columns in an .ods are not expanded past the limits.
    assert_eq!(far_cell(read_table(&ods_with_repeats())), "XFD2");
}

/// Runs `taizhang import FILE --dry-run` with its address space limited to 1 GiB.
fn import_limited(file: &std::path::Path, db: &std::path::Path) -> std::process::Output {
    let script = "ulimit -v 1048576 && exec \"$0\" --db \"$1\" import \"$2\" --dry-run";
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_taizhang"))
        .arg(db)
        .arg(file)
        .output()
        .expect("run taizhang")
}

/// Converts `bytes` (saved as `name` in `dir`) with LibreOffice; `None` when it is not installed.
fn convert(dir: &std::path::Path, name: &str, bytes: &[u8], to: &str) -> Option<std::path::PathBuf> {
    let soffice = ["soffice", "libreoffice"].into_iter().find(|t| Command::new(t).arg("--version").output().is_ok());
    let Some(soffice) = soffice else {
        assert!(std::env::var_os("CI").is_none(), "CI installs LibreOffice");
        eprintln!("skipped the .{to} case: LibreOffice not installed");
        return None;
    };
    let input = dir.join(name);
    std::fs::write(&input, bytes).expect("write");
    let profile = format!("-env:UserInstallation=file://{}", dir.join("lo").display());
    Command::new(soffice)
        .args([profile.as_str(), "--headless", "--convert-to", to, "--outdir"])
        .arg(dir)
        .arg(&input)
        .output()
        .expect("soffice");
    let out = input.with_extension(to);
    assert!(out.exists(), "LibreOffice wrote {}", out.display());
    Some(out)
}

/// A value at IV65536 of an .xls (the last cell of BIFF8), made by LibreOffice.
fn xls_with_far_cell(dir: &std::path::Path) -> Option<std::path::PathBuf> {
    convert(dir, "far-xls.xlsx", &xlsx_with_far_cell((65_535, 255)), "xls")
}

#[test]
fn the_binary_refuses_hostile_sheets_under_a_memory_limit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let mut cases = vec![
        ("far.xlsx", xlsx_with_far_cell((1_048_575, 16_383)), "XFD1048576"),
        ("zz.xlsx", xlsx_with_far_cell((1_048_575, 701)), "ZZ1048576"),
        ("repeats.ods", ods_with_repeats(), "XFD2"),
    ];
    if let Some(xls) = xls_with_far_cell(dir.path()) {
        cases.push(("far-xls.xls", std::fs::read(xls).expect("xls"), "IV65536"));
    }
    for (name, bytes, cell) in cases {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).expect("write");
        let out = import_limited(&file, &db);
        let stderr = String::from_utf8_lossy(&out.stderr);
        // Refused with a message (exit code 1), not killed by a signal or an abort.
        assert_eq!(out.status.code(), Some(1), "{name}: {:?} {stderr}", out.status);
        assert!(stderr.contains(cell), "{name}: {stderr}");
    }
}

/// One 30,000-character text shown in 12,000 cells: a small file, over 1 GB once every cell
/// holds its own copy. (Written with a short text that is then made long in sharedStrings.xml:
/// far quicker than having rust_xlsxwriter hash the long one 12,000 times.)
fn xlsx_with_a_long_string_everywhere() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for row in 0..12_000 {
        ws.write_string(row, 0, "LONG").expect("cell");
    }
    let short = wb.save_to_buffer().expect("xlsx");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(short)).expect("zip");
    let mut bytes = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).expect("entry");
            let name = entry.name().expect("name").into_owned();
            let mut content = String::new();
            std::io::Read::read_to_string(&mut entry, &mut content).expect("read");
            if name == "xl/sharedStrings.xml" {
                content = content.replace(">LONG<", &format!(">{}<", "长".repeat(30_000)));
            }
            zip.start_file(name, zip::write::SimpleFileOptions::default()).expect("start");
            zip.write_all(content.as_bytes()).expect("write");
        }
        zip.finish().expect("finish");
    }
    bytes
}

#[test]
fn one_long_text_in_many_cells_is_refused() {
    let xlsx = xlsx_with_a_long_string_everywhere();
    assert!(xlsx.len() < 2_000_000, "{} bytes", xlsx.len());
    assert!(matches!(read_table(&xlsx), Err(ImportError::TooMuch)));
    let dir = tempfile::tempdir().expect("tempdir");
    let Some(xls) = convert(dir.path(), "long.xlsx", &xlsx, "xls") else { return };
    assert!(matches!(read_table(&std::fs::read(&xls).expect("xls")), Err(ImportError::TooMuch)));
    let out = import_limited(&xls, &dir.path().join("t.db"));
    assert_eq!(out.status.code(), Some(1), "{:?} {}", out.status, String::from_utf8_lossy(&out.stderr));
}
