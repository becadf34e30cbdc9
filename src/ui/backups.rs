//! 备份与恢复: the database's backups, 立即备份, and 恢复 once the reviewer has confirmed it.

use std::path::PathBuf;

use crate::ui::command::Command;
use crate::ui::i18n::Lang;

/// The window's state while it is open.
#[derive(Debug, Default)]
pub struct BackupsWindow {
    /// The backups, newest first.
    pub backups: Vec<PathBuf>,
    /// A backup waiting for "restore?".
    pub restore: Option<PathBuf>,
}

impl BackupsWindow {
    /// A window listing `backups`.
    pub fn new(backups: Vec<PathBuf>) -> Self {
        Self { backups, restore: None }
    }

    /// Draws the list; `open` goes false when it is closed.
    pub fn show(&mut self, ctx: &egui::Context, open: &mut bool, lang: Lang, cmds: &mut Vec<Command>) {
        let t = lang.texts();
        let backups = &self.backups;
        let mut restore = None;
        egui::Window::new(t.backups).open(open).default_size([560.0, 320.0]).show(ctx, |ui| {
            if ui.button(t.backup_now).clicked() {
                cmds.push(Command::BackupNow);
            }
            ui.separator();
            egui::ScrollArea::vertical().show(ui, |ui| {
                for path in backups {
                    ui.horizontal(|ui| {
                        if ui.button(t.restore).clicked() {
                            restore = Some(path.clone());
                        }
                        ui.label(path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
                    });
                }
            });
        });
        if restore.is_some() {
            self.restore = restore;
        }
    }

    /// "Restore?" over everything while a backup waits for it.
    pub fn confirm_ui(&mut self, ctx: &egui::Context, lang: Lang, cmds: &mut Vec<Command>) {
        let t = lang.texts();
        if let Some(path) = self.restore.clone() {
            egui::Modal::new(egui::Id::unique("restore_modal")).show(ctx, |ui| {
                ui.label(t.restore_confirm);
                ui.monospace(path.display().to_string());
                ui.horizontal(|ui| {
                    if ui.button(t.restore).clicked() {
                        cmds.push(Command::Restore(path.clone()));
                        self.restore = None;
                    }
                    if ui.button(t.cancel).clicked() {
                        self.restore = None;
                    }
                });
            });
        }
    }
}
