//! Why a light is lit, worded: what each measure found, with its figures, and a verdict's one
//! line, in Chinese and English. The exports and the 通报 take the Chinese line as they always
//! have; the window and the command line take the reader's.

use super::{Lang, Say};
use crate::domain::{Finding, RuleProblem, Verdict, light_figure};

super::by_halves!(Finding, RuleProblem);

impl Verdict {
    /// One line saying why, in `lang`: the reasons that lit the light, joined.
    pub fn summary(&self, lang: Lang) -> String {
        if self.completed {
            return lang.tr("已完工", "Completed").to_string();
        }
        let said: Vec<String> = self.lit_by().map(|r| r.finding.say(lang)).collect();
        if said.is_empty() {
            lang.tr("未启用任何指标", "No measure is switched on").to_string()
        } else {
            said.join(lang.tr(";", "; "))
        }
    }
}

/// "1 month", "3 months".
fn months_en(n: i64) -> String {
    if n == 1 { "1 month".to_string() } else { format!("{n} months") }
}

impl Finding {
    /// What the measure found, in Chinese, with its figure.
    pub fn zh(&self) -> String {
        match *self {
            Self::BadThresholds => "规则阈值无效".into(),
            Self::NotYetJudged => "未评价".into(),
            Self::NoProgress => "缺少进度数据".into(),
            Self::Gap { behind_points } => {
                let points = light_figure(behind_points.abs());
                if points == "0" {
                    "与序时进度持平".into()
                } else if behind_points > 0.0 {
                    format!("低于序时进度 {points} 个百分点")
                } else {
                    format!("超前序时进度 {points} 个百分点")
                }
            }
            Self::NothingExpected => "尚未到项目建设期,无序时进度".into(),
            Self::Ratio { percent } => format!("完成率为序时进度的 {}%", light_figure(percent)),
            Self::Started => "已开工".into(),
            Self::NoPlannedStart => "缺少计划开工月份".into(),
            Self::StartDue { planned } => format!("计划 {planned} 开工,未逾期"),
            Self::StartLate { months } => format!("开工滞后 {months} 个月"),
            Self::NoYearPlan => "缺少本年计划投资".into(),
            Self::NoYearDone => "缺少本年完成投资".into(),
            Self::InvestOnSchedule => "投资达到序时进度".into(),
            Self::InvestShort { percent } => format!("投资低于序时进度 {}%", light_figure(percent)),
            Self::RegistrationNotRated => "尚未开工,不评价入库".into(),
            Self::NoRegistration => "缺少入库信息".into(),
            Self::Registered => "已入库".into(),
            Self::NoStartMonth => "缺少开工月份".into(),
            Self::StartedNotRegistered => "本月开工,尚未入库".into(),
            Self::NotRegistered { months } => format!("开工 {months} 个月未入库"),
            Self::NoProblemList => "缺少问题记录".into(),
            Self::NoOverdue => "无逾期问题".into(),
            Self::Overdue { count, worst } => format!("{count} 个问题逾期未解决,最长逾期 {worst} 个月"),
            Self::Escalated { months, red: false } => format!("连续 {months} 个月黄灯"),
            Self::Escalated { months, red: true } => format!("连续 {months} 个月黄灯或红灯"),
        }
    }

    /// What the measure found, in English, with its figure.
    pub fn en(&self) -> String {
        match *self {
            Self::BadThresholds => "The rule's thresholds are not numbers".into(),
            Self::NotYetJudged => "Not rated".into(),
            Self::NoProgress => "No progress figures".into(),
            Self::Gap { behind_points } => {
                let points = light_figure(behind_points.abs());
                if points == "0" {
                    "On schedule".into()
                } else if behind_points > 0.0 {
                    format!("{points} points below schedule")
                } else {
                    format!("{points} points ahead of schedule")
                }
            }
            Self::NothingExpected => "The project's period has not begun: nothing expected yet".into(),
            Self::Ratio { percent } => format!("Completion is {}% of schedule", light_figure(percent)),
            Self::Started => "Started".into(),
            Self::NoPlannedStart => "No planned start month".into(),
            Self::StartDue { planned } => format!("Due to start in {planned}, not late"),
            Self::StartLate { months } => format!("Start {} late", months_en(months)),
            Self::NoYearPlan => "No planned investment for the year".into(),
            Self::NoYearDone => "No investment figure for the year".into(),
            Self::InvestOnSchedule => "Investment on or above schedule".into(),
            Self::InvestShort { percent } => format!("Investment {}% below schedule", light_figure(percent)),
            Self::RegistrationNotRated => "Not started: 入库 not rated".into(),
            Self::NoRegistration => "入库 (registration) unknown".into(),
            Self::Registered => "Registered (入库)".into(),
            Self::NoStartMonth => "No start month".into(),
            Self::StartedNotRegistered => "Started this month, not yet registered".into(),
            Self::NotRegistered { months } => format!("Not registered {} after the start", months_en(months)),
            Self::NoProblemList => "No problem list".into(),
            Self::NoOverdue => "No overdue problems".into(),
            Self::Overdue { count, worst } => {
                let problems = if count == 1 { "1 problem".to_string() } else { format!("{count} problems") };
                format!("{problems} past the deadline, the oldest by {}", months_en(worst))
            }
            Self::Escalated { months, red: false } => format!("Yellow {} in a row", months_en(months)),
            Self::Escalated { months, red: true } => format!("Yellow or red {} in a row", months_en(months)),
        }
    }
}

impl RuleProblem {
    /// What is wrong with the rules, in Chinese.
    pub fn zh(&self) -> String {
        let threshold = |yellow: bool| if yellow { "黄灯阈值" } else { "红灯阈值" };
        match *self {
            Self::NoName => "规则名称不能为空".into(),
            Self::NothingOn => "至少启用一项指标(连续黄灯升级之外)".into(),
            Self::Twice(m) => format!("{}重复出现", m.label_zh()),
            Self::OutOfRange { measure: m, yellow, lo, hi } => format!(
                "{}:{}应在 {}–{} {}之间",
                m.label_zh(),
                threshold(yellow),
                light_figure(lo),
                light_figure(hi),
                m.unit_zh()
            ),
            Self::NotWhole { measure: m, yellow } => format!("{}:{}应为整数", m.label_zh(), threshold(yellow)),
            Self::Order { measure: m, yellow, red, lower_is_worse } => format!(
                "{}:黄灯阈值 {} 不应{}于红灯阈值 {}",
                m.label_zh(),
                light_figure(yellow),
                if lower_is_worse { "低" } else { "高" },
                light_figure(red)
            ),
        }
    }

    /// What is wrong with the rules, in English.
    pub fn en(&self) -> String {
        let threshold = |yellow: bool| if yellow { "yellow threshold" } else { "red threshold" };
        match *self {
            Self::NoName => "Give the rule set a name".into(),
            Self::NothingOn => "Switch on at least one measure besides escalation".into(),
            Self::Twice(m) => format!("{} is listed twice", m.label_en()),
            Self::OutOfRange { measure: m, yellow, lo, hi } => format!(
                "{}: the {} must be from {} to {} {}",
                m.label_en(),
                threshold(yellow),
                light_figure(lo),
                light_figure(hi),
                m.unit_en()
            ),
            Self::NotWhole { measure: m, yellow } => {
                format!("{}: the {} must be a whole number", m.label_en(), threshold(yellow))
            }
            Self::Order { measure: m, yellow, red, lower_is_worse } => format!(
                "{}: the yellow threshold {} must not be {} the red threshold {}",
                m.label_en(),
                light_figure(yellow),
                if lower_is_worse { "below" } else { "above" },
                light_figure(red)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Finding;
    use crate::domain::Period;

    /// One of each kind: the match makes a new kind fail to compile here until it has a sample.
    fn samples() -> Vec<Finding> {
        let all = vec![
            Finding::BadThresholds,
            Finding::NotYetJudged,
            Finding::NoProgress,
            Finding::Gap { behind_points: 0.01 },
            Finding::Gap { behind_points: 42.0 },
            Finding::Gap { behind_points: -12.345 },
            Finding::NothingExpected,
            Finding::Ratio { percent: 66.7 },
            Finding::Started,
            Finding::NoPlannedStart,
            Finding::StartDue { planned: Period::new(2026, 3).expect("month") },
            Finding::StartLate { months: 3 },
            Finding::NoYearPlan,
            Finding::NoYearDone,
            Finding::InvestOnSchedule,
            Finding::InvestShort { percent: 25.0 },
            Finding::RegistrationNotRated,
            Finding::NoRegistration,
            Finding::Registered,
            Finding::NoStartMonth,
            Finding::StartedNotRegistered,
            Finding::NotRegistered { months: 2 },
            Finding::NoProblemList,
            Finding::NoOverdue,
            Finding::Overdue { count: 1, worst: 3 },
            Finding::Escalated { months: 2, red: false },
            Finding::Escalated { months: 3, red: true },
        ];
        for finding in &all {
            match finding {
                Finding::BadThresholds
                | Finding::NotYetJudged
                | Finding::NoProgress
                | Finding::Gap { .. }
                | Finding::NothingExpected
                | Finding::Ratio { .. }
                | Finding::Started
                | Finding::NoPlannedStart
                | Finding::StartDue { .. }
                | Finding::StartLate { .. }
                | Finding::NoYearPlan
                | Finding::NoYearDone
                | Finding::InvestOnSchedule
                | Finding::InvestShort { .. }
                | Finding::RegistrationNotRated
                | Finding::NoRegistration
                | Finding::Registered
                | Finding::NoStartMonth
                | Finding::StartedNotRegistered
                | Finding::NotRegistered { .. }
                | Finding::NoProblemList
                | Finding::NoOverdue
                | Finding::Overdue { .. }
                | Finding::Escalated { .. } => {}
            }
        }
        all
    }

    #[test]
    fn every_finding_is_worded_in_chinese_and_in_english() {
        let chinese = crate::words::said_in_both(&samples());
        assert_eq!(chinese.len(), samples().len(), "each finding says something of its own");
        let gap = |points| Finding::Gap { behind_points: points };
        assert_eq!((gap(0.01).zh(), gap(0.01).en()), ("与序时进度持平".to_string(), "On schedule".to_string()));
        assert_eq!(gap(-12.345).zh(), "超前序时进度 12.3 个百分点");
        assert_eq!(Finding::Overdue { count: 2, worst: 1 }.en(), "2 problems past the deadline, the oldest by 1 month");
    }

    /// The rule problems' words, as the settings window and `rules --preset` show them.
    #[test]
    fn a_rule_problem_is_said_with_its_measure_and_figures() {
        use crate::domain::{LightRules, Measure, MeasureRule, RuleProblem};
        use crate::words::{Lang, Say};
        let said = |problems: Vec<RuleProblem>| -> Vec<(String, String)> {
            problems.iter().map(|p| (p.say(Lang::Zh), p.say(Lang::En))).collect()
        };
        let pair = |zh: &str, en: &str| vec![(zh.to_string(), en.to_string())];
        let only = |measure, yellow, red| LightRules {
            name: "t".into(),
            rules: vec![MeasureRule { measure, on: true, yellow, red }],
        };
        assert_eq!(
            said(LightRules { name: " ".into(), rules: vec![] }.check()),
            [
                ("规则名称不能为空".to_string(), "Give the rule set a name".to_string()),
                (
                    "至少启用一项指标(连续黄灯升级之外)".to_string(),
                    "Switch on at least one measure besides escalation".to_string()
                )
            ]
        );
        assert_eq!(
            said(only(Measure::ScheduleGap, 30.0, 10.0).check()),
            pair(
                "序时进度差距:黄灯阈值 30 不应高于红灯阈值 10",
                "Schedule gap: the yellow threshold 30 must not be above the red threshold 10"
            )
        );
        assert_eq!(
            said(only(Measure::ScheduleRatio, 60.0, 80.0).check()),
            pair(
                "序时完成率:黄灯阈值 60 不应低于红灯阈值 80",
                "Schedule ratio: the yellow threshold 60 must not be below the red threshold 80"
            )
        );
        assert_eq!(
            said(only(Measure::StartDelay, 1.5, 3.0).check()),
            pair("开工滞后:黄灯阈值应为整数", "Start delay: the yellow threshold must be a whole number")
        );
        assert_eq!(
            said(only(Measure::ScheduleGap, 10.0, 150.0).check()),
            pair(
                "序时进度差距:红灯阈值应在 0–100 个百分点之间",
                "Schedule gap: the red threshold must be from 0 to 100 points"
            )
        );
        assert_eq!(
            said(only(Measure::Investment, -1.0, 50.0).check()),
            pair("投资完成:黄灯阈值应在 0–100 %之间", "Investment: the yellow threshold must be from 0 to 100 %")
        );
        assert_eq!(
            said(vec![RuleProblem::OutOfRange { measure: Measure::Escalation, yellow: false, lo: 2.0, hi: 24.0 }]),
            pair(
                "连续黄灯升级:红灯阈值应在 2–24 个月之间",
                "Escalation: the red threshold must be from 2 to 24 months"
            )
        );
        assert_eq!(
            said(vec![RuleProblem::Twice(Measure::ScheduleGap)]),
            pair("序时进度差距重复出现", "Schedule gap is listed twice")
        );
    }
}
