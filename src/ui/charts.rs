//! The charts screen and the meeting slides, drawn from [`ChartData`]. Status colours come
//! from [`Status::rgb`] (apart for colour-blind viewers and in grey print); every segment big
//! enough carries its count, so a chart reads without colour at all.

use egui::Color32;
use egui_plot::{Bar, BarChart, Plot};

use crate::domain::{ChartData, Light, LightCounts, Slide, SlideKind, Status, StatusCounts, format_quantity};
use crate::ui::command::Command;

use super::i18n::Lang;

/// The colour of a status.
pub fn status_color(status: Status) -> Color32 {
    let (r, g, b) = status.rgb();
    Color32::from_rgb(r, g, b)
}

/// Lines and text that are not about a status (序时进度, 滞后).
const GREY: Color32 = Color32::from_rgb(0x77, 0x77, 0x77);
const BEHIND: Color32 = Color32::from_rgb(0xD5, 0x5E, 0x00);

/// How a chart is drawn: its height (legend included), the size of its labels, and whether
/// the pointer brings up values (not on a slide the presenter is not pointing at).
#[derive(Clone, Copy, Debug)]
pub struct Look {
    pub height: f32,
    pub text: f32,
    pub hover: bool,
}

impl Look {
    /// A chart of the charts screen: answers the pointer.
    pub fn screen(height: f32, text: f32) -> Self {
        Self { height, text, hover: true }
    }
}

/// What a legend entry shows beside its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Swatch {
    Box,
    Line,
}

/// A legend in one row above its chart, outside the plot, so it never covers a bar or a line,
/// and in the order given (statuses in their lifecycle order in every language); returns the
/// height it took. Drawn in the Body style, as egui_plot's own legend is.
fn legend_ui(ui: &mut egui::Ui, entries: &[(&str, Color32, Swatch)]) -> f32 {
    let size = egui::TextStyle::Body.resolve(ui.style()).size;
    // Whole points, so the row stays on the pixel grid.
    let (gap, swatch_width) = ((size * 0.3).round(), (size * 0.9).round());
    let response = ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = gap;
        for &(name, color, swatch) in entries {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(swatch_width, size.round()), egui::Sense::hover());
            match swatch {
                Swatch::Box => {
                    let square = egui::Rect::from_center_size(rect.center(), egui::vec2(size * 0.7, size * 0.7));
                    ui.painter().rect_filled(square, 1.0, color);
                }
                Swatch::Line => {
                    let y = rect.center().y;
                    ui.painter().line_segment([egui::pos2(rect.left(), y), egui::pos2(rect.right(), y)], (3.0, color));
                }
            }
            ui.add(egui::Label::new(egui::RichText::new(name).size(size)).wrap_mode(egui::TextWrapMode::Extend));
            ui.add_space(2.0 * gap);
        }
    });
    response.response.rect.height() + ui.spacing().item_spacing.y
}

/// The colour of a light.
pub fn light_color(light: Light) -> Color32 {
    let (r, g, b) = light.rgb();
    Color32::from_rgb(r, g, b)
}

/// Stacked bars of project counts by status, one bar per group (statuses in their lifecycle
/// order from the axis); a click on a bar returns its group's key.
pub fn status_chart(
    ui: &mut egui::Ui,
    id: &str,
    groups: &[StatusCounts],
    lang: Lang,
    horizontal: bool,
    look: Look,
) -> Option<String> {
    let segments: Vec<Segment<'_>> = Status::ALL
        .iter()
        .map(|s| Segment { name: lang.status(*s), color: status_color(*s), dark: s.is_dark() })
        .collect();
    let labels: Vec<String> = groups.iter().map(|g| lang.group_label(g).into_owned()).collect();
    let at = stacked_chart(ui, id, &labels, &segments, |i, s| groups[i].counts[s], horizontal, look)?;
    groups.get(at).map(|g| g.key.clone())
}

/// Stacked bars of project counts by light, one bar per district (red at the foot, then
/// yellow, green and 未评价); a click on a bar returns its district.
pub fn lights_chart(ui: &mut egui::Ui, id: &str, districts: &[LightCounts], lang: Lang, look: Look) -> Option<String> {
    let segments =
        LightCounts::STACKED.map(|l| Segment { name: lang.light(l), color: light_color(l), dark: l.is_dark() });
    let labels: Vec<String> = districts.iter().map(|d| d.label.clone()).collect();
    let count = |i: usize, s: usize| districts[i].count(LightCounts::STACKED[s]);
    let at = stacked_chart(ui, id, &labels, &segments, count, false, look)?;
    districts.get(at).map(|d| d.key.clone())
}

/// One kind of segment of stacked bars: its name in the legend, its colour, and whether the
/// counts on it are written in white.
#[derive(Clone, Copy, Debug)]
struct Segment<'a> {
    name: &'a str,
    color: Color32,
    dark: bool,
}

/// Stacked bars, one bar per label with a segment of each kind (`count(bar, segment)`), the
/// first kind at the axis; each segment labelled with its count where it is big enough and
/// each bar with its total, the legend above in the segments' order. A click on a bar returns
/// its index. `look.text` is the size of the labels.
fn stacked_chart(
    ui: &mut egui::Ui,
    id: &str,
    labels: &[String],
    segments: &[Segment<'_>],
    count: impl Fn(usize, usize) -> u32,
    horizontal: bool,
    look: Look,
) -> Option<usize> {
    let text = look.text;
    let legend: Vec<(&str, Color32, Swatch)> = segments.iter().map(|s| (s.name, s.color, Swatch::Box)).collect();
    let height = (look.height - legend_ui(ui, &legend)).max(60.0);
    let totals: Vec<u32> = (0..labels.len()).map(|i| (0..segments.len()).map(|s| count(i, s)).sum()).collect();
    let largest = f64::from(totals.iter().copied().max().unwrap_or(0).max(1));
    let separator = egui::Stroke::new(1.0, ui.visuals().extreme_bg_color);
    // Where a value goes in plot coordinates, for a bar at `at` reaching `value`.
    let point = |at: f64, value: f64| {
        if horizontal { egui_plot::PlotPoint::new(value, at) } else { egui_plot::PlotPoint::new(at, value) }
    };
    let mut charts: Vec<BarChart> = Vec::new();
    let mut values: Vec<egui_plot::Text> = Vec::new();
    let mut base = vec![0.0; labels.len()];
    // Labels no taller than a bar is thick when bars lie along the other axis.
    let size = if horizontal { text.min(height / labels.len().max(1) as f32 * 0.7) } else { text };
    for (s, segment) in segments.iter().enumerate() {
        let ink = if segment.dark { Color32::WHITE } else { Color32::BLACK };
        let mut bars = Vec::with_capacity(labels.len());
        for (i, name) in labels.iter().enumerate() {
            let n = count(i, s);
            let value = f64::from(n);
            let bar = Bar::new(i as f64, value).width(0.6).name(name).fill(segment.color).stroke(separator);
            bars.push(if horizontal { bar.horizontal() } else { bar });
            if value / largest >= 0.08 {
                let label = egui::RichText::new(n.to_string()).size(size * 0.9).color(ink);
                values.push(egui_plot::Text::new("", point(i as f64, base[i] + value / 2.0), label));
            }
            base[i] += value;
        }
        let mut chart = BarChart::new(segment.name, bars).color(segment.color);
        if horizontal {
            chart = chart.horizontal();
        }
        let below: Vec<&BarChart> = charts.iter().collect();
        chart = chart.stack_on(&below);
        charts.push(chart);
    }
    // A lone bar (one district) keeps a bar's width instead of filling the chart.
    let pad = ((4.0 - labels.len() as f64) / 2.0).max(0.0);
    let span = [-0.5 - pad, labels.len() as f64 - 0.5 + pad];
    let mut plot = Plot::new(id)
        .height(height)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .show_crosshair(false)
        .show_x(look.hover)
        .show_y(look.hover)
        .show_grid(false);
    // Bars are named inside the plot (left of or below zero), so every bar has its name however
    // many there are and however narrow the chart (an axis labels only the ticks it chooses).
    let names: Vec<egui_plot::Text>;
    plot = if horizontal {
        let widest = labels.iter().map(|l| text_width(l)).fold(0.0, f32::max) * size + 12.0;
        let room = (ui.available_width() - widest - 80.0).max(100.0);
        names = labels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let label = egui::RichText::new(format!("{l} ")).size(size);
                egui_plot::Text::new("", point(i as f64, 0.0), label).anchor(egui::Align2::RIGHT_CENTER)
            })
            .collect();
        plot.show_axes([true, false])
            .x_axis_formatter(|m, _| if m.value < 0.0 { String::new() } else { format!("{:.0}", m.value) })
            .include_x(-largest * f64::from(widest / room))
            .include_y(span[0])
            .include_y(span[1])
    } else {
        let below;
        (names, below) = names_below(labels, |i| i as f64, largest, (ui.available_width(), height), size);
        plot.show_axes([false, true])
            .include_x(span[0])
            .include_x(span[1])
            .include_y(-below)
            .include_y(largest * HEADROOM)
    };
    let response = plot.show(ui, |plot_ui| {
        for chart in charts {
            plot_ui.bar_chart(chart);
        }
        for value in values.into_iter().chain(names) {
            plot_ui.text(value);
        }
        for (at, total) in totals.iter().enumerate() {
            let anchor = if horizontal { egui::Align2::LEFT_CENTER } else { egui::Align2::CENTER_BOTTOM };
            let label = egui::RichText::new(format!(" {total} ")).size(size).strong();
            plot_ui.text(egui_plot::Text::new("", point(at as f64, f64::from(*total)), label).anchor(anchor));
        }
        plot_ui.pointer_coordinate()
    });
    let clicked = response.response.clicked();
    let at = response.inner?;
    let index = if horizontal { at.y } else { at.x }.round();
    (clicked && index >= 0.0 && (index as usize) < labels.len()).then_some(index as usize)
}

/// Room above the tallest bar, as a share of it, for its total.
const HEADROOM: f64 = 1.15;

/// The width of a label in ems: a Chinese character takes one, a Latin letter about half.
fn text_width(label: &str) -> f32 {
    label.chars().map(|c| if c.is_ascii() { 0.55 } else { 1.0 }).sum()
}

/// Names under vertical bars, inside the plot below zero, sized so the longest fits its bar's
/// band; and how far below zero (in values) the plot must reach to show them.
fn names_below(
    labels: &[String],
    at: impl Fn(usize) -> f64,
    largest: f64,
    (width, height): (f32, f32),
    size: f32,
) -> (Vec<egui_plot::Text>, f64) {
    let widest = labels.iter().map(|l| text_width(l)).fold(1.0, f32::max);
    let band = (width - 70.0).max(50.0) / labels.len().max(1) as f32;
    let size = size.min(band * 0.95 / widest).max(8.0);
    let texts = labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let text = egui::RichText::new(label).size(size);
            egui_plot::Text::new("", egui_plot::PlotPoint::new(at(i), 0.0), text).anchor(egui::Align2::CENTER_TOP)
        })
        .collect();
    let share = size * 1.6 / (height - size * 1.6 - 30.0).max(40.0);
    (texts, largest * f64::from(share))
}

/// Two bars per group (a target and what is done, or a plan and what is spent), each with its
/// value on top and in the tooltip.
fn paired_bars(ui: &mut egui::Ui, id: &str, pairs: &[(String, f64, f64)], names: [&str; 2], unit: &str, look: Look) {
    let text = look.text;
    // Sky blue (L* 70) and blue (L* 46): apart in grey print too.
    let colors = [Color32::from_rgb(0x56, 0xB4, 0xE9), Color32::from_rgb(0x00, 0x72, 0xB2)];
    let height = (look.height
        - legend_ui(ui, &[(names[0], colors[0], Swatch::Box), (names[1], colors[1], Swatch::Box)]))
    .max(60.0);
    let separator = egui::Stroke::new(1.0, ui.visuals().extreme_bg_color);
    let at = |i: usize, second: bool| if second { i as f64 + 0.2 } else { i as f64 - 0.2 };
    let bars = |second: bool| -> Vec<Bar> {
        pairs
            .iter()
            .enumerate()
            .map(|(i, (label, a, b))| {
                let v = if second { *b } else { *a };
                let name = format!("{label} {} {unit}", format_quantity(v));
                Bar::new(at(i, second), v).width(0.38).name(name).fill(colors[usize::from(second)]).stroke(separator)
            })
            .collect()
    };
    let largest = pairs.iter().map(|(_, a, b)| a.max(*b)).fold(1.0, f64::max);
    // Values sized to fit over their bar (0.38 of a group's band).
    let widest_value = pairs.iter().flat_map(|(_, a, b)| [*a, *b]).map(|v| format_quantity(v).len()).max().unwrap_or(1);
    let bar_px = (ui.available_width() - 70.0).max(50.0) / pairs.len().max(1) as f32 * 0.38;
    let value_size = text.min(bar_px / (widest_value as f32 * 0.6)).max(7.0);
    let values: Vec<egui_plot::Text> = pairs
        .iter()
        .enumerate()
        .flat_map(|(i, (_, a, b))| [(at(i, false), *a), (at(i, true), *b)])
        .map(|(x, v)| {
            let label = egui::RichText::new(format_quantity(v)).size(value_size);
            egui_plot::Text::new("", egui_plot::PlotPoint::new(x, v), label).anchor(egui::Align2::CENTER_BOTTOM)
        })
        .collect();
    let labels: Vec<String> = pairs.iter().map(|p| p.0.clone()).collect();
    let (names_under, below) = names_below(&labels, |i| i as f64, largest, (ui.available_width(), height), text);
    Plot::new(id)
        .height(height)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .show_crosshair(false)
        .show_x(look.hover)
        .show_y(look.hover)
        .show_grid(false)
        .show_axes([false, true])
        .include_x(-0.6)
        .include_x(pairs.len() as f64 - 0.4)
        .include_y(-below)
        .include_y(largest * HEADROOM)
        .show(ui, |plot_ui| {
            plot_ui.bar_chart(BarChart::new(names[0], bars(false)).color(colors[0]));
            plot_ui.bar_chart(BarChart::new(names[1], bars(true)).color(colors[1]));
            for value in values.into_iter().chain(names_under) {
                plot_ui.text(value);
            }
        });
}

/// Target against done (公里) per district and per kind of network, side by side.
pub fn km_chart(ui: &mut egui::Ui, data: &ChartData, lang: Lang, look: Look) {
    let t = lang.texts();
    if data.km_by_district.is_empty() {
        ui.weak(t.no_data);
        return;
    }
    let pairs = |bars: &[crate::domain::QuantityBar], label: &dyn Fn(&str) -> String| -> Vec<(String, f64, f64)> {
        bars.iter().map(|q| (label(&q.label), q.target, q.done)).collect()
    };
    let by_district = pairs(&data.km_by_district, &|l| l.to_string());
    let by_network = pairs(&data.km_by_type, &|l| lang.network(l).to_string());
    let look = Look { height: look.height - 20.0, ..look };
    ui.columns(2, |cols| {
        cols[0].weak(t.by_district);
        let names = [t.col_target, t.col_done];
        paired_bars(&mut cols[0], "km_chart", &by_district, names, t.km, look);
        cols[1].weak(t.by_network);
        paired_bars(&mut cols[1], "km_type_chart", &by_network, names, t.km, look);
    });
}

/// Investment planned this year against invested so far, per district.
pub fn invest_chart(ui: &mut egui::Ui, data: &ChartData, lang: Lang, look: Look) {
    let t = lang.texts();
    if data.invest_by_district.is_empty() {
        ui.weak(t.no_invest);
        return;
    }
    let pairs: Vec<_> = data.invest_by_district.iter().map(|b| (b.label.clone(), b.planned, b.done)).collect();
    paired_bars(ui, "invest_chart", &pairs, [t.invest_year_plan, t.invest_done], t.wan_yuan, look);
}

/// Completion of the quantity targets against 序时进度, month by month.
pub fn progress_chart(ui: &mut egui::Ui, data: &ChartData, lang: Lang, look: Look) {
    let t = lang.texts();
    if data.timeline.is_empty() {
        ui.weak(t.no_targets);
        return;
    }
    let done_color = status_color(Status::UnderConstruction);
    let legend = [(t.expected_share, GREY, Swatch::Line), (t.done_share, done_color, Swatch::Line)];
    let height = (look.height - legend_ui(ui, &legend)).max(60.0);
    let points = |f: fn(&crate::domain::TimelinePoint) -> f64| -> Vec<[f64; 2]> {
        data.timeline.iter().enumerate().map(|(k, t)| [k as f64, f(t) * 100.0]).collect()
    };
    let periods: Vec<String> = data.timeline.iter().map(|t| t.period.to_string()).collect();
    Plot::new("progress_chart")
        .height(height)
        .show_x(look.hover)
        .show_y(look.hover)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .include_y(0.0)
        .include_y(100.0)
        .x_axis_formatter(move |m, _| periods.get(m.value.max(0.0) as usize).cloned().unwrap_or_default())
        .y_axis_formatter(|m, _| format!("{:.0}%", m.value))
        .show(ui, |plot_ui| {
            plot_ui.line(egui_plot::Line::new(t.expected_share, points(|t| t.expected)).color(GREY).width(2.0));
            plot_ui.line(egui_plot::Line::new(t.done_share, points(|t| t.done)).color(done_color).width(3.0));
        });
}

/// Matters needing coordination, from the latest reports.
pub fn coordination_list(ui: &mut egui::Ui, data: &ChartData, lang: Lang, size: f32) {
    egui::Grid::new(("coordination", size as i32)).striped(true).spacing([16.0, 4.0]).show(ui, |ui| {
        for c in &data.coordination {
            ui.label(egui::RichText::new(&c.name).size(size));
            ui.label(egui::RichText::new(&c.matter).size(size));
            ui.label(egui::RichText::new(format!("{} {}", c.unit, c.due)).size(size));
            ui.end_row();
        }
    });
    if let Some(note) = lang.coordination_note(data) {
        ui.weak(egui::RichText::new(note).size(size * 0.8));
    }
}

/// The light counts, then the red and yellow projects with their reasons.
pub fn lit_list(ui: &mut egui::Ui, data: &ChartData, lang: Lang, size: f32) {
    let t = lang.texts();
    ui.horizontal(|ui| {
        for light in LightCounts::STACKED {
            let n = data.lights[Light::ALL.iter().position(|&l| l == light).unwrap_or_default()];
            ui.label(egui::RichText::new("●").size(size * 1.4).color(light_color(light)));
            ui.label(egui::RichText::new(format!("{} {n}", lang.light(light))).size(size * 1.2).strong());
            ui.add_space(size);
        }
    });
    ui.add_space(size * 0.6);
    if data.lit.is_empty() {
        ui.label(egui::RichText::new(t.no_lit).size(size));
        return;
    }
    egui::Grid::new(("lit_list", size as i32)).striped(true).spacing([16.0, 4.0]).show(ui, |ui| {
        for e in &data.lit {
            let name = lang.light(e.light);
            ui.label(egui::RichText::new(format!("● {name}")).size(size).color(light_color(e.light)));
            ui.label(egui::RichText::new(&e.name).size(size));
            ui.label(egui::RichText::new(&e.place).size(size));
            ui.label(egui::RichText::new(if lang == Lang::Zh { &e.reason_zh } else { &e.reason_en }).size(size));
            ui.end_row();
        }
    });
    if let Some(note) = lang.lit_note(data) {
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
    if let Some(note) = lang.lagging_note(data) {
        ui.weak(egui::RichText::new(note).size(size * 0.8));
    }
    lag_rows(ui, "lagging_list", &data.lagging, lang, size);
}

/// Lagging projects as rows: name, place, points behind, 责任单位.
fn lag_rows(ui: &mut egui::Ui, id: &str, entries: &[crate::domain::LagEntry], lang: Lang, size: f32) {
    let t = lang.texts();
    egui::Grid::new((id, size as i32)).striped(true).spacing([16.0, 4.0]).show(ui, |ui| {
        for e in entries {
            ui.label(egui::RichText::new(&e.name).size(size));
            ui.label(egui::RichText::new(&e.place).size(size));
            ui.label(egui::RichText::new(format!("{} {:.0}", t.behind_points, e.behind)).size(size).color(BEHIND));
            ui.label(egui::RichText::new(e.responsible.clone().unwrap_or_else(|| "—".into())).size(size));
            ui.end_row();
        }
    });
}

/// Picks the PNG size from the usual projector and screen sizes.
pub fn png_size_ui(ui: &mut egui::Ui, size: &mut [u32; 2], lang: Lang) {
    const SIZES: [[u32; 2]; 4] = [[1280, 720], [1920, 1080], [2560, 1440], [3840, 2160]];
    egui::ComboBox::from_label(lang.texts().png_size).selected_text(format!("{}×{}", size[0], size[1])).show_ui(
        ui,
        |ui| {
            for option in SIZES {
                ui.selectable_value(size, option, format!("{}×{}", option[0], option[1]));
            }
        },
    );
}

/// Picks the kinds of slide the presentation holds (kept in the preferences and in saved views).
pub fn slide_choice_ui(ui: &mut egui::Ui, kinds: &mut Vec<SlideKind>, lang: Lang) {
    let title = format!("{} {}/{}", lang.texts().slides_menu, kinds.len(), SlideKind::ALL.len());
    ui.menu_button(title, |ui| {
        for kind in SlideKind::ALL {
            let mut on = kinds.contains(&kind);
            let label = if lang == Lang::Zh { kind.label_zh() } else { kind.label_en() };
            if ui.checkbox(&mut on, label).changed() {
                let mut chosen: Vec<SlideKind> = kinds.clone();
                chosen.retain(|k| *k != kind);
                if on {
                    chosen.push(kind);
                }
                *kinds = SlideKind::ALL.into_iter().filter(|k| chosen.contains(k)).collect();
            }
        }
    });
}

/// A chart's heading with its PNG button.
fn chart_heading(ui: &mut egui::Ui, title: &str, slide: Slide, lang: Lang, cmds: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.strong(title);
        let button = ui.small_button("PNG").on_hover_text(lang.texts().png_button_hint);
        if button.clicked() {
            cmds.push(Command::SavePng(slide));
        }
    });
}

/// The charts screen; drill-downs and PNG requests go to `cmds`.
pub fn charts_ui(
    ui: &mut egui::Ui,
    data: &ChartData,
    lang: Lang,
    prefs: (&mut [u32; 2], &mut Vec<SlideKind>),
    cmds: &mut Vec<Command>,
) {
    let t = lang.texts();
    let (png_size, kinds) = prefs;
    ui.horizontal(|ui| {
        ui.weak(t.drill_hint);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            png_size_ui(ui, png_size, lang);
            slide_choice_ui(ui, kinds, lang);
        });
    });
    egui::ScrollArea::vertical().id_salt("charts").show(ui, |ui| {
        ui.columns(2, |cols| {
            chart_heading(&mut cols[0], t.chart_by_district, Slide::ByDistrict, lang, cmds);
            let look = Look::screen(260.0, 12.0);
            if let Some(place) = status_chart(&mut cols[0], "by_district", &data.by_district, lang, false, look) {
                cmds.push(Command::DrillPlace(place));
            }
            chart_heading(&mut cols[1], t.chart_km, Slide::Pipes, lang, cmds);
            km_chart(&mut cols[1], data, lang, look);
        });
        ui.separator();
        ui.columns(2, |cols| {
            chart_heading(&mut cols[0], t.chart_progress, Slide::Progress, lang, cmds);
            progress_chart(&mut cols[0], data, lang, Look::screen(240.0, 12.0));
            chart_heading(&mut cols[1], t.chart_invest, Slide::Investment, lang, cmds);
            invest_chart(&mut cols[1], data, lang, Look::screen(240.0, 12.0));
        });
        ui.separator();
        ui.columns(2, |cols| {
            chart_heading(&mut cols[0], t.chart_by_category, Slide::ByCategory, lang, cmds);
            let look = Look::screen(420.0, 12.0);
            if let Some(code) = status_chart(&mut cols[0], "by_category", &data.by_category, lang, true, look) {
                cmds.push(Command::DrillCategory(code));
            }
            chart_heading(&mut cols[1], t.chart_lagging, Slide::Lagging, lang, cmds);
            lagging_list(&mut cols[1], data, lang, 13.0);
        });
        ui.separator();
        ui.columns(2, |cols| {
            chart_heading(&mut cols[0], t.chart_lights_by_district, Slide::LightsByDistrict, lang, cmds);
            let look = Look::screen(260.0, 12.0);
            if let Some(place) = lights_chart(&mut cols[0], "lights_by_district", &data.lights_by_district, lang, look)
            {
                cmds.push(Command::DrillPlace(place));
            }
            chart_heading(&mut cols[1], t.slide_lights, Slide::Lights, lang, cmds);
            lit_list(&mut cols[1], data, lang, 12.0);
        });
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

/// The slides' theme whatever the window's: light, with near-black text on white, for
/// projectors in lit rooms.
pub fn presentation_visuals() -> egui::Visuals {
    let mut visuals = egui::Visuals::light();
    visuals.override_text_color = Some(Color32::from_gray(15));
    visuals.weak_text_color = Some(Color32::from_gray(70));
    visuals.panel_fill = Color32::WHITE;
    visuals.extreme_bg_color = Color32::WHITE;
    visuals.faint_bg_color = Color32::from_gray(240);
    visuals
}

/// How long the pointer may rest on a slide before it is hidden and the charts stop answering it.
const POINTER_REST: f32 = 2.0;

/// Whether the presenter is using the pointer on this slide: it moved since the slide came up,
/// and less than [`POINTER_REST`] ago. A pointer left resting on the projected slide (the
/// presenter turns pages with a remote) brings up no crosshair or values, and is hidden after
/// [`POINTER_REST`] seconds still; moving it shows it again.
fn pointer_in_use(ui: &egui::Ui, index: usize) -> bool {
    let (now, still) = ui.input(|i| (i.time, i.pointer.time_since_last_movement()));
    let id = egui::Id::unique("slide_shown_at");
    let shown_at = ui.data_mut(|d| {
        let shown = d.get_temp_mut_or_insert_with(id, || (index, now));
        if shown.0 != index {
            *shown = (index, now);
        }
        shown.1
    });
    if still >= POINTER_REST {
        ui.ctx().set_cursor_icon(egui::CursorIcon::None);
        return false;
    }
    // Hide the pointer on time even if nothing else happens.
    ui.ctx().request_repaint_after(std::time::Duration::from_secs_f32(POINTER_REST - still));
    now - f64::from(still) > shown_at
}

/// A whole slide page, as presented and as exported: the slide, and a footer with the slide
/// number, the demo marker and whatever `footer` adds (the window's buttons and key hints).
pub fn slide_page(ui: &mut egui::Ui, page: &SlidePage<'_>, footer: impl FnOnce(&mut egui::Ui)) {
    let t = page.lang.texts();
    *ui.visuals_mut() = presentation_visuals();
    let hover = pointer_in_use(ui, page.index);
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
            slide_ui(ui, page.data, slide, page.subtitle, page.lang, hover);
        }
    });
}

/// Big figures (all projects, each status, lagging) over a 100% strip of the statuses, each
/// part labelled with its share where it has room.
fn figures(ui: &mut egui::Ui, counts: &[u32; 5], lagging: u32, lang: Lang, body: f32) {
    let t = lang.texts();
    let total: u32 = counts.iter().sum();
    let card = |ui: &mut egui::Ui, value: u32, label: &str, swatch: Option<Color32>, color: Option<Color32>| {
        ui.vertical(|ui| {
            let mut number = egui::RichText::new(value.to_string()).size(body * 2.0).strong();
            if let Some(c) = color {
                number = number.color(c);
            }
            ui.label(number);
            ui.horizontal(|ui| {
                if let Some(c) = swatch {
                    ui.label(egui::RichText::new("■").size(body * 0.8).color(c));
                }
                ui.label(egui::RichText::new(label).size(body * 0.8));
            });
        });
        ui.add_space(body * 1.5);
    };
    ui.horizontal(|ui| {
        card(ui, total, t.all_projects, None, None);
        for (status, &count) in Status::ALL.iter().zip(counts) {
            card(ui, count, lang.status(*status), Some(status_color(*status)), None);
        }
        card(ui, lagging, t.lagging, None, Some(BEHIND));
    });
    ui.add_space(body);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(ui.available_width(), body * 2.5), egui::Sense::hover());
    if total == 0 {
        return;
    }
    let mut left = rect.left();
    for (status, &count) in Status::ALL.iter().zip(counts) {
        let width = rect.width() * count as f32 / total as f32;
        let part = egui::Rect::from_min_size(egui::pos2(left, rect.top()), egui::vec2(width, rect.height()));
        ui.painter().rect_filled(part, 0.0, status_color(*status));
        let share = format!("{:.0}%", f64::from(count) * 100.0 / f64::from(total));
        let ink = if status.is_dark() { Color32::WHITE } else { Color32::BLACK };
        let font = egui::FontId::proportional(body * 0.8);
        if width > body * 3.0 {
            ui.painter().text(part.center(), egui::Align2::CENTER_CENTER, share, font, ink);
        }
        left += width;
    }
}

/// The overview's table by district: projects by where they stand, lagging, investment; as
/// many rows as the slide has room for, the rest counted in a last line.
fn overview_table(ui: &mut egui::Ui, data: &ChartData, lang: Lang, size: f32) {
    let t = lang.texts();
    let rows = data.overview_rows();
    let money = |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| format!("{v:.0}"));
    let room = ((ui.available_height() - size * 2.0) / (size * 1.9)).floor().max(1.0) as usize;
    let shown = if rows.len() > room { room.saturating_sub(1).max(1) } else { rows.len() };
    let text = |s: &str| egui::RichText::new(s).size(size);
    let head = |s: &str| egui::RichText::new(s).size(size).strong();
    egui::Grid::new("overview_table").striped(true).spacing([size * 1.6, size * 0.5]).show(ui, |ui| {
        ui.label(head(t.col_place));
        for h in [t.ov_projects, t.ov_not_built, lang.status(Status::UnderConstruction), lang.status(Status::Completed)]
        {
            ui.label(head(h));
        }
        ui.label(egui::RichText::new(t.lagging).size(size).strong().color(BEHIND));
        ui.label(head(&format!("{} ({})", t.invest_year_plan, t.ov_wan)));
        ui.label(head(&format!("{} ({})", t.invest_done, t.ov_wan)));
        ui.end_row();
        for r in &rows[..shown] {
            ui.label(text(&r.label));
            for n in [r.total, r.not_started, r.under_construction, r.completed] {
                ui.label(text(&n.to_string()));
            }
            ui.label(text(&r.lagging.to_string()).color(if r.lagging > 0 {
                BEHIND
            } else {
                ui.visuals().text_color()
            }));
            ui.label(text(&money(r.planned)));
            ui.label(text(&money(r.done)));
            ui.end_row();
        }
    });
    if shown < rows.len() {
        let rest = rows.len() - shown;
        ui.label(egui::RichText::new(t.more_rows.replace("{n}", &rest.to_string())).size(size * 0.9).weak());
    }
}

/// Draws one slide filling `ui`; `subtitle` names the plan, filter and review date; `hover`
/// lets the charts answer the pointer.
pub fn slide_ui(ui: &mut egui::Ui, data: &ChartData, slide: &Slide, subtitle: &str, lang: Lang, hover: bool) {
    let t = lang.texts();
    let h = ui.available_height();
    let title = |ui: &mut egui::Ui, text: &str| {
        ui.label(egui::RichText::new(text).size((h / 16.0).clamp(24.0, 52.0)).strong());
        ui.label(egui::RichText::new(subtitle).size((h / 40.0).clamp(13.0, 24.0)));
        ui.add_space(h / 40.0);
    };
    let body = (h / 30.0).clamp(15.0, 32.0);
    // Axis labels and legends (drawn in the Body style) sized for the room.
    ui.style_mut().text_styles.insert(egui::TextStyle::Body, egui::FontId::proportional((body * 0.62).max(13.0)));
    let look = |ui: &egui::Ui, text: f32| Look { height: ui.available_height() - 10.0, text, hover };
    title(ui, &lang.slide_title(slide, data));
    match slide {
        Slide::Overview => {
            let mut counts = [0; 5];
            for g in &data.by_district {
                for (sum, c) in counts.iter_mut().zip(g.counts) {
                    *sum += c;
                }
            }
            figures(ui, &counts, data.lagging_total, lang, body);
            ui.add_space(body * 0.8);
            overview_table(ui, data, lang, body * 0.75);
        }
        Slide::ByDistrict => {
            status_chart(ui, "slide_district", &data.by_district, lang, false, look(ui, body * 0.7));
        }
        Slide::ByCategory => {
            status_chart(ui, "slide_category", &data.by_category, lang, true, look(ui, body * 0.6));
        }
        Slide::Pipes => km_chart(ui, data, lang, look(ui, body * 0.6)),
        Slide::District(_) | Slide::Category(_) => {
            let Some(d) = slide.group(data) else { return };
            figures(ui, &d.counts, d.lagging, lang, body);
            if !d.most_behind.is_empty() {
                ui.add_space(body);
                let heading = match lang {
                    Lang::Zh => format!("{}({})", t.chart_lagging, d.lagging),
                    Lang::En => format!("{} ({})", t.chart_lagging, d.lagging),
                };
                ui.label(egui::RichText::new(heading).size(body * 0.8).strong());
                lag_rows(ui, "group_lagging", &d.most_behind, lang, body * 0.65);
            }
        }
        Slide::Lagging => lagging_list(ui, data, lang, body * 0.8),
        Slide::Progress => progress_chart(ui, data, lang, look(ui, 0.0)),
        Slide::Investment => invest_chart(ui, data, lang, look(ui, body * 0.6)),
        Slide::Coordination => coordination_list(ui, data, lang, body * 0.8),
        Slide::Lights => lit_list(ui, data, lang, body * 0.7),
        Slide::LightsByDistrict => {
            lights_chart(ui, "slide_lights_by_district", &data.lights_by_district, lang, look(ui, body * 0.7));
        }
    }
}
