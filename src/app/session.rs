//! The database the window works on: its handle, label and file, the server behind it (the
//! login, or the server a file is an offline copy of), the watch for other reviewers' writes
//! and a lost connection, and the conflicts of syncs. Connecting, checking out, syncing and
//! the whole-file check run on threads of their own ([`super::work::Pending`]).

use crate::words::{say, tr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::db::{Conflict, Db, DbError, SavedView, Watcher};

use super::dialogs::offline_copy_in;
use super::{TaizhangApp, exchange, work};

/// The open database and what is known of where it lives.
pub(super) struct Session {
    /// Used by one job at a time on a worker thread, or by the window's quick reads between.
    pub(super) db: work::SharedDb,
    /// Shown in the status bar.
    pub(super) label: String,
    /// The database's file (none on a server): exports never write over it.
    pub(super) path: Option<PathBuf>,
    /// The server's address and password when the window works on a server.
    pub(super) login: Option<(String, Option<String>)>,
    /// The server this file is an offline copy of (shown, without a password).
    pub(super) offline: Option<String>,
    /// Watches for other reviewers' writes (and a lost server connection).
    pub(super) watcher: Option<Watcher>,
    /// The connection to the server is lost: shown until it is back.
    pub(super) connection_lost: Option<String>,
    /// The conflicts of earlier syncs not yet dealt with.
    pub(super) conflicts: Vec<Conflict>,
}

impl Session {
    /// A session over `db`, with the plan's saved views read from it.
    pub(super) fn open(db: Db, label: String) -> Result<(Self, Vec<SavedView>), DbError> {
        let (views, offline, conflicts) = (db.views()?, db.offline_server()?, db.sync_conflicts()?);
        let (login, path) = (db.server_login(), db.path().map(Path::to_path_buf));
        let session = Self {
            db: Arc::new(Mutex::new(db)),
            label,
            path,
            login,
            offline,
            watcher: None,
            connection_lost: None,
            conflicts,
        };
        Ok((session, views))
    }
}

impl TaizhangApp {
    /// Connects to the server typed in the settings on a worker thread (a slow or unreachable
    /// server never holds the window); the window switches to it when it answers.
    pub(super) fn connect_server(&mut self) {
        let url = self.windows.settings.server.url.trim().to_string();
        if crate::db::server_url(std::path::Path::new(&url)).is_none() {
            self.fail(&tr(
                "服务器地址应为 postgres://用户@主机:端口/数据库",
                "The server's address should be postgres://USER@HOST:PORT/DBNAME",
            ));
            return;
        }
        let password = Some(self.windows.settings.server.password.clone()).filter(|p| !p.is_empty());
        let connect = move || Db::connect_as(&url, password.as_deref(), true).map_err(|e| e.to_string());
        if let Err(e) = self.tasks.connecting.start("taizhang-connect", self.tasks.repaint.clone(), connect) {
            self.fail(&e);
        }
    }

    /// 离线副本: checks the server out into a new file on a worker thread.
    pub(super) fn start_checkout(&mut self) {
        let Some((url, password)) = self.session.login.clone() else { return };
        let typed = self.windows.settings.server.copy_to.trim();
        let dest = if typed.is_empty() { offline_copy_in(&exchange::default_dir()) } else { PathBuf::from(typed) };
        let checkout = move || Db::checkout(&url, password.as_deref(), &dest).map(|_| dest).map_err(|e| e.to_string());
        if let Err(e) = self.tasks.checking_out.start("taizhang-checkout", self.tasks.repaint.clone(), checkout) {
            self.fail(&e);
        }
    }

    /// Says where the offline copy went when its checkout is done.
    pub(super) fn checkout_finished(&mut self) {
        let Some(result) = self.tasks.checking_out.finished() else { return };
        match result {
            Ok(path) => {
                let path = path.display();
                self.note(say!(
                    "离线副本已写入 {path};离线时用它打开 Taizhang(taizhang --db {path}),回到网络后点“同步”。",
                    "The offline copy is in {path}: open Taizhang on it offline (taizhang --db {path}) and press Sync when back online."
                ));
            }
            Err(e) => self.message = Some((e, true)),
        }
    }

    /// Checks a large file whole on a worker thread when opening skipped it; a damaged file is
    /// said at once, with where the backups are.
    pub(super) fn check_in_background(&mut self, ctx: &egui::Context) {
        if self.snapshot.plans.is_empty() && !self.idle() {
            // The first load first: the check reads the whole file too, and on a busy machine
            // took a core from it. It starts when the load is over (`integrity_checked`).
            self.tasks.check_after_load = true;
            return;
        }
        let db = self.db();
        let Some(path) = db.path().filter(|_| db.unchecked()).map(std::path::Path::to_path_buf) else {
            return;
        };
        drop(db);
        let check = move || crate::db::quick_check_file(&path).map_err(|e| e.to_string());
        if let Err(e) = self.tasks.integrity.start("taizhang-check", Some(ctx.clone()), check) {
            log::warn!("the whole-file check did not start: {e}");
        }
    }

    pub(super) fn integrity_checked(&mut self) {
        // Once the first load is over, shown or failed (a damaged file may fail it).
        if self.tasks.check_after_load && self.idle() {
            self.tasks.check_after_load = false;
            if let Some(ctx) = self.tasks.repaint.clone() {
                self.check_in_background(&ctx);
            }
        }
        let Some(result) = self.tasks.integrity.finished() else { return };
        if let Err(e) = result {
            self.message = Some((e, true));
        }
    }

    /// Whether a checkout is running.
    pub fn checking_out(&self) -> bool {
        self.tasks.checking_out.running()
    }

    /// Takes the server connection once it is made: the window works on it from then on.
    pub(super) fn server_connected(&mut self, ctx: &egui::Context) {
        // A job still working on the old database finishes first.
        if self.tasks.job.is_some() {
            return;
        }
        let Some(result) = self.tasks.connecting.finished() else { return };
        match result {
            Ok(db) => {
                let url = self.windows.settings.server.url.trim().to_string();
                self.session.login = db.server_login();
                self.session.path = None;
                self.session.db = Arc::new(Mutex::new(db));
                self.session.label = crate::db::shown_url(&url);
                self.prefs.last_server = self.session.label.clone();
                self.windows.settings.server.password.clear();
                self.history.clear();
                self.session.connection_lost = None;
                self.session.offline = None;
                self.session.conflicts.clear();
                self.windows.conflicts_open = false;
                self.presentation.title_request = true;
                self.reload();
                self.start_watching(ctx);
                let label = &self.session.label;
                self.note(say!("已连接:{label}", "connected: {label}"));
            }
            Err(e) => self.message = Some((e, true)),
        }
    }

    /// Syncs this offline copy on a worker thread with a handle of its own (the server may be
    /// slow or away); the window goes on meanwhile and loads the result when it is done.
    pub(super) fn start_sync(&mut self) {
        let Some(path) = self.session.path.clone() else { return };
        if self.session.offline.is_none() || self.tasks.syncing.running() {
            return;
        }
        let password = Some(self.windows.settings.server.password.clone()).filter(|p| !p.is_empty());
        let sync = move || {
            let result =
                Db::open(&path).map_err(crate::db::ReviewError::from).and_then(|db| db.sync(password.as_deref()));
            result.map_err(|e| e.to_string())
        };
        if let Err(e) = self.tasks.syncing.start("taizhang-sync", self.tasks.repaint.clone(), sync) {
            self.fail(&e);
        }
    }

    /// Loads the copy again when its sync is done, and says what it did.
    pub(super) fn sync_finished(&mut self) {
        if self.tasks.job.is_some() {
            return;
        }
        let Some(result) = self.tasks.syncing.finished() else { return };
        match result {
            Ok(synced) => {
                // The copy's changes have the server's numbers now: this session's undo is gone.
                self.history.clear();
                self.reload();
                // Every conflict not yet dealt with, earlier syncs' too, read after the reload.
                let found = synced.conflicts.clone();
                self.windows.conflicts_open = !found.is_empty();
                let what = self.prefs.lang.tr("正在读取", "Loading");
                self.run_job(
                    what,
                    false,
                    |db, _| db.sync_conflicts(),
                    move |app, conflicts| app.session.conflicts = conflicts.unwrap_or(found),
                );
                let (sent, conflicts) = (synced.sent, synced.conflicts.len());
                self.note(say!(
                    "已同步:发送 {sent} 项修改,冲突 {conflicts} 项",
                    "synced: {sent} changes sent, {conflicts} conflicts"
                ));
            }
            Err(e) => self.message = Some((e, true)),
        }
    }

    /// Whether a sync is running.
    pub fn syncing(&self) -> bool {
        self.tasks.syncing.running()
    }

    /// Starts watching the database for other reviewers' writes; each wakes the window.
    pub fn start_watching(&mut self, ctx: &egui::Context) {
        self.tasks.repaint = Some(ctx.clone());
        self.check_in_background(ctx);
        let ctx = ctx.clone();
        let watcher = self.db().watch(move || ctx.request_repaint());
        match watcher {
            Ok(watcher) => self.session.watcher = watcher,
            Err(e) => log::warn!("not watching for other writers: {e}"),
        }
    }

    /// Loads again when another reviewer wrote (keeping the selection, the filters and an
    /// open draft), and says when the connection to the server is lost or back.
    pub(super) fn others_wrote(&mut self) {
        // The events wait while a job holds the database: it reloads after a write anyway.
        let Some(watcher) = self.session.watcher.as_ref().filter(|_| self.tasks.job.is_none()) else { return };
        // An export's worker may be reading with the database: never wait for it here (the
        // events stay until a frame finds the database free).
        let Ok(db) = self.session.db.try_lock() else { return };
        let seen = db.seen_revision();
        drop(db);
        let mut load = false;
        for event in watcher.events() {
            match event {
                crate::db::WatchEvent::Revision(r) => load |= Some(r) != seen,
                crate::db::WatchEvent::Lost(why) => self.session.connection_lost = Some(why),
                crate::db::WatchEvent::Back => {
                    self.session.connection_lost = None;
                    load = true;
                }
            }
        }
        if load {
            self.reload();
        }
    }

    /// Keeps this copy's value of the conflict at `index`, unless a job runs (it may change
    /// the list).
    pub(super) fn take_mine(&mut self, index: usize) {
        if self.tasks.job.is_some() {
            return;
        }
        let lang = self.prefs.lang;
        let reviewer = self.prefs.reviewer.clone();
        self.write_job(
            lang.tr("正在保存", "Saving"),
            move |db| {
                let changeset = db.take_mine(index, &reviewer)?;
                Ok((changeset, db.sync_conflicts().unwrap_or_default()))
            },
            move |app, outcome| match outcome {
                Ok((changeset, conflicts)) => {
                    // The last one settled: nothing is left to look at.
                    app.windows.conflicts_open &= !conflicts.is_empty();
                    app.session.conflicts = conflicts;
                    app.committed(changeset, lang.tr("已采用你的修改", "yours taken"));
                }
                Err(e) => app.write_failed(&e),
            },
        );
    }

    /// Clears the list of conflicts (they are dealt with), unless a job runs.
    pub(super) fn clear_conflicts(&mut self) {
        if self.tasks.job.is_some() {
            return;
        }
        let lang = self.prefs.lang;
        self.run_job(
            lang.tr("正在保存", "Saving"),
            false,
            |db, _| db.clear_sync_conflicts(),
            |app, cleared| match cleared {
                Ok(()) => {
                    app.session.conflicts.clear();
                    app.windows.conflicts_open = false;
                }
                Err(e) => app.fail(&e),
            },
        );
    }
}
