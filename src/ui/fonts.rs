//! The bundled CJK font: a subset of Noto Sans CJK SC (GB2312 and every character of the plan),
//! so Chinese renders on a machine with no CJK font. eframe's system-font fallback covers the rest.

use std::sync::Arc;

use crate::fonts::NOTO_SANS_SC;

const FONT_NAME: &str = "noto_sans_sc_taizhang";

/// egui's default fonts with the bundled CJK font after them in every family.
pub fn definitions() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(FONT_NAME.to_owned(), Arc::new(egui::FontData::from_static(NOTO_SANS_SC)));
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts.families.entry(family).or_default().push(FONT_NAME.to_owned());
    }
    fonts
}

/// Installs the fonts on a context.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}
