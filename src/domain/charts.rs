//! Chart data for the charts screen and the meeting slides, aggregated from the filtered rows
//! (never one bar per project).

use super::{Portfolio, Status, category};

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
        let mut lagging = Vec::new();
        for &i in rows {
            let p = &portfolio.projects[i];
            let lag = portfolio.lagging(i);
            let district = portfolio.gazetteer.district_of(&p.place);
            count_into(&mut data.by_district, district, district, p.status, lag);
            let cat = category(&p.category).map_or(p.category.as_str(), |c| c.zh);
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
                lagging.push(LagEntry {
                    name: p.name.clone(),
                    place: p.place.clone(),
                    behind: portfolio.schedule(i).behind_points,
                    responsible: p.responsible_unit.clone(),
                });
            }
        }
        lagging.sort_by(|a, b| b.behind.total_cmp(&a.behind).then_with(|| a.name.cmp(&b.name)));
        lagging.truncate(Self::LAG_LIMIT);
        data.lagging = lagging;
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
    District(usize),
    Lagging,
}

/// The slides for `data`: overview, the charts, one per district, lagging projects.
pub fn slides(data: &ChartData) -> Vec<Slide> {
    let mut out = vec![Slide::Overview, Slide::ByDistrict, Slide::ByCategory];
    if !data.km_by_district.is_empty() {
        out.push(Slide::Pipes);
    }
    out.extend((0..data.by_district.len()).map(Slide::District));
    out.push(Slide::Lagging);
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
}
