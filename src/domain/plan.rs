//! A plan in the database, and everything the app reads of it at one moment.

use serde::Serialize;

use super::{Dataset, Indicator, Portfolio, Project, Zhuanlan};

/// One plan: its title, period and whether it is archived (read-only).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Plan {
    pub id: i64,
    pub title: String,
    /// First and last year of the period: 序时进度 and the default target year come from it.
    pub start_year: i32,
    pub end_year: i32,
    /// An archived plan can be filtered, exported and presented, not changed.
    pub archived: bool,
    /// The root of its places (六盘水市), where known.
    pub city: Option<String>,
    /// `seed` for the bundled plan, else the name of the file it was imported from.
    pub origin: String,
    /// Projects not in the bin.
    pub projects: usize,
}

impl Plan {
    /// The period the rows themselves span, for a portfolio built without a plan row (tests,
    /// benchmarks): from the earliest start (or target) year to the latest target year.
    pub fn spanning(projects: &[Project]) -> Self {
        let start = projects.iter().map(|p| p.start_year.unwrap_or(p.target_year)).min().unwrap_or_default();
        let end = projects.iter().map(|p| p.target_year).max().unwrap_or(start);
        Self { start_year: start, end_year: end.max(start), projects: projects.len(), ..Self::default() }
    }

    /// Whether `year` lies inside the period.
    pub fn contains(&self, year: i32) -> bool {
        (self.start_year..=self.end_year).contains(&year)
    }

    /// "2021—2025".
    pub fn period_text(&self) -> String {
        format!("{}—{}", self.start_year, self.end_year)
    }
}

/// What the app works on: everything read from the database at one moment, for one plan.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    /// The plan shown; its rows are `portfolio`.
    pub plan: Plan,
    /// Every plan in the database, by id.
    pub plans: Vec<Plan>,
    pub portfolio: Portfolio,
    pub indicators: Vec<Indicator>,
    pub boxes: Vec<Zhuanlan>,
    pub dataset: Dataset,
}
