//! PDF review sheets with krilla: A4 landscape pages, a header with title, filter and date, a
//! footer with page x/y, and a table whose long texts wrap inside their cells. The bundled CJK
//! font is embedded as a subset, so the Chinese reads on a machine with no CJK font.

use std::collections::HashMap;
use std::ops::Range;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use super::{Cell, ExportError, ReviewSheet};
use crate::domain::Light;

const PAGE_W: f32 = 841.89;
const PAGE_H: f32 = 595.28;
const MARGIN: f32 = 28.0;
const FONT_SIZE: f32 = 7.5;
const LINE: f32 = 10.0;
const PAD: f32 = 2.5;
const TABLE_TOP: f32 = 74.0;
const TABLE_BOTTOM: f32 = PAGE_H - 34.0;

/// Glyph ids and advances of the bundled font, looked up once per character. Drawing with
/// these instead of krilla's `draw_text` skips shaping every cell (Chinese needs none here),
/// which made a 10,000-row sheet several times faster.
pub(super) struct Glyphs {
    charmap: skrifa::charmap::Charmap<'static>,
    metrics: skrifa::metrics::GlyphMetrics<'static>,
    upem: f32,
    cache: HashMap<char, (u32, f32)>,
}

impl Glyphs {
    pub(super) fn new(data: &'static [u8]) -> Option<Self> {
        let font = FontRef::new(data).ok()?;
        let upem = font.metrics(Size::unscaled(), LocationRef::default()).units_per_em as f32;
        Some(Self {
            charmap: font.charmap(),
            metrics: font.glyph_metrics(Size::unscaled(), LocationRef::default()),
            upem,
            cache: HashMap::new(),
        })
    }

    /// Glyph id and advance in em of a character (the .notdef glyph when the font lacks it).
    fn get(&mut self, c: char) -> (u32, f32) {
        *self.cache.entry(c).or_insert_with(|| {
            let gid = self.charmap.map(c).unwrap_or_default();
            let advance = self.metrics.advance_width(gid).unwrap_or(self.upem) / self.upem;
            (gid.to_u32(), advance)
        })
    }

    /// The width of `text` at `size`.
    pub(super) fn width(&mut self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.get(c).1).sum::<f32>() * size
    }

    /// Breaks `text` into lines no wider than `width`, at any character (Chinese has no spaces).
    fn wrap(&mut self, text: &str, width: f32, size: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let (mut line, mut used) = (String::new(), 0.0);
            for c in paragraph.chars() {
                let w = self.get(c).1 * size;
                if used + w > width && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    used = 0.0;
                }
                line.push(c);
                used += w;
            }
            lines.push(line);
        }
        lines
    }

    pub(super) fn draw(&mut self, surface: &mut Surface<'_>, font: &Font, at: Point, size: f32, text: &str) {
        let glyphs: Vec<CellGlyph> = text
            .char_indices()
            .map(|(i, c)| {
                let (id, advance) = self.get(c);
                CellGlyph { id, advance, range: i..i + c.len_utf8() }
            })
            .collect();
        surface.draw_glyphs(at, &glyphs, font.clone(), text, size, false);
    }
}

/// One character drawn as one glyph.
struct CellGlyph {
    id: u32,
    advance: f32,
    range: Range<usize>,
}

impl krilla::text::Glyph for CellGlyph {
    fn glyph_id(&self) -> GlyphId {
        GlyphId::new(self.id)
    }
    fn text_range(&self) -> Range<usize> {
        self.range.clone()
    }
    fn x_advance(&self, size: f32) -> f32 {
        self.advance * size
    }
    fn x_offset(&self, _: f32) -> f32 {
        0.0
    }
    fn y_offset(&self, _: f32) -> f32 {
        0.0
    }
    fn y_advance(&self, _: f32) -> f32 {
        0.0
    }
    fn location(&self) -> Option<krilla::surface::Location> {
        None
    }
}

pub(super) fn rect_path(x: f32, y: f32, w: f32, h: f32) -> Option<krilla::geom::Path> {
    let mut pb = PathBuilder::new();
    pb.push_rect(Rect::from_xywh(x, y, w, h)?);
    pb.finish()
}

pub(super) fn fill(r: u8, g: u8, b: u8) -> Fill {
    Fill { paint: rgb::Color::new(r, g, b).into(), ..Fill::default() }
}

/// One laid-out table row: its lines per column and its height.
struct LaidRow {
    cells: Vec<Vec<String>>,
    height: f32,
    lagging: bool,
    /// A cell's own light, filled with its colour over the row's.
    fills: Vec<Option<Light>>,
}

/// The PDF as bytes.
///
/// # Errors
/// [`ExportError::Pdf`] when the font cannot be read or krilla fails.
pub fn write_pdf(sheet: &ReviewSheet) -> Result<Vec<u8>, ExportError> {
    let unreadable = || ExportError::Pdf("bundled font unreadable".into());
    let font = Font::new(crate::fonts::NOTO_SANS_SC.into(), 0).ok_or_else(unreadable)?;
    let mut glyphs = Glyphs::new(crate::fonts::NOTO_SANS_SC).ok_or_else(unreadable)?;
    let columns = sheet.columns(true);
    let total: f64 = columns.iter().map(|c| c.width).sum();
    let table_w = PAGE_W - 2.0 * MARGIN;
    let widths: Vec<f32> = columns.iter().map(|c| (c.width / total) as f32 * table_w).collect();
    let mut lay = |cells: Vec<Cell>, lagging: bool| {
        let fills = cells.iter().map(|c| if let Cell::Light(l) = c { Some(*l) } else { None }).collect();
        let cells: Vec<Vec<String>> =
            cells.iter().zip(&widths).map(|(c, w)| glyphs.wrap(&c.display(), w - 2.0 * PAD, FONT_SIZE)).collect();
        let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        LaidRow { cells, height: lines as f32 * LINE + 2.0 * PAD, lagging, fills }
    };
    let header = lay(columns.iter().map(|c| Cell::Text(c.header.to_string())).collect(), false);
    let rows: Vec<LaidRow> =
        sheet.rows.iter().map(|r| lay(columns.iter().map(|c| (c.value)(r)).collect(), r.lagging)).collect();
    // Paginate: as many rows as fit under the repeated header.
    let mut pages: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = 0;
    let mut y = TABLE_TOP + header.height;
    for (i, r) in rows.iter().enumerate() {
        if y + r.height > TABLE_BOTTOM && i > start {
            pages.push(start..i);
            start = i;
            y = TABLE_TOP + header.height;
        }
        y += r.height;
    }
    pages.push(start..rows.len());

    let mut document = Document::new();
    let page_count = pages.len();
    let title = sheet.meta.title();
    let subtitle = sheet.meta.subtitle();
    for (n, range) in pages.into_iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or_else(|| ExportError::Pdf("page size".into()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        surface.set_fill(Some(Fill::default()));
        glyphs.draw(&mut surface, &font, Point::from_xy(MARGIN, MARGIN + 14.0), 14.0, &title);
        if sheet.meta.dataset == crate::domain::Dataset::Demo {
            surface.set_fill(Some(fill(190, 30, 30)));
        }
        glyphs.draw(&mut surface, &font, Point::from_xy(MARGIN, MARGIN + 32.0), 8.0, &subtitle);
        let mut y = TABLE_TOP;
        for (r, is_header) in std::iter::once((&header, true)).chain(rows[range].iter().map(|r| (r, false))) {
            let mut x = MARGIN;
            for ((lines, w), own) in r.cells.iter().zip(&widths).zip(&r.fills) {
                let background = if is_header {
                    Some(fill(221, 230, 240))
                } else if let Some(light) = own {
                    let (red, green, blue) = light.rgb();
                    Some(fill(red, green, blue))
                } else if r.lagging {
                    Some(fill(252, 228, 228))
                } else {
                    None
                };
                if let Some(path) = rect_path(x, y, *w, r.height) {
                    surface.set_fill(background);
                    surface.set_stroke(Some(Stroke {
                        paint: rgb::Color::new(150, 150, 150).into(),
                        width: 0.4,
                        ..Stroke::default()
                    }));
                    surface.draw_path(&path);
                    surface.set_stroke(None);
                }
                // White on a dark light (红灯), black elsewhere.
                let dark = own.is_some_and(Light::is_dark);
                surface.set_fill(Some(if dark { fill(255, 255, 255) } else { Fill::default() }));
                for (k, line) in lines.iter().enumerate() {
                    let baseline = y + PAD + (k as f32 + 1.0) * LINE - 2.5;
                    glyphs.draw(&mut surface, &font, Point::from_xy(x + PAD, baseline), FONT_SIZE, line);
                }
                x += w;
            }
            y += r.height;
        }
        let footer = format!("{title} · 第 {} 页 / 共 {page_count} 页", n + 1);
        let fx = PAGE_W - MARGIN - glyphs.width(&footer, 7.0);
        glyphs.draw(&mut surface, &font, Point::from_xy(fx, PAGE_H - 18.0), 7.0, &footer);
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| ExportError::Pdf(format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::Glyphs;

    #[test]
    fn long_names_wrap_within_the_width() {
        let mut g = Glyphs::new(crate::fonts::NOTO_SANS_SC).expect("font");
        let name = "钟山区卫生应急救援队伍装备能力提升及医疗物资战略储备库";
        let lines = g.wrap(name, 60.0, 7.5);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| g.width(l, 7.5) <= 60.0));
        assert_eq!(lines.concat(), name);
        assert_eq!(g.wrap("", 60.0, 7.5), vec![String::new()]);
        // A CJK character is one em wide in Noto Sans CJK; a Latin one narrower.
        assert!((g.width("钟", 10.0) - 10.0).abs() < 0.01);
        assert!(g.width("a", 10.0) < 7.0);
    }
}
