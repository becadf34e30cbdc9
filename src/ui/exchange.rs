//! 导出/导入: export the current view as XLSX, PDF or CSV, the slides, a district's update
//! sheet, the 通报 and 督办函, and import an update sheet back with a preview of its changes
//! and problems. The window owns what is typed into it; every button is a command the app runs
//! on a worker ([`ExchangeAction`]).

use std::path::PathBuf;

use crate::domain::Period;
use crate::export::ExportFormat;
use crate::import::{ImportPlan, Table};
use crate::ui::command::Command;
use crate::ui::i18n::Lang;
use crate::words::Say;

/// What a button of the window asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExchangeAction {
    /// Export the view in the chosen format; choose its file.
    Export,
    BrowseExport,
    /// The slides as PDF, or as a folder of PNGs.
    Deck,
    DeckPng,
    /// A district's update sheet.
    Template,
    /// Read the update sheet named, or chosen, for a preview.
    Read,
    BrowseImport,
    /// The 通报; the 督办函.
    Notice,
    Duban,
}

/// The window's state: the files proposed or typed, the units to chase, the preview of an
/// import, and the last outcome.
#[derive(Default)]
pub struct Exchange {
    pub open: bool,
    pub format: Option<ExportFormat>,
    pub export_path: String,
    pub deck_path: String,
    pub template_place: String,
    pub template_path: String,
    pub import_path: String,
    /// 通报 file, the 督办函's unit ("" = every unit) and its file or folder.
    pub notice_path: String,
    pub duban_unit: String,
    pub duban_path: String,
    /// The units with something to chase at the review month (filled when the window opens).
    pub units: Vec<String>,
    pub preview: Option<(PathBuf, Table, ImportPlan)>,
    pub status: Option<(String, bool)>,
}

impl std::fmt::Debug for Exchange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Exchange").field("open", &self.open).finish_non_exhaustive()
    }
}

impl Exchange {
    /// The last outcome shown in the window.
    pub fn status(&self) -> Option<&str> {
        self.status.as_ref().map(|(s, _)| s.as_str())
    }

    /// Draws the window while it is open, its buttons greyed while its worker works (the
    /// status bar says what it does, with 取消);
    /// `places` are offered for the update sheet; `documents` are the review month, whether
    /// it is closed, and whether it can be.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        busy: bool,
        places: &[String],
        documents: (Period, bool, bool),
        lang: Lang,
        cmds: &mut Vec<Command>,
    ) {
        let t = lang.texts();
        let mut open = true;
        egui::Window::new(t.exchange)
            .open(&mut open)
            .default_size([720.0, 480.0])
            .show(ctx, |ui| window_body(ui, self, busy, (places, documents), lang, cmds));
        self.open = open;
    }
}

/// The window's sections, greyed while its worker works.
fn window_body(
    ui: &mut egui::Ui,
    x: &mut Exchange,
    busy: bool,
    (places, documents): (&[String], (Period, bool, bool)),
    lang: Lang,
    cmds: &mut Vec<Command>,
) {
    let t = lang.texts();
    ui.add_enabled_ui(!busy, |ui| {
        ui.strong(t.export_view);
        ui.horizontal(|ui| {
            for (format, label) in
                [(ExportFormat::Xlsx, "XLSX"), (ExportFormat::Pdf, "PDF"), (ExportFormat::Csv, "CSV")]
            {
                ui.radio_value(&mut x.format, Some(format), label);
            }
        });
        ui.horizontal(|ui| {
            ui.add(egui::TextEdit::singleline(&mut x.export_path).desired_width(480.0)).accessible_name(t.export_view);
            if ui.button(t.browse).clicked() {
                cmds.push(Command::Exchange(ExchangeAction::BrowseExport));
            }
            if ui.button(t.export).clicked() {
                cmds.push(Command::Exchange(ExchangeAction::Export));
            }
        });
        ui.separator();
        ui.strong(t.export_deck);
        ui.horizontal(|ui| {
            ui.add(egui::TextEdit::singleline(&mut x.deck_path).desired_width(480.0)).accessible_name(t.export_deck);
            if ui.button(t.export_deck_button).clicked() {
                cmds.push(Command::Exchange(ExchangeAction::Deck));
            }
            if ui.button(t.export_deck_png).on_hover_text(t.export_deck_png_hint).clicked() {
                cmds.push(Command::Exchange(ExchangeAction::DeckPng));
            }
        });
        ui.separator();
        ui.strong(t.template);
        ui.horizontal(|ui| {
            egui::ComboBox::from_id_salt("template_place")
                .selected_text(x.template_place.clone())
                .show_ui(ui, |ui| {
                    for p in places {
                        ui.selectable_value(&mut x.template_place, p.clone(), p.as_str());
                    }
                })
                .response
                .accessible_name(t.col_place);
            ui.add(egui::TextEdit::singleline(&mut x.template_path).desired_width(380.0)).accessible_name(t.template);
            if ui.button(t.write_template).clicked() {
                cmds.push(Command::Exchange(ExchangeAction::Template));
            }
        });
        ui.separator();
        ui.strong(t.import_sheet);
        ui.horizontal(|ui| {
            ui.add(egui::TextEdit::singleline(&mut x.import_path).desired_width(480.0).hint_text(t.drop_hint))
                .accessible_name(t.import_sheet);
            if ui.button(t.browse).clicked() {
                cmds.push(Command::Exchange(ExchangeAction::BrowseImport));
            }
            if ui.button(t.read).clicked() {
                cmds.push(Command::Exchange(ExchangeAction::Read));
            }
        });
    });
    documents_ui(ui, x, busy, documents, lang, cmds);
    if let Some((text, is_error)) = &x.status {
        let text = text.as_str();
        if *is_error {
            ui.colored_label(ui.visuals().error_fg_color, text);
        } else {
            ui.label(text);
        }
    }
    if let Some((_, _, plan)) = &x.preview {
        preview_ui(ui, plan, lang, cmds);
    }
}

/// 通报, 督办函 and 月度结账 of the review month.
fn documents_ui(
    ui: &mut egui::Ui,
    x: &mut Exchange,
    busy: bool,
    (month, closed, can_close): (Period, bool, bool),
    lang: Lang,
    cmds: &mut Vec<Command>,
) {
    let t = lang.texts();
    ui.add_enabled_ui(!busy, |ui| {
        ui.separator();
        ui.strong(format!("{} · {month}", t.documents));
        ui.horizontal(|ui| {
            ui.add(egui::TextEdit::singleline(&mut x.notice_path).desired_width(480.0)).accessible_name(t.notice);
            if ui.button(t.write_notice).on_hover_text(t.write_notice_hint).clicked() {
                cmds.push(Command::Exchange(ExchangeAction::Notice));
            }
        });
        ui.horizontal(|ui| {
            let shown = if x.duban_unit.is_empty() { t.every_unit.to_string() } else { x.duban_unit.clone() };
            egui::ComboBox::from_id_salt("duban_unit")
                .selected_text(shown)
                .width(220.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut x.duban_unit, String::new(), t.every_unit);
                    for u in &x.units {
                        ui.selectable_value(&mut x.duban_unit, u.clone(), u.as_str());
                    }
                })
                .response
                .accessible_name(t.duban_unit);
            ui.add(egui::TextEdit::singleline(&mut x.duban_path).desired_width(260.0)).accessible_name(t.duban);
            if ui.add_enabled(!x.units.is_empty(), egui::Button::new(t.write_duban)).clicked() {
                cmds.push(Command::Exchange(ExchangeAction::Duban));
            }
        });
        if x.units.is_empty() {
            ui.weak(t.no_units_to_chase);
        }
        ui.horizontal(|ui| {
            let label = if closed { t.close_month_again } else { t.close_month };
            if ui
                .add_enabled(can_close, egui::Button::new(format!("{label} {month}")))
                .on_hover_text(t.close_month_hint)
                .clicked()
            {
                cmds.push(Command::CloseMonth(month));
            }
            if closed {
                ui.weak(t.month_closed);
            }
        });
    });
}

fn preview_ui(ui: &mut egui::Ui, plan: &ImportPlan, lang: Lang, cmds: &mut Vec<Command>) {
    let t = lang.texts();
    let line = |row: usize, column: &str, text: &str| match lang {
        Lang::Zh => format!("第 {row} 行 · {column} · {text}"),
        Lang::En => format!("Row {row} · {column} · {text}"),
    };
    let problem_line = |p: &crate::import::Problem| {
        format!("{} · {} · {}", p.place(&plan.items_sheet, lang), p.column, p.kind.say(lang))
    };
    ui.separator();
    ui.label(format!(
        "{} {} · {} {} · {} {} · {} {}",
        t.rows_read,
        plan.rows_read,
        t.rows_to_apply,
        plan.inputs.len(),
        t.rows_unchanged,
        plan.unchanged,
        t.problems_count,
        plan.problems.len()
    ));
    if plan.items_header_row.is_some() {
        ui.label(format!("{} {} · {} {}", t.items_to_apply, plan.items.len(), t.rows_unchanged, plan.items_unchanged));
    }
    ui.horizontal(|ui| {
        if ui.add_enabled(plan.problems.is_empty() && plan.has_changes(), egui::Button::new(t.apply_import)).clicked() {
            cmds.push(Command::ApplyImport { skip_bad: false });
        }
        if !plan.problems.is_empty() && ui.button(t.apply_skipping).clicked() {
            cmds.push(Command::ApplyImport { skip_bad: true });
        }
    });
    egui::ScrollArea::vertical().id_salt("import_preview").max_height(260.0).show(ui, |ui| {
        for p in &plan.problems {
            ui.colored_label(ui.visuals().error_fg_color, problem_line(p));
        }
        // Warnings (totals that do not add up, notes under the table, a second 问题清单 not
        // read) do not stop the import.
        if !plan.items_left_out.is_empty() {
            let said = crate::words::items_left_out(&plan.items_sheet, &plan.items_left_out, lang);
            ui.colored_label(ui.visuals().warn_fg_color, said);
        }
        for w in &plan.warnings {
            ui.colored_label(ui.visuals().warn_fg_color, line(w.row, &w.column, &w.kind.say(lang)));
        }
        for c in &plan.changes {
            ui.label(format!("{}: {} → {}", line(c.row, &c.name, c.field), c.old, c.new));
        }
        for i in &plan.items {
            ui.label(item_line(i, lang));
        }
    });
}

/// One item update of the preview: where, which item, old → new status, and the day and note.
fn item_line(i: &crate::import::ItemUpdate, lang: Lang) -> String {
    let u = &i.update;
    let how: Vec<&str> = [u.day.as_str(), u.note.as_str()].into_iter().filter(|t| !t.is_empty()).collect();
    let how = how.join(" · ");
    match lang {
        Lang::Zh => format!(
            "问题清单 第 {} 行 · 问题#{} {} · {}: {} → {} {how}",
            i.row,
            u.id,
            i.name,
            i.text,
            i.old.label_zh(),
            u.status.label_zh()
        ),
        Lang::En => format!(
            "问题清单 row {} · item #{} {} · {}: {} → {} {how}",
            i.row,
            u.id,
            i.name,
            i.text,
            i.old.label_en(),
            u.status.label_en()
        ),
    }
}
