//! The meeting deck as PDF: the same slides as the window's presentation (overview, the charts,
//! one per district, lagging projects), drawn as vectors on 16:9 pages with the CJK font
//! embedded as a subset. Needs no display.

use krilla::Document;
use krilla::geom::Point;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::text::Font;

use super::ExportError;
use super::pdf::{Glyphs, fill, rect_path};
use crate::domain::{
    ChartData, Dataset, Light, LightCounts, Slide, Status, StatusCounts, coordination_note, format_quantity,
    lagging_note, lit_note,
};

const W: f32 = 960.0;
const H: f32 = 540.0;
const M: f32 = 40.0;
const CHART_TOP: f32 = 120.0;
const CHART_BOTTOM: f32 = H - 60.0;
/// 滞后 in figures and tables, as in the window (Okabe–Ito vermilion).
const LAG_RGB: (u8, u8, u8) = (0xD5, 0x5E, 0x00);

/// The colours of the statuses in [`Status::ALL`] order, as in the window.
const STATUS_RGB: [(u8, u8, u8); 5] = [
    Status::NotStarted.rgb(),
    Status::Preparing.rgb(),
    Status::UnderConstruction.rgb(),
    Status::Completed.rgb(),
    Status::Suspended.rgb(),
];

/// A kind of segment of stacked bars: its name in the legend, its colour, and whether the
/// counts on it are written in white.
struct Segment {
    name: &'static str,
    rgb: (u8, u8, u8),
    dark: bool,
}

struct Painter<'s, 'p> {
    surface: &'s mut Surface<'p>,
    glyphs: &'s mut Glyphs,
    font: &'s Font,
}

impl Painter<'_, '_> {
    fn text(&mut self, x: f32, y: f32, size: f32, text: &str, rgb: (u8, u8, u8)) {
        self.surface.set_fill(Some(fill(rgb.0, rgb.1, rgb.2)));
        self.glyphs.draw(self.surface, self.font, Point::from_xy(x, y), size, text);
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, rgb: (u8, u8, u8)) {
        if let Some(path) = rect_path(x, y, w.max(0.1), h.max(0.1)) {
            self.surface.set_fill(Some(fill(rgb.0, rgb.1, rgb.2)));
            self.surface.draw_path(&path);
        }
    }

    /// A legend of the segments in a row at the top right, in their order.
    fn legend(&mut self, segments: &[Segment]) {
        let left = W - M - segments.len() as f32 * 72.0;
        for (i, segment) in segments.iter().enumerate() {
            let x = left + i as f32 * 72.0;
            self.rect(x, 92.0, 10.0, 10.0, segment.rgb);
            self.text(x + 14.0, 101.0, 10.0, segment.name, (40, 40, 40));
        }
    }

    /// `text` cut with … to fit `width` at `size`.
    fn fit(&mut self, text: &str, size: f32, width: f32) -> String {
        if self.glyphs.width(text, size) <= width {
            return text.to_string();
        }
        let mut out = String::new();
        for c in text.chars() {
            out.push(c);
            if self.glyphs.width(&format!("{out}…"), size) > width {
                out.pop();
                break;
            }
        }
        format!("{out}…")
    }

    /// The headline figures in a row, then the table by district (as the window's slide).
    fn overview(&mut self, data: &ChartData) {
        let building: u32 = data.by_district.iter().map(|g| g.counts[Status::UnderConstruction.index()]).sum();
        let figures = [
            ("项目总数", data.total, (20, 20, 20)),
            ("在建", building, (20, 20, 20)),
            ("已完工", data.completed, (20, 20, 20)),
            ("滞后", data.lagging_total, LAG_RGB),
        ];
        for (k, (label, value, rgb)) in figures.iter().enumerate() {
            let x = M + k as f32 * 170.0;
            self.text(x, 150.0, 34.0, &value.to_string(), *rgb);
            self.text(x, 172.0, 13.0, label, (60, 60, 60));
        }
        let columns = [M, M + 190.0, M + 270.0, M + 370.0, M + 440.0, M + 520.0, M + 600.0, M + 740.0];
        let heads =
            ["区(县)", "项目数", "未开工/前期", "在建", "已完工", "滞后", "本年计划投资(万元)", "累计完成投资(万元)"];
        let top = 215.0;
        let line = 22.0;
        self.rect(M, top - 15.0, W - 2.0 * M, line, (235, 235, 235));
        for (x, h) in columns.iter().zip(heads) {
            self.text(*x + 4.0, top, 11.0, h, (30, 30, 30));
        }
        let rows = data.overview_rows();
        let room = ((CHART_BOTTOM + 30.0 - top) / line) as usize - 1;
        let shown = if rows.len() > room { room - 1 } else { rows.len() };
        let money = |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| format!("{v:.0}"));
        for (k, r) in rows.iter().take(shown).enumerate() {
            let y = top + (k + 1) as f32 * line;
            let cells = [
                r.label.clone(),
                r.total.to_string(),
                r.not_started.to_string(),
                r.under_construction.to_string(),
                r.completed.to_string(),
                r.lagging.to_string(),
                money(r.planned),
                money(r.done),
            ];
            for (i, (x, cell)) in columns.iter().zip(&cells).enumerate() {
                let rgb = if i == 5 && r.lagging > 0 { LAG_RGB } else { (20, 20, 20) };
                self.text(*x + 4.0, y, 12.0, cell, rgb);
            }
        }
        if shown < rows.len() {
            let y = top + (shown + 1) as f32 * line;
            let rest = format!("另有 {} 个区(县)未列出,见“按区(县)”一页。", rows.len() - shown);
            self.text(M + 4.0, y, 11.0, &rest, (90, 90, 90));
        }
    }

    /// The light counts, then the red and yellow projects with their reasons, each light's
    /// name written beside its colour.
    fn lit(&mut self, data: &ChartData) {
        for (k, light) in LightCounts::STACKED.into_iter().enumerate() {
            let n = data.lights[Light::ALL.iter().position(|&l| l == light).unwrap_or_default()];
            let x = M + k as f32 * 200.0;
            self.rect(x, 112.0, 14.0, 14.0, light.rgb());
            self.text(x + 20.0, 125.0, 16.0, &format!("{} {n}", light.label_zh()), (20, 20, 20));
        }
        for (k, e) in data.lit.iter().enumerate() {
            let y = 160.0 + k as f32 * 21.0;
            self.rect(M, y - 11.0, 10.0, 10.0, e.light.rgb());
            self.text(M + 16.0, y, 12.0, e.light.label_zh(), (20, 20, 20));
            let name = self.fit(&e.name, 12.0, 340.0);
            self.text(M + 70.0, y, 12.0, &name, (20, 20, 20));
            let place = self.fit(&e.place, 12.0, 100.0);
            self.text(M + 420.0, y, 12.0, &place, (20, 20, 20));
            let reason = self.fit(&e.reason_zh, 12.0, W - 2.0 * M - 530.0);
            self.text(M + 530.0, y, 12.0, &reason, (20, 20, 20));
        }
        if let Some(note) = lit_note(data) {
            self.text(M, 160.0 + 15.0 * 21.0 + 4.0, 11.0, &note, (90, 90, 90));
        }
    }

    /// Project counts by status, as stacked bars: vertical (districts) or horizontal
    /// (categories).
    fn status_bars(&mut self, groups: &[StatusCounts], horizontal: bool) {
        let segments = Status::ALL.map(|s| Segment { name: s.label_zh(), rgb: s.rgb(), dark: s.is_dark() });
        let labels: Vec<&str> = groups.iter().map(|g| g.label.as_str()).collect();
        self.stacked_bars(&labels, &segments, |i, s| groups[i].counts[s], horizontal);
    }

    /// Project counts by light, one vertical stacked bar per district, red at the foot.
    fn light_bars(&mut self, districts: &[LightCounts]) {
        let segments = LightCounts::STACKED.map(|l| Segment { name: l.label_zh(), rgb: l.rgb(), dark: l.is_dark() });
        let labels: Vec<&str> = districts.iter().map(|d| d.label.as_str()).collect();
        self.stacked_bars(&labels, &segments, |i, s| districts[i].count(LightCounts::STACKED[s]), false);
    }

    /// Stacked bars, one per label with a segment of each kind (`count(bar, segment)`, the first
    /// kind at the axis), vertical or horizontal, with counts on them, each bar's total, and the
    /// legend.
    fn stacked_bars(
        &mut self,
        labels: &[&str],
        segments: &[Segment],
        count: impl Fn(usize, usize) -> u32,
        horizontal: bool,
    ) {
        self.legend(segments);
        let totals: Vec<u32> = (0..labels.len()).map(|i| (0..segments.len()).map(|s| count(i, s)).sum()).collect();
        let max = totals.iter().copied().max().unwrap_or(0).max(1) as f32;
        let n = labels.len().max(1) as f32;
        for (i, name) in labels.iter().enumerate() {
            let mut offset = 0.0;
            let label_w = 120.0;
            for (s, segment) in segments.iter().enumerate() {
                let count = count(i, s);
                let v = count as f32;
                // The count on its segment, where the segment is big enough (as in the window).
                let label = count.to_string();
                let ink = if segment.dark { (255, 255, 255) } else { (0, 0, 0) };
                let shown = v / max >= 0.08;
                if horizontal {
                    let band = (CHART_BOTTOM - CHART_TOP) / n;
                    let len = (W - 2.0 * M - label_w - 40.0) * v / max;
                    let y = CHART_TOP + i as f32 * band + band * 0.15;
                    self.rect(M + label_w + offset, y, len, band * 0.7, segment.rgb);
                    let size = (band * 0.4).clamp(6.0, 12.0);
                    let text_w = size * 0.56 * label.len() as f32;
                    if shown && len > text_w + 4.0 {
                        let x = M + label_w + offset + (len - text_w) / 2.0;
                        self.text(x, y + band * 0.35 + size * 0.35, size, &label, ink);
                    }
                    offset += len;
                } else {
                    let band = (W - 2.0 * M) / n;
                    let len = (CHART_BOTTOM - CHART_TOP - 20.0) * v / max;
                    let x = M + i as f32 * band + band * 0.2;
                    self.rect(x, CHART_BOTTOM - offset - len, band * 0.6, len, segment.rgb);
                    let text_w = 11.0 * 0.56 * label.len() as f32;
                    if shown && len > 14.0 && band * 0.6 > text_w + 4.0 {
                        let tx = x + (band * 0.6 - text_w) / 2.0;
                        self.text(tx, CHART_BOTTOM - offset - len / 2.0 + 4.0, 11.0, &label, ink);
                    }
                    offset += len;
                }
            }
            let total = totals[i].to_string();
            if horizontal {
                let band = (CHART_BOTTOM - CHART_TOP) / n;
                let y = CHART_TOP + i as f32 * band + band * 0.5 + 4.0;
                let size = (band * 0.45).clamp(7.0, 14.0);
                self.text(M, y, size, name, (30, 30, 30));
                self.text(M + label_w + offset + 6.0, y, size, &total, (30, 30, 30));
            } else {
                let band = (W - 2.0 * M) / n;
                let x = M + i as f32 * band + band * 0.2;
                self.text(x, CHART_BOTTOM + 18.0, 12.0, name, (30, 30, 30));
                self.text(x, CHART_BOTTOM - offset - 6.0, 12.0, &total, (30, 30, 30));
            }
        }
    }

    /// Two bars per group (target and done, planned and invested) with their values.
    fn pairs(&mut self, bars: &[(String, f64, f64)], legend: (&str, &str)) {
        self.pairs_within(bars, legend, M, W - 2.0 * M);
    }

    /// [`Painter::pairs`] in the part of the page from `left`, `width` wide.
    fn pairs_within(&mut self, bars: &[(String, f64, f64)], legend: (&str, &str), left: f32, width: f32) {
        let max = bars.iter().map(|(_, a, b)| a.max(*b)).fold(1.0_f64, f64::max) as f32;
        let n = bars.len().max(1) as f32;
        let band = width / n;
        let colors = [(0x56, 0xB4, 0xE9), (0x00, 0x72, 0xB2)];
        for (i, (label, a, b)) in bars.iter().enumerate() {
            let x = left + i as f32 * band + band * 0.15;
            for (k, v) in [*a, *b].into_iter().enumerate() {
                let len = (CHART_BOTTOM - CHART_TOP - 20.0) * v as f32 / max;
                let bx = x + k as f32 * band * 0.35;
                self.rect(bx, CHART_BOTTOM - len, band * 0.32, len, colors[k]);
                self.text(bx, CHART_BOTTOM - len - 5.0, 10.0, &format_quantity(v), (30, 30, 30));
            }
            self.text(x, CHART_BOTTOM + 18.0, 12.0, label, (30, 30, 30));
        }
        for (k, name) in [legend.0, legend.1].into_iter().enumerate() {
            let x = W - M - 200.0 + k as f32 * 100.0;
            self.rect(x, 92.0, 10.0, 10.0, colors[k]);
            self.text(x + 14.0, 101.0, 10.0, name, (40, 40, 40));
        }
    }

    /// Completion and 序时进度 over time, as two lines from 0 to 100 %.
    fn timeline(&mut self, data: &ChartData) {
        let n = data.timeline.len().max(2) as f32 - 1.0;
        let point = |k: usize, v: f64| {
            let x = M + 40.0 + (W - 2.0 * M - 60.0) * k as f32 / n;
            (x, CHART_BOTTOM - (CHART_BOTTOM - CHART_TOP - 20.0) * v as f32)
        };
        for (value, rgb, name) in [(false, (0x99, 0x99, 0x99), "序时进度"), (true, (0x00, 0x72, 0xB2), "完成率")]
        {
            let mut pb = krilla::geom::PathBuilder::new();
            for (k, t) in data.timeline.iter().enumerate() {
                let (x, y) = point(k, if value { t.done } else { t.expected });
                if k == 0 { pb.move_to(x, y) } else { pb.line_to(x, y) }
            }
            if let Some(path) = pb.finish() {
                self.surface.set_fill(None);
                self.surface.set_stroke(Some(krilla::paint::Stroke {
                    paint: krilla::color::rgb::Color::new(rgb.0, rgb.1, rgb.2).into(),
                    width: 2.5,
                    ..krilla::paint::Stroke::default()
                }));
                self.surface.draw_path(&path);
                self.surface.set_stroke(None);
            }
            let x = if value { W - M - 100.0 } else { W - M - 200.0 };
            self.rect(x, 92.0, 10.0, 10.0, rgb);
            self.text(x + 14.0, 101.0, 10.0, name, (40, 40, 40));
        }
        for pct in [0, 50, 100] {
            let (_, y) = point(0, f64::from(pct) / 100.0);
            self.text(M, y + 4.0, 10.0, &format!("{pct}%"), (90, 90, 90));
        }
        if let (Some(first), Some(last)) = (data.timeline.first(), data.timeline.last()) {
            self.text(M + 40.0, CHART_BOTTOM + 18.0, 11.0, &first.period.to_string(), (60, 60, 60));
            self.text(W - M - 50.0, CHART_BOTTOM + 18.0, 11.0, &last.period.to_string(), (60, 60, 60));
        }
    }
}

/// The deck of `data` as PDF bytes; `subtitle` names the plan, filter and review date.
///
/// # Errors
/// [`ExportError::Pdf`] when the font cannot be read or krilla fails.
pub fn write_deck(data: &ChartData, deck: &[Slide], subtitle: &str, dataset: Dataset) -> Result<Vec<u8>, ExportError> {
    let unreadable = || ExportError::Pdf("bundled font unreadable".into());
    let font = Font::new(crate::fonts::NOTO_SANS_SC.into(), 0).ok_or_else(unreadable)?;
    let mut glyphs = Glyphs::new(crate::fonts::NOTO_SANS_SC).ok_or_else(unreadable)?;
    let mut document = Document::new();
    for (n, slide) in deck.iter().enumerate() {
        let settings = PageSettings::from_wh(W, H).ok_or_else(|| ExportError::Pdf("page size".into()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        let mut p = Painter { surface: &mut surface, glyphs: &mut glyphs, font: &font };
        let title = slide.title(data);
        p.text(M, M + 24.0, 28.0, &title, (0, 0, 0));
        p.text(M, M + 46.0, 11.0, subtitle, (70, 70, 70));
        match slide {
            Slide::Overview => p.overview(data),
            Slide::ByDistrict => p.status_bars(&data.by_district, false),
            Slide::ByCategory => p.status_bars(&data.by_category, true),
            Slide::Pipes => {
                let pairs = |bars: &[crate::domain::QuantityBar]| -> Vec<(String, f64, f64)> {
                    bars.iter().map(|q| (q.label.clone(), q.target, q.done)).collect()
                };
                let split = M + (W - 2.0 * M) * 0.6;
                p.text(M, CHART_TOP - 8.0, 12.0, "按区(县)", (60, 60, 60));
                p.pairs_within(&pairs(&data.km_by_district), ("目标(公里)", "完成(公里)"), M, split - M - 20.0);
                p.text(split, CHART_TOP - 8.0, 12.0, "按管网类型", (60, 60, 60));
                p.pairs_within(&pairs(&data.km_by_type), ("目标(公里)", "完成(公里)"), split, W - M - split);
            }
            Slide::Investment => {
                let bars: Vec<(String, f64, f64)> =
                    data.invest_by_district.iter().map(|b| (b.label.clone(), b.planned, b.done)).collect();
                p.pairs(&bars, ("本年计划", "累计完成"));
            }
            Slide::Progress => p.timeline(data),
            Slide::Coordination => {
                for (k, c) in data.coordination.iter().enumerate() {
                    let y = 130.0 + k as f32 * 24.0;
                    p.text(M, y, 12.0, &c.name, (20, 20, 20));
                    p.text(M + 380.0, y, 12.0, &c.matter, (20, 20, 20));
                    p.text(M + 700.0, y, 12.0, &format!("{} {}", c.unit, c.due), (20, 20, 20));
                }
                if let Some(note) = coordination_note(data) {
                    p.text(M, 130.0 + 15.5 * 24.0, 11.0, &note, (90, 90, 90));
                }
            }
            Slide::Lights => p.lit(data),
            Slide::LightsByDistrict => p.light_bars(&data.lights_by_district),
            Slide::District(_) | Slide::Category(_) => {
                if let Some(d) = slide.group(data) {
                    for (s, status) in Status::ALL.iter().enumerate() {
                        let y = 160.0 + s as f32 * 44.0;
                        p.rect(M, y - 20.0, 18.0, 18.0, STATUS_RGB[s]);
                        p.text(M + 30.0, y, 24.0, &format!("{}  {}", status.label_zh(), d.counts[s]), (20, 20, 20));
                    }
                    p.text(M + 30.0, 160.0 + 5.0 * 44.0, 24.0, &format!("滞后  {}", d.lagging), (0xD5, 0x5E, 0x00));
                    // The group's projects furthest behind, beside the figures.
                    for (k, e) in d.most_behind.iter().enumerate() {
                        let y = 160.0 + k as f32 * 26.0;
                        p.text(M + 300.0, y, 12.0, &e.name, (20, 20, 20));
                        p.text(M + 680.0, y, 12.0, &format!("落后 {:.0}", e.behind), (0xD5, 0x5E, 0x00));
                        p.text(M + 760.0, y, 12.0, e.responsible.as_deref().unwrap_or("—"), (20, 20, 20));
                    }
                }
            }
            Slide::Lagging => {
                if data.lagging.is_empty() {
                    p.text(M, 170.0, 20.0, "没有滞后项目。", (20, 20, 20));
                }
                for (k, e) in data.lagging.iter().enumerate() {
                    let y = 130.0 + k as f32 * 24.0;
                    p.text(M, y, 13.0, &e.name, (20, 20, 20));
                    p.text(M + 470.0, y, 13.0, &e.place, (20, 20, 20));
                    p.text(M + 600.0, y, 13.0, &format!("落后 {:.0}", e.behind), (0xD5, 0x5E, 0x00));
                    p.text(M + 700.0, y, 13.0, e.responsible.as_deref().unwrap_or("—"), (20, 20, 20));
                }
                if let Some(note) = lagging_note(data) {
                    p.text(M, 130.0 + 15.5 * 24.0, 11.0, &note, (90, 90, 90));
                }
            }
        }
        let mut footer = format!("{} / {}", n + 1, deck.len());
        if dataset == Dataset::Demo {
            footer.push_str("  演示数据 DEMO,非规划内容");
        }
        p.text(M, H - 20.0, 11.0, &footer, if dataset == Dataset::Demo { (190, 30, 30) } else { (90, 90, 90) });
        p.surface.set_fill(Some(Fill::default()));
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| ExportError::Pdf(format!("{e:?}")))
}
