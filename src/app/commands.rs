//! Commands the views emit, and the one place that applies them.

use crate::domain::{Filter, SortColumn, SortOrder};

use super::TaizhangApp;
use crate::ui::command::{Command, Screen};
use crate::ui::i18n::Lang;

impl TaizhangApp {
    /// Applies one command.
    pub(super) fn apply(&mut self, command: Command) {
        match command {
            Command::Select(id) => self.request_select(id),
            Command::ConfirmDiscard(discard) => self.confirm_discard(discard),
            Command::MoveSelection(delta) => self.move_selection(delta),
            Command::SortBy(column) => self.sort_by(column),
            Command::SetLanguage(lang) => self.prefs.lang = lang,
            Command::ClearFilters => self.prefs.filter = Filter::default(),
            Command::FocusSearch => self.filter_panel.focus_search = true,
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
            Command::SetScreen(screen) => self.screen = screen,
            Command::DrillPlace(place) => self.drill(Filter { places: vec![place], ..self.prefs.filter.clone() }),
            Command::DrillCategory(code) => self.drill(Filter { categories: vec![code], ..self.prefs.filter.clone() }),
            Command::DrillBack => {
                if let Some(filter) = self.drill_back.take() {
                    self.prefs.filter = filter;
                    self.screen = Screen::Charts;
                }
            }
            Command::Present(on) => self.present(on),
            Command::Sync => self.start_sync(),
            Command::ShowConflicts(open) => self.conflicts_open = open,
            Command::SaveView(name) => {
                let result =
                    self.db.save_view(&name, &self.prefs.filter, self.screen == Screen::Charts, &self.prefs.slides);
                self.after_view_change(result, &name);
            }
            Command::RecallView(id) => {
                if let Some(v) = self.views.iter().find(|v| v.id == id).cloned() {
                    self.prefs.filter = v.filter;
                    self.prefs.slides = v.slides;
                    self.screen = if v.charts { Screen::Charts } else { Screen::Table };
                    self.note(v.name);
                }
            }
            Command::SavePng(slide) => self.png_request = Some(slide),
            Command::SwitchPlan(id) => self.switch_plan(id),
            Command::PickPlanFile => self.pick_plan_file(),
            Command::ReadPlanFile => self.read_plan_file(),
            Command::RemapLedger(mapping) => self.remap_ledger(*mapping),
            Command::SaveLedgerMapping => self.save_ledger_mapping(),
            Command::SetPlaceParent { place, parent } => self.set_place_parent(&place, &parent),
            Command::CountAtPeriodEnd(at_end) => self.answer_period_over(at_end),
            Command::SetProblemStatus { id, status, note } => self.set_problem_status(id, status, &note),
            Command::CloseMonth(month) => match self.db.close_month(month, &self.prefs.reviewer) {
                // Not on the undo stack: a closing is corrected by closing again.
                Ok(closed) => {
                    self.reload();
                    let t = self.prefs.lang.texts();
                    self.note(format!("{month} {} ({} → #{})", t.month_closed_done, closed.changed, closed.changeset));
                }
                Err(e) => self.fail(&e),
            },
            Command::SetLightRules(rules) => match self.db.set_light_rules(self.snapshot.plan.id, &rules) {
                Ok(()) => {
                    self.reload();
                    self.dialogs.rules = Some(self.snapshot.portfolio.rules.with_every_measure());
                    let t = self.prefs.lang.texts();
                    self.note(format!("{}: {}", t.light_rules_set, rules.name));
                }
                Err(e) => self.fail(&e),
            },
            Command::CommitPlan => self.commit_plan(),
            Command::ArchivePlan { id, archive } => match self.db.set_archived(id, archive) {
                Ok(()) => self.reload(),
                Err(e) => self.fail(&e),
            },
            Command::DeleteView(id) => {
                let result = self.db.delete_view(id);
                self.after_view_change(result, "");
            }
            Command::Slide(delta) => {
                let kinds = self.prefs.slides.clone();
                let count = crate::domain::slides(&self.chart_data(), &kinds).len();
                if let Some(slide) = &mut self.presenting {
                    *slide = slide.saturating_add_signed(delta).min(count.saturating_sub(1));
                }
            }
        }
    }

    fn after_view_change(&mut self, result: Result<(), crate::db::DbError>, name: &str) {
        match result.and_then(|()| self.db.views()) {
            Ok(views) => {
                self.views = views;
                if !name.is_empty() {
                    self.note(format!("{}: {name}", self.prefs.lang.texts().save_view));
                }
            }
            Err(e) => self.fail(&e),
        }
    }

    /// Shows plan `id`: the filter starts afresh (places and boxes are the plan's own), the
    /// selection and a drill-down are dropped. An open draft must be saved or discarded first.
    pub(super) fn switch_plan(&mut self, id: i64) {
        if self.editor.is_dirty() {
            self.fail(&self.prefs.lang.texts().finish_draft_first);
            return;
        }
        if let Err(e) = self.db.set_current_plan(id) {
            self.fail(&e);
            return;
        }
        self.prefs.filter = Filter::default();
        self.drill_back = None;
        // A review date chosen for another plan's period is not this one's.
        if let (Some(date), Ok(plan)) = (self.prefs.review_date, self.db.plan(id))
            && !(plan.start_year..=plan.end_year).contains(&date.year)
        {
            self.prefs.review_date = None;
        }
        self.reset_exchange_for_plan();
        self.select_now(None);
        self.reload();
        // A plan's saved views are its own.
        match self.db.views() {
            Ok(views) => self.views = views,
            Err(e) => self.fail(&e),
        }
        self.title_request = true;
        let t = self.prefs.lang.texts();
        self.note(format!("{}: {}", t.plan_switched, self.snapshot.plan.title));
    }

    fn set_place_parent(&mut self, place: &str, parent: &str) {
        match self.db.set_place_parent(&self.snapshot.plan, place, parent) {
            Ok(()) => {
                self.reload();
                let t = self.prefs.lang.texts();
                self.note(format!("{}: {place} → {parent}", t.place_moved));
            }
            Err(e) => self.fail(&e),
        }
    }

    fn set_problem_status(&mut self, id: i64, status: crate::domain::ProblemStatus, note: &str) {
        let day = crate::domain::now_text().chars().take(10).collect::<String>();
        match self.db.set_problem_status(id, status, note, &day, &self.prefs.reviewer) {
            Ok(changeset) => {
                if changeset > 0 {
                    self.undo_stack.push(changeset);
                    self.redo_stack.clear();
                }
                self.reload();
                let t = self.prefs.lang.texts();
                let word = if self.prefs.lang == Lang::Zh { status.label_zh() } else { status.label_en() };
                self.note(format!("{} #{id}: {word}", t.problem_set));
            }
            Err(e) => self.fail(&e),
        }
    }

    fn drill(&mut self, filter: Filter) {
        self.drill_back = Some(std::mem::replace(&mut self.prefs.filter, filter));
        self.screen = Screen::Table;
    }

    fn present(&mut self, on: bool) {
        self.presenting = on.then_some(0);
        self.fullscreen_request = Some(on);
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
        let id = projects[rows[next]].id;
        self.table.scroll_to = Some(next);
        self.request_select(Some(id));
    }
}
