//! cli: the command line (`taizhang list`, `demo`, `extract-plan`). Parses arguments with
//! clap and prints; the window is started by `main.rs` when no command is given.

mod plan;

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};
use serde::Serialize;

use crate::db::{Db, HistoryFilter, Snapshot};
use crate::domain::{
    Comparator, DEFAULT_LAG_THRESHOLD, Filter, Period, Portfolio, Project, ProjectId, Report, ReportInput, SortColumn,
    SortOrder, Status, category, format_target,
};
use crate::export::{Bom, CsvField, OutputRules, Overwrite, Protected, csv_bytes};

/// Taizhang (台账): review the key projects of a city's five-year plans (bundled: 六盘水市“十四五”
/// 新型城镇化发展规划). Without a command, opens the window.
#[derive(Debug, Parser)]
#[command(name = "taizhang", version, about)]
pub struct Cli {
    /// The database file (default: taizhang.db in your data folder; created and seeded if new).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Your name in the history of every change you make (default: $TAIZHANG_REVIEWER, then $USER).
    #[arg(long, global = true, value_name = "NAME")]
    pub reviewer: Option<String>,
    /// Replace output files that exist already (export, template, deck, backup -o, extract-plan -o,
    /// the skipped-rows file of import). Without it an existing file is never overwritten.
    #[arg(long, global = true)]
    pub force: bool,
    /// Create the --db file's folder if it does not exist (without it, a mistyped folder is an error
    /// rather than a new, empty database).
    #[arg(long, global = true)]
    pub create: bool,
    /// Work on this plan (its id in `taizhang plan list`) instead of the current one.
    #[arg(long, global = true, value_name = "ID")]
    pub plan: Option<i64>,
    /// Save a screenshot of the window to this PNG after it has settled, then quit (for checks).
    #[arg(long, value_name = "PNG", hide = true)]
    pub screenshot: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List projects, filtered as in the window.
    List(ListArgs),
    /// Write the review sheet (调度表) of the filtered projects as XLSX, PDF or CSV.
    Export(ExportArgs),
    /// Write the meeting deck (the presentation's slides) of the filtered projects: a PDF with
    /// one slide a page, or one PNG a slide into a folder. Needs no display.
    Deck {
        #[command(flatten)]
        filters: FilterArgs,
        /// pdf: one file; png: a folder of slides (made if missing), as the window shows them.
        #[arg(long, value_enum, default_value_t = DeckFormat::Pdf)]
        format: DeckFormat,
        /// Only these kinds of slide, comma-separated: overview, by_district, by_category, pipes,
        /// progress, investment, districts, categories, lagging, coordination (default: all).
        #[arg(long, value_name = "KINDS", value_delimiter = ',', value_parser = parse_slide_kind)]
        slides: Vec<crate::domain::SlideKind>,
        /// PNG size in pixels, WIDTHxHEIGHT (1280x720 … 3840x2160 and beyond).
        #[arg(long, value_name = "WxH", default_value = "1920x1080", value_parser = crate::ui::offscreen::parse_size)]
        size: [u32; 2],
        /// The PDF file, or the folder for the PNG slides.
        #[arg(short, long, value_name = "FILE.pdf|DIR")]
        output: PathBuf,
    },
    /// Write a district's fill-in update sheet (填报表) as XLSX.
    Template {
        /// The place whose projects the sheet lists (with the places inside it).
        #[arg(long, value_name = "P")]
        place: String,
        /// The period the district reports for (YYYY-MM; default: this month).
        #[arg(long, value_name = "YYYY-MM", value_parser = parse_period)]
        date: Option<Period>,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Read a filled-in update sheet (XLSX or CSV): preview the changes and problems, then apply
    /// them in one transaction after a backup.
    Import {
        file: PathBuf,
        /// Show what would change; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Apply the good rows when some rows have problems; the skipped rows are written to
        /// FILE.未导入行.csv.
        #[arg(long)]
        skip_bad_rows: bool,
    },
    /// Write a separate database of N generated projects marked as demo data.
    Demo {
        /// How many projects to generate (1 to 1,000,000).
        #[arg(long, default_value_t = 10_000, value_parser = parse_demo_size)]
        projects: usize,
        /// Seed of the generator; the same seed gives the same database.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Record a progress report for one project (validated as in the window).
    Report(ReportArgs),
    /// Show who changed what: every change with its time, reviewer, field, old and new value.
    History {
        /// Only this project.
        #[arg(long, value_name = "ID")]
        project: Option<i64>,
        /// Only this reviewer.
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
        /// From this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        from: Option<String>,
        /// Up to this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        to: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Undo a change (its number in `history`); undoing an undo redoes it.
    Undo {
        /// The change number.
        changeset: i64,
    },
    /// Back the database up (SQLite online backup): to FILE, or as a rolling backup beside it.
    Backup {
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Replace the database with a backup; the current state is backed up first.
    Restore {
        /// The backup file.
        file: PathBuf,
    },
    /// The plans in the database: list them, bring in a new one from a plan document or an
    /// office ledger, choose the current one, archive one.
    Plan {
        #[command(subcommand)]
        action: plan::PlanAction,
    },
    /// Read the plan text bundled with Taizhang and write the seed data as JSON.
    ExtractPlan {
        /// Output file (default: standard output).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// Output formats of `list`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    #[default]
    Table,
    Csv,
    Json,
}

/// `list` arguments: the window's filters and an output format.
#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filters: FilterArgs,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Review-sheet formats of `export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SheetFormat {
    Xlsx,
    Pdf,
    Csv,
}

/// `export` arguments.
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub filters: FilterArgs,
    #[arg(long, value_enum)]
    pub format: SheetFormat,
    /// The file to write.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
}

/// The window's filters, as options.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Place (钟山区, 市中心城区…); takes in the places inside it. Repeat for several.
    #[arg(long, value_name = "P")]
    pub place: Vec<String>,
    /// Category code or Chinese label (pipes, schools, parks, 管网…). Repeatable.
    #[arg(long, value_name = "C", value_parser = parse_category)]
    pub category: Vec<String>,
    /// Status code or Chinese label (not_started, preparing, under_construction, completed, suspended). Repeatable.
    #[arg(long, value_name = "S", value_parser = parse_status)]
    pub status: Vec<Status>,
    /// 专栏 number (2–11). Repeatable.
    #[arg(long, value_name = "N")]
    pub zhuanlan: Vec<u8>,
    /// Earliest target year.
    #[arg(long, value_name = "Y")]
    pub year_from: Option<i32>,
    /// Latest target year.
    #[arg(long, value_name = "Y")]
    pub year_to: Option<i32>,
    /// Chinese substring or pinyin initials (zsq finds 钟山区).
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Only projects more than the lag threshold below 序时进度 (滞后).
    #[arg(long)]
    pub lagging: bool,
    /// Review date for 序时进度 (YYYY-MM; default: this month).
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_period)]
    pub date: Option<Period>,
    /// Percentage points below 序时进度 that count as lagging (0–100).
    #[arg(long, value_name = "POINTS", default_value_t = DEFAULT_LAG_THRESHOLD, value_parser = parse_points)]
    pub lag_threshold: f64,
}

/// `report` arguments.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Project id (see `list`).
    #[arg(long, value_name = "ID")]
    pub project: i64,
    /// Status code or Chinese label.
    #[arg(long, value_name = "S", value_parser = parse_status)]
    pub status: Status,
    /// Quantity done so far, in the target's unit (12, １２, 12公里 and 1,200 are read as numbers;
    /// another unit, such as 12米 for a target in 公里, is refused).
    #[arg(long, value_name = "Q", value_parser = parse_number)]
    pub done: Option<String>,
    /// Investment completed so far (累计完成投资), 万元.
    #[arg(long, value_name = "W", value_parser = parse_number)]
    pub invested: Option<String>,
    /// Review period (YYYY-MM; default: this month).
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_period)]
    pub date: Option<Period>,
    /// 形象进度 (progress in words).
    #[arg(long, value_name = "TEXT")]
    pub progress: Option<String>,
    /// 存在问题 (problems).
    #[arg(long, value_name = "TEXT")]
    pub problems: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Accept a quantity above the target.
    #[arg(long)]
    pub confirm_over_target: bool,
}

pub(super) fn parse_period(text: &str) -> Result<Period, String> {
    Period::parse(text).ok_or_else(|| format!("日期应为 YYYY-MM / expected YYYY-MM, got {text:?}"))
}

/// A number as the window reads it: `12`, `１２`, `12公里`, `1,200`; its unit is checked
/// against the project's once the project is known.
fn parse_number(text: &str) -> Result<String, String> {
    match crate::domain::split_quantity(text) {
        Ok(Some(_)) => Ok(text.to_string()),
        _ => Err(format!("“{text}”不是数字 / {text:?} is not a number")),
    }
}

/// An amount given on the command line, in `unit`.
fn amount(text: Option<&str>, unit: Option<&str>, what: &str) -> anyhow::Result<Option<f64>> {
    let Some(text) = text else { return Ok(None) };
    crate::domain::parse_amount(text, unit).map_err(|e| {
        let (zh, en) = e.message(text, unit);
        anyhow::anyhow!("{what}: {zh} / {en}")
    })
}

fn parse_points(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(v) if (0.0..=100.0).contains(&v) => Ok(v),
        _ => Err(format!("应为 0 到 100 之间的百分点 / expected percentage points from 0 to 100, got {text:?}")),
    }
}

fn parse_day(text: &str) -> Result<String, String> {
    crate::domain::parse_date(text)
        .map(|d| d.to_string())
        .ok_or_else(|| format!("日期应为有效的 YYYY-MM-DD / expected a valid date YYYY-MM-DD, got {text:?}"))
}

/// The most projects a demo database may have: ten times the benchmarks' 100,000.
pub const MAX_DEMO_PROJECTS: usize = 1_000_000;

fn parse_demo_size(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if (1..=MAX_DEMO_PROJECTS).contains(&n) => Ok(n),
        _ => Err(format!(
            "项目数应为 1 到 {MAX_DEMO_PROJECTS} / the number of projects must be 1 to {MAX_DEMO_PROJECTS}, got {text:?}"
        )),
    }
}

fn parse_slide_kind(text: &str) -> Result<crate::domain::SlideKind, String> {
    crate::domain::SlideKind::parse(text).ok_or_else(|| {
        let codes: Vec<&str> = crate::domain::SlideKind::ALL.iter().map(|k| k.code()).collect();
        format!("未知幻灯片类型 / unknown kind of slide {text:?}; one of: {}", codes.join(", "))
    })
}

fn parse_category(text: &str) -> Result<String, String> {
    category(text).map(|c| c.code.to_string()).ok_or_else(|| {
        let codes: Vec<_> = crate::domain::CATEGORIES.iter().map(|c| format!("{} ({})", c.code, c.zh)).collect();
        format!("未知类别 / unknown category {text:?}; one of: {}", codes.join(", "))
    })
}

fn parse_status(text: &str) -> Result<Status, String> {
    Status::parse(text).ok_or_else(|| {
        let codes: Vec<_> = Status::ALL.iter().map(|s| format!("{} ({})", s.code(), s.label_zh())).collect();
        format!("未知状态 / unknown status {text:?}; one of: {}", codes.join(", "))
    })
}

impl FilterArgs {
    /// The window's filter these arguments describe.
    pub fn filter(&self) -> Filter {
        Filter {
            places: self.place.clone(),
            categories: self.category.clone(),
            zhuanlan: self.zhuanlan.clone(),
            statuses: self.status.clone(),
            year_from: self.year_from,
            year_to: self.year_to,
            search: self.search.clone().unwrap_or_default(),
            lagging_only: self.lagging,
        }
    }
}

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
    /// 总投资, 年度计划投资, 累计完成投资 (万元), from the latest report.
    pub total_investment: Option<f64>,
    pub plan_investment: Option<f64>,
    pub done_investment: Option<f64>,
    /// 形象进度 and 存在问题 of the latest report.
    pub progress: Option<&'a str>,
    pub problems: Option<&'a str>,
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
            total_investment: latest.and_then(|r| r.invest_total),
            plan_investment: latest.and_then(|r| r.invest_year_plan),
            done_investment: latest.and_then(|r| r.invest_done),
            progress: latest.and_then(|r| words(&r.progress_text)),
            problems: latest.and_then(|r| words(&r.problems)),
        }
    }
}

/// Runs a command; returns the text of an error for the user.
///
/// # Errors
/// A message in Chinese and English saying what went wrong and what to do.
pub fn run(cli: &Cli, command: &Command, out: &mut dyn Write) -> anyhow::Result<()> {
    let reviewer = crate::platform::reviewer_name(cli.reviewer.as_deref());
    let open = || open_db(cli);
    let overwrite = if cli.force { Overwrite::Replace } else { Overwrite::Refuse };
    let rules = |db: &Db| OutputRules { protected: Protected::of_db(db.path()), overwrite };
    match command {
        Command::List(args) => {
            let db = open()?;
            let mut snapshot = db.snapshot()?;
            let f = &args.filters;
            snapshot.portfolio.set_schedule(f.date.unwrap_or_else(Period::today), f.lag_threshold);
            check_filters(&snapshot, f)?;
            list(&snapshot.portfolio, &db.latest_reports()?, args, out)
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
        Command::Import { file, dry_run, skip_bad_rows } => {
            let db = open()?;
            import_sheet(&db, file, (*dry_run, *skip_bad_rows), &rules(&db), &reviewer, out)
        }
        Command::Report(args) => record_report(&open()?, args, &reviewer, out),
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
            writeln!(out, "已撤销 #{changeset},记为 #{undo} / change #{changeset} undone as #{undo}")?;
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
                writeln!(out, "已备份到 / backed up to {}", path.display())?;
            }
            Ok(())
        }
        Command::Restore { file } => restore(cli, file, out),
        Command::Plan { action } => plan::run(&open()?, action, &reviewer, out),
        Command::Demo { projects, seed } => {
            let Some(path) = cli.db.as_deref() else {
                anyhow::bail!(
                    "demo 需要 --db PATH(演示数据库与规划数据库分开存放)。 / demo needs --db PATH: demo data lives in its own file."
                );
            };
            check_db_folder(path, cli.create)?;
            if path.exists() && !cli.force {
                anyhow::bail!(
                    "{} 已存在,未覆盖(其中的填报和修改记录会丢失)。请换一个文件名,或加 --force 替换。 / {} exists and was not replaced (its reports and history would be lost). Choose another name, or add --force to replace it.",
                    path.display(),
                    path.display()
                );
            }
            let plan = crate::seed::bundled_seed()?;
            crate::demo::write_demo_db(path, &plan, *projects, *seed)?;
            writeln!(out, "演示数据库已写入 / demo database written: {} ({projects} projects)", path.display())?;
            Ok(())
        }
        Command::ExtractPlan { output } => {
            let (json, problems) = crate::seed::extract_bundled_plan()?;
            for p in &problems {
                eprintln!("warning: {p}");
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

/// `restore`: over a database that opens, after backing its state up; over one that is
/// damaged, keeping the damaged file beside it.
fn restore(cli: &Cli, file: &Path, out: &mut dyn Write) -> anyhow::Result<()> {
    let path = prepare_db_path(cli)?;
    match Db::open(&path) {
        Ok(mut db) => {
            if let Some(safety) = db.restore_from(file)? {
                writeln!(out, "恢复前的状态已备份到 / the state before restoring is in {}", safety.display())?;
            }
        }
        Err(e) if e.is_damaged() => {
            let (_, kept) = Db::restore_damaged(&path, file)?;
            writeln!(out, "损坏的数据库已保留为 / the damaged database was kept as {}", kept.display())?;
        }
        Err(e) => return Err(e.into()),
    }
    writeln!(out, "已从 {} 恢复 / restored from {}", file.display(), file.display())?;
    Ok(())
}

fn record_report(db: &Db, args: &ReportArgs, reviewer: &str, out: &mut dyn Write) -> anyhow::Result<()> {
    // A failed backup is reported, but does not cost the reviewer the report.
    if let Err(e) = db.daily_backup() {
        eprintln!("警告:今日备份失败,报告仍会保存 / warning: today's backup failed; the report is saved anyway: {e}");
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
        note: args.note.clone().unwrap_or_default(),
        ..ReportInput::default()
    };
    let changeset = db.add_reports(&[input], reviewer, Period::today(), args.confirm_over_target)?;
    writeln!(out, "已保存,修改 #{changeset} / saved as change #{changeset}")?;
    Ok(())
}

fn print_history(entries: &[crate::db::HistoryEntry], format: Format, out: &mut dyn Write) -> anyhow::Result<()> {
    if format == Format::Json {
        serde_json::to_writer_pretty(&mut *out, entries)?;
        writeln!(out)?;
        return Ok(());
    }
    if format == Format::Csv {
        let header = ["changeset", "at", "reviewer", "project", "project_name", "field", "old", "new", "summary"];
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
                ]
            })
            .collect();
        out.write_all(&csv_bytes(&header, &rows, Bom::Without)?)?;
        return Ok(());
    }
    for e in entries {
        let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
        writeln!(
            out,
            "#{}  {}  {}  [{}] {}  {}: {} → {}  ({})",
            e.changeset,
            e.at,
            e.reviewer,
            e.project,
            e.project_name,
            e.field,
            show(&e.old),
            show(&e.new),
            e.summary
        )?;
    }
    writeln!(out, "{} 条 / entries", entries.len())?;
    Ok(())
}

fn export_sheet(db: &Db, args: &ExportArgs, rules: &OutputRules, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut snapshot = db.snapshot()?;
    let f = &args.filters;
    let review = f.date.unwrap_or_else(Period::today);
    snapshot.portfolio.set_schedule(review, f.lag_threshold);
    check_filters(&snapshot, f)?;
    let filter = f.filter();
    let rows = snapshot.portfolio.view(&filter, SortColumn::Id, SortOrder::Ascending);
    let meta = crate::export::SheetMeta {
        plan: snapshot.plan.title.clone(),
        filter: filter.describe(),
        review,
        dataset: snapshot.dataset,
        generated: crate::domain::now_text(),
    };
    let sheet = crate::export::ReviewSheet::new(&snapshot.portfolio, &rows, &db.latest_reports()?, meta);
    let format = match args.format {
        SheetFormat::Xlsx => crate::export::ExportFormat::Xlsx,
        SheetFormat::Pdf => crate::export::ExportFormat::Pdf,
        SheetFormat::Csv => crate::export::ExportFormat::Csv,
    };
    crate::export::export(&sheet, format, &args.output, rules)?;
    writeln!(out, "已导出 {} 项 / exported {} projects: {}", rows.len(), rows.len(), args.output.display())?;
    Ok(())
}

/// The deck's file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DeckFormat {
    Pdf,
    Png,
}

fn write_deck_file(
    db: &Db,
    filters: &FilterArgs,
    (format, kinds, size): (DeckFormat, &[crate::domain::SlideKind], [u32; 2]),
    (output, rules): (&Path, &OutputRules),
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let mut snapshot = db.snapshot()?;
    let review = filters.date.unwrap_or_else(Period::today);
    snapshot.portfolio.set_schedule(review, filters.lag_threshold);
    check_filters(&snapshot, filters)?;
    if format == DeckFormat::Pdf {
        rules.check(output)?;
    }
    let filter = filters.filter();
    let rows = snapshot.portfolio.view(&filter, SortColumn::Id, SortOrder::Ascending);
    let index = crate::domain::ReportIndex::new(&snapshot.portfolio, db.all_reports()?);
    let data =
        crate::domain::ChartData::build(&snapshot.portfolio, &rows).with_reports(&snapshot.portfolio, &rows, &index);
    let subtitle = format!("{} · {} · {review}", snapshot.plan.title, filter.describe());
    let slides = crate::domain::slides(&data, kinds);
    if format == DeckFormat::Pdf {
        let bytes = crate::export::write_deck(&data, &slides, &subtitle, snapshot.dataset)?;
        rules.write(output, &bytes)?;
        writeln!(out, "演示文稿已写入 / deck written: {} ({} slides)", output.display(), slides.len())?;
        return Ok(());
    }
    let page = crate::ui::charts::SlidePage {
        data: &data,
        slides: &slides,
        index: 0,
        subtitle: &subtitle,
        lang: crate::ui::i18n::Lang::Zh,
        demo: snapshot.dataset == crate::domain::Dataset::Demo,
    };
    let files =
        crate::ui::offscreen::write_slide_pngs(output, &page, size, rules, &|| false).map_err(anyhow::Error::msg)?;
    if files.older > 0 {
        let older = files.older;
        writeln!(
            out,
            "注意:文件夹中另有 {older} 个旧的幻灯片文件 / note: {older} older slide files remain in the folder"
        )?;
    }
    writeln!(
        out,
        "{} 张幻灯片已写入 / {} slides written: {} ({}x{})",
        slides.len(),
        slides.len(),
        output.display(),
        size[0],
        size[1]
    )?;
    Ok(())
}

fn write_template_file(
    db: &Db,
    place: &str,
    date: Option<Period>,
    (output, rules): (&Path, &OutputRules),
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let snapshot = db.snapshot()?;
    if snapshot.portfolio.gazetteer.index_of(place).is_none() {
        anyhow::bail!("未知地点 / unknown place {place:?}");
    }
    rules.check(output)?;
    let filter = Filter { places: vec![place.to_string()], ..Filter::default() };
    let rows = snapshot.portfolio.view(&filter, SortColumn::Id, SortOrder::Ascending);
    let meta = crate::export::SheetMeta {
        plan: snapshot.plan.title.clone(),
        filter: filter.describe(),
        review: Period::today(),
        dataset: snapshot.dataset,
        generated: crate::domain::now_text(),
    };
    let sheet = crate::export::ReviewSheet::new(&snapshot.portfolio, &rows, &db.latest_reports()?, meta);
    let bytes = crate::export::write_template(place, &sheet.rows, date.unwrap_or_else(Period::today))?;
    rules.write(output, &bytes)?;
    writeln!(out, "填报表已写入 / update sheet written: {} ({} projects)", output.display(), rows.len())?;
    Ok(())
}

fn import_sheet(
    db: &Db,
    file: &Path,
    (dry_run, skip_bad_rows): (bool, bool),
    rules: &OutputRules,
    reviewer: &str,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let table = crate::import::read_file(file)?;
    let snapshot = db.snapshot()?;
    let plan = crate::import::plan(&table, &snapshot.portfolio, &db.latest_reports()?, Period::today())?;
    writeln!(
        out,
        "读取 {} 行:{} 行有修改,{} 行无变化,{} 行未填写,{} 个问题 / {} rows read: {} to apply, {} unchanged, {} blank, {} problems",
        plan.rows_read,
        plan.inputs.len(),
        plan.unchanged,
        plan.unfilled,
        plan.problems.len(),
        plan.rows_read,
        plan.inputs.len(),
        plan.unchanged,
        plan.unfilled,
        plan.problems.len()
    )?;
    for c in &plan.changes {
        writeln!(out, "  第{}行 [{}] {}  {}: {} → {}", c.row, c.project, c.name, c.field, c.old, c.new)?;
    }
    for p in &plan.problems {
        writeln!(out, "  问题 第{}行 {}: {} / {}", p.row, p.column, p.zh, p.en)?;
    }
    for w in &plan.warnings {
        writeln!(out, "  提示 第{}行 {}: {} / {}", w.row, w.column, w.zh, w.en)?;
    }
    if dry_run {
        writeln!(out, "试运行,未写入任何数据 / dry run: nothing written")?;
        if !plan.problems.is_empty() {
            // Scripts check the exit status: a sheet with problems would not import as it is.
            anyhow::bail!("试运行发现 {} 个问题 / dry run found {} problems", plan.problems.len(), plan.problems.len());
        }
        return Ok(());
    }
    if !plan.problems.is_empty() && !skip_bad_rows {
        anyhow::bail!(
            "有 {} 个问题,未导入任何数据。请修正后重新导入,或加 --skip-bad-rows 只导入无问题的行。 / {} problems: nothing imported. Fix them, or add --skip-bad-rows.",
            plan.problems.len(),
            plan.problems.len()
        );
    }
    let report = file.with_extension("未导入行.csv");
    if !plan.problems.is_empty() {
        rules.check(&report)?;
    }
    if !plan.inputs.is_empty()
        && let Some(backup) = db.rolling_backup("before-import")?
    {
        writeln!(out, "导入前已备份 / backed up first: {}", backup.display())?;
    }
    if !plan.problems.is_empty() {
        rules.write(&report, crate::import::skipped_rows_csv(&table, &plan).as_bytes())?;
        writeln!(out, "未导入的行及原因已写入 / skipped rows written to {}", report.display())?;
    }
    if plan.inputs.is_empty() {
        writeln!(out, "没有需要导入的修改 / nothing to change")?;
        return Ok(());
    }
    let changeset = db.add_reports(&plan.reports(), reviewer, Period::today(), false)?;
    writeln!(
        out,
        "已导入 {} 行,修改 #{changeset} / imported {} rows as change #{changeset}",
        plan.inputs.len(),
        plan.inputs.len()
    )?;
    Ok(())
}

/// The database path given, or the default one in the user's data folder.
///
/// # Errors
/// When the platform has no data folder and no --db was given.
pub fn require_db_path(db_path: Option<&Path>) -> anyhow::Result<PathBuf> {
    db_path
        .map(Path::to_path_buf)
        .or_else(crate::platform::default_db_path)
        .ok_or_else(|| anyhow::anyhow!("找不到用户数据文件夹,请用 --db PATH 指定数据库。 / No user data folder found; give the database with --db PATH."))
}

/// The database path to open, checked: a --db whose folder does not exist is refused unless
/// `--create` is given (a typo must not send today's report to a new, empty database), and a
/// new database made at a path the user gave is announced on standard error.
///
/// # Errors
/// No data folder, or a missing folder without `--create`.
pub fn prepare_db_path(cli: &Cli) -> anyhow::Result<PathBuf> {
    let path = require_db_path(cli.db.as_deref())?;
    if cli.db.is_some() && !path.exists() {
        check_db_folder(&path, cli.create)?;
        eprintln!(
            "新建数据库 / creating a new database: {}",
            std::path::absolute(&path).unwrap_or_else(|_| path.clone()).display()
        );
    }
    Ok(path)
}

/// Refuses a database path whose folder does not exist, unless `create`.
fn check_db_folder(path: &Path, create: bool) -> anyhow::Result<()> {
    let folder = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or_else(|| Path::new("."));
    if !folder.is_dir() && !create {
        let full = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        anyhow::bail!(
            "文件夹 {} 不存在。若要在那里新建数据库 {},请加 --create;否则请检查路径是否写错。 / The folder {} does not exist. To create a new database at {}, add --create; otherwise check the path for a typo.",
            folder.display(),
            full.display(),
            folder.display(),
            full.display()
        );
    }
    Ok(())
}

/// Prints the filtered projects.
///
/// # Errors
/// An unknown place, or a failed write.
pub fn list(portfolio: &Portfolio, latest: &[Report], args: &ListArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    check_places(portfolio, &args.filters)?;
    let latest: std::collections::HashMap<ProjectId, &Report> = latest.iter().map(|r| (r.project, r)).collect();
    let rows = portfolio.view(&args.filters.filter(), SortColumn::Id, SortOrder::Ascending);
    let projects: Vec<&Project> = rows.iter().map(|&i| &portfolio.projects[i]).collect();
    match args.format {
        Format::Json => {
            let items: Vec<ProjectJson<'_>> = rows
                .iter()
                .map(|&i| ProjectJson::of(portfolio, i, latest.get(&portfolio.projects[i].id).copied()))
                .collect();
            serde_json::to_writer_pretty(&mut *out, &items)?;
            writeln!(out)?;
        }
        Format::Csv => write_csv(&projects, out)?,
        Format::Table => write_table(&projects, out)?,
    }
    Ok(())
}

/// Refuses a place or 专栏 the database does not have, listing the ones it does.
fn check_filters(snapshot: &Snapshot, args: &FilterArgs) -> anyhow::Result<()> {
    check_places(&snapshot.portfolio, args)?;
    for n in &args.zhuanlan {
        if !snapshot.boxes.iter().any(|b| b.number == *n) {
            let numbers: Vec<String> = snapshot.boxes.iter().map(|b| b.number.to_string()).collect();
            anyhow::bail!("未知专栏 / unknown 专栏 {n}; one of: {}", numbers.join(", "));
        }
    }
    Ok(())
}

/// Refuses a place the gazetteer does not know, listing the ones it does.
fn check_places(portfolio: &Portfolio, args: &FilterArgs) -> anyhow::Result<()> {
    for place in &args.place {
        if portfolio.gazetteer.index_of(place).is_none() {
            let names: Vec<_> = portfolio.gazetteer.places().iter().map(|p| p.name.as_str()).collect();
            anyhow::bail!("未知地点 / unknown place {place:?}; one of: {}", names.join(", "));
        }
    }
    Ok(())
}

fn write_csv(projects: &[&Project], out: &mut dyn Write) -> anyhow::Result<()> {
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
fn display_width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(display_width(text))))
}

fn write_table(projects: &[&Project], out: &mut dyn Write) -> std::io::Result<()> {
    let header = ["ID", "专栏", "项目名称", "所属区(县)", "类别", "状态", "目标年", "目标量"];
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
                category(&p.category).map_or_else(|| p.category.clone(), |c| c.zh.to_string()),
                p.status.label_zh().to_string(),
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
    writeln!(
        out,
        "{} 项 / projects (* 规划未写明年份,按规划期末 2025 年计 / year not stated, plan end assumed)",
        rows.len()
    )?;
    Ok(())
}
