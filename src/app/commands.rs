//! Commands the views emit, and the one place that applies them.

use crate::domain::{Filter, ProjectId, SortColumn, SortOrder};
use crate::ui::i18n::Lang;

use super::TaizhangApp;

/// An action asked for by a view, a menu or a shortcut.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Command {
    /// Select a project (or none).
    Select(Option<ProjectId>),
    /// Move the selection by this many rows in the table (keyboard).
    MoveSelection(isize),
    /// Sort by a column; the same column again reverses the order.
    SortBy(SortColumn),
    SetLanguage(Lang),
    ClearFilters,
    FocusSearch,
}

/// Keyboard shortcuts, shown in the status bar.
pub const FOCUS_SEARCH: egui::KeyboardShortcut = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::F);

impl TaizhangApp {
    /// Applies one command.
    pub(super) fn apply(&mut self, command: Command) {
        match command {
            Command::Select(id) => self.selected = id,
            Command::MoveSelection(delta) => self.move_selection(delta),
            Command::SortBy(column) => self.sort_by(column),
            Command::SetLanguage(lang) => self.prefs.lang = lang,
            Command::ClearFilters => self.prefs.filter = Filter::default(),
            Command::FocusSearch => self.filter_panel.focus_search = true,
        }
    }

    fn sort_by(&mut self, column: SortColumn) {
        let prefs = &mut self.prefs;
        prefs.sort_order = if prefs.sort_column == column && prefs.sort_order == SortOrder::Ascending {
            SortOrder::Descending
        } else {
            SortOrder::Ascending
        };
        prefs.sort_column = column;
    }

    fn move_selection(&mut self, delta: isize) {
        let rows = &self.view.rows;
        if rows.is_empty() {
            return;
        }
        let projects = &self.snapshot.portfolio.projects;
        let current = self.selected.and_then(|id| rows.iter().position(|&i| projects[i].id == id));
        let next = match current {
            Some(pos) => pos.saturating_add_signed(delta).min(rows.len() - 1),
            None if delta < 0 => rows.len() - 1,
            None => 0,
        };
        self.selected = Some(projects[rows[next]].id);
        self.table.scroll_to = Some(next);
    }
}
