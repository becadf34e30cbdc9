//! The plan document importer: reads a plan's text (`.txt`, `.docx`, `.pdf` with a text layer)
//! and proposes draft projects from its sentences: one row per named project of a list
//! (重点推进A、B、C等项目建设), one per quantity target (改造雨污分流管网0.4公里), one per place
//! where a sentence shares a target out (钟山区20公里、水城区15公里). Every row keeps its clause,
//! paragraph and line so the reviewer can check it. The only knowledge of a city is the
//! gazetteer it is given. Nothing here touches the database or the UI.

mod extract;
mod outline;
mod read;
mod words;

use crate::domain::Gazetteer;

use super::{DraftNote, DraftSource, NoteKind, PlanDraft};
use extract::{Extractor, Read, Scope};
use outline::{box_title, five_year_period, heading_level, heading_text, item_marker, items, title};

/// The first number with its unit in `text` (`新建停车位800个` → 800 个), for a draft made by hand.
pub(crate) fn first_quantity(text: &str) -> Option<(f64, &'static str)> {
    words::quantities(text).into_iter().find(|q| !q.nested).map(|q| (q.value, q.unit))
}

/// The category a text's keywords suggest, else `"other"`.
pub(crate) fn suggest_category_of(text: &str) -> &'static str {
    words::suggest_category(&[text])
}

pub use read::{
    DocumentError, MAX_DOCUMENT, MAX_LINE_CHARS, MAX_LINES, PDF_CHILD_ARG, document_text, pdf_child, read_document,
    read_pdfs_apart,
};

/// A 专栏 box being read.
struct OpenBox {
    /// Its title as printed; `None` for a box printed without one.
    title: Option<String>,
    /// An indicator table (主要指标): not projects.
    indicators: bool,
}

/// Proposes draft projects from a plan's text. `places` are the places the plan knows; a row's
/// place is one of them, where its sentence names one.
pub fn draft_from_text(text: &str, places: &Gazetteer) -> PlanDraft {
    let text = &plain_lines(text);
    let title = title(text);
    // A list titled for one year (2026年民生实事项目) is due in that year; so is one whose
    // opening lines name it so (…对2026年县政府民生实事项目进行了票决).
    let year_of_title = title.as_deref().and_then(single_year).or_else(|| year_of_list(text));
    let period = title
        .as_deref()
        .and_then(|t| stated_period_in(t).or_else(|| five_year_period(t)))
        .or(year_of_title.map(|y| (y, y)))
        .or_else(|| five_year_period(text));
    let mut ex = Extractor::new(places, period);
    // The headings open above a line: level, text as printed, and the place it names if it is
    // a district heading (钟山区：, （二）水城区).
    let mut headings: Vec<(u8, String, Option<String>)> = Vec::new();
    let mut open: Option<OpenBox> = None;
    let mut in_contents: Option<Vec<String>> = None;
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = raw.trim().trim_start_matches('\u{feff}');
        let content = line.trim_matches(|c: char| c == '|' || c.is_whitespace());
        // A table of contents (目录) lists headings that are not the body's: its headings end
        // with it.
        if content.chars().filter(|c| !c.is_whitespace()).eq("目录".chars()) {
            in_contents = Some(Vec::new());
            continue;
        }
        if let Some(listed) = &mut in_contents {
            // The contents end at the first plain paragraph, or at a chapter they already
            // listed (the body's own heading).
            let chapter = chapter_marker(content);
            let again = chapter.as_ref().is_some_and(|c| listed.contains(c));
            if !again && (heading_level(line).is_some() || content.is_empty()) {
                listed.extend(chapter);
                continue;
            }
            in_contents = None;
        }
        if content.is_empty() {
            // A blank line ends a box; a lone `|` (a table's border) opens an untitled one.
            open = (line.starts_with('|')).then_some(OpenBox { title: None, indicators: false });
            continue;
        }
        if let Some(t) = box_title(line) {
            let indicators = t.contains("指标");
            open = Some(OpenBox { title: Some(t.to_string()), indicators });
            continue;
        }
        if let Some(b) = &open
            && b.indicators
        {
            // An indicator table's cells end in `|`; its first plain line ends it.
            if line.ends_with('|') {
                continue;
            }
            open = None;
        }
        let place_heading = ex.place_named(heading_text(content));
        let level = heading_level(line).or(place_heading.is_some().then_some(PLACE_HEADING));
        if let Some(level) = level {
            if level <= 2 {
                open = None;
            }
            headings.retain(|(l, _, _)| *l < level);
            headings.push((level, content.to_string(), place_heading.map(str::to_string)));
            continue;
        }
        let section = match &open {
            Some(OpenBox { title: Some(t), .. }) => t.clone(),
            _ => headings.iter().map(|(_, h, _)| h.as_str()).collect::<Vec<_>>().join(" / "),
        };
        let place = headings.iter().rev().find_map(|(_, _, p)| p.as_deref());
        paragraph(&mut ex, content, &section, line_no, open.is_some(), place);
        if open.is_some() && line.ends_with('|') {
            open = None;
        }
    }
    let Read { mut rows, mut notes, unread, candidates } = ex.finish();
    if let Some(year) = year_of_title {
        let undated = rows.iter_mut().filter(|r| r.target_year.is_none()).map(|r| r.target_year = Some(year)).count();
        if undated > 0 {
            notes.push(DraftNote { line: 0, kind: NoteKind::TitleYear { year, undated } });
        }
    }
    if rows.is_empty() {
        notes.push(DraftNote { line: 0, kind: NoteKind::NoProjects });
    }
    PlanDraft {
        source: DraftSource::Document,
        title,
        start_year: period.map(|p| p.0),
        end_year: period.map(|p| p.1),
        as_of: None,
        rows,
        notes,
        problems: Vec::new(),
        unread,
        candidates,
    }
}

/// The year an annual list is for, as its opening lines name it: `2026年` just before
/// 民生实事, 实事项目 or 重点项目 (within a few characters: 2026年县政府民生实事项目).
fn year_of_list(text: &str) -> Option<i32> {
    let opening: String = text.lines().take(6).collect::<Vec<_>>().join("\n");
    let years: Vec<i32> = ["民生实事", "实事项目", "重点项目"]
        .iter()
        .flat_map(|w| opening.match_indices(w).map(|(at, _)| at))
        .filter_map(|at| {
            let before: String = opening[..at].chars().rev().take(12).collect::<Vec<_>>().into_iter().rev().collect();
            words::years_mentioned(&before).last().copied()
        })
        .collect();
    let first = *years.first()?;
    years.iter().all(|&y| y == first).then_some(first)
}

/// The text with every line ending a `\n` (old Mac files end lines with `\r` alone) and no
/// control characters: Word's vertical tab is a line break, the others (NUL, ESC, BEL, the
/// bidirectional overrides) are dropped, so no name carries them into the database or a
/// terminal.
fn plain_lines(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace(['\r', '\u{b}', '\u{c}'], "\n");
    text.chars()
        .filter(|&c| {
            c == '\n'
                || c == '\t'
                || !(c.is_control()
                    || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        })
        .collect()
}

/// The depth given to a heading that is only a place (钟山区：): below every numbered heading.
const PLACE_HEADING: u8 = 6;

/// The one year a title states (`保康县2026年县政府民生实事项目` → 2026); `None` for a period or
/// several years.
fn single_year(title: &str) -> Option<i32> {
    // Only a list for a year is due in it: a 规划 naming 2035年远景目标, or 2020年修订, is not.
    let annual =
        ANNUAL_TITLES.iter().any(|w| title.contains(w)) && !["规划", "纲要", "远景"].iter().any(|w| title.contains(w));
    let years = words::years_mentioned(title);
    match years.as_slice() {
        [year] if annual && stated_period_in(title).is_none() && !title.contains("修订") => Some(*year),
        _ => None,
    }
}

/// Words of a title that make its document a list for one year.
const ANNUAL_TITLES: &[&str] =
    &["民生实事", "实事项目", "重点项目", "工作要点", "政府工作报告", "项目清单", "任务清单", "工作计划", "项目计划"];

/// `第二章` of a chapter heading (`第二章 重点任务`).
fn chapter_marker(heading: &str) -> Option<String> {
    let end = heading.find('章')?;
    (heading.starts_with('第') && heading_level(heading) == Some(1))
        .then(|| heading[..end + '章'.len_utf8()].to_string())
}

/// A period a title states: `(2026—2030年)`.
fn stated_period_in(text: &str) -> Option<(i32, i32)> {
    words::stated_years(text).into_iter().find_map(|y| y.from.map(|f| (f, y.to)))
}

/// Reads one paragraph, item by item where it has numbered items.
fn paragraph(ex: &mut Extractor<'_>, text: &str, section: &str, line: usize, in_box: bool, place: Option<&str>) {
    let found = items(text);
    if found.is_empty() {
        // An item on a line of its own (`3. 建设100张照护床位;`): its number joins the section.
        if let Some(len) = item_marker(text) {
            let marker = text[..len].trim();
            let section = if section.is_empty() { marker.to_string() } else { format!("{section} / {marker}") };
            ex.context(&Scope { context: text[len..].trim(), section: &section, line, in_box, place, item: true });
            return;
        }
        ex.context(&Scope { context: text, section, line, in_box, place, item: false });
        return;
    }
    // Text before the first item (rare) is read as it stands; a lead sentence numbered itself
    // (五、充电设施项目。1.…) is an item whose number heads the items after it.
    let mut section = section.to_string();
    if let Some(head) = text.get(..found[0].0).map(str::trim).filter(|h| h.chars().count() > 4) {
        match item_marker(head) {
            Some(len) => {
                let marker = head[..len].trim();
                section = if section.is_empty() { marker.to_string() } else { format!("{section} / {marker}") };
                let scope = Scope { context: head[len..].trim(), section: &section, line, in_box, place, item: true };
                ex.context(&scope);
            }
            None => ex.context(&Scope { context: head, section: &section, line, in_box, place, item: false }),
        }
    }
    for (start, end, item) in found {
        let section = if section.is_empty() { item } else { format!("{section} / {item}") };
        ex.context(&Scope { context: &text[start..end], section: &section, line, in_box, place, item: true });
    }
}

#[cfg(test)]
mod tests;
