//! Filtering and sorting the portfolio: the rules behind the filter panel and `taizhang list`.

use serde::{Deserialize, Serialize};

use super::search::Query;
use super::{
    DEFAULT_LAG_THRESHOLD, Gazetteer, Light, LightInput, LightRules, Period, Plan, Project, ProjectId, Report,
    Schedule, SearchKey, Status, Verdict, category, judge, light_of,
};

/// What the reviewer narrowed the portfolio to. Empty lists mean "all".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Place names; each takes in the places inside it.
    pub places: Vec<String>,
    /// Category codes.
    pub categories: Vec<String>,
    /// 专栏 numbers.
    pub zhuanlan: Vec<u8>,
    pub statuses: Vec<Status>,
    /// Earliest target year, inclusive.
    pub year_from: Option<i32>,
    /// Latest target year, inclusive.
    pub year_to: Option<i32>,
    /// Chinese substring or pinyin initials.
    pub search: String,
    /// Only projects flagged 滞后 at the portfolio's review date.
    pub lagging_only: bool,
    /// Lights (亮灯) by the plan's rules; empty means all.
    pub lights: Vec<Light>,
    /// 建设性质 words ([`super::NATURES`]); [`super::NATURE_MISSING`] takes in the rows without
    /// one. Empty means all.
    pub natures: Vec<String>,
}

impl Filter {
    /// True when nothing is narrowed.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The filter in words for a sheet's title block: 钟山区 · 管网 · 2023年起, or 全部.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if !self.places.is_empty() {
            parts.push(self.places.join("、"));
        }
        if !self.categories.is_empty() {
            let labels: Vec<&str> = self.categories.iter().map(|c| category(c).map_or(c.as_str(), |c| c.zh)).collect();
            parts.push(labels.join("、"));
        }
        if !self.zhuanlan.is_empty() {
            let boxes: Vec<String> = self.zhuanlan.iter().map(|z| format!("专栏{z}")).collect();
            parts.push(boxes.join("、"));
        }
        if !self.statuses.is_empty() {
            let labels: Vec<&str> = self.statuses.iter().map(|s| s.label_zh()).collect();
            parts.push(labels.join("、"));
        }
        match (self.year_from, self.year_to) {
            (Some(a), Some(b)) => parts.push(format!("{a}–{b}年")),
            (Some(a), None) => parts.push(format!("{a}年起")),
            (None, Some(b)) => parts.push(format!("{b}年止")),
            (None, None) => {}
        }
        if !self.search.trim().is_empty() {
            parts.push(format!("搜索“{}”", self.search.trim()));
        }
        if self.lagging_only {
            parts.push("仅滞后".into());
        }
        if !self.lights.is_empty() {
            let labels: Vec<&str> = self.lights.iter().map(|l| l.label_zh()).collect();
            parts.push(labels.join("、"));
        }
        if !self.natures.is_empty() {
            parts.push(format!("建设性质:{}", self.natures.join("、")));
        }
        if parts.is_empty() { "全部".into() } else { parts.join(" · ") }
    }
}

/// The column a table is sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortColumn {
    #[default]
    Id,
    Name,
    Place,
    Category,
    Zhuanlan,
    Status,
    TargetYear,
    Target,
}

/// Ascending or descending.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortOrder {
    #[default]
    Ascending,
    Descending,
}

/// The portfolio prepared for fast filtering: search keys and place indices worked out once.
#[derive(Clone, Debug, Default)]
pub struct Portfolio {
    pub projects: Vec<Project>,
    pub gazetteer: Gazetteer,
    /// The plan the rows belong to: its period gives 序时进度 to rows without a start year.
    pub plan: Plan,
    /// Each row's search key, made the first time a search needs them (or by
    /// [`Portfolio::prepare_search`] on a worker): a document never searches.
    keys: std::sync::OnceLock<Vec<SearchKey>>,
    place_index: Vec<Option<usize>>,
    /// The districts (区/县/市) the rows lie in, in first-seen order, and each row's entry.
    districts: Vec<String>,
    district_of_row: Vec<u32>,
    /// The category codes of the rows, in first-seen order, and each row's entry.
    categories: Vec<String>,
    category_of_row: Vec<u32>,
    /// The review date and lag threshold the schedules were worked out for.
    pub review: Period,
    pub lag_threshold: f64,
    schedules: Vec<Schedule>,
    /// The plan's light rules, what the latest reports tell them, and each row's light.
    pub rules: LightRules,
    facts: Vec<Option<LightFacts>>,
    /// The review year `facts` were worked out for: after [`Portfolio::set_schedule`] moves to
    /// another year they are not used (the year's investment would be another year's).
    facts_year: i32,
    /// Each row's open problems' deadlines, once the problem list is known.
    problem_dues: Option<Vec<Vec<Period>>>,
    /// The closed months' kept lights (month, each row's light; `None` for a row the month did
    /// not rate), latest first.
    closed_months: Vec<(Period, Vec<Option<Light>>)>,
    /// Each row's light, worked out when first asked for after the last change of what it
    /// depends on (a snapshot's read sets five things in turn: lit once, not five times).
    lights: std::sync::OnceLock<Vec<Light>>,
}

/// What a row's reports tell the light rules and the 通报.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct LightFacts {
    /// 本年计划投资 of the review year, 万元: from the latest report when it is of that year.
    invest_year_plan: Option<f64>,
    /// Investment completed this year up to the latest report, 万元: as the report gives it
    /// (an office ledger's 1-N月完成投资), else its 累计完成投资 less that of the last report of
    /// an earlier year. Unknown without either.
    invest_year_done: Option<f64>,
}

impl LightFacts {
    fn of(latest: &Report, base: Option<&Report>, year: i32) -> Self {
        let this_year = latest.period.year == year;
        let done = match (latest.invest_year_done, latest.invest_done, base.and_then(|b| b.invest_done)) {
            (Some(stated), _, _) if this_year => Some(stated),
            (_, Some(now), Some(before)) if this_year => Some(now - before),
            _ => None,
        };
        Self { invest_year_plan: latest.invest_year_plan.filter(|_| this_year), invest_year_done: done }
    }
}

impl Portfolio {
    /// Prepares the projects for filtering, with the period they span standing in for a plan.
    pub fn new(projects: Vec<Project>, gazetteer: Gazetteer) -> Self {
        let plan = Plan::spanning(&projects);
        Self::for_plan(plan, projects, gazetteer)
    }

    /// Prepares the projects of `plan` for filtering.
    pub fn for_plan(plan: Plan, projects: Vec<Project>, gazetteer: Gazetteer) -> Self {
        let place_index = projects.iter().map(|p| gazetteer.index_of(&p.place)).collect();
        let (districts, district_of_row) = intern(projects.iter().map(|p| gazetteer.district_of(&p.place)));
        let (categories, category_of_row) = intern(projects.iter().map(|p| p.category.as_str()));
        let mut portfolio = Self {
            projects,
            gazetteer,
            plan,
            keys: std::sync::OnceLock::new(),
            place_index,
            districts,
            district_of_row,
            categories,
            category_of_row,
            review: Period::today(),
            lag_threshold: DEFAULT_LAG_THRESHOLD,
            schedules: Vec::new(),
            rules: LightRules::default(),
            facts: Vec::new(),
            facts_year: 0,
            problem_dues: None,
            closed_months: Vec::new(),
            lights: std::sync::OnceLock::new(),
        };
        portfolio.facts = vec![None; portfolio.projects.len()];
        portfolio.set_schedule(portfolio.review, portfolio.lag_threshold);
        portfolio
    }

    /// Makes the rows' search keys now (on a worker), so that the first search typed does not.
    pub fn prepare_search(&self) {
        self.keys();
    }

    /// Whether the search keys are made (a search then costs a scan of them, nothing more).
    pub fn search_ready(&self) -> bool {
        self.keys.get().is_some()
    }

    fn keys(&self) -> &[SearchKey] {
        self.keys.get_or_init(|| {
            self.projects
                .iter()
                .map(|p| {
                    let cat = category(&p.category).map_or("", |c| c.zh);
                    SearchKey::new(&format!("{} {} {}", p.name, p.place, cat))
                })
                .collect()
        })
    }

    /// Works out every row's light now (on a worker), so that the frame that first shows them
    /// does not.
    pub fn prepare_lights(&self) {
        self.lights();
    }

    fn lights(&self) -> &[Light] {
        self.lights
            .get_or_init(|| (0..self.projects.len()).map(|i| light_of(&self.rules, &self.light_input(i))).collect())
    }

    /// The districts the rows lie in; [`Portfolio::district_index`] points into this.
    pub fn districts(&self) -> &[String] {
        &self.districts
    }

    /// The district of row `i`, as an index into [`Portfolio::districts`].
    pub fn district_index(&self, i: usize) -> usize {
        self.district_of_row[i] as usize
    }

    /// The category codes of the rows; [`Portfolio::category_index`] points into this.
    pub fn categories(&self) -> &[String] {
        &self.categories
    }

    /// Puts the districts and categories in the order the whole plan meets them, for a
    /// portfolio of some of its rows: `first_seen` is each (place, category) of the plan in the
    /// order of its first row by id. Totals by district and the lists ranked by them then come
    /// out as the whole portfolio's would (a district first met in a row left out would come
    /// later otherwise).
    pub fn order_groups_as(&mut self, first_seen: &[(String, String)]) {
        let gazetteer = &self.gazetteer;
        let n = first_seen.len();
        let places =
            first_seen.iter().map(|(place, _)| place.as_str()).chain(self.projects.iter().map(|p| p.place.as_str()));
        let (districts, of_row) = intern(places.map(|place| gazetteer.district_of(place)));
        (self.districts, self.district_of_row) = (districts, of_row[n..].to_vec());
        let categories =
            first_seen.iter().map(|(_, c)| c.as_str()).chain(self.projects.iter().map(|p| p.category.as_str()));
        let (categories, of_row) = intern(categories);
        (self.categories, self.category_of_row) = (categories, of_row[n..].to_vec());
    }

    /// The category of row `i`, as an index into [`Portfolio::categories`].
    pub fn category_index(&self, i: usize) -> usize {
        self.category_of_row[i] as usize
    }

    /// Works out 序时进度, completion and the lagging flag of every row at `review`.
    pub fn set_schedule(&mut self, review: Period, lag_threshold: f64) {
        self.review = review;
        self.lag_threshold = lag_threshold;
        let start = self.plan.start_year;
        self.schedules = self.projects.iter().map(|p| Schedule::of(p, review, start)).collect();
        self.judge_all();
    }

    /// Makes each project's status and done those of the review month, where reports tell
    /// them: a project with a report up to the month takes that report's (its stored state is
    /// its latest report's, which may be later), one whose reports all come after the month was
    /// not started then; a project never reported keeps its own. So a sheet or a light of a past
    /// month never mixes a later figure with that month's schedule. `later`: the projects with a
    /// report after the review month. Works out the schedules again.
    pub fn set_states_at_review(&mut self, until: &[Report], later: &std::collections::HashSet<ProjectId>) {
        let by_project: std::collections::HashMap<ProjectId, &Report> = until.iter().map(|r| (r.project, r)).collect();
        for p in &mut self.projects {
            match by_project.get(&p.id) {
                Some(r) => (p.status, p.done) = (r.status, r.done),
                None if later.contains(&p.id) => (p.status, p.done) = (Status::NotStarted, None),
                None => {}
            }
        }
        let (review, start) = (self.review, self.plan.start_year);
        self.schedules = self.projects.iter().map(|p| Schedule::of(p, review, start)).collect();
    }

    /// Takes in what the latest reports up to the review month say (each project's own, found
    /// by id) and, from `year_base`, each project's last report of a year before the review
    /// year (for the investment completed this year), and lights the rows again. Call it
    /// again after [`Portfolio::set_schedule`] moves the review month (`Db::refresh_reports`).
    pub fn set_reports(&mut self, latest: &[Report], year_base: &[Report]) {
        let by_project = |reports: &'_ [Report]| -> std::collections::HashMap<ProjectId, usize> {
            reports.iter().enumerate().map(|(k, r)| (r.project, k)).collect()
        };
        let (latest_of, base_of) = (by_project(latest), by_project(year_base));
        let year = self.review.year;
        self.facts_year = year;
        self.facts = self
            .projects
            .iter()
            .map(|p| {
                let latest = &latest[*latest_of.get(&p.id)?];
                Some(LightFacts::of(latest, base_of.get(&p.id).map(|&k| &year_base[k]), year))
            })
            .collect();
        self.judge_all();
    }

    /// Whether any row has a report up to the review month ([`Portfolio::set_reports`]).
    pub fn has_reports(&self) -> bool {
        self.facts.iter().any(Option::is_some)
    }

    /// 本年计划投资 and the investment completed this year of row `i`, 万元, where its reports
    /// tell them (see [`Portfolio::set_reports`]).
    pub fn invest_year(&self, i: usize) -> (Option<f64>, Option<f64>) {
        self.facts_of(i).map_or((None, None), |f| (f.invest_year_plan, f.invest_year_done))
    }

    /// Row `i`'s report facts, when they were worked out for the review year.
    fn facts_of(&self, i: usize) -> Option<LightFacts> {
        self.facts.get(i).copied().flatten().filter(|_| self.facts_year == self.review.year)
    }

    /// Takes in the open problems (each project's, with its 解决时限 where one is set) and lights
    /// the rows again; from then on a row with none has an empty problem list, not an unknown one.
    pub fn set_open_problems(&mut self, open: &[(ProjectId, Option<Period>)]) {
        let index: std::collections::HashMap<ProjectId, usize> =
            self.projects.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
        let mut dues = vec![Vec::new(); self.projects.len()];
        for (project, due) in open {
            if let (Some(&i), Some(due)) = (index.get(project), due) {
                dues[i].push(*due);
            }
        }
        self.problem_dues = Some(dues);
        self.judge_all();
    }

    /// Takes in the kept lights of the closed months (`(month, project, light)`, in any order)
    /// and lights the rows again: escalation counts the months in a row before the review
    /// month that were yellow or worse.
    pub fn set_month_lights(&mut self, kept: &[(Period, ProjectId, Light)]) {
        let index: std::collections::HashMap<ProjectId, usize> =
            self.projects.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
        let mut months: std::collections::BTreeMap<Period, Vec<Option<Light>>> = std::collections::BTreeMap::new();
        for &(month, project, light) in kept {
            let lights = months.entry(month).or_insert_with(|| vec![None; self.projects.len()]);
            if let Some(&i) = index.get(&project) {
                lights[i] = Some(light);
            }
        }
        self.closed_months = months.into_iter().rev().collect();
        self.judge_all();
    }

    /// The closed months the portfolio knows, latest first.
    pub fn closed_months(&self) -> impl Iterator<Item = Period> + '_ {
        self.closed_months.iter().map(|(m, _)| *m)
    }

    /// Row `i`'s kept light in closed month `month`, if that month rated it.
    pub fn kept_light(&self, i: usize, month: Period) -> Option<Light> {
        // Latest first, so the search compares the other way round.
        let k = self.closed_months.binary_search_by(|(m, _)| month.cmp(m)).ok()?;
        self.closed_months[k].1.get(i).copied().flatten()
    }

    /// Since which month row `i` has had its current light without a break, counting the
    /// closed months just before the review month; `None` when the month before was not closed
    /// with that light.
    pub fn light_since(&self, i: usize) -> Option<Period> {
        let light = self.light(i);
        let mut since = None;
        let mut month = self.review.plus_months(-1);
        while self.kept_light(i, month) == Some(light) {
            since = Some(month);
            month = month.plus_months(-1);
        }
        since
    }

    /// Lights the rows by other rules.
    pub fn set_rules(&mut self, rules: LightRules) {
        self.rules = rules;
        self.judge_all();
    }

    /// Every row's light at the review date by the plan's rules, worked out again when next
    /// asked for. What the database does not hold (a planned start month, 入库, a closed month
    /// before) leaves the measures that need it at 未评价, never green.
    fn judge_all(&mut self) {
        self.lights.take();
    }

    /// What the light rules know of row `i`.
    fn light_input(&self, i: usize) -> LightInput {
        let mut input = LightInput::new(self.review, self.projects[i].status);
        input.schedule = self.schedules.get(i).copied();
        if let Some(facts) = self.facts_of(i) {
            input.invest_year_plan = facts.invest_year_plan;
            input.invest_year_done = facts.invest_year_done;
        }
        input.open_problems_due = self.problem_dues.as_ref().and_then(|d| d.get(i)).cloned();
        let p = &self.projects[i];
        input.planned_start = p.planned_start;
        input.registered = p.registered;
        input.registered_in = p.registered_in;
        let escalation = self.rules.rules.iter().find(|r| r.on && r.measure == super::Measure::Escalation);
        if let Some(rule) = escalation.filter(|_| !self.closed_months.is_empty()) {
            // The months before the review month that escalation looks at, latest first; one
            // not closed is grey.
            let months = (rule.red.max(1.0) as i64).min(24);
            input.previous =
                (1..months).map(|k| self.kept_light(i, self.review.plus_months(-k)).unwrap_or(Light::Grey)).collect();
            while input.previous.last() == Some(&Light::Grey) {
                input.previous.pop();
            }
        }
        input
    }

    /// The light of row `i`.
    pub fn light(&self, i: usize) -> Light {
        self.lights()[i]
    }

    /// The light of row `i` and why, every measure put into words.
    pub fn verdict(&self, i: usize) -> Verdict {
        judge(&self.rules, &self.light_input(i))
    }

    /// How many of `rows` have each light, in [`Light::ALL`] order.
    pub fn light_counts(&self, rows: &[usize]) -> [usize; 4] {
        let mut counts = [0; 4];
        let lights = self.lights();
        for &i in rows {
            if let Some(k) = Light::ALL.iter().position(|&l| l == lights[i]) {
                counts[k] += 1;
            }
        }
        counts
    }

    /// The schedule of row `i`.
    pub fn schedule(&self, i: usize) -> Schedule {
        self.schedules[i]
    }

    /// Whether row `i` is lagging at the review date.
    pub fn lagging(&self, i: usize) -> bool {
        self.schedules[i].lagging(self.lag_threshold)
    }

    /// How many of `rows` are lagging.
    pub fn lagging_count(&self, rows: &[usize]) -> usize {
        rows.iter().filter(|&&i| self.lagging(i)).count()
    }

    /// Indices of the projects the filter lets through, in storage order.
    pub fn filter(&self, filter: &Filter) -> Vec<usize> {
        let all: Vec<usize> = (0..self.projects.len()).collect();
        self.filter_among(&all, filter)
    }

    /// After a keystroke that only lengthens the search (`g` → `gs`), the new rows are a
    /// subset of the old ones, in the same order: filter those instead of everything.
    /// `None` when the change is of another kind.
    pub fn narrow(&self, before: &Filter, rows: &[usize], after: &Filter) -> Option<Vec<usize>> {
        let only_search_grew = Filter { search: after.search.clone(), ..before.clone() } == *after
            && after.search.trim().starts_with(before.search.trim());
        only_search_grew.then(|| self.filter_among(rows, after))
    }

    /// The candidates the filter lets through, in their order. Large sets are split across
    /// the machine's cores.
    fn filter_among(&self, candidates: &[usize], filter: &Filter) -> Vec<usize> {
        const PARALLEL_FROM: usize = 20_000;
        let chosen_places: Vec<usize> = filter.places.iter().filter_map(|name| self.gazetteer.index_of(name)).collect();
        // A place name the gazetteer does not know matches nothing rather than everything.
        let unknown_place_only = !filter.places.is_empty() && chosen_places.is_empty();
        let query = Query::new(&filter.search);
        // Made before the work is split, and only when the filter asks for them.
        let lights = if filter.lights.is_empty() { &[][..] } else { self.lights() };
        let keys = if query.is_empty() { &[][..] } else { self.keys() };
        let keep = |i: usize| {
            let p = &self.projects[i];
            let place_ok = filter.places.is_empty()
                || (!unknown_place_only
                    && self.place_index[i]
                        .is_some_and(|pi| chosen_places.iter().any(|&c| self.gazetteer.covers(c, pi))));
            place_ok
                && (filter.categories.is_empty() || filter.categories.contains(&p.category))
                && (filter.zhuanlan.is_empty() || filter.zhuanlan.contains(&p.zhuanlan))
                && (filter.statuses.is_empty() || filter.statuses.contains(&p.status))
                && filter.year_from.is_none_or(|y| p.target_year >= y)
                && filter.year_to.is_none_or(|y| p.target_year <= y)
                && (!filter.lagging_only || self.lagging(i))
                && (filter.lights.is_empty() || filter.lights.contains(&lights[i]))
                && (filter.natures.is_empty() || filter.natures.iter().any(|n| nature_matches(n, p.nature.as_deref())))
                && (query.is_empty() || keys[i].matches(&query))
        };
        let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        if threads < 2 || candidates.len() < PARALLEL_FROM {
            return candidates.iter().copied().filter(|&i| keep(i)).collect();
        }
        let chunk = candidates.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let parts: Vec<_> = candidates
                .chunks(chunk)
                .map(|part| scope.spawn(|| part.iter().copied().filter(|&i| keep(i)).collect::<Vec<_>>()))
                .collect();
            parts.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
        })
    }

    /// Filtered and sorted row indices: what a table shows.
    pub fn view(&self, filter: &Filter, column: SortColumn, order: SortOrder) -> Vec<usize> {
        let mut rows = self.filter(filter);
        sort_rows(&self.projects, &mut rows, column, order);
        rows
    }
}

/// Whether a project's 建设性质 is the one chosen ([`super::NATURE_MISSING`] chooses none set).
fn nature_matches(chosen: &str, nature: Option<&str>) -> bool {
    match nature.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => n == chosen,
        None => chosen == super::NATURE_MISSING,
    }
}

/// The distinct values in first-seen order, and each item's index among them.
fn intern<'a>(items: impl Iterator<Item = &'a str>) -> (Vec<String>, Vec<u32>) {
    let mut seen: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
    let mut values = Vec::new();
    let indices = items
        .map(|item| {
            *seen.entry(item).or_insert_with(|| {
                values.push(item.to_string());
                u32::try_from(values.len() - 1).unwrap_or(u32::MAX)
            })
        })
        .collect();
    (values, indices)
}

/// Sorts row indices by a column; ties keep id order.
pub fn sort_rows(projects: &[Project], rows: &mut [usize], column: SortColumn, order: SortOrder) {
    use std::cmp::Ordering;
    let key = |a: &Project, b: &Project| -> Ordering {
        match column {
            SortColumn::Id => Ordering::Equal,
            SortColumn::Name => a.name.cmp(&b.name),
            SortColumn::Place => a.place.cmp(&b.place),
            SortColumn::Category => a.category.cmp(&b.category),
            SortColumn::Zhuanlan => (a.zhuanlan, a.item).cmp(&(b.zhuanlan, b.item)),
            SortColumn::Status => a.status.cmp(&b.status),
            SortColumn::TargetYear => a.target_year.cmp(&b.target_year),
            SortColumn::Target => a.target.partial_cmp(&b.target).unwrap_or(Ordering::Equal),
        }
    };
    rows.sort_by(|&i, &j| {
        let (a, b) = (&projects[i], &projects[j]);
        let ord = key(a, b).then(a.id.cmp(&b.id));
        match order {
            SortOrder::Ascending => ord,
            SortOrder::Descending => ord.reverse(),
        }
    });
}

/// Sum of target and done quantities of the rows with one unit.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitTotal {
    pub unit: String,
    pub rows: usize,
    pub target: f64,
    pub done: f64,
}

/// Totals of target quantities per unit over the given rows, units in first-seen order;
/// percentages are left out because rates do not add.
pub fn unit_totals(projects: &[Project], rows: &[usize]) -> Vec<UnitTotal> {
    let mut totals: Vec<UnitTotal> = Vec::new();
    for &i in rows {
        let p = &projects[i];
        let (Some(unit), Some(target)) = (&p.unit, p.target) else {
            continue;
        };
        // Rates (覆盖率 80%) do not add up.
        if unit == "%" {
            continue;
        }
        let slot = match totals.iter().position(|t| &t.unit == unit) {
            Some(pos) => &mut totals[pos],
            None => {
                totals.push(UnitTotal { unit: unit.clone(), rows: 0, target: 0.0, done: 0.0 });
                let last = totals.len() - 1;
                &mut totals[last]
            }
        };
        slot.rows += 1;
        slot.target += target;
        slot.done += p.done.unwrap_or(0.0);
    }
    totals
}

#[cfg(test)]
mod tests {
    use super::{Filter, Portfolio, SortColumn, SortOrder, unit_totals};
    use crate::domain::{Gazetteer, Project, Status};

    fn project(id: i64, name: &str, place: &str, category: &str, km: Option<f64>) -> Project {
        Project {
            category: category.into(),
            unit: km.map(|_| "公里".into()),
            target: km,
            target_year: 2020 + i32::try_from(id).unwrap_or(0),
            start_year: None,
            ..Project::sample(id, name, place, None, Status::NotStarted)
        }
    }

    fn portfolio() -> Portfolio {
        Portfolio::new(
            vec![
                project(1, "钟山区供水管网", "钟山区", "pipes", Some(20.0)),
                project(2, "高新区石龙中学", "六盘水高新区", "schools", None),
                project(3, "盘州市污水管网", "盘州市", "pipes", Some(75.0)),
                project(4, "乌蒙大道", "市中心城区", "roads", None),
                project(5, "红果经济开发区人民医院", "红果经济开发区", "hospitals", None),
            ],
            Gazetteer::default(),
        )
    }

    fn ids(p: &Portfolio, f: &Filter) -> Vec<i64> {
        p.view(f, SortColumn::Id, SortOrder::Ascending).into_iter().map(|i| p.projects[i].id.0).collect()
    }

    #[test]
    fn place_filter_follows_the_hierarchy() {
        let p = portfolio();
        let central = Filter { places: vec!["市中心城区".into()], ..Filter::default() };
        assert_eq!(ids(&p, &central), vec![1, 2, 4]);
        let panzhou = Filter { places: vec!["盘州市".into()], ..Filter::default() };
        assert_eq!(ids(&p, &panzhou), vec![3, 5]);
        let unknown = Filter { places: vec!["咸宁市".into()], ..Filter::default() };
        assert!(ids(&p, &unknown).is_empty());
    }

    #[test]
    fn search_category_and_year_combine() {
        let p = portfolio();
        let f = Filter { search: "gs".into(), ..Filter::default() };
        assert_eq!(ids(&p, &f), vec![1]);
        let f = Filter { categories: vec!["pipes".into()], year_from: Some(2022), ..Filter::default() };
        assert_eq!(ids(&p, &f), vec![3]);
        let f = Filter { search: "zsq".into(), ..Filter::default() };
        assert_eq!(ids(&p, &f), vec![1]);
    }

    #[test]
    fn narrowing_a_search_gives_what_a_full_filter_gives() {
        let p = portfolio();
        let before = Filter { search: "g".into(), ..Filter::default() };
        let rows = p.view(&before, SortColumn::Name, SortOrder::Descending);
        let after = Filter { search: "gs".into(), ..Filter::default() };
        let narrowed = p.narrow(&before, &rows, &after).expect("search only grew");
        assert_eq!(narrowed, p.view(&after, SortColumn::Name, SortOrder::Descending));
        let other = Filter { places: vec!["钟山区".into()], ..after.clone() };
        assert!(p.narrow(&before, &rows, &other).is_none());
        let shorter = Filter { search: String::new(), ..Filter::default() };
        assert!(p.narrow(&before, &rows, &shorter).is_none());
    }

    #[test]
    fn sorting_and_totals() {
        let p = portfolio();
        let rows = p.view(&Filter::default(), SortColumn::Target, SortOrder::Descending);
        assert_eq!(p.projects[rows[0]].id.0, 3);
        let totals = unit_totals(&p.projects, &rows);
        assert_eq!(totals.len(), 1);
        assert!((totals[0].target - 95.0).abs() < 1e-9);
        assert_eq!(totals[0].rows, 2);
    }
}
