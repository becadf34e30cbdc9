//! Each project's current report is kept in the write's own transaction (issue 28, migration
//! 20): after every kind of write — a report, a month's report replaced, undo and redo, an
//! update sheet imported, a plan brought in and its next month's ledger, a month closed, the
//! bin, a demo database, a migration from version 19, a file moved to a server, an offline
//! copy and its sync — the kept state is the one worked out from the reports, on both engines.

use crate::common::{ok, text};

use taizhang::db::Db;
use taizhang::domain::{Period, ProjectId, ReportInput, Status};

type Current = Vec<(i64, i64, String)>;

/// The kept current reports and the ones the reports give, by project.
fn kept_and_computed(db: &Db) -> (Current, Current) {
    let read = |sql: &str| -> Current {
        db.sql().query_map(sql, &[], |r| Ok((r.get::<i64>(0)?, r.get::<i64>(1)?, r.get::<String>(2)?))).expect("read")
    };
    let kept = read("SELECT project_id, report_id, period FROM current_reports ORDER BY project_id");
    let computed = read(
        "SELECT r.project_id, r.id, r.period FROM reports r \
         WHERE r.period = (SELECT max(period) FROM reports WHERE project_id = r.project_id) ORDER BY r.project_id",
    );
    (kept, computed)
}

#[track_caller]
fn assert_kept(db: &Db, after: &str) -> usize {
    let (kept, computed) = kept_and_computed(db);
    assert_eq!(kept, computed, "after {after}");
    kept.len()
}

fn report(project: i64, month: &str, status: Status, progress: &str) -> ReportInput {
    ReportInput {
        project: Some(ProjectId(project)),
        period: Period::parse(month),
        status: Some(status),
        progress_text: progress.into(),
        ..ReportInput::default()
    }
}

/// The change a command printed it made: the number after its last `#`.
fn changeset(printed: &str) -> String {
    let after = printed.rsplit('#').next().expect("a change id");
    after.chars().take_while(char::is_ascii_digit).collect()
}

#[test]
fn the_current_report_follows_every_kind_of_write_on_a_file() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("t.db");
    let db_s = path.to_str().expect("utf-8");
    let today = Period::new(2025, 6).expect("m");
    {
        let db = Db::open(&path).expect("open");
        assert_eq!(assert_kept(&db, "seeding"), 0, "a new plan has no report");
        db.add_reports(
            &[report(1, "2025-03", Status::UnderConstruction, "三月"), report(2, "2025-04", Status::Preparing, "四月")],
            "测试",
            today,
            true,
        )
        .expect("reports");
        assert_eq!(assert_kept(&db, "two reports"), 2);
        // An earlier month after a later one: the later stays current.
        db.add_reports(&[report(1, "2025-01", Status::Preparing, "一月")], "测试", today, true).expect("earlier");
        let (kept, _) = kept_and_computed(&db);
        assert_eq!(kept[0].2, "2025-03", "an earlier month does not lead");
        assert_kept(&db, "an earlier month");
        // The same month again replaces its report.
        db.add_reports(&[report(1, "2025-03", Status::Completed, "三月改")], "测试", today, true).expect("again");
        assert_kept(&db, "a month's report replaced");
    }
    // Through the command line: a report, its undo and redo.
    let printed = ok(&["--db", db_s, "report", "--project", "1", "--status", "completed", "--date", "2025-05"]);
    let reported = changeset(&printed);
    let db = Db::open(&path).expect("open");
    let (kept, _) = kept_and_computed(&db);
    assert_eq!(kept[0].2, "2025-05");
    assert_kept(&db, "report");
    let undone = changeset(&ok(&["--db", db_s, "undo", &reported]));
    let (kept, _) = kept_and_computed(&db);
    assert_eq!(kept[0].2, "2025-03", "undo puts the month before back in front");
    assert_kept(&db, "undo");
    ok(&["--db", db_s, "undo", &undone]);
    assert_kept(&db, "redo");
    // Undo of the first reports: project 2 has none left, and no current report.
    let first = db.history(&taizhang::db::HistoryFilter::default()).expect("history").last().expect("first").changeset;
    let out = crate::common::taizhang(&["--db", db_s, "undo", &first.to_string()]);
    assert!(!text(&out).is_empty());
    assert_kept(&db, "undo of the first reports (or its refusal)");
    // An update sheet imported.
    let sheet = dir.path().join("sheet.csv");
    std::fs::write(
        &sheet,
        "项目编号,填报期,状态,完成量,形象进度\n3,2025-02,在建,,开工\n4,2025-02,前期,,立项\n2,2025-06,在建,,进场\n",
    )
    .expect("sheet");
    let out = crate::common::taizhang(&["--db", db_s, "import", sheet.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(assert_kept(&db, "an update sheet") >= 4);
    // A month closed; a project in the bin and back.
    ok(&["--db", db_s, "close-month", "--month", "2025-05"]);
    assert_kept(&db, "a month closed");
    db.set_in_bin(ProjectId(3), true, "测试").expect("bin");
    assert_kept(&db, "the bin");
    db.set_in_bin(ProjectId(3), false, "测试").expect("out");
    // A plan brought in with its figures as first reports, and its next month's ledger.
    let ledger = dir.path().join("台账.csv");
    std::fs::write(&ledger, crate::plans::LEDGER_CSV).expect("ledger");
    let before = assert_kept(&db, "before the plan");
    ok(&["--db", db_s, "plan", "import", ledger.to_str().expect("utf-8"), "--from", "2026", "--to", "2030"]);
    let after = assert_kept(&db, "a plan brought in");
    assert!(after > before, "the plan's first reports are current: {before} → {after}");
    ok(&["--db", db_s, "plan", "use", "2"]);
    let november = crate::plans::LEDGER_CSV
        .replace("截至2026年10月底", "截至2026年11月底")
        .replace("1-10月完成投资", "1-11月完成投资")
        .replace("5000,3100,路基完成60%,在建", "5000,3900,路基完成90%,在建");
    let next = dir.path().join("十一月.csv");
    std::fs::write(&next, november).expect("november");
    let applied = ok(&["--db", db_s, "plan", "update", next.to_str().expect("utf-8")]);
    let (kept, _) = kept_and_computed(&db);
    assert!(kept.iter().any(|k| k.2 == "2026-11"), "the ledger's month is current");
    assert_kept(&db, "the next month's ledger");
    ok(&["--db", db_s, "undo", &changeset(&applied)]);
    let (kept, _) = kept_and_computed(&db);
    assert!(!kept.iter().any(|k| k.2 == "2026-11"), "and its undo takes it back");
    assert_kept(&db, "the ledger's undo");
    drop(db);
    // A file of version 19 (no kept state, and none of 21's links column) gets it from its
    // reports when it is opened.
    {
        let raw = rusqlite::Connection::open(&path).expect("raw");
        raw.execute_batch(
            "DROP TRIGGER current_reports_insert; DROP TRIGGER current_reports_update; \
             DROP TRIGGER current_reports_delete; DROP TABLE current_reports; \
             DROP INDEX IF EXISTS projects_same_as; ALTER TABLE projects DROP COLUMN same_as; PRAGMA user_version = 19;",
        )
        .expect("made version 19");
    }
    let db = Db::open(&path).expect("migrated");
    assert!(assert_kept(&db, "the migration from version 19") > 0);
}

#[test]
fn a_demo_database_keeps_its_current_reports() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("demo.db");
    let seed = taizhang::seed::bundled_seed().expect("seed");
    taizhang::demo::write_demo_db(&path, &seed, 300, 5).expect("demo");
    let db = Db::open(&path).expect("open");
    let n = assert_kept(&db, "the demo's reports");
    assert!(n > 100, "{n}");
    let (kept, _) = kept_and_computed(&db);
    assert!(kept.iter().all(|k| k.2 == "2025-12"), "the demo's last quarter leads");
}

/// On a server: a file moved in (the reports' triggers off while it is copied), a report
/// there, an offline copy checked out, a report in the copy, and its sync, on both sides.
#[test]
fn the_current_report_is_kept_on_a_server_and_in_its_offline_copies() {
    let Some(url) = crate::common::pg::fresh_database("the_current_report_is_kept_on_a_server") else { return };
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("t.db");
    let today = Period::new(2025, 6).expect("m");
    let file = Db::open(&path).expect("file");
    file.add_reports(
        &[report(1, "2025-03", Status::UnderConstruction, "三月"), report(1, "2025-05", Status::Completed, "五月")],
        "测试",
        today,
        true,
    )
    .expect("reports");
    file.push_to(&url).expect("push");
    let server = Db::connect(&url).expect("server");
    assert_eq!(assert_kept(&server, "a file moved in"), 1);
    server.add_reports(&[report(2, "2025-04", Status::Preparing, "服务器")], "测试", today, true).expect("report");
    assert_eq!(assert_kept(&server, "a report on the server"), 2);
    let copy_path = dir.path().join("copy.db");
    Db::checkout(&url, None, &copy_path).expect("checkout");
    let copy = Db::open(&copy_path).expect("copy");
    assert_eq!(assert_kept(&copy, "a checkout"), 2);
    copy.add_reports(&[report(2, "2025-06", Status::UnderConstruction, "副本")], "测试", today, true).expect("copy r");
    server.add_reports(&[report(3, "2025-06", Status::UnderConstruction, "服务器二")], "测试", today, true).expect("r");
    copy.sync(None).expect("sync");
    assert_eq!(assert_kept(&copy, "a sync, in the copy"), 3);
    assert_eq!(assert_kept(&server, "a sync, on the server"), 3);
    let (kept, _) = kept_and_computed(&server);
    assert_eq!(kept[1].2, "2025-06", "the copy's later report leads on the server");
    let undone = server.history(&taizhang::db::HistoryFilter::default()).expect("h")[0].changeset;
    server.revert(undone, "测试").expect("undo on the server");
    assert_kept(&server, "an undo on the server");
}

/// A server set up before migration 20 (its roles granted then): the migration gives every
/// reviewer's role the reading of the kept state, and a district editor's report keeps it.
#[test]
fn a_server_migrated_to_20_lets_its_reviewers_read_and_keep_the_current_reports() {
    let Some(url) = crate::common::pg::fresh_database("a_server_migrated_to_20") else { return };
    let init = crate::common::taizhang(&["server", "init", &url]);
    assert!(init.status.success(), "{}", text(&init));
    let district = format!("cur_zs_{}", std::process::id());
    ok(&["--db", &url, "server", "grant", &district, "--role", "district", "--place", "钟山区"]);
    crate::common::pg::client(&url)
        .batch_execute(
            "DROP TRIGGER taizhang_current ON reports; DROP FUNCTION taizhang_current_report(); \
             DROP TABLE current_reports; UPDATE schema_version SET version = 19",
        )
        .expect("made version 19");
    let owner = Db::connect(&url).expect("migrates");
    assert_eq!(owner.schema_version().expect("v"), taizhang::db::SCHEMA_VERSION);
    let project = owner
        .snapshot()
        .expect("snapshot")
        .portfolio
        .projects
        .iter()
        .find(|p| p.place == "钟山区")
        .expect("a 钟山区 project")
        .id
        .0;
    let as_district = url.replacen("postgres@", &format!("{district}@"), 1);
    let zs = Db::connect(&as_district).expect("the district editor connects");
    let today = Period::new(2025, 6).expect("m");
    zs.add_reports(&[report(project, "2025-05", Status::UnderConstruction, "区县填报")], "张三", today, true)
        .expect("a district editor's report");
    assert_eq!(zs.latest_reports().expect("read by the district editor").len(), 1);
    assert_eq!(assert_kept(&zs, "a district editor's report after the migration"), 1);
}
