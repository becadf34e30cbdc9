//! Reading one data row's cells as the district meant them: a date in a year-month column is
//! that month, a number is a number, and a percentage, a date, a time, a boolean or an error
//! value where a quantity belongs is a problem that names the cell's content and its column.

use std::collections::{BTreeSet, HashMap};

use super::{ALIASES, CellProblem, Expected, Field, NotMonth, NotNumber, Problem, SheetPart};
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
    /// The project's unit (公里, 所…) once known, for problems.
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

    pub(super) fn problem(&mut self, field: Field, kind: CellProblem) {
        self.problems.push(Problem { part: SheetPart::Reports, row: self.sheet_row, column: header_of(field), kind });
    }

    fn uncalculated_problem(&mut self, field: Field) {
        self.problem(field, CellProblem::Uncalculated);
    }

    fn error_problem(&mut self, field: Field, error: &str) {
        self.problem(field, CellProblem::ErrorValue { error: error.to_string() });
    }

    fn bool_problem(&mut self, field: Field, value: bool) {
        self.problem(field, CellProblem::Boolean { value });
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

    /// What a number column expects.
    fn expected(&self, field: Field) -> Expected {
        match field {
            Field::Done => Expected::Quantity { unit: self.unit.clone() },
            _ => Expected::Amount,
        }
    }

    fn percent_problem(&mut self, field: Field, shown: &str) {
        let (expected, column) = (self.expected(field), header_of(field));
        self.problem(field, CellProblem::Percent { shown: shown.to_string(), column, expected });
    }

    fn kind_problem(&mut self, field: Field, shown: &str, kind: NotNumber) {
        let expected = self.expected(field);
        self.problem(field, CellProblem::NotANumber { shown: shown.to_string(), kind, expected });
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
                Err(error) => {
                    let (text, unit) = (t.trim().to_string(), unit.map(str::to_string));
                    self.problem(field, CellProblem::Amount { text, unit, error });
                    None
                }
            },
            Some(v @ Value::Percent(_)) => {
                self.percent_problem(field, &v.text());
                None
            }
            Some(v @ Value::Date(_)) => {
                self.kind_problem(field, &v.text(), NotNumber::Date);
                None
            }
            Some(v @ Value::Time(_)) => {
                self.kind_problem(field, &v.text(), NotNumber::Time);
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
        let refuse = |reader: &mut Self, shown: String, why: NotMonth| {
            reader.problem(field, CellProblem::NotAMonth { column: name.clone(), shown, why });
            Err(())
        };
        match self.cell(field).cloned() {
            None | Some(Value::Empty) => Ok(None),
            Some(Value::Date(d)) => match month_of(&d) {
                Some(p) => Ok(Some(p)),
                None => refuse(self, d.to_string(), NotMonth::OutOfRange),
            },
            Some(Value::Text(t)) if t.trim().is_empty() => Ok(None),
            Some(Value::Text(t)) => {
                match Period::parse(&t).or_else(|| period_of_date_text(&t)).or_else(|| period_of_digits(&t)) {
                    Some(p) => Ok(Some(p)),
                    None => {
                        self.problem(field, CellProblem::MonthFormat { column: name.clone(), text: t });
                        Err(())
                    }
                }
            }
            Some(Value::Number(v)) => match period_of_number(v) {
                Some(p) => Ok(Some(p)),
                None => refuse(self, Value::Number(v).text(), NotMonth::Number),
            },
            Some(v @ Value::Percent(_)) => refuse(self, v.text(), NotMonth::Percent),
            Some(v @ Value::Time(_)) => refuse(self, v.text(), NotMonth::Time),
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
            self.problem(Field::Status, CellProblem::UnknownStatus { text });
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
