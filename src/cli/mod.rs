//! cli: the command line (`taizhang list`, `export`, `plan import`…). Parses arguments with
//! clap (`args`) and runs one command: `list`, `review` (report, history, restore), `sheets`
//! (export, deck, template, import), `plan`; this file dispatches and finds the database. The
//! window is started by `main.rs` when no command is given.

mod args;
pub mod console;
mod documents;
mod lights;
mod list;
mod plan;
mod problems;
mod review;
mod server;
mod sheets;

use crate::words::say;
pub use args::*;
use list::check_filters;
pub use list::{ProjectJson, list};
use review::{print_history, record_report, restore};
use sheets::{export_sheet, import_sheet, write_deck_file, write_template_file};

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::db::{Db, HistoryFilter};
use crate::domain::{Period, ProjectId};
use crate::export::{OutputRules, Overwrite, Protected};

/// The reviewer's name, checked: it goes into every history line it writes, so one line of
/// visible text, not a page long.
fn checked_reviewer(cli: &Cli) -> anyhow::Result<String> {
    let reviewer = crate::platform::reviewer_name(cli.reviewer.as_deref());
    if reviewer.chars().count() > 50
        || reviewer.chars().any(|c| c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}' | '\u{2028}' | '\u{2029}'))
    {
        anyhow::bail!(
            "{}",
            say!(
                "审核人姓名只能是一行可见文字、不超过 50 字(--reviewer)。",
                "The reviewer's name must be one line of visible text of at most 50 characters (--reviewer)."
            )
        );
    }
    Ok(reviewer)
}

/// Runs a command; returns the text of an error for the user.
///
/// # Errors
/// A message in Chinese and English saying what went wrong and what to do.
pub fn run(cli: &Cli, command: &Command, out: &mut dyn Write) -> anyhow::Result<()> {
    let reviewer = checked_reviewer(cli)?;
    let open = || open_db(cli);
    let overwrite = if cli.force { Overwrite::Replace } else { Overwrite::Refuse };
    let rules = |db: &Db| OutputRules { protected: Protected::of_db(db.path()), overwrite };
    match command {
        Command::List(args) => {
            let db = open()?;
            let f = &args.filters;
            let review = f.date.unwrap_or_else(Period::today);
            let (snapshot, latest) = db.snapshot_selecting(review, f.lag_threshold, &f.filter())?;
            check_filters(&db, &snapshot, f)?;
            list(&snapshot.portfolio, &latest, args, out)
        }
        Command::Export(args) => {
            let db = open()?;
            export_sheet(&db, args, &rules(&db), out)
        }
        Command::Deck { filters, format, slides, size, output } => {
            let kinds = if slides.is_empty() { crate::domain::SlideKind::ALL.to_vec() } else { slides.clone() };
            let db = open()?;
            write_deck_file(&db, filters, (*format, &kinds, *size), (output, &rules(&db)), out)
        }
        Command::Template { place, date, output } => {
            let db = open()?;
            write_template_file(&db, place, *date, (output, &rules(&db)), out)
        }
        Command::Import { file, dry_run, skip_bad_rows, header_row } => {
            let (db, header) = (open()?, header_row.and_then(|r| usize::try_from(r).ok()).map(|r| r - 1));
            import_sheet(&db, (file, header), (*dry_run, *skip_bad_rows), &rules(&db), &reviewer, out)
        }
        Command::Report(args) => record_report(&open()?, args, &reviewer, out),
        Command::Project(args) => review::set_project(&open()?, args, &reviewer, out),
        Command::History { project, by, from, to, format } => {
            let filter = HistoryFilter {
                project: project.map(ProjectId),
                reviewer: by.clone(),
                from: from.clone(),
                to: to.clone(),
            };
            print_history(&open()?.history(&filter)?, *format, out)
        }
        Command::Undo { changeset } => {
            let undo = open()?.revert(*changeset, &reviewer)?;
            writeln!(out, "{}", say!("已撤销 #{changeset},记为 #{undo}", "change #{changeset} undone as #{undo}"))?;
            Ok(())
        }
        Command::Backup { output } => {
            let db = open()?;
            let written = match output {
                Some(path) => {
                    rules(&db).check(path)?;
                    db.backup_to(path)?;
                    Some(path.clone())
                }
                None => db.rolling_backup("manual")?,
            };
            if let Some(path) = written {
                let path = path.display();
                writeln!(out, "{}", say!("已备份到 {path}", "backed up to {path}"))?;
            }
            Ok(())
        }
        Command::Restore { file } => restore(cli, file, out),
        Command::Plan { action } => plan::run(&open()?, action, &reviewer, out),
        Command::Rules { preset, format } => lights::rules(&open()?, preset.as_deref(), *format, out),
        Command::Problems { owner, overdue, status, date, format } => {
            problems::list(&open()?, owner.as_deref(), *overdue, status.as_deref(), *date, *format, out)
        }
        Command::CloseMonth { month } => documents::close_month(&open()?, *month, &reviewer, out),
        Command::Notice { month, filters, output } => {
            let db = open()?;
            documents::notice(&db, *month, filters, (output, &rules(&db)), out)
        }
        Command::Duban { owner, all: _, month, output } => {
            let db = open()?;
            documents::duban(&db, owner.as_deref(), month.unwrap_or_else(Period::today), (output, &rules(&db)), out)
        }
        Command::Problem { action } => problems::act(&open()?, action, &reviewer, out),
        Command::Server { action } => server::act(cli, action, out),
        Command::Checkout { url, output } => server::checkout(url, output, out),
        Command::Sync { file } => server::sync(file, out),
        Command::Demo { projects, seed } => write_demo(cli, *projects, *seed, out),
        Command::ExtractPlan { output } => {
            let (json, problems) = crate::seed::extract_bundled_plan()?;
            for p in &problems {
                console::say_line(&format!("warning: {p}"));
            }
            match output {
                Some(path) => {
                    // Never over the database the other commands would open, given or default.
                    let db = require_db_path(cli.db.as_deref()).ok();
                    OutputRules { protected: Protected::of_db(db.as_deref()), overwrite }
                        .write(path, json.as_bytes())?;
                }
                None => out.write_all(json.as_bytes())?,
            }
            Ok(())
        }
    }
}

/// The database the options name, on the plan `--plan` names (else the current one).
fn open_db(cli: &Cli) -> anyhow::Result<Db> {
    let db = Db::open(&prepare_db_path(cli)?)?;
    if let Some(id) = cli.plan {
        db.choose_plan(id)?;
    }
    Ok(db)
}

/// `demo`: a separate database of generated projects, never over an existing file unless
/// `--force`.
fn write_demo(cli: &Cli, projects: usize, seed: u64, out: &mut dyn Write) -> anyhow::Result<()> {
    let Some(path) = cli.db.as_deref() else {
        anyhow::bail!(
            "{}",
            say!(
                "demo 需要 --db PATH(演示数据库与规划数据库分开存放)。",
                "demo needs --db PATH: demo data lives in its own file."
            )
        );
    };
    check_db_folder(path, cli.create)?;
    if path.exists() && !cli.force {
        let path = path.display();
        anyhow::bail!(
            "{}",
            say!(
                "{path} 已存在,未覆盖(其中的填报和修改记录会丢失)。请换一个文件名,或加 --force 替换。",
                "{path} exists and was not replaced (its reports and history would be lost). Choose another name, or add --force to replace it."
            )
        );
    }
    let plan = crate::seed::bundled_seed()?;
    crate::demo::write_demo_db(path, &plan, projects, seed)?;
    let path = path.display();
    writeln!(
        out,
        "{}",
        say!("演示数据库已写入:{path}({projects} 个项目)", "demo database written: {path} ({projects} projects)")
    )?;
    Ok(())
}

/// The database path given, or the default one in the user's data folder.
///
/// # Errors
/// When the platform has no data folder and no --db was given.
pub fn require_db_path(db_path: Option<&Path>) -> anyhow::Result<PathBuf> {
    db_path.map(Path::to_path_buf).or_else(crate::platform::default_db_path).ok_or_else(|| {
        anyhow::anyhow!(
            "{}",
            say!(
                "找不到用户数据文件夹,请用 --db PATH 指定数据库。",
                "No user data folder found; give the database with --db PATH."
            )
        )
    })
}

/// The database path to open, checked: a --db whose folder does not exist is refused unless
/// `--create` is given (a typo must not send today's report to a new, empty database), and a
/// new database made at a path the user gave is announced on standard error.
///
/// # Errors
/// No data folder, or a missing folder without `--create`.
pub fn prepare_db_path(cli: &Cli) -> anyhow::Result<PathBuf> {
    let path = require_db_path(cli.db.as_deref())?;
    if cli.db.is_some() && !path.exists() && crate::db::server_url(&path).is_none() {
        check_db_folder(&path, cli.create)?;
        let full = std::path::absolute(&path).unwrap_or_else(|_| path.clone());
        let full = full.display();
        console::say_line(&say!("新建数据库:{full}", "creating a new database: {full}"));
    }
    // A pipe, a device or a folder is no database (a FIFO was told "the disk may be full").
    if cli.db.is_some() && crate::db::server_url(&path).is_none() && path.exists() && !path.is_file() {
        let full = std::path::absolute(&path).unwrap_or_else(|_| path.clone());
        let full = full.display();
        anyhow::bail!(
            "{}",
            say!(
                "{full} 不是普通文件(是文件夹、管道或设备),不能作为台账数据库。请给出数据库文件的路径(如 台账.db)。",
                "{full} is not a regular file (a folder, a pipe or a device) and cannot be a Taizhang database. Give the path of a database file (such as taizhang.db)."
            )
        );
    }
    // An empty file (a failed copy, a file made by mistake) is no database to seed silently.
    // (One emptied beside its backups was a database: opening it says how to restore one.)
    let empty = cli.db.is_some()
        && path.metadata().is_ok_and(|m| m.is_file() && (m.len() == 0 || crate::db::is_blank_sqlite(&path)))
        && crate::db::backups_of(&path).is_empty();
    if empty {
        let full = std::path::absolute(&path).unwrap_or_else(|_| path.clone());
        let shown = full.display();
        if !cli.create {
            anyhow::bail!(
                "{}",
                say!(
                    "{shown} 是一个空文件(或没有任何表的空数据库),不是台账数据库,未作任何改动。若要在这里新建数据库,请加 --create;否则请检查路径,或从备份恢复。",
                    "{shown} is an empty file (or an empty database with no table), not a Taizhang database; nothing was changed. To create a new database there, add --create; otherwise check the path, or restore a backup."
                )
            );
        }
        console::say_line(&say!("新建数据库:{shown}", "creating a new database: {shown}"));
    }
    Ok(path)
}

/// Refuses a database path whose folder does not exist, unless `create`.
fn check_db_folder(path: &Path, create: bool) -> anyhow::Result<()> {
    let folder = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or_else(|| Path::new("."));
    if !folder.is_dir() && !create {
        let full = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let (folder, full) = (folder.display(), full.display());
        anyhow::bail!(
            "{}",
            say!(
                "文件夹 {folder} 不存在。若要在那里新建数据库 {full},请加 --create;否则请检查路径是否写错。",
                "The folder {folder} does not exist. To create a new database at {full}, add --create; otherwise check the path for a typo."
            )
        );
    }
    Ok(())
}
