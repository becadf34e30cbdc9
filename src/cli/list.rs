//! `list`: the filtered projects as a table, CSV or JSON.

use crate::words::say;
use std::io::Write;

use serde::Serialize;

use crate::db::{Db, Snapshot};
use crate::domain::{
    Comparator, Portfolio, Project, ProjectId, Report, SortColumn, SortOrder, category, format_target,
};
use crate::export::{Bom, CsvField, csv_bytes};

use super::{FilterArgs, Format, ListArgs};

/// One project as `list --format json` prints it.
#[derive(Debug, Serialize)]
pub struct ProjectJson<'a> {
    pub id: i64,
    pub name: &'a str,
    pub place: &'a str,
    pub category: &'a str,
    pub category_label: &'a str,
    pub zhuanlan: u8,
    pub item: u16,
    pub status: &'static str,
    pub target_year: i32,
    pub target_year_inferred: bool,
    pub unit: Option<&'a str>,
    pub target: Option<f64>,
    /// The plan's qualifier of the target (`at_least`, `more_than`, `about`, `at_most`).
    pub target_comparator: Option<&'static str>,
    pub done: Option<f64>,
    /// Completion 0–1 (done ÷ target, or by status).
    pub completion: f64,
    /// 序时进度 0–1 at the review date.
    pub expected: f64,
    pub lagging: bool,
    pub source: &'a str,
    /// The plan's id.
    pub plan: i64,
    /// The section as printed (专栏 box, heading path, ledger section).
    pub section: &'a str,
    /// 责任单位.
    pub owner: Option<&'a str>,
    /// 项目业主, where a ledger gave it.
    pub proprietor: Option<&'a str>,
    /// 总投资, 年度计划投资, 累计完成投资 (万元), from the latest report.
    pub total_investment: Option<f64>,
    pub plan_investment: Option<f64>,
    pub done_investment: Option<f64>,
    /// 本年计划投资 of the review year (from the latest report when it is of that year) and the
    /// investment completed this year (its 累计完成投资 less that of the last report of an
    /// earlier year), 万元; what the 通报 sums.
    pub year_plan_investment: Option<f64>,
    pub year_done_investment: Option<f64>,
    /// 建设性质.
    pub nature: Option<&'a str>,
    /// 形象进度 and 存在问题 of the latest report.
    pub progress: Option<&'a str>,
    pub problems: Option<&'a str>,
    /// 亮灯 by the plan's rules: `red`, `yellow`, `green` or `unrated`.
    pub light: &'static str,
    /// Why, in Chinese (the measures that lit it and by how much).
    pub light_reason: String,
    /// The first of the closed months in a row before the review month with the same light.
    pub light_since: Option<String>,
}

impl<'a> ProjectJson<'a> {
    /// Row `i` of the portfolio, with its schedule at the portfolio's review date and the
    /// figures of its latest report.
    pub fn of(portfolio: &'a Portfolio, i: usize, latest: Option<&'a Report>) -> Self {
        let p = &portfolio.projects[i];
        let words = |t: &'a str| Some(t).filter(|t| !t.trim().is_empty());
        let schedule = portfolio.schedule(i);
        Self {
            id: p.id.0,
            name: &p.name,
            place: &p.place,
            category: &p.category,
            category_label: category(&p.category).map_or("", |c| c.zh),
            zhuanlan: p.zhuanlan,
            item: p.item,
            status: p.status.code(),
            target_year: p.target_year,
            target_year_inferred: p.target_year_inferred,
            unit: p.unit.as_deref(),
            target: p.target,
            target_comparator: p.target_comparator.map(Comparator::code),
            done: p.done,
            completion: schedule.completion,
            expected: schedule.expected,
            lagging: portfolio.lagging(i),
            source: &p.source,
            plan: p.plan,
            section: &p.section,
            owner: p.responsible_unit.as_deref(),
            proprietor: p.proprietor.as_deref(),
            total_investment: latest.and_then(|r| r.invest_total),
            plan_investment: latest.and_then(|r| r.invest_year_plan),
            done_investment: latest.and_then(|r| r.invest_done),
            year_plan_investment: portfolio.invest_year(i).0,
            year_done_investment: portfolio.invest_year(i).1,
            nature: p.nature.as_deref(),
            progress: latest.and_then(|r| words(&r.progress_text)),
            problems: latest.and_then(|r| words(&r.problems)),
            light: portfolio.light(i).code(),
            light_reason: portfolio.verdict(i).summary(crate::domain::Lang::Zh),
            light_since: portfolio.light_since(i).map(|m| m.to_string()),
        }
    }
}

/// Prints the filtered projects (`latest`: the latest report of each up to the review month).
///
/// # Errors
/// A failed write.
pub fn list(portfolio: &Portfolio, latest: &[Report], args: &ListArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    // Buffered: a terminal's standard output is written a line at a time, and the JSON of
    // 10,000 rows is 400,000 lines.
    let mut out = std::io::BufWriter::new(out);
    let latest: std::collections::HashMap<ProjectId, &Report> = latest.iter().map(|r| (r.project, r)).collect();
    let rows = portfolio.view(&args.filters.filter(), SortColumn::Id, SortOrder::Ascending);
    let projects: Vec<&Project> = rows.iter().map(|&i| &portfolio.projects[i]).collect();
    match args.format {
        Format::Json => {
            let items: Vec<ProjectJson<'_>> = rows
                .iter()
                .map(|&i| ProjectJson::of(portfolio, i, latest.get(&portfolio.projects[i].id).copied()))
                .collect();
            serde_json::to_writer_pretty(&mut out, &items)?;
            writeln!(out)?;
        }
        Format::Csv => write_csv(&projects, &mut out)?,
        Format::Table => write_table(&projects, portfolio.plan.end_year, &mut out)?,
    }
    out.flush()?;
    Ok(())
}

/// Refuses a place or 专栏 the database does not have, listing the ones it does.
pub(super) fn check_filters(db: &Db, snapshot: &Snapshot, args: &FilterArgs) -> anyhow::Result<()> {
    check_places(db, &snapshot.portfolio, args)?;
    for n in &args.zhuanlan {
        if !snapshot.boxes.iter().any(|b| b.number == *n) {
            let numbers = snapshot.boxes.iter().map(|b| b.number.to_string()).collect::<Vec<_>>().join(", ");
            anyhow::bail!("{}", say!("未知专栏 {n},可选:{numbers}", "unknown 专栏 {n}; one of: {numbers}"));
        }
    }
    Ok(())
}

/// Refuses a place the gazetteer does not know, listing the ones it does.
pub(super) fn check_places(db: &Db, portfolio: &Portfolio, args: &FilterArgs) -> anyhow::Result<()> {
    if let Some(date) = args.date {
        super::documents::check_in_plan(db, date, &portfolio.plan)?;
    }
    if let (Some(from), Some(to)) = (args.year_from, args.year_to)
        && from > to
    {
        anyhow::bail!(
            "{}",
            say!(
                "--year-from {from} 晚于 --year-to {to},不会有任何项目。请对调两个年份。",
                "--year-from {from} is after --year-to {to}: no project could match. Swap the two years."
            )
        );
    }
    for place in &args.place {
        if portfolio.gazetteer.index_of(place).is_none() {
            let names = portfolio.gazetteer.places().iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ");
            let place = crate::words::quoted(place);
            anyhow::bail!("{}", say!("未知地点{place},可选:{names}", "unknown place {place}; one of: {names}"));
        }
    }
    Ok(())
}

pub(super) fn write_csv(projects: &[&Project], out: &mut dyn Write) -> anyhow::Result<()> {
    let header = [
        "id",
        "name",
        "place",
        "category",
        "zhuanlan",
        "item",
        "status",
        "target_year",
        "unit",
        "target",
        "done",
        "source",
        "target_comparator",
    ];
    let text = |t: &str| CsvField::Text(t.to_string());
    let rows: Vec<Vec<CsvField>> = projects
        .iter()
        .map(|p| {
            vec![
                CsvField::Number(p.id.to_string()),
                text(&p.name),
                text(&p.place),
                text(&p.category),
                CsvField::Number(p.zhuanlan.to_string()),
                CsvField::Number(p.item.to_string()),
                text(p.status.code()),
                CsvField::Number(p.target_year.to_string()),
                text(p.unit.as_deref().unwrap_or_default()),
                CsvField::number(p.target),
                CsvField::number(p.done),
                text(&p.source),
                text(p.target_comparator.map(Comparator::code).unwrap_or_default()),
            ]
        })
        .collect();
    out.write_all(&csv_bytes(&header, &rows, Bom::Without)?)?;
    Ok(())
}

/// Display width of text in a terminal: CJK characters take two columns.
pub(super) fn display_width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

pub(super) fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(display_width(text))))
}

pub(super) fn write_table(projects: &[&Project], plan_end: i32, out: &mut dyn Write) -> std::io::Result<()> {
    let zh = crate::words::current() == crate::words::Lang::Zh;
    let header = if zh {
        ["ID", "专栏", "项目名称", "所属区(县)", "类别", "状态", "目标年", "目标量"]
    } else {
        ["ID", "Box", "Project", "Place", "Category", "Status", "Year", "Target"]
    };
    let rows: Vec<[String; 8]> = projects
        .iter()
        .map(|p| {
            let target = match (p.target, &p.unit) {
                (Some(t), Some(u)) => format_target(t, p.target_comparator.map(Comparator::label_zh), Some(u)),
                _ => String::new(),
            };
            let year = format!("{}{}", p.target_year, if p.target_year_inferred { "*" } else { "" });
            [
                p.id.to_string(),
                format!("{}.{}", p.zhuanlan, p.item),
                p.name.clone(),
                p.place.clone(),
                category(&p.category).map_or_else(|| p.category.clone(), |c| if zh { c.zh } else { c.en }.to_string()),
                if zh { p.status.label_zh() } else { p.status.label_en() }.to_string(),
                year,
                target,
            ]
        })
        .collect();
    let mut widths = header.map(display_width);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(display_width(cell));
        }
    }
    let line = |cells: &[String]| {
        cells.iter().zip(widths).map(|(c, w)| pad(c, w)).collect::<Vec<_>>().join("  ").trim_end().to_string()
    };
    writeln!(out, "{}", line(&header.map(String::from)))?;
    for row in &rows {
        writeln!(out, "{}", line(row))?;
    }
    let n = rows.len();
    writeln!(
        out,
        "{}",
        say!(
            "{n} 项(* 规划未写明年份,按规划期末 {plan_end} 年计)",
            "{n} projects (* year not stated, the plan's end {plan_end} assumed)"
        )
    )?;
    Ok(())
}
