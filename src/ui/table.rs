//! The project table: virtualised rows over the precomputed filtered and sorted index.

use egui_extras::{Column, TableBuilder};

use crate::domain::{Light, Portfolio, ProjectId, SortColumn, SortOrder, category};
use crate::ui::command::Command;

use super::i18n::Lang;

/// What the table shows this frame.
pub struct TableData<'a> {
    pub portfolio: &'a Portfolio,
    /// Indices into `portfolio.projects`, filtered and sorted.
    pub rows: &'a [usize],
    pub selected: Option<ProjectId>,
    pub sort: (SortColumn, SortOrder),
    pub lang: Lang,
}

/// View state of the table.
#[derive(Debug, Default)]
pub struct ProjectTable {
    /// Row to bring into view on the next frame (after keyboard moves).
    pub scroll_to: Option<usize>,
}

pub use crate::domain::format_quantity as quantity;

impl ProjectTable {
    /// Draws the table.
    pub fn ui(&mut self, ui: &mut egui::Ui, data: &TableData<'_>, cmds: &mut Vec<Command>) {
        let t = data.lang.texts();
        if data.rows.is_empty() {
            ui.centered_and_justified(|ui| ui.label(t.no_rows));
            return;
        }
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
        let mut builder = TableBuilder::new(ui)
            .id_salt("projects")
            .striped(true)
            .resizable(true)
            .sense(egui::Sense::click())
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::initial(48.0).at_least(36.0))
            .column(Column::initial(44.0).at_least(36.0))
            .column(Column::remainder().at_least(160.0).clip(true))
            .column(Column::initial(112.0).at_least(60.0).clip(true))
            .column(Column::initial(100.0).at_least(60.0).clip(true))
            .column(Column::initial(60.0).at_least(44.0))
            .column(Column::initial(56.0).at_least(44.0))
            .column(Column::initial(96.0).at_least(60.0))
            .column(Column::initial(64.0).at_least(44.0))
            .column(Column::initial(96.0).at_least(60.0))
            .column(Column::initial(76.0).at_least(56.0));
        if let Some(row) = self.scroll_to.take() {
            builder = builder.scroll_to_row(row, None);
        }
        let headers = [
            (t.col_id, Some(SortColumn::Id)),
            (t.col_box, Some(SortColumn::Zhuanlan)),
            (t.col_name, Some(SortColumn::Name)),
            (t.col_place, Some(SortColumn::Place)),
            (t.col_category, Some(SortColumn::Category)),
            (t.col_status, Some(SortColumn::Status)),
            (t.col_year, Some(SortColumn::TargetYear)),
            (t.col_target, Some(SortColumn::Target)),
            (t.col_done, None),
            (t.col_schedule, None),
            (t.col_light, None),
        ];
        builder
            .header(row_height + 2.0, |mut header| {
                for (label, column) in headers {
                    let arrow = match (column, data.sort) {
                        (Some(c), (sorted, SortOrder::Ascending)) if c == sorted => " ↑",
                        (Some(c), (sorted, SortOrder::Descending)) if c == sorted => " ↓",
                        _ => "",
                    };
                    // The header row senses clicks itself (the table's sense), so the click is
                    // read from the cell, not from a widget inside it.
                    let (_, cell) = header.col(|ui| {
                        let text = egui::RichText::new(format!("{label}{arrow}")).strong();
                        ui.add(egui::Label::new(text).selectable(false));
                    });
                    if let Some(c) = column
                        && cell.on_hover_cursor(egui::CursorIcon::PointingHand).clicked()
                    {
                        cmds.push(Command::SortBy(c));
                    }
                }
            })
            .body(|body| {
                body.rows(row_height, data.rows.len(), |mut row| {
                    let p = &data.portfolio.projects[data.rows[row.index()]];
                    row.set_selected(data.selected == Some(p.id));
                    let target = data.lang.target(p.target, p.target_comparator, p.unit.as_deref()).unwrap_or_default();
                    let year = format!("{}{}", p.target_year, if p.target_year_inferred { "*" } else { "" });
                    let cells = [
                        p.id.to_string(),
                        format!("{}.{}", p.zhuanlan, p.item),
                        p.name.clone(),
                        p.place.clone(),
                        category(&p.category).map_or_else(|| p.category.clone(), |c| data.lang.category(c).to_string()),
                        data.lang.status(p.status).to_string(),
                        year,
                        target,
                        p.done.map(quantity).unwrap_or_default(),
                    ];
                    for cell in cells {
                        row.col(|ui| {
                            ui.add(egui::Label::new(cell).truncate().selectable(false));
                        });
                    }
                    let index = data.rows[row.index()];
                    schedule_and_light_cells(&mut row, data, index);
                    if row.response().clicked() {
                        cmds.push(Command::Select(Some(p.id)));
                    }
                });
            });
    }
}

/// The completion against 序时进度 (with 滞后 where it lags) and the light of row `index`.
fn schedule_and_light_cells(row: &mut egui_extras::TableRow<'_, '_>, data: &TableData<'_>, index: usize) {
    let t = data.lang.texts();
    let schedule = data.portfolio.schedule(index);
    let text = format!("{:.0}%/{:.0}%", schedule.completion * 100.0, schedule.expected * 100.0);
    row.col(|ui| {
        if data.portfolio.lagging(index) {
            let warn = egui::RichText::new(format!("{text} {}", t.lagging)).color(ui.visuals().warn_fg_color);
            ui.add(egui::Label::new(warn).truncate().selectable(false));
        } else {
            ui.add(egui::Label::new(text).truncate().selectable(false));
        }
    });
    row.col(|ui| {
        // The reasons are put into words only for the row the pointer rests on.
        let response = light_mark(ui, data.portfolio.light(index), data.lang);
        response.on_hover_ui(|ui| {
            ui.label(data.portfolio.verdict(index).summary(data.lang));
        });
    });
}

/// A light as the table and the detail show it: a dot in its colour and its name, so it reads
/// in grey print and for colour-blind readers too.
pub fn light_mark(ui: &mut egui::Ui, light: Light, lang: Lang) -> egui::Response {
    let (r, g, b) = light.rgb();
    let size = ui.text_style_height(&egui::TextStyle::Body) * 0.7;
    let label = if lang == Lang::Zh { light.label_zh() } else { light.label_en() };
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
        ui.painter().circle(rect.center(), size / 2.0, egui::Color32::from_rgb(r, g, b), ui.visuals().window_stroke);
        ui.add(egui::Label::new(label).truncate().selectable(false));
    })
    .response
}
