//! 回收站: the projects moved to the bin, each with 恢复.

use crate::domain::Project;
use crate::ui::command::Command;
use crate::ui::i18n::Lang;

/// Draws the bin; `open` goes false when it is closed.
pub fn bin_ui(ctx: &egui::Context, open: &mut bool, bin: &[Project], lang: Lang, cmds: &mut Vec<Command>) {
    let t = lang.texts();
    egui::Window::new(t.bin).open(open).default_size([480.0, 300.0]).show(ctx, |ui| {
        if bin.is_empty() {
            ui.weak(t.bin_empty);
        }
        for p in bin {
            ui.horizontal(|ui| {
                if ui.button(t.bin_restore).clicked() {
                    cmds.push(Command::SetInBin { id: p.id, in_bin: false });
                }
                ui.label(format!("{} · {}", p.name, p.place));
            });
        }
    });
}
