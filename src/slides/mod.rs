//! slides: what each slide of the meeting deck shows (its title, figures, bars, tables and
//! words, in the reader's language), built once from [`ChartData`] by one function per slide
//! (`build.rs`) and drawn by both the window (`ui/charts.rs`, with egui) and the PDF deck
//! (`export/deck.rs`). Plain data: never imports egui, krilla or storage; uses only `domain`.

mod build;
#[cfg(test)]
mod tests;

use crate::domain::{ChartData, Lang, Slide};

pub use build::{blocks, group_label, network, title};

/// A colour as red, green and blue.
pub type Rgb = (u8, u8, u8);

/// 滞后 in figures and tables (Okabe–Ito vermilion).
pub const BEHIND: Rgb = (0xD5, 0x5E, 0x00);
/// Lines that are not about a status (序时进度).
pub const GREY: Rgb = (0x77, 0x77, 0x77);
/// The two bars of a pair: sky blue (L* 70) and blue (L* 46), apart in grey print too.
pub const PAIR: [Rgb; 2] = [(0x56, 0xB4, 0xE9), (0x00, 0x72, 0xB2)];

/// One slide as both outputs show it: the title, the subtitle, what is on it from top to
/// bottom, and the footer's slide number and demo marker.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// Which slide this is.
    pub slide: Slide,
    pub title: String,
    /// The plan, the filter and the review date.
    pub subtitle: String,
    /// From top to bottom; a chart takes the room left below what is above it.
    pub blocks: Vec<Block>,
    /// "3 / 12".
    pub number: String,
    /// The marker of a deck drawn from demo data.
    pub demo: Option<String>,
}

/// A part of a slide. Text sizes (`scale`) are shares of the slide's body size ([`Sizes`]).
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// Big figures in a row, each over its label.
    Figures(Vec<Figure>),
    /// One strip across the slide split by shares, each part with its percent where it has room.
    Shares(Vec<Share>),
    /// Counts in a row, each a coloured dot, its name and its number.
    Counts {
        figures: Vec<Figure>,
        scale: f32,
    },
    Heading {
        text: String,
        scale: f32,
    },
    /// What a slide with nothing to show says instead.
    Message {
        text: String,
        scale: f32,
    },
    /// A small grey line: how many more there are than listed.
    Note {
        text: String,
        scale: f32,
    },
    Table(Table),
    Stacked(Stacked),
    /// Panels of paired bars side by side.
    Paired(Vec<Paired>),
    Lines(Lines),
}

impl Block {
    /// Room before this block after `previous`, in body sizes (the window's spacing).
    pub fn gap_after(&self, previous: Option<&Block>) -> f32 {
        match (previous, self) {
            (None, _) => 0.0,
            (Some(Self::Figures(_)), Self::Shares(_)) | (Some(Self::Shares(_)), Self::Heading { .. }) => 1.0,
            (Some(Self::Shares(_)), _) => 0.8,
            (Some(Self::Counts { .. }), _) => 0.42,
            _ => 0.0,
        }
    }
}

/// A figure: its value, its label, a colour swatch beside the label, the colour of the value.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub value: u32,
    pub label: String,
    pub swatch: Option<Rgb>,
    pub ink: Option<Rgb>,
}

/// A part of a strip: its share of the whole (0–1) and the percent written on it.
#[derive(Clone, Debug, PartialEq)]
pub struct Share {
    pub share: f64,
    pub percent: String,
    pub rgb: Rgb,
    /// Whether text on it is white.
    pub dark: bool,
}

/// Rows of cells under an optional header.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Empty when the table has no header (a list).
    pub head: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
    /// Each column's share of the slide's width, for a writer that places columns itself.
    pub widths: Vec<f32>,
    pub scale: f32,
    /// When not every row fits: the last line instead, `{n}` standing for the rows left out.
    /// Without it every row is shown.
    pub rest: Option<String>,
}

impl Table {
    /// The last line when `n` rows are left out.
    pub fn rest_line(&self, n: usize) -> Option<String> {
        self.rest.as_ref().map(|r| r.replace("{n}", &n.to_string()))
    }
}

/// A table cell: its text and, when not the usual one, its colour.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub text: String,
    pub ink: Option<Rgb>,
}

impl Cell {
    /// Text in the usual colour.
    pub fn plain(text: impl Into<String>) -> Self {
        Self { text: text.into(), ink: None }
    }

    /// Text in `rgb`.
    pub fn colored(text: impl Into<String>, rgb: Rgb) -> Self {
        Self { text: text.into(), ink: Some(rgb) }
    }
}

/// A kind of segment or bar: its name in the legend, its colour, whether text on it is white.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: String,
    pub rgb: Rgb,
    pub dark: bool,
}

/// Stacked bars, one per group, a segment of each series, the first series at the axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Stacked {
    pub series: Vec<Series>,
    pub bars: Vec<StackedBar>,
    /// Bars along the horizontal axis (categories) rather than standing.
    pub horizontal: bool,
    pub scale: f32,
}

impl Stacked {
    /// A segment is labelled with its count when it is at least this share of the largest bar.
    pub const LABELLED: f64 = 0.08;

    /// The largest bar's total, at least 1.
    pub fn largest(&self) -> u32 {
        self.bars.iter().map(|b| b.total).max().unwrap_or(0).max(1)
    }
}

/// One stacked bar: its label, what a click on it drills into, a value per series, the total.
#[derive(Clone, Debug, PartialEq)]
pub struct StackedBar {
    pub label: String,
    /// The place name or category code a drill-down filters on.
    pub key: String,
    pub values: Vec<u32>,
    pub total: u32,
}

/// Two bars per group (a target and what is done, a plan and what is spent).
#[derive(Clone, Debug, PartialEq)]
pub struct Paired {
    /// Above the panel when panels stand side by side.
    pub heading: Option<String>,
    pub series: [Series; 2],
    pub unit: String,
    pub groups: Vec<PairedGroup>,
    pub scale: f32,
}

impl Paired {
    /// The largest value, at least 1.
    pub fn largest(&self) -> f64 {
        self.groups.iter().flat_map(|g| g.values).fold(1.0, f64::max)
    }
}

/// A group of paired bars: its label, its two values and how they are written.
#[derive(Clone, Debug, PartialEq)]
pub struct PairedGroup {
    pub label: String,
    pub values: [f64; 2],
    pub texts: [String; 2],
}

/// Lines over months, in percent from 0 to 100.
#[derive(Clone, Debug, PartialEq)]
pub struct Lines {
    pub lines: Vec<Line>,
    /// The months along the axis.
    pub periods: Vec<String>,
}

/// One line: its name in the legend, colour, width and a value per month.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub name: String,
    pub rgb: Rgb,
    pub width: f32,
    pub values: Vec<f64>,
}

/// The text sizes of a slide `height` high (the window's points, or the page's).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sizes {
    pub title: f32,
    pub subtitle: f32,
    /// What blocks' `scale` is a share of.
    pub body: f32,
}

impl Sizes {
    /// Sizes for a slide's content `height` high.
    pub fn for_height(height: f32) -> Self {
        Self {
            title: (height / 16.0).clamp(24.0, 52.0),
            subtitle: (height / 40.0).clamp(13.0, 24.0),
            body: (height / 30.0).clamp(15.0, 32.0),
        }
    }

    /// Every size times `factor` (a page in points drawn like a window in pixels).
    pub fn scaled(self, factor: f32) -> Self {
        Self { title: self.title * factor, subtitle: self.subtitle * factor, body: self.body * factor }
    }
}

/// What every page of a deck shares: the figures, the slides in order, the subtitle, the
/// language and whether the figures are a demo's.
#[derive(Clone, Copy, Debug)]
pub struct Deck<'a> {
    pub data: &'a ChartData,
    pub slides: &'a [Slide],
    pub subtitle: &'a str,
    pub lang: Lang,
    pub demo: bool,
}

impl Deck<'_> {
    /// The page of the slide at `index`.
    pub fn page(&self, index: usize) -> Option<Page> {
        let slide = self.slides.get(index)?;
        Some(Page {
            slide: slide.clone(),
            title: title(slide, self.data, self.lang),
            subtitle: self.subtitle.to_string(),
            blocks: blocks(self.data, slide, self.lang),
            number: format!("{} / {}", index + 1, self.slides.len()),
            demo: self.demo.then(|| self.lang.tr("演示数据", "DEMO DATA").to_string()),
        })
    }

    /// Every page, in order.
    pub fn pages(&self) -> Vec<Page> {
        (0..self.slides.len()).filter_map(|i| self.page(i)).collect()
    }
}
