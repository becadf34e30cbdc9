//! 修改历史: every change, by reviewer and dates. The window owns its query as typed; reading
//! the entries is a command the app runs on its worker.

use crate::db::{HistoryEntry, HistoryFilter};
use crate::ui::command::Command;
use crate::ui::editor::history_ui;
use crate::ui::i18n::Lang;

/// The window's state while it is open: the query as typed and the entries it found.
#[derive(Debug, Default)]
pub struct HistoryWindow {
    pub reviewer: String,
    pub from: String,
    pub to: String,
    pub entries: Vec<HistoryEntry>,
}

impl HistoryWindow {
    /// A window showing `entries`.
    pub fn new(entries: Vec<HistoryEntry>) -> Self {
        Self { entries, ..Self::default() }
    }

    /// Draws the window; `open` goes false when it is closed. Leaving a field asks for the
    /// entries of the query.
    pub fn show(&mut self, ctx: &egui::Context, open: &mut bool, lang: Lang, cmds: &mut Vec<Command>) {
        let t = lang.texts();
        let mut query = false;
        egui::Window::new(t.history_all).open(open).default_size([760.0, 420.0]).show(ctx, |ui| {
            ui.horizontal(|ui| {
                for (label, value) in [
                    (t.history_reviewer, &mut self.reviewer),
                    (t.history_from, &mut self.from),
                    (t.history_to, &mut self.to),
                ] {
                    ui.label(label);
                    query |= ui
                        .add(egui::TextEdit::singleline(value).desired_width(110.0))
                        .accessible_name(label)
                        .lost_focus();
                }
            });
            ui.separator();
            history_ui(ui, &self.entries, lang, true);
        });
        if query {
            cmds.push(Command::QueryHistory);
        }
    }

    /// The query as typed; a blank field does not narrow it.
    pub fn filter(&self) -> HistoryFilter {
        let blank = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        HistoryFilter { project: None, reviewer: blank(&self.reviewer), from: blank(&self.from), to: blank(&self.to) }
    }
}
