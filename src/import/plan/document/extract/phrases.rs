//! The words and phrase shapes the extractor recognises: the verbs that open a list, the
//! tails that end a thing's name, named places and works, clauses and their objects.

use super::super::super::DraftRow;
use super::super::words::{Quantity, StatedYear, quantities, split_ranges, trimmed};

/// Verbs that open a list of named projects; a longer verb stands before a shorter one it
/// begins with (开工建设 before 开工, 加快推进 before 加快).
pub(super) const TRIGGERS: &[&str] = &[
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
pub(super) const STRONG_TRIGGERS: &[&str] =
    &["重点推进", "重点打造", "重点实施", "重点建设", "全力推进", "加快推进", "加快建设"];
/// Verbs a quantity's name may be made of alone (钟山区完成建设改造20公里 names no thing).
pub(super) const GENERIC_VERBS: &[&str] = &["建设", "改造", "新建", "改建", "扩建", "提升", "完成", "实施", "建成"];
/// Words that may stand before a list's verb at the start of a clause (并重点推进…).
pub(super) const BEFORE_TRIGGER: &[&str] = &[
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
pub(super) const PREDICATES: &[&str] = &[
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
pub(super) const PREDICATE_TIMES: &[&str] =
    &["上半年", "下半年", "年内", "年底前", "年底", "今年", "全面", "尽快", "如期", "按期", "顺利"];
/// What a list closed by 等 outside a box may end in: a kind of thing built (等“断头路”, 等8条道路,
/// 等一批产业项目).
pub(super) const THING_TAILS: &[&str] = &[
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
pub(super) const ACTIONS: &[&str] =
    &["提升改造", "改造提升", "提档升级", "大中修", "提升", "改造", "整治", "维修", "建设"];
/// Words of a list's own story, never of a project's name (为2025年民生实事项目, 候选项目).
pub(super) const LIST_WORDS: &[&str] = &["民生实事", "候选", "票决", "被确定"];
/// The kinds of [`THING_TAILS`] a place-like name ends in, enough to name a project alone
/// (`开工新建西环路`), unlike a network or a facility (`改造雨污分流管网`).
pub(super) const SINGLE_THING_TAILS: &[&str] = &[
    "路", "大道", "街", "桥", "隧道", "公园", "广场", "学校", "校", "医院", "园", "馆", "站", "厂", "水库", "湿地",
    "楼", "渠", "基地",
];
/// Words a single project's name may not begin with: they name a kind, not a project (重大项目).
pub(super) const GENERIC_NAMES: &[&str] =
    &["一批", "重大", "重点", "各类", "相关", "一系列", "若干", "这些", "有关", "民生", "项目"];
/// What follows the 等 closing a list outside a box: only lists of projects count there.
pub(super) const PROJECT_TAILS: &[&str] = &["项目", "工程", "重点项目", "重点工程"];
/// Clause separators inside a sentence part.
pub(super) const CLAUSE_SEPS: &[&str] = &[",", "，", ":", "："];
/// Words marking a clause about a rate or a per-head figure: an indicator, not a project.
pub(super) const INDICATOR_WORDS: &[&str] =
    &["率", "人均", "比重", "占比", "密度", "比例", "覆盖", "人口", "增长", "平均", "每"];
/// Words before a count of people who gain from a project, not a target (惠及3万人).
pub(super) const BENEFICIARIES: &[&str] =
    &["惠及", "受益", "受惠", "带动", "辐射", "服务群众", "服务人口", "服务居民", "覆盖群众", "覆盖人口", "覆盖居民"];
/// Words joining a second target to the first in one clause (新建停车场2处并安装充电桩300个).
pub(super) const CONNECTORS: &[&str] = &["以及", "并且", "同时", "和", "及", "并", "与", "另"];
/// Words stripped from the start of a quantity's name.
pub(super) const LEADING_FILLER: &[&str] =
    &["其中", "全市", "合计", "共计", "累计", "完成", "实现", "力争", "全面", "共", "并", "新增", "实施", "同步", "的"];
/// Words stripped from the end of a quantity's name.
pub(super) const TRAILING_FILLER: &[&str] = &["全部完成", "达到", "达", "共", "的", "完成", "规模"];

/// Words naming where a work is done, after the place's own name: a road (二中北路, 将军大道,
/// 330国道, 颜恒线), a town (甘泉镇), a zone (高新技术产业园区). 乡 and 村 begin too many words
/// (乡村, 村官) to say a place alone.
pub(super) const PLACE_WORDS: &[&str] =
    &["大道", "街道", "园区", "片区", "国道", "省道", "县道", "路", "街", "镇", "线"];
/// Heads of a place word that make it a kind, not a place (城市道路, 行政村, 产业园区, 乡镇).
pub(super) const GENERIC_PLACE_HEADS: &[&str] = &[
    "城市", "农村", "城区", "城乡", "县城", "全县", "全市", "全区", "乡镇", "行政", "美丽", "中心", "产业", "工业",
    "重点", "主要", "各", "相关", "老旧", "背街", "市政", "农业", "社区", "居民", "特色", "周边", "沿线", "一批",
];

/// Words that make a place word's head a kind wherever they stand (城市快速路, 新型城镇).
pub(super) const KIND_WORDS: &[&str] = &["城市", "农村", "城乡", "乡村", "城镇", "乡镇", "行政", "规划", "快速"];

/// Whether `text` begins with a particular place's name (`二中北路`, `丹霞街道`, `330国道`) and
/// goes on to what is done or built there: (the place word's end), else `None`.
pub(super) fn named_place_end(text: &str) -> Option<usize> {
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
pub(super) fn at_a_named_place(element: &str) -> bool {
    let Some(end) = named_place_end(element) else { return false };
    element[end..].chars().filter(|c| c.is_alphabetic()).count() >= 2
        && element.chars().count() <= 40
        && quantities(element).is_empty()
        && !element.contains('的')
        && !LIST_WORDS.iter().any(|w| element.contains(w))
}

/// Whether `thing` is a particular road or place alone (`朝阳路`, `甘泉镇`): a place's name and its
/// word, nothing after.
pub(super) fn names_a_particular_place(thing: &str) -> bool {
    named_place_end(thing) == Some(thing.len()) || road_code(thing)
}

/// Where a list of roads by their numbers ends a clause (`参照城市道路标准整治提升G106、G342`):
/// the byte offset of the first, whatever verb stands before it.
pub(super) fn road_codes_at(clause: &str) -> Option<usize> {
    clause.char_indices().filter(|(_, c)| matches!(c, 'G' | 'S' | 'X' | 'Y')).map(|(i, _)| i).find(|&i| {
        let prev = clause[..i].chars().next_back();
        !prev.is_some_and(|p| p.is_ascii_alphanumeric())
            && split_ranges(&clause[i..], &["、"]).iter().all(|&(s, e)| road_code(&clause[i + s..i + e]))
    })
}

/// Whether the words before a number make it a plant's capacity (年产5万吨氧化锌, 日处理500吨):
/// the size of the thing named, not a target.
pub(super) fn capacity_before(before: &str) -> bool {
    ["年产", "日产", "年处理", "日处理", "年加工", "日供水", "装机"].iter().any(|w| before.ends_with(w))
}

/// Kinds of institution whose parts a text may name (甲中学食堂, 乙医院门诊楼).
pub(super) const INSTITUTIONS: &[&str] =
    &["中学", "小学", "学校", "幼儿园", "医院", "卫生院", "福利院", "敬老院", "院", "馆", "校"];
/// Words of the work done to things introduced by 对 (对甲进行…, 对甲、乙优化提升).
pub(super) const WORK_AFTER_DUI: &[&str] =
    &["进行", "优化", "提升", "改造", "提档", "提质", "维修", "整治", "修缮", "更新", "扩建", "加固"];

/// The things a clause opened by 对 works on, when each is a particular institution or a part
/// of one (`对州儿童福利院进行优化提质`, `并对甲中学操场、乙中学食堂和丙中学实验室优化提升`):
/// their byte ranges in `clause`. Equipment or kinds (`对除污机、排污泵等老旧设备进行更新`) are not.
pub(super) fn things_worked_on(clause: &str) -> Option<Vec<(usize, usize)>> {
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
pub(super) fn bare_tail(text: &str) -> Option<usize> {
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
pub(super) fn things_before(head: &str) -> bool {
    let names = split_ranges(head, &["、"]);
    names.len() >= 2 && names.iter().all(|&(s, e)| names_one_thing(&head[s..e], SINGLE_THING_TAILS))
}

/// Where the list after a clause's opening verb starts (byte offset in `clause`), when the
/// clause opens with one (`重点推进A、B`, `并启动C`).
pub(super) fn trigger_end(clause: &str) -> Option<(&'static str, usize)> {
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
pub(super) fn list_tail(text: &str, in_box: bool) -> Option<(usize, &str)> {
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
pub(super) fn names_a_kind(tail: &str) -> bool {
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
pub(super) fn strip_predicate(text: &str) -> Option<&str> {
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
pub(super) fn names_one_project(element: &str) -> bool {
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
pub(super) fn clean_element(ctx: &str, s: usize, e: usize) -> Option<(usize, usize)> {
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
pub(super) fn targets_in(clause: &str) -> Vec<(usize, usize, Quantity)> {
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
pub(super) fn counted_clauses(ctx: &str, (a, b): (usize, usize)) -> Vec<(usize, usize)> {
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
pub(super) fn road_code(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(chars.next(), Some('G' | 'S' | 'X' | 'Y'))
        && text.len() >= 3
        && text.len() <= 5
        && chars.all(|c| c.is_ascii_digit())
}

/// `text` without a bracketed aside at its end (`老旧小区改造项目(三期)` → `老旧小区改造项目`).
pub(super) fn without_trailing_aside(text: &str) -> &str {
    if !text.ends_with([')', '）']) {
        return text;
    }
    text.rfind(['(', '（']).map_or(text, |open| text[..open].trim_end())
}

/// Whether one element names a particular thing built: a name before a kind of thing
/// (`西环路`, `土桥子脊兽产业园`, `明月湖公园`), not the kind alone (`学校`) or a kind of the
/// whole city (`城市道路`).
pub(super) fn names_one_thing(element: &str, kinds: &[&str]) -> bool {
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
pub(super) fn item_name(item: &str) -> Option<&str> {
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
pub(super) fn describes(object: &str) -> bool {
    ["建筑内容", "建设内容", "建筑面积", "占地面积", "总面积", "规模", "内容", "其中", "全长", "总长", "长约"]
        .iter()
        .any(|w| object.starts_with(w))
}

/// Whether a count's object is projects as such (`建设项目`, `重点项目`, `民生实事`): the
/// size of the list, not a target.
pub(super) fn counts_the_list(object: &str) -> bool {
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
pub(super) fn strip_connector(text: &str) -> &str {
    CONNECTORS.iter().find_map(|c| text.strip_prefix(c)).unwrap_or(text)
}

/// Adds a remark (a beneficiary count) to a row's content.
pub(super) fn append_remark(row: &mut DraftRow, text: &str) {
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
pub(super) const NAMED_WORKS: &[&str] = &["大桥", "铁路", "高速", "港", "研究院", "线路", "机场", "隧道", "枢纽"];

/// Whether a part names a work by its own name: one of [`NAMED_WORKS`] after two letters at
/// least of a name that is no kind (城市, 农村…) and no verb of the reader's.
pub(super) fn names_a_work_by_name(part: &str) -> bool {
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
pub(super) fn names_something(name: &str) -> bool {
    name.chars().filter(|c| c.is_alphanumeric()).count() >= 2
        && name.chars().any(char::is_alphabetic)
        && !only_verbs(name.trim())
}

/// Whether a name is only generic verbs (建设改造): it names no thing.
pub(super) fn only_verbs(text: &str) -> bool {
    let mut rest = text;
    while let Some(verb) = GENERIC_VERBS.iter().find(|v| rest.starts_with(**v)) {
        rest = &rest[verb.len()..];
    }
    rest.is_empty()
}

/// `text` without brackets left open or closed at its ends (3个100亿级开发区(园区 → …(园区)).
pub(super) fn trim_unbalanced(text: &str) -> &str {
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
pub(super) fn object_of(
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
