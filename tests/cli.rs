//! The command line as a script would use it: the real binary, real files.

use std::process::Command;

use serde_json::Value;

fn taizhang(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_taizhang"))
        .args(args)
        .output()
        .expect("run taizhang")
}

fn json_list(db: &str, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["--db", db, "list", "--format", "json"];
    args.extend_from_slice(extra);
    let out = taizhang(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value: Value = serde_json::from_slice(&out.stdout).expect("json");
    value.as_array().expect("array").clone()
}

#[test]
fn zhongshan_pipes_are_its_five_targets_in_km() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let rows = json_list(
        db.to_str().expect("utf-8 path"),
        &["--place", "钟山区", "--category", "pipes"],
    );
    let mut got: Vec<(String, f64)> = rows
        .iter()
        .map(|r| {
            (
                r["name"].as_str().expect("name").to_string(),
                r["target"].as_f64().expect("target"),
            )
        })
        .collect();
    got.sort_by(|a, b| a.0.cmp(&b.0));
    let expected = [
        ("钟山区供水管网建设改造", 20.0),
        ("钟山区供热管网建设改造", 30.0),
        ("钟山区污水管网建设改造", 80.0),
        ("钟山区燃气管网建设改造", 60.0),
        ("钟山区雨水管网建设改造", 23.0),
    ];
    let mut expected: Vec<(String, f64)> = expected
        .iter()
        .map(|(n, v)| ((*n).to_string(), *v))
        .collect();
    expected.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(got, expected);
    for r in &rows {
        for key in [
            "id",
            "name",
            "place",
            "category",
            "zhuanlan",
            "item",
            "status",
            "target_year",
            "unit",
            "target",
            "done",
            "source",
        ] {
            assert!(r.get(key).is_some(), "missing {key}");
        }
        assert_eq!(r["unit"], "公里");
        assert_eq!(r["status"], "not_started");
        assert!(r["done"].is_null());
        assert_eq!(r["zhuanlan"], 6);
        assert!(
            r["source"]
                .as_str()
                .expect("source")
                .contains("钟山区完成建设改造")
        );
    }
}

#[test]
fn central_city_takes_in_its_districts_and_pinyin_search_works() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let db = db.to_str().expect("utf-8 path");
    let central = json_list(db, &["--place", "市中心城区", "--category", "schools"]);
    let places: std::collections::BTreeSet<&str> = central
        .iter()
        .map(|r| r["place"].as_str().expect("place"))
        .collect();
    assert!(places.contains("六盘水高新区"), "{places:?}");
    assert!(!places.contains("六枝特区"));
    let by_initials = json_list(db, &["--search", "gs", "--category", "pipes"]);
    assert_eq!(by_initials.len(), 5, "供水 rows of five districts");
    assert!(
        by_initials
            .iter()
            .all(|r| r["name"].as_str().expect("name").contains("供水"))
    );
    let years = json_list(db, &["--year-to", "2023"]);
    assert!(!years.is_empty());
    assert!(
        years
            .iter()
            .all(|r| r["target_year"].as_i64().expect("year") <= 2023)
    );
}

#[test]
fn csv_and_table_formats() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let db = db.to_str().expect("utf-8 path");
    let csv = taizhang(&[
        "--db",
        db,
        "list",
        "--place",
        "六盘水高新区",
        "--category",
        "back_alleys",
        "--format",
        "csv",
    ]);
    let text = String::from_utf8(csv.stdout).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[1].contains("六盘水高新区背街小巷改造") && lines[1].contains(",6,"));
    let table = taizhang(&[
        "--db",
        db,
        "list",
        "--place",
        "钟山区",
        "--category",
        "管网",
    ]);
    let text = String::from_utf8(table.stdout).expect("utf-8");
    assert!(
        text.contains("钟山区燃气管网建设改造") && text.contains("60 公里"),
        "{text}"
    );
}

#[test]
fn bad_arguments_get_a_message_not_a_panic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let db = db.to_str().expect("utf-8 path");
    for args in [
        vec!["--db", db, "list", "--status", "done"],
        vec!["--db", db, "list", "--category", "rockets"],
        vec!["--db", db, "list", "--year-from", "next"],
        vec!["--db", db, "list", "--place", "咸宁市"],
        vec!["--db", db, "frobnicate"],
    ] {
        let out = taizhang(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} should fail");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(!stderr.trim().is_empty());
    }
    assert!(taizhang(&["--help"]).status.success());
    let version = taizhang(&["--version"]);
    assert!(String::from_utf8_lossy(&version.stdout).contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn corrupt_database_exits_non_zero_and_is_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bad.db");
    std::fs::write(&path, b"%PDF-1.7 not a database").expect("write");
    let out = taizhang(&["--db", path.to_str().expect("utf-8"), "list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a Taizhang database"));
    assert_eq!(
        std::fs::read(&path).expect("read"),
        b"%PDF-1.7 not a database"
    );
}

#[test]
fn demo_database_is_separate_and_never_replaces_the_plan() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = dir.path().join("plan.db");
    let plan = plan.to_str().expect("utf-8");
    let demo = dir.path().join("demo.db");
    let demo = demo.to_str().expect("utf-8");
    assert_eq!(json_list(plan, &[]).len(), 351);
    let refused = taizhang(&["--db", plan, "demo", "--projects", "50"]);
    assert!(!refused.status.success());
    assert_eq!(json_list(plan, &[]).len(), 351, "plan database untouched");
    let no_db = taizhang(&["demo", "--projects", "50"]);
    assert!(!no_db.status.success(), "demo needs an explicit --db");
    let made = taizhang(&["--db", demo, "demo", "--projects", "500"]);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let rows = json_list(demo, &[]);
    assert_eq!(rows.len(), 500);
    assert!(
        rows.iter()
            .all(|r| r["source"].as_str().expect("source").contains("演示数据"))
    );
    // Making it again replaces the earlier demo database.
    assert!(
        taizhang(&["--db", demo, "demo", "--projects", "20"])
            .status
            .success()
    );
    assert_eq!(json_list(demo, &[]).len(), 20);
}
