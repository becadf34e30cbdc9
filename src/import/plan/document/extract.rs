//! Rows from one paragraph (or one numbered item of a box): named-project lists and quantity
//! targets, with their place, years, category and the clause they came from.

use std::collections::HashMap;

use crate::domain::{Gazetteer, format_quantity};

use super::super::{DraftNote, DraftRow};
use super::words::{
    PlaceNames, Quantity, StatedYear, quantities, split_ranges, stated_years, suggest_category, trimmed,
    years_mentioned,
};

/// Verbs that open a list of named projects, longest first where one ends another.
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
    "推进",
    "实施",
    "打造",
    "建设",
    "启动",
    "建成",
    "推动",
    "新建",
    "改扩建",
];
/// The verbs of [`TRIGGERS`] that open a list even without a closing 等 (in a box).
const STRONG_TRIGGERS: &[&str] = &["重点推进", "重点打造", "重点实施", "重点建设", "全力推进", "加快推进", "加快建设"];
/// Verbs a quantity's name may be made of alone (钟山区完成建设改造20公里 names no thing).
const GENERIC_VERBS: &[&str] = &["建设", "改造", "新建", "改建", "扩建", "提升", "完成", "实施", "建成"];
/// Words that may stand before a list's verb at the start of a clause (并重点推进…).
const BEFORE_TRIGGER: &[&str] = &["并", "同时", "还", "力争", "着力", "全面", "继续"];
/// What follows the 等 closing a list outside a box: only lists of projects count there.
const PROJECT_TAILS: &[&str] = &["项目", "工程", "重点项目", "重点工程"];
/// Clause separators inside a sentence part.
const CLAUSE_SEPS: &[&str] = &[",", "，", ":", "："];
/// Words marking a clause about a rate or a per-head figure: an indicator, not a project.
const INDICATOR_WORDS: &[&str] = &["率", "人均", "比重", "占比", "密度", "比例", "覆盖", "人口", "增长", "平均", "每"];
/// Words stripped from the start of a quantity's name.
const LEADING_FILLER: &[&str] =
    &["其中", "全市", "合计", "共计", "累计", "完成", "实现", "力争", "全面", "共", "并", "新增", "实施", "同步"];
/// Words stripped from the end of a quantity's name.
const TRAILING_FILLER: &[&str] = &["全部完成", "达到", "达", "共", "的", "完成", "规模"];

/// Where a paragraph sits.
pub(super) struct Scope<'a> {
    pub context: &'a str,
    pub section: &'a str,
    pub line: usize,
    pub in_box: bool,
}

/// What a sentence has said so far, for the clauses after it.
#[derive(Default)]
struct Said<'g> {
    /// The last place a clause named.
    place: Option<&'g str>,
    /// The last thing counted (建设改造供水管网), for shares that name only a place and a number.
    object: Option<String>,
}

/// Collects rows and notes paragraph by paragraph.
pub(super) struct Extractor<'g> {
    places: &'g Gazetteer,
    names: PlaceNames<'g>,
    period: Option<(i32, i32)>,
    rows: Vec<DraftRow>,
    notes: Vec<DraftNote>,
}

impl<'g> Extractor<'g> {
    pub fn new(places: &'g Gazetteer, period: Option<(i32, i32)>) -> Self {
        Self { places, names: PlaceNames::new(places), period, rows: Vec::new(), notes: Vec::new() }
    }

    /// Reads one paragraph or item.
    pub fn context(&mut self, scope: &Scope<'_>) {
        let ctx = scope.context;
        let past = self.about_the_past(ctx);
        let mut label: Option<&'g str> = None;
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
                let consumed = self.lists(scope, (a, b), label, &years);
                if !past {
                    self.quantities(scope, (a, b), label, &years, &consumed, &mut said);
                }
            }
        }
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
    ) -> Vec<(usize, usize)> {
        let ctx = scope.context;
        let mut taken = Vec::new();
        let clauses = split_ranges(&ctx[a..b], CLAUSE_SEPS);
        let mut c = 0;
        while c < clauses.len() {
            let (cs, ce) = (a + clauses[c].0, a + clauses[c].1);
            let Some((verb, body)) = trigger_end(&ctx[cs..ce]).map(|(v, t)| (v, cs + t)) else {
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
                    end = Some((a + from + tail.0, a + e, tail.1));
                    upto = k;
                    break;
                }
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
            let made = self.list_rows(scope, (cs, body, list_end, source_end), label, tail, years);
            if made {
                taken.push((cs, source_end));
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
        let ctx = scope.context;
        let seps: &[&str] = if scope.in_box { &["、", ",", "，", "以及"] } else { &["、", "以及"] };
        let mut elements: Vec<(usize, usize)> = split_ranges(&ctx[body..list_end], seps)
            .into_iter()
            .filter_map(|(s, e)| clean_element(ctx, body + s, body + e))
            .collect();
        if tail.is_empty()
            && let Some(last) = elements.last_mut()
        {
            // The list's last project without 等 carries the sentence's verb: …指挥系统建设.
            let text = &ctx[last.0..last.1];
            if let Some(stripped) = text.strip_suffix("项目建设").or_else(|| text.strip_suffix("建设")) {
                last.1 = last.0 + stripped.len();
            }
        }
        elements.retain(|&(s, e)| (2..=50).contains(&ctx[s..e].chars().count()));
        let all_places = elements.iter().all(|&(s, e)| self.names.is_place(&ctx[s..e]));
        let projects_named =
            elements.len() >= 2 && elements.iter().all(|&(s, e)| PROJECT_TAILS.iter().any(|t| ctx[s..e].ends_with(t)));
        let is_list = scope.in_box || PROJECT_TAILS.contains(&tail) || projects_named;
        if elements.is_empty() || all_places || !is_list {
            return false;
        }
        let (from, to) = self.years_for(years, source_end);
        let before_place = self.names.first(&ctx[cs..body]).map(|p| p.2);
        for (s, e) in elements {
            let element = &ctx[s..e];
            if let Some(q) = quantities(element).into_iter().last().filter(|q| q.end == element.len()) {
                let name = element[..q.start].trim().to_string();
                let place = self.place_in(&name, label.or(before_place));
                self.push(scope, RowDraft { name, place, quantity: Some(q), years: (from, to), clause: (s, e) });
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
        taken: &[(usize, usize)],
        said: &mut Said<'g>,
    ) {
        let ctx = scope.context;
        let mut total: Option<usize> = None;
        let mut shares: Option<(usize, Vec<usize>)> = None;
        for (s, e) in split_ranges(&ctx[a..b], &[",", "，", "、", ":", "："]) {
            let (cs, ce) = (a + s, a + e);
            let clause = &ctx[cs..ce];
            if taken.iter().any(|&(ts, te)| cs < te && ts < ce) {
                continue;
            }
            if clause.starts_with("其中") {
                shares = total.map(|t| (t, Vec::new()));
            }
            let place_at = self.names.first(clause);
            if let Some((_, _, p)) = place_at {
                said.place = Some(p);
            }
            let qs = quantities(clause);
            let Some(q) = qs.last().filter(|_| !INDICATOR_WORDS.iter().any(|w| clause.contains(w))) else {
                if let Some(obj) = object_of(clause, place_at, None, years, cs).filter(|o| o.chars().count() >= 2) {
                    said.object = Some(obj);
                }
                continue;
            };
            let own = object_of(clause, place_at, Some(q), years, cs);
            let object = match (&own, &said.object) {
                (Some(o), Some(prev)) if only_verbs(o) => prev.clone(),
                (Some(o), _) => o.clone(),
                (None, Some(prev)) => prev.clone(),
                (None, None) => scope.section.rsplit(" / ").next().unwrap_or_default().to_string(),
            };
            said.object = Some(object.clone());
            let place = place_at.map(|p| p.2).or(said.place).or(label);
            let printed = place_at.map_or_else(|| place.unwrap_or_default(), |(ps, pe, _)| &clause[ps..pe]);
            let name = if object.starts_with(printed) { object } else { format!("{printed}{object}") };
            let q = Quantity { start: cs + q.start, end: cs + q.end, ..q.clone() };
            let row = RowDraft { name, place, quantity: Some(q), years: self.years_for(years, ce), clause: (cs, ce) };
            let index = self.push(scope, row);
            match &mut shares {
                Some((_, parts)) => parts.push(index),
                None => total = Some(index),
            }
        }
        if let Some((total, parts)) = shares {
            self.replace_total(total, &parts);
        }
    }

    /// A total followed by its shares (全市…160公里,其中:六枝特区…65公里、…): the shares are the
    /// rows; the total is checked against them.
    fn replace_total(&mut self, total: usize, parts: &[usize]) {
        let same_unit: Vec<&DraftRow> =
            parts.iter().map(|&i| &self.rows[i]).filter(|r| r.unit == self.rows[total].unit).collect();
        if same_unit.is_empty() {
            return;
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
    }

    /// Adds a row; returns its index.
    fn push(&mut self, scope: &Scope<'_>, row: RowDraft) -> usize {
        let ctx = scope.context;
        let (from, to) = row.years;
        let item = scope.section.rsplit(" / ").next().unwrap_or_default();
        // In a box the item's title says what its rows are (2. 城区枢纽站场: 高中教育城首末站).
        let category = if scope.in_box { suggest_category(&[item, &row.name]) } else { suggest_category(&[&row.name]) };
        let source = ctx[row.clause.0..row.clause.1].to_string();
        if let Some((start, end)) = self.period {
            for year in [from, to].into_iter().flatten().filter(|y| !(start..=end).contains(y)) {
                self.notes.push(DraftNote {
                    line: scope.line,
                    zh: format!(
                        "第 {} 行:“{}”写明的年份 {year} 不在规划期 {start}—{end} 年内,请核对。",
                        scope.line, row.name
                    ),
                    en: format!(
                        "Line {}: “{}” states the year {year}, outside the plan period {start}–{end}; please check.",
                        scope.line, row.name
                    ),
                });
            }
        }
        self.rows.push(DraftRow {
            name: row.name,
            section: scope.section.to_string(),
            category: category.to_string(),
            place: row.place.map(str::to_string),
            target: row.quantity.as_ref().map(|q| q.value),
            unit: row.quantity.as_ref().map(|q| q.unit.to_string()),
            comparator: row.quantity.as_ref().and_then(|q| q.comparator),
            start_year: from,
            target_year: to,
            source,
            context: ctx.to_string(),
            source_range: row.clause,
            line: scope.line,
            ..DraftRow::default()
        });
        self.rows.len() - 1
    }

    /// The rows and the notes, with one more note for each name and place met twice.
    pub fn finish(mut self) -> (Vec<DraftRow>, Vec<DraftNote>) {
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
        (self.rows, self.notes)
    }
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
/// (等城市商圈); outside one only 等项目, 等工程….
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
                // 等城市商圈 closes a list; 等类型多样的公园绿地体系 describes one thing.
                if in_box && after.chars().count() <= 15 && !after.contains(['、', '的']) {
                    return Some((i, after));
                }
            }
            _ => {}
        }
    }
    None
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
