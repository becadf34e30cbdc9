//! 问题清单 in the window: the current plan's items, filtered by 责任单位, district, the project's
//! light, status and overdue, with counts; an item is closed (销号) with a note of how, or opened again. Pushes commands; never
//! touches the database.

use crate::db::ProblemRow;
use crate::domain::{Light, Period, ProblemStatus, ProjectId};
use crate::ui::command::Command;
use crate::ui::i18n::Lang;

/// Which items the window shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Showing {
    #[default]
    Open,
    Closed,
    All,
}

/// The window's state: the items as last read, the filters and the note being written.
#[derive(Debug, Default)]
pub struct ProblemsView {
    pub rows: Vec<ProblemRow>,
    /// Each project's district and light, as the table has them (filled with the rows).
    pub facts: std::collections::HashMap<ProjectId, (String, Light)>,
    pub owner: Option<String>,
    pub district: Option<String>,
    /// Only items of projects with these lights (all when empty).
    pub lights: Vec<Light>,
    pub overdue_only: bool,
    pub showing: Showing,
    /// The item being closed and the note typed for it.
    pub closing: Option<(i64, String)>,
}

impl ProblemsView {
    /// The rows the filters let through.
    pub fn visible(&self, month: Period) -> Vec<&ProblemRow> {
        self.visible_indices(month).into_iter().map(|k| &self.rows[k]).collect()
    }

    /// The indices into `rows` of the rows the filters let through.
    fn visible_indices(&self, month: Period) -> Vec<usize> {
        let keep = |r: &ProblemRow| {
            let facts = self.facts.get(&r.problem.project);
            self.owner.as_ref().is_none_or(|o| &r.problem.owner == o)
                && self.district.as_ref().is_none_or(|d| facts.is_some_and(|(district, _)| district == d))
                && (self.lights.is_empty() || facts.is_some_and(|(_, light)| self.lights.contains(light)))
                && (!self.overdue_only || r.problem.overdue(month))
                && match self.showing {
                    Showing::Open => r.problem.is_open(),
                    Showing::Closed => !r.problem.is_open(),
                    Showing::All => true,
                }
        };
        (0..self.rows.len()).filter(|&k| keep(&self.rows[k])).collect()
    }
}

/// The window; `open` is cleared when the user closes it.
pub fn problems_ui(
    ctx: &egui::Context,
    open: &mut bool,
    view: &mut ProblemsView,
    month: Period,
    lang: Lang,
    cmds: &mut Vec<Command>,
) {
    let t = lang.texts();
    egui::Window::new(t.problems_title).open(open).default_size([900.0, 460.0]).show(ctx, |ui| {
        let open_n = view.rows.iter().filter(|r| r.problem.is_open()).count();
        let late = view.rows.iter().filter(|r| r.problem.overdue(month)).count();
        let this_month = month.to_string();
        let closed_now = view
            .rows
            .iter()
            .filter(|r| r.problem.closed_on.as_deref().is_some_and(|d| d.starts_with(&this_month)))
            .count();
        ui.strong(
            t.problems_counts
                .replace("{open}", &open_n.to_string())
                .replace("{overdue}", &late.to_string())
                .replace("{closed}", &closed_now.to_string())
                .replace("{month}", &this_month),
        );
        ui.horizontal(|ui| {
            let mut units: Vec<&str> =
                view.rows.iter().map(|r| r.problem.owner.as_str()).filter(|o| !o.is_empty()).collect();
            units.sort_unstable();
            units.dedup();
            let units: Vec<String> = units.into_iter().map(str::to_string).collect();
            egui::ComboBox::from_id_salt("problems_owner")
                .selected_text(view.owner.clone().unwrap_or_else(|| t.problems_all_units.to_string()))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut view.owner, None, t.problems_all_units);
                    for u in units {
                        ui.selectable_value(&mut view.owner, Some(u.clone()), u);
                    }
                })
                .response
                .accessible_name(t.problems_unit);
            let mut districts: Vec<String> = view.facts.values().map(|(d, _)| d.clone()).collect();
            districts.sort_unstable();
            districts.dedup();
            egui::ComboBox::from_id_salt("problems_district")
                .selected_text(view.district.clone().unwrap_or_else(|| t.problems_all_districts.to_string()))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut view.district, None, t.problems_all_districts);
                    for d in districts {
                        ui.selectable_value(&mut view.district, Some(d.clone()), d);
                    }
                })
                .response
                .accessible_name(t.problems_district);
            for light in [Light::Red, Light::Yellow] {
                let mut on = view.lights.contains(&light);
                let name = if lang == Lang::Zh { light.label_zh() } else { light.label_en() };
                if ui.checkbox(&mut on, name).changed() {
                    view.lights.retain(|l| *l != light);
                    if on {
                        view.lights.push(light);
                    }
                }
            }
            ui.separator();
            ui.selectable_value(&mut view.showing, Showing::Open, t.problems_open);
            ui.selectable_value(&mut view.showing, Showing::Closed, t.problems_closed);
            ui.selectable_value(&mut view.showing, Showing::All, t.show_all);
            ui.checkbox(&mut view.overdue_only, t.problems_overdue_only);
        });
        ui.separator();
        // Indices, not copies: the rows are read in place each frame.
        let visible = view.visible_indices(month);
        if visible.is_empty() {
            ui.weak(t.problems_none);
            return;
        }
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            egui::Grid::new("problems_grid").striped(true).num_columns(7).show(ui, |ui| {
                for &k in &visible {
                    let r = &view.rows[k];
                    let p = &r.problem;
                    ui.label(format!("#{}", p.id));
                    ui.label(format!("{} · {}", r.project_name, r.place));
                    let kind = if lang == Lang::Zh { p.kind.label_zh() } else { p.kind.label_en() };
                    ui.label(format!("[{kind}] {}", p.text));
                    ui.label(if p.owner.is_empty() { "—" } else { &p.owner });
                    let due = p.due.map_or_else(|| "—".to_string(), |d| d.to_string());
                    if p.overdue(month) {
                        ui.colored_label(ui.visuals().error_fg_color, format!("{due} {}", t.problems_late));
                    } else {
                        ui.label(due);
                    }
                    let status = if lang == Lang::Zh { p.status.label_zh() } else { p.status.label_en() };
                    ui.label(status);
                    ui.horizontal(|ui| actions(ui, &mut view.closing, p, lang, cmds));
                    ui.end_row();
                }
            });
        });
    });
}

/// 销号 with a note (typed in place), or 重新打开 for a closed item.
fn actions(
    ui: &mut egui::Ui,
    closing: &mut Option<(i64, String)>,
    p: &crate::domain::Problem,
    lang: Lang,
    cmds: &mut Vec<Command>,
) {
    let t = lang.texts();
    if !p.is_open() {
        ui.weak(p.close_note.as_str());
        if ui.small_button(t.problems_reopen).clicked() {
            cmds.push(Command::SetProblemStatus { id: p.id, status: ProblemStatus::Open, note: String::new() });
        }
        return;
    }
    match closing {
        Some((id, note)) if *id == p.id => {
            ui.add(egui::TextEdit::singleline(note).hint_text(t.problems_note_hint).desired_width(180.0))
                .accessible_name(t.problems_note_hint);
            if ui.add_enabled(!note.trim().is_empty(), egui::Button::new(t.problems_close)).clicked() {
                cmds.push(Command::SetProblemStatus {
                    id: p.id,
                    status: ProblemStatus::Resolved,
                    note: note.trim().to_string(),
                });
                *closing = None;
            }
        }
        _ => {
            if ui.small_button(t.problems_close).clicked() {
                *closing = Some((p.id, String::new()));
            }
        }
    }
}
