//! The review sheet (调度表) of a view, for the window's 导出 and the CLI's `export` alike (and
//! the update sheet's rows, for both templates): the
//! rows the filter selects, each with its figures as of the review month, read from the reports up
//! to that month and never later ones (the window once read the latest reports, so a sheet for a
//! past month mixed later figures with lights judged at that month).

use crate::db::{Db, DbError};
use crate::domain::{DEFAULT_LAG_THRESHOLD, Filter, Period, Report, Snapshot, SortColumn, SortOrder, now_text};
use crate::export::{ReviewSheet, SheetMeta};

/// The sheet of `filter`'s rows of `snapshot` (read at its review month) in `sort` order.
///
/// # Errors
/// The storage's errors reading the reports.
pub fn review_sheet(
    db: &Db,
    snapshot: &Snapshot,
    filter: &Filter,
    sort: (SortColumn, SortOrder),
) -> Result<ReviewSheet, DbError> {
    Ok(sheet_of(snapshot, &db.latest_reports_until(snapshot.portfolio.review)?, filter, sort))
}

/// The review sheet of the rows `filter` selects at `review`, read from the storage as far as
/// the filter goes (`Db::snapshot_selecting`): for the commands, which need no whole snapshot.
///
/// # Errors
/// The storage's errors.
pub fn selected_sheet(
    db: &Db,
    (review, lag_threshold): (Period, f64),
    filter: &Filter,
    sort: (SortColumn, SortOrder),
) -> Result<(Snapshot, ReviewSheet), DbError> {
    let (snapshot, latest) = db.snapshot_selecting(review, lag_threshold, filter)?;
    let sheet = sheet_of(&snapshot, &latest, filter, sort);
    Ok((snapshot, sheet))
}

/// The sheet of `filter`'s rows of `snapshot`, with `latest`, the latest report of each up to
/// its review month.
fn sheet_of(
    snapshot: &Snapshot,
    latest: &[Report],
    filter: &Filter,
    (column, order): (SortColumn, SortOrder),
) -> ReviewSheet {
    let portfolio = &snapshot.portfolio;
    let rows = portfolio.view(filter, column, order);
    let meta = SheetMeta {
        plan: snapshot.plan.title.clone(),
        filter: filter.describe(),
        review: portfolio.review,
        dataset: snapshot.dataset,
        generated: now_text(),
    };
    ReviewSheet::new(portfolio, &rows, latest, meta)
}

/// The rows of the update sheet (填报表) of `place` for `month`, for the window's and the CLI's
/// template alike: each project as it stood the month before (上期), with the reports up to then
/// (a sheet for April showed June's figures as last period's).
///
/// # Errors
/// A place the plan does not have ([`DbError::Refused`]); the storage's errors.
pub fn update_sheet(db: &Db, place: &str, month: Period) -> Result<ReviewSheet, DbError> {
    let filter = Filter { places: vec![place.to_string()], ..Filter::default() };
    let before = month.plus_months(-1);
    let sort = (SortColumn::Id, SortOrder::Ascending);
    let (snapshot, sheet) = selected_sheet(db, (before, DEFAULT_LAG_THRESHOLD), &filter, sort)?;
    if snapshot.portfolio.gazetteer.index_of(place).is_none() {
        return Err(crate::db::Refusal::UnknownPlace(place.to_string()).into());
    }
    Ok(sheet)
}
