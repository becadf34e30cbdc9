//! Small readers of plan prose: numbers with their units and qualifiers, stated years, places,
//! splitting at separators outside brackets, and the category a name suggests.

use crate::domain::{CATEGORIES, Comparator, Gazetteer, QUALIFIERS_AFTER, QUALIFIERS_BEFORE};

/// Units a target may be printed in; the longest that matches is taken (平方米 before 米).
const UNITS: &[&str] = &[
    "万平方米",
    "平方公里",
    "平方千米",
    "平方米",
    "万立方米",
    "立方米",
    "公里",
    "千米",
    "km",
    "米",
    "万户",
    "户",
    "万套",
    "套",
    "万吨",
    "吨/日",
    "吨",
    "公顷",
    "万亩",
    "亩",
    "间",
    "张",
    "所",
    "个",
    "座",
    "条",
    "处",
    "辆",
    "台",
    "盏",
    "家",
    "栋",
    "宗",
    "万千瓦",
    "兆瓦",
    "千瓦",
    "万人次",
    "人次",
    "万人",
    "万名",
    "人",
    "名",
    "场次",
    "场",
    "万株",
    "株",
    "棵",
    "支",
    "项",
    "期",
    "部",
];
/// What may not follow a unit for it to be one (`3个百分点`, `5个月`, `30万吨级`, `8公里/平方公里`).
/// Also a count of the list itself or of those who chose it (`10个民生实事候选项目`, `8个项目被确定`,
/// `303名人大代表`).
const NOT_AFTER_UNIT: &[&str] =
    &["百分点", "月", "级", "/", "工作日", "小时", "以后", "项目被", "民生实事", "候选", "人大代表", "代表"];
/// Words a unit begins, where the unit is not one (`人民`, `场所`, `一张图`, `一条龙`).
const NOT_UNIT_WORDS: &[&str] = &[
    "人民",
    "人才",
    "人员",
    "人口",
    "人群",
    "名单",
    "名称",
    "场所",
    "场馆",
    "场景",
    "场地",
    "场址",
    "场镇",
    "支持",
    "支付",
    "支撑",
    "台账",
    "部门",
    "部署",
    "部分",
    "部位",
    "部件",
    "部委",
    "部队",
    "台阶",
    "条件",
    "条例",
    "处理",
    "处置",
    "家庭",
    "家园",
    "所有",
    "间隔",
    "座谈",
    "张图",
    "张网",
    "张蓝图",
    "条龙",
    "期间",
    "期限",
    "个人",
    "个体",
    "米粉",
    "户籍",
    "户外",
    "户型",
    "套餐",
    "家政",
    "人制",
    "项目",
    "项工作",
    "项任务",
    "项措施",
    "项重点",
    "项民生",
    "项指标",
    "项举措",
    "项改革",
    "项制度",
    "项大事",
    "项实事",
    "项行动",
    "项具体",
    "项重大",
    "项主要",
    "项事项",
    "项工程",
    "个项目",
    "个重点项目",
    "个民生",
    "个全面",
    "个方面",
    "个基本点",
    "个维护",
    "个确保",
    "个坚持",
    "个自信",
    "个意识",
    "个务必",
    "个一批",
    "米宽",
    "米长",
    "米高",
    "米深",
    "米厚",
];
/// Words just before a number that make it a dimension of a thing, not a target (`路面宽16米`).
const DIMENSIONS: &[&str] = &[
    "宽",
    "宽度",
    "高",
    "高度",
    "深",
    "深度",
    "厚",
    "厚度",
    "直径",
    "管径",
    "跨径",
    "半径",
    "层高",
    "净空",
    "埋深",
    "海拔",
    "红线",
    "跨度",
    "长度",
    "面宽",
    "设计规模",
    "供水规模",
    "处理规模",
    "设计能力",
    "处理能力",
];
/// Chinese numerals and their values; 万 and 亿 multiply what stands before them.
const CN_DIGITS: &[(char, u32)] = &[
    ('零', 0),
    ('〇', 0),
    ('一', 1),
    ('二', 2),
    ('两', 2),
    ('三', 3),
    ('四', 4),
    ('五', 5),
    ('六', 6),
    ('七', 7),
    ('八', 8),
    ('九', 9),
];
const CN_SCALES: &[(char, u32)] = &[('十', 10), ('百', 100), ('千', 1000)];
/// Characters before a Chinese numeral that make it part of a word (第一, 每一, 统一, 唯一, 进一步…).
const CN_GLUED: &str = "第每统唯单同逐某几数之其初周星月日年第一二三四五六七八九十百千万亿两零〇";

/// A number printed with its unit, as byte offsets into the text it was found in.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Quantity {
    /// Start of the qualifier before the number, else of the number.
    pub start: usize,
    /// End of the qualifier after the unit, else of the unit.
    pub end: usize,
    pub value: f64,
    pub unit: &'static str,
    pub comparator: Option<Comparator>,
    /// Inside brackets: a breakdown (`9座（其中县道3座）`) or an aside, not the clause's figure.
    pub nested: bool,
}

fn ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        _ => None,
    }
}

/// The longest unit `text` starts with.
fn unit_at_start(text: &str) -> Option<&'static str> {
    UNITS.iter().copied().filter(|u| text.starts_with(u)).max_by_key(|u| u.len())
}

/// What 万, 千 or 亿 after a number multiply it by, when they are not the start of a unit
/// (`3万个` is 30,000 个; `1.5万户` is 1.5 万户).
fn multiplier(text: &str) -> Option<(f64, usize)> {
    let c = text.chars().next()?;
    let factor = match c {
        '万' => 1e4,
        '千' => 1e3,
        '亿' => 1e8,
        _ => return None,
    };
    (unit_at_start(text).is_none() && unit_at_start(&text[c.len_utf8()..]).is_some()).then_some((factor, c.len_utf8()))
}

/// A number in Chinese numerals at the start of `text` (`两`, `三千`, `一百零五`, `十二`): its
/// value and length in bytes. A 万 that begins a unit (`三万人`) is left to the unit.
fn chinese_number(text: &str) -> Option<(f64, usize)> {
    // total: the part up to the last 万/亿; section: below 万; digit: the last digit read.
    let (mut total, mut section, mut digit, mut len) = (0u64, 0u64, None::<u64>, 0usize);
    // The last scale read without a digit since (十十 and 百千 are no numbers), and a 零 just read.
    let mut last_scale = u64::MAX;
    let mut zero = false;
    for (k, c) in text.char_indices() {
        if matches!(c, '零' | '〇') && digit.is_none() && k > 0 {
            if zero {
                break; // 一百零零五: no number
            }
            zero = true;
        } else if let Some(&(_, d)) = CN_DIGITS.iter().find(|(ch, _)| *ch == c) {
            if digit.is_some() {
                break; // 一二: a list of figures, not a number
            }
            digit = Some(u64::from(d));
            last_scale = u64::MAX;
            zero = false;
        } else if let Some(&(_, s)) = CN_SCALES.iter().find(|(ch, _)| *ch == c) {
            let scale = u64::from(s);
            let out_of_order = scale >= last_scale || scale > 10;
            if digit.is_none() && k > 0 && out_of_order {
                break; // 十十, 百千, 五百千: scales out of order
            }
            section = section.saturating_add(digit.take().unwrap_or(1).saturating_mul(scale));
            last_scale = scale;
        } else if matches!(c, '万' | '亿') && unit_at_start(&text[k..]).is_none() {
            let unit = section.saturating_add(digit.take().unwrap_or(0));
            if c == '万' {
                total = total.saturating_add(unit.saturating_mul(10_000));
            } else {
                // 亿 multiplies all before it: 九千万亿 is 9×10^15.
                total = total.saturating_add(unit).saturating_mul(100_000_000);
            }
            section = 0;
            last_scale = u64::MAX;
        } else {
            break;
        }
        len = k + c.len_utf8();
    }
    let value = total.saturating_add(section).saturating_add(digit.unwrap_or(0));
    #[allow(clippy::cast_precision_loss)] // checked against MAX_NUMBER by the caller
    (len > 0 && value > 0).then_some((value as f64, len))
}

/// Every number with a unit in `text`: `改造雨污分流管网0.4公里` → 0.4 公里, `新建两座` → 2 座.
/// A number glued to a letter (`G356`), after 第 or `×`, a year (`2025年`) or a dimension
/// (`路面宽16米`) is not a quantity.
pub(super) fn quantities(text: &str) -> Vec<Quantity> {
    let mut found = Vec::new();
    let mut i = 0;
    // Brackets and quotation marks open at `i`, kept as the text is read (counting them again
    // for every number made a page-long paragraph quadratic).
    let (mut brackets, mut quotes) = (0i32, 0i32);
    let stray = unclosed(text);
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else { break };
        match c {
            _ if stray.contains(&i) => {}
            '(' | '（' => brackets += 1,
            ')' | '）' => brackets = (brackets - 1).max(0),
            '“' => quotes += 1,
            '”' => quotes = (quotes - 1).max(0),
            _ => {}
        }
        let prev = text[..i].chars().next_back();
        let number = if ascii_digit(c).is_some() {
            // A number after one letter is a road's or a code's (G356); after an abbreviation of
            // two letters or more it counts the thing abbreviated (除颤器(AED40台).
            let letters = text[..i].chars().rev().take_while(char::is_ascii_alphabetic).count();
            let glued = prev.is_some_and(|p| {
                (p.is_ascii_alphanumeric() && letters < 2)
                    || matches!(p, '第' | '×' | '.' | '-' | '—' | '–' | '~' | '～' | '/' | '+')
            });
            ascii_number(&text[i..]).map(|(v, len)| (v, len, glued))
        } else if CN_DIGITS.iter().any(|(d, _)| *d == c) || c == '十' {
            let glued = prev.is_some_and(|p| CN_GLUED.contains(p));
            chinese_number(&text[i..]).map(|(v, len)| (v, len, glued))
        } else {
            None
        };
        let Some((value, len, glued)) = number else {
            i += c.len_utf8();
            continue;
        };
        // A number beyond any real target (a run of digits) is no target; nor is one in a quoted
        // phrase, a name or a slogan (“两个维护”).
        let real = value.is_finite() && value <= crate::domain::MAX_NUMBER;
        if !glued
            && real
            && quotes == 0
            && !dimension_before(&text[..i])
            // 在17个乡镇硬化道路…: where the work is done, not what is done.
            && !text[..i].ends_with('在')
            && let Some(q) = quantity_at(text, (i, i + len), value, brackets > 0)
        {
            i = q.end;
            // A number right after another's unit with 以上 sizes the thing (230个50户以上村寨):
            // the first counts it, the second is no target. Without it both count (老旧小区25个1697户).
            let sizes = found.last().is_some_and(|p: &Quantity| p.end == q.start) && q.comparator.is_some();
            if !sizes {
                found.push(q);
            }
            continue;
        }
        i += len;
    }
    found
}

/// An ASCII (or full-width) number at the start of `text`, with a 万/千/亿 after it: its value and
/// length in bytes.
fn ascii_number(text: &str) -> Option<(f64, usize)> {
    let mut digits = String::new();
    let mut end = 0;
    for (k, ch) in text.char_indices() {
        if let Some(d) = ascii_digit(ch) {
            digits.push(d);
        } else if matches!(ch, '.' | '．') && !digits.contains('.') {
            digits.push('.');
        } else {
            break;
        }
        end = k + ch.len_utf8();
    }
    let value: f64 = digits.trim_end_matches('.').parse().ok()?;
    match multiplier(&text[end..]) {
        Some((factor, len)) => Some((value * factor, end + len)),
        None => Some((value, end)),
    }
}

/// Whether `before` ends with a dimension's word (`路面宽`, `直径约`): the number after it
/// measures a thing.
fn dimension_before(before: &str) -> bool {
    let mut b = before.trim_end();
    for w in ["约为", "约", "为", "达", "均", "："] {
        b = b.strip_suffix(w).unwrap_or(b);
    }
    DIMENSIONS.iter().any(|d| b.ends_with(d))
}

/// Whether `rest` (what follows a unit) is a number of a grade (`1个500亿级园区`, `2座5万吨级码头`):
/// the count before it counts things of that grade, measured by the number after.
fn grade_after(rest: &str) -> bool {
    let Some((_, len)) = ascii_number(rest) else { return false };
    let after = rest[len..].trim_start_matches(['万', '亿', '千', '百', '元', '吨', '平', '方', '米']);
    after.starts_with('级')
}

fn quantity_at(text: &str, (num_start, num_end): (usize, usize), value: f64, nested: bool) -> Option<Quantity> {
    let after = text[num_end..].trim_start_matches(' ');
    let unit_at = text.len() - after.len();
    let unit = unit_at_start(after).or_else(|| people_in_wan(&text[..num_start], after))?;
    let rest = &after[unit.len()..];
    // 培训5期 counts sessions; 二期 and 3期工程 name a phase.
    let arabic = text[num_start..].starts_with(|c: char| ascii_digit(c).is_some());
    if unit == "期" && (!arabic || ["工程", "项目", "建设"].iter().any(|w| rest.starts_with(w))) {
        return None;
    }
    // `1个500亿级园区`: a count of things measured by the next number.
    if NOT_AFTER_UNIT.iter().any(|w| rest.starts_with(w))
        || grade_after(rest)
        || NOT_UNIT_WORDS.iter().any(|w| after.starts_with(w))
    {
        return None;
    }
    let before = &text[..num_start];
    let (start, before_q) = QUALIFIERS_BEFORE
        .iter()
        .find(|(w, _)| before.ends_with(w))
        .map_or((num_start, None), |&(w, c)| (num_start - w.len(), Some(c)));
    let mut end = unit_at + unit.len();
    let after_q = QUALIFIERS_AFTER.iter().find(|(w, _)| rest.starts_with(w)).map(|&(w, c)| {
        end += w.len();
        c
    });
    Some(Quantity { start, end, value, unit, comparator: before_q.or(after_q), nested })
}

/// `万` as the unit of people served, counted in 万 with no word for them (`为200万中小学生开展测评`):
/// after 为, and before a word that is no unit, no money and no approximation.
fn people_in_wan(before: &str, after: &str) -> Option<&'static str> {
    let rest = after.strip_prefix('万')?;
    let next = rest.chars().next()?;
    let noun = ('\u{4e00}'..='\u{9fff}').contains(&next)
        && unit_at_start(rest).is_none()
        && !["元", "余", "多", "左右", "以上", "美元", "亿"].iter().any(|w| rest.starts_with(w));
    (before.ends_with('为') && noun).then_some("万")
}

/// A year stated in a sentence: where it sits (byte range) and what it says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct StatedYear {
    pub start: usize,
    pub end: usize,
    pub from: Option<i32>,
    pub to: i32,
}

fn year_at(text: &str, at: usize) -> Option<i32> {
    let four = text.get(at..at + 4)?;
    let before = text[..at].chars().next_back();
    let after = text[at + 4..].chars().next();
    let bounded = !before.is_some_and(|c| c.is_ascii_digit()) && !after.is_some_and(|c| c.is_ascii_digit());
    if bounded && four.bytes().all(|b| b.is_ascii_digit()) && (four.starts_with("19") || four.starts_with("20")) {
        four.parse().ok()
    } else {
        None
    }
}

/// Words after `YYYY年` that make it a deadline (`2025年底前`, `2023年前`).
const DEADLINE_AFTER: &[&str] = &["底前", "年底前", "年底", "底", "末", "前", "内", "完成", "建成", "全面"];
/// Words before `YYYY年` that make it a deadline (`到2025年`).
const DEADLINE_BEFORE: &[&str] = &["到", "至", "于", "在", "截至"];
/// Dashes between the years of a period (`2022—2025年`).
const DASHES: &[char] = &['—', '–', '-', '~', '～', '至', '到'];

/// The years `sentence` states as a period or deadline: `2022—2025年` (from 2022 to 2025),
/// `2025年底前`, `到2025年`, and `2025年,` opening the sentence. A year that is only a date of
/// the past (`2020年以前已经列入计划`, `比2015年增加`) states nothing.
pub(super) fn stated_years(sentence: &str) -> Vec<StatedYear> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= sentence.len() {
        let Some(year) = year_at(sentence, i) else {
            i += sentence[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let after = &sentence[i + 4..];
        // A period: YYYY—YYYY年.
        if let Some(dash) = after.chars().next().filter(|c| DASHES.contains(c)) {
            let j = i + 4 + dash.len_utf8();
            if let Some(to) = year_at(sentence, j).filter(|&to| to > year)
                && sentence[j + 4..].starts_with('年')
            {
                out.push(StatedYear { start: i, end: j + 4 + '年'.len_utf8(), from: Some(year), to });
                i = j + 4;
                continue;
            }
        }
        if let Some(rest) = after.strip_prefix('年') {
            let head = sentence[..i].trim_end();
            let deadline_after =
                DEADLINE_AFTER.iter().find(|w| rest.starts_with(**w)).filter(|_| !rest.starts_with("以前"));
            let deadline_before = DEADLINE_BEFORE.iter().any(|w| head.ends_with(w));
            let opening = head.is_empty() && rest.starts_with([',', '，']);
            if deadline_after.is_some() || deadline_before || opening {
                let end = i + 4 + '年'.len_utf8() + deadline_after.map_or(0, |w| w.len());
                out.push(StatedYear { start: i, end, from: None, to: year });
            }
        }
        i += 4;
    }
    out
}

/// Every year-like `YYYY年` in `text`, stated or not (for telling a paragraph about the past).
pub(super) fn years_mentioned(text: &str) -> Vec<i32> {
    text.match_indices('年').filter_map(|(at, _)| at.checked_sub(4).and_then(|s| year_at(text, s))).collect()
}

/// The places of a gazetteer by every name they go by, longest first.
pub(super) struct PlaceNames<'g> {
    names: Vec<(&'g str, &'g str)>,
}

impl<'g> PlaceNames<'g> {
    pub fn new(places: &'g Gazetteer) -> Self {
        let mut names: Vec<_> = places
            .places()
            .iter()
            .flat_map(|p| {
                std::iter::once(p.name.as_str())
                    .chain(p.aliases.iter().map(String::as_str))
                    .map(move |a| (a, p.name.as_str()))
            })
            .filter(|(a, _)| !a.is_empty())
            .collect();
        names.sort_by_key(|(a, _)| std::cmp::Reverse(a.len()));
        Self { names }
    }

    /// The leftmost place named in `text`, longest name first at that spot: (start, end, place).
    pub fn first(&self, text: &str) -> Option<(usize, usize, &'g str)> {
        let mut best: Option<(usize, usize, &'g str)> = None;
        for &(alias, place) in &self.names {
            if let Some(at) = text.find(alias)
                && best.is_none_or(|(s, e, _)| at < s || (at == s && at + alias.len() > e))
            {
                best = Some((at, at + alias.len(), place));
            }
        }
        best
    }

    /// The place `text` opens with, longest name first.
    pub fn prefix(&self, text: &str) -> Option<(usize, &'g str)> {
        self.names.iter().find(|(a, _)| text.starts_with(a)).map(|&(a, p)| (a.len(), p))
    }

    /// Whether `text` is exactly a place's name.
    pub fn is_place(&self, text: &str) -> bool {
        self.names.iter().any(|(a, _)| *a == text)
    }
}

/// Where `text` opens a bracket or quotation mark that it never closes (byte offsets): a
/// misprint (`配备除颤器(AED40台;完成培训20人`) that must not make the rest of a sentence an aside.
pub(super) fn unclosed(text: &str) -> Vec<usize> {
    let mut open = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '(' | '（' | '“' | '《' | '【' => open.push(i),
            ')' | '）' | '”' | '》' | '】' => {
                open.pop();
            }
            _ => {}
        }
    }
    open
}

/// Splits `text` at any of `seps` outside (), （）, “”, 《》 and 【】, giving byte ranges trimmed
/// of spaces, empty pieces left out. A bracket never closed is no bracket.
pub(super) fn split_ranges(text: &str, seps: &[&str]) -> Vec<(usize, usize)> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let mut i = 0;
    let stray = unclosed(text);
    while i < text.len() {
        let rest = &text[i..];
        let Some(c) = rest.chars().next() else { break };
        match c {
            _ if stray.contains(&i) => {}
            '(' | '（' | '“' | '《' | '【' => depth += 1,
            ')' | '）' | '”' | '》' | '】' => depth = (depth - 1).max(0),
            _ => {}
        }
        if depth == 0
            && let Some(sep) = seps.iter().find(|s| rest.starts_with(**s))
        {
            parts.push((start, i));
            i += sep.len();
            start = i;
            continue;
        }
        i += c.len_utf8();
    }
    parts.push((start, text.len()));
    parts.into_iter().filter_map(|(s, e)| trimmed(text, s, e)).collect()
}

/// The range `s..e` of `text` without surrounding spaces, `None` when nothing is left.
pub(super) fn trimmed(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let piece = &text[s..e];
    let lead = piece.len() - piece.trim_start().len();
    let body = piece.trim();
    (!body.is_empty()).then_some((s + lead, s + lead + body.len()))
}

/// Keywords that suggest a category, checked in order: the more specific first (管网 before 路,
/// 医院 before 开发区).
const CATEGORY_KEYWORDS: &[(&str, &[&str])] = &[
    ("shantytown", &["棚户区", "棚改", "城中村"]),
    ("old_estates", &["老旧小区"]),
    ("back_alleys", &["背街小巷"]),
    ("childcare", &["托育", "托幼", "婴幼儿"]),
    ("elderly_care", &["养老", "康养", "老年", "颐养", "医养"]),
    ("heating", &["供热", "供暖"]),
    ("flood_control", &["内涝", "排涝", "防涝", "排洪", "雨水调蓄"]),
    ("pipes", &["管网", "管廊", "管道"]),
    ("sewage", &["污水"]),
    ("refuse", &["垃圾", "餐厨", "固废"]),
    ("public_health", &["公共卫生", "传染病", "紧急医学", "疾病预防"]),
    ("hospitals", &["医院", "卫生院", "医疗", "医学", "妇幼", "保健院"]),
    ("schools", &["学校", "中学", "小学", "幼儿园", "学院", "教育", "职校"]),
    ("disaster_prevention", &["人防", "防灾", "减灾", "应急", "消防"]),
    ("municipal", &["地下通道", "人行天桥", "停车位", "步道", "非机动车道"]),
    ("commerce", &["商圈", "步行街", "商业", "消费", "夜间经济"]),
    ("parks", &["公园", "绿地", "绿道", "湿地"]),
    ("industrial_parks", &["园区", "开发区", "产业园"]),
    ("towns", &["小镇", "小(城)镇"]),
    ("smart_transport", &["智慧交通", "智能调度"]),
    ("transit_hubs", &["公交", "客运", "枢纽", "火车站", "首末站", "站场", "停车场"]),
    ("roads", &["道路", "大道", "公路", "快线", "环线", "隧道", "路"]),
    ("communities", &["社区"]),
    ("culture", &["文化", "博物馆", "遗产", "三线"]),
];

/// The category the first of `texts` with a keyword suggests (the row's name, then its
/// heading), else `"other"`. Only codes of the catalogue are returned.
pub(super) fn suggest_category(texts: &[&str]) -> &'static str {
    texts
        .iter()
        .find_map(|t| CATEGORY_KEYWORDS.iter().find(|(_, words)| words.iter().any(|w| t.contains(w))))
        .and_then(|(code, _)| CATEGORIES.iter().find(|c| c.code == *code))
        .map_or("other", |c| c.code)
}

#[cfg(test)]
mod tests {
    use super::{CATEGORY_KEYWORDS, PlaceNames, quantities, split_ranges, stated_years, suggest_category};
    use crate::domain::{CATEGORIES, Comparator, Gazetteer};

    fn q(text: &str) -> Vec<(f64, &'static str, Option<Comparator>)> {
        quantities(text).into_iter().map(|q| (q.value, q.unit, q.comparator)).collect()
    }

    #[test]
    fn numbers_keep_their_printed_unit_and_qualifier() {
        assert_eq!(q("改造雨污分流管网0.4公里"), vec![(0.4, "公里", None)]);
        assert_eq!(q("新增床位500张"), vec![(500.0, "张", None)]);
        assert_eq!(q("建成32.0867万平方米"), vec![(32.0867, "万平方米", None)]);
        assert_eq!(q("新增集中供热建筑面积500万平方米以上"), vec![(500.0, "万平方米", Some(Comparator::AtLeast))]);
        assert_eq!(q("建成不少于90个托位"), vec![(90.0, "个", Some(Comparator::AtLeast))]);
        assert_eq!(q("改造约３０公里"), vec![(30.0, "公里", Some(Comparator::About))]);
        assert_eq!(q("道路200公里左右"), vec![(200.0, "公里", Some(Comparator::About))]);
        assert!(q("G356六枝落别至大用公路").is_empty());
        assert!(q("到2025年,第3个百分点,8公里/平方公里").is_empty());
    }

    #[test]
    fn years_only_where_stated() {
        let ys = |s: &str| stated_years(s).into_iter().map(|y| (y.from, y.to)).collect::<Vec<_>>();
        assert_eq!(ys("2022—2025年,全市建设改造供水管网160公里"), vec![(Some(2022), 2025)]);
        assert_eq!(ys("2023年底前,全市2020年以前已经列入计划的项目"), vec![(None, 2023)]);
        assert_eq!(ys("到2025年,完成改造"), vec![(None, 2025)]);
        assert_eq!(ys("202x年完成改造"), vec![]);
        assert_eq!(ys("城市道路面积比2015年提高1307平方米"), vec![]);
    }

    #[test]
    fn places_longest_first_with_aliases() {
        let places = Gazetteer::default();
        let names = PlaceNames::new(&places);
        assert_eq!(names.first("全市建设改造").map(|p| p.2), Some("六盘水市"));
        assert_eq!(names.first("盘州市中心城区:重点打造").map(|p| p.2), Some("盘州市中心城区"));
        assert_eq!(names.first("高新区石龙中学").map(|p| p.2), Some("六盘水高新区"));
        assert_eq!(names.prefix("六枝特区完成改造40条"), Some(("六枝特区".len(), "六枝特区")));
    }

    #[test]
    fn splits_outside_brackets() {
        let text = "甲、乙(丙、丁)、戊以及己";
        let parts: Vec<_> = split_ranges(text, &["、", "以及"]).into_iter().map(|(s, e)| &text[s..e]).collect();
        assert_eq!(parts, vec!["甲", "乙(丙、丁)", "戊", "己"]);
    }

    #[test]
    fn categories_by_keyword_from_the_catalogue() {
        for (code, _) in CATEGORY_KEYWORDS {
            assert!(CATEGORIES.iter().any(|c| c.code == *code), "{code}");
        }
        assert_eq!(suggest_category(&["钟山区雨污分流管网"]), "pipes");
        assert_eq!(suggest_category(&["高新区石龙中学"]), "schools");
        assert_eq!(suggest_category(&["红山幼儿园"]), "schools");
        assert_eq!(suggest_category(&["明湖湿地公园"]), "parks");
        assert_eq!(suggest_category(&["红果经济开发区人民医院"]), "hospitals");
        assert_eq!(suggest_category(&["凤凰东路"]), "roads");
        assert_eq!(suggest_category(&["钟山区棚户区改造"]), "shantytown");
        assert_eq!(suggest_category(&["城镇老旧小区改造"]), "old_estates");
        assert_eq!(suggest_category(&["老年养护院"]), "elderly_care");
        assert_eq!(suggest_category(&["水城区托育中心"]), "childcare");
        assert_eq!(suggest_category(&["供热管道"]), "heating");
        assert_eq!(suggest_category(&["污水处理厂"]), "sewage");
        assert_eq!(suggest_category(&["生活垃圾转运站"]), "refuse");
        assert_eq!(suggest_category(&["第三中学"]), "schools");
        assert_eq!(suggest_category(&["某某项目", "2. 城市教育服务能力提升工程"]), "schools");
        assert_eq!(suggest_category(&["数字孪生平台"]), "other");
    }
}
