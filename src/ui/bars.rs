//! The bars around the main screen: the top bar (plan, screens, actions, sync, language) and
//! the status bar (the running job, a lost connection, the figures of the rows shown, the last
//! message, the database). Each is told what it shows and pushes commands.

use std::time::Instant;

use crate::db::Snapshot;
use crate::domain::{Dataset, Light, Period, UnitTotal};
use crate::ui::command::{Action, Command, Screen};
use crate::ui::i18n::Lang;
use crate::ui::table::quantity;

/// A spinner that turns ten times a second rather than at every frame it can: a long read
/// runs beside it, and a window drawn without a pause (in software, on a machine without a
/// graphics card) took half of two cores from it (issue 28).
fn slow_spinner(ui: &mut egui::Ui) {
    let size = ui.style().spacing.interact_size.y;
    let (rect, response) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    response.widget_info(|| egui::WidgetInfo::new(egui::Role::ProgressIndicator));
    if !ui.is_rect_visible(rect) {
        return;
    }
    let step = std::time::Duration::from_millis(100);
    ui.ctx().request_repaint_after(step);
    // The arc egui's spinner draws, at a tenth of a second's steps.
    let time = (ui.input(|i| i.time) / step.as_secs_f64()).floor() * step.as_secs_f64();
    let radius = rect.height().min(rect.width()) * 0.5 - 2.0;
    let start = time * std::f64::consts::TAU;
    let end = start + 240f64.to_radians() * time.sin();
    let n = 16;
    let points: Vec<egui::Pos2> = (0..n)
        .map(|k| {
            let angle = start + (end - start) * f64::from(k) / f64::from(n);
            let (sin, cos) = angle.sin_cos();
            rect.center() + radius * egui::vec2(cos as f32, sin as f32)
        })
        .collect();
    ui.painter().add(egui::Shape::line(points, egui::Stroke::new(3.0, ui.visuals().strong_text_color())));
}

/// What the top bar shows.
pub struct TopBar<'a> {
    pub snapshot: &'a Snapshot,
    pub screen: Screen,
    /// A chart drill-down can be gone back from.
    pub drilled: bool,
    /// Whether an action can be taken now (its button is greyed out otherwise).
    pub can: &'a dyn Fn(Action) -> bool,
    /// The server this file is an offline copy of, whether it is syncing, and the conflicts
    /// of its syncs.
    pub offline: Option<&'a str>,
    pub syncing: bool,
    pub conflicts: usize,
    pub lang: Lang,
}

impl TopBar<'_> {
    /// Draws the bar.
    pub fn ui(&self, ui: &mut egui::Ui, cmds: &mut Vec<Command>) {
        let t = self.lang.texts();
        ui.horizontal_wrapped(|ui| {
            ui.heading(t.app_title);
            crate::ui::plan_switcher::plan_switcher_ui(ui, &self.snapshot.plans, &self.snapshot.plan, self.lang, cmds);
            if self.snapshot.dataset == Dataset::Demo {
                let badge = egui::RichText::new(format!(" {} ", t.demo_badge))
                    .strong()
                    .color(egui::Color32::WHITE)
                    .background_color(egui::Color32::from_rgb(190, 30, 30));
                ui.label(badge).on_hover_text(t.demo_tooltip);
            }
            ui.separator();
            for (screen, label) in [(Screen::Table, t.screen_table), (Screen::Charts, t.screen_charts)] {
                if ui.selectable_label(self.screen == screen, label).clicked() {
                    cmds.push(Command::SetScreen(screen));
                }
            }
            let present = Action::Present;
            if ui.button(present.hint(ui.ctx(), self.lang)).clicked() {
                cmds.push(Command::Present(true));
            }
            if self.drilled && ui.button(t.drill_back).clicked() {
                cmds.push(Command::DrillBack);
            }
            ui.separator();
            let lang = self.lang;
            for action in [Action::Undo, Action::Redo].into_iter().chain(Action::WINDOWS) {
                let button = egui::Button::new(action.label(lang));
                if ui.add_enabled((self.can)(action), button).on_hover_text(action.hint(ui.ctx(), lang)).clicked()
                    && let Some(command) = action.command()
                {
                    cmds.push(command);
                }
            }
            if let Some(server) = self.offline {
                ui.separator();
                let lang = self.lang;
                if self.syncing {
                    ui.spinner();
                    ui.label(lang.tr("正在同步…", "Syncing…"));
                } else if ui
                    .button(lang.tr("同步", "Sync"))
                    .on_hover_text(format!(
                        "{} {server}",
                        lang.tr("离线副本,与服务器同步:", "Offline copy; sync with:")
                    ))
                    .clicked()
                {
                    cmds.push(Command::Sync);
                }
                if self.conflicts > 0 {
                    let label = format!("{} ({})", lang.tr("同步冲突", "Sync conflicts"), self.conflicts);
                    if ui.button(egui::RichText::new(label).color(ui.visuals().warn_fg_color)).clicked() {
                        cmds.push(Command::ShowConflicts(true));
                    }
                }
            }
            // Inline, not right-aligned, so a narrow window wraps the bar instead of overlapping it.
            ui.separator();
            for (lang, label) in [(Lang::Zh, "中文"), (Lang::En, "English")] {
                if ui.selectable_label(self.lang == lang, label).clicked() {
                    cmds.push(Command::SetLanguage(lang));
                }
            }
        });
    }
}

/// Work running off the window's thread, as the status bar shows it.
pub struct JobShown<'a> {
    /// What it does (正在保存, Saving).
    pub what: &'a str,
    pub started: Instant,
    /// The part done, where it is known.
    pub fraction: Option<f32>,
    /// What 取消 asks for, where it is offered.
    pub cancel: Option<Command>,
    /// The commands waiting for it.
    pub waiting: usize,
}

/// What the status bar shows.
pub struct StatusBar<'a> {
    pub snapshot: &'a Snapshot,
    pub db_label: &'a str,
    /// Everything running (the database job first).
    pub jobs: Vec<JobShown<'a>>,
    /// Why the connection to the server is lost, while it is.
    pub connection_lost: Option<&'a str>,
    /// The rows shown, those lagging, their lights in [`Light::ALL`] order, and their totals.
    pub shown: usize,
    pub lagging: usize,
    pub lights: [usize; 4],
    pub totals: &'a [UnitTotal],
    pub review: Period,
    /// The last outcome: text and whether it is an error.
    pub message: Option<&'a (String, bool)>,
    pub lang: Lang,
}

impl StatusBar<'_> {
    /// Draws the bar; `cmds` gets 取消 of running work.
    pub fn ui(&self, ui: &mut egui::Ui, cmds: &mut Vec<Command>) {
        let t = self.lang.texts();
        let total = self.snapshot.portfolio.projects.len();
        // The database at the right end, whole; the figures fill the rest from the left and the
        // last of them is cut short (with the whole text on hover) rather than run under it.
        let db = egui::RichText::new(format!("{}: {}", t.database, self.db_label)).weak();
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(db).on_hover_text(crate::ui::command::shortcut_help(ui.ctx(), self.lang));
            ui.separator();
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| self.figures_ui(ui, total, cmds));
        });
    }

    fn figures_ui(&self, ui: &mut egui::Ui, total: usize, cmds: &mut Vec<Command>) {
        let t = self.lang.texts();
        for job in &self.jobs {
            // A quick read (a selection on a file) comes and goes without the bar flickering.
            let shown_after = std::time::Duration::from_millis(150);
            if job.started.elapsed() >= shown_after {
                ui.push_id(job.what, |ui| self.job_ui(ui, job, cmds));
                ui.separator();
            } else {
                ui.ctx().request_repaint_after(shown_after);
            }
        }
        if let Some(why) = self.connection_lost {
            let text = self
                .lang
                .tr(
                    "与服务器的连接已断开,正在重试;恢复前的修改不会保存。",
                    "The connection to the server is lost; retrying. Changes cannot be saved until it is back.",
                )
                .to_string();
            ui.colored_label(ui.visuals().error_fg_color, text).on_hover_text(why);
            ui.separator();
        }
        {
            if self.snapshot.dataset == Dataset::Demo {
                ui.colored_label(egui::Color32::from_rgb(190, 30, 30), t.demo_badge);
                ui.separator();
            }
            ui.label(format!("{} {} / {} {}", t.shown, self.shown, t.of_total, total));
            ui.separator();
            let lag_text = format!("{} {} · {}", t.lagging, self.lagging, self.review);
            if self.lagging > 0 {
                ui.colored_label(ui.visuals().warn_fg_color, lag_text);
            } else {
                ui.label(lag_text);
            }
            ui.separator();
            let lang = self.lang;
            let counts: Vec<String> = [Light::Red, Light::Yellow, Light::Green, Light::Grey]
                .iter()
                .map(|&l| {
                    let n = self.lights[Light::ALL.iter().position(|&x| x == l).unwrap_or_default()];
                    format!("{} {n}", if lang == Lang::Zh { l.label_zh() } else { l.label_en() })
                })
                .collect();
            ui.label(counts.join(" · ")).on_hover_text(&self.snapshot.portfolio.rules.name);
            if !self.totals.is_empty() {
                ui.separator();
                let sums: Vec<String> =
                    self.totals.iter().map(|s| format!("{} {} ({})", quantity(s.target), s.unit, s.rows)).collect();
                ui.add(egui::Label::new(format!("{}: {}", t.totals, sums.join(" · "))).truncate());
            }
            if let Some((message, is_error)) = self.message {
                ui.separator();
                let text = if *is_error {
                    egui::RichText::new(message.as_str()).color(ui.visuals().error_fg_color)
                } else {
                    egui::RichText::new(message.as_str())
                };
                ui.add(egui::Label::new(text).truncate());
            }
        }
    }

    /// The job running on a worker: what it is, how far it has got where that is known, how
    /// long it has taken once that is more than a moment, and 取消 where stopping loses nothing.
    fn job_ui(&self, ui: &mut egui::Ui, job: &JobShown<'_>, cmds: &mut Vec<Command>) {
        let lang = self.lang;
        // Where the bar says how far the work has got, it alone moves (a few times a second).
        if job.fraction.is_none() {
            slow_spinner(ui);
        }
        let waited = job.started.elapsed().as_secs();
        let text = if waited >= 2 { format!("{}… {waited} s", job.what) } else { format!("{}…", job.what) };
        ui.label(text);
        if let Some(fraction) = job.fraction {
            ui.add(egui::ProgressBar::new(fraction).desired_width(90.0).show_percentage());
            ui.ctx().request_repaint_after(std::time::Duration::from_millis(250));
        }
        if let Some(cancel) = &job.cancel
            && ui.small_button(lang.tr("取消", "Cancel")).clicked()
        {
            cmds.push(cancel.clone());
        }
        if job.waiting > 0 {
            let waiting = job.waiting;
            ui.weak(lang.tr(&format!("另有 {waiting} 项操作待执行"), &format!("{waiting} more waiting")));
        }
    }
}
