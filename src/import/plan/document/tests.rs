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
    assert!(d.notes.iter().any(|n| n.zh().contains("100") && n.zh().contains("90")), "{:?}", d.notes);
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
    assert!(d.notes.iter().any(|n| n.line == 3 && n.zh().contains("2035") && n.en().contains("2035")), "{:?}", d.notes);
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
    let note = d.notes.iter().find(|n| n.zh().contains("第 1 行") && n.zh().contains("第 3 行")).expect("note");
    assert!(note.en().contains("line 1") && note.en().contains("line 3"));
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

#[test]
fn a_short_numbered_line_with_a_target_is_an_item_not_a_heading() {
    let d = draft("一、城市建设\n三、新建公共停车位800个。\n四、改造老旧小区20个。\n");
    let rows: Vec<_> = d.rows.iter().map(|r| (r.name.as_str(), r.target, r.section.as_str())).collect();
    assert_eq!(
        rows,
        [("新建公共停车位", Some(800.0), "一、城市建设 / 三、"), ("改造老旧小区", Some(20.0), "一、城市建设 / 四、")]
    );
    // A line that only names a project is a project too: 1.谋道小学综合楼建设项目.
    let d = draft("2025年民生实事项目\n1.利川市谋道镇谋道小学综合楼建设项目\n2.华盛大道至滨江北路连接线工程\n");
    assert_eq!(names(&d), ["利川市谋道镇谋道小学综合楼建设项目", "华盛大道至滨江北路连接线工程"]);
    assert!(d.rows.iter().all(|r| r.target_year == Some(2025)), "{:?}", d.rows);
}

#[test]
fn a_district_heading_places_the_items_under_it() {
    let d = draft(
        "钟山区：\n新建公共停车位800个。\n（二）水城区\n1. 改造老旧小区20个；\n2. 重点推进凤凰大道等项目建设。\n",
    );
    let rows: Vec<_> = d.rows.iter().map(|r| (r.name.as_str(), r.place.as_deref())).collect();
    assert_eq!(
        rows,
        [
            ("钟山区新建公共停车位", Some("钟山区")),
            ("水城区改造老旧小区", Some("水城区")),
            ("凤凰大道", Some("水城区")),
        ]
    );
}

#[test]
fn units_offices_use_and_chinese_numerals() {
    let d = draft(
        "安装路灯120盏。培训技工300名。新增就业4500人。举办招聘会20场次。新建两座污水处理厂。新建停车位三千个。植树5万株。新增停车位1万个。\n",
    );
    let got: Vec<_> = d.rows.iter().map(|r| (r.target, r.unit.as_deref())).collect();
    assert_eq!(
        got,
        [
            (Some(120.0), Some("盏")),
            (Some(300.0), Some("名")),
            (Some(4500.0), Some("人")),
            (Some(20.0), Some("场次")),
            (Some(2.0), Some("座")),
            (Some(3000.0), Some("个")),
            (Some(5.0), Some("万株")),
            (Some(10000.0), Some("个")),
        ]
    );
    assert_eq!(row(&d, "新建污水处理厂").category, "sewage");
    // Words that only look like a number and a unit: 统一, 一张图, 十四五, 第一个.
    assert!(draft("统一规划城市运行一张图。落实“十四五”规划,建成第一个示范区。\n").rows.is_empty());
}

#[test]
fn a_breakdown_never_replaces_the_main_figure_and_two_targets_are_two_rows() {
    let d = draft("改造危桥9座（其中县道3座）。新建停车场2处并安装充电桩300个。建设100个口袋公园和10座体育公园。\n");
    let got: Vec<_> = d.rows.iter().map(|r| (r.name.as_str(), r.target, r.source.as_str())).collect();
    assert_eq!(
        got,
        [
            ("改造危桥", Some(9.0), "改造危桥9座（其中县道3座）"),
            ("新建停车场", Some(2.0), "新建停车场2处"),
            ("安装充电桩", Some(300.0), "并安装充电桩300个"),
            ("建设口袋公园", Some(100.0), "建设100个口袋公园"),
            ("体育公园", Some(10.0), "和10座体育公园"),
        ]
    );
    // A count before its thing: 改造提升1个区域性养老服务中心.
    assert_eq!(draft("改造提升1个区域性养老服务中心。\n").rows[0].name, "改造提升区域性养老服务中心");
    // Names sharing one number stay one row: 20 schools of three kinds.
    assert_eq!(names(&draft("新建、改扩建公办幼儿园、小学、初中20所。\n")), ["新建、改扩建公办幼儿园、小学、初中"]);
}

#[test]
fn counts_of_the_list_dimensions_and_beneficiaries_are_not_targets() {
    let d = draft(
        "今年共10个项目被列入民生实事。新建道路1.2公里,路面宽16米。建设35千伏变电站。改造G320。改造老旧小区30个,惠及3万人。\n",
    );
    let got: Vec<_> = d.rows.iter().map(|r| (r.name.as_str(), r.target, r.unit.as_deref())).collect();
    // The substation and the road are named, with no target: 35千伏 is a voltage, G320 a number.
    assert_eq!(
        got,
        [
            ("新建道路", Some(1.2), Some("公里")),
            ("35千伏变电站", None, None),
            ("G320", None, None),
            ("改造老旧小区", Some(30.0), Some("个"))
        ]
    );
    // Who gains is kept beside the row.
    assert_eq!(row(&d, "改造老旧小区").content.as_deref(), Some("惠及3万人"));
}

#[test]
fn named_projects_in_every_form_a_report_uses() {
    let d = draft(
        "开工建设京开大道互通式立交、宋村人工湿地、冷链物流集配中心等项目。\n\
         打通和义路、凤鸣路等“断头路”。\n\
         推动标准化厂房二期、太子参小微园上半年投用。\n\
         启动塘村引水渠更新改造项目。\n\
         省道S246线康溪至大岭段改线工程建成通车。\n\
         拓宽新民路等8条道路。\n",
    );
    assert_eq!(
        names(&d),
        [
            "京开大道互通式立交",
            "宋村人工湿地",
            "冷链物流集配中心",
            "和义路",
            "凤鸣路",
            "标准化厂房二期",
            "太子参小微园",
            "塘村引水渠更新改造项目",
            "省道S246线康溪至大岭段改线工程",
            "新民路",
            "新民路等8条道路",
        ]
    );
    assert_eq!(
        (row(&d, "新民路等8条道路").target, row(&d, "新民路等8条道路").unit.as_deref()),
        (Some(8.0), Some("条"))
    );
    // A kind of project, not a project: 推进重大项目.
    assert!(draft("加快推进重大项目建设。推进教育、医疗、养老等公共服务均等化。\n").rows.is_empty());
}

#[test]
fn a_list_titled_for_one_year_is_due_that_year_as_the_title_says() {
    let d = draft("保康县2026年县政府民生实事项目\n一、新建农村公路100公里。\n二、到2027年建成水厂1座。\n");
    assert_eq!((d.start_year, d.end_year), (Some(2026), Some(2026)));
    assert_eq!(row(&d, "新建农村公路").target_year, Some(2026));
    assert_eq!(row(&d, "水厂").target_year, Some(2027));
    assert!(d.notes.iter().any(|n| n.line == 0 && n.zh().contains("2026")), "{:?}", d.notes);
}

#[test]
fn what_gave_no_draft_is_listed_as_unread_with_its_place() {
    use crate::import::plan::UnreadWhy;
    let text =
        "推进城市更新。\n推进教育、医疗、养老等公共服务均等化。\n改造老旧小区30个；人均公园绿地面积达到15平方米。\n";
    let d = draft(text);
    assert_eq!(names(&d), ["改造老旧小区"]);
    let unread: Vec<_> = d.unread.iter().map(|u| (u.line, u.text.as_str(), u.why)).collect();
    assert_eq!(
        unread,
        [
            (2, "推进教育、医疗、养老等公共服务均等化", UnreadWhy::NoRule),
            (3, "人均公园绿地面积达到15平方米", UnreadWhy::Indicator),
        ]
    );
    let u = &d.unread[0];
    assert_eq!(&u.context[u.range.0..u.range.1], u.text);
    assert_eq!(d.candidates, 3);
    // A draft made by hand from it keeps its source.
    let made = u.to_draft();
    assert_eq!((made.source.as_str(), made.line), (u.text.as_str(), 2));
}

#[test]
fn no_draft_is_ever_nameless() {
    let d = draft("1. 300个。\n2. 20公里；\n");
    assert!(!d.rows.is_empty());
    assert!(d.rows.iter().all(|r| !r.name.trim().is_empty()), "{:?}", d.rows);
}

/// Cases a hostile pass found (each failed before its fix).
#[test]
fn hostile_texts_give_no_panic_and_no_false_target() {
    // A total replaced by its parts, then a beneficiary count in the next part: this indexed
    // past the rows.
    let d = draft("全市新建学校3所，其中小学2所、中学1所；惠及学生5000人。\n");
    // A breakdown by kind (not by place) leaves the total the figure.
    assert_eq!(names(&d), ["全市新建学校", "六盘水市小学", "六盘水市中学"]);
    assert_eq!(d.rows[0].target, Some(3.0));
    // Numbers past any real target, quoted slogans, list counts and dimensions are no targets.
    for text in [
        "新建１２３４５６７８９０１２３４５６７８９０个停车位。",
        "新建九千万亿个停车位。",
        "坚决做到“两个维护”。",
        "今年共实施10个项目，总投资50亿元。",
        "2026年共安排重点项目30个。",
        "道路16米宽。",
        "落实四个全面。",
    ] {
        assert!(draft(text).rows.iter().all(|r| r.target.is_none()), "{text}: {:?}", draft(text).rows);
    }
    let d = draft("新建跨度30米的桥梁1座。\n");
    let got: Vec<_> = d.rows.iter().map(|r| (r.name.as_str(), r.target)).collect();
    assert_eq!(got, [("新建跨度30米的桥梁", Some(1.0))], "the span describes the bridge counted");
    // A row is named by words, never by brackets or a number alone, and carries no control
    // characters.
    for text in ["（20个）\n", "3. 20个\n", "1. 新建1个\n", "新建\u{1b}[31m停车位\u{202e}20个。\n"] {
        for r in draft(text).rows {
            assert!(r.name.chars().any(char::is_alphabetic) && r.name != "新建", "{text}: {:?}", r.name);
            assert!(!r.name.chars().any(|c| c.is_control() || c == '\u{202e}'), "{:?}", r.name);
        }
    }
}

#[test]
fn chinese_numerals_read_as_written() {
    let value = |t: &str| super::words::quantities(t).first().map(|q| q.value);
    assert_eq!(value("三亿五千万个"), Some(3.5e8));
    assert_eq!(value("九千万亿个"), None, "9×10^15: over the largest target");
    assert_eq!(value("新建一百零五个"), Some(105.0));
    assert_eq!(value("新建一百零零五个"), None);
    assert_eq!(value("新建十十十个"), None);
    assert_eq!(value("改造三千二百户"), Some(3200.0));
    assert_eq!(value("新建两万个"), Some(20_000.0));
    assert_eq!(value("惠及三万人"), Some(3.0), "三万人: 3 万人");
}

#[test]
fn a_plans_target_year_is_no_title_year_and_old_mac_lines_are_lines() {
    let d = draft("某市国民经济和社会发展第十四个五年规划和2035年远景目标纲要\n新建停车位800个。\n");
    assert_eq!(d.rows[0].target_year, None, "2035 is the 远景, not the row's year");
    let d = draft("某市2020年修订的城市更新实施方案\n新建停车位800个。\n");
    assert_eq!(d.rows[0].target_year, None);
    let d = draft("2026年民生实事项目\r1.新建停车位800个；\r2.改造老旧小区20个；\r");
    assert_eq!(d.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 3]);
    assert!(d.rows.iter().all(|r| r.target_year == Some(2026)));
}

#[test]
fn a_paragraph_of_a_page_keeps_a_bounded_context_per_row() {
    let text = "新建停车位8个，".repeat(20_000);
    let d = draft(&text);
    assert_eq!(d.rows.len(), 20_000);
    for r in &d.rows {
        assert!(r.context.len() <= 5000, "{}", r.context.len());
        assert_eq!(&r.context[r.source_range.0..r.source_range.1], r.source);
    }
}

#[test]
fn a_list_read_in_part_is_listed_and_one_read_whole_is_not() {
    use crate::import::plan::UnreadWhy;
    let whole = draft("全力推进钟山区第三中学、水城区人民医院扩建、六枝特区体育公园等项目建设。\n");
    assert_eq!(whole.rows.len(), 3);
    assert!(whole.unread.is_empty(), "{:?}", whole.unread);
    // A length the list's element states but no row took as its target: read in part.
    let part = draft("开工建设北关大桥、环城东路1.5公里拓宽等项目。\n");
    assert_eq!(names(&part), ["北关大桥", "环城东路1.5公里拓宽"]);
    let unread: Vec<_> = part.unread.iter().map(|u| (u.text.as_str(), u.why)).collect();
    assert_eq!(unread, [("开工建设北关大桥、环城东路1.5公里拓宽等项目", UnreadWhy::Partly)]);
    // Every number and name accounted for: targets, who gains, a breakdown, names sharing one
    // count, and a list whose every element gave a row.
    for text in [
        "新增机动车位1500个、充电桩1000个。\n",
        "为全县800名困境、留守儿童提供关爱服务。\n",
        "改造危桥9座（其中县道3座）,惠及2万人。\n",
        "新建、改扩建公办幼儿园、小学20所。\n",
        "引进80名以上骨干教师、校长开展帮扶。\n",
        "丰富滨江公园、揽月园等休闲功能。\n",
        "新增、改造变压器40台。\n",
        "新建职工宿舍,建筑共5层、40套。\n",
    ] {
        let d = draft(text);
        assert!(!d.rows.is_empty() && d.unread.is_empty(), "{text}: {:?} {:?}", d.rows, d.unread);
    }
}

#[test]
fn named_institutions_or_their_parts_worked_on_after_dui() {
    assert_eq!(names(&draft("对县中医院进行改造提升。\n")), ["县中医院"]);
    let d = draft("并对实验小学操场、城关中学食堂和南山中学图书室优化提升。\n");
    assert_eq!(names(&d), ["实验小学操场", "城关中学食堂", "南山中学图书室"]);
    // Equipment, or kinds of thing, are not named projects.
    for text in ["对除尘机、鼓风机等老旧设备进行更新。\n", "对全县学校进行改造。\n"] {
        assert!(draft(text).rows.is_empty(), "{text}: {:?}", draft(text).rows);
    }
}

#[test]
fn a_bracket_never_closed_does_not_swallow_the_sentence() {
    // A misprint leaves 除颤仪(AED open: the clauses after it are still clauses, and a count
    // after an abbreviation counts the thing abbreviated (a road's G320 is no count).
    let d = draft("在车站、商场等场所配备除颤仪(AED60台;完成急救培训30人,志愿者培训200人以上。\n");
    let got: Vec<_> = d.rows.iter().map(|r| (r.target, r.unit.as_deref())).collect();
    assert_eq!(got, [(Some(60.0), Some("台")), (Some(30.0), Some("人")), (Some(200.0), Some("人"))], "{:?}", d.rows);
    assert!(d.rows[0].name.contains("除颤仪"));
    assert_eq!(row(&d, "志愿者培训").comparator, Some(Comparator::AtLeast));
}

#[test]
fn items_numbered_after_a_lead_sentence_on_its_line() {
    let d = draft("三、停车设施项目。1.在东门菜市场,新建一座立体停车库;2.在西湖公园北门,新建停车位80个。\n");
    let got: Vec<_> = d.rows.iter().map(|r| (r.name.as_str(), r.target)).collect();
    assert_eq!(
        got,
        [("停车设施项目", None), ("东门菜市场新建立体停车库", Some(1.0)), ("西湖公园北门新建停车位", Some(80.0))],
        "{:?}",
        d.rows
    );
    assert_eq!(row(&d, "东门菜市场新建立体停车库").section, "三、 / 1.");
    // Where a target is built is read with it; a 在 that names no target's place is not.
    assert!(d.unread.is_empty(), "{:?}", d.unread);
    assert!(
        draft("在工作中创新、在实践中提高。\n").unread.iter().all(|u| u.why != crate::import::plan::UnreadWhy::Partly)
    );
}

#[test]
fn people_counted_in_wan_and_sessions_counted_in_qi() {
    let d = draft("为150万城乡居民开展免费体检。举办技能培训不少于8期。\n");
    let got: Vec<_> = d.rows.iter().map(|r| (r.target, r.unit.as_deref())).collect();
    assert_eq!(got, [(Some(150.0), Some("万")), (Some(8.0), Some("期"))]);
    // Money, a phase and a phase's works are no targets.
    for text in ["为企业争取资金3000万元。\n", "建设物流园二期。\n", "完成3期工程。\n"] {
        assert!(draft(text).rows.iter().all(|r| r.target.is_none()), "{text}: {:?}", draft(text).rows);
    }
}

#[test]
fn a_work_at_a_named_road_town_or_zone_is_a_project() {
    let d = draft("建设枫林路(东环路-西环路)雨水管网及附属设施,主要铺设雨水管网800米。\n");
    assert_eq!(names(&d), ["枫林路(东环路-西环路)雨水管网及附属设施", "主要铺设雨水管网"]);
    // Its length in the next clause measures it.
    let d = draft("铺设滨河大道供水主管网,全长约2.1公里。\n");
    let got: Vec<_> = d.rows.iter().map(|r| (r.name.as_str(), r.target)).collect();
    assert_eq!(got, [("滨河大道供水主管网", None), ("滨河大道供水主管网", Some(2.1))]);
    assert_eq!(names(&draft("完成青石街道污水管网配套项目建设。\n")), ["青石街道污水管网配套"]);
    assert_eq!(names(&draft("协助做好210国道沿线边坡治理。\n")), ["210国道沿线边坡治理"]);
    assert_eq!(names(&draft("道路工程,完成南街改造,北环路大中修。\n")).last(), Some(&"北环路"));
    // Kinds of road or place, and words that only begin like one, are not.
    for text in [
        "全力推进污水治理项目建设。\n",
        "建设城市快速路排水设施。\n",
        "推动教师资源向乡村倾斜。\n",
        "建设市县乡三级物资储备体系。\n",
        "做好新型城镇化建设试点工作。\n",
    ] {
        assert!(draft(text).rows.is_empty(), "{text}: {:?}", draft(text).rows);
    }
}

#[test]
fn named_things_before_a_bare_deng_a_kind_with_its_work_and_road_numbers() {
    assert_eq!(names(&draft("丰富滨江公园、揽月园等休闲功能。\n")), ["滨江公园", "揽月园"]);
    assert!(draft("丰富群众文化生活。\n").rows.is_empty());
    assert_eq!(names(&draft("培育纺织服装产业园。\n")), ["纺织服装产业园"]);
    let d = draft("实施枫林路等6条道路绿化。\n");
    let got: Vec<_> = d.rows.iter().map(|r| (r.name.as_str(), r.target)).collect();
    assert_eq!(got, [("枫林路", None), ("枫林路等6条道路绿化", Some(6.0))]);
    assert_eq!(names(&draft("按照一级公路标准改造提升G210、S305。\n")), ["G210", "S305"]);
}

#[test]
fn a_tables_progress_column_repeating_the_target_is_no_target() {
    // A row of a table flattened to a line: the target, the office, then the months' progress in
    // the target's own words.
    let d = draft(
        "2 加装电梯 为老旧住宅加装电梯20部,改造楼道照明60处。 区住建局 为老旧住宅加装电梯7部,改造楼道照明15处。\n",
    );
    let got: Vec<_> = d.rows.iter().map(|r| (r.target, r.unit.as_deref())).collect();
    assert_eq!(got, [(Some(20.0), Some("部")), (Some(60.0), Some("处"))], "{:?}", d.rows);
    assert!(d.unread.is_empty(), "{:?}", d.unread);
    // Targets for two years are two targets; 部门 is no unit.
    let d = draft("到2026年新建停车位300个。到2027年新建停车位500个。三部门联合督办。\n");
    assert_eq!(d.rows.iter().map(|r| r.target).collect::<Vec<_>>(), [Some(300.0), Some(500.0)]);
}

#[test]
fn a_work_at_a_named_place_joined_to_a_count_is_a_row_of_its_own() {
    let d = draft("新建城北线东段自行车道及3座人行天桥。\n");
    let got: Vec<_> = d.rows.iter().map(|r| (r.name.as_str(), r.target)).collect();
    assert_eq!(got, [("城北线东段自行车道", None), ("人行天桥", Some(3.0))]);
    assert_eq!(row(&d, "城北线东段自行车道").source, "新建城北线东段自行车道");
    // A kind of thing joined to a count stays with it.
    assert_eq!(draft("新建停车场及300个充电桩。\n").rows.len(), 1);
    // 生产线 and 沿线 name no line.
    assert!(draft("提升公路沿线绿化。\n").rows.is_empty());
}

#[test]
fn a_work_named_by_its_own_name_is_listed_when_no_rule_reads_it() {
    use crate::import::plan::UnreadWhy;
    let d = draft("青龙大桥已具备通车条件，“东城-西城”公交线路拟年内开通。\n");
    let unread: Vec<_> = d.unread.iter().map(|u| (u.text.as_str(), u.why)).collect();
    assert_eq!(
        unread,
        [("青龙大桥已具备通车条件", UnreadWhy::NoRule), ("“东城-西城”公交线路拟年内开通", UnreadWhy::NoRule)]
    );
    // A kind of work of the whole city is no name.
    assert!(draft("提升城市交通枢纽功能。\n").unread.is_empty());
}

#[test]
fn a_count_said_whole_ends_its_piece_and_what_follows_unread_is_listed() {
    use crate::import::plan::UnreadWhy;
    let d = draft("推动城西药厂3个新药获批、本地研发疫苗进入临床试验。\n");
    let got: Vec<_> = d.rows.iter().map(|r| (r.source.as_str(), r.target)).collect();
    assert_eq!(got, [("推动城西药厂3个新药获批", Some(3.0))]);
    let unread: Vec<_> = d.unread.iter().map(|u| (u.text.as_str(), u.why)).collect();
    assert_eq!(unread, [("推动城西药厂3个新药获批、本地研发疫苗进入临床试验", UnreadWhy::Partly)]);
}

#[test]
fn items_a_pdf_ran_together_after_a_projects_name_are_items() {
    // A wrapped line joined to the next: 3.…项目4.… on one line, numbered from 3.
    let d = draft("2026年民生实事项目\n3.城东小学教学楼建设项目4.南河路排水改造工程\n");
    assert_eq!(names(&d), ["城东小学教学楼建设项目", "南河路排水改造工程"]);
    assert_eq!(d.rows[1].section, "4.");
    // A date is no item's number, and a project's figure after its name is no item.
    let d = draft("5月10日,新建停车位800个。1.北关大桥改造项目2.5亿元\n");
    let got: Vec<_> = d.rows.iter().map(|r| (r.name.as_str(), r.section.as_str(), r.target)).collect();
    assert_eq!(got, [("新建停车位", "", Some(800.0)), ("北关大桥改造项目2.5亿元", "1.", None)]);
}
