//! Judging one project: the facts the rules need ([`LightInput`]), each measure's light and
//! its reason in words, and the verdict (the worst light, escalated after months of red).

use serde::{Deserialize, Serialize};

use super::super::{Period, Schedule, Status};
use super::{Light, LightRules, Measure, MeasureRule, number, round1};

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
pub(super) fn months_between(from: Period, to: Period) -> i64 {
    (i64::from(to.year) - i64::from(from.year)) * 12 + i64::from(to.month) - i64::from(from.month)
}

/// "1 month", "3 months".
fn months_en(n: i64) -> String {
    if n == 1 { "1 month".to_string() } else { format!("{n} months") }
}
