//! Work on the database off the window's thread: saving and the reload after it, loading after
//! another reviewer's write or a new review month, undo, imports, backups and restores. One job
//! at a time holds the database on a worker thread; the window keeps drawing what it last read,
//! shows the job in the status bar (with the part done where it is known, and 取消 where
//! stopping loses nothing), and keeps the commands given meanwhile to apply after it, in order.

use crate::words::{say, tr};
use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use crate::db::{Db, DbError, HistoryEntry, HistoryFilter, ProblemRow, Progress, ReviewError, Snapshot};
use crate::domain::{Period, Project, ProjectId, Report};

use super::{Command, TaizhangApp};
use crate::ui::bars::JobShown;
use crate::ui::command::TaskKind;

/// The database, shared by the window's thread and the job running on a worker.
pub(super) type SharedDb = Arc<Mutex<Db>>;

/// Takes the database; a worker that panicked while holding it leaves it as its last
/// transaction left it (rolled back), so it is still usable.
pub(super) fn lock(db: &Mutex<Db>) -> MutexGuard<'_, Db> {
    db.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A job asked for while another ran: it starts the job when that one is done.
pub(super) type Later = Box<dyn FnOnce(&mut TaizhangApp)>;

/// Every piece of work off the window's thread, in one place: the one job that holds the
/// database with the jobs and commands waiting for it, the load asked for meanwhile and the
/// work waiting for it, the threads of their own (connect, checkout, sync, the whole-file
/// check, a plan file read, the 导出/导入 window's work, a PNG), and a screenshot run. Each frame polls them ([`TaizhangApp::poll_background`]).
#[derive(Default)]
pub(super) struct Tasks {
    /// The job running on a worker thread.
    pub(super) job: Option<Job>,
    /// Jobs asked for while one ran (a window's read), started in turn.
    pub(super) later: VecDeque<Later>,
    /// Commands given while a job ran, applied after it in order.
    pub(super) queued: Vec<Command>,
    /// A load asked for meanwhile (true: keep the editor's drafts).
    pub(super) pending_load: Option<bool>,
    /// Work waiting for the next load to be in (an export of the slides waiting for the reports).
    pub(super) after_load: Option<fn(&mut TaizhangApp)>,
    /// To wake the window from worker threads (set when the window starts).
    pub(super) repaint: Option<egui::Context>,
    /// A server connection being made from the settings.
    pub(super) connecting: Pending<Result<Db, String>>,
    /// An offline copy being checked out.
    pub(super) checking_out: Pending<Result<PathBuf, String>>,
    /// A sync of this offline copy.
    pub(super) syncing: Pending<Result<crate::db::Synced, String>>,
    /// The whole-file check opening left to the background (a large file closed cleanly).
    pub(super) integrity: Pending<Result<(), String>>,
    /// That check waits for the first load to be in.
    pub(super) check_after_load: bool,
    /// A plan file being read for the review screen (a long PDF takes a while).
    pub(super) plan_read: Pending<Result<crate::import::plan::PlanFile, crate::import::plan::PlanFileError>>,
    /// An export, a document or an import of the 导出/导入 window, which shows it and can stop it.
    pub(super) exchange: Pending<super::exchange::Outcome>,
    /// A slide or chart being saved as PNG: the message for the status bar, and whether it failed.
    pub(super) png_outcome: Arc<Mutex<Option<(String, bool)>>>,
    /// `--screenshot`: the frame to capture once the data is in.
    pub(super) screenshot: Option<super::ScreenshotJob>,
    /// The first screen of rows, read before the whole snapshot of the first load (issue 28).
    pub(super) head: HeadSlot,
    /// The search keys of the rows shown, made after each load (a search typed meanwhile
    /// waits for them without holding a frame: `Keys::Coming`).
    pub(super) search_keys: Pending<()>,
}

impl Tasks {
    /// Everything running now, as the status bar shows it: the database job first (with its
    /// progress and the commands waiting for it), then the work on threads of its own. 取消 is
    /// offered where stopping loses nothing: a load, and the 导出/导入 window's work.
    pub(super) fn running(&self, lang: crate::ui::i18n::Lang) -> Vec<JobShown<'_>> {
        let mut shown: Vec<JobShown<'_>> = self
            .job
            .iter()
            .map(|job| JobShown {
                what: &job.what,
                started: job.started,
                fraction: job.progress.fraction(),
                cancel: job.cancellable.then_some(Command::CancelTask(TaskKind::Job)),
                waiting: self.queued.len(),
            })
            .collect();
        let threads = [
            (self.exchange.shown(""), Some(TaskKind::Exchange)),
            (self.syncing.shown(lang.tr("正在同步", "Syncing")), None),
            (self.checking_out.shown(lang.tr("正在取出离线副本", "Checking out an offline copy")), None),
            (self.connecting.shown(lang.tr("正在连接服务器", "Connecting to the server")), None),
            (self.plan_read.shown(lang.tr("正在读取规划文件", "Reading the plan file")), None),
            (self.integrity.shown(lang.tr("正在检查数据库文件", "Checking the database file")), None),
            (self.search_keys.shown(lang.tr("正在建立搜索索引", "Building the search index")), None),
        ];
        for (running, kind) in threads {
            if let Some((what, started)) = running {
                let cancel = kind.map(Command::CancelTask);
                shown.push(JobShown { what, started, fraction: None, cancel, waiting: 0 });
            }
        }
        shown
    }
}

/// Where the worker leaves the first screen of rows for the window.
pub(super) type HeadSlot = Arc<Mutex<Option<Loaded>>>;

/// How many rows the first screen reads before the rest: a screen holds about 30.
const HEAD_ROWS: usize = 100;

/// What the status bar says while only the first screen of rows is in.
const HEAD_NOTE: (&str, &str) =
    ("已显示前 100 项,其余正在读取…", "The first 100 rows are shown; the rest are loading…");

impl Tasks {
    /// Whether no job is running and no command is waiting for one.
    pub(super) fn idle(&self) -> bool {
        self.job.is_none() && self.later.is_empty() && self.queued.is_empty() && self.pending_load.is_none()
    }
}

/// Work on a named thread of its own, apart from the job that holds the database (a server
/// connection, a checkout, a sync, the whole-file check, a plan file read, an export or
/// import of the 导出/导入 window): its result, once it has come, and the flag that asks it
/// to stop.
pub(super) struct Pending<T> {
    receive: Option<Receiver<T>>,
    /// Set to ask the work to stop (it looks at it where stopping loses nothing); what it
    /// gives after that is dropped.
    cancel: Arc<AtomicBool>,
    /// What the work is, for whoever shows it.
    label: String,
    /// When it started.
    started: Option<Instant>,
}

impl<T> Default for Pending<T> {
    fn default() -> Self {
        Self { receive: None, cancel: Arc::default(), label: String::new(), started: None }
    }
}

/// What became of work on a thread of its own, at one look.
pub(super) enum Polled<T> {
    /// Nothing runs, or it runs still.
    Waiting,
    Done(T),
    /// The thread ended without an answer (it panicked).
    Lost,
}

impl<T: Send + 'static> Pending<T> {
    /// Starts `work` on a thread named `name`; it wakes the window when it is done.
    pub(super) fn start(
        &mut self,
        name: &str,
        repaint: Option<egui::Context>,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> std::io::Result<()> {
        self.start_labelled(name, String::new(), repaint, move |_| work())
    }

    /// Starts `work`, which sees the stop flag, on a thread named `name`; `label` says what it
    /// does.
    pub(super) fn start_labelled(
        &mut self,
        name: &str,
        label: String,
        repaint: Option<egui::Context>,
        work: impl FnOnce(&AtomicBool) -> T + Send + 'static,
    ) -> std::io::Result<()> {
        let (send, receive) = std::sync::mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&cancel);
        let lang = crate::words::current();
        std::thread::Builder::new().name(name.into()).spawn(move || {
            crate::words::set_here(lang);
            let result = work(&flag);
            if !flag.load(Ordering::Relaxed) {
                let _ = send.send(result);
            }
            if let Some(ctx) = repaint {
                ctx.request_repaint();
            }
        })?;
        (self.receive, self.cancel, self.label) = (Some(receive), cancel, label);
        self.started = Some(Instant::now());
        Ok(())
    }

    /// Whether it has started and its result has not been taken.
    pub(super) fn running(&self) -> bool {
        self.receive.is_some()
    }

    /// What it does (its label, else `what`) and since when, while it runs.
    fn shown<'a>(&'a self, what: &'a str) -> Option<(&'a str, Instant)> {
        let label = if self.label.is_empty() { what } else { self.label.as_str() };
        self.running().then(|| (label, self.started.unwrap_or_else(Instant::now)))
    }

    /// Asks it to stop and forgets it: what it gives is dropped.
    pub(super) fn cancel(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
        self.receive = None;
    }

    /// The result, once it has come (the channel is freed off the window's thread); a thread
    /// that ended without one stays "running".
    pub(super) fn finished(&mut self) -> Option<T> {
        let result = self.receive.as_ref()?.try_recv().ok()?;
        free_elsewhere(self.receive.take());
        Some(result)
    }

    /// The result once it has come, or that the thread ended without one.
    pub(super) fn poll(&mut self) -> Polled<T> {
        match self.receive.as_ref().map(Receiver::try_recv) {
            None | Some(Err(TryRecvError::Empty)) => Polled::Waiting,
            Some(Ok(result)) => {
                free_elsewhere(self.receive.take());
                Polled::Done(result)
            }
            Some(Err(TryRecvError::Disconnected)) => {
                self.receive = None;
                Polled::Lost
            }
        }
    }
}

/// A job running on a worker thread.
pub(super) struct Job {
    /// What the status bar says (正在保存, Saving).
    pub what: String,
    pub started: Instant,
    pub progress: Arc<Progress>,
    /// Whether 取消 is offered: only where stopping loses nothing (a load).
    pub cancellable: bool,
    /// Takes the worker's result when it has come and applies it; true when the job is over.
    finish: Box<dyn FnMut(&mut TaizhangApp) -> bool>,
}

/// What the window reads after a write or to catch up with others: everything it shows.
struct Wants {
    review: Period,
    threshold: f64,
    /// The filter and sort shown, for the rows.
    prefs: super::Prefs,
    selected: Option<ProjectId>,
    bin: bool,
    problems: bool,
    /// Every report, grouped by project, for the charts.
    index: bool,
    /// On the first load: where to put the first screen of rows, and the window to wake.
    head: Option<(HeadSlot, Option<egui::Context>)>,
}

/// What a load read: the snapshot, and the open windows' and the editor's data.
pub(super) struct Loaded {
    snapshot: Snapshot,
    bin: Option<Vec<Project>>,
    problems: Option<Vec<ProblemRow>>,
    editor: Option<(Vec<Report>, Vec<HistoryEntry>)>,
    /// The plan's saved views (a plan switch or another reviewer may change them).
    views: Vec<crate::db::SavedView>,
    index: Option<crate::domain::ReportIndex>,
    /// The rows the table shows, filtered and sorted here rather than on the window's thread.
    rows: super::ViewIndex,
}

impl Wants {
    /// Reads it all; `None` when the load was cancelled.
    fn load(&self, db: &Db, progress: &Progress) -> Result<Option<Loaded>, DbError> {
        if let Some((slot, repaint)) = &self.head {
            // A large file's first screen comes first; the whole read follows.
            let snapshot = db.snapshot_head(self.review, self.threshold, HEAD_ROWS)?;
            let rows = super::ViewIndex::of(&snapshot, &self.prefs);
            let head =
                Loaded { snapshot, bin: None, problems: None, editor: None, views: Vec::new(), index: None, rows };
            if let Ok(mut slot) = slot.lock() {
                *slot = Some(head);
            }
            if let Some(repaint) = repaint {
                repaint.request_repaint();
            }
        }
        let Some(snapshot) = db.snapshot_with(self.review, self.threshold, progress)? else {
            return Ok(None);
        };
        // Lit here, not by the first frame that shows them (the search keys follow on a
        // thread of their own once the data is shown: `install`).
        snapshot.portfolio.prepare_lights();
        let selected = self.selected.filter(|id| snapshot.portfolio.projects.iter().any(|p| p.id == *id));
        let editor = match selected {
            Some(id) => {
                let history = HistoryFilter { project: Some(id), ..HistoryFilter::default() };
                Some((db.reports(id)?, db.history(&history)?))
            }
            None => None,
        };
        Ok(Some(Loaded {
            bin: if self.bin { Some(db.bin()?) } else { None },
            problems: if self.problems { Some(db.problems(&crate::db::ProblemFilter::default())?) } else { None },
            editor,
            rows: super::ViewIndex::of(&snapshot, &self.prefs),
            views: db.views()?,
            index: if self.index {
                Some(crate::domain::ReportIndex::new(&snapshot.portfolio, db.all_reports()?))
            } else {
                None
            },
            snapshot,
        }))
    }
}

/// What a load gives: the data, `None` when it was cancelled, or why it failed.
type LoadOutcome = Result<Option<Loaded>, DbError>;

/// Errors after which the window loads again: a write refused because another reviewer
/// changed the project shows their change (the draft stays).
pub(super) trait ShowsOthers {
    fn shows_others(&self) -> bool;
}

impl ShowsOthers for ReviewError {
    fn shows_others(&self) -> bool {
        matches!(self, ReviewError::Stale { .. })
    }
}

impl ShowsOthers for DbError {
    fn shows_others(&self) -> bool {
        false
    }
}

impl ShowsOthers for crate::usecase::update_sheet::UpdateSheetError {
    fn shows_others(&self) -> bool {
        matches!(self, Self::Review(ReviewError::Stale { .. }))
    }
}

impl ShowsOthers for crate::usecase::plan_update::PlanUpdateError {
    fn shows_others(&self) -> bool {
        matches!(self, Self::Review(ReviewError::Stale { .. }))
    }
}

impl TaizhangApp {
    /// The database, for the window's own quick reads. Never taken while a job runs: the
    /// commands that need it wait in [`TaizhangApp::apply`].
    pub fn db(&self) -> MutexGuard<'_, Db> {
        lock(&self.session.db)
    }

    /// Whether no job is running and no command is waiting for one.
    pub fn idle(&self) -> bool {
        self.tasks.idle()
    }

    /// Runs `work` with the database on a worker thread, then `then` with its result on the
    /// window's thread.
    pub(super) fn run_job<R: Send + 'static>(
        &mut self,
        what: &str,
        cancellable: bool,
        work: impl FnOnce(&mut Db, &Progress) -> R + Send + 'static,
        then: impl FnOnce(&mut Self, R) + 'static,
    ) {
        if self.tasks.job.is_some() {
            // One job at a time: this one starts when the running one is done.
            let what = what.to_string();
            self.tasks.later.push_back(Box::new(move |app: &mut Self| app.run_job(&what, cancellable, work, then)));
            return;
        }
        let (send, receive) = std::sync::mpsc::channel();
        let progress = Arc::new(Progress::default());
        let (db, shared, repaint) = (Arc::clone(&self.session.db), Arc::clone(&progress), self.tasks.repaint.clone());
        let lang = crate::words::current();
        let spawned = std::thread::Builder::new().name("taizhang-db".into()).spawn(move || {
            crate::words::set_here(lang);
            let result = work(&mut lock(&db), &shared);
            let _ = send.send(result);
            if let Some(ctx) = repaint {
                ctx.request_repaint();
            }
        });
        if let Err(e) = spawned {
            self.fail(&say!("无法启动后台任务:{e}", "could not start a worker thread: {e}"));
            return;
        }
        self.tasks.job = Some(Job {
            what: what.to_string(),
            started: Instant::now(),
            progress,
            cancellable,
            finish: finisher(receive, then),
        });
    }

    /// A write on a worker thread and, when it is stored (or refused because another reviewer
    /// got there first), the reload after it there too; `then` gets the write's outcome once the
    /// new state is shown.
    pub(super) fn write_job<T: Send + 'static, E: ShowsOthers + std::fmt::Display + Send + 'static>(
        &mut self,
        what: &str,
        work: impl FnOnce(&mut Db) -> Result<T, E> + Send + 'static,
        then: impl FnOnce(&mut Self, Result<T, E>) + 'static,
    ) {
        self.write_job_with(what, true, work, then);
    }

    /// As [`TaizhangApp::write_job`]; `keep_drafts: false` for a save of the editor's own
    /// draft, which is what the reload then shows.
    pub(super) fn write_job_with<T: Send + 'static, E: ShowsOthers + std::fmt::Display + Send + 'static>(
        &mut self,
        what: &str,
        keep_drafts: bool,
        work: impl FnOnce(&mut Db) -> Result<T, E> + Send + 'static,
        then: impl FnOnce(&mut Self, Result<T, E>) + 'static,
    ) {
        let wants = self.wants();
        self.run_job(
            what,
            false,
            move |db, progress| {
                let outcome = work(db);
                let reload = match &outcome {
                    Ok(_) => true,
                    Err(e) => e.shows_others(),
                };
                let loaded = reload.then(|| wants.load(db, progress));
                (outcome, loaded)
            },
            move |app, (outcome, loaded): (Result<T, E>, Option<LoadOutcome>)| {
                let keep_drafts = keep_drafts || outcome.is_err();
                match loaded {
                    Some(Ok(Some(loaded))) => app.install(loaded, keep_drafts),
                    Some(Err(e)) => app.fail(&e),
                    Some(Ok(None)) | None => {}
                }
                then(app, outcome);
            },
        );
    }

    /// Loads everything again on a worker thread (after another reviewer's write, a new review
    /// month, a new server); the editor keeps what the reviewer typed. Waits for a running
    /// job; several requests make one load.
    pub(super) fn reload(&mut self) {
        self.tasks.pending_load = Some(true);
    }

    fn start_load(&mut self, keep_drafts: bool) {
        let wants = self.wants();
        let what = self.prefs.lang.tr("正在读取", "Loading");
        // The first load cannot be stopped: there is nothing older to show.
        let cancellable = !self.snapshot.plans.is_empty();
        self.run_job(
            what,
            cancellable,
            move |db, progress| wants.load(db, progress),
            move |app, loaded| match loaded {
                Ok(Some(loaded)) => app.install(loaded, keep_drafts),
                Ok(None) => app.note(
                    app.prefs
                        .lang
                        .tr("已取消读取,显示的是之前的数据", "Loading cancelled: the window shows what it read before")
                        .to_string(),
                ),
                Err(e) => app.fail(&e),
            },
        );
    }

    fn wants(&self) -> Wants {
        Wants {
            review: self.review_date(),
            threshold: self.prefs.lag_threshold,
            prefs: self.prefs.clone(),
            selected: self.main.selected,
            bin: self.windows.bin.is_some(),
            problems: self.windows.problems.is_some(),
            index: self.presentation.index_wanted,
            head: self.snapshot.plans.is_empty().then(|| (Arc::clone(&self.tasks.head), self.tasks.repaint.clone())),
        }
    }

    /// Shows the first screen of rows of the first load, unless the whole of it is in already.
    fn show_head(&mut self) {
        let head = self.tasks.head.lock().ok().and_then(|mut slot| slot.take());
        let Some(head) = head else { return };
        if !self.snapshot.plans.is_empty() {
            return;
        }
        self.snapshot = Arc::new(head.snapshot);
        self.view = head.rows;
        self.presentation.title_request = true;
        self.message = Some((self.prefs.lang.tr(HEAD_NOTE.0, HEAD_NOTE.1).to_string(), false));
        if let Some(shot) = &mut self.tasks.screenshot {
            shot.first_rows();
        }
    }

    /// Shows what a load read, keeping the selection, the filters and (with `keep_drafts`)
    /// what the reviewer has typed in the editor.
    fn install(&mut self, loaded: Loaded, keep_drafts: bool) {
        if self.message.as_ref().is_some_and(|(m, _)| m == HEAD_NOTE.0 || m == HEAD_NOTE.1) {
            self.message = None;
        }
        let editing = self.main.editor.project().filter(|_| keep_drafts && self.main.editor.is_dirty());
        let before = editing.map(|_| self.main.editor.clone());
        let shown = std::mem::replace(&mut self.snapshot, Arc::new(loaded.snapshot));
        self.presentation.title_request |= shown.plan.id != self.snapshot.plan.id;
        // Freeing a large snapshot takes a while: not on the window's thread.
        free_elsewhere(shown);
        self.prepare_search_elsewhere();
        self.filters.views = loaded.views;
        self.presentation.report_index = loaded.index;
        self.presentation.charts = None;
        // When the filter or sort changed meanwhile, the next frame makes the rows again.
        self.view = loaded.rows;
        let project = self.main.selected.and_then(|id| self.project(id)).cloned();
        match (project, loaded.editor) {
            (Some(project), Some((reports, history))) => {
                self.main.editor.load(&project, reports, history, Period::today());
            }
            _ => {
                self.main.selected = None;
                self.main.editor.clear();
            }
        }
        if let (Some(id), Some(draft)) = (editing, before)
            && self.main.selected == Some(id)
        {
            self.main.editor.keep_drafts_of(&draft);
        }
        if let (Some(bin), true) = (loaded.bin, self.windows.bin.is_some()) {
            self.windows.bin = Some(bin);
        }
        if let (Some(rows), true) = (loaded.problems, self.windows.problems.is_some()) {
            self.show_problems(rows);
        }
        if let Some(then) = self.tasks.after_load.take() {
            then(self);
        }
    }

    /// Takes in whatever finished off the window's thread since the last frame: the job's
    /// result (then the next job, load or waiting commands), other reviewers' writes, a server
    /// connection, a sync, a checkout, the whole-file check.
    pub(super) fn poll_background(&mut self, ctx: &egui::Context) {
        self.poll_jobs();
        self.show_head();
        self.others_wrote();
        self.server_connected(ctx);
        self.sync_finished();
        self.checkout_finished();
        self.integrity_checked();
    }

    /// Takes the running job's result when it has come; with no job running, starts a load
    /// asked for meanwhile and applies the commands that waited.
    fn poll_jobs(&mut self) {
        if let Some(mut job) = self.tasks.job.take()
            && !(job.finish)(self)
        {
            self.tasks.job = Some(job);
            return;
        }
        if self.tasks.job.is_some() {
            return;
        }
        if let Some(start) = self.tasks.later.pop_front() {
            start(self);
            return;
        }
        if let Some(keep_drafts) = self.tasks.pending_load.take() {
            self.start_load(keep_drafts);
            return;
        }
        let queued = std::mem::take(&mut self.tasks.queued);
        let mut commands = queued.into_iter();
        for command in commands.by_ref() {
            self.apply(command);
            if self.tasks.job.is_some() {
                break;
            }
        }
        // What the job just started must finish first; the rest waits, in order.
        let rest: Vec<Command> = commands.collect();
        self.tasks.queued.splice(0..0, rest);
    }

    /// One frame of a `--screenshot` run: it captures once the data is in.
    pub(super) fn step_screenshot(&mut self, ctx: &egui::Context) {
        let idle = self.idle();
        if let Some(job) = &mut self.tasks.screenshot {
            job.step(ctx, idle);
        }
    }

    /// Asks the running job to stop, where that loses nothing.
    /// Stops the running work of `kind`, where stopping loses nothing.
    pub(super) fn cancel_task(&mut self, kind: TaskKind) {
        match kind {
            TaskKind::Job => {
                if let Some(job) = self.tasks.job.as_ref().filter(|j| j.cancellable) {
                    job.progress.cancel();
                }
            }
            TaskKind::Exchange => self.tasks.exchange.cancel(),
        }
    }
}

impl TaizhangApp {
    /// Makes the rows' search keys on a thread of its own, so that neither the load (the data
    /// is shown without them) nor a search typed meanwhile (it waits for them, frames going on:
    /// [`TaizhangApp::keys`]) holds a frame.
    fn prepare_search_elsewhere(&mut self) {
        let snapshot = Arc::clone(&self.snapshot);
        let repaint = self.tasks.repaint.clone();
        let started = self.tasks.search_keys.start("taizhang-search", repaint, move || {
            snapshot.portfolio.prepare_search();
        });
        if let Err(e) = started {
            // The first search makes them then.
            log::warn!("search keys not made ahead: {e}");
        }
    }

    /// Whether a search waits for the keys being made on their thread rather than make them on
    /// the window's: so for a large plan (at 100,000 rows they take a few hundred ms); a small
    /// one's take a few ms, and are made where they are first needed.
    pub(super) fn keys(&mut self) -> super::view_index::Keys {
        // Taken when made (or the thread gone: the next search makes them if need be).
        self.tasks.search_keys.poll();
        let large = self.snapshot.portfolio.projects.len() > SEARCH_KEYS_INLINE;
        if large && self.tasks.search_keys.running() && !self.snapshot.portfolio.search_ready() {
            super::view_index::Keys::Coming
        } else {
            super::view_index::Keys::Here
        }
    }
}

/// Up to how many rows a search makes the keys itself when they are still being made elsewhere
/// (about 10 ms of a frame at most).
const SEARCH_KEYS_INLINE: usize = 20_000;

/// Applies a worker's result when it has come: true when the job is over.
fn finisher<R: Send + 'static>(
    receive: Receiver<R>,
    then: impl FnOnce(&mut TaizhangApp, R) + 'static,
) -> Box<dyn FnMut(&mut TaizhangApp) -> bool> {
    let mut then = Some(then);
    let mut receive = Some(receive);
    Box::new(move |app| match receive.as_ref().map(Receiver::try_recv) {
        Some(Ok(result)) => {
            // The channel is the worker's: freeing it took 20–50 ms on the window's thread.
            free_elsewhere(receive.take());
            if let Some(then) = then.take() {
                then(app, result);
            }
            true
        }
        None => true,
        Some(Err(TryRecvError::Empty)) => false,
        Some(Err(TryRecvError::Disconnected)) => {
            app.fail(&tr("后台任务意外中止,没有完成", "The worker stopped unexpectedly; the work was not done"));
            true
        }
    })
}

/// Commands that only change what the window shows apply at once, even while a job runs;
/// the others need the database, or the state a running job will change, and wait for it.
pub(super) fn waits_for_jobs(command: &Command) -> bool {
    !matches!(
        command,
        Command::SortBy(_)
            | Command::SetLanguage(_)
            | Command::ClearFilters
            | Command::FocusSearch
            | Command::SetScreen(_)
            | Command::DrillPlace(_)
            | Command::DrillCategory(_)
            | Command::DrillBack
            | Command::Present(_)
            | Command::Slide(_)
            | Command::ShowConflicts(_)
            | Command::TakeMine(_)
            | Command::ClearConflicts
            | Command::ConnectServer
            | Command::CheckOut
            | Command::QueryHistory
            | Command::Exchange(_)
            | Command::CancelTask(_)
            | Command::RecallView(_)
            | Command::SavePng(_)
    )
}

/// Drops `value` on a thread of its own. What a worker made is freed there, not on the
/// window's thread: dropping the channel an export's result came through took 20–50 ms of
/// one frame after a 100,000-row export (`cargo bench --bench perf -- busy`; the time goes
/// to the allocator returning the worker's memory), and a 100k snapshot takes longer.
pub(super) fn free_elsewhere<T: Send + 'static>(value: T) {
    if let Err(e) = std::thread::Builder::new().name("taizhang-free".into()).spawn(move || drop(value)) {
        log::warn!("freeing on the window's thread: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::{Command, TaskKind, Tasks};
    use crate::ui::i18n::Lang;

    /// Everything running is listed in one place, each with what it does and, where stopping
    /// loses nothing, its 取消; a stopped task is gone from the list and its result dropped.
    #[test]
    fn the_status_bar_lists_every_running_task_with_its_cancel() {
        let mut tasks = Tasks::default();
        assert!(tasks.running(Lang::Zh).is_empty());
        let (release, wait) = std::sync::mpsc::channel::<()>();
        let wait = std::sync::Arc::new(std::sync::Mutex::new(wait));
        let (first, second) = (std::sync::Arc::clone(&wait), wait);
        let exported = tasks.exchange.start_labelled("t-exchange", "正在导出 a.xlsx".into(), None, move |_| {
            let _ = first.lock().map(|w| w.recv());
            super::super::exchange::Outcome::Failed(String::new())
        });
        exported.expect("thread");
        tasks
            .syncing
            .start("t-sync", None, move || {
                let _ = second.lock().map(|w| w.recv());
                Err(String::new())
            })
            .expect("thread");
        let shown: Vec<(String, Option<Command>)> =
            tasks.running(Lang::Zh).into_iter().map(|j| (j.what.to_string(), j.cancel)).collect();
        assert_eq!(
            shown,
            vec![
                ("正在导出 a.xlsx".to_string(), Some(Command::CancelTask(TaskKind::Exchange))),
                ("正在同步".to_string(), None),
            ]
        );
        assert_eq!(tasks.running(Lang::En)[1].what, "Syncing");
        tasks.exchange.cancel();
        assert_eq!(tasks.running(Lang::Zh).len(), 1, "the stopped export is no longer shown");
        drop(release);
    }
}
