//! The bars around the main screen: the top bar (plan, screens, actions, language), the
//! period-over bar, the status bar, and the keyboard shortcuts of the action table.

use crate::domain::{Dataset, Light, Period};
use crate::ui::i18n::Lang;
use crate::ui::table::quantity;

use super::TaizhangApp;
use crate::ui::command::{Action, Command, Screen};

impl TaizhangApp {
    pub(super) fn top_bar_ui(&self, ui: &mut egui::Ui, cmds: &mut Vec<Command>) {
        let t = self.prefs.lang.texts();
        ui.horizontal_wrapped(|ui| {
            ui.heading(t.app_title);
            crate::ui::plan_switcher::plan_switcher_ui(
                ui,
                &self.snapshot.plans,
                &self.snapshot.plan,
                self.prefs.lang,
                cmds,
            );
            if self.snapshot.dataset == Dataset::Demo {
                let badge = egui::RichText::new(format!(" {} ", t.demo_badge))
                    .strong()
                    .color(egui::Color32::WHITE)
                    .background_color(egui::Color32::from_rgb(190, 30, 30));
                ui.label(badge).on_hover_text(t.demo_tooltip);
            }
            ui.separator();
            for (screen, label) in [(Screen::Table, t.screen_table), (Screen::Charts, t.screen_charts)] {
                if ui.selectable_label(self.main.screen == screen, label).clicked() {
                    cmds.push(Command::SetScreen(screen));
                }
            }
            let present = Action::Present;
            if ui.button(present.hint(ui.ctx(), self.prefs.lang)).clicked() {
                cmds.push(Command::Present(true));
            }
            if self.main.drill_back.is_some() && ui.button(t.drill_back).clicked() {
                cmds.push(Command::DrillBack);
            }
            ui.separator();
            let lang = self.prefs.lang;
            for action in [Action::Undo, Action::Redo].into_iter().chain(Action::WINDOWS) {
                let button = egui::Button::new(action.label(lang));
                if ui.add_enabled(self.can(action), button).on_hover_text(action.hint(ui.ctx(), lang)).clicked()
                    && let Some(command) = action.command()
                {
                    cmds.push(command);
                }
            }
            if let Some(server) = &self.session.offline {
                ui.separator();
                let lang = self.prefs.lang;
                if self.syncing() {
                    ui.spinner();
                    ui.label(lang.pick("正在同步… / Syncing…"));
                } else if ui
                    .button(lang.pick("同步 / Sync"))
                    .on_hover_text(format!(
                        "{} {server}",
                        lang.pick("离线副本,与服务器同步: / Offline copy; sync with:")
                    ))
                    .clicked()
                {
                    cmds.push(Command::Sync);
                }
                if !self.session.conflicts.is_empty() {
                    let label =
                        format!("{} ({})", lang.pick("同步冲突 / Sync conflicts"), self.session.conflicts.len());
                    if ui.button(egui::RichText::new(label).color(ui.visuals().warn_fg_color)).clicked() {
                        cmds.push(Command::ShowConflicts(true));
                    }
                }
            }
            // Inline, not right-aligned, so a narrow window wraps the bar instead of overlapping it.
            ui.separator();
            for (lang, label) in [(Lang::Zh, "中文"), (Lang::En, "English")] {
                if ui.selectable_label(self.prefs.lang == lang, label).clicked() {
                    cmds.push(Command::SetLanguage(lang));
                }
            }
        });
    }

    pub(super) fn status_bar_ui(&self, ui: &mut egui::Ui) {
        let t = self.prefs.lang.texts();
        let total = self.snapshot.portfolio.projects.len();
        // The database at the right end, whole; the figures fill the rest from the left and the
        // last of them is cut short (with the whole text on hover) rather than run under it.
        let db = egui::RichText::new(format!("{}: {}", t.database, self.session.label)).weak();
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(db).on_hover_text(crate::ui::command::shortcut_help(ui.ctx(), self.prefs.lang));
            ui.separator();
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| self.status_figures_ui(ui, total));
        });
    }

    fn status_figures_ui(&self, ui: &mut egui::Ui, total: usize) {
        let t = self.prefs.lang.texts();
        if let Some(job) = &self.tasks.job {
            // A quick read (a selection on a file) comes and goes without the bar flickering.
            let shown_after = std::time::Duration::from_millis(150);
            if job.started.elapsed() >= shown_after {
                self.job_ui(ui, job);
                ui.separator();
            } else {
                ui.ctx().request_repaint_after(shown_after);
            }
        }
        if let Some(why) = &self.session.connection_lost {
            let text = self.prefs.lang.pick(
                "与服务器的连接已断开,正在重试;恢复前的修改不会保存。 / The connection to the server is lost; retrying. Changes cannot be saved until it is back.",
            );
            ui.colored_label(ui.visuals().error_fg_color, text).on_hover_text(why);
            ui.separator();
        }
        {
            if self.snapshot.dataset == Dataset::Demo {
                ui.colored_label(egui::Color32::from_rgb(190, 30, 30), t.demo_badge);
                ui.separator();
            }
            ui.label(format!("{} {} / {} {}", t.shown, self.view.rows.len(), t.of_total, total));
            ui.separator();
            let lag_text = format!("{} {} · {}", t.lagging, self.view.lagging, self.review_date());
            if self.view.lagging > 0 {
                ui.colored_label(ui.visuals().warn_fg_color, lag_text);
            } else {
                ui.label(lag_text);
            }
            ui.separator();
            let lang = self.prefs.lang;
            let counts: Vec<String> = [Light::Red, Light::Yellow, Light::Green, Light::Grey]
                .iter()
                .map(|&l| {
                    let n = self.view.lights[Light::ALL.iter().position(|&x| x == l).unwrap_or_default()];
                    format!("{} {n}", if lang == Lang::Zh { l.label_zh() } else { l.label_en() })
                })
                .collect();
            ui.label(counts.join(" · ")).on_hover_text(&self.snapshot.portfolio.rules.name);
            if !self.view.totals.is_empty() {
                ui.separator();
                let sums: Vec<String> = self
                    .view
                    .totals
                    .iter()
                    .map(|s| format!("{} {} ({})", quantity(s.target), s.unit, s.rows))
                    .collect();
                ui.add(egui::Label::new(format!("{}: {}", t.totals, sums.join(" · "))).truncate());
            }
            if let Some((message, is_error)) = &self.message {
                ui.separator();
                let message = self.prefs.lang.pick(message);
                let text = if *is_error {
                    egui::RichText::new(message).color(ui.visuals().error_fg_color)
                } else {
                    egui::RichText::new(message)
                };
                ui.add(egui::Label::new(text).truncate());
            }
        }
    }

    /// The job running on a worker: what it is, how far it has got where that is known, how
    /// long it has taken once that is more than a moment, and 取消 where stopping loses nothing.
    fn job_ui(&self, ui: &mut egui::Ui, job: &super::work::Job) {
        let lang = self.prefs.lang;
        ui.spinner();
        let waited = job.started.elapsed().as_secs();
        let text = if waited >= 2 { format!("{}… {waited} s", job.what) } else { format!("{}…", job.what) };
        ui.label(text);
        if let Some(fraction) = job.progress.fraction() {
            ui.add(egui::ProgressBar::new(fraction).desired_width(90.0).show_percentage());
        }
        if job.cancellable && ui.small_button(lang.pick("取消 / Cancel")).clicked() {
            self.cancel_job();
        }
        if !self.tasks.queued.is_empty() {
            let waiting = self.tasks.queued.len();
            ui.weak(lang.pick(&format!("另有 {waiting} 项操作待执行 / {waiting} more waiting")));
        }
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
