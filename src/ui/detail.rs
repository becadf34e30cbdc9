//! The read-only detail pane of the selected project, with its provenance sentence.

use crate::db::Snapshot;
use crate::domain::{Project, category};

use super::i18n::Lang;
use super::table::quantity;

/// Draws the details of `project` (or a hint when nothing is selected).
pub fn detail_ui(ui: &mut egui::Ui, data: &Snapshot, project: Option<&Project>, lang: Lang) {
    let t = lang.texts();
    ui.heading(t.detail);
    ui.separator();
    let Some(p) = project else {
        ui.weak(t.no_selection);
        return;
    };
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.label(egui::RichText::new(&p.name).size(18.0).strong());
            ui.add_space(6.0);
            let box_title = data
                .boxes
                .iter()
                .find(|b| b.number == p.zhuanlan)
                .map(|b| {
                    format!(
                        "{} {}{}",
                        b.number,
                        b.title,
                        if b.numbered { "" } else { t.unnumbered }
                    )
                })
                .unwrap_or_else(|| p.zhuanlan.to_string());
            let place = data.portfolio.gazetteer.place(&p.place);
            let place_text = match place.and_then(|pl| pl.parent) {
                Some(parent) if parent != crate::domain::ROOT_PLACE => {
                    format!("{} ({parent})", p.place)
                }
                _ => p.place.clone(),
            };
            let target = match (p.target, &p.unit) {
                (Some(v), Some(u)) => format!("{} {u}", quantity(v)),
                _ => t.unit_none.to_string(),
            };
            let year = if p.target_year_inferred {
                format!("{} ({})", p.target_year, t.year_inferred)
            } else {
                p.target_year.to_string()
            };
            let done = p.done.map_or_else(|| t.not_reported.to_string(), quantity);
            let mut rows = vec![
                (t.col_id, p.id.to_string()),
                (
                    t.col_box,
                    format!(
                        "{box_title} · {}",
                        t.item.replace("{}", &p.item.to_string())
                    ),
                ),
                (
                    t.col_category,
                    category(&p.category)
                        .map_or_else(|| p.category.clone(), |c| lang.category(c).to_string()),
                ),
                (t.col_place, place_text),
                (t.col_status, lang.status(p.status).to_string()),
                (t.col_target, target),
                (t.col_done, done),
                (t.col_year, year),
            ];
            if let Some(start) = p.start_year {
                rows.push((t.start_year, start.to_string()));
            }
            egui::Grid::new("detail_grid")
                .num_columns(2)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    for (label, value) in rows {
                        ui.weak(label);
                        ui.add(egui::Label::new(value).wrap());
                        ui.end_row();
                    }
                });
            ui.add_space(10.0);
            ui.strong(t.source);
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.add(egui::Label::new(&p.source).wrap());
            });
        });
}
