//! The window shown when the database will not open: what is wrong (damaged, another program's
//! file, a newer Taizhang's, in use), in the words of the error, and for a damaged file its
//! backups, newest first, with a button that restores the chosen one (the damaged file is kept
//! beside it). A reviewer who starts Taizhang from the desktop sees this instead of nothing.

use crate::words::{say, tr};
use std::path::{Path, PathBuf};

use crate::db::{Db, DbError};

/// State of the recovery window.
pub struct RecoveryApp {
    db_path: PathBuf,
    error: String,
    damaged: bool,
    /// Backups beside the database, newest first, with their modification time.
    backups: Vec<(PathBuf, String)>,
    chosen: usize,
    /// The outcome of a restore: text, and whether it failed.
    outcome: Option<(String, bool)>,
}

impl RecoveryApp {
    /// The window for `error`, which opening the database at `db_path` gave.
    pub fn new(db_path: &Path, error: &DbError) -> Self {
        let backups =
            crate::db::backups_of(db_path).into_iter().map(|p| (p.clone(), crate::files::modified_local(&p))).collect();
        Self {
            db_path: db_path.to_path_buf(),
            error: error.to_string(),
            damaged: error.is_damaged(),
            backups,
            chosen: 0,
            outcome: None,
        }
    }

    /// The outcome of the last restore, for tests.
    pub fn outcome(&self) -> Option<&str> {
        self.outcome.as_ref().map(|(t, _)| t.as_str())
    }

    fn restore(&mut self) {
        let Some((backup, _)) = self.backups.get(self.chosen) else { return };
        self.outcome = Some(match Db::restore_damaged(&self.db_path, backup) {
            Ok((_, kept)) => (
                {
                    let (backup, kept) = (backup.display(), kept.display());
                    say!(
                        "已从 {backup} 恢复;损坏的文件保留为 {kept}。请关闭此窗口,重新打开 Taizhang。",
                        "Restored from {backup}; the damaged file was kept as {kept}. Close this window and start Taizhang again."
                    )
                },
                false,
            ),
            Err(e) => (e.to_string(), true),
        });
    }

    /// Draws the window.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading(tr("数据库无法打开", "The database cannot be opened"));
            ui.weak(self.db_path.display().to_string());
            ui.add_space(8.0);
            ui.label(&self.error);
            ui.add_space(12.0);
            let restored = self.outcome.as_ref().is_some_and(|(_, failed)| !failed);
            if self.damaged && !self.backups.is_empty() && !restored {
                ui.label(tr("选择一个备份来恢复(最新的在最上面):", "Choose a backup to restore (newest first):"));
                egui::ScrollArea::vertical().max_height(260.0).show(ui, |ui| {
                    for (i, (path, when)) in self.backups.iter().enumerate() {
                        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                        ui.radio_value(&mut self.chosen, i, format!("{name}  ({when})"));
                    }
                });
                if ui.button(tr("恢复所选备份", "Restore the chosen backup")).clicked() {
                    self.restore();
                }
            }
            if let Some((text, failed)) = &self.outcome {
                ui.add_space(8.0);
                if *failed {
                    ui.colored_label(ui.visuals().error_fg_color, text);
                } else {
                    ui.label(text);
                }
            }
            ui.add_space(12.0);
            if ui.button(tr("关闭", "Close")).clicked() {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        });
    }
}

impl eframe::App for RecoveryApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}
