//! The 通报 and the 督办函 from the 导出/导入 window: written on the worker by the use case
//! the CLI's `notice` and `duban` call too (`usecase::documents`), at the review month shown.

use std::path::PathBuf;

use crate::usecase::documents::{self as usecase, DocumentsError, Letters, MonthScope};

use super::{Outcome, TaizhangApp};

impl TaizhangApp {
    /// The month the window reviews, and the share behind schedule that lights a row yellow.
    fn month_scope(&self) -> (crate::domain::Period, f64) {
        let portfolio = &self.snapshot.portfolio;
        (portfolio.review, portfolio.lag_threshold)
    }

    /// Writes the 通报 of the filtered view at the review month.
    pub(super) fn start_notice(&mut self) {
        let mut path = PathBuf::from(self.windows.exchange.notice_path.trim());
        if path.extension().is_none_or(|e| e != "docx") {
            path.set_extension("docx");
            self.windows.exchange.notice_path = path.display().to_string();
        }
        let rules = self.output_rules();
        if let Err(e) = rules.check_file(&path) {
            return self.windows.exchange.status = Some((e.to_string(), true));
        }
        let filter = self.prefs.filter.clone();
        let (month, lag_threshold) = self.month_scope();
        let db = std::sync::Arc::clone(&self.session.db);
        let label = format!("{} {}", self.prefs.lang.texts().exporting, path.display());
        self.spawn_exchange(label, move |_| {
            let db = super::super::work::lock(&db);
            let scope = MonthScope { month, lag_threshold, filter: &filter };
            match usecase::write_notice(&db, scope, &path, &rules) {
                Ok(_) => Outcome::Written(path),
                Err(e) => Outcome::Failed(e.to_string()),
            }
        });
    }

    /// Writes the 督办函 to the chosen unit, or one per unit into the folder.
    pub(super) fn start_duban(&mut self) {
        let db = std::sync::Arc::clone(&self.session.db);
        let unit = self.windows.exchange.duban_unit.trim().to_string();
        let target = PathBuf::from(self.windows.exchange.duban_path.trim());
        let month_scope = self.month_scope();
        let rules = self.output_rules();
        let label = format!("{} {}", self.prefs.lang.texts().exporting, target.display());
        // All on the worker: reading the reports and items, choosing the units and their files,
        // checking every file before any letter is written, then writing them.
        self.spawn_exchange(label, move |cancel| {
            let db = super::super::work::lock(&db);
            // One unit's letter goes to the .docx named, else into the folder under its own name.
            let file = if target.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx")) {
                target.clone()
            } else {
                target.join(crate::export::letter_file_name(&unit, month_scope.0))
            };
            let letters = if unit.is_empty() {
                Letters::All { folder: &target }
            } else {
                Letters::One { unit: &unit, file: &file }
            };
            match usecase::write_letters(&db, month_scope, letters, &rules, cancel) {
                Ok(written) => match written.files.as_slice() {
                    [one] => Outcome::Written(one.clone()),
                    _ => Outcome::Written(target),
                },
                Err(DocumentsError::Cancelled) => Outcome::Failed(String::new()),
                Err(e) => Outcome::Failed(e.to_string()),
            }
        });
    }
}
