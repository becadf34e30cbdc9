//! `export`, `deck`, `template` and `import`: review sheets and slides out, update sheets in.

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
    writeln!(out, "已导出 {} 项 / exported {} projects: {}", rows.len(), rows.len(), args.output.display())?;
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
        rules.check(output)?;
    }
    let rows = snapshot.portfolio.view(&filter, SortColumn::Id, SortOrder::Ascending);
    let index = crate::domain::ReportIndex::new(&snapshot.portfolio, db.reports_selecting(review, &filter)?);
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

pub(super) fn write_template_file(
    db: &Db,
    place: &str,
    date: Option<Period>,
    (output, rules): (&Path, &OutputRules),
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let month = date.unwrap_or_else(Period::today);
    let sheet = crate::usecase::review_sheet::update_sheet(db, place, month)?;
    rules.check(output)?;
    let items = open_items(db)?;
    let bytes = crate::export::write_template(place, &sheet.rows, &items, month)?;
    rules.write(output, &bytes)?;
    writeln!(out, "填报表已写入 / update sheet written: {} ({} projects)", output.display(), sheet.rows.len())?;
    Ok(())
}

/// The current plan's items that are still open (the template lists those of its place).
fn open_items(db: &Db) -> anyhow::Result<Vec<crate::domain::Problem>> {
    let filter = crate::db::ProblemFilter {
        statuses: vec![crate::domain::ProblemStatus::Open, crate::domain::ProblemStatus::InHand],
        ..crate::db::ProblemFilter::default()
    };
    Ok(db.problems(&filter)?.into_iter().map(|r| r.problem).collect())
}

/// Prints what an import would do: counts, changes, item updates, problems and warnings.
fn print_plan(plan: &crate::import::ImportPlan, out: &mut dyn Write) -> anyhow::Result<()> {
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
    if plan.items_header_row.is_some() {
        writeln!(
            out,
            "问题清单:读取 {} 行,{} 项办理结果待导入,{} 项无变化 / problem list: {} rows read, {} updates to apply, {} unchanged",
            plan.items_read,
            plan.items.len(),
            plan.items_unchanged,
            plan.items_read,
            plan.items.len(),
            plan.items_unchanged
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
            "  问题清单第{}行 问题#{} [{}] {} “{}”: {} → {} {}",
            i.row,
            u.id,
            i.project,
            i.name,
            i.text,
            i.old.label_zh(),
            u.status.label_zh(),
            how.join(" ")
        )?;
    }
    for p in &plan.problems {
        writeln!(out, "  问题 {} {}: {} / {}", p.row_zh(), p.column, p.zh, p.en)?;
    }
    for w in &plan.warnings {
        writeln!(out, "  提示 第{}行 {}: {} / {}", w.row, w.column, w.zh, w.en)?;
    }
    Ok(())
}

pub(super) fn import_sheet(
    db: &Db,
    file: &Path,
    (dry_run, skip_bad_rows): (bool, bool),
    rules: &OutputRules,
    reviewer: &str,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let table = crate::import::read_file(file)?;
    let snapshot = db.snapshot()?;
    let items: Vec<_> = db.problems(&crate::db::ProblemFilter::default())?.into_iter().map(|r| r.problem).collect();
    let plan = crate::import::plan(&table, &snapshot.portfolio, &db.latest_reports()?, &items, Period::today())?;
    print_plan(&plan, out)?;
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
    let skipped = crate::export::skipped_files(file, &table, &plan);
    for (report, _) in &skipped {
        rules.check(report)?;
    }
    if plan.has_changes()
        && let Some(backup) = db.rolling_backup("before-import")?
    {
        writeln!(out, "导入前已备份 / backed up first: {}", backup.display())?;
    }
    for (report, text) in &skipped {
        rules.write(report, text.as_bytes())?;
        writeln!(out, "未导入的行及原因已写入 / skipped rows written to {}", report.display())?;
    }
    if !plan.has_changes() {
        writeln!(out, "没有需要导入的修改 / nothing to change")?;
        return Ok(());
    }
    let changeset =
        db.add_reports_and_items(&plan.reports(), &plan.item_updates(), reviewer, Period::today(), false)?;
    writeln!(
        out,
        "已导入 {} 行、问题清单 {} 项,修改 #{changeset} / imported {} rows and {} problem-list updates as change #{changeset}",
        plan.inputs.len(),
        plan.items.len(),
        plan.inputs.len(),
        plan.items.len()
    )?;
    Ok(())
}
