//! Reading a plan as the screens and documents show it: its rows (the whole plan, the rows a
//! filter selects, or the first screen's), their states, figures and lights at a review month,
//! and each row's latest report, in one read transaction.

use super::{Db, DbError, Progress, links, projects, reference, select};
use crate::domain::{Period, Portfolio, Snapshot};

/// Whether the latest reports a snapshot reads keep their texts (形象进度, 存在问题…) or only
/// their figures, which is all the portfolio takes in.
#[derive(Clone, Copy)]
enum Texts {
    Read,
    Left,
}

/// Which rows of a plan a snapshot reads.
#[derive(Clone, Copy)]
enum Rows<'a> {
    All,
    /// Those the filter can select.
    Filtered(&'a crate::domain::Filter),
    /// The first rows by 序号.
    First(usize),
}

impl Db {
    /// Reads everything the app shows of the current plan.
    ///
    /// # Errors
    /// On SQLite failures or a value the schema should not allow.
    pub fn snapshot(&self) -> Result<Snapshot, DbError> {
        let plan = self.current_plan()?;
        self.snapshot_of(plan.id)
    }

    /// Reads everything the app shows of one plan.
    ///
    /// # Errors
    /// [`DbError::NoSuchPlan`], SQLite failures or a value the schema should not allow.
    pub fn snapshot_of(&self, plan_id: i64) -> Result<Snapshot, DbError> {
        self.snapshot_for(plan_id, Period::today(), crate::domain::DEFAULT_LAG_THRESHOLD)
    }

    /// One plan at `review`: the reports are read once, up to that month.
    fn snapshot_for(&self, plan_id: i64, review: Period, lag_threshold: f64) -> Result<Snapshot, DbError> {
        let (snapshot, revision) = self.read_snapshot(plan_id, review, lag_threshold, None)?;
        self.seen(revision);
        Ok(snapshot)
    }

    /// What the reviewer is looking at now was read at `revision`.
    fn seen(&self, revision: i64) {
        self.seen.revision.set(Some(revision));
        self.seen.own.borrow_mut().clear();
    }

    /// As [`Db::snapshot_at`], saying how far the reading has got in `progress`. Stopped
    /// (`Ok(None)`) when `progress` is cancelled: the window keeps what it showed, and this
    /// handle still counts that older state as what the reviewer has seen.
    ///
    /// # Errors
    /// As [`Db::snapshot`].
    pub fn snapshot_with(
        &self,
        review: Period,
        lag_threshold: f64,
        progress: &Progress,
    ) -> Result<Option<Snapshot>, DbError> {
        let plan = self.current_plan_id()?;
        match self.read_snapshot(plan, review, lag_threshold, Some(progress)) {
            Ok((snapshot, revision)) => {
                self.seen(revision);
                Ok(Some(snapshot))
            }
            Err(DbError::Cancelled) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// One consistent state, and the revision it is at (a write landing meanwhile is either in
    /// both or in neither), without counting it as what the reviewer has seen: for work such as
    /// a month closing, whose reading must not make an older screen's draft look current.
    pub(super) fn read_snapshot(
        &self,
        plan_id: i64,
        review: Period,
        lag_threshold: f64,
        progress: Option<&Progress>,
    ) -> Result<(Snapshot, i64), DbError> {
        let tx = self.conn.read_transaction()?;
        let revision = self.revision()?;
        let (snapshot, _) = self.snapshot_in(plan_id, (review, lag_threshold), Rows::All, progress)?;
        tx.commit()?;
        Ok((snapshot, revision))
    }

    /// As [`Db::snapshot_at`], with only the rows `filter` can select (issue 28): the filter's
    /// place, category, 专栏, status and years are asked of the storage, and only those projects,
    /// their reports, lights and problems are read and worked out. `Portfolio::view` with the
    /// same filter then gives the rows, figures and lights the whole snapshot gives; the
    /// districts and categories keep the whole plan's order. For the commands, which answer one
    /// question; the window needs the whole snapshot. With it, the latest report up to `review`
    /// of each of those rows that has one, by project.
    ///
    /// # Errors
    /// As [`Db::snapshot`].
    pub fn snapshot_selecting(
        &self,
        review: Period,
        lag_threshold: f64,
        filter: &crate::domain::Filter,
    ) -> Result<(Snapshot, Vec<crate::domain::Report>), DbError> {
        let plan = self.current_plan_id()?;
        let tx = self.conn.read_transaction()?;
        let read = self.snapshot_in(plan, (review, lag_threshold), Rows::Filtered(filter), None)?;
        tx.commit()?;
        // Not counted as seen: the window's 通报 is read this way on its worker, and what the
        // reviewer sees is still the snapshot on screen (a write by another reviewer between the
        // two must still load).
        Ok(read)
    }

    /// The whole current plan at `review` with its lights, the latest reports' figures taken
    /// in but not their texts: what the 督办函 to every unit need (their red and yellow rows
    /// over the whole plan), without what a 通报 lists. Not counted as seen, as
    /// [`Db::snapshot_selecting`].
    ///
    /// # Errors
    /// As [`Db::snapshot`].
    pub fn snapshot_lit(&self, review: Period, lag_threshold: f64) -> Result<Snapshot, DbError> {
        let plan = self.current_plan_id()?;
        Ok(self.read_snapshot(plan, review, lag_threshold, None)?.0)
    }

    /// The first `n` rows of the current plan (by 序号) at `review`, with their lights: what
    /// the window shows on its first screen while the whole snapshot is still being read (issue
    /// 28). Not counted as seen: the whole read that follows is.
    ///
    /// # Errors
    /// The engine's error.
    pub fn snapshot_head(&self, review: Period, lag_threshold: f64, n: usize) -> Result<Snapshot, DbError> {
        let plan = self.current_plan_id()?;
        let tx = self.conn.read_transaction()?;
        let (snapshot, _) = self.snapshot_in(plan, (review, lag_threshold), Rows::First(n), None)?;
        tx.commit()?;
        Ok(snapshot)
    }

    /// Whether any project of the current plan was reported up to `month` (what
    /// `Portfolio::has_reports` tells of a whole snapshot, for one of some rows).
    ///
    /// # Errors
    /// The engine's error.
    pub fn reported_by(&self, month: Period) -> Result<bool, DbError> {
        select::reported_by(&self.conn, self.current_plan_id()?, month)
    }

    /// Every report of the current plan's projects that `filter` can select, by project and
    /// period (the deck's progress charts of those rows).
    ///
    /// # Errors
    /// The engine's error.
    pub fn reports_selecting(
        &self,
        review: Period,
        filter: &crate::domain::Filter,
    ) -> Result<Vec<crate::domain::Report>, DbError> {
        let plan = self.current_plan()?;
        let selection = select::Selection::of(filter, &self.gazetteer_of(&plan)?, plan.id, review);
        select::reports_of(&self.conn, selection.as_ref())
    }

    /// One plan at `review`: every row, or with `filter` the rows it can select; with the
    /// latest report of each up to `review`.
    fn snapshot_in(
        &self,
        plan_id: i64,
        (review, lag_threshold): (Period, f64),
        rows: Rows<'_>,
        progress: Option<&Progress>,
    ) -> Result<(Snapshot, Vec<crate::domain::Report>), DbError> {
        // The steps below, in order; the projects and the reports are most of the time.
        let step = |done: u64| match progress {
            Some(p) if p.cancelled() => Err(DbError::Cancelled),
            Some(p) => {
                p.set(done, 8);
                Ok(())
            }
            None => Ok(()),
        };
        let plans = self.plans()?;
        let plan = plans.iter().find(|p| p.id == plan_id).cloned().ok_or(DbError::NoSuchPlan(plan_id))?;
        step(1)?;
        let gazetteer = self.gazetteer_of(&plan)?;
        let selection = match rows {
            Rows::All => None,
            Rows::Filtered(f) => select::Selection::of(f, &gazetteer, plan_id, review),
            Rows::First(n) => Some(select::Selection::first(plan_id, n)),
        };
        let mut projects = match &selection {
            Some(selection) => select::load_selected(&self.conn, selection)?,
            None => projects::load_projects(&self.conn, plan_id, false)?,
        };
        let same_as: std::collections::HashMap<_, _> = links::load_links(&self.conn, plan_id)?.into_iter().collect();
        for p in &mut projects {
            p.same_as = same_as.get(&p.id).copied();
        }
        step(3)?;
        let mut portfolio = Portfolio::for_plan(plan.clone(), projects, gazetteer);
        // Districts and categories in the whole plan's order (a first screen needs none).
        if selection.is_some() && !matches!(rows, Rows::First(_)) {
            portfolio.order_groups_as(&select::groups_in_order(&self.conn, plan_id)?);
        }
        portfolio.rules = self.light_rules(plan_id)?;
        portfolio.set_schedule(review, lag_threshold);
        step(4)?;
        // The latest reports go back whole to a command, which lists them; the window takes
        // only their figures into the portfolio.
        let texts = if matches!(rows, Rows::Filtered(_)) { Texts::Read } else { Texts::Left };
        let latest = self.refresh_reports_of(&mut portfolio, selection.as_ref(), texts)?;
        step(6)?;
        portfolio.set_open_problems(&self.open_problem_dues_at(review)?);
        portfolio.set_month_lights(&self.month_lights_of(plan_id)?);
        step(7)?;
        let snapshot = Snapshot {
            portfolio,
            indicators: reference::load_indicators(&self.conn, plan_id)?,
            boxes: reference::load_boxes(&self.conn, plan_id)?,
            dataset: self.dataset()?,
            plan,
            plans,
        };
        step(8)?;
        Ok((snapshot, latest))
    }

    /// Reads the current plan's portfolio at `review`, lagging beyond `lag_threshold` points,
    /// with the reports up to that month.
    ///
    /// # Errors
    /// As [`Db::snapshot`].
    pub fn snapshot_at(&self, review: Period, lag_threshold: f64) -> Result<Snapshot, DbError> {
        self.snapshot_for(self.current_plan_id()?, review, lag_threshold)
    }

    /// Gives the portfolio what the reports say at its review month: each project's status and
    /// done as of then, its latest report up to that month and its last report of an earlier
    /// year (the investment done this year is the difference).
    ///
    /// # Errors
    /// On SQLite failures.
    pub fn refresh_reports(&self, portfolio: &mut Portfolio) -> Result<(), DbError> {
        self.refresh_reports_of(portfolio, None, Texts::Left).map(drop)
    }

    /// As [`Db::refresh_reports`], reading the reports of the selected projects only; the
    /// latest report of each up to the review month (with its texts or only its figures).
    fn refresh_reports_of(
        &self,
        portfolio: &mut Portfolio,
        selection: Option<&select::Selection>,
        texts: Texts,
    ) -> Result<Vec<crate::domain::Report>, DbError> {
        let review = portfolio.review;
        let year_end = Period { year: review.year - 1, month: 12 };
        let mut until = match texts {
            Texts::Read => select::latest_until(&self.conn, review, selection)?,
            Texts::Left => select::figures_until(&self.conn, review, selection)?,
        };
        let mut later: std::collections::HashSet<crate::domain::ProjectId> =
            select::reported_after(&self.conn, review, selection)?.into_iter().collect();
        // Of the last report of an earlier year only its figures count (the investment done
        // before the review year).
        let mut year_base = select::figures_until(&self.conn, year_end, selection)?;
        // A project the plan names twice has one state, from the reports of either row (the
        // selection reads the twin's reports too).
        let pairs = links::load_links(&self.conn, portfolio.plan.id)?;
        links::share_reports(&pairs, &mut until, Some(&mut later));
        links::share_reports(&pairs, &mut year_base, None);
        portfolio.set_states_at_review(&until, &later);
        portfolio.set_reports(&until, &year_base);
        Ok(until)
    }
}
