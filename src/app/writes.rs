//! The writes a reviewer makes from the window: reports, project edits, new projects, the bin,
//! undo and redo, backups and restores; each one committed, reloaded and announced.

use crate::db::{HistoryFilter, ReviewError};
use crate::domain::{Period, ProjectId, ReportInput};

use super::TaizhangApp;

impl TaizhangApp {
    /// Records a changeset made by the user: it can be undone, and it ends the redo chain.
    pub(super) fn committed(&mut self, changeset: i64, what: &str) {
        self.undo_stack.push(changeset);
        self.redo_stack.clear();
        self.note(format!("{what} #{changeset}"));
        self.reload();
    }

    pub(super) fn write_failed(&mut self, error: &ReviewError) {
        if let ReviewError::Invalid(errors) = error {
            self.editor.set_errors(errors.iter().map(|(_, e)| e.clone()).collect());
        }
        if matches!(error, ReviewError::Stale { .. }) {
            // Another reviewer changed the project: show their change, keep the draft.
            self.reload_keeping_drafts();
        }
        self.fail(error);
    }

    pub(super) fn save_report(&mut self, input: &ReportInput, confirm_over_target: bool) {
        let result = self.db.add_reports(
            std::slice::from_ref(input),
            &self.prefs.reviewer,
            Period::today(),
            confirm_over_target,
        );
        match result {
            Ok(changeset) => self.committed(changeset, self.prefs.lang.texts().save),
            Err(e) => self.write_failed(&e),
        }
    }

    pub(super) fn save_project(&mut self, id: ProjectId, fields: &crate::domain::ProjectFields) {
        match self.db.update_project(id, fields, &self.prefs.reviewer) {
            Ok(Some(changeset)) => self.committed(changeset, self.prefs.lang.texts().save),
            Ok(None) => self.editor.cancel(),
            Err(e) => self.write_failed(&e),
        }
    }

    pub(super) fn add_project(&mut self) {
        let Some(dialog) = &mut self.dialogs.add_project else { return };
        dialog.errors.clear();
        match crate::domain::parse_quantity(&dialog.target) {
            Ok(v) => dialog.fields.target = v,
            Err(_) => {
                dialog.errors.push(crate::domain::FieldError {
                    field: "target",
                    zh: "目标量不是数字".into(),
                    en: "The target is not a number".into(),
                });
                return;
            }
        }
        match self.db.add_project(dialog.zhuanlan, &dialog.fields, &self.prefs.reviewer) {
            Ok(id) => {
                self.dialogs.add_project = None;
                self.committed_last(self.prefs.lang.texts().add_project);
                self.request_select(Some(id));
            }
            Err(ReviewError::Invalid(errors)) => dialog.errors = errors.into_iter().map(|(_, e)| e).collect(),
            Err(e) => self.fail(&e),
        }
    }

    /// Puts the newest changeset on the undo stack (for writes that return an id, not a changeset).
    pub(super) fn committed_last(&mut self, what: &str) {
        match self.db.history(&HistoryFilter::default()).ok().and_then(|h| h.first().map(|e| e.changeset)) {
            Some(changeset) => self.committed(changeset, what),
            None => self.reload(),
        }
    }

    pub(super) fn set_in_bin(&mut self, id: ProjectId, in_bin: bool) {
        match self.db.set_in_bin(id, in_bin, &self.prefs.reviewer) {
            Ok(changeset) => {
                let t = self.prefs.lang.texts();
                self.committed(changeset, if in_bin { t.move_to_bin } else { t.bin_restore });
            }
            Err(e) => self.write_failed(&e),
        }
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
        let (from, to) = if redo {
            (&mut self.redo_stack, &mut self.undo_stack)
        } else {
            (&mut self.undo_stack, &mut self.redo_stack)
        };
        let Some(changeset) = from.pop() else { return };
        match self.db.revert(changeset, &self.prefs.reviewer) {
            Ok(reverted) => {
                to.push(reverted);
                let t = self.prefs.lang.texts();
                self.note(format!("{} #{changeset}", if redo { t.redo } else { t.undo }));
                self.reload();
            }
            Err(e) => {
                from.push(changeset);
                self.fail(&e);
            }
        }
    }

    pub(super) fn backup_now(&mut self) {
        match self.db.rolling_backup("manual") {
            Ok(Some(path)) => {
                self.note(format!("{}: {}", self.prefs.lang.texts().backup_now, path.display()));
                if self.dialogs.backups.is_some() {
                    self.dialogs.backups = Some(self.db.backups());
                }
            }
            Ok(None) => {}
            Err(e) => self.fail(&e),
        }
    }

    pub(super) fn restore(&mut self, path: &std::path::Path) {
        match self.db.restore_from(path) {
            Ok(_) => {
                // Changes made before the restore no longer exist in this file.
                self.undo_stack.clear();
                self.redo_stack.clear();
                self.note(format!("{}: {}", self.prefs.lang.texts().restore, path.display()));
                self.dialogs.backups = Some(self.db.backups());
                self.reload();
            }
            Err(e) => self.fail(&e),
        }
    }
}
