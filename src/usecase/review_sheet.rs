//! The review sheet (调度表) of a view, for the window's 导出 and the CLI's `export` alike (and
//! the update sheet's rows, for both templates): the
//! rows the filter selects, each with its figures as of the review month, read from the reports up
//! to that month and never later ones (the window once read the latest reports, so a sheet for a
//! past month mixed later figures with lights judged at that month).

use crate::db::{Db, DbError};
use crate::domain::{
    DEFAULT_LAG_THRESHOLD, Filter, Period, Snapshot, SortColumn, SortOrder, now_text, share_linked_reports,
};
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
    let mut latest = db.latest_reports_until(review)?;
    share_linked_reports(&portfolio.projects, &mut latest);
    Ok(ReviewSheet::new(portfolio, &rows, &latest, meta))
}

/// The rows of the update sheet (填报表) of `place` for `month`, for the window's and the CLI's
/// template alike: each project as it stood the month before (上期), with the reports up to then
/// (a sheet for April showed June's figures as last period's).
///
/// # Errors
/// A place the plan does not have ([`DbError::Refused`]); the storage's errors.
pub fn update_sheet(db: &Db, place: &str, month: Period) -> Result<ReviewSheet, DbError> {
    let snapshot = db.snapshot_at(month.plus_months(-1), DEFAULT_LAG_THRESHOLD)?;
    if snapshot.portfolio.gazetteer.index_of(place).is_none() {
        return Err(crate::db::Refusal::UnknownPlace(place.to_string()).into());
    }
    let filter = Filter { places: vec![place.to_string()], ..Filter::default() };
    review_sheet(db, &snapshot, &filter, (SortColumn::Id, SortOrder::Ascending))
}
