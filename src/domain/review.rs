//! Review rules: periods, progress reports and their validation, 序时进度 (time-elapsed
//! expectation), completion and the 滞后 (lagging) flag.

use serde::{Deserialize, Serialize};

use super::{Project, ProjectId, Status};

/// A review period: a year and a month (`2024-05`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Period {
    pub year: i32,
    pub month: u8,
}

impl Period {
    /// A period if the month is 1–12 and the year plausible (2000–2100).
    pub fn new(year: i32, month: u8) -> Option<Self> {
        ((2000..=2100).contains(&year) && (1..=12).contains(&month)).then_some(Self { year, month })
    }

    /// Parses `2024-05`, `2024-5`, `2024/05` or `2024年5月`.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim().trim_end_matches('月');
        let (y, m) = text.split_once(['-', '/', '年', '.'])?;
        Self::new(y.trim().parse().ok()?, m.trim().parse().ok()?)
    }

    /// The current month on the local calendar: in China from 00:00 on the 1st, not from
    /// 08:00 when the month begins in UTC.
    pub fn today() -> Self {
        Self::at(jiff::Timestamp::now(), &jiff::tz::TimeZone::system())
    }

    /// The month of the instant `now` in the time zone `tz`.
    pub fn at(now: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> Self {
        let date = now.to_zoned(tz.clone()).date();
        let month = u8::try_from(date.month()).unwrap_or(1);
        Self::new(i32::from(date.year()), month).unwrap_or(Self { year: 2025, month: 12 })
    }

    /// Months since January of year 0, for arithmetic.
    fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }

    /// The month `n` months later (earlier for a negative `n`).
    #[must_use]
    pub fn plus_months(self, n: i64) -> Self {
        let index = self.index() + n;
        let year = i32::try_from(index.div_euclid(12)).unwrap_or(self.year);
        let month = u8::try_from(index.rem_euclid(12) + 1).unwrap_or(1);
        Self { year, month }
    }
}

impl Default for Period {
    /// The current month.
    fn default() -> Self {
        Self::today()
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl From<Period> for String {
    fn from(p: Period) -> Self {
        p.to_string()
    }
}

impl TryFrom<String> for Period {
    type Error = String;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Self::parse(&text).ok_or_else(|| format!("not a period (YYYY-MM): {text:?}"))
    }
}

/// The current local time as `YYYY-MM-DD HH:MM`, for "made at" lines.
pub fn now_text() -> String {
    jiff::Zoned::now().strftime("%Y-%m-%d %H:%M").to_string()
}

/// An instant stored in UTC (`2026-11-30T07:05:00Z`) as local time, `YYYY-MM-DD HH:MM:SS`.
/// Text that is not such an instant (rows written before times were stored in UTC were
/// already local) is returned as it is.
pub fn local_time_text(stored: &str) -> String {
    match stored.parse::<jiff::Timestamp>() {
        Ok(instant) => instant.to_zoned(jiff::tz::TimeZone::system()).strftime("%Y-%m-%d %H:%M:%S").to_string(),
        Err(_) => stored.to_string(),
    }
}

/// A calendar date typed as `YYYY-MM-DD`, checked (no 2026-13-45 or 2025-02-29).
pub fn parse_date(text: &str) -> Option<jiff::civil::Date> {
    let date: jiff::civil::Date = text.trim().parse().ok()?;
    (2000..=2100).contains(&date.year()).then_some(date)
}

/// Year, month, day of a day count since 1970-01-01 (spreadsheet dates are converted so).
pub fn civil_date(days: i64) -> (i32, u8, u8) {
    let epoch = jiff::civil::date(1970, 1, 1);
    let date = jiff::Span::new().try_days(days).ok().and_then(|span| epoch.checked_add(span).ok()).unwrap_or(epoch);
    (i32::from(date.year()), u8::try_from(date.month()).unwrap_or(1), u8::try_from(date.day()).unwrap_or(1))
}

/// What a reviewer records for a project in one period.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportInput {
    pub project: Option<ProjectId>,
    pub period: Option<Period>,
    pub status: Option<Status>,
    /// Quantity done so far, in the target's unit.
    pub done: Option<f64>,
    /// 总投资, 万元.
    pub invest_total: Option<f64>,
    /// 本年计划投资, 万元.
    pub invest_year_plan: Option<f64>,
    /// 累计完成投资, 万元.
    pub invest_done: Option<f64>,
    /// 本年完成投资, 万元, where the source gives it apart (an office ledger).
    #[serde(default)]
    pub invest_year_done: Option<f64>,
    /// 形象进度.
    pub progress_text: String,
    /// 存在问题.
    pub problems: String,
    /// 需协调事项.
    pub coordination: String,
    /// 责任单位 of the coordination.
    pub coordination_unit: String,
    /// 解决时限, a period.
    pub coordination_due: String,
    pub note: String,
}

/// A stored report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub id: i64,
    pub project: ProjectId,
    pub period: Period,
    pub status: Status,
    pub done: Option<f64>,
    pub invest_total: Option<f64>,
    pub invest_year_plan: Option<f64>,
    pub invest_done: Option<f64>,
    pub progress_text: String,
    pub problems: String,
    pub coordination: String,
    pub coordination_unit: String,
    pub coordination_due: String,
    pub note: String,
    pub reviewer: String,
    pub created_at: String,
    /// 本年完成投资 as the report gave it (an office ledger does), in 万元; `None` when it gave
    /// only the cumulative.
    #[serde(default)]
    pub invest_year_done: Option<f64>,
}

/// What is wrong with one field's value, with the data its message needs. Worded at the edge
/// (`words::domain`), in the language the user reads.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldProblem {
    /// NaN or infinity.
    NotFinite,
    Negative,
    /// Absurdly large (over [`MAX_NUMBER`]): a typo or a broken cell.
    TooLarge(f64),
    NoPeriod,
    /// A period typed that does not read as YYYY-MM.
    PeriodForm,
    PeriodAhead {
        period: Period,
        today: Period,
    },
    PeriodBeforePlan {
        period: Period,
        start: i32,
    },
    /// A month typed that does not read as YYYY-MM (计划开工, 入库).
    MonthForm,
    NoStatus,
    OverTarget {
        done: f64,
        target: f64,
    },
    DoneButNotStarted,
    NoTargetForDone,
    InvestOverTotal,
    /// A 解决时限 that does not read as YYYY-MM.
    DeadlineForm(String),
    DeadlineBeforePeriod,
    TooLong {
        max: usize,
        len: usize,
    },
    /// A control character (its code point) no document may hold.
    Control(u32),
    /// A line break, tab or direction control in a one-line name.
    NotOneLine,
    Nul,
    NameLength,
    UnknownPlace(String),
    UnknownCategory,
    TargetWithoutUnit,
    UnitTooLong,
    BadNature,
    TargetYear,
    StartAfterTarget,
    /// A 项目代码 not in the national form.
    ProjectCode(String),
    RegisteredInWithout,
    /// A target typed that is not a number.
    NotANumber,
    /// A year typed that is not a number.
    NotAYear,
    /// An amount typed (its text, the column's unit) that does not read.
    Amount {
        error: AmountError,
        text: String,
        unit: Option<String>,
    },
    /// A 专栏 the plan does not have.
    NoBox(i64),
    NoProject,
    InBin(i64),
    /// A 销号 day before the month the item was raised.
    ClosedBeforeRaised {
        day: String,
        raised: Period,
    },
    DayToCome(String),
    NoCloseNote,
    NotADay(String),
}

/// A field's key and what is wrong with its value.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    /// The field's key (`done`, `period`…), so the form shows it beside the right input.
    pub field: &'static str,
    pub problem: FieldProblem,
}

impl FieldError {
    pub fn new(field: &'static str, problem: FieldProblem) -> Self {
        Self { field, problem }
    }
}

/// The largest quantity or investment a report or project accepts: 10^12 (a trillion km or
/// 万元 is a typo or a broken cell, never a figure).
pub const MAX_NUMBER: f64 = 1e12;

/// What is wrong with a number a reviewer gave, if anything: not a number at all (NaN,
/// infinity), negative, or absurdly large.
fn number_error(field: &'static str, value: f64) -> Option<FieldError> {
    if !value.is_finite() {
        Some(FieldError::new(field, FieldProblem::NotFinite))
    } else if value < 0.0 {
        Some(FieldError::new(field, FieldProblem::Negative))
    } else if value > MAX_NUMBER {
        Some(FieldError::new(field, FieldProblem::TooLarge(value)))
    } else {
        None
    }
}

/// Longest texts a report accepts, in characters.
pub const MAX_TEXT: usize = 500;
/// Longest note, in characters.
pub const MAX_NOTE: usize = 1000;

/// Checks a report against the project, the first year of its plan and the review date.
/// `confirm_over_target` allows a quantity above the target (a reviewer who has checked it).
pub fn validate_report(
    input: &ReportInput,
    project: &Project,
    (plan_start, today): (i32, Period),
    confirm_over_target: bool,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    match input.period {
        None => errors.push(FieldError::new("period", FieldProblem::NoPeriod)),
        Some(period) if period > today => {
            errors.push(FieldError::new("period", FieldProblem::PeriodAhead { period, today }));
        }
        Some(period) if period.year < plan_start => {
            errors.push(FieldError::new("period", FieldProblem::PeriodBeforePlan { period, start: plan_start }));
        }
        Some(_) => {}
    }
    if input.status.is_none() {
        errors.push(FieldError::new("status", FieldProblem::NoStatus));
    }
    for (field, value) in [
        ("done", input.done),
        ("invest_total", input.invest_total),
        ("invest_year_plan", input.invest_year_plan),
        ("invest_done", input.invest_done),
    ] {
        if let Some(error) = value.and_then(|v| number_error(field, v)) {
            errors.push(error);
        }
    }
    if let (Some(done), Some(target)) = (input.done, project.target)
        && done > target
        && done <= MAX_NUMBER
        && !confirm_over_target
    {
        errors.push(FieldError::new("done", FieldProblem::OverTarget { done, target }));
    }
    if input.status == Some(Status::NotStarted) && input.done.is_some_and(|d| d > 0.0) {
        errors.push(FieldError::new("status", FieldProblem::DoneButNotStarted));
    }
    if input.done.is_some() && project.target.is_none() {
        errors.push(FieldError::new("done", FieldProblem::NoTargetForDone));
    }
    if let (Some(total), Some(done)) = (input.invest_total, input.invest_done)
        && done > total
    {
        errors.push(FieldError::new("invest_done", FieldProblem::InvestOverTotal));
    }
    if !input.coordination_due.trim().is_empty() {
        match (Period::parse(&input.coordination_due), input.period) {
            (None, _) => errors.push(FieldError::new(
                "coordination_due",
                FieldProblem::DeadlineForm(input.coordination_due.trim().to_string()),
            )),
            (Some(due), Some(period)) if due < period => {
                errors.push(FieldError::new("coordination_due", FieldProblem::DeadlineBeforePeriod));
            }
            _ => {}
        }
    }
    for (field, text, max) in [
        ("progress_text", &input.progress_text, MAX_TEXT),
        ("problems", &input.problems, MAX_TEXT),
        ("coordination", &input.coordination, MAX_TEXT),
        ("coordination_unit", &input.coordination_unit, 100),
        ("note", &input.note, MAX_NOTE),
    ] {
        let len = text.chars().count();
        if len > max {
            errors.push(FieldError::new(field, FieldProblem::TooLong { max, len }));
        }
        errors.extend(nul_error(field, text));
        errors.extend(control_error(field, text));
        if field == "coordination_unit" {
            errors.extend(line_error(field, text));
        }
    }
    errors
}

/// Whether a 存在问题 or 需协调事项 cell says there is none (`无`, `暂无`, `/`, `无问题`…): no
/// item is raised for it.
pub fn says_nothing(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace() && !"（）()。.".contains(*c)).collect();
    [
        "",
        "无",
        "暂无",
        "没有",
        "否",
        "/",
        "-",
        "—",
        "——",
        "无问题",
        "暂无问题",
        "无需协调",
        "暂无需协调",
        "正常推进",
        "正常",
        "不涉及",
    ]
    .contains(&t.as_str())
}

/// The checks of a report a ledger brings ([`validate_report`], its target exceeded allowed):
/// a 解决时限 before the month is no error there, but an item overdue as the office says.
pub fn validate_ledger_report(
    input: &ReportInput,
    project: &Project,
    (plan_start, today): (i32, Period),
) -> Vec<FieldError> {
    let overdue = Period::parse(&input.coordination_due).is_some();
    validate_report(input, project, (plan_start, today), true)
        .into_iter()
        .filter(|e| !(overdue && e.field == "coordination_due"))
        .collect()
}

/// Text as a reviewer meant it: Word's vertical tab (its line break inside a cell) and a form
/// feed become line breaks. Other control characters stay, for [`control_error`] to refuse.
pub fn clean_text(text: &str) -> String {
    text.replace(['\u{0B}', '\u{0C}'], "\n")
}

/// A control character (ESC, BEL…) other than a line break or a tab: no document may hold it
/// (a 通报 or 督办函 with one is no longer well-formed XML, and Word and WPS refuse the file).
pub fn control_error(field: &'static str, text: &str) -> Option<FieldError> {
    // U+FFFE and U+FFFF are no characters either: XML 1.0 forbids them as it forbids ESC.
    let bad = text.chars().find(|&c| {
        (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\0')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    })?;
    Some(FieldError::new(field, FieldProblem::Control(u32::from(bad))))
}

/// A name (a project's, a unit's, a code) is one line of visible text: no line break, tab or
/// direction override (a unit's name becomes a 督办函's file name; a line break in it made one).
pub fn line_error(field: &'static str, text: &str) -> Option<FieldError> {
    text.chars()
        .any(|c| {
            matches!(c, '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}')
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        })
        .then(|| FieldError::new(field, FieldProblem::NotOneLine))
}

impl ReportInput {
    /// The input with its texts cleaned ([`clean_text`]).
    pub fn cleaned(&self) -> Self {
        Self {
            progress_text: clean_text(&self.progress_text),
            problems: clean_text(&self.problems),
            coordination: clean_text(&self.coordination),
            coordination_unit: clean_text(&self.coordination_unit),
            coordination_due: clean_text(&self.coordination_due),
            note: clean_text(&self.note),
            ..self.clone()
        }
    }
}

/// A NUL character, which pasted text from other systems sometimes carries and a PostgreSQL
/// server refuses: said at the field, on both engines, before anything is written.
fn nul_error(field: &'static str, text: &str) -> Option<FieldError> {
    text.contains('\0').then(|| FieldError::new(field, FieldProblem::Nul))
}

/// A project's own review-sheet fields, as edited.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProjectFields {
    pub name: String,
    pub place: String,
    pub category: String,
    pub unit: Option<String>,
    pub target: Option<f64>,
    /// 建设性质.
    pub nature: Option<String>,
    pub start_year: Option<i32>,
    pub target_year: i32,
    pub responsible_unit: Option<String>,
    pub responsible_person: Option<String>,
    /// 计划开工 month.
    #[serde(default)]
    pub planned_start: Option<Period>,
    /// 入库 and its month.
    #[serde(default)]
    pub registered: Option<bool>,
    #[serde(default)]
    pub registered_in: Option<Period>,
    /// 项目代码.
    #[serde(default)]
    pub project_code: Option<String>,
}

impl ProjectFields {
    /// The editable fields of a project.
    pub fn of(p: &Project) -> Self {
        Self {
            name: p.name.clone(),
            place: p.place.clone(),
            category: p.category.clone(),
            unit: p.unit.clone(),
            target: p.target,
            nature: p.nature.clone(),
            start_year: p.start_year,
            target_year: p.target_year,
            responsible_unit: p.responsible_unit.clone(),
            responsible_person: p.responsible_person.clone(),
            planned_start: p.planned_start,
            registered: p.registered,
            registered_in: p.registered_in,
            project_code: p.project_code.clone(),
        }
    }
}

/// The words the review sheet uses for 建设性质.
pub const NATURES: [&str; 4] = ["新建", "续建", "前期", "建成"];

/// A 建设性质 as offices write it, in the review sheet's word: 新开工 is 新建 and 竣工 is 建成
/// (the words of the monthly bulletins); `None` for anything else.
pub fn nature_word(text: &str) -> Option<&'static str> {
    let text = text.trim();
    match text {
        "新开工" => Some("新建"),
        "竣工" | "已竣工" => Some("建成"),
        _ => NATURES.into_iter().find(|n| *n == text),
    }
}

/// Checks a project's fields.
pub fn validate_project(fields: &ProjectFields, gazetteer: &super::Gazetteer) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let name_len = fields.name.trim().chars().count();
    if name_len == 0 || name_len > 200 {
        errors.push(FieldError::new("name", FieldProblem::NameLength));
    }
    if gazetteer.index_of(&fields.place).is_none() {
        errors.push(FieldError::new("place", FieldProblem::UnknownPlace(fields.place.clone())));
    }
    if super::category(&fields.category).is_none() {
        errors.push(FieldError::new("category", FieldProblem::UnknownCategory));
    }
    if let Some(error) = fields.target.and_then(|t| number_error("target", t)) {
        errors.push(error);
    }
    if fields.target.is_some() != fields.unit.as_deref().is_some_and(|u| !u.trim().is_empty()) {
        errors.push(FieldError::new("unit", FieldProblem::TargetWithoutUnit));
    }
    if fields.unit.as_deref().is_some_and(|u| u.chars().count() > 20) {
        errors.push(FieldError::new("unit", FieldProblem::UnitTooLong));
    }
    if let Some(nature) = &fields.nature
        && !NATURES.contains(&nature.as_str())
    {
        errors.push(FieldError::new("nature", FieldProblem::BadNature));
    }
    if !(2000..=2100).contains(&fields.target_year) {
        errors.push(FieldError::new("target_year", FieldProblem::TargetYear));
    }
    if let Some(start) = fields.start_year
        && start > fields.target_year
    {
        errors.push(FieldError::new("start_year", FieldProblem::StartAfterTarget));
    }
    if let Some(code) = fields.project_code.as_deref().filter(|c| !c.trim().is_empty())
        && let Err(problem) = super::check_project_code(code)
    {
        errors.push(FieldError::new("project_code", problem));
    }
    if fields.registered_in.is_some() && fields.registered == Some(false) {
        errors.push(FieldError::new("registered_in", FieldProblem::RegisteredInWithout));
    }
    for (field, text) in
        [("responsible_unit", &fields.responsible_unit), ("responsible_person", &fields.responsible_person)]
    {
        let len = text.as_deref().map_or(0, |t| t.chars().count());
        if len > 100 {
            errors.push(FieldError::new(field, FieldProblem::TooLong { max: 100, len }));
        }
    }
    let texts = [
        ("name", Some(&fields.name)),
        ("unit", fields.unit.as_ref()),
        ("responsible_unit", fields.responsible_unit.as_ref()),
        ("responsible_person", fields.responsible_person.as_ref()),
        ("project_code", fields.project_code.as_ref()),
    ];
    errors.extend(texts.into_iter().filter_map(|(field, text)| nul_error(field, text?)));
    errors.extend(texts.into_iter().filter_map(|(field, text)| control_error(field, text?)));
    errors.extend(texts.into_iter().filter_map(|(field, text)| line_error(field, text?)));
    errors
}

/// Completion of a named project by its status: 未开工 0, 前期 10%, 在建 50%, 已完工 100%;
/// 停缓建 counts as 在建. Quantity projects use done ÷ target instead.
fn status_completion(status: Status) -> f64 {
    match status {
        Status::NotStarted => 0.0,
        Status::Preparing => 0.1,
        Status::UnderConstruction | Status::Suspended => 0.5,
        Status::Completed => 1.0,
    }
}

/// Where a project stands against time at a review date.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Schedule {
    /// 序时进度: the share of the project's period elapsed at the end of the review month, 0–1.
    pub expected: f64,
    /// Completion, 0–1 (done ÷ target, capped at 1; or by status).
    pub completion: f64,
    /// Percentage points below 序时进度 (negative when ahead).
    pub behind_points: f64,
}

impl Schedule {
    /// The schedule of `p` at `review`; its period runs from January of its start year (or
    /// the plan's, `plan_start`) to December of its target year.
    pub fn of(p: &Project, review: Period, plan_start: i32) -> Self {
        let start = Period { year: p.start_year.unwrap_or(plan_start), month: 1 };
        let months = (i64::from(p.target_year) - i64::from(start.year) + 1).max(1) * 12;
        let elapsed = (review.index() - start.index() + 1).clamp(0, months);
        let expected = elapsed as f64 / months as f64;
        let completion = match (p.done, p.target) {
            (Some(done), Some(target)) if target > 0.0 => (done / target).min(1.0),
            _ if p.status == Status::Completed => 1.0,
            _ => status_completion(p.status),
        };
        Self { expected, completion, behind_points: (expected - completion) * 100.0 }
    }

    /// 滞后: more than `threshold` points below 序时进度 and not completed.
    pub fn lagging(&self, threshold: f64) -> bool {
        self.behind_points > threshold && self.completion < 1.0
    }
}

/// The default threshold of the lagging flag, in percentage points.
pub const DEFAULT_LAG_THRESHOLD: f64 = 10.0;

/// Text that is not a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotANumber;

/// Reads a number as reviewers type it: `12`, `12.5`, full-width `１２．５`, thousands
/// separated `1,200`, with a word appended (`12公里`, `300万元`), which is returned beside it.
/// Empty text is `Ok(None)`.
///
/// # Errors
/// When the text is not a number, or its commas do not separate thousands (`1,2`).
pub fn split_quantity(text: &str) -> Result<Option<(f64, String)>, NotANumber> {
    let normal: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' | '。' => '.',
            '－' => '-',
            '，' => ',',
            '％' => '%',
            _ => c,
        })
        .collect();
    if normal.is_empty() {
        return Ok(None);
    }
    let number_end = normal
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || c == '.' || c == ',' || (i == 0 && c == '-')))
        .map_or(normal.len(), |(i, _)| i);
    let (number, rest) = normal.split_at(number_end);
    // Commas only between groups of three digits: `1,200` is twelve hundred, `1,2` is a typo.
    let mut groups = number.split('.').next().unwrap_or_default().split(',');
    let head = groups.next().unwrap_or_default().trim_start_matches('-');
    let grouped = number.contains(',');
    if grouped && (head.is_empty() || head.len() > 3 || groups.any(|g| g.len() != 3)) {
        return Err(NotANumber);
    }
    if number.split('.').nth(1).is_some_and(|f| f.contains(',')) {
        return Err(NotANumber);
    }
    // What follows the number may only be a word or `%`, not more digits or signs.
    let rest = rest.trim();
    if number.is_empty()
        || rest.chars().any(|c| c.is_ascii_digit() || (c.is_ascii_punctuation() && c != '%') || c.is_whitespace())
    {
        return Err(NotANumber);
    }
    let value: f64 = number.replace(',', "").parse().map_err(|_| NotANumber)?;
    Ok(Some((value, rest.to_string())))
}

/// [`split_quantity`] without the word after the number (ids, targets typed with their unit).
///
/// # Errors
/// When the text is not a number.
pub fn parse_quantity(text: &str) -> Result<Option<f64>, NotANumber> {
    match split_quantity(text)? {
        Some((_, word)) if word.contains('%') => Err(NotANumber),
        other => Ok(other.map(|(v, _)| v)),
    }
}

/// Why a typed amount was not taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AmountError {
    NotANumber,
    /// `50%`: a share, where a quantity belongs.
    Percent,
    /// A word after the number that is not the expected unit (`12米` for 公里, `3亿元` for 万元).
    WrongUnit(String),
    /// Over [`MAX_NUMBER`] in `unit`: refused here, where the text typed is still there to quote
    /// (a number so large reads back as `1e20`).
    TooLarge,
}

/// Reads an amount in the unit `unit`: a number alone, or followed by exactly that unit
/// (`12` or `12公里` for 公里; `300万元` for 万元). Another word (`12米`, `3亿元`) or a
/// percentage is refused rather than read as if it were in `unit`, and so is a number over
/// [`MAX_NUMBER`].
///
/// # Errors
/// [`AmountError`] saying why.
pub fn parse_amount(text: &str, unit: Option<&str>) -> Result<Option<f64>, AmountError> {
    let Some((value, word)) = split_quantity(text).map_err(|_| AmountError::NotANumber)? else { return Ok(None) };
    if word.is_empty() || unit.is_some_and(|u| u.trim() == word) {
        if value > MAX_NUMBER { Err(AmountError::TooLarge) } else { Ok(Some(value)) }
    } else if word.contains('%') {
        Err(AmountError::Percent)
    } else {
        Err(AmountError::WrongUnit(word))
    }
}

#[cfg(test)]
mod quantity_tests;
#[cfg(test)]
mod tests;
