//! 新增项目: the form of a new project, its fields as typed and the box it belongs to, with
//! what was wrong the last time it was saved. 保存 is a command the app runs.

use crate::db::Snapshot;
use crate::ui::command::Command;
use crate::ui::i18n::Lang;

/// The form's state while it is open.
#[derive(Debug, Default)]
pub struct AddProjectWindow {
    pub fields: crate::domain::ProjectFields,
    pub zhuanlan: u8,
    pub target: String,
    pub errors: Vec<crate::domain::FieldError>,
}

impl AddProjectWindow {
    /// A blank form for the plan shown: its city, pipes, the plan's last year, box 6.
    pub fn for_plan(snapshot: &Snapshot) -> Self {
        let fields = crate::domain::ProjectFields {
            place: snapshot.portfolio.gazetteer.root().unwrap_or_default().into(),
            category: "pipes".into(),
            target_year: snapshot.plan.end_year,
            ..crate::domain::ProjectFields::default()
        };
        Self { fields, zhuanlan: 6, ..Self::default() }
    }

    /// Draws the form; `open` goes false when it is closed.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        open: &mut bool,
        snapshot: &Snapshot,
        lang: Lang,
        cmds: &mut Vec<Command>,
    ) {
        let t = lang.texts();
        let boxes = &snapshot.boxes;
        let places = snapshot.portfolio.gazetteer.places();
        let d = self;
        egui::Window::new(t.add_project).open(open).resizable(false).show(ctx, |ui| {
            egui::Grid::new("add_grid").num_columns(2).spacing([10.0, 6.0]).show(ui, |ui| {
                ui.label(t.col_name);
                ui.add(egui::TextEdit::singleline(&mut d.fields.name).desired_width(280.0)).accessible_name(t.col_name);
                ui.end_row();
                ui.label(t.zhuanlan);
                let current = boxes
                    .iter()
                    .find(|b| b.number == d.zhuanlan)
                    .map_or(String::new(), |b| format!("{} {}", b.number, b.title));
                egui::ComboBox::from_id_salt("add_box")
                    .selected_text(current)
                    .width(280.0)
                    .show_ui(ui, |ui| {
                        for b in boxes {
                            ui.selectable_value(&mut d.zhuanlan, b.number, format!("{} {}", b.number, b.title));
                        }
                    })
                    .response
                    .accessible_name(t.zhuanlan);
                ui.end_row();
                ui.label(t.col_place);
                egui::ComboBox::from_id_salt("add_place")
                    .selected_text(d.fields.place.clone())
                    .show_ui(ui, |ui| {
                        for p in places {
                            ui.selectable_value(&mut d.fields.place, p.name.clone(), p.name.as_str());
                        }
                    })
                    .response
                    .accessible_name(t.col_place);
                ui.end_row();
                ui.label(t.col_category);
                let cat = crate::domain::category(&d.fields.category).map_or("—", |c| lang.category(c));
                egui::ComboBox::from_id_salt("add_category")
                    .selected_text(cat)
                    .show_ui(ui, |ui| {
                        for c in crate::domain::CATEGORIES {
                            ui.selectable_value(&mut d.fields.category, c.code.to_string(), lang.category(c));
                        }
                    })
                    .response
                    .accessible_name(t.col_category);
                ui.end_row();
                ui.label(t.col_target);
                ui.horizontal(|ui| {
                    ui.add(egui::TextEdit::singleline(&mut d.target).desired_width(80.0)).accessible_name(t.col_target);
                    let mut unit = d.fields.unit.clone().unwrap_or_default();
                    ui.add(egui::TextEdit::singleline(&mut unit).desired_width(60.0).hint_text(t.unit))
                        .accessible_name(t.unit);
                    d.fields.unit = Some(unit).filter(|u| !u.trim().is_empty());
                });
                ui.end_row();
                ui.label(t.col_year);
                ui.add(egui::DragValue::new(&mut d.fields.target_year).range(2000..=2100)).accessible_name(t.col_year);
                ui.end_row();
            });
            for e in &d.errors {
                ui.colored_label(ui.visuals().error_fg_color, crate::words::Say::say(&e.problem, lang));
            }
            if ui.button(t.save).clicked() {
                cmds.push(Command::AddProject);
            }
        });
    }
}
