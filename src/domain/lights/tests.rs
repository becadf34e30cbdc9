//! The light rules' unit tests: presets, thresholds at their boundaries, every measure.

use super::judge::months_between;
use super::{Light, LightInput, LightRules, Measure, MeasureRule, PRESETS, Reason, Verdict, judge, number};
use crate::domain::Lang;
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
    let Reason { light, finding: found, .. } = verdict.reasons[0].clone();
    assert_eq!(verdict.light, light);
    (light, found.zh(), found.en())
}

/// A verdict's line in both languages.
fn summary(verdict: &Verdict) -> (String, String) {
    (verdict.summary(Lang::Zh), verdict.summary(Lang::En))
}

fn finding(light: Light, chinese: &str, english: &str) -> (Light, String, String) {
    (light, chinese.to_string(), english.to_string())
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
    assert_eq!(summary(&verdict), ("已完工".to_string(), "Completed".to_string()));
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
    assert_eq!(ratio(0.5, 0.2995), finding(Light::Red, "完成率为序时进度的 59.9%", "Completion is 59.9% of schedule"));
    assert_eq!(ratio(0.5, 0.275), finding(Light::Red, "完成率为序时进度的 55%", "Completion is 55% of schedule"));
    assert_eq!(ratio(0.5, 0.9).0, Light::Green);
    // Compared as printed: 79.998 % reads "80%" and is green.
    assert_eq!(ratio(0.5, 0.39999), finding(Light::Green, "完成率为序时进度的 80%", "Completion is 80% of schedule"));
    // Nothing expected yet: a share of nothing is not rated.
    assert_eq!(
        ratio(0.0, 0.0),
        finding(Light::Grey, "尚未到项目建设期,无序时进度", "The project's period has not begun: nothing expected yet")
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
    assert_eq!(at(p(2024, 12), Status::NotStarted), finding(Light::Yellow, "开工滞后 1 个月", "Start 1 month late"));
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
        let started =
            LightInput { started: Some(p(2024, 12)), registered, ..LightInput::new(review, Status::UnderConstruction) };
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
    assert_eq!(summary(&verdict), ("连续 2 个月黄灯".to_string(), "Yellow 2 months in a row".to_string()));
    // Last month's escalated red keeps counting, so the light does not flicker back.
    let three = escalating(3.0);
    let verdict = judge(&three, &yellow_now(vec![Light::Red, Light::Yellow]));
    assert_eq!(summary(&verdict), ("连续 3 个月黄灯或红灯".to_string(), "Yellow or red 3 months in a row".to_string()));
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
    assert_eq!(summary(&verdict), ("开工滞后 3 个月".to_string(), "Start 3 months late".to_string()));
    assert_eq!(verdict.reasons[2].finding.zh(), "完成率为序时进度的 66.7%");
}

#[test]
fn grey_only_when_nothing_is_rated() {
    let verdict = judge(&LightRules::full("全部"), &input(Status::NotStarted));
    assert_eq!(verdict.light, Light::Grey);
    assert_eq!(verdict.reasons.len(), 6);
    assert!(verdict.reasons.iter().all(|r| r.light == Light::Grey));
    assert!(summary(&verdict).0.starts_with("缺少进度数据;缺少进度数据;缺少计划开工月份;"), "{:?}", summary(&verdict));
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
    assert_eq!(summary(&verdict), ("未启用任何指标".to_string(), "No measure is switched on".to_string()));
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
    let share =
        |c: f64| single(&ratio, &LightInput { schedule: Some(schedule(0.5, c)), ..input(Status::UnderConstruction) }).0;
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
    assert_eq!(json, r#"{"name":"gap-10-30","rules":[{"measure":"schedule_gap","on":true,"yellow":10.0,"red":30.0}]}"#);
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

#[test]
fn validation_says_what_is_wrong() {
    use super::RuleProblem::{NoName, NotWhole, NothingOn, Order, OutOfRange, Twice};
    let nothing = LightRules { name: " ".into(), rules: vec![] };
    assert_eq!(nothing.check(), [NoName, NothingOn]);
    let gap = Measure::ScheduleGap;
    assert_eq!(only(gap, 30.0, 10.0).check(), [Order { measure: gap, yellow: 30.0, red: 10.0, lower_is_worse: false }]);
    let ratio = Measure::ScheduleRatio;
    assert_eq!(
        only(ratio, 60.0, 80.0).check(),
        [Order { measure: ratio, yellow: 60.0, red: 80.0, lower_is_worse: true }]
    );
    assert_eq!(only(Measure::StartDelay, 1.5, 3.0).check(), [NotWhole { measure: Measure::StartDelay, yellow: true }]);
    let range = OutOfRange { measure: gap, yellow: false, lo: 0.0, hi: 100.0 };
    assert_eq!(only(gap, 10.0, 150.0).check(), [range]);
    assert_eq!(only(gap, 10.0, f64::NAN).check(), [range]);
    assert_eq!(
        only(Measure::Investment, -1.0, 50.0).check(),
        [OutOfRange { measure: Measure::Investment, yellow: true, lo: 0.0, hi: 100.0 }]
    );
    // Escalation has only a red threshold, in months.
    let mut fast = escalating(1.0);
    fast.rules[1].yellow = -5.0;
    assert_eq!(fast.check(), [OutOfRange { measure: Measure::Escalation, yellow: false, lo: 2.0, hi: 24.0 }]);
    let mut twice = LightRules::default();
    twice.rules.push(MeasureRule::standard(Measure::ScheduleGap));
    assert_eq!(twice.check(), [Twice(gap)]);
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
                assert!(full.reasons.iter().all(|r| !r.finding.zh().is_empty() && !r.finding.en().is_empty()));
            }
        }
    }
}
