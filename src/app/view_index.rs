//! The rows the table shows: the filtered, sorted index of the snapshot with its totals, and
//! the one path by which it follows the filter, the sort and the schedule settings.

use std::sync::Arc;

use crate::db::Snapshot;
use crate::domain::{Filter, Period, SortColumn, SortOrder, UnitTotal, unit_totals};

use super::{Prefs, TaizhangApp};

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
    pub(super) fn of(snapshot: &Snapshot, prefs: &Prefs) -> Self {
        let mut view = Self::default();
        view.refresh(snapshot, prefs);
        view
    }

    /// Rebuilds the rows if the filter or sort changed; true when it did.
    pub(super) fn refresh(&mut self, snapshot: &Snapshot, prefs: &Prefs) -> bool {
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
        // A project the plan names twice is two rows of the table, counted once in its figures.
        let counted = crate::domain::counted_once(&portfolio.projects, &self.rows);
        self.totals = unit_totals(&portfolio.projects, &counted);
        self.lagging = portfolio.lagging_count(&counted);
        self.lights = portfolio.light_counts(&counted);
        self.key = Some(key);
        true
    }

    /// Forces a rebuild on the next frame (after the data changed).
    pub(super) fn invalidate(&mut self) {
        self.key = None;
    }
}

impl TaizhangApp {
    pub(super) fn review_date(&self) -> Period {
        self.prefs.review_date.unwrap_or_else(Period::today)
    }

    pub(super) fn apply_schedule_settings(&mut self) {
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

    /// The one path by which the table, the status bar, the charts and the slides follow the
    /// review date, the lag threshold, the filter and the sort: whatever changed, the rows are
    /// rebuilt, and the charts with them.
    pub(super) fn refresh_figures(&mut self) {
        self.apply_schedule_settings();
        if self.view.refresh(&self.snapshot, &self.prefs) {
            self.presentation.charts = None;
        }
    }
}
