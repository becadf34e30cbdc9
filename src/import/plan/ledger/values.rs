//! One ledger cell read as the field it sits in: free text, an amount in 万元 (`18,200万元`,
//! `1.82亿元`), 建设年限, a completion month, a status; and the category a project's words
//! suggest. A value that cannot be read returns its message in both languages.

use crate::domain::{AmountError, MAX_NUMBER, Period, Status, format_quantity, parse_amount, split_quantity};
use crate::import::Value;

/// A message in both languages.
pub(super) type Msg = (String, String);

/// Cells that say "nothing" in a number column.
const NOTHING: [&str; 7] = ["-", "—", "——", "－", "/", "无", "—/—"];

fn error_msg(error: &str) -> Msg {
    (
        format!("单元格是错误值 {error}:请改正公式或直接填写"),
        format!("The cell is the error value {error}: fix the formula or type the value"),
    )
}

fn bool_msg(b: bool) -> Msg {
    let word = if b { "TRUE" } else { "FALSE" };
    (
        format!("“{word}”是逻辑值,不是这一列要填的内容"),
        format!("{word} is a true/false value, not what this column takes"),
    )
}

/// A text column: anything but an error value or a boolean is text (a number as printed).
pub(super) fn text(value: &Value) -> Result<Option<String>, Msg> {
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
pub(super) fn amount(value: &Value, unit: &str) -> Result<Option<f64>, Msg> {
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
            Err(e) => return Err(e.message(t.trim(), Some(unit))),
        },
        Value::Percent(_) => {
            let shown = value.text();
            return Err((
                format!("“{shown}”是百分比:这里应填写金额({unit})"),
                format!("{shown} is a percentage: give the amount in {unit}"),
            ));
        }
        Value::Date(_) | Value::Time(_) => {
            let shown = value.text();
            return Err((
                format!("“{shown}”是日期或时间,不是金额:请填写金额({unit})"),
                format!("{shown} is a date or time, not an amount: give the amount in {unit}"),
            ));
        }
        Value::Bool(b) => return Err(bool_msg(*b)),
        Value::Error(e) => return Err(error_msg(e)),
    };
    if !wan.is_finite() {
        Err(("不是有效数字(NaN 或无穷大)".into(), "Not a valid number (NaN or infinity)".into()))
    } else if wan < 0.0 {
        let v = format_quantity(wan);
        Err((format!("投资 {v} 万元为负数:投资不能为负"), format!("{v} 万元 is negative: an investment cannot be")))
    } else if wan > MAX_NUMBER {
        Err((
            format!("数值 {wan:e} 过大,请检查单位和数字"),
            format!("{wan:e} is far too large; check the number and its unit"),
        ))
    } else {
        Ok(Some(wan))
    }
}

/// 建设年限: `2024-2026`, `2024—2026年`, `2024.03-2026.12` → (start, target); one year →
/// target only; a number cell 2026 → target. Text naming no year (`3年`) gives neither.
pub(super) fn years(value: &Value) -> Result<(Option<i32>, Option<i32>), Msg> {
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
        [start, .., target] => Err((
            format!("建设年限的开始年份 {start} 晚于结束年份 {target}"),
            format!("The start year {start} is after the end year {target}"),
        )),
    }
}

/// 计划完工时间: a date cell as its month (`2026-12`), anything else as printed.
pub(super) fn finish(value: &Value) -> Result<Option<String>, Msg> {
    match value {
        Value::Date(d) => Ok(Some(format!("{:04}-{:02}", d.year, d.month))),
        Value::Percent(_) => {
            let shown = value.text();
            Err((format!("“{shown}”是百分比,不是时间"), format!("{shown} is a percentage, not a date")))
        }
        other => text(other),
    }
}

/// A month cell (计划开工时间, 入库时间): a date cell, or text such as `2026-03`, `2026年3月`,
/// `2026.3`; a year alone is not a month.
pub(super) fn month(value: &Value) -> Result<Option<Period>, Msg> {
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
                .ok_or_else(|| (format!("“{t}”不是月份(如 2026-03)"), format!("{t:?} is not a month (e.g. 2026-03)")))
        }
    }
}

/// 项目代码, checked ([`crate::domain::check_project_code`]).
pub(super) fn project_code(value: &Value) -> Result<Option<String>, Msg> {
    match text(value)? {
        None => Ok(None),
        Some(t) => crate::domain::check_project_code(&t).map(Some).map_err(|p| (p.zh(), p.en())),
    }
}

/// 入库: 是/已入库/否/未入库, or the month it was registered (which means yes).
pub(super) fn registered(value: &Value) -> Result<Option<(bool, Option<Period>)>, Msg> {
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
        _ => Err((
            format!("入库“{t}”无法识别:请填写 是、否 或入库月份"),
            format!("Registration {t:?} is not known: write 是, 否 or the month"),
        )),
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
        assert!(amount(&t("12米"), "万元").unwrap_err().0.contains("米"));
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
