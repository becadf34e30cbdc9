//! `export`, `deck`, `template` and `import`: review sheets and slides out, update sheets in.

use crate::words::say;
use std::io::Write;
use std::path::Path;

use crate::db::Db;
use crate::domain::{Period, SortColumn, SortOrder};
use crate::export::OutputRules;

use super::{DeckFormat, ExportArgs, FilterArgs, SheetFormat, check_filters};

pub(super) fn export_sheet(db: &Db, args: &ExportArgs, rules: &OutputRules, out: &mut dyn Write) -> anyhow::Result<()> {
    let f = &args.filters;
    let review = f.date.unwrap_or_else(Period::today);
    let sort = (SortColumn::Id, SortOrder::Ascending);
    let (snapshot, sheet) =
        crate::usecase::review_sheet::selected_sheet(db, (review, f.lag_threshold), &f.filter(), sort)?;
    check_filters(db, &snapshot, f)?;
    let rows = &sheet.rows;
    let format = match args.format {
        SheetFormat::Xlsx => crate::export::ExportFormat::Xlsx,
        SheetFormat::Pdf => crate::export::ExportFormat::Pdf,
        SheetFormat::Csv => crate::export::ExportFormat::Csv,
    };
    crate::export::export(&sheet, format, &args.output, rules)?;
    let (n, path) = (rows.len(), args.output.display());
    writeln!(out, "{}", say!("已导出 {n} 项:{path}", "exported {n} projects: {path}"))?;
    Ok(())
}

pub(super) fn write_deck_file(
    db: &Db,
    filters: &FilterArgs,
    (format, kinds, size): (DeckFormat, &[crate::domain::SlideKind], [u32; 2]),
    (output, rules): (&Path, &OutputRules),
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let review = filters.date.unwrap_or_else(Period::today);
    let filter = filters.filter();
    let (snapshot, _) = db.snapshot_selecting(review, filters.lag_threshold, &filter)?;
    check_filters(db, &snapshot, filters)?;
    if format == DeckFormat::Pdf {
        rules.check_file(output)?;
    }
    let rows = snapshot.portfolio.view(&filter, SortColumn::Id, SortOrder::Ascending);
    let index = crate::domain::ReportIndex::new(&snapshot.portfolio, db.reports_selecting(review, &filter)?);
    let data =
        crate::domain::ChartData::build(&snapshot.portfolio, &rows).with_reports(&snapshot.portfolio, &rows, &index);
    let subtitle = format!("{} · {} · {review}", snapshot.plan.title, filter.describe());
    let slides = crate::domain::slides(&data, kinds);
    if format == DeckFormat::Pdf {
        let bytes = crate::export::write_deck(&data, &slides, &subtitle, (snapshot.dataset, crate::words::current()))?;
        rules.write(output, &bytes)?;
        let (path, n) = (output.display(), slides.len());
        writeln!(out, "{}", say!("演示文稿已写入:{path}({n} 张幻灯片)", "deck written: {path} ({n} slides)"))?;
        return Ok(());
    }
    let page = crate::ui::charts::SlidePage {
        data: &data,
        slides: &slides,
        index: 0,
        subtitle: &subtitle,
        lang: crate::words::current(),
        demo: snapshot.dataset == crate::domain::Dataset::Demo,
    };
    let files =
        crate::ui::offscreen::write_slide_pngs(output, &page, size, rules, &|| false).map_err(anyhow::Error::msg)?;
    if files.older > 0 {
        let older = files.older;
        writeln!(
            out,
            "{}",
            say!("注意:文件夹中另有 {older} 个旧的幻灯片文件", "note: {older} older slide files remain in the folder")
        )?;
    }
    let (n, path, [w, h]) = (slides.len(), output.display(), size);
    writeln!(out, "{}", say!("{n} 张幻灯片已写入:{path}({w}x{h})", "{n} slides written: {path} ({w}x{h})"))?;
    Ok(())
}

pub(super) fn write_template_file(
    db: &Db,
    place: &str,
    date: Option<Period>,
    (output, rules): (&Path, &OutputRules),
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let month = date.unwrap_or_else(Period::today);
    let n = crate::usecase::update_sheet::write_template(db, place, month, output, rules)?;
    let path = output.display();
    writeln!(out, "{}", say!("填报表已写入:{path}({n} 个项目)", "update sheet written: {path} ({n} projects)"))?;
    Ok(())
}

/// A count and its noun in English: "1 row", "2 rows" (it said "1 rows read", "1 problems").
fn many(n: usize, one: &str, more: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { more })
}

/// Prints what an import would do: counts, changes, item updates, problems and warnings.
fn print_plan(plan: &crate::import::ImportPlan, out: &mut dyn Write) -> anyhow::Result<()> {
    let (read, apply, unchanged, blank, problems) =
        (plan.rows_read, plan.inputs.len(), plan.unchanged, plan.unfilled, plan.problems.len());
    let (read_en, problems_en) = (many(read, "row", "rows"), many(problems, "problem", "problems"));
    writeln!(
        out,
        "{}",
        say!(
            "读取 {read} 行:{apply} 行有修改,{unchanged} 行无变化,{blank} 行未填写,{problems} 个问题",
            "{read_en} read: {apply} to apply, {unchanged} unchanged, {blank} blank, {problems_en}"
        )
    )?;
    if plan.items_header_row.is_some() {
        let (read, apply, unchanged) = (plan.items_read, plan.items.len(), plan.items_unchanged);
        let (read_en, apply_en) = (many(read, "row", "rows"), many(apply, "update", "updates"));
        writeln!(
            out,
            "{}",
            say!(
                "问题清单:读取 {read} 行,{apply} 项办理结果待导入,{unchanged} 项无变化",
                "problem list: {read_en} read, {apply_en} to apply, {unchanged} unchanged"
            )
        )?;
    }
    for c in &plan.changes {
        writeln!(out, "  第{}行 [{}] {}  {}: {} → {}", c.row, c.project, c.name, c.field, c.old, c.new)?;
    }
    for i in &plan.items {
        let u = &i.update;
        let how = [u.day.as_str(), u.note.as_str()].into_iter().filter(|t| !t.is_empty()).collect::<Vec<_>>();
        writeln!(
            out,
            "  {}第{}行 问题#{} [{}] {} {}: {} → {} {}",
            if plan.items_sheet.is_empty() { crate::import::ITEMS_SHEET } else { plan.items_sheet.as_str() },
            i.row,
            u.id,
            i.project,
            i.name,
            crate::words::quoted(&i.text),
            i.old.label_zh(),
            u.status.label_zh(),
            how.join(" ")
        )?;
    }
    for p in &plan.problems {
        let (place, column, what) = (p.place(&plan.items_sheet, crate::words::current()), &p.column, &p.kind);
        writeln!(out, "{}", say!("  问题 {place} {column}:{what}", "  problem, {place} {column}: {what}"))?;
    }
    if !plan.items_left_out.is_empty() {
        let said = crate::words::items_left_out(&plan.items_sheet, &plan.items_left_out, crate::words::current());
        writeln!(out, "{}", say!("  提示 {said}", "  note: {said}"))?;
    }
    for w in &plan.warnings {
        let (row, column, what) = (w.row, &w.column, &w.kind);
        writeln!(out, "{}", say!("  提示 第{row}行 {column}:{what}", "  note, row {row} {column}: {what}"))?;
    }
    Ok(())
}

pub(super) fn import_sheet(
    db: &Db,
    (file, header_row): (&Path, Option<usize>),
    (dry_run, skip_bad_rows): (bool, bool),
    rules: &OutputRules,
    reviewer: &str,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let snapshot = db.snapshot()?;
    let (table, plan) = crate::usecase::update_sheet::preview(db, &snapshot.portfolio, file, header_row)?;
    print_plan(&plan, out)?;
    if dry_run {
        writeln!(out, "{}", say!("试运行,未写入任何数据", "dry run: nothing written"))?;
        if !plan.problems.is_empty() {
            // Scripts check the exit status: a sheet with problems would not import as it is.
            let n = plan.problems.len();
            let n_en = many(n, "problem", "problems");
            anyhow::bail!("{}", say!("试运行发现 {n} 个问题", "dry run found {n_en}"));
        }
        return Ok(());
    }
    let applied = crate::usecase::update_sheet::apply(db, (file, &table, &plan), skip_bad_rows, rules, reviewer)?;
    if let Some(backup) = &applied.backup {
        let backup = backup.display();
        writeln!(out, "{}", say!("导入前已备份:{backup}", "backed up first: {backup}"))?;
    }
    for report in &applied.left_out {
        let report = report.display();
        writeln!(out, "{}", say!("未导入的行及原因已写入 {report}", "skipped rows written to {report}"))?;
    }
    let Some(changeset) = applied.changeset else {
        writeln!(out, "{}", say!("没有需要导入的修改", "nothing to change"))?;
        return Ok(());
    };
    let (rows, items) = (plan.inputs.len(), plan.items.len());
    let (rows_en, items_en) = (many(rows, "row", "rows"), many(items, "problem-list update", "problem-list updates"));
    writeln!(
        out,
        "{}",
        say!(
            "已导入 {rows} 行、问题清单 {items} 项,修改 #{changeset}",
            "imported {rows_en} and {items_en} as change #{changeset}"
        )
    )?;
    Ok(())
}
