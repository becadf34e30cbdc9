//! A software rasterizer for egui's tessellated output, so a slide or chart becomes a PNG with
//! no GPU, window or display (`taizhang deck --format png`, PNG export at a chosen size).
//!
//! It follows egui-wgpu's shader and blend state: vertex colours and textures are premultiplied
//! sRGB (gamma) values, textures are sampled bilinearly between texel centres (clamped at the
//! edges), and each fragment is blended `src + dst·(1 − src.a)` in gamma space into an 8-bit
//! target. Pixels are sampled at their centres with the top-left fill rule, so triangles that
//! share an edge (egui's feathered anti-aliasing) cover each pixel once.

use std::collections::HashMap;

use egui::epaint::textures::TexturesDelta;
use egui::epaint::{ClippedPrimitive, ImageData, Primitive, TextureId, Vertex};
use egui::{Color32, ColorImage, TextureFilter};

/// A texture as egui sent it.
struct Texture {
    image: ColorImage,
    nearest: bool,
}

/// The textures egui has set (the font atlas, images), kept up to date from each frame's delta.
#[derive(Default)]
pub struct Textures {
    images: HashMap<TextureId, Texture>,
}

impl Textures {
    /// Applies a frame's texture changes (whole images, patches and frees) and empties `delta`.
    pub fn apply(&mut self, delta: &mut TexturesDelta) {
        for (id, change) in delta.set.iter().flat_map(|(id, changes)| changes.iter().map(move |c| (id, c))) {
            let ImageData::Color(image) = &change.image;
            let nearest = change.options.magnification == TextureFilter::Nearest;
            match change.pos {
                None => {
                    self.images.insert(*id, Texture { image: image.as_ref().clone(), nearest });
                }
                Some([x0, y0]) => {
                    let Some(texture) = self.images.get_mut(id) else { continue };
                    let [w, _] = texture.image.size;
                    for (row, line) in image.pixels.chunks(image.size[0].max(1)).enumerate() {
                        let start = (y0 + row) * w + x0;
                        if let Some(target) = texture.image.pixels.get_mut(start..start + line.len()) {
                            target.copy_from_slice(line);
                        }
                    }
                }
            }
        }
        for id in &delta.free {
            self.images.remove(id);
        }
        delta.clear();
    }
}

/// Premultiplied colour, 0–1 per channel.
type Rgba = [f32; 4];

fn rgba(c: Color32) -> Rgba {
    c.to_array().map(|v| f32::from(v) / 255.0)
}

impl Texture {
    /// The colour at `uv`, as egui-wgpu's predictable filtering computes it.
    fn sample(&self, u: f32, v: f32) -> Rgba {
        let [w, h] = self.image.size;
        if w == 0 || h == 0 {
            return [1.0; 4];
        }
        let texel = |x: i64, y: i64| -> Rgba {
            let x = x.clamp(0, w as i64 - 1) as usize;
            let y = y.clamp(0, h as i64 - 1) as usize;
            rgba(self.image.pixels[y * w + x])
        };
        if self.nearest {
            return texel((u * w as f32).floor() as i64, (v * h as f32).floor() as i64);
        }
        let (x, y) = (u * w as f32 - 0.5, v * h as f32 - 0.5);
        let (fx, fy) = (x - x.floor(), y - y.floor());
        let (x0, y0) = (x.floor() as i64, y.floor() as i64);
        let (tl, tr, bl, br) = (texel(x0, y0), texel(x0 + 1, y0), texel(x0, y0 + 1), texel(x0 + 1, y0 + 1));
        std::array::from_fn(|k| {
            let top = tl[k] + (tr[k] - tl[k]) * fx;
            let bottom = bl[k] + (br[k] - bl[k]) * fx;
            top + (bottom - top) * fy
        })
    }
}

/// An 8-bit RGBA target.
struct Canvas {
    width: usize,
    pixels: Vec<[u8; 4]>,
}

impl Canvas {
    fn blend(&mut self, x: usize, y: usize, src: Rgba) {
        let dst = &mut self.pixels[y * self.width + x];
        let keep = 1.0 - src[3];
        let out: [u8; 4] = std::array::from_fn(|k| {
            let d = f32::from(dst[k]) / 255.0;
            // Colour: src + dst·(1 − src.a); alpha: src.a·(1 − dst.a) + dst.a, as egui-wgpu.
            let v = if k < 3 { src[k] + d * keep } else { src[3] * (1.0 - d) + d };
            (v.clamp(0.0, 1.0) * 255.0).round() as u8
        });
        *dst = out;
    }
}

/// Twice the signed area of `a b p`: positive when `p` is right of `a → b` on a y-down screen.
fn edge(a: [f32; 2], b: [f32; 2], p: [f32; 2]) -> f32 {
    (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])
}

/// Whether a pixel centre exactly on edge `a → b` belongs to the triangle (top and left edges).
fn owns_edge(a: [f32; 2], b: [f32; 2]) -> bool {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    (dy == 0.0 && dx > 0.0) || dy < 0.0
}

/// Pixel bounds `[x0, y0, x1, y1)` to draw within.
type Clip = [usize; 4];

fn triangle(canvas: &mut Canvas, v: [&Vertex; 3], scale: f32, clip: Clip, texture: Option<&Texture>) {
    let mut p = v.map(|v| [v.pos.x * scale, v.pos.y * scale]);
    let mut v = v;
    let mut area = edge(p[0], p[1], p[2]);
    if area == 0.0 || !area.is_finite() {
        return;
    }
    if area < 0.0 {
        p.swap(1, 2);
        v.swap(1, 2);
        area = -area;
    }
    let min = |k: usize| p.iter().map(|q| q[k]).fold(f32::INFINITY, f32::min);
    let max = |k: usize| p.iter().map(|q| q[k]).fold(f32::NEG_INFINITY, f32::max);
    let x0 = (min(0).floor().max(0.0) as usize).max(clip[0]);
    let y0 = (min(1).floor().max(0.0) as usize).max(clip[1]);
    let x1 = (max(0).ceil().max(0.0) as usize).min(clip[2]);
    let y1 = (max(1).ceil().max(0.0) as usize).min(clip[3]);
    let colors = v.map(|v| rgba(v.color));
    let uniform_uv = v[0].uv == v[1].uv && v[1].uv == v[2].uv;
    let uniform_color = v[0].color == v[1].color && v[1].color == v[2].color;
    // Solid fills (most of a slide) sample the texture once.
    let flat_texture = uniform_uv.then(|| texture.map_or([1.0; 4], |t| t.sample(v[0].uv.x, v[0].uv.y)));
    let owns = [owns_edge(p[1], p[2]), owns_edge(p[2], p[0]), owns_edge(p[0], p[1])];
    for y in y0..y1 {
        let py = y as f32 + 0.5;
        for x in x0..x1 {
            let at = [x as f32 + 0.5, py];
            let w = [edge(p[1], p[2], at), edge(p[2], p[0], at), edge(p[0], p[1], at)];
            if (0..3).any(|k| w[k] < 0.0 || (w[k] == 0.0 && !owns[k])) {
                continue;
            }
            let b = w.map(|w| w / area);
            let color: Rgba = if uniform_color {
                colors[0]
            } else {
                std::array::from_fn(|k| b[0] * colors[0][k] + b[1] * colors[1][k] + b[2] * colors[2][k])
            };
            let tex = flat_texture.unwrap_or_else(|| {
                let u = b[0] * v[0].uv.x + b[1] * v[1].uv.x + b[2] * v[2].uv.x;
                let t = b[0] * v[0].uv.y + b[1] * v[1].uv.y + b[2] * v[2].uv.y;
                texture.map_or([1.0; 4], |tx| tx.sample(u, t))
            });
            canvas.blend(x, y, std::array::from_fn(|k| color[k] * tex[k]));
        }
    }
}

/// Draws the primitives over `background` into an image of `size` pixels; positions are in
/// points and are scaled by `pixels_per_point`. Paint callbacks (custom GPU drawing) are skipped:
/// nothing Taizhang draws uses them.
pub fn rasterize(
    primitives: &[ClippedPrimitive],
    textures: &Textures,
    size: [usize; 2],
    pixels_per_point: f32,
    background: Color32,
) -> ColorImage {
    let [width, height] = size;
    let mut canvas = Canvas { width, pixels: vec![background.to_array(); width * height] };
    for primitive in primitives {
        let Primitive::Mesh(mesh) = &primitive.primitive else { continue };
        let r = primitive.clip_rect;
        let px = |v: f32, limit: usize| ((v * pixels_per_point).round().max(0.0) as usize).min(limit);
        let clip = [px(r.min.x, width), px(r.min.y, height), px(r.max.x, width), px(r.max.y, height)];
        if clip[0] >= clip[2] || clip[1] >= clip[3] {
            continue;
        }
        let texture = textures.images.get(&mesh.texture_id);
        for tri in mesh.indices.chunks_exact(3) {
            let vertex = |k: usize| mesh.vertices.get(tri[k] as usize);
            let (Some(a), Some(b), Some(c)) = (vertex(0), vertex(1), vertex(2)) else { continue };
            triangle(&mut canvas, [a, b, c], pixels_per_point, clip, texture);
        }
    }
    let pixels = canvas.pixels.into_iter().map(|[r, g, b, a]| Color32::from_rgba_premultiplied(r, g, b, a)).collect();
    ColorImage::new(size, pixels)
}

#[cfg(test)]
mod tests {
    use egui::epaint::{ClippedPrimitive, Mesh, Primitive};
    use egui::{Color32, Pos2, Rect, pos2};

    use super::{Textures, rasterize};

    fn quad(rect: Rect, color: Color32) -> ClippedPrimitive {
        let mut mesh = Mesh::default();
        mesh.add_colored_rect(rect, color);
        ClippedPrimitive { clip_rect: Rect::EVERYTHING, primitive: Primitive::Mesh(mesh) }
    }

    #[test]
    fn two_triangles_of_a_rect_cover_each_pixel_once() {
        // A half-transparent rect: a pixel drawn twice on the shared diagonal would be darker.
        let half = Color32::from_black_alpha(128);
        let image = rasterize(
            &[quad(Rect::from_min_max(pos2(2.0, 2.0), pos2(8.0, 8.0)), half)],
            &Textures::default(),
            [10, 10],
            1.0,
            Color32::WHITE,
        );
        let at = |x: usize, y: usize| image.pixels[y * 10 + x];
        let inside: Vec<Color32> = (2..8).flat_map(|y| (2..8).map(move |x| (x, y))).map(|(x, y)| at(x, y)).collect();
        assert!(inside.iter().all(|c| *c == inside[0]), "one shade inside: {inside:?}");
        assert_eq!(inside[0].r(), 127, "white under 50% black");
        assert_eq!((at(1, 1), at(8, 8), at(1, 5)), (Color32::WHITE, Color32::WHITE, Color32::WHITE));
    }

    #[test]
    fn the_clip_rect_and_the_scale_apply() {
        let mut prim = quad(Rect::from_min_max(Pos2::ZERO, pos2(10.0, 10.0)), Color32::RED);
        prim.clip_rect = Rect::from_min_max(Pos2::ZERO, pos2(2.0, 10.0));
        let image = rasterize(&[prim], &Textures::default(), [20, 20], 2.0, Color32::BLACK);
        let red = image.pixels.iter().filter(|c| **c == Color32::RED).count();
        assert_eq!(red, 4 * 20, "2 points of 10 at 2 pixels a point");
    }
}
