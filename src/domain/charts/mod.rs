//! Chart data for the charts screen and the meeting slides, aggregated from the filtered rows
//! (never one bar per project).

mod slides;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use super::{Light, Period, Portfolio, ProjectId, Report, Status, Verdict};

pub use slides::{Slide, SlideKind, slides};

/// Project counts by status for one group (a district or a category).
#[derive(Clone, Debug, PartialEq)]
pub struct StatusCounts {
    /// What the bar is labelled with.
    pub label: String,
    /// The place name or category code a drill-down filters on.
    pub key: String,
    /// In [`Status::ALL`] order.
    pub counts: [u32; 5],
    pub lagging: u32,
    /// The group's projects furthest behind 序时进度, at most [`ChartData::GROUP_LAG_LIMIT`].
    pub most_behind: Vec<LagEntry>,
}

impl StatusCounts {
    /// All projects of the group.
    pub fn total(&self) -> u32 {
        self.counts.iter().sum()
    }
}

/// Project counts by light for one district.
#[derive(Clone, Debug, PartialEq)]
pub struct LightCounts {
    /// What the bar is labelled with.
    pub label: String,
    /// The place name a drill-down filters on.
    pub key: String,
    /// In [`Light::ALL`] order.
    pub counts: [u32; 4],
}

impl LightCounts {
    /// The lights in the order charts stack them from the axis: the worst at the foot of the
    /// bar, where bars are compared, and 未评价 on top.
    pub const STACKED: [Light; 4] = [Light::Red, Light::Yellow, Light::Green, Light::Grey];

    /// How many projects of the district have `light`.
    pub fn count(&self, light: Light) -> u32 {
        Light::ALL.iter().position(|&l| l == light).map_or(0, |k| self.counts[k])
    }
}

/// Target against done for one district, in one unit.
#[derive(Clone, Debug, PartialEq)]
pub struct QuantityBar {
    pub label: String,
    pub target: f64,
    pub done: f64,
}

/// A lagging project for the ranking.
#[derive(Clone, Debug, PartialEq)]
pub struct LagEntry {
    pub name: String,
    pub place: String,
    /// Points below 序时进度.
    pub behind: f64,
    pub responsible: Option<String>,
}

/// A red or yellow project on the lights slide, with why.
#[derive(Clone, Debug, PartialEq)]
pub struct LitEntry {
    pub name: String,
    pub place: String,
    pub light: Light,
    /// Why it is lit (worded by the slide in the reader's language).
    pub why: Verdict,
}

/// Investment planned this year against invested so far (万元) for one district.
#[derive(Clone, Debug, PartialEq)]
pub struct InvestBar {
    pub label: String,
    pub planned: f64,
    pub done: f64,
}

/// A matter needing coordination, from a project's latest report.
#[derive(Clone, Debug, PartialEq)]
pub struct Coordination {
    pub name: String,
    pub place: String,
    pub matter: String,
    pub unit: String,
    pub due: String,
}

/// Completion of the quantity targets against 序时进度 at the end of one month, both 0–1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimelinePoint {
    pub period: Period,
    pub done: f64,
    pub expected: f64,
}

/// The reports of every portfolio row, built once per snapshot (reports change only on
/// writes), so rebuilding the charts for a new filter only reads arrays by row.
#[derive(Clone, Debug, Default)]
pub struct ReportIndex {
    /// Row `i`'s reported quantities are `progress[starts[i]..starts[i + 1]]`, oldest first.
    starts: Vec<usize>,
    progress: Vec<(Period, Option<f64>)>,
    /// What each row's latest report says about investment and coordination.
    latest: Vec<Option<Latest>>,
}

#[derive(Clone, Debug)]
struct Latest {
    invest_year_plan: Option<f64>,
    invest_done: Option<f64>,
    coordination: Option<Coordination>,
}

impl ReportIndex {
    /// Places each report under its project's row (reports of projects not in the
    /// portfolio, such as those in the bin, are left out).
    pub fn new(portfolio: &Portfolio, reports: Vec<Report>) -> Self {
        let projects = &portfolio.projects;
        let row_of: HashMap<ProjectId, usize> = projects.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
        let located: Vec<Option<usize>> = reports.iter().map(|r| row_of.get(&r.project).copied()).collect();
        // Counting sort by row: starts[i] is where row i's reports begin.
        let mut starts = vec![0; projects.len() + 1];
        for &row in located.iter().flatten() {
            starts[row + 1] += 1;
        }
        for i in 0..projects.len() {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut progress = vec![(Period::default(), None); starts[projects.len()]];
        let mut latest: Vec<Option<Report>> = vec![None; projects.len()];
        for (report, row) in reports.into_iter().zip(located) {
            let Some(row) = row else { continue };
            progress[next[row]] = (report.period, report.done);
            next[row] += 1;
            if latest[row].as_ref().is_none_or(|l| report.period >= l.period) {
                latest[row] = Some(report);
            }
        }
        for row in 0..projects.len() {
            progress[starts[row]..starts[row + 1]].sort_unstable_by_key(|r| r.0);
        }
        let latest = latest
            .into_iter()
            .zip(projects)
            .map(|(report, p)| {
                let r = report?;
                let coordination = (!r.coordination.trim().is_empty()).then(|| Coordination {
                    name: p.name.clone(),
                    place: p.place.clone(),
                    matter: r.coordination,
                    unit: r.coordination_unit,
                    due: r.coordination_due,
                });
                Some(Latest { invest_year_plan: r.invest_year_plan, invest_done: r.invest_done, coordination })
            })
            .collect();
        Self { starts, progress, latest }
    }

    /// Row `i`'s reported quantities, oldest first.
    fn progress(&self, i: usize) -> &[(Period, Option<f64>)] {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.progress[a..b],
            _ => &[],
        }
    }
}

/// Everything the charts and slides show for a set of rows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChartData {
    pub by_district: Vec<StatusCounts>,
    pub by_category: Vec<StatusCounts>,
    /// Pipe networks (公里): target and done per district, in the order of `by_district`.
    pub km_by_district: Vec<QuantityBar>,
    /// The same by kind of network (供水, 污水, 雨水, 燃气, 供热), in that order.
    pub km_by_type: Vec<QuantityBar>,
    /// Most behind first, at most [`ChartData::LAG_LIMIT`].
    pub lagging: Vec<LagEntry>,
    pub total: u32,
    pub completed: u32,
    pub lagging_total: u32,
    /// How many rows have each light, in [`Light::ALL`] order.
    pub lights: [u32; 4],
    /// Red projects, then yellow ones, each with its reason: at most [`ChartData::LIT_LIMIT`].
    pub lit: Vec<LitEntry>,
    /// How many rows of each district have each light, in the order of `by_district`.
    pub lights_by_district: Vec<LightCounts>,
    /// From the latest reports: 本年计划投资 against 累计完成投资 per district, in the order of
    /// `by_district`.
    pub invest_by_district: Vec<InvestBar>,
    /// From the latest reports: matters needing coordination, the earliest due first, at most
    /// [`ChartData::COORDINATION_LIMIT`].
    pub coordination: Vec<Coordination>,
    /// How many of the rows have a matter needing coordination.
    pub coordination_total: u32,
    /// Month by month from 2021 to the review date, over the quantity targets.
    pub timeline: Vec<TimelinePoint>,
}

/// Status counts and lagging count of one group, while counting.
type Tally = ([u32; 5], u32);

/// The groups that have rows, largest first, each with its projects furthest behind.
fn groups(
    portfolio: &Portfolio,
    keys: &[String],
    tallies: Vec<(Tally, Vec<(f64, usize)>)>,
    label: impl Fn(&str) -> String,
) -> Vec<StatusCounts> {
    let mut out: Vec<StatusCounts> = keys
        .iter()
        .zip(tallies)
        .filter(|(_, ((counts, _), _))| counts.iter().any(|&c| c > 0))
        .map(|(key, ((counts, lagging), behind))| StatusCounts {
            label: label(key),
            key: key.clone(),
            counts,
            lagging,
            most_behind: most_behind(portfolio, behind, ChartData::GROUP_LAG_LIMIT),
        })
        .collect();
    out.sort_by(|a, b| b.total().cmp(&a.total()).then_with(|| a.label.cmp(&b.label)));
    out
}

/// The `limit` rows furthest behind (points below 序时进度, then in storage order, which is
/// 序号 order), described. Only those are sorted and described.
fn most_behind(portfolio: &Portfolio, mut lagging: Vec<(f64, usize)>, limit: usize) -> Vec<LagEntry> {
    let by_behind = |a: &(f64, usize), b: &(f64, usize)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    if lagging.len() > limit {
        lagging.select_nth_unstable_by(limit, by_behind);
        lagging.truncate(limit);
    }
    lagging.sort_by(by_behind);
    lagging
        .into_iter()
        .map(|(behind, i)| {
            let p = &portfolio.projects[i];
            LagEntry { name: p.name.clone(), place: p.place.clone(), behind, responsible: p.responsible_unit.clone() }
        })
        .collect()
}

/// The district bars, each with its index into `districts`.
fn bar_districts<'a>(
    bars: &'a [StatusCounts],
    districts: &'a [String],
) -> impl Iterator<Item = (&'a StatusCounts, usize)> + 'a {
    bars.iter().filter_map(|g| Some((g, districts.iter().position(|name| *name == g.key)?)))
}

/// Per-district sums laid out in the order of the district bars.
fn in_bar_order<T>(
    bars: &[StatusCounts],
    districts: &[String],
    sums: &[Option<(f64, f64)>],
    make: impl Fn(String, f64, f64) -> T,
) -> Vec<T> {
    bar_districts(bars, districts)
        .filter_map(|(g, d)| {
            let (a, b) = sums[d]?;
            Some(make(g.label.clone(), a, b))
        })
        .collect()
}

/// The kinds of pipe network the plan names, as they appear in project names; a 公里 row named
/// by none of them is counted as 其他管网.
pub const PIPE_TYPES: [&str; 5] = ["供水", "污水", "雨水", "燃气", "供热"];

/// One line of the overview slide's table: a district's projects by where they stand, and its
/// investment from the latest reports (`None` where no report gives one).
#[derive(Clone, Debug, PartialEq)]
pub struct OverviewRow {
    pub label: String,
    pub total: u32,
    /// 未开工 and 前期 together: not yet built.
    pub not_started: u32,
    pub under_construction: u32,
    pub completed: u32,
    pub lagging: u32,
    pub planned: Option<f64>,
    pub done: Option<f64>,
}

impl ChartData {
    /// The overview slide's table: one row per district, largest first, as the district chart.
    pub fn overview_rows(&self) -> Vec<OverviewRow> {
        self.by_district
            .iter()
            .map(|g| {
                let invest = self.invest_by_district.iter().find(|b| b.label == g.label);
                let count = |s: Status| g.counts[s.index()];
                OverviewRow {
                    label: g.label.clone(),
                    total: g.total(),
                    not_started: count(Status::NotStarted) + count(Status::Preparing),
                    under_construction: count(Status::UnderConstruction),
                    completed: count(Status::Completed),
                    lagging: g.lagging,
                    planned: invest.map(|b| b.planned),
                    done: invest.map(|b| b.done),
                }
            })
            .collect()
    }
}

impl ChartData {
    /// How many lagging projects the ranking lists.
    pub const LAG_LIMIT: usize = 15;
    /// How many of a district's or category's lagging projects its slide lists.
    pub const GROUP_LAG_LIMIT: usize = 8;
    /// How many red and yellow projects the lights slide lists.
    pub const LIT_LIMIT: usize = 15;
    /// How many matters needing coordination the slide lists.
    pub const COORDINATION_LIMIT: usize = 15;

    /// Aggregates the rows (indices into the portfolio). Districts and categories were
    /// numbered once per snapshot, so this is a pass of array updates over the rows.
    pub fn build(portfolio: &Portfolio, rows: &[usize]) -> Self {
        let rows = &super::project::counted_once(&portfolio.projects, rows);
        let (districts, categories) = (portfolio.districts(), portfolio.categories());
        let mut by_district: Vec<(Tally, Vec<(f64, usize)>)> = vec![(([0; 5], 0), Vec::new()); districts.len()];
        let mut by_category: Vec<(Tally, Vec<(f64, usize)>)> = vec![(([0; 5], 0), Vec::new()); categories.len()];
        let mut km: Vec<Option<(f64, f64)>> = vec![None; districts.len()];
        let mut km_type: Vec<Option<(f64, f64)>> = vec![None; PIPE_TYPES.len() + 1];
        let mut data = Self::default();
        let mut lagging: Vec<(f64, usize)> = Vec::new();
        for &i in rows {
            let p = &portfolio.projects[i];
            let lag = portfolio.lagging(i);
            let (d, c, s) = (portfolio.district_index(i), portfolio.category_index(i), p.status.index());
            by_district[d].0.0[s] += 1;
            by_category[c].0.0[s] += 1;
            if p.unit.as_deref() == Some("公里") {
                let kind = PIPE_TYPES.iter().position(|t| p.name.contains(t)).unwrap_or(PIPE_TYPES.len());
                for slot in [km[d].get_or_insert((0.0, 0.0)), km_type[kind].get_or_insert((0.0, 0.0))] {
                    slot.0 += p.target.unwrap_or(0.0);
                    slot.1 += p.done.unwrap_or(0.0);
                }
            }
            data.total += 1;
            data.completed += u32::from(p.status == Status::Completed);
            if lag {
                let behind = (portfolio.schedule(i).behind_points, i);
                data.lagging_total += 1;
                lagging.push(behind);
                for group in [&mut by_district[d], &mut by_category[c]] {
                    group.0.1 += 1;
                    group.1.push(behind);
                }
            }
        }
        data.by_district = groups(portfolio, districts, by_district, str::to_string);
        data.by_category =
            groups(portfolio, categories, by_category, |code| super::category(code).map_or(code, |c| c.zh).to_string());
        data.km_by_district =
            in_bar_order(&data.by_district, districts, &km, |label, target, done| QuantityBar { label, target, done });
        data.km_by_type = PIPE_TYPES
            .iter()
            .map(|t| format!("{t}管网"))
            .chain(std::iter::once("其他管网".to_string()))
            .zip(km_type)
            .filter_map(|(label, sums)| sums.map(|(target, done)| QuantityBar { label, target, done }))
            .collect();
        data.lagging = most_behind(portfolio, lagging, Self::LAG_LIMIT);
        data.lit_from(portfolio, rows);
        data
    }
}

impl ChartData {
    /// The light counts, in all and by district (in the order of the district bars, so
    /// `by_district` must be built), and the red, then yellow, projects furthest behind
    /// 序时进度, their reasons put into words (only for the few listed).
    fn lit_from(&mut self, portfolio: &Portfolio, rows: &[usize]) {
        let districts = portfolio.districts();
        let mut by_district = vec![[0_u32; 4]; districts.len()];
        let mut lit: Vec<(Light, f64, usize)> = Vec::new();
        for &i in rows {
            let light = portfolio.light(i);
            if let Some(k) = Light::ALL.iter().position(|&l| l == light) {
                self.lights[k] += 1;
                by_district[portfolio.district_index(i)][k] += 1;
            }
            if matches!(light, Light::Red | Light::Yellow) {
                lit.push((light, portfolio.schedule(i).behind_points, i));
            }
        }
        self.lights_by_district = bar_districts(&self.by_district, districts)
            .map(|(g, d)| LightCounts { label: g.label.clone(), key: g.key.clone(), counts: by_district[d] })
            .collect();
        lit.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));
        self.lit = lit
            .into_iter()
            .take(Self::LIT_LIMIT)
            .map(|(light, _, i)| {
                let p = &portfolio.projects[i];
                LitEntry { name: p.name.clone(), place: p.place.clone(), light, why: portfolio.verdict(i) }
            })
            .collect();
    }
}

/// Says how many red and yellow projects there are when the slide lists only some.
pub fn lit_note(data: &ChartData) -> Option<String> {
    let all = (data.lights[2] + data.lights[3]) as usize;
    let shown = data.lit.len();
    (all > shown).then(|| format!("红灯、黄灯共 {all} 项,列出 {shown} 项(先红后黄,落后多者在前)"))
}

/// Says how many matters there are when the slide lists only the most pressing ones.
pub fn coordination_note(data: &ChartData) -> Option<String> {
    let shown = data.coordination.len();
    (data.coordination_total as usize > shown)
        .then(|| format!("共 {} 项,列出解决时限最早的 {shown} 项", data.coordination_total))
}

/// Says how many projects lag when the ranking lists only the furthest behind.
pub fn lagging_note(data: &ChartData) -> Option<String> {
    let shown = data.lagging.len();
    (data.lagging_total as usize > shown).then(|| format!("共 {} 项滞后,列出落后最多的 {shown} 项", data.lagging_total))
}

impl ChartData {
    /// Adds what the reports say: investment and coordination from each project's latest
    /// report, and the month-by-month completion of the quantity targets from all of them.
    #[must_use]
    pub fn with_reports(mut self, portfolio: &Portfolio, rows: &[usize], reports: &ReportIndex) -> Self {
        let districts = portfolio.districts();
        let mut invest: Vec<Option<(f64, f64)>> = vec![None; districts.len()];
        let mut coordination: Vec<&Coordination> = Vec::new();
        for &i in rows {
            let Some(latest) = reports.latest.get(i).and_then(Option::as_ref) else { continue };
            if latest.invest_year_plan.is_some() || latest.invest_done.is_some() {
                let slot = invest[portfolio.district_index(i)].get_or_insert((0.0, 0.0));
                slot.0 += latest.invest_year_plan.unwrap_or(0.0);
                slot.1 += latest.invest_done.unwrap_or(0.0);
            }
            coordination.extend(&latest.coordination);
        }
        self.invest_by_district = in_bar_order(&self.by_district, districts, &invest, |label, planned, done| {
            InvestBar { label, planned, done }
        });
        self.coordination_total = u32::try_from(coordination.len()).unwrap_or(u32::MAX);
        // The most pressing first: the earliest 解决时限 (blank last), then by name.
        let by_due = |a: &&Coordination, b: &&Coordination| {
            (a.due.is_empty(), &a.due, &a.name).cmp(&(b.due.is_empty(), &b.due, &b.name))
        };
        if coordination.len() > Self::COORDINATION_LIMIT {
            coordination.select_nth_unstable_by(Self::COORDINATION_LIMIT, by_due);
            coordination.truncate(Self::COORDINATION_LIMIT);
        }
        coordination.sort_by(by_due);
        self.coordination = coordination.into_iter().cloned().collect();
        self.timeline = timeline(portfolio, rows, reports);
        self
    }
}

/// Completion of the quantity targets month by month: done (the latest report up to that
/// month, capped at the target) and expected (序时进度), both weighted by target. Each project
/// adds its steps and its ramp to difference arrays, so the work is one pass over the projects
/// and their reports plus one over the months.
fn timeline(portfolio: &Portfolio, rows: &[usize], reports: &ReportIndex) -> Vec<TimelinePoint> {
    let plan_start = portfolio.plan.start_year;
    let first = i64::from(plan_start) * 12;
    let month_index = |p: Period| i64::from(p.year) * 12 + i64::from(p.month) - 1 - first;
    let months = usize::try_from(month_index(portfolio.review) + 1).unwrap_or(0);
    let mut total = 0.0;
    let mut done_delta = vec![0.0; months + 1];
    // expected(m) = Σ slope·(m − start + 1) over started ramps, until each reaches its target.
    let mut slope_delta = vec![0.0; months + 2];
    let mut level_delta = vec![0.0; months + 2];
    for &i in rows {
        let p = &portfolio.projects[i];
        let Some(target) = p.target.filter(|t| *t > 0.0) else { continue };
        total += target;
        let mut previous = 0.0;
        for &(period, done) in reports.progress(i) {
            let (Some(done), Ok(m)) = (done, usize::try_from(month_index(period))) else { continue };
            if m >= months {
                break;
            }
            let capped = done.min(target);
            done_delta[m] += capped - previous;
            previous = capped;
        }
        let start = i64::from(p.start_year.unwrap_or(plan_start)) * 12 - first;
        let span = (i64::from(p.target_year) - i64::from(p.start_year.unwrap_or(plan_start)) + 1).max(1) * 12;
        let slope = target / span as f64;
        // Ramp: month `start` gets 1·slope, … month `start + span − 1` gets the whole target.
        let clamp = |m: i64| usize::try_from(m.clamp(0, months as i64)).unwrap_or(0);
        let (begin, end) = (clamp(start), clamp(start + span));
        if begin < end {
            slope_delta[begin] += slope;
            slope_delta[end] -= slope;
            // Months before `begin` that the ramp already covered (a start before 2021).
            let head = (begin as i64 - start).max(0) as f64 * slope;
            level_delta[begin] += head;
            level_delta[end] -= head + slope * (end - begin) as f64;
        }
        level_delta[end] += if end as i64 >= start + span { target } else { 0.0 };
    }
    if total <= 0.0 {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(months);
    let (mut done, mut slope, mut ramp, mut level) = (0.0, 0.0, 0.0, 0.0);
    for m in 0..months {
        done += done_delta[m];
        slope += slope_delta[m];
        level += level_delta[m];
        ramp += slope;
        let period = Period { year: plan_start + (m / 12) as i32, month: (m % 12) as u8 + 1 };
        out.push(TimelinePoint { period, done: done / total, expected: (ramp + level) / total });
    }
    out
}
