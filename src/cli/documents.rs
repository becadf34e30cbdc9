//! `notice` and `duban`: the month's 通报 and the 督办函 to the 责任单位, as Word files.

use crate::words::say;
use std::io::Write;
use std::path::Path;

use crate::db::{Db, ProblemFilter};
use crate::domain::{Notice, Period, SortColumn, SortOrder};
use crate::export::{DocMeta, OutputRules, letter_file_name, write_letter, write_notice};

use super::{FilterArgs, check_filters};

/// The month's figures for the rows the filter options let through (all rows without them), as
/// the 通报 and the letters use them.
fn month_notice(db: &Db, month: Period, filters: Option<&FilterArgs>) -> anyhow::Result<(Notice, DocMeta)> {
    let threshold = filters.map_or(crate::domain::DEFAULT_LAG_THRESHOLD, |f| f.lag_threshold);
    let filter = filters.map(FilterArgs::filter).unwrap_or_default();
    let (snapshot, latest) = db.snapshot_selecting(month, threshold, &filter)?;
    check_in_plan(db, month, &snapshot.plan)?;
    if let Some(f) = filters {
        check_filters(db, &snapshot, f)?;
    }
    let rows = snapshot.portfolio.view(&filter, SortColumn::Id, SortOrder::Ascending);
    let problems: Vec<_> = db.problems(&ProblemFilter::default())?.into_iter().map(|r| r.problem).collect();
    let mut notice = Notice::build(&snapshot.portfolio, &rows, &latest, &problems);
    notice.scope = filter.describe();
    let meta = DocMeta { dataset: snapshot.dataset, issued: jiff::Zoned::now().date() };
    Ok((notice, meta))
}

/// `notice --month M [filters] -o FILE.docx`.
///
/// # Errors
/// An unknown place, `--date` given beside `--month`, or a failed write.
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
    check_month_and_name(month, output)?;
    rules.check(output)?;
    let (notice, meta) = month_notice(db, month, Some(filters))?;
    rules.write(output, &write_notice(&notice, meta)?)?;
    let (path, projects, lit, overdue) =
        (output.display(), notice.total.projects, notice.lit.len(), notice.overdue().count());
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

/// Refuses a month before the plan's period when nothing was reported by then: nothing of the
/// plan was due, and every row would read as on schedule. (A ledger brought in before its plan's
/// first year has reports then, and its month can be reviewed.)
pub(super) fn check_in_plan(db: &Db, month: Period, plan: &crate::domain::Plan) -> anyhow::Result<()> {
    if month.year < plan.start_year && !db.reported_by(month)? {
        let (from, to) = (plan.start_year, plan.end_year);
        anyhow::bail!(
            "{}",
            say!(
                "{month} 早于规划期({from}—{to}),规划的项目那时还没有开始,也没有填报。",
                "{month} is before the plan's period ({from}–{to}): none of its projects had started or been reported."
            )
        );
    }
    Ok(())
}

/// Refuses a month to come (a 通报 or 督办函 of 2031-01 written in 2026 reports nothing that
/// happened).
fn check_month(month: Period) -> anyhow::Result<()> {
    let today = Period::today();
    if month > today {
        anyhow::bail!(
            "{}",
            say!(
                "{month} 还没有到(现在是 {today}),未写入。",
                "{month} has not come yet (it is {today}); nothing written."
            )
        );
    }
    Ok(())
}

/// Refuses a file name that is not a Word file's (a .docx written under x.txt opens as garbage).
fn check_docx_name(output: &Path) -> anyhow::Result<()> {
    if !output.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx")) {
        anyhow::bail!(
            "{}",
            say!(
                "通报和督办函是 Word 文件,请用 .docx 结尾的文件名(如 2026-09通报.docx)。",
                "Bulletins and letters are Word files: give a name ending in .docx (such as 2026-09-bulletin.docx)."
            )
        );
    }
    Ok(())
}

/// Both checks of a 通报's month and file.
fn check_month_and_name(month: Period, output: &Path) -> anyhow::Result<()> {
    check_month(month)?;
    check_docx_name(output)
}

/// `duban --owner UNIT -o FILE.docx` or `duban --all -o DIR`.
///
/// # Errors
/// A unit with nothing to chase, an existing file without `--force` (checked for every letter
/// before any is written), or a failed write.
pub(super) fn duban(
    db: &Db,
    owner: Option<&str>,
    month: Period,
    (output, rules): (&Path, &OutputRules),
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    check_month(month)?;
    if owner.is_some() {
        check_docx_name(output)?;
    }
    let (notice, meta) = month_notice(db, month, None)?;
    let units = notice.units();
    if let Some(unit) = owner {
        let letter = notice.letter(unit.trim());
        if letter.is_empty() {
            let known =
                if units.is_empty() { crate::words::tr("(无)", "(none)").to_string() } else { units.join("、") };
            anyhow::bail!(
                "{}",
                say!(
                    "“{unit}”在 {month} 没有红黄灯项目或未销号问题,未写督办函。需要督办的单位:{known}",
                    "{unit:?} has no red or yellow project and no open problem in {month}; no letter written. Units to chase: {known}"
                )
            );
        }
        rules.check(output)?;
        rules.write(output, &write_letter(&letter, meta)?)?;
        let (path, lit, open) = (output.display(), letter.lit.len(), letter.open.len());
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
    if output.is_file() {
        let path = output.display();
        anyhow::bail!(
            "{}",
            say!("{path} 是文件;--all 需要一个文件夹。", "{path} is a file; --all writes into a folder.")
        );
    }
    let files: Vec<(std::path::PathBuf, String)> =
        units.iter().map(|u| (output.join(letter_file_name(u, month)), u.clone())).collect();
    for (path, _) in &files {
        rules.check(path)?;
    }
    std::fs::create_dir_all(output).map_err(|e| anyhow::anyhow!("{}: {e}", output.display()))?;
    for (path, unit) in &files {
        rules.write(path, &write_letter(&notice.letter(unit), meta)?)?;
    }
    let (n, path) = (files.len(), output.display());
    writeln!(out, "{}", say!("{n} 份督办函已写入 {path}", "{n} letters written: {path}"))?;
    // Red and yellow projects with no 责任单位 get no letter: said, not left out silently.
    let unowned = notice.lit.iter().filter(|l| l.owner.is_empty()).count();
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
