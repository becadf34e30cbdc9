//! Taizhang on a PostgreSQL server (issue 12, first slice): the server's schema is the SQLite
//! schema, the commands work on a `postgres://` database as on a file and print the same, a
//! newer schema and an unreachable server are refused with a message, and several clients
//! writing at once lose nothing and overwrite nothing silently. Every test starts from a new
//! database on the private test server (`common::pg`).

use crate::common::{taizhang, text};

use crate::common;
mod hostile;

use std::collections::BTreeMap;

use taizhang::db::{Db, DbError, ReviewError};
use taizhang::domain::{Period, ProjectId, ReportInput, Status};

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

/// A row's place, unit, target and the row it names again.
type Placed = (String, Option<String>, Option<f64>, Option<String>);

/// Every row of the plan: (box, item, name) → where and what it is.
fn placed_rows(db: &Db) -> BTreeMap<(u8, u16, String), Placed> {
    let projects = db.snapshot().expect("snapshot").portfolio.projects;
    let name_of = |id: ProjectId| projects.iter().find(|p| p.id == id).map(|p| p.name.clone());
    projects
        .iter()
        .map(|p| {
            (
                (p.zhuanlan, p.item, p.name.clone()),
                (p.place.clone(), p.unit.clone(), p.target, p.same_as.and_then(name_of)),
            )
        })
        .collect()
}

#[test]
fn an_older_server_database_gets_the_seeded_plans_places_of_issue_27() {
    // Migration 21 (the 20th on its branch) on PostgreSQL: a server database seeded before it is
    // brought to what a new one holds.
    let Some(url) = common::pg::fresh_database("an_older_server_database_gets_the_seeded_plans_places") else {
        return;
    };
    drop(Db::connect(&url).expect("server database"));
    common::pg::client(&url)
        .batch_execute(
            "DROP INDEX IF EXISTS projects_same_as; ALTER TABLE projects DROP COLUMN same_as; \
             UPDATE projects SET place_id = (SELECT min(id) FROM places WHERE name = '六盘水市') \
               WHERE name IN ('城北公交客运站', '凉都大道东段供热管道', '六盘水市公共卫生救治中心(传染病医院)', '火铺污水处理厂'); \
             UPDATE projects SET place_id = (SELECT min(id) FROM places WHERE name = '钟山产业园区') WHERE name = '大湾电厂'; \
             DELETE FROM places WHERE name = '火铺镇'; \
             UPDATE projects SET name = '2万人以上城市社区托位', unit = '个', target = 90, target_comparator = 'at_least' \
               WHERE name = '2万人以上城市社区建成不少于90个托位'; \
             UPDATE zhuanlan SET title = '社区' WHERE number = 11; \
             UPDATE schema_version SET version = 19;",
        )
        .expect("as an older build left it");
    let old = Db::connect(&url).expect("migrates");
    let fresh = Db::open_in_memory().expect("sqlite");
    let (upgraded, expected) = (placed_rows(&old), placed_rows(&fresh));
    assert_eq!(upgraded.len(), 359);
    for (key, want) in &expected {
        assert_eq!(upgraded.get(key), Some(want), "{key:?}");
    }
    assert_eq!(upgraded.values().filter(|r| r.3.is_some()).count(), 2, "the two pairs are linked");
    assert_eq!(old.snapshot().expect("snapshot").boxes, fresh.snapshot().expect("snapshot").boxes);
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
    let version = format!("结构版本:{}", taizhang::db::SCHEMA_VERSION);
    assert!(text(&init).contains(&version), "{}", text(&init));
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

    // Five reviewers look at the same state, then all report the same project's month: the
    // first write lands, the other four were made on a state it changed and are refused, each
    // saying who changed it.
    let target = ids[0];
    let barrier = std::sync::Barrier::new(5);
    let outcomes: Vec<Result<i64, ReviewError>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..5)
            .map(|client| {
                let (url, barrier) = (url.clone(), &barrier);
                s.spawn(move || {
                    let db = Db::connect(&url).expect("client connects");
                    db.snapshot().expect("each reviewer looks first");
                    barrier.wait();
                    let progress = format!("客户端 {client} 填报");
                    db.add_reports(&[report(target, "2025-04", &progress)], &format!("审核人{client}"), today, true)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("client")).collect()
    });
    let landed: Vec<i64> = outcomes.iter().filter_map(|o| o.as_ref().ok().copied()).collect();
    assert_eq!(landed.len(), 1, "{outcomes:?}");
    let winner: String = db
        .sql()
        .query_row("SELECT reviewer FROM changesets WHERE id = ?1", &[&landed[0]], |r| r.get(0))
        .expect("winner");
    for refused in outcomes.iter().filter_map(|o| o.as_ref().err()) {
        match refused {
            ReviewError::Stale { project, by, .. } => {
                assert_eq!(*project, target);
                assert_eq!(by, &format!("{winner}(postgres)"), "the reviewer and the server account");
            }
            other => panic!("expected a stale refusal, got {other}"),
        }
        let text = refused.to_string();
        assert!(text.contains(&winner) && text.contains("没有保存"), "{text}");
    }
    let reports = db.reports(ProjectId(target)).expect("reports");
    let april: Vec<_> = reports.iter().filter(|r| r.period == Period::parse("2025-04").expect("m")).collect();
    assert_eq!(april.len(), 1);
    assert_eq!(april[0].reviewer, winner, "the report is the one that landed, not overwritten");
}

/// A write made on a state another reviewer changed since is refused, naming them; a write
/// to a project nobody else touched goes through; after loading again the write goes through;
/// a reviewer's own earlier writes never count against them.
fn stale_writes_are_refused(a: &Db, b: &Db) {
    let ids: Vec<i64> = a.snapshot().expect("a looks").portfolio.projects.iter().map(|p| p.id.0).take(3).collect();
    let today = Period::new(2025, 6).expect("month");
    b.snapshot().expect("b looks");
    let revision = a.revision().expect("revision");
    b.add_reports(&[report(ids[0], "2025-03", "乙填报")], "乙", today, true).expect("b writes");
    assert_eq!(a.revision().expect("revision"), revision + 1, "every write raises the revision");
    match a.add_reports(&[report(ids[0], "2025-03", "甲填报")], "甲", today, true) {
        Err(ReviewError::Stale { project, by, .. }) => assert_eq!((project, by.starts_with('乙')), (ids[0], true)),
        other => panic!("expected a stale refusal, got {other:?}"),
    }
    assert_eq!(a.reports(ProjectId(ids[0])).expect("reports")[0].reviewer, "乙", "nothing overwritten");
    a.add_reports(&[report(ids[1], "2025-03", "甲填报")], "甲", today, true).expect("another project goes through");
    a.add_reports(&[report(ids[1], "2025-04", "甲再填报")], "甲", today, true).expect("own writes do not count");
    let p = a.snapshot().expect("a looks again").portfolio.projects.into_iter().find(|p| p.id.0 == ids[0]);
    let fields = taizhang::domain::ProjectFields {
        responsible_unit: Some("甲单位".into()),
        ..taizhang::domain::ProjectFields::of(&p.expect("row"))
    };
    a.update_project(ProjectId(ids[0]), &fields, "甲").expect("after loading again");
    // b has not loaded since: its edit of the same project is refused too.
    assert!(matches!(b.set_in_bin(ProjectId(ids[0]), true, "乙"), Err(ReviewError::Stale { .. })));
    let history = a.history(&taizhang::db::HistoryFilter::default()).expect("history");
    assert!(history.iter().all(|h| h.reviewer == "甲" || h.reviewer == "乙"));
}

#[test]
fn stale_writes_are_refused_on_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("shared.db");
    let (a, b) = (Db::open(&path).expect("a"), Db::open(&path).expect("b"));
    stale_writes_are_refused(&a, &b);
}

#[test]
fn stale_writes_are_refused_on_a_server() {
    let Some(url) = common::pg::fresh_database("stale_writes_are_refused_on_a_server") else { return };
    let (a, b) = (Db::connect(&url).expect("a"), Db::connect(&url).expect("b"));
    stale_writes_are_refused(&a, &b);
}

/// `server push`: a file with reports, items, a closed month, a saved view and an edit arrives
/// on an empty server whole: every table's rows, the list and the history print the same; new
/// writes on the server continue after the copied ids; a second push is refused, changing nothing.
#[test]
fn a_file_is_pushed_to_an_empty_server_whole() {
    let Some(url) = common::pg::fresh_database("a_file_is_pushed_to_an_empty_server_whole") else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("office.db");
    {
        let db = Db::open(&path).expect("file");
        let ids: Vec<i64> = db.snapshot().expect("snap").portfolio.projects.iter().map(|p| p.id.0).take(4).collect();
        let today = Period::new(2025, 6).expect("month");
        let with_problem = ReportInput { problems: "征地未完成".into(), ..report(ids[0], "2025-03", "开工") };
        db.add_reports(&[with_problem, report(ids[1], "2025-03", "开工")], "甲", today, true).expect("reports");
        let item = db.problems(&taizhang::db::ProblemFilter::default()).expect("items")[0].problem.id;
        db.set_problem_status(item, taizhang::domain::ProblemStatus::Resolved, "已解决", "2025-04-02", "甲")
            .expect("closed");
        db.close_month(Period::new(2025, 3).expect("m"), "甲").expect("month closed");
        db.save_view("钟山区", &taizhang::domain::Filter::default(), false, &[]).expect("view");
        let p = db.snapshot().expect("snap").portfolio.projects.into_iter().find(|p| p.id.0 == ids[2]);
        let fields = taizhang::domain::ProjectFields {
            nature: Some("新建".into()),
            ..taizhang::domain::ProjectFields::of(&p.expect("row"))
        };
        db.update_project(ProjectId(ids[2]), &fields, "甲").expect("edit");
    }
    let file = path.to_str().expect("utf-8");
    let out = taizhang(&["server", "push", file, &url]);
    assert!(out.status.success(), "{}", text(&out));
    let tables = ["projects", "reports", "changesets", "changes", "problems", "month_lights", "saved_views", "places"];
    let (on_file, on_server) = (Db::open(&path).expect("file"), Db::connect(&url).expect("server"));
    for table in tables {
        let count = |db: &Db| -> i64 {
            db.sql().query_row(&format!("SELECT count(*) FROM {table}"), &[], |r| r.get(0)).expect("count")
        };
        assert_eq!(count(&on_server), count(&on_file), "{table}");
    }
    assert_eq!(on_server.revision().expect("r"), on_file.revision().expect("r"));
    for args in [vec!["list", "--date", "2025-06", "--format", "json"], vec!["history", "--format", "csv"]] {
        let run = |db: &str| {
            let mut all = vec!["--db", db];
            all.extend(&args);
            taizhang(&all).stdout
        };
        assert_eq!(String::from_utf8_lossy(&run(&url)), String::from_utf8_lossy(&run(file)), "{args:?}");
    }
    // New rows continue after the copied ones.
    let most: i64 = on_file.sql().query_row("SELECT max(id) FROM changesets", &[], |r| r.get(0)).expect("max");
    let id = on_server
        .add_reports(&[report(7, "2025-05", "续报")], "乙", Period::new(2025, 6).expect("m"), true)
        .expect("a write after the push");
    assert_eq!(id, most + 1);
    let again = taizhang(&["server", "push", file, &url]);
    assert!(!again.status.success() && text(&again).contains("已有数据"), "{}", text(&again));
    assert_eq!(on_server.reports(ProjectId(7)).expect("reports").len(), 1, "the refused push changed nothing");
}

/// A server set up by `server init` with three accounts (names starting with `prefix`): a
/// district editor of 钟山区, a viewer and a city reviewer; and three projects: one of 钟山区,
/// one of a place inside it, one elsewhere.
pub(crate) struct Bureau {
    pub(crate) district: String,
    pub(crate) viewer: String,
    pub(crate) city: String,
    pub(crate) admin: Db,
    pub(crate) own: i64,
    pub(crate) below: i64,
    pub(crate) other: i64,
}

pub(crate) fn bureau(url: &str, prefix: &str) -> Bureau {
    let init = taizhang(&["server", "init", url]);
    assert!(text(&init).contains("角色已设置"), "{}", text(&init));
    let n = std::process::id();
    let (district, viewer, city) = (format!("{prefix}zs_{n}"), format!("{prefix}ck_{n}"), format!("{prefix}sj_{n}"));
    for args in [
        vec!["--db", url, "server", "grant", &district, "--role", "district", "--place", "钟山区"],
        vec!["--db", url, "server", "grant", &viewer, "--role", "viewer"],
        vec!["--db", url, "server", "grant", &city, "--role", "city"],
    ] {
        let out = taizhang(&args);
        assert!(out.status.success(), "{args:?}: {}", text(&out));
    }
    let admin = Db::connect(url).expect("owner");
    let snapshot = admin.snapshot().expect("snapshot");
    let gazetteer = &snapshot.portfolio.gazetteer;
    let inside = |p: &taizhang::domain::Project| gazetteer.covers_name("钟山区", &p.place);
    let projects = &snapshot.portfolio.projects;
    let own = projects.iter().find(|p| p.place == "钟山区").expect("a 钟山区 project").id.0;
    let below = projects.iter().find(|p| p.place != "钟山区" && inside(p)).expect("inside 钟山区").id.0;
    let other = projects.iter().find(|p| !inside(p)).expect("a project elsewhere").id.0;
    Bureau { district, viewer, city, admin, own, below, other }
}

/// Roles, enforced by the server: a district editor changes the projects of its place and the
/// places inside it, and nothing else, whether through Taizhang (refused with words) or with
/// its own SQL (refused by the server); a viewer writes nothing; a city reviewer writes
/// everywhere; the history names the account.
#[test]
fn roles_are_enforced_by_the_server() {
    let Some(url) = common::pg::fresh_database("roles_are_enforced_by_the_server") else { return };
    let Bureau { district, viewer, city, admin, own, below, other } = bureau(&url, "");
    let as_account = |account: &str| url.replacen("postgres@", &format!("{account}@"), 1);
    let today = Period::new(2025, 6).expect("month");

    let zs = Db::connect(&as_account(&district)).expect("district editor connects");
    zs.snapshot().expect("reads everything");
    zs.add_reports(&[report(own, "2025-03", "开工")], "张三", today, true).expect("its own place");
    zs.add_reports(&[report(below, "2025-03", "开工")], "张三", today, true).expect("a place inside it");
    match zs.add_reports(&[report(other, "2025-03", "越权")], "张三", today, true) {
        Err(ReviewError::Db(DbError::Refused(m))) => assert!(m.to_string().contains("只能修改 钟山区 的项目"), "{m}"),
        x => panic!("expected a refusal, got {x:?}"),
    }
    let history = zs.history(&taizhang::db::HistoryFilter::default()).expect("history");
    assert!(history.iter().all(|h| h.who() == format!("张三({district})")), "{:?}", history[0]);
    // The same account with its own SQL: the server refuses.
    let mut raw = common::pg::client(&as_account(&district));
    let renamed = raw.execute("UPDATE projects SET name = '改名' WHERE id = $1", &[&other]).expect("update runs");
    assert_eq!(renamed, 0, "row policy: no row of another place is changed");
    let sql = "INSERT INTO reports (project_id, period, status, reviewer, created_at) VALUES ($1, '2025-05', 'completed', 'x', 'y')";
    let refused = raw.execute(sql, &[&other]).expect_err("row policy refuses the insert");
    assert_eq!(refused.code(), Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE), "{refused}");
    let closing = raw.execute("DELETE FROM month_closings", &[]).expect_err("not a district's table");
    assert_eq!(closing.code(), Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE), "{closing}");
    // A temporary table of the same name does not stand in for the account's places.
    raw.batch_execute(&format!(
        "CREATE TEMP TABLE account_places (account text, place_id bigint); \
         INSERT INTO account_places SELECT '{district}', id FROM places"
    ))
    .expect("a temporary table");
    let hijacked = raw.execute("UPDATE projects SET name = '改名' WHERE id = $1", &[&other]).expect("update runs");
    assert_eq!(hijacked, 0, "the policy reads the real account_places");
    // The revision, the sequences and the history's account cannot be forged.
    assert!(raw.execute("UPDATE revision SET n = 0", &[]).is_err(), "the revision only goes up by one");
    assert!(raw.query("SELECT setval('changesets_id_seq', 1)", &[]).is_err(), "no setval");
    // The history is the server's to write (tests/it/server/hostile.rs tries the rest).
    let forged = raw.execute(
        "INSERT INTO changesets (at, reviewer, summary, account) VALUES ('2026-01-01T00:00:00Z', '假', '伪造', 'someone')",
        &[],
    );
    assert!(forged.is_err(), "no changeset of its own making");
    // Moving its own project out of its place is refused with words.
    let mut moved =
        admin.snapshot().expect("snap").portfolio.projects.into_iter().find(|p| p.id.0 == own).expect("own");
    moved.place = "水城区".into();
    match zs.update_project(ProjectId(own), &taizhang::domain::ProjectFields::of(&moved), "张三") {
        Err(ReviewError::Db(DbError::Refused(m))) => assert!(m.to_string().contains("不能把项目移到“水城区”"), "{m}"),
        x => panic!("expected a refusal, got {x:?}"),
    }

    let ck = Db::connect(&as_account(&viewer)).expect("viewer connects");
    ck.snapshot().expect("reads");
    match ck.add_reports(&[report(own, "2025-04", "查看")], "查看", today, true) {
        Err(ReviewError::Db(DbError::Refused(m))) => assert!(m.to_string().contains("只能查看"), "{m}"),
        x => panic!("expected a refusal, got {x:?}"),
    }
    let mut raw = common::pg::client(&as_account(&viewer));
    assert!(raw.execute("UPDATE revision SET n = n + 1", &[]).is_err(), "a viewer writes nothing");

    // An administrator made a viewer loses the right to manage accounts.
    let ex_admin = format!("ex_{}", std::process::id());
    for role in ["admin", "viewer"] {
        let out = taizhang(&["--db", &url, "server", "grant", &ex_admin, "--role", role]);
        assert!(out.status.success(), "{}", text(&out));
    }
    let creates: bool = common::pg::client(&url)
        .query_one("SELECT rolcreaterole FROM pg_roles WHERE rolname = $1", &[&ex_admin])
        .expect("role")
        .get(0);
    assert!(!creates, "a demoted administrator cannot make roles");

    let sj = Db::connect(&as_account(&city)).expect("city reviewer connects");
    sj.snapshot().expect("reads");
    sj.add_reports(&[report(other, "2025-03", "市级")], "市审核", today, true).expect("anywhere");
    assert_eq!(admin.reports(ProjectId(other)).expect("reports").len(), 1, "only the city reviewer's report");
}

/// TLS with the bureau's own CA: sslmode=require with sslrootcert=FILE connects encrypted
/// (the server says so); without the CA the certificate is not trusted and the message says
/// how to give it; the commands work the same over TLS.
#[test]
fn tls_with_a_test_ca() {
    let Some((url, ca)) = common::pg::tls_database("tls_with_a_test_ca") else { return };
    let secure = format!("{url}?sslmode=require&sslrootcert={}", ca.display());
    let db = Db::connect(&secure).expect("connects over TLS");
    let encrypted: bool =
        db.sql().query_row("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", &[], |r| r.get(0)).expect("ssl");
    assert!(encrypted, "the connection is encrypted");
    match Db::connect(&format!("{url}?sslmode=require")) {
        Err(e @ DbError::Connection(_)) => assert!(e.to_string().contains("sslrootcert"), "{e}"),
        other => panic!("an unknown CA must not be trusted: {other:?}"),
    }
    let out = taizhang(&["--db", &secure, "list", "--format", "json"]);
    assert!(out.status.success() && out.stdout.len() > 100_000, "{}", text(&out));
    // libpq's other modes: verify-ca and verify-full check against the CA given; prefer
    // encrypts unchecked; disable does not encrypt.
    let encrypted = |mode: &str| {
        let db = Db::connect(&format!("{url}?sslmode={mode}&sslrootcert={}", ca.display()))
            .unwrap_or_else(|e| panic!("{mode}: {e}"));
        db.sql()
            .query_row("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", &[], |r| r.get::<bool>(0))
            .expect("ssl")
    };
    assert!(encrypted("verify-ca") && encrypted("verify-full") && encrypted("prefer"));
    assert!(!encrypted("disable"));
    // The server's own certificate given as the root (as with a self-signed one) is trusted as
    // itself, as psql trusts it, without the CA.
    let own = ca.with_file_name("server.crt");
    let pinned = Db::connect(&format!("{url}?sslmode=verify-full&sslrootcert={}", own.display()));
    assert!(pinned.is_ok(), "{pinned:?}");
    let unknown = Db::connect(&format!("{url}?sslmode=maybe"));
    assert!(
        matches!(&unknown, Err(e @ DbError::Refused(taizhang::db::Refusal::SslMode(_))) if e.to_string().contains("verify-full")),
        "{unknown:?}"
    );
}

/// Offline: a reviewer checks out the server, works offline (a report, an edit, an item),
/// while another reviewer changes the server (the same field of one project, a report for the
/// same project and month). `sync` sends the copy's changes and takes the others': the two
/// changes made on both sides are conflicts (the server's value stays, the copy's is listed and
/// kept), everything else arrives on both sides, every changeset is in the history once. A
/// sync interrupted after the server took the changes (the copy then still as before) and run
/// again sends nothing twice.
#[test]
fn offline_copies_sync_with_conflicts_and_a_repeated_sync_sends_nothing_twice() {
    let Some(url) = common::pg::fresh_database("offline_copies_sync") else { return };
    let server = Db::connect(&url).expect("server");
    let projects = server.snapshot().expect("snapshot").portfolio.projects;
    let ids: Vec<i64> = projects.iter().map(|p| p.id.0).take(4).collect();
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("laptop.db");
    let out = taizhang(&["checkout", &url, "-o", file.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", text(&out));
    let today = Period::new(2025, 6).expect("month");
    let fields = |db: &Db, id: i64, unit: &str| {
        let p = db.snapshot().expect("snap").portfolio.projects.into_iter().find(|p| p.id.0 == id).expect("row");
        taizhang::domain::ProjectFields {
            responsible_unit: Some(unit.into()),
            ..taizhang::domain::ProjectFields::of(&p)
        }
    };
    {
        let laptop = Db::open(&file).expect("offline copy");
        assert_eq!(laptop.offline_server().expect("meta"), Some(taizhang::db::shown_url(&url)));
        let with_item =
            ReportInput { problems: "离线发现的问题".into(), ..report(ids[0], "2025-03", "离线填报") };
        laptop.add_reports(&[with_item], "离线甲", today, true).expect("offline report");
        laptop.update_project(ProjectId(ids[1]), &fields(&laptop, ids[1], "离线单位"), "离线甲").expect("edit");
        laptop.add_reports(&[report(ids[2], "2025-03", "离线同月")], "离线甲", today, true).expect("same month");
    }
    server.update_project(ProjectId(ids[1]), &fields(&server, ids[1], "在线单位"), "在线乙").expect("edit");
    server.add_reports(&[report(ids[2], "2025-03", "在线同月")], "在线乙", today, true).expect("same month");
    server.add_reports(&[report(ids[3], "2025-03", "在线填报")], "在线乙", today, true).expect("other");
    let before_sync = std::fs::read(&file).expect("copy as it was");

    let laptop = Db::open(&file).expect("offline copy");
    let synced = laptop.sync(None).expect("sync");
    assert_eq!((synced.sent, synced.already), (3, 0));
    let mut fields_in_conflict: Vec<(i64, &str)> =
        synced.conflicts.iter().map(|c| (c.project, c.field.as_str())).collect();
    fields_in_conflict.sort_unstable();
    assert_eq!(fields_in_conflict, vec![(ids[1], "responsible_unit"), (ids[2], "report")]);
    let unit = synced.conflicts.iter().find(|c| c.field == "responsible_unit").expect("unit");
    assert_eq!((unit.mine.as_deref(), unit.theirs.as_deref()), (Some("离线单位"), Some("在线单位")), "both kept");
    assert_eq!(laptop.sync_conflicts().expect("kept"), synced.conflicts);
    // Both sides now hold the same: the copy's report and item, the server's values.
    for db in [&laptop, &server] {
        let reports = db.reports(ProjectId(ids[0])).expect("reports");
        assert_eq!(reports[0].progress_text, "离线填报");
        assert_eq!(db.reports(ProjectId(ids[2])).expect("r")[0].progress_text, "在线同月", "not overwritten");
        assert_eq!(db.reports(ProjectId(ids[3])).expect("r")[0].progress_text, "在线填报");
        let items = db.problems(&taizhang::db::ProblemFilter::default()).expect("items");
        assert!(items.iter().any(|i| i.problem.text == "离线发现的问题"));
    }
    let list = |db: &str| taizhang(&["--db", db, "list", "--date", "2025-06", "--format", "json"]).stdout;
    let file_text = file.to_str().expect("utf-8");
    assert_eq!(String::from_utf8_lossy(&list(file_text)), String::from_utf8_lossy(&list(&url)));
    // The copy keeps the history it had and takes only the rest: the two histories are the same.
    let history = |db: &str| taizhang(&["--db", db, "history", "--format", "csv"]).stdout;
    assert_eq!(String::from_utf8_lossy(&history(file_text)), String::from_utf8_lossy(&history(&url)));
    let changesets =
        |db: &Db| -> i64 { db.sql().query_row("SELECT count(*) FROM changesets", &[], |r| r.get(0)).expect("n") };
    assert_eq!(changesets(&server), 3 + 3, "the server's three and the copy's three, once each");

    // Interrupted after the server took the changes: the copy is as it was before the sync.
    drop(laptop);
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
    }
    std::fs::write(&file, &before_sync).expect("the copy before the sync");
    let out = taizhang(&["sync", file_text]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("发送 0 项修改") && text(&out).contains("3 项已在服务器"), "{}", text(&out));
    assert_eq!(changesets(&server), 6, "nothing sent twice");
    assert_eq!(String::from_utf8_lossy(&list(file_text)), String::from_utf8_lossy(&list(&url)));

    // The reviewer takes their value of the field conflict and their report after all (the
    // repeated sync found both conflicts in the server's history); the next sync sends them.
    let laptop = Db::open(&file).expect("offline copy");
    laptop.snapshot().expect("looks");
    let conflicts = laptop.sync_conflicts().expect("list");
    assert!(conflicts.iter().all(taizhang::db::Conflict::can_take_mine), "{conflicts:?}");
    let index = conflicts.iter().position(|c| c.field == "responsible_unit").expect("the field conflict");
    laptop.take_mine(index, "离线甲").expect("mine taken");
    assert_eq!(laptop.sync_conflicts().expect("list").len(), 1, "the taken conflict leaves the list");
    let report_conflict = laptop.sync_conflicts().expect("list").iter().position(|c| c.field == "report");
    laptop.take_mine(report_conflict.expect("the report conflict"), "离线甲").expect("my report taken");
    assert_eq!(laptop.reports(ProjectId(ids[2])).expect("r")[0].progress_text, "离线同月");
    assert!(laptop.sync_conflicts().expect("list").is_empty());
    let synced = laptop.sync(None).expect("sync");
    assert_eq!((synced.sent, synced.conflicts.len()), (2, 0));
    assert_eq!(String::from_utf8_lossy(&history(file_text)), String::from_utf8_lossy(&history(&url)));
    let unit = server.snapshot().expect("snap").portfolio.projects.into_iter().find(|p| p.id.0 == ids[1]).expect("row");
    assert_eq!(unit.responsible_unit.as_deref(), Some("离线单位"));
    let month: Vec<_> = server
        .reports(ProjectId(ids[2]))
        .expect("r")
        .into_iter()
        .filter(|r| r.period.to_string() == "2025-03")
        .collect();
    assert_eq!(month.len(), 1, "one report for the month: {month:?}");
    assert_eq!(month[0].progress_text, "离线同月", "the copy's report replaced the server's");
}

/// Views saved or deleted in an offline copy are not in the history: the sync sends them, so
/// they are neither lost from the copy nor missing on the server (they used to vanish from the
/// copy at its next sync, which took the server's views whole).
#[test]
fn views_saved_offline_reach_the_server_at_the_sync() {
    let Some(url) = common::pg::fresh_database("views_saved_offline") else { return };
    let server = Db::connect(&url).expect("server");
    let filter = taizhang::domain::Filter { search: "燃气".into(), ..taizhang::domain::Filter::default() };
    server.save_view("服务器上的视图", &filter, false, &[]).expect("a server view");
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("laptop.db");
    Db::checkout(&url, None, &file).expect("checkout");
    let laptop = Db::open(&file).expect("copy");
    laptop.save_view("离线保存的视图", &filter, true, &[]).expect("saved offline");
    let gone = laptop.views().expect("views").into_iter().find(|v| v.name == "服务器上的视图").expect("copied");
    laptop.delete_view(gone.id).expect("deleted offline");
    let synced = laptop.sync(None).expect("sync");
    assert_eq!(synced.views.sent, 2);
    let names = |db: &Db| -> Vec<String> { db.views().expect("views").into_iter().map(|v| v.name).collect() };
    assert_eq!(names(&laptop), ["离线保存的视图"], "the copy keeps its view");
    assert_eq!(names(&server), ["离线保存的视图"], "the server has the copy's views");
    let view = server.views().expect("views").remove(0);
    assert!(view.charts && view.filter.search == "燃气");
    // Sent once: the next sync has nothing to send.
    assert_eq!(laptop.sync(None).expect("again").views.sent, 0);
}

/// Saved views belong to the account that saved them: a district editor changes and deletes
/// only its own, online (refused in words, and by the server's row policy for a script with
/// the same account) and in its offline copy; a city reviewer changes any.
#[test]
fn a_district_editor_changes_only_its_own_views() {
    let Some(url) = common::pg::fresh_database("views_have_owners") else { return };
    let Bureau { district, city, .. } = bureau(&url, "v");
    let as_account = |account: &str| url.replacen("postgres@", &format!("{account}@"), 1);
    let filter = taizhang::domain::Filter::default();
    let city_db = Db::connect(&as_account(&city)).expect("city");
    city_db.save_view("市级视图", &filter, false, &[]).expect("the city's view");
    let zs = Db::connect(&as_account(&district)).expect("district");
    let refused = |result: Result<(), DbError>| match result {
        Err(DbError::Refused(m)) => {
            assert!(
                m.to_string().contains("市级视图")
                    && m.to_string().contains(&city)
                    && m.to_string().contains(&district),
                "{m}"
            )
        }
        x => panic!("expected a refusal, got {x:?}"),
    };
    refused(zs.save_view("市级视图", &filter, true, &[]));
    let theirs = zs.views().expect("views").into_iter().find(|v| v.name == "市级视图").expect("read by all");
    refused(zs.delete_view(theirs.id));
    zs.save_view("区级视图", &filter, false, &[]).expect("its own");
    zs.save_view("区级视图", &filter, true, &[]).expect("its own, again");
    city_db.save_view("区级视图", &filter, false, &[]).expect("the city changes any view");
    let owner = |name: &str| -> Option<String> {
        let mut c = common::pg::client(&url);
        c.query_one("SELECT account FROM saved_views WHERE name = $1", &[&name]).expect("row").get(0)
    };
    assert_eq!(owner("区级视图"), Some(district.clone()), "the owner stays the first saver");
    // A script with the district's account: the row policy leaves the city's view alone.
    let mut script = common::pg::client(&as_account(&district));
    let updated =
        script.execute("UPDATE saved_views SET screen = 'charts' WHERE name = '市级视图'", &[]).expect("runs");
    let deleted = script.execute("DELETE FROM saved_views WHERE name = '市级视图'", &[]).expect("runs");
    assert_eq!((updated, deleted), (0, 0));
    // A view written with no revision raised is refused (no window would be told)…
    let unseen = script.execute(
        "INSERT INTO saved_views (name, filter_json, screen, account) VALUES ('冒名视图', '{}', 'table', $1)",
        &[&city],
    );
    assert!(unseen.is_err(), "a view written unseen");
    // …and with it raised, the view is the inserter's whatever it says.
    let mut tx = script.transaction().expect("tx");
    tx.query_one("SELECT taizhang_bump()", &[]).expect("bump");
    tx.execute(
        "INSERT INTO saved_views (name, filter_json, screen, account) VALUES ('冒名视图', '{}', 'table', $1)",
        &[&city],
    )
    .expect("insert");
    tx.commit().expect("commit");
    assert_eq!(owner("冒名视图"), Some(district.clone()), "an insert is the inserter's");
    // Its offline copy refuses the same, and sends its own view at the sync.
    let dir = tempfile::tempdir().expect("tempdir");
    let dest = dir.path().join("zs.db");
    Db::checkout(&as_account(&district), None, &dest).expect("checkout");
    let laptop = Db::open(&dest).expect("copy");
    refused(laptop.save_view("市级视图", &filter, true, &[]));
    laptop.save_view("离线区级视图", &filter, false, &[]).expect("its own offline");
    // Meanwhile the city saves a view of a name the copy then uses too: the sync does not
    // fail, the city's stays, and the copy's arrives under a name of its own.
    city_db.save_view("同名视图", &filter, false, &[]).expect("the city's");
    laptop.save_view("同名视图", &filter, true, &[]).expect("the copy's, offline");
    let synced = laptop.sync(None).expect("sync");
    let own = format!("同名视图({district} 离线)");
    assert_eq!(synced.views.sent, 2);
    assert_eq!(synced.views.renamed, [("同名视图".to_string(), own.clone())]);
    assert_eq!(owner("离线区级视图"), Some(district.clone()));
    assert_eq!(owner("同名视图"), Some(city.clone()), "the city's view stays");
    assert_eq!(owner(&own), Some(district));
    assert!(laptop.views().expect("views").iter().any(|v| v.name == own && v.charts), "nothing lost");
}

/// On a server, a reviewer who switches to another plan in the window switches only their own
/// window: another reviewer's stays on the plan it shows, and the server's default plan stays.
#[test]
fn switching_plans_on_a_server_is_each_reviewers_own() {
    let Some(url) = common::pg::fresh_database("switching_plans_on_a_server") else { return };
    let (a, b) = (Db::connect(&url).expect("a"), Db::connect(&url).expect("b"));
    let first = a.current_plan().expect("the seeded plan").id;
    let row = taizhang::import::plan::DraftRow {
        name: "钟山大道改造".into(),
        section: "一、市政基础设施".into(),
        category: "roads".into(),
        place: Some("钟山区".into()),
        source: "钟山大道改造 | 钟山区".into(),
        line: 5,
        ..taizhang::import::plan::DraftRow::default()
    };
    let plan = taizhang::db::NewPlan {
        title: "六盘水市“十五五”重点项目台账".into(),
        start_year: 2026,
        end_year: 2030,
        city: "六盘水市".into(),
        origin: "台账.xlsx".into(),
        as_of: None,
        rows: vec![row],
    };
    let second = a.create_plan(&plan, "甲").expect("a new plan");
    a.work_on_plan(second).expect("a switches");
    assert_eq!(a.current_plan().expect("a's").id, second);
    assert_eq!(a.snapshot().expect("a's snapshot").portfolio.projects.len(), 1);
    assert_eq!(b.current_plan().expect("b's").id, first, "b stays on its plan");
    assert_eq!(Db::connect(&url).expect("c").current_plan().expect("default").id, first, "the default stays");
    // In a file the switch is stored: the file opens on it next time.
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("office.db");
    let db = Db::open(&file).expect("file");
    let second = db.create_plan(&plan, "甲").expect("a new plan");
    db.work_on_plan(second).expect("switch");
    drop(db);
    assert_eq!(Db::open(&file).expect("again").current_plan().expect("stored").id, second);
}

/// An item (问题) changed on both sides is a conflict too; 采用我的 puts the copy's version
/// back (here: closed with its note) and the next sync sends it.
#[test]
fn an_item_changed_on_both_sides_is_settled_by_taking_mine() {
    use taizhang::domain::ProblemStatus;
    let Some(url) = common::pg::fresh_database("an_item_changed_on_both_sides") else { return };
    let server = Db::connect(&url).expect("server");
    let id = server.snapshot().expect("snapshot").portfolio.projects[0].id.0;
    let today = Period::new(2025, 6).expect("month");
    let with_item = ReportInput { problems: "征地未完成".into(), ..report(id, "2025-03", "有问题") };
    server.add_reports(&[with_item], "在线乙", today, true).expect("an item");
    let all = |db: &Db| db.problems(&taizhang::db::ProblemFilter::default()).expect("items");
    let item = all(&server).into_iter().find(|i| i.problem.text == "征地未完成").expect("item").problem.id;
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("laptop.db");
    Db::checkout(&url, None, &file).expect("checkout");
    let laptop = Db::open(&file).expect("copy");
    laptop.snapshot().expect("looks");
    laptop.set_problem_status(item, ProblemStatus::Resolved, "已完成征地", "2025-06-10", "离线甲").expect("closed");
    server.set_problem_status(item, ProblemStatus::InHand, "正在协调", "", "在线乙").expect("in hand");
    let synced = laptop.sync(None).expect("sync");
    let fields: Vec<&str> = synced.conflicts.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["problem"]);
    let status = |db: &Db| all(db).into_iter().find(|i| i.problem.id == item).expect("item").problem.status;
    assert_eq!((status(&laptop), status(&server)), (ProblemStatus::InHand, ProblemStatus::InHand), "theirs stays");
    assert!(synced.conflicts[0].can_take_mine());
    // The reviewer looks at the synced copy first (a change on a state not looked at is stale).
    laptop.snapshot().expect("looks");
    laptop.take_mine(0, "离线甲").expect("mine taken");
    assert_eq!(status(&laptop), ProblemStatus::Resolved);
    let synced = laptop.sync(None).expect("sync again");
    assert_eq!((synced.sent, synced.conflicts.len()), (1, 0));
    let closed = all(&server).into_iter().find(|i| i.problem.id == item).expect("item").problem;
    assert_eq!((closed.status, closed.close_note.as_str()), (ProblemStatus::Resolved, "已完成征地"));
}

/// The owner of the bureau's database need not be a superuser: `server init` makes the schema
/// (the roles need an account that may create them, and it says so).
#[test]
fn an_owner_that_is_not_a_superuser_can_init_and_push() {
    let Some(admin_url) = common::pg::fresh_database("an_owner_that_is_not_a_superuser") else { return };
    let owner = format!("owner_{}", std::process::id());
    let database = format!("{}_own", admin_url.rsplit('/').next().expect("name"));
    let mut admin = common::pg::client(&admin_url);
    admin.batch_execute(&format!("CREATE ROLE {owner} LOGIN")).expect("owner");
    admin.batch_execute(&format!("CREATE DATABASE {database} OWNER {owner}")).expect("database");
    let (server, _) = admin_url.rsplit_once('/').expect("url");
    let url = format!("{}/{database}", server.replacen("postgres@", &format!("{owner}@"), 1));
    let init = taizhang(&["server", "init", &url]);
    assert!(init.status.success(), "{}", text(&init));
    // The roles are the cluster's: made by an earlier test of this run, the owner's init sets
    // up their grants and policies here; not made yet, init says it cannot make them.
    let roles = text(&init).contains("角色已设置") || text(&init).contains("角色未设置");
    assert!(text(&init).contains("结构版本") && roles, "{}", text(&init));
    let db = Db::connect(&url).expect("the owner connects");
    db.save_view("一个视图", &taizhang::domain::Filter::default(), false, &[]).expect("a view");
    // A database someone has used (a view saved) is not overwritten by a push.
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("office.db");
    drop(Db::open(&file).expect("file"));
    let out = taizhang(&["server", "push", file.to_str().expect("utf-8"), &url]);
    assert!(!out.status.success() && text(&out).contains("已有数据"), "{}", text(&out));
    assert_eq!(db.views().expect("views").len(), 1, "the view is still there");
}

/// Undoing one's report after another reviewer reported a later month: the project follows the
/// latest report that remains (theirs), not the status recorded beside the undone one; and a
/// month closing does not make an older screen current.
fn undo_follows_the_latest_report(a: &Db, b: &Db) {
    let today = Period::new(2025, 6).expect("month");
    let ids: Vec<i64> = a.snapshot().expect("a looks").portfolio.projects.iter().map(|p| p.id.0).take(2).collect();
    let mine = a.add_reports(&[report(ids[0], "2025-03", "甲")], "甲", today, true).expect("a's report");
    b.snapshot().expect("b looks");
    b.add_reports(
        &[ReportInput { status: Some(Status::Completed), ..report(ids[0], "2025-04", "乙") }],
        "乙",
        today,
        true,
    )
    .expect("b's later report");
    a.snapshot().expect("a looks again");
    a.revert(mine, "甲").expect("undo");
    let p = a.snapshot().expect("snap").portfolio.projects.into_iter().find(|p| p.id.0 == ids[0]).expect("row");
    assert_eq!(p.status, Status::Completed, "the latest report left is b's");
    // b changes the other project; a, without looking, closes a month, then writes to it.
    b.snapshot().expect("b looks");
    b.add_reports(&[report(ids[1], "2025-03", "乙")], "乙", today, true).expect("b writes");
    a.close_month(Period::new(2025, 3).expect("m"), "甲").expect("closed");
    assert!(
        matches!(a.add_reports(&[report(ids[1], "2025-03", "甲")], "甲", today, true), Err(ReviewError::Stale { .. })),
        "closing a month is not looking at the projects"
    );
}

#[test]
fn undo_follows_the_latest_report_on_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("shared.db");
    undo_follows_the_latest_report(&Db::open(&path).expect("a"), &Db::open(&path).expect("b"));
}

#[test]
fn undo_follows_the_latest_report_on_a_server() {
    let Some(url) = common::pg::fresh_database("undo_follows_the_latest_report_on_a_server") else { return };
    undo_follows_the_latest_report(&Db::connect(&url).expect("a"), &Db::connect(&url).expect("b"));
}

/// A NUL character (pasted from another system) in a report is refused at its field on both
/// engines; one already in a file (written by another tool) stops a push with words saying
/// what it is, and the server is left unused.
#[test]
fn a_nul_character_is_refused_in_words() {
    let Some(url) = common::pg::fresh_database("a_nul_character_is_refused") else { return };
    let server = Db::connect(&url).expect("server");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("office.db");
    let file = Db::open(&path).expect("file");
    let id = file.snapshot().expect("snap").portfolio.projects[0].id.0;
    let today = Period::new(2025, 6).expect("month");
    for db in [&file, &server] {
        match db.add_reports(&[report(id, "2025-03", "开工\0了")], "甲", today, true) {
            Err(ReviewError::Invalid(errors)) => {
                assert!(
                    errors.iter().any(|(_, e)| e.field == "progress_text" && e.zh().contains("空字符")),
                    "{errors:?}"
                );
            }
            x => panic!("expected the field refused, got {x:?}"),
        }
    }
    file.connection().execute("UPDATE projects SET name = name || char(0) WHERE id = ?1", [id]).expect("raw");
    drop(file);
    drop(server);
    let out = taizhang(&["server", "push", path.to_str().expect("utf-8"), &url]);
    assert!(!out.status.success());
    assert!(text(&out).contains("空字符(NUL"), "{}", text(&out));
    let server = Db::connect(&url).expect("server");
    assert_eq!(server.revision().expect("r"), 0, "nothing was written");
}

/// A checkout of a server database nobody has set up is refused (the copy would otherwise be
/// seeded when opened, with ids the server never had, and its first sync would fail), and no
/// file is left behind.
#[test]
fn a_checkout_of_an_empty_server_is_refused() {
    let Some(url) = common::pg::fresh_database("a_checkout_of_an_empty_server") else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let dest = dir.path().join("copy.db");
    match Db::checkout(&url, None, &dest) {
        Err(DbError::Refused(m)) => assert!(m.to_string().contains("server init"), "{m}"),
        x => panic!("expected a refusal, got {x:?}"),
    }
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0, "no file left");
}

/// Offline copies keep their account's rights: the district editor's copy refuses another
/// district's project at once, in words, and its own changes sync; the viewer's copy changes
/// nothing; the city reviewer's copy changes anywhere.
#[test]
fn offline_copies_keep_their_accounts_rights() {
    let Some(url) = common::pg::fresh_database("offline_copies_keep_rights") else { return };
    let Bureau { district, viewer, city, admin, own, below, other } = bureau(&url, "o");
    let as_account = |account: &str| url.replacen("postgres@", &format!("{account}@"), 1);
    let today = Period::new(2025, 6).expect("month");
    let dir = tempfile::tempdir().expect("tempdir");
    let copy_of = |account: &str| {
        let dest = dir.path().join(format!("{account}.db"));
        Db::checkout(&as_account(account), None, &dest).expect("checkout");
        Db::open(&dest).expect("copy")
    };
    let laptop = copy_of(&district);
    laptop.snapshot().expect("reads");
    match laptop.add_reports(&[report(other, "2025-05", "离线越权")], "张三", today, true) {
        Err(ReviewError::Db(DbError::Refused(m))) => {
            assert!(
                m.to_string().contains("离线副本")
                    && m.to_string().contains("钟山区")
                    && m.to_string().contains(&district),
                "{m}"
            );
        }
        x => panic!("expected a refusal, got {x:?}"),
    }
    laptop.add_reports(&[report(below, "2025-05", "离线开工")], "张三", today, true).expect("inside its place");
    let synced = laptop.sync(None).expect("sync");
    assert_eq!(synced.sent, 1);
    assert!(admin.reports(ProjectId(below)).expect("reports").iter().any(|r| r.progress_text == "离线开工"));
    let watching = copy_of(&viewer);
    match watching.add_reports(&[report(own, "2025-05", "查看")], "查看", today, true) {
        Err(ReviewError::Db(DbError::Refused(m))) => {
            assert!(m.to_string().contains("离线副本") && m.to_string().contains("只能查看"), "{m}")
        }
        x => panic!("expected a refusal, got {x:?}"),
    }
    let city_copy = copy_of(&city);
    city_copy.snapshot().expect("reads");
    city_copy.add_reports(&[report(other, "2025-05", "市级离线")], "市审核", today, true).expect("anywhere offline");
}

/// A session that holds the revision row inside a transaction (a laptop asleep in a save, or a
/// script's `SELECT … FOR UPDATE`) no longer hangs every writer: the next write gives up after
/// the lock timeout, in words, and `server init` sets the limits on the database too.
#[test]
fn a_writer_holding_a_lock_does_not_hang_the_others() {
    let Some(url) = common::pg::fresh_database("a_writer_holding_a_lock_does_not_hang_the_others") else {
        return;
    };
    let init = taizhang(&["server", "init", &url]);
    assert!(init.status.success(), "{}", text(&init));
    let mut holder = common::pg::client(&url);
    let mut held = holder.transaction().expect("begin");
    held.batch_execute("SELECT * FROM revision FOR UPDATE").expect("lock the revision row");
    let report = [
        "--db",
        url.as_str(),
        "--reviewer",
        "测试",
        "report",
        "--project",
        "7",
        "--status",
        "under_construction",
        "--date",
        "2025-03",
    ];
    let mut writer = crate::common::bin()
        .args(report)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run taizhang");
    // It must end by itself: a watchdog ends it (and the test fails) if it hangs.
    let mut ended = None;
    for _ in 0..900 {
        if let Some(status) = writer.try_wait().expect("wait") {
            ended = Some(status);
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    if ended.is_none() {
        let _ = writer.kill();
        panic!("the writer hung behind the held lock");
    }
    let out = writer.wait_with_output().expect("output");
    assert!(!out.status.success());
    assert!(text(&out).contains("等待 10 秒后放弃"), "{}", text(&out));
    // …naming the account that holds it (the raw session is the owner's).
    assert!(text(&out).contains("占用者:账户 postgres"), "{}", text(&out));
    held.rollback().expect("release");
    // The same write goes through once the lock is released.
    let again = taizhang(&report);
    assert!(again.status.success(), "{}", text(&again));
    let settings: Vec<String> = common::pg::client(&url)
        .query(
            "SELECT unnest(setconfig) FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase \
             WHERE d.datname = current_database() AND s.setrole = 0",
            &[],
        )
        .expect("settings")
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(settings.iter().any(|s| s == "lock_timeout=10s"), "{settings:?}");
    assert!(settings.iter().any(|s| s == "idle_in_transaction_session_timeout=120s"), "{settings:?}");
}

/// A district editor's own SQL cannot write into an archived plan by shadowing `plans` with a
/// temporary table of its own (every guard function has a fixed search path, pg_temp last).
#[test]
fn a_temporary_table_cannot_shadow_the_archive_guard() {
    let Some(url) = common::pg::fresh_database("a_temporary_table_cannot_shadow_the_archive_guard") else { return };
    let Bureau { district, own, .. } = bureau(&url, "tt");
    let archive = taizhang(&["--db", &url, "plan", "archive", "1"]);
    assert!(archive.status.success(), "{}", text(&archive));
    let as_district = url.replacen("postgres@", &format!("{district}@"), 1);
    let mut raw = common::pg::client(&as_district);
    raw.batch_execute("CREATE TEMP TABLE plans (id bigint, archived integer); INSERT INTO plans VALUES (1, 0)")
        .expect("any session may make a temporary table");
    let write = raw.execute("UPDATE projects SET name = name || '改' WHERE id = $1", &[&own]);
    let refused = write.expect_err("the archived plan is guarded");
    let message = refused.as_db_error().map(|e| e.message().to_string()).unwrap_or_default();
    assert!(message.contains("archived plan"), "{refused:?}");
    let name: String =
        common::pg::client(&url).query_one("SELECT name FROM projects WHERE id = $1", &[&own]).expect("row").get(0);
    assert!(!name.ends_with('改'), "{name}");
}

/// `server grant` refuses Taizhang's group roles and the database's owner as accounts (granting
/// `taizhang_viewer` the city role made every viewer a city reviewer), and sends a new account's
/// password as a SCRAM verifier, never as clear text.
#[test]
fn grants_go_to_login_accounts_and_passwords_as_verifiers() {
    let Some(url) = common::pg::fresh_database("grants_go_to_login_accounts_and_passwords_as_verifiers") else {
        return;
    };
    let init = taizhang(&["server", "init", &url]);
    assert!(init.status.success(), "{}", text(&init));
    for account in ["taizhang_viewer", "postgres"] {
        let out = taizhang(&["--db", &url, "server", "grant", account, "--role", "city"]);
        assert!(!out.status.success(), "{account}");
        assert!(text(&out).contains(account) && text(&out).contains("账户"), "{}", text(&out));
    }
    let account = format!("pw_{}", std::process::id());
    let out = crate::common::bin()
        .args(["--db", &url, "server", "grant", &account, "--role", "viewer"])
        .env("TAIZHANG_NEW_PASSWORD", "凉都-Secret-2026")
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", text(&out));
    let kept: String = common::pg::client(&url)
        .query_one("SELECT rolpassword FROM pg_authid WHERE rolname = $1", &[&account])
        .expect("row")
        .get(0);
    assert!(kept.starts_with("SCRAM-SHA-256$4096:") && !kept.contains("Secret"), "{kept}");
}

/// One place hierarchy: for every grouping (市中心城区…) and a district, the projects a district
/// editor granted that place may change on the server are exactly those `list --place` shows
/// (the server's walk went from a town up to its district and on into the grouping, so a grant
/// of 市中心城区 let the editor write 大河镇, which the filter leaves out).
#[test]
fn a_grant_allows_what_the_filter_shows() {
    let Some(url) = common::pg::fresh_database("a_grant_allows_what_the_filter_shows") else { return };
    let init = taizhang(&["server", "init", &url]);
    assert!(init.status.success(), "{}", text(&init));
    let mut places: Vec<String> = common::pg::client(&url)
        .query("SELECT DISTINCT p.name FROM place_groups g JOIN places p ON p.id = g.group_id ORDER BY 1", &[])
        .expect("groupings")
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(places.iter().any(|p| p == "市中心城区"), "{places:?}");
    places.push("钟山区".into());
    for (k, place) in places.iter().enumerate() {
        let account = format!("g{k}_{}", std::process::id());
        let out = taizhang(&["--db", &url, "server", "grant", &account, "--role", "district", "--place", place]);
        assert!(out.status.success(), "{place}: {}", text(&out));
        let listed = taizhang(&["--db", &url, "list", "--place", place, "--format", "json"]);
        let listed: serde_json::Value = serde_json::from_slice(&listed.stdout).expect("json");
        let mut shown: Vec<i64> = listed.as_array().expect("rows").iter().filter_map(|r| r["id"].as_i64()).collect();
        shown.sort_unstable();
        let as_account = url.replacen("postgres@", &format!("{account}@"), 1);
        let allowed: Vec<i64> = common::pg::client(&as_account)
            .query(
                "SELECT p.id FROM projects p JOIN plans pl ON pl.id = p.plan_id \
                 WHERE pl.id = (SELECT min(id) FROM plans) AND p.deleted_at IS NULL AND taizhang_may_edit_project(p.id) \
                 ORDER BY 1",
                &[],
            )
            .expect("allowed")
            .iter()
            .map(|r| r.get(0))
            .collect();
        assert_eq!(allowed, shown, "{place}");
    }
}
