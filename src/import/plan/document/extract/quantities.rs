//! Quantity targets (改造老旧小区67个): the thing counted, its place and years, a total
//! with its shares, and a named work joined to a count.

use super::super::words::{Quantity, StatedYear};
use super::phrases::{
    BENEFICIARIES, INDICATOR_WORDS, append_remark, at_a_named_place, counted_clauses, counts_the_list, describes,
    object_of, only_verbs, strip_connector, targets_in, trigger_end,
};
use super::{Extractor, RowDraft, Said, Scope, Taken};

impl<'g> Extractor<'g> {
    /// Quantity targets in a sentence part, outside the lists already read.
    pub(super) fn quantities(
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
    pub(super) fn named_work_before(
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
}
