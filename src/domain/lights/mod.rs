//! lights: a project's 亮灯 (red/yellow/green/grey light) at a review month, by a plan's own
//! rules, for the monthly 调度 meeting. Pure rules over plain data: never imports egui or
//! rusqlite and never reads the database or the clock; the caller fills a [`LightInput`].
//!
//! Boundary conventions (one per kind of measure, so a threshold means the same everywhere):
//! - "Below schedule" measures (schedule gap in points, investment shortfall in %) light
//!   only *beyond* a threshold: at the threshold itself the milder light stays. Under the
//!   default `gap-10-30`: behind ≤ 10 points green, 10 < behind ≤ 30 yellow, behind > 30 red.
//!   This is exactly today's 滞后 flag, [`Schedule::lagging`] with [`super::DEFAULT_LAG_THRESHOLD`]
//!   (`behind_points > 10 && completion < 1`), so "lagging" and "yellow or red" agree.
//! - The schedule ratio lights strictly *below* a threshold: 80 % of 序时进度 is green, 60 %
//!   is yellow, below 60 % red.
//! - Month counts (start delay, 入库 delay, overdue problems, escalation) light *at or
//!   beyond* a threshold: "yellow 1 month after the planned start" is yellow at 1 month.
//! - Equal yellow and red thresholds are allowed and mean "no yellow band".
//! - The schedule gap is compared as computed, exactly as the 滞后 flag compares it; its text
//!   keeps one decimal, so a gap a hair above 10 reads "10 个百分点" and is yellow. The ratio
//!   and the investment shortfall are compared as printed (rounded to 0.1), so the text never
//!   shows a threshold's own value beside the harsher light.

mod judge;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use judge::{Finding, LightInput, Reason, Verdict, judge, light_of};

/// A light. Ordered Grey < Green < Yellow < Red, so the `max` of several lights is the worst
/// rated one and Grey wins only when nothing was rated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Light {
    /// 未评价: the data a measure needs is missing (never shown as green). Its code is
    /// `unrated`, as the command line and JSON write it.
    #[serde(rename = "unrated", alias = "grey")]
    Grey,
    Green,
    Yellow,
    Red,
}

impl Light {
    /// Every light, from "not rated" to the worst.
    pub const ALL: [Self; 4] = [Self::Grey, Self::Green, Self::Yellow, Self::Red];

    /// The stable code used in the database, the command line and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Self::Grey => "unrated",
            Self::Green => "green",
            Self::Yellow => "yellow",
            Self::Red => "red",
        }
    }

    /// The Chinese word.
    pub fn label_zh(self) -> &'static str {
        match self {
            Self::Grey => "未评价",
            Self::Green => "绿灯",
            Self::Yellow => "黄灯",
            Self::Red => "红灯",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Self::Grey => "Not rated",
            Self::Green => "Green",
            Self::Yellow => "Yellow",
            Self::Red => "Red",
        }
    }

    /// Parses a code (`red`), a Chinese label (`红灯`) or an English label (any case).
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        Self::ALL
            .into_iter()
            .find(|l| l.code() == text || l.label_zh() == text || l.label_en().eq_ignore_ascii_case(text))
            .or_else(|| (text == "grey" || text == "未评价").then_some(Self::Grey))
    }

    /// The light's colour. Red, green, yellow in hues colour-blind readers tell apart (a deep
    /// red, Okabe–Ito's bluish green and yellow) and lightness (CIE L*) stepping 39 → 58 → 73
    /// (grey) → 89, so they differ printed in grey too; the label always goes with the colour.
    pub const fn rgb(self) -> (u8, u8, u8) {
        match self {
            Self::Grey => (0xB4, 0xB4, 0xB4),
            Self::Green => (0x00, 0x9E, 0x73),
            Self::Yellow => (0xF0, 0xE4, 0x42),
            Self::Red => (0xB3, 0x1B, 0x1B),
        }
    }

    /// Whether text on this colour should be white rather than black.
    pub fn is_dark(self) -> bool {
        matches!(self, Self::Green | Self::Red)
    }
}

/// What a rule measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Percentage points below 序时进度 ([`Schedule::behind_points`]); higher is worse.
    ScheduleGap,
    /// Completion as a percentage of 序时进度; lower is worse.
    ScheduleRatio,
    /// Months past the planned start month while still 未开工 or 前期; higher is worse.
    StartDelay,
    /// How far, in %, the year's investment so far falls short of the year's plan times the
    /// elapsed share of the year; higher is worse.
    Investment,
    /// Months after the start without 入库 (registration in the investment statistics).
    RegistrationDelay,
    /// Months the most overdue open problem is past its 解决时限.
    OverdueProblems,
    /// Months in a row at yellow or worse (this one included) after which yellow turns red.
    /// Uses only the red threshold.
    Escalation,
}

impl Measure {
    /// Every measure, in the order a rule set lists them.
    pub const ALL: [Self; 7] = [
        Self::ScheduleGap,
        Self::ScheduleRatio,
        Self::StartDelay,
        Self::Investment,
        Self::RegistrationDelay,
        Self::OverdueProblems,
        Self::Escalation,
    ];

    /// The stable code used in JSON.
    pub fn code(self) -> &'static str {
        match self {
            Self::ScheduleGap => "schedule_gap",
            Self::ScheduleRatio => "schedule_ratio",
            Self::StartDelay => "start_delay",
            Self::Investment => "investment",
            Self::RegistrationDelay => "registration_delay",
            Self::OverdueProblems => "overdue_problems",
            Self::Escalation => "escalation",
        }
    }

    /// The measure with this code.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code.trim())
    }

    /// The Chinese name.
    pub fn label_zh(self) -> &'static str {
        match self {
            Self::ScheduleGap => "序时进度差距",
            Self::ScheduleRatio => "序时完成率",
            Self::StartDelay => "开工滞后",
            Self::Investment => "投资完成",
            Self::RegistrationDelay => "入库滞后",
            Self::OverdueProblems => "逾期问题",
            Self::Escalation => "连续黄灯升级",
        }
    }

    /// English name.
    pub fn label_en(self) -> &'static str {
        match self {
            Self::ScheduleGap => "Schedule gap",
            Self::ScheduleRatio => "Schedule ratio",
            Self::StartDelay => "Start delay",
            Self::Investment => "Investment",
            Self::RegistrationDelay => "Registration delay",
            Self::OverdueProblems => "Overdue problems",
            Self::Escalation => "Escalation",
        }
    }

    /// The unit of the thresholds, in Chinese.
    pub fn unit_zh(self) -> &'static str {
        match self {
            Self::ScheduleGap => "个百分点",
            Self::ScheduleRatio | Self::Investment => "%",
            Self::StartDelay | Self::RegistrationDelay | Self::OverdueProblems | Self::Escalation => "个月",
        }
    }

    /// The unit of the thresholds, in English.
    pub fn unit_en(self) -> &'static str {
        match self {
            Self::ScheduleGap => "points",
            Self::ScheduleRatio | Self::Investment => "%",
            Self::StartDelay | Self::RegistrationDelay | Self::OverdueProblems | Self::Escalation => "months",
        }
    }

    /// Whether the yellow threshold means anything (escalation only turns yellow into red).
    pub fn uses_yellow(self) -> bool {
        self != Self::Escalation
    }

    /// Whether a lower value is worse (the ratio); for every other measure a higher one is.
    fn lower_is_worse(self) -> bool {
        self == Self::ScheduleRatio
    }

    /// The thresholds' allowed range and whether they are whole numbers.
    fn range(self) -> (f64, f64, bool) {
        match self {
            Self::ScheduleGap | Self::ScheduleRatio | Self::Investment => (0.0, 100.0, false),
            Self::StartDelay | Self::RegistrationDelay | Self::OverdueProblems => (1.0, 120.0, true),
            Self::Escalation => (2.0, 24.0, true),
        }
    }
}

/// One measure of a rule set: its thresholds, in the measure's unit, and whether it is on.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeasureRule {
    pub measure: Measure,
    /// Off: the measure is kept with its thresholds but not judged. On when not stored.
    #[serde(default = "switched_on")]
    pub on: bool,
    /// Where yellow begins, in [`Measure::unit_zh`] (see the module's boundary conventions).
    pub yellow: f64,
    /// Where red begins.
    pub red: f64,
}

fn switched_on() -> bool {
    true
}

impl MeasureRule {
    /// The measure, on, with the thresholds of the issue that introduced lights: gap 10/30
    /// points, ratio 80/60 %, start 1/3 months, investment 0/50 % short, 入库 1/2 months,
    /// overdue problems 1/3 months, escalation after 3 months.
    pub fn standard(measure: Measure) -> Self {
        let (yellow, red) = match measure {
            Measure::ScheduleGap => (10.0, 30.0),
            Measure::ScheduleRatio => (80.0, 60.0),
            Measure::StartDelay | Measure::OverdueProblems => (1.0, 3.0),
            Measure::Investment => (0.0, 50.0),
            Measure::RegistrationDelay => (1.0, 2.0),
            Measure::Escalation => (3.0, 3.0),
        };
        Self { measure, on: true, yellow, red }
    }

    /// What is wrong with the thresholds, if anything.
    pub fn check(&self) -> Vec<RuleProblem> {
        let measure = self.measure;
        let (lo, hi, whole) = measure.range();
        let mut problems = Vec::new();
        let mut thresholds = vec![(false, self.red)];
        if measure.uses_yellow() {
            thresholds.insert(0, (true, self.yellow));
        }
        let mut valid = true;
        for (yellow, value) in thresholds {
            if !value.is_finite() || value < lo || value > hi {
                valid = false;
                problems.push(RuleProblem::OutOfRange { measure, yellow, lo, hi });
            } else if whole && value.fract() != 0.0 {
                valid = false;
                problems.push(RuleProblem::NotWhole { measure, yellow });
            }
        }
        if valid && measure.uses_yellow() {
            let (yellow, red) = (self.yellow, self.red);
            let lower_is_worse = measure.lower_is_worse();
            if (lower_is_worse && yellow < red) || (!lower_is_worse && yellow > red) {
                problems.push(RuleProblem::Order { measure, yellow, red, lower_is_worse });
            }
        }
        problems
    }

    /// The thresholds, if both are numbers.
    fn thresholds(&self) -> Option<(f64, f64)> {
        (self.yellow.is_finite() && self.red.is_finite()).then_some((self.yellow, self.red))
    }
}

/// The codes of the built-in rule sets, each with one measure at its standard thresholds.
pub const PRESETS: [&str; 3] = ["gap-10-30", "ratio-80-60", "invest-50"];

/// A plan's light rules: a named list of measures. Stored as JSON with the plan; missing
/// fields take the default's (`gap-10-30`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LightRules {
    /// A preset's code, or the name the user gave the set.
    pub name: String,
    pub rules: Vec<MeasureRule>,
}

impl Default for LightRules {
    /// `gap-10-30`, which keeps today's meaning of 滞后.
    fn default() -> Self {
        Self { name: PRESETS[0].to_string(), rules: vec![MeasureRule::standard(Measure::ScheduleGap)] }
    }
}

impl LightRules {
    /// The built-in rule set with this code (see [`PRESETS`]).
    pub fn preset(code: &str) -> Option<Self> {
        let measure = match code.trim() {
            "gap-10-30" => Measure::ScheduleGap,
            "ratio-80-60" => Measure::ScheduleRatio,
            "invest-50" => Measure::Investment,
            _ => return None,
        };
        Some(Self { name: code.trim().to_string(), rules: vec![MeasureRule::standard(measure)] })
    }

    /// The same set listing every measure, in [`Measure::ALL`] order: those it lacks switched
    /// off at their standard thresholds (the settings window edits all of them).
    pub fn with_every_measure(&self) -> Self {
        let rules = Measure::ALL
            .into_iter()
            .map(|m| {
                self.rules
                    .iter()
                    .find(|r| r.measure == m)
                    .cloned()
                    .unwrap_or(MeasureRule { on: false, ..MeasureRule::standard(m) })
            })
            .collect();
        Self { name: self.name.clone(), rules }
    }

    /// Every measure at its standard thresholds, all on: a start for a user's own set.
    pub fn full(name: &str) -> Self {
        Self { name: name.to_string(), rules: Measure::ALL.into_iter().map(MeasureRule::standard).collect() }
    }

    /// What is wrong with the set, if anything: no name, no measure on, a measure listed twice,
    /// thresholds out of range or in the wrong order.
    pub fn check(&self) -> Vec<RuleProblem> {
        let mut problems = Vec::new();
        if self.name.trim().is_empty() {
            problems.push(RuleProblem::NoName);
        }
        if !self.rules.iter().any(|r| r.on && r.measure != Measure::Escalation) {
            problems.push(RuleProblem::NothingOn);
        }
        for m in Measure::ALL {
            if self.rules.iter().filter(|r| r.measure == m).count() > 1 {
                problems.push(RuleProblem::Twice(m));
            }
        }
        for rule in &self.rules {
            problems.extend(rule.check());
        }
        problems
    }
}

/// What is wrong with a rule set (worded in `words::lights`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RuleProblem {
    /// The set has no name.
    NoName,
    /// No measure is on besides escalation.
    NothingOn,
    /// A measure is listed twice.
    Twice(Measure),
    /// A threshold (the yellow one, else the red) outside what the measure allows.
    OutOfRange { measure: Measure, yellow: bool, lo: f64, hi: f64 },
    /// A threshold that must be a whole number is not.
    NotWhole { measure: Measure, yellow: bool },
    /// Yellow is beyond red: below it where lower is worse, above it otherwise.
    Order { measure: Measure, yellow: f64, red: f64, lower_is_worse: bool },
}

/// A value rounded to one decimal, as texts show it.
fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// A figure with at most one decimal and no trailing zero: 42 → "42", 12.345 → "12.3".
pub(crate) fn number(value: f64) -> String {
    let rounded = round1(value);
    if rounded == 0.0 {
        return "0".to_string();
    }
    let text = format!("{rounded:.1}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}
