//! The windows over the main screen: their state ([`Windows`], each window's own struct in
//! `ui/`), opening them (each reads its data on a worker), and drawing them in one place, in
//! one order, each frame.

use std::path::Path;

use crate::db::HistoryFilter;
use crate::domain::Project;
use crate::ui::add_project::AddProjectWindow;
use crate::ui::backups::BackupsWindow;
use crate::ui::history::HistoryWindow;
use crate::ui::settings::{SessionState, SettingsPrefs, SettingsWindow};

use super::{Command, Dialog, TaizhangApp};

/// The windows over the main screen, each with its own state; each loads its data when
/// opened, not every frame. `None` is a closed window.
#[derive(Debug, Default)]
pub(super) struct Windows {
    /// 设置, with what is typed into it (kept while it is closed).
    pub(super) settings: SettingsWindow,
    pub(super) history: Option<HistoryWindow>,
    pub(super) backups: Option<BackupsWindow>,
    pub(super) bin: Option<Vec<Project>>,
    /// A selection waiting for "discard unsaved changes?".
    pub(super) discard: Option<Option<crate::domain::ProjectId>>,
    pub(super) add_project: Option<AddProjectWindow>,
    pub(super) places: bool,
    /// 问题清单.
    pub(super) problems: Option<crate::ui::problems::ProblemsView>,
    /// 按台账更新.
    pub(super) plan_update: Option<crate::ui::plan_update::PlanUpdateWindow>,
    /// 导出/导入.
    pub(super) exchange: crate::ui::exchange::Exchange,
    /// The review screen of a plan being brought in.
    pub(super) plan_review: crate::ui::plan_review::PlanReview,
    /// 同步冲突 (the conflicts themselves are the session's).
    pub(super) conflicts_open: bool,
}

/// Draws the window in `slot` while there is one; closing it empties the slot.
fn show_closable<W>(slot: &mut Option<W>, show: impl FnOnce(&mut W, &mut bool)) {
    if let Some(window) = slot {
        let mut open = true;
        show(window, &mut open);
        if !open {
            *slot = None;
        }
    }
}

impl TaizhangApp {
    pub(super) fn open_dialog(&mut self, dialog: Dialog) {
        match dialog {
            Dialog::Exchange => self.open_exchange(),
            Dialog::PlanImport => self.open_plan_import(),
            Dialog::PlanUpdate => {
                self.windows.plan_update.get_or_insert_with(crate::ui::plan_update::PlanUpdateWindow::default);
            }
            Dialog::Places => self.windows.places = true,
            Dialog::Problems => self.load_problems(),
            Dialog::Settings => {
                self.windows.settings.open = true;
                self.windows.settings.rules = Some(self.snapshot.portfolio.rules.with_every_measure());
            }
            Dialog::History => {
                let what = self.prefs.lang.tr("正在读取", "Loading");
                self.run_job(
                    what,
                    false,
                    |db, _| db.history(&HistoryFilter::default()),
                    |app, entries| match entries {
                        Ok(entries) => app.windows.history = Some(HistoryWindow::new(entries)),
                        Err(e) => app.fail(&e),
                    },
                );
            }
            Dialog::Backups => {
                let what = self.prefs.lang.tr("正在读取", "Loading");
                self.run_job(
                    what,
                    false,
                    |db, _| db.backups(),
                    |app, backups| {
                        app.windows.backups = Some(BackupsWindow::new(backups));
                    },
                );
            }
            Dialog::Bin => {
                let what = self.prefs.lang.tr("正在读取", "Loading");
                self.run_job(
                    what,
                    false,
                    |db, _| db.bin(),
                    |app, bin| match bin {
                        Ok(bin) => app.windows.bin = Some(bin),
                        Err(e) => app.fail(&e),
                    },
                );
            }
            Dialog::AddProject => self.windows.add_project = Some(AddProjectWindow::for_plan(&self.snapshot)),
        }
    }

    /// Reads the current plan's 问题清单 on a worker and opens its window.
    fn load_problems(&mut self) {
        let what = self.prefs.lang.tr("正在读取问题清单", "Reading 问题清单");
        self.run_job(
            what,
            false,
            |db, _| db.problems(&crate::db::ProblemFilter::default()),
            |app, rows| match rows {
                Ok(rows) => app.show_problems(rows),
                Err(e) => app.fail(&e),
            },
        );
    }

    /// Puts the 问题清单 into its window (keeping the window's filters).
    pub(super) fn show_problems(&mut self, rows: Vec<crate::db::ProblemRow>) {
        let portfolio = &self.snapshot.portfolio;
        let facts = (0..portfolio.projects.len())
            .map(|i| {
                let district = portfolio.districts()[portfolio.district_index(i)].clone();
                (portfolio.projects[i].id, (district, portfolio.light(i)))
            })
            .collect();
        let view = self.windows.problems.get_or_insert_with(Default::default);
        view.rows = rows;
        view.facts = facts;
    }

    /// Reads the whole history for the query typed in its window.
    pub(super) fn query_history(&mut self) {
        let Some(window) = &self.windows.history else { return };
        let filter = window.filter();
        let what = self.prefs.lang.tr("正在读取", "Loading");
        self.run_job(
            what,
            false,
            move |db, _| db.history(&filter),
            |app, entries| match (entries, &mut app.windows.history) {
                (Ok(entries), Some(dialog)) => dialog.entries = entries,
                (Err(e), _) => app.fail(&e),
                (Ok(_), None) => {}
            },
        );
    }

    /// Every window over the main screen, in the order they are drawn (a later one over an
    /// earlier one), then files dropped on the window.
    pub(super) fn windows_ui(&mut self, ctx: &egui::Context, cmds: &mut Vec<Command>) {
        let lang = self.prefs.lang;
        self.settings_ui(ctx, cmds);
        if self.windows.conflicts_open {
            crate::ui::conflicts::conflicts_ui(ctx, &self.session.conflicts, lang, cmds);
        }
        show_closable(&mut self.windows.history, |w, open| w.show(ctx, open, lang, cmds));
        show_closable(&mut self.windows.backups, |w, open| w.show(ctx, open, lang, cmds));
        show_closable(&mut self.windows.bin, |bin, open| crate::ui::bin::bin_ui(ctx, open, bin, lang, cmds));
        if self.windows.discard.is_some() {
            crate::ui::editor::discard_ui(ctx, lang, cmds);
        }
        if let Some(backups) = &mut self.windows.backups {
            backups.confirm_ui(ctx, lang, cmds);
        }
        let snapshot = &self.snapshot;
        show_closable(&mut self.windows.add_project, |w, open| w.show(ctx, open, snapshot, lang, cmds));
        self.exchange_ui(ctx, cmds);
        self.poll_plan_read(ctx);
        crate::ui::plan_review::plan_review_ui(ctx, &mut self.windows.plan_review, lang, cmds);
        let busy = self.tasks.job.is_some();
        show_closable(&mut self.windows.plan_update, |w, open| w.show(ctx, open, busy, lang, cmds));
        let month = self.review_date();
        show_closable(&mut self.windows.problems, |view, open| {
            crate::ui::problems::problems_ui(ctx, open, view, month, lang, cmds);
        });
        if self.windows.places {
            let places = &self.snapshot.portfolio.gazetteer;
            crate::ui::places::places_ui(ctx, &mut self.windows.places, places, lang, cmds);
        }
        self.dropped_files(ctx);
    }

    fn settings_ui(&mut self, ctx: &egui::Context, cmds: &mut Vec<Command>) {
        let mut prefs = SettingsPrefs {
            reviewer: &mut self.prefs.reviewer,
            lag_threshold: &mut self.prefs.lag_threshold,
            review_date: &mut self.prefs.review_date,
            last_server: &self.prefs.last_server,
        };
        let default_copy = offline_copy_in(&super::exchange::default_dir()).display().to_string();
        let session = SessionState {
            db_label: &self.session.label,
            on_server: self.session.login.is_some(),
            connecting: self.tasks.connecting.running(),
            checking_out: self.tasks.checking_out.running(),
            default_copy: &default_copy,
            archived: self.snapshot.plan.archived,
        };
        self.windows.settings.show(ctx, &mut prefs, &session, self.prefs.lang, cmds);
    }
}

/// The offline copy's file when none is typed: 台账离线副本.db in `dir`.
pub(super) fn offline_copy_in(dir: &Path) -> std::path::PathBuf {
    dir.join("台账离线副本.db")
}
