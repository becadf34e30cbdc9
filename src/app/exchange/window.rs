//! The 导出/导入 window (its state and drawing are `ui::exchange`): what it is shown each
//! frame, and what its buttons start.

use std::path::PathBuf;

use crate::export::ExportFormat;
use crate::platform::Picked;
use crate::ui::exchange::ExchangeAction;

use super::{Command, TaizhangApp, default_dir};

impl TaizhangApp {
    /// Takes in what its worker finished, then draws the window while it is open.
    pub(in crate::app) fn exchange_ui(&mut self, ctx: &egui::Context, cmds: &mut Vec<Command>) {
        self.poll_exchange();
        if !self.windows.exchange.open {
            return;
        }
        let places: Vec<String> = self.snapshot.portfolio.gazetteer.places().iter().map(|p| p.name.clone()).collect();
        let month = self.snapshot.portfolio.review;
        let closed = self.snapshot.portfolio.closed_months().any(|m| m == month);
        let can_close = !self.snapshot.plan.archived;
        let busy = self.tasks.exchange.running();
        self.windows.exchange.show(ctx, busy, &places, (month, closed, can_close), self.prefs.lang, cmds);
    }

    /// What a button of the window asked for.
    pub(in crate::app) fn exchange_action(&mut self, action: ExchangeAction) {
        match action {
            ExchangeAction::Export => self.start_export(),
            ExchangeAction::Template => self.start_template(),
            ExchangeAction::Deck => self.start_deck(),
            ExchangeAction::DeckPng => self.start_deck_png(),
            ExchangeAction::Notice => self.start_notice(),
            ExchangeAction::Duban => self.start_duban(),
            ExchangeAction::Read => {
                let path = PathBuf::from(self.windows.exchange.import_path.trim());
                self.start_import(path);
            }
            ExchangeAction::BrowseExport => {
                let ext = self.windows.exchange.format.unwrap_or(ExportFormat::Xlsx).extension();
                match crate::platform::save_file(ext, &[ext], &default_dir()) {
                    Picked::Path(p) => self.windows.exchange.export_path = p.display().to_string(),
                    Picked::Cancelled => {}
                    Picked::Unavailable => {
                        self.windows.exchange.status = Some((crate::words::no_file_chooser().to_string(), true))
                    }
                }
            }
            ExchangeAction::BrowseImport => {
                match crate::platform::pick_file("xlsx/csv", &["xlsx", "xls", "ods", "csv"], &default_dir()) {
                    Picked::Path(p) => self.start_import(p),
                    Picked::Cancelled => {}
                    Picked::Unavailable => {
                        self.windows.exchange.status = Some((crate::words::no_file_chooser().to_string(), true))
                    }
                }
            }
        }
    }
}
