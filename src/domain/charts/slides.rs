//! The slides of a presentation: the kinds a reviewer picks, the slides a portfolio's
//! figures give (a chart with nothing to show is left out), and their titles.

use serde::{Deserialize, Serialize};

use super::{ChartData, StatusCounts};

/// The kinds of slide a presentation may hold; the reviewer picks some, and a saved view keeps
/// the pick.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlideKind {
    Overview,
    ByDistrict,
    ByCategory,
    Pipes,
    Progress,
    Investment,
    /// One slide per district.
    Districts,
    /// One slide per category.
    Categories,
    Lagging,
    Coordination,
    /// Red and yellow projects with their reasons.
    Lights,
    /// Stacked bars of the lights, one bar per district.
    LightsByDistrict,
}

impl SlideKind {
    /// Every kind, in deck order.
    pub const ALL: [Self; 12] = [
        Self::Overview,
        Self::ByDistrict,
        Self::ByCategory,
        Self::Pipes,
        Self::Progress,
        Self::Investment,
        Self::Districts,
        Self::Categories,
        Self::LightsByDistrict,
        Self::Lights,
        Self::Lagging,
        Self::Coordination,
    ];

    /// The code used on the command line and in saved views.
    pub fn code(self) -> &'static str {
        match self {
            Self::Overview => "overview",
            Self::ByDistrict => "by_district",
            Self::ByCategory => "by_category",
            Self::Pipes => "pipes",
            Self::Progress => "progress",
            Self::Investment => "investment",
            Self::Districts => "districts",
            Self::Categories => "categories",
            Self::Lagging => "lagging",
            Self::Coordination => "coordination",
            Self::Lights => "lights",
            Self::LightsByDistrict => "lights_by_district",
        }
    }

    /// The reviewer's words for it.
    pub fn label_zh(self) -> &'static str {
        match self {
            Self::Overview => "总体情况",
            Self::ByDistrict => "各区(县)项目状态",
            Self::ByCategory => "各类别项目状态",
            Self::Pipes => "管网目标与完成",
            Self::Progress => "完成进度与序时进度",
            Self::Investment => "投资",
            Self::Districts => "每个区(县)一页",
            Self::Categories => "每个类别一页",
            Self::Lagging => "滞后项目",
            Self::Coordination => "需协调事项",
            Self::Lights => "红黄灯项目",
            Self::LightsByDistrict => "亮灯分布(按区县)",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Self::Overview => "Overview",
            Self::ByDistrict => "Status by district",
            Self::ByCategory => "Status by category",
            Self::Pipes => "Pipe networks",
            Self::Progress => "Progress over time",
            Self::Investment => "Investment",
            Self::Districts => "A slide per district",
            Self::Categories => "A slide per category",
            Self::Lagging => "Lagging projects",
            Self::Coordination => "Coordination",
            Self::Lights => "Red and yellow lights",
            Self::LightsByDistrict => "Lights by district",
        }
    }

    /// Parses a code (`pipes`) or a Chinese label.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        Self::ALL.into_iter().find(|k| k.code() == text || k.label_zh() == text)
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
    Lights,
    LightsByDistrict,
}

impl Slide {
    /// Which kind of slide this is.
    pub fn kind(&self) -> SlideKind {
        match self {
            Self::Overview => SlideKind::Overview,
            Self::ByDistrict => SlideKind::ByDistrict,
            Self::ByCategory => SlideKind::ByCategory,
            Self::Pipes => SlideKind::Pipes,
            Self::Progress => SlideKind::Progress,
            Self::Investment => SlideKind::Investment,
            Self::District(_) => SlideKind::Districts,
            Self::Category(_) => SlideKind::Categories,
            Self::Lagging => SlideKind::Lagging,
            Self::Coordination => SlideKind::Coordination,
            Self::Lights => SlideKind::Lights,
            Self::LightsByDistrict => SlideKind::LightsByDistrict,
        }
    }

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
            Self::Lights => "红黄灯项目".into(),
            Self::LightsByDistrict => "亮灯分布(按区县)".into(),
        }
    }
}

/// The slides of the chosen kinds for `data`: overview, the charts, one per district and per
/// category, the lights by district, the red and yellow projects, lagging projects, and the
/// matters needing coordination. Charts with nothing to show are left out; when nothing is
/// left, the overview is kept so a deck is never empty.
pub fn slides(data: &ChartData, kinds: &[SlideKind]) -> Vec<Slide> {
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
    if !data.lights_by_district.is_empty() {
        out.push(Slide::LightsByDistrict);
    }
    if !data.lit.is_empty() {
        out.push(Slide::Lights);
    }
    out.push(Slide::Lagging);
    if !data.coordination.is_empty() {
        out.push(Slide::Coordination);
    }
    out.retain(|s| kinds.contains(&s.kind()));
    if out.is_empty() {
        out.push(Slide::Overview);
    }
    out
}
