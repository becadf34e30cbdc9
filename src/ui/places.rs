//! 地点层级: the places a plan import made (a street, a village, a site named in a ledger), each
//! with the place it lies in, for the reviewer to set where the file did not say. Pushes
//! commands; never touches the database.

use crate::domain::{Gazetteer, PlaceKind};
use crate::ui::command::Command;
use crate::ui::i18n::Lang;

/// The window; `open` is cleared when the user closes it.
pub fn places_ui(ctx: &egui::Context, open: &mut bool, places: &Gazetteer, lang: Lang, cmds: &mut Vec<Command>) {
    let t = lang.texts();
    egui::Window::new(t.places_title).open(open).default_width(520.0).show(ctx, |ui| {
        ui.weak(t.places_hint);
        ui.separator();
        let made: Vec<_> = places.places().iter().filter(|p| p.kind == PlaceKind::Named).collect();
        if made.is_empty() {
            ui.label(t.places_none);
            return;
        }
        egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
            egui::Grid::new("places_grid").striped(true).num_columns(2).show(ui, |ui| {
                ui.strong(t.places_place);
                ui.strong(t.places_parent);
                ui.end_row();
                for place in made {
                    ui.label(&place.name);
                    let Some(me) = places.index_of(&place.name) else { continue };
                    let current = place.parent.clone().unwrap_or_default();
                    let mut chosen = current.clone();
                    egui::ComboBox::from_id_salt(("place_parent", &place.name))
                        .selected_text(&chosen)
                        .width(220.0)
                        .show_ui(ui, |ui| {
                            // Not the place itself nor anything inside it.
                            for (i, candidate) in places.places().iter().enumerate() {
                                if !places.covers(me, i) {
                                    ui.selectable_value(&mut chosen, candidate.name.clone(), lang.place(candidate));
                                }
                            }
                        })
                        .response
                        .accessible_name(format!("{} {}", t.places_parent, place.name));
                    if chosen != current {
                        cmds.push(Command::SetPlaceParent { place: place.name.clone(), parent: chosen });
                    }
                    ui.end_row();
                }
            });
        });
    });
}
