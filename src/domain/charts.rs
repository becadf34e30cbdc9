//! Chart data for the charts screen and the meeting slides, aggregated from the filtered rows
//! (never one bar per project).

use std::collections::HashMap;

use super::{PLAN_START_YEAR, Period, Portfolio, ProjectId, Report, Status};

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
}

impl StatusCounts {
    /// All projects of the group.
    pub fn total(&self) -> u32 {
        self.counts.iter().sum()
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

/// Every report grouped by project, oldest first: built once per snapshot (reports change only
/// on writes), so rebuilding the charts for a new filter does not regroup them.
#[derive(Clone, Debug, Default)]
pub struct ReportIndex {
    by_project: HashMap<ProjectId, Vec<Report>>,
}

impl ReportIndex {
    /// Groups and sorts the reports.
    pub fn new(reports: Vec<Report>) -> Self {
        let mut by_project: HashMap<ProjectId, Vec<Report>> = HashMap::new();
        for r in reports {
            by_project.entry(r.project).or_default().push(r);
        }
        for list in by_project.values_mut() {
            list.sort_by_key(|r| r.period);
        }
        Self { by_project }
    }
}

/// Everything the charts and slides show for a set of rows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChartData {
    pub by_district: Vec<StatusCounts>,
    pub by_category: Vec<StatusCounts>,
    /// Pipe networks (公里): target and done per district.
    pub km_by_district: Vec<QuantityBar>,
    /// Most behind first, at most [`ChartData::LAG_LIMIT`].
    pub lagging: Vec<LagEntry>,
    pub total: u32,
    pub completed: u32,
    pub lagging_total: u32,
    /// From the latest reports: 本年计划投资 against 累计完成投资 per district.
    pub invest_by_district: Vec<InvestBar>,
    /// From the latest reports: matters needing coordination.
    pub coordination: Vec<Coordination>,
    /// Month by month from 2021 to the review date, over the quantity targets.
    pub timeline: Vec<TimelinePoint>,
}

fn count_into(groups: &mut Vec<StatusCounts>, label: &str, key: &str, status: Status, lagging: bool) {
    let i = match groups.iter().position(|g| g.key == key) {
        Some(i) => i,
        None => {
            groups.push(StatusCounts { label: label.into(), key: key.into(), counts: [0; 5], lagging: 0 });
            groups.len() - 1
        }
    };
    if let Some(s) = Status::ALL.iter().position(|s| *s == status) {
        groups[i].counts[s] += 1;
    }
    groups[i].lagging += u32::from(lagging);
}

impl ChartData {
    /// How many lagging projects the ranking lists.
    pub const LAG_LIMIT: usize = 15;

    /// Aggregates the rows (indices into the portfolio).
    pub fn build(portfolio: &Portfolio, rows: &[usize]) -> Self {
        let mut data = Self::default();
        // Names looked up once per place and category, not once per row.
        let mut districts: HashMap<&str, &str> = HashMap::new();
        let labels: HashMap<&str, &str> = super::CATEGORIES.iter().map(|c| (c.code, c.zh)).collect();
        let mut lagging: Vec<(f64, usize)> = Vec::new();
        for &i in rows {
            let p = &portfolio.projects[i];
            let lag = portfolio.lagging(i);
            let district =
                *districts.entry(p.place.as_str()).or_insert_with(|| portfolio.gazetteer.district_of(&p.place));
            count_into(&mut data.by_district, district, district, p.status, lag);
            let cat = labels.get(p.category.as_str()).copied().unwrap_or(p.category.as_str());
            count_into(&mut data.by_category, cat, &p.category, p.status, lag);
            if p.unit.as_deref() == Some("公里") {
                let slot = match data.km_by_district.iter().position(|q| q.label == district) {
                    Some(k) => k,
                    None => {
                        data.km_by_district.push(QuantityBar { label: district.into(), target: 0.0, done: 0.0 });
                        data.km_by_district.len() - 1
                    }
                };
                data.km_by_district[slot].target += p.target.unwrap_or(0.0);
                data.km_by_district[slot].done += p.done.unwrap_or(0.0);
            }
            data.total += 1;
            data.completed += u32::from(p.status == Status::Completed);
            if lag {
                data.lagging_total += 1;
                lagging.push((portfolio.schedule(i).behind_points, i));
            }
        }
        // Only the first few are shown: select them, then sort and describe just those.
        let by_behind = |a: &(f64, usize), b: &(f64, usize)| {
            b.0.total_cmp(&a.0).then_with(|| portfolio.projects[a.1].name.cmp(&portfolio.projects[b.1].name))
        };
        if lagging.len() > Self::LAG_LIMIT {
            lagging.select_nth_unstable_by(Self::LAG_LIMIT, by_behind);
            lagging.truncate(Self::LAG_LIMIT);
        }
        lagging.sort_by(by_behind);
        data.lagging = lagging
            .into_iter()
            .map(|(behind, i)| {
                let p = &portfolio.projects[i];
                LagEntry {
                    name: p.name.clone(),
                    place: p.place.clone(),
                    behind,
                    responsible: p.responsible_unit.clone(),
                }
            })
            .collect();
        data.by_district.sort_by(|a, b| b.total().cmp(&a.total()).then_with(|| a.label.cmp(&b.label)));
        data.by_category.sort_by(|a, b| b.total().cmp(&a.total()).then_with(|| a.label.cmp(&b.label)));
        data
    }
}

/// The slides of a presentation.
#[derive(Clone, Debug, PartialEq)]
pub enum Slide {
    Overview,
    ByDistrict,
    ByCategory,
    Pipes,
    Progress,
    Investment,
    District(usize),
    Category(usize),
    Lagging,
    Coordination,
}

impl Slide {
    /// The district or category a group slide is about.
    pub fn group<'d>(&self, data: &'d ChartData) -> Option<&'d StatusCounts> {
        match self {
            Self::District(i) => data.by_district.get(*i),
            Self::Category(i) => data.by_category.get(*i),
            _ => None,
        }
    }

    /// The slide's title (Chinese, as in the deck).
    pub fn title(&self, data: &ChartData) -> String {
        match self {
            Self::Overview => "总体情况".into(),
            Self::ByDistrict => "各区(县)项目状态".into(),
            Self::ByCategory => "各类别项目状态".into(),
            Self::Pipes => "管网:目标与完成(公里)".into(),
            Self::Progress => "完成进度与序时进度".into(),
            Self::Investment => "投资:本年计划与累计完成(万元)".into(),
            Self::District(_) | Self::Category(_) => self.group(data).map_or_else(String::new, |g| g.label.clone()),
            Self::Lagging => "滞后项目(低于序时进度)".into(),
            Self::Coordination => "需协调事项".into(),
        }
    }
}

/// The slides for `data`: overview, the charts, one per district and per category, lagging
/// projects, and the
/// matters needing coordination.
pub fn slides(data: &ChartData) -> Vec<Slide> {
    let mut out = vec![Slide::Overview, Slide::ByDistrict, Slide::ByCategory];
    if !data.km_by_district.is_empty() {
        out.push(Slide::Pipes);
    }
    if !data.timeline.is_empty() {
        out.push(Slide::Progress);
    }
    if !data.invest_by_district.is_empty() {
        out.push(Slide::Investment);
    }
    out.extend((0..data.by_district.len()).map(Slide::District));
    out.extend((0..data.by_category.len()).map(Slide::Category));
    out.push(Slide::Lagging);
    if !data.coordination.is_empty() {
        out.push(Slide::Coordination);
    }
    out
}

impl ChartData {
    /// Adds what the reports say: investment and coordination from each project's latest
    /// report, and the month-by-month completion of the quantity targets from all of them.
    #[must_use]
    pub fn with_reports(mut self, portfolio: &Portfolio, rows: &[usize], reports: &ReportIndex) -> Self {
        let by_project = &reports.by_project;
        for &i in rows {
            let p = &portfolio.projects[i];
            let Some(latest) = by_project.get(&p.id).and_then(|l| l.last()) else { continue };
            if latest.invest_year_plan.is_some() || latest.invest_done.is_some() {
                let district = portfolio.gazetteer.district_of(&p.place).to_string();
                let slot = match self.invest_by_district.iter().position(|b| b.label == district) {
                    Some(k) => k,
                    None => {
                        self.invest_by_district.push(InvestBar { label: district.clone(), planned: 0.0, done: 0.0 });
                        self.invest_by_district.len() - 1
                    }
                };
                self.invest_by_district[slot].planned += latest.invest_year_plan.unwrap_or(0.0);
                self.invest_by_district[slot].done += latest.invest_done.unwrap_or(0.0);
            }
            if !latest.coordination.trim().is_empty() {
                self.coordination.push(Coordination {
                    name: p.name.clone(),
                    place: p.place.clone(),
                    matter: latest.coordination.clone(),
                    unit: latest.coordination_unit.clone(),
                    due: latest.coordination_due.clone(),
                });
            }
        }
        self.timeline = timeline(portfolio, rows, by_project);
        self
    }
}

/// Completion of the quantity targets month by month: done (the latest report up to that
/// month, capped at the target) and expected (序时进度), both weighted by target. Each project
/// adds its steps and its ramp to difference arrays, so the work is one pass over the projects
/// and their reports plus one over the months.
fn timeline(portfolio: &Portfolio, rows: &[usize], by_project: &HashMap<ProjectId, Vec<Report>>) -> Vec<TimelinePoint> {
    let first = i64::from(PLAN_START_YEAR) * 12;
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
        for r in by_project.get(&p.id).map(Vec::as_slice).unwrap_or_default() {
            let (Some(done), Ok(m)) = (r.done, usize::try_from(month_index(r.period))) else { continue };
            if m >= months {
                break;
            }
            let capped = done.min(target);
            done_delta[m] += capped - previous;
            previous = capped;
        }
        let start = i64::from(p.start_year.unwrap_or(PLAN_START_YEAR)) * 12 - first;
        let span = (i64::from(p.target_year) - i64::from(p.start_year.unwrap_or(PLAN_START_YEAR)) + 1).max(1) * 12;
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
        let period = Period { year: PLAN_START_YEAR + (m / 12) as i32, month: (m % 12) as u8 + 1 };
        out.push(TimelinePoint { period, done: done / total, expected: (ramp + level) / total });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::ChartData;
    use crate::domain::{Gazetteer, Period, Portfolio, Project, Status};

    fn pipe(id: i64, place: &str, done: Option<f64>, status: Status) -> Project {
        Project::sample(id, &format!("{place}管网{id}"), place, done, status)
    }

    #[test]
    fn counts_quantities_and_lagging_by_district() {
        let mut portfolio = Portfolio::new(
            vec![
                pipe(1, "钟山区", Some(20.0), Status::Completed),
                pipe(2, "月照街道", Some(2.0), Status::UnderConstruction),
                pipe(3, "红果经济开发区", None, Status::NotStarted),
            ],
            Gazetteer::default(),
        );
        portfolio.set_schedule(Period::new(2024, 12).expect("p"), 10.0);
        let data = ChartData::build(&portfolio, &[0, 1, 2]);
        assert_eq!((data.total, data.completed, data.lagging_total), (3, 1, 2));
        let zs = data.by_district.iter().find(|d| d.key == "钟山区").expect("钟山区");
        assert_eq!((zs.total(), zs.counts[3], zs.lagging), (2, 1, 1));
        let km = data.km_by_district.iter().find(|q| q.label == "钟山区").expect("km");
        assert_eq!((km.target, km.done), (40.0, 22.0));
        assert_eq!(data.lagging[0].name, "红果经济开发区管网3", "the furthest behind first");
        assert_eq!(data.by_category.len(), 1);
    }

    #[test]
    fn reports_give_investment_coordination_and_a_timeline() {
        use crate::domain::{ProjectId, Report};
        let mut portfolio =
            Portfolio::new(vec![pipe(1, "钟山区", Some(10.0), Status::UnderConstruction)], Gazetteer::default());
        portfolio.set_schedule(Period::new(2022, 12).expect("p"), 10.0);
        let report = |period: (i32, u8), done: f64| Report {
            id: 1,
            project: ProjectId(1),
            period: Period::new(period.0, period.1).expect("p"),
            status: Status::UnderConstruction,
            done: Some(done),
            invest_total: Some(1000.0),
            invest_year_plan: Some(300.0),
            invest_done: Some(120.0),
            progress_text: String::new(),
            problems: String::new(),
            coordination: "征地".into(),
            coordination_unit: "钟山区自然资源局".into(),
            coordination_due: "2023-03".into(),
            note: String::new(),
            reviewer: String::new(),
            created_at: String::new(),
        };
        let reports = [report((2022, 6), 4.0), report((2022, 12), 10.0)];
        let index = super::ReportIndex::new(reports.to_vec());
        let data = ChartData::build(&portfolio, &[0]).with_reports(&portfolio, &[0], &index);
        assert_eq!(data.invest_by_district.len(), 1);
        assert_eq!((data.invest_by_district[0].planned, data.invest_by_district[0].done), (300.0, 120.0));
        assert_eq!(data.coordination[0].matter, "征地");
        // 2021-01 … 2022-12: 24 months; 4 of 20 km by June 2022, 10 by December.
        assert_eq!(data.timeline.len(), 24);
        let june = data.timeline.iter().find(|t| t.period == Period::new(2022, 6).expect("p")).expect("june");
        assert!((june.done - 0.2).abs() < 1e-9);
        let last = data.timeline.last().expect("last");
        assert!((last.done - 0.5).abs() < 1e-9);
        // 2022-01 to 2025-12 is 48 months; 12 have passed at the end of 2022.
        assert!((last.expected - 0.25).abs() < 1e-9);
        assert!(data.timeline[0].expected.abs() < 1e-9, "nothing is expected before the project starts");
    }
}
