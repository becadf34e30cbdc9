//! The shape of a plan's text: its title and period, its headings (第X章, 第X节, 一、, （一）,
//! 1.), its 专栏 boxes and the numbered items inside a paragraph.

/// Chinese numerals as headings print them.
const NUMERALS: &str = "零一二三四五六七八九十百";

/// A heading's depth: 第X章 1, 第X节 2, 一、 3, （一） 4, a short `1.` line 5.
pub(super) fn heading_level(line: &str) -> Option<u8> {
    let line = line.trim().trim_end_matches('|').trim();
    if line.is_empty() || line.chars().count() > 60 || line.trim_end_matches('。').contains('。') {
        return None;
    }
    if let Some(rest) = line.strip_prefix('第') {
        let n = rest.chars().take_while(|c| NUMERALS.contains(*c) || c.is_ascii_digit()).count();
        let after = rest.chars().nth(n);
        if n > 0 {
            return match after {
                Some('章' | '篇' | '部') => Some(1),
                Some('节') => Some(2),
                _ => None,
            };
        }
    }
    if is_item(line) {
        return None;
    }
    let numeral = line.chars().take_while(|c| NUMERALS.contains(*c)).count();
    if numeral > 0 && line.chars().nth(numeral) == Some('、') {
        return Some(3);
    }
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(rest) = line.strip_prefix(open) {
            let n = rest.chars().take_while(|c| NUMERALS.contains(*c)).count();
            if n > 0 && rest.chars().nth(n) == Some(close) {
                return Some(4);
            }
        }
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let after = line.chars().nth(digits);
    let short = line.chars().count() <= 30 && !line.contains([',', '，', ';', '；']);
    (digits > 0 && matches!(after, Some('.' | '．' | '、')) && short && !line.ends_with('。')).then_some(5)
}

/// A heading's words without its numbering and a closing colon: `（二）水城区：` → `水城区`.
pub(super) fn heading_text(line: &str) -> &str {
    let line = line.trim();
    line[marker_len(line)..].trim().trim_end_matches(['：', ':']).trim_end()
}

/// The length in bytes of the numbering `text` opens with (`（二）`, `3.`, `二、`), 0 for none.
fn marker_len(text: &str) -> usize {
    let numeral = |c: char| NUMERALS.contains(c) || c.is_ascii_digit() || ('０'..='９').contains(&c);
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(rest) = text.strip_prefix(open)
            && let Some(end) = rest.find(close)
            && end > 0
            && rest[..end].chars().all(numeral)
        {
            return open.len_utf8() + end + close.len_utf8();
        }
    }
    let digits: usize = text.chars().take_while(|c| numeral(*c)).map(char::len_utf8).sum();
    match text[digits..].chars().next() {
        Some(sep @ ('、' | '.' | '．')) if digits > 0 => digits + sep.len_utf8(),
        _ => 0,
    }
}

/// The length in bytes of the number an item opens with (`3. `, `二、`, `（4）`), spaces after
/// it included; `None` when it opens with none.
pub(super) fn item_marker(text: &str) -> Option<usize> {
    let len = marker_len(text);
    let spaces = text[len..].len() - text[len..].trim_start().len();
    (len > 0).then_some(len + spaces)
}

/// Whether a numbered line is an item of a list rather than a heading: it states a target
/// (`三、新建公共停车位800个。`), names a project (`1.谋道小学综合楼建设项目`) or ends as a
/// sentence does.
fn is_item(line: &str) -> bool {
    line.ends_with(['。', '；', ';'])
        || !super::words::quantities(line).is_empty()
        || (["项目", "工程"].iter().any(|t| heading_text(line).ends_with(t)) && !heading_text(line).contains('、'))
}

/// The box a line opens: `专栏6 城镇“四改”专项行动目标任务 |` → its title as printed.
pub(super) fn box_title(line: &str) -> Option<&str> {
    let title = line.trim().trim_end_matches('|').trim();
    let rest = title.strip_prefix("专栏")?;
    let numbered = rest.chars().next().is_some_and(|c| c.is_ascii_digit() || NUMERALS.contains(c));
    (numbered && title.chars().count() <= 60 && !title.contains('。')).then_some(title)
}

/// The numbered items of a paragraph (`1. 棚户区改造。… 2. 老旧小区改造。…`): byte ranges of
/// each item's text (after its number) and its heading as printed (`1. 棚户区改造`). A number
/// counts only in sequence and at the start or after a space or a full stop.
pub(super) fn items(text: &str) -> Vec<(usize, usize, String)> {
    // A line may open with a later number (a PDF's wrapped line: 3.甲项目4.乙项目): its items
    // run in sequence from there, two at least.
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    let marked = text[digits.len()..].starts_with(['.', '．', '、']);
    let opening: u32 = if marked { digits.parse().unwrap_or(1) } else { 1 };
    let mut marks = marks_from(text, opening.max(1));
    if marks.len() < 2 && opening > 1 {
        marks = marks_from(text, 1);
    }
    let mut out = Vec::new();
    for (n, &(_, body, k)) in marks.iter().enumerate() {
        let end = marks.get(n + 1).map_or(text.len(), |m| m.0);
        let item = &text[body..end];
        let lead = item.len() - item.trim_start().len();
        let item_text = item.trim();
        let title = item_text
            .split_once('。')
            .map(|(t, _)| t.trim())
            .filter(|t| t.chars().count() <= 30 && !t.contains([',', '，', ':', '：', '、']))
            .map_or_else(|| format!("{k}."), |t| format!("{k}. {t}"));
        out.push((body + lead, body + lead + item_text.len(), title));
    }
    out
}

/// The items marked in sequence from `first`: (marker start, text start, number).
fn marks_from(text: &str, first: u32) -> Vec<(usize, usize, u32)> {
    let mut marks = Vec::new();
    let mut from = 0;
    for k in first.. {
        let Some((p, body)) = item_mark(text, k, from, k == first) else { break };
        marks.push((p, body, k));
        from = body;
    }
    marks
}

/// Where item `k` is marked in `text` after `from`: `k.`, `k、` or `(k)`/`（k）` at the start, after
/// a full stop or semicolon (or a colon, for the first), or after a space; (marker start, text
/// start). The first after a full stop opens the items of a lead sentence.
fn item_mark(text: &str, k: u32, from: usize, first: bool) -> Option<(usize, usize)> {
    let digits = k.to_string();
    let dotted = text[from..].match_indices(digits.as_str()).map(|(p, _)| from + p).find_map(|p| {
        let after = &text[p + digits.len()..];
        let sep = ['.', '．', '、'].into_iter().find(|s| after.starts_with(*s))?;
        let next = after[sep.len_utf8()..].chars().next();
        let before = text[..p].trim_end_matches(' ');
        // The first may follow a lead sentence on its line (五、充电设施项目。1.在…;2.在…).
        let starts = if first {
            before.trim_start_matches('|').trim().is_empty() || (k == 1 && p > 0 && before.ends_with('。'))
        } else {
            // After a project's name too: a PDF joins a wrapped line to the next (…项目4.乙…).
            p > 0
                && (before.len() < p
                    || before.ends_with(['。', '|', ';', '；'])
                    || before.ends_with("项目")
                    || before.ends_with("工程"))
        };
        (starts && !next.is_some_and(|c| c.is_ascii_digit())).then_some((p, p + digits.len() + sep.len_utf8()))
    });
    let bracketed = [("(", ")"), ("（", "）")].into_iter().find_map(|(open, close)| {
        let mark = format!("{open}{digits}{close}");
        text[from..]
            .match_indices(mark.as_str())
            .map(|(p, _)| from + p)
            .find(|&p| {
                let before = text[..p].trim_end_matches([' ', '\u{3000}']);
                before.is_empty()
                    || before.len() < p
                    || before.ends_with(['。', ';', '；', '|'])
                    || (k == 1 && before.ends_with([':', '：']))
            })
            .map(|p| (p, p + mark.len()))
    });
    match (dotted, bracketed) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// Words that make a short line a document's title.
const TITLE_WORDS: &[&str] =
    &["规划", "纲要", "计划", "方案", "民生实事", "实事项目", "工作报告", "重点项目", "项目清单", "工作要点", "清单"];

/// The title of the plan: the first short line (or `|`-separated cell of the file's header
/// block) that names a 规划, 纲要, 计划, 方案, 民生实事 list, 工作报告… and is not a sentence.
pub(super) fn title(text: &str) -> Option<String> {
    let cells = text.lines().take(40).flat_map(|l| l.split('|')).map(|c| {
        let c = c.trim();
        // A header block's label: `名 称:`.
        c.split_once([':', '：']).filter(|(label, _)| label.chars().count() <= 6).map_or(c, |(_, v)| v.trim())
    });
    // A title counts no things (提交的10个民生实事候选项目 is a sentence of the story).
    let mut cells = cells.filter(|c| {
        !c.is_empty()
            && c.chars().count() <= 60
            && !c.contains(['。', ',', '，'])
            && super::words::quantities(c).is_empty()
    });
    cells.find(|c| TITLE_WORDS.iter().any(|w| c.contains(w))).map(str::to_string)
}

/// The five-year period a name like 十四五 stands for: 十四五 → 2021–2025, 十五五 → 2026–2030.
pub(super) fn five_year_period(text: &str) -> Option<(i32, i32)> {
    const ORDINALS: [(&str, i32); 6] =
        [("十一五", 11), ("十二五", 12), ("十三五", 13), ("十四五", 14), ("十五五", 15), ("十六五", 16)];
    let (_, n) = ORDINALS.iter().find(|(w, _)| text.contains(w))?;
    let start = 2021 + 5 * (n - 14);
    Some((start, start + 4))
}

#[cfg(test)]
mod tests {
    use super::{box_title, five_year_period, heading_level, items, title};

    #[test]
    fn headings_by_their_numbering() {
        assert_eq!(heading_level("第三章优化城镇空间布局完善城镇发展体系"), Some(1));
        assert_eq!(heading_level("第一节深入实施城镇“四改”"), Some(2));
        assert_eq!(heading_level("一、优化市中心城区空间布局"), Some(3));
        assert_eq!(heading_level("（二）老旧小区改造"), Some(4));
        assert_eq!(heading_level("1. 城区道路"), Some(5));
        assert_eq!(heading_level("1. 重点推进A、B等项目建设。"), None);
        assert_eq!(heading_level("强力推进棚户区改造。科学编制和有序实施市县两级棚户区改造专项规划。"), None);
        assert_eq!(box_title("专栏6 城镇“四改”专项行动目标任务 |"), Some("专栏6 城镇“四改”专项行动目标任务"));
        assert_eq!(box_title("专栏一 主要指标"), Some("专栏一 主要指标"));
        assert_eq!(box_title("专栏目录"), None);
    }

    #[test]
    fn items_in_sequence_only() {
        let text = "1. 棚户区改造。年产1.5万吨 2. 老旧小区改造。到2025年 3.背街小巷";
        let found: Vec<_> = items(text).into_iter().map(|(s, e, t)| (text[s..e].to_string(), t)).collect();
        assert_eq!(found[0], ("棚户区改造。年产1.5万吨".to_string(), "1. 棚户区改造".to_string()));
        assert_eq!(found[1].1, "2. 老旧小区改造");
        assert_eq!(found[2], ("背街小巷".to_string(), "3.".to_string()));
        assert!(items("全市共5.69万户").is_empty());
    }

    #[test]
    fn title_and_period() {
        let text = "索 引 号: | 000014349 |\n名 称: | 六盘水市“十四五”新型城镇化发展规划 |\n目 录\n";
        assert_eq!(title(text).as_deref(), Some("六盘水市“十四五”新型城镇化发展规划"));
        assert_eq!(
            title("某市城市更新行动计划(2026—2030年)\n第一章 总则\n").as_deref(),
            Some("某市城市更新行动计划(2026—2030年)")
        );
        assert_eq!(five_year_period("六盘水市“十四五”新型城镇化发展规划"), Some((2021, 2025)));
        assert_eq!(five_year_period("“十五五”规划"), Some((2026, 2030)));
        assert_eq!(five_year_period("城市更新行动计划"), None);
    }
}
