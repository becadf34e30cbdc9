//! The rules, one small text each.

use super::draft_from_text;
use crate::domain::{Comparator, Gazetteer, PlaceDef, PlaceKind};
use crate::import::plan::{DraftRow, DraftSource, PlanDraft};

fn draft(text: &str) -> PlanDraft {
    draft_from_text(text, &Gazetteer::default())
}

fn row<'a>(d: &'a PlanDraft, name: &str) -> &'a DraftRow {
    d.rows.iter().find(|r| r.name == name).unwrap_or_else(|| panic!("{name} missing from {:#?}", d.rows))
}

fn names(d: &PlanDraft) -> Vec<&str> {
    d.rows.iter().map(|r| r.name.as_str()).collect()
}

#[test]
fn a_named_list_gives_one_row_per_project() {
    let d = draft("全力推进凤凰大道改造项目、城北污水处理厂项目、明湖湿地公园项目。\n");
    assert_eq!(names(&d), ["凤凰大道改造项目", "城北污水处理厂项目", "明湖湿地公园项目"]);
    assert_eq!(d.source, DraftSource::Document);
    let r = row(&d, "城北污水处理厂项目");
    assert_eq!(r.category, "sewage");
    assert_eq!(&r.context[r.source_range.0..r.source_range.1], r.source);
    assert_eq!(r.target_year, None);
    // Prose that only mentions things is not a list.
    assert!(draft("推进教育、医疗、养老等公共服务均等化。\n").rows.is_empty());
}

#[test]
fn lists_in_a_box_take_their_place_from_the_label() {
    let text = "专栏7 提升城市公共服务能力重点项目 |\n1. 城市教育服务能力提升工程。市中心城区:重点推进高中教育城、高新区石龙中学、红山幼儿园等项目建设;六枝特区:重点推进第三中学等项目建设。 |\n";
    let d = draft(text);
    assert_eq!(names(&d), ["高中教育城", "高新区石龙中学", "红山幼儿园", "第三中学"]);
    assert_eq!(row(&d, "高中教育城").place.as_deref(), Some("市中心城区"));
    assert_eq!(row(&d, "高新区石龙中学").place.as_deref(), Some("六盘水高新区"));
    assert_eq!(row(&d, "第三中学").place.as_deref(), Some("六枝特区"));
    assert!(d.rows.iter().all(|r| r.category == "schools"));
    assert_eq!(row(&d, "红山幼儿园").section, "专栏7 提升城市公共服务能力重点项目 / 1. 城市教育服务能力提升工程");
    assert_eq!(row(&d, "第三中学").line, 2);
}

#[test]
fn quantities_keep_number_unit_and_qualifier_as_printed() {
    let d = draft(
        "改造雨污分流管网0.4公里。新增床位500张。建成保障性住房32.0867万平方米。建成托位不少于90个。新增供热面积500万平方米以上。新建公园3个左右。\n",
    );
    let r = row(&d, "改造雨污分流管网");
    assert_eq!((r.target, r.unit.as_deref(), r.category.as_str()), (Some(0.4), Some("公里"), "pipes"));
    assert_eq!(r.source, "改造雨污分流管网0.4公里");
    let r = row(&d, "床位");
    assert_eq!((r.target, r.unit.as_deref()), (Some(500.0), Some("张")));
    let r = row(&d, "建成保障性住房");
    assert_eq!((r.target, r.unit.as_deref()), (Some(32.0867), Some("万平方米")));
    assert_eq!(row(&d, "建成托位").comparator, Some(Comparator::AtLeast));
    assert_eq!(row(&d, "供热面积").comparator, Some(Comparator::AtLeast));
    assert_eq!(row(&d, "新建公园").comparator, Some(Comparator::About));
    assert_eq!(row(&d, "新建公园").category, "parks");
    // Rates and per-head figures are indicators, not projects.
    assert!(draft("城市人均公园绿地面积达12平方米以上,污水处理率达97%。\n").rows.is_empty());
}

#[test]
fn a_sentence_with_several_places_gives_one_row_per_place() {
    let d = draft("到2025年,改造雨污分流管网,钟山区20公里、水城区15公里。\n");
    let rows: Vec<_> = d.rows.iter().map(|r| (r.name.as_str(), r.place.as_deref(), r.target, r.target_year)).collect();
    assert_eq!(
        rows,
        [
            ("钟山区改造雨污分流管网", Some("钟山区"), Some(20.0), Some(2025)),
            ("水城区改造雨污分流管网", Some("水城区"), Some(15.0), Some(2025)),
        ]
    );
    let r = &d.rows[1];
    assert_eq!(&r.context[r.source_range.0..r.source_range.1], "水城区15公里");
}

#[test]
fn shares_replace_their_total_which_is_checked() {
    let d =
        draft("2022—2025年,全市建设改造供水管网160公里,其中:六枝特区完成建设改造65公里、盘州市完成建设改造95公里。\n");
    assert_eq!(names(&d), ["六枝特区建设改造供水管网", "盘州市建设改造供水管网"]);
    assert!(d.rows.iter().all(|r| r.start_year == Some(2022) && r.target_year == Some(2025)));
    assert!(d.notes.is_empty(), "{:?}", d.notes);
    let d = draft("全市改造燃气管网100公里,其中:钟山区完成改造60公里、水城区完成改造30公里。\n");
    assert_eq!(d.rows.len(), 2);
    assert!(d.notes.iter().any(|n| n.zh.contains("100") && n.zh.contains("90")), "{:?}", d.notes);
}

#[test]
fn places_longest_match_and_aliases() {
    let d = draft("盘州市中心城区改造供水管网12公里。高新区改造燃气管网3公里。\n");
    assert_eq!(d.rows[0].place.as_deref(), Some("盘州市中心城区"));
    assert_eq!(d.rows[1].place.as_deref(), Some("六盘水高新区"));
    // A city the gazetteer does not know: no place rather than a guess.
    let empty = Gazetteer::new(&[PlaceDef {
        name: "某市",
        en: "A city",
        kind: PlaceKind::City,
        parent: None,
        member_of: &[],
        aliases: &["全市"],
        basis: "",
    }]);
    let d = draft_from_text("东城区改造供水管网12公里。\n", &empty);
    assert_eq!(d.rows[0].place, None);
    assert_eq!(d.rows[0].target, Some(12.0));
}

#[test]
fn years_only_where_the_sentence_states_them() {
    let d = draft(
        "2025年底前完成老旧小区改造1.2万户。\n2022—2025年新建道路30公里。\n202x年前改造供水管网5公里。\n改造燃气管网8公里。\n",
    );
    assert_eq!(row(&d, "老旧小区改造").target_year, Some(2025));
    assert_eq!((row(&d, "新建道路").start_year, row(&d, "新建道路").target_year), (Some(2022), Some(2025)));
    assert_eq!(row(&d, "新建道路").category, "roads");
    assert_eq!(row(&d, "202x年前改造供水管网").target_year, None);
    assert_eq!(row(&d, "改造燃气管网").target_year, None);
}

#[test]
fn title_period_and_years_outside_it() {
    let d = draft("某市“十五五”城市更新规划\n第一章 重点任务\n到2035年,新建道路30公里。\n");
    assert_eq!(d.title.as_deref(), Some("某市“十五五”城市更新规划"));
    assert_eq!((d.start_year, d.end_year), (Some(2026), Some(2030)));
    assert_eq!(d.rows[0].target_year, Some(2035));
    assert!(d.notes.iter().any(|n| n.line == 3 && n.zh.contains("2035") && n.en.contains("2035")), "{:?}", d.notes);
    let d = draft("某市城市更新行动计划(2026—2030年)\n改造供水管网5公里。\n");
    assert_eq!((d.start_year, d.end_year), (Some(2026), Some(2030)));
}

#[test]
fn sections_follow_the_headings_as_printed() {
    let text = "目 录\n第一章 总则\n第二章 任务\n第二章 重点任务\n一、城市更新\n（一）管网\n改造供水管网5公里。\n专栏3 城市交通重点项目\n1. 城区道路。重点推进凤凰大道、钟山大道等项目建设。\n";
    let d = draft(text);
    assert_eq!(row(&d, "改造供水管网").section, "第二章 重点任务 / 一、城市更新 / （一）管网");
    assert_eq!(row(&d, "凤凰大道").section, "专栏3 城市交通重点项目 / 1. 城区道路");
    assert_eq!(row(&d, "钟山大道").category, "roads");
}

#[test]
fn indicator_tables_are_not_projects() {
    let text = "专栏1 主要指标\n指标名称 |\n2025年 |\n城市管网建设改造(公里) |\n[810] |\n新增床位(张) |\n500张 |\n注:[]内为累计数\n";
    assert!(draft(text).rows.is_empty());
}

#[test]
fn the_same_name_and_place_twice_is_noted_with_both_lines() {
    let d = draft("钟山区改造供水管网5公里。\n其他内容。\n钟山区改造供水管网5公里。\n");
    assert_eq!(d.rows.len(), 2);
    let note = d.notes.iter().find(|n| n.zh.contains("第 1 行") && n.zh.contains("第 3 行")).expect("note");
    assert!(note.en.contains("line 1") && note.en.contains("line 3"));
}

#[test]
fn no_project_gives_a_note() {
    let d = draft("坚持以人为本,推进新型城镇化高质量发展。\n");
    assert!(d.rows.is_empty());
    assert_eq!(d.notes.len(), 1);
    assert_eq!(d.notes[0].line, 0);
}

#[test]
fn a_paragraph_about_the_past_gives_no_targets() {
    let d = draft("六盘水市“十四五”新型城镇化发展规划\n2020年全市建设地下综合管廊39.8公里,比2015年增加10公里。\n");
    assert!(d.rows.is_empty(), "{:?}", d.rows);
}
