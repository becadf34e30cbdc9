//! One ledger cell read as the field it sits in: free text, an amount in 万元 (`18,200万元`,
//! `1.82亿元`), 建设年限, a completion month, a status; and the category a project's words
//! suggest. A value that cannot be read returns its kind ([`ValueProblem`], worded by
//! `words::plan`).

use crate::domain::{AmountError, FieldProblem, MAX_NUMBER, Period, Status, parse_amount, split_quantity};
use crate::import::Value;
use crate::import::plan::ValueProblem;

/// A cell read, or why it could not be.
pub(super) type Read<T> = Result<T, ValueProblem>;

/// Cells that say "nothing" in a number column.
const NOTHING: [&str; 7] = ["-", "—", "——", "－", "/", "无", "—/—"];

fn error_msg(error: &str) -> ValueProblem {
    ValueProblem::ErrorValue { error: error.to_string() }
}

fn bool_msg(value: bool) -> ValueProblem {
    ValueProblem::Boolean { value }
}

/// A text column: anything but an error value or a boolean is text (a number as printed).
pub(super) fn text(value: &Value) -> Read<Option<String>> {
    match value {
        Value::Error(e) => Err(error_msg(e)),
        Value::Bool(b) => Err(bool_msg(*b)),
        v => {
            // Excel's escapes (`_x000D_`) decoded; control characters (a line break aside)
            // dropped, so none reaches the database or a terminal.
            let t: String = decode_escapes(v.text().trim())
                .chars()
                .filter(|&c| c == '\n' || !(c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)))
                .collect();
            let t = t.trim().to_string();
            Ok((!t.is_empty()).then_some(t))
        }
    }
}

/// Text with Excel's `_xHHHH_` escapes turned into the characters they stand for (a cell
/// typed with a line break is saved as `_x000D_` by some programs).
fn decode_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("_x") {
        out.push_str(&rest[..at]);
        let code = rest.get(at + 2..at + 6).filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
        match code.and_then(|h| u32::from_str_radix(h, 16).ok()).and_then(char::from_u32) {
            Some(c) if rest[at + 6..].starts_with('_') => {
                out.push(c);
                rest = &rest[at + 7..];
            }
            _ => {
                out.push_str("_x");
                rest = &rest[at + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// How many 万元 one of `unit` is.
fn per_wan(unit: &str) -> Option<f64> {
    match unit {
        "万元" | "万" => Some(1.0),
        "亿元" | "亿" => Some(10_000.0),
        "元" => Some(0.000_1),
        _ => None,
    }
}

/// An amount in 万元: a number in the column's `unit` (万元 unless the header or title block
/// names another), or text with its own unit (`18,200万元`, `1.82亿元`).
pub(super) fn amount(value: &Value, unit: &str) -> Read<Option<f64>> {
    let factor = per_wan(unit).unwrap_or(1.0);
    let wan = match value {
        Value::Empty => return Ok(None),
        Value::Number(v) => *v * factor,
        Value::Text(t) if t.trim().is_empty() || NOTHING.contains(&t.trim()) => return Ok(None),
        Value::Text(t) => match parse_amount(t, Some(unit)) {
            Ok(None) => return Ok(None),
            Ok(Some(v)) => v * factor,
            Err(AmountError::WrongUnit(word)) if per_wan(&word).is_some() => {
                let v = split_quantity(t).ok().flatten().map_or(f64::NAN, |(v, _)| v);
                v * per_wan(&word).unwrap_or(1.0)
            }
            Err(error) => {
                return Err(ValueProblem::Amount { error, text: t.trim().to_string(), unit: unit.to_string() });
            }
        },
        Value::Percent(_) => {
            return Err(ValueProblem::AmountPercent { shown: value.text(), unit: unit.to_string() });
        }
        Value::Date(_) | Value::Time(_) => {
            return Err(ValueProblem::AmountDate { shown: value.text(), unit: unit.to_string() });
        }
        Value::Bool(b) => return Err(bool_msg(*b)),
        Value::Error(e) => return Err(error_msg(e)),
    };
    if !wan.is_finite() {
        Err(ValueProblem::Field(FieldProblem::NotFinite))
    } else if wan < 0.0 {
        Err(ValueProblem::Negative { wan })
    } else if wan > MAX_NUMBER {
        Err(ValueProblem::Field(FieldProblem::TooLarge(wan)))
    } else {
        Ok(Some(wan))
    }
}

/// 建设年限: `2024-2026`, `2024—2026年`, `2024.03-2026.12` → (start, target); one year →
/// target only; a number cell 2026 → target. Text naming no year (`3年`) gives neither.
pub(super) fn years(value: &Value) -> Read<(Option<i32>, Option<i32>)> {
    let years = match value {
        Value::Number(v) if v.fract() == 0.0 && (1990.0..=2100.0).contains(v) => vec![*v as i32],
        Value::Date(d) => vec![d.year],
        Value::Error(e) => return Err(error_msg(e)),
        Value::Bool(b) => return Err(bool_msg(*b)),
        other => super::header::years_in(&other.text()).into_iter().map(|(y, _)| y).collect(),
    };
    match years.as_slice() {
        [] => Ok((None, None)),
        [target] => Ok((None, Some(*target))),
        [start, .., target] if start <= target => Ok((Some(*start), Some(*target))),
        [start, .., target] => Err(ValueProblem::YearsReversed { start: *start, end: *target }),
    }
}

/// 计划完工时间: a date cell as its month (`2026-12`), anything else as printed.
pub(super) fn finish(value: &Value) -> Read<Option<String>> {
    match value {
        Value::Date(d) => Ok(Some(format!("{:04}-{:02}", d.year, d.month))),
        Value::Percent(_) => Err(ValueProblem::FinishPercent { shown: value.text() }),
        other => text(other),
    }
}

/// A month cell (计划开工时间, 入库时间): a date cell, or text such as `2026-03`, `2026年3月`,
/// `2026.3`; a year alone is not a month.
pub(super) fn month(value: &Value) -> Read<Option<Period>> {
    match value {
        Value::Date(d) => Ok(Period::new(d.year, d.month)),
        Value::Error(e) => Err(error_msg(e)),
        Value::Bool(b) => Err(bool_msg(*b)),
        other => {
            let shown = other.text();
            let t = shown.trim();
            if t.is_empty() || NOTHING.contains(&t) {
                return Ok(None);
            }
            let date = t.trim_end_matches(['日', '号']);
            let month_part =
                date.rsplit_once(['-', '/', '.', '月']).filter(|(_, day)| day.len() <= 2 && !day.is_empty());
            Period::parse(t)
                .or_else(|| month_part.and_then(|(head, _)| Period::parse(head)))
                .map(Some)
                .ok_or_else(|| ValueProblem::NotAMonth { text: t.to_string() })
        }
    }
}

/// 项目代码, checked ([`crate::domain::check_project_code`]).
pub(super) fn project_code(value: &Value) -> Read<Option<String>> {
    match text(value)? {
        None => Ok(None),
        Some(t) => crate::domain::check_project_code(&t).map(Some).map_err(ValueProblem::Field),
    }
}

/// 入库: 是/已入库/否/未入库, or the month it was registered (which means yes).
pub(super) fn registered(value: &Value) -> Read<Option<(bool, Option<Period>)>> {
    let Some(t) = text(value)? else { return Ok(None) };
    let word: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    match word.as_str() {
        "是" | "已入库" | "入库" | "已纳统" | "已入统" | "√" => return Ok(Some((true, None))),
        "否" | "未入库" | "未纳统" | "未入统" | "×" => return Ok(Some((false, None))),
        _ => {}
    }
    let stripped = word.trim_end_matches("入库").trim_end_matches("纳统").trim_start_matches("已");
    match month(&Value::Text(stripped.to_string())) {
        Ok(Some(m)) => Ok(Some((true, Some(m)))),
        _ if matches!(value, Value::Date(_)) => month(value).map(|m| m.map(|m| (true, Some(m)))),
        _ => Err(ValueProblem::Registration { text: t }),
    }
}

/// Words a ledger's status column uses beyond [`Status::parse`]: in a ledger, 续建 and 已开工
/// describe the project now (under way), and 谋划/储备 projects are in preparation.
const LEDGER_STATUS: [(&str, Status); 9] = [
    ("已开工", Status::UnderConstruction),
    ("续建", Status::UnderConstruction),
    ("新开工", Status::UnderConstruction),
    ("开工建设", Status::UnderConstruction),
    ("谋划", Status::Preparing),
    ("谋划中", Status::Preparing),
    ("储备", Status::Preparing),
    ("已投用", Status::Completed),
    ("建成投用", Status::Completed),
];

/// A status by its label, code, the shared synonyms, or a ledger's words.
pub(super) fn status(text: &str) -> Option<Status> {
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    Status::parse(&squeezed).or_else(|| LEDGER_STATUS.iter().find(|(w, _)| *w == squeezed).map(|(_, s)| *s))
}

/// Keywords of each category, most specific first (`污水管网` is a pipe network, `污水处理厂`
/// sewage treatment; `供热管网` a pipe network).
const KEYWORDS: &[(&str, &str)] = &[
    ("棚户区", "shantytown"),
    ("棚改", "shantytown"),
    ("老旧小区", "old_estates"),
    ("背街小巷", "back_alleys"),
    ("管网", "pipes"),
    ("管廊", "pipes"),
    ("污水", "sewage"),
    ("供热", "heating"),
    ("内涝", "flood_control"),
    ("排涝", "flood_control"),
    ("海绵城市", "flood_control"),
    ("垃圾", "refuse"),
    ("养老", "elderly_care"),
    ("托育", "childcare"),
    ("学校", "schools"),
    ("中学", "schools"),
    ("小学", "schools"),
    ("幼儿园", "schools"),
    ("学院", "schools"),
    ("医院", "hospitals"),
    ("卫生院", "hospitals"),
    ("卫生服务中心", "hospitals"),
    ("疾控", "public_health"),
    ("公共卫生", "public_health"),
    ("公园", "parks"),
    ("绿道", "parks"),
    ("绿地", "parks"),
    ("客运站", "transit_hubs"),
    ("枢纽", "transit_hubs"),
    ("智慧交通", "smart_transport"),
    ("道路", "roads"),
    ("大道", "roads"),
    ("路网", "roads"),
    ("立交", "roads"),
    ("大桥", "roads"),
    ("园区", "industrial_parks"),
    ("开发区", "industrial_parks"),
    ("产业园", "industrial_parks"),
    ("商圈", "commerce"),
    ("步行街", "commerce"),
    ("综合体", "commerce"),
    ("特色小镇", "towns"),
    ("小城镇", "towns"),
    ("消防", "disaster_prevention"),
    ("应急", "disaster_prevention"),
    ("人防", "disaster_prevention"),
    ("博物馆", "culture"),
    ("文化", "culture"),
    ("社区", "communities"),
];

/// The category a project's name suggests, else its content, else `"other"`.
pub(super) fn category(name: &str, content: Option<&str>) -> &'static str {
    [Some(name), content]
        .into_iter()
        .flatten()
        .find_map(|text| KEYWORDS.iter().find(|(k, _)| text.contains(k)).map(|(_, code)| *code))
        .unwrap_or("other")
}

#[cfg(test)]
mod tests {
    use super::{KEYWORDS, Value, amount, category, finish, status, years};
    use crate::domain::{CATEGORIES, Status};
    use crate::import::CellDate;

    #[test]
    fn amounts_in_wan() {
        let t = |s: &str| Value::Text(s.into());
        assert_eq!(amount(&t("18,200万元"), "万元"), Ok(Some(18_200.0)));
        assert_eq!(amount(&t("1.82亿元"), "万元").map(|v| v.map(f64::round)), Ok(Some(18_200.0)));
        assert_eq!(amount(&t("—"), "万元"), Ok(None));
        assert_eq!(amount(&Value::Number(1.5), "亿元"), Ok(Some(15_000.0)));
        assert!(amount(&t("待定"), "万元").is_err());
        assert!(amount(&Value::Number(-3.0), "万元").is_err());
        assert!(amount(&Value::Number(f64::NAN), "万元").is_err());
        assert!(amount(&Value::Number(2e12), "万元").is_err());
        assert!(amount(&Value::Percent(0.5), "万元").is_err());
        let wrong = amount(&t("12米"), "万元").unwrap_err();
        assert!(
            matches!(&wrong, crate::import::plan::ValueProblem::Amount { text, .. } if text == "12米"),
            "{wrong:?}"
        );
    }

    #[test]
    fn years_finish_and_status() {
        let t = |s: &str| Value::Text(s.into());
        assert_eq!(years(&t("2024-2026")), Ok((Some(2024), Some(2026))));
        assert_eq!(years(&t("2024—2026年")), Ok((Some(2024), Some(2026))));
        assert_eq!(years(&t("2024.03-2026.12")), Ok((Some(2024), Some(2026))));
        assert_eq!(years(&Value::Number(2026.0)), Ok((None, Some(2026))));
        assert_eq!(years(&t("2027年")), Ok((None, Some(2027))));
        assert_eq!(years(&t("3年")), Ok((None, None)));
        assert!(years(&t("2026-2024")).is_err());
        let date = Value::Date(CellDate { year: 2026, month: 12, day: 1, seconds: 0 });
        assert_eq!(finish(&date), Ok(Some("2026-12".into())));
        for (word, s) in [
            ("在建", Status::UnderConstruction),
            ("已开工", Status::UnderConstruction),
            ("续建", Status::UnderConstruction),
            ("谋划", Status::Preparing),
            ("前期", Status::Preparing),
            ("竣工", Status::Completed),
            ("完工", Status::Completed),
            ("停工", Status::Suspended),
            ("缓建", Status::Suspended),
            ("未开工", Status::NotStarted),
        ] {
            assert_eq!(status(word), Some(s), "{word}");
        }
        assert_eq!(status("开工了"), None);
    }

    #[test]
    fn categories_by_keyword() {
        for (_, code) in KEYWORDS {
            assert!(CATEGORIES.iter().any(|c| c.code == *code), "{code}");
        }
        assert_eq!(category("钟山区雨污分流管网改造", None), "pipes");
        assert_eq!(category("水城区第二污水处理厂", None), "sewage");
        assert_eq!(category("市第一人民医院住院楼", None), "hospitals");
        assert_eq!(category("凉都大道延伸段", None), "roads");
        assert_eq!(category("明湖片区改造", Some("棚户区改造1200户")), "shantytown");
        assert_eq!(category("某某工程", Some("办公楼")), "other");
    }
}
