//! Commands the views emit, and the one place that applies them.

use crate::domain::{Filter, SortColumn, SortOrder};

use super::TaizhangApp;
use crate::ui::command::{Command, Screen};
use crate::ui::i18n::Lang;

impl TaizhangApp {
    /// Applies one command.
    pub(super) fn apply(&mut self, command: Command) {
        if (self.tasks.job.is_some() || !self.tasks.queued.is_empty()) && super::work::waits_for_jobs(&command) {
            self.tasks.queued.push(command);
            return;
        }
        match command {
            Command::Select(id) => self.request_select(id),
            Command::ConfirmDiscard(discard) => self.confirm_discard(discard),
            Command::MoveSelection(delta) => self.move_selection(delta),
            Command::SortBy(column) => self.sort_by(column),
            Command::SetLanguage(lang) => self.prefs.lang = lang,
            Command::ClearFilters => self.prefs.filter = Filter::default(),
            Command::FocusSearch => self.filters.panel.focus_search = true,
            Command::SaveReport { input, confirm_over_target } => self.save_report(&input, confirm_over_target),
            Command::SaveProject { id, fields } => self.save_project(id, &fields),
            Command::SetInBin { id, in_bin } => self.set_in_bin(id, in_bin),
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::BackupNow => self.backup_now(),
            Command::Restore(path) => self.restore(&path),
            Command::Open(dialog) => self.open_dialog(dialog),
            Command::AddProject => self.add_project(),
            Command::ApplyImport { skip_bad } => self.apply_import(skip_bad),
            Command::SetScreen(screen) => self.main.screen = screen,
            Command::DrillPlace(place) => self.drill(Filter { places: vec![place], ..self.prefs.filter.clone() }),
            Command::DrillCategory(code) => self.drill(Filter { categories: vec![code], ..self.prefs.filter.clone() }),
            Command::DrillBack => {
                if let Some(filter) = self.main.drill_back.take() {
                    self.prefs.filter = filter;
                    self.main.screen = Screen::Charts;
                }
            }
            Command::Present(on) => self.present(on),
            Command::Sync => self.start_sync(),
            Command::ShowConflicts(open) => self.windows.conflicts_open = open,
            Command::TakeMine(index) => self.take_mine(index),
            Command::ClearConflicts => self.clear_conflicts(),
            Command::ConnectServer => self.connect_server(),
            Command::CheckOut => self.start_checkout(),
            Command::QueryHistory => self.query_history(),
            Command::Exchange(action) => self.exchange_action(action),
            Command::CancelTask(kind) => self.cancel_task(kind),
            Command::SaveView(name) => {
                let (filter, charts, slides) =
                    (self.prefs.filter.clone(), self.main.screen == Screen::Charts, self.prefs.slides.clone());
                self.change_views(move |db| db.save_view(&name, &filter, charts, &slides).map(|()| name));
            }
            Command::RecallView(id) => {
                if let Some(v) = self.filters.views.iter().find(|v| v.id == id).cloned() {
                    self.prefs.filter = v.filter;
                    self.prefs.slides = v.slides;
                    self.main.screen = if v.charts { Screen::Charts } else { Screen::Table };
                    self.note(v.name);
                }
            }
            Command::SavePng(slide) => self.presentation.png_request = Some(slide),
            Command::SwitchPlan(id) => self.switch_plan(id),
            Command::PickPlanFile => self.pick_plan_file(),
            Command::ReadPlanFile => self.read_plan_file(),
            Command::RemapLedger(mapping) => self.remap_ledger(*mapping),
            Command::SaveLedgerMapping => self.save_ledger_mapping(),
            Command::SetPlaceParent { place, parent } => self.set_place_parent(&place, &parent),
            Command::CountAtPeriodEnd(at_end) => self.answer_period_over(at_end),
            Command::SetProblemStatus { id, status, note } => self.set_problem_status(id, status, &note),
            Command::CloseMonth(month) => self.close_month(month),
            Command::SetLightRules(rules) => self.set_light_rules(*rules),
            Command::CommitPlan => self.commit_plan(),
            Command::ReadPlanUpdate => self.read_plan_update(),
            Command::ApplyPlanUpdate => self.apply_plan_update(),
            Command::ArchivePlan { id, archive } => {
                let what = self.prefs.lang.tr("正在保存", "Saving");
                self.write_job(
                    what,
                    move |db| db.set_archived(id, archive),
                    |app, outcome| {
                        if let Err(e) = outcome {
                            app.fail(&e);
                        }
                    },
                );
            }
            Command::DeleteView(id) => self.change_views(move |db| db.delete_view(id).map(|()| String::new())),
            Command::Slide(delta) => {
                let kinds = self.prefs.slides.clone();
                let count = crate::domain::slides(&self.chart_data(), &kinds).len();
                if let Some(slide) = &mut self.presentation.slide {
                    *slide = slide.saturating_add_signed(delta).min(count.saturating_sub(1));
                }
            }
        }
    }

    /// Saves or deletes a view on a worker (`change` gives the name to announce, or ""), then
    /// shows the plan's views as they are now.
    fn change_views(
        &mut self,
        change: impl FnOnce(&crate::db::Db) -> Result<String, crate::db::DbError> + Send + 'static,
    ) {
        let what = self.prefs.lang.tr("正在保存", "Saving");
        self.run_job(
            what,
            false,
            |db, _| change(db).and_then(|name| Ok((name, db.views()?))),
            |app, outcome| match outcome {
                Ok((name, views)) => {
                    app.filters.views = views;
                    if !name.is_empty() {
                        app.note(format!("{}: {name}", app.prefs.lang.texts().save_view));
                    }
                }
                Err(e) => app.fail(&e),
            },
        );
    }

    /// 月度结账 on a worker. Not on the undo stack: a closing is corrected by closing again.
    fn close_month(&mut self, month: crate::domain::Period) {
        let reviewer = self.prefs.reviewer.clone();
        let what = self.prefs.lang.texts().close_month;
        self.write_job(
            what,
            move |db| db.close_month(month, &reviewer),
            move |app, outcome| match outcome {
                Ok(closed) => {
                    let t = app.prefs.lang.texts();
                    app.note(format!("{month} {} ({} → #{})", t.month_closed_done, closed.changed, closed.changeset));
                }
                Err(e) => app.fail(&e),
            },
        );
    }

    fn set_light_rules(&mut self, rules: crate::domain::LightRules) {
        let plan = self.snapshot.plan.id;
        let what = self.prefs.lang.tr("正在保存", "Saving");
        self.write_job(
            what,
            {
                let rules = rules.clone();
                move |db| db.set_light_rules(plan, &rules)
            },
            move |app, outcome| match outcome {
                Ok(()) => {
                    app.windows.settings.rules = Some(app.snapshot.portfolio.rules.with_every_measure());
                    let t = app.prefs.lang.texts();
                    app.note(format!("{}: {}", t.light_rules_set, rules.name));
                }
                Err(e) => app.fail(&e),
            },
        );
    }

    /// Shows plan `id`: the filter starts afresh (places and boxes are the plan's own), the
    /// selection and a drill-down are dropped. An open draft must be saved or discarded first.
    pub(super) fn switch_plan(&mut self, id: i64) {
        if self.main.editor.is_dirty() {
            self.fail(&self.prefs.lang.texts().finish_draft_first);
            return;
        }
        // A review date chosen for another plan's period is not this one's.
        let plan = self.snapshot.plans.iter().find(|p| p.id == id);
        if let (Some(date), Some(plan)) = (self.prefs.review_date, plan)
            && !(plan.start_year..=plan.end_year).contains(&date.year)
        {
            self.prefs.review_date = None;
        }
        self.prefs.filter = Filter::default();
        self.main.drill_back = None;
        self.reset_exchange_for_plan();
        self.select_now(None);
        let what = self.prefs.lang.tr("正在读取", "Loading");
        // A plan's saved views are its own: the load reads them with it.
        self.write_job(
            what,
            move |db| db.work_on_plan(id),
            |app, outcome| match outcome {
                Ok(()) => {
                    app.presentation.title_request = true;
                    let t = app.prefs.lang.texts();
                    app.note(format!("{}: {}", t.plan_switched, app.snapshot.plan.title));
                }
                Err(e) => app.fail(&e),
            },
        );
    }

    fn set_place_parent(&mut self, place: &str, parent: &str) {
        let (plan, place, parent) = (self.snapshot.plan.clone(), place.to_string(), parent.to_string());
        let what = self.prefs.lang.tr("正在保存", "Saving");
        self.write_job(
            what,
            {
                let (place, parent) = (place.clone(), parent.clone());
                move |db| db.set_place_parent(&plan, &place, &parent)
            },
            move |app, outcome| match outcome {
                Ok(()) => {
                    let t = app.prefs.lang.texts();
                    app.note(format!("{}: {place} → {parent}", t.place_moved));
                }
                Err(e) => app.fail(&e),
            },
        );
    }

    fn set_problem_status(&mut self, id: i64, status: crate::domain::ProblemStatus, note: &str) {
        let day = crate::domain::now_text().chars().take(10).collect::<String>();
        let (note, reviewer) = (note.to_string(), self.prefs.reviewer.clone());
        let what = self.prefs.lang.tr("正在保存", "Saving");
        self.write_job(
            what,
            move |db| db.set_problem_status(id, status, &note, &day, &reviewer),
            move |app, outcome| match outcome {
                Ok(changeset) => {
                    if changeset > 0 {
                        app.history.push(changeset);
                    }
                    let t = app.prefs.lang.texts();
                    let word = if app.prefs.lang == Lang::Zh { status.label_zh() } else { status.label_en() };
                    app.note(format!("{} #{id}: {word}", t.problem_set));
                }
                Err(e) => app.fail(&e),
            },
        );
    }

    fn drill(&mut self, filter: Filter) {
        self.main.drill_back = Some(std::mem::replace(&mut self.prefs.filter, filter));
        self.main.screen = Screen::Table;
    }

    fn present(&mut self, on: bool) {
        self.presentation.slide = on.then_some(0);
        self.presentation.fullscreen_request = Some(on);
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
        let current = self.main.selected.and_then(|id| rows.iter().position(|&i| projects[i].id == id));
        let next = match current {
            Some(pos) => pos.saturating_add_signed(delta).min(rows.len() - 1),
            None if delta < 0 => rows.len() - 1,
            None => 0,
        };
        let id = projects[rows[next]].id;
        self.main.table.scroll_to = Some(next);
        self.request_select(Some(id));
    }
}
