//! seed: the plan's key projects and indicators. `parse` reads the plan text; the reviewed
//! result is `assets/seed/plan_seed.json`, which is what a new database is seeded from.
//! Never touches the database or the UI.

mod indicators;
mod parse;
mod text;

use serde::{Deserialize, Serialize};

use crate::domain::{Comparator, Indicator, Zhuanlan};

pub use parse::parse_plan;

/// The bundled plan's title.
pub const PLAN_TITLE: &str = "六盘水市“十四五”新型城镇化发展规划";
/// First year of the bundled plan's period.
pub const PLAN_START_YEAR: i32 = 2021;
/// Last year of its period: the target year of rows whose box names none.
pub const PLAN_END_YEAR: i32 = 2025;
/// The root of its places.
pub const PLAN_CITY: &str = crate::domain::ROOT_PLACE;

/// The plan text, as published (a copy of `shared/seeds/004_…`).
pub const PLAN_TEXT: &str = include_str!("../../assets/plan/liupanshui-14th-urbanization-plan.txt");
/// The reviewed seed data produced from [`PLAN_TEXT`].
pub const SEED_JSON: &str = include_str!("../../assets/seed/plan_seed.json");

/// One seeded row: a named project, or one place's share of a quantity target.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeedProject {
    pub zhuanlan: u8,
    pub item: u8,
    pub name: String,
    pub category: String,
    pub place: String,
    pub unit: Option<String>,
    pub target: Option<f64>,
    /// The sentence's qualifier of the target (不少于90个托位 is at least 90); left out of the
    /// JSON when the plan states the bare number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_comparator: Option<Comparator>,
    pub target_year: i32,
    pub target_year_inferred: bool,
    pub start_year: Option<i32>,
    /// The clause of the plan the row was read from, exactly as printed.
    pub source: String,
}

/// A seeded row by what identifies it in the plan: its box, item and name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowKey {
    pub zhuanlan: u8,
    pub item: u8,
    pub name: String,
}

impl RowKey {
    /// The key of a seeded row.
    pub fn of(p: &SeedProject) -> Self {
        Self { zhuanlan: p.zhuanlan, item: p.item, name: p.name.clone() }
    }
}

/// A row that names again a project the plan named before it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeedLink {
    /// The later mention.
    pub repeat: RowKey,
    /// The first.
    pub same_as: RowKey,
}

/// Everything the plan seeds: boxes, rows and indicators.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanSeed {
    pub boxes: Vec<Zhuanlan>,
    pub projects: Vec<SeedProject>,
    pub indicators: Vec<Indicator>,
    /// The projects the plan names twice: each later mention and the first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<SeedLink>,
}

/// Things the parser noticed that a reviewer should look at (totals that do not add up…).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParseReport {
    pub seed: PlanSeed,
    pub problems: Vec<String>,
}

/// The reviewed seed bundled with the binary.
///
/// # Errors
/// Only if the bundled file is not valid JSON of this shape, which a test rules out.
pub fn bundled_seed() -> Result<PlanSeed, serde_json::Error> {
    serde_json::from_str(SEED_JSON)
}

/// Parses the bundled plan text and renders the seed as the pretty JSON kept in assets/.
///
/// # Errors
/// Only if serialisation fails, which plain data does not.
pub fn extract_bundled_plan() -> Result<(String, Vec<String>), serde_json::Error> {
    let report = parse_plan(PLAN_TEXT, &crate::domain::Gazetteer::default());
    let mut json = serde_json::to_string_pretty(&report.seed)?;
    json.push('\n');
    Ok((json, report.problems))
}

#[cfg(test)]
mod tests {
    use super::{PLAN_TEXT, PlanSeed, SeedProject, bundled_seed, extract_bundled_plan, parse_plan};
    use crate::domain::{CATEGORIES, Comparator, Gazetteer};

    fn parsed() -> PlanSeed {
        let report = parse_plan(PLAN_TEXT, &Gazetteer::default());
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        report.seed
    }

    #[test]
    fn bundled_seed_is_what_the_parser_reads_from_the_plan() {
        // A hand edit of assets/seed/plan_seed.json, or a parser change, shows up here;
        // regenerate with `taizhang extract-plan -o assets/seed/plan_seed.json` and review the diff.
        let bundled = bundled_seed().expect("bundled seed parses");
        let (json, _) = extract_bundled_plan().expect("serialises");
        assert_eq!(bundled, parsed());
        assert_eq!(json, super::SEED_JSON);
    }

    #[test]
    fn pipe_rows_add_up_to_the_plan_totals() {
        let seed = parsed();
        let pipes: Vec<_> = seed.projects.iter().filter(|p| p.category == "pipes").collect();
        assert_eq!(pipes.len(), 23);
        for (kind, total) in [("供水", 160.0), ("污水", 300.0), ("雨水", 110.0), ("燃气", 190.0), ("供热", 50.0)]
        {
            let sum: f64 =
                pipes.iter().filter(|p| p.name.contains(kind)).map(|p| p.target.expect("pipe rows have targets")).sum();
            assert!((sum - total).abs() < 1e-9, "{kind}: {sum} != {total}");
        }
        assert!(pipes.iter().all(|p| p.unit.as_deref() == Some("公里") && p.target_year == 2025));
        assert!(pipes.iter().all(|p| p.start_year == Some(2022) && !p.target_year_inferred));
        let zhongshan = pipes.iter().filter(|p| p.place == "钟山区").count();
        assert_eq!(zhongshan, 5);
    }

    #[test]
    fn hand_checked_rows() {
        let seed = parsed();
        let find =
            |name: &str| seed.projects.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("{name} missing"));
        let school = find("高新区石龙中学");
        assert_eq!(
            (school.place.as_str(), school.category.as_str(), school.zhuanlan, school.item),
            ("六盘水高新区", "schools", 7, 2)
        );
        assert!(school.target_year_inferred);
        let shelters = find("地下人防工程");
        assert_eq!((shelters.target, shelters.unit.as_deref()), (Some(45.0), Some("万平方米")));
        let shanty = find("钟山区棚户区改造");
        assert_eq!((shanty.target, shanty.unit.as_deref(), shanty.target_year), (Some(1.1519), Some("万户"), 2023));
        let alleys: f64 = seed.projects.iter().filter(|p| p.category == "back_alleys").filter_map(|p| p.target).sum();
        assert!((alleys - 267.0).abs() < 1e-9);
        let estates: f64 = seed.projects.iter().filter(|p| p.category == "old_estates").filter_map(|p| p.target).sum();
        assert!((estates - 5.69).abs() < 1e-9);
        assert_eq!(find("六盘水市第二中学").place, "六枝特区");
        assert_eq!(find("大用镇商贸物流类小镇").place, "大用镇");
        // One project over three streams is not cut at its 、.
        find("六枝特区桃花支流、万家河支流及营盘支流上游段雨水改造");
        find("人防疏散基地");
        find("六盘水市安全生产和防灾减灾综合体验馆");
        assert_eq!(find("城市公园品质提升工程").target, Some(80.0));
    }

    fn rows_of(seed: &PlanSeed, zhuanlan: u8, item: u8) -> Vec<&SeedProject> {
        seed.projects.iter().filter(|p| (p.zhuanlan, p.item) == (zhuanlan, item)).collect()
    }

    #[test]
    fn childcare_targets_have_rows() {
        // Issue 10, defect 1: 专栏7 item 5's second sentence sets numbers and had no rows.
        let seed = parsed();
        let targets: Vec<_> = rows_of(&seed, 7, 5).into_iter().filter(|p| p.target.is_some()).collect();
        let summary: Vec<(&str, &str, f64, Option<Comparator>)> = targets
            .iter()
            .map(|p| (p.name.as_str(), p.place.as_str(), p.target.unwrap_or_default(), p.target_comparator))
            .collect();
        let at_least = Some(Comparator::AtLeast);
        assert_eq!(
            summary,
            vec![
                ("六枝特区示范性婴幼儿照护服务机构", "六枝特区", 1.0, at_least),
                ("盘州市示范性婴幼儿照护服务机构", "盘州市", 1.0, at_least),
                ("水城区示范性婴幼儿照护服务机构", "水城区", 1.0, at_least),
                ("钟山区示范性婴幼儿照护服务机构", "钟山区", 1.0, at_least),
                ("六盘水高新区示范性婴幼儿照护服务机构", "六盘水高新区", 1.0, at_least),
            ]
        );
        for p in targets {
            assert_eq!((p.unit.as_deref(), p.target_year, p.target_year_inferred), (Some("个"), 2025, false));
            assert_eq!(p.category, "childcare");
        }
        // The projects the item names are still there, with no number, and the two rules for
        // every community (issue 27).
        let named = rows_of(&seed, 7, 5).into_iter().filter(|p| p.target.is_none()).count();
        assert_eq!(named, 8);
    }

    #[test]
    fn ethnic_culture_parks_have_a_row() {
        // Issue 10, defect 2: "打造一批彝族、布依族、苗族等少数民族文化传承体验园".
        let seed = parsed();
        let row = rows_of(&seed, 10, 2)
            .into_iter()
            .find(|p| p.name == "彝族、布依族、苗族等少数民族文化传承体验园")
            .expect("a row for the batch of 文化传承体验园");
        assert_eq!((row.place.as_str(), row.category.as_str()), ("六盘水市", "culture"));
        assert_eq!((row.target, row.unit.as_deref(), row.target_year_inferred), (None, None, true));
        assert_eq!(row.source, "充分挖掘全市少数民族文化资源,打造一批彝族、布依族、苗族等少数民族文化传承体验园");
    }

    #[test]
    fn every_unit_is_one_the_plan_uses() {
        // Issue 10, defect 3: "亿元(园区规模)" is not in the plan; it says "500亿级园区".
        let seed = parsed();
        for p in &seed.projects {
            if let Some(unit) = &p.unit {
                assert!(PLAN_TEXT.contains(unit.as_str()), "{}: unit {unit}", p.name);
            }
        }
        let parks: Vec<(&str, f64, &str)> = rows_of(&seed, 4, 1)
            .into_iter()
            .chain(rows_of(&seed, 4, 2))
            .filter_map(|p| Some((p.name.as_str(), p.target?, p.unit.as_deref()?)))
            .collect();
        assert_eq!(
            parks,
            vec![
                ("钟山产业园区力争打造500亿级园区", 500.0, "亿元"),
                ("水城经济开发区力争打造300亿级园区", 300.0, "亿元")
            ]
        );
        let scale: f64 = seed.projects.iter().filter(|p| p.name.ends_with("亿级园区")).filter_map(|p| p.target).sum();
        assert!((scale - 1700.0).abs() < 1e-9, "{scale}");
    }

    #[test]
    fn a_parks_year_is_its_target_not_its_projects() {
        // Issue 10, defect 4: "…全铝家居、熔铸…等项目建设,到2025年力争打造300亿级园区".
        let seed = parsed();
        let parks: Vec<&SeedProject> = seed.projects.iter().filter(|p| p.zhuanlan == 4).collect();
        assert_eq!(parks.len(), 67);
        for p in parks {
            let park_target = p.name.ends_with("亿级园区");
            assert_eq!((p.target_year, p.target_year_inferred), (2025, !park_target), "{}", p.name);
        }
        // A year stated before a list is still the listed projects' own (专栏6).
        let alleys = rows_of(&seed, 6, 3);
        assert!(alleys.iter().all(|p| (p.target_year, p.target_year_inferred) == (2023, false)));
    }

    #[test]
    fn project_targets_keep_their_qualifier() {
        // Issue 10, defect 7: "大于80%" was stored as 80 %, "不少于90个托位" as 90 (that one is a
        // rule for every community since issue 27, with no target).
        let seed = parsed();
        let find = |name: &str| seed.projects.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("{name}"));
        let parks = find("城市公园品质提升工程");
        assert_eq!((parks.target, parks.target_comparator), (Some(80.0), Some(Comparator::MoreThan)));
        let places = find("六盘水高新区示范性婴幼儿照护服务机构");
        assert_eq!((places.target, places.target_comparator), (Some(1.0), Some(Comparator::AtLeast)));
        let smart = find("智慧社区建设");
        assert_eq!((smart.target, smart.target_comparator), (Some(80.0), None), "覆盖率达80% is a bare number");
        let pipes = seed.projects.iter().filter(|p| p.category == "pipes");
        assert!(pipes.into_iter().all(|p| p.target_comparator.is_none()));
        let qualified = seed.projects.iter().filter(|p| p.target_comparator.is_some()).count();
        assert_eq!(qualified, 6);
    }

    fn place_of<'s>(seed: &'s PlanSeed, name: &str) -> &'s str {
        seed.projects.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("{name} missing")).place.as_str()
    }

    #[test]
    fn rows_the_plan_puts_in_the_central_city_are_in_it() {
        // Issue 27: the hubs and depots "在市中心城区", the 主城区 groups, 老鹰山片区 and the central
        // heating network were stored at 六盘水市, so choosing 市中心城区 missed them.
        let seed = parsed();
        let g = Gazetteer::default();
        let central = [
            "六盘水火车站片区改造提升",
            "高中教育城首末站",
            "六盘水公交总站(德坞)",
            "城北公交客运站",
            "红桥公交总站",
            "双水停车保养场",
            "凉都大道东段供热管道",
            "万景路段供热管道",
            "荷泉路南段供热管道",
            "老鹰山片区城市排水防涝工程",
            "贵州“三线”文化旅游(水城古镇、“三线”博物馆、“三线”文化长廊)提级改造",
        ];
        for name in central {
            assert_eq!(place_of(&seed, name), "市中心城区", "{name}");
        }
        // The box's hubs that name 盘州 stay there; a district-wide quota counts as central city
        // (README: the plan gives the central city's quotas by its three districts).
        assert_eq!(place_of(&seed, "盘州东客运站"), "盘州市");
        assert!(g.covers_name("市中心城区", place_of(&seed, "钟山区供热管网建设改造")));
        // Outside it: 大湾 is "市中心城区周边", 钟山南开 a rural township.
        for (name, town) in [("大湾电厂", "大湾镇"), ("钟山南开苗族芦笙演奏", "南开乡")] {
            assert_eq!(place_of(&seed, name), town);
            assert!(!g.covers_name("市中心城区", town), "{name}");
            assert!(g.covers_name("钟山区", town), "{name}");
        }
        let in_central = seed.projects.iter().filter(|p| g.covers_name("市中心城区", &p.place)).count();
        assert_eq!(in_central, 150);
    }

    #[test]
    fn places_written_alike_are_placed_alike() {
        // Issue 27: 水城 is the district as 钟山, 六枝 and 盘州 are; 胜境大道 and 火铺 are in 盘州市;
        // 红果 is 盘州's central city; 双凤 is 双凤镇.
        let seed = parsed();
        let g = Gazetteer::default();
        assert_eq!(place_of(&seed, "水城农民画"), "水城区");
        assert_eq!(place_of(&seed, "水城观音山三线文化公园"), "水城区");
        assert_eq!(place_of(&seed, "海航大道至胜境大道连接线排水管网改造"), "盘州市");
        assert_eq!(place_of(&seed, "胜境大道等非机动车道改造"), "盘州市");
        assert!(g.covers_name("盘州市", place_of(&seed, "火铺污水处理厂")));
        assert_ne!(place_of(&seed, "火铺污水处理厂"), crate::domain::ROOT_PLACE);
        assert_eq!(place_of(&seed, "盘州市红果污水厂(二期)"), place_of(&seed, "红果城区雨污管网改造(一期)"));
        assert_eq!(place_of(&seed, "盘州市红果污水厂(二期)"), "盘州市中心城区");
        assert_eq!(place_of(&seed, "盘州市双凤托育服务中心"), place_of(&seed, "双凤镇排水防涝设施"));
        // 水城古镇 is a landmark of the central city, not a place of 水城区.
        assert_eq!(place_of(&seed, "水城古镇"), "市中心城区");
    }

    #[test]
    fn a_rule_for_every_community_is_not_completed_by_one_facility() {
        // Issue 27: "力争所有城镇社区建成1个以上托育机构,2万人以上城市社区建成不少于90个托位" was two
        // city-wide targets of 1 and 90, which one facility reported as done would complete.
        use crate::domain::{Period, Project, Schedule, Status};
        let seed = parsed();
        for name in ["所有城镇社区建成1个以上托育机构", "2万人以上城市社区建成不少于90个托位"]
        {
            let row = seed.projects.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("{name}"));
            assert!(row.source.contains(name), "{name} is the plan's own words");
            assert_eq!((row.target, row.unit.as_deref(), row.target_year), (None, None, 2025), "{name}");
            let mut project = Project::sample(1, &row.name, &row.place, Some(90.0), Status::UnderConstruction);
            (project.target, project.unit, project.start_year) = (row.target, row.unit.clone(), row.start_year);
            let schedule = Schedule::of(&project, Period::new(2025, 12).expect("a month"), 2021);
            assert!(schedule.completion < 1.0, "{name}: one report of 90 completes it");
        }
    }

    #[test]
    fn every_landmark_rests_on_a_sentence_of_the_plan() {
        for l in crate::domain::LANDMARKS {
            assert!(PLAN_TEXT.contains(l.basis), "{}: {}", l.words, l.basis);
            assert!(l.basis.contains(l.words.trim_end_matches("片区")), "{}", l.words);
        }
    }

    #[test]
    fn titles_the_plan_does_not_print_say_they_are_ours() {
        // Issue 27: boxes 9–11 have neither number nor title in the plan.
        let seed = parsed();
        for b in &seed.boxes {
            let title = b.title.strip_suffix(super::parse::TITLE_OURS);
            assert_eq!(title.is_some(), !b.numbered, "{}", b.title);
            assert!(b.numbered || !PLAN_TEXT.contains(&format!("专栏{}", b.title)), "{}", b.title);
        }
        assert!(seed.boxes.iter().filter(|b| b.numbered).all(|b| PLAN_TEXT.contains(&b.title)));
    }

    #[test]
    fn every_row_keeps_its_provenance_and_known_codes() {
        let seed = parsed();
        let gazetteer = Gazetteer::default();
        assert_eq!(seed.projects.len(), 359);
        for p in &seed.projects {
            assert!(PLAN_TEXT.contains(&p.source), "source of {} is not in the plan", p.name);
            assert!(p.source.contains(p.name.split('(').next().unwrap_or_default()) || p.category != "schools");
            assert!(gazetteer.index_of(&p.place).is_some(), "{}", p.place);
            assert!(CATEGORIES.iter().any(|c| c.code == p.category), "{}", p.category);
            assert!((2021..=2025).contains(&p.target_year));
        }
        let numbers: Vec<(u8, bool)> = seed.boxes.iter().map(|b| (b.number, b.numbered)).collect();
        let expected: Vec<(u8, bool)> = (2..=11).map(|n| (n, n <= 8)).collect();
        assert_eq!(numbers, expected);
        for n in 2..=11 {
            assert!(seed.projects.iter().any(|p| p.zhuanlan == n), "no rows from 专栏{n}");
        }
        assert_eq!(seed.indicators.len(), 35);
    }
}
