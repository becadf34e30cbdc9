//! Several plans in one database (issue 11): the seeded plan stays plan 1 exactly as it was, a
//! new plan is written in one transaction with its sections, places and first reports, plans are
//! switched and archived, and an archived plan refuses every write whatever program makes it.
//! Then `taizhang plan import` end to end, as a script would run it: a plan text and an office
//! ledger a user wrote themselves become plans beside the seeded one, listed, exported and
//! presented like it; a file with problems is refused with nothing written.

use crate::common::{ok, taizhang};

use std::path::Path;

use serde_json::Value;
use taizhang::db::{Db, DbError, NewPlan, Refusal, ReviewError};
use taizhang::domain::{Period, ProjectId, ReportInput, Status};
use taizhang::import::plan::DraftRow;

fn row(name: &str, section: &str, place: Option<&str>) -> DraftRow {
    DraftRow {
        name: name.into(),
        section: section.into(),
        category: "roads".into(),
        place: place.map(Into::into),
        source: format!("{name} | {}", place.unwrap_or_default()),
        line: 5,
        ..DraftRow::default()
    }
}

/// A 十五五 ledger of three projects: one in a district the city knows, one in a street the
/// database has never heard of, one for the city as a whole; the first with figures as of 2026-10.
fn new_plan() -> NewPlan {
    let mut first = row("钟山大道改造", "一、市政基础设施 / （一）道路", Some("钟山区"));
    first.total_investment = Some(18200.0);
    first.plan_investment = Some(5000.0);
    first.done_investment = Some(3100.0);
    first.status = Some(Status::UnderConstruction);
    first.progress = Some("路基完成60%".into());
    first.start_year = Some(2026);
    first.target_year = Some(2028);
    let mut second = row("荷城街道背街小巷", "一、市政基础设施 / （二）街巷", Some("荷城街道"));
    second.category = "back_alleys".into();
    let third = row("全市智慧停车", "二、智慧城市", None);
    NewPlan {
        title: "六盘水市“十五五”重点项目台账".into(),
        start_year: 2026,
        end_year: 2030,
        city: "六盘水市".into(),
        origin: "台账.xlsx".into(),
        as_of: Period::new(2026, 10),
        rows: vec![first, second, third],
    }
}

#[test]
fn a_new_plan_lands_beside_the_seeded_one_which_stays_as_it_was() {
    let db = Db::open_in_memory().expect("db");
    let before = db.snapshot().expect("snapshot").portfolio.projects;
    assert_eq!(before.len(), 359);
    assert!(before.iter().all(|p| p.plan == 1));
    let id = db.create_plan(&new_plan(), "测试").expect("create");
    assert_eq!(id, 2);
    // Still on plan 1 until switched, and plan 1 is exactly as before.
    let plan1 = db.snapshot().expect("snapshot");
    assert_eq!(plan1.plan.id, 1);
    assert_eq!(plan1.portfolio.projects, before);
    assert_eq!(plan1.plans.len(), 2);
    assert_eq!((plan1.plans[1].projects, plan1.plans[1].start_year, plan1.plans[1].end_year), (3, 2026, 2030));

    let two = db.snapshot_of(2).expect("plan 2");
    let projects = &two.portfolio.projects;
    assert_eq!(projects.len(), 3);
    let by = |name: &str| projects.iter().find(|p| p.name == name).expect(name);
    let road = by("钟山大道改造");
    assert_eq!((road.place.as_str(), road.section.as_str()), ("钟山区", "一、市政基础设施 / （一）道路"));
    assert_eq!((road.start_year, road.target_year, road.target_year_inferred), (Some(2026), 2028, false));
    assert_eq!(road.status, Status::UnderConstruction);
    // A street the city does not know is made, directly under the city: no district guessed.
    let alley = by("荷城街道背街小巷");
    let place = two.portfolio.gazetteer.place(&alley.place).expect("made");
    assert_eq!((place.parent.as_deref(), place.kind.code()), (Some("六盘水市"), "place"));
    assert_eq!((alley.target_year, alley.target_year_inferred), (2030, true));
    assert_eq!(by("全市智慧停车").place, "六盘水市");
    // Sections are the plan's boxes, in the order they first appear.
    let boxes: Vec<&str> = two.boxes.iter().map(|b| b.title.as_str()).collect();
    assert_eq!(boxes, ["一、市政基础设施 / （一）道路", "一、市政基础设施 / （二）街巷", "二、智慧城市"]);
    // The ledger's figures are the first report, dated from the sheet.
    let reports = db.reports(road.id).expect("reports");
    assert_eq!(reports.len(), 1);
    let r = &reports[0];
    assert_eq!(
        (r.period, r.invest_total, r.invest_done),
        (Period::new(2026, 10).expect("p"), Some(18200.0), Some(3100.0))
    );
    assert_eq!(r.progress_text, "路基完成60%");
    assert!(db.reports(alley.id).expect("reports").is_empty(), "no figures, no report");
    // 序时进度 of a row without a start year runs from the plan's start, not 2021.
    assert_eq!(two.portfolio.plan.start_year, 2026);
}

#[test]
fn a_failed_import_writes_nothing() {
    let db = Db::open_in_memory().expect("db");
    let mut plan = new_plan();
    plan.rows[2].name = String::new(); // the schema refuses an empty name
    assert!(db.create_plan(&plan, "测试").is_err());
    assert_eq!(db.plans().expect("plans").len(), 1);
    let places: i64 = db.connection().query_row("SELECT count(*) FROM places", [], |r| r.get(0)).expect("places");
    let fresh = Db::open_in_memory().expect("fresh");
    let fresh_places: i64 = fresh.connection().query_row("SELECT count(*) FROM places", [], |r| r.get(0)).expect("n");
    assert_eq!(places, fresh_places, "no place made by a failed import stays");
    let mut bad = new_plan();
    bad.end_year = 2020;
    let refused = db.create_plan(&bad, "测试");
    assert!(matches!(refused, Err(DbError::Refused(Refusal::BadPeriod(2026, 2020)))), "{refused:?}");
}

#[test]
fn an_archived_plan_refuses_every_write_until_taken_out() {
    let db = Db::open_in_memory().expect("db");
    let id = db.create_plan(&new_plan(), "测试").expect("create");
    db.set_current_plan(id).expect("use");
    let project = db.snapshot().expect("snapshot").portfolio.projects[0].clone();
    db.set_archived(id, true).expect("archive");
    let input = ReportInput {
        project: Some(project.id),
        period: Period::new(2026, 11),
        status: Some(Status::UnderConstruction),
        ..ReportInput::default()
    };
    let today = Period::new(2026, 11).expect("p");
    let refused = db.add_reports(std::slice::from_ref(&input), "测试", today, false);
    assert!(matches!(refused, Err(ReviewError::Db(DbError::Archived))), "{refused:?}");
    assert!(matches!(db.set_in_bin(project.id, true, "测试"), Err(ReviewError::Db(DbError::Archived))));
    // A script writing SQL straight into the file is refused too.
    let raw = db.connection().execute("UPDATE projects SET name = 'x' WHERE id = ?1", [project.id.0]);
    assert!(raw.is_err());
    assert!(db.connection().execute("DELETE FROM reports WHERE project_id = ?1", [project.id.0]).is_err());
    // Still readable, filterable and exportable.
    assert_eq!(db.snapshot().expect("snapshot").portfolio.projects.len(), 3);
    // Plan 1 is not archived and takes reports as before.
    db.set_archived(id, false).expect("unarchive");
    db.add_reports(&[input], "测试", today, false).expect("accepted once taken out");
    assert_eq!(db.reports(ProjectId(project.id.0)).expect("reports").len(), 2);
}

#[test]
fn a_report_before_the_plan_period_is_refused_with_the_plans_start() {
    let db = Db::open_in_memory().expect("db");
    let id = db.create_plan(&new_plan(), "测试").expect("create");
    db.set_current_plan(id).expect("use");
    let project = db.snapshot().expect("snapshot").portfolio.projects[1].clone();
    let input = ReportInput {
        project: Some(project.id),
        period: Period::new(2025, 6),
        status: Some(Status::Preparing),
        ..ReportInput::default()
    };
    let err = db.add_reports(&[input], "测试", Period::new(2026, 11).expect("p"), false).expect_err("before 2026");
    assert!(err.to_string().contains("2026"), "{err}");
}

#[test]
fn the_command_line_lists_switches_and_archives_plans() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("t.db");
    {
        let db = Db::open(&path).expect("db");
        db.create_plan(&new_plan(), "测试").expect("create");
    }
    let db = path.to_str().expect("utf-8");
    let json = |args: &[&str]| -> Value {
        let out = taizhang(args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).expect("json")
    };
    let plans = json(&["--db", db, "plan", "list", "--format", "json"]);
    let plans = plans.as_array().expect("array");
    assert_eq!(plans.len(), 2);
    for key in ["id", "title", "start_year", "end_year", "projects", "current", "archived"] {
        assert!(plans[0].get(key).is_some(), "{key}");
    }
    assert_eq!(plans[0]["current"], true);
    assert_eq!(plans[1]["projects"], 3);
    // --plan works on another plan without changing the current one.
    let rows = json(&["--db", db, "--plan", "2", "list", "--format", "json"]);
    let rows = rows.as_array().expect("rows");
    assert_eq!(rows.len(), 3);
    let road = rows.iter().find(|r| r["name"] == "钟山大道改造").expect("road");
    assert_eq!(road["plan"], 2);
    assert_eq!(road["section"], "一、市政基础设施 / （一）道路");
    assert_eq!(road["total_investment"], 18200.0);
    assert_eq!(road["plan_investment"], 5000.0);
    assert_eq!(road["done_investment"], 3100.0);
    assert_eq!(road["progress"], "路基完成60%");
    assert_eq!(road["target_year_inferred"], false);
    let seeded = json(&["--db", db, "list", "--format", "json"]);
    assert_eq!(seeded.as_array().expect("rows").len(), 359);
    assert_eq!(seeded[0]["section"].as_str().map(|s| s.starts_with("专栏")), Some(true));
    // plan use makes it current; plan archive makes it read-only for report.
    assert!(taizhang(&["--db", db, "plan", "use", "2"]).status.success());
    assert_eq!(json(&["--db", db, "list", "--format", "json"]).as_array().expect("rows").len(), 3);
    assert!(taizhang(&["--db", db, "plan", "archive", "2"]).status.success());
    let id = road["id"].as_i64().expect("id").to_string();
    let out = taizhang(&["--db", db, "report", "--project", &id, "--status", "completed", "--date", "2026-11"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("归档"), "{}", String::from_utf8_lossy(&out.stderr));
    let plans = json(&["--db", db, "plan", "list", "--format", "json"]);
    assert_eq!(plans[1]["archived"], true);
    assert_eq!(plans[1]["current"], true);
    let out = taizhang(&["--db", db, "plan", "use", "9"]);
    assert!(!out.status.success());
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
pub(crate) const LEDGER_CSV: &str = "六盘水市2026年重点项目台账（截至2026年10月底）\n\
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
    // 1-10月完成投资 is the year's done (the invest-50 light reads it); the cumulative is not stated.
    assert_eq!((road["total_investment"].as_f64(), road["done_investment"].as_f64()), (Some(18200.0), None));
    assert_eq!(road["year_done_investment"], 3100.0);
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
    // The table's note names this plan's end, not the seeded plan's 2025.
    let table = ok(&["--db", db, "--plan", id.trim(), "list"]);
    assert!(table.contains("按规划期末 2030 年计"), "{table}");
    assert!(ok(&["--db", db, "--plan", "1", "list"]).contains("按规划期末 2025 年计"));
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

#[test]
fn a_plans_city_is_the_place_its_title_names() {
    let db = Db::open_in_memory().expect("db");
    assert_eq!(db.city_for_title("六盘水市“十五五”重点项目台账", None).expect("city"), "六盘水市");
    assert_eq!(db.city_for_title("贵州省六盘水市重点项目", None).expect("city"), "六盘水市");
    assert_eq!(db.city_for_title("盘州市2026年重点项目台账", None).expect("city"), "盘州市");
    assert_eq!(db.city_for_title("遵义市“十五五”规划", None).expect("city"), "遵义市");
    assert_eq!(db.city_for_title("重点项目台账", Some("六盘水市")).expect("city"), "六盘水市");
    // A county-level city heads its own plan: its places are its towns and zones, and a place it
    // does not know is made under it.
    let mut plan = new_plan();
    plan.title = "盘州市2026年重点项目台账".into();
    plan.city = db.city_for_title(&plan.title, None).expect("city");
    let id = db.create_plan(&plan, "测试").expect("create");
    let snapshot = db.snapshot_of(id).expect("snapshot");
    let gazetteer = &snapshot.portfolio.gazetteer;
    assert_eq!(gazetteer.root(), Some("盘州市"));
    assert!(gazetteer.place("红果经济开发区").is_some());
    assert!(gazetteer.place("月照街道").is_none(), "a town of 钟山区 is not inside 盘州市");
    let made = gazetteer.place("荷城街道").expect("made");
    assert_eq!(made.parent.as_deref(), Some("盘州市"));
    // 钟山区 is no place of 盘州市: the row keeps the name as printed, a place of the plan's own
    // under its city, and the seeded 钟山区 (under 六盘水市) is not touched.
    let road = snapshot.portfolio.projects.iter().find(|p| p.name == "钟山大道改造").expect("road");
    assert_eq!(road.place, "钟山区");
    let own = gazetteer.place("钟山区").expect("own");
    assert_eq!((own.parent.as_deref(), own.kind.code()), (Some("盘州市"), "place"));
    let seeded = db.snapshot_of(1).expect("plan 1");
    assert_eq!(seeded.portfolio.gazetteer.place("钟山区").and_then(|p| p.parent.as_deref()), Some("六盘水市"));
    assert_eq!(seeded.portfolio.projects.len(), 359);
}

#[test]
fn ledger_figures_without_a_month_are_asked_for_not_dropped() {
    let db = Db::open_in_memory().expect("db");
    let mut plan = new_plan();
    plan.as_of = None;
    let refused = db.create_plan(&plan, "测试");
    assert!(matches!(&refused, Err(DbError::Refused(Refusal::NoMonth))), "{refused:?}");
    assert!(refused.as_ref().is_err_and(|e| e.to_string().contains("--as-of")), "{refused:?}");
    assert_eq!(db.plans().expect("plans").len(), 1, "nothing written");
    // Without figures there is nothing to date: a plan text's rows need no month.
    for row in &mut plan.rows {
        *row = DraftRow { name: row.name.clone(), section: row.section.clone(), ..DraftRow::default() };
    }
    db.create_plan(&plan, "测试").expect("no figures, no month needed");
}

/// The dry run refuses what the import would refuse (a ledger's figures without their month),
/// after printing the drafts, and passes once the month is given.
#[test]
fn a_dry_run_says_the_refusal_the_import_would() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let db = db.to_str().expect("utf-8");
    let undated = LEDGER_CSV.replacen("（截至2026年10月底）", "", 1).replace("1-10月完成投资", "累计完成投资");
    let file = write(dir.path(), "台账.csv", undated.as_bytes());
    let args = ["--db", db, "plan", "import", &file, "--from", "2026", "--to", "2030"];
    for extra in [&["--dry-run"][..], &[]] {
        let out = taizhang(&[&args[..], extra].concat());
        assert!(!out.status.success(), "{extra:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("--as-of"), "{}", String::from_utf8_lossy(&out.stderr));
    }
    assert_eq!(plans(db).len(), 1);
    let dry = ok(&[&args[..], &["--dry-run", "--as-of", "2026-10"]].concat());
    assert!(dry.contains("钟山大道改造"), "{dry}");
}

/// An office's ledger whose 承办科室 column no synonym names: the reviewer maps it to 责任单位 once,
/// saves the mapping, and next month's ledger (a longer title block, other rows) opens mapped,
/// in the window's reader and on the command line alike.
#[test]
fn a_corrected_column_mapping_is_saved_and_used_for_the_next_ledger() {
    use taizhang::domain::Gazetteer;
    use taizhang::import::plan::{LedgerField, plan_from_bytes};
    const OCTOBER: &str =
        "2026年重点项目台账\n序号,项目名称,所属区县,总投资,承办科室\n1,钟山大道改造,钟山区,18200,城建科\n";
    const NOVEMBER: &str = "2026年重点项目台账\n截至2026年11月底\n序号,项目名称,所属区县,总投资,承办科室\n1,水城河整治,水城区,5600,水务科\n2,凉都体育馆,钟山区,12000,社会事业科\n";
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("t.db");
    let places = Gazetteer::default();
    let mut october = plan_from_bytes(OCTOBER.as_bytes(), "十月.csv", &places, None, None).expect("ledger");
    let ledger = october.ledger.as_ref().expect("a ledger");
    assert_eq!(ledger.mapping.column(LedgerField::Owner), None, "承办科室 is no synonym of 责任单位");
    assert_eq!(october.draft.rows[0].owner, None);
    let preview = ledger.preview();
    assert_eq!(preview[4].header, "承办科室");
    assert_eq!(preview[4].samples, ["城建科"]);
    let mut mapping = ledger.mapping.clone();
    mapping.set(&ledger.table, LedgerField::Owner, Some(4));
    october.remap(mapping, &places, false).expect("remap");
    assert_eq!(october.draft.rows[0].owner.as_deref(), Some("城建科"));
    {
        let db = Db::open(&path).expect("db");
        let ledger = october.ledger.as_ref().expect("ledger");
        db.save_mapping(&ledger.signature(), &ledger.mapping).expect("save");
        // The window's reader looks it up the same way.
        let mut november = plan_from_bytes(NOVEMBER.as_bytes(), "十一月.csv", &places, None, None).expect("ledger");
        assert_eq!(november.ledger.as_ref().expect("ledger").mapping.header_row, 2, "one more title line");
        november.apply_saved(&places, |s| db.saved_mapping(s).expect("read"));
        assert!(november.ledger.as_ref().expect("ledger").saved);
        let owners: Vec<Option<&str>> = november.draft.rows.iter().map(|r| r.owner.as_deref()).collect();
        assert_eq!(owners, [Some("水务科"), Some("社会事业科")]);
    }
    let file = write(dir.path(), "十一月.csv", NOVEMBER.as_bytes());
    let db = path.to_str().expect("utf-8");
    let out = taizhang(&[
        "--db",
        db,
        "plan",
        "import",
        &file,
        "--from",
        "2026",
        "--to",
        "2030",
        "--dry-run",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("保存的列映射"));
    let draft: Value = serde_json::from_slice(&out.stdout).expect("json");
    let owners: Vec<&str> =
        draft["rows"].as_array().expect("rows").iter().filter_map(|r| r["owner"].as_str()).collect();
    assert_eq!(owners, ["水务科", "社会事业科"]);
    // Another office's header is not touched by it.
    let other =
        write(dir.path(), "其他.csv", "序号,项目名称,所属区县,总投资,备注\n1,甲项目,钟山区,100,城建科\n".as_bytes());
    let out = taizhang(&[
        "--db",
        db,
        "plan",
        "import",
        &other,
        "--from",
        "2026",
        "--to",
        "2030",
        "--dry-run",
        "--format",
        "json",
    ]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("保存的列映射"));
    let draft: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(draft["rows"][0]["owner"], Value::Null);
}

/// Places an import made sit under the city until the reviewer says where they lie; then the
/// filter of the district takes their projects in. Seeded places keep their hierarchy, and a
/// place cannot go inside itself.
#[test]
fn the_reviewer_sets_where_an_imported_place_lies() {
    use taizhang::domain::Filter;
    let db = Db::open_in_memory().expect("db");
    let mut plan = new_plan();
    // 凤凰村 is made before 荷城街道's neighbour 荷城新区, and will be put under it.
    plan.rows.push(row("凤凰村道路硬化", "三、乡村", Some("凤凰村")));
    plan.rows.push(row("荷城新区停车场", "三、乡村", Some("荷城新区")));
    let id = db.create_plan(&plan, "测试").expect("create");
    let two = db.plan(id).expect("plan");
    let zhongshan = |db: &Db| {
        let snapshot = db.snapshot_of(id).expect("snapshot");
        let filter = Filter { places: vec!["钟山区".into()], ..Filter::default() };
        let rows = snapshot.portfolio.filter(&filter);
        let mut names: Vec<String> = rows.iter().map(|&i| snapshot.portfolio.projects[i].name.clone()).collect();
        names.sort();
        names
    };
    assert_eq!(zhongshan(&db), ["钟山大道改造"]);
    db.set_place_parent(&two, "荷城街道", "钟山区").expect("move");
    db.set_place_parent(&two, "荷城新区", "荷城街道").expect("move");
    // An earlier-made place under a later one: still listed after its parent.
    db.set_place_parent(&two, "凤凰村", "荷城新区").expect("move");
    assert_eq!(zhongshan(&db), ["凤凰村道路硬化", "荷城新区停车场", "荷城街道背街小巷", "钟山大道改造"]);
    let places = db.gazetteer_of(&two).expect("places");
    let at = |name: &str| places.index_of(name).expect(name);
    assert!(at("钟山区") < at("荷城街道") && at("荷城街道") < at("荷城新区") && at("荷城新区") < at("凤凰村"));
    assert_eq!(places.district_of("凤凰村"), "钟山区", "district totals follow");
    // Refused, nothing changed.
    let refused = |place: &str, parent: &str, says: &str| {
        let err = db.set_place_parent(&two, place, parent).expect_err("refused");
        assert!(err.to_string().contains(says), "{err}");
    };
    refused("荷城街道", "凤凰村", "不能作为它的上级");
    refused("荷城街道", "荷城街道", "不能作为它的上级");
    refused("钟山区", "盘州市", "行政区划");
    refused("荷城街道", "遵义市", "不是本规划的地点");
    assert_eq!(db.gazetteer_of(&two).expect("places").place("荷城街道").expect("p").parent.as_deref(), Some("钟山区"));
    // The seeded plan's own view of its places is untouched.
    assert_eq!(db.snapshot_of(1).expect("plan 1").portfolio.projects.len(), 359);
}

/// A saved view belongs to the plan it was saved on: another plan lists its own, and a name
/// one plan uses is refused for another rather than taking its view away.
#[test]
fn saved_views_belong_to_their_plan() {
    use taizhang::domain::{Filter, SlideKind};
    let db = Db::open_in_memory().expect("db");
    let filter = Filter { places: vec!["钟山区".into()], ..Filter::default() };
    db.save_view("钟山区管网", &filter, false, &SlideKind::ALL).expect("save on plan 1");
    let two = db.create_plan(&new_plan(), "测试").expect("create");
    db.set_current_plan(two).expect("switch");
    assert!(db.views().expect("views").is_empty(), "plan 1's view is not plan 2's");
    db.save_view("十五五道路", &Filter::default(), true, &SlideKind::ALL).expect("save on plan 2");
    let err = db.save_view("钟山区管网", &Filter::default(), false, &SlideKind::ALL).expect_err("taken");
    assert!(err.to_string().contains("已有名为“钟山区管网”的视图"), "{err}");
    let names: Vec<String> = db.views().expect("views").into_iter().map(|v| v.name).collect();
    assert_eq!(names, ["十五五道路"]);
    db.set_current_plan(1).expect("back");
    let back: Vec<(String, Filter)> = db.views().expect("views").into_iter().map(|v| (v.name, v.filter)).collect();
    assert_eq!(back, [("钟山区管网".to_string(), filter)], "untouched");
}

/// Light rules are kept per plan: setting one plan's leaves the other's, an archived plan
/// keeps its rules, and rules that do not hold are refused with what is wrong.
#[test]
fn light_rules_belong_to_their_plan() {
    use taizhang::domain::LightRules;
    let db = Db::open_in_memory().expect("db");
    let two = db.create_plan(&new_plan(), "测试").expect("create");
    let ratio = LightRules::preset("ratio-80-60").expect("preset");
    db.set_light_rules(two, &ratio).expect("set");
    assert_eq!(db.light_rules(two).expect("rules"), ratio);
    assert_eq!(db.light_rules(1).expect("rules"), LightRules::default(), "plan 1 keeps the default");
    assert_eq!(db.snapshot_of(two).expect("snapshot").portfolio.rules, ratio);
    let mut wrong = ratio.clone();
    wrong.rules[0].yellow = 50.0; // yellow below 50 %, red below 60 %: the wrong way round
    let err = db.set_light_rules(two, &wrong).expect_err("refused");
    assert!(matches!(&err, DbError::Refused(Refusal::Rules(p)) if p.len() == 1), "{err}");
    assert_eq!(db.light_rules(two).expect("rules"), ratio, "unchanged");
    db.set_archived(1, true).expect("archive");
    assert!(matches!(db.set_light_rules(1, &ratio), Err(DbError::Archived)));
    assert!(matches!(db.light_rules(9), Err(DbError::NoSuchPlan(9))));
}

/// The office's ledger of the next month updates its plan: a changed row becomes the month's
/// report, an unchanged one nothing, a new row and a project no row names are listed (never added
/// or deleted), all in one change that one undo takes back.
#[test]
fn next_months_ledger_updates_its_plan() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let db = db.to_str().expect("utf-8");
    let october = write(dir.path(), "十月.csv", LEDGER_CSV.as_bytes());
    ok(&["--db", db, "plan", "import", &october, "--from", "2026", "--to", "2030"]);
    ok(&["--db", db, "plan", "use", "2"]);
    let november = LEDGER_CSV
        .replace("截至2026年10月底", "截至2026年11月底")
        .replace("1-10月完成投资", "1-11月完成投资")
        .replace("5000,3100,路基完成60%,在建", "5000,3900,路基完成90%,在建")
        .replace(
            "3,城区智慧停车,泊位2000个,,2026,900,900,0,,未开工,市公安局\n",
            "3,城北公园,绿地5公顷,钟山区,2026,600,600,0,,前期,市林业局\n",
        );
    let november = write(dir.path(), "十一月.csv", november.as_bytes());
    let dry = ok(&["--db", db, "plan", "update", &november, "--dry-run"]);
    assert!(dry.contains("2026-11:1 项有变化"), "{dry}");
    assert!(dry.contains("钟山大道改造") && dry.contains("路基完成60% → 路基完成90%"), "{dry}");
    assert!(dry.contains("新项目,第") && dry.contains("城北公园"), "{dry}");
    assert!(dry.contains("台账中没有") && dry.contains("城区智慧停车"), "{dry}");
    let listed = |db: &str| -> Vec<Value> {
        serde_json::from_str::<Value>(&ok(&["--db", db, "list", "--format", "json", "--date", "2026-11"]))
            .expect("json")
            .as_array()
            .expect("rows")
            .clone()
    };
    assert_eq!(listed(db).iter().find(|r| r["name"] == "钟山大道改造").expect("road")["progress"], "路基完成60%");
    let applied = ok(&["--db", db, "plan", "update", &november]);
    let changeset =
        applied.split('#').nth(1).and_then(|t| t.split(['(', '（']).next()).expect("change id").trim().to_string();
    let rows = listed(db);
    let road = rows.iter().find(|r| r["name"] == "钟山大道改造").expect("road");
    assert_eq!((road["progress"].as_str(), road["year_done_investment"].as_f64()), (Some("路基完成90%"), Some(3900.0)));
    assert_eq!(rows.len(), 3, "nothing added, nothing deleted");
    // One undo takes the month back.
    ok(&["--db", db, "undo", &changeset]);
    assert_eq!(listed(db).iter().find(|r| r["name"] == "钟山大道改造").expect("road")["progress"], "路基完成60%");
    // With --add-new the new row is a project of the plan, in the same change, with its figures;
    // one undo takes both back.
    let applied = ok(&["--db", db, "plan", "update", &november, "--add-new"]);
    assert!(applied.contains("1 个新项目"), "{applied}");
    let rows = listed(db);
    assert_eq!(rows.len(), 4);
    let park = rows.iter().find(|r| r["name"] == "城北公园").expect("park");
    assert_eq!((park["place"].as_str(), park["section"].as_str()), (Some("钟山区"), Some("一、市政基础设施")));
    assert_eq!((park["status"].as_str(), park["plan_investment"].as_f64()), (Some("preparing"), Some(600.0)));
    let changeset =
        applied.split('#').nth(1).and_then(|t| t.split(['(', '（']).next()).expect("change id").trim().to_string();
    ok(&["--db", db, "undo", &changeset]);
    let rows = listed(db);
    assert_eq!(rows.len(), 3, "the new project is back in the bin");
    assert_eq!(rows.iter().find(|r| r["name"] == "钟山大道改造").expect("road")["progress"], "路基完成60%");
    // A plan text cannot update a plan.
    let text = write(dir.path(), "规划.txt", PLAN_TEXT.as_bytes());
    let out = taizhang(&["--db", db, "plan", "update", &text]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("不是台账"), "{}", String::from_utf8_lossy(&out.stderr));
}

/// The second hostile pass over `plan update`: a figure the reader doubts (negative, not a
/// number) and a row without a name are refused at their lines with the reader's words, never
/// written with the cell left out; a month given that is not the one the ledger states is
/// refused (its figures would be dated wrongly); a picture named .xlsx is told as a workbook
/// that cannot be read, its error said once.
#[test]
fn plan_update_refuses_doubtful_rows_a_wrong_month_and_a_false_workbook() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let db = db.to_str().expect("utf-8");
    let october = write(dir.path(), "十月.csv", LEDGER_CSV.as_bytes());
    ok(&["--db", db, "plan", "import", &october, "--from", "2026", "--to", "2030"]);
    ok(&["--db", db, "plan", "use", "2"]);
    let november = LEDGER_CSV
        .replace("截至2026年10月底", "截至2026年11月底")
        .replace("5000,3100,路基完成60%,在建", "5000,-3900,路基完成90%,在建")
        .replace("2,荷城街道背街小巷改造,", "2,,")
        .replace("900,900,0,,未开工", "900,900,100,开工,在建");
    let november = write(dir.path(), "十一月.csv", november.as_bytes());
    let dry = ok(&["--db", db, "plan", "update", &november, "--dry-run"]);
    assert!(dry.contains("第 4 行:钟山大道改造") && dry.contains("负数"), "{dry}");
    assert!(dry.contains("第 5 行::") && dry.contains("名称为空"), "{dry}");
    assert!(dry.contains("1 项有变化") && dry.contains("城区智慧停车"), "{dry}");
    let wrong = taizhang(&["--db", db, "plan", "update", &november, "--as-of", "2026-01"]);
    let said = String::from_utf8_lossy(&wrong.stderr);
    assert!(!wrong.status.success() && said.contains("截至 2026-11") && said.contains("2026-01"), "{said}");
    ok(&["--db", db, "plan", "update", &november]);
    let rows: Value = serde_json::from_str(&ok(&["--db", db, "list", "--format", "json"])).expect("json");
    let road = rows.as_array().expect("rows").iter().find(|r| r["name"] == "钟山大道改造").expect("road");
    assert_eq!(road["progress"], "路基完成60%", "the doubtful row is not written at all");
    let picture = write(dir.path(), "台账.xlsx", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let out = taizhang(&["--db", db, "plan", "update", &picture]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && said.contains("无法读取为表格") && !said.contains(".docx"), "{said}");
    assert_eq!(said.matches("无法读取为表格").count(), 1, "said once: {said}");
}

/// A name the database could not keep is said at its row, in the draft and at the commit,
/// never as the database's raw CHECK failure.
#[test]
fn a_name_too_long_or_empty_is_said_at_its_row() {
    let long = "长".repeat(250);
    let csv = format!("序号,项目名称,所属区县,总投资（万元）\n1,{long},钟山区,100\n2,钟山大道改造,钟山区,200\n");
    let places = taizhang::domain::Gazetteer::default();
    let file =
        taizhang::import::plan::plan_from_bytes(csv.as_bytes(), "台账.csv", &places, None, None).expect("ledger");
    let problem = file.draft.problems.iter().find(|p| p.line == 2).expect("a problem at row 2");
    assert!(problem.zh().contains("250") && problem.en().contains("200"), "{problem:?}");
    let db = Db::open_in_memory().expect("db");
    let mut plan = new_plan();
    plan.rows[0].name = "  ".into();
    let refused = db.create_plan(&plan, "测试");
    assert!(matches!(&refused, Err(DbError::Refused(Refusal::BadName { line: 5, .. }))), "{refused:?}");
    assert!(refused.as_ref().is_err_and(|e| e.to_string().contains("名称为空")), "{refused:?}");
    assert_eq!(db.plans().expect("plans").len(), 1);
}

/// What a hostile pass found in `plan update`, each tested: a ledger with no status column keeps
/// the project's status; a blank cell is no news (the figure stays); one bad row is refused on its
/// own with its line and words, the others written; two rows for one project and a 项目代码 of a
/// project with another name are not written; a 存在问题 of 无 raises no item, a real one its
/// owner and its past 解决时限 (overdue, not refused); the update of an archived plan is refused
/// before anything is written. A 栏次 row under the header is no project.
#[test]
fn plan_update_keeps_what_a_ledger_leaves_blank_and_refuses_row_by_row() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let db = db.to_str().expect("utf-8");
    let header = "序号,项目名称,所属区县,总投资（万元）,累计完成投资,形象进度,存在问题,责任单位,解决时限\n";
    let october = format!(
        "六盘水市2026年重点项目台账（截至2026年10月底）\n{header}1,2,3,4,5,6,7,8,9\n\
         1,钟山大道改造,钟山区,18200,3100,路基完成60%,无,市住建局,\n\
         2,水城河整治,水城区,5600,1000,清淤,,水城区水务局,\n\
         3,城北公园,钟山区,600,100,设计,,市林业局,\n"
    );
    let file = write(dir.path(), "十月.csv", october.as_bytes());
    ok(&["--db", db, "plan", "import", &file, "--from", "2026", "--to", "2030", "--as-of", "2026-10"]);
    ok(&["--db", db, "plan", "use", "2"]);
    let names: Vec<String> = serde_json::from_str::<Value>(&ok(&["--db", db, "list", "--format", "json"]))
        .expect("json")
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["name"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(names.len(), 3, "the 栏次 row is no project: {names:?}");
    let problems = |db: &str| -> Vec<Value> {
        serde_json::from_str::<Value>(&ok(&["--db", db, "problems", "--format", "json"]))
            .expect("json")
            .as_array()
            .expect("items")
            .clone()
    };
    assert!(problems(db).is_empty(), "无 raises no item");
    let november = format!(
        "六盘水市2026年重点项目台账（截至2026年11月底）\n{header}\
         1,钟山大道改造,钟山区,,3900,,征地拆迁滞后,市住建局,2026年10月\n\
         2,水城河整治,水城区,5600,9000,清淤完成,,水城区水务局,\n\
         3,城北公园,钟山区,600,150,施工,,市林业局,\n\
         4,城北公园,钟山区,600,160,施工,,市林业局,\n"
    );
    let file = write(dir.path(), "十一月.csv", november.as_bytes());
    let dry = ok(&["--db", db, "plan", "update", &file, "--dry-run"]);
    // 9000 > 5600: refused on its own row; the second 城北公园 row is refused; the others go.
    assert!(dry.contains("2 项有变化"), "{dry}");
    assert!(dry.contains("第 4 行:水城河整治") && dry.contains("超过总投资"), "{dry}");
    assert!(dry.contains("第 6 行:城北公园") && dry.contains("同一项目"), "{dry}");
    ok(&["--db", db, "plan", "update", &file]);
    let rows: Value = serde_json::from_str(&ok(&["--db", db, "list", "--format", "json"])).expect("json");
    let road = rows.as_array().expect("rows").iter().find(|r| r["name"] == "钟山大道改造").expect("road");
    // Blank 总投资 and 形象进度: October's stand; the status nobody gave stays.
    assert_eq!(road["total_investment"].as_f64(), Some(18_200.0));
    assert_eq!(road["progress"], "路基完成60%");
    assert_eq!(road["done_investment"].as_f64(), Some(3900.0));
    let items = problems(db);
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!((items[0]["owner"].as_str(), items[0]["due"].as_str()), (Some("市住建局"), Some("2026-10")));
    ok(&["--db", db, "plan", "archive", "2"]);
    let out = taizhang(&["--db", db, "plan", "update", &file]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("已归档"), "{}", String::from_utf8_lossy(&out.stderr));
}
