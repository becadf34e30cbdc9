//! Rows from one paragraph (or one numbered item of a box): named-project lists and quantity
//! targets, with their place, years, category and the clause they came from.

mod lists;
mod phrases;
mod quantities;

use crate::domain::{Gazetteer, format_quantity};
use std::collections::HashMap;

use super::super::{DraftNote, DraftRow, NoteKind, Unread, UnreadWhy};
use super::words::{
    PlaceNames, Quantity, StatedYear, quantities, split_ranges, stated_years, suggest_category, years_mentioned,
};
use phrases::{
    CLAUSE_SEPS, INDICATOR_WORDS, append_remark, capacity_before, could_hold_a_project, item_name, names_something,
    object_of, trigger_end, trim_unbalanced,
};

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
            let unit = row.unit.unwrap_or_default();
            self.notes.push(DraftNote {
                line: row.line,
                kind: NoteKind::PartsDiffer { source: row.source, total: printed, sum, unit },
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
                    kind: NoteKind::YearOutside { name: name.clone(), year, start, end },
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
                Some(&first) => self.notes.push(DraftNote {
                    line: row.line,
                    kind: NoteKind::Twice { name: row.name.clone(), place: row.place.clone(), first, line: row.line },
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
