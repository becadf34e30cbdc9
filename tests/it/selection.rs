//! The commands read only the rows their filter selects (issue 28): for every filter the CLI
//! tests use, at review months before, among and after the reports, the pushed-down read
//! (`Db::snapshot_selecting`) gives the rows, `list --format json` lines, review sheet, 通报 and
//! chart figures the whole snapshot gives.

use clap::Parser;
use taizhang::cli::{Cli, Command, ProjectJson};
use taizhang::db::{Db, ProblemFilter};
use taizhang::domain::{
    ChartData, Filter, LightRules, Notice, Period, ProjectId, Report, ReportIndex, ReportInput, SortColumn, SortOrder,
    Status,
};

/// Every filter of the CLI tests (tests/it/cli.rs, documents.rs, export.rs, round_two.rs,
/// safety.rs, slides.rs), as typed after `taizhang list`, and a few that combine them.
const FILTERS: &[&[&str]] = &[
    &[],
    &["--place", "钟山区"],
    &["--place", "钟山区", "--category", "pipes"],
    &["--place", "钟山区", "--category", "管网"],
    &["--place", "市中心城区", "--category", "schools"],
    &["--place", "六盘水高新区", "--category", "back_alleys"],
    &["--place", "咸宁市"],
    &["--place", "盘州市", "--place", "六枝特区"],
    &["--status", "在建"],
    &["--status", "under_construction"],
    &["--status", "已完工"],
    &["--status", "completed"],
    &["--status", "前期"],
    &["--status", "not_started", "--status", "suspended", "--place", "水城区"],
    &["--search", "钟山区供水"],
    &["--search", "钟山区燃气管网"],
    &["--search", "托位"],
    &["--search", "公园品质"],
    &["--search", "HYPERLINK"],
    &["--search", "gs", "--category", "pipes"],
    &["--nature", "新建"],
    &["--nature", "未填报"],
    &["--zhuanlan", "99"],
    &["--zhuanlan", "6", "--zhuanlan", "7"],
    &["--year-to", "2023"],
    &["--year-from", "2024", "--year-to", "2025", "--place", "钟山区"],
    &["--year-from", "3000", "--year-to", "1000"],
    &["--lagging", "--category", "pipes"],
    &["--lagging", "--lag-threshold", "30", "--category", "pipes"],
    &["--light", "yellow"],
    &["--light", "黄灯"],
    &["--light", "red", "--status", "在建", "--place", "市中心城区"],
];

/// The review months: before any report, among the demo's quarters, after a month closed,
/// and today (the commands' default).
fn months() -> Vec<Period> {
    let m = |y, m| Period::new(y, m).expect("month");
    vec![m(2021, 12), m(2025, 3), m(2025, 7), m(2025, 10), m(2026, 1), Period::today()]
}

fn parsed(args: &[&str], month: Period) -> (Filter, f64) {
    let month = month.to_string();
    let date = ["--date", month.as_str()];
    let words = ["taizhang", "list"].iter().chain(args).chain(&date).copied();
    let cli = Cli::try_parse_from(words).unwrap_or_else(|e| panic!("{args:?}: {e}"));
    match cli.command {
        Some(Command::List(list)) => (list.filters.filter(), list.filters.lag_threshold),
        other => panic!("not a list: {other:?}"),
    }
}

/// A demo database with what makes the answers differ by month: reports in five quarters, a
/// report after them, a project in the bin, two months closed, every light measure on.
fn demo() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("demo.db");
    let seed = taizhang::seed::bundled_seed().expect("seed");
    taizhang::demo::write_demo_db(&path, &seed, 1_500, 11).expect("demo");
    let db = Db::open(&path).expect("open");
    let plan = db.current_plan().expect("plan").id;
    db.set_light_rules(plan, &LightRules::full("all")).expect("rules");
    db.close_month(Period::new(2025, 6).expect("m"), "测试").expect("close 6");
    db.close_month(Period::new(2025, 9).expect("m"), "测试").expect("close 9");
    let later = ReportInput {
        project: Some(ProjectId(7)),
        period: Some(Period::new(2026, 3).expect("m")),
        status: Some(Status::Completed),
        progress_text: "提前完工".into(),
        ..ReportInput::default()
    };
    db.add_reports(&[later], "测试", Period::new(2026, 3).expect("m"), true).expect("later report");
    db.set_in_bin(ProjectId(12), true, "测试").expect("bin");
    (dir, db)
}

fn json(portfolio: &taizhang::domain::Portfolio, rows: &[usize], latest: &[Report]) -> serde_json::Value {
    let latest: std::collections::HashMap<ProjectId, &Report> = latest.iter().map(|r| (r.project, r)).collect();
    let items: Vec<ProjectJson<'_>> =
        rows.iter().map(|&i| ProjectJson::of(portfolio, i, latest.get(&portfolio.projects[i].id).copied())).collect();
    serde_json::to_value(items).expect("json")
}

#[test]
fn the_pushed_down_read_answers_every_cli_filter_as_the_whole_snapshot_does() {
    let (_dir, db) = demo();
    let problems: Vec<_> =
        db.problems(&ProblemFilter::default()).expect("problems").into_iter().map(|r| r.problem).collect();
    let all_reports = db.all_reports().expect("reports");
    let mut selected_somewhere = 0;
    for month in months() {
        // The whole snapshot and its report index depend only on the month and the threshold:
        // read once for each, not once a filter (the test took over a minute in CI).
        let whole_latest = db.latest_reports_until(month).expect("latest");
        let mut wholes: Vec<(u64, taizhang::db::Snapshot, ReportIndex)> = Vec::new();
        for args in FILTERS {
            let (filter, threshold) = parsed(args, month);
            if !wholes.iter().any(|(t, ..)| *t == threshold.to_bits()) {
                let whole = db.snapshot_at(month, threshold).expect("whole");
                let index = ReportIndex::new(&whole.portfolio, all_reports.clone());
                wholes.push((threshold.to_bits(), whole, index));
            }
            let (_, whole, whole_index) = wholes.iter().find(|(t, ..)| *t == threshold.to_bits()).expect("read above");
            let (part, part_latest) = db.snapshot_selecting(month, threshold, &filter).expect("selected");
            let sort = (SortColumn::Id, SortOrder::Ascending);
            let (w, p) = (&whole.portfolio, &part.portfolio);
            let whole_rows = w.view(&filter, sort.0, sort.1);
            let part_rows = p.view(&filter, sort.0, sort.1);
            let what = format!("{args:?} at {month}");
            assert!(p.projects.len() <= w.projects.len(), "{what}");
            let ids = |pf: &taizhang::domain::Portfolio, rows: &[usize]| -> Vec<i64> {
                rows.iter().map(|&i| pf.projects[i].id.0).collect()
            };
            assert_eq!(ids(p, &part_rows), ids(w, &whole_rows), "rows of {what}");
            selected_somewhere += usize::from(!part_rows.is_empty() && p.projects.len() < w.projects.len());
            assert_eq!(json(p, &part_rows, &part_latest), json(w, &whole_rows, &whole_latest), "list json of {what}");
            let sheet = |pf, rows: &[usize], latest: &[Report]| {
                let meta = taizhang::export::SheetMeta {
                    plan: String::new(),
                    filter: String::new(),
                    review: month,
                    dataset: whole.dataset,
                    generated: String::new(),
                };
                format!("{:?}", taizhang::export::ReviewSheet::new(pf, rows, latest, meta).rows)
            };
            assert_eq!(sheet(p, &part_rows, &part_latest), sheet(w, &whole_rows, &whole_latest), "sheet of {what}");
            let notice = |pf, rows: &[usize], latest: &[Report]| Notice::build(pf, rows, latest, &problems);
            assert_eq!(notice(p, &part_rows, &part_latest), notice(w, &whole_rows, &whole_latest), "通报 of {what}");
            let charts =
                |pf, rows: &[usize], index: &ReportIndex| ChartData::build(pf, rows).with_reports(pf, rows, index);
            let part_index = ReportIndex::new(p, db.reports_selecting(month, &filter).expect("reports"));
            assert_eq!(charts(p, &part_rows, &part_index), charts(w, &whole_rows, whole_index), "charts of {what}");
        }
    }
    // The pushed-down read did select: rows found among fewer projects read.
    assert!(selected_somewhere > 20, "{selected_somewhere}");
}

#[test]
fn a_month_before_the_plan_is_told_apart_without_the_whole_snapshot() {
    let (_dir, db) = demo();
    // The demo's first reports are of 2024-12: by then reported, before then not.
    assert!(db.reported_by(Period::new(2024, 12).expect("m")).expect("by"));
    assert!(!db.reported_by(Period::new(2024, 11).expect("m")).expect("by"));
}

/// The window's first screen (issue 28): the first rows by 序号, read before the whole snapshot,
/// are the whole snapshot's first rows with the same states, figures and lights; the bin stays
/// out.
#[test]
fn the_first_screen_is_the_whole_snapshots_first_rows() {
    let (_dir, db) = demo();
    for month in months() {
        let whole = db.snapshot_at(month, taizhang::domain::DEFAULT_LAG_THRESHOLD).expect("whole");
        let head = db.snapshot_head(month, taizhang::domain::DEFAULT_LAG_THRESHOLD, 100).expect("head");
        assert_eq!(head.portfolio.projects.len(), 100, "{month}");
        assert!(head.portfolio.projects.iter().all(|p| p.id != ProjectId(12)), "the bin is out");
        for (i, p) in head.portfolio.projects.iter().enumerate() {
            let w = whole.portfolio.projects.iter().position(|q| q.id == p.id).expect("in the whole");
            assert_eq!(p, &whole.portfolio.projects[w], "{month} {}", p.id.0);
            assert_eq!(head.portfolio.light(i), whole.portfolio.light(w), "{month} {}", p.id.0);
        }
        let ids: Vec<ProjectId> = head.portfolio.projects.iter().map(|p| p.id).collect();
        let first: Vec<ProjectId> = whole.portfolio.projects.iter().map(|p| p.id).take(100).collect();
        assert_eq!(ids, first, "{month}: the first rows by 序号");
    }
}

/// Each project's latest report up to a month, and its last of an earlier year, as they are
/// read from the kept current reports (issue 28: one pass over `current_reports`, the earlier
/// year's only by their figures) are those a scan of every report finds; the lights, figures
/// and 通报 worked out from them are the same.
#[test]
fn the_reports_read_from_the_kept_state_are_those_every_report_gives() {
    let (_dir, db) = demo();
    let problems: Vec<_> =
        db.problems(&ProblemFilter::default()).expect("problems").into_iter().map(|r| r.problem).collect();
    let all_reports = db.all_reports().expect("reports");
    // The last report of each project up to `month`, by a scan of them all.
    let scanned = |month: Period| -> Vec<Report> {
        let mut latest: std::collections::BTreeMap<ProjectId, &Report> = std::collections::BTreeMap::new();
        for r in all_reports.iter().filter(|r| r.period <= month) {
            if latest.get(&r.project).is_none_or(|l| l.period < r.period) {
                latest.insert(r.project, r);
            }
        }
        latest.into_values().cloned().collect()
    };
    for month in months() {
        let read = db.latest_reports_until(month).expect("latest");
        assert_eq!(read, scanned(month), "{month}");
        let whole = db.snapshot_at(month, taizhang::domain::DEFAULT_LAG_THRESHOLD).expect("whole");
        let mut by_scan = whole.portfolio.clone();
        by_scan.set_reports(&scanned(month), &scanned(Period { year: month.year - 1, month: 12 }));
        let w = &whole.portfolio;
        for i in 0..w.projects.len() {
            let what = format!("{month} {}", w.projects[i].id.0);
            assert_eq!(w.invest_year(i), by_scan.invest_year(i), "{what}");
            assert_eq!(w.light(i), by_scan.light(i), "{what}");
        }
        let rows = w.view(&Filter::default(), SortColumn::Id, SortOrder::Ascending);
        assert_eq!(
            Notice::build(w, &rows, &read, &problems),
            Notice::build(&by_scan, &rows, &scanned(month), &problems),
            "通报 of {month}"
        );
    }
}
