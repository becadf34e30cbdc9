//! What a cell's number format says its number is: a plain number, a percentage, a date or a
//! time. Shared by the XLSX and XLS readers (ODS says it in the cell itself).

use super::read::{CellDate, Value};

/// The kind of number a format shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum NumberKind {
    Plain,
    Percent,
    Date,
    Time,
}

impl NumberKind {
    /// The built-in format ids of Excel (and of Chinese Excel/WPS, 27–36 and 50–58).
    pub(super) fn builtin(id: u32) -> Self {
        match id {
            9 | 10 => Self::Percent,
            14..=17 | 22 | 27..=31 | 36 | 50..=58 => Self::Date,
            18..=21 | 32..=35 | 45..=47 => Self::Time,
            _ => Self::Plain,
        }
    }

    /// Classifies a format code such as `0.0%`, `yyyy"年"m"月"`, `[h]:mm` or `#,##0.00`. Only
    /// the first section (for positive numbers) counts; quoted text, escaped characters and
    /// bracketed colours or conditions are not looked at.
    pub(super) fn of_code(code: &str) -> Self {
        let mut date = false;
        let mut time = false;
        let mut chars = code.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                ';' => break,
                '"' => {
                    for q in chars.by_ref() {
                        if q == '"' {
                            break;
                        }
                    }
                }
                '\\' | '_' | '*' => {
                    chars.next();
                }
                '[' => {
                    let mut inner = String::new();
                    for q in chars.by_ref() {
                        if q == ']' {
                            break;
                        }
                        inner.push(q);
                    }
                    // [h], [mm], [ss]: elapsed time. [Red], [$-804], [>100]: not a kind.
                    if !inner.is_empty() && inner.chars().all(|q| matches!(q.to_ascii_lowercase(), 'h' | 'm' | 's')) {
                        time = true;
                    }
                }
                '%' => return Self::Percent,
                'y' | 'Y' | 'd' | 'D' => date = true,
                'h' | 'H' | 's' | 'S' => time = true,
                'm' | 'M' => {
                    // m alone is a month in a date and minutes in a time: either way not a
                    // plain number.
                    date |= !time;
                }
                'g' | 'G' => {
                    // "General".
                    let rest: String = chars.clone().take(6).collect();
                    if rest.eq_ignore_ascii_case("eneral") {
                        for _ in 0..6 {
                            chars.next();
                        }
                    }
                }
                'a' | 'A' => {
                    // AM/PM, A/P.
                    let rest = chars.clone().take(4).collect::<String>().to_ascii_uppercase();
                    let skip = if rest == "M/PM" {
                        4
                    } else if rest.starts_with("/P") {
                        2
                    } else {
                        0
                    };
                    if skip > 0 {
                        time = true;
                        for _ in 0..skip {
                            chars.next();
                        }
                    }
                }
                _ => {}
            }
        }
        if date && (code.contains(['y', 'Y', 'd', 'D']) || !time) {
            Self::Date
        } else if time {
            Self::Time
        } else {
            Self::Plain
        }
    }

    /// The cell value of a number shown in this kind of format.
    pub(super) fn value(self, number: f64, is_1904: bool) -> Value {
        match self {
            Self::Plain => Value::Number(number),
            Self::Percent => Value::Percent(number),
            Self::Date => CellDate::from_serial(number, is_1904).map_or(Value::Number(number), Value::Date),
            Self::Time if (0.0..1.0).contains(&number) => Value::Time(number),
            // A "time" past one day is a date and time in practice (yyyy is often left out).
            Self::Time => CellDate::from_serial(number, is_1904).map_or(Value::Number(number), Value::Date),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NumberKind;

    #[test]
    fn format_codes() {
        for (code, kind) in [
            ("General", NumberKind::Plain),
            ("0.00", NumberKind::Plain),
            ("#,##0.00_);[Red](#,##0.00)", NumberKind::Plain),
            ("0%", NumberKind::Percent),
            ("0.0%", NumberKind::Percent),
            ("\"%\"0", NumberKind::Plain),
            ("0\\%", NumberKind::Plain),
            ("yyyy-mm-dd", NumberKind::Date),
            ("yyyy\"年\"m\"月\"", NumberKind::Date),
            ("[$-804]yyyy\"年\"m\"月\"d\"日\"", NumberKind::Date),
            ("m/d/yy h:mm", NumberKind::Date),
            ("h:mm:ss", NumberKind::Time),
            ("[h]:mm", NumberKind::Time),
            ("h:mm AM/PM", NumberKind::Time),
            ("mmm-yy", NumberKind::Date),
            ("[Red]0.00", NumberKind::Plain),
            ("0.00\"公里\"", NumberKind::Plain),
            ("@", NumberKind::Plain),
            ("0.00E+00", NumberKind::Plain),
        ] {
            assert_eq!(NumberKind::of_code(code), kind, "{code}");
        }
        assert_eq!(NumberKind::builtin(9), NumberKind::Percent);
        assert_eq!(NumberKind::builtin(14), NumberKind::Date);
        assert_eq!(NumberKind::builtin(2), NumberKind::Plain);
    }
}
