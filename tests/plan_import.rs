//! `taizhang plan import` end to end, as a script would run it: a plan text and an office
//! ledger a user wrote themselves become plans beside the seeded one, then are listed, exported
//! and presented like it; a file with problems is refused with nothing written.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn taizhang(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_taizhang")).args(args).output().expect("run taizhang")
}

fn ok(args: &[&str]) -> String {
    let out = taizhang(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

fn plans(db: &str) -> Vec<Value> {
    let text = ok(&["--db", db, "plan", "list", "--format", "json"]);
    serde_json::from_str::<Value>(&text).expect("json").as_array().expect("array").clone()
}

/// A 十五五 plan of another office, as typed in a text editor.
const PLAN_TEXT: &str = "六盘水市“十五五”城市更新规划(2026—2030年)\n\
第三章 城市更新行动\n\
一、市政设施\n\
到2030年,钟山区改造雨污分流管网0.4公里,水城区新建燃气管网12公里。\n\
二、公共服务\n\
全力推进钟山区第三中学、水城区人民医院扩建、六枝特区体育公园等项目建设。\n\
新增养老床位500张。\n";

/// An office ledger saved as CSV: a title line, the header, a section, three projects, a total.
const LEDGER_CSV: &str = "六盘水市2026年重点项目台账（截至2026年10月底）\n\
序号,项目名称,建设内容及规模,所属区县,建设年限,总投资（万元）,2026年计划投资,1-10月完成投资,形象进度,项目状态,责任单位\n\
一、市政基础设施,,,,,,,,,,\n\
1,钟山大道改造,道路改造3公里,钟山区,2026-2028,\"18,200万元\",5000,3100,路基完成60%,在建,市住建局\n\
2,荷城街道背街小巷改造,街巷12条,荷城街道,2026-2027,2400,1200,300,前期完成,前期,钟山区住建局\n\
3,城区智慧停车,泊位2000个,,2026,900,900,0,,未开工,市公安局\n\
合计,,,,,21500,7100,3400,,,\n";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path.to_str().expect("utf-8").to_string()
}

#[test]
fn a_plan_text_becomes_a_plan_beside_the_seeded_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let db = db.to_str().expect("utf-8");
    let file = write(dir.path(), "十五五城市更新.txt", PLAN_TEXT.as_bytes());
    // The dry run prints the drafts and writes nothing.
    let drafts: Value =
        serde_json::from_str(&ok(&["--db", db, "plan", "import", &file, "--dry-run", "--format", "json"]))
            .expect("json");
    let rows = drafts["rows"].as_array().expect("rows");
    let names: Vec<&str> = rows.iter().filter_map(|r| r["name"].as_str()).collect();
    for want in ["钟山区第三中学", "水城区人民医院扩建", "六枝特区体育公园"] {
        assert!(names.contains(&want), "{want} in {names:?}");
    }
    let pipe = rows.iter().find(|r| r["target"] == 0.4).expect("0.4 公里");
    assert_eq!((pipe["unit"].as_str(), pipe["place"].as_str()), (Some("公里"), Some("钟山区")));
    assert_eq!(pipe["target_year"], 2030);
    let beds = rows.iter().find(|r| r["target"] == 500.0).expect("500 张");
    assert_eq!(beds["unit"], "张");
    assert_eq!(beds["target_year"], Value::Null, "no year stated: the plan's end stands in");
    assert_eq!((drafts["start_year"].as_i64(), drafts["end_year"].as_i64()), (Some(2026), Some(2030)));
    assert_eq!(plans(db).len(), 1, "a dry run writes nothing");

    let id = ok(&["--db", db, "plan", "import", &file]);
    assert_eq!(id.trim(), "2");
    let listed: Value =
        serde_json::from_str(&ok(&["--db", db, "--plan", "2", "list", "--format", "json"])).expect("json");
    let listed = listed.as_array().expect("rows");
    assert_eq!(listed.len(), rows.len());
    let beds = listed.iter().find(|r| r["target"] == 500.0).expect("beds");
    assert_eq!((beds["target_year"].as_i64(), beds["target_year_inferred"].as_bool()), (Some(2030), Some(true)));
    assert!(listed.iter().all(|r| r["plan"] == 2));
    let p = plans(db);
    assert_eq!(
        (p[1]["title"].as_str(), p[1]["start_year"].as_i64()),
        (Some("六盘水市“十五五”城市更新规划(2026—2030年)"), Some(2026))
    );
    assert_eq!(p[0]["projects"], 359, "the seeded plan is untouched");
    // Exported and presented like the seeded plan; the sheet is titled with the new plan.
    let csv = dir.path().join("plan2.csv");
    ok(&["--db", db, "--plan", "2", "export", "--format", "csv", "-o", csv.to_str().expect("utf-8")]);
    let pdf = dir.path().join("plan2.pdf");
    ok(&["--db", db, "--plan", "2", "export", "--format", "pdf", "-o", pdf.to_str().expect("utf-8")]);
    assert!(std::fs::read(&pdf).expect("pdf").starts_with(b"%PDF"));
    let deck = dir.path().join("deck.pdf");
    ok(&["--db", db, "--plan", "2", "deck", "--slides", "overview,by_district", "-o", deck.to_str().expect("utf-8")]);
    assert!(std::fs::read(&deck).expect("deck").starts_with(b"%PDF"));
}

#[test]
fn an_office_ledger_becomes_a_plan_with_its_figures_as_first_reports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let db = db.to_str().expect("utf-8");
    let file = write(dir.path(), "台账.csv", LEDGER_CSV.as_bytes());
    // The ledger names no period: it is asked for, nothing is written.
    let out = taizhang(&["--db", db, "plan", "import", &file]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--from"), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(plans(db).len(), 1);
    let id = ok(&[
        "--db",
        db,
        "plan",
        "import",
        &file,
        "--from",
        "2026",
        "--to",
        "2030",
        "--title",
        "六盘水市“十五五”重点项目",
    ]);
    assert_eq!(id.trim(), "2");
    let listed: Value =
        serde_json::from_str(&ok(&["--db", db, "--plan", "2", "list", "--format", "json"])).expect("json");
    let listed = listed.as_array().expect("rows");
    assert_eq!(listed.len(), 3, "the section row and 合计 are not projects");
    let road = listed.iter().find(|r| r["name"] == "钟山大道改造").expect("road");
    assert_eq!(road["section"], "一、市政基础设施");
    assert_eq!(road["owner"], "市住建局");
    assert_eq!(road["status"], "under_construction");
    assert_eq!((road["total_investment"].as_f64(), road["done_investment"].as_f64()), (Some(18200.0), Some(3100.0)));
    assert_eq!(road["plan_investment"], 5000.0);
    assert_eq!(road["progress"], "路基完成60%");
    assert_eq!((road["target_year"].as_i64(), road["target_year_inferred"].as_bool()), (Some(2028), Some(false)));
    let alley = listed.iter().find(|r| r["name"] == "荷城街道背街小巷改造").expect("alley");
    assert_eq!(alley["place"], "荷城街道", "the street is kept as printed, under the city");
    let parking = listed.iter().find(|r| r["name"] == "城区智慧停车").expect("parking");
    assert_eq!(parking["place"], "六盘水市", "no place: the city as a whole");
    // The first report is dated from the sheet's 截至2026年10月底.
    let opened = taizhang::db::Db::open(Path::new(db)).expect("open");
    let id = taizhang::domain::ProjectId(road["id"].as_i64().expect("id"));
    let reports = opened.reports(id).expect("reports");
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].period, taizhang::domain::Period::new(2026, 10).expect("period"));
    assert_eq!(plans(db)[1]["projects"], 3);
}

#[test]
fn a_ledger_with_problems_is_refused_unless_the_bad_rows_are_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let db = db.to_str().expect("utf-8");
    let bad = LEDGER_CSV.replace("\"18,200万元\"", "待定万元").replace(",2400,", ",-5,");
    let file = write(dir.path(), "台账.csv", bad.as_bytes());
    let out = taizhang(&["--db", db, "plan", "import", &file, "--from", "2026", "--to", "2030"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--skip-bad-rows"), "{err}");
    assert_eq!(plans(db).len(), 1, "nothing written while problems stand");
    let id = ok(&["--db", db, "plan", "import", &file, "--from", "2026", "--to", "2030", "--skip-bad-rows"]);
    let listed: Value =
        serde_json::from_str(&ok(&["--db", db, "--plan", id.trim(), "list", "--format", "json"])).expect("json");
    assert_eq!(listed.as_array().expect("rows").len(), 1, "the two rows with problems are left out");
}

#[test]
fn a_file_with_no_projects_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let db = db.to_str().expect("utf-8");
    let file = write(dir.path(), "note.txt", "会议纪要\n今天天气很好。\n".as_bytes());
    let out = taizhang(&["--db", db, "plan", "import", &file, "--from", "2026", "--to", "2030"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("没有找到项目"), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(plans(db).len(), 1);
}
