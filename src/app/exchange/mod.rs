//! The work of the 导出/导入 window (its state and drawing are `ui::exchange`): export the
//! current view as XLSX, PDF or CSV, write a district's update sheet, and import one back
//! (Open…, a typed path, or a file dropped on the window) with a preview of changes and
//! problems before anything is applied. Rendering and reading run on a worker thread
//! (`tasks.exchange`); the window shows a spinner and can cancel.

mod documents;
mod window;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::domain::{Dataset, Filter, Period, now_text};
use crate::export::{ExportFormat, ReviewSheet};
use crate::import::{ImportPlan, Table};

use super::{Command, TaizhangApp};

/// What a worker thread sends back.
pub(in crate::app) enum Outcome {
    Written(PathBuf),
    Planned(PathBuf, Box<(Table, ImportPlan)>),
    Failed(String),
}

/// The folder files are offered in: the user's documents, else the home folder.
pub(super) fn default_dir() -> PathBuf {
    directories::UserDirs::new()
        .and_then(|d| d.document_dir().map(Path::to_path_buf).or_else(|| Some(d.home_dir().to_path_buf())))
        .unwrap_or_default()
}

fn today_stamp() -> String {
    now_text().chars().take(10).filter(char::is_ascii_digit).collect()
}

/// A plan's title made fit for a file name: no characters a file system refuses, at most 24.
pub(super) fn file_stub(title: &str) -> String {
    title
        .chars()
        .filter(|c| !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') && !c.is_control())
        .take(24)
        .collect::<String>()
        .trim()
        .to_string()
}

impl TaizhangApp {
    pub(super) fn open_exchange(&mut self) {
        let plan = file_stub(&self.snapshot.plan.title);
        // The template's default place: the plan's first district (or place), else its city.
        let gazetteer = &self.snapshot.portfolio.gazetteer;
        let place = gazetteer
            .places()
            .iter()
            .find(|p| matches!(p.kind, crate::domain::PlaceKind::District | crate::domain::PlaceKind::Named))
            .map(|p| p.name.clone())
            .or_else(|| gazetteer.root().map(str::to_string))
            .unwrap_or_default();
        let x = &mut self.windows.exchange;
        x.open = true;
        let dir = default_dir();
        if x.export_path.is_empty() {
            x.format = Some(ExportFormat::Xlsx);
            x.export_path = dir.join(format!("{plan}-调度表-{}.xlsx", today_stamp())).display().to_string();
            x.deck_path = dir.join(format!("{plan}-演示-{}.pdf", today_stamp())).display().to_string();
        }
        if x.template_place.is_empty() {
            x.template_path = dir.join(format!("{plan}-填报表-{place}-{}.xlsx", Period::today())).display().to_string();
            x.template_place = place;
        }
        let month = self.snapshot.portfolio.review;
        if x.notice_path.is_empty() {
            x.notice_path = dir.join(format!("{plan}-通报-{month}.docx")).display().to_string();
            x.duban_path = dir.join(format!("{plan}-督办函-{month}")).display().to_string();
        }
        // The units to chase in the plan shown, as `duban --all` would write to (only the
        // 问题清单 is read).
        let snapshot = std::sync::Arc::clone(&self.snapshot);
        let what = self.prefs.lang.tr("正在读取", "Loading");
        self.run_job(
            what,
            false,
            move |db, _| crate::usecase::documents::units_to_chase(db, &snapshot.portfolio),
            |app, units| match units {
                Ok(units) => app.windows.exchange.units = units,
                Err(e) => app.windows.exchange.status = Some((e.to_string(), true)),
            },
        );
    }

    /// True while the reports the slides need are still being read: `then` runs when they
    /// are in.
    fn charts_pending(&mut self, then: fn(&mut Self)) -> bool {
        self.chart_data();
        if self.presentation.report_index.is_some() {
            return false;
        }
        let text = self
            .prefs
            .lang
            .tr(
                "正在读取图表所需的报表,读完即导出",
                "Reading the reports the charts need; the export starts when they are in",
            )
            .to_string();
        self.windows.exchange.status = Some((text, false));
        self.tasks.after_load = Some(then);
        true
    }

    /// Forgets the proposed file names and place (they name the plan shown), unless a job runs.
    pub(super) fn reset_exchange_for_plan(&mut self) {
        if self.tasks.exchange.running() {
            return;
        }
        let open = self.windows.exchange.open;
        self.windows.exchange = crate::ui::exchange::Exchange::default();
        if open {
            self.open_exchange();
        }
    }

    /// Where the window may write: never over the open database or its backups; an existing
    /// file is replaced (the save dialog has asked, or the reviewer typed the name).
    pub(super) fn output_rules(&self) -> crate::export::OutputRules {
        crate::export::OutputRules {
            protected: crate::export::Protected::of_db(self.session.path.as_deref()),
            overwrite: crate::export::Overwrite::Replace,
        }
    }

    /// The review sheet of `filter`'s rows, made on the worker (the window never waits for the
    /// reports), by the same use case as the CLI's `export`.
    fn sheet(&self, filter: &Filter) -> impl FnOnce() -> Result<ReviewSheet, String> + Send + 'static {
        let snapshot = std::sync::Arc::clone(&self.snapshot);
        let (filter, sort) = (filter.clone(), (self.prefs.sort_column, self.prefs.sort_order));
        let db = std::sync::Arc::clone(&self.session.db);
        move || {
            let db = super::work::lock(&db);
            crate::usecase::review_sheet::review_sheet(&db, &snapshot, &filter, sort).map_err(|e| e.to_string())
        }
    }

    fn start_export(&mut self) {
        let format = self.windows.exchange.format.unwrap_or(ExportFormat::Xlsx);
        let mut path = PathBuf::from(self.windows.exchange.export_path.trim());
        if path.extension().is_none_or(|e| e != format.extension()) {
            path.set_extension(format.extension());
            self.windows.exchange.export_path = path.display().to_string();
        }
        let sheet = self.sheet(&self.prefs.filter.clone());
        let rules = self.output_rules();
        if let Err(e) = rules.check_file(&path) {
            return self.windows.exchange.status = Some((e.to_string(), true));
        }
        let label = format!("{} {}", self.prefs.lang.texts().exporting, path.display());
        self.spawn_exchange(label, move |cancel| {
            let sheet = match sheet() {
                Ok(sheet) => sheet,
                Err(e) => return Outcome::Failed(e),
            };
            let bytes = match format {
                ExportFormat::Xlsx => crate::export::write_xlsx(&sheet),
                ExportFormat::Pdf => crate::export::write_pdf(&sheet),
                ExportFormat::Csv => crate::export::write_csv(&sheet),
            };
            if cancel.load(Ordering::Relaxed) {
                return Outcome::Failed(String::new());
            }
            match bytes.and_then(|b| rules.write(&path, &b)) {
                Ok(()) => Outcome::Written(path),
                Err(e) => Outcome::Failed(e.to_string()),
            }
        });
    }

    fn start_deck(&mut self) {
        if self.charts_pending(Self::start_deck) {
            return;
        }
        let path = PathBuf::from(self.windows.exchange.deck_path.trim());
        let rules = self.output_rules();
        if let Err(e) = rules.check_file(&path) {
            return self.windows.exchange.status = Some((e.to_string(), true));
        }
        let data = self.chart_data();
        let deck = crate::domain::slides(&data, &self.prefs.slides);
        let subtitle = self.slide_subtitle();
        let (dataset, lang) = (self.snapshot.dataset, self.prefs.lang);
        let label = format!("{} {}", self.prefs.lang.texts().exporting, path.display());
        self.spawn_exchange(label, move |_| {
            let bytes = crate::export::write_deck(&data, &deck, &subtitle, (dataset, lang));
            match bytes.and_then(|b| rules.write(&path, &b)) {
                Ok(()) => Outcome::Written(path),
                Err(e) => Outcome::Failed(e.to_string()),
            }
        });
    }

    /// The deck as PNGs at the chosen size, into a folder named like the PDF without `.pdf`.
    fn start_deck_png(&mut self) {
        if self.charts_pending(Self::start_deck_png) {
            return;
        }
        let dir = PathBuf::from(self.windows.exchange.deck_path.trim()).with_extension("");
        let rules = self.output_rules();
        if let Err(e) = rules.check(&dir) {
            return self.windows.exchange.status = Some((e.to_string(), true));
        }
        let data = self.chart_data();
        let slides = crate::domain::slides(&data, &self.prefs.slides);
        let (subtitle, lang, size) = (self.slide_subtitle(), self.prefs.lang, self.prefs.png_size);
        let demo = self.snapshot.dataset == Dataset::Demo;
        let label = format!("{} {}", self.prefs.lang.texts().exporting, dir.display());
        self.spawn_exchange(label, move |cancel| {
            let page = crate::ui::charts::SlidePage {
                data: &data,
                slides: &slides,
                index: 0,
                subtitle: &subtitle,
                lang,
                demo,
            };
            let cancelled = || cancel.load(Ordering::Relaxed);
            match crate::ui::offscreen::write_slide_pngs(&dir, &page, size, &rules, &cancelled) {
                Ok(_) if cancel.load(Ordering::Relaxed) => Outcome::Failed(String::new()),
                Ok(_) => Outcome::Written(dir),
                Err(e) => Outcome::Failed(e),
            }
        });
    }

    fn start_template(&mut self) {
        let place = self.windows.exchange.template_place.clone();
        let path = PathBuf::from(self.windows.exchange.template_path.trim());
        let rules = self.output_rules();
        if let Err(e) = rules.check_file(&path) {
            return self.windows.exchange.status = Some((e.to_string(), true));
        }
        let label = format!("{} {}", self.prefs.lang.texts().exporting, path.display());
        let db = std::sync::Arc::clone(&self.session.db);
        self.spawn_exchange(label, move |_| {
            // The use case the CLI's `template` calls: each project as it stood the month before.
            let db = super::work::lock(&db);
            match crate::usecase::update_sheet::write_template(&db, &place, Period::today(), &path, &rules) {
                Ok(_) => Outcome::Written(path),
                Err(e) => Outcome::Failed(e.to_string()),
            }
        });
    }

    fn start_import(&mut self, path: PathBuf) {
        self.windows.exchange.import_path = path.display().to_string();
        self.windows.exchange.preview = None;
        let snapshot = std::sync::Arc::clone(&self.snapshot);
        let db = std::sync::Arc::clone(&self.session.db);
        let label = format!("{} {}", self.prefs.lang.texts().reading, path.display());
        self.spawn_exchange(label, move |_| {
            // The use case the CLI's `import` previews with, on the plan as shown.
            let db = super::work::lock(&db);
            match crate::usecase::update_sheet::preview(&db, &snapshot.portfolio, &path, None) {
                Ok(planned) => Outcome::Planned(path, Box::new(planned)),
                Err(e) => Outcome::Failed(e.to_string()),
            }
        });
    }

    /// Applies the previewed import (the use case the CLI's `import` applies with): good rows
    /// only when `skip_bad` (the rest go to a file beside the sheet), after a backup, in one
    /// transaction. The preview stays until it is in.
    pub(super) fn apply_import(&mut self, skip_bad: bool) {
        let Some((path, table, plan)) = self.windows.exchange.preview.clone() else { return };
        if !plan.problems.is_empty() && !skip_bad {
            return;
        }
        let (rules, reviewer) = (self.output_rules(), self.prefs.reviewer.clone());
        let done = plan.inputs.len() + plan.items.len();
        self.write_job(
            self.prefs.lang.tr("正在导入", "Importing"),
            move |db| crate::usecase::update_sheet::apply(db, (&path, &table, &plan), skip_bad, &rules, &reviewer),
            move |app, outcome| match outcome {
                Ok(applied) => {
                    app.windows.exchange.preview = None;
                    let t = app.prefs.lang.texts();
                    for file in &applied.left_out {
                        app.note(format!("{}: {}", t.skipped_rows, file.display()));
                    }
                    let Some(changeset) = applied.changeset else {
                        app.windows.exchange.status = Some((t.nothing_to_import.into(), false));
                        return;
                    };
                    app.windows.exchange.status = Some((format!("{} {done} #{changeset}", t.imported), false));
                    app.committed(changeset, t.imported);
                }
                Err(e) => app.windows.exchange.status = Some((e.to_string(), true)),
            },
        );
    }

    /// Runs `work` on a named thread (`label` says what it does in the window); its outcome is
    /// taken in by [`Self::poll_exchange`].
    fn spawn_exchange(&mut self, label: String, work: impl FnOnce(&AtomicBool) -> Outcome + Send + 'static) {
        if let Err(e) = self.tasks.exchange.start_labelled("taizhang-exchange", label, None, work) {
            log::warn!("worker thread did not start: {e}");
        }
    }

    fn poll_exchange(&mut self) {
        let Some(outcome) = self.tasks.exchange.finished() else { return };
        let t = self.prefs.lang.texts();
        match outcome {
            Outcome::Written(path) => {
                self.windows.exchange.status = Some((format!("{}: {}", t.written, path.display()), false))
            }
            Outcome::Planned(path, planned) => {
                let (table, plan) = *planned;
                self.windows.exchange.preview = Some((path, table, plan));
            }
            Outcome::Failed(e) if e.is_empty() => {}
            Outcome::Failed(e) => self.windows.exchange.status = Some((e, true)),
        }
    }

    /// Files dropped on the window are read as update sheets.
    pub(super) fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).filter(|p| !p.as_os_str().is_empty()).collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.open_exchange();
            self.start_import(path);
        }
    }
}
