//! `--screenshot PNG`: let the real window settle, capture one frame, save it, and quit.
//! Used by CI to look at the window under Xvfb.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Frames to draw before capturing, so fonts and layout have settled.
const SETTLE_FRAMES: u32 = 8;

/// The outcome of a screenshot run, read after the window closes.
pub type ScreenshotOutcome = Arc<Mutex<Option<Result<(), String>>>>;

/// A pending screenshot.
#[derive(Debug)]
pub struct ScreenshotJob {
    path: PathBuf,
    frames: u32,
    requested: bool,
    outcome: ScreenshotOutcome,
    /// When the process started, to report the time to the first frame.
    started: Instant,
    /// The data was still being read at the last frame.
    loading: bool,
    /// Frames drawn while it was (read by the benchmark: each takes the processor from the read).
    loading_frames: u32,
    /// How long each frame of the load took (its `ui` and its painting), up to and with the
    /// frame that showed the data; `None` once they are said.
    load_frame_times: Option<Vec<f32>>,
    /// The frame just drawn belongs to the load (its time comes with the next frame).
    timing: bool,
}

impl ScreenshotJob {
    /// A job that saves to `path` and reports into `outcome`.
    pub fn new(path: &Path, outcome: ScreenshotOutcome, started: Instant) -> Self {
        Self {
            path: path.to_path_buf(),
            frames: 0,
            requested: false,
            outcome,
            started,
            loading: false,
            loading_frames: 0,
            load_frame_times: Some(Vec::new()),
            timing: true,
        }
    }

    /// The time the frame before this one took (eframe's `cpu_usage`: `ui` and painting,
    /// not the wait for the screen), in seconds. Once the frame that showed the data has
    /// reported, says how long the load's frames took (read by the benchmark: a frame the
    /// load made long is a window that does not answer).
    pub fn frame_took(&mut self, seconds: Option<f32>) {
        if !std::mem::take(&mut self.timing) {
            return;
        }
        let Some(times) = &mut self.load_frame_times else { return };
        times.extend(seconds);
        if self.loading || self.frames <= 1 {
            // Still loading: this frame's time comes with the next.
            self.timing = true;
            return;
        }
        let each: Vec<String> = times.iter().map(|s| format!("{:.0}", s * 1e3)).collect();
        eprintln!("frames while loading, ms each: {}", each.join(" "));
        let mut sorted = std::mem::take(times);
        self.load_frame_times = None;
        sorted.sort_by(f32::total_cmp);
        let ms = |s: f32| (s * 1e3).round();
        if let (Some(median), Some(longest)) = (sorted.get(sorted.len() / 2), sorted.last()) {
            eprintln!("median frame while loading {} ms", ms(*median));
            eprintln!("longest frame while loading {} ms", ms(*longest));
        }
    }

    /// The first screen of rows is shown (read by the benchmark).
    pub fn first_rows(&self) {
        eprintln!("first rows after {} ms", self.started.elapsed().as_millis());
    }

    /// Called once a frame: requests the capture when settled, closes the window when saved.
    /// One frame drawn; `idle` when no work is running on a worker (the data is in).
    pub fn step(&mut self, ctx: &egui::Context, idle: bool) {
        self.frames += 1;
        if self.frames == 1 {
            // Read by the benchmark: start to first frame, database opening included.
            eprintln!("first frame after {} ms", self.started.elapsed().as_millis());
        }
        if !idle {
            // Counted from when the data is shown. The worker wakes the window when it is
            // done: a frame now and then is enough meanwhile, and leaves the processor to it
            // (drawing without end took half of two cores from the read).
            self.frames = self.frames.min(1);
            self.loading = true;
            self.loading_frames += 1;
            ctx.request_repaint_after(std::time::Duration::from_millis(250));
            return;
        }
        if std::mem::take(&mut self.loading) {
            eprintln!("data shown after {} ms", self.started.elapsed().as_millis());
            eprintln!("frames drawn while loading: {}", self.loading_frames);
        }
        let finished = self.outcome.lock().map(|o| o.is_some()).unwrap_or(true);
        if finished {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        if self.frames >= SETTLE_FRAMES && !self.requested {
            self.requested = true;
            let path = self.path.clone();
            let outcome = Arc::clone(&self.outcome);
            let repaint = ctx.clone();
            ctx.request_screenshot(move |image| {
                let result = write_png(&path, &image).map_err(|e| format!("{}: {e}", path.display()));
                if let Ok(mut slot) = outcome.lock() {
                    *slot = Some(result);
                }
                repaint.request_repaint();
            });
        }
        ctx.request_repaint();
    }
}

/// Writes an egui image as an RGBA PNG, through a temporary file.
///
/// # Errors
/// When the image cannot be encoded or the file written.
pub fn write_png(path: &Path, image: &egui::ColorImage) -> Result<(), Box<dyn std::error::Error>> {
    let bytes = crate::ui::offscreen::png_bytes(image)?;
    crate::export::write_atomically(path, &bytes)?;
    Ok(())
}
