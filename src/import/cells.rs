//! Reading one data row's cells as the district meant them: a date in a year-month column is
//! that month, a number is a number, and a percentage, a date, a time, a boolean or an error
//! value where a quantity belongs is a problem that names the cell's content and its column.

use std::collections::{BTreeSet, HashMap};

use super::{ALIASES, Field, Problem, SheetPart};
use crate::domain::{AmountError, Period, Status, parse_amount};
use crate::import::read::{CellDate, Value};

/// Reads one data row; problems go to `problems`.
pub(super) struct RowReader<'a> {
    pub(super) row: &'a [Value],
    pub(super) columns: &'a HashMap<Field, usize>,
    /// Row number as the spreadsheet shows it (1-based).
    pub(super) sheet_row: usize,
    /// Row index in the table (0-based).
    pub(super) table_row: usize,
    pub(super) formulas: &'a BTreeSet<(usize, usize)>,
    /// The project's unit (公里, 所…) once known, for messages.
    pub(super) unit: String,
    pub(super) problems: Vec<Problem>,
}

/// The header a field is reported under.
pub(super) fn header_of(field: Field) -> String {
    ALIASES.iter().find(|(f, _)| *f == field).map_or(String::new(), |(_, names)| names[0].to_string())
}

/// A year-month from text that is a full date: `2025-06-15`, `2025/6/15`, `2025年6月15日`,
/// `2025.06.15` (a day that cannot be is refused).
pub(super) fn period_of_date_text(text: &str) -> Option<Period> {
    let parts: Vec<&str> = text.trim().split(['-', '/', '.', '年', '月', '日']).filter(|p| !p.is_empty()).collect();
    if parts.len() != 3 || parts.iter().any(|p| !p.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let (year, month, day): (i16, i8, i8) = (parts[0].parse().ok()?, parts[1].parse().ok()?, parts[2].parse().ok()?);
    // The calendar decides: 2025-02-30 and 2025-06-31 are no dates.
    jiff::civil::Date::new(year, month, day).ok()?;
    Period::new(i32::from(year), u8::try_from(month).ok()?)
}

/// A year-month typed as six digits, `202506`.
fn period_of_digits(text: &str) -> Option<Period> {
    let t = text.trim();
    (t.len() == 6 && t.chars().all(|c| c.is_ascii_digit())).then(|| period_of_number(t.parse().ok()?)).flatten()
}

/// A year-month from a number written as YYYYMM (202506).
fn period_of_number(v: f64) -> Option<Period> {
    if v.fract() != 0.0 || !(200_001.0..=210_012.0).contains(&v) {
        return None;
    }
    let v = v as i32;
    Period::new(v / 100, u8::try_from(v % 100).ok()?)
}

fn month_of(date: &CellDate) -> Option<Period> {
    Period::new(date.year, date.month)
}

impl RowReader<'_> {
    pub(super) fn cell(&self, field: Field) -> Option<&Value> {
        self.columns.get(&field).and_then(|&c| self.row.get(c))
    }

    /// A formula whose value the file does not hold.
    fn uncalculated(&self, field: Field) -> bool {
        self.columns.get(&field).is_some_and(|&c| {
            self.formulas.contains(&(self.table_row, c)) && self.row.get(c).is_none_or(|v| *v == Value::Empty)
        })
    }

    pub(super) fn problem(&mut self, field: Field, zh: String, en: String) {
        self.problems.push(Problem { part: SheetPart::Reports, row: self.sheet_row, column: header_of(field), zh, en });
    }

    fn uncalculated_problem(&mut self, field: Field) {
        self.problem(
            field,
            "单元格是公式,但文件里没有它的计算结果(多由程序生成):请在 Excel/WPS 中打开并保存后再导入,或把公式改为数值"
                .into(),
            "The cell holds a formula but the file has no calculated value for it (usually written by a program): open and save it in Excel/WPS, or paste the value".into(),
        );
    }

    fn error_problem(&mut self, field: Field, error: &str) {
        self.problem(
            field,
            format!("单元格是错误值 {error}:请改正公式或直接填写"),
            format!("The cell is the error value {error}: fix the formula or type the value"),
        );
    }

    fn bool_problem(&mut self, field: Field, b: bool) {
        let word = if b { "TRUE" } else { "FALSE" };
        self.problem(
            field,
            format!("“{word}”是逻辑值(是/否),不是这一列要填的内容"),
            format!("{word} is a true/false value, not what this column takes"),
        );
    }

    /// The cell's text, trimmed, without reporting anything (for matching and checks).
    pub(super) fn raw_text(&self, field: Field) -> String {
        self.cell(field).map(Value::text).unwrap_or_default().trim().to_string()
    }

    /// A free-text field: any value is taken as text, except an error value, a boolean or a
    /// formula with no value.
    pub(super) fn text(&mut self, field: Field) -> String {
        if self.uncalculated(field) {
            self.uncalculated_problem(field);
            return String::new();
        }
        match self.cell(field).cloned() {
            Some(Value::Error(e)) => {
                self.error_problem(field, &e);
                String::new()
            }
            Some(Value::Bool(b)) => {
                self.bool_problem(field, b);
                String::new()
            }
            Some(v) => v.text().trim().to_string(),
            None => String::new(),
        }
    }

    /// What a number column expects, for messages.
    fn expected(&self, field: Field) -> (String, String) {
        match field {
            Field::Done if self.unit.is_empty() => ("实际完成的数量".into(), "the quantity done".into()),
            Field::Done => (format!("实际完成的数量({})", self.unit), format!("the quantity done ({})", self.unit)),
            _ => ("金额(万元)".into(), "the amount in 万元".into()),
        }
    }

    fn percent_problem(&mut self, field: Field, shown: &str) {
        let (zh, en) = self.expected(field);
        let share = if field == Field::Done { ",不是完成率" } else { "" };
        let share_en = if field == Field::Done { ", not a share of the target" } else { "" };
        self.problem(
            field,
            format!("“{shown}”是百分比:{}应填写{zh}{share}", header_of(field)),
            format!("{shown} is a percentage: {} takes {en}{share_en}", header_of(field)),
        );
    }

    fn kind_problem(&mut self, field: Field, shown: &str, zh_kind: &str, en_kind: &str) {
        let (zh, en) = self.expected(field);
        self.problem(
            field,
            format!("“{shown}”是{zh_kind},不是数字:请填写{zh}"),
            format!("{shown} is a {en_kind}, not a number: give {en}"),
        );
    }

    /// A number column.
    /// A number cell, or text with a number in `unit` (`12`, `12公里`); any other word after
    /// the number (`12米` where 公里 is meant) is a problem, never read as if in `unit`.
    pub(super) fn number(&mut self, field: Field, unit: Option<&str>) -> Option<f64> {
        if self.uncalculated(field) {
            self.uncalculated_problem(field);
            return None;
        }
        match self.cell(field).cloned() {
            Some(Value::Number(v)) => Some(v),
            Some(Value::Text(t)) => match parse_amount(&t, unit) {
                Ok(v) => v,
                Err(AmountError::Percent) => {
                    self.percent_problem(field, t.trim());
                    None
                }
                Err(e) => {
                    let (zh, en) = e.message(t.trim(), unit);
                    self.problem(field, zh, en);
                    None
                }
            },
            Some(v @ Value::Percent(_)) => {
                self.percent_problem(field, &v.text());
                None
            }
            Some(v @ Value::Date(_)) => {
                self.kind_problem(field, &v.text(), "日期", "date");
                None
            }
            Some(v @ Value::Time(_)) => {
                self.kind_problem(field, &v.text(), "时间", "time");
                None
            }
            Some(Value::Bool(b)) => {
                self.bool_problem(field, b);
                None
            }
            Some(Value::Error(e)) => {
                self.error_problem(field, &e);
                None
            }
            Some(Value::Empty) | None => None,
        }
    }

    /// A year-month column read as a month: a date cell, `2025-06`, `2025年6月`, a full date
    /// text, or 202506. `None` with a problem when it is none of these.
    fn month(&mut self, field: Field) -> Result<Option<Period>, ()> {
        if self.uncalculated(field) {
            self.uncalculated_problem(field);
            return Err(());
        }
        let name = header_of(field);
        let refuse = |reader: &mut Self, shown: String, what_zh: &str, what_en: &str| {
            reader.problem(
                field,
                format!("{name}“{shown}”{what_zh}:请填写年月,如 2025-06"),
                format!("{name} {shown:?} {what_en}: give a year-month such as 2025-06"),
            );
            Err(())
        };
        match self.cell(field).cloned() {
            None | Some(Value::Empty) => Ok(None),
            Some(Value::Date(d)) => match month_of(&d) {
                Some(p) => Ok(Some(p)),
                None => refuse(self, d.to_string(), "不在 2000–2100 年之间", "is not between 2000 and 2100"),
            },
            Some(Value::Text(t)) if t.trim().is_empty() => Ok(None),
            Some(Value::Text(t)) => {
                match Period::parse(&t).or_else(|| period_of_date_text(&t)).or_else(|| period_of_digits(&t)) {
                    Some(p) => Ok(Some(p)),
                    None => {
                        self.problem(
                            field,
                            format!("{name}“{t}”应为 YYYY-MM(如 2025-06)"),
                            format!("{name} {t:?} must be YYYY-MM (such as 2025-06)"),
                        );
                        Err(())
                    }
                }
            }
            Some(Value::Number(v)) => match period_of_number(v) {
                Some(p) => Ok(Some(p)),
                None => refuse(self, Value::Number(v).text(), "是数字,不是年月", "is a number, not a year-month"),
            },
            Some(v @ Value::Percent(_)) => {
                refuse(self, v.text(), "是百分比,不是年月", "is a percentage, not a year-month")
            }
            Some(v @ Value::Time(_)) => refuse(self, v.text(), "是时间,不是年月", "is a time, not a year-month"),
            Some(Value::Bool(b)) => {
                self.bool_problem(field, b);
                Err(())
            }
            Some(Value::Error(e)) => {
                self.error_problem(field, &e);
                Err(())
            }
        }
    }

    /// 填报期: the sheet's month, or `default` when the column is missing or blank.
    pub(super) fn period(&mut self, default: Period) -> Option<Period> {
        self.month(Field::Period).ok().map(|p| p.unwrap_or(default))
    }

    /// 解决时限 as the report stores it: `YYYY-MM` when it is a month or a date, else the text
    /// as typed (validation says what is wrong with it).
    pub(super) fn due(&mut self) -> String {
        match self.cell(Field::Due) {
            Some(Value::Text(t))
                if Period::parse(t).is_none() && period_of_date_text(t).is_none() && period_of_digits(t).is_none() =>
            {
                return t.trim().to_string();
            }
            Some(Value::Number(v)) if period_of_number(*v).is_none() => return Value::Number(*v).text(),
            _ => {}
        }
        self.month(Field::Due).ok().flatten().map(|p| p.to_string()).unwrap_or_default()
    }

    /// 状态, by its label, code or a common synonym.
    pub(super) fn status(&mut self) -> Option<Status> {
        if self.uncalculated(Field::Status) {
            self.uncalculated_problem(Field::Status);
            return None;
        }
        if let Some(Value::Error(e)) = self.cell(Field::Status).cloned() {
            self.error_problem(Field::Status, &e);
            return None;
        }
        let text = self.raw_text(Field::Status);
        let status = Status::parse(&text);
        if status.is_none() {
            let list = Status::ALL.map(Status::label_zh).join("、");
            let zh = if text.is_empty() {
                format!("请选择状态:{list}")
            } else {
                format!("状态“{text}”不在列表中:请填写 {list} 之一")
            };
            let en_list = Status::ALL.map(Status::label_en).join(", ");
            self.problem(Field::Status, zh, format!("Status {text:?} is not one of the list: {list} ({en_list})"));
        }
        status
    }

    /// Whether the district filled anything in for this period.
    pub(super) fn filled(&self) -> bool {
        [
            Field::Status,
            Field::Done,
            Field::InvestTotal,
            Field::InvestYearPlan,
            Field::InvestDone,
            Field::Progress,
            Field::Problems,
            Field::Coordination,
            Field::Note,
        ]
        .iter()
        .any(|f| self.cell(*f).is_some_and(|v| !v.is_blank()) || self.uncalculated(*f))
    }
}

#[cfg(test)]
mod tests {
    use super::{period_of_date_text, period_of_digits, period_of_number};
    use crate::domain::Period;

    #[test]
    fn months_from_dates_and_numbers() {
        assert_eq!(period_of_date_text("2025-06-15"), Period::new(2025, 6));
        assert_eq!(period_of_date_text("2025年6月30日"), Period::new(2025, 6));
        assert_eq!(period_of_date_text("2025/6/31"), None, "June has 30 days");
        assert_eq!(period_of_date_text("2025-02-30"), None);
        assert_eq!(period_of_date_text("2024-02-29"), Period::new(2024, 2));
        assert_eq!(period_of_digits("202506"), Period::new(2025, 6));
        assert_eq!(period_of_digits("202513"), None);
        assert_eq!(period_of_date_text("2025/13/01"), None);
        assert_eq!(period_of_date_text("2024/13"), None);
        assert_eq!(period_of_number(202_506.0), Period::new(2025, 6));
        assert_eq!(period_of_number(45_823.0), None);
    }
}
