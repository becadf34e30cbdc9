//! The preferences saved across restarts through eframe's storage: one serde struct whose
//! missing or unreadable values fall back to the defaults.

use serde::{Deserialize, Serialize};

use crate::domain::{DEFAULT_LAG_THRESHOLD, Filter, Period, SortColumn, SortOrder};
use crate::ui::i18n::Lang;

/// Key of the preferences in eframe's storage.
pub(super) const PREFS_KEY: &str = "taizhang_prefs";

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

/// Loads saved preferences; a value that no longer reads falls back to the defaults.
pub(super) fn load_prefs(storage: Option<&dyn eframe::Storage>) -> Prefs {
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
