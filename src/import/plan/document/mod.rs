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

use super::{DraftNote, DraftSource, PlanDraft};
use extract::{Extractor, Scope};
use outline::{box_title, five_year_period, heading_level, items, title};

pub use read::{DocumentError, MAX_DOCUMENT, document_text, read_document};

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
    let title = title(text);
    let period = title
        .as_deref()
        .and_then(|t| stated_period_in(t).or_else(|| five_year_period(t)))
        .or_else(|| five_year_period(text));
    let mut ex = Extractor::new(places, period);
    let mut headings: Vec<(u8, String)> = Vec::new();
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
        if let Some(level) = heading_level(line) {
            if level <= 2 {
                open = None;
            }
            headings.retain(|(l, _)| *l < level);
            headings.push((level, content.to_string()));
            continue;
        }
        let section = match &open {
            Some(OpenBox { title: Some(t), .. }) => t.clone(),
            _ => headings.iter().map(|(_, h)| h.as_str()).collect::<Vec<_>>().join(" / "),
        };
        paragraph(&mut ex, content, &section, line_no, open.is_some());
        if open.is_some() && line.ends_with('|') {
            open = None;
        }
    }
    let (rows, mut notes) = ex.finish();
    if rows.is_empty() {
        notes.push(DraftNote {
            line: 0,
            zh: "文中没有找到可识别的项目(如“重点推进A、B等项目建设”或“改造管网20公里”):请确认这是规划文本,或手工录入项目。".into(),
            en: "No project was recognised (such as “重点推进A、B等项目建设” or “改造管网20公里”): check that this is the plan's text, or enter the projects by hand.".into(),
        });
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
    }
}

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
fn paragraph(ex: &mut Extractor<'_>, text: &str, section: &str, line: usize, in_box: bool) {
    let found = items(text);
    if found.is_empty() {
        ex.context(&Scope { context: text, section, line, in_box });
        return;
    }
    // Text before the first item (rare) is read as it stands.
    if let Some(head) = text.get(..found[0].0).map(str::trim).filter(|h| h.chars().count() > 4) {
        ex.context(&Scope { context: head, section, line, in_box });
    }
    for (start, end, item) in found {
        let section = if section.is_empty() { item } else { format!("{section} / {item}") };
        ex.context(&Scope { context: &text[start..end], section: &section, line, in_box });
    }
}

#[cfg(test)]
mod tests;
