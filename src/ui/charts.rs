//! The charts screen and the meeting slides, drawn with egui from the pages of
//! [`crate::slides`] (the PDF deck draws the same pages). Status colours come from
//! [`Status::rgb`] (apart for colour-blind viewers and in grey print); every segment big
//! enough carries its count, so a chart reads without colour at all.

use egui::Color32;
use egui_plot::{Bar, BarChart, Plot};

use crate::domain::{ChartData, Light, Slide, SlideKind, Status};
use crate::slides::{Block, Deck, Figure, Lines, Page, Paired, Rgb, Share, Sizes, Stacked, Table};
use crate::ui::command::Command;

use super::i18n::Lang;

/// A colour of a slide.
fn color((r, g, b): Rgb) -> Color32 {
    Color32::from_rgb(r, g, b)
}

/// The colour of a status.
pub fn status_color(status: Status) -> Color32 {
    color(status.rgb())
}

/// The colour of a light.
pub fn light_color(light: Light) -> Color32 {
    color(light.rgb())
}

/// How blocks are drawn: the body size their `scale`s are shares of, a chart's height (`None`:
/// the room left), and whether charts bring up values under the pointer (not on a slide the
/// presenter is not pointing at).
#[derive(Clone, Copy, Debug)]
struct Frame {
    body: f32,
    chart_height: Option<f32>,
    hover: bool,
}

impl Frame {
    /// A chart's height from here.
    fn height(&self, ui: &egui::Ui) -> f32 {
        self.chart_height.unwrap_or_else(|| ui.available_height() - 10.0)
    }
}

/// Draws `blocks` top to bottom; returns the key of a stacked bar clicked (a drill-down).
fn blocks_ui(ui: &mut egui::Ui, id: &str, blocks: &[Block], frame: Frame) -> Option<String> {
    let mut clicked = None;
    let mut previous = None;
    for (k, block) in blocks.iter().enumerate() {
        let gap = block.gap_after(previous) * frame.body;
        if gap > 0.0 {
            ui.add_space(gap);
        }
        let id = (id, k);
        let text = |text: &str, scale: f32| egui::RichText::new(text).size(frame.body * scale);
        match block {
            Block::Figures(figures) => figures_ui(ui, figures, frame.body),
            Block::Shares(shares) => shares_ui(ui, shares, frame.body),
            Block::Counts { figures, scale } => counts_ui(ui, figures, frame.body * scale),
            Block::Heading { text: t, scale } => _ = ui.label(text(t, *scale).strong()),
            Block::Message { text: t, scale } => _ = ui.label(text(t, *scale)),
            Block::Note { text: t, scale } => _ = ui.weak(text(t, *scale)),
            Block::Table(table) => table_ui(ui, id, table, frame.body * table.scale),
            Block::Stacked(chart) => clicked = clicked.or(stacked_ui(ui, id, chart, frame)),
            Block::Paired(panels) => paired_panels_ui(ui, id, panels, frame),
            Block::Lines(lines) => lines_ui(ui, id, lines, frame),
        }
        previous = Some(block);
    }
    clicked
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

/// Stacked bars, one bar per label with a segment of each series, the first at the axis; each
/// segment labelled with its count where it is big enough and each bar with its total, the
/// legend above in the series' order. A click on a bar returns its key.
fn stacked_ui(
    ui: &mut egui::Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    chart: &Stacked,
    frame: Frame,
) -> Option<String> {
    let text = frame.body * chart.scale;
    let horizontal = chart.horizontal;
    let legend: Vec<(&str, Color32, Swatch)> =
        chart.series.iter().map(|s| (s.name.as_str(), color(s.rgb), Swatch::Box)).collect();
    let height = (frame.height(ui) - legend_ui(ui, &legend)).max(60.0);
    let labels: Vec<&str> = chart.bars.iter().map(|b| b.label.as_str()).collect();
    let largest = f64::from(chart.largest());
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
    for (s, series) in chart.series.iter().enumerate() {
        let ink = if series.dark { Color32::WHITE } else { Color32::BLACK };
        let fill = color(series.rgb);
        let mut bars = Vec::with_capacity(labels.len());
        for (i, bar) in chart.bars.iter().enumerate() {
            let n = bar.values.get(s).copied().unwrap_or(0);
            let value = f64::from(n);
            let drawn = Bar::new(i as f64, value).width(0.6).name(&bar.label).fill(fill).stroke(separator);
            bars.push(if horizontal { drawn.horizontal() } else { drawn });
            if value / largest >= Stacked::LABELLED {
                let label = egui::RichText::new(n.to_string()).size(size * 0.9).color(ink);
                values.push(egui_plot::Text::new("", point(i as f64, base[i] + value / 2.0), label));
            }
            base[i] += value;
        }
        let mut drawn = BarChart::new(series.name.as_str(), bars).color(fill);
        if horizontal {
            drawn = drawn.horizontal();
        }
        let below: Vec<&BarChart> = charts.iter().collect();
        drawn = drawn.stack_on(&below);
        charts.push(drawn);
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
        .show_x(frame.hover)
        .show_y(frame.hover)
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
        (names, below) = names_below(&labels, |i| i as f64, largest, (ui.available_width(), height), size);
        plot.show_axes([false, true])
            .include_x(span[0])
            .include_x(span[1])
            .include_y(-below)
            .include_y(largest * HEADROOM)
    };
    let response = plot.show(ui, |plot_ui| {
        for drawn in charts {
            plot_ui.bar_chart(drawn);
        }
        for value in values.into_iter().chain(names) {
            plot_ui.text(value);
        }
        for (at, bar) in chart.bars.iter().enumerate() {
            let anchor = if horizontal { egui::Align2::LEFT_CENTER } else { egui::Align2::CENTER_BOTTOM };
            let label = egui::RichText::new(format!(" {} ", bar.total)).size(size).strong();
            plot_ui.text(egui_plot::Text::new("", point(at as f64, f64::from(bar.total)), label).anchor(anchor));
        }
        plot_ui.pointer_coordinate()
    });
    let clicked = response.response.clicked();
    let at = response.inner?;
    let index = if horizontal { at.y } else { at.x }.round();
    let bar = (clicked && index >= 0.0).then(|| chart.bars.get(index as usize)).flatten()?;
    Some(bar.key.clone())
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
    labels: &[&str],
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
            let text = egui::RichText::new(*label).size(size);
            egui_plot::Text::new("", egui_plot::PlotPoint::new(at(i), 0.0), text).anchor(egui::Align2::CENTER_TOP)
        })
        .collect();
    let share = size * 1.6 / (height - size * 1.6 - 30.0).max(40.0);
    (texts, largest * f64::from(share))
}

/// Panels of paired bars side by side, each under its heading.
fn paired_panels_ui(ui: &mut egui::Ui, id: (&str, usize), panels: &[Paired], frame: Frame) {
    if let [only] = panels {
        return paired_ui(ui, (id, 0), only, frame);
    }
    let height = frame.height(ui) - 20.0;
    let frame = Frame { chart_height: Some(height), ..frame };
    ui.columns(panels.len(), |cols| {
        for (k, (col, panel)) in cols.iter_mut().zip(panels).enumerate() {
            if let Some(heading) = &panel.heading {
                col.weak(heading);
            }
            paired_ui(col, (id, k), panel, frame);
        }
    });
}

/// Two bars per group (a target and what is done, or a plan and what is spent), each with its
/// value on top and in the tooltip.
fn paired_ui(ui: &mut egui::Ui, id: impl std::hash::Hash + std::fmt::Debug, chart: &Paired, frame: Frame) {
    let text = frame.body * chart.scale;
    let colors = chart.series.each_ref().map(|s| color(s.rgb));
    let legend = [0, 1].map(|k| (chart.series[k].name.as_str(), colors[k], Swatch::Box));
    let height = (frame.height(ui) - legend_ui(ui, &legend)).max(60.0);
    let separator = egui::Stroke::new(1.0, ui.visuals().extreme_bg_color);
    let at = |i: usize, second: bool| if second { i as f64 + 0.2 } else { i as f64 - 0.2 };
    let bars = |k: usize| -> Vec<Bar> {
        chart
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let name = format!("{} {} {}", g.label, g.texts[k], chart.unit);
                Bar::new(at(i, k == 1), g.values[k]).width(0.38).name(name).fill(colors[k]).stroke(separator)
            })
            .collect()
    };
    let largest = chart.largest();
    // Values sized to fit over their bar (0.38 of a group's band).
    let widest_value = chart.groups.iter().flat_map(|g| g.texts.iter().map(String::len)).max().unwrap_or(1);
    let bar_px = (ui.available_width() - 70.0).max(50.0) / chart.groups.len().max(1) as f32 * 0.38;
    let value_size = text.min(bar_px / (widest_value as f32 * 0.6)).max(7.0);
    let values: Vec<egui_plot::Text> = chart
        .groups
        .iter()
        .enumerate()
        .flat_map(|(i, g)| [0, 1].map(|k| (at(i, k == 1), g.values[k], g.texts[k].clone())))
        .map(|(x, v, t)| {
            let label = egui::RichText::new(t).size(value_size);
            egui_plot::Text::new("", egui_plot::PlotPoint::new(x, v), label).anchor(egui::Align2::CENTER_BOTTOM)
        })
        .collect();
    let labels: Vec<&str> = chart.groups.iter().map(|g| g.label.as_str()).collect();
    let (names_under, below) = names_below(&labels, |i| i as f64, largest, (ui.available_width(), height), text);
    Plot::new(id)
        .height(height)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .show_crosshair(false)
        .show_x(frame.hover)
        .show_y(frame.hover)
        .show_grid(false)
        .show_axes([false, true])
        .include_x(-0.6)
        .include_x(chart.groups.len() as f64 - 0.4)
        .include_y(-below)
        .include_y(largest * HEADROOM)
        .show(ui, |plot_ui| {
            plot_ui.bar_chart(BarChart::new(chart.series[0].name.as_str(), bars(0)).color(colors[0]));
            plot_ui.bar_chart(BarChart::new(chart.series[1].name.as_str(), bars(1)).color(colors[1]));
            for value in values.into_iter().chain(names_under) {
                plot_ui.text(value);
            }
        });
}

/// Lines month by month from 0 to 100 %, the legend above.
fn lines_ui(ui: &mut egui::Ui, id: impl std::hash::Hash + std::fmt::Debug, chart: &Lines, frame: Frame) {
    let legend: Vec<(&str, Color32, Swatch)> =
        chart.lines.iter().map(|l| (l.name.as_str(), color(l.rgb), Swatch::Line)).collect();
    let height = (frame.height(ui) - legend_ui(ui, &legend)).max(60.0);
    let periods = chart.periods.clone();
    Plot::new(id)
        .height(height)
        .show_x(frame.hover)
        .show_y(frame.hover)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .include_y(0.0)
        .include_y(100.0)
        .x_axis_formatter(move |m, _| periods.get(m.value.max(0.0) as usize).cloned().unwrap_or_default())
        .y_axis_formatter(|m, _| format!("{:.0}%", m.value))
        .show(ui, |plot_ui| {
            for line in &chart.lines {
                let points: Vec<[f64; 2]> = line.values.iter().enumerate().map(|(k, v)| [k as f64, *v]).collect();
                plot_ui.line(egui_plot::Line::new(line.name.as_str(), points).color(color(line.rgb)).width(line.width));
            }
        });
}

/// Big figures in a row, each over its label with its colour swatch.
fn figures_ui(ui: &mut egui::Ui, figures: &[Figure], body: f32) {
    ui.horizontal(|ui| {
        for f in figures {
            ui.vertical(|ui| {
                let mut number = egui::RichText::new(f.value.to_string()).size(body * 2.0).strong();
                if let Some(c) = f.ink {
                    number = number.color(color(c));
                }
                ui.label(number);
                ui.horizontal(|ui| {
                    if let Some(c) = f.swatch {
                        ui.label(egui::RichText::new("■").size(body * 0.8).color(color(c)));
                    }
                    ui.label(egui::RichText::new(&f.label).size(body * 0.8));
                });
            });
            ui.add_space(body * 1.5);
        }
    });
}

/// A strip across the width split by shares, each part labelled with its percent where it has
/// room.
fn shares_ui(ui: &mut egui::Ui, shares: &[Share], body: f32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(ui.available_width(), body * 2.5), egui::Sense::hover());
    let mut left = rect.left();
    for part in shares {
        let width = rect.width() * part.share as f32;
        let drawn = egui::Rect::from_min_size(egui::pos2(left, rect.top()), egui::vec2(width, rect.height()));
        ui.painter().rect_filled(drawn, 0.0, color(part.rgb));
        let ink = if part.dark { Color32::WHITE } else { Color32::BLACK };
        if width > body * 3.0 {
            let font = egui::FontId::proportional(body * 0.8);
            ui.painter().text(drawn.center(), egui::Align2::CENTER_CENTER, &part.percent, font, ink);
        }
        left += width;
    }
}

/// Counts in a row: a dot of each colour, its name and number.
fn counts_ui(ui: &mut egui::Ui, figures: &[Figure], size: f32) {
    ui.horizontal(|ui| {
        for f in figures {
            if let Some(c) = f.swatch {
                ui.label(egui::RichText::new("●").size(size * 7.0 / 6.0).color(color(c)));
            }
            ui.label(egui::RichText::new(format!("{} {}", f.label, f.value)).size(size).strong());
            ui.add_space(size / 1.2);
        }
    });
}

/// A table: with a header, as many rows as there is room for and the rest counted in a last
/// line; without (a list), every row packed close.
fn table_ui(ui: &mut egui::Ui, id: (&str, usize), table: &Table, size: f32) {
    let text = |cell: &crate::slides::Cell| {
        let t = egui::RichText::new(&cell.text).size(size);
        match cell.ink {
            Some(c) => t.color(color(c)),
            None => t,
        }
    };
    let (shown, spacing) = if table.head.is_empty() {
        (table.rows.len(), egui::vec2(16.0, 4.0))
    } else {
        let room = ((ui.available_height() - size * 2.0) / (size * 1.9)).floor().max(1.0) as usize;
        let fits = table.rest.is_none() || table.rows.len() <= room;
        (if fits { table.rows.len() } else { room.saturating_sub(1).max(1) }, egui::vec2(size * 1.6, size * 0.5))
    };
    egui::Grid::new((id, size as i32)).striped(true).spacing(spacing).show(ui, |ui| {
        if !table.head.is_empty() {
            for cell in &table.head {
                ui.label(text(cell).strong());
            }
            ui.end_row();
        }
        for row in &table.rows[..shown] {
            for cell in row {
                ui.label(text(cell));
            }
            ui.end_row();
        }
    });
    if let Some(rest) = table.rest_line(table.rows.len() - shown).filter(|_| shown < table.rows.len()) {
        ui.label(egui::RichText::new(rest).size(size * 0.9).weak());
    }
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

/// One chart of the charts screen: the slide's title with its PNG button, then what the slide
/// shows, `height` high for a chart, its text sized from `body`; a click on a bar drills down.
fn chart_panel(
    ui: &mut egui::Ui,
    data: &ChartData,
    slide: &Slide,
    (height, body): (f32, f32),
    lang: Lang,
    cmds: &mut Vec<Command>,
) {
    chart_heading(ui, &crate::slides::title(slide, data, lang), slide.clone(), lang, cmds);
    let id = slide.kind().code();
    let frame = Frame { body, chart_height: Some(height), hover: true };
    let Some(key) = blocks_ui(ui, id, &crate::slides::blocks(data, slide, lang), frame) else { return };
    cmds.push(if *slide == Slide::ByCategory { Command::DrillCategory(key) } else { Command::DrillPlace(key) });
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
    // Two charts a row, each with its height and the body size its labels come from (about
    // 12 points for chart labels, 13 for lists).
    let rows = [
        [(Slide::ByDistrict, (260.0, 17.0)), (Slide::Pipes, (260.0, 20.0))],
        [(Slide::Progress, (240.0, 20.0)), (Slide::Investment, (240.0, 20.0))],
        [(Slide::ByCategory, (420.0, 20.0)), (Slide::Lagging, (420.0, 16.25))],
        [(Slide::LightsByDistrict, (260.0, 17.0)), (Slide::Lights, (260.0, 17.0))],
    ];
    egui::ScrollArea::vertical().id_salt("charts").show(ui, |ui| {
        for (n, row) in rows.into_iter().enumerate() {
            if n > 0 {
                ui.separator();
            }
            ui.columns(2, |cols| {
                for (col, (slide, size)) in cols.iter_mut().zip(row) {
                    chart_panel(col, data, &slide, size, lang, cmds);
                }
            });
        }
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

impl SlidePage<'_> {
    /// The deck this page is one of.
    pub fn deck(&self) -> Deck<'_> {
        Deck { data: self.data, slides: self.slides, subtitle: self.subtitle, lang: self.lang, demo: self.demo }
    }

    /// What the page shows (what the PDF deck shows on its page of the same slide).
    pub fn page(&self) -> Option<Page> {
        self.deck().page(self.index)
    }
}

/// A whole slide page, as presented and as exported: the slide, and a footer with the slide
/// number, the demo marker and whatever `footer` adds (the window's buttons and key hints).
pub fn slide_page(ui: &mut egui::Ui, page: &SlidePage<'_>, footer: impl FnOnce(&mut egui::Ui)) {
    *ui.visuals_mut() = presentation_visuals();
    let hover = pointer_in_use(ui, page.index);
    let shown = page.page();
    egui::Panel::bottom("slide_footer").show(ui, |ui| {
        ui.horizontal(|ui| {
            let number = format!("{} / {}", page.index + 1, page.slides.len());
            ui.label(egui::RichText::new(shown.as_ref().map_or(number, |p| p.number.clone())).size(18.0).strong());
            if let Some(demo) = shown.as_ref().and_then(|p| p.demo.as_deref()) {
                ui.colored_label(Color32::from_rgb(190, 30, 30), egui::RichText::new(demo).size(18.0).strong());
            }
            footer(ui);
        });
    });
    egui::CentralPanel::default().frame(egui::Frame::central_panel(ui.style()).inner_margin(32)).show(ui, |ui| {
        if let Some(shown) = &shown {
            slide_ui(ui, shown, hover);
        }
    });
}

/// Draws one slide's page filling `ui`; `hover` lets the charts answer the pointer.
pub fn slide_ui(ui: &mut egui::Ui, page: &Page, hover: bool) {
    let h = ui.available_height();
    let sizes = Sizes::for_height(h);
    ui.label(egui::RichText::new(&page.title).size(sizes.title).strong());
    ui.label(egui::RichText::new(&page.subtitle).size(sizes.subtitle));
    ui.add_space(h / 40.0);
    // Axis labels and legends (drawn in the Body style) sized for the room.
    ui.style_mut().text_styles.insert(egui::TextStyle::Body, egui::FontId::proportional((sizes.body * 0.62).max(13.0)));
    blocks_ui(ui, "slide", &page.blocks, Frame { body: sizes.body, chart_height: None, hover });
}

#[cfg(test)]
mod tests {
    use super::SlidePage;
    use crate::domain::{ChartData, Dataset, Gazetteer, Portfolio, Project, SlideKind, Status, slides};
    use crate::slides::Block;

    /// A few projects in two districts, one of them lagging far behind.
    fn data() -> ChartData {
        let projects: Vec<Project> = [
            (1, "供水管网改造", "钟山区", Some(1.0), Status::UnderConstruction),
            (2, "污水管网新建", "钟山区", Some(9.0), Status::Completed),
            (3, "棚户区改造", "水城区", None, Status::NotStarted),
            (4, "道路提升", "水城区", None, Status::Preparing),
        ]
        .into_iter()
        .map(|(id, name, place, done, status)| Project::sample(id, name, place, done, status))
        .collect();
        let rows: Vec<usize> = (0..projects.len()).collect();
        ChartData::build(&Portfolio::new(projects, Gazetteer::default()), &rows)
    }

    /// The numbers a page shows, in order: figures, shares, table cells, bars, pairs and lines.
    fn numbers(blocks: &[Block]) -> Vec<String> {
        let mut out = Vec::new();
        for block in blocks {
            match block {
                Block::Figures(f) | Block::Counts { figures: f, .. } => {
                    out.extend(f.iter().map(|f| f.value.to_string()))
                }
                Block::Shares(s) => out.extend(s.iter().map(|s| s.percent.clone())),
                Block::Table(t) => out.extend(t.rows.iter().flatten().map(|c| c.text.clone())),
                Block::Stacked(c) => out.extend(c.bars.iter().flat_map(|b| b.values.iter().map(u32::to_string))),
                Block::Paired(p) => out.extend(p.iter().flat_map(|p| p.groups.iter().flat_map(|g| g.texts.clone()))),
                Block::Lines(l) => out.extend(l.lines.iter().flat_map(|l| l.values.iter().map(|v| format!("{v:.1}")))),
                Block::Heading { text, .. } | Block::Message { text, .. } | Block::Note { text, .. } => {
                    out.push(text.clone());
                }
            }
        }
        out
    }

    #[test]
    fn the_window_and_the_pdf_show_the_same_slides_with_the_same_titles_and_numbers() {
        let data = data();
        let deck = slides(&data, &SlideKind::ALL);
        let subtitle = "规划 · 全部 · 2025-06";
        let pdf = crate::export::deck_pages(&data, &deck, subtitle, (Dataset::Demo, crate::words::Lang::Zh));
        let window: Vec<_> = (0..deck.len())
            .filter_map(|index| {
                let lang = crate::domain::Lang::Zh;
                SlidePage { data: &data, slides: &deck, index, subtitle, lang, demo: true }.page()
            })
            .collect();
        assert_eq!(window.len(), deck.len(), "a page for every slide");
        assert_eq!(pdf.len(), window.len(), "the same number of slides");
        for (w, p) in window.iter().zip(&pdf) {
            assert_eq!((&w.slide, &w.title, &w.number), (&p.slide, &p.title, &p.number));
            assert_eq!(numbers(&w.blocks), numbers(&p.blocks), "{}", w.title);
            assert_eq!(w, p, "{}: the same page", w.title);
        }
        // The pages carry the figures themselves: the overview counts all four projects.
        let Block::Figures(figures) = &pdf[0].blocks[0] else { panic!("the overview opens with figures") };
        assert_eq!(figures[0].value, data.total);
        assert_eq!(pdf[0].title, "总体情况");
        assert!(pdf.iter().all(|p| p.demo.as_deref() == Some("演示数据")));
    }
}
