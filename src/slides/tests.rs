use crate::domain::{ChartData, Gazetteer, Lang, Portfolio, Project, Slide, SlideKind, Status, slides};

use super::{Block, Deck, build::NETWORKS_EN, network};

fn sample() -> ChartData {
    let projects: Vec<Project> = [
        (1, "供水管网改造", "钟山区", Status::UnderConstruction),
        (2, "污水管网新建", "钟山区", Status::Completed),
        (3, "棚户区改造", "水城区", Status::NotStarted),
        (4, "道路提升", "盘州市", Status::Preparing),
    ]
    .into_iter()
    .map(|(id, name, place, status)| Project::sample(id, name, place, None, status))
    .collect();
    let rows: Vec<usize> = (0..projects.len()).collect();
    ChartData::build(&Portfolio::new(projects, Gazetteer::default()), &rows)
}

#[test]
fn every_kind_of_network_has_an_english_name() {
    // One pipe row of each kind the chart data tells apart, and one it names none of.
    let names = ["供水管网", "污水管网", "雨水管网", "燃气管网", "供热管网", "通信管线"];
    let projects: Vec<Project> =
        (1..).zip(names).map(|(id, name)| Project::sample(id, name, "钟山区", None, Status::NotStarted)).collect();
    let rows: Vec<usize> = (0..projects.len()).collect();
    let data = ChartData::build(&Portfolio::new(projects, Gazetteer::default()), &rows);
    assert_eq!(data.km_by_type.len(), NETWORKS_EN.len());
    for bar in &data.km_by_type {
        assert!(network(&bar.label, Lang::En).is_ascii(), "{}", bar.label);
    }
}

#[test]
fn the_overview_counts_every_project_once_and_its_statuses() {
    let data = sample();
    let deck = slides(&data, &SlideKind::ALL);
    let page = Deck { data: &data, slides: &deck, subtitle: "规划 · 全部", lang: Lang::Zh, demo: true }
        .page(0)
        .expect("overview");
    assert_eq!(page.slide, Slide::Overview);
    assert_eq!(page.title, "总体情况");
    assert_eq!(page.number, format!("1 / {}", deck.len()));
    assert_eq!(page.demo.as_deref(), Some("演示数据"));
    let Block::Figures(figures) = &page.blocks[0] else { panic!("figures first: {:?}", page.blocks) };
    let values: Vec<u32> = figures.iter().map(|f| f.value).collect();
    assert_eq!(values, [4, 1, 1, 1, 1, 0, data.lagging_total], "all, each status, lagging");
    let Some(Block::Table(table)) = page.blocks.last() else { panic!("a table last") };
    assert_eq!(table.rows.len(), 3, "one row per district");
    assert_eq!(table.rows.iter().map(|r| r[1].text.parse::<u32>().expect("n")).sum::<u32>(), 4);
}

#[test]
fn english_pages_have_english_words_around_the_plans_names() {
    let data = sample();
    let deck = slides(&data, &SlideKind::ALL);
    let pages = Deck { data: &data, slides: &deck, subtitle: "", lang: Lang::En, demo: false }.pages();
    assert_eq!(pages.len(), deck.len());
    assert_eq!(pages[0].title, "Overview");
    let by_district = pages.iter().find(|p| p.slide == Slide::ByDistrict).expect("by district");
    let Block::Stacked(chart) = &by_district.blocks[0] else { panic!("bars") };
    assert!(chart.series.iter().all(|s| s.name.is_ascii()), "{:?}", chart.series);
    assert_eq!(chart.bars.iter().map(|b| b.total).sum::<u32>(), 4);
    assert!(pages.iter().all(|p| p.demo.is_none()));
}
