//! The main screen: which screen is shown (table or charts) with the drill-down's way back,
//! the table and the selected project's editor, the filter panel with the saved views, and
//! how they are laid out with their bars and windows each frame.

use crate::db::{DbError, HistoryFilter, SavedView};
use crate::domain::{Filter, Period, ProjectId};
use crate::ui::detail::detail_ui;
use crate::ui::editor::{Editor, EditorTab, history_ui};
use crate::ui::filter_panel::FilterPanel;
use crate::ui::table::{ProjectTable, TableData};

use super::bars::period_over_ui;
use super::{Command, Screen, TaizhangApp};

/// The table or charts screen, and the selection with its editor.
#[derive(Default)]
pub(super) struct MainScreen {
    pub(super) screen: Screen,
    /// The filter before a chart drill-down, for Back.
    pub(super) drill_back: Option<Filter>,
    pub(super) selected: Option<ProjectId>,
    pub(super) table: ProjectTable,
    pub(super) editor: Editor,
}

/// The filter panel and the plan's saved views it offers (read at start and after each change).
#[derive(Default)]
pub(super) struct Filters {
    pub(super) panel: FilterPanel,
    pub(super) views: Vec<SavedView>,
}

impl TaizhangApp {
    pub(super) fn request_select(&mut self, id: Option<ProjectId>) {
        if id != self.main.selected && self.main.editor.is_dirty() {
            self.windows.discard = Some(id);
        } else {
            self.select_now(id);
        }
    }

    pub(super) fn confirm_discard(&mut self, discard: bool) {
        if let Some(id) = self.windows.discard.take()
            && discard
        {
            self.main.editor.cancel();
            self.select_now(id);
        }
    }

    /// Selects a project: its details show at once, from the snapshot; its reports and history
    /// are read on a worker and fill fresh drafts (keeping whatever was typed meanwhile).
    pub(super) fn select_now(&mut self, id: Option<ProjectId>) {
        self.main.selected = id;
        let Some(project) = id.and_then(|id| self.project(id)).cloned() else {
            self.main.editor.clear();
            return;
        };
        self.main.editor.load(&project, Vec::new(), Vec::new(), Period::today());
        let what = self.prefs.lang.tr("正在读取", "Loading");
        let history = HistoryFilter { project: Some(project.id), ..HistoryFilter::default() };
        self.run_job(
            what,
            false,
            move |db, _| Ok::<_, DbError>((db.reports(project.id)?, db.history(&history)?)),
            move |app, read| match read {
                Ok((reports, history)) if app.main.selected == Some(project.id) => {
                    let typed = app.main.editor.clone();
                    app.main.editor.load(&project, reports, history, Period::today());
                    app.main.editor.keep_drafts_of(&typed);
                }
                Ok(_) => {}
                Err(e) => app.fail(&e),
            },
        );
    }

    /// The main screen (table or charts) with its bars and windows.
    pub(super) fn screen_ui(&mut self, ui: &mut egui::Ui, cmds: &mut Vec<Command>) {
        let lang = self.prefs.lang;
        egui::Panel::top("top_bar").show(ui, |ui| self.top_bar_ui(ui, cmds));
        if let Some(end) = self.period_over() {
            egui::Panel::top("period_over").show(ui, |ui| period_over_ui(ui, end, Period::today(), lang, cmds));
        }
        egui::Panel::bottom("status_bar").show(ui, |ui| self.status_bar_ui(ui, cmds));
        egui::Panel::left("filters").resizable(true).default_size(240.0).show(ui, |ui| {
            self.filters.panel.ui(ui, &self.snapshot, &self.filters.views, &mut self.prefs.filter, lang, cmds);
        });
        if self.main.screen == Screen::Charts {
            let data = self.chart_data();
            let prefs = (&mut self.prefs.png_size, &mut self.prefs.slides);
            egui::CentralPanel::default().show(ui, |ui| crate::ui::charts::charts_ui(ui, &data, lang, prefs, cmds));
        } else {
            egui::Panel::bottom("detail").resizable(true).default_size(260.0).min_size(160.0).show(ui, |ui| {
                self.detail_ui(ui, cmds);
            });
            egui::CentralPanel::default().show(ui, |ui| self.table_ui(ui, cmds));
        }
        self.windows_ui(ui.ctx(), cmds);
        if self.tasks.exchange.running() {
            ui.ctx().request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    /// The table of the filtered rows (or, during the first load, a word that it is coming).
    fn table_ui(&mut self, ui: &mut egui::Ui, cmds: &mut Vec<Command>) {
        let lang = self.prefs.lang;
        if self.snapshot.plans.is_empty() && !self.idle() {
            // The first load is still running (its progress is in the status bar).
            ui.centered_and_justified(|ui| ui.weak(lang.tr("正在读取数据库…", "Reading the database…")));
            return;
        }
        let data = TableData {
            portfolio: &self.snapshot.portfolio,
            rows: &self.view.rows,
            selected: self.main.selected,
            sort: (self.prefs.sort_column, self.prefs.sort_order),
            lang,
        };
        self.main.table.ui(ui, &data, cmds);
    }

    fn detail_ui(&mut self, ui: &mut egui::Ui, cmds: &mut Vec<Command>) {
        let lang = self.prefs.lang;
        let project = self.main.selected.and_then(|id| self.project(id)).cloned();
        let Some(project) = project else {
            detail_ui(ui, &self.snapshot, None, lang);
            return;
        };
        self.main.editor.tabs_ui(ui, lang);
        ui.separator();
        let today = Period::today();
        match self.main.editor.tab {
            EditorTab::Details => detail_ui(ui, &self.snapshot, Some(&project), lang),
            EditorTab::Report => self.main.editor.report_ui(ui, &self.snapshot, &project, today, lang, cmds),
            EditorTab::Edit => self.main.editor.edit_ui(ui, &self.snapshot, &project, today, lang, cmds),
            EditorTab::History => history_ui(ui, &self.main.editor.history, lang, false),
        }
    }
}
