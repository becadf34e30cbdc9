//! 专栏1: the 35 indicators, read from the plan's table (one cell a line, ending in " |", some
//! in " | |" where the table's layout closed two cells on one line).

use crate::domain::Indicator;

use super::text::{cell_qualifier, first_number};

/// Words of a 2025 cell that states a change per year rather than a level
/// (常住人口城镇化率: 年均增长1—2个百分点).
const PER_YEAR: &str = "年均";

/// A cell as printed, without the table's column separators and the spaces around them.
fn cell_text(line: &str) -> &str {
    line.trim().trim_end_matches(|c: char| c == '|' || c.is_whitespace())
}

/// Reads the indicator table that follows the `专栏1` heading, up to the `注:` line.
pub fn parse_indicators(plan: &str, problems: &mut Vec<String>) -> Vec<Indicator> {
    let Some(start) = plan.find("专栏1") else {
        problems.push("专栏1 not found".into());
        return Vec::new();
    };
    let cells: Vec<&str> = plan[start..]
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with("注:") && !l.starts_with("注："))
        .map(cell_text)
        .filter(|c| !c.is_empty())
        .collect();
    // Header cells: 类别 序号 指标名称 2020年 2025年.
    let body = cells.get(5..).unwrap_or_default();
    let mut out = Vec::new();
    let mut group = String::new();
    let mut i = 0;
    while i < body.len() {
        let expected = out.len() + 1;
        if body[i] == expected.to_string() && i + 3 < body.len() {
            let (name, unit) = split_unit(body[i + 1]);
            let (v2020, t2025) = (body[i + 2], body[i + 3]);
            // A rise per year is no level for 2025: its figures stay in the text only.
            let per_year = t2025.contains(PER_YEAR);
            out.push(Indicator {
                number: u8::try_from(expected).unwrap_or(u8::MAX),
                group: group.clone(),
                name,
                unit,
                value_2020_text: v2020.to_string(),
                value_2020: first_number(v2020),
                value_2020_comparator: cell_qualifier(v2020),
                target_2025_text: t2025.to_string(),
                target_2025: first_number(t2025).filter(|_| !per_year),
                target_2025_comparator: cell_qualifier(t2025).filter(|_| !per_year),
                cumulative: t2025.contains('['),
            });
            i += 4;
        } else {
            group = body[i].to_string();
            i += 1;
        }
    }
    if out.len() != 35 {
        problems.push(format!("专栏1: expected 35 indicators, read {}", out.len()));
    }
    out
}

/// `城镇化投资(亿元)` → ("城镇化投资", Some("亿元")); the last parenthesised part is the unit.
fn split_unit(name: &str) -> (String, Option<String>) {
    if let Some(open) = name.rfind('(')
        && name.ends_with(')')
        && open > 0
    {
        let unit = &name[open + 1..name.len() - 1];
        return (name[..open].to_string(), Some(unit.to_string()));
    }
    (name.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::{parse_indicators, split_unit};
    use crate::domain::Comparator;
    use crate::seed::PLAN_TEXT;

    fn indicators() -> Vec<crate::domain::Indicator> {
        let mut problems = Vec::new();
        let ind = parse_indicators(PLAN_TEXT, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        ind
    }

    #[test]
    fn no_cell_keeps_the_table_layout() {
        // Issue 10, defect 6: 29 texts ended in a stray " |".
        for i in indicators() {
            for text in [&i.value_2020_text, &i.target_2025_text, &i.name, &i.group] {
                assert!(!text.ends_with('|') && text.trim() == text.as_str(), "{}: {text:?}", i.number);
            }
        }
    }

    #[test]
    fn urbanisation_rate_rises_per_year_and_has_no_2025_level() {
        // Issue 10, defect 5: "年均增长1—2个百分点" is a rise per year, not a level of 1 %.
        let rate = &indicators()[0];
        assert_eq!(rate.name, "常住人口城镇化率");
        assert_eq!(rate.target_2025_text, "年均增长1—2个 百分点");
        assert_eq!((rate.target_2025, rate.target_2025_comparator), (None, None));
        assert_eq!(rate.value_2020, Some(48.87));
    }

    #[test]
    fn qualifiers_stay_with_their_numbers() {
        // Issue 10, defect 7: "100左右", "50以上", "0.04以内" lost their words.
        let ind = indicators();
        let target = |n: usize| (ind[n - 1].target_2025, ind[n - 1].target_2025_comparator);
        assert_eq!(target(2), (Some(100.0), Some(Comparator::About)));
        assert_eq!(target(3), (Some(50.0), Some(Comparator::AtLeast)));
        assert_eq!(target(5), (Some(33.0), Some(Comparator::AtLeast)));
        assert!(ind[4].cumulative);
        assert_eq!(target(6), (Some(8.0), None));
        assert_eq!(target(31), (Some(0.04), Some(Comparator::AtMost)));
        assert_eq!(target(35), (Some(2.8), Some(Comparator::About)));
        assert_eq!((ind[1].value_2020, ind[1].value_2020_comparator), (Some(86.0), Some(Comparator::About)));
        assert_eq!(ind[0].value_2020_comparator, None);
        let qualified = ind.iter().filter(|i| i.target_2025_comparator.is_some()).count();
        let worded = ind.iter().filter(|i| i.target_2025_text.contains(['上', '右', '内'])).count();
        assert_eq!(qualified, worded);
    }

    #[test]
    fn reads_all_35_indicators_with_groups_and_brackets() {
        let mut problems = Vec::new();
        let ind = parse_indicators(PLAN_TEXT, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(ind.len(), 35);
        assert_eq!(ind[0].group, "城镇承载力");
        assert_eq!(ind[12].name, "城市管网建设改造");
        assert_eq!(ind[12].unit.as_deref(), Some("公里"));
        assert_eq!(ind[12].target_2025, Some(810.0));
        assert!(ind[12].cumulative);
        assert!(!ind[13].cumulative);
        assert_eq!(ind[34].group, "城乡融合发展");
        assert_eq!(ind[34].target_2025_text, "2.8左右");
        assert_eq!(ind[7].value_2020, None);
    }

    #[test]
    fn unit_comes_from_the_last_parentheses() {
        assert_eq!(split_unit("城市(县城)生活污水处理率(%)"), ("城市(县城)生活污水处理率".into(), Some("%".into())));
        assert_eq!(split_unit("城乡居民可支配收入比"), ("城乡居民可支配收入比".into(), None));
    }
}
