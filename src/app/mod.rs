//! app: the eframe application. Holds the snapshot, saved preferences and shared view state,
//! lays out the screen, and applies the commands the views emit. The database is only touched
//! through `db`.
//!
//! `TaizhangApp` is a table of contents: the data shown (`snapshot`, `view`), the preferences,
//! and one owner each for the database session (`session.rs`), the work off the window's
//! thread (`work.rs`), the undo history (`writes.rs`), the presentation (`present.rs`), the
//! main screen and the filters (`screen.rs`), and the windows over it (`dialogs.rs`).

mod bars;
mod commands;
mod dialogs;
mod exchange;
mod icon;
mod plan_import;
mod prefs;
mod present;
mod recovery;
mod renderer;
mod run;
mod screen;
mod screenshot;
mod session;
mod view_index;
mod work;
mod writes;

use std::sync::Arc;

use crate::db::{Db, DbError, Snapshot};
use crate::domain::{Project, ProjectId};

pub use crate::ui::command::{Action, Command, Dialog, Screen};
pub use prefs::Prefs;
pub use recovery::RecoveryApp;
pub use renderer::{RENDERER_ENV, Renderer};
pub use run::run_window;
pub use screenshot::{ScreenshotJob, ScreenshotOutcome, write_png};
pub use view_index::ViewIndex;

/// The application.
pub struct TaizhangApp {
    /// What the window shows; shared (not copied) with the workers that export it.
    snapshot: Arc<Snapshot>,
    prefs: Prefs,
    /// The rows the table shows, with their totals.
    view: ViewIndex,
    /// The database worked on: its handle, where it is, the server behind it.
    session: session::Session,
    /// Every piece of work off the window's thread, and the commands waiting for it.
    tasks: work::Tasks,
    /// Changesets made in this session that can be undone or redone.
    history: writes::History,
    /// The slides, the charts' figures, and requests to the window itself.
    presentation: present::Presentation,
    /// The table or charts screen, the selection and its editor.
    main: screen::MainScreen,
    /// The filter panel and the saved views it offers.
    filters: screen::Filters,
    /// The windows over the main screen, each with its own state.
    windows: dialogs::Windows,
    /// The last outcome to show in the status bar: text and whether it is an error.
    message: Option<(String, bool)>,
}

impl TaizhangApp {
    /// An app over an open database, with the given preferences (tests and the window both use this).
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn new(db: Db, db_label: String, prefs: Prefs) -> Result<Self, DbError> {
        let snapshot = db.snapshot()?;
        Self::with(db, snapshot, db_label, prefs)
    }

    /// An app that shows its window at once and reads the database on a worker, the status
    /// bar saying how far it has got (the window uses this: a large portfolio or a slow server
    /// does not keep the window from appearing).
    ///
    /// # Errors
    /// When the saved views or the offline copy's state cannot be read.
    pub fn opening(db: Db, db_label: String, prefs: Prefs) -> Result<Self, DbError> {
        let mut app = Self::with(db, Snapshot::default(), db_label, prefs)?;
        app.reload();
        Ok(app)
    }

    fn with(db: Db, snapshot: Snapshot, db_label: String, prefs: Prefs) -> Result<Self, DbError> {
        let (session, views) = session::Session::open(db, db_label)?;
        let mut app = Self {
            snapshot: Arc::new(snapshot),
            prefs,
            view: ViewIndex::default(),
            session,
            tasks: work::Tasks::default(),
            history: writes::History::default(),
            presentation: present::Presentation::default(),
            main: screen::MainScreen::default(),
            filters: screen::Filters { views, ..screen::Filters::default() },
            windows: dialogs::Windows::default(),
            message: None,
        };
        app.apply_schedule_settings();
        Ok(app)
    }
    /// Applies a command as if a view had emitted it (scripts and benchmarks drive the window
    /// this way).
    pub fn command(&mut self, command: Command) {
        self.apply(command);
    }

    /// Whether an export or an import is being worked on by the 导出/导入 window's worker.
    pub fn exchanging(&self) -> bool {
        self.tasks.exchange.running()
    }

    /// The preferences as they stand (the filter panel edits them).
    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }

    /// The preferences, to change (tests set up a state this way).
    pub fn prefs_mut(&mut self) -> &mut Prefs {
        &mut self.prefs
    }

    /// The rows the table shows now.
    pub fn visible_rows(&self) -> usize {
        self.view.rows.len()
    }

    /// The selected project.
    pub fn selected(&self) -> Option<ProjectId> {
        self.main.selected
    }

    /// What the window shows: the snapshot it last read.
    pub fn snapshot(&self) -> &Snapshot {
        &self.snapshot
    }

    /// The slide shown while presenting (`None` when not presenting).
    pub fn slide(&self) -> Option<usize> {
        self.presentation.slide
    }

    /// How many slides the presentation has, while presenting (after a frame has drawn it).
    pub fn slide_count(&self) -> Option<usize> {
        self.presentation
            .slide
            .and(self.presentation.charts.as_ref())
            .map(|data| crate::domain::slides(data, &self.prefs.slides).len())
    }

    /// The last message of the export/import window.
    pub fn exchange_status(&self) -> Option<&str> {
        self.windows.exchange.status()
    }

    /// The chart data the charts screen and the slides show now (`None` before they were
    /// first drawn, or after a change until they are drawn again).
    pub fn chart_figures(&self) -> Option<Arc<crate::domain::ChartData>> {
        self.presentation.charts.clone()
    }

    /// How many rows the table shows with each light, in [`crate::domain::Light::ALL`] order.
    pub fn light_counts(&self) -> [usize; 4] {
        self.view.lights
    }

    /// Whether a plan file is being read on the worker thread.
    pub fn plan_reading(&self) -> bool {
        self.tasks.plan_read.running()
    }

    /// The drafts of the plan-import review screen as they stand (edits applied).
    pub fn plan_review_rows(&self) -> Vec<crate::import::plan::DraftRow> {
        self.windows.plan_review.rows.iter().map(|r| r.row.clone()).collect()
    }

    /// The last message shown in the status bar.
    pub fn message(&self) -> Option<&str> {
        self.message.as_ref().map(|(m, _)| m.as_str())
    }

    fn project(&self, id: ProjectId) -> Option<&Project> {
        self.snapshot.portfolio.projects.iter().find(|p| p.id == id)
    }

    fn note(&mut self, text: String) {
        self.message = Some((text, false));
    }

    fn fail(&mut self, error: &dyn std::fmt::Display) {
        log::warn!("{error}");
        self.message = Some((error.to_string(), true));
    }

    /// Draws one frame: the presentation, or top bar, status bar, filters and the current
    /// screen with its windows; then applies the commands and brings every figure up to date.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        // Errors are worded in the language this process speaks: the reviewer's.
        crate::words::set_here(self.prefs.lang);
        self.poll_background(ui.ctx());
        let mut cmds = Vec::new();
        self.shortcuts(ui.ctx(), &mut cmds);
        self.save_png(ui.ctx());
        self.refresh_figures();
        self.window_requests(ui.ctx());
        if self.presentation.slide.is_some() {
            self.presentation_ui(ui, &mut cmds);
        } else {
            self.screen_ui(ui, &mut cmds);
        }
        for cmd in cmds {
            self.apply(cmd);
        }
        // A filter or setting changed this frame shows on the next one, on every screen.
        self.refresh_figures();
        self.step_screenshot(ui.ctx());
    }
}

impl eframe::App for TaizhangApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        if let Some(job) = &mut self.tasks.screenshot {
            job.frame_took(frame.info().cpu_usage);
        }
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.tasks.screenshot.is_none() {
            eframe::set_value(storage, prefs::PREFS_KEY, &self.prefs);
        }
    }
}
