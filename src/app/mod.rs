//! app: the eframe application. Holds the snapshot, saved preferences and shared view state,
//! lays out the screen, and applies the commands the views emit. The database is only touched
//! through `db`.

mod bars;
mod commands;
mod dialogs;
mod exchange;
mod icon;
mod plan_import;
mod present;
mod recovery;
mod renderer;
mod screenshot;
mod work;
mod writes;

use bars::period_over_ui;

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::db::{Db, DbError, HistoryEntry, HistoryFilter, Snapshot};
use crate::domain::{
    DEFAULT_LAG_THRESHOLD, Filter, Period, Project, ProjectId, SortColumn, SortOrder, UnitTotal, unit_totals,
};
use crate::ui::detail::detail_ui;
use crate::ui::editor::{Editor, EditorTab, history_ui};
use crate::ui::filter_panel::FilterPanel;
use crate::ui::i18n::Lang;
use crate::ui::table::{ProjectTable, TableData};

pub use crate::ui::command::{Action, Command, Dialog, Screen};
pub use recovery::RecoveryApp;
pub use renderer::{RENDERER_ENV, Renderer};
pub use screenshot::{ScreenshotJob, ScreenshotOutcome, write_png};

/// Key of the preferences in eframe's storage.
const PREFS_KEY: &str = "taizhang_prefs";

/// What is saved across restarts (window size and column widths are saved by eframe and egui).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub lang: Lang,
    pub filter: Filter,
    pub sort_column: SortColumn,
    pub sort_order: SortOrder,
    /// The name written into the history with every change.
    pub reviewer: String,
    /// Points below 序时进度 that count as lagging.
    pub lag_threshold: f64,
    /// Review date for 序时进度; `None` is the current month.
    pub review_date: Option<Period>,
    /// Pixel size of slides and charts saved as PNG.
    pub png_size: [u32; 2],
    /// The kinds of slide the presentation holds.
    pub slides: Vec<crate::domain::SlideKind>,
    /// Plans whose "the period is over: count 序时进度 at its end?" was answered.
    pub period_end_answered: Vec<i64>,
    /// The server last connected to from the settings, without its password.
    pub last_server: String,
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            lang: Lang::default(),
            filter: Filter::default(),
            sort_column: SortColumn::default(),
            sort_order: SortOrder::default(),
            reviewer: crate::platform::reviewer_name(None),
            lag_threshold: DEFAULT_LAG_THRESHOLD,
            review_date: None,
            png_size: [1920, 1080],
            slides: crate::domain::SlideKind::ALL.to_vec(),
            period_end_answered: Vec::new(),
            last_server: String::new(),
        }
    }
}

/// The filtered, sorted rows and their totals; rebuilt only when the filter or sort changes.
#[derive(Debug, Default)]
pub struct ViewIndex {
    key: Option<(Filter, SortColumn, SortOrder)>,
    pub rows: Vec<usize>,
    pub totals: Vec<UnitTotal>,
    pub lagging: usize,
    /// How many rows have each light, in [`crate::domain::Light::ALL`] order.
    pub lights: [usize; 4],
}

impl ViewIndex {
    /// The rows of `snapshot` for the filter and sort of `prefs` (a worker makes it with a load,
    /// so the window does not sort a large portfolio itself).
    fn of(snapshot: &Snapshot, prefs: &Prefs) -> Self {
        let mut view = Self::default();
        view.refresh(snapshot, prefs);
        view
    }

    /// Rebuilds the rows if the filter or sort changed; true when it did.
    fn refresh(&mut self, snapshot: &Snapshot, prefs: &Prefs) -> bool {
        let key = (prefs.filter.clone(), prefs.sort_column, prefs.sort_order);
        if self.key.as_ref() == Some(&key) {
            return false;
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
        self.lagging = portfolio.lagging_count(&self.rows);
        self.lights = portfolio.light_counts(&self.rows);
        self.key = Some(key);
        true
    }

    /// Forces a rebuild on the next frame (after the data changed).
    fn invalidate(&mut self) {
        self.key = None;
    }
}

/// State of the open windows; each loads its data when opened, not every frame.
#[derive(Debug, Default)]
struct Dialogs {
    settings: bool,
    history: Option<HistoryDialog>,
    backups: Option<Vec<PathBuf>>,
    bin: Option<Vec<Project>>,
    /// A selection waiting for "discard unsaved changes?".
    discard: Option<Option<ProjectId>>,
    /// A backup waiting for "restore?".
    restore: Option<PathBuf>,
    add_project: Option<AddProjectDialog>,
    places: bool,
    /// 问题清单, while its window is open.
    problems: Option<crate::ui::problems::ProblemsView>,
    /// 按台账更新, while its window is open.
    plan_update: Option<crate::ui::plan_update::PlanUpdateWindow>,
    /// The light rules being edited in the settings window (every measure listed).
    rules: Option<crate::domain::LightRules>,
    /// 连接服务器 in the settings window.
    server: ServerDialog,
}

/// Connecting to a server from the settings: the address and password as typed, and the
/// connection being made on a worker thread.
#[derive(Default)]
struct ServerDialog {
    url: String,
    password: String,
    connecting: Option<std::sync::mpsc::Receiver<Result<Db, String>>>,
    /// Where an offline copy goes, as typed, and the checkout running on a worker thread.
    copy_to: String,
    checking_out: Option<std::sync::mpsc::Receiver<Result<PathBuf, String>>>,
}

impl std::fmt::Debug for ServerDialog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerDialog").field("url", &self.url).field("connecting", &self.connecting.is_some()).finish()
    }
}

/// The form of a new project: the fields as typed, and the box it belongs to.
#[derive(Debug, Default)]
struct AddProjectDialog {
    fields: crate::domain::ProjectFields,
    zhuanlan: u8,
    target: String,
    errors: Vec<crate::domain::FieldError>,
}

#[derive(Debug, Default)]
struct HistoryDialog {
    reviewer: String,
    from: String,
    to: String,
    entries: Vec<HistoryEntry>,
}

/// The application.
pub struct TaizhangApp {
    /// What the window shows; shared (not copied) with the workers that export it.
    snapshot: Arc<Snapshot>,
    /// Used by one job at a time on a worker thread, or by the window's quick reads between.
    db: work::SharedDb,
    /// The job running on a worker thread, the commands waiting for it, and a load asked for
    /// meanwhile (true: keep the editor's drafts).
    job: Option<work::Job>,
    /// Jobs asked for while one ran (a window's read), started in turn.
    later: std::collections::VecDeque<work::Later>,
    queued: Vec<Command>,
    pending_load: Option<bool>,
    /// Shown in the top bar.
    db_label: String,
    prefs: Prefs,
    view: ViewIndex,
    selected: Option<ProjectId>,
    filter_panel: FilterPanel,
    table: ProjectTable,
    editor: Editor,
    /// Changesets made in this session, newest last, and the undos that can be redone.
    undo_stack: Vec<i64>,
    redo_stack: Vec<i64>,
    dialogs: Dialogs,
    exchange: exchange::Exchange,
    plan_review: crate::ui::plan_review::PlanReview,
    screen: Screen,
    /// The filter before a chart drill-down, for Back.
    drill_back: Option<Filter>,
    /// The slide shown while presenting.
    presenting: Option<usize>,
    /// A full-screen change to send to the window on the next frame.
    fullscreen_request: Option<bool>,
    /// The window's title names the plan: set it on the next frame.
    title_request: bool,
    /// Chart data for the current rows, rebuilt when they change.
    charts: Option<Arc<crate::domain::ChartData>>,
    /// Every report grouped by project, read on a worker with each load once the charts have
    /// been wanted (`index_wanted`).
    report_index: Option<crate::domain::ReportIndex>,
    index_wanted: bool,
    /// Work waiting for the next load to be in (an export of the slides waiting for the reports).
    after_load: Option<fn(&mut Self)>,
    /// Saved views, read at start and after each change.
    views: Vec<crate::db::SavedView>,
    /// A slide or chart to save as PNG; it is drawn on a worker thread, whose outcome (the
    /// message for the status bar, and whether it failed) arrives in `png_outcome`.
    png_request: Option<crate::domain::Slide>,
    png_outcome: Arc<Mutex<Option<(String, bool)>>>,
    /// Where PNGs are saved: the documents folder.
    png_dir: PathBuf,
    /// The last outcome to show in the status bar: text and whether it is an error.
    message: Option<(String, bool)>,
    screenshot: Option<ScreenshotJob>,
    /// Watches for other reviewers' writes (and a lost server connection).
    watcher: Option<crate::db::Watcher>,
    /// The connection to the server is lost: shown until it is back.
    connection_lost: Option<String>,
    /// The server this file is an offline copy of (shown, without a password).
    offline: Option<String>,
    /// The server's address and password when the window works on a server.
    login: Option<(String, Option<String>)>,
    /// The database's file (none on a server): exports never write over it.
    db_path: Option<PathBuf>,
    /// To wake the window from worker threads (set when the window starts).
    repaint: Option<egui::Context>,
    /// A sync running on a worker thread.
    syncing: Option<std::sync::mpsc::Receiver<Result<crate::db::Synced, String>>>,
    /// The conflicts of earlier syncs not yet dealt with, and whether their list is open.
    conflicts: Vec<crate::db::Conflict>,
    conflicts_open: bool,
    /// The whole-file check opening left to the background (a large file closed cleanly).
    integrity: Option<std::sync::mpsc::Receiver<Result<(), String>>>,
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
        let mut app = Self {
            snapshot: Arc::new(snapshot),
            db: Arc::new(Mutex::new(db)),
            job: None,
            later: std::collections::VecDeque::new(),
            queued: Vec::new(),
            pending_load: None,
            db_label,
            prefs,
            view: ViewIndex::default(),
            selected: None,
            filter_panel: FilterPanel::default(),
            table: ProjectTable::default(),
            editor: Editor::default(),
            undo_stack: Vec::new(),
            redo_stack: Vec::new(),
            dialogs: Dialogs::default(),
            exchange: exchange::Exchange::default(),
            plan_review: crate::ui::plan_review::PlanReview::default(),
            screen: Screen::Table,
            drill_back: None,
            presenting: None,
            fullscreen_request: None,
            title_request: true,
            charts: None,
            views: Vec::new(),
            report_index: None,
            index_wanted: false,
            after_load: None,
            png_request: None,
            png_outcome: Arc::new(Mutex::new(None)),
            png_dir: exchange::default_dir(),
            message: None,
            screenshot: None,
            watcher: None,
            connection_lost: None,
            offline: None,
            login: None,
            db_path: None,
            repaint: None,
            syncing: None,
            conflicts: Vec::new(),
            conflicts_open: false,
            integrity: None,
        };
        app.apply_schedule_settings();
        let db = app.db();
        let (views, offline, conflicts) = (db.views()?, db.offline_server()?, db.sync_conflicts()?);
        let (login, path) = (db.server_login(), db.path().map(Path::to_path_buf));
        drop(db);
        (app.views, app.offline, app.conflicts, app.login, app.db_path) = (views, offline, conflicts, login, path);
        Ok(app)
    }

    /// Applies a command as if a view had emitted it (scripts and benchmarks drive the window
    /// this way).
    pub fn command(&mut self, command: Command) {
        self.apply(command);
    }

    /// Whether an export or an import is being worked on by the 导出/导入 window's worker.
    pub fn exchanging(&self) -> bool {
        self.exchange.busy()
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
        self.selected
    }

    /// What the window shows: the snapshot it last read.
    pub fn snapshot(&self) -> &Snapshot {
        &self.snapshot
    }

    /// The slide shown while presenting (`None` when not presenting).
    pub fn slide(&self) -> Option<usize> {
        self.presenting
    }

    /// How many slides the presentation has, while presenting (after a frame has drawn it).
    pub fn slide_count(&self) -> Option<usize> {
        self.presenting.and(self.charts.as_ref()).map(|data| crate::domain::slides(data, &self.prefs.slides).len())
    }

    /// The last message of the export/import window.
    pub fn exchange_status(&self) -> Option<&str> {
        self.exchange.status()
    }

    /// The chart data the charts screen and the slides show now (`None` before they were
    /// first drawn, or after a change until they are drawn again).
    pub fn chart_figures(&self) -> Option<Arc<crate::domain::ChartData>> {
        self.charts.clone()
    }

    /// How many rows the table shows with each light, in [`crate::domain::Light::ALL`] order.
    pub fn light_counts(&self) -> [usize; 4] {
        self.view.lights
    }

    /// Whether a plan file is being read on the worker thread.
    pub fn plan_reading(&self) -> bool {
        self.plan_review.reading.is_some()
    }

    /// The drafts of the plan-import review screen as they stand (edits applied).
    pub fn plan_review_rows(&self) -> Vec<crate::import::plan::DraftRow> {
        self.plan_review.rows.iter().map(|r| r.row.clone()).collect()
    }

    /// The last message shown in the status bar.
    pub fn message(&self) -> Option<&str> {
        self.message.as_ref().map(|(m, _)| m.as_str())
    }

    fn review_date(&self) -> Period {
        self.prefs.review_date.unwrap_or_else(Period::today)
    }

    fn apply_schedule_settings(&mut self) {
        let (review, threshold) = (self.review_date(), self.prefs.lag_threshold);
        let shown = &self.snapshot.portfolio;
        if shown.review != review || shown.lag_threshold != threshold {
            let moved = shown.review != review;
            // Copied only while an export still works on the snapshot.
            Arc::make_mut(&mut self.snapshot).portfolio.set_schedule(review, threshold);
            if moved {
                // The reports up to the new month are read on a worker.
                self.reload();
            }
            self.view.invalidate();
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
    fn show_problems(&mut self, rows: Vec<crate::db::ProblemRow>) {
        let portfolio = &self.snapshot.portfolio;
        let facts = (0..portfolio.projects.len())
            .map(|i| {
                let district = portfolio.districts()[portfolio.district_index(i)].clone();
                (portfolio.projects[i].id, (district, portfolio.light(i)))
            })
            .collect();
        let view = self.dialogs.problems.get_or_insert_with(Default::default);
        view.rows = rows;
        view.facts = facts;
    }

    /// Connects to the server typed in the settings on a worker thread (a slow or unreachable
    /// server never holds the window); the window switches to it when it answers.
    fn connect_server(&mut self, ctx: &egui::Context) {
        let url = self.dialogs.server.url.trim().to_string();
        if crate::db::server_url(std::path::Path::new(&url)).is_none() {
            self.fail(&"服务器地址应为 postgres://用户@主机:端口/数据库 / The server's address should be postgres://USER@HOST:PORT/DBNAME");
            return;
        }
        let password = Some(self.dialogs.server.password.clone()).filter(|p| !p.is_empty());
        let (send, receive) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new().name("taizhang-connect".into()).spawn(move || {
            let result = Db::connect_as(&url, password.as_deref(), true).map_err(|e| e.to_string());
            let _ = send.send(result);
            ctx.request_repaint();
        });
        match spawned {
            Ok(_) => self.dialogs.server.connecting = Some(receive),
            Err(e) => self.fail(&e),
        }
    }

    /// 离线副本: checks the server out into a new file on a worker thread.
    fn start_checkout(&mut self) {
        let Some((url, password)) = self.login.clone() else { return };
        let typed = self.dialogs.server.copy_to.trim();
        let dest =
            if typed.is_empty() { exchange::default_dir().join("台账离线副本.db") } else { PathBuf::from(typed) };
        let (send, receive) = std::sync::mpsc::channel();
        let ctx = self.repaint.clone();
        let spawned = std::thread::Builder::new().name("taizhang-checkout".into()).spawn(move || {
            let result = Db::checkout(&url, password.as_deref(), &dest).map(|_| dest).map_err(|e| e.to_string());
            let _ = send.send(result);
            if let Some(ctx) = ctx {
                ctx.request_repaint();
            }
        });
        match spawned {
            Ok(_) => self.dialogs.server.checking_out = Some(receive),
            Err(e) => self.fail(&e),
        }
    }

    /// Says where the offline copy went when its checkout is done.
    fn checkout_finished(&mut self) {
        let Some(receive) = &self.dialogs.server.checking_out else { return };
        let Ok(result) = receive.try_recv() else { return };
        self.dialogs.server.checking_out = None;
        match result {
            Ok(path) => self.note(format!(
                "离线副本已写入 {0};离线时用它打开 Taizhang(taizhang --db {0}),回到网络后点“同步”。 / The offline copy is in {0}: open Taizhang on it offline (taizhang --db {0}) and press 同步 when back online.",
                path.display()
            )),
            Err(e) => self.message = Some((e, true)),
        }
    }

    /// Checks a large file whole on a worker thread when opening skipped it; a damaged file is
    /// said at once, with where the backups are.
    fn check_in_background(&mut self, ctx: &egui::Context) {
        let db = self.db();
        let Some(path) = db.path().filter(|_| db.unchecked()).map(std::path::Path::to_path_buf) else {
            return;
        };
        drop(db);
        let (send, receive) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new().name("taizhang-check".into()).spawn(move || {
            let _ = send.send(crate::db::quick_check_file(&path).map_err(|e| e.to_string()));
            ctx.request_repaint();
        });
        if spawned.is_ok() {
            self.integrity = Some(receive);
        }
    }

    fn integrity_checked(&mut self) {
        let Some(receive) = &self.integrity else { return };
        let Ok(result) = receive.try_recv() else { return };
        self.integrity = None;
        if let Err(e) = result {
            self.message = Some((e, true));
        }
    }

    /// Whether a checkout is running.
    pub fn checking_out(&self) -> bool {
        self.dialogs.server.checking_out.is_some()
    }

    /// Takes the server connection once it is made: the window works on it from then on.
    fn server_connected(&mut self, ctx: &egui::Context) {
        // A job still working on the old database finishes first.
        let Some(receive) = self.dialogs.server.connecting.as_ref().filter(|_| self.job.is_none()) else { return };
        let Ok(result) = receive.try_recv() else { return };
        self.dialogs.server.connecting = None;
        match result {
            Ok(db) => {
                let url = self.dialogs.server.url.trim().to_string();
                self.login = db.server_login();
                self.db_path = None;
                self.db = Arc::new(Mutex::new(db));
                self.db_label = crate::db::shown_url(&url);
                self.prefs.last_server = self.db_label.clone();
                self.dialogs.server.password.clear();
                self.undo_stack.clear();
                self.redo_stack.clear();
                self.connection_lost = None;
                self.offline = None;
                self.conflicts.clear();
                self.conflicts_open = false;
                self.title_request = true;
                self.reload();
                self.start_watching(ctx);
                self.note(format!("已连接 / connected: {}", self.db_label));
            }
            Err(e) => self.message = Some((e, true)),
        }
    }

    /// Syncs this offline copy on a worker thread with a handle of its own (the server may be
    /// slow or away); the window goes on meanwhile and loads the result when it is done.
    fn start_sync(&mut self) {
        let Some(path) = self.db_path.clone() else { return };
        if self.offline.is_none() || self.syncing.is_some() {
            return;
        }
        let password = Some(self.dialogs.server.password.clone()).filter(|p| !p.is_empty());
        let (send, receive) = std::sync::mpsc::channel();
        let ctx = self.repaint.clone();
        let spawned = std::thread::Builder::new().name("taizhang-sync".into()).spawn(move || {
            let result =
                Db::open(&path).map_err(crate::db::ReviewError::from).and_then(|db| db.sync(password.as_deref()));
            let _ = send.send(result.map_err(|e| e.to_string()));
            if let Some(ctx) = ctx {
                ctx.request_repaint();
            }
        });
        match spawned {
            Ok(_) => self.syncing = Some(receive),
            Err(e) => self.fail(&e),
        }
    }

    /// Loads the copy again when its sync is done, and says what it did.
    fn sync_finished(&mut self) {
        let Some(receive) = self.syncing.as_ref().filter(|_| self.job.is_none()) else { return };
        let Ok(result) = receive.try_recv() else { return };
        work::free_elsewhere(self.syncing.take());
        match result {
            Ok(synced) => {
                // The copy's changes have the server's numbers now: this session's undo is gone.
                self.undo_stack.clear();
                self.redo_stack.clear();
                self.reload();
                // Every conflict not yet dealt with, earlier syncs' too, read after the reload.
                let found = synced.conflicts.clone();
                self.conflicts_open = !found.is_empty();
                let what = self.prefs.lang.pick("正在读取 / Loading");
                self.run_job(
                    &what,
                    false,
                    |db, _| db.sync_conflicts(),
                    move |app, conflicts| app.conflicts = conflicts.unwrap_or(found),
                );
                self.note(format!(
                    "已同步:发送 {} 项修改,冲突 {} 项 / synced: {} changes sent, {} conflicts",
                    synced.sent,
                    synced.conflicts.len(),
                    synced.sent,
                    synced.conflicts.len()
                ));
            }
            Err(e) => self.message = Some((e, true)),
        }
    }

    /// Whether a sync is running.
    pub fn syncing(&self) -> bool {
        self.syncing.is_some()
    }

    /// Starts watching the database for other reviewers' writes; each wakes the window.
    pub fn start_watching(&mut self, ctx: &egui::Context) {
        self.repaint = Some(ctx.clone());
        self.check_in_background(ctx);
        let ctx = ctx.clone();
        let watcher = self.db().watch(move || ctx.request_repaint());
        match watcher {
            Ok(watcher) => self.watcher = watcher,
            Err(e) => log::warn!("not watching for other writers: {e}"),
        }
    }

    /// Loads again when another reviewer wrote (keeping the selection, the filters and an
    /// open draft), and says when the connection to the server is lost or back.
    fn others_wrote(&mut self) {
        // The events wait while a job holds the database: it reloads after a write anyway.
        let Some(watcher) = self.watcher.as_ref().filter(|_| self.job.is_none()) else { return };
        // An export's worker may be reading with the database: never wait for it here (the
        // events stay until a frame finds the database free).
        let Ok(db) = self.db.try_lock() else { return };
        let seen = db.seen_revision();
        drop(db);
        let mut load = false;
        for event in watcher.events() {
            match event {
                crate::db::WatchEvent::Revision(r) => load |= Some(r) != seen,
                crate::db::WatchEvent::Lost(why) => self.connection_lost = Some(why),
                crate::db::WatchEvent::Back => {
                    self.connection_lost = None;
                    load = true;
                }
            }
        }
        if load {
            self.reload();
        }
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

    fn request_select(&mut self, id: Option<ProjectId>) {
        if id != self.selected && self.editor.is_dirty() {
            self.dialogs.discard = Some(id);
        } else {
            self.select_now(id);
        }
    }

    fn confirm_discard(&mut self, discard: bool) {
        if let Some(id) = self.dialogs.discard.take()
            && discard
        {
            self.editor.cancel();
            self.select_now(id);
        }
    }

    /// Selects a project: its details show at once, from the snapshot; its reports and history
    /// are read on a worker and fill fresh drafts (keeping whatever was typed meanwhile).
    fn select_now(&mut self, id: Option<ProjectId>) {
        self.selected = id;
        let Some(project) = id.and_then(|id| self.project(id)).cloned() else {
            self.editor.clear();
            return;
        };
        self.editor.load(&project, Vec::new(), Vec::new(), Period::today());
        let what = self.prefs.lang.pick("正在读取 / Loading");
        let history = HistoryFilter { project: Some(project.id), ..HistoryFilter::default() };
        self.run_job(
            &what,
            false,
            move |db, _| Ok::<_, DbError>((db.reports(project.id)?, db.history(&history)?)),
            move |app, read| match read {
                Ok((reports, history)) if app.selected == Some(project.id) => {
                    let typed = app.editor.clone();
                    app.editor.load(&project, reports, history, Period::today());
                    app.editor.keep_drafts_of(&typed);
                }
                Ok(_) => {}
                Err(e) => app.fail(&e),
            },
        );
    }

    fn open_dialog(&mut self, dialog: Dialog) {
        match dialog {
            Dialog::Exchange => self.open_exchange(),
            Dialog::PlanImport => self.open_plan_import(),
            Dialog::PlanUpdate => {
                self.dialogs.plan_update.get_or_insert_with(crate::ui::plan_update::PlanUpdateWindow::default);
            }
            Dialog::Places => self.dialogs.places = true,
            Dialog::Problems => self.load_problems(),
            Dialog::Settings => {
                self.dialogs.settings = true;
                self.dialogs.rules = Some(self.snapshot.portfolio.rules.with_every_measure());
            }
            Dialog::History => {
                let what = self.prefs.lang.pick("正在读取 / Loading");
                self.run_job(
                    &what,
                    false,
                    |db, _| db.history(&HistoryFilter::default()),
                    |app, entries| match entries {
                        Ok(entries) => {
                            app.dialogs.history = Some(HistoryDialog { entries, ..HistoryDialog::default() })
                        }
                        Err(e) => app.fail(&e),
                    },
                );
            }
            Dialog::Backups => {
                let what = self.prefs.lang.pick("正在读取 / Loading");
                self.run_job(&what, false, |db, _| db.backups(), |app, backups| app.dialogs.backups = Some(backups));
            }
            Dialog::Bin => {
                let what = self.prefs.lang.pick("正在读取 / Loading");
                self.run_job(
                    &what,
                    false,
                    |db, _| db.bin(),
                    |app, bin| match bin {
                        Ok(bin) => app.dialogs.bin = Some(bin),
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
                self.dialogs.add_project =
                    Some(AddProjectDialog { fields, zhuanlan: 6, ..AddProjectDialog::default() });
            }
        }
    }

    /// Draws one frame: the presentation, or top bar, status bar, filters and the current
    /// screen with its windows; then applies the commands and brings every figure up to date.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        self.poll_jobs();
        self.others_wrote();
        self.server_connected(ui.ctx());
        self.sync_finished();
        self.checkout_finished();
        self.integrity_checked();
        let mut cmds = Vec::new();
        self.shortcuts(ui.ctx(), &mut cmds);
        self.save_png(ui.ctx());
        self.refresh_figures();
        if let Some(on) = self.fullscreen_request.take() {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
        }
        if std::mem::take(&mut self.title_request) {
            let title = format!("台账 Taizhang · {}", self.snapshot.plan.title);
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Title(title));
        }
        if self.presenting.is_some() {
            self.presentation_ui(ui, &mut cmds);
        } else {
            self.screen_ui(ui, &mut cmds);
        }
        for cmd in cmds {
            self.apply(cmd);
        }
        // A filter or setting changed this frame shows on the next one, on every screen.
        self.refresh_figures();
        let idle = self.idle();
        if let Some(job) = &mut self.screenshot {
            job.step(ui.ctx(), idle);
        }
    }

    /// The one path by which the table, the status bar, the charts and the slides follow the
    /// review date, the lag threshold, the filter and the sort: whatever changed, the rows are
    /// rebuilt, and the charts with them.
    fn refresh_figures(&mut self) {
        self.apply_schedule_settings();
        if self.view.refresh(&self.snapshot, &self.prefs) {
            self.charts = None;
        }
    }

    /// The main screen (table or charts) with its bars and windows.
    fn screen_ui(&mut self, ui: &mut egui::Ui, cmds: &mut Vec<Command>) {
        let lang = self.prefs.lang;
        egui::Panel::top("top_bar").show(ui, |ui| self.top_bar_ui(ui, cmds));
        if let Some(end) = self.period_over() {
            egui::Panel::top("period_over").show(ui, |ui| period_over_ui(ui, end, Period::today(), lang, cmds));
        }
        egui::Panel::bottom("status_bar").show(ui, |ui| self.status_bar_ui(ui));
        egui::Panel::left("filters").resizable(true).default_size(240.0).show(ui, |ui| {
            self.filter_panel.ui(ui, &self.snapshot, &self.views, &mut self.prefs.filter, lang, cmds);
        });
        if self.screen == Screen::Charts {
            let data = self.chart_data();
            let prefs = (&mut self.prefs.png_size, &mut self.prefs.slides);
            egui::CentralPanel::default().show(ui, |ui| crate::ui::charts::charts_ui(ui, &data, lang, prefs, cmds));
        } else {
            egui::Panel::bottom("detail").resizable(true).default_size(260.0).min_size(160.0).show(ui, |ui| {
                self.detail_ui(ui, cmds);
            });
            egui::CentralPanel::default().show(ui, |ui| {
                if self.snapshot.plans.is_empty() && !self.idle() {
                    // The first load is still running (its progress is in the status bar).
                    ui.centered_and_justified(|ui| ui.weak(lang.pick("正在读取数据库… / Reading the database…")));
                    return;
                }
                let data = TableData {
                    portfolio: &self.snapshot.portfolio,
                    rows: &self.view.rows,
                    selected: self.selected,
                    sort: (self.prefs.sort_column, self.prefs.sort_order),
                    lang,
                };
                self.table.ui(ui, &data, cmds);
            });
        }
        self.dialogs_ui(ui.ctx(), cmds);
        self.exchange_ui(ui.ctx(), cmds);
        self.poll_plan_read(ui.ctx());
        crate::ui::plan_review::plan_review_ui(ui.ctx(), &mut self.plan_review, self.prefs.lang, cmds);
        if let Some(window) = &mut self.dialogs.plan_update {
            let mut open = true;
            window.show(ui.ctx(), &mut open, self.job.is_some(), self.prefs.lang, cmds);
            if !open {
                self.dialogs.plan_update = None;
            }
        }
        let month = self.review_date();
        if let Some(view) = &mut self.dialogs.problems {
            let mut open = true;
            crate::ui::problems::problems_ui(ui.ctx(), &mut open, view, month, self.prefs.lang, cmds);
            if !open {
                self.dialogs.problems = None;
            }
        }
        if self.dialogs.places {
            let places = &self.snapshot.portfolio.gazetteer;
            crate::ui::places::places_ui(ui.ctx(), &mut self.dialogs.places, places, self.prefs.lang, cmds);
        }
        self.dropped_files(ui.ctx());
        if self.exchange.busy() {
            ui.ctx().request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    fn detail_ui(&mut self, ui: &mut egui::Ui, cmds: &mut Vec<Command>) {
        let lang = self.prefs.lang;
        let project = self.selected.and_then(|id| self.project(id)).cloned();
        let Some(project) = project else {
            detail_ui(ui, &self.snapshot, None, lang);
            return;
        };
        self.editor.tabs_ui(ui, lang);
        ui.separator();
        let today = Period::today();
        match self.editor.tab {
            EditorTab::Details => detail_ui(ui, &self.snapshot, Some(&project), lang),
            EditorTab::Report => self.editor.report_ui(ui, &self.snapshot, &project, today, lang, cmds),
            EditorTab::Edit => self.editor.edit_ui(ui, &self.snapshot, &project, today, lang, cmds),
            EditorTab::History => history_ui(ui, &self.editor.history, lang, false),
        }
    }
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
/// The window is started with each renderer of `renderer.attempts()` in turn until one works
/// (see `renderer.rs`); the log says which one draws it.
///
/// # Errors
/// A database that cannot be opened (with a message saying what to do), or a window that
/// cannot start with any renderer.
/// `reviewer` (from `--reviewer`) replaces the saved name for this run and is saved with it.
pub fn run_window(
    db_path: &Path,
    screenshot: Option<&Path>,
    reviewer: Option<&str>,
    renderer: Renderer,
    started: Instant,
) -> anyhow::Result<()> {
    let db = match Db::open(db_path) {
        Ok(db) => db,
        // Started from the desktop, nobody reads standard error: say it in a window, and offer
        // the backups of a damaged file.
        Err(e) if screenshot.is_none() => {
            show_recovery(db_path, &e);
            return Err(e.into());
        }
        Err(e) => return Err(e.into()),
    };
    let backup_failed = db.daily_backup().err().map(|e| {
        log::warn!("daily backup failed: {e}");
        // The error says that the backup failed, where, and what to do, in both languages.
        e.to_string()
    });
    let outcome: ScreenshotOutcome = Arc::new(Mutex::new(None));
    let start = WindowStart {
        db: Rc::new(Cell::new(Some(db))),
        label: match crate::db::server_url(db_path) {
            Some(url) => crate::db::shown_url(url),
            None => db_path.display().to_string(),
        },
        reviewer: reviewer.map(str::to_string),
        backup_failed,
    };
    // wgpu's own WGPU_BACKEND still decides when no renderer was asked for.
    let attempts = if renderer == Renderer::Auto && std::env::var_os("WGPU_BACKEND").is_some() {
        vec![Renderer::Auto]
    } else {
        renderer.attempts()
    };
    let mut failures: Vec<String> = Vec::new();
    for (i, &attempt) in attempts.iter().enumerate() {
        let options = eframe::NativeOptions {
            viewport: egui::ViewportBuilder::default()
                .with_title("台账 Taizhang")
                .with_app_id("taizhang")
                .with_icon(icon::window_icon())
                .with_inner_size([1280.0, 800.0])
                .with_min_inner_size([900.0, 560.0]),
            persist_window: screenshot.is_none(),
            wgpu_options: attempt.wgpu_options(),
            ..Default::default()
        };
        // A failed attempt never reached the app, so the database is still here; reopened only
        // if an attempt took it and then failed.
        let db = match start.db.take() {
            Some(db) => db,
            None => Db::open(db_path)?,
        };
        start.db.set(Some(db));
        let created = Rc::new(Cell::new(false));
        let job = screenshot.map(|p| ScreenshotJob::new(p, Arc::clone(&outcome), started));
        let creator = start.app_creator(job, attempt, !failures.is_empty(), Rc::clone(&created));
        match eframe::run_native("Taizhang", options, creator) {
            Ok(()) => break,
            Err(e) if !created.get() && i + 1 < attempts.len() => {
                log::warn!("{attempt} could not start the window ({e}); trying {}", attempts[i + 1]);
                failures.push(format!("{attempt}: {e}"));
            }
            Err(e) => {
                failures.push(format!("{attempt}: {e}"));
                anyhow::bail!(
                    "窗口无法启动 / the window could not start: {} (--renderer {} picks one)",
                    failures.join("; "),
                    Renderer::NAMES.join("|")
                );
            }
        }
    }
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

/// What each attempt to start the window hands to the app it creates.
struct WindowStart {
    /// The open database; taken by the app that starts.
    db: Rc<Cell<Option<Db>>>,
    label: String,
    reviewer: Option<String>,
    backup_failed: Option<String>,
}

impl WindowStart {
    /// The app, made once the renderer has started; `created` tells `run_window` that it was.
    fn app_creator(
        &self,
        job: Option<ScreenshotJob>,
        renderer: Renderer,
        fallback: bool,
        created: Rc<Cell<bool>>,
    ) -> eframe::AppCreator<'static> {
        let db = Rc::clone(&self.db);
        let label = self.label.clone();
        let reviewer = self.reviewer.clone();
        let backup_failed = self.backup_failed.clone();
        Box::new(move |cc| {
            created.set(true);
            if let Some(state) = &cc.wgpu_render_state {
                let info = state.adapter.get_info();
                let drawn = format!("the window is drawn with {renderer} ({:?}, {})", info.backend, info.name);
                if fallback { log::warn!("{drawn}") } else { log::info!("{drawn}") }
            }
            let db = db.take().ok_or("the database was taken by an earlier window")?;
            crate::ui::fonts::install(&cc.egui_ctx);
            // A screenshot shows the defaults, not whatever this machine saved last.
            let mut prefs = if job.is_some() { Prefs::default() } else { load_prefs(cc.storage) };
            if let Some(name) = reviewer.filter(|n| !n.trim().is_empty()) {
                prefs.reviewer = name;
            }
            let mut app = TaizhangApp::opening(db, label, prefs)?;
            app.start_watching(&cc.egui_ctx);
            if let Some(text) = backup_failed {
                app.message = Some((text, true));
            }
            if job.is_some() {
                // The screenshot shows the first project selected, once the data is in.
                app.after_load = Some(|app| {
                    let first = app.snapshot.portfolio.projects.first().map(|p| p.id);
                    app.select_now(first);
                });
            }
            app.screenshot = job;
            Ok(Box::new(app))
        })
    }
}

/// The recovery window for a database that would not open; returns when it is closed.
fn show_recovery(db_path: &Path, error: &DbError) {
    let app = RecoveryApp::new(db_path, error);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("台账 Taizhang")
            .with_app_id("taizhang")
            .with_icon(icon::window_icon())
            .with_inner_size([820.0, 520.0]),
        persist_window: false,
        ..Default::default()
    };
    let started = eframe::run_native(
        "Taizhang",
        options,
        Box::new(move |cc| {
            crate::ui::fonts::install(&cc.egui_ctx);
            Ok(Box::new(app))
        }),
    );
    if let Err(e) = started {
        log::warn!("the recovery window could not start: {e}");
    }
}
