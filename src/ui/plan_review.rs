//! The review screen of a plan import: every draft row beside its source sentence (highlighted
//! in its paragraph), to accept, edit, split, merge or drop, with counts and filters. Nothing
//! is written until the reviewer commits.

use crate::domain::{CATEGORIES, category, format_quantity, split_quantity};
use crate::import::plan::{ColumnMapping, DraftRow, DraftSource, LedgerField, PlanFile, UnreadWhy};
use crate::ui::command::Command;
use crate::ui::i18n::Lang;
use crate::words::Say;

/// One draft under review.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewRow {
    pub row: DraftRow,
    pub accepted: bool,
    /// The target and the years as the reviewer edits them (`0.4公里`, `2026—2028`).
    pub target_text: String,
    pub years_text: String,
    /// True while an edited target or years text cannot be read; the row's values stay as they
    /// were then.
    pub bad: bool,
}

impl ReviewRow {
    /// A draft as proposed.
    pub fn new(row: DraftRow, accepted: bool) -> Self {
        let target_text = row
            .target
            .map(|t| format!("{}{}", format_quantity(t), row.unit.as_deref().unwrap_or_default()))
            .unwrap_or_default();
        let years_text = match (row.start_year, row.target_year) {
            (Some(s), Some(e)) if s != e => format!("{s}—{e}"),
            (_, Some(e)) => e.to_string(),
            _ => String::new(),
        };
        Self { row, accepted, target_text, years_text, bad: false }
    }

    /// Reads the edited target and years into the draft; marks the row bad when one does not
    /// read.
    pub fn apply_edits(&mut self) {
        let target = split_quantity(&self.target_text);
        let years = parse_years(&self.years_text);
        self.bad = target.is_err() || years.is_none();
        if let Ok(target) = target {
            self.row.target = target.as_ref().map(|t| t.0);
            self.row.unit = target.map(|t| t.1).filter(|u| !u.is_empty());
        }
        if let Some((start, end)) = years {
            self.row.start_year = start;
            self.row.target_year = end;
        }
    }
}

/// `2026—2028`, `2026-2028`, `2026至2028年` → (Some(2026), Some(2028)); `2028` or `2028年` →
/// (None, Some(2028)); empty → (None, None) (the plan's end year stands in). `None` when the
/// text is not years, or the period runs backwards.
pub fn parse_years(text: &str) -> Option<(Option<i32>, Option<i32>)> {
    let text = text.trim().trim_end_matches('年');
    if text.is_empty() {
        return Some((None, None));
    }
    let year = |t: &str| {
        let t = t.trim().trim_end_matches('年');
        (t.len() == 4 && t.chars().all(|c| c.is_ascii_digit())).then(|| t.parse::<i32>().ok()).flatten()
    };
    let parts: Vec<&str> = text.split(['—', '–', '-', '~', '～', '至']).filter(|p| !p.trim().is_empty()).collect();
    match parts.as_slice() {
        [one] => Some((None, Some(year(one)?))),
        [from, to] => {
            let (from, to) = (year(from)?, year(to)?);
            (from <= to).then_some((Some(from), Some(to)))
        }
        _ => None,
    }
}

/// Which drafts the list shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Show {
    #[default]
    All,
    Accepted,
    Dropped,
}

/// The state of the review screen.
#[derive(Debug, Default)]
pub struct PlanReview {
    pub open: bool,
    /// The file's path as typed or picked.
    pub path: String,
    /// The plan's title and period, proposed from the file and editable.
    pub title: String,
    pub from: String,
    pub to: String,
    /// The month a ledger's figures stand at (YYYY-MM), from its 截至…月底 or typed.
    pub as_of: String,
    /// The workbook's sheet to read (empty: the first whose header is found), and the file it
    /// belongs to (another file starts again from its first sheet with a header).
    pub sheet: String,
    pub sheet_of: String,
    pub file: Option<PlanFile>,
    pub rows: Vec<ReviewRow>,
    pub selected: Option<usize>,
    /// The 未识别 sentence shown in the source pane, and those a draft was made of.
    pub selected_unread: Option<usize>,
    pub drafted: Vec<usize>,
    pub search: String,
    pub section: Option<String>,
    pub show: Show,
    /// The last error reading the file, shown above the list.
    pub error: Option<String>,
    /// A ledger whose header was not found: its first rows, and the row the user picks.
    pub first_rows: Vec<Vec<String>>,
    pub header_row: usize,
    pub header_rows: usize,
    /// A file is being read on a worker thread (a long PDF takes a while).
    pub reading: bool,
}

impl PlanReview {
    /// Takes a file's draft in: every row accepted but those with a problem, title and period as
    /// the file states them.
    pub fn load(&mut self, file: PlanFile, fallback_title: &str) {
        let d = &file.draft;
        self.title = d.title.clone().unwrap_or_else(|| fallback_title.to_string());
        self.from = d.start_year.map(|y| y.to_string()).unwrap_or_default();
        self.to = d.end_year.map(|y| y.to_string()).unwrap_or_default();
        self.as_of = d.as_of.map(|p| p.to_string()).unwrap_or_default();
        // A row with a problem starts dropped: nothing doubtful lands unless the reviewer, having
        // read the problem, accepts the row as it stands.
        let doubtful: std::collections::HashSet<usize> = d.problems.iter().map(|p| p.line).collect();
        self.rows = d.rows.iter().map(|r| ReviewRow::new(r.clone(), !doubtful.contains(&r.line))).collect();
        self.selected = None;
        self.selected_unread = None;
        self.drafted.clear();
        self.section = None;
        self.error = None;
        self.first_rows.clear();
        self.file = Some(file);
    }

    /// Drafts the rows again from the file (after its column mapping changed), keeping the
    /// title, period and month the reviewer typed.
    pub fn redraft(&mut self) {
        let Some(file) = self.file.take() else { return };
        let (title, from, to, as_of) =
            (std::mem::take(&mut self.title), self.from.clone(), self.to.clone(), self.as_of.clone());
        self.load(file, &title);
        self.title = title;
        if !from.is_empty() {
            self.from = from;
        }
        if !to.is_empty() {
            self.to = to;
        }
        if !as_of.is_empty() {
            self.as_of = as_of;
        }
    }

    /// How many accepted rows have an edit that does not read.
    pub fn bad_edits(&self) -> usize {
        self.rows.iter().filter(|r| r.accepted && r.bad).count()
    }

    /// The rows the reviewer accepted.
    pub fn accepted(&self) -> Vec<DraftRow> {
        self.rows.iter().filter(|r| r.accepted).map(|r| r.row.clone()).collect()
    }

    /// Indices of the rows the filters let through.
    pub fn visible(&self) -> Vec<usize> {
        let needle = self.search.trim();
        (0..self.rows.len())
            .filter(|&i| {
                let r = &self.rows[i];
                let shown = match self.show {
                    Show::All => true,
                    Show::Accepted => r.accepted,
                    Show::Dropped => !r.accepted,
                };
                shown
                    && self.section.as_ref().is_none_or(|s| &r.row.section == s)
                    && (needle.is_empty() || r.row.name.contains(needle) || r.row.source.contains(needle))
            })
            .collect()
    }

    /// Splits row `i` at 、 or ；: one row per part, each keeping the source.
    pub fn split(&mut self, i: usize) {
        let Some(r) = self.rows.get(i) else { return };
        let parts: Vec<String> =
            r.row.name.split(['、', '；', ';']).map(str::trim).filter(|p| !p.is_empty()).map(str::to_string).collect();
        if parts.len() < 2 {
            return;
        }
        let template = r.clone();
        let new: Vec<ReviewRow> = parts
            .into_iter()
            .map(|name| ReviewRow { row: DraftRow { name, ..template.row.clone() }, ..template.clone() })
            .collect();
        self.rows.splice(i..=i, new);
    }

    /// Merges row `i` with the next row the list shows (a row hidden by the filters is never
    /// merged unseen): names joined with 、, sources kept both.
    pub fn merge_with_next(&mut self, i: usize) {
        let Some(j) = self.visible().into_iter().find(|&j| j > i) else { return };
        let next = self.rows.remove(j);
        let r = &mut self.rows[i].row;
        r.name = format!("{}、{}", r.name, next.row.name);
        if r.source != next.row.source {
            r.source = format!("{} {}", r.source, next.row.source);
        }
        if r.target.is_none() {
            r.target = next.row.target;
            r.unit = next.row.unit;
            self.rows[i].target_text = next.target_text;
        }
    }

    /// Makes a draft of the 未识别 sentence `k` (accepted, named by the sentence, its first
    /// number as the target) and selects it for editing.
    pub fn draft_unread(&mut self, k: usize) {
        let Some(unread) = self.file.as_ref().and_then(|f| f.draft.unread.get(k)) else { return };
        if self.drafted.contains(&k) {
            return;
        }
        self.rows.push(ReviewRow::new(unread.to_draft(), true));
        self.drafted.push(k);
        self.selected = Some(self.rows.len() - 1);
        self.selected_unread = None;
    }

    /// Counts: all, accepted, dropped.
    pub fn counts(&self) -> (usize, usize, usize) {
        let accepted = self.rows.iter().filter(|r| r.accepted).count();
        (self.rows.len(), accepted, self.rows.len() - accepted)
    }
}

/// The review window.
pub fn plan_review_ui(ctx: &egui::Context, review: &mut PlanReview, lang: Lang, cmds: &mut Vec<Command>) {
    if !review.open {
        return;
    }
    let t = lang.texts();
    let mut open = true;
    egui::Window::new(t.plan_import)
        .open(&mut open)
        .default_size([1040.0, 640.0])
        .vscroll(false)
        .show(ctx, |ui| body(ui, review, lang, cmds));
    review.open = open;
}

/// The file to read: its path, 浏览… and 读取, a spinner while it is read.
fn file_row(ui: &mut egui::Ui, review: &mut PlanReview, lang: Lang, cmds: &mut Vec<Command>) {
    let t = lang.texts();
    ui.horizontal(|ui| {
        ui.label(t.plan_file);
        ui.add(egui::TextEdit::singleline(&mut review.path).desired_width(420.0)).accessible_name(t.plan_file);
        let idle = !review.reading;
        if ui.add_enabled(idle, egui::Button::new(t.browse)).clicked() {
            cmds.push(Command::PickPlanFile);
        }
        if ui.add_enabled(idle, egui::Button::new(t.read_file)).clicked() {
            cmds.push(Command::ReadPlanFile);
        }
        if !idle {
            ui.spinner();
            ui.label(t.reading_file);
        }
    });
}

fn body(ui: &mut egui::Ui, review: &mut PlanReview, lang: Lang, cmds: &mut Vec<Command>) {
    let t = lang.texts();
    file_row(ui, review, lang, cmds);
    if let Some(error) = &review.error {
        ui.colored_label(ui.visuals().error_fg_color, error.as_str());
    }
    if !review.first_rows.is_empty() {
        header_picker(ui, review, lang, cmds);
    }
    ui.horizontal(|ui| sheet_picker(ui, review, lang, cmds));
    let Some(file) = &review.file else { return };
    let source = file.draft.source;
    ui.separator();
    ui.horizontal(|ui| {
        ui.label(t.plan_title_label);
        ui.add(egui::TextEdit::singleline(&mut review.title).desired_width(380.0)).accessible_name(t.plan_title_label);
        ui.label(t.period_label);
        ui.add(egui::TextEdit::singleline(&mut review.from).desired_width(48.0)).accessible_name(t.year_from);
        ui.label("—");
        ui.add(egui::TextEdit::singleline(&mut review.to).desired_width(48.0)).accessible_name(t.year_to);
        if source == DraftSource::Ledger {
            ui.label(t.as_of_label);
            ui.add(egui::TextEdit::singleline(&mut review.as_of).hint_text("2026-10").desired_width(72.0))
                .accessible_name(t.as_of_label);
        }
        let kind = match source {
            DraftSource::Document => t.kind_document,
            DraftSource::Ledger => t.kind_ledger,
        };
        ui.weak(kind);
    });
    let notes = file.draft.notes.len();
    let problems = file.draft.problems.len();
    let (all, accepted, dropped) = review.counts();
    ui.horizontal_wrapped(|ui| {
        ui.strong(
            t.drafts_counts
                .replace("{all}", &all.to_string())
                .replace("{accepted}", &accepted.to_string())
                .replace("{dropped}", &dropped.to_string()),
        );
        if notes + problems > 0 {
            ui.label(
                t.notes_counts.replace("{notes}", &notes.to_string()).replace("{problems}", &problems.to_string()),
            );
        }
    });
    if notes + problems > 0 {
        egui::CollapsingHeader::new(t.notes_heading).id_salt("plan_notes").show(ui, |ui| {
            egui::ScrollArea::vertical().max_height(90.0).id_salt("plan_notes_scroll").show(ui, |ui| {
                for n in file.draft.problems.iter().chain(&file.draft.notes) {
                    let text = n.say(lang);
                    // A note about the whole file (what was skipped, the title's year) has no line.
                    if n.line == 0 {
                        ui.label(text);
                    } else {
                        ui.label(format!("{} {}: {text}", t.line_word, n.line));
                    }
                }
            });
        });
    }
    unread_ui(ui, review, lang);
    if source == DraftSource::Ledger {
        mapping_ui(ui, review, lang, cmds);
    }
    filters(ui, review, lang);
    ui.horizontal(|ui| {
        if ui.button(t.accept_all).clicked() {
            let visible = review.visible();
            for i in visible {
                review.rows[i].accepted = true;
            }
        }
        if ui.button(t.drop_all).clicked() {
            let visible = review.visible();
            for i in visible {
                review.rows[i].accepted = false;
            }
        }
        let bad = review.bad_edits();
        let can_commit = accepted > 0 && bad == 0 && !review.title.trim().is_empty();
        if ui.add_enabled(can_commit, egui::Button::new(egui::RichText::new(t.commit_plan).strong())).clicked() {
            cmds.push(Command::CommitPlan);
        }
        if bad > 0 {
            ui.colored_label(ui.visuals().error_fg_color, t.bad_edits.replace("{n}", &bad.to_string()));
        }
    });
    ui.separator();
    let height = ui.available_height();
    ui.columns(2, |cols| {
        egui::ScrollArea::vertical().id_salt("plan_rows").max_height(height).show(&mut cols[0], |ui| {
            draft_list(ui, review, lang);
        });
        source_ui(&mut cols[1], review, lang);
    });
}

/// `识别 41 / 45 …` and the sentences that gave no draft, each with 生成草稿.
fn unread_ui(ui: &mut egui::Ui, review: &mut PlanReview, lang: Lang) {
    let t = lang.texts();
    let Some(draft) = review.file.as_ref().map(|f| &f.draft) else { return };
    if draft.candidates == 0 {
        return;
    }
    let open: Vec<usize> = (0..draft.unread.len()).filter(|k| !review.drafted.contains(k)).collect();
    let made = draft.candidates - draft.unread.len();
    ui.label(t.recognised_counts.replace("{made}", &made.to_string()).replace("{all}", &draft.candidates.to_string()));
    if open.is_empty() {
        return;
    }
    let mut make = None;
    let mut show = None;
    egui::CollapsingHeader::new(format!("{} ({})", t.unread_heading, open.len()))
        .id_salt("plan_unread")
        .default_open(true)
        .show(ui, |ui| {
            ui.weak(t.unread_hint);
            egui::ScrollArea::vertical().max_height(120.0).id_salt("plan_unread_scroll").show(ui, |ui| {
                for &k in &open {
                    let u = &draft.unread[k];
                    ui.horizontal(|ui| {
                        if ui.small_button(t.make_draft).clicked() {
                            make = Some(k);
                        }
                        let why = match u.why {
                            UnreadWhy::NoRule => String::new(),
                            UnreadWhy::Past => format!("[{}] ", t.unread_past),
                            UnreadWhy::Indicator => format!("[{}] ", t.unread_indicator),
                            UnreadWhy::Partly => format!("[{}] ", t.unread_partly),
                        };
                        let text = format!("{} {}: {why}{}", t.line_word, u.line, u.text);
                        if ui.selectable_label(review.selected_unread == Some(k), text).clicked() {
                            show = Some(k);
                        }
                    });
                }
            });
        });
    if let Some(k) = show {
        review.selected_unread = Some(k);
        review.selected = None;
    }
    if let Some(k) = make {
        review.draft_unread(k);
    }
}

/// A workbook of several sheets: which one is read, and another to read instead.
fn sheet_picker(ui: &mut egui::Ui, review: &mut PlanReview, lang: Lang, cmds: &mut Vec<Command>) {
    let t = lang.texts();
    let Some(table) = review.file.as_ref().and_then(|f| f.ledger.as_ref()).map(|l| &l.table) else { return };
    if table.sheets.len() < 2 {
        return;
    }
    ui.label(t.sheet_label);
    let mut picked = None;
    egui::ComboBox::from_id_salt("plan_sheet")
        .selected_text(&table.sheet)
        .show_ui(ui, |ui| {
            for name in &table.sheets {
                if ui.selectable_label(*name == table.sheet, name).clicked() && *name != table.sheet {
                    picked = Some(name.clone());
                }
            }
        })
        .response
        .accessible_name(t.sheet_label);
    if let Some(name) = picked {
        review.sheet = name;
        review.sheet_of = review.path.clone();
        cmds.push(Command::ReadPlanFile);
    }
}

fn header_picker(ui: &mut egui::Ui, review: &mut PlanReview, lang: Lang, cmds: &mut Vec<Command>) {
    let t = lang.texts();
    ui.label(t.pick_header);
    egui::ScrollArea::both().max_height(160.0).id_salt("first_rows").show(ui, |ui| {
        for (i, row) in review.first_rows.iter().enumerate() {
            let text = format!("{:>2}  {}", i + 1, row.join(" | "));
            ui.radio_value(&mut review.header_row, i, text);
        }
    });
    ui.horizontal(|ui| {
        ui.label(t.header_rows);
        for rows in 1..=crate::import::plan::MAX_HEADER_ROWS {
            ui.radio_value(&mut review.header_rows, rows, rows.to_string());
        }
        if ui.button(t.read_file).clicked() {
            cmds.push(Command::ReadPlanFile);
        }
    });
}

fn filters(ui: &mut egui::Ui, review: &mut PlanReview, lang: Lang) {
    let t = lang.texts();
    let mut sections: Vec<String> = Vec::new();
    for r in &review.rows {
        if !sections.contains(&r.row.section) {
            sections.push(r.row.section.clone());
        }
    }
    ui.horizontal(|ui| {
        ui.add(egui::TextEdit::singleline(&mut review.search).hint_text(t.search_drafts).desired_width(180.0))
            .accessible_name(t.search_drafts);
        let label = review.section.clone().unwrap_or_else(|| t.all_sections.to_string());
        egui::ComboBox::from_id_salt("plan_section")
            .selected_text(label)
            .width(260.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut review.section, None, t.all_sections);
                for s in sections {
                    let text = if s.is_empty() { t.no_section.to_string() } else { s.clone() };
                    ui.selectable_value(&mut review.section, Some(s), text);
                }
            })
            .response
            .accessible_name(t.all_sections);
        ui.selectable_value(&mut review.show, Show::All, t.show_all);
        ui.selectable_value(&mut review.show, Show::Accepted, t.show_accepted);
        ui.selectable_value(&mut review.show, Show::Dropped, t.show_dropped);
    });
}

fn draft_list(ui: &mut egui::Ui, review: &mut PlanReview, lang: Lang) {
    let t = lang.texts();
    let visible = review.visible();
    let mut split = None;
    let mut merge = None;
    for i in visible {
        let selected = review.selected == Some(i);
        let r = &mut review.rows[i];
        let frame = egui::Frame::group(ui.style()).fill(if selected {
            ui.visuals().selection.bg_fill.gamma_multiply(0.35)
        } else {
            ui.visuals().panel_fill
        });
        frame.show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.checkbox(&mut r.accepted, "").on_hover_text(t.accept_row).accessible_name(t.accept_row);
                ui.add(egui::TextEdit::singleline(&mut r.row.name).desired_width(ui.available_width() - 150.0))
                    .accessible_name(t.col_name);
                if ui.small_button(t.split).on_hover_text(t.split_hint).clicked() {
                    split = Some(i);
                }
                if ui.small_button(t.merge).on_hover_text(t.merge_hint).clicked() {
                    merge = Some(i);
                }
                if ui.small_button("›").on_hover_text(t.show_source).clicked() {
                    review.selected = Some(i);
                }
            });
            ui.horizontal_wrapped(|ui| {
                let cat_label =
                    |code: &str| category(code).map_or_else(|| code.to_string(), |c| lang.category(c).to_string());
                egui::ComboBox::from_id_salt(("draft_cat", i))
                    .selected_text(cat_label(&r.row.category))
                    .width(120.0)
                    .show_ui(ui, |ui| {
                        for c in CATEGORIES {
                            ui.selectable_value(&mut r.row.category, c.code.to_string(), lang.category(c));
                        }
                    })
                    .response
                    .accessible_name(t.col_category);
                let mut place = r.row.place.clone().unwrap_or_default();
                if ui
                    .add(egui::TextEdit::singleline(&mut place).hint_text(t.col_place).desired_width(100.0))
                    .accessible_name(t.col_place)
                    .changed()
                {
                    r.row.place = Some(place.trim().to_string()).filter(|p| !p.is_empty());
                }
                let bad_stroke = egui::Stroke::new(1.5, ui.visuals().error_fg_color);
                let target_bad = split_quantity(&r.target_text).is_err();
                let mut target =
                    egui::TextEdit::singleline(&mut r.target_text).hint_text(t.target_edit_hint).desired_width(110.0);
                if target_bad {
                    target = target.background_color(ui.visuals().extreme_bg_color);
                }
                let response = ui.add(target).on_hover_text(t.target_edit_hint).accessible_name(t.col_target);
                if target_bad {
                    ui.painter().rect_stroke(response.rect, 2.0, bad_stroke, egui::StrokeKind::Outside);
                }
                let mut changed = response.changed();
                let years_bad = parse_years(&r.years_text).is_none();
                let response = ui
                    .add(egui::TextEdit::singleline(&mut r.years_text).hint_text(t.year_inferred).desired_width(96.0))
                    .on_hover_text(t.years_edit_hint)
                    .accessible_name(t.col_year);
                if years_bad {
                    ui.painter().rect_stroke(response.rect, 2.0, bad_stroke, egui::StrokeKind::Outside);
                }
                changed |= response.changed();
                if changed {
                    r.apply_edits();
                }
                if !r.row.section.is_empty() {
                    ui.weak(&r.row.section);
                }
            });
        });
    }
    if let Some(i) = split {
        review.split(i);
    }
    if let Some(i) = merge {
        review.merge_with_next(i);
    }
}

/// A ledger's columns: header, first values and the field each is read as, to correct and save.
fn mapping_ui(ui: &mut egui::Ui, review: &PlanReview, lang: Lang, cmds: &mut Vec<Command>) {
    let t = lang.texts();
    let Some(ledger) = review.file.as_ref().and_then(|f| f.ledger.as_ref()) else { return };
    let preview = ledger.preview();
    let mapped = preview.iter().filter(|c| c.field.is_some()).count();
    let field_label = |f: LedgerField| if lang == Lang::Zh { f.label_zh() } else { f.label_en() };
    let heading = format!("{} ({mapped}/{})", t.mapping_heading, preview.len());
    egui::CollapsingHeader::new(heading).id_salt("ledger_mapping").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.weak(t.mapping_hint);
            if ledger.saved {
                ui.label(egui::RichText::new(t.mapping_from_saved).strong());
            }
        });
        egui::ScrollArea::vertical().max_height(180.0).id_salt("ledger_mapping_scroll").show(ui, |ui| {
            egui::Grid::new("ledger_mapping_grid").striped(true).num_columns(4).show(ui, |ui| {
                ui.strong(t.mapping_column);
                ui.strong(t.mapping_header);
                ui.strong(t.mapping_field);
                ui.strong(t.mapping_samples);
                ui.end_row();
                for c in &preview {
                    ui.label(crate::import::cell_name(0, c.column).trim_end_matches(char::is_numeric).to_string());
                    ui.label(&c.header);
                    let mut choice = c.field;
                    let shown = choice.map_or(t.mapping_none, field_label);
                    egui::ComboBox::from_id_salt(("ledger_field", c.column))
                        .selected_text(shown)
                        .width(150.0)
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut choice, None, t.mapping_none);
                            for f in LedgerField::ALL {
                                ui.selectable_value(&mut choice, Some(f), field_label(f));
                            }
                        })
                        .response
                        .accessible_name(format!("{} {}", t.mapping_field, c.header));
                    if choice != c.field {
                        let mut mapping: ColumnMapping = ledger.mapping.clone();
                        match (choice, c.field) {
                            (Some(f), _) => mapping.set(&ledger.table, f, Some(c.column)),
                            (None, Some(old)) => mapping.set(&ledger.table, old, None),
                            (None, None) => {}
                        }
                        cmds.push(Command::RemapLedger(Box::new(mapping)));
                    }
                    ui.weak(c.samples.join(" · "));
                    ui.end_row();
                }
            });
        });
        if ui.button(t.mapping_save).clicked() {
            cmds.push(Command::SaveLedgerMapping);
        }
    });
}

/// The selected draft's source: its paragraph with the clause highlighted, and its line.
fn source_ui(ui: &mut egui::Ui, review: &PlanReview, lang: Lang) {
    let t = lang.texts();
    ui.strong(t.source_heading);
    let unread = review.selected_unread.and_then(|k| review.file.as_ref()?.draft.unread.get(k));
    let shown = match (review.selected.and_then(|i| review.rows.get(i)), unread) {
        (Some(r), _) => {
            let context = if r.row.context.is_empty() { &r.row.source } else { &r.row.context };
            Some((r.row.line, context.as_str(), r.row.source_range))
        }
        (None, Some(u)) => Some((u.line, u.context.as_str(), u.range)),
        (None, None) => None,
    };
    let Some((line, context, (start, end))) = shown else {
        ui.weak(t.pick_a_draft);
        return;
    };
    ui.weak(format!("{} {line}", t.line_word));
    let mut job = egui::text::LayoutJob::default();
    let normal = egui::TextFormat {
        font_id: egui::FontId::proportional(15.0),
        color: ui.visuals().text_color(),
        ..Default::default()
    };
    let marked = egui::TextFormat {
        background: egui::Color32::from_rgb(255, 230, 120),
        color: egui::Color32::BLACK,
        ..normal.clone()
    };
    let valid =
        start <= end && end <= context.len() && context.is_char_boundary(start) && context.is_char_boundary(end);
    if valid && end > start {
        job.append(&context[..start], 0.0, normal.clone());
        job.append(&context[start..end], 0.0, marked);
        job.append(&context[end..], 0.0, normal);
    } else {
        job.append(context, 0.0, normal);
    }
    job.wrap.max_width = ui.available_width();
    egui::ScrollArea::vertical().id_salt("plan_source").show(ui, |ui| {
        ui.label(job);
    });
}

#[cfg(test)]
mod tests {
    use super::PlanReview;
    use crate::import::plan::{DraftNote, DraftRow, DraftSource, NoteKind, PlanDraft, PlanFile};

    fn draft() -> PlanFile {
        let row = |name: &str, line| DraftRow { name: name.into(), line, ..DraftRow::default() };
        let problem = DraftNote { line: 3, kind: NoteKind::NoName { header: "项目名称".into() } };
        let draft = PlanDraft {
            source: DraftSource::Ledger,
            title: None,
            start_year: Some(2026),
            end_year: Some(2030),
            as_of: None,
            rows: vec![row("甲、乙", 2), row("丙", 3), row("丁", 4)],
            notes: Vec::new(),
            problems: vec![problem],
            unread: Vec::new(),
            candidates: 0,
        };
        PlanFile { draft, ledger: None }
    }

    #[test]
    fn rows_with_problems_start_dropped_and_split_merge_keep_the_source() {
        let mut review = PlanReview::default();
        review.load(draft(), "台账");
        assert_eq!(review.title, "台账");
        assert_eq!(review.counts(), (3, 2, 1));
        assert!(!review.rows[1].accepted, "the row with a problem");
        review.split(0);
        let names: Vec<&str> = review.rows.iter().map(|r| r.row.name.as_str()).collect();
        assert_eq!(names, ["甲", "乙", "丙", "丁"]);
        assert!(review.rows[..2].iter().all(|r| r.row.line == 2));
        // With the dropped rows shown only, 丙 merges with 丁, not with a row in between.
        review.rows[3].accepted = false;
        review.rows.insert(3, super::ReviewRow::new(DraftRow { name: "戊".into(), ..DraftRow::default() }, true));
        review.show = super::Show::Dropped;
        review.merge_with_next(2);
        assert_eq!(review.rows[2].row.name, "丙、丁");
        assert_eq!(review.rows[3].row.name, "戊", "the hidden row stays as it was");
        review.rows.remove(3);
        review.show = super::Show::All;
        assert_eq!(review.accepted().len(), 2, "甲 and 乙; 丙、丁 stays dropped");
    }

    #[test]
    fn edited_targets_and_years_are_read_or_block_the_commit() {
        use super::parse_years;
        assert_eq!(parse_years("2026—2028"), Some((Some(2026), Some(2028))));
        assert_eq!(parse_years("2026至2028年"), Some((Some(2026), Some(2028))));
        assert_eq!(parse_years("2028年"), Some((None, Some(2028))));
        assert_eq!(parse_years(" "), Some((None, None)));
        assert_eq!(parse_years("2028—2026"), None, "backwards");
        assert_eq!(parse_years("202x"), None);
        assert_eq!(parse_years("26"), None);
        let mut review = PlanReview::default();
        review.load(draft(), "台账");
        let r = &mut review.rows[0];
        r.target_text = "0.4 公里".into();
        r.years_text = "2026—2027".into();
        r.apply_edits();
        assert!(!r.bad);
        assert_eq!((r.row.target, r.row.unit.as_deref()), (Some(0.4), Some("公里")));
        assert_eq!((r.row.start_year, r.row.target_year), (Some(2026), Some(2027)));
        r.target_text = "1,2公里".into();
        r.apply_edits();
        assert!(r.bad, "1,2 is a typo, not a number");
        assert_eq!(r.row.target, Some(0.4), "the last good value stays");
        assert_eq!(review.bad_edits(), 1);
        review.rows[0].accepted = false;
        assert_eq!(review.bad_edits(), 0, "a dropped row does not block");
    }

    #[test]
    fn a_draft_made_of_an_unread_sentence_is_accepted_selected_and_made_once() {
        let text = "改造老旧小区30个。推进教育、医疗、养老等公共服务均等化。\n";
        let draft = crate::import::plan::draft_from_text(text, &crate::domain::Gazetteer::default());
        assert_eq!(draft.unread.len(), 1);
        let mut review = PlanReview::default();
        review.load(PlanFile { draft, ledger: None }, "x");
        assert_eq!(review.counts(), (1, 1, 0));
        review.draft_unread(0);
        review.draft_unread(0);
        assert_eq!(review.counts(), (2, 2, 0));
        let made = &review.rows[1].row;
        assert_eq!(made.source, "推进教育、医疗、养老等公共服务均等化");
        assert_eq!(review.selected, Some(1));
        assert_eq!(review.drafted, [0]);
    }
}
