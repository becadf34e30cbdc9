//! The review sheet (调度表) of a view, for the window's 导出 and the CLI's `export` alike: the
//! rows the filter selects, each with its figures as of the review month, read from the reports up
//! to that month and never later ones (the window once read the latest reports, so a sheet for a
//! past month mixed later figures with lights judged at that month).

use crate::db::{Db, DbError};
use crate::domain::{Filter, Snapshot, SortColumn, SortOrder, now_text};
use crate::export::{ReviewSheet, SheetMeta};

/// The sheet of `filter`'s rows of `snapshot` (read at its review month) in `sort` order.
///
/// # Errors
/// The storage's errors reading the reports.
pub fn review_sheet(
    db: &Db,
    snapshot: &Snapshot,
    filter: &Filter,
    (column, order): (SortColumn, SortOrder),
) -> Result<ReviewSheet, DbError> {
    let portfolio = &snapshot.portfolio;
    let review = portfolio.review;
    let rows = portfolio.view(filter, column, order);
    let meta = SheetMeta {
        plan: snapshot.plan.title.clone(),
        filter: filter.describe(),
        review,
        dataset: snapshot.dataset,
        generated: now_text(),
    };
    Ok(ReviewSheet::new(portfolio, &rows, &db.latest_reports_until(review)?, meta))
}
