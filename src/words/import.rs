//! The importers' errors, worded: what is wrong with the file and what to do.

use super::{Lang, Say, at};
use crate::import::ImportError;
use crate::import::plan::document::{DocumentError, MAX_LINE_CHARS, MAX_LINES};
use crate::import::plan::{LedgerError, PlanFileError};

super::by_halves!(DocumentError, LedgerError, PlanFileError);
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
            Self::BadCellReference(r) => if zh { format!("无法读取为表格:单元格地址 {r:?} 不合规。{resave}") } else { format!("Cannot read it as a spreadsheet: cell reference {r:?}. {resave}") },
            Self::MissingSharedString(v) => if zh { format!("无法读取为表格:缺少共享字符串 {v:?}。{resave}") } else { format!("Cannot read it as a spreadsheet: shared string {v:?} missing. {resave}") },
            Self::BadRowNumber(r) => if zh { format!("无法读取为表格:行号 {r:?} 不合规。{resave}") } else { format!("Cannot read it as a spreadsheet: row number {r:?}. {resave}") },
            Self::NoSuchSheet { wanted, sheets } => if zh {
                format!("工作簿中没有工作表“{wanted}”:它有 {}。请用 --sheet 指定其中之一(名称或序号)。", sheets.join("、"))
            } else {
                format!("The workbook has no sheet {wanted:?}: it has {}. Name one of them (or its number) with --sheet.", sheets.join(", "))
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
            Self::TwoColumns(a, b) => if zh {
                format!("“{a}”和“{b}”两列填的是同一项,无法判断以哪一列为准。请删去或改名其中一列后重新导入。")
            } else {
                format!("The columns {a:?} and {b:?} hold the same field; which one counts cannot be told. Remove or rename one and import again.")
            },
        }
    }
}
