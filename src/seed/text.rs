//! Small text helpers for the plan's prose: numbers, years, qualifiers, splitting lists at depth zero.

use crate::domain::{Comparator, QUALIFIERS_AFTER, QUALIFIERS_BEFORE};

/// `text` without the qualifier word at its end, and that qualifier:
/// "各市(特区、区)、六盘水高新区至少" → ("各市(特区、区)、六盘水高新区", at least).
pub fn split_trailing_qualifier(text: &str) -> (&str, Option<Comparator>) {
    let text = text.trim_end();
    QUALIFIERS_BEFORE
        .iter()
        .find_map(|&(w, c)| text.strip_suffix(w).map(|rest| (rest, Some(c))))
        .unwrap_or((text, None))
}

/// `text` without the qualifier word at its start, and that qualifier:
/// "以上托育机构" → ("托育机构", at least).
pub fn split_leading_qualifier(text: &str) -> (&str, Option<Comparator>) {
    let text = text.trim_start();
    QUALIFIERS_AFTER.iter().find_map(|&(w, c)| text.strip_prefix(w).map(|rest| (rest, Some(c)))).unwrap_or((text, None))
}

/// The qualifier of a number from the text just before it and just after it (after its unit):
/// ("覆盖率大于", "") → more than; ("建成", "以上托育机构") → at least.
pub fn qualifier_around(before: &str, after: &str) -> Option<Comparator> {
    split_trailing_qualifier(before).1.or(split_leading_qualifier(after).1)
}

/// The qualifier of the first number in a table cell: `100左右` → about, `[33]以上` → at least,
/// `0.04以内` → at most, `48.87` → none.
pub fn cell_qualifier(cell: &str) -> Option<Comparator> {
    let start = cell.find(|c: char| c.is_ascii_digit())?;
    let rest = &cell[start..];
    let end = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
    qualifier_around(cell[..start].trim_end_matches('['), rest[end..].trim_start_matches(']'))
}

/// Splits `text` at any of `seps`, except inside (), （）, “” or 《》, and at protected phrases.
pub fn split_top_level<'a>(text: &'a str, seps: &[&str], protected: &[&str]) -> Vec<&'a str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let mut i = 0;
    let bytes_len = text.len();
    'outer: while i < bytes_len {
        let rest = &text[i..];
        for phrase in protected {
            if rest.starts_with(phrase) {
                i += phrase.len();
                continue 'outer;
            }
        }
        let Some(c) = rest.chars().next() else { break };
        match c {
            '(' | '（' | '“' | '《' => depth += 1,
            ')' | '）' | '”' | '》' => depth -= 1,
            _ => {}
        }
        if depth <= 0
            && let Some(sep) = seps.iter().find(|s| rest.starts_with(**s))
        {
            parts.push(&text[start..i]);
            i += sep.len();
            start = i;
            continue;
        }
        i += c.len_utf8();
    }
    parts.push(&text[start..]);
    parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect()
}

/// The four-digit years in `text` with the character offset after each.
fn years(text: &str) -> Vec<(usize, i32)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= chars.len() {
        let window: String = chars[i..i + 4].iter().collect();
        let bounded =
            (i == 0 || !chars[i - 1].is_ascii_digit()) && chars.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        if bounded && window.starts_with("20") && window.chars().all(|c| c.is_ascii_digit()) {
            if let Ok(y) = window.parse() {
                out.push((i + 4, y));
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    out
}

/// The period a sentence states: `2022—2025年` gives (Some(2022), 2025); `到2023年` and
/// `2023年底前` give (None, 2023). `None` when the sentence names no target year.
pub fn stated_period(sentence: &str) -> Option<(Option<i32>, i32)> {
    let ys = years(sentence);
    let chars: Vec<char> = sentence.chars().collect();
    for w in ys.windows(2) {
        let ((after_a, a), (_, b)) = (w[0], w[1]);
        if matches!(chars.get(after_a), Some('—' | '-' | '–' | '~' | '至')) && b > a {
            return Some((Some(a), b));
        }
    }
    ys.into_iter().find(|&(after, _)| chars.get(after) == Some(&'年')).map(|(_, y)| (None, y))
}

/// A number at the end of `text` followed by one of `units`: ("地下人防工程", 45.0, "万平方米").
pub fn trailing_quantity<'a>(text: &'a str, units: &[&'a str]) -> Option<(&'a str, f64, &'a str)> {
    let unit = units.iter().filter(|u| text.ends_with(**u)).max_by_key(|u| u.len())?;
    let head = &text[..text.len() - unit.len()];
    let num_start =
        head.char_indices().rev().take_while(|(_, c)| c.is_ascii_digit() || *c == '.').last().map(|(i, _)| i)?;
    let value: f64 = head[num_start..].parse().ok()?;
    Some((&head[..num_start], value, unit))
}

/// The first number in `text` (digits with an optional decimal point).
pub fn first_number(text: &str) -> Option<f64> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let rest = &text[start..];
    let end = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
    rest[..end].trim_end_matches('.').parse().ok()
}

#[cfg(test)]
mod tests {
    use super::{
        cell_qualifier, first_number, qualifier_around, split_leading_qualifier, split_top_level,
        split_trailing_qualifier, stated_period, trailing_quantity,
    };
    use crate::domain::Comparator;

    #[test]
    fn qualifiers_before_and_after_a_number() {
        assert_eq!(qualifier_around("公园绿地服务半径覆盖率大于", ""), Some(Comparator::MoreThan));
        assert_eq!(qualifier_around("建成", "以上托育机构"), Some(Comparator::AtLeast));
        assert_eq!(qualifier_around("建成不少于", "托位"), Some(Comparator::AtLeast));
        assert_eq!(qualifier_around("控制在不超过", ""), Some(Comparator::AtMost));
        assert_eq!(qualifier_around("覆盖率达", ""), None);
        assert_eq!(cell_qualifier("100左右"), Some(Comparator::About));
        assert_eq!(cell_qualifier("[33]以上"), Some(Comparator::AtLeast));
        assert_eq!(cell_qualifier("0.04以内"), Some(Comparator::AtMost));
        assert_eq!(cell_qualifier("[3.93]"), None);
        assert_eq!(cell_qualifier("年均增长1—2个 百分点"), None);
        assert_eq!(cell_qualifier("——"), None);
        assert_eq!(split_trailing_qualifier("六盘水高新区至少"), ("六盘水高新区", Some(Comparator::AtLeast)));
        assert_eq!(split_leading_qualifier("以上托育机构"), ("托育机构", Some(Comparator::AtLeast)));
        assert_eq!(split_leading_qualifier("托位"), ("托位", None));
    }

    #[test]
    fn splits_outside_brackets_only() {
        let parts = split_top_level("甲、乙(丙、丁)、戊以及己", &["、", "以及"], &[]);
        assert_eq!(parts, vec!["甲", "乙(丙、丁)", "戊", "己"]);
        let parts = split_top_level("甲、乙、丙及丁改造、戊", &["、"], &["乙、丙及丁改造"]);
        assert_eq!(parts, vec!["甲", "乙、丙及丁改造", "戊"]);
    }

    #[test]
    fn periods_and_quantities() {
        assert_eq!(stated_period("2022—2025年,全市建设改造"), Some((Some(2022), 2025)));
        assert_eq!(stated_period("2023年底前,全市"), Some((None, 2023)));
        assert_eq!(stated_period("到2025年力争打造500亿级园区"), Some((None, 2025)));
        assert_eq!(stated_period("重点推进A、B等项目建设"), None);
        assert_eq!(
            trailing_quantity("地下人防工程45万平方米", &["平方米", "万平方米"]),
            Some(("地下人防工程", 45.0, "万平方米"))
        );
        assert_eq!(trailing_quantity("年产5万吨氧化锌", &["公里"]), None);
        assert_eq!(first_number("大于80%"), Some(80.0));
    }
}
