//! Issue 10's data-loss and wrong-data classes, tried as a hostile user would: outputs aimed at
//! the database, foreign and damaged files, two writers at the first write of the day, full and
//! read-only disks, mistyped paths and nonsense arguments. Each test fails on the code before
//! the fix.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use taizhang::db::{Db, DbError, ReviewError};
use taizhang::domain::{Period, ProjectFields, ProjectId, ReportInput, Status};

/// The binary under test; `TAIZHANG_TEST_BIN` runs these tests against another build (to see
/// them fail on one from before the fixes).
fn taizhang(args: &[&str]) -> Output {
    let bin = std::env::var_os("TAIZHANG_TEST_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_taizhang").into());
    Command::new(bin).args(args).output().expect("run taizhang")
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

fn s(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// A symbolic link at `link` to the file `target`. Unix always makes one; Windows only with the
/// right to (Developer Mode or an administrator), so there the case is tried where it can be.
fn symlink(target: &Path, link: &Path) -> bool {
    #[cfg(unix)]
    std::os::unix::fs::symlink(target, link).expect("symlink");
    #[cfg(windows)]
    if let Err(e) = std::os::windows::fs::symlink_file(target, link) {
        eprintln!("SKIPPED the link case: no symbolic link here ({e})");
        return false;
    }
    true
}

/// A database with one report, made through the command line, and its folder.
fn db_with_a_report() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("taizhang.db");
    let out = taizhang(&["--db", s(&db), "report", "--project", "1", "--status", "在建", "--date", "2024-06"]);
    assert!(out.status.success(), "{}", text(&out));
    (dir, db)
}

fn reports(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.query_row("SELECT count(*) FROM reports", [], |r| r.get(0)).expect("count")
}

#[test]
fn no_output_may_be_written_over_the_database_its_journal_or_backups() {
    let (dir, db) = db_with_a_report();
    let before = std::fs::read(&db).expect("read");
    let wal = dir.path().join("taizhang.db-wal");
    let backups = dir.path().join("backups");
    let backup = std::fs::read_dir(&backups).expect("daily backup made").next().expect("one").expect("e").path();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).expect("sub");
    let dotted = sub.join("../taizhang.db");
    let link = dir.path().join("link.xlsx");
    let linked = symlink(&db, &link);
    let (db_s, wal_s, dotted_s, link_s, backup_s) = (s(&db), s(&wal), s(&dotted), s(&link), s(&backup));
    let mut attempts: Vec<Vec<&str>> = vec![
        vec!["export", "--format", "csv", "-o", db_s],
        vec!["export", "--format", "xlsx", "-o", dotted_s],
        vec!["export", "--format", "csv", "-o", wal_s, "--force"],
        vec!["export", "--format", "csv", "-o", backup_s, "--force"],
        vec!["template", "--place", "钟山区", "-o", db_s, "--force"],
        vec!["deck", "-o", db_s, "--force"],
        vec!["deck", "--format", "png", "--size", "1280x720", "-o", s(&backups)],
        vec!["backup", "-o", db_s, "--force"],
        vec!["extract-plan", "-o", db_s, "--force"],
    ];
    if linked {
        attempts.push(vec!["export", "--format", "pdf", "-o", link_s]);
    }
    for args in attempts {
        let mut full = vec!["--db", db_s];
        full.extend(&args);
        let out = taizhang(&full);
        assert!(!out.status.success(), "{args:?} was allowed: {}", text(&out));
        assert!(text(&out).contains("正在使用的数据库"), "{args:?}: {}", text(&out));
    }
    assert_eq!(std::fs::read(&db).expect("read"), before, "the database file is byte for byte as it was");
    assert_eq!(reports(&db), 1);
    assert!(Db::open(&db).is_ok());
}

#[test]
fn an_existing_file_is_replaced_only_with_force() {
    let (dir, db) = db_with_a_report();
    let out_path = dir.path().join("调度表.csv");
    std::fs::write(&out_path, "昨天的表").expect("write");
    let refused = taizhang(&["--db", s(&db), "export", "--format", "csv", "-o", s(&out_path)]);
    assert!(!refused.status.success());
    assert!(text(&refused).contains("--force"), "{}", text(&refused));
    assert_eq!(std::fs::read_to_string(&out_path).expect("read"), "昨天的表");
    let forced = taizhang(&["--db", s(&db), "export", "--format", "csv", "-o", s(&out_path), "--force"]);
    assert!(forced.status.success(), "{}", text(&forced));
    assert!(std::fs::read_to_string(&out_path).expect("read").contains("项目名称"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("ls")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn restoring_a_file_that_is_not_a_taizhang_database_is_refused_before_anything_changes() {
    let (dir, db) = db_with_a_report();
    let foreign = dir.path().join("other-program.sqlite");
    rusqlite::Connection::open(&foreign)
        .expect("foreign")
        .execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('张三');")
        .expect("fill");
    let empty = dir.path().join("empty.sqlite");
    rusqlite::Connection::open(&empty).expect("empty").execute_batch("PRAGMA user_version = 0; VACUUM;").expect("vac");
    let versioned = dir.path().join("versioned.sqlite");
    rusqlite::Connection::open(&versioned)
        .expect("v")
        .execute_batch("CREATE TABLE t (x); PRAGMA user_version = 3;")
        .expect("fill");
    for candidate in [&foreign, &empty, &versioned] {
        let before = std::fs::read(&db).expect("read");
        let out = taizhang(&["--db", s(&db), "restore", s(candidate)]);
        assert!(!out.status.success(), "{} was restored: {}", candidate.display(), text(&out));
        assert!(text(&out).contains("不是 Taizhang"), "{}", text(&out));
        assert_eq!(std::fs::read(&db).expect("read"), before);
        assert_eq!(reports(&db), 1, "the report is still there");
    }
    // Nor is another program's database opened and filled with Taizhang's tables.
    let out = taizhang(&["--db", s(&foreign), "list"]);
    assert!(!out.status.success(), "{}", text(&out));
    let conn = rusqlite::Connection::open(&foreign).expect("open");
    let tables: i64 =
        conn.query_row("SELECT count(*) FROM sqlite_master WHERE type='table'", [], |r| r.get(0)).expect("n");
    assert_eq!(tables, 1, "no Taizhang tables were added");
}

/// Overwrites pages in the middle of the file, as a failing disk or a killed sync tool would.
fn damage(path: &Path) {
    use std::io::{Seek, SeekFrom, Write};
    let len = std::fs::metadata(path).expect("meta").len();
    let mut f = std::fs::OpenOptions::new().write(true).open(path).expect("open");
    f.seek(SeekFrom::Start(len / 3)).expect("seek");
    f.write_all(&vec![0x5A; 16 * 1024]).expect("write");
}

#[test]
fn a_damaged_database_says_where_its_backups_are_and_restore_brings_it_back() {
    let (dir, db) = db_with_a_report();
    // Fold the journal in, so the damage is in the one file.
    Db::open(&db).expect("open").checkpoint().expect("checkpoint");
    let backup = dir.path().join("backups").read_dir().expect("ls").next().expect("one").expect("e").path();
    damage(&db);
    let out = taizhang(&["--db", s(&db), "list"]);
    assert!(!out.status.success());
    let message = text(&out);
    assert!(message.contains("backups"), "{message}");
    assert!(
        message.contains(backup.file_name().expect("name").to_str().expect("utf-8")),
        "names the newest: {message}"
    );
    assert!(message.contains("restore"), "says how: {message}");
    let restored = taizhang(&["--db", s(&db), "restore", s(&backup)]);
    assert!(restored.status.success(), "{}", text(&restored));
    assert!(text(&restored).contains("damaged"), "{}", text(&restored));
    assert!(taizhang(&["--db", s(&db), "list"]).status.success());
    let kept = std::fs::read_dir(dir.path()).expect("ls").filter_map(Result::ok).any(|e| {
        let name = e.file_name().to_string_lossy().into_owned();
        name.starts_with("taizhang.db.damaged-")
    });
    assert!(kept, "the damaged file is kept beside the database");
}

fn report(project: i64, period: &str) -> ReportInput {
    ReportInput {
        project: Some(ProjectId(project)),
        period: Period::parse(period),
        status: Some(Status::UnderConstruction),
        ..ReportInput::default()
    }
}

#[test]
fn two_writers_at_the_first_write_of_the_day_both_succeed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("shared.db");
    drop(Db::open(&path).expect("create"));
    let backups = dir.path().join("backups");
    let today = Period::new(2025, 6).expect("p");
    for round in 0..60 {
        // A new day: no backup yet.
        let _ = std::fs::remove_dir_all(&backups);
        let writers: Vec<_> = (0..3)
            .map(|w| {
                let path = path.clone();
                std::thread::spawn(move || -> Result<(), String> {
                    let db = Db::open(&path).map_err(|e| e.to_string())?;
                    db.daily_backup().map_err(|e| format!("backup: {e}"))?;
                    let input = report(1 + w, &format!("2024-{:02}", round % 12 + 1));
                    db.add_reports(&[input], "并发", today, false).map_err(|e| format!("write: {e}"))?;
                    Ok(())
                })
            })
            .collect();
        for w in writers {
            w.join().expect("thread").unwrap_or_else(|e| panic!("round {round}: {e}"));
        }
        let names: Vec<String> = std::fs::read_dir(&backups)
            .expect("backups")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().any(|n| n.ends_with(".db")), "round {round}: a daily backup: {names:?}");
        assert!(names.iter().all(|n| !n.contains("partial") && !n.contains("claim")), "round {round}: {names:?}");
    }
}

#[test]
fn a_failed_backup_is_reported_but_the_report_is_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    drop(Db::open(&db).expect("create"));
    // A file where the backups folder should be: no backup can be made.
    std::fs::write(dir.path().join("backups"), "not a folder").expect("block");
    let out = taizhang(&["--db", s(&db), "report", "--project", "1", "--status", "前期", "--date", "2024-06"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("备份失败"), "{}", text(&out));
    assert_eq!(reports(&db), 1);
}

#[test]
fn a_temporary_copy_left_by_a_dead_backup_is_removed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("t.db");
    let db = Db::open(&path).expect("create");
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).expect("dir");
    let stale = backups.join(".taizhang-20260101-000000-daily.db.4242-0.partial");
    std::fs::write(&stale, b"half a copy").expect("stale");
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options().write(true).open(&stale).expect("open").set_modified(hour_ago).expect("mtime");
    db.rolling_backup("manual").expect("backup");
    assert!(!stale.exists(), "the stale temporary copy is gone");
}

#[test]
fn write_errors_say_what_to_do_in_the_users_language() {
    let db = Db::open_in_memory().expect("db");
    let today = Period::new(2025, 6).expect("p");
    // Disk full: the file may not grow past its current size.
    let pages: i64 = db.connection().query_row("PRAGMA page_count", [], |r| r.get(0)).expect("pages");
    db.connection().execute_batch(&format!("PRAGMA max_page_count = {pages};")).expect("limit");
    let many: Vec<ReportInput> =
        (1..=300).map(|id| ReportInput { note: "备注".repeat(200), ..report(id, "2024-06") }).collect();
    let err = db.add_reports(&many, "测试", today, false).expect_err("disk full");
    let message = err.to_string();
    assert!(matches!(err, ReviewError::Db(DbError::DiskFull)), "{message}");
    assert!(message.contains("磁盘已满") && message.contains("没有保存") && !message.contains("disk"), "{message}");
    let english = taizhang::words::Say::say(&err, taizhang::words::Lang::En);
    assert!(english.contains("disk is full") && english.contains("nothing was saved"), "{english}");
    assert_eq!(db.reports(ProjectId(1)).expect("r").len(), 0, "nothing half-written");
    // Read-only.
    let ro = Db::open_in_memory().expect("db");
    ro.connection().execute_batch("PRAGMA query_only = ON;").expect("ro");
    let err = ro.add_reports(&[report(1, "2024-06")], "测试", today, false).expect_err("read-only");
    assert!(err.to_string().contains("只读"), "{err}");
    // Locked by another writer.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("t.db");
    let first = Db::open(&path).expect("first");
    let second = Db::open(&path).expect("second");
    second.connection().busy_timeout(std::time::Duration::from_millis(50)).expect("timeout");
    first.connection().execute_batch("BEGIN IMMEDIATE;").expect("hold the lock");
    let err = second.add_reports(&[report(1, "2024-06")], "测试", today, false).expect_err("busy");
    assert!(err.to_string().contains("另一个程序") && err.to_string().contains("稍候重试"), "{err}");
    first.connection().execute_batch("ROLLBACK;").expect("release");
}

#[test]
fn a_mistyped_folder_is_refused_unless_create_is_given() {
    let dir = tempfile::tempdir().expect("tempdir");
    let typo = dir.path().join("Documnets/taizhang.db");
    let out = taizhang(&["--db", s(&typo), "report", "--project", "1", "--status", "在建"]);
    assert!(!out.status.success());
    assert!(text(&out).contains("--create") && text(&out).contains("Documnets"), "{}", text(&out));
    assert!(!typo.exists() && !typo.parent().expect("dir").exists(), "nothing was made");
    let made = taizhang(&["--db", s(&typo), "--create", "list", "--format", "json"]);
    assert!(made.status.success(), "{}", text(&made));
    assert!(typo.exists());
    assert!(String::from_utf8_lossy(&made.stderr).contains("新建数据库"), "says a new database was made");
}

#[test]
fn nonsense_arguments_are_refused_and_typed_numbers_accepted() {
    let (dir, db) = db_with_a_report();
    let db = s(&db);
    let out_csv = dir.path().join("x.csv");
    for args in [
        vec!["--db", db, "history", "--from", "2026-13-45"],
        vec!["--db", db, "history", "--to", "2025-02-29"],
        vec!["--db", db, "list", "--zhuanlan", "99"],
        vec!["--db", db, "export", "--zhuanlan", "99", "--format", "csv", "-o", s(&out_csv)],
        vec!["--db", db, "demo", "--projects", "2000000"],
        vec!["--db", db, "report", "--project", "1", "--status", "在建", "--done", "NaN"],
        vec!["--db", db, "report", "--project", "1", "--status", "在建", "--done", "inf"],
        vec!["--db", db, "report", "--project", "1", "--status", "在建", "--done", "1e308"],
        vec!["--db", db, "report", "--project", "1", "--status", "在建", "--done", "1,2"],
        vec!["--db", db, "list", "--lag-threshold", "NaN"],
    ] {
        let out = taizhang(&args);
        assert!(!out.status.success(), "{args:?} was accepted: {}", text(&out));
        assert!(!text(&out).contains("panicked"), "{}", text(&out));
    }
    let pipe: i64 = {
        let out = taizhang(&["--db", db, "list", "--search", "钟山区供水", "--format", "json"]);
        let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        rows[0]["id"].as_i64().expect("id")
    };
    for done in ["12公里", "１２", "12.5"] {
        let id = pipe.to_string();
        let out = taizhang(&[
            "--db",
            db,
            "report",
            "--project",
            &id,
            "--status",
            "在建",
            "--done",
            done,
            "--date",
            "2024-07",
        ]);
        assert!(out.status.success(), "--done {done}: {}", text(&out));
    }
    let history = taizhang(&["--db", db, "history", "--format", "csv"]);
    assert!(history.status.success());
    let csv = String::from_utf8_lossy(&history.stdout);
    assert!(csv.starts_with("changeset,at,reviewer,project"), "{csv}");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert!(reader.records().count() >= 2, "one row per change");
}

#[test]
fn list_csv_neutralises_formulas_like_the_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("t.db");
    let db = Db::open(&path).expect("create");
    let fields = ProjectFields {
        name: "=HYPERLINK(\"http://x\")".into(),
        place: "钟山区".into(),
        category: "pipes".into(),
        target_year: 2025,
        ..ProjectFields::default()
    };
    db.add_project(6, &fields, "测试").expect("add");
    drop(db);
    let out = taizhang(&["--db", s(&path), "list", "--search", "HYPERLINK", "--format", "csv"]);
    assert!(out.status.success(), "{}", text(&out));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let row = reader.records().next().expect("one row").expect("csv");
    assert_eq!(&row[1], "'=HYPERLINK(\"http://x\")");
}

#[test]
fn a_dry_run_with_problems_exits_non_zero() {
    let (dir, db) = db_with_a_report();
    let sheet = dir.path().join("sheet.csv");
    std::fs::write(&sheet, "项目编号,状态,完成量\n1,在建,-5\n").expect("sheet");
    let out = taizhang(&["--db", s(&db), "import", s(&sheet), "--dry-run"]);
    assert!(!out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("第2行"), "the problem is listed: {}", text(&out));
    let clean = dir.path().join("clean.csv");
    std::fs::write(&clean, "项目编号,状态\n1,前期\n").expect("sheet");
    let out = taizhang(&["--db", s(&db), "import", s(&clean), "--dry-run"]);
    assert!(out.status.success(), "{}", text(&out));
}

#[test]
fn instants_are_stored_in_utc_and_shown_in_local_time() {
    let (_dir, db) = db_with_a_report();
    {
        // A change written by a build before times were stored in UTC (local time, schema 5).
        let conn = rusqlite::Connection::open(&db).expect("open");
        conn.execute_batch(common::UNDO_SEVERAL_PLANS).expect("before several plans");
        conn.execute_batch(
            "INSERT INTO changesets (at, reviewer, summary) VALUES ('2026-03-01 09:30:00', '旧版', '旧记录');
             INSERT INTO changes (changeset_id, project_id, field, old_value, new_value)
               VALUES (last_insert_rowid(), 1, 'status', 'not_started', 'preparing');
             PRAGMA user_version = 5;",
        )
        .expect("old row");
    }
    let out =
        Command::new(std::env::var_os("TAIZHANG_TEST_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_taizhang").into()))
            .args(["--db", s(&db), "history", "--format", "json"])
            .env("TZ", "Asia/Shanghai")
            .output()
            .expect("run");
    assert!(out.status.success(), "{}", text(&out));
    let entries: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let shown: Vec<&str> = entries.as_array().expect("array").iter().map(|e| e["at"].as_str().expect("at")).collect();
    let conn = rusqlite::Connection::open(&db).expect("open");
    let mut stmt = conn.prepare("SELECT at FROM changesets ORDER BY id DESC").expect("prepare");
    let stored: Vec<String> = stmt.query_map([], |r| r.get(0)).expect("q").collect::<Result<_, _>>().expect("rows");
    assert!(stored.iter().all(|at| at.ends_with('Z')), "stored in UTC: {stored:?}");
    // The old row was local time of the machine that migrated it (here China): it is stored as
    // UTC, and shown as the same local time it was written at.
    assert_eq!(stored[0], "2026-03-01T01:30:00Z");
    assert_eq!(shown[0], "2026-03-01 09:30:00");
    let new_utc: jiff::Timestamp = stored[1].parse().expect("instant");
    let expected =
        new_utc.to_zoned(jiff::tz::TimeZone::get("Asia/Shanghai").expect("tz")).strftime("%Y-%m-%d %H:%M:%S");
    assert_eq!(shown.last().copied(), Some(expected.to_string().as_str()));
}

#[test]
fn restoring_the_oldest_backup_restores_it_not_an_empty_file() {
    let (dir, db) = db_with_a_report();
    let db_s = s(&db);
    for _ in 0..11 {
        assert!(taizhang(&["--db", db_s, "backup"]).status.success());
    }
    let out = taizhang(&["--db", db_s, "report", "--project", "2", "--status", "已完工", "--date", "2024-07"]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(reports(&db), 2);
    let mut backups: Vec<PathBuf> =
        std::fs::read_dir(dir.path().join("backups")).expect("ls").map(|e| e.expect("e").path()).collect();
    backups.sort();
    let oldest = backups.first().expect("a backup").clone();
    let out = taizhang(&["--db", db_s, "restore", s(&oldest)]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(reports(&db), 1, "the oldest backup's one report, not an empty database");
}

#[test]
fn two_databases_in_one_folder_keep_their_own_backups() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    for db in [&a, &b] {
        let out = taizhang(&["--db", s(db), "report", "--project", "1", "--status", "在建", "--date", "2024-06"]);
        assert!(out.status.success(), "{}", text(&out));
    }
    let names: Vec<String> = std::fs::read_dir(dir.path().join("backups"))
        .expect("ls")
        .map(|e| e.expect("e").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().any(|n| n.starts_with("a-")) && names.iter().any(|n| n.starts_with("b-")), "{names:?}");
    Db::open(&b).expect("open").checkpoint().expect("checkpoint");
    damage(&b);
    let out = taizhang(&["--db", s(&b), "list"]);
    let message = text(&out);
    assert!(message.contains("b-20") && !message.contains("a-20"), "names b's own backup: {message}");
    // A spreadsheet in the same folder is not taken for a damaged database.
    let sheet = dir.path().join("d.xlsx");
    std::fs::write(&sheet, b"PK\x03\x04 not a database").expect("sheet");
    let out = taizhang(&["--db", s(&sheet), "list"]);
    assert!(text(&out).contains("不是 Taizhang 数据库"), "{}", text(&out));
}

#[test]
fn a_backup_missing_a_table_or_an_emptied_database_is_caught() {
    let (dir, db) = db_with_a_report();
    let broken = dir.path().join("broken.db");
    assert!(taizhang(&["--db", s(&db), "backup", "-o", s(&broken)]).status.success());
    rusqlite::Connection::open(&broken).expect("open").execute_batch("DROP TABLE reports;").expect("drop");
    let out = taizhang(&["--db", s(&db), "restore", s(&broken)]);
    assert!(!out.status.success() && text(&out).contains("reports"), "{}", text(&out));
    assert_eq!(reports(&db), 1);
    // The database emptied to 0 bytes, its backups beside it: damaged, not a new database.
    std::fs::write(&db, b"").expect("empty");
    let _ = std::fs::remove_file(dir.path().join("taizhang.db-wal"));
    let out = taizhang(&["--db", s(&db), "list"]);
    assert!(!out.status.success() && text(&out).contains("restore"), "{}", text(&out));
}

#[test]
fn several_processes_opening_a_new_database_at_once_all_succeed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("new.db");
    let openers: Vec<_> = (0..4)
        .map(|_| {
            let path = path.clone();
            std::thread::spawn(move || Db::open(&path).map(|_| ()).map_err(|e| e.to_string()))
        })
        .collect();
    for o in openers {
        o.join().expect("thread").expect("opened");
    }
    assert_eq!(Db::open(&path).expect("open").snapshot().expect("snap").portfolio.projects.len(), 359);
}

#[test]
fn amounts_in_another_unit_and_ids_that_name_another_project_are_problems() {
    let (dir, db) = db_with_a_report();
    let pipe: i64 = {
        let out = taizhang(&["--db", s(&db), "list", "--search", "钟山区供水", "--format", "json"]);
        let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        rows[0]["id"].as_i64().expect("id")
    };
    let sheet = dir.path().join("sheet.csv");
    std::fs::write(
        &sheet,
        format!(
            "项目编号,项目名称,状态,完成量,总投资(万元)\n{pipe},钟山区供水管网建设改造,在建,12米,\n{pipe},钟山区供水管网建设改造,在建,,3亿元\n1,钟山区供水管网建设改造,已完工,,\n"
        ),
    )
    .expect("sheet");
    let out = taizhang(&["--db", s(&db), "import", s(&sheet), "--dry-run"]);
    let said = text(&out);
    assert!(!out.status.success());
    assert!(said.contains("“12米”的单位“米”不是本栏的单位“公里”"), "{said}");
    assert!(said.contains("“3亿元”的单位“亿元”"), "{said}");
    assert!(said.contains("项目编号 1 是"), "{said}");
    let out =
        taizhang(&["--db", s(&db), "report", "--project", &pipe.to_string(), "--status", "在建", "--done", "12米"]);
    assert!(!out.status.success() && text(&out).contains("公里"), "{}", text(&out));
}

#[test]
fn demo_and_extract_plan_never_replace_a_database_unasked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let demo = dir.path().join("demo.db");
    assert!(taizhang(&["--db", s(&demo), "demo", "--projects", "20"]).status.success());
    let before = std::fs::read(&demo).expect("read");
    let again = taizhang(&["--db", s(&demo), "demo", "--projects", "10"]);
    assert!(!again.status.success() && text(&again).contains("--force"), "{}", text(&again));
    assert_eq!(std::fs::read(&demo).expect("read"), before);
    // The default database (in the data folder under HOME) is protected without --db.
    let home = dir.path().join("home");
    let default_db = home.join(".local/share/taizhang/taizhang.db");
    let bin = std::env::var_os("TAIZHANG_TEST_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_taizhang").into());
    let run = |args: &[&str]| {
        Command::new(&bin).args(args).env("HOME", &home).env_remove("XDG_DATA_HOME").output().expect("run")
    };
    assert!(run(&["list"]).status.success(), "creates the default database");
    assert!(default_db.exists());
    let out = run(&["--force", "extract-plan", "-o", s(&default_db)]);
    assert!(!out.status.success(), "{}", text(&out));
    assert!(Db::open(&default_db).is_ok(), "still a database");
}

#[test]
fn an_exported_review_sheet_is_not_taken_for_an_update_sheet() {
    let (dir, db) = db_with_a_report();
    let sheet = dir.path().join("调度表.xlsx");
    assert!(taizhang(&["--db", s(&db), "export", "--format", "xlsx", "-o", s(&sheet)]).status.success());
    let out = taizhang(&["--db", s(&db), "import", s(&sheet)]);
    assert!(!out.status.success() && text(&out).contains("导出的调度表"), "{}", text(&out));
    assert_eq!(reports(&db), 1, "no report filed for every project");
}

#[test]
fn two_columns_for_one_field_are_refused_not_guessed() {
    let (dir, db) = db_with_a_report();
    let sheet = dir.path().join("two.csv");
    std::fs::write(&sheet, "项目编号,状态,本期完成量,累计完成量\n1,在建,2,12\n").expect("sheet");
    let out = taizhang(&["--db", s(&db), "import", s(&sheet), "--dry-run"]);
    assert!(!out.status.success() && text(&out).contains("“本期完成量”和“累计完成量”"), "{}", text(&out));
}

/// A large file closed cleanly is not checked whole on every open (0.43 s at 100,000
/// projects); damage found while reading it still says what it is and how to restore.
/// (`TAIZHANG_CHECK_ALWAYS_BYTES=0` makes this small file count as large.)
#[test]
fn damage_in_a_file_opened_without_the_whole_check_is_still_said() {
    let (_dir, db) = db_with_a_report();
    Db::open(&db).expect("open").checkpoint().expect("checkpoint");
    let large = |args: &[&str]| {
        Command::new(std::env::var_os("TAIZHANG_TEST_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_taizhang").into()))
            .env("TAIZHANG_CHECK_ALWAYS_BYTES", "0")
            .args(args)
            .output()
            .expect("run taizhang")
    };
    let clean = large(&["--db", s(&db), "list", "--format", "json"]);
    assert!(clean.status.success(), "{}", text(&clean));
    damage(&db);
    let out = large(&["--db", s(&db), "list", "--format", "json"]);
    assert!(!out.status.success(), "a damaged file is not read as if whole");
    let message = text(&out);
    assert!(message.contains("损坏") && message.contains("restore"), "{message}");
}
