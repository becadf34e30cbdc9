//! The command line's arguments (clap): the commands, their options and how each value is
//! read and checked.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::domain::{DEFAULT_LAG_THRESHOLD, Filter, Period, Status, category};
use crate::words::{quoted, say};

use super::plan;

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
    /// The language of messages: zh (中文) or en (English); default: the locale's (LC_ALL,
    /// LC_MESSAGES, LANG), Chinese unless it is English.
    #[arg(long, global = true, value_name = "zh|en", value_parser = ["zh", "en"])]
    pub lang: Option<String>,
    /// Save a screenshot of the window to this PNG after it has settled, then quit (for checks).
    #[arg(long, value_name = "PNG", hide = true)]
    pub screenshot: Option<PathBuf>,
    /// Draw the window with this renderer: auto (the default: on Windows DX12, then Vulkan, then
    /// OpenGL, each tried when the one before fails to start; on Linux Vulkan, then OpenGL),
    /// dx12, vulkan, gl or metal. Also read from $TAIZHANG_RENDERER.
    #[arg(long, value_name = "RENDERER")]
    pub renderer: Option<crate::app::Renderer>,
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
        /// progress, investment, districts, categories, lights_by_district, lights, lagging,
        /// coordination (default: all).
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
        /// The row of the header, as the spreadsheet numbers it (when it lies below the first
        /// 30 rows, under a cover or a long title block).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=200_000))]
        header_row: Option<u32>,
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
    /// Set what offices report on for one project: 建设性质, 计划开工, 入库, 项目代码, 责任单位 and
    /// 责任人 (validated as in the window; a change in the history that undo reverts).
    Project(ProjectArgs),
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
    /// Show the current plan's light rules (亮灯规则), or set a preset: gap-10-30 (10–30 points
    /// below 序时进度 yellow, beyond red; the default, as 滞后 was), ratio-80-60 (below 80 % of
    /// 序时进度 yellow, below 60 % red), invest-50 (investment this year against the year's plan).
    Rules {
        /// Set this preset (gap-10-30, ratio-80-60, invest-50) before showing the rules.
        #[arg(long, value_name = "NAME")]
        preset: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// The 问题清单 of the current plan: every 存在问题 and 需协调事项 as an item, open until closed.
    Problems {
        /// Only this 责任单位.
        #[arg(long, value_name = "UNIT")]
        owner: Option<String>,
        /// Only items open past their 解决时限 (at --date, default this month).
        #[arg(long)]
        overdue: bool,
        /// open (open and in hand) or closed.
        #[arg(long, value_name = "open|closed")]
        status: Option<String>,
        /// The month overdue is judged at (YYYY-MM; default: this month).
        #[arg(long, value_name = "YYYY-MM", value_parser = parse_period)]
        date: Option<Period>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// 月度结账: keep every project's light of the month as it stands (escalation counts the
    /// closed months, the table says "红灯 since 2026-08", the next 通报 compares with it).
    /// Closing a month again replaces its lights; each change of light is in the history.
    CloseMonth {
        #[arg(long, value_name = "YYYY-MM", value_parser = parse_period)]
        month: Period,
    },
    /// The month's 通报 (bulletin) as a Word file (.docx): totals, by 建设性质, district and
    /// category, the red and yellow projects with their reasons, problems closed and overdue.
    /// The filter options narrow it (--place 钟山区 writes that district's 通报).
    Notice {
        /// The month reported on (YYYY-MM); 序时进度 and the lights are worked out at its end.
        #[arg(long, value_name = "YYYY-MM", value_parser = parse_period)]
        month: Period,
        #[command(flatten)]
        filters: FilterArgs,
        #[arg(short, long, value_name = "FILE.docx")]
        output: PathBuf,
    },
    /// 督办函 (letters chasing the 责任单位) as Word files: to one unit (--owner UNIT -o
    /// FILE.docx), or one per unit with a red or yellow project or an open problem (--all -o DIR).
    Duban {
        /// The 责任单位 written to.
        #[arg(long, value_name = "UNIT", required_unless_present = "all", conflicts_with = "all")]
        owner: Option<String>,
        /// One letter per unit into the folder given by -o.
        #[arg(long)]
        all: bool,
        /// The month the letter is about (YYYY-MM; default: this month).
        #[arg(long, value_name = "YYYY-MM", value_parser = parse_period)]
        month: Option<Period>,
        #[arg(short, long, value_name = "FILE.docx|DIR")]
        output: PathBuf,
    },
    /// Close (销号), reopen or mark in hand one item of the 问题清单.
    Problem {
        #[command(subcommand)]
        action: super::problems::ProblemAction,
    },
    /// Copy a server database to a new file for offline work (all plans, reports, history,
    /// views, items); the file remembers its server. Password from PGPASSWORD or the URL.
    Checkout {
        /// The server database: postgres://USER@HOST:PORT/DBNAME.
        url: String,
        /// The new file.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Send an offline copy's changes to its server and take everyone else's, in one step;
    /// changes the server also made are listed as conflicts (the server's value stays, yours is
    /// kept in the list). Safe to run again after an interruption.
    Sync {
        /// The offline copy.
        file: PathBuf,
    },
    /// A shared database on the bureau's PostgreSQL server.
    Server {
        #[command(subcommand)]
        action: ServerAction,
    },
    /// Read the plan text bundled with Taizhang and write the seed data as JSON.
    ExtractPlan {
        /// Output file (default: standard output).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

impl Command {
    /// Whether the command writes JSON to standard output (kept UTF-8 where other text follows
    /// the Windows code page, see `console`).
    pub fn writes_json(&self) -> bool {
        let format = match self {
            Command::List(args) => Some(args.format),
            Command::History { format, .. } | Command::Rules { format, .. } | Command::Problems { format, .. } => {
                Some(*format)
            }
            Command::Plan { action: super::plan::PlanAction::List { format } }
            | Command::Plan { action: super::plan::PlanAction::Import { format, .. } } => Some(*format),
            Command::ExtractPlan { output } => return output.is_none(),
            _ => None,
        };
        format == Some(Format::Json)
    }
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
    /// Only projects with this light by the plan's rules (red, yellow, green, unrated; or 红灯…).
    /// Repeatable.
    #[arg(long, value_name = "L", value_parser = parse_light)]
    pub light: Vec<crate::domain::Light>,
    /// 建设性质: 新建, 续建, 前期, 建成 (also 新开工 for 新建, 竣工 for 建成), or 未填报 for rows
    /// without one. Repeatable.
    #[arg(long, value_name = "N", value_parser = parse_nature)]
    pub nature: Vec<String>,
    /// Review date for 序时进度 (YYYY-MM; default: this month).
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_period)]
    pub date: Option<Period>,
    /// Percentage points below 序时进度 that count as lagging (0–100).
    #[arg(long, value_name = "POINTS", default_value_t = DEFAULT_LAG_THRESHOLD, value_parser = parse_points)]
    pub lag_threshold: f64,
}

/// `project` arguments: only the options given change.
#[derive(Debug, Args)]
pub struct ProjectArgs {
    /// Project id (see `list`).
    pub id: i64,
    /// 建设性质: 新建, 续建, 前期, 建成 (新开工, 竣工 also), or 未填报 to clear it.
    #[arg(long, value_name = "N", value_parser = parse_nature)]
    pub nature: Option<String>,
    /// 计划开工 month (YYYY-MM).
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_period)]
    pub planned_start: Option<Period>,
    /// 入库: yes or no (是/否).
    #[arg(long, value_name = "yes|no", value_parser = parse_yes_no)]
    pub registered: Option<bool>,
    /// The month it was registered (YYYY-MM); implies --registered yes.
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_period)]
    pub registered_in: Option<Period>,
    /// 项目代码, e.g. 2021-520201-48-01-123456 (checked).
    #[arg(long, value_name = "CODE")]
    pub code: Option<String>,
    /// 责任单位.
    #[arg(long, value_name = "UNIT")]
    pub owner: Option<String>,
    /// 责任人.
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
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
    /// 需协调事项: a matter another unit must act on (becomes an item of the 问题清单).
    #[arg(long, value_name = "TEXT")]
    pub coordination: Option<String>,
    /// 责任单位 of the matter.
    #[arg(long, value_name = "UNIT")]
    pub coordination_unit: Option<String>,
    /// 解决时限 of the matter (YYYY-MM).
    #[arg(long, value_name = "YYYY-MM")]
    pub coordination_due: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Accept a quantity above the target.
    #[arg(long)]
    pub confirm_over_target: bool,
}

pub(super) fn parse_period(text: &str) -> Result<Period, String> {
    Period::parse(text).ok_or_else(|| {
        let shown = quoted(text);
        say!("日期应为 2000—2100 年间的 YYYY-MM,而不是 {shown}", "expected YYYY-MM between 2000 and 2100, got {shown}")
    })
}

/// A number as the window reads it: `12`, `１２`, `12公里`, `1,200`; its unit is checked
/// against the project's once the project is known.
pub(super) fn parse_number(text: &str) -> Result<String, String> {
    match crate::domain::split_quantity(text) {
        Ok(Some(_)) => Ok(text.to_string()),
        _ => {
            let shown = quoted(text);
            Err(say!("{shown}不是数字", "{shown} is not a number"))
        }
    }
}

/// An amount given on the command line, in `unit`.
pub(super) fn amount(text: Option<&str>, unit: Option<&str>, what: &str) -> anyhow::Result<Option<f64>> {
    let Some(text) = text else { return Ok(None) };
    crate::domain::parse_amount(text, unit).map_err(|e| {
        let (zh, en) = e.message(text, unit);
        anyhow::anyhow!("{what}: {}", crate::words::tr(&zh, &en))
    })
}

pub(super) fn parse_points(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(v) if (0.0..=100.0).contains(&v) => Ok(v),
        _ => {
            let shown = quoted(text);
            Err(say!(
                "应为 0 到 100 之间的百分点,而不是 {shown}",
                "expected percentage points from 0 to 100, got {shown}"
            ))
        }
    }
}

pub(super) fn parse_day(text: &str) -> Result<String, String> {
    crate::domain::parse_date(text).map(|d| d.to_string()).ok_or_else(|| {
        let shown = quoted(text);
        say!("日期应为有效的 YYYY-MM-DD,而不是 {shown}", "expected a valid date YYYY-MM-DD, got {shown}")
    })
}

/// The most projects a demo database may have: ten times the benchmarks' 100,000.
pub const MAX_DEMO_PROJECTS: usize = 1_000_000;

pub(super) fn parse_demo_size(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if (1..=MAX_DEMO_PROJECTS).contains(&n) => Ok(n),
        _ => {
            let shown = quoted(text);
            Err(say!(
                "项目数应为 1 到 {MAX_DEMO_PROJECTS},而不是 {shown}",
                "the number of projects must be 1 to {MAX_DEMO_PROJECTS}, got {shown}"
            ))
        }
    }
}

pub(super) fn parse_slide_kind(text: &str) -> Result<crate::domain::SlideKind, String> {
    crate::domain::SlideKind::parse(text).ok_or_else(|| {
        let codes = crate::domain::SlideKind::ALL.iter().map(|k| k.code()).collect::<Vec<_>>().join(", ");
        let shown = quoted(text);
        say!("未知幻灯片类型{shown},可选:{codes}", "unknown kind of slide {shown}; one of: {codes}")
    })
}

pub(super) fn parse_category(text: &str) -> Result<String, String> {
    category(text).map(|c| c.code.to_string()).ok_or_else(|| {
        let codes =
            crate::domain::CATEGORIES.iter().map(|c| format!("{} ({})", c.code, c.zh)).collect::<Vec<_>>().join(", ");
        let shown = quoted(text);
        say!("未知类别{shown},可选:{codes}", "unknown category {shown}; one of: {codes}")
    })
}

pub(super) fn parse_light(text: &str) -> Result<crate::domain::Light, String> {
    crate::domain::Light::parse(text).ok_or_else(|| {
        let shown = quoted(text);
        say!(
            "未知亮灯{shown},可选:红灯、黄灯、绿灯、未评价(red, yellow, green, unrated)",
            "unknown light {shown}; one of: red, yellow, green, unrated"
        )
    })
}

pub(super) fn parse_nature(text: &str) -> Result<String, String> {
    if text.trim() == crate::domain::NATURE_MISSING {
        return Ok(crate::domain::NATURE_MISSING.to_string());
    }
    crate::domain::nature_word(text).map(str::to_string).ok_or_else(|| {
        let (natures, missing) = (crate::domain::NATURES.join(", "), crate::domain::NATURE_MISSING);
        let shown = quoted(text);
        say!("未知建设性质{shown},可选:{natures}, {missing}", "unknown nature {shown}; one of: {natures}, {missing}")
    })
}

pub(super) fn parse_yes_no(text: &str) -> Result<bool, String> {
    match text.trim() {
        "yes" | "y" | "true" | "是" => Ok(true),
        "no" | "n" | "false" | "否" => Ok(false),
        other => {
            let shown = quoted(other);
            Err(say!("应为 yes 或 no(是/否),而不是 {shown}", "expected yes or no, not {shown}"))
        }
    }
}

pub(super) fn parse_status(text: &str) -> Result<Status, String> {
    Status::parse(text).ok_or_else(|| {
        let codes =
            Status::ALL.iter().map(|s| format!("{} ({})", s.code(), s.label_zh())).collect::<Vec<_>>().join(", ");
        let shown = quoted(text);
        say!("未知状态{shown},可选:{codes}", "unknown status {shown}; one of: {codes}")
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
            lights: self.light.clone(),
            natures: self.nature.clone(),
        }
    }
}

/// The deck's file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DeckFormat {
    Pdf,
    Png,
}

/// What `server` does.
#[derive(Debug, Subcommand)]
pub enum ServerAction {
    /// Make Taizhang's tables in an empty server database and seed the bundled plan (a
    /// database made already is left as it is, and its state is shown).
    Init {
        /// The database: postgres://USER@HOST:PORT/DBNAME (a password from PGPASSWORD, or in
        /// the URL).
        url: String,
    },
    /// Give a server account a role: admin, city (every project), district (the projects of
    /// the --place given and the places inside them) or viewer (reads only). The server
    /// enforces it. Run with --db URL as an account that may manage roles; a new account is
    /// made with the password in TAIZHANG_NEW_PASSWORD, if set.
    Grant {
        /// The account's login name (lower-case letters, digits, _).
        account: String,
        /// admin, city, district or viewer.
        #[arg(long, value_parser = parse_role)]
        role: crate::db::Role,
        /// For a district editor: a place it may change (repeat for several).
        #[arg(long = "place", value_name = "PLACE")]
        places: Vec<String>,
    },
    /// Copy a database file, all of it (every plan, report, change in the history, view and
    /// item), to an empty server database once; the file is not changed.
    Push {
        /// The database file.
        file: PathBuf,
        /// The server database: postgres://USER@HOST:PORT/DBNAME.
        url: String,
    },
}

fn parse_role(text: &str) -> Result<crate::db::Role, String> {
    crate::db::Role::parse(text)
        .ok_or_else(|| crate::words::tr("admin, city, district 或 viewer", "admin, city, district or viewer").into())
}
