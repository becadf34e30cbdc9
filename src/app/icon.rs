//! The window's icon: the 256 px application icon (`assets/icon/`), embedded in the binary so a
//! window started from anywhere shows it (the title bar, the taskbar, Alt+Tab).

use std::sync::Arc;

const ICON_PNG: &[u8] = include_bytes!("../../assets/icon/taizhang-256.png");

/// The icon for `ViewportBuilder::with_icon`; an empty one (no icon, and a log line) if it cannot
/// be decoded: a missing icon is no reason not to open the window.
pub(crate) fn window_icon() -> Arc<egui::IconData> {
    Arc::new(decode_rgba(ICON_PNG).unwrap_or_else(|e| {
        log::warn!("the window icon could not be decoded: {e}");
        egui::IconData::default()
    }))
}

fn decode_rgba(bytes: &[u8]) -> Result<egui::IconData, String> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
    let mut buf = vec![0; reader.output_buffer_size().unwrap_or(0)];
    let info = reader.next_frame(&mut buf).map_err(|e| e.to_string())?;
    buf.truncate(info.buffer_size());
    let rgba = match info.color_type {
        png::ColorType::Rgba => buf,
        png::ColorType::Rgb => buf.chunks_exact(3).flat_map(|p| [p[0], p[1], p[2], 255]).collect(),
        png::ColorType::GrayscaleAlpha => buf.chunks_exact(2).flat_map(|p| [p[0], p[0], p[0], p[1]]).collect(),
        png::ColorType::Grayscale => buf.iter().flat_map(|&g| [g, g, g, 255]).collect(),
        // normalize_to_color8 expands palettes, so this is never reached.
        png::ColorType::Indexed => return Err("an indexed PNG was not expanded".to_string()),
    };
    Ok(egui::IconData { rgba, width: info.width, height: info.height })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_icon_decodes_to_256_square_rgba() {
        let icon = decode_rgba(ICON_PNG).unwrap();
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
        // Opaque red in the folder's middle left, transparent in the rounded corner.
        let at = |x: usize, y: usize| &icon.rgba[(y * 256 + x) * 4..(y * 256 + x) * 4 + 4];
        assert_eq!(at(20, 128), [0xb7, 0x1c, 0x1c, 0xff]);
        assert_eq!(at(0, 0)[3], 0);
    }
}
