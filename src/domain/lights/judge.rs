//! Judging one project: the facts the rules need ([`LightInput`]), each measure's light and
//! what it found (a [`Finding`] with its figures, worded by `words::lights`), and the verdict
//! (the worst light, escalated after months of red).

use serde::{Deserialize, Serialize};

use super::super::{Period, Schedule, Status};
use super::{Light, LightRules, Measure, MeasureRule, round1};

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

/// What one measure said: its light and what it found, with the figures (worded by
/// `words::lights`: "低于序时进度 42 个百分点" / "42 points below schedule").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// The measure that spoke.
    pub measure: Measure,
    /// Its light alone.
    pub light: Light,
    /// What it found.
    pub finding: Finding,
}

/// What a measure found, with its figures.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Finding {
    /// The rule's thresholds are not numbers.
    BadThresholds,
    /// Escalation judged alone, before the other measures: it is judged after them.
    NotYetJudged,
    /// No usable 序时进度 figures.
    NoProgress,
    /// Percentage points behind 序时进度 (negative: ahead).
    Gap {
        behind_points: f64,
    },
    /// The project's period has not begun: nothing is expected yet.
    NothingExpected,
    /// Completion as a share of 序时进度, in percent (one decimal).
    Ratio {
        percent: f64,
    },
    /// Under way, so the start is not late.
    Started,
    NoPlannedStart,
    /// Due to start in `planned`, not late.
    StartDue {
        planned: Period,
    },
    StartLate {
        months: i64,
    },
    NoYearPlan,
    NoYearDone,
    /// Investment on or above its share of the year's plan.
    InvestOnSchedule,
    /// Investment below its share of the year's plan, in percent (one decimal).
    InvestShort {
        percent: f64,
    },
    /// Not started, so 入库 is not rated.
    RegistrationNotRated,
    NoRegistration,
    Registered,
    NoStartMonth,
    /// Started this month, not yet registered.
    StartedNotRegistered,
    NotRegistered {
        months: i64,
    },
    NoProblemList,
    NoOverdue,
    /// Open problems past their deadline: how many, and the oldest by how many months.
    Overdue {
        count: usize,
        worst: i64,
    },
    /// Yellow (or, with `red`, yellow or red) this many months in a row.
    Escalated {
        months: i64,
        red: bool,
    },
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
}

/// The light of one project at one review month under `rules`, with every measure's reason.
///
/// A completed project is green. Otherwise each enabled measure gives a light (grey when its
/// data is missing), the project takes the worst, and escalation then turns a yellow that has
/// lasted its number of months into red.
pub fn judge(rules: &LightRules, input: &LightInput) -> Verdict {
    if input.status == Status::Completed {
        return Verdict { light: Light::Green, reasons: Vec::new(), completed: true };
    }
    let mut reasons: Vec<Reason> = rules
        .rules
        .iter()
        .filter(|r| r.on && r.measure != Measure::Escalation)
        .map(|rule| measure_reason(rule, input))
        .collect();
    let base = reasons.iter().map(|r| r.light).max().unwrap_or(Light::Grey);
    for rule in rules.rules.iter().filter(|r| r.on && r.measure == Measure::Escalation) {
        reasons.extend(escalation(rule, base, &input.previous));
    }
    // Stable: equals keep the rule set's order.
    reasons.sort_by_key(|r| std::cmp::Reverse(r.light));
    let light = reasons.iter().map(|r| r.light).max().unwrap_or(Light::Grey);
    Verdict { light, reasons, completed: false }
}

/// The light alone, as [`judge`] gives it but without collecting and sorting the reasons: what
/// a portfolio of 100,000 projects is lit with on every change.
pub fn light_of(rules: &LightRules, input: &LightInput) -> Light {
    if input.status == Status::Completed {
        return Light::Green;
    }
    let on =
        |escalation: bool| rules.rules.iter().filter(move |r| r.on && (r.measure == Measure::Escalation) == escalation);
    let base = on(false).map(|rule| measure_reason(rule, input).light).max().unwrap_or(Light::Grey);
    if on(true).any(|rule| escalation(rule, base, &input.previous).is_some()) { Light::Red } else { base }
}

/// The reason of one measure other than escalation.
fn measure_reason(rule: &MeasureRule, input: &LightInput) -> Reason {
    let measure = rule.measure;
    let Some(thresholds) = rule.thresholds() else {
        return Reason { measure, light: Light::Grey, finding: Finding::BadThresholds };
    };
    let (light, finding) = match measure {
        Measure::ScheduleGap => schedule_gap(thresholds, input),
        Measure::ScheduleRatio => schedule_ratio(thresholds, input),
        Measure::StartDelay => start_delay(thresholds, input),
        Measure::Investment => investment(thresholds, input),
        Measure::RegistrationDelay => registration_delay(thresholds, input),
        Measure::OverdueProblems => overdue_problems(thresholds, input),
        // Judged after the others, in `escalation`.
        Measure::Escalation => (Light::Grey, Finding::NotYetJudged),
    };
    Reason { measure, light, finding }
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

fn schedule_gap(thresholds: (f64, f64), input: &LightInput) -> (Light, Finding) {
    let Some(s) = usable_schedule(input) else { return (Light::Grey, Finding::NoProgress) };
    // Like `Schedule::lagging`: a finished project is never behind.
    let light = if s.completion >= 1.0 { Light::Green } else { beyond(s.behind_points, thresholds) };
    (light, Finding::Gap { behind_points: s.behind_points })
}

fn schedule_ratio(thresholds: (f64, f64), input: &LightInput) -> (Light, Finding) {
    let Some(s) = usable_schedule(input) else { return (Light::Grey, Finding::NoProgress) };
    // Before the project's period nothing is expected and a share of nothing is undefined.
    if s.expected <= 0.0 {
        return (Light::Grey, Finding::NothingExpected);
    }
    let ratio = round1(s.completion / s.expected * 100.0);
    let light = if s.completion >= 1.0 { Light::Green } else { below(ratio, thresholds) };
    (light, Finding::Ratio { percent: ratio })
}

/// Not under construction yet: the statuses the start delay counts.
fn not_started(status: Status) -> bool {
    matches!(status, Status::NotStarted | Status::Preparing)
}

fn start_delay(thresholds: (f64, f64), input: &LightInput) -> (Light, Finding) {
    if !not_started(input.status) {
        return (Light::Green, Finding::Started);
    }
    let Some(planned) = input.planned_start else { return (Light::Grey, Finding::NoPlannedStart) };
    let late = months_between(planned, input.review);
    if late <= 0 {
        return (Light::Green, Finding::StartDue { planned });
    }
    (at_least(late, thresholds), Finding::StartLate { months: late })
}

fn investment(thresholds: (f64, f64), input: &LightInput) -> (Light, Finding) {
    let Some(plan) = input.invest_year_plan.filter(|p| p.is_finite() && *p > 0.0) else {
        return (Light::Grey, Finding::NoYearPlan);
    };
    let Some(done) = input.invest_year_done.filter(|d| d.is_finite() && *d >= 0.0) else {
        return (Light::Grey, Finding::NoYearDone);
    };
    // The month is 1–12, so the share of the plan due by now is positive.
    let due = plan * f64::from(input.review.month) / 12.0;
    let short = round1((1.0 - done / due) * 100.0);
    let finding = if short <= 0.0 { Finding::InvestOnSchedule } else { Finding::InvestShort { percent: short } };
    (beyond(short, thresholds), finding)
}

fn registration_delay(thresholds: (f64, f64), input: &LightInput) -> (Light, Finding) {
    if not_started(input.status) {
        return (Light::Grey, Finding::RegistrationNotRated);
    }
    let Some(registered) = input.registered else { return (Light::Grey, Finding::NoRegistration) };
    if registered && input.registered_in.is_none_or(|m| m <= input.review) {
        return (Light::Green, Finding::Registered);
    }
    let Some(start) = input.started.or(input.planned_start) else { return (Light::Grey, Finding::NoStartMonth) };
    let months = months_between(start, input.review).max(0);
    let finding = if months == 0 { Finding::StartedNotRegistered } else { Finding::NotRegistered { months } };
    (at_least(months, thresholds), finding)
}

fn overdue_problems(thresholds: (f64, f64), input: &LightInput) -> (Light, Finding) {
    let Some(dues) = &input.open_problems_due else { return (Light::Grey, Finding::NoProblemList) };
    // A problem due in a month is overdue once that month is over.
    let overdue = dues.iter().map(|due| months_between(*due, input.review)).filter(|m| *m >= 1);
    let (count, worst) = overdue.fold((0usize, 0i64), |(n, worst), m| (n + 1, worst.max(m)));
    if count == 0 {
        return (Light::Green, Finding::NoOverdue);
    }
    (at_least(worst, thresholds), Finding::Overdue { count, worst })
}

/// Red when the project is yellow this month and was yellow or red in the months before, for
/// `rule.red` months in all. Red months count so a light escalated last month stays red.
fn escalation(rule: &MeasureRule, base: Light, previous: &[Light]) -> Option<Reason> {
    if base != Light::Yellow {
        return None;
    }
    let before = previous.iter().take_while(|l| matches!(l, Light::Yellow | Light::Red)).count();
    let run = i64::try_from(before).unwrap_or(i64::MAX).saturating_add(1);
    if !rule.red.is_finite() || (run as f64) < rule.red {
        return None;
    }
    let red = !previous.iter().take(before).all(|l| *l == Light::Yellow);
    Some(Reason { measure: Measure::Escalation, light: Light::Red, finding: Finding::Escalated { months: run, red } })
}

/// Months from `from` to `to` (negative when `to` is earlier), across years.
pub(super) fn months_between(from: Period, to: Period) -> i64 {
    (i64::from(to.year) - i64::from(from.year)) * 12 + i64::from(to.month) - i64::from(from.month)
}
