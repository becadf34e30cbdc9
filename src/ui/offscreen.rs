//! Draws a UI into an image without a window: egui runs headless, its output is tessellated and
//! handed to the software [`raster`](super::raster). Slides and charts become PNGs at any size,
//! on a server with no display or GPU, looking as they do in the window.

use crate::words::say;
use egui::epaint::ClippedShape;
use egui::{ColorImage, RawInput, Rect, ViewportId};

use super::raster::{Textures, rasterize};

/// Passes drawn before the one that is kept: grids and plots size themselves from the pass
/// before.
const SETTLE_PASSES: usize = 3;

/// A headless egui context with the bundled fonts and the presentation's light theme.
pub struct Offscreen {
    ctx: egui::Context,
    textures: Textures,
    time: f64,
    /// Texts of the last render that were cut by their clip rectangle or the image's edge.
    clipped: Vec<String>,
}

impl Default for Offscreen {
    fn default() -> Self {
        Self::new()
    }
}

impl Offscreen {
    /// A context with the bundled CJK font, the light theme and no animations.
    pub fn new() -> Self {
        let ctx = egui::Context::default();
        super::fonts::install(&ctx);
        ctx.set_theme(egui::Theme::Light);
        ctx.all_styles_mut(|style| {
            style.animation_time = 0.0;
            style.visuals.text_cursor.blink = false;
        });
        Self { ctx, textures: Textures::default(), time: 0.0, clipped: Vec::new() }
    }

    /// Draws `draw` into an image of `size` pixels; the layout has `size / pixels_per_point`
    /// points, so a 3840×2160 image at 2 has the layout of 1920×1080 at twice the detail.
    pub fn render(&mut self, size: [u32; 2], pixels_per_point: f32, draw: impl FnMut(&mut egui::Ui)) -> ColorImage {
        let scale = pixels_per_point.max(0.1);
        let shapes = self.lay_out(size, scale, draw);
        let primitives = self.ctx.tessellate(shapes, scale);
        let background = self.ctx.global_style().visuals.panel_fill;
        rasterize(&primitives, &self.textures, size.map(|v| v.max(1) as usize), scale, background)
    }

    /// Runs the passes of `draw` for an image of `size` pixels and returns the shapes of the
    /// last; notes the texts that do not fit (see [`Offscreen::cut_off_texts`]).
    fn lay_out(&mut self, size: [u32; 2], scale: f32, mut draw: impl FnMut(&mut egui::Ui)) -> Vec<ClippedShape> {
        let screen =
            Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(size[0].max(1) as f32, size[1].max(1) as f32) / scale);
        let mut input = RawInput { screen_rect: Some(screen), ..RawInput::default() };
        if let Some(viewport) = input.viewports.get_mut(&ViewportId::ROOT) {
            viewport.native_pixels_per_point = Some(scale);
        }
        let mut shapes = Vec::new();
        for _ in 0..SETTLE_PASSES {
            self.time += 1.0;
            input.time = Some(self.time);
            let mut output = self.ctx.run_ui(input.clone(), &mut draw);
            self.textures.apply(&mut output.textures_delta);
            shapes = std::mem::take(&mut output.shapes);
        }
        self.clipped.clear();
        for clipped in &shapes {
            collect_clipped(&clipped.shape, clipped.clip_rect.intersect(screen), &mut self.clipped);
        }
        shapes
    }

    /// Lays out `draw` for an image of `size` pixels without drawing it, and returns the texts
    /// that do not fit: a cheap check that nothing is cut off at a given size.
    pub fn cut_off_texts(&mut self, size: [u32; 2], draw: impl FnMut(&mut egui::Ui)) -> &[String] {
        let _ = self.lay_out(size, scale_for(size), draw);
        &self.clipped
    }
}

/// Adds the text of every text shape in `shape` that reaches outside `clip` (by more than
/// half a point, which anti-aliasing may use).
fn collect_clipped(shape: &egui::Shape, clip: Rect, out: &mut Vec<String>) {
    match shape {
        egui::Shape::Text(text) => {
            let bounds = text.visual_bounding_rect();
            if !text.galley.text().trim().is_empty() && !clip.expand(0.5).contains_rect(bounds) {
                out.push(text.galley.text().to_string());
            }
        }
        egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| collect_clipped(s, clip, out)),
        _ => {}
    }
}

/// The pixels per point for an image of `size` pixels: a 1920-point-wide layout at most, drawn
/// finer for larger images (3840×2160 is the 1920×1080 layout at 2×).
pub fn scale_for(size: [u32; 2]) -> f32 {
    (size[0] as f32 / 1920.0).max(1.0)
}

/// Sizes a PNG may have: from 320×240 to 7680×4320 pixels.
pub const MIN_SIZE: [u32; 2] = [320, 240];
pub const MAX_SIZE: [u32; 2] = [7680, 4320];

/// Parses `1920x1080` (or `1920×1080`) within [`MIN_SIZE`]–[`MAX_SIZE`].
///
/// # Errors
/// A message in the user's language naming what is wrong.
pub fn parse_size(text: &str) -> Result<[u32; 2], String> {
    let shown = crate::words::quoted(text);
    let bad =
        || say!("尺寸应为 宽x高,如 1920x1080,而不是 {shown}", "size must be WIDTHxHEIGHT, e.g. 1920x1080; got {shown}");
    let (w, h) = text.trim().split_once(['x', 'X', '×']).ok_or_else(bad)?;
    let size = [w.trim().parse::<u32>().map_err(|_| bad())?, h.trim().parse::<u32>().map_err(|_| bad())?];
    if (0..2).any(|k| size[k] < MIN_SIZE[k] || size[k] > MAX_SIZE[k]) {
        let ([w0, h0], [w1, h1]) = (MIN_SIZE, MAX_SIZE);
        return Err(say!(
            "尺寸须在 {w0}x{h0} 与 {w1}x{h1} 之间,而不是 {shown}",
            "size must be between {w0}x{h0} and {w1}x{h1}; got {shown}"
        ));
    }
    Ok(size)
}

/// Renders slide `page.index` as its page looks in the presentation, at `size` pixels.
pub fn render_slide(offscreen: &mut Offscreen, page: &super::charts::SlidePage<'_>, size: [u32; 2]) -> ColorImage {
    offscreen.render(size, scale_for(size), |ui| super::charts::slide_page(ui, page, |_| {}))
}

/// What [`write_slide_pngs`] wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SlideFiles {
    pub written: usize,
    /// Slide files of an earlier, longer deck left in the folder (never deleted).
    pub older: usize,
}

/// Writes every slide of `page.slides` as `NN-title.png` into `dir` (made if missing), each
/// through a temporary file and as `rules` allow; stops between slides when `cancelled` says so.
///
/// # Errors
/// The folder cannot be made or a file cannot be written, or `rules` refuse a file (checked for
/// every slide before the first is drawn): the message names it and says what to do. Slides
/// written before a failure stay.
pub fn write_slide_pngs(
    dir: &std::path::Path,
    page: &super::charts::SlidePage<'_>,
    size: [u32; 2],
    rules: &crate::export::OutputRules,
    cancelled: &dyn Fn() -> bool,
) -> Result<SlideFiles, String> {
    let file_names: Vec<String> =
        page.slides.iter().enumerate().map(|(i, slide)| slide_file_name(i + 1, &slide.title(page.data))).collect();
    rules.protected.check(dir).map_err(|e| e.to_string())?;
    for name in &file_names {
        rules.check(&dir.join(name)).map_err(|e| e.to_string())?;
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        let dir = dir.display();
        say!("无法创建文件夹 {dir}:{e}", "cannot create the folder {dir}: {e}")
    })?;
    let mut offscreen = Offscreen::new();
    let mut names = std::collections::HashSet::new();
    for (index, name) in file_names.into_iter().enumerate() {
        if cancelled() {
            break;
        }
        let image = render_slide(&mut offscreen, &super::charts::SlidePage { index, ..*page }, size);
        let bytes = png_bytes(&image).map_err(|e| e.to_string())?;
        rules.write(&dir.join(&name), &bytes).map_err(|e| e.to_string())?;
        names.insert(std::ffi::OsString::from(name));
    }
    let older = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .filter(|n| !names.contains(n) && is_slide_file(&n.to_string_lossy()))
        .count();
    Ok(SlideFiles { written: names.len(), older })
}

/// Whether a file name looks like a slide written by [`write_slide_pngs`]: `07-钟山区.png`.
fn is_slide_file(name: &str) -> bool {
    let b = name.as_bytes();
    b.len() > 7 && b[0].is_ascii_digit() && b[1].is_ascii_digit() && b[2] == b'-' && name.ends_with(".png")
}

/// The file name of slide `number` (from 1): `03-各类别项目状态.png`, without characters file
/// systems refuse.
pub fn slide_file_name(number: usize, title: &str) -> String {
    let clean: String =
        title.chars().map(|c| if "/\\:*?\"<>|".contains(c) || c.is_control() { '_' } else { c }).collect();
    format!("{number:02}-{clean}.png")
}

/// An image as PNG bytes (RGBA, 8 bits).
///
/// # Errors
/// When the encoder fails (it does not for a well-formed image).
pub fn png_bytes(image: &ColorImage) -> Result<Vec<u8>, png::EncodingError> {
    let mut bytes = Vec::new();
    let [w, h] = image.size.map(|v| u32::try_from(v).unwrap_or(u32::MAX));
    let mut encoder = png::Encoder::new(&mut bytes, w, h);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    let data: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
    writer.write_image_data(&data)?;
    writer.finish()?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::Offscreen;

    #[test]
    fn a_text_wider_than_its_room_is_reported_cut_off() {
        let mut offscreen = Offscreen::new();
        let long = "六盘水市中心城区污水管网整治修复工程(一期)";
        let fits = offscreen.cut_off_texts([640, 360], |ui| {
            egui::CentralPanel::default().show(ui, |ui| ui.label(long));
        });
        assert!(fits.is_empty(), "{fits:?}");
        let cut = offscreen.cut_off_texts([640, 360], |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.allocate_ui(egui::vec2(60.0, 20.0), |ui| {
                    ui.set_clip_rect(ui.max_rect());
                    ui.add(egui::Label::new(long).wrap_mode(egui::TextWrapMode::Extend));
                });
            });
        });
        assert_eq!(cut, [long.to_string()]);
    }
}
