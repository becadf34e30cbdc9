//! Reads the plan's 专栏 boxes (prose such as "市中心城区:重点推进A、B等项目建设;六枝特区:…")
//! into one row per named project, or per place and target where a box gives quantities.

use super::PLAN_END_YEAR;
use crate::domain::{Comparator, Gazetteer, ROOT_PLACE, Zhuanlan};

use super::indicators::parse_indicators;
use super::text::{
    qualifier_around, split_leading_qualifier, split_top_level, split_trailing_qualifier, stated_period,
    trailing_quantity,
};
use super::{ParseReport, PlanSeed, RowKey, SeedLink, SeedProject};

/// Titles of the boxes the plan prints without a number, in order (their sections' subjects).
/// The plan prints these boxes without a title too: the titles are ours, and say so wherever
/// a box's title shows (the window, the review sheet, the CLI) with [`TITLE_OURS`].
const UNNUMBERED_TITLES: [&str; 3] = ["城市生态环境", "人文城市", "社区"];
/// What follows a title the plan does not print.
pub const TITLE_OURS: &str = "(原文无标题,整理时所拟)";
/// Words that open a list of projects.
const TRIGGERS: &[&str] = &["重点推进", "重点打造", "重点实施", "重点在", "推动", "建成", "启动", "保护与传承"];
/// What follows the 等 that closes a list (…等项目建设, …等城市商圈).
const LIST_ENDS: &[&str] = &["项目", "城市商圈", "步行街", "主题消费活动", "培育", "文化遗产"];
/// Verbs that may open a list element and are not part of the project's name.
const LEADING_VERBS: &[&str] = &["重点推进", "建成", "启动", "推进"];
/// Units a list element may end in as a quantity target (建成地下人防工程45万平方米).
const ELEMENT_UNITS: &[&str] = &["万平方米", "平方米", "公里", "万户", "户", "条", "所", "个"];
/// Units of the per-place shares in 专栏6.
const SHARE_UNITS: &[&str] = &["万户", "条", "公里"];
/// Phrases whose 、 does not separate projects: one project over several streams.
const PROTECTED: &[&str] = &["六枝特区桃花支流、万家河支流及营盘支流上游段雨水改造"];
/// Verbs of a clause that sets a number of things per place or per kind of community
/// (至少具备1个…服务机构, 建成不少于90个托位).
const QUOTA_VERBS: &[&str] = &["具备", "建成"];
/// Units of such a number.
const QUOTA_UNITS: &[&str] = &["个"];
/// The plan's words for each of its county-level units, and those units in the plan's order.
const EACH_COUNTY: (&str, [&str; 4]) = ("各市(特区、区)", ["六枝特区", "盘州市", "水城区", "钟山区"]);
/// Verbs that open a batch of unnamed projects (打造一批…文化传承体验园).
const BATCH_VERBS: &[&str] = &["打造一批", "建设一批", "建成一批"];
/// Unit of a park's target scale: "500亿级园区" is a park of 500 亿元.
const PARK_SCALE_UNIT: &str = "亿元";

/// Items whose rows lie in the central city unless their names say where: the place, and the
/// plan's sentence that puts them there. A row whose name points to a place (盘州东客运站) keeps
/// it; one that points nowhere but the city (城北公交客运站) is in the central city.
const CENTRAL_ITEMS: &[(u8, u8, &str, &str)] = &[
    // The box's other hubs are named 盘州 and stay there.
    (
        3,
        2,
        "市中心城区",
        "在市中心城区、六枝和盘州城区建设一批城市公交枢纽及首末站等交通设施,有序推进建设六盘水双水停车保养场、\
         高中教育城首末站、六枝特区东站公交枢纽站等城市公交枢纽站场",
    ),
    // 专栏6 gives the heating network to the central city, by its three districts.
    (
        7,
        6,
        "市中心城区",
        "市中心城区建设改造供热管网50公里,其中:水城区完成建设改造5公里、钟山区完成建设改造30公里、\
         六盘水高新区完成建设改造15公里",
    ),
];

/// The place of an item's rows that name no place: its central-city place, if it has one.
fn fallback_place(zhuanlan: u8, item: u8) -> &'static str {
    CENTRAL_ITEMS.iter().find(|c| (c.0, c.1) == (zhuanlan, item)).map_or(ROOT_PLACE, |c| c.2)
}

/// The category of the rows of a box's item.
fn category_of(zhuanlan: u8, item: u8) -> Option<&'static str> {
    Some(match (zhuanlan, item) {
        (2, _) => "towns",
        (3, 1) => "roads",
        (3, 2) => "transit_hubs",
        (3, 3) => "smart_transport",
        (4, _) => "industrial_parks",
        (5, _) => "commerce",
        (6, 1) => "shantytown",
        (6, 2) => "old_estates",
        (6, 3) => "back_alleys",
        (6, 4) => "pipes",
        (7, 1) => "municipal",
        (7, 2) => "schools",
        (7, 3) => "hospitals",
        (7, 4) => "elderly_care",
        (7, 5) => "childcare",
        (7, 6) => "heating",
        (8, 1) => "disaster_prevention",
        (8, 2) => "flood_control",
        (8, 3) => "public_health",
        (9, 1) => "sewage",
        (9, 2) => "refuse",
        (9, 3..=5) => "parks",
        (10, _) => "culture",
        (11, _) => "communities",
        _ => return None,
    })
}

/// A box as found in the text: its heading and the one line holding its items.
struct RawBox<'a> {
    head: Zhuanlan,
    items_line: &'a str,
}

fn find_boxes(plan: &str) -> Vec<RawBox<'_>> {
    let lines: Vec<&str> = plan.lines().collect();
    let mut boxes = Vec::new();
    let mut unnumbered = 0;
    for (i, line) in lines.iter().enumerate() {
        let next = lines.get(i + 1).copied().unwrap_or_default();
        if let Some(rest) = line.strip_prefix("专栏") {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let Ok(number) = digits.parse::<u8>() else {
                continue;
            };
            if number < 2 {
                continue; // 专栏1 is the indicator table.
            }
            let title = rest[digits.len()..].trim().trim_end_matches('|').trim().to_string();
            boxes.push(RawBox { head: Zhuanlan { number, numbered: true, title }, items_line: next });
        } else if line.trim() == "|" && next.starts_with("1.") {
            let title = format!("{}{TITLE_OURS}", UNNUMBERED_TITLES.get(unnumbered).copied().unwrap_or("未编号专栏"));
            unnumbered += 1;
            let number = 8 + u8::try_from(unnumbered).unwrap_or(0);
            let head = Zhuanlan { number, numbered: false, title };
            boxes.push(RawBox { head, items_line: next });
        }
    }
    boxes
}

/// Splits "1. A 2. B 3. C |" into numbered items; a number only counts in sequence.
fn split_items(line: &str) -> Vec<(u8, &str)> {
    let line = line.trim().trim_end_matches('|').trim();
    let mut marks: Vec<(u8, usize, usize)> = Vec::new(); // (number, marker start, text start)
    let mut from = 0;
    for k in 1u8.. {
        let marker = format!("{k}.");
        let found = line[from..].match_indices(&marker).map(|(p, _)| from + p).find(|&p| {
            let after = line[p + marker.len()..].chars().next();
            let starts_item = if k == 1 { p == 0 } else { line[..p].ends_with(' ') };
            starts_item && !after.is_some_and(|c| c.is_ascii_digit())
        });
        let Some(p) = found else { break };
        marks.push((k, p, p + marker.len()));
        from = p + marker.len();
    }
    marks
        .iter()
        .enumerate()
        .map(|(i, &(k, _, start))| {
            let end = marks.get(i + 1).map_or(line.len(), |m| m.1);
            (k, line[start..end].trim())
        })
        .collect()
}

/// "城区主干道路。市中心城区:…" → (Some("城区主干道路"), "市中心城区:…"). A title is a short
/// first sentence with no list or colon in it that does not itself start a list.
fn split_title(item: &str) -> (Option<&str>, &str) {
    if let Some((first, rest)) = item.split_once('。') {
        let short = first.chars().count() <= 16;
        let plain = !first.contains([':', '：', '、', ',']) && !first.starts_with("重点");
        if short && plain {
            return (Some(first.trim()), rest.trim());
        }
    }
    (None, item)
}

/// "市中心城区:重点推进…" → (Some("市中心城区"), "重点推进…").
fn split_label(clause: &str) -> (Option<&str>, &str) {
    if let Some(pos) = clause.find([':', '：']) {
        let label = &clause[..pos];
        if label.chars().count() <= 12 && !label.contains(['、', ',', '，']) {
            let colon_len = clause[pos..].chars().next().map_or(1, char::len_utf8);
            return (Some(label.trim()), clause[pos + colon_len..].trim());
        }
    }
    (None, clause)
}

/// The number written just before `unit` in `text`, with the word that qualifies it
/// (…供水管网160公里 → 160; 覆盖率大于80% → 80, more than).
fn quantity_before(text: &str, unit: &str) -> Option<(f64, Option<Comparator>)> {
    text.match_indices(unit).find_map(|(pos, _)| {
        let head = &text[..pos];
        let start = head.char_indices().rev().take_while(|(_, c)| c.is_ascii_digit() || *c == '.').last()?.0;
        let value = head[start..].parse().ok()?;
        Some((value, qualifier_around(&head[..start], &text[pos + unit.len()..])))
    })
}

/// The parser's state while it walks one item of a box.
struct ItemContext<'a> {
    gazetteer: &'a Gazetteer,
    zhuanlan: u8,
    item: u8,
    title: Option<&'a str>,
    category: &'static str,
}

impl ItemContext<'_> {
    #[allow(clippy::too_many_arguments)]
    fn row(
        &self,
        name: String,
        place: &str,
        quantity: Option<(&str, f64)>,
        period: Option<(Option<i32>, i32)>,
        source: &str,
    ) -> SeedProject {
        SeedProject {
            zhuanlan: self.zhuanlan,
            item: self.item,
            name,
            category: self.category.into(),
            place: place.into(),
            unit: quantity.map(|(u, _)| u.to_string()),
            target: quantity.map(|(_, v)| v),
            target_comparator: None,
            target_year: period.map_or(PLAN_END_YEAR, |p| p.1),
            target_year_inferred: period.is_none(),
            start_year: period.and_then(|p| p.0),
            source: source.into(),
        }
    }

    /// Rows of "其中:六枝特区完成…65公里、盘州市完成…20公里": one per place, checked against
    /// the total the clause states.
    fn share_rows(
        &self,
        clause: &str,
        period: Option<(Option<i32>, i32)>,
        out: &mut Vec<SeedProject>,
        problems: &mut Vec<String>,
    ) {
        let Some((head, list)) = clause.split_once("其中:").or_else(|| clause.split_once("其中：")) else {
            return;
        };
        let pipe_type = head.find("管网").map(|pos| {
            let before: Vec<char> = head[..pos].chars().collect();
            let kind: String = before[before.len().saturating_sub(2)..].iter().collect();
            format!("{kind}管网")
        });
        let mut sum = 0.0;
        let mut unit_seen = None;
        for part in split_top_level(list, &["、"], &[]) {
            let Some(place) = self.gazetteer.place_prefix(part) else {
                problems.push(format!("专栏{} item {}: no place in {part:?}", self.zhuanlan, self.item));
                continue;
            };
            let rest = part[place.1..].trim_start_matches("完成");
            let Some((activity, value, unit)) = trailing_quantity(rest, SHARE_UNITS) else {
                problems.push(format!("专栏{} item {}: no quantity in {part:?}", self.zhuanlan, self.item));
                continue;
            };
            let subject = match (&pipe_type, self.title) {
                (Some(pipe), _) => format!("{pipe}建设改造"),
                (None, Some(title)) if matches!(activity, "" | "改造" | "建设改造") => title.to_string(),
                _ => activity.to_string(),
            };
            sum += value;
            unit_seen = Some(unit);
            out.push(self.row(format!("{}{subject}", place.0), place.0, Some((unit, value)), period, clause));
        }
        if let Some(unit) = unit_seen {
            match quantity_before(head, unit).map(|(total, _)| total) {
                Some(total) if (total - sum).abs() > 0.01 => problems.push(format!(
                    "专栏{} item {}: shares add up to {sum} {unit}, the plan states {total}",
                    self.zhuanlan, self.item
                )),
                Some(_) => {}
                None => problems.push(format!("专栏{} item {}: no total stated before 其中", self.zhuanlan, self.item)),
            }
        }
    }

    /// Rows of a list clause "重点推进A、B和C等项目建设"; `heading` is a non-place label
    /// such as "信息管理平台:", whose list needs no opening verb.
    fn list_rows(
        &self,
        clause: &str,
        body: &str,
        place: &str,
        heading: bool,
        period: Option<(Option<i32>, i32)>,
        out: &mut Vec<SeedProject>,
    ) {
        let trigger = TRIGGERS.iter().filter_map(|t| body.find(t).map(|pos| (pos, pos + t.len()))).min();
        let (list, tail) = match trigger {
            Some((start, after)) => {
                let rest = &body[after..];
                let end = rest.match_indices('等').map(|(p, _)| p).find(|&p| {
                    let follow = &rest[p + '等'.len_utf8()..];
                    LIST_ENDS.iter().any(|e| follow.starts_with(e))
                });
                match end {
                    Some(p) => (&rest[..p], &rest[p + '等'.len_utf8()..]),
                    // "重点推进A、B建设" closes without 等.
                    None if body[start..].starts_with("重点") && rest.ends_with("建设") => {
                        (rest.trim_end_matches("建设").trim_end_matches("项目"), "")
                    }
                    None => return,
                }
            }
            None if heading && body.contains('、') => (body, ""),
            None => return,
        };
        // "…等项目建设,到2025年力争打造500亿级园区": a year stated after the list is the
        // target of what follows it, not the listed projects' own.
        let period = match stated_period(tail) {
            Some(_) => stated_period(&body[..body.len() - tail.len()]),
            None => period,
        };
        // "…等培育先进制造业类小镇" names what each place is to become.
        let suffix = tail.strip_prefix("培育").map(|s| s.split([',', '，']).next().unwrap_or_default());
        for element in split_top_level(list, &["、", ",", "，", "以及"], PROTECTED) {
            for part in split_shared_prefix_and(element) {
                let mut name = part;
                while let Some(verb) = LEADING_VERBS.iter().find(|v| name.starts_with(**v)) {
                    name = &name[verb.len()..];
                }
                let name = name.trim_end_matches('等').trim();
                if name.is_empty() {
                    continue;
                }
                let (name, quantity) = match trailing_quantity(name, ELEMENT_UNITS) {
                    Some((head, value, unit)) if !head.is_empty() => (head, Some((unit, value))),
                    _ => (name, None),
                };
                let row_place = match self.gazetteer.lookup(name).unwrap_or_else(|| self.gazetteer.refine(place, name))
                {
                    ROOT_PLACE => fallback_place(self.zhuanlan, self.item),
                    p => p,
                };
                let full_name = suffix.map_or_else(|| name.to_string(), |s| format!("{name}{s}"));
                out.push(self.row(full_name, row_place, quantity, period, clause));
            }
        }
    }

    /// Rows of a clause that sets a number per place or per kind of community:
    /// "各市(特区、区)、六盘水高新区至少具备1个…示范性婴幼儿照护服务机构" gives one row for each
    /// place, with its number; "2万人以上城市社区建成不少于90个托位" one row for the rule, under
    /// `place`, without a target (a rule for every such community, not a total).
    fn quota_rows(
        &self,
        clause: &str,
        body: &str,
        place: &str,
        period: Option<(Option<i32>, i32)>,
        out: &mut Vec<SeedProject>,
    ) {
        for part in split_top_level(body, &[",", "，"], &[]) {
            let verb = QUOTA_VERBS.iter().filter_map(|v| part.find(v).map(|pos| (pos, pos + v.len()))).min();
            let Some((verb_start, verb_end)) = verb else { continue };
            let Some(quota) = Quota::read(&part[verb_end..]) else { continue };
            let (subject, before_verb) = split_trailing_qualifier(part[..verb_start].trim_start_matches("力争"));
            let comparator = before_verb.or(quota.comparator);
            let quantity = Some((quota.unit, quota.count));
            let places: Option<Vec<&str>> = split_top_level(subject, &["、"], &[])
                .into_iter()
                .map(|s| match s {
                    s if s == EACH_COUNTY.0 => Some(EACH_COUNTY.1.to_vec()),
                    s => self.gazetteer.lookup(s).map(|p| vec![p]),
                })
                .collect::<Option<Vec<_>>>()
                .map(|lists| lists.concat());
            match places {
                Some(places) if !places.is_empty() => {
                    for p in places {
                        let row = self.row(format!("{p}{}", quota.object), p, quantity, period, clause);
                        out.push(SeedProject { target_comparator: comparator, ..row });
                    }
                }
                // A number for each community of a kind (所有城镇社区建成1个以上托育机构): the plan
                // gives no number of communities, so there is no city-wide total to count what is
                // done against, and one facility must not complete it. The rule stays whole,
                // verbatim, as the row's name, with no target; a reviewer completes it by status.
                _ => {
                    let rule = part.trim_start_matches("力争").trim();
                    out.push(self.row(rule.to_string(), place, None, period, clause));
                }
            }
        }
    }
}

/// What a quota clause asks for after its verb: "不少于90个托位", "1个以上托育机构",
/// "1个有带动效应、承担一定指导功能的示范性婴幼儿照护服务机构".
struct Quota<'a> {
    count: f64,
    unit: &'static str,
    comparator: Option<Comparator>,
    /// What is counted, without its description (…的示范性婴幼儿照护服务机构 → 示范性婴幼儿照护服务机构).
    object: &'a str,
}

impl<'a> Quota<'a> {
    fn read(text: &'a str) -> Option<Self> {
        let start = text.find(|c: char| c.is_ascii_digit())?;
        let (rest_before, before_number) = split_trailing_qualifier(&text[..start]);
        if !rest_before.is_empty() {
            return None;
        }
        let digits = &text[start..];
        let end = digits.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(digits.len());
        let count: f64 = digits[..end].parse().ok()?;
        let unit = QUOTA_UNITS.iter().copied().find(|u| digits[end..].starts_with(u))?;
        let (object, after_unit) = split_leading_qualifier(&digits[end + unit.len()..]);
        let object = object.rsplit_once('的').map_or(object, |(_, o)| o).trim();
        (!object.is_empty()).then_some(Self { count, unit, comparator: before_number.or(after_unit), object })
    }
}

/// "人防战备数据工程和人防疏散基地" is two projects; "安全生产和防灾减灾综合体验馆" is one.
/// A 和 separates only names that start alike.
fn split_shared_prefix_and(element: &str) -> Vec<&str> {
    if let Some((a, b)) = element.split_once('和') {
        let prefix = |s: &str| s.chars().take(2).collect::<String>();
        if a.chars().count() >= 2 && prefix(a) == prefix(b) {
            return vec![a, b];
        }
    }
    vec![element]
}

/// Reads the plan: the indicators of 专栏1 and the rows of 专栏2 to the unnumbered boxes.
pub fn parse_plan(plan: &str, gazetteer: &Gazetteer) -> ParseReport {
    let mut problems = Vec::new();
    let indicators = parse_indicators(plan, &mut problems);
    let mut boxes = Vec::new();
    let mut projects = Vec::new();
    for raw in find_boxes(plan) {
        for (item, text) in split_items(raw.items_line) {
            let Some(category) = category_of(raw.head.number, item) else {
                problems.push(format!("专栏{} item {item}: no category", raw.head.number));
                continue;
            };
            let (title, body) = split_title(text);
            let ctx = ItemContext { gazetteer, zhuanlan: raw.head.number, item, title, category };
            item_rows(&ctx, body, &mut projects, &mut problems);
        }
        boxes.push(raw.head);
    }
    let links = link_repeats(&mut projects, gazetteer);
    ParseReport { seed: PlanSeed { boxes, projects, indicators, links }, problems }
}

/// The projects the plan names twice: a row whose name is an earlier row's name with a place
/// written before it (盘州市红果城区雨污管网改造(一期) after 红果城区雨污管网改造(一期);
/// 六盘水市公共卫生救治中心(传染病医院) after 公共卫生救治中心(传染病医院)), where that place takes
/// in the earlier row's. The later row is linked to the first and takes its place (one project
/// is in one place; the first mention is the more precise). Rows of the same name are not
/// linked: the plan names 街心花园 as a 商圈 and as a 步行街, two projects.
fn link_repeats(projects: &mut [SeedProject], gazetteer: &Gazetteer) -> Vec<SeedLink> {
    let mut links = Vec::new();
    for later in 0..projects.len() {
        let first = (0..later).find(|&i| {
            let (a, b) = (&projects[i], &projects[later]);
            b.name.strip_suffix(a.name.as_str()).is_some_and(|prefix| {
                !prefix.is_empty()
                    && gazetteer.lookup(prefix).is_some_and(|place| gazetteer.covers_name(place, &a.place))
            }) && gazetteer.covers_name(&b.place, &a.place)
        });
        if let Some(first) = first {
            projects[later].place = projects[first].place.clone();
            links.push(SeedLink { repeat: RowKey::of(&projects[later]), same_as: RowKey::of(&projects[first]) });
        }
    }
    links
}

fn item_rows(ctx: &ItemContext<'_>, body: &str, out: &mut Vec<SeedProject>, problems: &mut Vec<String>) {
    let before = out.len();
    let base = ctx.title.and_then(|t| ctx.gazetteer.lookup(t)).unwrap_or(ROOT_PLACE);
    let mut place = base;
    for sentence in body.split('。').map(str::trim).filter(|s| !s.is_empty()) {
        let period = stated_period(sentence);
        for clause in split_top_level(sentence, &[";", "；"], &[]) {
            let (label, rest) = split_label(clause);
            let mut heading = false;
            if let Some(label) = label {
                match ctx.gazetteer.lookup(label) {
                    Some(p) => place = p,
                    None => heading = true,
                }
            }
            if rest.contains("其中") {
                ctx.share_rows(clause, period, out, problems);
                continue;
            }
            let listed = out.len();
            ctx.list_rows(clause, rest, place, heading, period, out);
            // A clause that lists no project may still set numbers (托育: 至少具备1个…) or
            // announce a batch of unnamed projects (打造一批…体验园).
            if out.len() == listed {
                ctx.quota_rows(clause, rest, place, period, out);
            }
            if out.len() == listed
                && let Some(row) = batch_row(ctx, clause, place, period)
            {
                out.push(row);
            }
            if let (Some(title), Some(scale)) = (ctx.title, park_scale(rest)) {
                // The plan's words: a 500亿级园区 is a park of 500 亿元, the unit it uses.
                let name = format!("{title}力争打造{scale}亿级园区");
                out.push(ctx.row(name, base, Some((PARK_SCALE_UNIT, scale)), period, clause));
            }
        }
    }
    if out.len() == before {
        out.push(programme_row(ctx, body, base));
    }
}

/// "到2025年力争打造500亿级园区" → 500.
fn park_scale(clause: &str) -> Option<f64> {
    let end = clause.find("亿级园区")?;
    let start = clause[..end].rfind("打造")? + "打造".len();
    clause[start..end].parse().ok()
}

/// "充分挖掘全市少数民族文化资源,打造一批彝族、布依族、苗族等少数民族文化传承体验园": one row
/// for the batch, named by what it builds, with no number since the plan gives none.
fn batch_row(
    ctx: &ItemContext<'_>,
    clause: &str,
    place: &str,
    period: Option<(Option<i32>, i32)>,
) -> Option<SeedProject> {
    let (pos, verb) = BATCH_VERBS.iter().filter_map(|v| clause.find(v).map(|pos| (pos, *v))).min()?;
    let name = clause[pos + verb.len()..].split([',', '，']).next().unwrap_or_default().trim();
    (!name.is_empty()).then(|| ctx.row(name.to_string(), place, None, period, clause))
}

/// An item that names no project is one row under its title, with the percentage target it
/// states, if any (公园绿地服务半径覆盖率大于80%).
fn programme_row(ctx: &ItemContext<'_>, body: &str, place: &str) -> SeedProject {
    let name = ctx.title.unwrap_or(body).to_string();
    let sentences: Vec<&str> = body.split('。').map(str::trim).filter(|s| !s.is_empty()).collect();
    let with_target = sentences.iter().find_map(|s| quantity_before(s, "%").map(|q| (*s, q)));
    match with_target {
        Some((sentence, (value, comparator))) => SeedProject {
            target_comparator: comparator,
            ..ctx.row(name, place, Some(("%", value)), stated_period(sentence), sentence)
        },
        None => ctx.row(name, place, None, None, sentences.first().copied().unwrap_or(body)),
    }
}

#[cfg(test)]
mod tests {
    use super::{split_items, split_label, split_shared_prefix_and, split_title};

    #[test]
    fn items_split_in_sequence_only() {
        let items = split_items("1. 甲3X200MW、1.5万吨。 2. 乙 3.丙 |");
        assert_eq!(items, vec![(1, "甲3X200MW、1.5万吨。"), (2, "乙"), (3, "丙")]);
    }

    #[test]
    fn the_central_city_items_rest_on_the_plans_own_words() {
        for (zhuanlan, item, place, basis) in super::CENTRAL_ITEMS {
            assert!(crate::seed::PLAN_TEXT.contains(basis), "专栏{zhuanlan} item {item}: {basis}");
            assert!(basis.contains(place), "{basis}");
        }
    }

    #[test]
    fn titles_labels_and_and() {
        assert_eq!(split_title("城区主干道路。市中心城区:重点推进A"), (Some("城区主干道路"), "市中心城区:重点推进A"));
        assert_eq!(split_title("重点在大用镇等培育商贸物流类小镇。").0, None);
        assert_eq!(split_label("六枝特区:重点推进A"), (Some("六枝特区"), "重点推进A"));
        assert_eq!(split_shared_prefix_and("人防战备数据工程和人防疏散基地"), vec!["人防战备数据工程", "人防疏散基地"]);
        assert_eq!(split_shared_prefix_and("六盘水市安全生产和防灾减灾综合体验馆").len(), 1);
    }
}
