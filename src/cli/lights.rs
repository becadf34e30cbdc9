//! `rules`: a plan's light rules (亮灯规则) shown, or a preset set.

use std::io::Write;

use serde::Serialize;

use crate::db::Db;
use crate::domain::{LightRules, PRESETS};

use super::Format;

/// The rules as `rules --format json` prints them.
#[derive(Serialize)]
struct RulesJson<'a> {
    plan: i64,
    #[serde(flatten)]
    rules: &'a LightRules,
}

/// Shows the current plan's rules, after setting `preset` when one is given.
///
/// # Errors
/// An unknown preset, an archived plan, or a failed write.
pub(super) fn rules(db: &Db, preset: Option<&str>, format: Format, out: &mut dyn Write) -> anyhow::Result<()> {
    let plan = db.current_plan()?;
    if let Some(code) = preset {
        let Some(rules) = LightRules::preset(code) else {
            anyhow::bail!(
                "没有名为 {code:?} 的预设规则,可选:{} / no preset called {code:?}; one of: {}",
                PRESETS.join(", "),
                PRESETS.join(", ")
            );
        };
        db.set_light_rules(plan.id, &rules)?;
        eprintln!("规划 {} 的亮灯规则已设为 {code} / the light rules of plan {} are now {code}", plan.id, plan.id);
    }
    let rules = db.light_rules(plan.id)?;
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &RulesJson { plan: plan.id, rules: &rules })?;
            writeln!(out)?;
        }
        Format::Csv => {
            let header = ["measure", "label", "on", "yellow", "red", "unit"];
            let text = |t: &str| crate::export::CsvField::Text(t.to_string());
            let lines: Vec<Vec<crate::export::CsvField>> = rules
                .rules
                .iter()
                .map(|r| {
                    vec![
                        text(r.measure.code()),
                        text(r.measure.label_zh()),
                        text(if r.on { "1" } else { "0" }),
                        crate::export::CsvField::Number(r.yellow.to_string()),
                        crate::export::CsvField::Number(r.red.to_string()),
                        text(r.measure.unit_zh()),
                    ]
                })
                .collect();
            out.write_all(&crate::export::csv_bytes(&header, &lines, crate::export::Bom::Without)?)?;
        }
        Format::Table => {
            writeln!(out, "{}  ({} {})", rules.name, plan.id, plan.title)?;
            for r in &rules.rules {
                let on = if r.on { "开 on " } else { "关 off" };
                let (unit_zh, unit_en) = (r.measure.unit_zh(), r.measure.unit_en());
                writeln!(
                    out,
                    "  {on}  {:<12} {}  黄/yellow {} · 红/red {} {unit_zh} / {unit_en}",
                    r.measure.code(),
                    r.measure.label_zh(),
                    r.yellow,
                    r.red
                )?;
            }
        }
    }
    Ok(())
}
