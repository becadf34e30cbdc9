//! Starting the window: open the database (or show the recovery window when it will not
//! open), make the daily backup, and run eframe until the window is closed.

use std::cell::Cell;
use std::path::Path;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::db::{Db, DbError};
use crate::words::{say, tr};

use super::prefs::load_prefs;
use super::{Prefs, RecoveryApp, Renderer, ScreenshotJob, ScreenshotOutcome, TaizhangApp, icon};

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
        // The error says that the backup failed, where, and what to do.
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
                let (failed, names) = (failures.join("; "), Renderer::NAMES.join("|"));
                anyhow::bail!(
                    "{}",
                    say!(
                        "窗口无法启动:{failed}(可用 --renderer {names} 指定一种)",
                        "the window could not start: {failed} (--renderer {names} picks one)"
                    )
                );
            }
        }
    }
    if screenshot.is_some() {
        let result = outcome.lock().ok().and_then(|mut o| o.take());
        match result {
            Some(Ok(())) => {}
            Some(Err(e)) => anyhow::bail!("{}", say!("截图失败:{e}", "screenshot failed: {e}")),
            None => anyhow::bail!("{}", tr("窗口关闭前未截图", "the window closed before the screenshot was taken")),
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
                app.tasks.after_load = Some(|app| {
                    let first = app.snapshot.portfolio.projects.first().map(|p| p.id);
                    app.select_now(first);
                });
            }
            app.tasks.screenshot = job;
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
