//! `taizhang plan …`: list the plans, bring one in from a plan document or an office ledger,
//! choose the current one, archive one.

use crate::words::say;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::{Format, parse_period};
use crate::db::Db;
use crate::domain::{Period, Plan};
use crate::import::plan::{HeaderChoice, NoteKind, PlanDraft, UnreadWhy};
use crate::usecase::plan_import::{self, PlanImportError, Settled};

/// What `plan` does.
#[derive(Debug, Subcommand)]
pub enum PlanAction {
    /// List the plans: id, title, period, projects, which is current, which are archived.
    List {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Bring in a new plan from a plan document (.txt, .docx, .pdf with text) or an office
    /// ledger (.xlsx, .xls, .ods, .csv), told apart by content. Without --dry-run every draft
    /// is accepted (as the review screen starts) and the new plan's id is printed.
    Import {
        file: PathBuf,
        /// The plan's title (default: as the file states it).
        #[arg(long, value_name = "T")]
        title: Option<String>,
        /// First year of the period (default: as the file states it, e.g. 十五五 → 2026).
        #[arg(long, value_name = "YYYY")]
        from: Option<i32>,
        /// Last year of the period.
        #[arg(long, value_name = "YYYY")]
        to: Option<i32>,
        /// The month a ledger's figures stand at (default: the sheet's 截止时间).
        #[arg(long, value_name = "YYYY-MM", value_parser = parse_period)]
        as_of: Option<Period>,
        /// A ledger's header row (1-based) when it is not found by itself, and its height.
        #[arg(long, value_name = "N")]
        header_row: Option<usize>,
        #[arg(long, value_name = "1-4", default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=4))]
        header_rows: u8,
        /// The workbook's sheet to read, by name or 1-based number (default: the first whose
        /// header is found, past a cover sheet).
        #[arg(long, value_name = "NAME|N")]
        sheet: Option<String>,
        /// Print the drafts; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Leave out the rows with problems instead of refusing the file.
        #[arg(long)]
        skip_bad_rows: bool,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Update a plan from its office's ledger of the next month (the same sheet, refilled): rows
    /// are matched to the plan's projects by 项目代码, else name and place; changed figures
    /// become that month's reports in one change (after a backup; one `undo` takes it back).
    /// Rows that match no project and projects no row names are listed, never added or deleted.
    Update {
        file: PathBuf,
        /// The month the figures stand at (default: the sheet's 截止时间).
        #[arg(long, value_name = "YYYY-MM", value_parser = parse_period)]
        as_of: Option<Period>,
        /// The workbook's sheet to read, by name (else by 1-based number).
        #[arg(long, value_name = "NAME|N")]
        sheet: Option<String>,
        /// The header row (1-based) when it is not found by itself, and its height.
        #[arg(long, value_name = "N")]
        header_row: Option<usize>,
        #[arg(long, value_name = "1-4", default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=4))]
        header_rows: u8,
        /// Also add the rows that match no project as new projects of the plan (in the same
        /// change; undo takes them out again).
        #[arg(long)]
        add_new: bool,
        /// Print what would change; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Make a plan the current one: the window opens on it and commands use it without --plan.
    Use {
        /// The plan's id (see `plan list`).
        id: i64,
    },
    /// Archive a plan: it stays filterable, exportable and presentable, and cannot be changed.
    Archive { id: i64 },
    /// Take a plan out of the archive.
    Unarchive { id: i64 },
}

/// One plan as `plan list --format json` prints it.
#[derive(Debug, serde::Serialize)]
struct PlanJson<'a> {
    id: i64,
    title: &'a str,
    start_year: i32,
    end_year: i32,
    projects: usize,
    current: bool,
    archived: bool,
    origin: &'a str,
}

/// Runs a `plan` command.
///
/// # Errors
/// A message saying what went wrong and what to do.
pub fn run(db: &Db, action: &PlanAction, reviewer: &str, out: &mut dyn Write) -> anyhow::Result<()> {
    match action {
        PlanAction::List { format } => list(db, *format, out),
        PlanAction::Import { .. } => import(db, action, reviewer, out),
        PlanAction::Update { file, as_of, sheet, header_row, header_rows, add_new, dry_run } => {
            let header =
                header_row.map(|row| HeaderChoice { row: row.saturating_sub(1), rows: usize::from(*header_rows) });
            update(db, (file, *as_of, sheet.as_deref(), header), (*add_new, *dry_run), reviewer, out)
        }
        PlanAction::Use { id } => {
            db.set_current_plan(*id)?;
            let plan = db.plan(*id)?;
            let (id, title) = (plan.id, &plan.title);
            writeln!(out, "{}", say!("当前规划:{id} {title}", "current plan: {id} {title}"))?;
            Ok(())
        }
        PlanAction::Archive { id } | PlanAction::Unarchive { id } => {
            let archive = matches!(action, PlanAction::Archive { .. });
            db.set_archived(*id, archive)?;
            let plan = db.plan(*id)?;
            let (zh, en) =
                if archive { ("已归档", "archived") } else { ("已取消归档", "taken out of the archive") };
            writeln!(out, "{zh} / {en}: {} {}", plan.id, plan.title)?;
            Ok(())
        }
    }
}

fn plan_json(p: &Plan, current: i64) -> PlanJson<'_> {
    PlanJson {
        id: p.id,
        title: &p.title,
        start_year: p.start_year,
        end_year: p.end_year,
        projects: p.projects,
        current: p.id == current,
        archived: p.archived,
        origin: &p.origin,
    }
}

fn list(db: &Db, format: Format, out: &mut dyn Write) -> anyhow::Result<()> {
    let plans = db.plans()?;
    let current = db.current_plan()?.id;
    let json = |p| plan_json(p, current);
    match format {
        Format::Json => {
            let rows: Vec<PlanJson<'_>> = plans.iter().map(json).collect();
            serde_json::to_writer_pretty(&mut *out, &rows)?;
            writeln!(out)?;
        }
        Format::Csv => {
            use crate::export::{Bom, CsvField, csv_bytes};
            let header = ["id", "title", "start_year", "end_year", "projects", "current", "archived", "origin"];
            let rows: Vec<Vec<CsvField>> = plans
                .iter()
                .map(|p| {
                    vec![
                        CsvField::Number(p.id.to_string()),
                        CsvField::Text(p.title.clone()),
                        CsvField::Number(p.start_year.to_string()),
                        CsvField::Number(p.end_year.to_string()),
                        CsvField::Number(p.projects.to_string()),
                        CsvField::Text((p.id == current).to_string()),
                        CsvField::Text(p.archived.to_string()),
                        CsvField::Text(p.origin.clone()),
                    ]
                })
                .collect();
            out.write_all(&csv_bytes(&header, &rows, Bom::Without)?)?;
        }
        Format::Table => {
            for p in &plans {
                let mark = if p.id == current { "*" } else { " " };
                let archived = if p.archived { crate::words::tr("  [已归档]", "  [archived]") } else { "" };
                let (id, period, title, n) = (format!("{:>3}", p.id), p.period_text(), &p.title, p.projects);
                writeln!(
                    out,
                    "{}",
                    say!(
                        "{mark} {id}  {period}  {title}  {n} 项{archived}",
                        "{mark} {id}  {period}  {title}  {n} projects{archived}"
                    )
                )?;
            }
        }
    }
    Ok(())
}

/// `plan import`: read, check, print or commit.
fn import(db: &Db, action: &PlanAction, reviewer: &str, out: &mut dyn Write) -> anyhow::Result<()> {
    let PlanAction::Import {
        file,
        title,
        from,
        to,
        as_of,
        header_row,
        header_rows,
        sheet,
        dry_run,
        skip_bad_rows,
        format,
    } = action
    else {
        return Ok(());
    };
    let current = db.current_plan()?;
    let gazetteer = db.gazetteer_of(&current)?;
    let header = header_row.map(|row| HeaderChoice { row: row.saturating_sub(1), rows: usize::from(*header_rows) });
    let read = plan_import::read(db, file, &gazetteer, header, sheet.as_deref()).map_err(|e| unread(file, &e))?;
    if let Some(ledger) = &read.ledger {
        if ledger.table.sheets.len() > 1 {
            let (sheet, n) = (crate::words::quoted(&ledger.table.sheet), ledger.table.sheets.len());
            let all = ledger.table.sheets.join("、");
            super::console::say_line(&say!("读取工作表{sheet}(共 {n} 个:{all})", "read sheet {sheet} of {n} ({all})"));
        }
        if ledger.saved {
            super::console::say_line(&say!(
                "按上次保存的列映射读取",
                "read with the column mapping saved for this header"
            ));
        }
    }
    let refused = |e: PlanImportError| anyhow::anyhow!("{e}");
    let mut draft = read.draft;
    let settled = Settled { title: title.clone(), from: *from, to: *to, as_of: *as_of };
    let (start, end) = plan_import::period(&draft, &settled).map_err(refused)?;
    warn_outside_period(&mut draft, start, end);
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let origin = file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
    if !draft.problems.is_empty() && !skip_bad_rows && !dry_run {
        for p in &draft.problems {
            super::console::say_line(&at_line(p));
        }
        return Err(refused(PlanImportError::Problems(draft.problems.len())));
    }
    // Every draft without a problem is accepted, as the review screen starts.
    let plan = plan_import::prepare(&draft, plan_import::accepted_by_default(&draft), &settled, &stem, origin);
    if *dry_run {
        draft.title = Some(plan.as_ref().map_or_else(|_| stem.clone(), |p| p.title.clone()));
        (draft.start_year, draft.end_year) = (Some(start), Some(end));
        draft.as_of = settled.as_of.or(draft.as_of);
        print_draft(&draft, *format, out)?;
        // A dry run says what the import would refuse, and fails as it would.
        return plan.map(|_| ()).map_err(refused);
    }
    // The rows left out for their problems are said, each with why (else they vanish unsaid).
    if !dry_run {
        for p in &draft.problems {
            let (line, said) = (p.line, one_line(&p.to_string()));
            super::console::say_line(&say!("未导入,第 {line} 行:{said}", "left out, line {line}: {said}"));
        }
    }
    for n in &draft.notes {
        let (line, said) = (n.line, one_line(&n.to_string()));
        super::console::say_line(&if line == 0 {
            say!("提示:{said}", "note: {said}")
        } else {
            say!("提示,第 {line} 行:{said}", "note, line {line}: {said}")
        });
    }
    let plan = plan.map_err(refused)?;
    let (title, rows) = (plan.title.clone(), plan.rows.len());
    let id = plan_import::commit(db, plan, current.city.as_deref(), reviewer).map_err(refused)?;
    writeln!(out, "{id}")?;
    super::console::say_line(&say!(
        "已导入规划 {id}:{title}({rows} 项)。用 taizhang plan use {id} 切换到它。",
        "Plan {id} imported: {title} ({rows} projects). Switch to it with taizhang plan use {id}."
    ));
    Ok(())
}

/// `plan update`: what the ledger changes in the current plan, then written unless a dry run.
fn update(
    db: &Db,
    (file, as_of, sheet, header): (&PathBuf, Option<Period>, Option<&str>, Option<HeaderChoice>),
    (add_new, dry_run): (bool, bool),
    reviewer: &str,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    use crate::usecase::plan_update::{self, PlanUpdateError};
    let plan = db.current_plan()?;
    let gazetteer = db.gazetteer_of(&plan)?;
    let read = plan_import::read(db, file, &gazetteer, header, sheet).map_err(|e| unread(file, &e))?;
    if let Some(ledger) = read.ledger.as_ref().filter(|l| l.table.sheets.len() > 1) {
        let sheet = crate::words::quoted(&ledger.table.sheet);
        super::console::say_line(&say!("读取工作表{sheet}", "read sheet {sheet}"));
    }
    let refused = |e: PlanUpdateError| anyhow::anyhow!("{e}");
    let preview = plan_update::preview(db, plan.id, &read, as_of).map_err(refused)?;
    let month = preview.month.map(|m| m.to_string()).unwrap_or_default();
    let (title, changed, unchanged) = (&plan.title, preview.changed.len(), preview.unchanged);
    writeln!(
        out,
        "{}",
        say!(
            "{title} {month}:{changed} 项有变化,{unchanged} 项未变",
            "{title} {month}: {changed} changed, {unchanged} unchanged"
        )
    )?;
    for c in &preview.changed {
        let fields: Vec<String> = c.fields.iter().map(|(f, old, new)| format!("{f}: {old} → {new}")).collect();
        writeln!(out, "  {:>5}  {}  {}", c.project.0, c.name, fields.join("; "))?;
    }
    for r in &preview.new_rows {
        let (line, name) = (r.line, &r.name);
        writeln!(
            out,
            "{}",
            say!(
                "新项目,第 {line} 行:{name}(加 --add-new 一并加入)",
                "new, line {line}: {name} (add it with --add-new)"
            )
        )?;
    }
    for r in &preview.refused {
        let (line, name, why) = (r.line, &r.name, r.why.to_string());
        writeln!(out, "{}", say!("未写入,第 {line} 行:{name}:{why}", "not written, line {line}: {name}: {why}"))?;
    }
    const SHOWN: usize = 20;
    for (id, name) in preview.gone.iter().take(SHOWN) {
        let id = id.0;
        writeln!(out, "{}", say!("台账中没有:{id} {name}(保留)", "not in the ledger: {id} {name} (kept)"))?;
    }
    if preview.gone.len() > SHOWN {
        let more = preview.gone.len() - SHOWN;
        writeln!(out, "{}", say!("……另有 {more} 个项目台账中没有", "… and {more} more not in the ledger"))?;
    }
    if dry_run {
        return Ok(());
    }
    let origin = file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
    let added = if add_new { preview.new_rows.len() } else { 0 };
    match plan_update::apply(db, plan.id, &preview, add_new, &origin, reviewer).map_err(refused)? {
        Some(changeset) => {
            let n = preview.changed.len();
            writeln!(
                out,
                "{}",
                say!(
                    "已写入 {n} 项 {month} 的填报、{added} 个新项目,记为 #{changeset}(taizhang undo {changeset} 可撤销)",
                    "{n} reports of {month} and {added} new projects written as change #{changeset} (taizhang undo {changeset} takes it back)"
                )
            )?;
        }
        None => writeln!(out, "{}", say!("没有变化,未写入", "nothing changed, nothing written"))?,
    }
    Ok(())
}

/// A note or a problem with its line; a note about the whole file (line 0) without one.
fn at_line(note: &crate::import::plan::DraftNote) -> String {
    let (line, said) = (note.line, one_line(&note.to_string()));
    if line == 0 { said } else { say!("第 {line} 行:{said}", "line {line}: {said}") }
}

/// Text of a file on one line of the terminal: its control characters (a line break in a cell,
/// a terminal's escape) are spaces, so nothing of the file breaks a listing or drives the terminal.
fn one_line(text: &str) -> String {
    text.chars().map(|ch| if ch.is_control() { ' ' } else { ch }).collect()
}

/// A stated year outside the period is worth a look: the period or the year is wrong. Once: not
/// when the plan's reader already noted that year of that line against the same period.
fn warn_outside_period(draft: &mut PlanDraft, start: i32, end: i32) {
    for r in &draft.rows {
        for year in [r.start_year, r.target_year].into_iter().flatten() {
            let noted = draft.notes.iter().any(|n| {
                n.line == r.line
                    && matches!(&n.kind, NoteKind::YearOutside { year: y, start: s, end: e, .. }
                        if (*y, *s, *e) == (year, start, end))
            });
            if !noted && !(start..=end).contains(&year) && !(start - 5..start).contains(&year) {
                let kind = NoteKind::OutsidePeriod { name: r.name.clone(), year, start, end };
                draft.notes.push(crate::import::plan::DraftNote { line: r.line, kind });
            }
        }
    }
}

/// Why `file` gave no draft; for a ledger whose header was not found, with its first rows
/// numbered as the spreadsheet numbers them, to name one with `--header-row`.
fn unread(file: &Path, e: &crate::import::plan::PlanFileError) -> anyhow::Error {
    use crate::import::plan::{LedgerError, PlanFileError};
    let mut text = format!("{}: {e}", file.display());
    if let PlanFileError::Ledger(LedgerError::NoHeader { first_rows }) = e {
        for (n, row) in first_rows.iter().enumerate() {
            // A cell's control characters (a line break, a terminal's escape) are shown as spaces:
            // one row a line, and nothing of the file's drives the terminal.
            let shown = |c: &String| -> String {
                c.chars().take(20).map(|ch| if ch.is_control() { ' ' } else { ch }).collect()
            };
            let cells: Vec<String> = row.iter().map(shown).collect();
            text.push_str(&format!("\n{:>4} | {}", n + 1, cells.join(" | ")));
        }
    }
    anyhow::anyhow!(text)
}

fn print_draft(draft: &PlanDraft, format: Format, out: &mut dyn Write) -> anyhow::Result<()> {
    if format == Format::Json {
        serde_json::to_writer_pretty(&mut *out, draft)?;
        writeln!(out)?;
        return Ok(());
    }
    let (title, from, to) = (
        draft.title.as_deref().unwrap_or_default(),
        draft.start_year.unwrap_or_default(),
        draft.end_year.unwrap_or_default(),
    );
    let n = draft.rows.len();
    writeln!(out, "{}", say!("{title}  {from}—{to}  {n} 项草稿", "{title}  {from}–{to}  {n} drafts"))?;
    for r in &draft.rows {
        let target = r
            .target
            .map(|t| format!(" {} {}", crate::domain::format_quantity(t), r.unit.as_deref().unwrap_or_default()));
        let year = r.target_year.map_or_else(|| "—".to_string(), |y| y.to_string());
        writeln!(
            out,
            "{:>5}  {}  [{}] {}{}  {}  {}",
            r.line,
            one_line(&r.section),
            r.category,
            one_line(&r.name),
            target.unwrap_or_default(),
            one_line(r.place.as_deref().unwrap_or("—")),
            year
        )?;
    }
    for n in draft.problems.iter().chain(&draft.notes) {
        writeln!(out, "{}", at_line(n))?;
    }
    if draft.candidates > 0 {
        let made = draft.candidates - draft.unread.len();
        let all = draft.candidates;
        writeln!(
            out,
            "{}",
            say!(
                "识别 {made} / {all} 个含数字或项目名的句子",
                "recognised {made} of {all} sentences with a number or project names"
            )
        )?;
    }
    for u in &draft.unread {
        let why = match u.why {
            UnreadWhy::NoRule => "",
            UnreadWhy::Past => crate::words::tr(" [往年情况]", " [past]"),
            UnreadWhy::Indicator => crate::words::tr(" [指标]", " [indicator]"),
            UnreadWhy::Partly => crate::words::tr(" [部分识别]", " [read in part]"),
        };
        let (line, text) = (u.line, one_line(&u.text));
        writeln!(out, "{}", say!("未识别,第 {line} 行{why}:{text}", "not recognised, line {line}{why}: {text}"))?;
    }
    Ok(())
}
