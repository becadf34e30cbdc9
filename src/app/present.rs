//! The presentation: the slides full screen, their chart data, and slides saved as PNG.
//! Its state is [`Presentation`].

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::domain::{Dataset, Period};

use super::TaizhangApp;
use crate::ui::command::Command;

/// The presentation and what the charts and slides are drawn from, with the requests to the
/// window itself (full screen, its title).
pub(super) struct Presentation {
    /// The slide shown while presenting.
    pub(super) slide: Option<usize>,
    /// A full-screen change to send to the window on the next frame.
    pub(super) fullscreen_request: Option<bool>,
    /// The window's title names the plan: set it on the next frame.
    pub(super) title_request: bool,
    /// Chart data for the current rows, rebuilt when they change.
    pub(super) charts: Option<Arc<crate::domain::ChartData>>,
    /// Every report grouped by project, read on a worker with each load once the charts have
    /// been wanted (`index_wanted`).
    pub(super) report_index: Option<crate::domain::ReportIndex>,
    pub(super) index_wanted: bool,
    /// A slide or chart to save as PNG; it is drawn on a worker thread, whose outcome arrives
    /// in [`super::work::Tasks::png_outcome`].
    pub(super) png_request: Option<crate::domain::Slide>,
    /// Where PNGs are saved: the documents folder.
    pub(super) png_dir: PathBuf,
}

impl Default for Presentation {
    fn default() -> Self {
        Self {
            slide: None,
            fullscreen_request: None,
            title_request: true,
            charts: None,
            report_index: None,
            index_wanted: false,
            png_request: None,
            png_dir: super::exchange::default_dir(),
        }
    }
}

impl TaizhangApp {
    /// Draws the requested slide or chart at the chosen size on a worker thread and saves it
    /// under a new name in the PNG folder; reports the outcome when it arrives.
    pub(super) fn save_png(&mut self, ctx: &egui::Context) {
        if let Some((text, failed)) = self.tasks.png_outcome.lock().ok().and_then(|mut o| o.take()) {
            self.message = Some((text, failed));
        }
        let Some(slide) = self.presentation.png_request.take() else { return };
        let data = self.chart_data();
        let deck = crate::domain::slides(&data, &self.prefs.slides);
        // A chart with nothing to show is not in the deck; it is saved alone, saying so.
        let (slides, index) = match deck.iter().position(|s| *s == slide) {
            Some(index) => (deck, index),
            None => (vec![slide.clone()], 0),
        };
        let name = crate::ui::offscreen::slide_file_name(index + 1, &slide.title(&data));
        let size = self.prefs.png_size;
        let (dir, name) =
            (self.presentation.png_dir.clone(), format!("台账-{}-{}x{}-{name}", Period::today(), size[0], size[1]));
        let (subtitle, lang, demo) = (self.slide_subtitle(), self.prefs.lang, self.snapshot.dataset == Dataset::Demo);
        let outcome = Arc::clone(&self.tasks.png_outcome);
        let protected = crate::export::Protected::of_db(self.session.path.as_deref());
        let repaint = ctx.clone();
        self.note(format!("{} {}x{}…", self.prefs.lang.texts().saving_png, size[0], size[1]));
        let work = move || {
            crate::words::set_here(lang);
            let page =
                crate::ui::charts::SlidePage { data: &data, slides: &slides, index, subtitle: &subtitle, lang, demo };
            let image = crate::ui::offscreen::render_slide(&mut crate::ui::offscreen::Offscreen::new(), &page, size);
            let report = match write_png_beside_others(&dir, &name, &image, &protected) {
                Ok(path) => (format!("PNG: {}", path.display()), false),
                Err(e) => (format!("PNG: {e}"), true),
            };
            if let Ok(mut slot) = outcome.lock() {
                *slot = Some(report);
            }
            repaint.request_repaint();
        };
        if let Err(e) = std::thread::Builder::new().name("taizhang-png".into()).spawn(work) {
            self.message = Some((format!("PNG: {e}"), true));
        }
    }

    /// Sends the window what it was asked for: full screen on or off, a title naming the plan.
    pub(super) fn window_requests(&mut self, ctx: &egui::Context) {
        if let Some(on) = self.presentation.fullscreen_request.take() {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
        }
        if std::mem::take(&mut self.presentation.title_request) {
            let title = format!("台账 Taizhang · {}", self.snapshot.plan.title);
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title));
        }
    }

    /// Where saved PNGs go (tests point it at a temporary folder).
    pub fn set_png_dir(&mut self, dir: PathBuf) {
        self.presentation.png_dir = dir;
    }

    /// The slides' subtitle: the plan, the filter and the review date.
    pub(super) fn slide_subtitle(&self) -> String {
        self.prefs.lang.slide_subtitle(&self.snapshot.plan.title, &self.prefs.filter, self.snapshot.portfolio.review)
    }

    /// Chart data of the rows shown, built once per change of rows; shared, not copied, by
    /// each frame and by the export workers.
    pub(super) fn chart_data(&mut self) -> Arc<crate::domain::ChartData> {
        // The reports are read on a worker with each load once the charts are wanted; until the
        // first such load is in, the charts show what needs no reports.
        if !self.presentation.index_wanted {
            self.presentation.index_wanted = true;
            self.reload();
        }
        let (portfolio, rows, index) = (&self.snapshot.portfolio, &self.view.rows, &self.presentation.report_index);
        let data = self.presentation.charts.get_or_insert_with(|| {
            let data = crate::domain::ChartData::build(portfolio, rows);
            Arc::new(match index {
                Some(index) => data.with_reports(portfolio, rows, index),
                None => data,
            })
        });
        Arc::clone(data)
    }

    /// Full-screen slides of the current filter, moved through with the keyboard.
    pub(super) fn presentation_ui(&mut self, ui: &mut egui::Ui, cmds: &mut Vec<Command>) {
        let lang = self.prefs.lang;
        let t = lang.texts();
        let data = self.chart_data();
        let slides = crate::domain::slides(&data, &self.prefs.slides);
        let index = self.presentation.slide.unwrap_or(0).min(slides.len().saturating_sub(1));
        self.presentation.slide = Some(index);
        let subtitle = self.slide_subtitle();
        let page = crate::ui::charts::SlidePage {
            data: &data,
            slides: &slides,
            index,
            subtitle: &subtitle,
            lang,
            demo: self.snapshot.dataset == Dataset::Demo,
        };
        let (png_size, kinds) = (&mut self.prefs.png_size, &mut self.prefs.slides);
        crate::ui::charts::slide_page(ui, &page, |ui| {
            crate::ui::charts::slide_choice_ui(ui, kinds, lang);
            crate::ui::charts::png_size_ui(ui, png_size, lang);
            if ui.button(t.save_png).clicked() {
                cmds.push(Command::SavePng(slides[index].clone()));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| ui.weak(t.slide_keys));
        });
        ui.ctx().input_mut(|i| {
            for (key, delta) in [
                (egui::Key::ArrowRight, 1),
                (egui::Key::PageDown, 1),
                (egui::Key::Space, 1),
                (egui::Key::ArrowLeft, -1),
                (egui::Key::PageUp, -1),
            ] {
                if i.consume_key(egui::Modifiers::NONE, key) {
                    cmds.push(Command::Slide(delta));
                }
            }
            if i.consume_key(egui::Modifiers::NONE, egui::Key::Escape) {
                cmds.push(Command::Present(false));
            }
        });
    }
}

/// Writes `image` as `dir/name`, or `dir/stem (2).png` and so on when that name is taken:
/// saving never overwrites. One PNG is written at a time, so two quick saves get two names.
pub(super) fn write_png_beside_others(
    dir: &Path,
    name: &str,
    image: &egui::ColorImage,
    protected: &crate::export::Protected,
) -> Result<PathBuf, String> {
    static WRITING: Mutex<()> = Mutex::new(());
    let bytes = crate::ui::offscreen::png_bytes(image).map_err(|e| e.to_string())?;
    let _one_at_a_time = WRITING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let stem = name.strip_suffix(".png").unwrap_or(name);
    let path = std::iter::once(dir.join(name))
        .chain((2..).map(|n| dir.join(format!("{stem} ({n}).png"))))
        .find(|p| !p.exists())
        .unwrap_or_else(|| dir.join(name));
    protected.check(&path).map_err(|e| e.to_string())?;
    crate::export::write_atomically(&path, &bytes).map_err(|e| e.to_string())?;
    Ok(path)
}
