//! A key project (or a district's share of a target) and a plan indicator, as plain data.

use serde::{Deserialize, Serialize};

use super::Status;

/// The database id of a project.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ProjectId(pub i64);

impl std::fmt::Display for ProjectId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// One row of the portfolio: a named project, or one district's share of a quantity target.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    pub id: ProjectId,
    pub name: String,
    /// Category code, see [`super::CATEGORIES`].
    pub category: String,
    /// Place name, see [`super::PLACES`].
    pub place: String,
    /// 专栏 number; 9, 10 and 11 are the plan's unnumbered boxes, counted in order.
    pub zhuanlan: u8,
    /// Item number inside the box.
    pub item: u16,
    /// Unit of the target quantity (公里, 万户, 条…), where the plan gives one.
    pub unit: Option<String>,
    /// Target quantity, where the plan gives one.
    pub target: Option<f64>,
    /// The plan's qualifier of the target (不少于90个, 大于80%), shown with it wherever it is shown.
    #[serde(default)]
    pub target_comparator: Option<Comparator>,
    /// Quantity done, `None` until a report says otherwise.
    pub done: Option<f64>,
    /// Year the target is due.
    pub target_year: i32,
    /// True when the plan names no year and the plan's end (2025) stands in.
    pub target_year_inferred: bool,
    /// First year of the period, where the plan gives one (2022—2025年).
    pub start_year: Option<i32>,
    pub status: Status,
    /// The sentence of the plan the row comes from.
    pub source: String,
    /// 建设性质 (新建/续建/前期/建成), once a reviewer sets it.
    pub nature: Option<String>,
    /// 责任单位.
    pub responsible_unit: Option<String>,
    /// 责任人.
    pub responsible_person: Option<String>,
    /// The plan the row belongs to.
    #[serde(default)]
    pub plan: i64,
    /// Its section as printed: `专栏6 …` for the seeded plan, the heading path of a document,
    /// the section rows of a ledger.
    #[serde(default)]
    pub section: String,
    /// 建设内容及规模, where a ledger gives it.
    #[serde(default)]
    pub content: Option<String>,
    /// The month construction was planned to start (计划开工).
    #[serde(default)]
    pub planned_start: Option<super::Period>,
    /// 入库: whether it is registered in the investment statistics, and since when.
    #[serde(default)]
    pub registered: Option<bool>,
    #[serde(default)]
    pub registered_in: Option<super::Period>,
    /// 项目代码: the national investment project code (see [`check_project_code`]).
    #[serde(default)]
    pub project_code: Option<String>,
    /// 项目业主 (who owns and builds it), where a ledger gives it apart from the 责任单位.
    #[serde(default)]
    pub proprietor: Option<String>,
    /// The row this one names again, where the plan names one project twice (the same pipe
    /// works twice in one box, the public-health centre in two): the pair shares its reports,
    /// and counts, lists and bulletins count it once, as the row it repeats.
    #[serde(default)]
    pub same_as: Option<ProjectId>,
}

/// The rows to count of `rows`: a row naming again a project the plan named before
/// ([`Project::same_as`]) is left out when that first row is among them, so a project the plan
/// names twice is counted, listed and reported once.
pub fn counted_once(projects: &[Project], rows: &[usize]) -> Vec<usize> {
    let present: std::collections::HashSet<ProjectId> = rows.iter().map(|&i| projects[i].id).collect();
    rows.iter().copied().filter(|&i| projects[i].same_as.is_none_or(|first| !present.contains(&first))).collect()
}

/// Gives both rows of each pair the plan names twice ([`Project::same_as`]) the latest of
/// their reports (`latest` holds one per project, its latest), so progress reported on either
/// shows on both.
pub fn share_linked_reports(projects: &[Project], latest: &mut Vec<super::Report>) {
    let pairs: Vec<(ProjectId, ProjectId)> = projects.iter().filter_map(|p| Some((p.id, p.same_as?))).collect();
    share_pair_reports(&pairs, latest);
}

/// As [`share_linked_reports`], for the pairs (later mention, first) whether or not both rows
/// are among those read (a filter may select one of them).
pub fn share_pair_reports(pairs: &[(ProjectId, ProjectId)], latest: &mut Vec<super::Report>) {
    for &(repeat, first) in pairs {
        let newest = latest
            .iter()
            .filter(|r| r.project == repeat || r.project == first)
            .max_by_key(|r| (r.period, r.id))
            .cloned();
        if let Some(newest) = newest {
            latest.retain(|r| r.project != repeat && r.project != first);
            latest.push(super::Report { project: first, ..newest.clone() });
            latest.push(super::Report { project: repeat, ..newest });
        }
    }
}

/// Checks a national investment project code (全国投资项目在线审批监管平台 项目代码) as offices
/// write it: `2021-520201-48-01-123456` (year, six-digit region, two-digit industry, two-digit
/// kind, six-digit serial). Returns the code trimmed, or what is wrong with it.
///
/// # Errors
/// A code that does not have that shape.
pub fn check_project_code(text: &str) -> Result<String, super::FieldProblem> {
    let code = text.trim();
    let parts: Vec<&str> = code.split('-').collect();
    let widths = [4, 6, 2, 2, 6];
    let shaped = parts.len() == widths.len()
        && parts.iter().zip(widths).all(|(p, w)| p.len() == w && p.bytes().all(|b| b.is_ascii_digit()));
    let year_ok = parts.first().and_then(|y| y.parse::<i32>().ok()).is_some_and(|y| (2000..=2100).contains(&y));
    if shaped && year_ok { Ok(code.to_string()) } else { Err(super::FieldProblem::ProjectCode(code.to_string())) }
}

/// How a target relates to its number, in the plan's words: 以上/不少于/至少 (at least),
/// 大于 (more than), 左右 (about), 以内/不超过 (at most).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// 以上, 不少于, 至少: the number or more.
    AtLeast,
    /// 大于, 超过: more than the number.
    MoreThan,
    /// 左右, 约: about the number.
    About,
    /// 以内, 以下, 不超过: the number or less.
    AtMost,
}

impl Comparator {
    /// Every qualifier.
    pub const ALL: [Self; 4] = [Self::AtLeast, Self::MoreThan, Self::About, Self::AtMost];

    /// The stable code used in the database, the command line and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Self::AtLeast => "at_least",
            Self::MoreThan => "more_than",
            Self::About => "about",
            Self::AtMost => "at_most",
        }
    }

    /// The qualifier with this code.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The Chinese word put before the number (不少于 90 个, 约 100 万人).
    pub fn label_zh(self) -> &'static str {
        match self {
            Self::AtLeast => "不少于",
            Self::MoreThan => "大于",
            Self::About => "约",
            Self::AtMost => "不超过",
        }
    }

    /// The English words put before the number.
    pub fn label_en(self) -> &'static str {
        match self {
            Self::AtLeast => "at least",
            Self::MoreThan => "more than",
            Self::About => "about",
            Self::AtMost => "at most",
        }
    }
}

/// Words written just before a number that qualify it, longest first where one ends another
/// (不超过 before 超过): the seed parser and the plan-document importer read them alike.
pub const QUALIFIERS_BEFORE: &[(&str, Comparator)] = &[
    ("不少于", Comparator::AtLeast),
    ("不低于", Comparator::AtLeast),
    ("至少", Comparator::AtLeast),
    ("不超过", Comparator::AtMost),
    ("不高于", Comparator::AtMost),
    ("不多于", Comparator::AtMost),
    ("大于", Comparator::MoreThan),
    ("超过", Comparator::MoreThan),
    ("高于", Comparator::MoreThan),
    ("约", Comparator::About),
];
/// Words written just after a number (and its unit) that qualify it.
pub const QUALIFIERS_AFTER: &[(&str, Comparator)] = &[
    ("以上", Comparator::AtLeast),
    ("左右", Comparator::About),
    ("以内", Comparator::AtMost),
    ("以下", Comparator::AtMost),
];

/// One 专栏 box of the plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Zhuanlan {
    /// 1 to 8 as printed; 9, 10, 11 for the unnumbered boxes, counted in the plan's order.
    pub number: u8,
    /// False for the three boxes the plan prints without a number.
    pub numbered: bool,
    /// The box's title; for an unnumbered box, the subject of its section.
    pub title: String,
}

/// Whether a database holds the plan's own rows or generated demonstration data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dataset {
    /// Rows seeded from the plan; progress only as reported.
    #[default]
    Plan,
    /// Generated rows and progress for rehearsals and benchmarks; never real figures.
    Demo,
}

impl Dataset {
    /// Code stored in the database's meta table.
    pub fn code(self) -> &'static str {
        match self {
            Self::Plan => "plan",
            Self::Demo => "demo",
        }
    }
}

/// One of the 35 indicators of 专栏1.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// 序号 in the box, 1 to 35.
    pub number: u8,
    /// The box's group (城镇承载力, 城镇经济…).
    pub group: String,
    /// Indicator name without its unit.
    pub name: String,
    /// Unit from the name's parentheses, where there is one.
    pub unit: Option<String>,
    /// The 2020 value as printed (`[44.84]以上`, `——`).
    pub value_2020_text: String,
    /// Its number, where it has one.
    pub value_2020: Option<f64>,
    /// The qualifier printed with the 2020 value (`86左右` is about 86).
    #[serde(default)]
    pub value_2020_comparator: Option<Comparator>,
    /// The 2025 target as printed.
    pub target_2025_text: String,
    /// Its number, where the target is a level; `None` where there is no figure or the plan
    /// states a change per year (常住人口城镇化率: 年均增长1—2个百分点), not a level.
    pub target_2025: Option<f64>,
    /// The qualifier printed with the target (`100左右`, `50以上`, `0.04以内`).
    #[serde(default)]
    pub target_2025_comparator: Option<Comparator>,
    /// True when the target is cumulative over the period (printed in brackets).
    pub cumulative: bool,
}

impl Project {
    /// A 钟山区 pipe row (20 km, 2022–2025) for tests; adjust fields with struct update syntax.
    #[cfg(test)]
    pub(crate) fn sample(id: i64, name: &str, place: &str, done: Option<f64>, status: Status) -> Self {
        Self {
            id: ProjectId(id),
            name: name.into(),
            category: "pipes".into(),
            place: place.into(),
            zhuanlan: 6,
            item: 4,
            unit: Some("公里".into()),
            target: Some(20.0),
            target_comparator: None,
            done,
            target_year: 2025,
            target_year_inferred: false,
            start_year: Some(2022),
            status,
            source: String::new(),
            nature: None,
            responsible_unit: None,
            responsible_person: None,
            plan: 1,
            section: "专栏6 城镇基础设施".into(),
            content: None,
            planned_start: None,
            registered: None,
            registered_in: None,
            project_code: None,
            proprietor: None,
            same_as: None,
        }
    }
}
