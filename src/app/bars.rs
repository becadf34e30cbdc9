//! What the bars around the main screen are told (they are drawn by `ui::bars`), the
//! period-over bar, and the keyboard shortcuts of the action table.

use crate::domain::Period;
use crate::ui::bars::{StatusBar, TopBar};
use crate::ui::i18n::Lang;

use super::TaizhangApp;
use crate::ui::command::{Action, Command};

impl TaizhangApp {
    /// The top bar: the plan, the screens, the actions, the sync, the language.
    pub(super) fn top_bar_ui(&self, ui: &mut egui::Ui, cmds: &mut Vec<Command>) {
        let can = |action| self.can(action);
        let bar = TopBar {
            snapshot: &self.snapshot,
            screen: self.main.screen,
            drilled: self.main.drill_back.is_some(),
            can: &can,
            offline: self.session.offline.as_deref(),
            syncing: self.syncing(),
            conflicts: self.session.conflicts.len(),
            lang: self.prefs.lang,
        };
        bar.ui(ui, cmds);
    }

    /// The status bar: the running job, a lost connection, the figures, the last message.
    pub(super) fn status_bar_ui(&self, ui: &mut egui::Ui, cmds: &mut Vec<Command>) {
        let bar = StatusBar {
            snapshot: &self.snapshot,
            db_label: &self.session.label,
            jobs: self.tasks.running(self.prefs.lang),
            connection_lost: self.session.connection_lost.as_deref(),
            shown: self.view.rows.len(),
            lagging: self.view.lagging,
            lights: self.view.lights,
            totals: &self.view.totals,
            review: self.review_date(),
            message: self.message.as_ref(),
            lang: self.prefs.lang,
        };
        bar.ui(ui, cmds);
    }

    /// The last month of the plan's period, when the period is over, the review date is today
    /// and the reviewer has not yet said which to count 序时进度 at (every unfinished project
    /// would show 滞后 otherwise).
    pub(super) fn period_over(&self) -> Option<Period> {
        let plan = &self.snapshot.plan;
        // Nothing to say before the first load is in.
        if self.snapshot.plans.is_empty() {
            return None;
        }
        let end = Period::new(plan.end_year, 12)?;
        (self.prefs.review_date.is_none()
            && Period::today() > end
            && !self.prefs.period_end_answered.contains(&plan.id))
        .then_some(end)
    }

    /// The answer: count at the period's end (true) or today.
    pub(super) fn answer_period_over(&mut self, at_end: bool) {
        if let Some(end) = self.period_over() {
            if at_end {
                self.prefs.review_date = Some(end);
            }
            self.prefs.period_end_answered.push(self.snapshot.plan.id);
        }
    }

    /// Whether an action can be taken now (its button is greyed out and its shortcut does
    /// nothing otherwise).
    pub(super) fn can(&self, action: Action) -> bool {
        match action {
            Action::Undo => !self.history.undo.is_empty(),
            Action::Redo => !self.history.redo.is_empty(),
            Action::Present => self.presentation.slide.is_none(),
            Action::Save => self.main.selected.is_some() && !self.snapshot.plan.archived,
            Action::AddProject => !self.snapshot.plan.archived,
            _ => true,
        }
    }

    /// Keyboard shortcuts that act on the whole window. Undo, redo and the arrow keys act on
    /// the portfolio only while no text field has focus (a text field has its own).
    pub(super) fn shortcuts(&mut self, ctx: &egui::Context, cmds: &mut Vec<Command>) {
        // Undo and redo belong to a text field while one has focus; the rest work everywhere.
        let focused = ctx.memory(|m| m.focused().is_some());
        let pressed: Vec<Action> = ctx.input_mut(|i| {
            Action::ALL
                .into_iter()
                .filter(|a| !(focused && matches!(a, Action::Undo | Action::Redo)))
                .filter(|a| a.shortcut().is_some_and(|s| i.consume_shortcut(&s)))
                .collect()
        });
        if self.presentation.slide.is_some() {
            return; // The slides take the keys.
        }
        for action in pressed {
            if !self.can(action) {
                continue;
            }
            match action {
                Action::Save => {
                    if let Some(project) = self.main.selected.and_then(|id| self.project(id)).cloned() {
                        self.main.editor.save(&self.snapshot, &project, Period::today(), cmds);
                    }
                }
                _ => cmds.extend(action.command()),
            }
        }
        if focused {
            return;
        }
        ctx.input_mut(|i| {
            let page = 20;
            for (key, delta) in [
                (egui::Key::ArrowDown, 1),
                (egui::Key::ArrowUp, -1),
                (egui::Key::PageDown, page),
                (egui::Key::PageUp, -page),
            ] {
                if i.consume_key(egui::Modifiers::NONE, key) {
                    cmds.push(Command::MoveSelection(delta));
                }
            }
            if i.consume_key(egui::Modifiers::NONE, egui::Key::Escape) {
                cmds.push(Command::Select(None));
            }
        });
    }
}

/// The banner over the main screen once a plan's period is over: every unfinished project
/// would show 滞后 counted at today, so the reviewer is asked once which month to count at.
pub(super) fn period_over_ui(ui: &mut egui::Ui, end: Period, today: Period, lang: Lang, cmds: &mut Vec<Command>) {
    let t = lang.texts();
    ui.horizontal_wrapped(|ui| {
        let text = t.period_over.replace("{year}", &end.year.to_string()).replace("{today}", &today.to_string());
        ui.colored_label(ui.visuals().warn_fg_color, text);
        if ui.button(t.count_at_end.replace("{end}", &end.to_string())).clicked() {
            cmds.push(Command::CountAtPeriodEnd(true));
        }
        if ui.button(t.count_at_today).clicked() {
            cmds.push(Command::CountAtPeriodEnd(false));
        }
    });
}
