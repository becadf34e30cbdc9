//! The writes a reviewer makes from the window: reports, project edits, new projects, the bin,
//! undo and redo, backups and restores. Each runs on a worker thread with the reload after it
//! ([`super::work`]); the window announces it when it is stored.

use crate::db::{HistoryFilter, ReviewError};
use crate::domain::{Period, ProjectId, ReportInput};

use super::TaizhangApp;

/// The changesets made in this session, newest last, and the undos that can be redone.
#[derive(Debug, Default)]
pub(super) struct History {
    pub(super) undo: Vec<i64>,
    pub(super) redo: Vec<i64>,
}

impl History {
    /// A new changeset of the user's: it can be undone, and it ends the redo chain.
    pub(super) fn push(&mut self, changeset: i64) {
        self.undo.push(changeset);
        self.redo.clear();
    }

    /// Forgets both (the changesets no longer exist as they were: a restore, a sync, another
    /// database).
    pub(super) fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

impl TaizhangApp {
    /// Records a changeset made by the user: it can be undone, and it ends the redo chain.
    pub(super) fn committed(&mut self, changeset: i64, what: &str) {
        self.history.push(changeset);
        self.note(format!("{what} #{changeset}"));
    }

    /// Says why a write was refused. Refused because another reviewer changed the project,
    /// their change is already shown (the write's job loaded it) and the draft is kept.
    pub(super) fn write_failed(&mut self, error: &ReviewError) {
        if let ReviewError::Invalid(errors) = error {
            self.main.editor.set_errors(errors.iter().map(|(_, e)| e.clone()).collect());
        }
        self.fail(error);
    }

    /// What the status bar says while a save runs.
    fn saving(&self) -> String {
        self.prefs.lang.tr("正在保存", "Saving").to_string()
    }

    pub(super) fn save_report(&mut self, input: &ReportInput, confirm_over_target: bool) {
        let (input, reviewer) = (input.clone(), self.prefs.reviewer.clone());
        self.write_job_with(
            &self.saving(),
            false,
            move |db| db.add_reports(std::slice::from_ref(&input), &reviewer, Period::today(), confirm_over_target),
            |app, outcome| match outcome {
                Ok(changeset) => app.committed(changeset, app.prefs.lang.texts().save),
                Err(e) => app.write_failed(&e),
            },
        );
    }

    pub(super) fn save_project(&mut self, id: ProjectId, fields: &crate::domain::ProjectFields) {
        let (fields, reviewer) = (fields.clone(), self.prefs.reviewer.clone());
        self.write_job_with(
            &self.saving(),
            false,
            move |db| db.update_project(id, &fields, &reviewer),
            |app, outcome| match outcome {
                Ok(Some(changeset)) => app.committed(changeset, app.prefs.lang.texts().save),
                Ok(None) => app.main.editor.cancel(),
                Err(e) => app.write_failed(&e),
            },
        );
    }

    pub(super) fn add_project(&mut self) {
        let Some(dialog) = &mut self.windows.add_project else { return };
        dialog.errors.clear();
        match crate::domain::parse_quantity(&dialog.target) {
            Ok(v) => dialog.fields.target = v,
            Err(_) => {
                dialog.errors.push(crate::domain::FieldError::new("target", crate::domain::FieldProblem::NotANumber));
                return;
            }
        }
        let (zhuanlan, fields, reviewer) = (dialog.zhuanlan, dialog.fields.clone(), self.prefs.reviewer.clone());
        self.write_job(
            &self.saving(),
            move |db| {
                let id = db.add_project(zhuanlan, &fields, &reviewer)?;
                // The changeset that added it, for undo.
                let newest = db.history(&HistoryFilter::default())?.first().map(|e| e.changeset);
                Ok((id, newest))
            },
            |app, outcome| match outcome {
                Ok((id, changeset)) => {
                    app.windows.add_project = None;
                    if let Some(changeset) = changeset {
                        app.committed(changeset, app.prefs.lang.texts().add_project);
                    }
                    app.request_select(Some(id));
                }
                Err(ReviewError::Invalid(errors)) => {
                    if let Some(dialog) = &mut app.windows.add_project {
                        dialog.errors = errors.into_iter().map(|(_, e)| e).collect();
                    }
                }
                Err(e) => app.fail(&e),
            },
        );
    }

    pub(super) fn set_in_bin(&mut self, id: ProjectId, in_bin: bool) {
        let reviewer = self.prefs.reviewer.clone();
        self.write_job(
            &self.saving(),
            move |db| db.set_in_bin(id, in_bin, &reviewer),
            move |app, outcome| match outcome {
                Ok(changeset) => {
                    let t = app.prefs.lang.texts();
                    app.committed(changeset, if in_bin { t.move_to_bin } else { t.bin_restore });
                }
                Err(e) => app.write_failed(&e),
            },
        );
    }

    pub(super) fn undo(&mut self) {
        self.revert_top(false);
    }

    pub(super) fn redo(&mut self) {
        self.revert_top(true);
    }

    /// Reverts the newest changeset of one stack and puts the revert on the other: undo takes
    /// from the undo stack, redo (the revert of an undo) from the redo stack.
    pub(super) fn revert_top(&mut self, redo: bool) {
        let from = if redo { &mut self.history.redo } else { &mut self.history.undo };
        let Some(changeset) = from.pop() else { return };
        let reviewer = self.prefs.reviewer.clone();
        let t = self.prefs.lang.texts();
        self.write_job(
            if redo { t.redo } else { t.undo },
            move |db| db.revert(changeset, &reviewer),
            move |app, outcome| {
                let (from, to) = if redo {
                    (&mut app.history.redo, &mut app.history.undo)
                } else {
                    (&mut app.history.undo, &mut app.history.redo)
                };
                match outcome {
                    Ok(reverted) => {
                        to.push(reverted);
                        let t = app.prefs.lang.texts();
                        app.note(format!("{} #{changeset}", if redo { t.redo } else { t.undo }));
                    }
                    Err(e) => {
                        from.push(changeset);
                        app.fail(&e);
                    }
                }
            },
        );
    }

    pub(super) fn backup_now(&mut self) {
        let t = self.prefs.lang.texts();
        self.run_job(
            t.backup_now,
            false,
            |db, _| db.rolling_backup("manual").map(|path| (path, db.backups())),
            |app, outcome| match outcome {
                Ok((path, backups)) => {
                    if let Some(path) = path {
                        app.note(format!("{}: {}", app.prefs.lang.texts().backup_now, path.display()));
                    }
                    if let Some(window) = &mut app.windows.backups {
                        window.backups = backups;
                    }
                }
                Err(e) => app.fail(&e),
            },
        );
    }

    pub(super) fn restore(&mut self, path: &std::path::Path) {
        let path = path.to_path_buf();
        let t = self.prefs.lang.texts();
        self.write_job(
            t.restore,
            {
                let path = path.clone();
                move |db| db.restore_from(&path).map(|_| db.backups())
            },
            move |app, outcome| match outcome {
                Ok(backups) => {
                    // Changes made before the restore no longer exist in this file.
                    app.history.clear();
                    app.note(format!("{}: {}", app.prefs.lang.texts().restore, path.display()));
                    app.windows.backups = Some(crate::ui::backups::BackupsWindow::new(backups));
                }
                Err(e) => app.fail(&e),
            },
        );
    }
}
