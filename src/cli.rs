//! cli: the command line (`taizhang list`, `demo`, `extract-plan`). Parses arguments with
//! clap and prints; the window is started by `main.rs` when no command is given.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};
use serde::Serialize;

use crate::db::Db;
use crate::domain::{Filter, Portfolio, Project, SortColumn, SortOrder, Status, category};

/// Taizhang (台账): review the key projects of 六盘水市“十四五”新型城镇化发展规划.
/// Without a command, opens the window.
#[derive(Debug, Parser)]
#[command(name = "taizhang", version, about)]
pub struct Cli {
    /// The database file (default: taizhang.db in your data folder; created and seeded if new).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
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
    /// Write a separate database of N generated projects marked as demo data.
    Demo {
        /// How many projects to generate.
        #[arg(long, default_value_t = 10_000)]
        projects: usize,
        /// Seed of the generator; the same seed gives the same database.
        #[arg(long, default_value_t = 1)]
        seed: u64,
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

/// `list` arguments: the window's filters.
#[derive(Debug, Args)]
pub struct ListArgs {
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
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

fn parse_category(text: &str) -> Result<String, String> {
    category(text).map(|c| c.code.to_string()).ok_or_else(|| {
        let codes: Vec<_> = crate::domain::CATEGORIES
            .iter()
            .map(|c| format!("{} ({})", c.code, c.zh))
            .collect();
        format!(
            "未知类别 / unknown category {text:?}; one of: {}",
            codes.join(", ")
        )
    })
}

fn parse_status(text: &str) -> Result<Status, String> {
    Status::parse(text).ok_or_else(|| {
        let codes: Vec<_> = Status::ALL
            .iter()
            .map(|s| format!("{} ({})", s.code(), s.label_zh()))
            .collect();
        format!(
            "未知状态 / unknown status {text:?}; one of: {}",
            codes.join(", ")
        )
    })
}

impl ListArgs {
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
    pub item: u8,
    pub status: &'static str,
    pub target_year: i32,
    pub target_year_inferred: bool,
    pub unit: Option<&'a str>,
    pub target: Option<f64>,
    pub done: Option<f64>,
    pub source: &'a str,
}

impl<'a> From<&'a Project> for ProjectJson<'a> {
    fn from(p: &'a Project) -> Self {
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
            done: p.done,
            source: &p.source,
        }
    }
}

/// Runs a command; returns the text of an error for the user.
///
/// # Errors
/// A message in Chinese and English saying what went wrong and what to do.
pub fn run(db_path: Option<&Path>, command: &Command, out: &mut dyn Write) -> anyhow::Result<()> {
    match command {
        Command::List(args) => {
            let db = Db::open(require_db_path(db_path)?.as_path())?;
            let snapshot = db.snapshot()?;
            list(&snapshot.portfolio, args, out)
        }
        Command::Demo { projects, seed } => {
            let Some(path) = db_path else {
                anyhow::bail!(
                    "demo 需要 --db PATH(演示数据库与规划数据库分开存放)。 / demo needs --db PATH: demo data lives in its own file."
                );
            };
            let plan = crate::seed::bundled_seed()?;
            crate::demo::write_demo_db(path, &plan, *projects, *seed)?;
            writeln!(
                out,
                "演示数据库已写入 / demo database written: {} ({projects} projects)",
                path.display()
            )?;
            Ok(())
        }
        Command::ExtractPlan { output } => {
            let (json, problems) = crate::seed::extract_bundled_plan()?;
            for p in &problems {
                eprintln!("warning: {p}");
            }
            match output {
                Some(path) => std::fs::write(path, json)?,
                None => out.write_all(json.as_bytes())?,
            }
            Ok(())
        }
    }
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

/// Prints the filtered projects.
///
/// # Errors
/// An unknown place, or a failed write.
pub fn list(portfolio: &Portfolio, args: &ListArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    for place in &args.place {
        if portfolio.gazetteer.index_of(place).is_none() {
            let names: Vec<_> = portfolio
                .gazetteer
                .places()
                .iter()
                .map(|p| p.name)
                .collect();
            anyhow::bail!(
                "未知地点 / unknown place {place:?}; one of: {}",
                names.join(", ")
            );
        }
    }
    let rows = portfolio.view(&args.filter(), SortColumn::Id, SortOrder::Ascending);
    let projects: Vec<&Project> = rows.iter().map(|&i| &portfolio.projects[i]).collect();
    match args.format {
        Format::Json => {
            let items: Vec<ProjectJson<'_>> =
                projects.iter().map(|p| ProjectJson::from(*p)).collect();
            serde_json::to_writer_pretty(&mut *out, &items)?;
            writeln!(out)?;
        }
        Format::Csv => write_csv(&projects, out)?,
        Format::Table => write_table(&projects, out)?,
    }
    Ok(())
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn number(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn write_csv(projects: &[&Project], out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "id,name,place,category,zhuanlan,item,status,target_year,unit,target,done,source"
    )?;
    for p in projects {
        let fields = [
            p.id.to_string(),
            csv_field(&p.name),
            csv_field(&p.place),
            p.category.clone(),
            p.zhuanlan.to_string(),
            p.item.to_string(),
            p.status.code().to_string(),
            p.target_year.to_string(),
            csv_field(p.unit.as_deref().unwrap_or_default()),
            number(p.target),
            number(p.done),
            csv_field(&p.source),
        ];
        writeln!(out, "{}", fields.join(","))?;
    }
    Ok(())
}

/// Display width of text in a terminal: CJK characters take two columns.
fn display_width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

fn pad(text: &str, width: usize) -> String {
    format!(
        "{text}{}",
        " ".repeat(width.saturating_sub(display_width(text)))
    )
}

fn write_table(projects: &[&Project], out: &mut dyn Write) -> std::io::Result<()> {
    let header = [
        "ID",
        "专栏",
        "项目名称",
        "所属区(县)",
        "类别",
        "状态",
        "目标年",
        "目标量",
    ];
    let rows: Vec<[String; 8]> = projects
        .iter()
        .map(|p| {
            let target = match (&p.target, &p.unit) {
                (Some(t), Some(u)) => format!("{t} {u}"),
                _ => String::new(),
            };
            let year = format!(
                "{}{}",
                p.target_year,
                if p.target_year_inferred { "*" } else { "" }
            );
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
        cells
            .iter()
            .zip(widths)
            .map(|(c, w)| pad(c, w))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
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
