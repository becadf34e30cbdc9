//! The server as the authority (issue 24): as each role, through a raw connection, the attacks a
//! hostile pass found on the bookkeeping, each refused or harmless; and the honest losses of
//! offline copies (copied to a second laptop, restored from a backup, pointed at another
//! database) that the same bookkeeping caused.

use super::{Bureau, bureau, common, report, taizhang, text};
use taizhang::db::{Db, DbError, ReviewError};
use taizhang::domain::{Period, ProjectId};

fn denied(result: Result<u64, postgres::Error>, what: &str) {
    match result {
        Err(e) => assert_eq!(
            e.code(),
            Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE),
            "{what}: refused, but not for want of rights: {e}"
        ),
        Ok(n) => panic!("{what}: the server let it through ({n} rows)"),
    }
}

fn count(client: &mut postgres::Client, sql: &str) -> i64 {
    client.query_one(sql, &[]).expect(sql).get(0)
}

/// A district editor's and a city reviewer's own SQL cannot write the history, the revision,
/// the schema version or the settings, cannot write data outside a changeset (so no write
/// skips the history or the revision), cannot plant ids ahead of a sequence, cannot read or
/// plant another copy's sync keys, and every row it does write is logged as it was.
#[test]
fn no_account_writes_the_servers_bookkeeping() {
    let Some(url) = common::pg::fresh_database("no_account_writes_the_servers_bookkeeping") else { return };
    let Bureau { district, city, admin, own, other, .. } = bureau(&url, "bk");
    let as_account = |account: &str| url.replacen("postgres@", &format!("{account}@"), 1);
    let today = Period::new(2025, 6).expect("month");
    // The city reviewer's honest changeset, which the district will try to write into.
    let sj = Db::connect(&as_account(&city)).expect("city reviewer connects");
    sj.add_reports(&[report(other, "2025-03", "市级填报")], "市审核", today, true).expect("city report");
    let mut owner = common::pg::client(&url);
    let city_changeset: i64 = owner
        .query_one("SELECT max(id) FROM changesets WHERE account = $1", &[&city])
        .expect("the city's changeset")
        .get(0);
    let revision = |c: &mut postgres::Client| count(c, "SELECT n FROM revision");
    let history_rows = |c: &mut postgres::Client| {
        count(c, "SELECT (SELECT count(*) FROM changes) + (SELECT count(*) FROM changesets)")
    };
    let before = (revision(&mut owner), history_rows(&mut owner));

    let mut zs = common::pg::client(&as_account(&district));
    // The bookkeeping tables, directly.
    denied(
        zs.execute(
            "INSERT INTO changesets (at, reviewer, summary, revision, origin) VALUES ('2026-01-01T00:00:00Z', '假', '伪造', 999999999, 'x:1')",
            &[],
        ),
        "a changeset of its own making",
    );
    denied(
        zs.execute(
            "INSERT INTO changes (changeset_id, project_id, field, old_value, new_value) VALUES ($1, $2, 'name', 'a', 'b')",
            &[&city_changeset, &own],
        ),
        "a change in the city reviewer's changeset",
    );
    denied(zs.execute("UPDATE revision SET n = n + 1", &[]), "the revision");
    // Each project's current report is kept by the reports' trigger (migration 20): read by
    // every reviewer, written by none, the city's role (which writes every other table) included.
    let mut sj_raw = common::pg::client(&as_account(&city));
    denied(sj_raw.execute("UPDATE current_reports SET period = '2099-12'", &[]), "the kept current reports");
    denied(zs.execute("DELETE FROM current_reports", &[]), "the kept current reports");
    assert_eq!(count(&mut zs, "SELECT count(*) FROM current_reports WHERE period = '2025-03'"), 1, "read by all");
    denied(zs.execute("SELECT n FROM revision FOR UPDATE", &[]), "the writers' lock held by hand");
    denied(zs.execute("SELECT origin FROM changesets", &[]), "the sync keys");
    denied(zs.execute("SELECT nextval('changesets_id_seq')", &[]), "the history's sequence");
    // Data without a changeset: refused, so no write skips the history and the revision.
    denied(
        zs.execute("UPDATE projects SET name = name || '悄悄改' WHERE id = $1", &[&own]),
        "an edit outside a changeset",
    );
    denied(
        zs.execute(
            "INSERT INTO reports (project_id, period, status, reviewer, created_at) VALUES ($1, '2025-05', 'completed', 'x', 'y')",
            &[&own],
        ),
        "a report outside a changeset",
    );
    // Recording without having opened a changeset in this transaction.
    let stray = zs.execute("SELECT taizhang_record($1, 'name', 'a', 'b')", &[&own]);
    assert!(stray.is_err(), "a change outside a changeset is refused");
    assert_eq!((revision(&mut owner), history_rows(&mut owner)), before, "nothing of the above was written");

    // The city reviewer: no history rewritten, no revision set back, no schema version or
    // settings changed; a ledger's mapping may be kept.
    let mut sj = common::pg::client(&as_account(&city));
    denied(sj.execute("DELETE FROM changes", &[]), "the history deleted");
    denied(sj.execute("UPDATE changesets SET reviewer = '别人'", &[]), "the history rewritten");
    denied(sj.execute("DELETE FROM revision", &[]), "the revision taken away");
    denied(sj.execute("UPDATE schema_version SET version = 99", &[]), "the schema version");
    denied(sj.execute("DELETE FROM meta", &[]), "the settings");
    let moved = sj.execute("UPDATE meta SET value = '99' WHERE key = 'current_plan'", &[]).expect("runs");
    assert_eq!(moved, 0, "no setting but a ledger's mapping is the city's to change");
    denied(sj.execute("INSERT INTO meta (key, value) VALUES ('server_id', 'x')", &[]), "a setting of its own");
    sj.execute("INSERT INTO meta (key, value) VALUES ('ledger_mapping:x', '{}')", &[]).expect("a ledger's mapping");
    assert_eq!(count(&mut owner, "SELECT version FROM schema_version"), taizhang::db::SCHEMA_VERSION);
    // Taizhang itself still works for both.
    let zs = Db::connect(&as_account(&district)).expect("district connects");
    zs.add_reports(&[report(own, "2025-04", "正常填报")], "张三", today, true).expect("an honest report");
    let history = zs.history(&taizhang::db::HistoryFilter::default()).expect("history");
    assert!(history.iter().any(|h| h.who() == format!("张三({district})")), "{history:?}");
    drop(admin);
}

/// A script that goes through the server's functions, as Taizhang does, is stamped by the
/// server (its account, the revision, the server's time) and each row it writes is logged as it
/// was; it still cannot plant ids ahead of a sequence, name another account's offline copy as the
/// origin of its changes, or learn another account's sync keys.
#[test]
fn a_script_through_the_functions_is_stamped_and_logged() {
    let Some(url) = common::pg::fresh_database("a_script_through_the_functions_is_stamped_and_logged") else { return };
    let Bureau { district, city, own, .. } = bureau(&url, "fn");
    let as_account = |account: &str| url.replacen("postgres@", &format!("{account}@"), 1);
    let mut owner = common::pg::client(&url);
    let mut zs = common::pg::client(&as_account(&district));
    // Through the functions, as Taizhang does: the server stamps the account, the revision and
    // the time, and logs the row as it really changed.
    let mut tx = zs.transaction().expect("tx");
    tx.query_one("SELECT taizhang_lock()", &[]).expect("lock");
    let raised: i64 = tx.query_one("SELECT taizhang_bump()", &[]).expect("bump").get(0);
    let opened: i64 = tx
        .query_one("SELECT taizhang_begin('假名', '脚本修改', NULL, '1999-01-01T00:00:00Z', NULL)", &[])
        .expect("begin")
        .get(0);
    tx.execute("UPDATE projects SET name = name || '(脚本)' WHERE id = $1", &[&own]).expect("its own project");
    // An id ahead of the sequence is refused even inside a changeset.
    let ahead = tx.execute(
        "INSERT INTO reports (id, project_id, period, status, reviewer, created_at) \
         VALUES ((SELECT last_value + 1000 FROM reports_id_seq), $1, '2025-05', 'completed', 'x', 'y')",
        &[&own],
    );
    denied(ahead, "an id planted ahead of the sequence");
    drop(tx);
    let mut tx = zs.transaction().expect("tx");
    tx.query_one("SELECT taizhang_lock()", &[]).expect("lock");
    let raised_again: i64 = tx.query_one("SELECT taizhang_bump()", &[]).expect("bump").get(0);
    assert_eq!(raised_again, raised, "the refused transaction raised nothing");
    let opened: i64 = tx
        .query_one("SELECT taizhang_begin('假名', '脚本修改', NULL, '1999-01-01T00:00:00Z', NULL)", &[])
        .expect("begin")
        .get::<_, i64>(0)
        .max(opened);
    tx.execute("UPDATE projects SET name = name || '(脚本)' WHERE id = $1", &[&own]).expect("its own project");
    // Its change recorded, as Taizhang records it (the server refuses a changeset that hides one).
    tx.query_one("SELECT taizhang_record($1, 'name', NULL, '(脚本)')", &[&own]).expect("recorded");
    tx.commit().expect("commit");
    let row = owner
        .query_one("SELECT account, revision, at FROM changesets WHERE id = $1", &[&opened])
        .expect("the script's changeset");
    let (account, stamped, at): (String, i64, String) = (row.get(0), row.get(1), row.get(2));
    assert_eq!((account.as_str(), stamped), (district.as_str(), raised), "stamped by the server");
    assert!(at.starts_with("20") && !at.starts_with("1999"), "the server's time, not the script's: {at}");
    let logged: i64 = owner
        .query_one(
            "SELECT count(*) FROM taizhang_server.row_log WHERE changeset = $1 AND table_name = 'projects' \
             AND row_id = $2 AND account = $3 AND new_row->>'name' LIKE '%(脚本)'",
            &[&opened, &own, &district],
        )
        .expect("row log")
        .get(0);
    assert_eq!(logged, 1, "the row the script wrote is logged as it was");

    // Sync keys: another account's copy cannot be named as an origin.
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("城市.db");
    let out = taizhang(&["checkout", &as_account(&city), "-o", file.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", text(&out));
    let copy: String = {
        let laptop = rusqlite::Connection::open(&file).expect("copy");
        laptop.query_row("SELECT value FROM meta WHERE key = 'offline_origin'", [], |r| r.get(0)).expect("copy id")
    };
    assert_eq!(copy.len(), 32, "a random id from the server: {copy}");
    let mut tx = zs.transaction().expect("tx");
    tx.query_one("SELECT taizhang_bump()", &[]).expect("bump");
    let planted = tx.query_one("SELECT taizhang_begin('x', 'x', NULL, 'x', $1)", &[&format!("{copy}:1")]);
    let planted = planted.expect_err("another account's copy");
    assert_eq!(planted.code(), Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE), "{planted}");
    drop(tx);
    let taken: Vec<String> = zs
        .query("SELECT taizhang_taken($1)", &[&format!("{copy}:1\n{copy}:2")])
        .expect("taken")
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(taken.is_empty(), "no account learns another's keys: {taken:?}");
}

/// An offline copy copied to a second laptop, and one restored from its own backup, each make
/// a report: every report reaches the server and stays in its copy (the second laptop's was
/// taken for "already on the server" and erased). A copy whose server address now names
/// another database is refused before anything is sent.
#[test]
fn offline_copies_copied_restored_or_misdirected_lose_nothing() {
    let Some(url) = common::pg::fresh_database("offline_copies_copied_restored_or_misdirected") else { return };
    let Bureau { district, own, below, admin, .. } = bureau(&url, "oc");
    let as_district = url.replacen("postgres@", &format!("{district}@"), 1);
    let today = Period::new(2025, 6).expect("month");
    let dir = tempfile::tempdir().expect("tempdir");
    let first = dir.path().join("laptop1.db");
    let out = taizhang(&["checkout", &as_district, "-o", first.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", text(&out));
    let second = dir.path().join("laptop2.db");
    std::fs::copy(&first, &second).expect("the copy copied to a second laptop");
    Db::open(&first).expect("1").add_reports(&[report(own, "2025-03", "一号笔记本")], "甲", today, true).expect("r1");
    Db::open(&second)
        .expect("2")
        .add_reports(&[report(below, "2025-03", "二号笔记本")], "乙", today, true)
        .expect("r2");
    let backup = dir.path().join("laptop1-backup.db");
    std::fs::copy(&first, &backup).expect("a backup after the first report");
    let one = Db::open(&first).expect("1").sync(None).expect("sync 1");
    let two = Db::open(&second).expect("2").sync(None).expect("sync 2");
    assert_eq!((one.sent, one.already, two.sent, two.already), (1, 0, 1, 0), "each laptop's report is its own");
    for (db, project, text) in [(&first, own, "一号笔记本"), (&second, below, "二号笔记本")] {
        let reports = Db::open(db).expect("copy").reports(ProjectId(project)).expect("reports");
        assert_eq!(reports.first().map(|r| r.progress_text.as_str()), Some(text), "kept in its copy");
    }
    for (project, text) in [(own, "一号笔记本"), (below, "二号笔记本")] {
        let reports = admin.reports(ProjectId(project)).expect("reports");
        assert_eq!(reports.first().map(|r| r.progress_text.as_str()), Some(text), "on the server");
    }
    // The first laptop restored from its backup (taken before its sync) writes again: the old
    // report is known to the server, the new one is sent.
    std::fs::copy(&backup, &first).expect("restored");
    let restored = Db::open(&first).expect("restored copy");
    restored.add_reports(&[report(own, "2025-04", "恢复后填报")], "甲", today, true).expect("r3");
    let again = restored.sync(None).expect("sync after restore");
    assert_eq!((again.sent, again.already), (1, 1), "the new report sent, the old one not twice");
    let months: Vec<String> =
        admin.reports(ProjectId(own)).expect("reports").iter().map(|r| r.period.to_string()).collect();
    assert_eq!(months, ["2025-04", "2025-03"], "both months once on the server");
    assert_eq!(restored.reports(ProjectId(own)).expect("r").len(), 2, "and in the copy");
    // The sync took only what changed, and the copy is the server's state, row for row.
    assert_same_rows(&first, &url);

    // Pointed at another Taizhang database (two bureaus' servers confused): refused, nothing sent.
    let Some(elsewhere) = common::pg::fresh_database("offline_copies_misdirected_other") else { return };
    let init = taizhang(&["server", "init", &elsewhere]);
    assert!(init.status.success(), "{}", text(&init));
    restored.add_reports(&[report(below, "2025-04", "不该去别处")], "甲", today, true).expect("r4");
    drop(restored);
    {
        let raw = rusqlite::Connection::open(&first).expect("copy");
        raw.execute("UPDATE meta SET value = ?1 WHERE key = 'offline_server'", [&elsewhere]).expect("address edited");
    }
    match Db::open(&first).expect("copy").sync(None) {
        Err(ReviewError::Db(DbError::Refused(m))) => {
            assert!(m.to_string().contains("不是这个离线副本来自的服务器数据库"), "{m}")
        }
        x => panic!("expected a refusal, got {x:?}"),
    }
    let other = Db::connect(&elsewhere).expect("the other database");
    let written = other.history(&taizhang::db::HistoryFilter::default()).expect("history");
    assert!(written.is_empty(), "nothing reached the other database: {written:?}");
    let kept = Db::open(&first).expect("copy").reports(ProjectId(below)).expect("r");
    assert!(kept.iter().any(|r| r.progress_text == "不该去别处"), "and the copy keeps its report");
}

/// Two Taizhang databases on one server are two worlds: an account given a role in one can
/// neither connect to the other nor write there, and its role in one is not its role in the
/// other. An administrator manages accounts through the server's function, without CREATEROLE
/// (before PostgreSQL 16 that let an administrator grant itself pg_execute_server_program and run
/// programs as the server's user), and cannot make a superuser, an owner or a group an account.
#[test]
fn roles_are_per_database_and_administrators_have_no_createrole() {
    let Some(first) = common::pg::fresh_database("roles_are_per_database_first") else { return };
    let Some(second) = common::pg::fresh_database("roles_are_per_database_second") else { return };
    let Bureau { city, district, own, .. } = bureau(&first, "w1");
    let Bureau { viewer: second_viewer, other: second_project, .. } = bureau(&second, "w2");
    let as_account = |url: &str, account: &str| url.replacen("postgres@", &format!("{account}@"), 1);
    let today = Period::new(2025, 6).expect("month");
    // The first database's city reviewer and district editor cannot even connect to the second.
    for account in [&city, &district] {
        let refused = postgres::Client::connect(&as_account(&second, account), postgres::NoTls);
        let refused = refused.err().unwrap_or_else(|| panic!("{account} connected to another database"));
        assert_eq!(refused.code(), Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE), "{refused}");
    }
    // Given a viewer's role in the second, the first's city reviewer reads there and writes nothing.
    let out = taizhang(&["--db", &second, "server", "grant", &city, "--role", "viewer"]);
    assert!(out.status.success(), "{}", text(&out));
    let there = Db::connect(&as_account(&second, &city)).expect("connects as a viewer");
    there.snapshot().expect("reads");
    match there.add_reports(&[report(second_project, "2025-03", "越库")], "市审核", today, true) {
        Err(ReviewError::Db(DbError::Refused(m))) => assert!(m.to_string().contains("只能查看"), "{m}"),
        x => panic!("expected a refusal, got {x:?}"),
    }
    let mut raw = common::pg::client(&as_account(&second, &city));
    let written = raw.execute("UPDATE projects SET name = name || '越库' WHERE id = $1", &[&second_project]);
    assert!(written.is_err(), "a viewer there, whatever it is elsewhere");
    // …and is still the city reviewer in the first.
    let home = Db::connect(&as_account(&first, &city)).expect("home");
    home.add_reports(&[report(own, "2025-03", "本库")], "市审核", today, true).expect("city at home");
    drop(second_viewer);

    // An administrator of the first: manages accounts through Taizhang, has no CREATEROLE.
    let admin = format!("w1ad_{}", std::process::id());
    let out = taizhang(&["--db", &first, "server", "grant", &admin, "--role", "admin"]);
    assert!(out.status.success(), "{}", text(&out));
    let mut owner = common::pg::client(&first);
    let creates: bool =
        owner.query_one("SELECT rolcreaterole FROM pg_roles WHERE rolname = $1", &[&admin]).expect("role").get(0);
    assert!(!creates, "an administrator has no CREATEROLE");
    let newcomer = format!("w1new_{}", std::process::id());
    let out = taizhang(&[
        "--db",
        &as_account(&first, &admin),
        "server",
        "grant",
        &newcomer,
        "--role",
        "district",
        "--place",
        "钟山区",
    ]);
    assert!(out.status.success(), "the administrator grants through the server: {}", text(&out));
    let mut raw = common::pg::client(&as_account(&first, &admin));
    denied(raw.execute(&format!("CREATE ROLE {admin}_x LOGIN"), &[]), "a role of its own making");
    denied(raw.execute(&format!("GRANT pg_execute_server_program TO {admin}"), &[]), "the server's programs");
    for (account, kind) in [("postgres", "city"), (city.as_str(), "superuser"), ("pg_monitor", "city")] {
        let refused = raw.execute("SELECT taizhang_grant($1, $2, '', NULL)", &[&account, &kind]);
        assert!(refused.is_err(), "taizhang_grant({account}, {kind}) was taken");
    }
    let group: String = owner
        .query_one("SELECT rolname::text FROM pg_roles WHERE rolname LIKE 'taizhang\\_city\\_%' LIMIT 1", &[])
        .expect("a group")
        .get(0);
    let refused = raw.execute("SELECT taizhang_grant($1, 'admin', '', NULL)", &[&group]);
    assert!(refused.is_err(), "a group role made an administrator");
    let refused = raw.execute("SELECT taizhang_grant($1, 'viewer', '', 'clear text')", &[&format!("{admin}_pw")]);
    assert!(refused.is_err(), "a clear-text password");
    // A city reviewer manages no accounts.
    let mut raw = common::pg::client(&as_account(&first, &city));
    denied(raw.execute("SELECT taizhang_grant('w1_sneaky', 'admin', '', NULL)", &[]), "a city reviewer granting");
}

/// An offline copy always makes progress: after an administrator narrows the account's places,
/// the sync sends what the server still accepts and keeps the refused change as a conflict with
/// the reason (the whole sync was refused, and every later one); the next sync sends nothing
/// twice and is not stuck. A copy whose history was edited by hand is refused with what to do.
#[test]
fn a_sync_after_the_rights_narrowed_sends_the_rest_and_keeps_the_refused() {
    let Some(url) = common::pg::fresh_database("a_sync_after_the_rights_narrowed") else { return };
    let Bureau { district, own, admin, .. } = bureau(&url, "nr");
    let projects = admin.snapshot().expect("snapshot").portfolio.projects;
    let elsewhere = projects.iter().find(|p| p.place == "水城区").expect("a 水城区 project").id.0;
    let grant = |places: &[&str]| {
        let mut args = vec!["--db", url.as_str(), "server", "grant", district.as_str(), "--role", "district"];
        for place in places {
            args.extend(["--place", place]);
        }
        let out = taizhang(&args);
        assert!(out.status.success(), "{}", text(&out));
    };
    grant(&["钟山区", "水城区"]);
    let as_district = url.replacen("postgres@", &format!("{district}@"), 1);
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("copy.db");
    let out = taizhang(&["checkout", &as_district, "-o", file.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", text(&out));
    let today = Period::new(2025, 6).expect("month");
    {
        let copy = Db::open(&file).expect("copy");
        copy.add_reports(&[report(own, "2025-03", "仍可修改")], "甲", today, true).expect("own");
        copy.add_reports(&[report(elsewhere, "2025-03", "权限已收回")], "甲", today, true).expect("then allowed");
    }
    grant(&["钟山区"]);
    let out = taizhang(&["sync", file.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("服务器拒绝了 1 项修改"), "{}", text(&out));
    assert!(text(&out).contains("只能修改 钟山区"), "the reason is said: {}", text(&out));
    assert_eq!(
        admin.reports(ProjectId(own)).expect("r")[0].progress_text,
        "仍可修改",
        "the allowed change went through"
    );
    assert!(admin.reports(ProjectId(elsewhere)).expect("r").is_empty(), "the refused one did not");
    let copy = Db::open(&file).expect("copy");
    let kept = copy.sync_conflicts().expect("conflicts");
    let refused = kept.iter().find(|c| c.project == elsewhere).expect("kept as a conflict");
    assert!(refused.refused.is_some() && !refused.can_take_mine(), "{refused:?}");
    assert!(refused.mine.as_deref().is_some_and(|m| m.contains("权限已收回")), "{refused:?}");
    let again = copy.sync(None).expect("the next sync is not stuck");
    assert_eq!((again.sent, again.refused), (0, 0), "{again:?}");

    // A copy whose history was edited by hand: refused in words, nothing sent.
    copy.add_reports(&[report(own, "2025-04", "手改之前")], "甲", today, true).expect("a change");
    drop(copy);
    {
        let raw = rusqlite::Connection::open(&file).expect("copy");
        raw.execute("UPDATE changes SET field = 'conflict:report' WHERE id = (SELECT max(id) FROM changes)", [])
            .expect("edited by hand");
    }
    let out = taizhang(&["sync", file.to_str().expect("utf-8")]);
    assert!(!out.status.success());
    assert!(text(&out).contains("修改记录已损坏") && text(&out).contains("taizhang checkout"), "{}", text(&out));
    // The copy's unsent changes were written beside it first: nothing lost.
    let kept = std::fs::read_dir(dir.path())
        .expect("dir")
        .flatten()
        .find(|e| e.file_name().to_string_lossy().contains("未同步修改"))
        .expect("the unsent changes in a file");
    let kept = std::fs::read_to_string(kept.path()).expect("read");
    assert!(kept.contains("手改之前"), "{kept}");
    assert_eq!(admin.reports(ProjectId(own)).expect("r").len(), 1, "nothing sent");
}

/// The copy at `file` holds the rows of projects, reports, items and history the server at `url` holds.
fn assert_same_rows(file: &std::path::Path, url: &str) {
    let queries = [
        "SELECT id, name, status, coalesce(responsible_unit, '') FROM projects ORDER BY id",
        "SELECT id, project_id, period, status, progress_text FROM reports ORDER BY id",
        "SELECT id, project_id, text, status FROM problems ORDER BY id",
        "SELECT id, summary, '' AS x, '' AS y FROM changesets ORDER BY id",
    ];
    let copy = rusqlite::Connection::open(file).expect("copy");
    let mut server = common::pg::client(url);
    for sql in queries {
        let mut stmt = copy.prepare(sql).expect("prepare");
        let mine: Vec<String> = stmt
            .query_map([], |r| {
                Ok((0..4)
                    .map(|i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}")))
                    .collect::<Result<Vec<_>, _>>()?
                    .join("|"))
            })
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("rows");
        let theirs: Vec<String> = server
            .query(sql, &[])
            .expect(sql)
            .iter()
            .map(|r| {
                (0..4)
                    .map(|i| {
                        r.try_get::<_, i64>(i)
                            .map(|v| format!("Integer({v})"))
                            .or_else(|_| r.try_get::<_, String>(i).map(|v| format!("Text({v:?})")))
                            .expect("value")
                    })
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect();
        assert_eq!(mine.len(), theirs.len(), "{sql}");
        assert_eq!(mine, theirs, "{sql}");
    }
}

/// A TCP relay between Taizhang and the test server that can lose the connection at the
/// write's COMMIT: after passing it on (the server commits, the answer never comes back), or
/// instead of passing it on (the server rolls back); and can then refuse new connections.
struct Relay {
    port: u16,
    /// 0 relays; 1 loses the connection after passing COMMIT on; 2 loses it before.
    cut: std::sync::Arc<std::sync::atomic::AtomicU8>,
    /// New connections are refused while set.
    closed: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

const COMMIT: &[u8] = b"Q\0\0\0\x0bCOMMIT\0";

fn relay(to: u16) -> Relay {
    use std::io::{Read, Write};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let cut = Arc::new(AtomicU8::new(0));
    let closed = Arc::new(AtomicBool::new(false));
    let (cut_for, closed_for) = (cut.clone(), closed.clone());
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            if closed_for.load(Ordering::SeqCst) {
                drop(client);
                continue;
            }
            let Ok(server) = std::net::TcpStream::connect(("127.0.0.1", to)) else { continue };
            let silenced = Arc::new(AtomicBool::new(false));
            let (mut from_client, mut to_server) =
                (client.try_clone().expect("clone"), server.try_clone().expect("clone"));
            let (mut from_server, mut to_client) = (server, client);
            let (cut, quiet) = (cut_for.clone(), silenced.clone());
            std::thread::spawn(move || {
                let mut buf = vec![0u8; 65536];
                while let Ok(n) = from_client.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    let chunk = &buf[..n];
                    let at_commit = chunk.windows(COMMIT.len()).any(|w| w == COMMIT);
                    let how = if at_commit { cut.swap(0, Ordering::SeqCst) } else { 0 };
                    if how == 0 {
                        if to_server.write_all(chunk).is_err() {
                            break;
                        }
                        continue;
                    }
                    quiet.store(true, Ordering::SeqCst);
                    if how == 1 {
                        let _ = to_server.write_all(chunk);
                        std::thread::sleep(std::time::Duration::from_millis(300));
                    }
                    let _ = to_server.shutdown(std::net::Shutdown::Both);
                    let _ = from_client.shutdown(std::net::Shutdown::Both);
                    break;
                }
            });
            std::thread::spawn(move || {
                let mut buf = vec![0u8; 65536];
                while let Ok(n) = from_server.read(&mut buf) {
                    if n == 0 || silenced.load(Ordering::SeqCst) || to_client.write_all(&buf[..n]).is_err() {
                        break;
                    }
                }
                let _ = to_client.shutdown(std::net::Shutdown::Both);
            });
        }
    });
    Relay { port, cut, closed }
}

/// A connection lost at COMMIT is told truly (issue 24): when the server committed, the write
/// stands and is not written again; when it did not, "nothing was saved" is true and a retry
/// writes it once; when the server cannot be reached again, the message says to look in the
/// history before doing it again.
#[test]
fn a_connection_lost_at_commit_is_told_truly() {
    use std::sync::atomic::Ordering;
    let Some(url) = common::pg::fresh_database("a_connection_lost_at_commit_is_told_truly") else { return };
    let port: u16 =
        url.rsplit(':').next().and_then(|t| t.split('/').next()).and_then(|p| p.parse().ok()).expect("port");
    let relay = relay(port);
    let via = url.replacen(&format!(":{port}/"), &format!(":{}/", relay.port), 1);
    let db = Db::connect(&format!("{via}?sslmode=disable")).expect("through the relay");
    let projects: Vec<i64> =
        db.snapshot().expect("snapshot").portfolio.projects.iter().map(|p| p.id.0).take(3).collect();
    let today = Period::new(2025, 6).expect("month");
    let mut direct = common::pg::client(&url);
    let mut reports_of = |project: i64, text: &str| -> i64 {
        direct
            .query_one("SELECT count(*) FROM reports WHERE project_id = $1 AND progress_text = $2", &[&project, &text])
            .expect("count")
            .get(0)
    };

    // Lost after the server took COMMIT: the write landed, and is said to have.
    relay.cut.store(1, Ordering::SeqCst);
    db.add_reports(&[report(projects[0], "2025-03", "提交后断线")], "甲", today, true)
        .expect("the server committed: saved, not an error");
    assert_eq!(reports_of(projects[0], "提交后断线"), 1);
    // The handle goes on working on its new connection.
    db.add_reports(&[report(projects[0], "2025-04", "断线之后")], "甲", today, true).expect("carries on");

    // Lost before the server had COMMIT: nothing saved, truly; a retry writes it once.
    relay.cut.store(2, Ordering::SeqCst);
    match db.add_reports(&[report(projects[1], "2025-03", "提交前断线")], "甲", today, true) {
        Err(ReviewError::Db(DbError::Connection(_))) => {}
        x => panic!("expected 'nothing saved', got {x:?}"),
    }
    assert_eq!(reports_of(projects[1], "提交前断线"), 0, "nothing saved, as said");
    let again = Db::connect(&format!("{via}?sslmode=disable")).expect("again");
    again.add_reports(&[report(projects[1], "2025-03", "提交前断线")], "甲", today, true).expect("retry");
    assert_eq!(reports_of(projects[1], "提交前断线"), 1, "written once");

    // Lost after COMMIT with the server out of reach: said to be unknown, with what to do.
    relay.cut.store(1, Ordering::SeqCst);
    relay.closed.store(true, Ordering::SeqCst);
    match again.add_reports(&[report(projects[2], "2025-03", "无法确认")], "甲", today, true) {
        Err(ReviewError::Db(DbError::CommitUnknown(changeset))) => {
            let message = DbError::CommitUnknown(changeset).to_string();
            assert!(message.contains(&format!("第 {changeset} 号修改")), "{message}");
        }
        x => panic!("expected 'cannot be told', got {x:?}"),
    }
    assert_eq!(reports_of(projects[2], "无法确认"), 1, "it had landed");
}

/// Every function of Taizhang's on the server (triggers, row policies, the bookkeeping) runs
/// with a fixed search path, pg_temp last or absent: a temporary table or function of the same
/// name, which any session may make, is never found first. Read from the catalogue, so a new
/// function without one fails here.
#[test]
fn every_function_has_a_fixed_search_path() {
    let Some(url) = common::pg::fresh_database("every_function_has_a_fixed_search_path") else { return };
    let _ = bureau(&url, "sp");
    let mut owner = common::pg::client(&url);
    let rows = owner
        .query(
            "SELECT n.nspname::text || '.' || p.proname::text, coalesce(array_to_string(p.proconfig, E'\\n'), '') \
             FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace \
             WHERE n.nspname IN ('public', 'taizhang_server')",
            &[],
        )
        .expect("functions");
    assert!(rows.len() >= 20, "Taizhang's functions are there: {}", rows.len());
    let loose: Vec<String> = rows
        .iter()
        .filter(|r| {
            let config: String = r.get(1);
            let path = config.lines().find_map(|c| c.strip_prefix("search_path=")).unwrap_or_default();
            // Set, starting with pg_catalog, and pg_temp nowhere but last.
            !(path.starts_with("pg_catalog") && path.find("pg_temp").is_none_or(|at| path[at..] == *"pg_temp"))
        })
        .map(|r| r.get::<_, String>(0))
        .collect();
    assert!(loose.is_empty(), "functions without a fixed search path: {loose:?}");
}

/// The second hostile pass (helper, 15 findings on the first version of this): what it got
/// through is refused or harmless now.
#[test]
fn the_second_hostile_pass_holds() {
    let Some(first) = common::pg::fresh_database("the_second_hostile_pass_holds") else { return };
    let Some(second) = common::pg::fresh_database("the_second_hostile_pass_holds_other") else { return };
    // F1: `public` writable by everyone (PostgreSQL 13/14's default): server init takes it back,
    // so no account can put a function there that the owner's functions would run.
    common::pg::client(&first).batch_execute("GRANT CREATE ON SCHEMA public TO PUBLIC").expect("as 13/14 had it");
    let Bureau { district, viewer, city, own, .. } = bureau(&first, "h2");
    let Bureau { district: theirs, .. } = bureau(&second, "h3");
    let as_account = |url: &str, account: &str| url.replacen("postgres@", &format!("{account}@"), 1);
    let mut zs = common::pg::client(&as_account(&first, &district));
    let shadow = "CREATE FUNCTION public.pg_has_role(name, text, text) RETURNS boolean LANGUAGE sql AS 'SELECT true'";
    denied(zs.execute(shadow, &[]), "a function in public");
    denied(common::pg::client(&as_account(&first, &viewer)).execute(shadow, &[]), "a viewer's function in public");
    // …and a server where an account keeps CREATE there is refused in words.
    common::pg::client(&first).batch_execute(&format!("GRANT CREATE ON SCHEMA public TO {district}")).expect("grant");
    let again = taizhang(&["server", "init", &first]);
    assert!(text(&again).contains("may create objects in the schema public"), "{}", text(&again));
    common::pg::client(&first)
        .batch_execute(&format!("REVOKE CREATE ON SCHEMA public FROM {district}"))
        .expect("revoke");

    // F2, F14: an administrator of this database cannot reach a login of another database (no
    // role given, no attribute changed); the owner may take one in, and is told its password stays.
    let admin = format!("h2ad_{}", std::process::id());
    let out = taizhang(&["--db", &first, "server", "grant", &admin, "--role", "admin"]);
    assert!(out.status.success(), "{}", text(&out));
    let out = taizhang(&["--db", &as_account(&first, &admin), "server", "grant", &theirs, "--role", "city"]);
    assert!(!out.status.success() && text(&out).contains("not made for this database"), "{}", text(&out));
    let out = crate::common::bin()
        .args(["--db", &first, "server", "grant", &theirs, "--role", "viewer"])
        .env("TAIZHANG_NEW_PASSWORD", "不会生效")
        .output()
        .expect("run");
    assert!(out.status.success() && text(&out).contains("密码没有更改"), "{}", text(&out));
    // F3: no administrator sets a sequence back.
    let mut ad = common::pg::client(&as_account(&first, &admin));
    denied(ad.execute("SELECT setval('reports_id_seq', 1)", &[]), "a sequence set back");
    // Smaller: a login with members of its own, and names that are words of SQL, are no accounts.
    for name in ["current_user", "public"] {
        assert!(ad.execute("SELECT taizhang_grant($1, 'viewer', '', NULL)", &[&name]).is_err(), "{name}");
    }
    ad.batch_execute(&format!("SELECT taizhang_grant('{admin}_lead', 'viewer', '', NULL)")).expect("a new login");
    common::pg::client(&first)
        .batch_execute(&format!("GRANT {admin}_lead TO {city}"))
        .expect("the lead login gets a member");
    assert!(ad.execute(&format!("SELECT taizhang_grant('{admin}_lead', 'city', '', NULL)"), &[]).is_err(), "members");

    // F9: planted view ids.
    denied(
        zs.execute("INSERT INTO saved_views (id, name, filter_json) VALUES (999999, '抢号', '{}')", &[]),
        "a view id ahead of the sequence",
    );
    // F10, F11: a made-up copy's times and line breaks in names are the server's to set.
    let mut tx = zs.transaction().expect("tx");
    tx.query_one("SELECT taizhang_bump()", &[]).expect("bump");
    let opened: i64 = tx
        .query_one(
            "SELECT taizhang_begin(E'张三\\n#99 市长(mayor)', E'改\\n假行', NULL, '2020-01-01T00:00:00Z', 'madeup:1')",
            &[],
        )
        .expect("begin")
        .get(0);
    tx.execute("UPDATE projects SET unit = unit WHERE id = $1", &[&own]).expect("a write");
    tx.commit().expect("commit");
    let row = common::pg::client(&first)
        .query_one("SELECT reviewer, summary, at FROM changesets WHERE id = $1", &[&opened])
        .expect("row");
    let (reviewer, summary, at): (String, String, String) = (row.get(0), row.get(1), row.get(2));
    assert!(!reviewer.contains('\n') && !summary.contains('\n'), "{reviewer:?} {summary:?}");
    assert!(!at.starts_with("2020"), "a copy made now has no change of 2020: {at}");
    // F12: a viewer does not fill the disk with copies.
    let mut ck = common::pg::client(&as_account(&first, &viewer));
    let made = (0..60).filter(|_| ck.query_one("SELECT taizhang_new_copy()", &[]).is_ok()).count();
    assert_eq!(made, 50, "50 copies an hour");
}

/// A changeset's history covers what its rows really did (F5 of the second pass): a script that
/// opens a changeset, changes a report and a project's unit and records only a note is refused
/// at commit; the honest writes of each role still commit, a city reviewer's plan import (new
/// projects with first reports and items) among them.
#[test]
fn a_changeset_records_what_its_rows_did() {
    let Some(url) = common::pg::fresh_database("a_changeset_records_what_its_rows_did") else { return };
    let Bureau { district, city, own, admin, .. } = bureau(&url, "rc");
    let as_account = |account: &str| url.replacen("postgres@", &format!("{account}@"), 1);
    let today = Period::new(2025, 6).expect("month");
    let zs = Db::connect(&as_account(&district)).expect("district");
    zs.add_reports(&[report(own, "2025-03", "诚实填报")], "张三", today, true).expect("an honest report");
    let mut raw = common::pg::client(&as_account(&district));
    for (what, sql) in [
        ("a report", "UPDATE reports SET progress_text = '暗改' WHERE project_id = $1"),
        ("a project's unit", "UPDATE projects SET unit = '暗改' WHERE id = $1"),
    ] {
        let mut tx = raw.transaction().expect("tx");
        tx.query_one("SELECT taizhang_bump()", &[]).expect("bump");
        tx.query_one("SELECT taizhang_begin('张三', '只是备注', NULL, NULL, NULL)", &[]).expect("begin");
        tx.execute(sql, &[&own]).expect("the write runs");
        tx.query_one("SELECT taizhang_record($1, 'note', NULL, '只是备注')", &[&own]).expect("a decoy");
        let refused = tx.commit().expect_err(what);
        assert_eq!(refused.code(), Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE), "{what}: {refused}");
    }
    let reports = admin.reports(ProjectId(own)).expect("reports");
    assert_eq!(reports[0].progress_text, "诚实填报", "nothing of the scripts stayed");
    // The honest paths: an edit, an undo, an item and its 销号 as the district, a plan import as the city.
    let mut fields = taizhang::domain::ProjectFields::of(
        &admin.snapshot().expect("snap").portfolio.projects.into_iter().find(|p| p.id.0 == own).expect("own"),
    );
    fields.responsible_unit = Some("钟山区住建局".into());
    let edit = zs.update_project(ProjectId(own), &fields, "张三").expect("an edit");
    zs.revert(edit.expect("a change"), "张三").expect("its undo");
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("重点项目推进情况表.csv");
    std::fs::write(
        &file,
        "六盘水市重点项目推进情况表\n截止时间：2025年5月\n\
         序号,项目名称,建设地点,总投资,累计完成投资,形象进度,项目状态,责任单位,存在问题\n\
         1,凉都测试大道,钟山区,1000,200,路基施工,在建,市住建局,征地拆迁滞后\n\
         2,测试湿地公园,水城区,500,100,清表,在建,市林业局,\n",
    )
    .expect("write");
    let out = taizhang(&[
        "--db",
        &as_account(&city),
        "--reviewer",
        "市审核",
        "plan",
        "import",
        file.to_str().expect("utf-8"),
        "--from",
        "2021",
        "--to",
        "2025",
    ]);
    assert!(out.status.success(), "the city imports a ledger: {}", text(&out));
    let plans = admin.plans().expect("plans");
    assert_eq!(plans.len(), 2, "{plans:?}");
    // The city's writes without a changeset raise the revision, so they commit: light rules, a
    // month closing, an archive; a script's plan written unseen does not.
    let as_city = as_account(&city);
    for args in [
        vec!["--db", as_city.as_str(), "rules", "--preset", "invest-50"],
        vec!["--db", as_city.as_str(), "--reviewer", "市审核", "close-month", "--month", "2025-05"],
        vec!["--db", as_city.as_str(), "plan", "archive", "2"],
    ] {
        let out = taizhang(&args);
        assert!(out.status.success(), "{args:?}: {}", text(&out));
    }
    let mut sj = common::pg::client(&as_city);
    denied(sj.execute("UPDATE plans SET title = '悄悄改名' WHERE id = 1", &[]), "a plan renamed unseen");
    let logged: i64 = common::pg::client(&url)
        .query_one(
            "SELECT count(*) FROM taizhang_server.row_log WHERE account = $1 AND table_name = 'month_lights'",
            &[&city],
        )
        .expect("log")
        .get(0);
    assert!(logged > 300, "the closing's lights are logged: {logged}");
}

/// A district's own SQL holding a table lock (`LOCK TABLE`, which its write grant allows) stalls
/// the other writers no longer than the lock timeout, and each is told which account holds it,
/// for an administrator to end that session.
#[test]
fn a_table_lock_held_by_a_script_is_named() {
    let Some(url) = common::pg::fresh_database("a_table_lock_held_by_a_script_is_named") else { return };
    let Bureau { district, city, other, .. } = bureau(&url, "tl");
    let as_account = |account: &str| url.replacen("postgres@", &format!("{account}@"), 1);
    let mut script = common::pg::client(&as_account(&district));
    let held = script.transaction().expect("tx");
    let mut held = held;
    held.batch_execute("LOCK TABLE projects IN ACCESS EXCLUSIVE MODE").expect("its grant allows it");
    let sj = Db::connect(&as_account(&city)).expect("city");
    let today = Period::new(2025, 6).expect("month");
    match sj.add_reports(&[report(other, "2025-03", "等锁")], "市审核", today, true) {
        Err(ReviewError::Db(DbError::Waited(Some(holder)))) => assert!(holder.contains(&district), "{holder}"),
        x => panic!("expected a wait naming {district}, got {x:?}"),
    }
    held.rollback().expect("release");
    sj.add_reports(&[report(other, "2025-03", "等锁")], "市审核", today, true).expect("then it goes through");
}
