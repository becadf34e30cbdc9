//! The importers' errors, worded: what is wrong with the file and what to do.

use super::{Lang, Say, at, quoted};
use crate::domain::{AmountError, FieldError, Status};
use crate::import::plan::document::{DocumentError, MAX_LINE_CHARS, MAX_LINES};
use crate::import::plan::{LedgerError, PlanFileError};
use crate::import::{
    CellProblem, Expected, ITEMS_SHEET, ImportError, NotMonth, NotNumber, Problem, SheetPart, TotalScope,
};

super::by_halves!(DocumentError, LedgerError, PlanFileError, CellProblem);
super::shown!(CellProblem);
super::shown!(ImportError, |e| match e {
    ImportError::Io { source, .. } => Some(source),
    _ => None,
});
super::shown!(DocumentError, |_| None);
super::shown!(LedgerError, |_| None);
super::shown!(PlanFileError, |e| match e {
    PlanFileError::Sheet(inner) => std::error::Error::source(inner),
    _ => None,
});

impl DocumentError {
    /// The message in Chinese: what went wrong and what to do.
    pub fn zh(&self) -> String {
        match self {
            Self::Io { path, source } => format!("无法读取 {}({source}):请确认文件存在且未被其他程序占用。", path.display()),
            Self::TooBig(mb) => format!("文件有 {mb} MB,超过可导入的 100 MB:请只保留规划正文后另存再导入。"),
            Self::ZipBomb(mb) => format!("文件解压后过大({mb} MB),疑似损坏或恶意文件,未导入:请用 Word/WPS 打开后另存为 .docx 再试。"),
            Self::Empty => "文件是空的:请选择规划正文(.txt、.docx 或 .pdf)。".into(),
            Self::Unsupported(ext) => format!("不能读取 .{ext} 文件:请另存为 .docx、.txt(UTF-8)或带文字层的 .pdf 后导入。"),
            Self::OldWord => "这是旧版 Word 文档(.doc):请用 Word/WPS 另存为 .docx 后导入。".into(),
            Self::TooSlow(s) => format!("读取这个 PDF 超过 {s} 秒,已停止:文件可能已损坏或过于复杂。请用 WPS/Acrobat 另存为 PDF 或 .docx 后再导入。"),
            Self::NoText => "这个 PDF 没有文字层(是扫描件或图片):请先用 OCR 识别文字(如 WPS 或 Acrobat 的“识别文字”),另存为带文字的 PDF 或 .docx 后导入。".into(),
            Self::Damaged(what) => format!("文件已损坏或不是它的扩展名所示的格式({what}):请用 Word/WPS 打开后另存再导入。"),
            Self::LineTooLong(n) => format!("文件中有一行长达 {n} 字,超过规划段落可有的 {MAX_LINE_CHARS} 字:这更像数据导出而不是规划正文。请只保留规划正文后再导入。"),
            Self::TooManyLines(n) => format!("文件有 {n} 行,超过规划文件可有的 {MAX_LINES} 行:这更像数据导出而不是规划正文。请只保留规划正文,或把项目表作为台账(.xlsx)导入。"),
            Self::NotText => "这个文件名为文字文件,内容却不是文字(含有二进制数据):请选择规划正文,或用 Word/WPS 打开后另存为 .txt(UTF-8)或 .docx 再导入。".into(),
        }
    }

    /// The message in English: what went wrong and what to do.
    pub fn en(&self) -> String {
        match self {
            Self::Io { path, source } => format!("Cannot read {} ({source}): check that the file exists and no other program holds it.", path.display()),
            Self::TooBig(mb) => format!("The file is {mb} MB, more than the 100 MB that can be imported: keep only the plan's text, save it and try again."),
            Self::ZipBomb(mb) => format!("The file expands to {mb} MB: damaged or hostile, not imported. Open it in Word or WPS, save it as .docx and try again."),
            Self::Empty => "The file is empty: choose the plan's text (.txt, .docx or .pdf).".into(),
            Self::Unsupported(ext) => format!("Cannot read .{ext} files: save the plan as .docx, UTF-8 .txt or a PDF with a text layer and import that."),
            Self::OldWord => "This is an old Word document (.doc): save it as .docx in Word or WPS and import that.".into(),
            Self::TooSlow(s) => format!("Reading this PDF took over {s} s and was stopped: it may be damaged or too complex. Save it again from WPS or Acrobat as PDF or .docx and import that."),
            Self::NoText => "This PDF has no text layer (it is a scan or pictures): run OCR on it first (e.g. “recognise text” in WPS or Acrobat), save it as a searchable PDF or .docx and import that.".into(),
            Self::Damaged(what) => format!("The file is damaged or not what its extension says ({what}): open it in Word or WPS, save it again and import that."),
            Self::LineTooLong(n) => format!("One line of the file has {n} characters, more than the {MAX_LINE_CHARS} a plan's paragraph has: it looks like a data export. Keep only the plan's text and import that."),
            Self::TooManyLines(n) => format!("The file has {n} lines, more than the {MAX_LINES} a plan has: it looks like a data export, not a plan's text. Keep only the plan's text, or import the project table as a ledger (.xlsx)."),
            Self::NotText => "The file is named as text but holds binary data: choose the plan's text, or save it from Word or WPS as UTF-8 .txt or .docx and import that.".into(),
        }
    }
}

impl LedgerError {
    /// The message in Chinese.
    pub fn zh(&self) -> String {
        match self {
            Self::NoHeader { .. } => "找不到表头:没有一行同时写有“项目名称”和另外两列(如 建设地点、总投资、形象进度)。请在下面的前几行中选出表头所在的行(命令行:--header-row 行号,两行表头再加 --header-rows 2)。".into(),
            Self::EmptySheet => "表中没有数据,请选择填好的台账。".into(),
            Self::RowBeyond { row, rows } => {
                format!("表头行第 {row} 行超出了表格(共 {rows} 行):请核对 --header-row 的行号(按表格中显示的行号)。")
            }
        }
    }

    /// The message in English.
    pub fn en(&self) -> String {
        match self {
            Self::NoHeader { .. } => "No header row found: no row names 项目名称 and two more columns (such as 建设地点, 总投资, 形象进度). Pick the header row among the first rows below (on the command line: --header-row N, and --header-rows 2 for a header of two rows).".into(),
            Self::EmptySheet => "The sheet has no data; choose a filled-in ledger.".into(),
            Self::RowBeyond { row, rows } => format!(
                "The header row {row} lies past the sheet's end ({rows} rows): check the row given to --header-row (as the spreadsheet numbers it)."
            ),
        }
    }
}

impl PlanFileError {
    /// The message in Chinese: what went wrong and what to do.
    pub fn zh(&self) -> String {
        match self {
            Self::Io { path, source } => {
                format!("无法读取 {}({source}):请确认文件存在且未被其他程序占用。", path.display())
            }
            Self::TooBig(mb) => format!("文件有 {mb} MB,超过可导入的 100 MB。"),
            Self::Document(e) => e.zh(),
            Self::Sheet(e) => e.say(Lang::Zh),
            Self::Ledger(e) => e.zh(),
            Self::NoProjects => {
                "文件中没有找到项目:规划正文中没有项目清单或数量目标,台账中没有项目行。请检查是否选对了文件。".into()
            }
        }
    }

    /// The message in English.
    pub fn en(&self) -> String {
        match self {
            Self::Io { path, source } => {
                format!("Cannot read {} ({source}): check that it exists and no other program holds it.", path.display())
            }
            Self::TooBig(mb) => format!("The file is {mb} MB, more than the 100 MB that can be imported."),
            Self::Document(e) => e.en(),
            Self::Sheet(e) => e.say(Lang::En),
            Self::Ledger(e) => e.en(),
            Self::NoProjects => "No projects found: the text has no project list or quantity target, the sheet no project rows. Check that this is the right file.".into(),
        }
    }
}

impl Say for ImportError {
    #[allow(clippy::too_many_lines)] // One arm per error: a table of words.
    fn say(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let resave = lang
            .tr("请用 Excel/WPS 另存为 .xlsx 或 UTF-8 .csv 后重试。", "Save it as .xlsx or UTF-8 .csv and try again.");
        match self {
            Self::Io { path, source } => at(path) + &if zh { format!("无法读取({source}):请确认文件存在且未被其他程序占用。") } else { format!("Cannot read it ({source}). Check that the file exists and no other program holds it.") },
            Self::Empty => lang.tr("文件是空的,请选择填好的填报表。", "The file is empty; choose a filled-in update sheet.").into(),
            Self::Pdf => lang.tr(
                "这是 PDF 文件,不是 Excel 表格。请导入 .xlsx 或 .csv 填报表。",
                "This is a PDF, not a spreadsheet; import the .xlsx or .csv update sheet.",
            ).into(),
            Self::ZipBomb(mb) => if zh {
                format!("文件解压后过大({mb} MB),疑似损坏或恶意文件,未导入。")
            } else {
                format!("The file expands to {mb} MB: damaged or hostile, not imported.")
            },
            Self::NotASheet(said) => if zh { format!("无法读取为表格:{said}。{resave}") } else { format!("Cannot read it as a spreadsheet: {said}. {resave}") },
            Self::Xlsb => lang.tr(
                "无法读取为表格:这是 XLSB 二进制工作簿。请用 Excel/WPS 另存为 .xlsx 后重试。",
                "Cannot read it as a spreadsheet: this is an XLSB binary workbook. Save it as .xlsx and try again.",
            ).into(),
            Self::NoWorksheet => if zh { format!("无法读取为表格:压缩包里没有工作表。{resave}") } else { format!("Cannot read it as a spreadsheet: a zip archive with no worksheet in it. {resave}") },
            Self::NotText => if zh { format!("无法读取为表格:既不是 UTF-8 也不是 GBK 文本。{resave}") } else { format!("Cannot read it as a spreadsheet: neither UTF-8 nor GBK text. {resave}") },
            Self::Binary => if zh { format!("无法读取为表格:含有二进制内容。{resave}") } else { format!("Cannot read it as a spreadsheet: it contains binary data. {resave}") },
            Self::OpenQuote(line) => if zh {
                format!("CSV 第 {line} 行附近有未闭合的引号,其后的行会被并入一个单元格。请在 Excel/WPS 中检查该行后重新保存。")
            } else {
                format!("A quote near line {line} of the CSV never closes, so the rows after it would run into one cell; check that line in Excel or WPS and save again.")
            },
            Self::DamagedXls(what) => if zh { format!("XLS 文件已损坏({what})。{resave}") } else { format!("The XLS file is damaged ({what}). {resave}") },
            Self::BadCellReference(r) => if zh { format!("无法读取为表格:单元格地址{}不合规。{resave}", quoted(r)) } else { format!("Cannot read it as a spreadsheet: cell reference {}. {resave}", quoted(r)) },
            Self::MissingSharedString(v) => if zh { format!("无法读取为表格:缺少共享字符串{}。{resave}", quoted(v)) } else { format!("Cannot read it as a spreadsheet: shared string {} missing. {resave}", quoted(v)) },
            Self::BadRowNumber(r) => if zh { format!("无法读取为表格:行号{}不合规。{resave}", quoted(r)) } else { format!("Cannot read it as a spreadsheet: row number {}. {resave}", quoted(r)) },
            Self::NoSuchSheet { wanted, sheets } => if zh {
                format!("工作簿中没有工作表{}:它有 {}。请用 --sheet 指定其中之一(名称或序号)。", quoted(wanted), sheets.join("、"))
            } else {
                format!("The workbook has no sheet {}: it has {}. Name one of them (or its number) with --sheet.", quoted(wanted), sheets.join(", "))
            },
            Self::FileTooBig(mb) => if zh {
                format!("文件有 {mb} MB,超过可导入的 100 MB:请只保留填报表后另存再导入。")
            } else {
                format!("The file is {mb} MB, more than the 100 MB that can be imported: keep only the update sheet, save it and try again.")
            },
            Self::FarCell { cell } => if zh {
                format!("单元格 {cell} 有内容,远在表格之外(最多读取 200000 行、200 列):请删除表格以外的内容(或只保留填报表)后另存再导入。")
            } else {
                format!("Cell {cell} holds something far outside the table (at most 200000 rows and 200 columns are read): delete what lies outside the table, or keep only the update sheet, save and try again.")
            },
            Self::TooMuch => lang.tr(
                "表格内容过多(超过 400 万个单元格或 64 MB 文字),未导入:请只保留填报表后另存再导入。",
                "The sheet holds too much (over 4 million cells or 64 MB of text), not imported: keep only the update sheet, save it and try again.",
            ).into(),
            Self::Encoding(name) => if zh {
                format!("这是 {name} 编码的文本文件,但其中有无法解码的内容:请在 Excel/WPS 中另存为 .xlsx 或 UTF-8 .csv 后重试。")
            } else {
                format!("This is {name} text but part of it cannot be decoded: save it from Excel/WPS as .xlsx or UTF-8 .csv and try again.")
            },
            Self::EmptySheet => lang.tr("表中没有数据。", "The sheet has no data.").into(),
            Self::NoHeader => {
                let n = crate::import::HEADER_SEARCH;
                if zh {
                    format!("前 {n} 行中找不到表头:需要“项目编号”(或“项目名称”和“所属区(县)”)以及“状态”列;请使用 Taizhang 生成的填报表。表头在更下面时,请删去表头以上的行后另存再导入,或用命令行 taizhang import --header-row 行号 指定。")
                } else {
                    format!("No header row with 项目编号 (or 项目名称 and 所属区(县)) and 状态 in the first {n} rows; use the sheet Taizhang made. If the header lies further down, delete the rows above it and save again, or name its row with taizhang import --header-row N.")
                }
            }
            Self::NotHeaderRow(row) => if zh {
                format!("第 {row} 行不是填报表的表头:表头需要“项目编号”(或“项目名称”和“所属区(县)”)以及“状态”列。请核对 --header-row 的行号(按表格中显示的行号)。")
            } else {
                format!("Row {row} is not an update sheet's header: it needs 项目编号 (or 项目名称 and 所属区(县)) and 状态. Check the row given to --header-row (as the spreadsheet numbers it).")
            },
            Self::ReviewSheet => lang.tr(
                "这是导出的调度表,不是填报表:导入它会为每个项目记一次本月填报。请用“生成填报表”发给区县,收回填好的表再导入。",
                "This is an exported review sheet, not an update sheet: importing it would file a report for every project. Send the districts the update sheet (生成填报表) and import what they fill in.",
            ).into(),
            Self::TwoColumns(a, b) => {
                let (a, b) = (quoted(a), quoted(b));
                if zh {
                    format!("{a}和{b}两列填的是同一项,无法判断以哪一列为准。请删去或改名其中一列后重新导入。")
                } else {
                    format!("The columns {a} and {b} hold the same field; which one counts cannot be told. Remove or rename one and import again.")
                }
            }
        }
    }
}

impl Problem {
    /// Where it is, as the user reads rows: `第5行`, or `问题清单第5行` on the items sheet (as the
    /// command line has always written rows); `Row 5`, or `问题清单 row 5`. The items sheet by
    /// the name it has in the workbook, `items_sheet` ([`crate::import::ImportPlan::items_sheet`]:
    /// "Sheet2第5行" when the district renamed it), 问题清单 when that is empty.
    pub fn place(&self, items_sheet: &str, lang: Lang) -> String {
        let row = self.row;
        let items = if items_sheet.trim().is_empty() { ITEMS_SHEET } else { items_sheet };
        match (self.part, lang) {
            (SheetPart::Reports, Lang::Zh) => format!("第{row}行"),
            (SheetPart::Items, Lang::Zh) => format!("{items}第{row}行"),
            (SheetPart::Reports, Lang::En) => format!("Row {row}"),
            (SheetPart::Items, Lang::En) => format!("{items} row {row}"),
        }
    }
}

/// A domain check's words (`words::domain`).
fn field_error(e: &FieldError, lang: Lang) -> String {
    e.say(lang)
}

/// An amount that did not read, in the domain's words, read here only.
fn amount_error(error: &AmountError, text: &str, unit: Option<&str>, lang: Lang) -> String {
    let (zh, en) = error.message(text, unit);
    if lang == Lang::Zh { zh } else { en }
}

/// What a number column takes.
fn expected(expected: &Expected, lang: Lang) -> String {
    match (expected, lang) {
        (Expected::Quantity { unit }, Lang::Zh) if unit.is_empty() => "实际完成的数量".into(),
        (Expected::Quantity { unit }, Lang::Zh) => format!("实际完成的数量({unit})"),
        (Expected::Amount, Lang::Zh) => "金额(万元)".into(),
        (Expected::Quantity { unit }, Lang::En) if unit.is_empty() => "the quantity done".into(),
        (Expected::Quantity { unit }, Lang::En) => format!("the quantity done ({unit})"),
        (Expected::Amount, Lang::En) => "the amount in 万元".into(),
    }
}

/// Row numbers as a list: `3、5 (+2)` or `3, 5 (+2)`.
fn rows(rows: &[usize], more: usize, separator: &str) -> String {
    let mut list = rows.iter().map(ToString::to_string).collect::<Vec<_>>().join(separator);
    if more > 0 {
        list.push_str(&format!(" (+{more})"));
    }
    list
}

impl CellProblem {
    /// The problem in Chinese: what is wrong with the cell and what to fill in.
    pub fn zh(&self) -> String {
        let want = |e: &Expected| expected(e, Lang::Zh);
        match self {
            Self::Note { text } => format!("视为表下说明,未导入:{}", quoted(text)),
            Self::OlderThanLatest { period, latest } => format!(
                "本行填报期 {period} 早于该项目已有的 {latest} 报告:将作为 {period} 的报告保存,项目当前状态仍以 {latest} 为准"
            ),
            Self::TotalDiffers { total, sum, scope } => {
                let what = match scope {
                    TotalScope::Above => "上方各行",
                    TotalScope::Subtotal => "本小计以上各行",
                };
                format!("合计 {total} 与{what}之和 {sum} 不符,请核对(合计行不导入)")
            }
            Self::SameProject { others, more } => {
                format!("与第 {} 行是同一项目:每个项目只填一行", rows(others, *more, "、"))
            }
            Self::UnknownProject { id } => format!("未知项目编号 {id}"),
            Self::IdNotName { id, project, typed } => {
                format!("项目编号 {id} 是{},与本行的名称{}不符,请核对编号", quoted(project), quoted(typed))
            }
            Self::NoSuchProject { name, place } => format!("找不到项目{}({place}),请填写项目编号", quoted(name)),
            Self::Field(e) => field_error(e, Lang::Zh),
            Self::Uncalculated => "单元格是公式,但文件里没有它的计算结果(多由程序生成):请在 Excel/WPS 中打开并保存后再导入,或把公式改为数值".into(),
            Self::ErrorValue { error } => format!("单元格是错误值 {error}:请改正公式或直接填写"),
            Self::Boolean { value } => {
                let word = if *value { "TRUE" } else { "FALSE" };
                format!("“{word}”是逻辑值(是/否),不是这一列要填的内容")
            }
            Self::Percent { shown, column, expected } => {
                let share = if matches!(expected, Expected::Quantity { .. }) { ",不是完成率" } else { "" };
                format!("“{shown}”是百分比:{column}应填写{}{share}", want(expected))
            }
            Self::NotANumber { shown, kind, expected } => {
                let kind = match kind {
                    NotNumber::Date => "日期",
                    NotNumber::Time => "时间",
                };
                format!("“{shown}”是{kind},不是数字:请填写{}", want(expected))
            }
            Self::Amount { text, unit, error } => amount_error(error, text, unit.as_deref(), Lang::Zh),
            Self::NotAMonth { column, shown, why } => {
                let why = match why {
                    NotMonth::OutOfRange => "不在 2000–2100 年之间",
                    NotMonth::Number => "是数字,不是年月",
                    NotMonth::Percent => "是百分比,不是年月",
                    NotMonth::Time => "是时间,不是年月",
                };
                format!("{column}{}{why}:请填写年月,如 2025-06", quoted(shown))
            }
            Self::MonthFormat { column, text } => format!("{column}{}应为 YYYY-MM(如 2025-06)", quoted(text)),
            Self::UnknownStatus { text } => {
                let list = Status::ALL.map(Status::label_zh).join("、");
                if text.is_empty() {
                    format!("请选择状态:{list}")
                } else {
                    format!("状态{}不在列表中:请填写 {list} 之一", quoted(text))
                }
            }
            Self::NoItemsHeader => {
                "“问题清单”表中找不到“问题编号”和“办理结果”列,其中的办理结果未读取:请使用 Taizhang 生成的表".into()
            }
            Self::NoItemId => "缺少问题编号:请在 Taizhang 生成的问题清单中填写".into(),
            Self::UnknownItem { id } => format!("未知问题编号 {id}"),
            Self::ItemElsewhere { id, project } => format!("问题 #{id} 属于项目 {project},不是本表所列项目的问题"),
            Self::ItemNotProject { id, project, typed } => {
                format!("问题 #{id} 属于项目 {project},与本行的项目编号 {typed} 不符,请核对问题编号")
            }
            Self::ItemClosed { id, on } => {
                format!("问题 #{id} 已于 {on} 销号,不再填写办理结果(如需重新打开,请在问题清单窗口中操作)")
            }
            Self::NoResult => "填写了销号日期或办理情况,但办理结果为空:请选择“办理中”或“已销号”".into(),
            Self::UnknownResult { text } => format!("办理结果只能是“办理中”或“已销号”,不是{}", quoted(text)),
            Self::DayNotClosing => "只有“已销号”才填写销号日期".into(),
            Self::ClosedWithoutNote => "已销号须填写办理情况(如何解决)".into(),
            Self::ClosedWithoutDay => "已销号须填写销号日期(YYYY-MM-DD)".into(),
            Self::NotADay { text } => format!("销号日期{}不是日期,请写成 YYYY-MM-DD", quoted(text)),
            Self::SameItem { id, others } => {
                format!("问题 #{id} 在第 {} 行也有填写:每个问题只填一行", rows(others, 0, "、"))
            }
        }
    }

    /// The problem in English.
    pub fn en(&self) -> String {
        let want = |e: &Expected| expected(e, Lang::En);
        match self {
            Self::Note { text } => format!("Read as a note, not imported: {}", quoted(text)),
            Self::OlderThanLatest { period, latest } => format!(
                "This row is for {period}, before the project's report of {latest}: it is kept as {period}'s report, and the project's current state stays {latest}'s"
            ),
            Self::TotalDiffers { total, sum, scope } => {
                let what = match scope {
                    TotalScope::Above => "the rows above",
                    TotalScope::Subtotal => "the rows of this subtotal",
                };
                format!("The total {total} differs from the sum of {what}, {sum}: check it (total rows are not imported)")
            }
            Self::SameProject { others, more } => {
                let row = if others.len() + more > 1 { "rows" } else { "row" };
                format!("Same project as {row} {}: one row per project", rows(others, *more, ", "))
            }
            Self::UnknownProject { id } => format!("Unknown project id {id}"),
            Self::IdNotName { id, project, typed } => {
                format!("Id {id} is {}, not {} as this row says; check the id", quoted(project), quoted(typed))
            }
            Self::NoSuchProject { name, place } => format!("No project {} in {}; give its id", quoted(name), quoted(place)),
            Self::Field(e) => field_error(e, Lang::En),
            Self::Uncalculated => "The cell holds a formula but the file has no calculated value for it (usually written by a program): open and save it in Excel/WPS, or paste the value".into(),
            Self::ErrorValue { error } => format!("The cell is the error value {error}: fix the formula or type the value"),
            Self::Boolean { value } => {
                let word = if *value { "TRUE" } else { "FALSE" };
                format!("{word} is a true/false value, not what this column takes")
            }
            Self::Percent { shown, column, expected } => {
                let share = if matches!(expected, Expected::Quantity { .. }) { ", not a share of the target" } else { "" };
                format!("{shown} is a percentage: {column} takes {}{share}", want(expected))
            }
            Self::NotANumber { shown, kind, expected } => {
                let kind = match kind {
                    NotNumber::Date => "date",
                    NotNumber::Time => "time",
                };
                format!("{shown} is a {kind}, not a number: give {}", want(expected))
            }
            Self::Amount { text, unit, error } => amount_error(error, text, unit.as_deref(), Lang::En),
            Self::NotAMonth { column, shown, why } => {
                let why = match why {
                    NotMonth::OutOfRange => "is not between 2000 and 2100",
                    NotMonth::Number => "is a number, not a year-month",
                    NotMonth::Percent => "is a percentage, not a year-month",
                    NotMonth::Time => "is a time, not a year-month",
                };
                format!("{column} {} {why}: give a year-month such as 2025-06", quoted(shown))
            }
            Self::MonthFormat { column, text } => format!("{column} {} must be YYYY-MM (such as 2025-06)", quoted(text)),
            Self::UnknownStatus { text } => {
                let list = Status::ALL.map(Status::label_zh).join("、");
                let en_list = Status::ALL.map(Status::label_en).join(", ");
                format!("Status {} is not one of the list: {list} ({en_list})", quoted(text))
            }
            Self::NoItemsHeader => {
                "The 问题清单 sheet has no 问题编号 and 办理结果 columns; nothing in it was read: use the sheet Taizhang made".into()
            }
            Self::NoItemId => "No item id: fill in the list Taizhang made".into(),
            Self::UnknownItem { id } => format!("Unknown item id {id}"),
            Self::ItemElsewhere { id, project } => {
                format!("Item #{id} belongs to project {project}, not to one of this sheet's projects")
            }
            Self::ItemNotProject { id, project, typed } => {
                format!("Item #{id} belongs to project {project}, not {typed} as this row says; check the id")
            }
            Self::ItemClosed { id, on } => {
                format!("Item #{id} was closed on {on}; it takes no update (reopen it in the problem list window)")
            }
            Self::NoResult => "A 销号日期 or 办理情况 is filled but 办理结果 is blank: choose 办理中 (in hand) or 已销号 (closed)".into(),
            Self::UnknownResult { text } => format!("办理结果 is 办理中 (in hand) or 已销号 (closed), not {}", quoted(text)),
            Self::DayNotClosing => "A 销号日期 goes with 已销号 (closed) only".into(),
            Self::ClosedWithoutNote => "已销号 (closed) needs 办理情况: how it was solved".into(),
            Self::ClosedWithoutDay => "已销号 (closed) needs the day, YYYY-MM-DD".into(),
            Self::NotADay { text } => format!("销号日期 {} is not a date; write it as YYYY-MM-DD", quoted(text)),
            Self::SameItem { id, others } => {
                let row = if others.len() > 1 { "rows" } else { "row" };
                format!("Item #{id} is filled in {row} {} too: one row per item", rows(others, 0, ", "))
            }
        }
    }
}

/// Other sheets of the workbook that are a 问题清单 too and were not read: which one was, which
/// were not, and what to do.
pub fn items_left_out(read: &str, left_out: &[String], lang: Lang) -> String {
    let read = quoted(if read.trim().is_empty() { ITEMS_SHEET } else { read });
    let left: Vec<String> = left_out.iter().map(|s| quoted(s)).collect();
    let one = left.len() == 1;
    if lang == Lang::Zh {
        format!(
            "工作表{}也是问题清单(有问题编号和办理结果列),未读取:只读取了{read}。请把要导入的办理结果合并到一张问题清单后重新导入。",
            left.join("、")
        )
    } else {
        format!(
            "The sheet{} {} {} a 问题清单 too (问题编号 and 办理结果 columns) and {} not read: only {read} was. Put the results to import into one 问题清单 and import again.",
            if one { "" } else { "s" },
            left.join(", "),
            if one { "is" } else { "are" },
            if one { "was" } else { "were" },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::{CellProblem, Expected, NotMonth, NotNumber, TotalScope};
    use crate::domain::{AmountError, FieldError, ProjectId};

    /// One of each kind: the match makes a new kind fail to compile here until it has a sample.
    fn samples() -> Vec<CellProblem> {
        let text = || "x".to_string();
        let quantity = || Expected::Quantity { unit: "公里".into() };
        let all = vec![
            CellProblem::Note { text: text() },
            CellProblem::TotalDiffers { total: "3".into(), sum: "2".into(), scope: TotalScope::Above },
            CellProblem::TotalDiffers { total: "3".into(), sum: "2".into(), scope: TotalScope::Subtotal },
            CellProblem::SameProject { others: vec![3, 5], more: 2 },
            CellProblem::UnknownProject { id: "9".into() },
            CellProblem::IdNotName { id: "9".into(), project: "a".into(), typed: "b".into() },
            CellProblem::NoSuchProject { name: text(), place: text() },
            CellProblem::Field(FieldError::new(
                "done",
                crate::domain::FieldProblem::OverTarget { done: 12.0, target: 10.0 },
            )),
            CellProblem::Uncalculated,
            CellProblem::ErrorValue { error: "#DIV/0!".into() },
            CellProblem::Boolean { value: true },
            CellProblem::Percent { shown: "50%".into(), column: "完成量".into(), expected: quantity() },
            CellProblem::Percent { shown: "50%".into(), column: "总投资".into(), expected: Expected::Amount },
            CellProblem::NotANumber { shown: text(), kind: NotNumber::Date, expected: quantity() },
            CellProblem::NotANumber {
                shown: text(),
                kind: NotNumber::Time,
                expected: Expected::Quantity { unit: String::new() },
            },
            CellProblem::Amount { text: text(), unit: Some("公里".into()), error: AmountError::NotANumber },
            CellProblem::Amount { text: text(), unit: None, error: AmountError::WrongUnit("米".into()) },
            CellProblem::NotAMonth { column: "填报期".into(), shown: text(), why: NotMonth::OutOfRange },
            CellProblem::NotAMonth { column: "填报期".into(), shown: text(), why: NotMonth::Number },
            CellProblem::NotAMonth { column: "填报期".into(), shown: text(), why: NotMonth::Percent },
            CellProblem::NotAMonth { column: "填报期".into(), shown: text(), why: NotMonth::Time },
            CellProblem::MonthFormat { column: "填报期".into(), text: text() },
            CellProblem::UnknownStatus { text: String::new() },
            CellProblem::UnknownStatus { text: text() },
            CellProblem::NoItemsHeader,
            CellProblem::NoItemId,
            CellProblem::UnknownItem { id: "7".into() },
            CellProblem::ItemElsewhere { id: 7, project: ProjectId(3) },
            CellProblem::ItemNotProject { id: 7, project: ProjectId(3), typed: "4".into() },
            CellProblem::ItemClosed { id: 7, on: "2025-06-10".into() },
            CellProblem::NoResult,
            CellProblem::UnknownResult { text: text() },
            CellProblem::DayNotClosing,
            CellProblem::ClosedWithoutNote,
            CellProblem::ClosedWithoutDay,
            CellProblem::NotADay { text: text() },
            CellProblem::SameItem { id: 7, others: vec![4] },
            CellProblem::OlderThanLatest {
                period: crate::domain::Period::new(2025, 3).expect("month"),
                latest: crate::domain::Period::new(2025, 6).expect("month"),
            },
        ];
        for kind in &all {
            match kind {
                CellProblem::Note { .. }
                | CellProblem::OlderThanLatest { .. }
                | CellProblem::TotalDiffers { .. }
                | CellProblem::SameProject { .. }
                | CellProblem::UnknownProject { .. }
                | CellProblem::IdNotName { .. }
                | CellProblem::NoSuchProject { .. }
                | CellProblem::Field(_)
                | CellProblem::Uncalculated
                | CellProblem::ErrorValue { .. }
                | CellProblem::Boolean { .. }
                | CellProblem::Percent { .. }
                | CellProblem::NotANumber { .. }
                | CellProblem::Amount { .. }
                | CellProblem::NotAMonth { .. }
                | CellProblem::MonthFormat { .. }
                | CellProblem::UnknownStatus { .. }
                | CellProblem::NoItemsHeader
                | CellProblem::NoItemId
                | CellProblem::UnknownItem { .. }
                | CellProblem::ItemElsewhere { .. }
                | CellProblem::ItemNotProject { .. }
                | CellProblem::ItemClosed { .. }
                | CellProblem::NoResult
                | CellProblem::UnknownResult { .. }
                | CellProblem::DayNotClosing
                | CellProblem::ClosedWithoutNote
                | CellProblem::ClosedWithoutDay
                | CellProblem::NotADay { .. }
                | CellProblem::SameItem { .. } => {}
            }
        }
        all
    }

    #[test]
    fn every_cell_problem_is_worded_in_chinese_and_in_english() {
        let chinese = crate::words::said_in_both(&samples());
        // Each kind says something of its own (the samples of one kind differ in their data).
        assert!(chinese.len() >= 30, "{chinese:?}");
    }

    #[test]
    fn the_data_is_said_inside_the_words() {
        let same = CellProblem::SameProject { others: vec![3, 5], more: 2 };
        assert_eq!(same.zh(), "与第 3、5 (+2) 行是同一项目:每个项目只填一行");
        assert!(same.en().starts_with("Same project as rows 3, 5 (+2)"), "{}", same.en());
        let closed = CellProblem::ItemClosed { id: 7, on: "2025-06-10".into() };
        assert!(closed.zh().contains("已于 2025-06-10 销号") && closed.en().contains("2025-06-10"));
    }
}
