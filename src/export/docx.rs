//! 月度通报 and 督办函 as Word files (.docx) that WPS, Word and LibreOffice open and edit.
//!
//! Laid out as such documents are (GB/T 9704 in spirit): A4, margins 37/35/28/26 mm, the title
//! in 宋体 bold 二号, headings in 黑体 三号, body in 仿宋 三号 with a two-character indent and a
//! fixed 28-point line, tables in 仿宋 五号. The fonts are named for east-Asian text; WPS and
//! Word on a Chinese system have them, and LibreOffice substitutes its Chinese font. A light is
//! written as a word in its cell (红灯, 黄灯) as well as its fill, so it reads in grey print.
//! Where a figure lacks data the text says how many projects it leaves out; the parts only the
//! office can write (文号, 反馈时限, 下步工作, 发文单位) are left as marked blanks.

use docx_rs::{
    AlignmentType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin, PageNum, Paragraph, Run, RunFonts, Shading,
    SpecialIndentType, Style, StyleType, Table, TableCell, TableLayoutType, TableRow, VAlignType, WidthType,
};

use crate::domain::{Dataset, Letter, Light, LitLine, Notice, Period, ProblemLine, Status, Tally};

use super::ExportError;

/// A4 in twentieths of a point.
const A4: (u32, u32) = (11_906, 16_838);
/// The width between the margins, in twentieths of a point.
const TEXT_WIDTH: usize = 11_906 - 1_588 - 1_474;
/// 三号 and 五号 in half-points.
const BODY_SIZE: usize = 32;
const TABLE_SIZE: usize = 21;
const TITLE_SIZE: usize = 44;
/// 三号, for the plan's name above the title (25 characters and more fit on one line).
const SUBTITLE_SIZE: usize = 32;

/// What every document says of itself: the data it was written from and the day.
#[derive(Clone, Copy, Debug)]
pub struct DocMeta {
    pub dataset: Dataset,
    /// The day it is written (落款日期).
    pub issued: jiff::civil::Date,
}

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new().ascii("Times New Roman").hi_ansi("Times New Roman").east_asia(east_asia)
}

fn run(text: &str, font: &str, size: usize) -> Run {
    Run::new().add_text(text).fonts(fonts(font)).size(size)
}

fn exact_line(twips: i32) -> LineSpacing {
    LineSpacing::new().line_rule(LineSpacingType::Exact).line(twips)
}

/// Body text: 仿宋 三号, two characters' indent, justified.
fn body(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, "仿宋", BODY_SIZE))
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
        .line_spacing(exact_line(560))
}

/// A first-level heading (一、…): 黑体.
fn heading(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, "黑体", BODY_SIZE))
        .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
        .line_spacing(exact_line(560))
        .keep_next(true)
}

/// A second-level heading (（一）…): 楷体.
fn subheading(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, "楷体", BODY_SIZE))
        .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
        .line_spacing(exact_line(560))
        .keep_next(true)
}

fn centered(text: &str, font: &str, size: usize) -> Paragraph {
    Paragraph::new().add_run(run(text, font, size)).align(AlignmentType::Center).line_spacing(exact_line(560))
}

fn right(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, "仿宋", BODY_SIZE))
        .align(AlignmentType::Right)
        .indent(None, None, Some(640), None)
        .line_spacing(exact_line(560))
}

fn blank() -> Paragraph {
    Paragraph::new().line_spacing(exact_line(560))
}

/// Table text styles: 仿宋 五号 (figures right-aligned) and 黑体 for headers and lights. Cells
/// name a style rather than carrying their own fonts, which keeps a 通报 listing thousands of
/// projects small (a third of the size with the fonts on every run).
const CELL: &str = "TzCell";
const CELL_FIGURE: &str = "TzCellFigure";
const CELL_HEAD: &str = "TzCellHead";

fn cell_styles() -> [Style; 3] {
    let spacing = || LineSpacing::new().line_rule(LineSpacingType::Auto).line(240);
    [
        Style::new(CELL, StyleType::Paragraph)
            .name("Taizhang table text")
            .fonts(fonts("仿宋"))
            .size(TABLE_SIZE)
            .line_spacing(spacing()),
        Style::new(CELL_FIGURE, StyleType::Paragraph)
            .name("Taizhang table figure")
            .based_on(CELL)
            .fonts(fonts("仿宋"))
            .size(TABLE_SIZE)
            .line_spacing(spacing())
            .align(AlignmentType::Right),
        Style::new(CELL_HEAD, StyleType::Paragraph)
            .name("Taizhang table header")
            .based_on(CELL)
            .fonts(fonts("黑体"))
            .size(TABLE_SIZE)
            .line_spacing(spacing())
            .align(AlignmentType::Center),
    ]
}

/// A table cell of `text` in its style. Figures are right-aligned; a header cell is shaded and
/// keeps with the first row under it.
fn cell(text: &str, header: bool) -> TableCell {
    let figure = !header && !text.is_empty() && text.chars().all(|c| c.is_ascii_digit() || ".%-—".contains(c));
    let style = if header {
        CELL_HEAD
    } else if figure {
        CELL_FIGURE
    } else {
        CELL
    };
    let paragraph = Paragraph::new().style(style).add_run(Run::new().add_text(text)).keep_next(header);
    let c = TableCell::new().add_paragraph(paragraph);
    if header { c.shading(Shading::new().fill("D9D9D9")).vertical_align(VAlignType::Center) } else { c }
}

/// A table with a header row; `widths` are shares of the text width.
fn table(header: &[&str], widths: &[usize], rows: Vec<Vec<TableCell>>) -> Table {
    let total: usize = widths.iter().sum::<usize>().max(1);
    let grid: Vec<usize> = widths.iter().map(|w| w * TEXT_WIDTH / total).collect();
    // Rows never break across pages.
    let mut all = vec![TableRow::new(header.iter().map(|h| cell(h, true)).collect()).cant_split()];
    all.extend(rows.into_iter().map(|r| TableRow::new(r).cant_split()));
    Table::new(all).set_grid(grid).layout(TableLayoutType::Fixed).width(TEXT_WIDTH, WidthType::Dxa)
}

/// 12,345.67 → "12345.67"; whole numbers without decimals.
fn wan(value: f64) -> String {
    if value.fract().abs() < 0.005 { format!("{value:.0}") } else { format!("{value:.2}") }
}

fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("{v:.1}%"))
}

fn month_text(month: Period) -> String {
    format!("{}年{}月", month.year, month.month)
}

fn date_text(date: jiff::civil::Date) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// The page and the defaults every document shares, with the demonstration banner.
fn document(meta: DocMeta) -> Docx {
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(run("— ", "宋体", 28))
            .add_page_num(PageNum::new())
            .add_run(run(" —", "宋体", 28)),
    );
    let mut doc = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(PageMargin::new().top(2098).bottom(1984).left(1588).right(1474).header(851).footer(992))
        .default_fonts(fonts("仿宋"))
        .default_size(BODY_SIZE)
        .footer(footer);
    for style in cell_styles() {
        doc = doc.add_style(style);
    }
    if meta.dataset == Dataset::Demo {
        doc = doc.add_paragraph(centered(
            "【演示数据】本文件由演示数据库生成，其中的进度与投资为生成的示例，不是实际填报。",
            "黑体",
            TABLE_SIZE,
        ));
    }
    doc
}

/// The document as a .docx file's bytes. docx-rs stores the parts uncompressed; they are
/// deflated again here (a 通报's XML shrinks about tenfold, which matters for a file that is
/// mailed).
fn pack(doc: Docx) -> Result<Vec<u8>, ExportError> {
    let fail = |e: &dyn std::fmt::Display| ExportError::Docx(e.to_string());
    let mut stored = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut stored).map_err(|e| fail(&e))?;
    let mut input = zip::ZipArchive::new(stored).map_err(|e| fail(&e))?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..input.len() {
        let mut part = input.by_index(i).map_err(|e| fail(&e))?;
        if part.is_dir() {
            continue;
        }
        let name = part.name().map_err(|e| fail(&e))?.into_owned();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut part, &mut bytes).map_err(|e| fail(&e))?;
        if name.ends_with(".xml") || name.ends_with(".rels") {
            well_formed(&name, &bytes)?;
        }
        out.start_file(name, options).map_err(|e| fail(&e))?;
        std::io::Write::write_all(&mut out, &bytes).map_err(|e| fail(&e))?;
    }
    Ok(out.finish().map_err(|e| fail(&e))?.into_inner())
}

/// Refuses a part Word, WPS and LibreOffice would not open: a character XML 1.0 does not allow
/// (a control character pasted into a text) or markup that does not parse. Checked before the
/// file is said to be written.
fn well_formed(name: &str, xml: &[u8]) -> Result<(), ExportError> {
    // U+FFFE and U+FFFF (EF BF BE, EF BF BF in UTF-8) are forbidden too.
    let nonchar = xml.windows(3).position(|w| w[0] == 0xEF && w[1] == 0xBF && (w[2] == 0xBE || w[2] == 0xBF));
    if let Some(at) = nonchar {
        let code = if xml[at + 2] == 0xBE { 0xFFFE } else { 0xFFFF };
        return Err(ExportError::XmlChar { part: name.to_string(), code, at });
    }
    if let Some(at) = xml.iter().position(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) {
        return Err(ExportError::XmlChar { part: name.to_string(), code: u32::from(xml[at]), at });
    }
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Eof) => return Ok(()),
            Ok(_) => buf.clear(),
            Err(e) => {
                return Err(ExportError::NotXml { part: name.to_string(), said: e.to_string() });
            }
        }
    }
}

fn light_cell(light: Light) -> TableCell {
    let (r, g, b) = light.rgb();
    let fill = format!("{r:02X}{g:02X}{b:02X}");
    let text = Run::new().add_text(light.label_zh());
    let paragraph =
        Paragraph::new().style(CELL_HEAD).add_run(if light.is_dark() { text.color("FFFFFF") } else { text });
    TableCell::new().add_paragraph(paragraph).shading(Shading::new().fill(fill))
}

/// At most this many rows in one list of a document: a 通报 of a city has tens or hundreds of
/// red projects; a list of tens of thousands is for the review sheet, and the document says so.
pub const LIST_LIMIT: usize = 1_000;

/// Adds `table` of the first [`LIST_LIMIT`] of `lines`, and a note of how many more there are
/// and where to find them.
fn add_list<T>(doc: Docx, lines: &[T], table: impl FnOnce(&[T]) -> Table, whole: &str) -> Docx {
    let shown = &lines[..lines.len().min(LIST_LIMIT)];
    let doc = doc.add_table(table(shown));
    if shown.len() < lines.len() {
        doc.add_paragraph(body(&format!("（共{}项，此处列出前{}项；完整名单{whole}。）", lines.len(), shown.len())))
    } else {
        doc
    }
}

/// The red and yellow projects, one row each.
fn lit_table(lines: &[LitLine], with_owner: bool) -> Table {
    let rows = lines
        .iter()
        .enumerate()
        .map(|(k, l)| {
            let mut cells = vec![cell(&(k + 1).to_string(), false), cell(&l.name, false)];
            cells.push(cell(&l.district, false));
            if with_owner {
                cells.push(cell(if l.owner.is_empty() { "未明确" } else { &l.owner }, false));
            }
            cells.push(light_cell(l.light));
            let reason = match l.since {
                Some(since) => format!("{}（自{}起{}）", l.reason, month_text(since), l.light.label_zh()),
                None => l.reason.clone(),
            };
            cells.push(cell(&reason, false));
            cells
        })
        .collect();
    if with_owner {
        table(&["序号", "项目名称", "区县", "责任单位", "亮灯", "原因"], &[8, 25, 12, 16, 8, 31], rows)
    } else {
        table(&["序号", "项目名称", "区县", "亮灯", "原因"], &[8, 30, 12, 9, 41], rows)
    }
}

/// Items of the problem list, one row each; `closed` lists 销号 date and note instead of the
/// deadline and status.
fn problem_table(lines: &[ProblemLine], closed: bool) -> Table {
    let rows = lines
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let project = format!("{}（{}）", p.project_name, p.place);
            let (a, b) = if closed {
                (p.closed_on.clone().unwrap_or_default(), p.close_note.clone())
            } else {
                let due = p.due.map_or_else(|| "未定".to_string(), month_text);
                let state =
                    if p.overdue { format!("{}（逾期）", p.status.label_zh()) } else { p.status.label_zh().into() };
                (due, state)
            };
            vec![
                cell(&(k + 1).to_string(), false),
                cell(&project, false),
                cell(&p.text, false),
                cell(&p.unit, false),
                cell(&a, false),
                cell(&b, false),
            ]
        })
        .collect();
    let header: [&str; 6] = if closed {
        ["序号", "项目", "问题", "责任单位", "销号日期", "办理情况"]
    } else {
        ["序号", "项目", "问题", "责任单位", "解决时限", "状态"]
    };
    table(&header, &[8, 23, 25, 16, 13, 15], rows)
}

/// Figures of groups (建设性质, districts, categories) side by side.
fn tally_table(first: &str, groups: &[Tally]) -> Table {
    let rows = groups
        .iter()
        .map(|t| {
            [
                t.label.clone(),
                t.projects.to_string(),
                t.started.to_string(),
                percent(t.start_rate()),
                wan(t.invest_year_plan),
                wan(t.invest_year_done),
                t.count(Light::Red).to_string(),
                t.count(Light::Yellow).to_string(),
            ]
            .iter()
            .map(|text| cell(text, false))
            .collect()
        })
        .collect();
    table(
        &[first, "项目数", "已开工", "开工率", "本年计划投资（万元）", "本年完成投资（万元）", "红灯", "黄灯"],
        &[18, 9, 9, 10, 16, 16, 8, 8],
        rows,
    )
}

/// The 总体情况 paragraphs: counts, investment, lights, and what the figures leave out.
fn overall(notice: &Notice) -> Vec<Paragraph> {
    let t = &notice.total;
    let not_started = t.status(Status::NotStarted) + t.status(Status::Preparing);
    let mut first = format!(
        "截至{}，纳入调度的重点项目共{}个，其中已开工{}个（在建{}个、已完工{}个），开工率{}；未开工（含前期）{}个",
        month_text(notice.month),
        t.projects,
        t.started,
        t.status(Status::UnderConstruction),
        t.completed,
        percent(t.start_rate()),
        not_started,
    );
    let suspended = t.status(Status::Suspended);
    if suspended > 0 {
        first.push_str(&format!("，停缓建{suspended}个"));
    }
    first.push('。');
    let mut invest = format!(
        "本年计划投资{}万元（{}个项目填报），本年已完成投资{}万元（{}个项目可计算）",
        wan(t.invest_year_plan),
        t.invest_year_plan_known,
        wan(t.invest_year_done),
        t.invest_year_done_known,
    );
    match t.invest_year_rate() {
        Some(rate) => invest.push_str(&format!("，完成年度计划的{rate:.1}%")),
        None => invest.push_str("，无法计算年度计划完成率"),
    }
    invest.push_str(&format!("；累计完成投资{}万元（{}个项目填报）。", wan(t.invest_done), t.invest_done_known));
    let g = notice.gaps;
    let mut gaps = Vec::new();
    if g.no_report > 0 {
        gaps.push(format!("{}个项目截至本月尚无填报", g.no_report));
    }
    if g.no_year_plan > 0 {
        gaps.push(format!("{}个项目无本年计划投资", g.no_year_plan));
    }
    if g.no_year_done > 0 {
        gaps.push(format!("{}个项目缺少本年或上年末累计完成投资，本年完成投资无法计算", g.no_year_done));
    }
    if !gaps.is_empty() {
        invest.push_str(&format!("另有{}，未计入上述投资数。", gaps.join("；")));
    }
    let mut lights = format!(
        "亮灯情况：红灯{}个、黄灯{}个、绿灯{}个",
        t.count(Light::Red),
        t.count(Light::Yellow),
        t.count(Light::Green)
    );
    if g.unrated > 0 {
        lights.push_str(&format!("，未评价{}个（缺少评价所需数据）", g.unrated));
    }
    lights.push('。');
    vec![body(&first), body(&invest), body(&lights)]
}

/// 与上月比较: the lights against the month before's kept ones, or why there is no comparison.
fn comparison_text(notice: &Notice) -> String {
    let Some(c) = &notice.previous else {
        return format!(
            "{}未结账（未保存当月亮灯），本期不作比较。结账后，下期通报将与本月比较。",
            month_text(notice.month.plus_months(-1))
        );
    };
    let slot = |l: Light| Light::ALL.iter().position(|&x| x == l).unwrap_or_default();
    let delta = |now: u32, then: u32| {
        let d = i64::from(now) - i64::from(then);
        match d.cmp(&0) {
            std::cmp::Ordering::Greater => format!("增加{d}个"),
            std::cmp::Ordering::Less => format!("减少{}个", -d),
            std::cmp::Ordering::Equal => "持平".to_string(),
        }
    };
    let (red, yellow) = (notice.total.count(Light::Red), notice.total.count(Light::Yellow));
    let (red_then, yellow_then) = (c.lights[slot(Light::Red)], c.lights[slot(Light::Yellow)]);
    format!(
        "与{}（已结账）相比，红灯{}个，比上月{}；黄灯{}个，比上月{}。本月新亮灯{}个，由黄灯转为红灯{}个，摘灯（由红灯或黄灯转为绿灯）{}个。",
        month_text(c.month),
        red,
        delta(red, red_then),
        yellow,
        delta(yellow, yellow_then),
        c.newly_lit,
        c.worsened,
        c.cleared
    )
}

/// The month's 通报 as a .docx.
///
/// # Errors
/// [`ExportError::Docx`] when the document cannot be packed (not expected for valid text).
pub fn write_notice(notice: &Notice, meta: DocMeta) -> Result<Vec<u8>, ExportError> {
    let mut doc = document(meta)
        .add_paragraph(centered(&notice.plan, "宋体", SUBTITLE_SIZE))
        .add_paragraph(centered("重点项目建设调度通报", "宋体", TITLE_SIZE))
        .add_paragraph(centered(&format!("（{}）", month_text(notice.month)), "楷体", BODY_SIZE));
    if !notice.scope.is_empty() && notice.scope != "全部" {
        doc = doc.add_paragraph(centered(&format!("范围：{}", notice.scope), "楷体", BODY_SIZE));
    }
    doc = doc.add_paragraph(blank()).add_paragraph(heading("一、总体情况"));
    for p in overall(notice) {
        doc = doc.add_paragraph(p);
    }
    doc = doc
        .add_paragraph(heading("二、分类推进情况"))
        .add_paragraph(subheading("（一）按建设性质"))
        .add_table(tally_table("建设性质", &notice.by_nature));
    if notice.gaps.no_nature > 0 {
        doc = doc.add_paragraph(body(&format!("注：{}个项目未填报建设性质，列为“未填报”。", notice.gaps.no_nature)));
    }
    doc = doc
        .add_paragraph(subheading("（二）按区县"))
        .add_table(tally_table("区县", &notice.by_district))
        .add_paragraph(subheading("（三）按类别"))
        .add_table(tally_table("类别", &notice.by_category))
        .add_paragraph(heading("三、红黄灯项目"));
    let (red, yellow) = (notice.total.count(Light::Red), notice.total.count(Light::Yellow));
    if notice.lit.is_empty() {
        doc = doc.add_paragraph(body("本月无亮红灯、黄灯的项目。"));
    } else {
        doc = doc.add_paragraph(body(&format!("本月亮红灯项目{red}个、黄灯项目{yellow}个，名单及原因如下。")));
        doc = add_list(doc, &notice.lit, |l| lit_table(l, true), "请导出调度表并筛选红灯、黄灯");
    }
    let overdue: Vec<ProblemLine> = notice.overdue().cloned().collect();
    doc = doc.add_paragraph(heading("四、问题督办情况")).add_paragraph(body(&format!(
        "本月销号问题{}项；未销号问题{}项，其中逾期未解决{}项。",
        notice.closed.len(),
        notice.open.len(),
        overdue.len()
    )));
    if !notice.closed.is_empty() {
        doc = doc.add_paragraph(subheading("（一）本月销号问题"));
        doc = add_list(doc, &notice.closed, |l| problem_table(l, true), "见问题清单");
    }
    if !overdue.is_empty() {
        let label =
            if notice.closed.is_empty() { "（一）逾期未销号问题" } else { "（二）逾期未销号问题" };
        doc = doc.add_paragraph(subheading(label));
        doc = add_list(doc, &overdue, |l| problem_table(l, false), "见问题清单（筛选逾期）");
    }
    doc = doc.add_paragraph(heading("五、与上月比较")).add_paragraph(body(&comparison_text(notice)));
    doc = doc
        .add_paragraph(heading("六、下步工作"))
        .add_paragraph(body("【请填写下步工作安排】"))
        .add_paragraph(blank())
        .add_paragraph(right("【发文单位】"))
        .add_paragraph(right(&date_text(meta.issued)));
    pack(doc)
}

/// The 督办函 to one 责任单位 as a .docx.
///
/// # Errors
/// [`ExportError::Docx`] when the document cannot be packed.
pub fn write_letter(letter: &Letter, meta: DocMeta) -> Result<Vec<u8>, ExportError> {
    let red = letter.lit.iter().filter(|l| l.light == Light::Red).count();
    let yellow = letter.lit.len() - red;
    let overdue = letter.open.iter().filter(|p| p.overdue).count();
    let mut findings = Vec::new();
    if !letter.lit.is_empty() {
        findings.push(format!("你单位负责的项目中有{red}个亮红灯、{yellow}个亮黄灯"));
    }
    if !letter.open.is_empty() {
        findings.push(format!("{}项问题尚未销号（其中{overdue}项已逾期）", letter.open.len()));
    }
    let text = format!(
        "根据{}重点项目建设调度情况，{}。现予督办，请对照下列清单逐项研究整改措施，明确责任人和完成时限，于【  年  月  日】前将整改情况书面反馈。",
        month_text(letter.month),
        if findings.is_empty() {
            "你单位负责的项目无亮灯预警和未销号问题".to_string()
        } else {
            findings.join(",")
        },
    );
    let mut doc = document(meta)
        .add_paragraph(centered(&letter.plan, "宋体", SUBTITLE_SIZE))
        .add_paragraph(centered("重点项目督办函", "宋体", TITLE_SIZE))
        .add_paragraph(centered("【机关代字】〔    〕    号", "仿宋", BODY_SIZE))
        .add_paragraph(blank())
        .add_paragraph(
            Paragraph::new()
                .add_run(run(&format!("{}：", letter.unit), "仿宋", BODY_SIZE))
                .line_spacing(exact_line(560)),
        )
        .add_paragraph(body(&text));
    let mut number = 0;
    let mut section = |doc: Docx, title: &str| {
        number += 1;
        let numeral = ["一", "二", "三"].get(number - 1).copied().unwrap_or("");
        doc.add_paragraph(heading(&format!("{numeral}、{title}")))
    };
    if !letter.lit.is_empty() {
        doc = add_list(section(doc, "红黄灯项目"), &letter.lit, |l| lit_table(l, false), "请导出调度表并筛选责任单位");
    }
    if !letter.open.is_empty() {
        doc = add_list(section(doc, "未销号问题"), &letter.open, |l| problem_table(l, false), "见问题清单");
    }
    doc = doc
        .add_paragraph(blank())
        .add_paragraph(right("【发文单位（盖章）】"))
        .add_paragraph(right(&date_text(meta.issued)));
    pack(doc)
}

/// A file name for a unit's letter: its name with characters no file system takes replaced.
pub fn letter_file_name(unit: &str, month: Period) -> String {
    let safe: String =
        unit.trim()
            .chars()
            .map(|c| {
                if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                    '_'
                } else {
                    c
                }
            })
            .collect();
    // A file name holds 255 bytes on the usual file systems: a unit's name of 100 Chinese
    // characters (300 bytes) is cut, whole characters kept.
    let mut end = 0;
    for (i, c) in safe.char_indices() {
        if i + c.len_utf8() > LETTER_NAME_BYTES {
            break;
        }
        end = i + c.len_utf8();
    }
    format!("督办函-{}-{}.docx", safe[..end].trim(), month)
}

/// The most bytes of a unit's name in a letter's file name.
const LETTER_NAME_BYTES: usize = 180;

#[cfg(test)]
mod tests {
    use std::io::Read as _;

    use super::{DocMeta, LIST_LIMIT, letter_file_name, wan, write_notice};
    use crate::domain::{Dataset, Light, LitLine, Notice, Period, ProjectId};

    #[test]
    fn a_long_list_is_cut_with_a_note_and_the_parts_are_deflated() {
        let line = |k: i64| LitLine {
            light: Light::Red,
            project: ProjectId(k),
            name: format!("项目{k:05}"),
            place: "钟山区".into(),
            district: "钟山区".into(),
            owner: String::new(),
            reason: "低于序时进度 40 个百分点".into(),
            since: None,
        };
        let notice = Notice { lit: (1..=1_500).map(line).collect(), ..Notice::default() };
        let meta = DocMeta { dataset: Dataset::Plan, issued: jiff::civil::date(2026, 11, 30) };
        let bytes = write_notice(&notice, meta).expect("docx");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
        let mut part = zip.by_name("word/document.xml").expect("document");
        assert_eq!(part.compression(), zip::CompressionMethod::Deflated);
        let mut xml = String::new();
        part.read_to_string(&mut xml).expect("utf-8");
        assert!(xml.contains(&format!("项目{LIST_LIMIT:05}")));
        assert!(!xml.contains(&format!("项目{:05}", LIST_LIMIT + 1)), "cut after {LIST_LIMIT}");
        assert!(xml.contains("（共1500项，此处列出前1000项"));
        assert!(!xml.contains("演示数据"), "plan data carries no demo banner");
    }

    #[test]
    fn amounts_and_file_names() {
        assert_eq!(wan(1200.0), "1200");
        assert_eq!(wan(1200.456), "1200.46");
        let month = Period::new(2026, 10).expect("p");
        assert_eq!(letter_file_name("市住建局/城建科", month), "督办函-市住建局_城建科-2026-10.docx");
    }
}
