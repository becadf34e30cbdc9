//! The meeting deck as PDF: the pages of [`crate::slides`] (the same slides the window
//! presents, with the same titles, figures and words) drawn as vectors on 16:9 pages, laid out
//! as the window lays out a 1280×720 slide, with the CJK font embedded as a subset. Needs no
//! display.

use krilla::Document;
use krilla::geom::{PathBuilder, Point};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::text::Font;

use super::ExportError;
use super::pdf::{Glyphs, fill, rect_path};
use crate::domain::{ChartData, Dataset, Lang, Slide};
use crate::slides::{Block, Deck, Figure, Lines, Page, Paired, Rgb, Share, Sizes, Stacked, Table};

const W: f32 = 960.0;
const H: f32 = 540.0;
const M: f32 = 40.0;
/// The footer's band at the foot of the page.
const FOOTER: f32 = 24.0;
/// Points per window point: a 960×540 page is laid out as the window lays out 1280×720.
const PX: f32 = 0.75;
const INK: Rgb = (20, 20, 20);
const WEAK: Rgb = (90, 90, 90);
const STRIPE: Rgb = (240, 240, 240);

/// The sizes of the text on a page.
fn sizes() -> Sizes {
    Sizes::for_height((H - 2.0 * M - FOOTER) / PX).scaled(PX)
}

struct Painter<'s, 'p> {
    surface: &'s mut Surface<'p>,
    glyphs: &'s mut Glyphs,
    font: &'s Font,
}

impl Painter<'_, '_> {
    /// `text` with its baseline at `y`.
    fn text(&mut self, x: f32, y: f32, size: f32, text: &str, rgb: Rgb) {
        self.surface.set_fill(Some(fill(rgb.0, rgb.1, rgb.2)));
        self.glyphs.draw(self.surface, self.font, Point::from_xy(x, y), size, text);
    }

    /// `text` on one line whose top is at `top`, as tall as the window's line of it.
    fn line(&mut self, x: f32, top: f32, size: f32, text: &str, rgb: Rgb) -> f32 {
        self.text(x, top + size * 0.95, size, text, rgb);
        size * 1.3
    }

    fn width(&mut self, text: &str, size: f32) -> f32 {
        self.glyphs.width(text, size)
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, rgb: Rgb) {
        if let Some(path) = rect_path(x, y, w.max(0.1), h.max(0.1)) {
            self.surface.set_fill(Some(fill(rgb.0, rgb.1, rgb.2)));
            self.surface.draw_path(&path);
        }
    }

    /// `text` cut with … to fit `width` at `size`.
    fn fit(&mut self, text: &str, size: f32, width: f32) -> String {
        if self.width(text, size) <= width {
            return text.to_string();
        }
        let mut out = String::new();
        for c in text.chars() {
            out.push(c);
            if self.width(&format!("{out}…"), size) > width {
                out.pop();
                break;
            }
        }
        format!("{out}…")
    }

    /// A legend in a row from `(x, top)`: a swatch and a name for each entry; returns its height.
    fn legend(&mut self, x: f32, top: f32, size: f32, entries: &[(&str, Rgb)]) -> f32 {
        let mut x = x;
        for (name, rgb) in entries {
            self.rect(x, top + size * 0.2, size * 0.7, size * 0.7, *rgb);
            self.text(x + size, top + size * 0.9, size, name, (40, 40, 40));
            x += size * 1.6 + self.width(name, size);
        }
        size * 1.6
    }

    /// One page: title, subtitle, its blocks, the footer.
    fn page(&mut self, page: &Page) {
        let s = sizes();
        let mut y = M;
        y += self.line(M, y, s.title, &page.title, (0, 0, 0));
        y += self.line(M, y, s.subtitle, &page.subtitle, (70, 70, 70));
        // The window's room under the subtitle: a fortieth of the slide's height.
        y += (H - 2.0 * M - FOOTER) / 40.0;
        let bottom = H - M - FOOTER;
        let mut previous: Option<&Block> = None;
        for block in &page.blocks {
            y += block.gap_after(previous) * s.body;
            y += self.block(block, M, y, W - 2.0 * M, bottom - y, s.body);
            previous = Some(block);
        }
        let number = page.number.clone();
        let x = M + self.width(&number, 12.0) + 12.0;
        self.text(M, H - M + 4.0, 12.0, &number, WEAK);
        if let Some(demo) = &page.demo {
            self.text(x, H - M + 4.0, 12.0, demo, (190, 30, 30));
        }
    }

    /// Draws `block` in the box from `(x, top)`, `width` wide and at most `room` high; returns
    /// the height it took.
    fn block(&mut self, block: &Block, x: f32, top: f32, width: f32, room: f32, body: f32) -> f32 {
        match block {
            Block::Figures(figures) => self.figures(figures, x, top, width, body),
            Block::Shares(shares) => self.shares(shares, x, top, width, body),
            Block::Counts { figures, scale } => self.counts(figures, x, top, body * scale),
            Block::Heading { text, scale } | Block::Message { text, scale } => {
                self.line(x, top, body * scale, text, INK)
            }
            Block::Note { text, scale } => self.line(x, top, body * scale, text, WEAK),
            Block::Table(table) => self.table(table, x, top, width, room, body * table.scale),
            Block::Stacked(stacked) => {
                self.stacked(stacked, (x, top, width, room), body * stacked.scale);
                room
            }
            Block::Paired(panels) => {
                let panel = width / panels.len().max(1) as f32;
                for (k, paired) in panels.iter().enumerate() {
                    self.paired(paired, (x + k as f32 * panel, top, panel - 16.0, room), body * paired.scale);
                }
                room
            }
            Block::Lines(lines) => {
                self.lines(lines, (x, top, width, room), body * 0.62);
                room
            }
        }
    }

    /// Big figures in a row, each over its label; smaller when the row would not fit.
    fn figures(&mut self, figures: &[Figure], x: f32, top: f32, width: f32, body: f32) -> f32 {
        let card = |p: &mut Self, f: &Figure, body: f32| {
            let label = p.width(&f.label, body * 0.8) + if f.swatch.is_some() { body } else { 0.0 };
            p.width(&f.value.to_string(), body * 2.0).max(label) + body * 1.5
        };
        let natural: f32 = figures.iter().map(|f| card(self, f, body)).sum();
        let body = if natural > width { body * width / natural } else { body };
        let mut left = x;
        for f in figures {
            let w = card(self, f, body);
            self.line(left, top, body * 2.0, &f.value.to_string(), f.ink.unwrap_or(INK));
            let below = top + body * 2.6;
            let mut label_x = left;
            if let Some(rgb) = f.swatch {
                self.rect(left, below + body * 0.2, body * 0.6, body * 0.6, rgb);
                label_x += body;
            }
            self.line(label_x, below, body * 0.8, &f.label, (60, 60, 60));
            left += w;
        }
        body * 2.6 + body * 0.8 * 1.3
    }

    /// A strip across the width split by shares, each part with its percent where it has room.
    fn shares(&mut self, shares: &[Share], x: f32, top: f32, width: f32, body: f32) -> f32 {
        let height = body * 2.5;
        let mut left = x;
        for part in shares {
            let w = width * part.share as f32;
            self.rect(left, top, w, height, part.rgb);
            let size = body * 0.8;
            let text_w = self.width(&part.percent, size);
            if w > body * 3.0 {
                let ink = if part.dark { (255, 255, 255) } else { (0, 0, 0) };
                self.text(left + (w - text_w) / 2.0, top + height / 2.0 + size * 0.35, size, &part.percent, ink);
            }
            left += w;
        }
        height
    }

    /// Counts in a row: a dot of each colour, its name and number.
    fn counts(&mut self, figures: &[Figure], x: f32, top: f32, size: f32) -> f32 {
        let mut left = x;
        for f in figures {
            if let Some(rgb) = f.swatch {
                self.rect(left, top + size * 0.3, size * 0.8, size * 0.8, rgb);
                left += size * 1.2;
            }
            let text = format!("{} {}", f.label, f.value);
            self.line(left, top, size, &text, INK);
            left += self.width(&text, size) + size * 1.2;
        }
        size * 1.6
    }

    /// Rows under a shaded header, striped, each cell cut to its column; as many rows as fit,
    /// the rest counted in a last line where the table says how.
    fn table(&mut self, table: &Table, x: f32, top: f32, width: f32, room: f32, size: f32) -> f32 {
        let row = size * 1.75;
        let columns: Vec<f32> = table
            .widths
            .iter()
            .scan(x, |at, w| {
                let left = *at;
                *at += w * width;
                Some(left)
            })
            .collect();
        let mut y = top;
        let cells = |p: &mut Self, cells: &[crate::slides::Cell], y: f32| {
            for (k, cell) in cells.iter().enumerate() {
                let (left, w) = (columns.get(k).copied().unwrap_or(x), table.widths.get(k).copied().unwrap_or(0.1));
                let text = p.fit(&cell.text, size, w * width - 8.0);
                p.text(left + 4.0, y + row * 0.5 + size * 0.35, size, &text, cell.ink.unwrap_or(INK));
            }
        };
        if !table.head.is_empty() {
            self.rect(x, y, width, row, (230, 230, 230));
            cells(self, &table.head, y);
            y += row;
        }
        let fits = ((top + room - y) / row).floor().max(1.0) as usize;
        let shown = match &table.rest {
            Some(_) if table.rows.len() > fits => fits.saturating_sub(1).max(1),
            _ => table.rows.len().min(fits),
        };
        for (k, r) in table.rows.iter().take(shown).enumerate() {
            if k % 2 == 1 {
                self.rect(x, y, width, row, STRIPE);
            }
            cells(self, r, y);
            y += row;
        }
        if let Some(rest) = table.rest_line(table.rows.len() - shown).filter(|_| shown < table.rows.len()) {
            y += self.line(x + 4.0, y + size * 0.2, size * 0.9, &rest, WEAK);
        }
        y - top
    }

    /// Stacked bars in `(x, top, width, height)`: the legend above, each bar's name beside or
    /// under it, counts on the segments big enough, each bar's total at its end.
    fn stacked(&mut self, chart: &Stacked, (x, top, width, height): (f32, f32, f32, f32), size: f32) {
        let legend: Vec<(&str, Rgb)> = chart.series.iter().map(|s| (s.name.as_str(), s.rgb)).collect();
        let top = top + self.legend(x, top, size, &legend);
        let height = height - size * 1.6;
        let largest = chart.largest() as f32;
        let n = chart.bars.len().max(1) as f32;
        if chart.horizontal {
            let band = height / n;
            let size = size.min(band * 0.7);
            let names = chart.bars.iter().map(|b| self.width(&b.label, size)).fold(0.0, f32::max) + 8.0;
            let room = width - names - size * 3.0;
            for (i, bar) in chart.bars.iter().enumerate() {
                // The first bar at the foot, next to the axis, as in the window.
                let y = top + (n - 1.0 - i as f32) * band + band * 0.2;
                let middle = y + band * 0.3 + size * 0.35;
                let label_w = self.width(&bar.label, size);
                self.text(x + names - 8.0 - label_w, middle, size, &bar.label, INK);
                let mut left = x + names;
                for (value, series) in bar.values.iter().zip(&chart.series) {
                    let len = room * *value as f32 / largest;
                    self.rect(left, y, len, band * 0.6, series.rgb);
                    let text = value.to_string();
                    let text_w = self.width(&text, size * 0.9);
                    if f64::from(*value) / f64::from(largest) >= Stacked::LABELLED && len > text_w + 2.0 {
                        let ink = if series.dark { (255, 255, 255) } else { (0, 0, 0) };
                        self.text(left + (len - text_w) / 2.0, middle, size * 0.9, &text, ink);
                    }
                    left += len;
                }
                self.text(left + 4.0, middle, size, &bar.total.to_string(), INK);
            }
            return;
        }
        let band = width / n;
        let widest = chart.bars.iter().map(|b| self.width(&b.label, 1.0)).fold(1.0, f32::max);
        let name_size = size.min(band * 0.95 / widest).max(6.0);
        let axis = top + height - name_size * 1.6;
        let room = (axis - top) / 1.15;
        for (i, bar) in chart.bars.iter().enumerate() {
            let left = x + i as f32 * band + band * 0.2;
            let mut base = axis;
            for (value, series) in bar.values.iter().zip(&chart.series) {
                let len = room * *value as f32 / largest;
                self.rect(left, base - len, band * 0.6, len, series.rgb);
                let text = value.to_string();
                let text_w = self.width(&text, size * 0.9);
                let labelled = f64::from(*value) / f64::from(largest) >= Stacked::LABELLED;
                if labelled && band * 0.6 > text_w + 2.0 && len > size * 0.9 {
                    let ink = if series.dark { (255, 255, 255) } else { (0, 0, 0) };
                    self.text(
                        left + (band * 0.6 - text_w) / 2.0,
                        base - len / 2.0 + size * 0.3,
                        size * 0.9,
                        &text,
                        ink,
                    );
                }
                base -= len;
            }
            let total = bar.total.to_string();
            let total_w = self.width(&total, size);
            self.text(left + (band * 0.6 - total_w) / 2.0, base - size * 0.3, size, &total, INK);
            let name_w = self.width(&bar.label, name_size);
            self.text(x + i as f32 * band + (band - name_w) / 2.0, axis + name_size * 1.2, name_size, &bar.label, INK);
        }
    }

    /// Paired bars in `(x, top, width, height)`: the heading and legend above, values on top
    /// of the bars, names under them.
    fn paired(&mut self, chart: &Paired, (x, top, width, height): (f32, f32, f32, f32), size: f32) {
        let mut y = top;
        if let Some(heading) = &chart.heading {
            y += self.line(x, y, size, heading, WEAK);
        }
        let legend: Vec<(&str, Rgb)> = chart.series.iter().map(|s| (s.name.as_str(), s.rgb)).collect();
        y += self.legend(x, y, size, &legend);
        let widest = chart.groups.iter().map(|g| self.width(&g.label, 1.0)).fold(1.0, f32::max);
        let band = width / chart.groups.len().max(1) as f32;
        let name_size = size.min(band * 0.95 / widest).max(6.0);
        let axis = top + height - name_size * 1.6;
        // Room above the tallest bar for its value.
        let room = (axis - y - size) / 1.1;
        let largest = chart.largest() as f32;
        for (i, group) in chart.groups.iter().enumerate() {
            let centre = x + (i as f32 + 0.5) * band;
            for (k, (value, text)) in group.values.iter().zip(&group.texts).enumerate() {
                let len = room * *value as f32 / largest;
                let left = centre - band * 0.39 + k as f32 * band * 0.4;
                self.rect(left, axis - len, band * 0.38, len, chart.series[k].rgb);
                let value_size = size.min(band * 0.38 / (text.len() as f32 * 0.6)).max(5.0);
                let w = self.width(text, value_size);
                self.text(left + (band * 0.38 - w) / 2.0, axis - len - 3.0, value_size, text, (30, 30, 30));
            }
            let w = self.width(&group.label, name_size);
            self.text(centre - w / 2.0, axis + name_size * 1.2, name_size, &group.label, INK);
        }
    }

    /// Lines from 0 to 100 % over the months, the legend above, the first and last month under.
    fn lines(&mut self, chart: &Lines, (x, top, width, height): (f32, f32, f32, f32), size: f32) {
        let legend: Vec<(&str, Rgb)> = chart.lines.iter().map(|l| (l.name.as_str(), l.rgb)).collect();
        let top = top + self.legend(x, top, size, &legend) + size;
        let bottom = top + height - size * 4.0;
        let n = chart.periods.len().max(2) as f32 - 1.0;
        let left = x + size * 3.0;
        let point =
            |k: usize, v: f64| (left + (x + width - left) * k as f32 / n, bottom - (bottom - top) * v as f32 / 100.0);
        for pct in [0, 50, 100] {
            let (_, y) = point(0, f64::from(pct));
            self.rect(left, y, x + width - left, 0.5, (210, 210, 210));
            self.text(x, y + size * 0.35, size, &format!("{pct}%"), WEAK);
        }
        for line in &chart.lines {
            let mut pb = PathBuilder::new();
            for (k, v) in line.values.iter().enumerate() {
                let (px, py) = point(k, *v);
                if k == 0 { pb.move_to(px, py) } else { pb.line_to(px, py) }
            }
            if let Some(path) = pb.finish() {
                self.surface.set_fill(None);
                self.surface.set_stroke(Some(krilla::paint::Stroke {
                    paint: krilla::color::rgb::Color::new(line.rgb.0, line.rgb.1, line.rgb.2).into(),
                    width: line.width * PX,
                    ..krilla::paint::Stroke::default()
                }));
                self.surface.draw_path(&path);
                self.surface.set_stroke(None);
            }
        }
        if let (Some(first), Some(last)) = (chart.periods.first(), chart.periods.last()) {
            self.text(left, bottom + size * 1.5, size, first, WEAK);
            let w = self.width(last, size);
            self.text(x + width - w, bottom + size * 1.5, size, last, WEAK);
        }
    }
}

/// The deck's pages as the PDF writes them: in Chinese, as the PDF has always been written.
pub fn deck_pages(data: &ChartData, deck: &[Slide], subtitle: &str, (dataset, lang): (Dataset, Lang)) -> Vec<Page> {
    Deck { data, slides: deck, subtitle, lang, demo: dataset == Dataset::Demo }.pages()
}

/// The deck of `data` as PDF bytes, in `lang` (the reader's: the window's language, the
/// command line's `--lang`); `subtitle` names the plan, filter and review date.
///
/// # Errors
/// [`ExportError::Pdf`] when the font cannot be read or krilla fails.
pub fn write_deck(
    data: &ChartData,
    deck: &[Slide],
    subtitle: &str,
    (dataset, lang): (Dataset, Lang),
) -> Result<Vec<u8>, ExportError> {
    write_pages(&deck_pages(data, deck, subtitle, (dataset, lang)))
}

/// `pages` as PDF bytes, one page each.
///
/// # Errors
/// [`ExportError::Pdf`] when the font cannot be read or krilla fails.
pub fn write_pages(pages: &[Page]) -> Result<Vec<u8>, ExportError> {
    let unreadable = || ExportError::Pdf("bundled font unreadable".into());
    let font = Font::new(crate::fonts::NOTO_SANS_SC.into(), 0).ok_or_else(unreadable)?;
    let mut glyphs = Glyphs::new(crate::fonts::NOTO_SANS_SC).ok_or_else(unreadable)?;
    let mut document = Document::new();
    for page in pages {
        let settings = PageSettings::from_wh(W, H).ok_or_else(|| ExportError::Pdf("page size".into()))?;
        let mut pdf_page = document.start_page_with(settings);
        let mut surface = pdf_page.surface();
        let mut p = Painter { surface: &mut surface, glyphs: &mut glyphs, font: &font };
        p.page(page);
        p.surface.set_fill(Some(Fill::default()));
        surface.finish();
        pdf_page.finish();
    }
    document.finish().map_err(|e| ExportError::Pdf(format!("{e:?}")))
}
