//! Starting the window: open the database (or show the recovery window when it will not
//! open), make the daily backup, and run eframe until the window is closed.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::db::{Db, DbError};

use super::prefs::load_prefs;
use super::{Prefs, RecoveryApp, ScreenshotJob, ScreenshotOutcome, TaizhangApp, icon};

/// Opens the database and runs the window until it is closed.
///
/// # Errors
/// A database that cannot be opened (with a message saying what to do), or a window that
/// cannot start.
/// `reviewer` (from `--reviewer`) replaces the saved name for this run and is saved with it.
pub fn run_window(
    db_path: &Path,
    screenshot: Option<&Path>,
    reviewer: Option<&str>,
    started: Instant,
) -> anyhow::Result<()> {
    let reviewer = reviewer.map(str::to_string);
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
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("台账 Taizhang")
            .with_app_id("taizhang")
            .with_icon(icon::window_icon())
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([900.0, 560.0]),
        persist_window: screenshot.is_none(),
        ..Default::default()
    };
    let label = match crate::db::server_url(db_path) {
        Some(url) => crate::db::shown_url(url),
        None => db_path.display().to_string(),
    };
    let job = screenshot.map(|p| ScreenshotJob::new(p, Arc::clone(&outcome), started));
    eframe::run_native(
        "Taizhang",
        options,
        Box::new(move |cc| {
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
