//! The 通报 and the 督办函 as a reviewer makes them on the demo database: the real binary, the
//! .docx read back, its figures compared with `list --format json`, and the file opened by
//! LibreOffice (converted to PDF, its text read with pdftotext) where it is installed.

use crate::common::{ok, taizhang};

use crate::common;

use std::io::Read as _;
use std::process::Command;

use serde_json::Value;

fn json(args: &[&str]) -> Vec<Value> {
    let value: Value = serde_json::from_str(&ok(args)).expect("json");
    value.as_array().expect("array").clone()
}

/// The text of a .docx as Word shows it: paragraphs on lines, table cells separated by tabs.
fn docx_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a .docx is a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml").expect("document.xml").read_to_string(&mut xml).expect("utf-8");
    let mut text = String::new();
    let mut rest = xml.as_str();
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').map_or(rest.len(), |e| start + e + 1);
        let tag = &rest[start..end];
        if tag.starts_with("<w:t>") || tag.starts_with("<w:t ") {
            let close = rest[end..].find("</w:t>").map_or(rest.len(), |c| end + c);
            text.push_str(&rest[end..close].replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"));
            rest = &rest[close..];
            continue;
        }
        match tag {
            "</w:p>" => text.push('\n'),
            "</w:tc>" => {
                if text.ends_with('\n') {
                    text.pop();
                }
                text.push('\t');
            }
            "</w:tr>" => {
                if text.ends_with('\t') {
                    text.pop();
                }
                text.push('\n');
            }
            _ => {}
        }
        rest = &rest[end..];
    }
    text
}

/// As the documents write 万元: whole numbers bare, else two decimals.
fn wan(value: f64) -> String {
    if value.fract().abs() < 0.005 { format!("{value:.0}") } else { format!("{value:.2}") }
}

fn sum_known(rows: &[Value], field: &str) -> (f64, usize) {
    let known: Vec<f64> = rows.iter().filter_map(|r| r[field].as_f64()).collect();
    (known.iter().sum(), known.len())
}

fn count(rows: &[Value], field: &str, values: &[&str]) -> usize {
    rows.iter().filter(|r| values.contains(&r[field].as_str().unwrap_or_default())).count()
}

/// A demo database with 400 projects, in a folder that lives as long as the test.
fn demo() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db").to_str().expect("utf-8").to_string();
    ok(&["--db", &db, "demo", "--projects", "400"]);
    (dir, db)
}

#[test]
fn the_months_notice_agrees_with_the_list_and_opens_in_libreoffice() {
    let (dir, db) = demo();
    let month = "2025-12";
    // The reviewer closes two problems in the month.
    let open = json(&["--db", &db, "problems", "--status", "open", "--format", "json", "--date", month]);
    assert!(open.len() >= 2, "the demo has problems to close");
    for item in &open[..2] {
        let id = item["id"].as_i64().expect("id").to_string();
        ok(&["--db", &db, "problem", "close", &id, "--note", "已协调解决", "--date", "2025-12-10"]);
    }
    let path = dir.path().join("通报.docx");
    let said = ok(&["--db", &db, "notice", "--month", month, "-o", path.to_str().expect("utf-8")]);
    assert!(said.contains("通报已写入"), "{said}");
    let bytes = std::fs::read(&path).expect("written");
    let text = docx_text(&bytes);

    let rows = json(&["--db", &db, "list", "--format", "json", "--date", month]);
    let started = count(&rows, "status", &["under_construction", "completed"]);
    let (red, yellow) = (count(&rows, "light", &["red"]), count(&rows, "light", &["yellow"]));
    assert!(red + yellow > 0, "the demo lights some projects");
    let (plan, plan_known) = sum_known(&rows, "year_plan_investment");
    let (done, done_known) = sum_known(&rows, "year_done_investment");
    let (cumulative, cumulative_known) = sum_known(&rows, "done_investment");
    assert!(plan_known > 0 && done_known > 0, "the demo reports investment");
    for expected in [
        "【演示数据】".to_string(),
        "建设调度通报".to_string(),
        "（2025年12月）".to_string(),
        format!("纳入调度的重点项目共{}个，其中已开工{started}个", rows.len()),
        format!("本年计划投资{}万元（{plan_known}个项目填报）", wan(plan)),
        format!("本年已完成投资{}万元（{done_known}个项目可计算）", wan(done)),
        format!("完成年度计划的{:.1}%", done * 100.0 / plan),
        format!("累计完成投资{}万元（{cumulative_known}个项目填报）", wan(cumulative)),
        format!("红灯{red}个、黄灯{yellow}个"),
        format!("本月亮红灯项目{red}个、黄灯项目{yellow}个"),
        "本月销号问题2项".to_string(),
    ] {
        assert!(text.contains(&expected), "{expected:?} not in the notice:\n{text}");
    }
    // Every red and yellow project is listed with its reason, as the list gives it.
    for r in rows.iter().filter(|r| matches!(r["light"].as_str(), Some("red" | "yellow"))) {
        let line = format!("{}\t", r["name"].as_str().expect("name"));
        assert!(text.contains(&line), "{line:?} missing");
        assert!(text.contains(r["light_reason"].as_str().expect("reason")));
    }
    // A district's row of the table by district has the list's count for that district.
    let zhongshan = json(&["--db", &db, "list", "--format", "json", "--date", month, "--place", "钟山区"]);
    let zs_red = count(&zhongshan, "light", &["red"]);
    let zs_started = count(&zhongshan, "status", &["under_construction", "completed"]);
    assert!(
        text.contains(&format!("\n钟山区\t{}\t{zs_started}\t", zhongshan.len())),
        "钟山区 {} projects， {zs_started} started：\n{text}",
        zhongshan.len()
    );
    // The district's own 通报 carries its figures only.
    let zs_path = dir.path().join("钟山区通报.docx");
    ok(&["--db", &db, "notice", "--month", month, "--place", "钟山区", "-o", zs_path.to_str().expect("utf-8")]);
    let zs_text = docx_text(&std::fs::read(&zs_path).expect("written"));
    assert!(zs_text.contains("范围：钟山区"));
    assert!(zs_text.contains(&format!("纳入调度的重点项目共{}个", zhongshan.len())));
    assert!(zs_text.contains(&format!("红灯{zs_red}个")));

    // Not over an existing file, and not with a --date that contradicts --month.
    let again = taizhang(&["--db", &db, "notice", "--month", month, "-o", path.to_str().expect("utf-8")]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    let other = dir.path().join("x.docx");
    let clash =
        taizhang(&["--db", &db, "notice", "--month", month, "--date", "2025-06", "-o", other.to_str().expect("p")]);
    assert!(!clash.status.success() && !other.exists());

    // LibreOffice opens it: converted to PDF, the title, the totals and a red project's name
    // are in its text.
    let Some(pdf) = common::convert_from(&bytes, "docx", "pdf") else { return };
    assert!(pdf.starts_with(b"%PDF"));
    let pdf_path = dir.path().join("notice.pdf");
    std::fs::write(&pdf_path, &pdf).expect("write pdf");
    let Ok(out) = Command::new("pdftotext").args(["-layout"]).arg(&pdf_path).arg("-").output() else {
        assert!(std::env::var_os("CI").is_none(), "CI installs poppler-utils");
        return;
    };
    let pdf_text: String = String::from_utf8_lossy(&out.stdout).split_whitespace().collect();
    for expected in ["建设调度通报", "一、总体情况", "三、红黄灯项目", "四、问题督办情况"] {
        assert!(pdf_text.contains(expected), "{expected} not in the PDF LibreOffice made");
    }
    assert!(pdf_text.contains(&format!("纳入调度的重点项目共{}个", rows.len())));
}

#[test]
fn letters_go_to_the_units_with_red_or_yellow_projects_or_open_problems() {
    let (dir, db) = demo();
    let month = "2025-12";
    let rows = json(&["--db", &db, "list", "--format", "json", "--date", month]);
    // The unit with the most red or yellow projects.
    let mut by_unit: std::collections::BTreeMap<String, Vec<&Value>> = Default::default();
    for r in rows.iter().filter(|r| matches!(r["light"].as_str(), Some("red" | "yellow"))) {
        by_unit.entry(r["owner"].as_str().expect("demo units").to_string()).or_default().push(r);
    }
    let (unit, lit) = by_unit.iter().max_by_key(|(_, v)| v.len()).expect("a unit to chase");
    let path = dir.path().join("letter.docx");
    ok(&["--db", &db, "duban", "--owner", unit, "--month", month, "-o", path.to_str().expect("utf-8")]);
    let bytes = std::fs::read(&path).expect("written");
    let text = docx_text(&bytes);
    assert!(text.contains("督办函"));
    assert!(text.contains(&format!("{unit}：")), "addressed to {unit}");
    let red = lit.iter().filter(|r| r["light"] == "red").count();
    assert!(text.contains(&format!("有{red}个亮红灯、{}个亮黄灯", lit.len() - red)), "{text}");
    for r in lit {
        assert!(text.contains(r["name"].as_str().expect("name")));
    }
    // Another unit's projects are not in it.
    let others = rows.iter().filter(|r| r["owner"].as_str() != Some(unit.as_str()) && r["light"] == "red");
    for r in others.take(5) {
        assert!(!text.contains(&format!("{}\t", r["name"].as_str().expect("name"))));
    }

    // A unit with nothing to chase gets no letter, and is told who has something.
    let none =
        taizhang(&["--db", &db, "duban", "--owner", "无此单位", "-o", dir.path().join("n.docx").to_str().expect("p")]);
    assert!(!none.status.success());
    assert!(String::from_utf8_lossy(&none.stderr).contains("没有红黄灯项目或未销号问题"));
    assert!(!dir.path().join("n.docx").exists());

    // One letter per unit into a folder; a second run does not overwrite them.
    let folder = dir.path().join("督办函");
    let said = ok(&["--db", &db, "duban", "--all", "--month", month, "-o", folder.to_str().expect("utf-8")]);
    let files: Vec<_> = std::fs::read_dir(&folder).expect("folder").map(|e| e.expect("entry").path()).collect();
    assert!(files.len() >= by_unit.len(), "{said}");
    assert!(said.contains(&format!("{} 份督办函已写入", files.len())));
    for f in &files {
        assert!(docx_text(&std::fs::read(f).expect("read")).contains("督办函"));
    }
    assert!(
        !taizhang(&["--db", &db, "duban", "--all", "--month", month, "-o", folder.to_str().expect("p")])
            .status
            .success()
    );

    let Some(pdf) = common::convert_from(&bytes, "docx", "pdf") else { return };
    assert!(pdf.starts_with(b"%PDF"));
}

/// The text of a .docx's `word/document.xml`.
fn document_xml(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a .docx is a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml").expect("document.xml").read_to_string(&mut xml).expect("utf-8");
    xml
}

/// `duban --all` reads only what the letters need (issue 28: the rows' lights without their
/// reports' texts, the items open at the month, no tallies), and writes the letters the whole
/// 通报's figures give: at months before, among and after the reports, on a file with many
/// units, projects without one, items of their own units, overdue, in hand and closed in
/// several months, and projects the plan names twice, each letter's `document.xml` is the one
/// written from `month_notice` (the whole plan read as the 通报 reads it).
#[test]
fn the_letters_read_alone_are_those_the_whole_notice_gives() {
    use std::sync::atomic::AtomicBool;
    use taizhang::db::Db;
    use taizhang::domain::{DEFAULT_LAG_THRESHOLD, Filter, LightRules, Period};
    use taizhang::usecase::documents::{Letters, MonthScope, month_notice, write_letters};

    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("demo.db");
    let seed = taizhang::seed::bundled_seed().expect("seed");
    taizhang::demo::write_demo_db(&path, &seed, 1_200, 5).expect("demo");
    let raw = rusqlite::Connection::open(&path).expect("raw");
    raw.execute_batch(
        "UPDATE projects SET responsible_unit = NULL WHERE id % 37 = 0;
         UPDATE projects SET responsible_unit = ' 市水务局 ' WHERE id % 41 = 0;
         UPDATE projects SET same_as = id - 1 WHERE id % 97 = 0;
         UPDATE problems SET raised = '2025-0' || (id % 6 + 1), due = '2025-0' || (id % 9 + 1);
         UPDATE problems SET owner = '' WHERE id % 4 = 0;
         UPDATE problems SET owner = '市自然资源局' WHERE id % 5 = 0;
         UPDATE problems SET status = 'in_hand' WHERE id % 7 = 0;
         UPDATE problems SET status = 'resolved', close_note = '已解决',
             closed_on = '2025-' || substr('0' || (id % 12 + 1), -2) || '-15' WHERE id % 3 = 0;",
    )
    .expect("units, twins and items");
    drop(raw);
    let db = Db::open(&path).expect("open");
    let plan = db.current_plan().expect("plan").id;
    db.set_light_rules(plan, &LightRules::full("all")).expect("rules");
    db.close_month(Period::new(2025, 6).expect("m"), "测试").expect("close");
    db.close_month(Period::new(2025, 9).expect("m"), "测试").expect("close");
    let rules = taizhang::export::OutputRules {
        protected: taizhang::export::Protected::default(),
        overwrite: taizhang::export::Overwrite::Replace,
    };
    let (mut lit, mut open, mut overdue, mut repeats) = (0, 0, 0, 0);
    for month in ["2025-03", "2025-07", "2025-10", "2026-01"] {
        let month = Period::parse(month).expect("month");
        let filter = Filter::default();
        let scope = MonthScope { month, lag_threshold: DEFAULT_LAG_THRESHOLD, filter: &filter };
        let (notice, meta) = month_notice(&db, scope).expect("notice");
        let folder = dir.path().join(month.to_string());
        let written = write_letters(
            &db,
            (month, DEFAULT_LAG_THRESHOLD),
            Letters::All { folder: &folder },
            &rules,
            &AtomicBool::new(false),
        )
        .expect("letters");
        let units = notice.units();
        assert_eq!(written.files.len(), units.len(), "{month}: one letter per unit");
        for (file, unit) in written.files.iter().zip(&units) {
            let expected = taizhang::export::write_letter(&notice.letter(unit), meta).expect("letter");
            let got = std::fs::read(file).expect("written");
            assert!(document_xml(&got) == document_xml(&expected), "{month}: the letter to {unit} differs");
        }
        let unowned = notice.lit.iter().filter(|l| l.owner.is_empty()).count();
        assert_eq!(written.unowned, unowned, "{month}");
        assert_eq!(written.lit, notice.lit.len() - unowned, "{month}");
        lit += written.lit;
        open += written.open;
        overdue += notice.overdue().count();
        // A project the plan names twice is chased once, under its first row.
        repeats += notice.lit.iter().filter(|l| l.project.0 % 97 == 0).count();
        // The letter to one unit reads the same way.
        let one = dir.path().join(format!("one-{month}.docx"));
        let unit = &units[units.len() / 2];
        write_letters(
            &db,
            (month, DEFAULT_LAG_THRESHOLD),
            Letters::One { unit, file: &one },
            &rules,
            &AtomicBool::new(false),
        )
        .expect("one letter");
        let expected = taizhang::export::write_letter(&notice.letter(unit), meta).expect("letter");
        assert!(document_xml(&std::fs::read(&one).expect("one")) == document_xml(&expected), "{month}: {unit}");
    }
    // The letters held something to differ in.
    assert!(lit > 100 && open > 20 && overdue > 10, "{lit} {open} {overdue}");
    assert_eq!(repeats, 0);
}
