//! Findings of a hostile pass over the update sheet's apply and the 督办函 (commits 803cbb8,
//! fe7028c): each test is what a reviewer would do with the real binary, and what should hold.

use crate::common::{taizhang, text};

fn seeded(dir: &std::path::Path) -> String {
    let db = dir.join("t.db").to_str().expect("utf-8").to_string();
    let out = taizhang(&["--db", &db, "--create", "list"]);
    assert!(out.status.success(), "{}", text(&out));
    db
}

fn set_owner(db: &str, id: &str, owner: &str) {
    let out = taizhang(&["--db", db, "project", id, "--owner", owner]);
    assert!(out.status.success(), "{}", text(&out));
}

/// Two units whose names differ only by a character a file name cannot hold (住建局/市政科 and
/// 住建局_市政科) get one file name: without --force the batch stops half-written, with it one
/// letter silently replaces the other while the count says both were written.
#[test]
fn every_unit_to_chase_gets_its_own_letter_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = seeded(dir.path());
    set_owner(&db, "1", "住建局/市政科");
    set_owner(&db, "2", "住建局_市政科");
    let folder = dir.path().join("letters");
    let out = taizhang(&["--db", &db, "duban", "--all", "--month", "2025-06", "-o", folder.to_str().expect("p")]);
    assert!(out.status.success(), "{}", text(&out));
    let files = std::fs::read_dir(&folder).expect("folder").count();
    assert!(text(&out).contains(&format!("{files} 份督办函已写入")), "{files} files: {}", text(&out));
    assert_eq!(files, 2, "one letter to each of the two units");
}

/// `duban --owner U -o DB-journal/x.docx` makes a folder named as SQLite's rollback journal
/// beside the database; every later command then fails with "disk I/O error".
#[test]
fn a_letter_never_makes_a_folder_named_as_the_databases_journal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = seeded(dir.path());
    set_owner(&db, "1", "住建局");
    let target = format!("{db}-journal/x.docx");
    let _ = taizhang(&["--db", &db, "duban", "--owner", "住建局", "--month", "2025-06", "-o", &target]);
    let out = taizhang(&["--db", &db, "list"]);
    assert!(out.status.success(), "the database still opens: {}", text(&out));
}

/// `duban --owner ''` writes a letter addressed to nobody ("：") about every project without a
/// 责任单位, which `--all` rightly leaves out.
#[test]
fn a_letter_to_a_blank_unit_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = seeded(dir.path());
    let file = dir.path().join("blank.docx");
    let out = taizhang(&["--db", &db, "duban", "--owner", " ", "--month", "2025-06", "-o", file.to_str().expect("p")]);
    assert!(!out.status.success() && !file.exists(), "{}", text(&out));
}

/// The storage refuses the write (another program holds the database): the good rows are not
/// imported, yet the file of left-out rows is already written, so the retry the message asks
/// for is refused ("文件已存在") and the file suggests the rest went in.
#[test]
fn a_refused_import_leaves_no_file_of_left_out_rows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = seeded(dir.path());
    let sheet = dir.path().join("s.csv");
    std::fs::write(&sheet, "项目编号,填报期,状态,完成量\n170,2025-06,在建,5\n175,2025-06,在建,abc\n").expect("write");
    let left_out = dir.path().join("s.未导入行.csv");
    let lock = rusqlite::Connection::open(&db).expect("open");
    lock.execute_batch("BEGIN EXCLUSIVE; SELECT 1;").expect("lock");
    let out = taizhang(&["--db", &db, "import", sheet.to_str().expect("p"), "--skip-bad-rows"]);
    assert!(!out.status.success(), "{}", text(&out));
    assert!(!left_out.exists(), "nothing imported, so no file of left-out rows: {}", text(&out));
    lock.execute_batch("ROLLBACK").expect("unlock");
    drop(lock);
    let again = taizhang(&["--db", &db, "import", sheet.to_str().expect("p"), "--skip-bad-rows"]);
    assert!(again.status.success(), "the retry the message asks for goes through: {}", text(&again));
}

/// `duban --all` in a month with no unit to chase says so and makes no folder (it said
/// "0 份督办函已写入").
#[test]
fn no_unit_to_chase_is_said_and_no_folder_is_made() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = seeded(dir.path());
    let folder = dir.path().join("letters");
    let out = taizhang(&["--db", &db, "duban", "--all", "--month", "2025-06", "-o", folder.to_str().expect("p")]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("没有需要督办的单位") && !folder.exists(), "{}", text(&out));
}
