//! The editing tabs of the detail pane: a progress report and the project's own fields, each
//! on a draft with its validation beside the field; Save (Ctrl+S) and Cancel. The history tab
//! lists who changed what.

use crate::db::{HistoryEntry, Snapshot};
use crate::domain::{
    CATEGORIES, FieldError, FieldProblem, NATURES, Period, Project, ProjectFields, Report, ReportInput, Status,
    parse_amount, parse_quantity, validate_project, validate_report,
};
use crate::ui::command::Command;

use super::i18n::Lang;
use super::table::quantity;

/// The tabs of the detail pane.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EditorTab {
    #[default]
    Details,
    Report,
    Edit,
    History,
}

/// A report as typed: text, parsed when saved.
#[derive(Clone, Debug, Default, PartialEq)]
struct ReportDraft {
    period: String,
    status: Option<Status>,
    done: String,
    invest_total: String,
    invest_year_plan: String,
    invest_done: String,
    progress_text: String,
    problems: String,
    coordination: String,
    coordination_unit: String,
    coordination_due: String,
    note: String,
}

fn number_text(value: Option<f64>) -> String {
    value.map(quantity).unwrap_or_default()
}

impl ReportDraft {
    /// This month's report, starting from the project's current state and latest report.
    fn new(project: &Project, latest: Option<&Report>, today: Period) -> Self {
        Self {
            period: today.to_string(),
            status: Some(project.status),
            done: number_text(project.done),
            invest_total: number_text(latest.and_then(|r| r.invest_total)),
            invest_year_plan: number_text(latest.and_then(|r| r.invest_year_plan)),
            invest_done: number_text(latest.and_then(|r| r.invest_done)),
            coordination_unit: latest.map(|r| r.coordination_unit.clone()).unwrap_or_default(),
            ..Self::default()
        }
    }

    /// The typed values, and a message for each that does not read.
    fn parse(&self, project: &Project) -> (ReportInput, Vec<FieldError>) {
        let mut errors = Vec::new();
        // Each amount in its own unit: the target's for 完成量, 万元 for investments.
        let mut number = |field: &'static str, text: &str| {
            let unit = if field == "done" { project.unit.as_deref() } else { Some("万元") };
            match parse_amount(text, unit) {
                Ok(v) => v,
                Err(e) => {
                    let (text, unit) = (text.trim().to_string(), unit.map(str::to_string));
                    errors.push(FieldError::new(field, FieldProblem::Amount { error: e, text, unit }));
                    None
                }
            }
        };
        let input = ReportInput {
            project: Some(project.id),
            period: Period::parse(&self.period),
            status: self.status,
            done: number("done", &self.done),
            invest_total: number("invest_total", &self.invest_total),
            invest_year_plan: number("invest_year_plan", &self.invest_year_plan),
            invest_done: number("invest_done", &self.invest_done),
            progress_text: self.progress_text.clone(),
            problems: self.problems.clone(),
            coordination: self.coordination.clone(),
            coordination_unit: self.coordination_unit.clone(),
            coordination_due: self.coordination_due.clone(),
            note: self.note.clone(),
            invest_year_done: None,
        };
        if input.period.is_none() && !self.period.trim().is_empty() {
            errors.push(FieldError::new("period", FieldProblem::PeriodForm));
        }
        (input, errors)
    }
}

/// A project's fields as typed.
#[derive(Clone, Debug, Default, PartialEq)]
struct FieldsDraft {
    fields: ProjectFields,
    target: String,
    start_year: String,
    target_year: String,
    planned_start: String,
    registered_in: String,
    project_code: String,
}

/// Each field the reviewer changed from `base` keeps their value; every other field takes
/// `latest` (what another reviewer saved meanwhile).
macro_rules! rebase {
    ($mine:expr, $base:expr, $latest:expr, $($field:ident).+ ; $($f:ident).+ , $($rest:tt)*) => {{
        let mut out = $latest.clone();
        rebase!(@fields $mine, $base, out, $($field).+);
        rebase!(@fields $mine, $base, out, $($f).+);
        rebase!(@more $mine, $base, out, $($rest)*);
        out
    }};
    (@fields $mine:expr, $base:expr, $out:ident, $($field:ident).+) => {
        if $mine.$($field).+ != $base.$($field).+ {
            $out.$($field).+ = $mine.$($field).+.clone();
        }
    };
    (@more $mine:expr, $base:expr, $out:ident, ) => {};
    (@more $mine:expr, $base:expr, $out:ident, $($field:ident).+ , $($rest:tt)*) => {
        rebase!(@fields $mine, $base, $out, $($field).+);
        rebase!(@more $mine, $base, $out, $($rest)*);
    };
}

impl ReportDraft {
    /// The reviewer's report draft over a project loaded again: the fields they typed stay.
    fn rebase(&self, base: &Self, latest: &Self) -> Self {
        rebase!(self, base, latest, period; status, done, invest_total, invest_year_plan, invest_done, progress_text,
            problems, coordination, coordination_unit, coordination_due, note,)
    }
}

impl FieldsDraft {
    /// The reviewer's edit over a project loaded again: the fields they changed stay, the rest
    /// show what another reviewer saved (and are saved as that, not as the old values).
    fn rebase(&self, base: &Self, latest: &Self) -> Self {
        rebase!(self, base, latest, fields.name; fields.place, fields.category, fields.unit, fields.target,
            fields.nature, fields.start_year, fields.target_year, fields.responsible_unit, fields.responsible_person,
            fields.planned_start, fields.registered, fields.registered_in, fields.project_code, target, start_year,
            target_year, planned_start, registered_in, project_code,)
    }

    fn new(project: &Project) -> Self {
        let fields = ProjectFields::of(project);
        Self {
            target: number_text(fields.target),
            start_year: fields.start_year.map(|y| y.to_string()).unwrap_or_default(),
            target_year: fields.target_year.to_string(),
            planned_start: fields.planned_start.map(|m| m.to_string()).unwrap_or_default(),
            registered_in: fields.registered_in.map(|m| m.to_string()).unwrap_or_default(),
            project_code: fields.project_code.clone().unwrap_or_default(),
            fields,
        }
    }

    fn parse(&self) -> (ProjectFields, Vec<FieldError>) {
        let mut errors = Vec::new();
        let mut fields = self.fields.clone();
        match parse_quantity(&self.target) {
            Ok(v) => fields.target = v,
            Err(_) => errors.push(FieldError::new("target", FieldProblem::NotANumber)),
        }
        let year = |text: &str| text.trim().parse::<i32>();
        match (self.start_year.trim().is_empty(), year(&self.start_year)) {
            (true, _) => fields.start_year = None,
            (false, Ok(y)) => fields.start_year = Some(y),
            (false, Err(_)) => errors.push(FieldError::new("start_year", FieldProblem::NotAYear)),
        }
        match year(&self.target_year) {
            Ok(y) => fields.target_year = y,
            Err(_) => errors.push(FieldError::new("target_year", FieldProblem::NotAYear)),
        }
        for (field, text, slot) in [
            ("planned_start", &self.planned_start, &mut fields.planned_start),
            ("registered_in", &self.registered_in, &mut fields.registered_in),
        ] {
            match (text.trim().is_empty(), Period::parse(text)) {
                (true, _) => *slot = None,
                (false, Some(m)) => *slot = Some(m),
                (false, None) => errors.push(FieldError::new(field, FieldProblem::MonthForm)),
            }
        }
        fields.project_code = Some(self.project_code.trim().to_string()).filter(|c| !c.is_empty());
        (fields, errors)
    }
}

/// The detail pane's editing state for the selected project.
#[derive(Clone, Debug, Default)]
pub struct Editor {
    pub tab: EditorTab,
    project: Option<crate::domain::ProjectId>,
    report: ReportDraft,
    report_original: ReportDraft,
    fields: FieldsDraft,
    fields_original: FieldsDraft,
    confirm_over_target: bool,
    errors: Vec<FieldError>,
    /// The selected project's reports, latest first (loaded by the app after each write).
    pub reports: Vec<Report>,
    /// The selected project's history, newest first.
    pub history: Vec<HistoryEntry>,
}

/// A labelled text field in a form grid, with the field's validation messages under it.
fn text_field(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut String,
    width: f32,
    errors: &[FieldError],
    field: &str,
    lang: Lang,
) {
    ui.label(label);
    ui.vertical(|ui| {
        let height = ui.spacing().interact_size.y;
        ui.add_sized([width, height], egui::TextEdit::singleline(value)).accessible_name(label);
        error_ui(ui, errors, field, lang);
    });
}

fn error_ui(ui: &mut egui::Ui, errors: &[FieldError], field: &str, lang: Lang) {
    for e in errors.iter().filter(|e| e.field == field) {
        let text = crate::words::Say::say(&e.problem, lang);
        ui.colored_label(ui.visuals().error_fg_color, text);
    }
}

impl Editor {
    /// Starts fresh drafts for `project` (after a selection or a save).
    pub fn load(&mut self, project: &Project, reports: Vec<Report>, history: Vec<HistoryEntry>, today: Period) {
        self.project = Some(project.id);
        self.report = ReportDraft::new(project, reports.first(), today);
        self.report_original = self.report.clone();
        self.fields = FieldsDraft::new(project);
        self.fields_original = self.fields.clone();
        self.confirm_over_target = false;
        self.errors.clear();
        self.reports = reports;
        self.history = history;
    }

    /// Puts back the drafts of `before` (the same project, loaded again after another
    /// reviewer's write): what the reviewer typed stays, compared now with the latest state.
    pub fn keep_drafts_of(&mut self, before: &Editor) {
        if before.project != self.project {
            return;
        }
        if before.report != before.report_original {
            self.report = before.report.rebase(&before.report_original, &self.report_original);
        }
        if before.fields != before.fields_original {
            self.fields = before.fields.rebase(&before.fields_original, &self.fields_original);
        }
        self.confirm_over_target = before.confirm_over_target;
    }

    /// Forgets the project (nothing selected); the open tab stays.
    pub fn clear(&mut self) {
        *self = Self { tab: self.tab, ..Self::default() };
    }

    /// The project the drafts belong to.
    pub fn project(&self) -> Option<crate::domain::ProjectId> {
        self.project
    }

    /// True when a draft differs from what is saved.
    pub fn is_dirty(&self) -> bool {
        self.report != self.report_original || self.fields != self.fields_original
    }

    /// Throws the drafts away.
    pub fn cancel(&mut self) {
        self.report = self.report_original.clone();
        self.fields = self.fields_original.clone();
        self.errors.clear();
        self.confirm_over_target = false;
    }

    /// Shows errors the database returned for a save.
    pub fn set_errors(&mut self, errors: Vec<FieldError>) {
        self.errors = errors;
    }

    /// Validates the open draft and, if it is valid, asks for it to be saved (Ctrl+S too).
    pub fn save(&mut self, data: &Snapshot, project: &Project, today: Period, cmds: &mut Vec<Command>) {
        match self.tab {
            EditorTab::Report => {
                let (input, mut errors) = self.report.parse(project);
                if errors.is_empty() {
                    errors = validate_report(
                        &input,
                        project,
                        (data.portfolio.plan.start_year, today),
                        self.confirm_over_target,
                    );
                }
                self.errors = errors;
                if self.errors.is_empty() {
                    cmds.push(Command::SaveReport {
                        input: Box::new(input),
                        confirm_over_target: self.confirm_over_target,
                    });
                }
            }
            EditorTab::Edit => {
                let (fields, mut errors) = self.fields.parse();
                if errors.is_empty() {
                    errors = validate_project(&fields, &data.portfolio.gazetteer);
                }
                self.errors = errors;
                if self.errors.is_empty() {
                    cmds.push(Command::SaveProject { id: project.id, fields: Box::new(fields) });
                }
            }
            EditorTab::Details | EditorTab::History => {}
        }
    }

    /// The tab bar; the caller draws the details tab itself.
    pub fn tabs_ui(&mut self, ui: &mut egui::Ui, lang: Lang) {
        let t = lang.texts();
        ui.horizontal(|ui| {
            for (tab, label) in [
                (EditorTab::Details, t.tab_details),
                (EditorTab::Report, t.tab_report),
                (EditorTab::Edit, t.tab_edit),
                (EditorTab::History, t.tab_history),
            ] {
                ui.selectable_value(&mut self.tab, tab, label);
            }
            if self.is_dirty() {
                ui.colored_label(ui.visuals().warn_fg_color, t.unsaved);
            }
        });
    }

    fn buttons_ui(
        &mut self,
        ui: &mut egui::Ui,
        data: &Snapshot,
        project: &Project,
        today: Period,
        lang: Lang,
        cmds: &mut Vec<Command>,
    ) {
        let t = lang.texts();
        ui.horizontal(|ui| {
            if ui.button(t.save).on_hover_text("Ctrl+S").clicked() {
                self.save(data, project, today, cmds);
            }
            if ui.add_enabled(self.is_dirty(), egui::Button::new(t.cancel)).clicked() {
                self.cancel();
            }
            if self.errors.iter().any(|e| matches!(e.problem, FieldProblem::OverTarget { .. }))
                || self.confirm_over_target
            {
                ui.checkbox(&mut self.confirm_over_target, t.confirm_over_target);
            }
        });
    }

    /// The report form.
    pub fn report_ui(
        &mut self,
        ui: &mut egui::Ui,
        data: &Snapshot,
        project: &Project,
        today: Period,
        lang: Lang,
        cmds: &mut Vec<Command>,
    ) {
        let t = lang.texts();
        self.buttons_ui(ui, data, project, today, lang, cmds);
        let errors = self.errors.clone();
        let d = &mut self.report;
        egui::ScrollArea::vertical().id_salt("report_form").auto_shrink([false, false]).show(ui, |ui| {
            egui::Grid::new("report_grid").num_columns(4).spacing([10.0, 4.0]).show(ui, |ui| {
                let text = |ui: &mut egui::Ui, label: &str, value: &mut String, field: &str, width: f32| {
                    text_field(ui, label, value, width, &errors, field, lang);
                };
                text(ui, t.period, &mut d.period, "period", 90.0);
                ui.label(t.col_status);
                ui.vertical(|ui| {
                    let current = d.status.map_or("—", |s| lang.status(s));
                    egui::ComboBox::from_id_salt("report_status")
                        .selected_text(current)
                        .show_ui(ui, |ui| {
                            for s in Status::ALL {
                                ui.selectable_value(&mut d.status, Some(s), lang.status(s));
                            }
                        })
                        .response
                        .accessible_name(t.col_status);
                    error_ui(ui, &errors, "status", lang);
                });
                ui.end_row();
                let done_label = format!("{} ({})", t.col_done, project.unit.as_deref().unwrap_or("—"));
                text(ui, &done_label, &mut d.done, "done", 90.0);
                text(ui, t.invest_total, &mut d.invest_total, "invest_total", 90.0);
                ui.end_row();
                text(ui, t.invest_year_plan, &mut d.invest_year_plan, "invest_year_plan", 90.0);
                text(ui, t.invest_done, &mut d.invest_done, "invest_done", 90.0);
                ui.end_row();
                text(ui, t.progress_text, &mut d.progress_text, "progress_text", 220.0);
                text(ui, t.problems, &mut d.problems, "problems", 220.0);
                ui.end_row();
                text(ui, t.coordination, &mut d.coordination, "coordination", 220.0);
                text(ui, t.coordination_unit, &mut d.coordination_unit, "coordination_unit", 220.0);
                ui.end_row();
                text(ui, t.coordination_due, &mut d.coordination_due, "coordination_due", 90.0);
                text(ui, t.note, &mut d.note, "note", 220.0);
                ui.end_row();
            });
            if !self.reports.is_empty() {
                ui.add_space(6.0);
                ui.strong(t.earlier_reports);
                for r in &self.reports {
                    let done = r.done.map(quantity).unwrap_or_default();
                    ui.label(format!(
                        "{}  {}  {done}  {}  {}",
                        r.period,
                        lang.status(r.status),
                        r.progress_text,
                        r.reviewer
                    ));
                }
            }
        });
    }

    /// The project fields form.
    pub fn edit_ui(
        &mut self,
        ui: &mut egui::Ui,
        data: &Snapshot,
        project: &Project,
        today: Period,
        lang: Lang,
        cmds: &mut Vec<Command>,
    ) {
        let t = lang.texts();
        self.buttons_ui(ui, data, project, today, lang, cmds);
        let errors = self.errors.clone();
        let d = &mut self.fields;
        egui::ScrollArea::vertical().id_salt("edit_form").auto_shrink([false, false]).show(ui, |ui| {
            egui::Grid::new("edit_grid").num_columns(4).spacing([10.0, 4.0]).show(ui, |ui| {
                let text = |ui: &mut egui::Ui, label: &str, value: &mut String, field: &str, width: f32| {
                    text_field(ui, label, value, width, &errors, field, lang);
                };
                text(ui, t.col_name, &mut d.fields.name, "name", 260.0);
                ui.label(t.col_place);
                ui.vertical(|ui| {
                    egui::ComboBox::from_id_salt("edit_place")
                        .selected_text(d.fields.place.clone())
                        .show_ui(ui, |ui| {
                            for p in data.portfolio.gazetteer.places() {
                                ui.selectable_value(&mut d.fields.place, p.name.clone(), p.name.as_str());
                            }
                        })
                        .response
                        .accessible_name(t.col_place);
                    error_ui(ui, &errors, "place", lang);
                });
                ui.end_row();
                ui.label(t.col_category);
                let current = crate::domain::category(&d.fields.category).map_or("—", |c| lang.category(c));
                egui::ComboBox::from_id_salt("edit_category")
                    .selected_text(current)
                    .show_ui(ui, |ui| {
                        for c in CATEGORIES {
                            ui.selectable_value(&mut d.fields.category, c.code.to_string(), lang.category(c));
                        }
                    })
                    .response
                    .accessible_name(t.col_category);
                ui.label(t.nature);
                egui::ComboBox::from_id_salt("edit_nature")
                    .selected_text(d.fields.nature.clone().unwrap_or_else(|| "—".into()))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut d.fields.nature, None, "—");
                        for n in NATURES {
                            ui.selectable_value(&mut d.fields.nature, Some(n.to_string()), n);
                        }
                    })
                    .response
                    .accessible_name(t.nature);
                ui.end_row();
                text(ui, t.col_target, &mut d.target, "target", 90.0);
                let mut unit = d.fields.unit.clone().unwrap_or_default();
                text(ui, t.unit, &mut unit, "unit", 90.0);
                d.fields.unit = Some(unit).filter(|u| !u.trim().is_empty());
                ui.end_row();
                text(ui, t.start_year, &mut d.start_year, "start_year", 90.0);
                text(ui, t.col_year, &mut d.target_year, "target_year", 90.0);
                ui.end_row();
                let mut unit_owner = d.fields.responsible_unit.clone().unwrap_or_default();
                text(ui, t.responsible_unit, &mut unit_owner, "responsible_unit", 200.0);
                d.fields.responsible_unit = Some(unit_owner).filter(|u| !u.trim().is_empty());
                let mut person = d.fields.responsible_person.clone().unwrap_or_default();
                text(ui, t.responsible_person, &mut person, "responsible_person", 120.0);
                d.fields.responsible_person = Some(person).filter(|u| !u.trim().is_empty());
                ui.end_row();
                text(ui, t.planned_start, &mut d.planned_start, "planned_start", 90.0);
                text(ui, t.project_code, &mut d.project_code, "project_code", 200.0);
                ui.end_row();
                ui.label(t.registered);
                let shown = match d.fields.registered {
                    None => "—",
                    Some(true) => t.yes,
                    Some(false) => t.no,
                };
                egui::ComboBox::from_id_salt("edit_registered")
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut d.fields.registered, None, "—");
                        ui.selectable_value(&mut d.fields.registered, Some(true), t.yes);
                        ui.selectable_value(&mut d.fields.registered, Some(false), t.no);
                    })
                    .response
                    .accessible_name(t.registered);
                text(ui, t.registered_in, &mut d.registered_in, "registered_in", 90.0);
                ui.end_row();
            });
            ui.add_space(6.0);
            if ui.button(t.move_to_bin).clicked() {
                cmds.push(Command::SetInBin { id: project.id, in_bin: true });
            }
        });
    }
}

/// History entries as a table-like list.
pub fn history_ui(ui: &mut egui::Ui, entries: &[HistoryEntry], lang: Lang, show_project: bool) {
    let t = lang.texts();
    if entries.is_empty() {
        ui.weak(t.no_history);
        return;
    }
    egui::ScrollArea::vertical().id_salt(("history", show_project)).auto_shrink([false, false]).show(ui, |ui| {
        egui::Grid::new(("history_grid", show_project)).striped(true).num_columns(5).show(ui, |ui| {
            for e in entries {
                ui.label(format!("#{}", e.changeset));
                ui.label(&e.at);
                ui.label(e.who());
                if show_project {
                    ui.label(&e.project_name);
                }
                ui.label(format!("{}: {} → {}", e.field_said(lang), e.old_said(lang), e.new_said(lang)));
                ui.end_row();
            }
        });
    });
}

/// "Discard unsaved changes?" over everything while a selection waits for the answer.
pub fn discard_ui(ctx: &egui::Context, lang: Lang, cmds: &mut Vec<Command>) {
    let t = lang.texts();
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
