//! Taizhang on a PostgreSQL server (issue 12, first slice): the server's schema is the SQLite
//! schema, the commands work on a `postgres://` database as on a file and print the same, a
//! newer schema and an unreachable server are refused with a message, and several clients
//! writing at once lose nothing and overwrite nothing silently. Every test starts from a new
//! database on the private test server (`common::pg`).

mod common;

use std::collections::BTreeMap;
use std::process::Command;

use taizhang::db::{Db, DbError, ReviewError};
use taizhang::domain::{Period, ProjectId, ReportInput, Status};

fn taizhang(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_taizhang")).args(args).output().expect("run taizhang")
}

fn text(out: &std::process::Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// Table → its columns in order, each with whether it may be NULL.
type Columns = BTreeMap<String, Vec<(String, bool)>>;

fn sqlite_columns(db: &Db) -> Columns {
    let conn = db.connection();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("tables");
    let mut out = Columns::new();
    for table in tables {
        let columns: Vec<(String, bool, bool)> = conn
            .prepare(&format!("SELECT name, \"notnull\", pk FROM pragma_table_info('{table}') ORDER BY cid"))
            .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? > 0)))?.collect())
            .expect("columns");
        // A primary key column can never be NULL, whatever table_info says of it.
        out.insert(table, columns.into_iter().map(|(name, not_null, pk)| (name, !(not_null || pk))).collect());
    }
    out
}

fn server_columns(url: &str) -> Columns {
    let mut client = common::pg::client(url);
    let rows = client
        .query(
            "SELECT table_name::text, column_name::text, is_nullable = 'YES' FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name <> 'schema_version' ORDER BY table_name, ordinal_position",
            &[],
        )
        .expect("columns");
    let mut out = Columns::new();
    for row in rows {
        out.entry(row.get(0)).or_default().push((row.get(1), row.get(2)));
    }
    out
}

#[test]
fn the_server_schema_is_the_sqlite_schema() {
    let Some(url) = common::pg::fresh_database("the_server_schema_is_the_sqlite_schema") else { return };
    let db = Db::connect(&url).expect("server database");
    assert_eq!(db.schema_version().expect("version"), taizhang::db::SCHEMA_VERSION);
    let file = Db::open_in_memory().expect("sqlite");
    let (lite, server) = (sqlite_columns(&file), server_columns(&url));
    assert!(lite.len() >= 16, "{:?}", lite.keys());
    assert_eq!(server, lite, "every table, column, order and NOT NULL alike");
    let mut client = common::pg::client(&url);
    let index_names = |sql: &str, client: &mut postgres::Client| -> Vec<String> {
        client.query(sql, &[]).expect("indexes").iter().map(|r| r.get(0)).collect()
    };
    let server_indexes = index_names(
        "SELECT indexname::text FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%_pkey' \
         AND indexname NOT LIKE '%_key' ORDER BY 1",
        &mut client,
    );
    let lite_indexes: Vec<String> = file
        .connection()
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY 1")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("indexes");
    assert_eq!(server_indexes, lite_indexes);
}

#[test]
fn commands_on_a_server_print_what_they_print_on_a_file() {
    let Some(url) = common::pg::fresh_database("commands_on_a_server_print_what_they_print_on_a_file") else {
        return;
    };
    let init = taizhang(&["server", "init", &url]);
    assert!(init.status.success(), "{}", text(&init));
    assert!(text(&init).contains("结构版本 / schema version: 11"), "{}", text(&init));
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("plan.db");
    let file = file.to_str().expect("utf-8 path");
    for args in [
        vec!["report", "--project", "7", "--status", "under_construction", "--date", "2025-03"],
        vec!["report", "--project", "9", "--status", "completed", "--date", "2025-04"],
    ] {
        for db in [file, url.as_str()] {
            let mut all = vec!["--db", db, "--reviewer", "测试"];
            all.extend(&args);
            let out = taizhang(&all);
            assert!(out.status.success(), "{db}: {}", text(&out));
        }
    }
    let list = |db: &str| taizhang(&["--db", db, "list", "--date", "2025-06", "--format", "json"]);
    let (on_file, on_server) = (list(file), list(&url));
    assert!(on_server.status.success(), "{}", text(&on_server));
    assert!(on_file.stdout.len() > 100_000);
    assert_eq!(String::from_utf8_lossy(&on_server.stdout), String::from_utf8_lossy(&on_file.stdout));
    let history = taizhang(&["--db", &url, "history", "--format", "csv"]);
    let history = text(&history);
    assert!(history.contains("under_construction") && history.contains("测试"), "{history}");
}

#[test]
fn a_newer_schema_and_an_unreachable_server_are_refused_with_a_message() {
    let Some(url) = common::pg::fresh_database("refusals") else { return };
    drop(Db::connect(&url).expect("made"));
    common::pg::client(&url).batch_execute("UPDATE schema_version SET version = 99").expect("newer");
    match Db::connect(&url) {
        Err(e @ DbError::NewerSchema { found: 99, .. }) => {
            assert!(e.to_string().contains("升级 Taizhang") && !e.to_string().contains("postgres@@"));
        }
        other => panic!("expected NewerSchema, got {other:?}"),
    }
    // A port nobody listens on: refused at once, saying where and what to check.
    let free = std::net::TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("addr").port();
    let out = taizhang(&["--db", &format!("postgres://someone:secret@127.0.0.1:{free}/x"), "list"]);
    assert!(!out.status.success());
    let message = text(&out);
    assert!(message.contains("无法连接数据库服务器") && message.contains("Connection refused"), "{message}");
    assert!(!message.contains("secret"), "the password is never shown: {message}");
}

fn report(project: i64, month: &str, progress: &str) -> ReportInput {
    ReportInput {
        project: Some(ProjectId(project)),
        period: Period::parse(month),
        status: Some(Status::UnderConstruction),
        progress_text: progress.into(),
        ..ReportInput::default()
    }
}

/// Five clients write reports at once, each to projects of its own: every report arrives, each
/// in its own changeset. Then five write the same project's same month at once: each write
/// either lands or is refused with a message; none is lost without a word.
#[test]
fn five_clients_writing_at_once_lose_nothing() {
    let Some(url) = common::pg::fresh_database("five_clients_writing_at_once_lose_nothing") else { return };
    let db = Db::connect(&url).expect("made");
    let ids: Vec<i64> = db.snapshot().expect("snapshot").portfolio.projects.iter().map(|p| p.id.0).take(100).collect();
    let today = Period::new(2025, 6).expect("month");
    std::thread::scope(|s| {
        for client in 0..5 {
            let (url, ids) = (url.clone(), &ids);
            s.spawn(move || {
                let db = Db::connect(&url).expect("client connects");
                for &id in ids.iter().skip(client).step_by(5) {
                    db.add_reports(&[report(id, "2025-03", "开工")], &format!("审核人{client}"), today, true)
                        .expect("report saved");
                }
            });
        }
    });
    let count = |sql: &str| -> i64 { db.sql().query_row(sql, &[], |r| r.get(0)).expect("count") };
    assert_eq!(count("SELECT count(*) FROM reports"), 100);
    assert_eq!(count("SELECT count(DISTINCT changeset_id) FROM changes WHERE field = 'report'"), 100);

    let target = ids[0];
    let outcomes: Vec<Result<i64, String>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..5)
            .map(|client| {
                let url = url.clone();
                s.spawn(move || {
                    let db = Db::connect(&url).expect("client connects");
                    let progress = format!("客户端 {client} 填报");
                    db.add_reports(&[report(target, "2025-04", &progress)], &format!("审核人{client}"), today, true)
                        .map_err(|e| match e {
                            ReviewError::Db(DbError::Conflict) => e.to_string(),
                            other => panic!("unexpected refusal: {other}"),
                        })
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("client")).collect()
    });
    let landed: Vec<i64> = outcomes.iter().filter_map(|o| o.as_ref().ok().copied()).collect();
    assert!(!landed.is_empty(), "{outcomes:?}");
    for refused in outcomes.iter().filter_map(|o| o.as_ref().err()) {
        assert!(refused.contains("没有保存") && refused.contains("nothing was saved"), "{refused}");
    }
    // Each write that landed is in the history; the month holds one report, the last one's.
    let reports = db.reports(ProjectId(target)).expect("reports");
    assert_eq!(reports.iter().filter(|r| r.period == Period::parse("2025-04").expect("m")).count(), 1);
    let history: i64 = db
        .sql()
        .query_row(
            "SELECT count(DISTINCT changeset_id) FROM changes WHERE project_id = ?1 AND field = 'report'",
            &[&target],
            |r| r.get(0),
        )
        .expect("history");
    assert_eq!(history, 1 + landed.len() as i64, "{outcomes:?}");
}
