//! The windows over the main screen: their state ([`Windows`]), opening them (each reads its
//! data on a worker), and drawing settings, sync conflicts, the whole history, backups, the
//! bin, a new project and the two confirmations (discard a draft, restore a backup).

use std::path::PathBuf;

use crate::db::{HistoryEntry, HistoryFilter};
use crate::domain::{Period, Project, ProjectId};
use crate::ui::editor::history_ui;
use crate::ui::i18n::Lang;

use super::{Command, Dialog, TaizhangApp};

/// The windows over the main screen, each with its own state; each loads its data when
/// opened, not every frame.
#[derive(Debug, Default)]
pub(super) struct Windows {
    pub(super) settings: bool,
    pub(super) history: Option<HistoryDialog>,
    pub(super) backups: Option<Vec<PathBuf>>,
    pub(super) bin: Option<Vec<Project>>,
    /// A selection waiting for "discard unsaved changes?".
    pub(super) discard: Option<Option<ProjectId>>,
    /// A backup waiting for "restore?".
    pub(super) restore: Option<PathBuf>,
    pub(super) add_project: Option<AddProjectDialog>,
    pub(super) places: bool,
    /// 问题清单, while its window is open.
    pub(super) problems: Option<crate::ui::problems::ProblemsView>,
    /// 按台账更新, while its window is open.
    pub(super) plan_update: Option<crate::ui::plan_update::PlanUpdateWindow>,
    /// The light rules being edited in the settings window (every measure listed).
    pub(super) rules: Option<crate::domain::LightRules>,
    /// 连接服务器 in the settings window.
    pub(super) server: ServerDialog,
    /// 导出/导入.
    pub(super) exchange: super::exchange::Exchange,
    /// The review screen of a plan being brought in.
    pub(super) plan_review: crate::ui::plan_review::PlanReview,
    /// 同步冲突 (the conflicts themselves are the session's).
    pub(super) conflicts_open: bool,
}

/// Connecting to a server from the settings: the address and password as typed, and where an
/// offline copy goes (the connection and the checkout run as [`super::work::Tasks`]).
#[derive(Default)]
pub(super) struct ServerDialog {
    pub(super) url: String,
    pub(super) password: String,
    pub(super) copy_to: String,
}

impl std::fmt::Debug for ServerDialog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerDialog").field("url", &self.url).finish_non_exhaustive()
    }
}

/// The form of a new project: the fields as typed, and the box it belongs to.
#[derive(Debug, Default)]
pub(super) struct AddProjectDialog {
    pub(super) fields: crate::domain::ProjectFields,
    pub(super) zhuanlan: u8,
    pub(super) target: String,
    pub(super) errors: Vec<crate::domain::FieldError>,
}

/// 修改历史: the query as typed and the entries it found.
#[derive(Debug, Default)]
pub(super) struct HistoryDialog {
    reviewer: String,
    from: String,
    to: String,
    entries: Vec<HistoryEntry>,
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
                self.windows.settings = true;
                self.windows.rules = Some(self.snapshot.portfolio.rules.with_every_measure());
            }
            Dialog::History => {
                let what = self.prefs.lang.pick("正在读取 / Loading");
                self.run_job(
                    &what,
                    false,
                    |db, _| db.history(&HistoryFilter::default()),
                    |app, entries| match entries {
                        Ok(entries) => {
                            app.windows.history = Some(HistoryDialog { entries, ..HistoryDialog::default() })
                        }
                        Err(e) => app.fail(&e),
                    },
                );
            }
            Dialog::Backups => {
                let what = self.prefs.lang.pick("正在读取 / Loading");
                self.run_job(&what, false, |db, _| db.backups(), |app, backups| app.windows.backups = Some(backups));
            }
            Dialog::Bin => {
                let what = self.prefs.lang.pick("正在读取 / Loading");
                self.run_job(
                    &what,
                    false,
                    |db, _| db.bin(),
                    |app, bin| match bin {
                        Ok(bin) => app.windows.bin = Some(bin),
                        Err(e) => app.fail(&e),
                    },
                );
            }
            Dialog::AddProject => {
                let fields = crate::domain::ProjectFields {
                    place: self.snapshot.portfolio.gazetteer.root().unwrap_or_default().into(),
                    category: "pipes".into(),
                    target_year: self.snapshot.plan.end_year,
                    ..crate::domain::ProjectFields::default()
                };
                self.windows.add_project =
                    Some(AddProjectDialog { fields, zhuanlan: 6, ..AddProjectDialog::default() });
            }
        }
    }

    /// Reads the current plan's 问题清单 on a worker and opens its window.
    fn load_problems(&mut self) {
        let what = self.prefs.lang.pick("正在读取问题清单 / Reading 问题清单");
        self.run_job(
            &what,
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

    pub(super) fn dialogs_ui(&mut self, ctx: &egui::Context, cmds: &mut Vec<Command>) {
        self.settings_ui(ctx, cmds);
        self.conflicts_ui(ctx, cmds);
        self.history_window_ui(ctx);
        self.backups_ui(ctx, cmds);
        self.bin_ui(ctx, cmds);
        self.confirmations_ui(ctx, cmds);
        self.add_project_ui(ctx, cmds);
    }

    fn add_project_ui(&mut self, ctx: &egui::Context, cmds: &mut Vec<Command>) {
        let t = self.prefs.lang.texts();
        let lang = self.prefs.lang;
        let boxes = &self.snapshot.boxes;
        let places = self.snapshot.portfolio.gazetteer.places();
        let Some(d) = &mut self.windows.add_project else { return };
        let mut open = true;
        egui::Window::new(t.add_project).open(&mut open).resizable(false).show(ctx, |ui| {
            egui::Grid::new("add_grid").num_columns(2).spacing([10.0, 6.0]).show(ui, |ui| {
                ui.label(t.col_name);
                ui.add(egui::TextEdit::singleline(&mut d.fields.name).desired_width(280.0)).accessible_name(t.col_name);
                ui.end_row();
                ui.label(t.zhuanlan);
                let current = boxes
                    .iter()
                    .find(|b| b.number == d.zhuanlan)
                    .map_or(String::new(), |b| format!("{} {}", b.number, b.title));
                egui::ComboBox::from_id_salt("add_box")
                    .selected_text(current)
                    .width(280.0)
                    .show_ui(ui, |ui| {
                        for b in boxes {
                            ui.selectable_value(&mut d.zhuanlan, b.number, format!("{} {}", b.number, b.title));
                        }
                    })
                    .response
                    .accessible_name(t.zhuanlan);
                ui.end_row();
                ui.label(t.col_place);
                egui::ComboBox::from_id_salt("add_place")
                    .selected_text(d.fields.place.clone())
                    .show_ui(ui, |ui| {
                        for p in places {
                            ui.selectable_value(&mut d.fields.place, p.name.clone(), p.name.as_str());
                        }
                    })
                    .response
                    .accessible_name(t.col_place);
                ui.end_row();
                ui.label(t.col_category);
                let cat = crate::domain::category(&d.fields.category).map_or("—", |c| lang.category(c));
                egui::ComboBox::from_id_salt("add_category")
                    .selected_text(cat)
                    .show_ui(ui, |ui| {
                        for c in crate::domain::CATEGORIES {
                            ui.selectable_value(&mut d.fields.category, c.code.to_string(), lang.category(c));
                        }
                    })
                    .response
                    .accessible_name(t.col_category);
                ui.end_row();
                ui.label(t.col_target);
                ui.horizontal(|ui| {
                    ui.add(egui::TextEdit::singleline(&mut d.target).desired_width(80.0)).accessible_name(t.col_target);
                    let mut unit = d.fields.unit.clone().unwrap_or_default();
                    ui.add(egui::TextEdit::singleline(&mut unit).desired_width(60.0).hint_text(t.unit))
                        .accessible_name(t.unit);
                    d.fields.unit = Some(unit).filter(|u| !u.trim().is_empty());
                });
                ui.end_row();
                ui.label(t.col_year);
                ui.add(egui::DragValue::new(&mut d.fields.target_year).range(2000..=2100)).accessible_name(t.col_year);
                ui.end_row();
            });
            for e in &d.errors {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    if lang == crate::ui::i18n::Lang::Zh { &e.zh } else { &e.en },
                );
            }
            if ui.button(t.save).clicked() {
                cmds.push(Command::AddProject);
            }
        });
        if !open {
            self.windows.add_project = None;
        }
    }

    /// 同步冲突: what this copy changed that the server had changed too. The server's value is
    /// what the window shows; the copy's is here, to change again where it should win.
    fn conflicts_ui(&mut self, ctx: &egui::Context, cmds: &mut Vec<Command>) {
        if !self.windows.conflicts_open {
            return;
        }
        let lang = self.prefs.lang;
        let mut open = true;
        let mut resolved = false;
        let mut take: Option<usize> = None;
        egui::Window::new(lang.pick("同步冲突 / Sync conflicts")).open(&mut open).default_width(760.0).show(ctx, |ui| {
            ui.label(lang.pick(
                "服务器上的值已保留并显示在表格中;下面是你在离线副本中的修改。需要时请在项目中重新修改。 / The server's values stay and are what the table shows; below are your offline changes. Change the project again where yours should win.",
            ));
            egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
                egui::Grid::new("conflicts_grid").num_columns(6).striped(true).show(ui, |ui| {
                    for head in ["项目 / Project", "字段 / Field", "你的 / Yours", "服务器的 / Server's", "修改人 / By", ""] {
                        ui.strong(lang.pick(head));
                    }
                    ui.end_row();
                    for (i, c) in self.session.conflicts.iter().enumerate() {
                        if ui.link(&c.project_name).clicked() {
                            cmds.push(Command::Select(Some(crate::domain::ProjectId(c.project))));
                        }
                        ui.label(&c.field);
                        ui.label(c.mine.as_deref().unwrap_or("—"));
                        ui.label(c.theirs.as_deref().unwrap_or("—"));
                        ui.label(format!("{} {}", c.reviewer, c.at));
                        if let Some(reason) = &c.refused {
                            ui.label(egui::RichText::new(lang.pick(reason)).color(ui.visuals().warn_fg_color));
                        } else if !c.can_take_mine() {
                            ui.label(lang.pick("请在项目中重新填写 / enter it again"));
                        } else if ui.button(lang.pick("采用我的 / Use mine")).clicked() {
                            take = Some(i);
                        }
                        ui.end_row();
                    }
                });
            });
            if ui.button(lang.pick("已处理,清空列表 / Dealt with: clear the list")).clicked() {
                resolved = true;
            }
        });
        // Clicks while a job runs are not taken: it may change the list.
        let idle = self.tasks.job.is_none();
        if let (Some(index), true) = (take, idle) {
            let reviewer = self.prefs.reviewer.clone();
            self.write_job(
                &lang.pick("正在保存 / Saving"),
                move |db| {
                    let changeset = db.take_mine(index, &reviewer)?;
                    Ok((changeset, db.sync_conflicts().unwrap_or_default()))
                },
                move |app, outcome| match outcome {
                    Ok((changeset, conflicts)) => {
                        // The last one settled: nothing is left to look at.
                        app.windows.conflicts_open &= !conflicts.is_empty();
                        app.session.conflicts = conflicts;
                        app.committed(changeset, lang.pick("已采用你的修改 / yours taken").as_str());
                    }
                    Err(e) => app.write_failed(&e),
                },
            );
        }
        if resolved && idle {
            self.run_job(
                &lang.pick("正在保存 / Saving"),
                false,
                |db, _| db.clear_sync_conflicts(),
                |app, cleared| match cleared {
                    Ok(()) => {
                        app.session.conflicts.clear();
                        app.windows.conflicts_open = false;
                    }
                    Err(e) => app.fail(&e),
                },
            );
        }
        if !open {
            cmds.push(Command::ShowConflicts(false));
        }
    }

    /// 连接服务器: the database the window works on, and a server to work on instead.
    fn server_ui(&mut self, ui: &mut egui::Ui) {
        let lang = self.prefs.lang;
        ui.strong(lang.pick("连接服务器 / Connect to a server"));
        ui.label(format!("{} {}", lang.pick("当前数据库: / Database now:"), self.session.label));
        if self.windows.server.url.is_empty() && !self.prefs.last_server.is_empty() {
            self.windows.server.url = self.prefs.last_server.clone();
        }
        let address = lang.pick("服务器地址 / Server address");
        let password = lang.pick("密码 / Password");
        egui::Grid::new("server_grid").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
            ui.label(&address);
            ui.add(
                egui::TextEdit::singleline(&mut self.windows.server.url)
                    .hint_text("postgres://zhangsan@192.168.1.20:5432/taizhang")
                    .desired_width(320.0),
            )
            .accessible_name(&address);
            ui.end_row();
            ui.label(&password);
            ui.add(egui::TextEdit::singleline(&mut self.windows.server.password).password(true).desired_width(320.0))
                .accessible_name(&password);
            ui.end_row();
        });
        ui.horizontal(|ui| {
            let connecting = self.tasks.connecting.running();
            if ui.add_enabled(!connecting, egui::Button::new(lang.pick("连接 / Connect"))).clicked() {
                self.connect_server(ui.ctx());
            }
            if connecting {
                ui.spinner();
                ui.label(lang.pick("正在连接… / Connecting…"));
            }
        });
        if self.session.login.is_some() {
            ui.add_space(6.0);
            ui.strong(lang.pick("离线副本 / Offline copy"));
            ui.label(lang.pick(
                "把服务器上的全部数据复制到本机文件,离线时照常工作,回到网络后“同步”。 / Copy everything on the server to a file on this computer, work on it offline, and sync when back.",
            ));
            let file = lang.pick("副本文件 / Copy's file");
            ui.horizontal(|ui| {
                ui.label(&file);
                let hint = super::exchange::default_dir().join("台账离线副本.db").display().to_string();
                ui.add(
                    egui::TextEdit::singleline(&mut self.windows.server.copy_to).hint_text(hint).desired_width(320.0),
                )
                .accessible_name(&file);
            });
            ui.horizontal(|ui| {
                let busy = self.checking_out();
                if ui.add_enabled(!busy, egui::Button::new(lang.pick("制作离线副本 / Make the offline copy"))).clicked()
                {
                    self.start_checkout();
                }
                if busy {
                    ui.spinner();
                    ui.label(lang.pick("正在复制… / Copying…"));
                }
            });
        }
    }

    fn settings_ui(&mut self, ctx: &egui::Context, cmds: &mut Vec<Command>) {
        let t = self.prefs.lang.texts();
        let mut open = self.windows.settings;
        egui::Window::new(t.settings).open(&mut open).resizable(false).show(ctx, |ui| {
            egui::Grid::new("settings_grid").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
                ui.label(t.reviewer);
                ui.text_edit_singleline(&mut self.prefs.reviewer).accessible_name(t.reviewer);
                ui.end_row();
                ui.label(t.lag_threshold);
                ui.add(egui::DragValue::new(&mut self.prefs.lag_threshold).range(0.0..=100.0).speed(1.0).suffix(" %"))
                    .accessible_name(t.lag_threshold);
                ui.end_row();
                ui.label(t.review_date);
                let mut text = self.prefs.review_date.map(|p| p.to_string()).unwrap_or_default();
                let edit = ui
                    .add(egui::TextEdit::singleline(&mut text).hint_text(Period::today().to_string()))
                    .accessible_name(t.review_date);
                if edit.changed() {
                    // Only a complete, valid period replaces the setting; empty means this month.
                    if text.trim().is_empty() {
                        self.prefs.review_date = None;
                    } else if let Some(p) = Period::parse(&text) {
                        self.prefs.review_date = Some(p);
                    }
                }
                ui.end_row();
            });
            ui.separator();
            self.server_ui(ui);
            ui.separator();
            let archived = self.snapshot.plan.archived;
            if let Some(draft) = &mut self.windows.rules {
                light_rules_ui(ui, draft, archived, self.prefs.lang, cmds);
            }
        });
        self.windows.settings = open;
    }

    fn history_window_ui(&mut self, ctx: &egui::Context) {
        let t = self.prefs.lang.texts();
        let lang = self.prefs.lang;
        let Some(dialog) = &mut self.windows.history else { return };
        let mut open = true;
        let mut query = false;
        egui::Window::new(t.history_all).open(&mut open).default_size([760.0, 420.0]).show(ctx, |ui| {
            ui.horizontal(|ui| {
                for (label, value) in [
                    (t.history_reviewer, &mut dialog.reviewer),
                    (t.history_from, &mut dialog.from),
                    (t.history_to, &mut dialog.to),
                ] {
                    ui.label(label);
                    query |= ui
                        .add(egui::TextEdit::singleline(value).desired_width(110.0))
                        .accessible_name(label)
                        .lost_focus();
                }
            });
            ui.separator();
            history_ui(ui, &dialog.entries, lang, true);
        });
        if query {
            let blank = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
            let filter = HistoryFilter {
                project: None,
                reviewer: blank(&dialog.reviewer),
                from: blank(&dialog.from),
                to: blank(&dialog.to),
            };
            let what = lang.pick("正在读取 / Loading");
            self.run_job(
                &what,
                false,
                move |db, _| db.history(&filter),
                |app, entries| match (entries, &mut app.windows.history) {
                    (Ok(entries), Some(dialog)) => dialog.entries = entries,
                    (Err(e), _) => app.fail(&e),
                    (Ok(_), None) => {}
                },
            );
        }
        if !open {
            self.windows.history = None;
        }
    }

    fn backups_ui(&mut self, ctx: &egui::Context, cmds: &mut Vec<Command>) {
        let t = self.prefs.lang.texts();
        let Some(backups) = &self.windows.backups else { return };
        let mut open = true;
        let mut restore = None;
        egui::Window::new(t.backups).open(&mut open).default_size([560.0, 320.0]).show(ctx, |ui| {
            if ui.button(t.backup_now).clicked() {
                cmds.push(Command::BackupNow);
            }
            ui.separator();
            egui::ScrollArea::vertical().show(ui, |ui| {
                for path in backups {
                    ui.horizontal(|ui| {
                        if ui.button(t.restore).clicked() {
                            restore = Some(path.clone());
                        }
                        ui.label(path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
                    });
                }
            });
        });
        if restore.is_some() {
            self.windows.restore = restore;
        }
        if !open {
            self.windows.backups = None;
        }
    }

    fn bin_ui(&mut self, ctx: &egui::Context, cmds: &mut Vec<Command>) {
        let t = self.prefs.lang.texts();
        let Some(bin) = &self.windows.bin else { return };
        let mut open = true;
        egui::Window::new(t.bin).open(&mut open).default_size([480.0, 300.0]).show(ctx, |ui| {
            if bin.is_empty() {
                ui.weak(t.bin_empty);
            }
            for p in bin {
                ui.horizontal(|ui| {
                    if ui.button(t.bin_restore).clicked() {
                        cmds.push(Command::SetInBin { id: p.id, in_bin: false });
                    }
                    ui.label(format!("{} · {}", p.name, p.place));
                });
            }
        });
        if !open {
            self.windows.bin = None;
        }
    }

    fn confirmations_ui(&mut self, ctx: &egui::Context, cmds: &mut Vec<Command>) {
        let t = self.prefs.lang.texts();
        if self.windows.discard.is_some() {
            egui::Modal::new(egui::Id::unique("discard_modal")).show(ctx, |ui| {
                ui.heading(t.discard_title);
                ui.label(t.discard_body);
                ui.horizontal(|ui| {
                    if ui.button(t.discard).clicked() {
                        cmds.push(Command::ConfirmDiscard(true));
                    }
                    if ui.button(t.keep_editing).clicked() {
                        cmds.push(Command::ConfirmDiscard(false));
                    }
                });
            });
        }
        if let Some(path) = self.windows.restore.clone() {
            egui::Modal::new(egui::Id::unique("restore_modal")).show(ctx, |ui| {
                ui.label(t.restore_confirm);
                ui.monospace(path.display().to_string());
                ui.horizontal(|ui| {
                    if ui.button(t.restore).clicked() {
                        cmds.push(Command::Restore(path.clone()));
                        self.windows.restore = None;
                    }
                    if ui.button(t.cancel).clicked() {
                        self.windows.restore = None;
                    }
                });
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
        for (zh_text, en_text) in &problems {
            ui.colored_label(ui.visuals().error_fg_color, if zh { zh_text } else { en_text });
        }
        if ui.add_enabled(problems.is_empty(), egui::Button::new(t.light_apply)).clicked() {
            cmds.push(Command::SetLightRules(Box::new(draft.clone())));
        }
    });
}
