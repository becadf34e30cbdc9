//! Why a light is lit, worded: what each measure found, with its figures, and a verdict's one
//! line, in Chinese and English. The exports and the 通报 take the Chinese line as they always
//! have; the window and the command line take the reader's.

use super::{Lang, Say};
use crate::domain::{Finding, Verdict, light_figure};

super::by_halves!(Finding);

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
}
