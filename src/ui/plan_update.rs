//! 按台账更新: the office's ledger of the next month, read against the plan shown: every change
//! listed (project, field, old → new), the rows that match no project and the projects no row
//! names, then written as one change. The window owns its state; the reading and the writing
//! are commands the app runs on its worker.

use crate::ui::command::Command;
use crate::ui::i18n::Lang;
use crate::usecase::plan_update::UpdatePreview;
use crate::words::Say;

/// The window's state while it is open.
#[derive(Debug, Default)]
pub struct PlanUpdateWindow {
    /// The ledger's path as typed or picked, and the month typed (YYYY-MM; empty: the sheet's).
    pub path: String,
    pub as_of: String,
    /// What the ledger would change, once read, and the plan it was read against.
    pub preview: Option<UpdatePreview>,
    pub plan: i64,
    /// Whether the rows that match no project are added as new projects.
    pub add_new: bool,
    pub error: Option<String>,
}

impl PlanUpdateWindow {
    /// Draws the window; `open` goes false when it is closed. `busy` while a job runs.
    pub fn show(&mut self, ctx: &egui::Context, open: &mut bool, busy: bool, lang: Lang, cmds: &mut Vec<Command>) {
        let t = lang.texts();
        egui::Window::new(t.update_plan_menu)
            .open(open)
            .default_size([720.0, 480.0])
            .vscroll(false)
            .show(ctx, |ui| self.ui(ui, busy, lang, cmds));
    }

    fn ui(&mut self, ui: &mut egui::Ui, busy: bool, lang: Lang, cmds: &mut Vec<Command>) {
        let t = lang.texts();
        ui.weak(t.update_plan_hint);
        ui.horizontal(|ui| {
            ui.label(t.plan_file);
            ui.add(egui::TextEdit::singleline(&mut self.path).desired_width(360.0)).accessible_name(t.plan_file);
            ui.label(t.as_of_label);
            ui.add(egui::TextEdit::singleline(&mut self.as_of).hint_text("2026-11").desired_width(72.0))
                .accessible_name(t.as_of_label);
            if ui.add_enabled(!busy && !self.path.trim().is_empty(), egui::Button::new(t.read_file)).clicked() {
                cmds.push(Command::ReadPlanUpdate);
            }
        });
        if let Some(error) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        let Some(preview) = &self.preview else { return };
        ui.separator();
        let month = preview.month.map(|m| m.to_string()).unwrap_or_default();
        ui.strong(
            t.update_counts
                .replace("{month}", &month)
                .replace("{changed}", &preview.changed.len().to_string())
                .replace("{unchanged}", &preview.unchanged.to_string()),
        );
        let height = (ui.available_height() - 40.0).max(120.0);
        egui::ScrollArea::vertical().max_height(height).id_salt("plan_update_rows").show(ui, |ui| {
            for c in &preview.changed {
                ui.label(egui::RichText::new(&c.name).strong());
                for (field, old, new) in &c.fields {
                    ui.label(format!("    {}: {old} → {new}", crate::words::domain::field_label(field, lang)));
                }
            }
            for r in &preview.new_rows {
                ui.colored_label(ui.visuals().warn_fg_color, format!("{} {}: {}", t.update_new_row, r.line, r.name));
            }
            for r in &preview.refused {
                let why = r.why.say(lang);
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("{} {}: {}: {why}", t.update_refused, r.line, r.name),
                );
            }
            for (_, name) in &preview.gone {
                ui.weak(format!("{}: {name}", t.update_gone));
            }
        });
        if !preview.new_rows.is_empty() {
            ui.checkbox(&mut self.add_new, t.update_add_new.replace("{n}", &preview.new_rows.len().to_string()));
        }
        let adds = self.add_new && !preview.new_rows.is_empty();
        let can_apply = !busy && (!preview.changed.is_empty() || adds);
        if ui.add_enabled(can_apply, egui::Button::new(egui::RichText::new(t.update_apply).strong())).clicked() {
            cmds.push(Command::ApplyPlanUpdate);
        }
    }
}
