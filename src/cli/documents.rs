//! `notice` and `duban`: the month's 通报 and the 督办函 to the 责任单位, as Word files, written
//! by the use case the window's 写通报/写督办函 call too (`usecase::documents`).

use crate::words::say;
use std::io::Write;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use crate::db::Db;
use crate::domain::Period;
use crate::export::OutputRules;
use crate::usecase::documents::{self as usecase, Letters, MonthScope};

use super::{FilterArgs, check_filters};

/// `notice --month M [filters] -o FILE.docx`.
///
/// # Errors
/// An unknown place, `--date` given beside `--month`, or the use case's refusals and errors.
pub(super) fn notice(
    db: &Db,
    month: Period,
    filters: &FilterArgs,
    (output, rules): (&Path, &OutputRules),
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if filters.date.is_some_and(|d| d != month) {
        anyhow::bail!(
            "{}",
            say!("通报的月份由 --month 指定,请去掉 --date。", "The 通报's month is --month; leave out --date.")
        );
    }
    // The places and 专栏 named are checked against the plan's (read without its rows).
    check_filters(db, &db.snapshot_head(month, filters.lag_threshold, 0)?, filters)?;
    let filter = filters.filter();
    let scope = MonthScope { month, lag_threshold: filters.lag_threshold, filter: &filter };
    let written = usecase::write_notice(db, scope, output, rules)?;
    let (path, projects, lit, overdue) = (output.display(), written.projects, written.lit, written.overdue);
    writeln!(
        out,
        "{}",
        say!(
            "{month} 通报已写入:{path}({projects} 个项目,{lit} 个红黄灯,{overdue} 个逾期问题)",
            "{month} bulletin written: {path} ({projects} projects, {lit} red or yellow, {overdue} overdue problems)"
        )
    )?;
    Ok(())
}

/// Refuses a month before the plan's period when nothing was reported by then
/// ([`usecase::check_in_plan`]).
pub(super) fn check_in_plan(db: &Db, month: Period, plan: &crate::domain::Plan) -> anyhow::Result<()> {
    Ok(usecase::check_in_plan(db, month, plan)?)
}

/// `duban --owner UNIT -o FILE.docx` or `duban --all -o DIR`.
///
/// # Errors
/// The use case's: a unit with nothing to chase, an existing file without `--force` (checked for
/// every letter before any is written), a failed write.
pub(super) fn duban(
    db: &Db,
    owner: Option<&str>,
    month: Period,
    (output, rules): (&Path, &OutputRules),
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let letters = match owner {
        Some(unit) => Letters::One { unit, file: output },
        None => Letters::All { folder: output },
    };
    let month_scope = (month, crate::domain::DEFAULT_LAG_THRESHOLD);
    let written = usecase::write_letters(db, month_scope, letters, rules, &AtomicBool::new(false))?;
    if owner.is_some() {
        let (path, lit, open) = (output.display(), written.lit, written.open);
        writeln!(
            out,
            "{}",
            say!(
                "督办函已写入:{path}({lit} 个项目,{open} 个问题)",
                "letter written: {path} ({lit} projects, {open} problems)"
            )
        )?;
        return Ok(());
    }
    let (n, path) = (written.files.len(), output.display());
    if n == 0 {
        writeln!(
            out,
            "{}",
            say!(
                "{month} 没有需要督办的单位(没有写明责任单位的红黄灯项目或未销号问题),未写督办函。",
                "No unit to chase in {month} (no red or yellow project or open problem names a 责任单位); no letter written."
            )
        )?;
    } else {
        writeln!(out, "{}", say!("{n} 份督办函已写入 {path}", "{n} letters written: {path}"))?;
    }
    // Red and yellow projects with no 责任单位 get no letter: said, not left out silently.
    let unowned = written.unowned;
    if unowned > 0 {
        writeln!(
            out,
            "{}",
            say!(
                "另有 {unowned} 个红黄灯项目没有责任单位,未写督办函:请在项目中填写责任单位。",
                "{unowned} red or yellow projects have no 责任单位 and got no letter: fill in their 责任单位."
            )
        )?;
    }
    Ok(())
}

/// `close-month --month M`.
///
/// # Errors
/// An archived plan, a month still to come, or a failed write.
pub(super) fn close_month(db: &Db, month: Period, reviewer: &str, out: &mut dyn Write) -> anyhow::Result<()> {
    let closed = db.close_month(month, reviewer)?;
    let (again_zh, again_en) = if closed.again { ("(重新结账)", " again") } else { ("", "") };
    let (projects, changeset) = (closed.projects, closed.changeset);
    if !closed.compared {
        writeln!(
            out,
            "{}",
            say!(
                "{month} 已结账{again_zh}:{projects} 个项目的亮灯已保存(上月未结账,不作比较;#{changeset})",
                "{month} closed{again_en}: lights of {projects} projects kept (the month before was not closed: nothing to compare; #{changeset})"
            )
        )?;
        return Ok(());
    }
    let changed = closed.changed;
    writeln!(
        out,
        "{}",
        say!(
            "{month} 已结账{again_zh}:{projects} 个项目的亮灯已保存,{changed} 个与上月不同(#{changeset})",
            "{month} closed{again_en}: lights of {projects} projects kept, {changed} differ from the month before (#{changeset})"
        )
    )?;
    Ok(())
}
