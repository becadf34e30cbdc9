//! 设置: the reviewer's name, the lag threshold and the review date (preferences, edited in
//! place), the server to connect to and the offline copy, and the plan's light rules. The
//! window owns what is typed into it; connecting, checking out and applying the rules are
//! commands the app runs.

use crate::domain::{LightRules, Period};
use crate::ui::command::Command;
use crate::ui::i18n::Lang;

/// The server's address and password as typed, and where an offline copy goes.
#[derive(Default)]
pub struct ServerForm {
    pub url: String,
    pub password: String,
    pub copy_to: String,
}

impl std::fmt::Debug for ServerForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerForm").field("url", &self.url).finish_non_exhaustive()
    }
}

/// The settings window's state. What is typed into the server form stays while it is closed.
#[derive(Debug, Default)]
pub struct SettingsWindow {
    pub open: bool,
    /// The light rules being edited (every measure listed).
    pub rules: Option<LightRules>,
    /// 连接服务器.
    pub server: ServerForm,
}

/// The preferences the window edits in place.
pub struct SettingsPrefs<'a> {
    /// The name written into the history with every change.
    pub reviewer: &'a mut String,
    pub lag_threshold: &'a mut f64,
    pub review_date: &'a mut Option<Period>,
    /// The server last connected to, offered while the address is empty.
    pub last_server: &'a str,
}

/// What the window shows of the database worked on and the work on it.
pub struct SessionState<'a> {
    pub db_label: &'a str,
    /// The window works on a server: an offline copy can be made.
    pub on_server: bool,
    pub connecting: bool,
    pub checking_out: bool,
    /// Where the offline copy goes when no file is typed.
    pub default_copy: &'a str,
    /// The plan is archived: its rules cannot change.
    pub archived: bool,
}

impl SettingsWindow {
    /// Draws the window while it is open.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        prefs: &mut SettingsPrefs<'_>,
        session: &SessionState<'_>,
        lang: Lang,
        cmds: &mut Vec<Command>,
    ) {
        let t = lang.texts();
        let mut open = self.open;
        egui::Window::new(t.settings).open(&mut open).resizable(false).show(ctx, |ui| {
            egui::Grid::new("settings_grid").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
                ui.label(t.reviewer);
                ui.text_edit_singleline(&mut *prefs.reviewer).accessible_name(t.reviewer);
                ui.end_row();
                ui.label(t.lag_threshold);
                ui.add(egui::DragValue::new(&mut *prefs.lag_threshold).range(0.0..=100.0).speed(1.0).suffix(" %"))
                    .accessible_name(t.lag_threshold);
                ui.end_row();
                ui.label(t.review_date);
                let mut text = prefs.review_date.map(|p| p.to_string()).unwrap_or_default();
                let edit = ui
                    .add(egui::TextEdit::singleline(&mut text).hint_text(Period::today().to_string()))
                    .accessible_name(t.review_date);
                if edit.changed() {
                    // Only a complete, valid period replaces the setting; empty means this month.
                    if text.trim().is_empty() {
                        *prefs.review_date = None;
                    } else if let Some(p) = Period::parse(&text) {
                        *prefs.review_date = Some(p);
                    }
                }
                ui.end_row();
            });
            ui.separator();
            self.server.ui(ui, prefs.last_server, session, lang, cmds);
            ui.separator();
            if let Some(draft) = &mut self.rules {
                light_rules_ui(ui, draft, session.archived, lang, cmds);
            }
        });
        self.open = open;
    }
}

impl ServerForm {
    /// 连接服务器: the database the window works on, and a server to work on instead.
    fn ui(
        &mut self,
        ui: &mut egui::Ui,
        last_server: &str,
        session: &SessionState<'_>,
        lang: Lang,
        cmds: &mut Vec<Command>,
    ) {
        ui.strong(lang.tr("连接服务器", "Connect to a server"));
        ui.label(format!("{} {}", lang.tr("当前数据库:", "Database now:"), session.db_label));
        if self.url.is_empty() && !last_server.is_empty() {
            self.url = last_server.to_string();
        }
        let address = lang.tr("服务器地址", "Server address");
        let password = lang.tr("密码", "Password");
        egui::Grid::new("server_grid").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
            ui.label(address);
            ui.add(
                egui::TextEdit::singleline(&mut self.url)
                    .hint_text("postgres://zhangsan@192.168.1.20:5432/taizhang")
                    .desired_width(320.0),
            )
            .accessible_name(address);
            ui.end_row();
            ui.label(password);
            ui.add(egui::TextEdit::singleline(&mut self.password).password(true).desired_width(320.0))
                .accessible_name(password);
            ui.end_row();
        });
        ui.horizontal(|ui| {
            let connecting = session.connecting;
            if ui.add_enabled(!connecting, egui::Button::new(lang.tr("连接", "Connect"))).clicked() {
                cmds.push(Command::ConnectServer);
            }
            if connecting {
                ui.spinner();
                ui.label(lang.tr("正在连接…", "Connecting…"));
            }
        });
        if session.on_server {
            ui.add_space(6.0);
            ui.strong(lang.tr("离线副本", "Offline copy"));
            ui.label(lang.tr(
                "把服务器上的全部数据复制到本机文件,离线时照常工作,回到网络后“同步”。",
                "Copy everything on the server to a file on this computer, work on it offline, and sync when back.",
            ));
            let file = lang.tr("副本文件", "Copy's file");
            ui.horizontal(|ui| {
                ui.label(file);
                let hint = session.default_copy;
                ui.add(egui::TextEdit::singleline(&mut self.copy_to).hint_text(hint).desired_width(320.0))
                    .accessible_name(file);
            });
            ui.horizontal(|ui| {
                let busy = session.checking_out;
                if ui.add_enabled(!busy, egui::Button::new(lang.tr("制作离线副本", "Make the offline copy"))).clicked()
                {
                    cmds.push(Command::CheckOut);
                }
                if busy {
                    ui.spinner();
                    ui.label(lang.tr("正在复制…", "Copying…"));
                }
            });
        }
    }
}

/// The plan's light rules: a preset to start from, then each measure on or off with its yellow
/// and red thresholds; what is wrong with them is shown, and they apply only when right.
fn light_rules_ui(
    ui: &mut egui::Ui,
    draft: &mut crate::domain::LightRules,
    archived: bool,
    lang: Lang,
    cmds: &mut Vec<Command>,
) {
    use crate::domain::{LightRules, Measure, PRESETS};
    let t = lang.texts();
    let zh = lang == Lang::Zh;
    ui.strong(t.light_rules);
    ui.add(egui::Label::new(egui::RichText::new(t.light_rules_hint).weak()).wrap());
    if archived {
        ui.label(t.light_archived);
    }
    ui.add_enabled_ui(!archived, |ui| {
        ui.horizontal(|ui| {
            ui.label(t.light_preset);
            let mut preset: Option<&str> = None;
            egui::ComboBox::from_id_salt("light_preset")
                .selected_text(PRESETS.iter().find(|p| **p == draft.name).copied().unwrap_or("—"))
                .show_ui(ui, |ui| {
                    for p in PRESETS {
                        if ui.selectable_label(draft.name == p, p).clicked() {
                            preset = Some(p);
                        }
                    }
                })
                .response
                .accessible_name(t.light_preset);
            if let Some(rules) = preset.and_then(LightRules::preset) {
                *draft = rules.with_every_measure();
            }
            ui.label(t.light_name);
            ui.add(egui::TextEdit::singleline(&mut draft.name).desired_width(140.0)).accessible_name(t.light_name);
        });
        egui::Grid::new("light_rules_grid").num_columns(4).striped(true).show(ui, |ui| {
            ui.strong(t.light_measure);
            ui.strong(t.light_yellow);
            ui.strong(t.light_red);
            ui.label("");
            ui.end_row();
            for rule in &mut draft.rules {
                let m = rule.measure;
                let label = if zh { m.label_zh() } else { m.label_en() };
                let checkbox = ui.checkbox(&mut rule.on, label);
                // What the database does not hold yet: such a measure rates no project.
                if matches!(
                    m,
                    Measure::StartDelay | Measure::RegistrationDelay | Measure::Escalation | Measure::Investment
                ) {
                    checkbox.on_hover_text(t.light_no_data);
                }
                let unit = if zh { m.unit_zh() } else { m.unit_en() };
                if m.uses_yellow() {
                    ui.add(egui::DragValue::new(&mut rule.yellow).speed(1.0).suffix(format!(" {unit}")))
                        .accessible_name(format!("{label} {}", t.light_yellow));
                } else {
                    ui.label("—");
                }
                ui.add(egui::DragValue::new(&mut rule.red).speed(1.0).suffix(format!(" {unit}")))
                    .accessible_name(format!("{label} {}", t.light_red));
                ui.label("");
                ui.end_row();
            }
        });
        let problems = draft.check();
        for problem in &problems {
            ui.colored_label(ui.visuals().error_fg_color, crate::words::Say::say(problem, lang));
        }
        if ui.add_enabled(problems.is_empty(), egui::Button::new(t.light_apply)).clicked() {
            cmds.push(Command::SetLightRules(Box::new(draft.clone())));
        }
    });
}
