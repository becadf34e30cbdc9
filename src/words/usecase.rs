//! The use cases' errors, worded: why a plan cannot be brought in or updated, and what to do.

use super::{Lang, Say, quoted};
use crate::db::Refusal;
use crate::usecase::documents::DocumentsError;
use crate::usecase::plan_import::PlanImportError;
use crate::usecase::plan_update::{PlanUpdateError, RefusedWhy};
use crate::usecase::update_sheet::UpdateSheetError;

super::by_halves!(PlanImportError, PlanUpdateError, DocumentsError, UpdateSheetError, RefusedWhy);

super::shown!(RefusedWhy);

impl RefusedWhy {
    /// Why the row is not written, in Chinese.
    pub fn zh(&self) -> String {
        match self {
            Self::Doubt(kind) => format!("{}(未写入)", kind.zh()),
            Self::SameProject { name } => format!("与前面一行对应同一项目{},未写入", quoted(name)),
            Self::CodeOfAnother { name } => {
                format!("项目代码对应的是{},名称不符,未写入:请核对项目代码或名称", quoted(name))
            }
            Self::Several => "规划中不止一个项目叫这个名称(地点也未区分),未写入".into(),
            Self::Field(e) => format!("{}(未写入)", e.zh()),
        }
    }

    /// Why the row is not written, in English.
    pub fn en(&self) -> String {
        match self {
            Self::Doubt(kind) => format!("{} (not written)", kind.en()),
            Self::SameProject { name } => format!("the same project as an earlier row ({}); not written", quoted(name)),
            Self::CodeOfAnother { name } => {
                format!(
                    "its project code is {}'s, whose name differs; not written: check the code or the name",
                    quoted(name)
                )
            }
            Self::Several => "several projects of the plan have this name (and place); not written".into(),
            Self::Field(e) => format!("{} (not written)", e.en()),
        }
    }
}
super::shown!(UpdateSheetError, |e| match e {
    UpdateSheetError::Db(inner) => std::error::Error::source(inner),
    UpdateSheetError::Review(inner) => std::error::Error::source(inner),
    UpdateSheetError::Import(inner) => std::error::Error::source(inner),
    UpdateSheetError::Export(inner) => std::error::Error::source(inner),
    UpdateSheetError::Problems(_) => None,
});
super::shown!(DocumentsError, |e| match e {
    DocumentsError::Db(inner) => std::error::Error::source(inner),
    DocumentsError::Export(inner) => std::error::Error::source(inner),
    DocumentsError::Folder(_, inner) => Some(inner),
    _ => None,
});
super::shown!(PlanImportError, |e| match e {
    PlanImportError::Db(inner) => std::error::Error::source(inner),
    _ => None,
});
super::shown!(PlanUpdateError, |e| match e {
    PlanUpdateError::Db(inner) => std::error::Error::source(inner),
    PlanUpdateError::Review(inner) => std::error::Error::source(inner),
    _ => None,
});

impl PlanImportError {
    /// The message in Chinese: what is wrong and what to do.
    pub fn zh(&self) -> String {
        match self {
            Self::NoPeriod => {
                "文件没有写明规划期:请指定起止年份(命令行 --from YYYY --to YYYY,窗口中填写“规划期”)。".into()
            }
            Self::Backwards(s, e) => format!("规划期 {s}—{e} 不成立:起始年份应不晚于终止年份。"),
            Self::NoMonth => Refusal::NoMonth.say(Lang::Zh),
            Self::Problems(n) => format!(
                "{n} 个问题,未导入。请改正文件后重试,或舍弃有问题的行(命令行 --skip-bad-rows,窗口中不勾选这些行)。"
            ),
            Self::NoRows => "没有可导入的项目:请至少接受一项草稿。".into(),
            Self::FutureMonth(m) => {
                format!("数字截至 {m} 还没有到:请核对台账的截止时间(命令行 --as-of,窗口中“数字截至”)。")
            }
            Self::Db(e) => e.say(Lang::Zh),
        }
    }

    /// The message in English: what is wrong and what to do.
    pub fn en(&self) -> String {
        match self {
            Self::NoPeriod => "The file states no period: give its first and last year (--from YYYY --to YYYY, or 规划期 in the window).".into(),
            Self::Backwards(s, e) => format!("The period {s}–{e} does not hold: the first year must not be after the last."),
            Self::NoMonth => Refusal::NoMonth.say(Lang::En),
            Self::Problems(n) => format!(
                "{n} problems; nothing was imported. Correct the file and try again, or leave those rows out (--skip-bad-rows, or untick them in the window)."
            ),
            Self::NoRows => "No project to import: accept at least one draft.".into(),
            Self::FutureMonth(m) => format!("The figures are said to stand at {m}, a month still to come: check the ledger's date (--as-of, or 数字截至 in the window)."),
            Self::Db(e) => e.say(Lang::En),
        }
    }
}

impl PlanUpdateError {
    /// The message in Chinese: what is wrong and what to do.
    pub fn zh(&self) -> String {
        match self {
            Self::NotALedger => {
                "这是规划文本,不是台账:用台账(.xlsx、.xls、.ods、.csv)更新规划;新的规划文本请用“导入规划”。".into()
            }
            Self::NoMonth => Refusal::NoMonth.say(Lang::Zh),
            Self::MonthDiffers { given, stated } => format!(
                "台账写明数字截至 {stated},而指定的是 {given}:数字会记到错误的月份,未写入。请核对后不指定月份(按台账的 {stated}),或先改正台账上的截至日期。"
            ),
            Self::Archived(id, title) => {
                format!("规划{}已归档,不能更新:先取消归档(taizhang plan unarchive {id})。", quoted(title))
            }
            Self::Db(e) => e.say(Lang::Zh),
            Self::Review(e) => e.say(Lang::Zh),
        }
    }

    /// The message in English: what is wrong and what to do.
    pub fn en(&self) -> String {
        match self {
            Self::NotALedger => "This is a plan's text, not a ledger: update a plan from its ledger (.xlsx, .xls, .ods, .csv); bring a new plan text in with plan import.".into(),
            Self::NoMonth => Refusal::NoMonth.say(Lang::En),
            Self::MonthDiffers { given, stated } => format!(
                "The ledger states its figures stand at {stated}, but {given} was given: they would be recorded in the wrong month, so nothing was written. Leave the month out (the ledger's {stated}), or correct the date on the ledger first."
            ),
            Self::Archived(id, title) => {
                format!("The plan {} is archived and cannot be updated: take it out of the archive first (taizhang plan unarchive {id}).", quoted(title))
            }
            Self::Db(e) => e.say(Lang::En),
            Self::Review(e) => e.say(Lang::En),
        }
    }
}

impl DocumentsError {
    /// The message in Chinese: what is wrong and what to do.
    pub fn zh(&self) -> String {
        match self {
            Self::Db(e) => e.say(Lang::Zh),
            Self::Export(e) => e.say(Lang::Zh),
            Self::FutureMonth { month, today } => format!("{month} 还没有到(现在是 {today}),未写入。"),
            Self::BeforePlan { month, from, to } => {
                format!("{month} 早于规划期({from}—{to}),规划的项目那时还没有开始,也没有填报。")
            }
            Self::NotDocx(_) => "通报和督办函是 Word 文件,请用 .docx 结尾的文件名(如 2026-09通报.docx)。".into(),
            Self::NothingToChase { unit, month, units } => {
                let known = if units.is_empty() { "(无)".to_string() } else { units.join("、") };
                format!("{}在 {month} 没有红黄灯项目或未销号问题,未写督办函。需要督办的单位:{known}", quoted(unit))
            }
            Self::FolderIsFile(path) => format!("{} 是文件;每个单位一份的督办函需要一个文件夹。", path.display()),
            Self::Folder(path, e) => format!("无法建立文件夹 {}:{e}。请换一个有写入权限的位置。", path.display()),
            Self::Cancelled => "已停止:之前写好的督办函保留。".into(),
        }
    }

    /// The message in English: what is wrong and what to do.
    pub fn en(&self) -> String {
        match self {
            Self::Db(e) => e.say(Lang::En),
            Self::Export(e) => e.say(Lang::En),
            Self::FutureMonth { month, today } => format!("{month} has not come yet (it is {today}); nothing written."),
            Self::BeforePlan { month, from, to } => {
                format!(
                    "{month} is before the plan's period ({from}–{to}): none of its projects had started or been reported."
                )
            }
            Self::NotDocx(_) => {
                "Bulletins and letters are Word files: give a name ending in .docx (such as 2026-09-bulletin.docx)."
                    .into()
            }
            Self::NothingToChase { unit, month, units } => {
                let known = if units.is_empty() { "(none)".to_string() } else { units.join(", ") };
                format!(
                    "{} has no red or yellow project and no open problem in {month}; no letter written. Units to chase: {known}",
                    quoted(unit)
                )
            }
            Self::FolderIsFile(path) => {
                format!("{} is a file; one letter per unit goes into a folder.", path.display())
            }
            Self::Folder(path, e) => {
                format!("Could not make the folder {}: {e}. Choose a place you can write to.", path.display())
            }
            Self::Cancelled => "Stopped: the letters already written are kept.".into(),
        }
    }
}

impl UpdateSheetError {
    /// The message in Chinese: what is wrong and what to do.
    pub fn zh(&self) -> String {
        match self {
            Self::Db(e) => e.say(Lang::Zh),
            Self::Review(e) => e.say(Lang::Zh),
            Self::Import(e) => e.say(Lang::Zh),
            Self::Export(e) => e.say(Lang::Zh),
            Self::Problems(n) => format!(
                "有 {n} 个问题,未导入任何数据。请修正后重新导入,或只导入无问题的行(命令行 --skip-bad-rows,窗口中“跳过问题行并导入”)。"
            ),
        }
    }

    /// The message in English: what is wrong and what to do.
    pub fn en(&self) -> String {
        match self {
            Self::Db(e) => e.say(Lang::En),
            Self::Review(e) => e.say(Lang::En),
            Self::Import(e) => e.say(Lang::En),
            Self::Export(e) => e.say(Lang::En),
            Self::Problems(n) => format!(
                "{n} problems: nothing imported. Fix them and import again, or import only the rows without problems (--skip-bad-rows, or 'Skip problem rows and import' in the window)."
            ),
        }
    }
}
