//! The charts screen and the meeting slides, drawn from [`ChartData`]. Colours are the
//! Okabe–Ito palette, which stays apart for colour-blind viewers and in grey print.

use egui::Color32;
use egui_plot::{Bar, BarChart, Legend, Plot};

use crate::app::Command;
use crate::domain::{ChartData, Slide, Status, StatusCounts, format_quantity};

use super::i18n::Lang;

/// Colours of the statuses, in [`Status::ALL`] order.
pub const STATUS_COLORS: [Color32; 5] = [
    Color32::from_rgb(0x99, 0x99, 0x99),
    Color32::from_rgb(0xE6, 0x9F, 0x00),
    Color32::from_rgb(0x00, 0x72, 0xB2),
    Color32::from_rgb(0x00, 0x9E, 0x73),
    Color32::from_rgb(0xD5, 0x5E, 0x00),
];

/// Stacked bars of project counts by status, one bar per group; a click on a bar returns its
/// group's key.
pub fn status_chart(
    ui: &mut egui::Ui,
    id: &str,
    groups: &[StatusCounts],
    lang: Lang,
    horizontal: bool,
    height: f32,
) -> Option<String> {
    let labels: Vec<String> = groups.iter().map(|g| g.label.clone()).collect();
    let mut charts: Vec<BarChart> = Vec::new();
    for (s, status) in Status::ALL.iter().enumerate() {
        let bars: Vec<Bar> = groups
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let bar = Bar::new(i as f64, f64::from(g.counts[s])).width(0.6).name(&g.label);
                if horizontal { bar.horizontal() } else { bar }
            })
            .collect();
        let mut chart = BarChart::new(lang.status(*status), bars).color(STATUS_COLORS[s]);
        if horizontal {
            chart = chart.horizontal();
        }
        let below: Vec<&BarChart> = charts.iter().collect();
        chart = chart.stack_on(&below);
        charts.push(chart);
    }
    let label_of = move |v: f64| {
        let i = v.round();
        if (v - i).abs() < 0.01 && i >= 0.0 {
            labels.get(i as usize).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    };
    let mut plot = Plot::new(id)
        .height(height)
        .legend(Legend::default())
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .show_grid(false);
    plot = if horizontal {
        plot.y_axis_formatter(move |m, _| label_of(m.value)).y_axis_min_width(110.0)
    } else {
        plot.x_axis_formatter(move |m, _| label_of(m.value))
    };
    // The total of each bar printed at its end (the parts are in the tooltip).
    let totals: Vec<(f64, f64)> = groups.iter().enumerate().map(|(i, g)| (i as f64, f64::from(g.total()))).collect();
    let response = plot.show(ui, |plot_ui| {
        for chart in charts {
            plot_ui.bar_chart(chart);
        }
        for (at, total) in totals {
            let (position, anchor) = if horizontal {
                (egui_plot::PlotPoint::new(total, at), egui::Align2::LEFT_CENTER)
            } else {
                (egui_plot::PlotPoint::new(at, total), egui::Align2::CENTER_BOTTOM)
            };
            plot_ui.text(egui_plot::Text::new("", position, format!(" {total} ")).anchor(anchor));
        }
        plot_ui.pointer_coordinate()
    });
    let clicked = response.response.clicked();
    let at = response.inner?;
    let index = if horizontal { at.y } else { at.x }.round();
    (clicked && index >= 0.0).then(|| groups.get(index as usize).map(|g| g.key.clone())).flatten()
}

/// Two bars per district (a target and what is done, or a plan and what is spent), with the
/// values in the tooltip.
fn paired_bars(ui: &mut egui::Ui, id: &str, pairs: &[(String, f64, f64)], names: [&str; 2], unit: &str, height: f32) {
    let labels: Vec<String> = pairs.iter().map(|p| p.0.clone()).collect();
    let colors = [Color32::from_rgb(0x56, 0xB4, 0xE9), Color32::from_rgb(0x00, 0x72, 0xB2)];
    let bars = |second: bool| -> Vec<Bar> {
        pairs
            .iter()
            .enumerate()
            .map(|(i, (label, a, b))| {
                let (x, v) = if second { (i as f64 + 0.2, *b) } else { (i as f64 - 0.2, *a) };
                Bar::new(x, v).width(0.38).name(format!("{label} {} {unit}", format_quantity(v)))
            })
            .collect()
    };
    Plot::new(id)
        .height(height)
        .legend(Legend::default())
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .show_grid(false)
        .x_axis_formatter(move |m, _| {
            let i = m.value.round();
            if (m.value - i).abs() < 0.01 && i >= 0.0 {
                labels.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .show(ui, |plot_ui| {
            plot_ui.bar_chart(BarChart::new(names[0], bars(false)).color(colors[0]));
            plot_ui.bar_chart(BarChart::new(names[1], bars(true)).color(colors[1]));
        });
}

/// Target against done (公里) per district.
pub fn km_chart(ui: &mut egui::Ui, data: &ChartData, lang: Lang, height: f32) {
    let t = lang.texts();
    if data.km_by_district.is_empty() {
        ui.weak(t.no_data);
        return;
    }
    let pairs: Vec<_> = data.km_by_district.iter().map(|q| (q.label.clone(), q.target, q.done)).collect();
    paired_bars(ui, "km_chart", &pairs, [t.col_target, t.col_done], "公里", height);
}

/// Investment planned this year against invested so far, per district.
pub fn invest_chart(ui: &mut egui::Ui, data: &ChartData, height: f32) {
    if data.invest_by_district.is_empty() {
        ui.weak("暂无投资填报 / no investment reported");
        return;
    }
    let pairs: Vec<_> = data.invest_by_district.iter().map(|b| (b.label.clone(), b.planned, b.done)).collect();
    paired_bars(ui, "invest_chart", &pairs, ["本年计划投资", "累计完成投资"], "万元", height);
}

/// Completion of the quantity targets against 序时进度, month by month.
pub fn progress_chart(ui: &mut egui::Ui, data: &ChartData, height: f32) {
    if data.timeline.is_empty() {
        ui.weak("没有数量目标 / no quantity targets");
        return;
    }
    let points = |f: fn(&crate::domain::TimelinePoint) -> f64| -> Vec<[f64; 2]> {
        data.timeline.iter().enumerate().map(|(k, t)| [k as f64, f(t) * 100.0]).collect()
    };
    let periods: Vec<String> = data.timeline.iter().map(|t| t.period.to_string()).collect();
    Plot::new("progress_chart")
        .height(height)
        .legend(Legend::default())
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .include_y(0.0)
        .include_y(100.0)
        .x_axis_formatter(move |m, _| periods.get(m.value.max(0.0) as usize).cloned().unwrap_or_default())
        .y_axis_formatter(|m, _| format!("{:.0}%", m.value))
        .show(ui, |plot_ui| {
            plot_ui.line(egui_plot::Line::new("序时进度", points(|t| t.expected)).color(STATUS_COLORS[0]).width(2.0));
            plot_ui.line(egui_plot::Line::new("完成率", points(|t| t.done)).color(STATUS_COLORS[2]).width(3.0));
        });
}

/// Matters needing coordination, from the latest reports.
pub fn coordination_list(ui: &mut egui::Ui, data: &ChartData, size: f32) {
    egui::Grid::new(("coordination", size as i32)).striped(true).spacing([16.0, 4.0]).show(ui, |ui| {
        for c in &data.coordination {
            ui.label(egui::RichText::new(&c.name).size(size));
            ui.label(egui::RichText::new(&c.matter).size(size));
            ui.label(egui::RichText::new(format!("{} {}", c.unit, c.due)).size(size));
            ui.end_row();
        }
    });
    if let Some(note) = crate::domain::coordination_note(data) {
        ui.weak(egui::RichText::new(note).size(size * 0.8));
    }
}

/// The lagging projects, most behind first.
pub fn lagging_list(ui: &mut egui::Ui, data: &ChartData, lang: Lang, size: f32) {
    let t = lang.texts();
    if data.lagging.is_empty() {
        ui.label(egui::RichText::new(t.no_lagging).size(size));
        return;
    }
    egui::Grid::new(("lagging_list", size as i32)).striped(true).spacing([16.0, 4.0]).show(ui, |ui| {
        for e in &data.lagging {
            ui.label(egui::RichText::new(&e.name).size(size));
            ui.label(egui::RichText::new(&e.place).size(size));
            ui.label(
                egui::RichText::new(format!("{} {:.0}", t.behind_points, e.behind)).size(size).color(STATUS_COLORS[4]),
            );
            ui.label(egui::RichText::new(e.responsible.clone().unwrap_or_else(|| "—".into())).size(size));
            ui.end_row();
        }
    });
}

/// The charts screen. Returns a drill-down: (place or category key, is a place).
pub fn charts_ui(ui: &mut egui::Ui, data: &ChartData, lang: Lang, cmds: &mut Vec<Command>) {
    let t = lang.texts();
    egui::ScrollArea::vertical().id_salt("charts").show(ui, |ui| {
        ui.columns(2, |cols| {
            cols[0].strong(t.chart_by_district);
            if let Some(place) = status_chart(&mut cols[0], "by_district", &data.by_district, lang, false, 260.0) {
                cmds.push(Command::DrillPlace(place));
            }
            cols[1].strong(t.chart_km);
            km_chart(&mut cols[1], data, lang, 260.0);
        });
        ui.separator();
        ui.columns(2, |cols| {
            cols[0].strong(Slide::Progress.title(data));
            progress_chart(&mut cols[0], data, 240.0);
            cols[1].strong(Slide::Investment.title(data));
            invest_chart(&mut cols[1], data, 240.0);
        });
        ui.separator();
        ui.columns(2, |cols| {
            cols[0].strong(t.chart_by_category);
            if let Some(code) = status_chart(&mut cols[0], "by_category", &data.by_category, lang, true, 420.0) {
                cmds.push(Command::DrillCategory(code));
            }
            cols[1].strong(t.chart_lagging);
            lagging_list(&mut cols[1], data, lang, 13.0);
        });
        ui.weak(t.drill_hint);
    });
}

/// What a slide page shows besides the slide: which one it is and whether the data is a demo.
#[derive(Clone, Copy, Debug)]
pub struct SlidePage<'a> {
    pub data: &'a ChartData,
    pub slides: &'a [Slide],
    pub index: usize,
    /// The plan, the filter and the review date.
    pub subtitle: &'a str,
    pub lang: Lang,
    pub demo: bool,
}

/// A whole slide page, as presented and as exported: the slide, and a footer with the slide
/// number, the demo marker and whatever `footer` adds (the window's buttons and key hints).
pub fn slide_page(ui: &mut egui::Ui, page: &SlidePage<'_>, footer: impl FnOnce(&mut egui::Ui)) {
    let t = page.lang.texts();
    egui::Panel::bottom("slide_footer").show(ui, |ui| {
        ui.horizontal(|ui| {
            let number = format!("{} / {}", page.index + 1, page.slides.len());
            ui.label(egui::RichText::new(number).size(18.0).strong());
            if page.demo {
                ui.colored_label(Color32::from_rgb(190, 30, 30), egui::RichText::new(t.demo_badge).size(18.0).strong());
            }
            footer(ui);
        });
    });
    egui::CentralPanel::default().frame(egui::Frame::central_panel(ui.style()).inner_margin(32)).show(ui, |ui| {
        if let Some(slide) = page.slides.get(page.index) {
            slide_ui(ui, page.data, slide, page.subtitle, page.lang);
        }
    });
}

/// Draws one slide filling `ui`; `subtitle` names the plan, filter and review date.
pub fn slide_ui(ui: &mut egui::Ui, data: &ChartData, slide: &Slide, subtitle: &str, lang: Lang) {
    let t = lang.texts();
    let h = ui.available_height();
    let title = |ui: &mut egui::Ui, text: &str| {
        ui.label(egui::RichText::new(text).size((h / 16.0).clamp(24.0, 52.0)).strong());
        ui.label(egui::RichText::new(subtitle).size((h / 40.0).clamp(13.0, 24.0)));
        ui.add_space(h / 40.0);
    };
    let body = (h / 30.0).clamp(15.0, 32.0);
    match slide {
        Slide::Overview => {
            title(ui, t.slide_overview);
            for (label, value) in [
                (t.of_total, data.total.to_string()),
                (t.completed_projects, data.completed.to_string()),
                (t.lagging, data.lagging_total.to_string()),
            ] {
                ui.label(egui::RichText::new(format!("{label}: {value}")).size(body * 1.4));
            }
        }
        Slide::ByDistrict => {
            title(ui, t.chart_by_district);
            status_chart(ui, "slide_district", &data.by_district, lang, false, ui.available_height() - 10.0);
        }
        Slide::ByCategory => {
            title(ui, t.chart_by_category);
            status_chart(ui, "slide_category", &data.by_category, lang, true, ui.available_height() - 10.0);
        }
        Slide::Pipes => {
            title(ui, t.chart_km);
            km_chart(ui, data, lang, ui.available_height() - 10.0);
        }
        Slide::District(_) | Slide::Category(_) => {
            let Some(d) = slide.group(data) else { return };
            title(ui, &d.label);
            egui::Grid::new("slide_district_grid").spacing([40.0, 10.0]).show(ui, |ui| {
                for (s, status) in Status::ALL.iter().enumerate() {
                    ui.label(egui::RichText::new(lang.status(*status)).size(body).color(STATUS_COLORS[s]));
                    ui.label(egui::RichText::new(d.counts[s].to_string()).size(body).strong());
                    ui.end_row();
                }
                ui.label(egui::RichText::new(t.lagging).size(body));
                ui.label(egui::RichText::new(d.lagging.to_string()).size(body).strong());
                ui.end_row();
            });
        }
        Slide::Lagging => {
            title(ui, t.chart_lagging);
            lagging_list(ui, data, lang, body * 0.8);
        }
        Slide::Progress => {
            title(ui, &slide.title(data));
            progress_chart(ui, data, ui.available_height() - 10.0);
        }
        Slide::Investment => {
            title(ui, &slide.title(data));
            invest_chart(ui, data, ui.available_height() - 10.0);
        }
        Slide::Coordination => {
            title(ui, &slide.title(data));
            coordination_list(ui, data, body * 0.8);
        }
    }
}
