//! Nothing lost, nothing wrong, round three (issue 28): each case of the third hostile pass that
//! this session fixed, as a person at the command line, a careless district office or a hostile
//! account meets it.

use crate::common;
use crate::server::{Bureau, bureau};

/// The kept current reports' trigger function runs as the owner: no reviewer's role may hang it
/// on a (temporary) table of its own and so plant a current report of its making.
#[test]
fn no_account_runs_the_current_reports_trigger_on_a_table_of_its_own() {
    let Some(url) = common::pg::fresh_database("no_account_runs_the_current_reports_trigger") else { return };
    let Bureau { district, viewer, city, own, .. } = bureau(&url, "cr");
    let mut owner = common::pg::client(&url);
    let kept = |c: &mut postgres::Client| -> Vec<(i64, i64, String)> {
        c.query("SELECT project_id, report_id, period FROM current_reports ORDER BY project_id", &[])
            .expect("current reports")
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2)))
            .collect()
    };
    let before = kept(&mut owner);
    for account in [&viewer, &district, &city] {
        let mut raw = common::pg::client(&url.replacen("postgres@", &format!("{account}@"), 1));
        raw.batch_execute("CREATE TEMP TABLE mine (id bigint, project_id bigint, period text)")
            .expect("any session may make a temporary table");
        let hung = raw.batch_execute(
            "CREATE TRIGGER plant AFTER INSERT OR DELETE ON pg_temp.mine FOR EACH ROW \
             EXECUTE PROCEDURE public.taizhang_current_report()",
        );
        if hung.is_ok() {
            let _ = raw.execute("INSERT INTO pg_temp.mine VALUES (987654, $1, '2099-12')", &[&own]);
        }
        assert_eq!(kept(&mut owner), before, "{account} planted a current report (trigger hung: {hung:?})");
        // Nor any of the bookkeeping's definer trigger functions (migration 18's).
        for function in ["taizhang_row_written", "taizhang_id_guard", "taizhang_row_told", "taizhang_row_recorded"] {
            let may: bool = owner
                .query_one(&format!("SELECT has_function_privilege($1, 'public.{function}()', 'EXECUTE')"), &[account])
                .expect("privilege")
                .get(0);
            assert!(!may, "{account} may run {function}");
        }
    }
}

/// A row the plan names twice takes the latest report of either row of its pair: a status filter
/// asked of the storage selects it by that shared report, as the whole snapshot does, not by its
/// own reports only (the later mention, never reported itself, was left out of `--status 已完工`
/// when its first was reported completed, and the first out when only the later one was).
#[test]
fn a_status_filter_selects_both_rows_of_a_pair_by_their_shared_report() {
    use taizhang::domain::{Period, ReportInput, SortColumn, SortOrder, Status};
    let dir = tempfile::tempdir().expect("dir");
    let db = taizhang::db::Db::open(&dir.path().join("t.db")).expect("open");
    let snapshot = db.snapshot().expect("snapshot");
    let pairs: Vec<_> = snapshot.portfolio.projects.iter().filter_map(|p| Some((p.id, p.same_as?))).collect();
    assert_eq!(pairs.len(), 2, "the seeded plan names two projects twice");
    let month = Period::new(2025, 6).expect("m");
    let report = |project, status| ReportInput {
        project: Some(project),
        period: Some(month),
        status: Some(status),
        progress_text: "按计划推进".into(),
        ..ReportInput::default()
    };
    // One pair reported on its first mention, the other on its later one.
    let (a, b) = (pairs[0].1, pairs[1].0);
    db.add_reports(&[report(a, Status::Completed), report(b, Status::Completed)], "测试", month, true)
        .expect("reports");
    let filter = taizhang::domain::Filter { statuses: vec![Status::Completed], ..Default::default() };
    let whole = db.snapshot_at(month, 10.0).expect("whole");
    let (part, _) = db.snapshot_selecting(month, 10.0, &filter).expect("selected");
    let ids = |pf: &taizhang::domain::Portfolio| -> Vec<i64> {
        pf.view(&filter, SortColumn::Id, SortOrder::Ascending).iter().map(|&i| pf.projects[i].id.0).collect()
    };
    let expected = ids(&whole.portfolio);
    for (repeat, first) in &pairs {
        assert!(expected.contains(&repeat.0) && expected.contains(&first.0), "{expected:?}");
    }
    assert_eq!(ids(&part.portfolio), expected);
}

/// `bytes` (an XLSX) with each `(from, to)` replaced in its first sheet's XML.
fn sheet_edited(bytes: &[u8], edits: &[(&str, &str)]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = Vec::new();
    {
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(&mut out));
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).expect("entry");
            let name = entry.name().expect("name").into_owned();
            let mut content = String::new();
            entry.read_to_string(&mut content).expect("read");
            if name == "xl/worksheets/sheet1.xml" {
                for (from, to) in edits {
                    assert!(content.contains(from), "{from} in {content}");
                    content = content.replace(from, to);
                }
            }
            writer.start_file(name, zip::write::SimpleFileOptions::default()).expect("start");
            writer.write_all(content.as_bytes()).expect("write");
        }
        writer.finish().expect("finish");
    }
    out
}

/// A ledger whose 项目状态 is merged down over its three projects' rows (E2:E4) and whose
/// 责任单位 is merged over the first two (F2:F3).
fn merged_ledger() -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let plain = Format::new();
    for (c, h) in ["序号", "项目名称", "建设地点", "总投资", "项目状态", "责任单位"].into_iter().enumerate()
    {
        ws.write_string(0, u16::try_from(c).expect("c"), h).expect("header");
    }
    for (r, name) in ["城北公园", "城南公园", "河滨步道"].into_iter().enumerate() {
        let r = u32::try_from(r).expect("r") + 1;
        ws.write_number(r, 0, f64::from(r)).expect("n");
        ws.write_string(r, 1, name).expect("name");
        ws.write_string(r, 2, "钟山区").expect("place");
    }
    ws.merge_range(1, 4, 3, 4, "在建", &plain).expect("status over three rows");
    ws.merge_range(1, 5, 2, 5, "市住建局", &plain).expect("unit over two rows");
    common::as_saved_by_excel(&wb.save_to_buffer().expect("xlsx"))
}

/// A careless office merges a column down to the sheet's last row (E2:E1048576), or leaves an
/// empty merge far to the right (a formatted block at column ZZ): the ledger is read as it
/// shows, not refused as a far cell.
#[test]
fn a_merge_to_the_sheets_end_or_far_to_the_right_does_not_refuse_the_ledger() {
    use taizhang::domain::{Gazetteer, Status};
    let bytes = sheet_edited(
        &merged_ledger(),
        &[(r#"ref="E2:E4""#, r#"ref="E2:E1048576""#), (r#"ref="F2:F3""#, r#"ref="F2:F3"/><mergeCell ref="ZZ2:ZZ9""#)],
    );
    let places = Gazetteer::default();
    let file = taizhang::import::plan::plan_from_bytes(&bytes, "台账.xlsx", &places, None, None)
        .unwrap_or_else(|e| panic!("refused: {e}"));
    let statuses: Vec<_> = file.draft.rows.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [Some(Status::UnderConstruction); 3]);
}

/// An error whose cause is already in its words (a file that is not there) says the cause once,
/// and says what to do, in the language asked for.
#[test]
fn a_missing_file_is_said_once_with_what_to_do() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("t.db");
    let db = db.to_str().expect("utf-8");
    for (lang, todo) in [("en", "Check"), ("zh", "请")] {
        let out = common::taizhang(&["--lang", lang, "--db", db, "--create", "import", "没有这个文件.xlsx"]);
        assert!(!out.status.success());
        let said = common::text(&out);
        let cause = std::io::Error::from(std::io::ErrorKind::NotFound).to_string();
        let os = said.lines().find(|l| l.contains("没有这个文件")).unwrap_or_default();
        assert_eq!(os.matches("os error 2").count(), 1, "{lang}: {said} ({cause})");
        assert!(os.contains(todo), "{lang}: no word of what to do: {said}");
    }
}

/// A filter of more values than SQLite binds in one statement (a saved view or a script naming
/// every place and category it knows) is answered as the whole snapshot answers it, not refused.
#[test]
fn a_filter_of_very_many_values_is_answered() {
    use taizhang::domain::{Filter, Period, SortColumn, SortOrder};
    let dir = tempfile::tempdir().expect("dir");
    let db = taizhang::db::Db::open(&dir.path().join("t.db")).expect("open");
    let month = Period::new(2025, 6).expect("m");
    let mut categories: Vec<String> = (0..40_000).map(|k| format!("类别{k}")).collect();
    categories.push("pipes".into());
    let filter = Filter { categories, ..Filter::default() };
    let whole = db.snapshot_at(month, 10.0).expect("whole");
    let (part, _) = db.snapshot_selecting(month, 10.0, &filter).unwrap_or_else(|e| panic!("refused: {e}"));
    let ids = |pf: &taizhang::domain::Portfolio| -> Vec<i64> {
        pf.view(&filter, SortColumn::Id, SortOrder::Ascending).iter().map(|&i| pf.projects[i].id.0).collect()
    };
    assert!(!ids(&whole.portfolio).is_empty());
    assert_eq!(ids(&part.portfolio), ids(&whole.portfolio));
}

/// `plan import` of a ledger whose header is not found lists its first rows: a cell's control
/// characters (a terminal's escape sequence, a line break inside a cell) are not printed as they
/// are, so the numbered rows stay one a line and nothing in the file drives the terminal.
#[test]
fn a_ledgers_first_rows_are_listed_without_its_control_characters() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("t.db");
    let ledger = dir.path().join("台账.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "标题\u{1b}[2J\u{1b}]0;伪造\u{7}").expect("title");
    ws.write_string(0, 1, "b").expect("b");
    ws.write_string(1, 0, "第一行\n第二行").expect("two lines");
    ws.write_number(1, 1, 2.0).expect("n");
    wb.save(&ledger).expect("xlsx");
    let out = common::taizhang(&[
        "--lang",
        "zh",
        "--db",
        db.to_str().expect("utf-8"),
        "--create",
        "plan",
        "import",
        ledger.to_str().expect("utf-8"),
        "--as-of",
        "2026-09",
    ]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(said.contains("   1 | 标题"), "{said:?}");
    assert!(!said.chars().any(|c| c.is_control() && c != '\n'), "{said:?}");
    assert!(said.lines().any(|l| l.starts_with("   2 | 第一行 第二行")), "{said:?}");
}
