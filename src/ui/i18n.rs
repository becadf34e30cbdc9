//! The interface's words in Chinese (default) and English.

use serde::{Deserialize, Serialize};

use crate::domain::{Category, PlaceDef, Status};

/// The interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// Every string the interface shows, in one language.
#[derive(Debug)]
pub struct Texts {
    pub app_title: &'static str,
    pub demo_badge: &'static str,
    pub demo_tooltip: &'static str,
    pub filters: &'static str,
    pub search_hint: &'static str,
    pub place: &'static str,
    pub category: &'static str,
    pub zhuanlan: &'static str,
    pub status: &'static str,
    pub target_year: &'static str,
    pub year_from: &'static str,
    pub year_to: &'static str,
    pub any: &'static str,
    pub clear_filters: &'static str,
    pub col_id: &'static str,
    pub col_box: &'static str,
    pub col_name: &'static str,
    pub col_place: &'static str,
    pub col_category: &'static str,
    pub col_status: &'static str,
    pub col_year: &'static str,
    pub col_target: &'static str,
    pub col_done: &'static str,
    pub shown: &'static str,
    pub of_total: &'static str,
    pub totals: &'static str,
    pub no_selection: &'static str,
    pub detail: &'static str,
    pub item: &'static str,
    pub unit_none: &'static str,
    pub year_inferred: &'static str,
    pub start_year: &'static str,
    pub not_reported: &'static str,
    pub source: &'static str,
    pub no_rows: &'static str,
    pub shortcuts: &'static str,
    pub database: &'static str,
    pub unnumbered: &'static str,
}

const ZH: Texts = Texts {
    app_title: "台账 · 六盘水市“十四五”新型城镇化重点项目",
    demo_badge: "演示数据",
    demo_tooltip: "此数据库为随机生成的演示数据,不是规划内容,不可用于汇报。",
    filters: "筛选",
    search_hint: "搜索名称或拼音首字母(Ctrl+F)",
    place: "所属区(县)",
    category: "类别",
    zhuanlan: "专栏",
    status: "状态",
    target_year: "目标年份",
    year_from: "年起",
    year_to: "年止",
    any: "不限",
    clear_filters: "清除筛选",
    col_id: "序号",
    col_box: "专栏",
    col_name: "项目名称",
    col_place: "所属区(县)",
    col_category: "类别",
    col_status: "状态",
    col_year: "目标年",
    col_target: "目标量",
    col_done: "完成量",
    shown: "显示",
    of_total: "共",
    totals: "目标合计",
    no_selection: "在表格中选择一个项目以查看详情。",
    detail: "项目详情",
    item: "第{}项",
    unit_none: "规划未给出数量",
    year_inferred: "规划未写明,按规划期末计",
    start_year: "起始年",
    not_reported: "尚未填报",
    source: "规划原文",
    no_rows: "没有符合筛选条件的项目。",
    shortcuts: "Ctrl+F 搜索 · ↑↓ 选择 · Esc 取消选择",
    database: "数据库",
    unnumbered: "(规划中未编号)",
};

const EN: Texts = Texts {
    app_title: "Taizhang · Key projects of Liupanshui's 14th Five-Year urbanization plan",
    demo_badge: "DEMO DATA",
    demo_tooltip: "This database holds generated demonstration data, not the plan. Do not report from it.",
    filters: "Filters",
    search_hint: "Search name or pinyin initials (Ctrl+F)",
    place: "Place",
    category: "Category",
    zhuanlan: "Box (专栏)",
    status: "Status",
    target_year: "Target year",
    year_from: "and later",
    year_to: "and earlier",
    any: "any",
    clear_filters: "Clear filters",
    col_id: "No.",
    col_box: "Box",
    col_name: "Project",
    col_place: "Place",
    col_category: "Category",
    col_status: "Status",
    col_year: "Year",
    col_target: "Target",
    col_done: "Done",
    shown: "Showing",
    of_total: "of",
    totals: "Target totals",
    no_selection: "Select a project in the table to see its details.",
    detail: "Project details",
    item: "item {}",
    unit_none: "no quantity in the plan",
    year_inferred: "not stated; plan end assumed",
    start_year: "Start year",
    not_reported: "not reported yet",
    source: "Source sentence",
    no_rows: "No project matches the filters.",
    shortcuts: "Ctrl+F search · ↑↓ select · Esc deselect",
    database: "Database",
    unnumbered: "(unnumbered in the plan)",
};

impl Lang {
    /// The strings of this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Self::Zh => &ZH,
            Self::En => &EN,
        }
    }

    /// A status in this language.
    pub fn status(self, status: Status) -> &'static str {
        match self {
            Self::Zh => status.label_zh(),
            Self::En => status.label_en(),
        }
    }

    /// A category label in this language.
    pub fn category(self, category: &Category) -> &'static str {
        match self {
            Self::Zh => category.zh,
            Self::En => category.en,
        }
    }

    /// A place name in this language.
    pub fn place(self, place: &PlaceDef) -> &'static str {
        match self {
            Self::Zh => place.name,
            Self::En => place.en,
        }
    }
}
