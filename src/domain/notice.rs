//! 月度通报 and 督办函: the figures of a month's bulletin and of the letters to the 责任单位,
//! worked out from the portfolio at the review month, its reports and the problem list. Only
//! figures and lists here; `export::docx` puts them into words and onto pages.
//!
//! Nothing is invented: a figure is the sum of what was reported, and how many projects lack
//! the data it needs is counted beside it ([`Notice::gaps`]), so the draft can say so.

use std::collections::HashMap;

use super::{Light, Period, Portfolio, Problem, ProblemKind, ProblemStatus, ProjectId, Report, Status, category};

/// The word a project without 建设性质 is counted under.
pub const NATURE_MISSING: &str = "未填报";
/// The word a problem without a 责任单位 (its own or its project's) is listed under.
pub const UNIT_MISSING: &str = "未明确责任单位";

/// Counts and sums of one group of projects (all, one 建设性质, one district, one category).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tally {
    pub label: String,
    pub projects: u32,
    /// 已开工: under construction or completed.
    pub started: u32,
    pub completed: u32,
    /// How many have each status, in [`Status::ALL`] order.
    pub statuses: [u32; 5],
    /// How many have each light, in [`Light::ALL`] order.
    pub lights: [u32; 4],
    /// 本年计划投资, 万元, summed over the projects whose latest report of the year gives it.
    pub invest_year_plan: f64,
    /// How many projects that sum covers.
    pub invest_year_plan_known: u32,
    /// Investment completed this year, 万元, over the projects whose reports tell it.
    pub invest_year_done: f64,
    pub invest_year_done_known: u32,
    /// 累计完成投资, 万元, from each project's latest report.
    pub invest_done: f64,
    pub invest_done_known: u32,
}

impl Tally {
    fn labelled(label: &str) -> Self {
        Self { label: label.to_string(), ..Self::default() }
    }

    fn add(&mut self, portfolio: &Portfolio, i: usize, latest: Option<&Report>) {
        let status = portfolio.projects[i].status;
        self.projects += 1;
        self.started += u32::from(matches!(status, Status::UnderConstruction | Status::Completed));
        self.completed += u32::from(status == Status::Completed);
        self.statuses[Status::ALL.iter().position(|&s| s == status).unwrap_or_default()] += 1;
        self.lights[light_slot(portfolio.light(i))] += 1;
        let (plan, done) = portfolio.invest_year(i);
        let sum = |value: Option<f64>, total: &mut f64, known: &mut u32| {
            if let Some(v) = value {
                *total += v;
                *known += 1;
            }
        };
        sum(plan, &mut self.invest_year_plan, &mut self.invest_year_plan_known);
        sum(done, &mut self.invest_year_done, &mut self.invest_year_done_known);
        sum(latest.and_then(|r| r.invest_done), &mut self.invest_done, &mut self.invest_done_known);
    }

    /// 开工率: started projects as a share of all, in %; `None` for an empty group.
    pub fn start_rate(&self) -> Option<f64> {
        (self.projects > 0).then(|| f64::from(self.started) * 100.0 / f64::from(self.projects))
    }

    /// The year's investment completed as a share of the year's plan, in %, over the projects
    /// whose reports give both; `None` when none does or the plan sums to nothing.
    pub fn invest_year_rate(&self) -> Option<f64> {
        (self.invest_year_plan > 0.0 && self.invest_year_done_known > 0)
            .then(|| self.invest_year_done * 100.0 / self.invest_year_plan)
    }

    /// How many have `status`.
    pub fn status(&self, status: Status) -> u32 {
        self.statuses[Status::ALL.iter().position(|&s| s == status).unwrap_or_default()]
    }

    /// How many have `light`.
    pub fn count(&self, light: Light) -> u32 {
        self.lights[light_slot(light)]
    }
}

fn light_slot(light: Light) -> usize {
    Light::ALL.iter().position(|&l| l == light).unwrap_or_default()
}

/// A red or yellow project in a list, with why.
#[derive(Clone, Debug, PartialEq)]
pub struct LitLine {
    pub light: Light,
    pub project: ProjectId,
    pub name: String,
    pub place: String,
    pub district: String,
    /// 责任单位, empty when not set.
    pub owner: String,
    /// The measures that lit it and by how much, in Chinese.
    pub reason: String,
    /// The first of the closed months in a row just before this one with the same light.
    pub since: Option<Period>,
}

/// An item of the problem list in a list.
#[derive(Clone, Debug, PartialEq)]
pub struct ProblemLine {
    pub id: i64,
    pub kind: ProblemKind,
    pub project: ProjectId,
    pub project_name: String,
    pub place: String,
    /// The item's 责任单位, else its project's, else [`UNIT_MISSING`].
    pub unit: String,
    pub text: String,
    pub due: Option<Period>,
    pub raised: Period,
    pub status: ProblemStatus,
    /// Open past its 解决时限 at the month.
    pub overdue: bool,
    pub closed_on: Option<String>,
    pub close_note: String,
}

/// Everything a month's 通报 reports, for the rows a filter let through.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Notice {
    /// The plan's title.
    pub plan: String,
    /// The month reported on.
    pub month: Period,
    /// The filter in words (全部, 钟山区 · 管网…).
    pub scope: String,
    pub total: Tally,
    /// By 建设性质, in the order of [`super::NATURES`], then [`NATURE_MISSING`]; empty groups left out.
    pub by_nature: Vec<Tally>,
    /// By district, in the portfolio's district order.
    pub by_district: Vec<Tally>,
    /// By category, most projects first.
    pub by_category: Vec<Tally>,
    /// Red projects, then yellow ones, each by district then id.
    pub lit: Vec<LitLine>,
    /// Every open item (open or in hand) of the rows, the earliest deadline first.
    pub open: Vec<ProblemLine>,
    /// Items closed (销号) in the month.
    pub closed: Vec<ProblemLine>,
    /// Counts of rows without the data a figure needs.
    pub gaps: Gaps,
    /// Against the month before, when it was closed (月度结账).
    pub previous: Option<Comparison>,
}

/// This month's lights against the kept lights of the month before.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    /// The month before.
    pub month: Period,
    /// Its kept lights of the same rows, in [`Light::ALL`] order (rows it did not rate are
    /// counted as 未评价).
    pub lights: [u32; 4],
    /// Rows red or yellow now that were neither then (新亮灯).
    pub newly_lit: u32,
    /// Rows red or yellow then that are green now (摘灯).
    pub cleared: u32,
    /// Rows yellow then and red now.
    pub worsened: u32,
}

/// What the figures leave out, counted, so that the draft says it rather than hiding it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Gaps {
    /// Rows without 建设性质.
    pub no_nature: u32,
    /// Rows without a report of the year giving 本年计划投资.
    pub no_year_plan: u32,
    /// Rows whose investment done this year is unknown (no report this year, or none of an
    /// earlier year to count from).
    pub no_year_done: u32,
    /// Rows no measure could rate (未评价).
    pub unrated: u32,
    /// Rows without any report up to the month.
    pub no_report: u32,
}

impl Notice {
    /// The month's figures for `rows` of `portfolio` (its review month is the month reported
    /// on), with `latest` the reports up to that month and `problems` the plan's items.
    pub fn build(portfolio: &Portfolio, rows: &[usize], latest: &[Report], problems: &[Problem]) -> Self {
        let rows = &super::project::counted_once(&portfolio.projects, rows);
        let month = portfolio.review;
        // The 问题清单 as it stood at the end of the month.
        let problems: Vec<Problem> = problems.iter().filter_map(|p| p.as_of(month)).collect();
        let problems = problems.as_slice();
        let latest_of: HashMap<ProjectId, &Report> = latest.iter().map(|r| (r.project, r)).collect();
        let mut total = Tally::labelled("合计");
        let mut by_district: Vec<Tally> = portfolio.districts().iter().map(|d| Tally::labelled(d)).collect();
        let mut by_category: HashMap<&str, Tally> = HashMap::new();
        let mut by_nature: HashMap<&str, Tally> = HashMap::new();
        let mut gaps = Gaps::default();
        let mut lit = Vec::new();
        let before = month.plus_months(-1);
        let closed_before = portfolio.closed_months().any(|m| m == before);
        let mut comparison = Comparison { month: before, ..Comparison::default() };
        for &i in rows {
            let p = &portfolio.projects[i];
            let report = latest_of.get(&p.id).copied();
            total.add(portfolio, i, report);
            by_district[portfolio.district_index(i)].add(portfolio, i, report);
            let cat = category(&p.category).map_or(p.category.as_str(), |c| c.zh);
            by_category.entry(cat).or_insert_with(|| Tally::labelled(cat)).add(portfolio, i, report);
            let nature = p.nature.as_deref().map(str::trim).filter(|n| !n.is_empty()).unwrap_or(NATURE_MISSING);
            by_nature.entry(nature).or_insert_with(|| Tally::labelled(nature)).add(portfolio, i, report);
            let (plan, done) = portfolio.invest_year(i);
            gaps.no_nature += u32::from(nature == NATURE_MISSING);
            gaps.no_year_plan += u32::from(plan.is_none());
            gaps.no_year_done += u32::from(done.is_none());
            gaps.no_report += u32::from(report.is_none());
            let light = portfolio.light(i);
            gaps.unrated += u32::from(light == Light::Grey);
            if closed_before {
                let then = portfolio.kept_light(i, before).unwrap_or(Light::Grey);
                comparison.lights[light_slot(then)] += 1;
                let lit = |l: Light| matches!(l, Light::Red | Light::Yellow);
                comparison.newly_lit += u32::from(lit(light) && !lit(then));
                comparison.cleared += u32::from(lit(then) && light == Light::Green);
                comparison.worsened += u32::from(then == Light::Yellow && light == Light::Red);
            }
            lit.extend(lit_line(portfolio, i));
        }
        let lit = in_lit_order(lit);
        let mut by_category: Vec<Tally> = by_category.into_values().collect();
        by_category.sort_by(|a, b| b.projects.cmp(&a.projects).then_with(|| a.label.cmp(&b.label)));
        let mut natures: Vec<Tally> = Vec::new();
        for n in super::NATURES.iter().copied().chain([NATURE_MISSING]) {
            natures.extend(by_nature.remove(n));
        }
        let mut rest: Vec<Tally> = by_nature.into_values().collect();
        rest.sort_by(|a, b| a.label.cmp(&b.label));
        natures.extend(rest);
        let (open, closed) = problem_lines(portfolio, rows, problems, month);
        Self {
            plan: portfolio.plan.title.clone(),
            month,
            scope: String::new(),
            total,
            by_nature: natures,
            by_district: by_district.into_iter().filter(|t| t.projects > 0).collect(),
            by_category,
            lit,
            open,
            closed,
            gaps,
            previous: closed_before.then_some(comparison),
        }
    }

    /// What the 督办函 take of the month's figures for `rows`: the red and yellow rows and the
    /// open items, as [`Notice::build`] lists them, without the tallies, the items closed in
    /// the month or the comparison with the month before (`duban` needs only these; a test
    /// holds every letter to the whole notice's).
    pub fn for_letters(portfolio: &Portfolio, rows: &[usize], problems: &[Problem]) -> Self {
        let rows = &super::project::counted_once(&portfolio.projects, rows);
        let month = portfolio.review;
        let problems: Vec<Problem> = problems.iter().filter_map(|p| p.as_of(month)).filter(Problem::is_open).collect();
        let lit = in_lit_order(rows.iter().filter_map(|&i| lit_line(portfolio, i)).collect());
        let (open, _) = problem_lines(portfolio, rows, &problems, month);
        Self { plan: portfolio.plan.title.clone(), month, lit, open, ..Self::default() }
    }

    /// The 责任单位 that get a 督办函: those with a red or yellow project or an open item, in
    /// name order.
    pub fn units(&self) -> Vec<String> {
        let mut units: Vec<String> = self
            .lit
            .iter()
            .map(|l| l.owner.as_str())
            .filter(|o| !o.is_empty())
            .chain(self.open.iter().map(|p| p.unit.as_str()))
            .map(str::to_string)
            .collect();
        units.sort();
        units.dedup();
        units
    }

    /// The 督办函 to `unit`: its red and yellow projects and its open items.
    pub fn letter(&self, unit: &str) -> Letter {
        Letter {
            unit: unit.to_string(),
            plan: self.plan.clone(),
            month: self.month,
            lit: self.lit.iter().filter(|l| l.owner == unit).cloned().collect(),
            open: self.open.iter().filter(|p| p.unit == unit).cloned().collect(),
        }
    }

    /// Open items past their deadline.
    pub fn overdue(&self) -> impl Iterator<Item = &ProblemLine> {
        self.open.iter().filter(|p| p.overdue)
    }
}

/// What a 督办函 to one 责任单位 lists.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Letter {
    pub unit: String,
    pub plan: String,
    pub month: Period,
    pub lit: Vec<LitLine>,
    pub open: Vec<ProblemLine>,
}

impl Letter {
    /// Nothing to chase.
    pub fn is_empty(&self) -> bool {
        self.lit.is_empty() && self.open.is_empty()
    }
}

/// Where a lit line stands in the lists: red first, then by district (the portfolio's
/// order), then by id.
type LitOrder = (std::cmp::Reverse<Light>, usize, ProjectId);

/// Row `i` as a line of the red and yellow list, when it is red or yellow.
fn lit_line(portfolio: &Portfolio, i: usize) -> Option<(LitOrder, LitLine)> {
    let light = portfolio.light(i);
    if !matches!(light, Light::Red | Light::Yellow) {
        return None;
    }
    let p = &portfolio.projects[i];
    let district = portfolio.district_index(i);
    let line = LitLine {
        light,
        project: p.id,
        name: p.name.clone(),
        place: p.place.clone(),
        district: portfolio.districts()[district].clone(),
        owner: lit_unit(p).unwrap_or_default().to_string(),
        reason: portfolio.verdict(i).summary(super::Lang::Zh),
        since: portfolio.light_since(i),
    };
    Some(((std::cmp::Reverse(light), district, p.id), line))
}

/// The lines in their list order.
fn in_lit_order(mut lit: Vec<(LitOrder, LitLine)>) -> Vec<LitLine> {
    lit.sort_unstable_by_key(|(order, _)| *order);
    lit.into_iter().map(|(_, line)| line).collect()
}

/// A red or yellow project's 责任单位 as the 督办函 names it: trimmed, none when empty. The one
/// rule for [`Notice::units`], [`Notice::letter`] and [`units_to_chase`] (two rules that trimmed
/// differently gave the window a unit whose letter then had none of its projects).
fn lit_unit(project: &super::Project) -> Option<&str> {
    project.responsible_unit.as_deref().map(str::trim).filter(|u| !u.is_empty())
}

/// An item's 责任单位: its own, else its project's, else [`UNIT_MISSING`].
pub fn problem_unit<'a>(item: &'a Problem, project: &'a super::Project) -> &'a str {
    [item.owner.trim(), project.responsible_unit.as_deref().unwrap_or_default().trim()]
        .into_iter()
        .find(|u| !u.is_empty())
        .unwrap_or(UNIT_MISSING)
}

/// The 责任单位 [`Notice::units`] gives for `rows`, found without working out the figures or
/// putting reasons into words (the window lists them when it opens).
pub fn units_to_chase(portfolio: &Portfolio, rows: &[usize], problems: &[Problem]) -> Vec<String> {
    let problems: Vec<Problem> = problems.iter().filter_map(|p| p.as_of(portfolio.review)).collect();
    let row_of: HashMap<ProjectId, usize> = rows.iter().map(|&i| (portfolio.projects[i].id, i)).collect();
    let lit = rows
        .iter()
        .filter(|&&i| matches!(portfolio.light(i), Light::Red | Light::Yellow))
        .filter_map(|&i| lit_unit(&portfolio.projects[i]));
    let open = problems
        .iter()
        .filter(|p| p.is_open())
        .filter_map(|p| row_of.get(&p.project).map(|&i| problem_unit(p, &portfolio.projects[i])));
    let mut units: Vec<String> = lit.chain(open).map(str::to_string).collect();
    units.sort();
    units.dedup();
    units
}

/// The open items of the rows' projects (earliest deadline first, none last) and those
/// closed in `month`.
fn problem_lines(
    portfolio: &Portfolio,
    rows: &[usize],
    problems: &[Problem],
    month: Period,
) -> (Vec<ProblemLine>, Vec<ProblemLine>) {
    let row_of: HashMap<ProjectId, usize> = rows.iter().map(|&i| (portfolio.projects[i].id, i)).collect();
    let month_text = month.to_string();
    let (mut open, mut closed) = (Vec::new(), Vec::new());
    for item in problems {
        let Some(&i) = row_of.get(&item.project) else { continue };
        let closed_now = item.status == ProblemStatus::Resolved
            && item.closed_on.as_deref().is_some_and(|d| d.starts_with(&month_text));
        if !item.is_open() && !closed_now {
            continue;
        }
        let p = &portfolio.projects[i];
        let unit = problem_unit(item, p);
        let line = ProblemLine {
            id: item.id,
            kind: item.kind,
            project: p.id,
            project_name: p.name.clone(),
            place: p.place.clone(),
            unit: unit.to_string(),
            text: item.text.clone(),
            due: item.due,
            raised: item.raised,
            status: item.status,
            overdue: item.overdue(month),
            closed_on: item.closed_on.clone(),
            close_note: item.close_note.clone(),
        };
        if item.is_open() { open.push(line) } else { closed.push(line) }
    }
    open.sort_by_key(|p| (p.due.is_none(), p.due, p.id));
    closed.sort_by_key(|p| (p.closed_on.clone(), p.id));
    (open, closed)
}

#[cfg(test)]
mod tests {
    use super::{NATURE_MISSING, Notice, UNIT_MISSING};
    use crate::domain::{
        Gazetteer, Light, Period, Portfolio, Problem, ProblemKind, ProblemStatus, Project, ProjectId, Report, Status,
    };

    fn month(y: i32, m: u8) -> Period {
        Period::new(y, m).expect("period")
    }

    fn report(id: i64, project: i64, period: Period, plan: Option<f64>, done: Option<f64>) -> Report {
        Report {
            id,
            project: ProjectId(project),
            period,
            status: Status::UnderConstruction,
            done: None,
            invest_total: None,
            invest_year_plan: plan,
            invest_done: done,
            progress_text: String::new(),
            problems: String::new(),
            coordination: String::new(),
            coordination_unit: String::new(),
            coordination_due: String::new(),
            note: String::new(),
            reviewer: String::new(),
            created_at: String::new(),
            invest_year_done: None,
        }
    }

    #[test]
    fn a_project_the_plan_names_twice_is_counted_once() {
        // Issue 27: 专栏8's 六盘水市公共卫生救治中心(传染病医院) is 专栏7's 公共卫生救治中心(传染病医院).
        let first = Project::sample(1, "公共卫生救治中心(传染病医院)", "市中心城区", None, Status::NotStarted);
        let repeat = Project {
            same_as: Some(ProjectId(1)),
            ..Project::sample(2, "六盘水市公共卫生救治中心(传染病医院)", "市中心城区", None, Status::NotStarted)
        };
        let other = Project::sample(3, "钟山区学校", "钟山区", None, Status::NotStarted);
        let projects = vec![first, repeat, other];
        // Reported on the later mention only: both rows take it.
        let mut latest = vec![report(21, 2, month(2026, 9), None, None), report(22, 3, month(2026, 8), None, None)];
        crate::domain::share_linked_reports(&projects, &mut latest);
        let of = |id: i64| latest.iter().filter(|r| r.project == ProjectId(id)).map(|r| r.id).collect::<Vec<_>>();
        assert_eq!((of(1), of(2), of(3)), (vec![21], vec![21], vec![22]));
        let mut portfolio = Portfolio::new(projects, Gazetteer::default());
        portfolio.set_schedule(month(2026, 10), 10.0);
        portfolio.set_reports(&latest, &[]);
        let notice = Notice::build(&portfolio, &[0, 1, 2], &latest, &[]);
        assert_eq!(notice.total.projects, 2);
        // Without its first row, the later mention is the project.
        assert_eq!(Notice::build(&portfolio, &[1, 2], &latest, &[]).total.projects, 2);
    }

    fn item(id: i64, project: i64, owner: &str, due: Option<Period>, status: ProblemStatus) -> Problem {
        Problem {
            id,
            project: ProjectId(project),
            kind: ProblemKind::Coordination,
            text: format!("问题{id}"),
            owner: owner.into(),
            person: String::new(),
            due,
            raised: month(2026, 6),
            status,
            closed_on: (status == ProblemStatus::Resolved).then(|| "2026-10-12".to_string()),
            close_note: String::new(),
        }
    }

    #[test]
    fn figures_sum_what_was_reported_and_count_what_was_not() {
        let mut a = Project::sample(1, "钟山区供水管网", "钟山区", Some(2.0), Status::UnderConstruction);
        // Units as offices type them, with spaces around: one rule trims them everywhere.
        a.responsible_unit = Some(" 钟山区住建局 ".into());
        a.nature = Some("续建".into());
        a.target = Some(10.0);
        let mut b = Project::sample(2, "水城区公园", "水城区", None, Status::NotStarted);
        b.responsible_unit = Some("水城区住建局\u{3000}".into());
        let c = Project::sample(3, "钟山区学校", "钟山区", None, Status::Completed);
        let mut portfolio = Portfolio::new(vec![a, b, c], Gazetteer::default());
        portfolio.set_schedule(month(2026, 10), 10.0);
        let latest = [
            report(11, 1, month(2026, 9), Some(1000.0), Some(1500.0)),
            report(12, 2, month(2026, 8), Some(400.0), None),
        ];
        let base = [report(5, 1, month(2025, 12), Some(900.0), Some(1100.0))];
        portfolio.set_reports(&latest, &base);
        let problems = [
            item(1, 1, "", Some(month(2026, 9)), ProblemStatus::Open),
            item(2, 2, "市自然资源局", None, ProblemStatus::InHand),
            item(3, 1, "", Some(month(2026, 8)), ProblemStatus::Resolved),
        ];
        let rows: Vec<usize> = (0..3).collect();
        let notice = Notice::build(&portfolio, &rows, &latest, &problems);

        assert_eq!((notice.total.projects, notice.total.started, notice.total.completed), (3, 2, 1));
        assert_eq!(notice.total.start_rate().map(|r| (r * 10.0).round()), Some(667.0));
        assert_eq!((notice.total.invest_year_plan, notice.total.invest_year_plan_known), (1400.0, 2));
        assert_eq!((notice.total.invest_year_done, notice.total.invest_year_done_known), (400.0, 1), "1500 − 1100");
        assert_eq!((notice.total.invest_done, notice.total.invest_done_known), (1500.0, 1));
        assert_eq!(notice.gaps.no_year_done, 2);
        assert_eq!(notice.gaps.no_report, 1);
        assert_eq!(notice.gaps.no_nature, 2);
        let natures: Vec<(&str, u32)> = notice.by_nature.iter().map(|t| (t.label.as_str(), t.projects)).collect();
        assert_eq!(natures, [("续建", 1), (NATURE_MISSING, 2)]);
        let districts: Vec<(&str, u32)> = notice.by_district.iter().map(|t| (t.label.as_str(), t.projects)).collect();
        assert_eq!(districts, [("钟山区", 2), ("水城区", 1)]);
        assert_eq!(notice.total.lights.iter().sum::<u32>(), 3);
        for line in &notice.lit {
            assert!(matches!(line.light, Light::Red | Light::Yellow));
            assert!(!line.reason.is_empty());
        }
        let lit: u32 = notice.total.count(Light::Red) + notice.total.count(Light::Yellow);
        assert_eq!(notice.lit.len(), lit as usize);

        // Items: the open ones by deadline, the closed one of October, units from the project
        // when the item names none.
        let open: Vec<(i64, &str, bool)> = notice.open.iter().map(|p| (p.id, p.unit.as_str(), p.overdue)).collect();
        assert_eq!(open, [(1, "钟山区住建局", true), (2, "市自然资源局", false)]);
        assert_eq!(notice.closed.iter().map(|p| p.id).collect::<Vec<_>>(), [3]);
        assert_eq!(notice.overdue().count(), 1);
        assert!(notice.units().contains(&"市自然资源局".to_string()));
        assert_eq!(super::units_to_chase(&portfolio, &rows, &problems), notice.units());
        // Every unit the window offers gets a letter with its red and yellow projects.
        for unit in notice.units() {
            let letter = notice.letter(&unit);
            let lit_here = notice.lit.iter().filter(|l| l.owner == unit).count();
            assert!(!letter.is_empty() && letter.lit.len() == lit_here, "{unit:?}");
        }
        assert!(notice.lit.iter().all(|l| l.owner.trim() == l.owner), "{:?}", notice.lit);
        // Moved to another year without the reports read again: that year's investment is unknown.
        portfolio.set_schedule(month(2027, 1), 10.0);
        assert_eq!(portfolio.invest_year(0), (None, None));
        let letter = notice.letter("钟山区住建局");
        assert_eq!(letter.open.len(), 1);
        assert!(notice.letter("没有的单位").is_empty());
        assert!(!notice.units().contains(&UNIT_MISSING.to_string()));
    }

    #[test]
    fn a_filter_narrows_the_items_too() {
        let a = Project::sample(1, "钟山区供水管网", "钟山区", None, Status::UnderConstruction);
        let b = Project::sample(2, "水城区公园", "水城区", None, Status::NotStarted);
        let mut portfolio = Portfolio::new(vec![a, b], Gazetteer::default());
        portfolio.set_schedule(month(2026, 10), 10.0);
        let problems = [
            item(1, 1, "甲", None, ProblemStatus::Open),
            item(2, 2, "乙", None, ProblemStatus::Open),
            item(3, 2, "乙", None, ProblemStatus::Resolved),
        ];
        let notice = Notice::build(&portfolio, &[1], &[], &problems);
        assert_eq!(notice.total.projects, 1);
        assert_eq!(notice.open.iter().map(|p| p.id).collect::<Vec<_>>(), [2]);
        assert_eq!(notice.closed.len(), 1);
        assert_eq!(notice.gaps.no_report, 1);
    }
}
