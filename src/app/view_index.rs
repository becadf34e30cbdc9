//! The rows the table shows: the filtered, sorted index of the snapshot with its totals, and
//! the one path by which it follows the filter, the sort and the schedule settings.

use std::sync::Arc;

use crate::db::Snapshot;
use crate::domain::{Filter, Period, SortColumn, SortOrder, UnitTotal, unit_totals};

use super::{Prefs, TaizhangApp};

/// Where a search finds the rows' search keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Keys {
    /// Made, or made here when first needed.
    Here,
    /// Being made on a thread of their own: a search waits for them (the rows shown stay as
    /// they were, frames go on) rather than hold the frame until they are in.
    Coming,
}

/// The filtered, sorted rows and their totals; rebuilt only when the filter or sort changes.
#[derive(Debug, Default)]
pub struct ViewIndex {
    key: Option<(Filter, SortColumn, SortOrder)>,
    /// A search typed is waiting for the search keys ([`Keys::Coming`]).
    pub(super) waiting_for_keys: bool,
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
        view.refresh(snapshot, prefs, Keys::Here);
        view
    }

    /// Rebuilds the rows if the filter or sort changed; true when it did. A search waits while
    /// the keys are [`Keys::Coming`] (false, `waiting_for_keys` set).
    pub(super) fn refresh(&mut self, snapshot: &Snapshot, prefs: &Prefs, keys: Keys) -> bool {
        let key = (prefs.filter.clone(), prefs.sort_column, prefs.sort_order);
        if self.key.as_ref() == Some(&key) {
            self.waiting_for_keys = false;
            return false;
        }
        let portfolio = &snapshot.portfolio;
        self.waiting_for_keys = keys == Keys::Coming && !key.0.search.trim().is_empty() && !portfolio.search_ready();
        if self.waiting_for_keys {
            return false;
        }
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
        let keys = self.keys();
        if self.view.refresh(&self.snapshot, &self.prefs, keys) {
            self.presentation.charts = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Keys, ViewIndex};
    use crate::app::Prefs;
    use crate::db::Snapshot;
    use crate::domain::{Gazetteer, Portfolio, Project, Status};

    /// A search typed while the rows' search keys are still being made on their thread (the
    /// first ~100 ms after a 100,000-row load shows) does not make them on the window's thread
    /// nor wait there for them: the rows shown stay, the view says it waits, and the search is
    /// applied at the first frame after they are in.
    #[test]
    fn a_search_typed_while_the_keys_are_made_elsewhere_waits_without_holding_the_frame() {
        let projects = vec![
            Project::sample(1, "钟山区供水管网", "钟山区", None, Status::UnderConstruction),
            Project::sample(2, "水城区公园", "水城区", None, Status::NotStarted),
            Project::sample(3, "盘州市供水厂", "盘州市", None, Status::Completed),
        ];
        let snapshot = Snapshot { portfolio: Portfolio::new(projects, Gazetteer::default()), ..Snapshot::default() };
        let mut prefs = Prefs::default();
        let mut view = ViewIndex::of(&snapshot, &prefs);
        assert_eq!(view.rows, [0, 1, 2]);
        for search in ["供水", "gs"] {
            prefs.filter.search = search.into();
            assert!(!view.refresh(&snapshot, &prefs, Keys::Coming), "{search}");
            assert!(view.waiting_for_keys, "{search}");
            assert_eq!(view.rows, [0, 1, 2], "the rows shown stay while {search} waits");
            assert!(!snapshot.portfolio.search_ready(), "the window's thread made no key for {search}");
        }
        // The keys come in on their thread; the next frame applies the search typed.
        std::thread::scope(|s| {
            s.spawn(|| snapshot.portfolio.prepare_search());
        });
        assert!(view.refresh(&snapshot, &prefs, Keys::Coming));
        assert!(!view.waiting_for_keys);
        assert_eq!(view.rows, [0, 2], "gs: 供水");
        // Clearing the search needs no key.
        prefs.filter.search.clear();
        assert!(view.refresh(&snapshot, &prefs, Keys::Coming));
        assert_eq!(view.rows, [0, 1, 2]);
        // A small plan's search makes them where it needs them.
        let small = Snapshot {
            portfolio: Portfolio::new(
                vec![Project::sample(4, "水城区公园", "水城区", None, Status::NotStarted)],
                Gazetteer::default(),
            ),
            ..Snapshot::default()
        };
        prefs.filter.search = "公园".into();
        let mut view = ViewIndex::default();
        assert!(view.refresh(&small, &prefs, Keys::Here));
        assert_eq!(view.rows, [0]);
    }
}
