//! Named-project lists (开工建设甲、乙、丙项目): where a list begins and ends, its elements
//! made rows, and the place of each.

use super::super::words::{Quantity, StatedYear, quantities, split_ranges};
use super::phrases::{
    ACTIONS, CLAUSE_SEPS, PROJECT_TAILS, SINGLE_THING_TAILS, STRONG_TRIGGERS, THING_TAILS, at_a_named_place, bare_tail,
    clean_element, list_tail, names_a_particular_place, names_one_project, names_one_thing, road_codes_at,
    strip_predicate, things_before, things_worked_on, trigger_end,
};
use super::{Extractor, RowDraft, Scope, Taken};

impl<'g> Extractor<'g> {
    /// Named-project lists in a sentence part; returns the byte ranges they took.
    pub(super) fn lists(
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
    pub(super) fn list_rows(
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
    pub(super) fn place_in(&self, name: &str, base: Option<&'g str>) -> Option<&'g str> {
        match base {
            Some(base) => {
                let refined = self.places.refine(base, name);
                Some(self.places.place(refined).map_or(base, |p| p.name.as_str()))
            }
            None => self.names.first(name).map(|p| p.2),
        }
    }
}
