//! The 通报 and the 督办函 from the 导出/导入 window: what they are worked out from, read
//! and written on the worker.

use std::path::PathBuf;
use std::sync::atomic::Ordering;

use crate::domain::Filter;

use super::{Outcome, TaizhangApp};

/// What a 通报 or a 督办函 is worked out from: the view's part from the window, the reports and
/// items read on the worker ([`NoticeInputs::read`]).
struct NoticeInputs {
    /// The snapshot shown, shared with the window (not copied).
    snapshot: std::sync::Arc<crate::domain::Snapshot>,
    filter: Filter,
    rows: Vec<usize>,
    latest: Vec<crate::domain::Report>,
    problems: Vec<crate::domain::Problem>,
    scope: String,
    meta: crate::export::DocMeta,
}

impl NoticeInputs {
    /// Reads the reports up to the review month and the 问题清单 (on the worker).
    fn read(mut self, db: &super::super::work::SharedDb) -> Result<Self, String> {
        let portfolio = &self.snapshot.portfolio;
        self.rows = portfolio.view(&self.filter, crate::domain::SortColumn::Id, crate::domain::SortOrder::Ascending);
        let db = super::super::work::lock(db);
        let rows = db.problems(&crate::db::ProblemFilter::default()).map_err(|e| e.to_string())?;
        self.problems = rows.into_iter().map(|r| r.problem).collect();
        self.latest = db.latest_reports_until(portfolio.review).map_err(|e| e.to_string())?;
        drop(db);
        Ok(self)
    }

    /// The month's figures (on the worker: the reasons of every red and yellow row are put
    /// into words here).
    fn build(&self) -> crate::domain::Notice {
        let portfolio = &self.snapshot.portfolio;
        let mut notice = crate::domain::Notice::build(portfolio, &self.rows, &self.latest, &self.problems);
        notice.scope.clone_from(&self.scope);
        notice
    }
}

impl TaizhangApp {
    /// What the 通报 of `filter`'s rows needs from the view; the reports and items are read
    /// and the figures worked out on the worker ([`NoticeInputs::read`], [`NoticeInputs::build`]).
    fn notice_inputs(&self, filter: &Filter) -> NoticeInputs {
        NoticeInputs {
            snapshot: std::sync::Arc::clone(&self.snapshot),
            filter: filter.clone(),
            rows: Vec::new(),
            latest: Vec::new(),
            problems: Vec::new(),
            scope: filter.describe(),
            meta: crate::export::DocMeta { dataset: self.snapshot.dataset, issued: jiff::Zoned::now().date() },
        }
    }

    /// Writes the 通报 of the filtered view at the review month.
    pub(super) fn start_notice(&mut self) {
        let mut path = PathBuf::from(self.windows.exchange.notice_path.trim());
        if path.extension().is_none_or(|e| e != "docx") {
            path.set_extension("docx");
            self.windows.exchange.notice_path = path.display().to_string();
        }
        let rules = self.output_rules();
        if let Err(e) = rules.check(&path) {
            return self.windows.exchange.status = Some((e.to_string(), true));
        }
        let inputs = self.notice_inputs(&self.prefs.filter.clone());
        let db = std::sync::Arc::clone(&self.session.db);
        let label = format!("{} {}", self.prefs.lang.texts().exporting, path.display());
        self.spawn_exchange(label, move |_| {
            let inputs = match inputs.read(&db) {
                Ok(inputs) => inputs,
                Err(e) => return Outcome::Failed(e),
            };
            let notice = inputs.build();
            match crate::export::write_notice(&notice, inputs.meta).and_then(|b| rules.write(&path, &b)) {
                Ok(()) => Outcome::Written(path),
                Err(e) => Outcome::Failed(e.to_string()),
            }
        });
    }

    /// Writes the 督办函 to the chosen unit, or one per unit into the folder.
    pub(super) fn start_duban(&mut self) {
        let inputs = self.notice_inputs(&Filter::default());
        let db = std::sync::Arc::clone(&self.session.db);
        let unit = self.windows.exchange.duban_unit.clone();
        let target = PathBuf::from(self.windows.exchange.duban_path.trim());
        let month = self.snapshot.portfolio.review;
        let rules = self.output_rules();
        let label = format!("{} {}", self.prefs.lang.texts().exporting, target.display());
        // All on the worker: reading the reports and items, choosing the units and their files,
        // checking every file before any letter is written, then writing them.
        self.spawn_exchange(label, move |cancel| {
            let inputs = match inputs.read(&db) {
                Ok(inputs) => inputs,
                Err(e) => return Outcome::Failed(e),
            };
            let files: Vec<(PathBuf, String)> = if unit.is_empty() {
                let units = crate::domain::units_to_chase(&inputs.snapshot.portfolio, &inputs.rows, &inputs.problems);
                units.into_iter().map(|u| (target.join(crate::export::letter_file_name(&u, month)), u)).collect()
            } else {
                let file = if target.extension().is_some_and(|e| e == "docx") {
                    target.clone()
                } else {
                    target.join(crate::export::letter_file_name(&unit, month))
                };
                vec![(file, unit)]
            };
            if let Some(e) = files.iter().find_map(|(path, _)| rules.check(path).err()) {
                return Outcome::Failed(e.to_string());
            }
            let notice = inputs.build();
            for (path, unit) in &files {
                if cancel.load(Ordering::Relaxed) {
                    return Outcome::Failed(String::new());
                }
                if let Some(dir) = path.parent()
                    && let Err(e) = std::fs::create_dir_all(dir)
                {
                    return Outcome::Failed(format!("{}: {e}", dir.display()));
                }
                let written =
                    crate::export::write_letter(&notice.letter(unit), inputs.meta).and_then(|b| rules.write(path, &b));
                if let Err(e) = written {
                    return Outcome::Failed(e.to_string());
                }
            }
            match files.as_slice() {
                [(one, _)] => Outcome::Written(one.clone()),
                _ => Outcome::Written(target),
            }
        });
    }
}
