//! The read-only detail pane of the selected project, with its provenance sentence.

use crate::db::Snapshot;
use crate::domain::{Project, category};

use super::i18n::Lang;
use super::table::quantity;

/// Draws the details of `project` (or a hint when nothing is selected): fields on the left,
/// the plan's sentence on the right.
pub fn detail_ui(ui: &mut egui::Ui, data: &Snapshot, project: Option<&Project>, lang: Lang) {
    let t = lang.texts();
    let Some(p) = project else {
        ui.add_space(6.0);
        ui.weak(t.no_selection);
        return;
    };
    ui.add_space(4.0);
    ui.label(egui::RichText::new(&p.name).size(18.0).strong());
    ui.add_space(4.0);
    let rows = fields(data, p, lang);
    ui.columns(2, |cols| {
        egui::ScrollArea::vertical().id_salt("detail_fields").auto_shrink([false, false]).show(&mut cols[0], |ui| {
            egui::Grid::new("detail_grid").num_columns(2).spacing([12.0, 4.0]).show(ui, |ui| {
                for (label, value) in rows {
                    ui.weak(label);
                    ui.add(egui::Label::new(value).wrap());
                    ui.end_row();
                }
            });
        });
        let ui = &mut cols[1];
        ui.strong(t.source);
        egui::ScrollArea::vertical().id_salt("detail_source").auto_shrink([false, false]).show(ui, |ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.add(egui::Label::new(&p.source).wrap());
            });
        });
    });
}

/// The label and value of every field shown for a project.
fn fields(data: &Snapshot, p: &Project, lang: Lang) -> Vec<(&'static str, String)> {
    let t = lang.texts();
    let box_title = data
        .boxes
        .iter()
        .find(|b| b.number == p.zhuanlan)
        .map(|b| format!("{} {}{}", b.number, b.title, if b.numbered { "" } else { t.unnumbered }))
        .unwrap_or_else(|| p.zhuanlan.to_string());
    let gazetteer = &data.portfolio.gazetteer;
    let parent = gazetteer.place(&p.place).and_then(|pl| pl.parent.as_deref());
    let place_text = match parent {
        Some(parent) if Some(parent) != gazetteer.root() => format!("{} ({parent})", p.place),
        _ => p.place.clone(),
    };
    let target =
        lang.target(p.target, p.target_comparator, p.unit.as_deref()).unwrap_or_else(|| t.unit_none.to_string());
    let year = if p.target_year_inferred {
        format!("{} ({})", p.target_year, t.year_inferred)
    } else {
        p.target_year.to_string()
    };
    let category_label = category(&p.category).map_or_else(|| p.category.clone(), |c| lang.category(c).to_string());
    let mut rows = vec![
        (t.col_id, p.id.to_string()),
        (t.col_box, format!("{box_title} · {}", t.item.replace("{}", &p.item.to_string()))),
        (t.col_category, category_label),
        (t.col_place, place_text),
        (t.col_status, lang.status(p.status).to_string()),
        (t.col_target, target),
        (t.col_done, p.done.map_or_else(|| t.not_reported.to_string(), quantity)),
        (t.col_year, year),
    ];
    if let Some(start) = p.start_year {
        rows.push((t.start_year, start.to_string()));
    }
    // The light and why: every measure's verdict, worst first.
    if let Some(i) = data.portfolio.projects.iter().position(|q| q.id == p.id) {
        let verdict = data.portfolio.verdict(i);
        let name = if lang == Lang::Zh { verdict.light.label_zh() } else { verdict.light.label_en() };
        let why = verdict.summary(lang);
        let mut text = match lang {
            Lang::Zh => format!("{name}:{why}"),
            Lang::En => format!("{name}: {why}"),
        };
        if let Some(since) = data.portfolio.light_since(i) {
            text.push_str(&match lang {
                Lang::Zh => format!("(自 {since} 起{name})"),
                Lang::En => format!(" ({name} since {since})"),
            });
        }
        rows.push((t.col_light, text));
    }
    if let Some(m) = p.planned_start {
        rows.push((t.planned_start, m.to_string()));
    }
    if let Some(registered) = p.registered {
        let mut text = (if registered { t.yes } else { t.no }).to_string();
        if let Some(m) = p.registered_in {
            text.push_str(&format!(" ({m})"));
        }
        rows.push((t.registered, text));
    }
    if let Some(code) = &p.project_code {
        rows.push((t.project_code, code.clone()));
    }
    // The other row of a project the plan names twice: one progress, counted once.
    let projects = &data.portfolio.projects;
    let twin = p.same_as.or_else(|| projects.iter().find(|q| q.same_as == Some(p.id)).map(|q| q.id));
    if let Some(twin) = twin {
        let name = projects.iter().find(|q| q.id == twin).map_or("", |q| q.name.as_str());
        let text = match lang {
            Lang::Zh => format!("#{twin} {name}(规划中两处列出:进度共用,统计只计一次)"),
            Lang::En => format!("#{twin} {name} (the plan lists it twice: one progress, counted once)"),
        };
        rows.push((lang.tr("同一项目", "Same project"), text));
    }
    rows
}
