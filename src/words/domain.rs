//! The domain's field problems, worded: what is wrong with a value a reviewer typed or a sheet
//! gave, and what to do, in Chinese and English.

use super::{Lang, Say, quoted};
use crate::domain::{AmountError, FieldError, FieldProblem, format_quantity};

impl Say for FieldProblem {
    fn say(&self, lang: Lang) -> String {
        if lang == Lang::Zh { self.zh() } else { self.en() }
    }
}

impl Say for FieldError {
    fn say(&self, lang: Lang) -> String {
        self.problem.say(lang)
    }
}

super::shown!(FieldError);
super::shown!(FieldProblem);

/// The name of a field (its key in [`FieldError::field`], or of a change in the history) as the
/// user knows it: the review sheet's column, or the window's label; empty for a key it lacks.
pub fn field_label(field: &str, lang: Lang) -> &'static str {
    let (zh, en) = match field {
        "period" => ("填报期", "period"),
        "status" => ("状态", "status"),
        "done" => ("完成量", "done"),
        "invest_total" => ("总投资", "total investment"),
        "invest_year_plan" => ("本年计划投资", "investment planned this year"),
        "invest_year_done" => ("本年完成投资", "invested this year"),
        "invest_done" => ("累计完成投资", "invested so far"),
        "progress_text" => ("形象进度", "progress"),
        "problems" => ("存在问题", "problems"),
        "coordination" => ("需协调事项", "coordination needed"),
        "coordination_unit" => ("协调责任单位", "unit to coordinate"),
        "coordination_due" => ("解决时限", "deadline"),
        "note" => ("备注", "note"),
        "name" => ("项目名称", "name"),
        "place" => ("所属区(县)", "place"),
        "category" => ("类别", "category"),
        "target" => ("目标量", "target"),
        "unit" => ("单位", "unit"),
        "nature" => ("建设性质", "nature"),
        "target_year" => ("目标年", "target year"),
        "target_year_inferred" => ("目标年按规划期末计", "target year taken from the plan's end"),
        "start_year" => ("起始年", "start year"),
        "project_code" => ("项目代码", "project code"),
        "registered" => ("入库", "registered"),
        "registered_in" => ("入库月份", "registration month"),
        "planned_start" => ("计划开工", "planned start"),
        "responsible_unit" => ("责任单位", "responsible unit"),
        "responsible_person" => ("责任人", "responsible person"),
        "closed_on" => ("销号日期", "closing day"),
        "close_note" => ("办理情况", "how it was solved"),
        "zhuanlan" => ("专栏", "box"),
        "project" => ("项目", "project"),
        "deleted_at" => ("移入回收站", "moved to the bin"),
        "report" => ("填报", "report"),
        "problem" => ("问题清单", "problem list"),
        "light" => ("亮灯", "light"),
        _ => ("", ""),
    };
    lang.tr(zh, en)
}

impl FieldError {
    /// The message in Chinese.
    pub fn zh(&self) -> String {
        self.problem.zh()
    }

    /// The message in English.
    pub fn en(&self) -> String {
        self.problem.en()
    }
}

impl FieldProblem {
    /// The message in Chinese: what is wrong and what to do.
    pub fn zh(&self) -> String {
        match self {
            Self::NotFinite => "不是有效数字(NaN 或无穷大)".into(),
            Self::Negative => "不能为负数".into(),
            Self::TooLarge(value) => format!("数值 {} 过大,请检查单位和数字", format_quantity(*value)),
            Self::NoPeriod => "请填写填报期(年-月)".into(),
            Self::PeriodForm => "填报期格式应为 YYYY-MM".into(),
            Self::PeriodAhead { period, today } => format!("填报期 {period} 晚于本月 {today}"),
            Self::PeriodBeforePlan { period, start } => format!("填报期 {period} 早于规划期({start}年起)"),
            Self::MonthForm => "月份应写作 YYYY-MM".into(),
            Self::NoStatus => "请选择状态".into(),
            Self::OverTarget { done, target } => format!("完成量 {done} 超过目标 {target},请确认后再保存"),
            Self::DoneButNotStarted => "已有完成量,状态不能是未开工".into(),
            Self::NoTargetForDone => "该项目没有数量目标,不能填完成量".into(),
            Self::InvestOverTotal => "累计完成投资超过总投资".into(),
            Self::DeadlineForm(text) => format!("解决时限{}格式应为 YYYY-MM", quoted(text)),
            Self::DeadlineBeforePeriod => "解决时限早于填报期".into(),
            Self::TooLong { max, len } => format!("最多 {max} 字(现 {len} 字)"),
            Self::Control(code) => format!("含有控制字符 U+{code:04X}(多见于从其他系统复制的文字),请删去"),
            Self::NotOneLine => "应为一行文字(不含换行、制表符或文字方向控制符)".into(),
            Self::Nul => "含有空字符(NUL,多见于从其他系统复制的文字),请删去".into(),
            Self::NameLength => "名称应为 1–200 字".into(),
            Self::UnknownPlace(place) => format!("未知地点 {place}"),
            Self::UnknownCategory => "未知类别".into(),
            Self::TargetWithoutUnit => "目标量和单位要一起填写".into(),
            Self::UnitTooLong => "单位最多 20 字".into(),
            Self::BadNature => "建设性质应为 新建/续建/前期/建成".into(),
            Self::TargetYear => "目标年不合理".into(),
            Self::StartAfterTarget => "起始年晚于目标年".into(),
            Self::ProjectCode(code) => format!(
                "项目代码{}格式不对:应为 年份-6位地区码-2位行业码-2位类别码-6位流水号,如 2021-520201-48-01-123456",
                quoted(code)
            ),
            Self::RegisteredInWithout => "未入库的项目不能有入库月份".into(),
            Self::NotANumber => "目标量不是数字".into(),
            Self::NotAYear => "年份不是数字".into(),
            Self::Amount { error, text, unit } => error.message(text, unit.as_deref()).0,
            Self::NoBox(n) => format!("专栏 {n} 不存在"),
            Self::NoProject => "缺少项目编号".into(),
            Self::InBin(id) => format!("项目 {id} 在回收站中,请先恢复"),
            Self::ClosedBeforeRaised { day, raised } => format!("销号日期 {day} 早于问题提出的月份 {raised}。"),
            Self::DayToCome(day) => format!("销号日期 {day} 还没有到。"),
            Self::NoCloseNote => "销号需写明如何解决。".into(),
            Self::NotADay(day) => format!("{}不是日期(YYYY-MM-DD)。", quoted(day)),
        }
    }

    /// The message in English: what is wrong and what to do.
    pub fn en(&self) -> String {
        match self {
            Self::NotFinite => "Not a valid number (NaN or infinity)".into(),
            Self::Negative => "Must not be negative".into(),
            Self::TooLarge(value) => {
                format!("{} is far too large; check the number and its unit", format_quantity(*value))
            }
            Self::NoPeriod => "Give the review period (year-month)".into(),
            Self::PeriodForm => "The period must be YYYY-MM".into(),
            Self::PeriodAhead { period, today } => format!("Period {period} is after the current month {today}"),
            Self::PeriodBeforePlan { period, start } => {
                format!("Period {period} is before the plan period (from {start})")
            }
            Self::MonthForm => "Write the month as YYYY-MM".into(),
            Self::NoStatus => "Choose a status".into(),
            Self::OverTarget { done, target } => format!("Done {done} exceeds the target {target}; confirm to save"),
            Self::DoneButNotStarted => "Something is done, so the status cannot be not started".into(),
            Self::NoTargetForDone => "This project has no quantity target".into(),
            Self::InvestOverTotal => "Invested so far exceeds the total investment".into(),
            Self::DeadlineForm(text) => format!("Deadline {} must be YYYY-MM", quoted(text)),
            Self::DeadlineBeforePeriod => "The deadline is before the period".into(),
            Self::TooLong { max, len } => format!("At most {max} characters (now {len})"),
            Self::Control(code) => {
                format!("Contains the control character U+{code:04X} (often pasted from another system): remove it")
            }
            Self::NotOneLine => "Must be one line of text (no line break, tab or direction control)".into(),
            Self::Nul => "Contains a NUL character (often pasted from another system): remove it".into(),
            Self::NameLength => "The name must have 1–200 characters".into(),
            Self::UnknownPlace(place) => format!("Unknown place {place}"),
            Self::UnknownCategory => "Unknown category".into(),
            Self::TargetWithoutUnit => "Give the target and its unit together".into(),
            Self::UnitTooLong => "The unit has at most 20 characters".into(),
            Self::BadNature => "Nature must be 新建/续建/前期/建成".into(),
            Self::TargetYear => "The target year is out of range".into(),
            Self::StartAfterTarget => "The start year is after the target year".into(),
            Self::ProjectCode(code) => format!(
                "The project code {} is not in the form year-6-digit region-2-digit industry-2-digit kind-6-digit serial, e.g. 2021-520201-48-01-123456",
                quoted(code)
            ),
            Self::RegisteredInWithout => "A project not registered has no registration month".into(),
            Self::NotANumber => "The target is not a number".into(),
            Self::NotAYear => "Not a year".into(),
            Self::Amount { error, text, unit } => error.message(text, unit.as_deref()).1,
            Self::NoBox(n) => format!("Box {n} does not exist"),
            Self::NoProject => "No project id".into(),
            Self::InBin(id) => format!("Project {id} is in the bin; restore it first"),
            Self::ClosedBeforeRaised { day, raised } => {
                format!("The closing day {day} is before the month the item was raised, {raised}.")
            }
            Self::DayToCome(day) => format!("The closing day {day} has not come yet."),
            Self::NoCloseNote => "Closing an item needs a note of how it was solved.".into(),
            Self::NotADay(day) => format!("{} is not a date (YYYY-MM-DD).", quoted(day)),
        }
    }
}

impl AmountError {
    /// The message for `text` in a column whose unit is `unit`, in Chinese and in English.
    pub fn message(&self, text: &str, unit: Option<&str>) -> (String, String) {
        let unit = unit.unwrap_or_default();
        // A control character in the cell is named, not sent to the terminal (ESC cleared it).
        let text = &quoted(text);
        match self {
            Self::NotANumber => (format!("{text}不是数字"), format!("{text} is not a number")),
            Self::Percent => (
                format!("{text}是百分比:这里应填写数量({unit}),不是完成率"),
                format!("{text} is a percentage: give the amount in {unit}, not a share"),
            ),
            Self::WrongUnit(word) => {
                let (word, quoted_unit) = (quoted(word), quoted(unit));
                (
                    format!("{text}的单位{word}不是本栏的单位{quoted_unit}:请换算成{unit}后只填数字"),
                    format!(
                        "{text} is in {word}, not this column's unit {quoted_unit}: convert it and give the number alone"
                    ),
                )
            }
            Self::TooLarge => (
                format!("{text}过大,请检查单位和数字"),
                format!("{text} is far too large; check the number and its unit"),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{AmountError, FieldProblem};
    use crate::domain::Period;

    /// Every problem of a field is said in both languages, each its own words.
    #[test]
    fn every_field_problem_is_worded_in_chinese_and_english() {
        let month = Period::new(2025, 3).expect("month");
        let all = [
            FieldProblem::NotFinite,
            FieldProblem::Negative,
            FieldProblem::TooLarge(1e13),
            FieldProblem::NoPeriod,
            FieldProblem::PeriodForm,
            FieldProblem::PeriodAhead { period: month, today: month },
            FieldProblem::PeriodBeforePlan { period: month, start: 2026 },
            FieldProblem::MonthForm,
            FieldProblem::NoStatus,
            FieldProblem::OverTarget { done: 12.0, target: 10.0 },
            FieldProblem::DoneButNotStarted,
            FieldProblem::NoTargetForDone,
            FieldProblem::InvestOverTotal,
            FieldProblem::DeadlineForm("下月".into()),
            FieldProblem::DeadlineBeforePeriod,
            FieldProblem::TooLong { max: 500, len: 501 },
            FieldProblem::Control(0x1B),
            FieldProblem::NotOneLine,
            FieldProblem::Nul,
            FieldProblem::NameLength,
            FieldProblem::UnknownPlace("某区".into()),
            FieldProblem::UnknownCategory,
            FieldProblem::TargetWithoutUnit,
            FieldProblem::UnitTooLong,
            FieldProblem::BadNature,
            FieldProblem::TargetYear,
            FieldProblem::StartAfterTarget,
            FieldProblem::ProjectCode("2021-52".into()),
            FieldProblem::RegisteredInWithout,
            FieldProblem::NotANumber,
            FieldProblem::NotAYear,
            FieldProblem::Amount { error: AmountError::Percent, text: "50%".into(), unit: Some("公里".into()) },
            FieldProblem::Amount { error: AmountError::TooLarge, text: "99999999999999999999".into(), unit: None },
            FieldProblem::NoBox(9),
            FieldProblem::NoProject,
            FieldProblem::InBin(7),
            FieldProblem::ClosedBeforeRaised { day: "2025-01-02".into(), raised: month },
            FieldProblem::DayToCome("2099-01-01".into()),
            FieldProblem::NoCloseNote,
            FieldProblem::NotADay("明天".into()),
        ];
        for problem in &all {
            let (zh, en) = (problem.zh(), problem.en());
            assert!(!zh.is_empty() && !en.is_empty() && zh != en, "{problem:?}: {zh} / {en}");
            assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "Chinese: {zh}");
        }
        assert_eq!(FieldProblem::Control(0x1B).zh(), "含有控制字符 U+001B(多见于从其他系统复制的文字),请删去");
    }

    /// A refused write names the field, and the row only when there are several; a control
    /// character in a quoted cell is named, not printed (an ESC cleared the terminal).
    #[test]
    fn messages_name_the_field_and_show_control_characters() {
        use crate::db::ReviewError;
        use crate::domain::FieldError;
        use crate::words::{Lang, Say};
        let long = FieldError::new("note", FieldProblem::TooLong { max: 1000, len: 1001 });
        let one = ReviewError::Invalid(vec![(0, long.clone())]);
        assert_eq!(one.say(Lang::Zh), "备注: 最多 1000 字(现 1001 字)");
        assert_eq!(one.say(Lang::En), "note: At most 1000 characters (now 1001)");
        let two = ReviewError::Invalid(vec![(0, long), (1, FieldError::new("status", FieldProblem::NoStatus))]);
        assert!(two.say(Lang::Zh).starts_with("#1: 备注: ") && two.say(Lang::Zh).contains(";#2: 状态: 请选择状态"));
        let (zh, en) = AmountError::NotANumber.message("zz\u{1b}[2J", Some("公里"));
        assert!(!zh.contains('\u{1b}') && zh.contains("<U+001B>"), "{zh}");
        assert!(!en.contains('\u{1b}') && en.starts_with("“zz<U+001B>[2J”"), "{en}");
        assert_eq!(FieldProblem::NotADay("C:\\x\"y".into()).zh(), "“C:\\x\"y”不是日期(YYYY-MM-DD)。");
        assert_eq!(FieldProblem::NotADay("C:\\x\"y".into()).en(), "“C:\\x\"y” is not a date (YYYY-MM-DD).");
    }

    /// A number too large is said as a number (a cell's 99999999999999999999 read back as
    /// "1e20"), and a number typed is quoted as it was typed.
    #[test]
    fn a_number_too_large_is_said_without_an_exponent_and_as_typed() {
        let number = FieldProblem::TooLarge(99_999_999_999_999_999_999.0);
        for said in [number.zh(), number.en()] {
            assert!(said.contains("100000000000000000000") && !said.contains("e20"), "{said}");
        }
        let (zh, en) = AmountError::TooLarge.message("99999999999999999999", Some("公里"));
        assert_eq!(zh, "“99999999999999999999”过大,请检查单位和数字");
        assert_eq!(en, "“99999999999999999999” is far too large; check the number and its unit");
    }
}
