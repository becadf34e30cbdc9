//! Bringing a new plan in from the window: read the file, review its drafts (the review screen
//! is `ui::plan_review`), commit them as a new plan after a backup, and switch to it.

use std::path::Path;

use crate::import::plan::{ColumnMapping, HeaderChoice, PlanFileError};
use crate::platform::Picked;
use crate::ui::i18n::Lang;
use crate::usecase::plan_import::{self, Settled};

use super::TaizhangApp;
use super::work::Polled;

impl TaizhangApp {
    /// Opens the review screen (empty until a file is read).
    pub(super) fn open_plan_import(&mut self) {
        self.windows.plan_review.open = true;
    }

    /// Asks for a plan file with the system's dialog; where there is none (no portal or zenity
    /// on Linux), says so: the path can be typed.
    pub(super) fn pick_plan_file(&mut self) {
        let extensions = ["txt", "docx", "pdf", "xlsx", "xls", "ods", "csv"];
        match crate::platform::pick_file("plan / ledger", &extensions, &super::exchange::default_dir()) {
            Picked::Path(path) => {
                self.windows.plan_review.path = path.display().to_string();
                self.read_plan_file();
            }
            Picked::Cancelled => {}
            Picked::Unavailable => self.windows.plan_review.error = Some(crate::words::no_file_chooser().to_string()),
        }
    }

    /// Reads the file named in the review screen on a worker thread; [`Self::poll_plan_read`]
    /// shows its drafts when they arrive.
    pub(super) fn read_plan_file(&mut self) {
        let review = &mut self.windows.plan_review;
        if self.tasks.plan_read.running() {
            return;
        }
        let path = Path::new(review.path.trim()).to_path_buf();
        let header = (!review.first_rows.is_empty()).then(|| HeaderChoice {
            row: review.header_row,
            rows: review.header_rows.clamp(1, crate::import::plan::MAX_HEADER_ROWS),
        });
        let gazetteer = self.snapshot.portfolio.gazetteer.clone();
        let sheet = Some(review.sheet.trim().to_string()).filter(|s| !s.is_empty() && review.sheet_of == review.path);
        let db = std::sync::Arc::clone(&self.session.db);
        let read = move || {
            // As the command line reads it. The database may be busy with a job: this thread
            // waits, not the window.
            let db = super::work::lock(&db);
            crate::usecase::plan_import::read(&db, &path, &gazetteer, header, sheet.as_deref())
        };
        // The window may have closed meanwhile; nobody is waiting then.
        match self.tasks.plan_read.start("plan-read", None, read) {
            Ok(()) => review.reading = true,
            Err(e) => review.error = Some(format!("{e}")),
        }
    }

    /// Takes in a file read on the worker thread, once it is there.
    pub(super) fn poll_plan_read(&mut self, ctx: &egui::Context) {
        let result = match self.tasks.plan_read.poll() {
            Polled::Done(result) => result,
            Polled::Waiting => {
                if self.tasks.plan_read.running() {
                    ctx.request_repaint_after(std::time::Duration::from_millis(50));
                }
                return;
            }
            Polled::Lost => {
                self.windows.plan_review.reading = false;
                self.windows.plan_review.error = Some(self.prefs.lang.texts().read_interrupted.to_string());
                return;
            }
        };
        self.windows.plan_review.reading = false;
        let lang = self.prefs.lang;
        let review = &mut self.windows.plan_review;
        let path = Path::new(review.path.trim()).to_path_buf();
        match result {
            Ok(file) => {
                let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                review.load(file, &stem);
            }
            Err(PlanFileError::Ledger(crate::import::plan::LedgerError::NoHeader { first_rows })) => {
                review.file = None;
                review.rows.clear();
                review.first_rows = first_rows;
                review.header_rows = 1;
                review.error = Some(message(&PlanFileError::NoProjects, lang, true));
            }
            Err(e) => {
                review.file = None;
                review.rows.clear();
                review.error = Some(message(&e, lang, false));
            }
        }
    }

    /// Drafts the ledger again with the reviewer's corrected column mapping.
    pub(super) fn remap_ledger(&mut self, mapping: ColumnMapping) {
        let gazetteer = self.snapshot.portfolio.gazetteer.clone();
        let lang = self.prefs.lang;
        let review = &mut self.windows.plan_review;
        let Some(file) = &mut review.file else { return };
        match file.remap(mapping, &gazetteer, false) {
            Ok(()) => {
                review.redraft();
            }
            Err(e) => review.error = Some(message(&e, lang, false)),
        }
    }

    /// Keeps the ledger's column mapping for the next ledger with the same header.
    pub(super) fn save_ledger_mapping(&mut self) {
        let Some(ledger) = self.windows.plan_review.file.as_ref().and_then(|f| f.ledger.as_ref()) else { return };
        let (signature, mapping) = (ledger.signature(), ledger.mapping.clone());
        let lang = self.prefs.lang;
        self.run_job(
            lang.tr("正在保存", "Saving"),
            false,
            move |db, _| db.save_mapping(&signature, &mapping),
            move |app, saved| match saved {
                Ok(()) => {
                    if let Some(ledger) = app.windows.plan_review.file.as_mut().and_then(|f| f.ledger.as_mut()) {
                        ledger.saved = true;
                    }
                    app.note(lang.texts().mapping_saved.to_string());
                }
                Err(e) => app.windows.plan_review.error = Some(e.to_string()),
            },
        );
    }

    /// Commits the accepted drafts as a new plan and shows it.
    pub(super) fn commit_plan(&mut self) {
        let review = &self.windows.plan_review;
        let lang = self.prefs.lang;
        let Some(file) = &review.file else { return };
        let year = |text: &str| text.trim().parse::<i32>().ok();
        let settled = Settled {
            title: Some(review.title.trim().to_string()),
            from: year(&review.from),
            to: year(&review.to),
            as_of: crate::domain::Period::parse(review.as_of.trim()),
        };
        let shown_city = self.snapshot.plan.city.clone();
        let origin = Path::new(review.path.trim())
            .file_name()
            .map_or_else(|| review.path.clone(), |n| n.to_string_lossy().into_owned());
        // As the command line: a period or month the file does not state is asked for.
        let plan = match plan_import::prepare(&file.draft, review.accepted(), &settled, &origin, origin.clone()) {
            Ok(plan) => plan,
            Err(e) => {
                self.windows.plan_review.error = Some(if lang == Lang::Zh { e.zh() } else { e.en() });
                return;
            }
        };
        let (reviewer, title, rows) = (self.prefs.reviewer.clone(), plan.title.clone(), plan.rows.len());
        self.run_job(
            lang.tr("正在导入", "Importing"),
            false,
            move |db, _| plan_import::commit(db, plan, shown_city.as_deref(), &reviewer),
            move |app, made| match made {
                Ok(id) => {
                    app.windows.plan_review = crate::ui::plan_review::PlanReview::default();
                    // A file still being read was for the screen just closed.
                    app.tasks.plan_read.cancel();
                    app.switch_plan(id);
                    let t = lang.texts();
                    app.note(format!("{}: {title} ({rows})", t.plan_committed));
                }
                Err(e) => app.windows.plan_review.error = Some(if lang == Lang::Zh { e.zh() } else { e.en() }),
            },
        );
    }
}

impl TaizhangApp {
    /// Reads the ledger named in the 按台账更新 window against the plan shown, on the worker.
    pub(super) fn read_plan_update(&mut self) {
        let Some(window) = &mut self.windows.plan_update else { return };
        window.error = None;
        let path = std::path::PathBuf::from(window.path.trim());
        let as_of = crate::domain::Period::parse(window.as_of.trim());
        if as_of.is_none() && !window.as_of.trim().is_empty() {
            window.error = Some(self.prefs.lang.tr("数字截至应为 YYYY-MM", "The month must be YYYY-MM").to_string());
            return;
        }
        let (plan, places, lang) = (self.snapshot.plan.id, self.snapshot.portfolio.gazetteer.clone(), self.prefs.lang);
        self.run_job(
            lang.tr("正在读取", "Reading"),
            false,
            move |db, _| {
                let file = plan_import::read(db, &path, &places, None, None).map_err(|e| match lang {
                    Lang::Zh => e.zh(),
                    Lang::En => e.en(),
                })?;
                crate::usecase::plan_update::preview(db, plan, &file, as_of).map_err(|e| match lang {
                    Lang::Zh => e.zh(),
                    Lang::En => e.en(),
                })
            },
            move |app, read| {
                let Some(window) = &mut app.windows.plan_update else { return };
                match read {
                    Ok(preview) => {
                        window.preview = Some(preview);
                        window.plan = plan;
                    }
                    Err(e) => window.error = Some(e),
                }
            },
        );
    }

    /// Writes what the 按台账更新 window's preview changes, as one change, and shows it.
    pub(super) fn apply_plan_update(&mut self) {
        let Some(window) = &self.windows.plan_update else { return };
        let Some(preview) = window.preview.clone() else { return };
        let (plan, add_new) = (window.plan, window.add_new);
        let origin = std::path::Path::new(window.path.trim())
            .file_name()
            .map_or_else(|| window.path.clone(), |n| n.to_string_lossy().into_owned());
        let (reviewer, lang) = (self.prefs.reviewer.clone(), self.prefs.lang);
        let count = preview.changed.len() + if add_new { preview.new_rows.len() } else { 0 };
        self.write_job(
            lang.texts().update_apply,
            move |db| crate::usecase::plan_update::apply(db, plan, &preview, add_new, &origin, &reviewer),
            move |app, written| match written {
                Ok(_) => {
                    app.windows.plan_update = None;
                    app.note(format!("{} ({count})", lang.texts().update_done));
                }
                Err(e) => {
                    let words = if lang == Lang::Zh { e.zh() } else { e.en() };
                    if let Some(window) = &mut app.windows.plan_update {
                        window.error = Some(words);
                    }
                }
            },
        );
    }
}

/// The error in the user's language.
fn message(e: &PlanFileError, lang: Lang, no_header: bool) -> String {
    if no_header {
        return lang.texts().pick_header.to_string();
    }
    match lang {
        Lang::Zh => e.zh(),
        Lang::En => e.en(),
    }
}
