//! Helpers shared by the test crates (each test file is its own crate; not every one uses all).
#![allow(dead_code)]

pub mod pg;

use std::io::{Read as _, Write as _};
use std::process::Command;

use taizhang::db::{Db, ProblemFilter};
use taizhang::domain::Period;
use taizhang::import::{ImportError, ImportPlan, plan, read_table};

/// The review month the import tests work in.
pub fn today() -> Period {
    Period::new(2025, 6).expect("period")
}

/// What importing `bytes` into `db` would do.
pub fn plan_of(db: &Db, bytes: &[u8]) -> Result<ImportPlan, ImportError> {
    let table = read_table(bytes)?;
    let items: Vec<_> = db.problems(&ProblemFilter::default()).expect("items").into_iter().map(|r| r.problem).collect();
    plan(&table, &db.snapshot().expect("snap").portfolio, &db.latest_reports().expect("latest"), &items, today())
}

/// The id of a seeded project by name.
pub fn id_of(db: &Db, name: &str) -> i64 {
    db.connection().query_row("SELECT id FROM projects WHERE name = ?1", [name], |r| r.get(0)).expect("id")
}

/// The workbook as Excel leaves it after calculating: rust_xlsxwriter asks for a full
/// recalculation on load (`fullCalcOnLoad`), which makes its formula results untrustworthy.
pub fn as_saved_by_excel(bytes: &[u8]) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = Vec::new();
    {
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(&mut out));
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).expect("entry");
            let name = entry.name().expect("name").into_owned();
            let mut content = Vec::new();
            entry.read_to_end(&mut content).expect("read");
            if name == "xl/workbook.xml" {
                content = String::from_utf8(content).expect("utf-8").replace(" fullCalcOnLoad=\"1\"", "").into_bytes();
            }
            writer.start_file(name, zip::write::SimpleFileOptions::default()).expect("start");
            writer.write_all(&content).expect("write");
        }
        writer.finish().expect("finish");
    }
    out
}

/// Converts an XLSX with LibreOffice (`ods`, `xls`…); `None` when it is not installed (CI
/// installs it).
pub fn convert(bytes: &[u8], to: &str) -> Option<Vec<u8>> {
    convert_from(bytes, "xlsx", to)
}

/// Converts a file of type `from` with LibreOffice, the bundled Chinese font made known to it
/// (a machine without Chinese fonts would otherwise print boxes); `None` when LibreOffice is not
/// installed (CI installs it, so there it must be).
pub fn convert_from(bytes: &[u8], from: &str, to: &str) -> Option<Vec<u8>> {
    convert_with(bytes, from, to, &[])
}

/// As [`convert_from`], with more arguments for LibreOffice (an input filter).
pub fn convert_with(bytes: &[u8], from: &str, to: &str, args: &[&str]) -> Option<Vec<u8>> {
    convert_many(&[bytes], from, to, args).and_then(|mut all| all.pop())
}

/// Converts several files of one kind in one LibreOffice run (a start costs seconds), in order.
pub fn convert_many(files: &[&[u8]], from: &str, to: &str, args: &[&str]) -> Option<Vec<Vec<u8>>> {
    let soffice = ["soffice", "libreoffice"].into_iter().find(|t| Command::new(t).arg("--version").output().is_ok());
    let Some(soffice) = soffice else {
        assert!(std::env::var_os("CI").is_none(), "CI installs LibreOffice");
        eprintln!("skipped: LibreOffice not installed");
        return None;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let inputs: Vec<std::path::PathBuf> = files
        .iter()
        .enumerate()
        .map(|(i, bytes)| {
            let input = dir.path().join(format!("in{i}.{from}"));
            std::fs::write(&input, bytes).expect("write");
            input
        })
        .collect();
    let fonts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts");
    let conf = dir.path().join("fonts.conf");
    std::fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n<dir>{}</dir>\n\
             <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n<cachedir>{}</cachedir>\n</fontconfig>\n",
            fonts.display(),
            dir.path().join("fc-cache").display()
        ),
    )
    .expect("fonts.conf");
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("lo").display());
    let out = Command::new(soffice)
        .env("FONTCONFIG_FILE", &conf)
        .args([profile.as_str(), "--headless"])
        .args(args)
        .args(["--convert-to", to, "--outdir"])
        .arg(dir.path().join("out"))
        .args(&inputs)
        .output()
        .expect("soffice");
    let read = |i: usize| {
        let path = dir.path().join("out").join(format!("in{i}.{to}"));
        std::fs::read(&path).unwrap_or_else(|e| {
            panic!(
                "LibreOffice wrote no {to} ({e}; are Calc and Writer installed?): {}",
                String::from_utf8_lossy(&out.stderr)
            )
        })
    };
    Some((0..files.len()).map(read).collect())
}

/// What migrations 11 to 7 add, taken out again: with it, a file made by this build looks like
/// one from before several plans (the tests below then take out what earlier migrations added).
pub const UNDO_SEVERAL_PLANS: &str = "\
    DROP INDEX IF EXISTS projects_same_as; ALTER TABLE projects DROP COLUMN same_as; \
    ALTER TABLE projects DROP COLUMN proprietor; ALTER TABLE reports DROP COLUMN invest_year_done; ALTER TABLE saved_views DROP COLUMN account; DROP INDEX changes_changeset; DROP INDEX changesets_origin; ALTER TABLE changesets DROP COLUMN origin; \
    DROP TABLE revision; DROP INDEX changesets_revision; ALTER TABLE changesets DROP COLUMN revision; \
    ALTER TABLE changesets DROP COLUMN account; \
    DROP TABLE month_closing_changesets; DROP TABLE month_lights; DROP TABLE month_closings; \
    ALTER TABLE projects DROP COLUMN planned_start; ALTER TABLE projects DROP COLUMN registered; \
    ALTER TABLE projects DROP COLUMN registered_in; ALTER TABLE projects DROP COLUMN project_code; \
    DROP TABLE problems; \
    ALTER TABLE plans DROP COLUMN light_rules; \
    ALTER TABLE saved_views DROP COLUMN plan_id; \
    DROP TRIGGER projects_of_archived_plan_insert; DROP TRIGGER projects_of_archived_plan_update; \
    DROP TRIGGER projects_of_archived_plan_delete; DROP TRIGGER reports_of_archived_plan_insert; \
    DROP TRIGGER reports_of_archived_plan_update; DROP TRIGGER reports_of_archived_plan_delete; \
    ALTER TABLE plans DROP COLUMN archived; ALTER TABLE plans DROP COLUMN city; \
    ALTER TABLE plans DROP COLUMN origin; ALTER TABLE plans DROP COLUMN created_at; \
    ALTER TABLE zhuanlan DROP COLUMN section; ALTER TABLE projects DROP COLUMN content; \
    DELETE FROM meta WHERE key = 'current_plan';";

/// Runs the taizhang binary with `args`.
pub fn taizhang(args: &[&str]) -> std::process::Output {
    bin().args(args).output().expect("run taizhang")
}

/// The taizhang binary, speaking Chinese whatever the machine's locale (`C`, as a fresh CI
/// machine has): the tests read its Chinese words; `--lang en` gives the English ones.
pub fn bin() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_taizhang"));
    command.env_remove("LC_ALL").env_remove("LC_MESSAGES").env("LANG", "C.UTF-8");
    command
}

/// What a run printed, standard output then standard error.
pub fn text(out: &std::process::Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// Runs the taizhang binary with `args`, which must succeed; what it printed.
pub fn ok(args: &[&str]) -> String {
    let out = taizhang(args);
    assert!(out.status.success(), "{args:?}: {}", text(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}
