//! Rows from one paragraph (or one numbered item of a box): named-project lists and quantity
//! targets, with their place, years, category and the clause they came from.

use std::collections::HashMap;

use crate::domain::{Gazetteer, format_quantity};

use super::super::{DraftNote, DraftRow, Unread, UnreadWhy};
use super::words::{
    PlaceNames, Quantity, StatedYear, quantities, split_ranges, stated_years, suggest_category, trimmed,
    years_mentioned,
};

/// Verbs that open a list of named projects; a longer verb stands before a shorter one it
/// begins with (开工建设 before 开工, 加快推进 before 加快).
const TRIGGERS: &[&str] = &[
    "重点推进",
    "重点打造",
    "重点实施",
    "重点建设",
    "全力推进",
    "加快推进",
    "加快建设",
    "积极推进",
    "大力推进",
    "开工建设",
    "新改扩建",
    "新改建",
    "规划建设",
    "建成投用",
    "高标准投用",
    "新开工",
    "推进",
    "实施",
    "打造",
    "建设",
    "启动",
    "建成",
    "推动",
    "新建",
    "改扩建",
    "开工",
    "续建",
    "完成",
    "做好",
    "加快",
    "深化",
    "力促",
    "促进",
    "谋划",
    "争取",
    "确保",
    "抓好",
    "投用",
    "提升",
    "整治",
    "修缮",
    "拓宽",
    "打通",
    "筹建",
    "扩建",
    "改建",
    "改造",
    "铺设",
    "培育",
    "丰富",
];
/// The verbs of [`TRIGGERS`] that open a list even without a closing 等 (in a box).
const STRONG_TRIGGERS: &[&str] = &["重点推进", "重点打造", "重点实施", "重点建设", "全力推进", "加快推进", "加快建设"];
/// Verbs a quantity's name may be made of alone (钟山区完成建设改造20公里 names no thing).
const GENERIC_VERBS: &[&str] = &["建设", "改造", "新建", "改建", "扩建", "提升", "完成", "实施", "建成"];
/// Words that may stand before a list's verb at the start of a clause (并重点推进…).
const BEFORE_TRIGGER: &[&str] = &[
    "并",
    "同时",
    "还",
    "力争",
    "着力",
    "全面",
    "继续",
    "持续",
    "积极",
    "全力",
    "年内",
    "今年",
    "高标准",
    "高质量",
    "协助",
];
/// What a list's last project may say of itself instead of a closing 等 (A、B上半年投用), longest
/// first where one ends another; the time words that may stand before it.
const PREDICATES: &[&str] = &[
    "建成投用",
    "建成投产",
    "投入使用",
    "建成通车",
    "竣工验收",
    "开工建设",
    "投用",
    "投产",
    "建成",
    "开工",
    "竣工",
    "通车",
    "完工",
    "落地",
    "运营",
    "获批",
    "交付",
    "达产",
];
const PREDICATE_TIMES: &[&str] =
    &["上半年", "下半年", "年内", "年底前", "年底", "今年", "全面", "尽快", "如期", "按期", "顺利"];
/// What a list closed by 等 outside a box may end in: a kind of thing built (等“断头路”, 等8条道路,
/// 等一批产业项目).
const THING_TAILS: &[&str] = &[
    "项目",
    "工程",
    "道路",
    "路",
    "街",
    "桥",
    "隧道",
    "公园",
    "广场",
    "学校",
    "医院",
    "中心",
    "场馆",
    "设施",
    "停车场",
    "园区",
    "基地",
    "小区",
    "片区",
    "市场",
    "管网",
    "平台",
    "水库",
    "湿地",
    "园",
    "站",
    "厂",
    "馆",
    "线",
    "渠",
    "校",
    "楼",
];
/// Work done to the things of a list, said after the last of them (…道路提升改造).
const ACTIONS: &[&str] = &["提升改造", "改造提升", "提档升级", "大中修", "提升", "改造", "整治", "维修", "建设"];
/// Words of a list's own story, never of a project's name (为2025年民生实事项目, 候选项目).
const LIST_WORDS: &[&str] = &["民生实事", "候选", "票决", "被确定"];
/// The kinds of [`THING_TAILS`] a place-like name ends in, enough to name a project alone
/// (`开工新建西环路`), unlike a network or a facility (`改造雨污分流管网`).
const SINGLE_THING_TAILS: &[&str] = &[
    "路", "大道", "街", "桥", "隧道", "公园", "广场", "学校", "校", "医院", "园", "馆", "站", "厂", "水库", "湿地",
    "楼", "渠", "基地",
];
/// Words a single project's name may not begin with: they name a kind, not a project (重大项目).
const GENERIC_NAMES: &[&str] =
    &["一批", "重大", "重点", "各类", "相关", "一系列", "若干", "这些", "有关", "民生", "项目"];
/// What follows the 等 closing a list outside a box: only lists of projects count there.
const PROJECT_TAILS: &[&str] = &["项目", "工程", "重点项目", "重点工程"];
/// Clause separators inside a sentence part.
const CLAUSE_SEPS: &[&str] = &[",", "，", ":", "："];
/// Words marking a clause about a rate or a per-head figure: an indicator, not a project.
const INDICATOR_WORDS: &[&str] = &["率", "人均", "比重", "占比", "密度", "比例", "覆盖", "人口", "增长", "平均", "每"];
/// Words before a count of people who gain from a project, not a target (惠及3万人).
const BENEFICIARIES: &[&str] =
    &["惠及", "受益", "受惠", "带动", "辐射", "服务群众", "服务人口", "服务居民", "覆盖群众", "覆盖人口", "覆盖居民"];
/// Words joining a second target to the first in one clause (新建停车场2处并安装充电桩300个).
const CONNECTORS: &[&str] = &["以及", "并且", "同时", "和", "及", "并", "与", "另"];
/// Words stripped from the start of a quantity's name.
const LEADING_FILLER: &[&str] =
    &["其中", "全市", "合计", "共计", "累计", "完成", "实现", "力争", "全面", "共", "并", "新增", "实施", "同步", "的"];
/// Words stripped from the end of a quantity's name.
const TRAILING_FILLER: &[&str] = &["全部完成", "达到", "达", "共", "的", "完成", "规模"];

/// Where a paragraph sits.
pub(super) struct Scope<'a> {
    pub context: &'a str,
    pub section: &'a str,
    pub line: usize,
    pub in_box: bool,
    /// The place of the district heading the paragraph sits under (钟山区：), if any.
    pub place: Option<&'a str>,
    /// A numbered item of a list (`(5)完成柳湖片区黑臭水体治理。`): a short one that names no
    /// number is a project by itself.
    pub item: bool,
}

/// What a sentence has said so far, for the clauses after it.
#[derive(Default)]
struct Said<'g> {
    /// The last place a clause named.
    place: Option<&'g str>,
    /// The last thing counted (建设改造供水管网), for shares that name only a place and a number.
    object: Option<String>,
    /// The last row made, and a beneficiary count waiting for the next (惠及3万人).
    last_row: Option<usize>,
    remark: Option<String>,
    /// Where the next target is built (在保康高速路口停车场), said in a clause of its own.
    location: Option<(String, (usize, usize))>,
}

impl Said<'_> {
    /// Keeps what a clause with no target says for the clauses after it: where the next target
    /// is built (在保康高速路口停车场), or the thing they count (建设改造供水管网).
    fn hear(&mut self, clause: &str, range: (usize, usize), place: Option<(usize, usize, &str)>, years: &[StatedYear]) {
        if let Some(at) = clause.strip_prefix('在').filter(|l| l.chars().count() <= 20 && trigger_end(l).is_none()) {
            self.location = Some((at.to_string(), range));
        } else if let Some(obj) = object_of(clause, place, None, years, range.0).filter(|o| o.chars().count() >= 2) {
            self.object = Some(obj);
        }
    }
}

/// Collects rows and notes paragraph by paragraph.
pub(super) struct Extractor<'g> {
    places: &'g Gazetteer,
    names: PlaceNames<'g>,
    period: Option<(i32, i32)>,
    rows: Vec<DraftRow>,
    notes: Vec<DraftNote>,
    unread: Vec<Unread>,
    /// Clauses read that could hold a project, and the ranges of the part being read that gave
    /// a row or a remark (a clause that gave only a beneficiary count was read).
    candidates: usize,
    read_here: Vec<(usize, usize)>,
    /// In the part being read: the numbers accounted for (a row's target, a beneficiary count,
    /// a count of the list, an indicator) and the list elements that gave a row.
    numbers_read: Vec<(usize, usize)>,
    names_read: Vec<(usize, usize)>,
}

impl<'g> Extractor<'g> {
    pub fn new(places: &'g Gazetteer, period: Option<(i32, i32)>) -> Self {
        Self {
            places,
            names: PlaceNames::new(places),
            period,
            rows: Vec::new(),
            notes: Vec::new(),
            unread: Vec::new(),
            candidates: 0,
            read_here: Vec::new(),
            numbers_read: Vec::new(),
            names_read: Vec::new(),
        }
    }

    /// The place `text` is exactly the name of (`钟山区`), if any.
    pub fn place_named(&self, text: &str) -> Option<&'g str> {
        self.names.prefix(text).filter(|(len, _)| *len == text.len()).map(|(_, p)| p)
    }

    /// Reads one paragraph or item.
    pub fn context(&mut self, scope: &Scope<'_>) {
        let (rows, unread) = (self.rows.len(), self.unread.len());
        self.read_context(scope);
        if scope.item
            && !scope.in_box
            && self.rows.len() == rows
            && let Some(name) = item_name(scope.context)
        {
            // The item is the project: what was listed as unread of it is read.
            self.unread.truncate(unread);
            let range = (0, scope.context.len());
            let place = self.place_in(name, scope.place.and_then(|p| self.place_named(p)));
            let years = stated_years(scope.context);
            let row = RowDraft {
                name: name.to_string(),
                place,
                quantity: None,
                years: self.years_for(&years, range.1),
                clause: range,
            };
            self.push(scope, row);
        }
    }

    fn read_context(&mut self, scope: &Scope<'_>) {
        let ctx = scope.context;
        let past = self.about_the_past(ctx);
        // A district heading above the paragraph (钟山区：, （二）水城区) places its rows.
        let mut label: Option<&'g str> = scope.place.and_then(|p| self.names.prefix(p)).map(|(_, p)| p);
        for (ss, se) in split_ranges(ctx, &["。", "！", "？", "!", "?"]) {
            let years: Vec<StatedYear> = stated_years(&ctx[ss..se])
                .into_iter()
                .map(|y| StatedYear { start: y.start + ss, end: y.end + ss, ..y })
                .collect();
            let mut said = Said::default();
            for (ps, pe) in split_ranges(&ctx[ss..se], &[";", "；"]) {
                let (a, b) = (ss + ps, ss + pe);
                let part = &ctx[a..b];
                // A label (市中心城区:重点推进…) or an item titled by a place (1. 钟山产业园区。).
                if let Some((len, place)) = self.names.prefix(part)
                    && (part[len..].starts_with([':', '：']) || part.len() == len)
                {
                    label = Some(place);
                }
                self.read_here.clear();
                self.numbers_read.clear();
                self.names_read.clear();
                let made = self.rows.len();
                let consumed = self.lists(scope, (a, b), label, &years);
                if !past {
                    self.quantities(scope, (a, b), label, &years, &consumed, &mut said);
                }
                self.note_unread(scope, (a, b), past, made);
            }
        }
    }

    /// Lists as 未识别 each clause of a part that could hold a project and that no row made from
    /// the part, or remark, took in.
    fn note_unread(&mut self, scope: &Scope<'_>, (a, b): (usize, usize), past: bool, made: usize) {
        let ctx = scope.context;
        // The ranges read, by start, with the furthest end reached so far: whether a clause
        // overlaps one is a binary search (a page-long paragraph has thousands of both).
        let mut taken = std::mem::take(&mut self.read_here);
        taken.sort_unstable();
        let reach: Vec<usize> = taken
            .iter()
            .scan(0, |far, &(_, e)| {
                *far = (*far).max(e);
                Some(*far)
            })
            .collect();
        let overlaps = |cs: usize, ce: usize| {
            let before = taken.partition_point(|&(ts, _)| ts < ce);
            before > 0 && reach[before - 1] > cs
        };
        for (s, e) in split_ranges(&ctx[a..b], CLAUSE_SEPS) {
            let (cs, ce) = (a + s, a + e);
            let clause = &ctx[cs..ce];
            // A clause a row came from counts, whatever it holds (a lone project's name); one
            // whose list names more than its rows took is listed too, as read in part.
            if overlaps(cs, ce) {
                self.candidates += 1;
                if self.names_left(ctx, (cs, ce), made) || (!past && self.numbers_left(clause, cs)) {
                    let (context, range) = excerpt(ctx, (cs, ce));
                    let text = clause.to_string();
                    let why = UnreadWhy::Partly;
                    self.unread.push(Unread {
                        line: scope.line,
                        section: scope.section.to_string(),
                        text,
                        context,
                        range,
                        why,
                    });
                }
                continue;
            }
            if !could_hold_a_project(clause) {
                continue;
            }
            self.candidates += 1;
            let numbers = !quantities(clause).is_empty();
            let why = if past && numbers {
                UnreadWhy::Past
            } else if numbers && INDICATOR_WORDS.iter().any(|w| clause.contains(w)) {
                UnreadWhy::Indicator
            } else {
                UnreadWhy::NoRule
            };
            let (context, range) = excerpt(ctx, (cs, ce));
            self.unread.push(Unread {
                line: scope.line,
                section: scope.section.to_string(),
                text: clause.to_string(),
                context,
                range,
                why,
            });
        }
    }

    /// Whether a clause (at `cs` in the paragraph) holds a number with a unit, outside brackets,
    /// that no row took as its target and that was not recognised as something else (who
    /// gains, the list's length, a rate): a second target in a clause that gave one row.
    fn numbers_left(&self, clause: &str, cs: usize) -> bool {
        quantities(clause).iter().filter(|q| !q.nested && !capacity_before(&clause[..q.start])).any(|q| {
            let (s, e) = (cs + q.start, cs + q.end);
            !self.numbers_read.iter().any(|&(rs, re)| rs < e && s < re)
        })
    }

    /// Whether a clause `cs..ce` of `ctx` lists names (甲、乙、丙) that no row made from its part
    /// (from row `made` on) carries: not an element of a list that gave a row, not holding a
    /// target read, not in a row's name.
    fn names_left(&self, ctx: &str, (cs, ce): (usize, usize), made: usize) -> bool {
        let clause = &ctx[cs..ce];
        let names = split_ranges(clause, &["、"]);
        if names.len() < 2 {
            return false;
        }
        let rows = &self.rows[made.min(self.rows.len())..];
        let read = |s: usize, e: usize| {
            let (s, e) = (cs + s, cs + e);
            self.names_read.iter().chain(&self.numbers_read).any(|&(rs, re)| rs < e && s < re)
        };
        names.iter().any(|&(s, e)| {
            if read(s, e) {
                return false;
            }
            let element = &clause[s..e];
            // The first name carries the list's verb (全力推进钟山区第三中学).
            let element = trigger_end(element).map_or(element, |(_, at)| &element[at..]);
            let name =
                trim_unbalanced(element.trim_start_matches(|c: char| !c.is_alphanumeric()).trim_end_matches('等'));
            let core: String = name.chars().take(4).collect();
            core.chars().count() >= 2 && !rows.iter().any(|r| r.name.contains(core.as_str()))
        })
    }

    /// A paragraph whose years all lie before the plan period tells what was done, not what is
    /// planned (城市道路面积达2335万平方米,比2015年提高…).
    fn about_the_past(&self, ctx: &str) -> bool {
        let Some((start, _)) = self.period else { return false };
        let years = years_mentioned(ctx);
        !years.is_empty() && years.iter().all(|&y| y < start)
    }

    /// The years stated for a clause ending at `end`: the last stated before its end in the
    /// sentence, else the first after it.
    /// Where a sentence states several, a year within or after the plan period comes first
    /// (到2025年,完成2000年底前建成的…: 2025).
    fn years_for(&self, years: &[StatedYear], end: usize) -> (Option<i32>, Option<i32>) {
        let current = |y: &&StatedYear| self.period.is_none_or(|(start, _)| y.to >= start);
        let before = || years.iter().rev().filter(|y| y.start < end);
        let after = || years.iter().filter(|y| y.start >= end);
        before()
            .find(current)
            .or_else(|| after().find(current))
            .or_else(|| before().next())
            .or_else(|| after().next())
            .map_or((None, None), |y| (y.from, Some(y.to)))
    }

    /// Named-project lists in a sentence part; returns the byte ranges they took.
    fn lists(
        &mut self,
        scope: &Scope<'_>,
        (a, b): (usize, usize),
        label: Option<&'g str>,
        years: &[StatedYear],
    ) -> Vec<Taken> {
        let ctx = scope.context;
        let mut taken = Vec::new();
        let mut clauses = split_ranges(&ctx[a..b], CLAUSE_SEPS);
        let mut c = 0;
        while c < clauses.len() {
            let (cs, ce) = (a + clauses[c].0, a + clauses[c].1);
            // A clause opened by a list's verb, or one project that says what happens to it
            // (省道S246线…改线工程建成通车).
            let opened = trigger_end(&ctx[cs..ce]).map(|(v, t)| (v, cs + t));
            // A paragraph that is only a project's name (1.利川市…综合楼建设项目) is one too.
            // So is the first clause of a part when it names one (低保暖心工程,为辖区…;
            // 四、污水处理厂改扩建项目。对…).
            let said_of_itself = || {
                // A label before a colon (地下人防工程:建成…) heads a list; it is no project.
                let label = ctx[ce..].starts_with([':', '：']);
                let after_colon = ctx[..cs].trim_end().ends_with([':', '：']);
                let alone = (c == 0 || after_colon) && !scope.in_box && !label && names_one_project(&ctx[cs..ce]);
                (alone || strip_predicate(&ctx[cs..ce]).is_some_and(names_one_project)).then_some(("", cs))
            };
            // A list with no verb before it, closed by 等项目 (天子山大桥、咸宁港等项目得到…): short
            // names, two at least.
            let verbless = || {
                let (at, tail) = list_tail(&ctx[cs..ce], false)?;
                let head = &ctx[cs..cs + at];
                let names = split_ranges(head, &["、"]);
                let short = names.iter().all(|&(s, e)| head[s..e].chars().count() <= 20);
                (PROJECT_TAILS.contains(&tail) && names.len() >= 2 && short).then_some(("", cs))
            };
            // A named road or place and the work done to it, with no verb (朝阳路大中修).
            let worked_on = || {
                let clause = &ctx[cs..ce];
                let thing = ACTIONS.iter().find_map(|w| clause.strip_suffix(w))?;
                names_a_particular_place(thing).then_some(("", cs))
            };
            // 对甲中学操场、乙中学食堂和丙中学实验室优化提升: the named things worked on.
            if opened.is_none()
                && let Some(things) = things_worked_on(&ctx[cs..ce])
            {
                let (from, to) = self.years_for(years, ce);
                for (s, e) in things {
                    let (s, e) = (cs + s, cs + e);
                    self.names_read.push((s, e));
                    let place = self.place_in(&ctx[s..e], label);
                    let name = ctx[s..e].to_string();
                    self.push(scope, RowDraft { name, place, quantity: None, years: (from, to), clause: (cs, ce) });
                }
                taken.push(Taken { range: (cs, ce), object: None });
                c += 1;
                continue;
            }
            let Some((verb, body)) = opened
                .or_else(said_of_itself)
                .or_else(verbless)
                .or_else(worked_on)
                .or_else(|| road_codes_at(&ctx[cs..ce]).map(|at| ("", cs + at)))
            else {
                c += 1;
                continue;
            };
            // In a box a list runs on over clauses to its 等; outside one it stays in its clause.
            let last = if scope.in_box { clauses.len() - 1 } else { c };
            let mut end = None;
            let mut upto = c;
            for (k, &(s, e)) in clauses.iter().enumerate().take(last + 1).skip(c) {
                let from = if k == c { body - a } else { s };
                if let Some(tail) = list_tail(&ctx[a + from..a + e], scope.in_box) {
                    // A list may end at a 、 after its tail, another list following in the
                    // clause (新民路等8条道路、修缮提升文化路等9条道路).
                    let tail_end = a + from + tail.0 + '等'.len_utf8() + tail.1.len();
                    let rest = ctx[tail_end..a + e].strip_prefix('、').filter(|r| !r.trim().is_empty());
                    let source_end = if rest.is_some() { tail_end } else { a + e };
                    if let Some(rest) = rest {
                        let start = a + e - rest.len() - a;
                        clauses.insert(k + 1, (start, e));
                        clauses[k].1 = tail_end - a;
                    }
                    end = Some((a + from + tail.0, source_end, tail.1));
                    upto = k;
                    break;
                }
            }
            // Outside a box, things named before a 等 and what is done to them (丰富甲公园、乙园等
            //内涵功能): the list ends at the 等.
            if end.is_none()
                && !scope.in_box
                && let Some(at) = bare_tail(&ctx[body..a + clauses[c].1])
                && things_before(&ctx[body..body + at])
            {
                end = Some((body + at, a + clauses[c].1, ""));
            }
            // In a box a list without its 等 counts only when opened by 重点推进 (or the like);
            // outside one, only when every element is a 项目 or 工程 (checked with the elements).
            if end.is_none() && scope.in_box && !STRONG_TRIGGERS.contains(&verb) {
                c += 1;
                continue;
            }
            let (list_end, source_end, tail) = end.unwrap_or_else(|| {
                let e = a + clauses[last].1;
                upto = last;
                (e, e, "")
            });
            let rows = self.rows.len();
            if self.list_rows(scope, (cs, body, list_end, source_end), label, tail, years) {
                // One thing named goes on being what the next clause measures (…供热主管网,全长约4.3公里).
                let object = (self.rows.len() == rows + 1).then(|| self.rows[rows].name.clone());
                taken.push(Taken { range: (cs, source_end), object });
            }
            c = upto + 1;
        }
        taken
    }

    /// Rows of one list `body..list_end` (its clause from `cs`, its tail to `source_end`).
    fn list_rows(
        &mut self,
        scope: &Scope<'_>,
        (cs, body, list_end, source_end): (usize, usize, usize, usize),
        label: Option<&'g str>,
        tail: &str,
        years: &[StatedYear],
    ) -> bool {
        // The clause after the list goes on counting its thing (改造雨污分流管网,钟山区20公里):
        // one thing alone is then what the numbers count, no project of its own.
        let next = scope.context[source_end..].trim_start_matches([',', '，', ':', '：', ' ']);
        let counted_on = self.names.prefix(next).is_some()
            || next.starts_with(|c: char| c.is_ascii_digit() || "一二两三四五六七八九十".contains(c));
        let ctx = scope.context;
        let seps: &[&str] = if scope.in_box { &["、", ",", "，", "以及"] } else { &["、", "以及"] };
        let mut elements: Vec<(usize, usize)> = split_ranges(&ctx[body..list_end], seps)
            .into_iter()
            .filter_map(|(s, e)| clean_element(ctx, body + s, body + e))
            .collect();
        // The elements as printed, before a closing predicate or 建设 is taken off.
        let whole = elements.clone();
        let mut predicate = false;
        if tail.is_empty()
            && let Some(last) = elements.last_mut()
        {
            // The list's last project may say of itself what happens (…小微园上半年投用), or
            // carry the sentence's verb (…指挥系统建设).
            let text = &ctx[last.0..last.1];
            if let Some(head) = strip_predicate(text) {
                last.1 = last.0 + head.len();
                predicate = true;
            }
            let text = &ctx[last.0..last.1];
            if let Some(stripped) = text.strip_suffix("项目建设").or_else(|| text.strip_suffix("建设")) {
                last.1 = last.0 + stripped.len();
            }
            // 临江东西街、任临线道路提升改造: the work done to the last of them.
            let text = &ctx[last.0..last.1];
            if let Some(stripped) = ACTIONS.iter().find_map(|a| text.strip_suffix(a))
                && names_one_thing(stripped, THING_TAILS)
            {
                last.1 = last.0 + stripped.len();
            }
        }
        elements.retain(|&(s, e)| (2..=50).contains(&ctx[s..e].chars().count()));
        let all_places = elements.iter().all(|&(s, e)| self.names.is_place(&ctx[s..e]));
        let projects_named =
            elements.len() >= 2 && elements.iter().all(|&(s, e)| PROJECT_TAILS.iter().any(|t| ctx[s..e].ends_with(t)));
        // One thing alone counts where the part states no number: in 改造雨污分流管网,钟山区20公里
        // the network is what the numbers count.
        let lone_thing = |s: usize, e: usize| !counted_on && names_one_thing(&ctx[s..e], SINGLE_THING_TAILS);
        let single = matches!(elements.as_slice(), [(s, e)] if names_one_project(&ctx[*s..*e]) || lone_thing(*s, *e))
            || matches!(whole.as_slice(), [(s, e)] if names_one_project(&ctx[*s..*e]))
            || matches!(elements.as_slice(), [(s, e)] if !counted_on && at_a_named_place(&ctx[*s..*e]));
        // Works at named places (甲镇乙村、丙镇丁村灌溉设施).
        let places_named = elements.len() >= 2 && elements.iter().all(|&(s, e)| at_a_named_place(&ctx[s..e]));
        let things_named =
            elements.len() >= 2 && elements.iter().all(|&(s, e)| names_one_thing(&ctx[s..e], THING_TAILS));
        let is_list = scope.in_box
            || !tail.is_empty()
            || projects_named
            || things_named
            || (predicate && elements.len() >= 2)
            || places_named
            || single;
        if elements.is_empty() || all_places || !is_list {
            return false;
        }
        // 新民路等8条道路: the roads named, then a row of the eight, named as printed.
        let count = quantities(tail).into_iter().find(|q| q.start == 0 && !scope.in_box);
        let (from, to) = self.years_for(years, source_end);
        let before_place = self.names.first(&ctx[cs..body]).map(|p| p.2);
        for (s, e) in elements {
            let element = &ctx[s..e];
            self.names_read.push((s, e));
            if let Some(q) = quantities(element).into_iter().last().filter(|q| q.end == element.len()) {
                let name = element[..q.start].trim().to_string();
                let place = self.place_in(&name, label.or(before_place));
                let quantity = Some(Quantity { start: s + q.start, end: s + q.end, ..q });
                self.push(scope, RowDraft { name, place, quantity, years: (from, to), clause: (s, e) });
                continue;
            }
            let place = self.place_in(element, label.or(before_place));
            let row = RowDraft {
                name: element.to_string(),
                place,
                quantity: None,
                years: (from, to),
                clause: (cs, source_end),
            };
            self.push(scope, row);
        }
        if let Some(count) = count {
            let name = ctx[body..source_end].trim_end_matches("建设").to_string();
            let place = self.place_in(&name, label);
            let at = source_end - tail.len();
            let quantity = Quantity { start: at + count.start, end: at + count.end, ..count };
            self.push(
                scope,
                RowDraft { name, place, quantity: Some(quantity), years: (from, to), clause: (cs, source_end) },
            );
        }
        true
    }

    /// The place of a named project: the most specific place inside the list's place that its
    /// name names (高新区石龙中学 under 市中心城区), else the name's own place, else the list's.
    fn place_in(&self, name: &str, base: Option<&'g str>) -> Option<&'g str> {
        match base {
            Some(base) => {
                let refined = self.places.refine(base, name);
                Some(self.places.place(refined).map_or(base, |p| p.name.as_str()))
            }
            None => self.names.first(name).map(|p| p.2),
        }
    }

    /// Quantity targets in a sentence part, outside the lists already read.
    fn quantities(
        &mut self,
        scope: &Scope<'_>,
        (a, b): (usize, usize),
        label: Option<&'g str>,
        years: &[StatedYear],
        taken: &[Taken],
        said: &mut Said<'g>,
    ) {
        let ctx = scope.context;
        let mut total: Option<usize> = None;
        let mut shares: Option<(usize, Vec<usize>)> = None;
        for (cs, ce) in counted_clauses(ctx, (a, b)) {
            let clause = &ctx[cs..ce];
            if let Some(t) = taken.iter().find(|t| cs < t.range.1 && t.range.0 < ce) {
                if let Some(object) = &t.object {
                    said.object = Some(object.clone());
                }
                continue;
            }
            if clause.starts_with("其中") {
                shares = total.map(|t| (t, Vec::new()));
            }
            let clause_place = self.names.first(clause);
            if let Some((_, _, p)) = clause_place {
                said.place = Some(p);
            }
            let targets = targets_in(clause);
            if targets.is_empty() {
                said.hear(clause, (cs, ce), clause_place, years);
                continue;
            }
            let whole = targets.len() == 1;
            for (ss, se, q) in targets {
                let segment = &ctx[cs + ss..cs + se];
                let number = (cs + q.start, cs + q.end);
                if INDICATOR_WORDS.iter().any(|w| segment.contains(w)) {
                    self.numbers_read.push(number);
                    continue;
                }
                if BENEFICIARIES.iter().any(|w| segment[..q.start - ss].contains(w)) {
                    // 惠及3万人: who gains, kept beside the row, never its target.
                    self.remark(said, segment, (cs + ss, cs + se));
                    continue;
                }
                // 甲线乙段人行道及2座桥改造: a work at a named place, then a count of another.
                let ss = match self.named_work_before(scope, (cs + ss, cs + q.start), label, years) {
                    Some(after) => after - cs,
                    None => ss,
                };
                let segment = &ctx[cs + ss..cs + se];
                let in_segment = self.names.first(segment);
                let place_at = in_segment.map(|(ps, pe, p)| (ps + ss, pe + ss, p)).or(clause_place);
                let q_in_segment = Quantity { start: q.start - ss, end: q.end - ss, ..q.clone() };
                let own = object_of(segment, in_segment, Some(&q_in_segment), years, cs + ss)
                    .map(|o| if ss > 0 { strip_connector(&o).to_string() } else { o });
                let own = own.filter(|o| !o.is_empty());
                if own.as_deref().is_some_and(counts_the_list) {
                    self.numbers_read.push(number);
                    continue; // 共实施10个项目: how long the list is, no target
                }
                let object = match (&own, &said.object) {
                    (Some(o), Some(prev)) if only_verbs(o) || describes(o) => prev.clone(),
                    (Some(o), _) => o.clone(),
                    (None, Some(prev)) => prev.clone(),
                    (None, None) => scope.section.rsplit(" / ").next().unwrap_or_default().to_string(),
                };
                // 在保康高速路口停车场,新建一座…变电站: where it is built names it too.
                let object = match said.location.take() {
                    Some((at, range)) => {
                        // Read: where this target is built.
                        self.read_here.push(range);
                        if object.contains(at.as_str()) { object } else { format!("{at}{object}") }
                    }
                    None => object,
                };
                said.object = Some(object.clone());
                let place = place_at.map(|p| p.2).or(said.place).or(label);
                let printed = place_at.map_or_else(|| place.unwrap_or_default(), |(ps, pe, _)| &clause[ps..pe]);
                let name = if object.starts_with(printed) { object } else { format!("{printed}{object}") };
                let q = Quantity { start: cs + q.start, end: cs + q.end, ..q };
                let source = if whole { (cs, ce) } else { (cs + ss, cs + se) };
                let row = RowDraft { name, place, quantity: Some(q), years: self.years_for(years, ce), clause: source };
                if self.reports_progress(scope, &row) {
                    self.numbers_read.push(number);
                    self.read_here.push(source);
                    continue;
                }
                // The names joined to its count (新增、改善灌溉面积3800亩) are read with it.
                self.names_read.push(source);
                let index = self.push(scope, row);
                if let Some(remark) = said.remark.take() {
                    append_remark(&mut self.rows[index], &remark);
                }
                said.last_row = Some(index);
                match &mut shares {
                    Some((_, parts)) => parts.push(index),
                    None => total = Some(index),
                }
            }
        }
        if let Some((total, parts)) = shares
            && self.replace_total(total, &parts)
        {
            // The rows after the total moved up by one; the total itself is gone.
            said.last_row = said.last_row.and_then(|l| match l.cmp(&total) {
                std::cmp::Ordering::Less => Some(l),
                std::cmp::Ordering::Equal => None,
                std::cmp::Ordering::Greater => Some(l - 1),
            });
        }
    }

    /// The work at a named place that `from..number` (the words before a number) opens with,
    /// joined to the count by 及, 和 or 并 just before the number (`甲线乙段人行道及2座桥改造`):
    /// made a row of its own; returns where the count's words begin.
    fn named_work_before(
        &mut self,
        scope: &Scope<'_>,
        (from, number): (usize, usize),
        label: Option<&'g str>,
        years: &[StatedYear],
    ) -> Option<usize> {
        let ctx = scope.context;
        let before = &ctx[from..number];
        let joint = ["及", "和", "并"].iter().find(|j| before.ends_with(**j))?;
        let work_end = number - joint.len();
        let head = &ctx[from..work_end];
        let start = from + trigger_end(head).map_or(0, |(_, at)| at);
        let name = ctx[start..work_end].trim();
        if !at_a_named_place(name) {
            return None;
        }
        self.names_read.push((start, work_end));
        let place = self.place_in(name, label);
        let row = RowDraft {
            name: name.to_string(),
            place,
            quantity: None,
            years: self.years_for(years, work_end),
            clause: (from, work_end),
        };
        self.push(scope, row);
        Some(number)
    }

    /// Whether `row` says again, in a later sentence of its line, what a row of an earlier
    /// sentence targets, with the same unit and years: a table's progress column (目标 新开工改造
    /// 小区67个。… 进展 新开工改造小区42个。), not a second target.
    fn reports_progress(&self, scope: &Scope<'_>, row: &RowDraft) -> bool {
        let ctx = scope.context;
        // A paragraph kept whole beside its rows (a table's line is short): their ranges are in it.
        if ctx.len() > CONTEXT_LIMIT {
            return false;
        }
        let unit = row.quantity.as_ref().map(|q| q.unit);
        self.rows.iter().rev().take_while(|r| r.line == scope.line && r.context.len() == ctx.len()).any(|r| {
            let earlier = r.source_range.1 <= row.clause.0 && ctx[r.source_range.1..row.clause.0].contains('。');
            // A table's cells run into the name before the thing counted (1 实施… 新开工改造…).
            let last_cell = |n: &str| n.rsplit(' ').next().unwrap_or_default().to_string();
            earlier
                && last_cell(&r.name) == last_cell(&row.name)
                && r.unit.as_deref() == unit
                && (r.start_year, r.target_year) == row.years
        })
    }

    /// Keeps a beneficiary count beside the sentence's last row, or the next one made.
    fn remark(&mut self, said: &mut Said<'g>, text: &str, at: (usize, usize)) {
        self.read_here.push(at);
        self.numbers_read.push(at);
        match said.last_row {
            Some(index) => append_remark(&mut self.rows[index], text),
            None => said.remark = Some(text.to_string()),
        }
    }

    /// A total followed by its shares (全市…160公里,其中:六枝特区…65公里、…): the shares are the
    /// rows; the total is checked against them.
    /// Returns whether the total row was taken out.
    fn replace_total(&mut self, total: usize, parts: &[usize]) -> bool {
        let same_unit: Vec<&DraftRow> =
            parts.iter().map(|&i| &self.rows[i]).filter(|r| r.unit == self.rows[total].unit).collect();
        // Only shares by place stand for their total (其中:六枝特区…65公里); a kind within it
        // (其中公共停车位50个) leaves the total the figure.
        let by_place = same_unit.iter().all(|r| r.place.is_some() && r.place != self.rows[total].place);
        if same_unit.is_empty() || !by_place {
            return false;
        }
        let sum: f64 = same_unit.iter().filter_map(|r| r.target).sum();
        let row = self.rows.remove(total);
        let printed = row.target.unwrap_or_default();
        // The total is as exact as its printed decimals: 3.93 covers 3.925 to 3.935.
        let decimals = format_quantity(printed).split('.').nth(1).map_or(0, str::len);
        let tolerance = 0.5 * 10f64.powi(-i32::try_from(decimals).unwrap_or(0)) + 1e-9;
        if (sum - printed).abs() > tolerance {
            let unit = row.unit.clone().unwrap_or_default();
            self.notes.push(DraftNote {
                line: row.line,
                zh: format!(
                    "第 {} 行:“{}”合计 {} {unit},其中各项之和为 {} {unit},请核对。",
                    row.line,
                    row.source,
                    format_quantity(printed),
                    format_quantity(sum)
                ),
                en: format!(
                    "Line {}: “{}” gives a total of {} {unit}, but its parts add up to {} {unit}; please check.",
                    row.line,
                    row.source,
                    format_quantity(printed),
                    format_quantity(sum)
                ),
            });
        }
        true
    }

    /// Adds a row; returns its index.
    fn push(&mut self, scope: &Scope<'_>, row: RowDraft) -> usize {
        let ctx = scope.context;
        let (from, to) = row.years;
        let item = scope.section.rsplit(" / ").next().unwrap_or_default();
        // In a box the item's title says what its rows are (2. 城区枢纽站场: 高中教育城首末站).

        let source = ctx[row.clause.0..row.clause.1].to_string();
        // A row is never nameless: where nothing is left of the clause but its number, the
        // clause names it.
        let name = if names_something(&row.name) { row.name } else { source.chars().take(50).collect() };
        // In a box the item's title says what its rows are (2. 城区枢纽站场: 高中教育城首末站).
        let category = if scope.in_box { suggest_category(&[item, &name]) } else { suggest_category(&[&name]) };
        if let Some((start, end)) = self.period {
            for year in [from, to].into_iter().flatten().filter(|y| !(start..=end).contains(y)) {
                self.notes.push(DraftNote {
                    line: scope.line,
                    zh: format!(
                        "第 {} 行:“{}”写明的年份 {year} 不在规划期 {start}—{end} 年内,请核对。",
                        scope.line, name
                    ),
                    en: format!(
                        "Line {}: “{}” states the year {year}, outside the plan period {start}–{end}; please check.",
                        scope.line, name
                    ),
                });
            }
        }
        self.read_here.push(row.clause);
        if let Some(q) = &row.quantity {
            self.numbers_read.push((q.start, q.end));
        }
        let (context, source_range) = excerpt(ctx, row.clause);
        self.rows.push(DraftRow {
            name,
            section: scope.section.to_string(),
            category: category.to_string(),
            place: row.place.map(str::to_string),
            target: row.quantity.as_ref().map(|q| q.value),
            unit: row.quantity.as_ref().map(|q| q.unit.to_string()),
            comparator: row.quantity.as_ref().and_then(|q| q.comparator),
            start_year: from,
            target_year: to,
            source,
            context,
            source_range,
            line: scope.line,
            ..DraftRow::default()
        });
        self.rows.len() - 1
    }

    /// The rows and the notes, with one more note for each name and place met twice.
    pub fn finish(mut self) -> Read {
        let mut first: HashMap<(&str, Option<&str>), usize> = HashMap::new();
        for row in &self.rows {
            let key = (row.name.as_str(), row.place.as_deref());
            match first.get(&key) {
                Some(&line) => self.notes.push(DraftNote {
                    line: row.line,
                    zh: format!(
                        "“{}”({})在第 {line} 行和第 {} 行都出现:请确认是否为同一项目,保留一条。",
                        row.name,
                        row.place.as_deref().unwrap_or("未写地点"),
                        row.line
                    ),
                    en: format!(
                        "“{}” ({}) appears on line {line} and on line {}: check whether it is one project and keep one row.",
                        row.name,
                        row.place.as_deref().unwrap_or("no place"),
                        row.line
                    ),
                }),
                None => {
                    first.insert(key, row.line);
                }
            }
        }
        Read { rows: self.rows, notes: self.notes, unread: self.unread, candidates: self.candidates }
    }
}

/// Paragraphs longer than this are kept beside a row only around its source: a whole page
/// run into one line, copied into each of its thousands of rows, took gigabytes.
const CONTEXT_LIMIT: usize = 4096;

/// The paragraph to keep beside a row or an unread clause at `range`, and where the range sits
/// in it: the whole paragraph, or about [`CONTEXT_LIMIT`] bytes around the range.
fn excerpt(ctx: &str, (s, e): (usize, usize)) -> (String, (usize, usize)) {
    if ctx.len() <= CONTEXT_LIMIT {
        return (ctx.to_string(), (s, e));
    }
    let mut from = s.saturating_sub(CONTEXT_LIMIT / 2);
    while !ctx.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (e + CONTEXT_LIMIT / 2).min(ctx.len());
    while !ctx.is_char_boundary(to) {
        to += 1;
    }
    (ctx[from..to].to_string(), (s - from, e - from))
}

/// What a document gave.
pub(super) struct Read {
    pub rows: Vec<DraftRow>,
    pub notes: Vec<DraftNote>,
    pub unread: Vec<Unread>,
    pub candidates: usize,
}

/// A row before it gets its section, category and context.
struct RowDraft<'g> {
    name: String,
    place: Option<&'g str>,
    quantity: Option<Quantity>,
    years: (Option<i32>, Option<i32>),
    /// Byte range of the source clause in the paragraph.
    clause: (usize, usize),
}

/// A list a sentence part made, and the one thing it named, if one.
pub(super) struct Taken {
    range: (usize, usize),
    object: Option<String>,
}

/// Words naming where a work is done, after the place's own name: a road (二中北路, 将军大道,
/// 330国道, 颜恒线), a town (甘泉镇), a zone (高新技术产业园区). 乡 and 村 begin too many words
/// (乡村, 村官) to say a place alone.
const PLACE_WORDS: &[&str] = &["大道", "街道", "园区", "片区", "国道", "省道", "县道", "路", "街", "镇", "线"];
/// Heads of a place word that make it a kind, not a place (城市道路, 行政村, 产业园区, 乡镇).
const GENERIC_PLACE_HEADS: &[&str] = &[
    "城市", "农村", "城区", "城乡", "县城", "全县", "全市", "全区", "乡镇", "行政", "美丽", "中心", "产业", "工业",
    "重点", "主要", "各", "相关", "老旧", "背街", "市政", "农业", "社区", "居民", "特色", "周边", "沿线", "一批",
];

/// Words that make a place word's head a kind wherever they stand (城市快速路, 新型城镇).
const KIND_WORDS: &[&str] = &["城市", "农村", "城乡", "乡村", "城镇", "乡镇", "行政", "规划", "快速"];

/// Whether `text` begins with a particular place's name (`二中北路`, `丹霞街道`, `330国道`) and
/// goes on to what is done or built there: (the place word's end), else `None`.
fn named_place_end(text: &str) -> Option<usize> {
    PLACE_WORDS
        .iter()
        .filter_map(|w| text.find(w).map(|at| (w, at, at + w.len())))
        // 线路 is a kind of line (城际公交线路).
        .filter(|&(_, _, end)| !text[end..].starts_with('路'))
        .filter(|&(w, at, end)| {
            let head = &text[..at];
            let n = head.chars().count();
            // 道路, 公路, 铁路 and 线路 are kinds of road; 背街 a kind of street.
            // 沿线, 干线, 生产线, 红线 and the like are no line's name.
            let kind_of_line = *w == "线"
                && head.ends_with(['沿', '干', '支', '专', '航', '一', '热', '产', '防', '红', '底', '主', '界', '路']);
            let kind_of_road = kind_of_line || head.ends_with(['道', '公', '铁', '线', '马', '行', '背', '城', '入']);
            (2..=8).contains(&n)
                && !kind_of_road
                && head.chars().all(char::is_alphanumeric)
                && !head.contains(['向', '与', '和', '对', '为', '在', '及'])
                && !head.chars().all(|c| "省市县区乡镇村".contains(c))
                && !KIND_WORDS.iter().any(|k| text[..end].contains(k))
                && quantities(head).is_empty()
                && trigger_end(head).is_none()
                && !GENERIC_PLACE_HEADS.iter().any(|g| head.starts_with(g))
                && !GENERIC_NAMES.iter().any(|g| head.starts_with(g))
        })
        .map(|(_, _, end)| end)
        .min()
}

/// Whether one list element is a work at a named place (`二中北路(平安街-龙井大街)排水管网`,
/// `丹霞街道雨污分流基础配套设施`, `330国道公路边坡治理`): the place's name, then two letters at
/// least of what is done there, no number with a unit and no description (的).
fn at_a_named_place(element: &str) -> bool {
    let Some(end) = named_place_end(element) else { return false };
    element[end..].chars().filter(|c| c.is_alphabetic()).count() >= 2
        && element.chars().count() <= 40
        && quantities(element).is_empty()
        && !element.contains('的')
        && !LIST_WORDS.iter().any(|w| element.contains(w))
}

/// Whether `thing` is a particular road or place alone (`朝阳路`, `甘泉镇`): a place's name and its
/// word, nothing after.
fn names_a_particular_place(thing: &str) -> bool {
    named_place_end(thing) == Some(thing.len()) || road_code(thing)
}

/// Where a list of roads by their numbers ends a clause (`参照城市道路标准整治提升G106、G342`):
/// the byte offset of the first, whatever verb stands before it.
fn road_codes_at(clause: &str) -> Option<usize> {
    clause.char_indices().filter(|(_, c)| matches!(c, 'G' | 'S' | 'X' | 'Y')).map(|(i, _)| i).find(|&i| {
        let prev = clause[..i].chars().next_back();
        !prev.is_some_and(|p| p.is_ascii_alphanumeric())
            && split_ranges(&clause[i..], &["、"]).iter().all(|&(s, e)| road_code(&clause[i + s..i + e]))
    })
}

/// Whether the words before a number make it a plant's capacity (年产5万吨氧化锌, 日处理500吨):
/// the size of the thing named, not a target.
fn capacity_before(before: &str) -> bool {
    ["年产", "日产", "年处理", "日处理", "年加工", "日供水", "装机"].iter().any(|w| before.ends_with(w))
}

/// Kinds of institution whose parts a text may name (甲中学食堂, 乙医院门诊楼).
const INSTITUTIONS: &[&str] =
    &["中学", "小学", "学校", "幼儿园", "医院", "卫生院", "福利院", "敬老院", "院", "馆", "校"];
/// Words of the work done to things introduced by 对 (对甲进行…, 对甲、乙优化提升).
const WORK_AFTER_DUI: &[&str] =
    &["进行", "优化", "提升", "改造", "提档", "提质", "维修", "整治", "修缮", "更新", "扩建", "加固"];

/// The things a clause opened by 对 works on, when each is a particular institution or a part
/// of one (`对州儿童福利院进行优化提质`, `并对甲中学操场、乙中学食堂和丙中学实验室优化提升`):
/// their byte ranges in `clause`. Equipment or kinds (`对除污机、排污泵等老旧设备进行更新`) are not.
fn things_worked_on(clause: &str) -> Option<Vec<(usize, usize)>> {
    let at = ["并对", "对"].iter().find(|w| clause.starts_with(**w))?.len();
    let rest = &clause[at..];
    let end = WORK_AFTER_DUI.iter().filter_map(|w| rest.find(w)).min()?;
    let things: Vec<(usize, usize)> =
        split_ranges(&rest[..end], &["、", "和"]).into_iter().map(|(s, e)| (at + s, at + e)).collect();
    let named = |t: &str| {
        // 全县学校, 农村卫生院: a kind of the whole place.
        let kind = GENERIC_PLACE_HEADS.iter().any(|g| t.starts_with(g)) || KIND_WORDS.iter().any(|k| t.contains(k));
        let part_of_one = || {
            INSTITUTIONS.iter().any(|w| {
                t.match_indices(w).any(|(p, _)| {
                    let part = t[p + w.len()..].chars().count();
                    names_one_thing(&t[..p + w.len()], INSTITUTIONS) && (1..=4).contains(&part)
                })
            })
        };
        !kind && (names_one_thing(t, INSTITUTIONS) || part_of_one())
    };
    (!things.is_empty() && things.iter().all(|&(s, e)| named(&clause[s..e]))).then_some(things)
}

/// The first 等 of `text` outside brackets and quotes.
fn bare_tail(text: &str) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '（' | '“' | '《' => depth += 1,
            ')' | '）' | '”' | '》' => depth -= 1,
            '等' if depth <= 0 => return Some(i),
            _ => {}
        }
    }
    None
}

/// Whether `head` names two particular things at least (`明月湖公园、叠翠园`), each as a name
/// before a kind of thing built.
fn things_before(head: &str) -> bool {
    let names = split_ranges(head, &["、"]);
    names.len() >= 2 && names.iter().all(|&(s, e)| names_one_thing(&head[s..e], SINGLE_THING_TAILS))
}

/// Where the list after a clause's opening verb starts (byte offset in `clause`), when the
/// clause opens with one (`重点推进A、B`, `并启动C`).
fn trigger_end(clause: &str) -> Option<(&'static str, usize)> {
    let mut rest = clause;
    if let Some(w) = BEFORE_TRIGGER.iter().find(|w| rest.starts_with(**w)) {
        rest = &rest[w.len()..];
    }
    let verb = TRIGGERS.iter().find(|t| rest.starts_with(**t))?;
    // 打造一批…体验园: a kind of project, not a list of named ones.
    if rest[verb.len()..].starts_with("一批") {
        return None;
    }
    Some((verb, clause.len() - rest.len() + verb.len()))
}

/// The 等 closing a list in `text`: (its offset, what follows it). In a box any short tail counts
/// (等城市商圈); outside one a tail naming a kind of thing built (等项目, 等工程前期, 等8条道路,
/// 等“断头路”, 等一批产业项目).
fn list_tail(text: &str, in_box: bool) -> Option<(usize, &str)> {
    let mut depth = 0i32;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '（' | '“' | '《' => depth += 1,
            ')' | '）' | '”' | '》' => depth -= 1,
            '等' if depth <= 0 => {
                let after = &text[i + c.len_utf8()..];
                let tail = PROJECT_TAILS.iter().filter(|t| after.starts_with(**t)).max_by_key(|t| t.len());
                if let Some(t) = tail {
                    return Some((i, t));
                }
                // 等城市商圈 closes a list; 等类型多样的公园绿地体系 describes one thing. Outside a
                // box the tail runs to a 、 at most (等8条道路、修缮…).
                let kind = after.split('、').next().unwrap_or(after);
                if !in_box && names_a_kind(kind) && kind.chars().count() <= 15 && !kind.contains('的') {
                    return Some((i, kind));
                }
                let short = after.chars().count() <= 15 && !after.contains(['、', '的']);
                if short && in_box {
                    return Some((i, after));
                }
            }
            _ => {}
        }
    }
    None
}

/// Whether the words after a list's 等 name a kind of thing built: `8条道路`, `“断头路”`,
/// `一批产业项目`, `停车场建设`.
fn names_a_kind(tail: &str) -> bool {
    let mut t = tail.trim_matches(['“', '”', '"']);
    for verb in ["前期工作", "前期", "建设", "改造", "提升", "绿化", "亮化", "美化", "硬化", "整治", "维修", "大中修"]
    {
        t = t.strip_suffix(verb).unwrap_or(t);
    }
    let t = t.trim_matches(['“', '”', '"']);
    !t.is_empty() && THING_TAILS.iter().any(|w| t.ends_with(w))
}

/// A list's last element without what it says of itself (`太子参小微园上半年投用` →
/// `太子参小微园`), when it says it.
fn strip_predicate(text: &str) -> Option<&str> {
    let verb = PREDICATES.iter().find(|p| text.ends_with(**p))?;
    let mut head = &text[..text.len() - verb.len()];
    while let Some(t) = PREDICATE_TIMES.iter().find(|t| head.ends_with(**t)) {
        head = &head[..head.len() - t.len()];
    }
    let head = head.trim_end();
    (head.chars().count() >= 2).then_some(head)
}

/// Whether one list element alone names a project: it ends in 项目 or 工程 (a bracketed aside
/// after it aside), states no number, and says more than a kind (`塘村引水渠更新改造项目`,
/// `老旧小区改造项目(三期)`, not `重大项目`).
fn names_one_project(element: &str) -> bool {
    let quoted = element.starts_with('“') && element.ends_with('”');
    let bare = without_trailing_aside(element).trim_matches(['“', '”', '"']);
    // 完成甲街道雨污分流设施项目建设: a project at a named place, and its verb.
    let bare = bare
        .strip_suffix("建设")
        .filter(|b| PROJECT_TAILS.iter().any(|t| b.ends_with(t)) && named_place_end(b).is_some())
        .unwrap_or(bare);
    let bare = ["一期", "二期", "三期"].iter().find_map(|p| bare.strip_suffix(p)).unwrap_or(bare);
    let Some(head) = PROJECT_TAILS.iter().find_map(|t| bare.strip_suffix(t)) else { return false };
    // A quoted name is a name however short (“雪亮工程”).
    // 招商引资和项目, “千项万亿”重大项目: projects as a kind, after a joining word or a kind's word.
    let kind = CONNECTORS.iter().chain(GENERIC_NAMES).any(|w| head.ends_with(w));
    head.chars().count() >= if quoted { 2 } else { 4 }
        && !kind
        && quantities(element).is_empty()
        && !GENERIC_NAMES.iter().any(|g| head.starts_with(g))
        && !LIST_WORDS.iter().any(|w| element.contains(w))
}

/// One element of a list without its leading verb and trailing 等; `None` when nothing is left.
fn clean_element(ctx: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let (mut s, mut e) = trimmed(ctx, s, e)?;
    while let Some(verb) = TRIGGERS.iter().find(|t| ctx[s..e].starts_with(**t) && ctx[s..e].len() > t.len() + 3) {
        s += verb.len();
    }
    if ctx[s..e].ends_with('等') {
        e -= '等'.len_utf8();
    }
    trimmed(ctx, s, e)
}

/// The targets of a clause with the part of it each belongs to (byte ranges in `clause`): one
/// per number outside brackets (新建停车场2处并安装充电桩300个 gives two), else the bracketed one
/// (实施管网工程(改造5公里)). A breakdown in brackets (危桥9座(其中县道3座)) is never the figure.
/// A part runs to the joining word before the next number (建设100个口袋公园、和10座体育公园), or
/// to the number's end when there is none; the last runs to the clause's end, so a thing named
/// after its number (改造提升1个区域性养老服务中心) stays with it.
fn targets_in(clause: &str) -> Vec<(usize, usize, Quantity)> {
    let all = quantities(clause);
    let outer: Vec<Quantity> = all.iter().filter(|q| !q.nested).cloned().collect();
    let chosen = if outer.is_empty() { all.into_iter().last().into_iter().collect() } else { outer };
    let mut parts = Vec::with_capacity(chosen.len());
    let mut from = 0;
    for (k, q) in chosen.iter().enumerate() {
        let end = match chosen.get(k + 1) {
            Some(next) => {
                let gap = &clause[q.end..next.start];
                q.end + CONNECTORS.iter().filter_map(|c| gap.find(c)).min().unwrap_or(0)
            }
            None => clause.len(),
        };
        parts.push((from, end, q.clone()));
        from = end;
    }
    parts
}

/// The clauses of a sentence part that may each hold a target (byte ranges in `ctx`): split at
/// commas and colons, and at 、 where what follows states a number of its own (钟山区20公里、
/// 水城区15公里); a piece with no number stays with the one before (1600名困境、留守、流动儿童).
fn counted_clauses(ctx: &str, (a, b): (usize, usize)) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (s, e) in split_ranges(&ctx[a..b], &[",", "，", ":", "："]) {
        let first = out.len();
        for (ps, pe) in split_ranges(&ctx[a + s..a + e], &["、"]) {
            let (ps, pe) = (a + s + ps, a + s + pe);
            // A piece with no number joins the one before; so does a number after a run of
            // names that have none (新建、改扩建公办幼儿园、小学、初中20所: 20 of them all).
            // A piece that says what happens to its count (2个仿制药获批) is whole: what follows
            // is another statement, not more of its names.
            let said_whole = out.last().is_some_and(|l| PREDICATES.iter().any(|p| ctx[l.0..l.1].ends_with(p)));
            let joins = out.len() > first
                && !said_whole
                && (quantities(&ctx[ps..pe]).is_empty()
                    || out.last().is_some_and(|l| quantities(&ctx[l.0..l.1]).is_empty()));
            match out.last_mut() {
                Some(last) if joins => last.1 = pe,
                _ => out.push((ps, pe)),
            }
        }
    }
    out
}

/// Whether `text` is a road's number (`G106`, `S246`, `X021`), a name offices use for the road.
fn road_code(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(chars.next(), Some('G' | 'S' | 'X' | 'Y'))
        && text.len() >= 3
        && text.len() <= 5
        && chars.all(|c| c.is_ascii_digit())
}

/// `text` without a bracketed aside at its end (`老旧小区改造项目(三期)` → `老旧小区改造项目`).
fn without_trailing_aside(text: &str) -> &str {
    if !text.ends_with([')', '）']) {
        return text;
    }
    text.rfind(['(', '（']).map_or(text, |open| text[..open].trim_end())
}

/// Whether one element names a particular thing built: a name before a kind of thing
/// (`西环路`, `土桥子脊兽产业园`, `明月湖公园`), not the kind alone (`学校`) or a kind of the
/// whole city (`城市道路`).
fn names_one_thing(element: &str, kinds: &[&str]) -> bool {
    if road_code(element) {
        return true;
    }
    let Some(tail) = kinds.iter().filter(|t| element.ends_with(**t)).max_by_key(|t| t.len()) else {
        return false;
    };
    let head = &element[..element.len() - tail.len()];
    let chars = element.chars().count();
    head.chars().count() >= 2
        && chars <= 30
        && quantities(element).is_empty()
        && !GENERIC_NAMES.iter().any(|g| element.starts_with(g))
        && !element.contains(['的', '和'])
}

/// The project a short list item names (`完成柳湖片区黑臭水体治理。` → `柳湖片区黑臭水体治理`): one
/// clause, no number with a unit, its leading verbs and closing predicate taken off; `None` for
/// anything longer or vaguer.
fn item_name(item: &str) -> Option<&str> {
    let text = item.trim().trim_end_matches(['。', '；', ';', '！']).trim();
    if text.contains(['，', ',', '。', '；', ';', '：', ':']) || !quantities(text).is_empty() {
        return None;
    }
    let mut name = text;
    loop {
        let before = name.len();
        for w in BEFORE_TRIGGER.iter().chain(TRIGGERS) {
            if name.len() > w.len() + 6 {
                name = name.strip_prefix(w).unwrap_or(name);
            }
        }
        if name.len() == before {
            break;
        }
    }
    let name = strip_predicate(name).unwrap_or(name);
    let chars = name.chars().count();
    ((4..=40).contains(&chars)
        && !GENERIC_NAMES.iter().any(|g| name.starts_with(g))
        && !LIST_WORDS.iter().any(|w| name.contains(w)))
    .then_some(name)
}

/// Whether a clause's own object only describes the thing named before it (建筑内容共6层,
/// 建筑面积…, 规模…): the count belongs to that thing.
fn describes(object: &str) -> bool {
    ["建筑内容", "建设内容", "建筑面积", "占地面积", "总面积", "规模", "内容", "其中", "全长", "总长", "长约"]
        .iter()
        .any(|w| object.starts_with(w))
}

/// Whether a count's object is projects as such (`建设项目`, `重点项目`, `民生实事`): the
/// size of the list, not a target.
fn counts_the_list(object: &str) -> bool {
    let mut o = object.trim();
    if let Some(after_year) =
        o.get(4..).and_then(|r| r.strip_prefix('年')).filter(|_| o[..4].bytes().all(|b| b.is_ascii_digit()))
    {
        o = after_year;
    }
    for w in ["今年", "全年", "共", "实施", "安排", "建设", "推进", "开工", "新开工", "续建", "谋划"]
    {
        o = o.strip_prefix(w).unwrap_or(o);
    }
    ["项目", "重点项目", "建设项目", "民生实事", "民生实事项目", "实事", "实事项目", "重大项目"].contains(&o)
}

/// `text` without a joining word at its start (和, 并, 以及…).
fn strip_connector(text: &str) -> &str {
    CONNECTORS.iter().find_map(|c| text.strip_prefix(c)).unwrap_or(text)
}

/// Adds a remark (a beneficiary count) to a row's content.
fn append_remark(row: &mut DraftRow, text: &str) {
    match &mut row.content {
        Some(content) => {
            content.push('；');
            content.push_str(text);
        }
        None => row.content = Some(text.to_string()),
    }
}

/// Whether a part of a sentence could hold a project: a number with a unit, or a list of names
/// opened by a verb or closed by 等.
pub(super) fn could_hold_a_project(part: &str) -> bool {
    if !quantities(part).is_empty() {
        return true;
    }
    // A list of names (短名、短名), or a verb of building before a thing (建设二中北路…附属设施).
    let names = split_ranges(part, &["、"]);
    let listed = names.len() >= 2 && names.iter().all(|&(s, e)| part[s..e].chars().count() <= 25);
    let built = trigger_end(part).is_some_and(|(_, at)| {
        let thing = part[at..].trim_end_matches("建设").trim_end_matches("项目");
        THING_TAILS.iter().any(|t| thing.ends_with(t)) && thing.chars().count() >= 4
    });
    listed || built || names_a_work_by_name(part)
}

/// Works named by a proper name that prose may mention with no verb of building
/// (`赤壁长江大桥已具备通车条件`, `实现绕城高速和厦蓉高速“高改快”`).
const NAMED_WORKS: &[&str] = &["大桥", "铁路", "高速", "港", "研究院", "线路", "机场", "隧道", "枢纽"];

/// Whether a part names a work by its own name: one of [`NAMED_WORKS`] after two letters at
/// least of a name that is no kind (城市, 农村…) and no verb of the reader's.
fn names_a_work_by_name(part: &str) -> bool {
    NAMED_WORKS.iter().any(|w| {
        part.match_indices(w).any(|(at, _)| {
            let head: String = part[..at].chars().rev().take_while(|c| c.is_alphanumeric()).collect();
            let head: String = head.chars().rev().collect();
            let head = ["对", "在", "与", "为", "将"].iter().find_map(|p| head.strip_prefix(p)).unwrap_or(&head);
            let name = trigger_end(head).map_or(head, |(_, end)| &head[end..]);
            name.chars().count() >= 2
                && !KIND_WORDS.iter().any(|k| name.contains(k))
                && !GENERIC_PLACE_HEADS.iter().chain(GENERIC_NAMES).any(|g| name.starts_with(g))
        })
    })
}

/// Whether a name says what the thing is: two letters at least (brackets, quotes and numbers
/// alone, `（）` or `3.`, do not) and more than verbs (`新建`).
fn names_something(name: &str) -> bool {
    name.chars().filter(|c| c.is_alphanumeric()).count() >= 2
        && name.chars().any(char::is_alphabetic)
        && !only_verbs(name.trim())
}

/// Whether a name is only generic verbs (建设改造): it names no thing.
fn only_verbs(text: &str) -> bool {
    let mut rest = text;
    while let Some(verb) = GENERIC_VERBS.iter().find(|v| rest.starts_with(**v)) {
        rest = &rest[verb.len()..];
    }
    rest.is_empty()
}

/// `text` without brackets left open or closed at its ends (3个100亿级开发区(园区 → …(园区)).
fn trim_unbalanced(text: &str) -> &str {
    let mut text = text;
    loop {
        let opens = text.matches(['(', '（']).count();
        let closes = text.matches([')', '）']).count();
        let before = text.len();
        if closes > opens {
            text = text.trim_start_matches([')', '）']);
        } else if opens > closes {
            text = text.trim_end_matches(['(', '（']);
        }
        if text.len() == before {
            return text;
        }
    }
}

/// What a clause counts, without its place, number, years and filler words:
/// "钟山区完成棚户区改造1.1519万户" → "棚户区改造". `None` when nothing is left.
fn object_of(
    clause: &str,
    place: Option<(usize, usize, &str)>,
    quantity: Option<&Quantity>,
    years: &[StatedYear],
    offset: usize,
) -> Option<String> {
    let mut cut: Vec<(usize, usize)> = Vec::new();
    cut.extend(place.map(|(s, e, _)| (s, e)));
    cut.extend(quantity.map(|q| (q.start, q.end)));
    for y in years {
        let (s, e) = (y.start.saturating_sub(offset), y.end.saturating_sub(offset));
        if y.start >= offset && e <= clause.len() {
            // 到2025年: the 到 goes with the year.
            let s = ["到", "至", "于", "在"].iter().find(|w| clause[..s].ends_with(**w)).map_or(s, |w| s - w.len());
            cut.push((s, e));
        }
    }
    // A breakdown in brackets (（其中县道3座）, （含…）) is no part of the thing's name.
    for open in ["（其中", "(其中", "（含", "(含", "（包括", "(包括"] {
        if let Some(s) = clause.find(open) {
            let close = clause[s..].find(['）', ')']).map_or(clause.len(), |e| {
                let e = s + e;
                e + clause[e..].chars().next().map_or(0, char::len_utf8)
            });
            cut.push((s, close));
        }
    }
    let mut text = String::new();
    for (i, c) in clause.char_indices() {
        if !cut.iter().any(|&(s, e)| (s..e).contains(&i)) {
            text.push(c);
        }
    }
    let mut text = trim_unbalanced(text.trim_matches(|c: char| c.is_whitespace() || ",，、:：".contains(c)));
    loop {
        let before = text.len();
        for w in LEADING_FILLER {
            text = text.strip_prefix(w).unwrap_or(text);
        }
        for w in TRAILING_FILLER {
            text = text.strip_suffix(w).unwrap_or(text);
        }
        if text.len() == before {
            break;
        }
    }
    (!text.is_empty()).then(|| text.to_string())
}
