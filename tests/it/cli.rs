//! The command line as a script would use it: the real binary, real files.

use crate::common::taizhang;

use serde_json::Value;

fn json_list(db: &str, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["--db", db, "list", "--format", "json"];
    args.extend_from_slice(extra);
    let out = taizhang(&args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let value: Value = serde_json::from_slice(&out.stdout).expect("json");
    value.as_array().expect("array").clone()
}

#[test]
fn zhongshan_pipes_are_its_five_targets_in_km() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let rows = json_list(db.to_str().expect("utf-8 path"), &["--place", "钟山区", "--category", "pipes"]);
    let mut got: Vec<(String, f64)> = rows
        .iter()
        .map(|r| (r["name"].as_str().expect("name").to_string(), r["target"].as_f64().expect("target")))
        .collect();
    got.sort_by(|a, b| a.0.cmp(&b.0));
    let expected = [
        ("钟山区供水管网建设改造", 20.0),
        ("钟山区供热管网建设改造", 30.0),
        ("钟山区污水管网建设改造", 80.0),
        ("钟山区燃气管网建设改造", 60.0),
        ("钟山区雨水管网建设改造", 23.0),
    ];
    let mut expected: Vec<(String, f64)> = expected.iter().map(|(n, v)| ((*n).to_string(), *v)).collect();
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
        assert!(r["source"].as_str().expect("source").contains("钟山区完成建设改造"));
    }
}

#[test]
fn central_city_takes_in_its_districts_and_pinyin_search_works() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let db = db.to_str().expect("utf-8 path");
    let central = json_list(db, &["--place", "市中心城区", "--category", "schools"]);
    let places: std::collections::BTreeSet<&str> =
        central.iter().map(|r| r["place"].as_str().expect("place")).collect();
    assert!(places.contains("六盘水高新区"), "{places:?}");
    assert!(!places.contains("六枝特区"));
    let by_initials = json_list(db, &["--search", "gs", "--category", "pipes"]);
    assert_eq!(by_initials.len(), 5, "供水 rows of five districts");
    assert!(by_initials.iter().all(|r| r["name"].as_str().expect("name").contains("供水")));
    let years = json_list(db, &["--year-to", "2023"]);
    assert!(!years.is_empty());
    assert!(years.iter().all(|r| r["target_year"].as_i64().expect("year") <= 2023));
}

#[test]
fn csv_and_table_formats() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let db = db.to_str().expect("utf-8 path");
    let csv =
        taizhang(&["--db", db, "list", "--place", "六盘水高新区", "--category", "back_alleys", "--format", "csv"]);
    let text = String::from_utf8(csv.stdout).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[1].contains("六盘水高新区背街小巷改造") && lines[1].contains(",6,"));
    let table = taizhang(&["--db", db, "list", "--place", "钟山区", "--category", "管网"]);
    let text = String::from_utf8(table.stdout).expect("utf-8");
    assert!(text.contains("钟山区燃气管网建设改造") && text.contains("60 公里"), "{text}");
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
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("不是 Taizhang 数据库") && !said.contains("not a Taizhang database"), "{said}");
    assert_eq!(std::fs::read(&path).expect("read"), b"%PDF-1.7 not a database");
    // Asked in English, said in English only.
    let out = taizhang(&["--db", path.to_str().expect("utf-8"), "--lang", "en", "list"]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("not a Taizhang database") && !said.contains("数据库"), "{said}");
    // An English locale, English; `--lang` wins over it.
    let run = |lang: &str, args: &[&str]| crate::common::bin().env("LANG", lang).args(args).output().expect("run");
    let out = run("en_US.UTF-8", &["--db", path.to_str().expect("utf-8"), "list"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a Taizhang database"), "{out:?}");
    let out = run("en_US.UTF-8", &["--db", path.to_str().expect("utf-8"), "--lang", "zh", "list"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("不是 Taizhang 数据库"), "{out:?}");
    // An argument's check speaks the language asked for too.
    let out = taizhang(&["--lang", "en", "list", "--date", "2026-13"]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("expected YYYY-MM") && !said.contains("日期"), "{said}");
}

#[test]
fn demo_database_is_separate_and_never_replaces_the_plan() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = dir.path().join("plan.db");
    let plan = plan.to_str().expect("utf-8");
    let demo = dir.path().join("demo.db");
    let demo = demo.to_str().expect("utf-8");
    assert_eq!(json_list(plan, &[]).len(), 359);
    let refused = taizhang(&["--db", plan, "demo", "--projects", "50"]);
    assert!(!refused.status.success());
    assert_eq!(json_list(plan, &[]).len(), 359, "plan database untouched");
    let no_db = taizhang(&["demo", "--projects", "50"]);
    assert!(!no_db.status.success(), "demo needs an explicit --db");
    let made = taizhang(&["--db", demo, "demo", "--projects", "500"]);
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let rows = json_list(demo, &[]);
    assert_eq!(rows.len(), 500);
    assert!(rows.iter().all(|r| r["source"].as_str().expect("source").contains("演示数据")));
    let demo_db = taizhang::db::Db::open(std::path::Path::new(demo)).expect("open demo");
    let (reports, by_demo): (i64, i64) = demo_db
        .connection()
        .query_row("SELECT count(*), sum(reviewer = '演示数据') FROM reports", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("reports");
    assert!(reports > 0 && reports == by_demo, "{reports} demo reports, {by_demo} marked");
    assert_eq!(demo_db.dataset().expect("dataset"), taizhang::domain::Dataset::Demo);
    drop(demo_db);
    // Its 问题清单 has items to chase, every one marked 演示, some overdue by the last demo month.
    let out = taizhang(&["--db", demo, "problems", "--format", "json", "--date", "2025-12"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let items: Value = serde_json::from_slice(&out.stdout).expect("json");
    let items = items.as_array().expect("array");
    assert!(items.len() >= 5, "{}", items.len());
    assert!(items.iter().all(|i| i["text"].as_str().expect("text").starts_with("演示")));
    assert!(items.iter().any(|i| i["overdue"] == true) && items.iter().any(|i| i["overdue"] == false));
    // Making it again replaces the earlier demo database, when asked to.
    assert!(!taizhang(&["--db", demo, "demo", "--projects", "20"]).status.success(), "not without --force");
    assert!(taizhang(&["--force", "--db", demo, "demo", "--projects", "20"]).status.success());
    assert_eq!(json_list(demo, &[]).len(), 20);
}

#[test]
fn report_history_lagging_undo_backup_and_restore() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db_path = dir.path().join("t.db");
    let db = db_path.to_str().expect("utf-8");
    let pipes = json_list(db, &["--place", "钟山区", "--category", "pipes"]);
    let water = pipes.iter().find(|r| r["name"] == "钟山区供水管网建设改造").expect("row");
    let id_num = water["id"].as_i64().expect("id");
    let id = id_num.to_string();

    // 2022-01..2025-12; at 2023-12 half the time has passed: 5 of 20 km is 25 points behind.
    let out = taizhang(&[
        "--db",
        db,
        "--reviewer",
        "李审核",
        "report",
        "--project",
        &id,
        "--status",
        "在建",
        "--done",
        "5",
        "--date",
        "2023-12",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lagging = json_list(db, &["--lagging", "--date", "2023-12", "--category", "pipes"]);
    let row = lagging.iter().find(|r| r["id"].as_i64() == Some(id_num)).expect("lagging row listed");
    assert_eq!(row["status"], "under_construction");
    assert_eq!(row["done"], 5.0);
    assert!((row["expected"].as_f64().expect("expected") - 0.5).abs() < 1e-9);
    assert!((row["completion"].as_f64().expect("completion") - 0.25).abs() < 1e-9);
    assert_eq!(row["lagging"], true);
    // With a threshold above 25 points it is not lagging.
    let relaxed = json_list(db, &["--lagging", "--date", "2023-12", "--lag-threshold", "30", "--category", "pipes"]);
    assert!(relaxed.iter().all(|r| r["id"].as_i64() != Some(id_num)));

    let history = taizhang(&["--db", db, "history", "--project", &id, "--format", "json"]);
    let entries: Value = serde_json::from_slice(&history.stdout).expect("json");
    let status = entries.as_array().expect("array").iter().find(|e| e["field"] == "status").expect("status entry");
    assert_eq!((status["old"].as_str(), status["new"].as_str()), (Some("not_started"), Some("under_construction")));
    assert_eq!(status["reviewer"], "李审核");
    let changeset = status["changeset"].as_i64().expect("changeset").to_string();

    // Bad input through the command line gets the window's validation.
    let over =
        taizhang(&["--db", db, "report", "--project", &id, "--status", "在建", "--done", "99", "--date", "2024-01"]);
    assert!(!over.status.success());
    assert!(String::from_utf8_lossy(&over.stderr).contains("超过目标"));

    // Backup, change, restore: back to exactly the backed-up rows.
    let backup = dir.path().join("copy.db");
    assert!(taizhang(&["--db", db, "backup", "-o", backup.to_str().expect("utf-8")]).status.success());
    let before: Vec<Value> = json_list(db, &[]);
    assert!(taizhang(&["--db", db, "undo", &changeset]).status.success());
    let undone = json_list(db, &["--place", "钟山区", "--category", "pipes"]);
    let row = undone.iter().find(|r| r["id"].as_i64() == Some(id_num)).expect("row");
    assert_eq!((row["status"].as_str(), row["done"].is_null()), (Some("not_started"), true));
    let restored = taizhang(&["--db", db, "restore", backup.to_str().expect("utf-8")]);
    assert!(restored.status.success(), "{}", String::from_utf8_lossy(&restored.stderr));
    assert_eq!(json_list(db, &[]), before);
    assert!(
        dir.path().join("backups").read_dir().expect("rolling backups").count() >= 1,
        "a safety backup before restoring"
    );
    // A file that is not a backup is refused and nothing changes.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"not a database").expect("write");
    assert!(!taizhang(&["--db", db, "restore", junk.to_str().expect("utf-8")]).status.success());
    assert_eq!(json_list(db, &[]), before);
}

#[test]
fn the_deck_as_png_needs_no_display_and_matches_the_pdf_slide_for_slide() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let db = db.to_str().expect("utf-8 path");
    let pngs = dir.path().join("幻灯片");
    let out = crate::common::bin()
        .args(["--db", db, "deck", "--place", "钟山区", "--format", "png", "--size", "1280x720", "-o"])
        .arg(&pngs)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("run taizhang");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut files: Vec<String> = std::fs::read_dir(&pngs)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into())
        .collect();
    files.sort();
    assert_eq!(files.first().map(String::as_str), Some("01-总体情况.png"));
    assert!(files.iter().any(|f| f.ends_with("-钟山区.png")), "{files:?}");
    for file in &files {
        let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(pngs.join(file)).expect("open")));
        let mut reader = decoder.read_info().expect("png");
        assert_eq!((reader.info().width, reader.info().height), (1280, 720), "{file}");
        let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
        reader.next_frame(&mut pixels).expect("pixels");
        let dark = pixels.chunks(4).filter(|p| p[0] < 80 && p[1] < 80 && p[2] < 80).count();
        assert!(dark > 1_000, "{file}: {dark} dark pixels; the slide has no text");
    }

    let pdf = dir.path().join("deck.pdf");
    let out = taizhang(&["--db", db, "deck", "--place", "钟山区", "-o", pdf.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains(&format!("({} 张幻灯片)", files.len())), "{said} vs {} PNGs", files.len());

    // The same folder again: an existing slide is not replaced without --force.
    let pngs_s = pngs.to_str().expect("utf-8");
    let again = taizhang(&["--db", db, "deck", "--place", "钟山区", "--format", "png", "-o", pngs_s]);
    assert!(!again.status.success(), "slides replaced without --force");
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    // Fewer slides into the same folder: the older files stay, and the command says so.
    let out = taizhang(&[
        "--force",
        "--db",
        db,
        "deck",
        "--place",
        "钟山区",
        "--format",
        "png",
        "--slides",
        "overview",
        "--size",
        "1280x720",
        "-o",
        pngs.to_str().expect("utf-8"),
    ]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains(&format!("另有 {} 个旧的幻灯片文件", files.len() - 1)), "{said}");

    // A meeting about pipes: two kinds of slide.
    let out = taizhang(&[
        "--force",
        "--db",
        db,
        "deck",
        "--place",
        "钟山区",
        "--slides",
        "pipes,lagging",
        "-o",
        pdf.to_str().expect("utf-8"),
    ]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("(2 张幻灯片)"), "{}", String::from_utf8_lossy(&out.stderr));
    let bad = taizhang(&["--db", db, "deck", "--slides", "map", "-o", "x.pdf"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("by_district"), "lists the kinds");

    let bad = taizhang(&["--db", db, "deck", "--format", "png", "--size", "1280", "-o", "x"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("宽x高"));
}

#[test]
fn a_targets_qualifier_is_listed_with_it() {
    // Issue 10, defect 7: "大于80%" was listed as a bare 80.
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("plan.db");
    let db = db.to_str().expect("utf-8");
    let rows = json_list(db, &["--search", "公园品质"]);
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0]["target"].as_f64(), rows[0]["target_comparator"].as_str()), (Some(80.0), Some("more_than")));
    let plain = json_list(db, &["--place", "钟山区", "--category", "pipes"]);
    assert!(plain.iter().all(|r| r["target_comparator"].is_null()));
    let table = taizhang(&["--db", db, "list", "--search", "示范性婴幼儿"]);
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(text.contains("六盘水高新区示范性婴幼儿照护服务机构") && text.contains("不少于 1 个"), "{text}");
    let csv = taizhang(&["--db", db, "list", "--search", "公园品质", "--format", "csv"]);
    let csv = String::from_utf8_lossy(&csv.stdout);
    assert!(csv.lines().next().is_some_and(|h| h.ends_with(",target_comparator")), "{csv}");
    assert!(csv.lines().nth(1).is_some_and(|l| l.ends_with(",more_than")), "{csv}");
}

/// `rules` shows and sets a plan's light rules; `list --light` filters by them and the JSON rows
/// carry `light` and `light_reason`; lights agree with the 滞后 flag under the default rules.
#[test]
fn light_rules_are_shown_and_set_and_list_filters_by_light() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let db = db.to_str().expect("utf-8");
    let out = taizhang(&["--db", db, "rules", "--format", "json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rules: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!((rules["plan"].as_i64(), rules["name"].as_str()), (Some(1), Some("gap-10-30")));
    assert_eq!(rules["rules"][0]["measure"], "schedule_gap");
    // Under gap-10-30 a light is yellow or red exactly where the row is 滞后.
    let rows = json_list(db, &["--date", "2021-12"]);
    assert_eq!(rows.len(), 359);
    for r in &rows {
        let lit = r["light"] == "yellow" || r["light"] == "red";
        assert_eq!(lit, r["lagging"].as_bool().expect("bool"), "{}", r["name"]);
        assert!(["red", "yellow", "green", "unrated"].contains(&r["light"].as_str().expect("code")));
    }
    let yellow = rows.iter().filter(|r| r["light"] == "yellow").count();
    assert!(yellow > 0);
    assert_eq!(json_list(db, &["--date", "2021-12", "--light", "yellow"]).len(), yellow);
    assert_eq!(json_list(db, &["--date", "2021-12", "--light", "黄灯"]).len(), yellow);
    let first = rows.iter().find(|r| r["light"] == "yellow").expect("a yellow row");
    assert!(first["light_reason"].as_str().expect("text").contains("低于序时进度"), "{first}");
    // Another preset: the ratio of 序时进度; an unknown one is refused, the rules unchanged.
    let out = taizhang(&["--db", db, "rules", "--preset", "ratio-80-60"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("schedule_ratio"));
    let bad = taizhang(&["--db", db, "rules", "--preset", "gap-5-10"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("gap-10-30, ratio-80-60, invest-50"));
    let rows = json_list(db, &["--date", "2021-12"]);
    let reasons: Vec<&str> = rows.iter().filter_map(|r| r["light_reason"].as_str()).collect();
    assert!(reasons.iter().any(|t| t.contains("完成率为序时进度的")), "{:?}", &reasons[..3]);
    let bad_light = taizhang(&["--db", db, "list", "--light", "purple"]);
    assert!(!bad_light.status.success());
    assert!(String::from_utf8_lossy(&bad_light.stderr).contains("red, yellow, green, unrated"));
}

/// `problems` lists the 问题清单 (JSON for scripts, filtered by unit and overdue) and `problem
/// close` closes one with its note; a close without a note is refused.
#[test]
fn problems_are_listed_and_closed_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let db = db.to_str().expect("utf-8");
    let rows = json_list(db, &["--search", "钟山区燃气管网"]);
    let project = rows[0]["id"].as_i64().expect("id");
    let id = project.to_string();
    let out = taizhang(&[
        "--db",
        db,
        "report",
        "--project",
        &id,
        "--status",
        "under_construction",
        "--date",
        "2025-06",
        "--problems",
        "征地拆迁滞后",
        "--coordination",
        "协调道路开挖许可",
        "--coordination-unit",
        "钟山区住建局",
        "--coordination-due",
        "2025-08",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let list = |extra: &[&str]| -> Vec<Value> {
        let mut args = vec!["--db", db, "problems", "--format", "json", "--date", "2025-10"];
        args.extend_from_slice(extra);
        let out = taizhang(&args);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<Value>(&out.stdout).expect("json").as_array().expect("array").clone()
    };
    let all = list(&[]);
    assert_eq!(all.len(), 2);
    assert_eq!(list(&["--overdue"]).len(), 1, "the matter due in August");
    let unit = list(&["--owner", "钟山区住建局"]);
    assert_eq!(
        (unit.len(), unit[0]["kind"].as_str(), unit[0]["overdue"].as_bool()),
        (1, Some("coordination"), Some(true))
    );
    let item = unit[0]["id"].as_i64().expect("id").to_string();
    let refused = taizhang(&["--db", db, "problem", "close", &item, "--note", " "]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("销号需写明如何解决"));
    let out = taizhang(&["--db", db, "problem", "close", &item, "--note", "已取得开挖许可", "--date", "2025-10-08"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let closed = list(&["--status", "closed"]);
    assert_eq!((closed.len(), closed[0]["closed_on"].as_str()), (1, Some("2025-10-08")));
    assert_eq!(list(&["--overdue"]).len(), 0);
    assert_eq!(list(&["--status", "open"]).len(), 1);
    // Closing it again changes nothing, and says so (it printed "(#0)").
    let again = taizhang(&["--db", db, "problem", "close", &item, "--note", "已取得开挖许可", "--date", "2025-10-08"]);
    assert!(again.status.success() && String::from_utf8_lossy(&again.stdout).contains("已是已销号,未修改"));
}

/// `project ID`: what offices report on set from a script, validated as in the window, one
/// change in the history that undo reverts.
#[test]
fn a_projects_reported_fields_are_set_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let db = db.to_str().expect("utf-8 path");
    let rows = json_list(db, &["--place", "钟山区", "--category", "pipes"]);
    let project = rows[0]["id"].as_i64().expect("id");
    let id = project.to_string();
    let set = taizhang(&[
        "--db",
        db,
        "project",
        &id,
        "--nature",
        "新开工",
        "--planned-start",
        "2026-03",
        "--registered-in",
        "2026-05",
        "--code",
        "2021-520201-48-01-123456",
        "--owner",
        "钟山区住建局",
    ]);
    assert!(set.status.success(), "{}", String::from_utf8_lossy(&set.stderr));
    let row =
        json_list(db, &["--nature", "新建"]).into_iter().find(|r| r["id"].as_i64() == Some(project)).expect("row");
    assert_eq!(row["nature"], "新建", "新开工 is stored as 新建");
    assert_eq!(row["owner"], "钟山区住建局");
    let bad = taizhang(&["--db", db, "project", &id, "--code", "2021-5202-48"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("项目代码"));
    let history = taizhang(&["--db", db, "history", "--project", &id, "--format", "json"]);
    let entries: Value = serde_json::from_slice(&history.stdout).expect("json");
    let fields: Vec<&str> = entries.as_array().expect("array").iter().filter_map(|e| e["field"].as_str()).collect();
    for field in ["nature", "planned_start", "registered", "registered_in", "project_code", "responsible_unit"] {
        assert!(fields.contains(&field), "{field} in {fields:?}");
    }
    let changeset = entries[0]["changeset"].to_string();
    assert!(taizhang(&["--db", db, "undo", &changeset]).status.success());
    let row = json_list(db, &[]).into_iter().find(|r| r["id"].as_i64() == Some(project)).expect("row");
    assert!(row["nature"].is_null() && row["owner"].is_null(), "undone: {row}");
    assert!(!taizhang(&["--db", db, "project", &id, "--registered", "maybe"]).status.success());
}

/// `--lang en` words the table too: its header, categories and statuses (names stay the plan's).
#[test]
fn the_list_table_speaks_the_language_asked_for() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let db = db.to_str().expect("utf-8");
    let english = crate::common::ok(&[
        "--db",
        db,
        "--create",
        "--lang",
        "en",
        "list",
        "--place",
        "钟山区",
        "--category",
        "pipes",
    ]);
    assert!(
        english.starts_with("ID") && english.contains("Category") && english.contains("Pipe networks"),
        "{english}"
    );
    assert!(
        english.contains("Not started") && !english.contains("未开工") && english.contains("钟山区供水管网"),
        "{english}"
    );
    let chinese = crate::common::ok(&["--db", db, "list", "--place", "钟山区", "--category", "pipes"]);
    assert!(chinese.contains("类别") && chinese.contains("未开工"), "{chinese}");
}
