//! 专栏1: the 35 indicators, read from the plan's table (one cell a line, ending in " |").

use crate::domain::Indicator;

use super::text::first_number;

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
        .map(|l| l.trim().trim_end_matches('|').trim())
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
            out.push(Indicator {
                number: u8::try_from(expected).unwrap_or(u8::MAX),
                group: group.clone(),
                name,
                unit,
                value_2020_text: v2020.to_string(),
                value_2020: first_number(v2020),
                target_2025_text: t2025.to_string(),
                target_2025: first_number(t2025),
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
    use crate::seed::PLAN_TEXT;

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
