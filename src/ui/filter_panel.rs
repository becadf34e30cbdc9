//! The filter panel: search, place (with its hierarchy), category, 专栏, status, target years.

use egui::collapsing_header::CollapsingState;

use crate::db::{SavedView, Snapshot};
use crate::domain::{CATEGORIES, Filter, Light, PlaceKind, Plan, Status};
use crate::ui::command::Command;

use super::i18n::Lang;

/// The search box's id, so Ctrl+F can focus it and tests can find it.
pub const SEARCH_ID: &str = "taizhang_search";

/// View state of the filter panel.
#[derive(Debug, Default)]
pub struct FilterPanel {
    /// Set by Ctrl+F; taken when the search box is drawn.
    pub focus_search: bool,
    /// The name typed for a new saved view.
    view_name: String,
}

/// Toggles `value` in `list`.
fn toggle<T: PartialEq + Clone>(list: &mut Vec<T>, value: &T, on: bool) {
    let present = list.contains(value);
    if on && !present {
        list.push(value.clone());
    } else if !on && present {
        list.retain(|v| v != value);
    }
}

fn checkbox_in<T: PartialEq + Clone>(ui: &mut egui::Ui, list: &mut Vec<T>, value: &T, label: &str) {
    let mut on = list.contains(value);
    if ui.checkbox(&mut on, label).changed() {
        toggle(list, value, on);
    }
}

impl FilterPanel {
    /// Draws the panel; edits `filter` in place (it is a saved preference).
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        data: &Snapshot,
        views: &[SavedView],
        filter: &mut Filter,
        lang: Lang,
        cmds: &mut Vec<Command>,
    ) {
        let t = lang.texts();
        ui.horizontal(|ui| {
            ui.heading(t.filters);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.add_enabled(!filter.is_empty(), egui::Button::new(t.clear_filters)).clicked() {
                    cmds.push(Command::ClearFilters);
                }
            });
        });
        let search = ui.add(
            egui::TextEdit::singleline(&mut filter.search)
                .id(egui::Id::unique(SEARCH_ID))
                .hint_text(
                    t.search_hint
                        .replace("{keys}", &crate::ui::command::Action::Find.keys(ui.ctx()).unwrap_or_default()),
                )
                .desired_width(f32::INFINITY),
        );
        if std::mem::take(&mut self.focus_search) {
            search.request_focus();
        }
        ui.checkbox(&mut filter.lagging_only, t.lagging_only);
        ui.horizontal_wrapped(|ui| {
            ui.label(t.lights_heading);
            for light in [Light::Red, Light::Yellow, Light::Green, Light::Grey] {
                let label = if lang == Lang::Zh { light.label_zh() } else { light.label_en() };
                checkbox_in(ui, &mut filter.lights, &light, label);
            }
        });
        ui.separator();
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            egui::CollapsingHeader::new(t.saved_views).default_open(true).show(ui, |ui| {
                self.views_ui(ui, views, lang, cmds);
            });
            egui::CollapsingHeader::new(t.place).default_open(true).show(ui, |ui| {
                Self::places_ui(ui, data, filter, lang);
            });
            egui::CollapsingHeader::new(t.category).default_open(true).show(ui, |ui| {
                for c in CATEGORIES {
                    checkbox_in(ui, &mut filter.categories, &c.code.to_string(), lang.category(c));
                }
            });
            egui::CollapsingHeader::new(t.zhuanlan).default_open(false).show(ui, |ui| {
                for b in &data.boxes {
                    let label = format!("{} {}{}", b.number, b.title, if b.numbered { "" } else { t.unnumbered });
                    checkbox_in(ui, &mut filter.zhuanlan, &b.number, &label);
                }
            });
            egui::CollapsingHeader::new(t.status).default_open(true).show(ui, |ui| {
                for s in Status::ALL {
                    checkbox_in(ui, &mut filter.statuses, &s, lang.status(s));
                }
            });
            egui::CollapsingHeader::new(t.nature).default_open(false).show(ui, |ui| {
                for word in crate::domain::NATURES.into_iter().chain([crate::domain::NATURE_MISSING]) {
                    checkbox_in(ui, &mut filter.natures, &word.to_string(), lang.nature(word));
                }
            });
            egui::CollapsingHeader::new(t.target_year).default_open(true).show(ui, |ui| {
                ui.horizontal(|ui| {
                    year_combo(ui, ("year_from", &data.plan), t.year_from, &mut filter.year_from, t.any);
                    year_combo(ui, ("year_to", &data.plan), t.year_to, &mut filter.year_to, t.any);
                });
            });
        });
    }

    /// Saved views: recall with a click, delete with ×, save the current one under a name.
    fn views_ui(&mut self, ui: &mut egui::Ui, views: &[SavedView], lang: Lang, cmds: &mut Vec<Command>) {
        let t = lang.texts();
        for v in views {
            ui.horizontal(|ui| {
                if ui.small_button("×").on_hover_text(t.delete_view).clicked() {
                    cmds.push(Command::DeleteView(v.id));
                }
                if ui.link(&v.name).on_hover_text(v.filter.describe()).clicked() {
                    cmds.push(Command::RecallView(v.id));
                }
            });
        }
        ui.horizontal(|ui| {
            ui.add(egui::TextEdit::singleline(&mut self.view_name).desired_width(120.0).hint_text(t.view_name))
                .accessible_name(t.view_name);
            if ui.add_enabled(!self.view_name.trim().is_empty(), egui::Button::new(t.save_view)).clicked() {
                cmds.push(Command::SaveView(std::mem::take(&mut self.view_name)));
            }
        });
    }

    /// Districts at the top, with what lies inside each (dev zones, central areas, towns)
    /// folded beneath; 市中心城区 first, as the plan groups it.
    fn places_ui(ui: &mut egui::Ui, data: &Snapshot, filter: &mut Filter, lang: Lang) {
        let gazetteer = &data.portfolio.gazetteer;
        let places = gazetteer.places();
        let root = gazetteer.root();
        let top = places.iter().filter(|p| {
            p.parent.as_deref() == root
                && p.parent.is_some()
                && matches!(p.kind, PlaceKind::District | PlaceKind::UrbanArea | PlaceKind::Named)
        });
        for place in top {
            let children: Vec<_> = places.iter().filter(|c| c.parent.as_ref() == Some(&place.name)).collect();
            let name = place.name.to_string();
            if children.is_empty() {
                checkbox_in(ui, &mut filter.places, &name, lang.place(place));
                continue;
            }
            let id = ui.make_persistent_id(("place_children", &place.name));
            CollapsingState::load_with_default_open(ui.ctx(), id, false)
                .show_header(ui, |ui| checkbox_in(ui, &mut filter.places, &name, lang.place(place)))
                .body(|ui| {
                    for child in children {
                        checkbox_in(ui, &mut filter.places, &child.name.to_string(), lang.place(child));
                    }
                });
        }
    }
}

fn year_combo(ui: &mut egui::Ui, (id, plan): (&str, &Plan), label: &str, value: &mut Option<i32>, any: &str) {
    let text = value.map_or_else(|| any.to_string(), |y| y.to_string());
    egui::ComboBox::new(id, label).selected_text(text).width(64.0).show_ui(ui, |ui| {
        ui.selectable_value(value, None, any);
        for year in plan.start_year..=plan.end_year {
            ui.selectable_value(value, Some(year), year.to_string());
        }
    });
}
