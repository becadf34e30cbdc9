//! `report`, `history` and `restore`: a report recorded from a script, the history printed,
//! a backup put back.

use crate::words::say;
use std::io::Write;
use std::path::Path;

use crate::db::Db;
use crate::domain::{Period, ProjectId, ReportInput};
use crate::export::{Bom, CsvField, csv_bytes};

use super::{Cli, Format, ProjectArgs, ReportArgs, amount, prepare_db_path};

/// `restore`: over a database that opens, after backing its state up; over one that is
/// damaged, keeping the damaged file beside it.
pub(super) fn restore(cli: &Cli, file: &Path, out: &mut dyn Write) -> anyhow::Result<()> {
    let path = prepare_db_path(cli)?;
    match Db::open(&path) {
        Ok(mut db) => {
            if let Some(safety) = db.restore_from(file)? {
                let safety = safety.display();
                writeln!(
                    out,
                    "{}",
                    say!("恢复前的状态已备份到 {safety}", "the state before restoring is in {safety}")
                )?;
            }
        }
        Err(e) if e.is_damaged() => {
            let (_, kept) = Db::restore_damaged(&path, file)?;
            let kept = kept.display();
            writeln!(out, "{}", say!("损坏的数据库已保留为 {kept}", "the damaged database was kept as {kept}"))?;
        }
        Err(e) => return Err(e.into()),
    }
    let file = file.display();
    writeln!(out, "{}", say!("已从 {file} 恢复", "restored from {file}"))?;
    Ok(())
}

pub(super) fn record_report(db: &Db, args: &ReportArgs, reviewer: &str, out: &mut dyn Write) -> anyhow::Result<()> {
    // A failed backup is reported, but does not cost the reviewer the report.
    if let Err(e) = db.daily_backup() {
        super::console::say_line(&say!(
            "警告:今日备份失败,报告仍会保存:{e}",
            "warning: today's backup failed; the report is saved anyway: {e}"
        ));
    }
    let snapshot = db.snapshot()?;
    // A project of another plan, or in the bin, is refused by add_reports with its reason.
    let unit = snapshot.portfolio.projects.iter().find(|p| p.id.0 == args.project).and_then(|p| p.unit.as_deref());
    let input = ReportInput {
        project: Some(ProjectId(args.project)),
        period: Some(args.date.unwrap_or_else(Period::today)),
        status: Some(args.status),
        done: amount(args.done.as_deref(), unit, "--done")?,
        invest_done: amount(args.invested.as_deref(), Some("万元"), "--invested")?,
        progress_text: args.progress.clone().unwrap_or_default(),
        problems: args.problems.clone().unwrap_or_default(),
        coordination: args.coordination.clone().unwrap_or_default(),
        coordination_unit: args.coordination_unit.clone().unwrap_or_default(),
        coordination_due: args.coordination_due.clone().unwrap_or_default(),
        note: args.note.clone().unwrap_or_default(),
        ..ReportInput::default()
    };
    let changeset = db.add_reports(&[input], reviewer, Period::today(), args.confirm_over_target)?;
    writeln!(out, "{}", say!("已保存,修改 #{changeset}", "saved as change #{changeset}"))?;
    Ok(())
}

/// `project ID [--nature …]`: the options given change the project's fields, validated and
/// recorded as one change.
///
/// # Errors
/// An unknown project, a value the window would refuse (a malformed 项目代码), a database error.
pub(super) fn set_project(db: &Db, args: &ProjectArgs, reviewer: &str, out: &mut dyn Write) -> anyhow::Result<()> {
    let snapshot = db.snapshot()?;
    let Some(project) = snapshot.portfolio.projects.iter().find(|p| p.id.0 == args.id) else {
        let id = args.id;
        anyhow::bail!("{}", say!("当前规划中没有项目 {id}", "project {id} is not in the current plan"));
    };
    let mut fields = crate::domain::ProjectFields::of(project);
    if let Some(nature) = &args.nature {
        fields.nature = Some(nature.clone()).filter(|n| n != crate::domain::NATURE_MISSING);
    }
    if let Some(month) = args.planned_start {
        fields.planned_start = Some(month);
    }
    if let Some(registered) = args.registered {
        fields.registered = Some(registered);
        if !registered {
            fields.registered_in = None;
        }
    }
    if let Some(month) = args.registered_in {
        fields.registered = Some(true);
        fields.registered_in = Some(month);
    }
    let text = |t: &str| Some(t.trim().to_string()).filter(|t| !t.is_empty());
    if let Some(code) = &args.code {
        fields.project_code = text(code);
    }
    if let Some(owner) = &args.owner {
        fields.responsible_unit = text(owner);
    }
    if let Some(person) = &args.person {
        fields.responsible_person = text(person);
    }
    match db.update_project(ProjectId(args.id), &fields, reviewer)? {
        Some(changeset) => writeln!(out, "{}", say!("已保存,修改 #{changeset}", "saved as change #{changeset}"))?,
        None => writeln!(out, "{}", say!("没有变化", "nothing changed"))?,
    }
    Ok(())
}

pub(super) fn print_history(
    entries: &[crate::db::HistoryEntry],
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if format == Format::Json {
        serde_json::to_writer_pretty(&mut *out, entries)?;
        writeln!(out)?;
        return Ok(());
    }
    if format == Format::Csv {
        let header =
            ["changeset", "at", "reviewer", "project", "project_name", "field", "old", "new", "summary", "account"];
        let text = |t: &str| CsvField::Text(t.to_string());
        let rows: Vec<Vec<CsvField>> = entries
            .iter()
            .map(|e| {
                vec![
                    CsvField::Number(e.changeset.to_string()),
                    text(&e.at),
                    text(&e.reviewer),
                    CsvField::Number(e.project.to_string()),
                    text(&e.project_name),
                    text(&e.field),
                    text(e.old.as_deref().unwrap_or_default()),
                    text(e.new.as_deref().unwrap_or_default()),
                    text(&e.summary),
                    text(e.account.as_deref().unwrap_or_default()),
                ]
            })
            .collect();
        out.write_all(&csv_bytes(&header, &rows, Bom::Without)?)?;
        return Ok(());
    }
    let lang = crate::words::current();
    for e in entries {
        writeln!(
            out,
            "#{}  {}  {}  [{}] {}  {}: {} → {}  ({})",
            e.changeset,
            e.at,
            e.who(),
            e.project,
            e.project_name,
            e.field_said(lang),
            e.old_said(lang),
            e.new_said(lang),
            e.summary
        )?;
    }
    let n = entries.len();
    writeln!(out, "{}", say!("{n} 条", "{n} entries"))?;
    Ok(())
}
