//! The chart figures' unit tests: counts, lights, pipe kinds and what the reports add.

use super::ChartData;
use crate::domain::{Gazetteer, Period, Portfolio, Project, Status};

fn pipe(id: i64, place: &str, done: Option<f64>, status: Status) -> Project {
    Project::sample(id, &format!("{place}管网{id}"), place, done, status)
}

#[test]
fn counts_quantities_and_lagging_by_district() {
    let mut portfolio = Portfolio::new(
        vec![
            pipe(1, "钟山区", Some(20.0), Status::Completed),
            pipe(2, "月照街道", Some(2.0), Status::UnderConstruction),
            pipe(3, "红果经济开发区", None, Status::NotStarted),
        ],
        Gazetteer::default(),
    );
    portfolio.set_schedule(Period::new(2024, 12).expect("p"), 10.0);
    let data = ChartData::build(&portfolio, &[0, 1, 2]);
    assert_eq!((data.total, data.completed, data.lagging_total), (3, 1, 2));
    let zs = data.by_district.iter().find(|d| d.key == "钟山区").expect("钟山区");
    assert_eq!((zs.total(), zs.counts[3], zs.lagging), (2, 1, 1));
    let behind: Vec<&str> = zs.most_behind.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(behind, ["月照街道管网2"], "the district's own lagging project");
    let km = data.km_by_district.iter().find(|q| q.label == "钟山区").expect("km");
    assert_eq!((km.target, km.done), (40.0, 22.0));
    let by_type: Vec<(&str, f64)> = data.km_by_type.iter().map(|q| (q.label.as_str(), q.target)).collect();
    assert_eq!(by_type, [("其他管网", 60.0)], "sample names name no kind of network");
    assert_eq!(data.lagging[0].name, "红果经济开发区管网3", "the furthest behind first");
    assert_eq!(data.by_category.len(), 1);
    // Lights (default gap-10-30): 2 of 20 km at 2024-12 is 10 % against 序时进度 75 %
    // (36 of the 48 months of 2022–2025), red;
    // nothing done is red too, further behind, so listed first; the completed one is green.
    assert_eq!(data.lights, [0, 1, 0, 2]);
    let why: Vec<String> = data.lit.iter().map(|e| e.why.summary(crate::domain::Lang::Zh)).collect();
    let lit: Vec<(&str, &str)> = data.lit.iter().zip(&why).map(|(e, why)| (e.name.as_str(), why.as_str())).collect();
    assert_eq!(
        lit,
        [("红果经济开发区管网3", "低于序时进度 75 个百分点"), ("月照街道管网2", "低于序时进度 65 个百分点")]
    );
    assert_eq!(super::lit_note(&data), None, "all listed");
}

#[test]
fn lights_are_counted_by_district_over_the_filtered_rows() {
    use crate::domain::{Filter, Light, SortColumn, SortOrder};
    // At 2024-12 序时进度 is 75 % (36 of the 48 months of 2022–2025); gap-10-30 by default.
    let mut portfolio = Portfolio::new(
        vec![
            pipe(1, "钟山区", Some(20.0), Status::Completed),          // done: green
            pipe(2, "月照街道", Some(2.0), Status::UnderConstruction), // in 钟山区, 65 behind: red
            pipe(3, "钟山区", Some(11.0), Status::UnderConstruction),  // 20 behind: yellow
            pipe(4, "水城区", Some(14.0), Status::UnderConstruction),  // 5 behind: green
            pipe(5, "钟山区", None, Status::NotStarted),               // nothing done: red
        ],
        Gazetteer::default(),
    );
    portfolio.set_schedule(Period::new(2024, 12).expect("p"), 10.0);
    let by_district = |data: &ChartData| -> Vec<(String, [u32; 4])> {
        data.lights_by_district.iter().map(|d| (d.key.clone(), d.counts)).collect()
    };
    let all: Vec<usize> = (0..5).collect();
    let data = ChartData::build(&portfolio, &all);
    // In the order of the status bars (largest first); counts in Light::ALL order
    // (未评价, green, yellow, red).
    assert_eq!(by_district(&data), [("钟山区".to_string(), [0, 1, 1, 2]), ("水城区".to_string(), [0, 1, 0, 0])]);
    let bars: Vec<&str> = data.by_district.iter().map(|g| g.key.as_str()).collect();
    assert_eq!(bars, ["钟山区", "水城区"]);
    let labels: Vec<&str> = data.lights_by_district.iter().map(|d| d.label.as_str()).collect();
    assert_eq!(labels, bars);
    assert_eq!(data.lights, [0, 2, 1, 2], "the districts add up to the whole");
    assert_eq!(data.lights_by_district[0].count(Light::Red), 2);
    assert_eq!(data.lights_by_district[1].count(Light::Green), 1);
    // Filtered to 钟山区: only 钟山区 (its 街道 included), and its counts are unchanged.
    let zhongshan = Filter { places: vec!["钟山区".into()], ..Filter::default() };
    let rows = portfolio.view(&zhongshan, SortColumn::Id, SortOrder::Ascending);
    let data = ChartData::build(&portfolio, &rows);
    assert_eq!(by_district(&data), [("钟山区".to_string(), [0, 1, 1, 2])]);
    // The slide comes with the rows and goes without them.
    assert!(super::slides(&data, &super::SlideKind::ALL).contains(&super::Slide::LightsByDistrict));
    let none = ChartData::build(&portfolio, &[]);
    assert!(none.lights_by_district.is_empty());
    assert!(!super::slides(&none, &super::SlideKind::ALL).contains(&super::Slide::LightsByDistrict));
}

#[test]
fn pipe_km_are_summed_by_kind_of_network() {
    let named = |id: i64, name: &str| Project::sample(id, name, "钟山区", Some(5.0), Status::UnderConstruction);
    let portfolio = Portfolio::new(
        vec![
            named(1, "钟山区污水管网建设改造"),
            named(2, "水城区污水管网建设改造"),
            named(3, "钟山区燃气管网建设改造"),
        ],
        Gazetteer::default(),
    );
    let data = ChartData::build(&portfolio, &[0, 1, 2]);
    let by_type: Vec<(&str, f64, f64)> = data.km_by_type.iter().map(|q| (q.label.as_str(), q.target, q.done)).collect();
    assert_eq!(by_type, [("污水管网", 40.0, 10.0), ("燃气管网", 20.0, 5.0)]);
}

#[test]
fn reports_give_investment_coordination_and_a_timeline() {
    use crate::domain::{ProjectId, Report};
    // A plan of 2021–2025: the timeline starts with the plan, not with the project.
    let plan = crate::domain::Plan { start_year: 2021, end_year: 2025, ..crate::domain::Plan::default() };
    let projects = vec![pipe(1, "钟山区", Some(10.0), Status::UnderConstruction)];
    let mut portfolio = Portfolio::for_plan(plan, projects, Gazetteer::default());
    portfolio.set_schedule(Period::new(2022, 12).expect("p"), 10.0);
    let report = |period: (i32, u8), done: f64| Report {
        id: 1,
        project: ProjectId(1),
        period: Period::new(period.0, period.1).expect("p"),
        status: Status::UnderConstruction,
        done: Some(done),
        invest_total: Some(1000.0),
        invest_year_plan: Some(300.0),
        invest_done: Some(120.0),
        progress_text: String::new(),
        problems: String::new(),
        coordination: "征地".into(),
        coordination_unit: "钟山区自然资源局".into(),
        coordination_due: "2023-03".into(),
        note: String::new(),
        reviewer: String::new(),
        created_at: String::new(),
        invest_year_done: None,
    };
    let reports = [report((2022, 6), 4.0), report((2022, 12), 10.0)];
    let index = super::ReportIndex::new(&portfolio, reports.to_vec());
    let data = ChartData::build(&portfolio, &[0]).with_reports(&portfolio, &[0], &index);
    assert_eq!(data.invest_by_district.len(), 1);
    assert_eq!((data.invest_by_district[0].planned, data.invest_by_district[0].done), (300.0, 120.0));
    // The overview's table: the district's counts and its investment side by side.
    let rows = data.overview_rows();
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!((r.label.as_str(), r.total, r.not_started, r.under_construction, r.completed), ("钟山区", 1, 0, 1, 0));
    assert_eq!((r.planned, r.done), (Some(300.0), Some(120.0)));
    let bare = ChartData::build(&portfolio, &[0]).overview_rows();
    assert_eq!((bare[0].planned, bare[0].done), (None, None), "no report, no investment: shown as —");
    assert_eq!(data.coordination[0].matter, "征地");
    // 2021-01 … 2022-12: 24 months; 4 of 20 km by June 2022, 10 by December.
    assert_eq!(data.timeline.len(), 24);
    let june = data.timeline.iter().find(|t| t.period == Period::new(2022, 6).expect("p")).expect("june");
    assert!((june.done - 0.2).abs() < 1e-9);
    let last = data.timeline.last().expect("last");
    assert!((last.done - 0.5).abs() < 1e-9);
    // 2022-01 to 2025-12 is 48 months; 12 have passed at the end of 2022.
    assert!((last.expected - 0.25).abs() < 1e-9);
    assert!(data.timeline[0].expected.abs() < 1e-9, "nothing is expected before the project starts");
}

#[test]
fn coordination_lists_the_earliest_due_and_counts_the_rest() {
    use crate::domain::{ProjectId, Report};
    let projects: Vec<Project> = (1..=20).map(|id| pipe(id, "钟山区", None, Status::UnderConstruction)).collect();
    let portfolio = Portfolio::new(projects, Gazetteer::default());
    let reports: Vec<Report> = (1..=21_i64)
        .map(|id| Report {
            id,
            // Project 21 is not in the portfolio (in the bin): its report is left out.
            project: ProjectId(id),
            period: Period::new(2024, 6).expect("p"),
            status: Status::UnderConstruction,
            done: None,
            invest_total: None,
            invest_year_plan: None,
            invest_done: None,
            progress_text: String::new(),
            problems: String::new(),
            coordination: "用地".into(),
            coordination_unit: String::new(),
            // Project 1 has no due date; the others are due 2024-02 … 2024-20 (as text).
            coordination_due: if id == 1 { String::new() } else { format!("2024-{id:02}") },
            note: String::new(),
            reviewer: String::new(),
            created_at: String::new(),
            invest_year_done: None,
        })
        .collect();
    let index = super::ReportIndex::new(&portfolio, reports);
    let rows: Vec<usize> = (0..20).collect();
    let data = ChartData::build(&portfolio, &rows).with_reports(&portfolio, &rows, &index);
    assert_eq!(data.coordination_total, 20);
    assert_eq!(data.coordination.len(), ChartData::COORDINATION_LIMIT);
    let dues: Vec<&str> = data.coordination.iter().map(|c| c.due.as_str()).collect();
    assert_eq!(dues[0], "2024-02");
    assert_eq!(dues[14], "2024-16");
    assert!(super::coordination_note(&data).expect("note").contains("共 20 项"));
}
