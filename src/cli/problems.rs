//! `problems` and `problem close|reopen|in-hand`: the 问题清单 of the current plan listed and
//! chased to closure (销号).

use crate::words::say;
use std::io::Write;

use clap::Subcommand;
use serde::Serialize;

use crate::db::{Db, ProblemFilter, ProblemRow};
use crate::domain::{Period, ProblemStatus};

use super::Format;

/// What `problem` does to one item.
#[derive(Debug, Subcommand)]
pub enum ProblemAction {
    /// 销号: close an item, saying how it was solved.
    Close {
        /// The item's id (see `taizhang problems`).
        id: i64,
        /// How it was solved.
        #[arg(long, value_name = "TEXT")]
        note: String,
        /// The day it was closed (YYYY-MM-DD; default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
    /// Open a closed item again.
    Reopen {
        id: i64,
        /// Why (kept with the item).
        #[arg(long, value_name = "TEXT", default_value = "")]
        note: String,
    },
    /// Mark an item as in hand (办理中).
    InHand { id: i64 },
}

/// One item as `problems --format json` prints it.
#[derive(Serialize)]
struct ProblemJson<'a> {
    id: i64,
    project: i64,
    project_name: &'a str,
    place: &'a str,
    kind: &'static str,
    text: &'a str,
    owner: &'a str,
    person: &'a str,
    due: Option<String>,
    raised: String,
    status: &'static str,
    overdue: bool,
    closed_on: Option<&'a str>,
    close_note: &'a str,
}

/// Lists the items the options let through.
///
/// # Errors
/// On database failures or a failed write.
pub(super) fn list(
    db: &Db,
    owner: Option<&str>,
    overdue: bool,
    status: Option<&str>,
    month: Option<Period>,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let given = month;
    let month = month.unwrap_or_else(Period::today);
    let statuses = match status {
        None => Vec::new(),
        Some("open") => vec![ProblemStatus::Open, ProblemStatus::InHand],
        Some("closed") => vec![ProblemStatus::Resolved],
        Some(other) => {
            let other = crate::words::quoted(other);
            anyhow::bail!(
                "{}",
                say!("--status 应为 open 或 closed,而不是 {other}", "--status is open or closed, not {other}")
            )
        }
    };
    // With --date, the items as they stood at the end of that month (as its 通报 reads them).
    let as_of = given;
    let filter =
        ProblemFilter { owner: owner.map(str::to_string), overdue_at: overdue.then_some(month), statuses, as_of };
    let rows = db.problems(&filter)?;
    match format {
        Format::Json => {
            let items: Vec<ProblemJson<'_>> = rows.iter().map(|r| json(r, month)).collect();
            serde_json::to_writer_pretty(&mut *out, &items)?;
            writeln!(out)?;
        }
        Format::Csv => {
            // The same fields as the JSON, one item a row (the table was printed for csv too).
            let header = [
                "id",
                "project",
                "project_name",
                "place",
                "kind",
                "text",
                "owner",
                "person",
                "due",
                "raised",
                "status",
                "overdue",
                "closed_on",
                "close_note",
            ];
            let text = |t: &str| crate::export::CsvField::Text(t.to_string());
            let number = |n: i64| crate::export::CsvField::Number(n.to_string());
            let lines: Vec<Vec<crate::export::CsvField>> = rows
                .iter()
                .map(|r| {
                    let j = json(r, month);
                    vec![
                        number(j.id),
                        number(j.project),
                        text(j.project_name),
                        text(j.place),
                        text(j.kind),
                        text(j.text),
                        text(j.owner),
                        text(j.person),
                        text(j.due.as_deref().unwrap_or_default()),
                        text(&j.raised),
                        text(j.status),
                        text(if j.overdue { "1" } else { "0" }),
                        text(j.closed_on.unwrap_or_default()),
                        text(j.close_note),
                    ]
                })
                .collect();
            out.write_all(&crate::export::csv_bytes(&header, &lines, crate::export::Bom::Without)?)?;
        }
        Format::Table => {
            for r in &rows {
                let p = &r.problem;
                let due = p.due.map_or_else(|| "—".to_string(), |d| d.to_string());
                let zh = crate::words::current() == crate::words::Lang::Zh;
                let late = if !p.overdue(month) { "" } else { crate::words::tr(" 逾期", " overdue") };
                let (status, kind) = if zh {
                    (p.status.label_zh(), p.kind.label_zh())
                } else {
                    (p.status.label_en(), p.kind.label_en())
                };
                let (id, name, place, text) = (format!("{:>5}", p.id), &r.project_name, &r.place, &p.text);
                let owner = if p.owner.is_empty() { "—" } else { &p.owner };
                writeln!(
                    out,
                    "{}",
                    say!(
                        "{id}  {status}  {name}  {place}  [{kind}] {text}  {owner}  时限 {due}{late}",
                        "{id}  {status}  {name}  {place}  [{kind}] {text}  {owner}  due {due}{late}"
                    )
                )?;
            }
            let open = rows.iter().filter(|r| r.problem.is_open()).count();
            let late = rows.iter().filter(|r| r.problem.overdue(month)).count();
            let n = rows.len();
            writeln!(
                out,
                "{}",
                say!("{n} 项:{open} 未销号,{late} 逾期({month})", "{n} items: {open} open, {late} overdue ({month})")
            )?;
        }
    }
    Ok(())
}

fn json(r: &ProblemRow, month: Period) -> ProblemJson<'_> {
    let p = &r.problem;
    ProblemJson {
        id: p.id,
        project: p.project.0,
        project_name: &r.project_name,
        place: &r.place,
        kind: p.kind.code(),
        text: &p.text,
        owner: &p.owner,
        person: &p.person,
        due: p.due.map(|d| d.to_string()),
        raised: p.raised.to_string(),
        status: p.status.code(),
        overdue: p.overdue(month),
        closed_on: p.closed_on.as_deref(),
        close_note: &p.close_note,
    }
}

/// Closes, reopens or marks one item in hand.
///
/// # Errors
/// An unknown item, a close without a note, an archived plan, or a database failure.
pub(super) fn act(db: &Db, action: &ProblemAction, reviewer: &str, out: &mut dyn Write) -> anyhow::Result<()> {
    let today = crate::domain::now_text().chars().take(10).collect::<String>();
    let (id, status, note, day) = match action {
        ProblemAction::Close { id, note, date } => {
            (*id, ProblemStatus::Resolved, note.as_str(), date.clone().unwrap_or(today))
        }
        ProblemAction::Reopen { id, note } => (*id, ProblemStatus::Open, note.as_str(), today),
        ProblemAction::InHand { id } => (*id, ProblemStatus::InHand, "", today),
    };
    let changeset = match db.set_problem_status(id, status, note, &day, reviewer) {
        // The storage's "not found" names a project; here it is an item of the 问题清单.
        Err(crate::db::ReviewError::NotFound(_)) => anyhow::bail!(
            "{}",
            say!(
                "没有编号为 {id} 的问题清单项,用 taizhang problems 查看。",
                "There is no item #{id}; see them with taizhang problems."
            )
        ),
        other => other?,
    };
    let (zh, en) = (status.label_zh(), status.label_en());
    if changeset == 0 {
        // The item already stood so: no change recorded (the storage gives no changeset).
        writeln!(out, "{}", say!("问题 #{id} 已是{zh},未修改", "item #{id} is already {en}; nothing changed"))?;
        return Ok(());
    }
    writeln!(out, "{}", say!("问题 #{id}:{zh}(#{changeset})", "item #{id}: {en} (#{changeset})"))?;
    Ok(())
}
