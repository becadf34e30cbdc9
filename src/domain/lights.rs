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

use serde::{Deserialize, Serialize};

use super::{Period, Schedule, Status};

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

    /// What is wrong with the thresholds, if anything, as (Chinese, English) messages.
    pub fn check(&self) -> Vec<(String, String)> {
        let m = self.measure;
        let (lo, hi, whole) = m.range();
        let mut problems = Vec::new();
        let mut thresholds = vec![("红灯阈值", "red threshold", self.red)];
        if m.uses_yellow() {
            thresholds.insert(0, ("黄灯阈值", "yellow threshold", self.yellow));
        }
        let mut valid = true;
        for (zh, en, value) in thresholds {
            if !value.is_finite() || value < lo || value > hi {
                valid = false;
                problems.push((
                    format!("{}:{zh}应在 {}–{} {}之间", m.label_zh(), number(lo), number(hi), m.unit_zh()),
                    format!("{}: the {en} must be from {} to {} {}", m.label_en(), number(lo), number(hi), m.unit_en()),
                ));
            } else if whole && value.fract() != 0.0 {
                valid = false;
                problems.push((
                    format!("{}:{zh}应为整数", m.label_zh()),
                    format!("{}: the {en} must be a whole number", m.label_en()),
                ));
            }
        }
        if valid && m.uses_yellow() {
            let (y, r) = (number(self.yellow), number(self.red));
            if m.lower_is_worse() && self.yellow < self.red {
                problems.push((
                    format!("{}:黄灯阈值 {y} 不应低于红灯阈值 {r}", m.label_zh()),
                    format!("{}: the yellow threshold {y} must not be below the red threshold {r}", m.label_en()),
                ));
            } else if !m.lower_is_worse() && self.yellow > self.red {
                problems.push((
                    format!("{}:黄灯阈值 {y} 不应高于红灯阈值 {r}", m.label_zh()),
                    format!("{}: the yellow threshold {y} must not be above the red threshold {r}", m.label_en()),
                ));
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

    /// What is wrong with the set, if anything, as (Chinese, English) messages: no name, no
    /// measure on, a measure listed twice, thresholds out of range or in the wrong order.
    pub fn check(&self) -> Vec<(String, String)> {
        let mut problems = Vec::new();
        if self.name.trim().is_empty() {
            problems.push(("规则名称不能为空".to_string(), "Give the rule set a name".to_string()));
        }
        if !self.rules.iter().any(|r| r.on && r.measure != Measure::Escalation) {
            problems.push((
                "至少启用一项指标(连续黄灯升级之外)".to_string(),
                "Switch on at least one measure besides escalation".to_string(),
            ));
        }
        for m in Measure::ALL {
            if self.rules.iter().filter(|r| r.measure == m).count() > 1 {
                problems.push((format!("{}重复出现", m.label_zh()), format!("{} is listed twice", m.label_en())));
            }
        }
        for rule in &self.rules {
            problems.extend(rule.check());
        }
        problems
    }
}

/// Everything the rules need about one project at one review month, as plain data the caller
/// fills. `None` means "not known": the measures that need it are grey.
#[derive(Clone, Debug, PartialEq)]
pub struct LightInput {
    /// The month reviewed.
    pub review: Period,
    /// The status at the review month.
    pub status: Status,
    /// Where the project stands against 序时进度 at the end of the review month.
    pub schedule: Option<Schedule>,
    /// The month construction was planned to start.
    pub planned_start: Option<Period>,
    /// The month construction did start, where known; the 入库 delay counts from it, or from
    /// the planned start when it is unknown.
    pub started: Option<Period>,
    /// Whether the project is 入库 (registered in the investment statistics).
    pub registered: Option<bool>,
    /// The month it was registered; a later month than `review` means "not yet at review".
    pub registered_in: Option<Period>,
    /// Investment completed this year up to the review month, 万元.
    pub invest_year_done: Option<f64>,
    /// The year's planned investment, 万元.
    pub invest_year_plan: Option<f64>,
    /// 解决时限 of each open (unsolved) problem; `Some(vec![])` is "no open problem",
    /// `None` "no problem list".
    pub open_problems_due: Option<Vec<Period>>,
    /// Lights of the closed months before `review`, most recent first; a month without a
    /// light is [`Light::Grey`] (it breaks a run of yellow).
    pub previous: Vec<Light>,
}

impl LightInput {
    /// A project with a status and nothing else known.
    pub fn new(review: Period, status: Status) -> Self {
        Self {
            review,
            status,
            schedule: None,
            planned_start: None,
            started: None,
            registered: None,
            registered_in: None,
            invest_year_done: None,
            invest_year_plan: None,
            open_problems_due: None,
            previous: Vec::new(),
        }
    }
}

/// What one measure said, in both languages ("低于序时进度 42 个百分点" / "42 points below
/// schedule").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// The measure that spoke.
    pub measure: Measure,
    /// Its light alone.
    pub light: Light,
    /// What it found, in Chinese, with the figure.
    pub zh: String,
    /// The same in English.
    pub en: String,
}

/// A project's light and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// The worst light of the enabled measures; Grey only if none rated the project.
    pub light: Light,
    /// One per enabled measure (escalation only when it turned the light red), worst first,
    /// in the rule set's order among equals. Empty for a completed project.
    pub reasons: Vec<Reason>,
    /// The project is 已完工, so green whatever the measures say.
    pub completed: bool,
}

impl Verdict {
    /// The reasons that lit the light: those as bad as the verdict.
    pub fn lit_by(&self) -> impl Iterator<Item = &Reason> {
        self.reasons.iter().filter(|r| r.light == self.light)
    }

    /// One line saying why, in Chinese and English: the reasons that lit the light, joined.
    pub fn summary(&self) -> (String, String) {
        if self.completed {
            return ("已完工".to_string(), "Completed".to_string());
        }
        let (zh, en): (Vec<&str>, Vec<&str>) = self.lit_by().map(|r| (r.zh.as_str(), r.en.as_str())).unzip();
        if zh.is_empty() {
            ("未启用任何指标".to_string(), "No measure is switched on".to_string())
        } else {
            (zh.join(";"), en.join("; "))
        }
    }
}

/// The light of one project at one review month under `rules`, with every measure's reason.
///
/// A completed project is green. Otherwise each enabled measure gives a light (grey when its
/// data is missing), the project takes the worst, and escalation then turns a yellow that has
/// lasted its number of months into red.
pub fn judge(rules: &LightRules, input: &LightInput) -> Verdict {
    judge_with(rules, input, true)
}

/// The light alone, as [`judge`] gives it but without putting the reasons into words: what a
/// portfolio of 100,000 projects is lit with on every change (the reasons of the few rows shown
/// are worded when asked for).
pub fn light_of(rules: &LightRules, input: &LightInput) -> Light {
    if input.status == Status::Completed {
        return Light::Green;
    }
    let on =
        |escalation: bool| rules.rules.iter().filter(move |r| r.on && (r.measure == Measure::Escalation) == escalation);
    let base = on(false).map(|rule| measure_reason(rule, input, false).light).max().unwrap_or(Light::Grey);
    if on(true).any(|rule| escalation(rule, base, &input.previous, false).is_some()) { Light::Red } else { base }
}

fn judge_with(rules: &LightRules, input: &LightInput, words: bool) -> Verdict {
    if input.status == Status::Completed {
        return Verdict { light: Light::Green, reasons: Vec::new(), completed: true };
    }
    let mut reasons: Vec<Reason> = rules
        .rules
        .iter()
        .filter(|r| r.on && r.measure != Measure::Escalation)
        .map(|rule| measure_reason(rule, input, words))
        .collect();
    let base = reasons.iter().map(|r| r.light).max().unwrap_or(Light::Grey);
    for rule in rules.rules.iter().filter(|r| r.on && r.measure == Measure::Escalation) {
        reasons.extend(escalation(rule, base, &input.previous, words));
    }
    // Stable: equals keep the rule set's order.
    reasons.sort_by_key(|r| std::cmp::Reverse(r.light));
    let light = reasons.iter().map(|r| r.light).max().unwrap_or(Light::Grey);
    Verdict { light, reasons, completed: false }
}

/// The reason of one measure other than escalation; its texts empty unless `words`.
fn measure_reason(rule: &MeasureRule, input: &LightInput, words: bool) -> Reason {
    let measure = rule.measure;
    let Some(thresholds) = rule.thresholds() else {
        let (zh, en) = say(words, || ("规则阈值无效".into(), "The rule's thresholds are not numbers".into()));
        return Reason { measure, light: Light::Grey, zh, en };
    };
    let (light, (zh, en)) = match measure {
        Measure::ScheduleGap => schedule_gap(thresholds, input, words),
        Measure::ScheduleRatio => schedule_ratio(thresholds, input, words),
        Measure::StartDelay => start_delay(thresholds, input, words),
        Measure::Investment => investment(thresholds, input, words),
        Measure::RegistrationDelay => registration_delay(thresholds, input, words),
        Measure::OverdueProblems => overdue_problems(thresholds, input, words),
        // Judged after the others, in `escalation`.
        Measure::Escalation => (Light::Grey, (String::new(), String::new())),
    };
    Reason { measure, light, zh, en }
}

/// A measure's light and texts (empty when not put into words).
type Finding = (Light, (String, String));

/// The texts, made only when `words`.
fn say(words: bool, texts: impl FnOnce() -> (String, String)) -> (String, String) {
    if words { texts() } else { (String::new(), String::new()) }
}

fn grey(words: bool, zh: &str, en: &str) -> Finding {
    (Light::Grey, say(words, || (zh.to_string(), en.to_string())))
}

/// Higher is worse, lit only beyond a threshold.
fn beyond(value: f64, (yellow, red): (f64, f64)) -> Light {
    if value > red {
        Light::Red
    } else if value > yellow {
        Light::Yellow
    } else {
        Light::Green
    }
}

/// Lower is worse, lit only below a threshold.
fn below(value: f64, (yellow, red): (f64, f64)) -> Light {
    if value < red {
        Light::Red
    } else if value < yellow {
        Light::Yellow
    } else {
        Light::Green
    }
}

/// A count of months, lit at or beyond a threshold.
fn at_least(months: i64, (yellow, red): (f64, f64)) -> Light {
    let months = months as f64;
    if months >= red {
        Light::Red
    } else if months >= yellow {
        Light::Yellow
    } else {
        Light::Green
    }
}

/// The schedule, if every figure in it is a number.
fn usable_schedule(input: &LightInput) -> Option<Schedule> {
    input.schedule.filter(|s| s.expected.is_finite() && s.completion.is_finite() && s.behind_points.is_finite())
}

fn schedule_gap(thresholds: (f64, f64), input: &LightInput, words: bool) -> Finding {
    let Some(s) = usable_schedule(input) else { return grey(words, "缺少进度数据", "No progress figures") };
    // Like `Schedule::lagging`: a finished project is never behind.
    let light = if s.completion >= 1.0 { Light::Green } else { beyond(s.behind_points, thresholds) };
    let texts = say(words, || {
        let points = number(s.behind_points.abs());
        if points == "0" {
            ("与序时进度持平".to_string(), "On schedule".to_string())
        } else if s.behind_points > 0.0 {
            (format!("低于序时进度 {points} 个百分点"), format!("{points} points below schedule"))
        } else {
            (format!("超前序时进度 {points} 个百分点"), format!("{points} points ahead of schedule"))
        }
    });
    (light, texts)
}

fn schedule_ratio(thresholds: (f64, f64), input: &LightInput, words: bool) -> Finding {
    let Some(s) = usable_schedule(input) else { return grey(words, "缺少进度数据", "No progress figures") };
    // Before the project's period nothing is expected and a share of nothing is undefined.
    if s.expected <= 0.0 {
        return grey(words, "尚未到项目建设期,无序时进度", "The project's period has not begun: nothing expected yet");
    }
    let ratio = round1(s.completion / s.expected * 100.0);
    let light = if s.completion >= 1.0 { Light::Green } else { below(ratio, thresholds) };
    let texts = say(words, || {
        let shown = number(ratio);
        (format!("完成率为序时进度的 {shown}%"), format!("Completion is {shown}% of schedule"))
    });
    (light, texts)
}

/// Not under construction yet: the statuses the start delay counts.
fn not_started(status: Status) -> bool {
    matches!(status, Status::NotStarted | Status::Preparing)
}

fn start_delay(thresholds: (f64, f64), input: &LightInput, words: bool) -> Finding {
    if !not_started(input.status) {
        return (Light::Green, say(words, || ("已开工".into(), "Started".into())));
    }
    let Some(planned) = input.planned_start else {
        return grey(words, "缺少计划开工月份", "No planned start month");
    };
    let late = months_between(planned, input.review);
    if late <= 0 {
        let texts =
            say(words, || (format!("计划 {planned} 开工,未逾期"), format!("Due to start in {planned}, not late")));
        return (Light::Green, texts);
    }
    (
        at_least(late, thresholds),
        say(words, || (format!("开工滞后 {late} 个月"), format!("Start {} late", months_en(late)))),
    )
}

fn investment(thresholds: (f64, f64), input: &LightInput, words: bool) -> Finding {
    let Some(plan) = input.invest_year_plan.filter(|p| p.is_finite() && *p > 0.0) else {
        return grey(words, "缺少本年计划投资", "No planned investment for the year");
    };
    let Some(done) = input.invest_year_done.filter(|d| d.is_finite() && *d >= 0.0) else {
        return grey(words, "缺少本年完成投资", "No investment figure for the year");
    };
    // The month is 1–12, so the share of the plan due by now is positive.
    let due = plan * f64::from(input.review.month) / 12.0;
    let short = round1((1.0 - done / due) * 100.0);
    if short <= 0.0 {
        return (
            beyond(short, thresholds),
            say(words, || ("投资达到序时进度".into(), "Investment on or above schedule".into())),
        );
    }
    let texts = say(words, || {
        let shown = number(short);
        (format!("投资低于序时进度 {shown}%"), format!("Investment {shown}% below schedule"))
    });
    (beyond(short, thresholds), texts)
}

fn registration_delay(thresholds: (f64, f64), input: &LightInput, words: bool) -> Finding {
    if not_started(input.status) {
        return grey(words, "尚未开工,不评价入库", "Not started: 入库 not rated");
    }
    let Some(registered) = input.registered else {
        return grey(words, "缺少入库信息", "入库 (registration) unknown");
    };
    if registered && input.registered_in.is_none_or(|m| m <= input.review) {
        return (Light::Green, say(words, || ("已入库".into(), "Registered (入库)".into())));
    }
    let Some(start) = input.started.or(input.planned_start) else {
        return grey(words, "缺少开工月份", "No start month");
    };
    let months = months_between(start, input.review).max(0);
    if months == 0 {
        let texts = say(words, || ("本月开工,尚未入库".into(), "Started this month, not yet registered".into()));
        return (at_least(0, thresholds), texts);
    }
    let texts = say(words, || {
        (format!("开工 {months} 个月未入库"), format!("Not registered {} after the start", months_en(months)))
    });
    (at_least(months, thresholds), texts)
}

fn overdue_problems(thresholds: (f64, f64), input: &LightInput, words: bool) -> Finding {
    let Some(dues) = &input.open_problems_due else { return grey(words, "缺少问题记录", "No problem list") };
    // A problem due in a month is overdue once that month is over.
    let overdue = dues.iter().map(|due| months_between(*due, input.review)).filter(|m| *m >= 1);
    let (count, worst) = overdue.fold((0usize, 0i64), |(n, worst), m| (n + 1, worst.max(m)));
    if count == 0 {
        return (Light::Green, say(words, || ("无逾期问题".into(), "No overdue problems".into())));
    }
    let texts = say(words, || {
        let problems_en = if count == 1 { "1 problem".to_string() } else { format!("{count} problems") };
        (
            format!("{count} 个问题逾期未解决,最长逾期 {worst} 个月"),
            format!("{problems_en} past the deadline, the oldest by {}", months_en(worst)),
        )
    });
    (at_least(worst, thresholds), texts)
}

/// Red when the project is yellow this month and was yellow or red in the months before, for
/// `rule.red` months in all. Red months count so a light escalated last month stays red.
fn escalation(rule: &MeasureRule, base: Light, previous: &[Light], words: bool) -> Option<Reason> {
    if base != Light::Yellow {
        return None;
    }
    let before = previous.iter().take_while(|l| matches!(l, Light::Yellow | Light::Red)).count();
    let run = i64::try_from(before).unwrap_or(i64::MAX).saturating_add(1);
    if !rule.red.is_finite() || (run as f64) < rule.red {
        return None;
    }
    let all_yellow = previous.iter().take(before).all(|l| *l == Light::Yellow);
    let (zh, en) = say(words, || {
        if all_yellow {
            (format!("连续 {run} 个月黄灯"), format!("Yellow {} in a row", months_en(run)))
        } else {
            (format!("连续 {run} 个月黄灯或红灯"), format!("Yellow or red {} in a row", months_en(run)))
        }
    });
    Some(Reason { measure: Measure::Escalation, light: Light::Red, zh, en })
}

/// Months from `from` to `to` (negative when `to` is earlier), across years.
fn months_between(from: Period, to: Period) -> i64 {
    (i64::from(to.year) - i64::from(from.year)) * 12 + i64::from(to.month) - i64::from(from.month)
}

/// "1 month", "3 months".
fn months_en(n: i64) -> String {
    if n == 1 { "1 month".to_string() } else { format!("{n} months") }
}

/// A value rounded to one decimal, as texts show it.
fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// A figure with at most one decimal and no trailing zero: 42 → "42", 12.345 → "12.3".
fn number(value: f64) -> String {
    let rounded = round1(value);
    if rounded == 0.0 {
        return "0".to_string();
    }
    let text = format!("{rounded:.1}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::{Light, LightInput, LightRules, Measure, MeasureRule, PRESETS, Reason, judge, months_between, number};
    use crate::domain::{DEFAULT_LAG_THRESHOLD, Period, Project, Schedule, Status};

    fn p(year: i32, month: u8) -> Period {
        Period::new(year, month).expect("period")
    }

    /// A schedule `behind` points below an expectation of 60 %.
    fn behind(points: f64) -> Schedule {
        Schedule { expected: 0.6, completion: (0.6 - points / 100.0).clamp(0.0, 1.0), behind_points: points }
    }

    fn schedule(expected: f64, completion: f64) -> Schedule {
        Schedule { expected, completion, behind_points: (expected - completion) * 100.0 }
    }

    fn only(measure: Measure, yellow: f64, red: f64) -> LightRules {
        LightRules { name: "test".into(), rules: vec![MeasureRule { measure, on: true, yellow, red }] }
    }

    fn input(status: Status) -> LightInput {
        LightInput::new(p(2025, 6), status)
    }

    /// The light and both texts of a rule set with one measure.
    fn single(rules: &LightRules, input: &LightInput) -> (Light, String, String) {
        let verdict = judge(rules, input);
        assert_eq!(verdict.reasons.len(), 1, "{verdict:?}");
        let Reason { light, zh, en, .. } = verdict.reasons[0].clone();
        assert_eq!(verdict.light, light);
        (light, zh, en)
    }

    fn finding(light: Light, zh: &str, en: &str) -> (Light, String, String) {
        (light, zh.to_string(), en.to_string())
    }

    #[test]
    fn lights_order_codes_and_colours() {
        assert!(Light::Grey < Light::Green && Light::Green < Light::Yellow && Light::Yellow < Light::Red);
        assert_eq!([Light::Grey, Light::Green].into_iter().max(), Some(Light::Green));
        for light in Light::ALL {
            assert_eq!(Light::parse(light.code()), Some(light));
            assert_eq!(Light::parse(light.label_zh()), Some(light));
            assert_eq!(Light::parse(&light.label_en().to_uppercase()), Some(light));
            assert_eq!(serde_json::to_string(&light).expect("json"), format!("\"{}\"", light.code()));
        }
        assert_eq!(Light::parse("未评价"), Some(Light::Grey));
        assert_eq!(Light::parse("amber"), None);
        let colours: std::collections::HashSet<_> = Light::ALL.into_iter().map(Light::rgb).collect();
        assert_eq!(colours.len(), 4);
        for m in Measure::ALL {
            assert_eq!(Measure::parse(m.code()), Some(m));
            assert_eq!(serde_json::to_string(&m).expect("json"), format!("\"{}\"", m.code()));
        }
        assert_eq!(Measure::parse("gap"), None);
    }

    #[test]
    fn figures_and_months() {
        assert_eq!(number(42.0), "42");
        assert_eq!(number(12.345), "12.3");
        assert_eq!(number(-0.04), "0");
        assert_eq!(number(100.0), "100");
        assert_eq!(number(0.16), "0.2");
        assert_eq!(months_between(p(2024, 11), p(2025, 2)), 3);
        assert_eq!(months_between(p(2025, 2), p(2024, 11)), -3);
        assert_eq!(months_between(p(2025, 6), p(2025, 6)), 0);
    }

    #[test]
    fn schedule_gap_at_its_thresholds() {
        let rules = LightRules::default();
        let gap = |points: f64| {
            single(&rules, &LightInput { schedule: Some(behind(points)), ..input(Status::UnderConstruction) })
        };
        assert_eq!(gap(10.0), finding(Light::Green, "低于序时进度 10 个百分点", "10 points below schedule"));
        assert_eq!(gap(10.5), finding(Light::Yellow, "低于序时进度 10.5 个百分点", "10.5 points below schedule"));
        assert_eq!(gap(30.0), finding(Light::Yellow, "低于序时进度 30 个百分点", "30 points below schedule"));
        assert_eq!(gap(30.1), finding(Light::Red, "低于序时进度 30.1 个百分点", "30.1 points below schedule"));
        assert_eq!(gap(42.0), finding(Light::Red, "低于序时进度 42 个百分点", "42 points below schedule"));
        assert_eq!(gap(0.0), finding(Light::Green, "与序时进度持平", "On schedule"));
        assert_eq!(gap(-5.0), finding(Light::Green, "超前序时进度 5 个百分点", "5 points ahead of schedule"));
        // Finished work is never behind, whatever the figures say.
        let done = Schedule { expected: 1.0, completion: 1.0, behind_points: 50.0 };
        let (light, ..) = single(&rules, &LightInput { schedule: Some(done), ..input(Status::UnderConstruction) });
        assert_eq!(light, Light::Green);
        // Before the project's period nothing is expected: green, not grey.
        let early = Schedule { expected: 0.0, completion: 0.0, behind_points: 0.0 };
        let (light, ..) = single(&rules, &LightInput { schedule: Some(early), ..input(Status::NotStarted) });
        assert_eq!(light, Light::Green);
        assert_eq!(
            single(&rules, &input(Status::UnderConstruction)),
            finding(Light::Grey, "缺少进度数据", "No progress figures")
        );
        let broken = Schedule { expected: f64::NAN, completion: 0.5, behind_points: f64::NAN };
        let (light, ..) = single(&rules, &LightInput { schedule: Some(broken), ..input(Status::UnderConstruction) });
        assert_eq!(light, Light::Grey);
    }

    /// The default rule set keeps today's meaning of 滞后: lagging by the default threshold is
    /// yellow or red, anything else green, never grey.
    #[test]
    fn default_rules_match_todays_lagging_flag() {
        let rules = LightRules::default();
        let statuses = [Status::NotStarted, Status::Preparing, Status::UnderConstruction, Status::Suspended];
        let mut schedules = Vec::new();
        for month in 0..=48 {
            for percent in 0..=100 {
                schedules.push(schedule(f64::from(month) / 48.0, f64::from(percent) / 100.0));
            }
        }
        for points in [9.999_999, 10.0, 10.000_001, 29.999, 30.0, 30.001] {
            schedules.push(behind(points));
        }
        // And the schedules the app computes: a 2022–2025 project, every month, every half km.
        for year in 2021..=2026 {
            for month in 1..=12 {
                for half_km in 0..=40 {
                    for status in statuses {
                        let project = Project::sample(1, "管网", "钟山区", Some(f64::from(half_km) / 2.0), status);
                        schedules.push(Schedule::of(&project, p(year, month), 2021));
                    }
                }
            }
        }
        let mut counts = [0_usize; 4];
        for s in schedules {
            for status in statuses {
                let light = judge(&rules, &LightInput { schedule: Some(s), ..input(status) }).light;
                let lagging = s.lagging(DEFAULT_LAG_THRESHOLD);
                assert_eq!(matches!(light, Light::Yellow | Light::Red), lagging, "{s:?} {status:?}");
                assert!(lagging || light == Light::Green, "{s:?} {status:?}");
                counts[light as usize] += 1;
            }
        }
        // The grid reaches every colour but grey.
        assert_eq!(counts[Light::Grey as usize], 0);
        assert!(counts[1..].iter().all(|&n| n > 100), "{counts:?}");
    }

    /// The one difference from today's flag, on purpose: a project marked 已完工 whose quantity
    /// falls short is still "lagging" by the flag, but green by the lights.
    #[test]
    fn completed_is_green_whatever_else() {
        let project = Project::sample(1, "管网", "钟山区", Some(5.0), Status::Completed);
        let s = Schedule::of(&project, p(2024, 12), 2021);
        assert!(s.lagging(DEFAULT_LAG_THRESHOLD));
        let everything_wrong = LightInput {
            schedule: Some(s),
            planned_start: Some(p(2020, 1)),
            registered: Some(false),
            invest_year_done: Some(0.0),
            invest_year_plan: Some(1000.0),
            open_problems_due: Some(vec![p(2020, 1)]),
            previous: vec![Light::Red; 5],
            ..LightInput::new(p(2024, 12), Status::Completed)
        };
        let verdict = judge(&LightRules::full("全部"), &everything_wrong);
        assert_eq!(verdict.light, Light::Green);
        assert!(verdict.completed && verdict.reasons.is_empty());
        assert_eq!(verdict.summary(), ("已完工".to_string(), "Completed".to_string()));
        // With nothing known at all, too.
        assert_eq!(judge(&LightRules::default(), &input(Status::Completed)).light, Light::Green);
    }

    #[test]
    fn schedule_ratio_at_its_thresholds() {
        let rules = LightRules::preset("ratio-80-60").expect("preset");
        let ratio = |expected: f64, completion: f64| {
            single(
                &rules,
                &LightInput { schedule: Some(schedule(expected, completion)), ..input(Status::UnderConstruction) },
            )
        };
        assert_eq!(ratio(0.5, 0.4), finding(Light::Green, "完成率为序时进度的 80%", "Completion is 80% of schedule"));
        assert_eq!(
            ratio(0.5, 0.399),
            finding(Light::Yellow, "完成率为序时进度的 79.8%", "Completion is 79.8% of schedule")
        );
        assert_eq!(ratio(0.5, 0.3), finding(Light::Yellow, "完成率为序时进度的 60%", "Completion is 60% of schedule"));
        assert_eq!(
            ratio(0.5, 0.2995),
            finding(Light::Red, "完成率为序时进度的 59.9%", "Completion is 59.9% of schedule")
        );
        assert_eq!(ratio(0.5, 0.275), finding(Light::Red, "完成率为序时进度的 55%", "Completion is 55% of schedule"));
        assert_eq!(ratio(0.5, 0.9).0, Light::Green);
        // Compared as printed: 79.998 % reads "80%" and is green.
        assert_eq!(
            ratio(0.5, 0.39999),
            finding(Light::Green, "完成率为序时进度的 80%", "Completion is 80% of schedule")
        );
        // Nothing expected yet: a share of nothing is not rated.
        assert_eq!(
            ratio(0.0, 0.0),
            finding(
                Light::Grey,
                "尚未到项目建设期,无序时进度",
                "The project's period has not begun: nothing expected yet"
            )
        );
        assert_eq!(single(&rules, &input(Status::UnderConstruction)).0, Light::Grey);
    }

    #[test]
    fn start_delay_counts_months_across_years() {
        let rules = only(Measure::StartDelay, 1.0, 3.0);
        let at = |review: Period, status: Status| {
            single(&rules, &LightInput { planned_start: Some(p(2024, 11)), ..LightInput::new(review, status) })
        };
        assert_eq!(
            at(p(2024, 11), Status::NotStarted),
            finding(Light::Green, "计划 2024-11 开工,未逾期", "Due to start in 2024-11, not late")
        );
        assert_eq!(at(p(2024, 6), Status::NotStarted).0, Light::Green);
        assert_eq!(
            at(p(2024, 12), Status::NotStarted),
            finding(Light::Yellow, "开工滞后 1 个月", "Start 1 month late")
        );
        assert_eq!(at(p(2025, 1), Status::Preparing), finding(Light::Yellow, "开工滞后 2 个月", "Start 2 months late"));
        assert_eq!(at(p(2025, 2), Status::NotStarted), finding(Light::Red, "开工滞后 3 个月", "Start 3 months late"));
        assert_eq!(at(p(2026, 2), Status::Preparing), finding(Light::Red, "开工滞后 15 个月", "Start 15 months late"));
        for started in [Status::UnderConstruction, Status::Suspended] {
            assert_eq!(at(p(2026, 2), started), finding(Light::Green, "已开工", "Started"));
        }
        assert_eq!(
            single(&rules, &input(Status::NotStarted)),
            finding(Light::Grey, "缺少计划开工月份", "No planned start month")
        );
        // Started projects need no planned month to be rated.
        assert_eq!(single(&rules, &input(Status::UnderConstruction)).0, Light::Green);
    }

    #[test]
    fn investment_against_the_years_plan_to_date() {
        let rules = LightRules::preset("invest-50").expect("preset");
        // June: half the year's plan of 1200 is due, 600.
        let invest = |done: Option<f64>, plan: Option<f64>| {
            single(
                &rules,
                &LightInput { invest_year_done: done, invest_year_plan: plan, ..input(Status::UnderConstruction) },
            )
        };
        let on_plan = finding(Light::Green, "投资达到序时进度", "Investment on or above schedule");
        assert_eq!(invest(Some(600.0), Some(1200.0)), on_plan);
        assert_eq!(invest(Some(900.0), Some(1200.0)), on_plan);
        assert_eq!(
            invest(Some(599.0), Some(1200.0)),
            finding(Light::Yellow, "投资低于序时进度 0.2%", "Investment 0.2% below schedule")
        );
        assert_eq!(
            invest(Some(348.0), Some(1200.0)),
            finding(Light::Yellow, "投资低于序时进度 42%", "Investment 42% below schedule")
        );
        assert_eq!(
            invest(Some(300.0), Some(1200.0)),
            finding(Light::Yellow, "投资低于序时进度 50%", "Investment 50% below schedule")
        );
        assert_eq!(
            invest(Some(299.0), Some(1200.0)),
            finding(Light::Red, "投资低于序时进度 50.2%", "Investment 50.2% below schedule")
        );
        assert_eq!(
            invest(Some(0.0), Some(1200.0)),
            finding(Light::Red, "投资低于序时进度 100%", "Investment 100% below schedule")
        );
        let no_plan = finding(Light::Grey, "缺少本年计划投资", "No planned investment for the year");
        assert_eq!(invest(Some(100.0), Some(0.0)), no_plan);
        assert_eq!(invest(Some(100.0), None), no_plan);
        assert_eq!(invest(Some(100.0), Some(f64::NAN)), no_plan);
        let no_done = finding(Light::Grey, "缺少本年完成投资", "No investment figure for the year");
        assert_eq!(invest(None, Some(1200.0)), no_done);
        assert_eq!(invest(Some(f64::INFINITY), Some(1200.0)), no_done);
        // January: a twelfth is due.
        let january = LightInput {
            invest_year_done: Some(100.0),
            invest_year_plan: Some(1200.0),
            ..LightInput::new(p(2025, 1), Status::UnderConstruction)
        };
        assert_eq!(single(&rules, &january), on_plan);
    }

    #[test]
    fn registration_delay_from_the_start() {
        let rules = only(Measure::RegistrationDelay, 1.0, 2.0);
        let reg = |review: Period, registered: Option<bool>| {
            let started = LightInput {
                started: Some(p(2024, 12)),
                registered,
                ..LightInput::new(review, Status::UnderConstruction)
            };
            single(&rules, &started)
        };
        assert_eq!(reg(p(2025, 6), Some(true)), finding(Light::Green, "已入库", "Registered (入库)"));
        assert_eq!(
            reg(p(2024, 12), Some(false)),
            finding(Light::Green, "本月开工,尚未入库", "Started this month, not yet registered")
        );
        assert_eq!(
            reg(p(2025, 1), Some(false)),
            finding(Light::Yellow, "开工 1 个月未入库", "Not registered 1 month after the start")
        );
        assert_eq!(
            reg(p(2025, 2), Some(false)),
            finding(Light::Red, "开工 2 个月未入库", "Not registered 2 months after the start")
        );
        assert_eq!(reg(p(2025, 2), None), finding(Light::Grey, "缺少入库信息", "入库 (registration) unknown"));
        // Registered in March: not yet registered when February is reviewed again.
        let later = LightInput {
            started: Some(p(2024, 12)),
            registered: Some(true),
            registered_in: Some(p(2025, 3)),
            ..LightInput::new(p(2025, 2), Status::UnderConstruction)
        };
        assert_eq!(single(&rules, &later).0, Light::Red);
        assert_eq!(single(&rules, &LightInput { review: p(2025, 3), ..later }).0, Light::Green);
        // Without the actual start, from the planned one.
        let planned =
            LightInput { planned_start: Some(p(2025, 5)), registered: Some(false), ..input(Status::UnderConstruction) };
        assert_eq!(single(&rules, &planned).0, Light::Yellow);
        let unknown = LightInput { registered: Some(false), ..input(Status::UnderConstruction) };
        assert_eq!(single(&rules, &unknown), finding(Light::Grey, "缺少开工月份", "No start month"));
        let not_started = LightInput { registered: Some(false), ..planned };
        assert_eq!(
            single(&rules, &LightInput { status: Status::Preparing, ..not_started }),
            finding(Light::Grey, "尚未开工,不评价入库", "Not started: 入库 not rated")
        );
    }

    #[test]
    fn overdue_problems_light_at_least_yellow() {
        let rules = only(Measure::OverdueProblems, 1.0, 3.0);
        let due = |dues: Option<Vec<Period>>| {
            single(&rules, &LightInput { open_problems_due: dues, ..input(Status::UnderConstruction) })
        };
        assert_eq!(due(None), finding(Light::Grey, "缺少问题记录", "No problem list"));
        let none = finding(Light::Green, "无逾期问题", "No overdue problems");
        assert_eq!(due(Some(vec![])), none);
        // Due this month or later: not overdue yet.
        assert_eq!(due(Some(vec![p(2025, 6), p(2025, 9)])), none);
        assert_eq!(
            due(Some(vec![p(2025, 5)])),
            finding(
                Light::Yellow,
                "1 个问题逾期未解决,最长逾期 1 个月",
                "1 problem past the deadline, the oldest by 1 month"
            )
        );
        assert_eq!(
            due(Some(vec![p(2025, 5), p(2025, 3), p(2025, 7)])),
            finding(
                Light::Red,
                "2 个问题逾期未解决,最长逾期 3 个月",
                "2 problems past the deadline, the oldest by 3 months"
            )
        );
        // Configured red: any overdue problem is red.
        let strict = only(Measure::OverdueProblems, 1.0, 1.0);
        let one = LightInput { open_problems_due: Some(vec![p(2025, 5)]), ..input(Status::UnderConstruction) };
        assert_eq!(single(&strict, &one).0, Light::Red);
    }

    fn escalating(months: f64) -> LightRules {
        let mut rules = LightRules::default();
        rules.rules.push(MeasureRule { measure: Measure::Escalation, on: true, yellow: months, red: months });
        rules
    }

    #[test]
    fn yellow_for_months_turns_red() {
        let yellow_now = |previous: Vec<Light>| LightInput {
            schedule: Some(behind(20.0)),
            previous,
            ..input(Status::UnderConstruction)
        };
        let two = escalating(2.0);
        let verdict = judge(&two, &yellow_now(vec![]));
        assert_eq!(verdict.light, Light::Yellow);
        assert_eq!(verdict.reasons.len(), 1);
        let verdict = judge(&two, &yellow_now(vec![Light::Yellow, Light::Green]));
        assert_eq!(verdict.light, Light::Red);
        let measures: Vec<_> = verdict.reasons.iter().map(|r| (r.measure, r.light)).collect();
        assert_eq!(measures, [(Measure::Escalation, Light::Red), (Measure::ScheduleGap, Light::Yellow)]);
        assert_eq!(verdict.summary(), ("连续 2 个月黄灯".to_string(), "Yellow 2 months in a row".to_string()));
        // Last month's escalated red keeps counting, so the light does not flicker back.
        let three = escalating(3.0);
        let verdict = judge(&three, &yellow_now(vec![Light::Red, Light::Yellow]));
        assert_eq!(
            verdict.summary(),
            ("连续 3 个月黄灯或红灯".to_string(), "Yellow or red 3 months in a row".to_string())
        );
        // A green or unrated month breaks the run.
        assert_eq!(judge(&three, &yellow_now(vec![Light::Yellow, Light::Green, Light::Yellow])).light, Light::Yellow);
        assert_eq!(judge(&three, &yellow_now(vec![Light::Grey, Light::Yellow, Light::Yellow])).light, Light::Yellow);
        // Only yellow escalates: green stays green, red needs no reason more.
        let green = LightInput { schedule: Some(behind(5.0)), ..yellow_now(vec![Light::Yellow; 5]) };
        assert_eq!(judge(&two, &green).light, Light::Green);
        let red = LightInput { schedule: Some(behind(40.0)), ..yellow_now(vec![Light::Yellow; 5]) };
        assert_eq!(judge(&two, &red).reasons.len(), 1);
        let mut off = escalating(2.0);
        off.rules[1].on = false;
        assert_eq!(judge(&off, &yellow_now(vec![Light::Yellow])).light, Light::Yellow);
    }

    #[test]
    fn the_worst_measure_lights_the_project() {
        let rules = LightRules::full("全部");
        let input = LightInput {
            schedule: Some(behind(20.0)),
            planned_start: Some(p(2025, 3)),
            open_problems_due: Some(vec![]),
            ..input(Status::NotStarted)
        };
        let verdict = judge(&rules, &input);
        assert_eq!(verdict.light, Light::Red);
        let order: Vec<_> = verdict.reasons.iter().map(|r| (r.measure, r.light)).collect();
        assert_eq!(
            order,
            [
                (Measure::StartDelay, Light::Red),
                (Measure::ScheduleGap, Light::Yellow),
                (Measure::ScheduleRatio, Light::Yellow),
                (Measure::OverdueProblems, Light::Green),
                (Measure::Investment, Light::Grey),
                (Measure::RegistrationDelay, Light::Grey),
            ]
        );
        assert_eq!(verdict.lit_by().count(), 1);
        assert_eq!(verdict.summary(), ("开工滞后 3 个月".to_string(), "Start 3 months late".to_string()));
        assert_eq!(verdict.reasons[2].zh, "完成率为序时进度的 66.7%");
    }

    #[test]
    fn grey_only_when_nothing_is_rated() {
        let verdict = judge(&LightRules::full("全部"), &input(Status::NotStarted));
        assert_eq!(verdict.light, Light::Grey);
        assert_eq!(verdict.reasons.len(), 6);
        assert!(verdict.reasons.iter().all(|r| r.light == Light::Grey));
        assert!(
            verdict.summary().0.starts_with("缺少进度数据;缺少进度数据;缺少计划开工月份;"),
            "{:?}",
            verdict.summary()
        );
        // One rated measure is enough; the missing one stays listed as grey.
        let mut two = LightRules::default();
        two.rules.push(MeasureRule::standard(Measure::Investment));
        let verdict = judge(&two, &LightInput { schedule: Some(behind(5.0)), ..input(Status::UnderConstruction) });
        assert_eq!(verdict.light, Light::Green);
        assert_eq!(verdict.reasons[1].light, Light::Grey);
        let mut off = LightRules::default();
        off.rules[0].on = false;
        let verdict = judge(&off, &LightInput { schedule: Some(behind(50.0)), ..input(Status::UnderConstruction) });
        assert_eq!(verdict.light, Light::Grey);
        assert_eq!(verdict.summary(), ("未启用任何指标".to_string(), "No measure is switched on".to_string()));
        // Thresholds that are not numbers rate nothing rather than everything green.
        let broken = only(Measure::ScheduleGap, f64::NAN, 30.0);
        let lagging = LightInput { schedule: Some(behind(50.0)), ..input(Status::UnderConstruction) };
        assert_eq!(
            single(&broken, &lagging),
            finding(Light::Grey, "规则阈值无效", "The rule's thresholds are not numbers")
        );
    }

    #[test]
    fn equal_thresholds_have_no_yellow_band() {
        let gap = only(Measure::ScheduleGap, 20.0, 20.0);
        assert!(gap.check().is_empty());
        let at = |points: f64| {
            single(&gap, &LightInput { schedule: Some(behind(points)), ..input(Status::UnderConstruction) }).0
        };
        assert_eq!((at(20.0), at(20.5)), (Light::Green, Light::Red));
        let ratio = only(Measure::ScheduleRatio, 70.0, 70.0);
        assert!(ratio.check().is_empty());
        let share = |c: f64| {
            single(&ratio, &LightInput { schedule: Some(schedule(0.5, c)), ..input(Status::UnderConstruction) }).0
        };
        assert_eq!((share(0.35), share(0.345)), (Light::Green, Light::Red));
        let start = only(Measure::StartDelay, 2.0, 2.0);
        let late = |months: u8| {
            let i = LightInput { planned_start: Some(p(2025, 6 - months)), ..input(Status::NotStarted) };
            single(&start, &i).0
        };
        assert_eq!((late(1), late(2)), (Light::Green, Light::Red));
    }

    #[test]
    fn presets_and_the_default() {
        assert_eq!(LightRules::preset("gap-10-30"), Some(LightRules::default()));
        for (code, measure, yellow, red) in [
            ("gap-10-30", Measure::ScheduleGap, 10.0, 30.0),
            ("ratio-80-60", Measure::ScheduleRatio, 80.0, 60.0),
            ("invest-50", Measure::Investment, 0.0, 50.0),
        ] {
            let rules = LightRules::preset(code).expect("preset");
            assert_eq!(rules.name, code);
            assert_eq!(rules.rules, [MeasureRule { measure, on: true, yellow, red }]);
            assert!(rules.check().is_empty(), "{code}: {:?}", rules.check());
        }
        assert_eq!(PRESETS.iter().filter_map(|c| LightRules::preset(c)).count(), 3);
        assert_eq!(LightRules::preset("gap-5-20"), None);
        let full = LightRules::full("我的规则");
        assert_eq!(full.rules.len(), Measure::ALL.len());
        assert!(full.check().is_empty(), "{:?}", full.check());
    }

    #[test]
    fn rules_round_trip_as_json() {
        let json = serde_json::to_string(&LightRules::default()).expect("json");
        assert_eq!(
            json,
            r#"{"name":"gap-10-30","rules":[{"measure":"schedule_gap","on":true,"yellow":10.0,"red":30.0}]}"#
        );
        let full = LightRules::full("我的规则");
        let back: LightRules = serde_json::from_str(&serde_json::to_string(&full).expect("json")).expect("parse");
        assert_eq!(back, full);
        let empty: LightRules = serde_json::from_str("{}").expect("parse");
        assert_eq!(empty, LightRules::default());
        let mine: LightRules =
            serde_json::from_str(r#"{"name":"mine","rules":[{"measure":"start_delay","yellow":1,"red":3}]}"#)
                .expect("parse");
        assert_eq!(mine.rules, [MeasureRule::standard(Measure::StartDelay)]);
        assert!(serde_json::from_str::<LightRules>(r#"{"rules":[{"measure":"speed","yellow":1,"red":3}]}"#).is_err());
    }

    fn pairs<const N: usize>(list: [(&str, &str); N]) -> Vec<(String, String)> {
        list.into_iter().map(|(zh, en)| (zh.to_string(), en.to_string())).collect()
    }

    #[test]
    fn validation_says_what_is_wrong() {
        let nothing = LightRules { name: " ".into(), rules: vec![] };
        assert_eq!(
            nothing.check(),
            pairs([
                ("规则名称不能为空", "Give the rule set a name"),
                ("至少启用一项指标(连续黄灯升级之外)", "Switch on at least one measure besides escalation")
            ])
        );
        assert_eq!(
            only(Measure::ScheduleGap, 30.0, 10.0).check(),
            pairs([(
                "序时进度差距:黄灯阈值 30 不应高于红灯阈值 10",
                "Schedule gap: the yellow threshold 30 must not be above the red threshold 10"
            )])
        );
        assert_eq!(
            only(Measure::ScheduleRatio, 60.0, 80.0).check(),
            pairs([(
                "序时完成率:黄灯阈值 60 不应低于红灯阈值 80",
                "Schedule ratio: the yellow threshold 60 must not be below the red threshold 80"
            )])
        );
        assert_eq!(
            only(Measure::StartDelay, 1.5, 3.0).check(),
            pairs([("开工滞后:黄灯阈值应为整数", "Start delay: the yellow threshold must be a whole number")])
        );
        let range = (
            "序时进度差距:红灯阈值应在 0–100 个百分点之间",
            "Schedule gap: the red threshold must be from 0 to 100 points",
        );
        assert_eq!(only(Measure::ScheduleGap, 10.0, 150.0).check(), pairs([range]));
        assert_eq!(only(Measure::ScheduleGap, 10.0, f64::NAN).check(), pairs([range]));
        assert_eq!(
            only(Measure::Investment, -1.0, 50.0).check(),
            pairs([("投资完成:黄灯阈值应在 0–100 %之间", "Investment: the yellow threshold must be from 0 to 100 %")])
        );
        // Escalation has only a red threshold, in months.
        let mut fast = escalating(1.0);
        fast.rules[1].yellow = -5.0;
        assert_eq!(
            fast.check(),
            pairs([(
                "连续黄灯升级:红灯阈值应在 2–24 个月之间",
                "Escalation: the red threshold must be from 2 to 24 months"
            )])
        );
        let mut twice = LightRules::default();
        twice.rules.push(MeasureRule::standard(Measure::ScheduleGap));
        assert_eq!(twice.check(), pairs([("序时进度差距重复出现", "Schedule gap is listed twice")]));
        let mut lonely = escalating(3.0);
        lonely.rules[0].on = false;
        assert_eq!(lonely.check().len(), 1);
    }

    #[test]
    fn the_light_alone_is_the_light_of_the_full_verdict() {
        // light_of skips the words, never the judgement: compare over every measure and a grid
        // of inputs, with escalation on.
        let mut rules = LightRules::full("all");
        rules.rules.iter_mut().for_each(|r| r.on = true);
        for points in [-5.0, 0.0, 10.0, 10.5, 30.0, 31.0, 80.0] {
            for status in Status::ALL {
                for previous in [Vec::new(), vec![Light::Yellow, Light::Yellow], vec![Light::Red]] {
                    let mut input = LightInput::new(p(2026, 6), status);
                    input.schedule = Some(behind(points));
                    input.planned_start = Some(p(2026, 2));
                    input.invest_year_plan = Some(1200.0);
                    input.invest_year_done = Some(200.0);
                    input.open_problems_due = Some(vec![p(2026, 3)]);
                    input.previous = previous;
                    let full = judge(&rules, &input);
                    assert_eq!(super::light_of(&rules, &input), full.light, "{points} {status:?}");
                    assert!(full.reasons.iter().all(|r| !r.zh.is_empty() && !r.en.is_empty()));
                }
            }
        }
    }
}
