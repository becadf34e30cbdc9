//! `rules`: a plan's light rules (亮灯规则) shown, or a preset set.

use crate::words::{Lang, say};
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
            let presets = PRESETS.join(", ");
            anyhow::bail!("{}", {
                let code = crate::words::quoted(code);
                say!("没有名为{code}的预设规则,可选:{presets}", "no preset called {code}; one of: {presets}")
            });
        };
        db.set_light_rules(plan.id, &rules)?;
        let id = plan.id;
        super::console::say_line(&say!(
            "规划 {id} 的亮灯规则已设为 {code}",
            "the light rules of plan {id} are now {code}"
        ));
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
                let code = format!("{:<12}", r.measure.code());
                let (yellow, red) = (r.yellow, r.red);
                let (label, unit) = (r.measure.label_zh(), r.measure.unit_zh());
                let (label_en, unit_en) = (r.measure.label_en(), r.measure.unit_en());
                let line = match (r.on, crate::words::current()) {
                    (true, Lang::Zh) => format!("  开  {code} {label}  黄灯 {yellow} · 红灯 {red} {unit}"),
                    (false, Lang::Zh) => format!("  关  {code} {label}  黄灯 {yellow} · 红灯 {red} {unit}"),
                    (true, Lang::En) => format!("  on   {code} {label_en}  yellow {yellow} · red {red} {unit_en}"),
                    (false, Lang::En) => format!("  off  {code} {label_en}  yellow {yellow} · red {red} {unit_en}"),
                };
                writeln!(out, "{line}")?;
            }
        }
    }
    Ok(())
}
