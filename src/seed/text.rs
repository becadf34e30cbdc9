//! Small text helpers for the plan's prose: numbers, years, splitting lists at depth zero.

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
    use super::{first_number, split_top_level, stated_period, trailing_quantity};

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
