//! app: the eframe application. Holds the snapshot, saved preferences and shared view state,
//! lays out the screen, and applies the commands the views emit. The database is only touched
//! through `db`.

mod commands;
mod screenshot;

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::db::{Db, Snapshot};
use crate::domain::{Dataset, Filter, ProjectId, SortColumn, SortOrder, UnitTotal, unit_totals};
use crate::ui::detail::detail_ui;
use crate::ui::filter_panel::FilterPanel;
use crate::ui::i18n::Lang;
use crate::ui::table::{ProjectTable, TableData, quantity};

pub use commands::{Command, FOCUS_SEARCH};
pub use screenshot::{ScreenshotJob, ScreenshotOutcome, write_png};

/// Key of the preferences in eframe's storage.
const PREFS_KEY: &str = "taizhang_prefs";

/// What is saved across restarts (window size and column widths are saved by eframe and egui).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub lang: Lang,
    pub filter: Filter,
    pub sort_column: SortColumn,
    pub sort_order: SortOrder,
}

/// The filtered, sorted rows and their totals; rebuilt only when the filter or sort changes.
#[derive(Debug, Default)]
pub struct ViewIndex {
    key: Option<(Filter, SortColumn, SortOrder)>,
    pub rows: Vec<usize>,
    pub totals: Vec<UnitTotal>,
}

impl ViewIndex {
    fn refresh(&mut self, snapshot: &Snapshot, prefs: &Prefs) {
        let key = (prefs.filter.clone(), prefs.sort_column, prefs.sort_order);
        if self.key.as_ref() == Some(&key) {
            return;
        }
        let portfolio = &snapshot.portfolio;
        let narrowed = match &self.key {
            Some((before, column, order)) if (*column, *order) == (key.1, key.2) => {
                portfolio.narrow(before, &self.rows, &key.0)
            }
            _ => None,
        };
        self.rows = narrowed.unwrap_or_else(|| portfolio.view(&key.0, key.1, key.2));
        self.totals = unit_totals(&portfolio.projects, &self.rows);
        self.key = Some(key);
    }
}

/// The application.
pub struct TaizhangApp {
    snapshot: Snapshot,
    /// Shown in the top bar.
    db_label: String,
    prefs: Prefs,
    view: ViewIndex,
    selected: Option<ProjectId>,
    filter_panel: FilterPanel,
    table: ProjectTable,
    screenshot: Option<ScreenshotJob>,
    /// Kept open for the editing and history features that write through it.
    _db: Option<Db>,
}

impl TaizhangApp {
    /// An app over a snapshot, with the given preferences (tests and the window both use this).
    pub fn new(snapshot: Snapshot, db_label: String, prefs: Prefs) -> Self {
        Self {
            snapshot,
            db_label,
            prefs,
            view: ViewIndex::default(),
            selected: None,
            filter_panel: FilterPanel::default(),
            table: ProjectTable::default(),
            screenshot: None,
            _db: None,
        }
    }

    /// The preferences as they stand (the filter panel edits them).
    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }

    /// The rows the table shows now.
    pub fn visible_rows(&self) -> usize {
        self.view.rows.len()
    }

    /// The selected project.
    pub fn selected(&self) -> Option<ProjectId> {
        self.selected
    }

    /// Draws one frame: top bar, status bar, filters, details, the table; then applies commands.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let mut cmds = Vec::new();
        shortcuts(ui.ctx(), &mut cmds);
        self.view.refresh(&self.snapshot, &self.prefs);
        let lang = self.prefs.lang;

        egui::Panel::top("top_bar").show(ui, |ui| self.top_bar_ui(ui, &mut cmds));
        egui::Panel::bottom("status_bar").show(ui, |ui| self.status_bar_ui(ui));
        egui::Panel::left("filters").resizable(true).default_size(240.0).show(ui, |ui| {
            self.filter_panel.ui(ui, &self.snapshot, &mut self.prefs.filter, lang, &mut cmds);
        });
        egui::Panel::bottom("detail").resizable(true).default_size(230.0).show(ui, |ui| {
            let project = self.selected.and_then(|id| self.snapshot.portfolio.projects.iter().find(|p| p.id == id));
            detail_ui(ui, &self.snapshot, project, lang);
        });
        egui::CentralPanel::default().show(ui, |ui| {
            let data = TableData {
                portfolio: &self.snapshot.portfolio,
                rows: &self.view.rows,
                selected: self.selected,
                sort: (self.prefs.sort_column, self.prefs.sort_order),
                lang,
            };
            self.table.ui(ui, &data, &mut cmds);
        });

        for cmd in cmds {
            self.apply(cmd);
        }
        // A filter edit this frame shows in the table and counts on the next one.
        self.view.refresh(&self.snapshot, &self.prefs);
        if let Some(job) = &mut self.screenshot {
            job.step(ui.ctx());
        }
    }

    fn top_bar_ui(&self, ui: &mut egui::Ui, cmds: &mut Vec<Command>) {
        let t = self.prefs.lang.texts();
        ui.horizontal(|ui| {
            ui.heading(t.app_title);
            if self.snapshot.dataset == Dataset::Demo {
                let badge = egui::RichText::new(format!(" {} ", t.demo_badge))
                    .strong()
                    .color(egui::Color32::WHITE)
                    .background_color(egui::Color32::from_rgb(190, 30, 30));
                ui.label(badge).on_hover_text(t.demo_tooltip);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                for (lang, label) in [(Lang::En, "English"), (Lang::Zh, "中文")] {
                    if ui.selectable_label(self.prefs.lang == lang, label).clicked() {
                        cmds.push(Command::SetLanguage(lang));
                    }
                }
                ui.weak(format!("{}: {}", t.database, self.db_label));
            });
        });
    }

    fn status_bar_ui(&self, ui: &mut egui::Ui) {
        let t = self.prefs.lang.texts();
        let total = self.snapshot.portfolio.projects.len();
        ui.horizontal_wrapped(|ui| {
            if self.snapshot.dataset == Dataset::Demo {
                ui.colored_label(egui::Color32::from_rgb(190, 30, 30), t.demo_badge);
                ui.separator();
            }
            ui.label(format!("{} {} / {} {}", t.shown, self.view.rows.len(), t.of_total, total));
            if !self.view.totals.is_empty() {
                ui.separator();
                let sums: Vec<String> = self
                    .view
                    .totals
                    .iter()
                    .map(|s| format!("{} {} ({})", quantity(s.target), s.unit, s.rows))
                    .collect();
                ui.label(format!("{}: {}", t.totals, sums.join(" · ")));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.weak(t.shortcuts);
            });
        });
    }
}

/// Keyboard shortcuts that act on the whole window. Arrow keys move the table selection only
/// while no text field has focus.
fn shortcuts(ctx: &egui::Context, cmds: &mut Vec<Command>) {
    ctx.input_mut(|i| {
        if i.consume_shortcut(&FOCUS_SEARCH) {
            cmds.push(Command::FocusSearch);
        }
    });
    if ctx.memory(|m| m.focused().is_some()) {
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

impl eframe::App for TaizhangApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.screenshot.is_none() {
            eframe::set_value(storage, PREFS_KEY, &self.prefs);
        }
    }
}

/// Loads saved preferences; a value that no longer reads falls back to the defaults.
fn load_prefs(storage: Option<&dyn eframe::Storage>) -> Prefs {
    let Some(storage) = storage else {
        return Prefs::default();
    };
    match eframe::get_value::<Prefs>(storage, PREFS_KEY) {
        Some(prefs) => prefs,
        None => {
            if storage.get_string(PREFS_KEY).is_some() {
                log::warn!("saved preferences could not be read; using the defaults");
            }
            Prefs::default()
        }
    }
}

/// Opens the database and runs the window until it is closed.
///
/// # Errors
/// A database that cannot be opened (with a message saying what to do), or a window that
/// cannot start.
pub fn run_window(db_path: &Path, screenshot: Option<&Path>, started: Instant) -> anyhow::Result<()> {
    let db = Db::open(db_path)?;
    let snapshot = db.snapshot()?;
    let outcome: ScreenshotOutcome = Arc::new(Mutex::new(None));
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("台账 Taizhang")
            .with_app_id("taizhang")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([900.0, 560.0]),
        persist_window: screenshot.is_none(),
        ..Default::default()
    };
    let label = db_path.display().to_string();
    let job = screenshot.map(|p| ScreenshotJob::new(p, Arc::clone(&outcome), started));
    eframe::run_native(
        "Taizhang",
        options,
        Box::new(move |cc| {
            crate::ui::fonts::install(&cc.egui_ctx);
            // A screenshot shows the defaults, not whatever this machine saved last.
            let prefs = if job.is_some() { Prefs::default() } else { load_prefs(cc.storage) };
            let mut app = TaizhangApp::new(snapshot, label, prefs);
            app.screenshot = job;
            if app.screenshot.is_some() {
                app.selected = app.snapshot.portfolio.projects.first().map(|p| p.id);
            }
            app._db = Some(db);
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("窗口无法启动 / the window could not start: {e}"))?;
    if screenshot.is_some() {
        let result = outcome.lock().ok().and_then(|mut o| o.take());
        match result {
            Some(Ok(())) => {}
            Some(Err(e)) => anyhow::bail!("截图失败 / screenshot failed: {e}"),
            None => anyhow::bail!("窗口关闭前未截图 / the window closed before the screenshot was taken"),
        }
    }
    Ok(())
}
