//! 同步冲突: the list of what an offline copy changed that the server had changed too.

use crate::db::Conflict;
use crate::ui::command::Command;
use crate::ui::i18n::Lang;
use crate::words::history::{change_value, field_name};

/// 同步冲突: what this copy changed that the server had changed too. The server's value is
/// what the window shows; the copy's is here, to change again where it should win.
/// Taking the copy's value of a conflict, or clearing the list, are commands; the app takes
/// them only while no job runs (a job may change the list).
pub fn conflicts_ui(ctx: &egui::Context, conflicts: &[Conflict], lang: Lang, cmds: &mut Vec<Command>) {
    let mut open = true;
    egui::Window::new(lang.tr("同步冲突", "Sync conflicts")).open(&mut open).default_width(760.0).show(ctx, |ui| {
            ui.label(lang.tr("服务器上的值已保留并显示在表格中;下面是你在离线副本中的修改。需要时请在项目中重新修改。", "The server's values stay and are what the table shows; below are your offline changes. Change the project again where yours should win."));
            egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
                egui::Grid::new("conflicts_grid").num_columns(6).striped(true).show(ui, |ui| {
                    let heads = [("项目", "Project"), ("字段", "Field"), ("你的", "Yours"), ("服务器的", "Server's"), ("修改人", "By")];
                    for (zh, en) in heads {
                        ui.strong(lang.tr(zh, en));
                    }
                    ui.strong("");
                    ui.end_row();
                    for (i, c) in conflicts.iter().enumerate() {
                        if ui.link(&c.project_name).clicked() {
                            cmds.push(Command::Select(Some(crate::domain::ProjectId(c.project))));
                        }
                        ui.label(field_name(&c.field, lang));
                        ui.label(change_value(&c.field, c.mine.as_deref(), lang));
                        ui.label(change_value(&c.field, c.theirs.as_deref(), lang));
                        ui.label(format!("{} {}", c.reviewer, c.at));
                        if let Some(reason) = &c.refused {
                            ui.label(egui::RichText::new(reason.as_str()).color(ui.visuals().warn_fg_color));
                        } else if !c.can_take_mine() {
                            ui.label(lang.tr("请在项目中重新填写", "enter it again"));
                        } else if ui.button(lang.tr("采用我的", "Use mine")).clicked() {
                            cmds.push(Command::TakeMine(i));
                        }
                        ui.end_row();
                    }
                });
            });
            if ui.button(lang.tr("已处理,清空列表", "Dealt with: clear the list")).clicked() {
                cmds.push(Command::ClearConflicts);
            }
        });
    if !open {
        cmds.push(Command::ShowConflicts(false));
    }
}
