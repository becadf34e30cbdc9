//! The plan switcher in the top bar: which plan the window shows, its period, whether it is
//! archived, and the way to archive it or bring in a new one.

use crate::domain::Plan;
use crate::ui::command::Command;
use crate::ui::i18n::Lang;

/// The switcher: a drop-down of the plans, and a badge when the plan shown is archived.
pub fn plan_switcher_ui(ui: &mut egui::Ui, plans: &[Plan], current: &Plan, lang: Lang, cmds: &mut Vec<Command>) {
    let t = lang.texts();
    let label = |p: &Plan| {
        let archived = if p.archived { format!(" · {}", t.archived) } else { String::new() };
        format!("{} ({}){archived}", p.title, p.period_text())
    };
    egui::ComboBox::from_id_salt("plan_switcher")
        .selected_text(egui::RichText::new(&current.title).strong())
        .width(ui.available_width().clamp(160.0, 420.0))
        .show_ui(ui, |ui| {
            for p in plans {
                if ui.selectable_label(p.id == current.id, label(p)).clicked() && p.id != current.id {
                    cmds.push(Command::SwitchPlan(p.id));
                }
            }
            ui.separator();
            if ui.button(t.import_plan_menu).clicked() {
                cmds.push(Command::Open(crate::ui::command::Dialog::PlanImport));
            }
            if ui.button(t.update_plan_menu).clicked() {
                cmds.push(Command::Open(crate::ui::command::Dialog::PlanUpdate));
            }
            if ui.button(t.places_menu).clicked() {
                cmds.push(Command::Open(crate::ui::command::Dialog::Places));
            }
            let (text, archive) = if current.archived { (t.unarchive_plan, false) } else { (t.archive_plan, true) };
            if ui.button(text).clicked() {
                cmds.push(Command::ArchivePlan { id: current.id, archive });
            }
        })
        .response
        .on_hover_text(format!(
            "{} · {} · {} {}",
            current.title,
            current.period_text(),
            current.projects,
            t.projects_word
        ))
        .accessible_name(t.plan);
    if current.archived {
        let badge = egui::RichText::new(format!(" {} ", t.archived_read_only))
            .strong()
            .color(egui::Color32::WHITE)
            .background_color(egui::Color32::from_rgb(90, 90, 90));
        ui.label(badge).on_hover_text(t.archived_tooltip);
    }
}
