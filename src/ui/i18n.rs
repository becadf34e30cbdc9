//! The interface's words in Chinese (default) and English.

use std::borrow::Cow;

use crate::domain::{
    CATEGORIES, Category, ChartData, Comparator, Filter, Light, PLACES, Period, Place, Slide, Status, StatusCounts,
    category, format_target,
};

pub use crate::words::Lang;

/// Every string the interface shows, in one language.
#[derive(Debug)]
pub struct Texts {
    pub app_title: &'static str,
    pub demo_badge: &'static str,
    pub demo_tooltip: &'static str,
    pub plan: &'static str,
    pub plan_import: &'static str,
    pub plan_file: &'static str,
    pub as_of_label: &'static str,
    pub read_file: &'static str,
    pub plan_title_label: &'static str,
    pub period_label: &'static str,
    pub kind_document: &'static str,
    pub kind_ledger: &'static str,
    pub drafts_counts: &'static str,
    pub notes_counts: &'static str,
    pub notes_heading: &'static str,
    /// `识别 {made} / {all} 个含数字或项目名的句子`.
    pub recognised_counts: &'static str,
    pub unread_heading: &'static str,
    pub unread_hint: &'static str,
    pub make_draft: &'static str,
    pub unread_past: &'static str,
    pub unread_indicator: &'static str,
    pub unread_partly: &'static str,
    pub sheet_label: &'static str,
    pub update_plan_menu: &'static str,
    pub update_plan_hint: &'static str,
    /// `{month}: {changed} 项有变化, {unchanged} 项未变`.
    pub update_counts: &'static str,
    pub update_new_row: &'static str,
    pub update_refused: &'static str,
    pub update_gone: &'static str,
    pub update_apply: &'static str,
    /// `同时加入 {n} 个新项目`.
    pub update_add_new: &'static str,
    pub update_done: &'static str,
    pub invest_year_done: &'static str,
    pub line_word: &'static str,
    pub accept_all: &'static str,
    pub drop_all: &'static str,
    pub commit_plan: &'static str,
    pub pick_header: &'static str,
    pub header_rows: &'static str,
    pub all_sections: &'static str,
    pub no_section: &'static str,
    pub show_all: &'static str,
    pub show_accepted: &'static str,
    pub show_dropped: &'static str,
    pub accept_row: &'static str,
    pub split: &'static str,
    pub split_hint: &'static str,
    pub merge: &'static str,
    pub merge_hint: &'static str,
    pub show_source: &'static str,
    pub source_heading: &'static str,
    pub pick_a_draft: &'static str,
    pub plan_committed: &'static str,
    pub problems_title: &'static str,
    pub problems_counts: &'static str,
    pub problems_all_units: &'static str,
    pub problems_unit: &'static str,
    pub problems_all_districts: &'static str,
    pub problems_district: &'static str,
    pub problems_open: &'static str,
    pub problems_closed: &'static str,
    pub problems_overdue_only: &'static str,
    pub problems_none: &'static str,
    pub problems_late: &'static str,
    pub problems_close: &'static str,
    pub problems_reopen: &'static str,
    pub problems_note_hint: &'static str,
    pub problem_set: &'static str,
    pub slide_lights: &'static str,
    pub no_lit: &'static str,
    pub col_light: &'static str,
    pub lights_heading: &'static str,
    pub light_rules: &'static str,
    pub light_rules_hint: &'static str,
    pub light_preset: &'static str,
    pub light_name: &'static str,
    pub light_measure: &'static str,
    pub light_yellow: &'static str,
    pub light_red: &'static str,
    pub light_apply: &'static str,
    pub light_rules_set: &'static str,
    pub light_archived: &'static str,
    pub light_no_data: &'static str,
    pub read_interrupted: &'static str,
    pub reading_file: &'static str,
    pub more_rows: &'static str,
    pub ov_projects: &'static str,
    pub ov_not_built: &'static str,
    pub ov_wan: &'static str,
    pub period_over: &'static str,
    pub count_at_end: &'static str,
    pub count_at_today: &'static str,
    pub places_menu: &'static str,
    pub places_title: &'static str,
    pub places_hint: &'static str,
    pub places_none: &'static str,
    pub places_place: &'static str,
    pub places_parent: &'static str,
    pub place_moved: &'static str,
    pub mapping_heading: &'static str,
    pub mapping_hint: &'static str,
    pub mapping_column: &'static str,
    pub mapping_header: &'static str,
    pub mapping_samples: &'static str,
    pub mapping_field: &'static str,
    pub mapping_none: &'static str,
    pub mapping_save: &'static str,
    pub mapping_saved: &'static str,
    pub mapping_from_saved: &'static str,
    pub target_edit_hint: &'static str,
    pub years_edit_hint: &'static str,
    pub bad_edits: &'static str,
    pub import_plan_menu: &'static str,
    pub archived: &'static str,
    pub archived_read_only: &'static str,
    pub archived_tooltip: &'static str,
    pub archive_plan: &'static str,
    pub unarchive_plan: &'static str,
    pub projects_word: &'static str,
    pub plan_switched: &'static str,
    pub finish_draft_first: &'static str,
    pub filters: &'static str,
    pub search_hint: &'static str,
    pub find: &'static str,
    pub select_rows: &'static str,
    pub search_drafts: &'static str,
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
    pub all_projects: &'static str,
    pub totals: &'static str,
    pub no_selection: &'static str,
    pub item: &'static str,
    pub unit_none: &'static str,
    pub year_inferred: &'static str,
    pub start_year: &'static str,
    pub not_reported: &'static str,
    pub source: &'static str,
    pub no_rows: &'static str,
    pub database: &'static str,
    pub unnumbered: &'static str,
    pub tab_details: &'static str,
    pub tab_report: &'static str,
    pub tab_edit: &'static str,
    pub tab_history: &'static str,
    pub unsaved: &'static str,
    pub save: &'static str,
    pub cancel: &'static str,
    pub confirm_over_target: &'static str,
    pub period: &'static str,
    pub invest_total: &'static str,
    pub invest_year_plan: &'static str,
    pub invest_done: &'static str,
    pub progress_text: &'static str,
    pub problems: &'static str,
    pub coordination: &'static str,
    pub coordination_unit: &'static str,
    pub coordination_due: &'static str,
    pub note: &'static str,
    pub earlier_reports: &'static str,
    pub nature: &'static str,
    pub planned_start: &'static str,
    pub project_code: &'static str,
    pub registered: &'static str,
    pub registered_in: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub unit: &'static str,
    pub responsible_unit: &'static str,
    pub responsible_person: &'static str,
    pub move_to_bin: &'static str,
    pub no_history: &'static str,
    pub undo: &'static str,
    pub redo: &'static str,
    pub history_all: &'static str,
    pub backup_now: &'static str,
    pub backups: &'static str,
    pub restore: &'static str,
    pub restore_confirm: &'static str,
    pub settings: &'static str,
    pub bin: &'static str,
    pub bin_restore: &'static str,
    pub bin_empty: &'static str,
    pub lagging_only: &'static str,
    pub lagging: &'static str,
    pub reviewer: &'static str,
    pub lag_threshold: &'static str,
    pub review_date: &'static str,
    pub discard_title: &'static str,
    pub discard_body: &'static str,
    pub discard: &'static str,
    pub keep_editing: &'static str,
    pub col_schedule: &'static str,
    pub add_project: &'static str,
    pub no_data: &'static str,
    pub save_png: &'static str,
    pub saving_png: &'static str,
    pub png_size: &'static str,
    pub slides_menu: &'static str,
    pub by_district: &'static str,
    pub by_network: &'static str,
    pub png_button_hint: &'static str,
    pub saved_views: &'static str,
    pub view_name: &'static str,
    pub save_view: &'static str,
    pub delete_view: &'static str,
    pub export_deck: &'static str,
    pub export_deck_button: &'static str,
    pub export_deck_png: &'static str,
    pub export_deck_png_hint: &'static str,
    pub screen_table: &'static str,
    pub screen_charts: &'static str,
    pub present: &'static str,
    pub drill_back: &'static str,
    pub chart_by_district: &'static str,
    pub chart_lights_by_district: &'static str,
    pub chart_by_category: &'static str,
    pub chart_km: &'static str,
    pub chart_lagging: &'static str,
    pub drill_hint: &'static str,
    pub no_lagging: &'static str,
    pub behind_points: &'static str,
    pub slide_overview: &'static str,
    pub completed_projects: &'static str,
    pub slide_keys: &'static str,
    pub exchange: &'static str,
    pub export_view: &'static str,
    pub browse: &'static str,
    pub export: &'static str,
    pub template: &'static str,
    pub write_template: &'static str,
    pub import_sheet: &'static str,
    pub drop_hint: &'static str,
    pub read: &'static str,
    pub exporting: &'static str,
    pub documents: &'static str,
    pub notice: &'static str,
    pub write_notice: &'static str,
    pub write_notice_hint: &'static str,
    pub duban: &'static str,
    pub duban_unit: &'static str,
    pub every_unit: &'static str,
    pub write_duban: &'static str,
    pub no_units_to_chase: &'static str,
    pub close_month: &'static str,
    pub close_month_again: &'static str,
    pub close_month_hint: &'static str,
    pub month_closed: &'static str,
    pub month_closed_done: &'static str,
    pub reading: &'static str,
    pub written: &'static str,
    pub rows_read: &'static str,
    pub rows_to_apply: &'static str,
    pub rows_unchanged: &'static str,
    /// The preview's count of 问题清单 rows that move an item.
    pub items_to_apply: &'static str,
    pub problems_count: &'static str,
    pub apply_import: &'static str,
    pub apply_skipping: &'static str,
    pub skipped_rows: &'static str,
    pub nothing_to_import: &'static str,
    pub imported: &'static str,
    pub history_reviewer: &'static str,
    pub history_from: &'static str,
    pub history_to: &'static str,
    pub chart_progress: &'static str,
    pub chart_invest: &'static str,
    pub chart_coordination: &'static str,
    pub done_share: &'static str,
    pub expected_share: &'static str,
    pub km: &'static str,
    pub wan_yuan: &'static str,
    pub no_invest: &'static str,
    pub no_targets: &'static str,
}

const ZH: Texts = Texts {
    app_title: "台账",
    demo_badge: "演示数据",
    demo_tooltip: "此数据库为随机生成的演示数据,不是规划内容,不可用于汇报。",
    plan: "规划",
    plan_import: "导入规划(规划文本或台账)",
    plan_file: "文件",
    as_of_label: "数字截至(年-月)",
    read_file: "读取",
    plan_title_label: "规划名称",
    period_label: "规划期",
    kind_document: "规划文本:按句子提出项目",
    kind_ledger: "台账:每个项目行一项",
    drafts_counts: "共 {all} 项草稿,接受 {accepted} 项,舍弃 {dropped} 项",
    notes_counts: "提示 {notes} 条,问题 {problems} 条",
    notes_heading: "提示与问题",
    recognised_counts: "识别 {made} / {all} 个含数字或项目名的句子",
    unread_heading: "未识别",
    unread_hint: "这些句子含数字和单位或项目名,但没有生成草稿:点“生成草稿”手工补上,或确认不需要。",
    make_draft: "生成草稿",
    unread_past: "往年情况",
    unread_indicator: "指标",
    unread_partly: "部分识别",
    sheet_label: "工作表",
    update_plan_menu: "按台账更新…",
    update_plan_hint: "读取本规划下个月的台账(同一张表重新填报):按项目代码或名称和地点对应项目,变化的数字记为该月的填报,一次写入,可一次撤销。",
    update_counts: "{month}:{changed} 项有变化,{unchanged} 项未变",
    update_new_row: "新项目,行",
    update_refused: "未写入,行",
    update_gone: "台账中没有(保留)",
    update_apply: "写入变化",
    update_add_new: "同时把台账中的 {n} 个新项目加入本规划",
    update_done: "已按台账更新",
    invest_year_done: "本年完成投资",
    line_word: "行",
    accept_all: "全部接受(当前筛选)",
    drop_all: "全部舍弃(当前筛选)",
    commit_plan: "提交为新规划",
    pick_header: "没有找到表头。请选择表头所在的行:",
    header_rows: "表头行数",
    all_sections: "全部分节",
    no_section: "(未分节)",
    show_all: "全部",
    show_accepted: "已接受",
    show_dropped: "已舍弃",
    accept_row: "接受此项",
    split: "拆分",
    split_hint: "按“、”或“;”拆成几项",
    merge: "合并",
    merge_hint: "与下一项合并",
    show_source: "查看原文",
    source_heading: "原文",
    pick_a_draft: "点选一项草稿,查看它在原文中的位置。",
    plan_committed: "已导入新规划",
    problems_title: "问题清单",
    problems_counts: "未销号 {open} 项 · 逾期 {overdue} 项 · {month} 销号 {closed} 项",
    problems_all_units: "全部责任单位",
    problems_unit: "责任单位",
    problems_all_districts: "全部区县",
    problems_district: "区县",
    problems_open: "未销号",
    problems_closed: "已销号",
    problems_overdue_only: "仅逾期",
    problems_none: "没有符合条件的问题。",
    problems_late: "逾期",
    problems_close: "销号",
    problems_reopen: "重新打开",
    problems_note_hint: "如何解决的(必填)",
    problem_set: "问题已更新",
    slide_lights: "红黄灯项目",
    no_lit: "没有红灯或黄灯项目。",
    col_light: "亮灯",
    lights_heading: "亮灯",
    light_rules: "亮灯规则(本规划)",
    light_rules_hint: "每项指标一个黄灯阈值和一个红灯阈值;项目取各项中最差的灯。缺少数据的指标为“未评价”,不算绿灯;已完工的项目为绿灯。",
    light_preset: "预设",
    light_name: "名称",
    light_measure: "指标",
    light_yellow: "黄灯",
    light_red: "红灯",
    light_apply: "应用亮灯规则",
    light_rules_set: "亮灯规则已更新",
    light_archived: "已归档的规划不能修改亮灯规则。",
    light_no_data: "本版本还没有这项数据,此项暂为“未评价”。",
    read_interrupted: "读取中断,文件没有读完。请重试。",
    reading_file: "正在读取…",
    more_rows: "另有 {n} 个区(县)未列出,见“按区(县)”一页。",
    ov_projects: "项目数",
    ov_not_built: "未开工/前期",
    ov_wan: "万元",
    period_over: "本规划的规划期已于 {year} 年底结束,未完工的项目都按滞后计。按规划期末做期末评估,还是按今天({today})评估?",
    count_at_end: "按 {end} 计算",
    count_at_today: "按今天计算",
    places_menu: "地点层级…",
    places_title: "地点层级",
    places_hint: "导入规划或台账时新建的地点(街道、村、项目地点)默认直接挂在市下。在此设置它们所在的区县或乡镇,筛选和按区统计随之调整。",
    places_none: "本规划没有导入时新建的地点。",
    places_place: "地点",
    places_parent: "所在上级",
    place_moved: "已调整地点层级",
    mapping_heading: "列映射",
    mapping_hint: "每一列对应台账的哪一项;改动后草稿按新映射重新生成(对草稿的修改会丢失)。",
    mapping_column: "列",
    mapping_header: "表头",
    mapping_samples: "前几行",
    mapping_field: "对应为",
    mapping_none: "(不导入)",
    mapping_save: "保存映射,下次同样表头的台账自动使用",
    mapping_saved: "已保存列映射",
    mapping_from_saved: "已按上次保存的列映射读取",
    target_edit_hint: "目标量和单位,如 0.4公里",
    years_edit_hint: "年份,如 2026—2028",
    bad_edits: "{n} 项已接受的草稿中目标量或年份无法识别(红框),请改正后提交。",
    import_plan_menu: "导入规划…",
    archived: "已归档",
    archived_read_only: "已归档 · 只读",
    archived_tooltip: "已归档的规划可以筛选、导出和演示,不能修改。要修改,请在规划下拉菜单中取消归档。",
    archive_plan: "归档此规划(只读)",
    unarchive_plan: "取消归档",
    projects_word: "项",
    plan_switched: "已切换到规划",
    finish_draft_first: "请先保存或放弃正在编辑的内容,再切换规划。",
    filters: "筛选",
    search_hint: "搜索名称或拼音首字母({keys})",
    find: "搜索",
    select_rows: "选择",
    search_drafts: "搜索名称或原文",
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
    all_projects: "项目总数",
    totals: "目标合计",
    no_selection: "在表格中选择一个项目以查看详情。",
    item: "第{}项",
    unit_none: "规划未给出数量",
    year_inferred: "规划未写明,按规划期末计",
    start_year: "起始年",
    not_reported: "尚未填报",
    source: "规划原文",
    no_rows: "没有符合筛选条件的项目。",
    database: "数据库",
    unnumbered: "(规划中未编号)",
    tab_details: "详情",
    tab_report: "填报进度",
    tab_edit: "修改项目",
    tab_history: "历史",
    unsaved: "● 未保存",
    save: "保存",
    cancel: "取消",
    confirm_over_target: "确认完成量超过目标",
    period: "填报期",
    invest_total: "总投资(万元)",
    invest_year_plan: "本年计划投资",
    invest_done: "累计完成投资",
    progress_text: "形象进度",
    problems: "存在问题",
    coordination: "需协调事项",
    coordination_unit: "责任单位(协调)",
    coordination_due: "解决时限",
    note: "备注",
    earlier_reports: "历次填报",
    nature: "建设性质",
    planned_start: "计划开工(月)",
    project_code: "项目代码",
    registered: "入库",
    registered_in: "入库月份",
    yes: "是",
    no: "否",
    unit: "单位",
    responsible_unit: "责任单位",
    responsible_person: "责任人",
    move_to_bin: "移入回收站",
    no_history: "暂无修改记录。",
    undo: "撤销",
    redo: "重做",
    history_all: "修改历史",
    backup_now: "立即备份",
    backups: "备份与恢复",
    restore: "恢复此备份",
    restore_confirm: "恢复将用备份替换当前数据(当前状态会先自动备份)。确定恢复?",
    settings: "设置",
    bin: "回收站",
    bin_restore: "恢复",
    bin_empty: "回收站是空的。",
    lagging_only: "仅显示滞后项目",
    lagging: "滞后",
    reviewer: "审核人",
    lag_threshold: "滞后阈值(低于序时进度的百分点)",
    review_date: "审核日期(年-月)",
    discard_title: "放弃未保存的修改?",
    discard_body: "当前项目有未保存的修改。",
    discard: "放弃修改",
    keep_editing: "继续编辑",
    col_schedule: "完成/序时",
    add_project: "新增项目",
    no_data: "暂无数据",
    save_png: "保存为 PNG",
    saving_png: "正在生成 PNG",
    png_size: "PNG 尺寸",
    slides_menu: "幻灯片",
    by_district: "按区(县)",
    by_network: "按管网类型",
    png_button_hint: "把这张图按所选尺寸保存为 PNG(文档文件夹)",
    saved_views: "已保存的视图",
    view_name: "视图名称",
    save_view: "保存当前视图",
    delete_view: "删除此视图",
    export_deck: "导出演示文稿(PDF,当前筛选)",
    export_deck_button: "导出演示",
    export_deck_png: "导出为 PNG 文件夹",
    export_deck_png_hint: "每页幻灯片一个 PNG,按所选 PNG 尺寸,写入与上面文件同名(去掉 .pdf)的文件夹",
    screen_table: "表格",
    screen_charts: "图表",
    present: "演示",
    drill_back: "← 返回",
    chart_by_district: "各区(县)项目状态",
    chart_lights_by_district: "亮灯分布(按区县)",
    chart_by_category: "各类别项目状态",
    chart_km: "管网:目标与完成(公里)",
    chart_lagging: "滞后项目(低于序时进度)",
    drill_hint: "点击柱条可筛选到对应项目;“← 返回”恢复原筛选。",
    no_lagging: "没有滞后项目。",
    behind_points: "落后",
    slide_overview: "总体情况",
    completed_projects: "已完工",
    slide_keys: "←/→ 翻页 · Esc 退出",
    exchange: "导出/导入",
    export_view: "导出当前视图(调度表)",
    browse: "浏览…",
    export: "导出",
    template: "生成填报表(发给区县填写)",
    write_template: "生成",
    import_sheet: "导入填好的填报表",
    drop_hint: "输入路径,或把文件拖到窗口上",
    read: "读取并预览",
    exporting: "正在写入",
    documents: "通报与督办",
    notice: "通报",
    write_notice: "写通报",
    write_notice_hint: "当前筛选范围、评价月份的月度通报(Word .docx):总体情况,按建设性质、区县、类别,红黄灯项目及原因,问题销号与逾期,与上月比较",
    duban: "督办函",
    duban_unit: "责任单位",
    every_unit: "全部需督办单位(每单位一份,写入文件夹)",
    write_duban: "写督办函",
    no_units_to_chase: "本月没有红黄灯项目或未销号问题,无需督办。",
    close_month: "月度结账",
    close_month_again: "重新结账",
    close_month_hint: "保存每个项目本月的亮灯:连续黄灯升级、“自某月起红灯”和下月通报的比较都以结账的月份为准",
    month_closed: "本月已结账",
    month_closed_done: "已结账",
    reading: "正在读取",
    written: "已写入",
    rows_read: "读取行数",
    rows_to_apply: "将导入",
    rows_unchanged: "无变化",
    items_to_apply: "问题清单办理结果",
    problems_count: "问题",
    apply_import: "确认导入",
    apply_skipping: "跳过问题行并导入",
    skipped_rows: "未导入的行已写入",
    nothing_to_import: "没有需要导入的修改",
    imported: "已导入",
    history_reviewer: "审核人筛选",
    history_from: "起始日期",
    history_to: "截止日期",
    chart_progress: "完成进度与序时进度",
    chart_invest: "投资:本年计划与累计完成(万元)",
    chart_coordination: "需协调事项",
    done_share: "完成率",
    expected_share: "序时进度",
    km: "公里",
    wan_yuan: "万元",
    no_invest: "暂无投资填报",
    no_targets: "没有数量目标",
};

const EN: Texts = Texts {
    app_title: "Taizhang",
    demo_badge: "DEMO DATA",
    demo_tooltip: "This database holds generated demonstration data, not the plan. Do not report from it.",
    plan: "Plan",
    plan_import: "Import a plan (plan text or ledger)",
    plan_file: "File",
    as_of_label: "Figures as of (year-month)",
    read_file: "Read",
    plan_title_label: "Plan title",
    period_label: "Period",
    kind_document: "Plan text: projects proposed from its sentences",
    kind_ledger: "Ledger: one project per row",
    drafts_counts: "{all} drafts: {accepted} accepted, {dropped} dropped",
    notes_counts: "{notes} notes, {problems} problems",
    notes_heading: "Notes and problems",
    recognised_counts: "Recognised {made} of {all} sentences with a number or project names",
    unread_heading: "Not recognised",
    unread_hint: "These sentences hold a number with a unit or project names but gave no draft: make a draft of one with “Make draft”, or leave it.",
    make_draft: "Make draft",
    unread_past: "past",
    unread_indicator: "indicator",
    unread_partly: "read in part",
    sheet_label: "Sheet",
    update_plan_menu: "Update from ledger…",
    update_plan_hint: "Read this plan's ledger of the next month (the same sheet, refilled): rows are matched to projects by project code, or name and place; changed figures become that month's reports, written as one change that one undo takes back.",
    update_counts: "{month}: {changed} changed, {unchanged} unchanged",
    update_new_row: "New project, line",
    update_refused: "Not written, line",
    update_gone: "Not in the ledger (kept)",
    update_apply: "Write the changes",
    update_add_new: "Also add the ledger's {n} new projects to the plan",
    update_done: "Updated from the ledger",
    invest_year_done: "Done this year",
    line_word: "Line",
    accept_all: "Accept all shown",
    drop_all: "Drop all shown",
    commit_plan: "Commit as a new plan",
    pick_header: "No header row was found. Pick the header row:",
    header_rows: "Header rows",
    all_sections: "All sections",
    no_section: "(no section)",
    show_all: "All",
    show_accepted: "Accepted",
    show_dropped: "Dropped",
    accept_row: "Accept this draft",
    split: "Split",
    split_hint: "Split at 、 or ; into several drafts",
    merge: "Merge",
    merge_hint: "Merge with the next draft",
    show_source: "Show the source",
    source_heading: "Source",
    pick_a_draft: "Click a draft to see where it comes from.",
    plan_committed: "New plan imported",
    problems_title: "Problems",
    problems_counts: "{open} open · {overdue} overdue · {closed} closed in {month}",
    problems_all_units: "All units",
    problems_unit: "Responsible unit",
    problems_all_districts: "All districts",
    problems_district: "District",
    problems_open: "Open",
    problems_closed: "Closed",
    problems_overdue_only: "Overdue only",
    problems_none: "No item matches.",
    problems_late: "overdue",
    problems_close: "Close",
    problems_reopen: "Reopen",
    problems_note_hint: "How it was solved (required)",
    problem_set: "Item updated",
    slide_lights: "Red and yellow lights",
    no_lit: "No project has a red or yellow light.",
    col_light: "Light",
    lights_heading: "Lights",
    light_rules: "Light rules (this plan)",
    light_rules_hint: "Each measure has a yellow and a red threshold; a project takes the worst of them. A measure without its data is not rated (never green); a completed project is green.",
    light_preset: "Preset",
    light_name: "Name",
    light_measure: "Measure",
    light_yellow: "Yellow",
    light_red: "Red",
    light_apply: "Apply the light rules",
    light_rules_set: "Light rules updated",
    light_archived: "An archived plan's light rules cannot be changed.",
    light_no_data: "This version does not hold this data yet: the measure rates every project as not rated.",
    read_interrupted: "Reading stopped before the file was read. Try again.",
    reading_file: "Reading…",
    more_rows: "{n} more districts are on the by-district slide.",
    ov_projects: "Projects",
    ov_not_built: "Not started",
    ov_wan: "10k CNY",
    period_over: "This plan's period ended with {year}: every unfinished project counts as lagging. Review it as at the period's end, or at today ({today})?",
    count_at_end: "Count at {end}",
    count_at_today: "Count at today",
    places_menu: "Places…",
    places_title: "Places",
    places_hint: "Places made by a plan or ledger import (streets, villages, sites) sit directly under the city. Set the district or town each lies in; filters and district totals follow.",
    places_none: "This plan has no places made by an import.",
    places_place: "Place",
    places_parent: "Lies in",
    place_moved: "Place moved",
    mapping_heading: "Column mapping",
    mapping_hint: "Which field each column holds; a change drafts the rows again (edits to the drafts are lost).",
    mapping_column: "Column",
    mapping_header: "Header",
    mapping_samples: "First values",
    mapping_field: "Read as",
    mapping_none: "(not read)",
    mapping_save: "Save the mapping for the next ledger with this header",
    mapping_saved: "Column mapping saved",
    mapping_from_saved: "Read with the column mapping saved last time",
    target_edit_hint: "Target and unit, e.g. 0.4公里",
    years_edit_hint: "Years, e.g. 2026—2028",
    bad_edits: "{n} accepted drafts have a target or years that cannot be read (red); correct them to commit.",
    import_plan_menu: "Import a plan…",
    archived: "archived",
    archived_read_only: "Archived · read-only",
    archived_tooltip: "An archived plan can be filtered, exported and presented, not changed. To change it, take it out of the archive in the plan menu.",
    archive_plan: "Archive this plan (read-only)",
    unarchive_plan: "Take out of the archive",
    projects_word: "projects",
    plan_switched: "Now showing plan",
    finish_draft_first: "Save or discard the open draft before switching plans.",
    filters: "Filters",
    search_hint: "Search name or pinyin initials ({keys})",
    find: "Search",
    select_rows: "select",
    search_drafts: "Search names or source",
    place: "Place",
    category: "Category",
    zhuanlan: "Plan box",
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
    all_projects: "All projects",
    totals: "Target totals",
    no_selection: "Select a project in the table to see its details.",
    item: "item {}",
    unit_none: "no quantity in the plan",
    year_inferred: "not stated; plan end assumed",
    start_year: "Start year",
    not_reported: "not reported yet",
    source: "Source sentence",
    no_rows: "No project matches the filters.",
    database: "Database",
    unnumbered: "(unnumbered in the plan)",
    tab_details: "Details",
    tab_report: "Report",
    tab_edit: "Edit",
    tab_history: "History",
    unsaved: "● unsaved",
    save: "Save",
    cancel: "Cancel",
    confirm_over_target: "Confirm done above target",
    period: "Period",
    invest_total: "Total investment (10k CNY)",
    invest_year_plan: "Planned this year",
    invest_done: "Invested so far",
    progress_text: "Progress",
    problems: "Problems",
    coordination: "Needs coordination",
    coordination_unit: "Unit responsible",
    coordination_due: "Deadline",
    note: "Note",
    earlier_reports: "Earlier reports",
    nature: "Nature",
    planned_start: "Planned start (month)",
    project_code: "Project code",
    registered: "Registered",
    registered_in: "Registered in",
    yes: "Yes",
    no: "No",
    unit: "Unit",
    responsible_unit: "Responsible unit",
    responsible_person: "Responsible person",
    move_to_bin: "Move to bin",
    no_history: "No changes yet.",
    undo: "Undo",
    redo: "Redo",
    history_all: "History",
    backup_now: "Back up now",
    backups: "Backups",
    restore: "Restore this backup",
    restore_confirm: "Restoring replaces the current data with the backup (the current state is backed up first). Restore?",
    settings: "Settings",
    bin: "Bin",
    bin_restore: "Restore",
    bin_empty: "The bin is empty.",
    lagging_only: "Lagging projects only",
    lagging: "lagging",
    reviewer: "Reviewer",
    lag_threshold: "Lag threshold (points below schedule)",
    review_date: "Review date (year-month)",
    discard_title: "Discard unsaved changes?",
    discard_body: "This project has unsaved changes.",
    discard: "Discard",
    keep_editing: "Keep editing",
    col_schedule: "Done/expected",
    add_project: "Add project",
    no_data: "No data",
    save_png: "Save as PNG",
    saving_png: "Drawing the PNG",
    png_size: "PNG size",
    slides_menu: "Slides",
    by_district: "By district",
    by_network: "By kind of network",
    png_button_hint: "Save this chart as PNG at the chosen size (documents folder)",
    saved_views: "Saved views",
    view_name: "View name",
    save_view: "Save view",
    delete_view: "Delete this view",
    export_deck: "Export the meeting deck (PDF, current filter)",
    export_deck_button: "Export deck",
    export_deck_png: "As a PNG folder",
    export_deck_png_hint: "One PNG a slide at the chosen PNG size, into a folder named like the file above without .pdf",
    screen_table: "Table",
    screen_charts: "Charts",
    present: "Present",
    drill_back: "← Back",
    chart_by_district: "Project status by district",
    chart_lights_by_district: "Lights by district",
    chart_by_category: "Project status by category",
    chart_km: "Pipe networks: target and done (km)",
    chart_lagging: "Lagging projects (behind schedule)",
    drill_hint: "Click a bar to filter the table to it; ← Back restores the filter.",
    no_lagging: "No lagging projects.",
    behind_points: "behind",
    slide_overview: "Overview",
    completed_projects: "Completed",
    slide_keys: "←/→ page · Esc leave",
    exchange: "Export / import",
    export_view: "Export the current view (review sheet)",
    browse: "Browse…",
    export: "Export",
    template: "Update sheet for a district",
    write_template: "Write",
    import_sheet: "Import a filled-in update sheet",
    drop_hint: "Type a path, or drop the file on the window",
    read: "Read and preview",
    exporting: "Writing",
    documents: "Bulletin and letters",
    notice: "Bulletin",
    write_notice: "Write bulletin",
    write_notice_hint: "The month's bulletin (Word .docx) of the filtered view at the review month: totals, by nature, district and category, red and yellow projects with reasons, problems closed and overdue, change since last month",
    duban: "Letters",
    duban_unit: "Responsible unit",
    every_unit: "Every unit to chase (one letter each, into the folder)",
    write_duban: "Write letters",
    no_units_to_chase: "No red or yellow project and no open problem this month: nobody to chase.",
    close_month: "Close month",
    close_month_again: "Close again",
    close_month_hint: "Keep every project's light of the month: escalation of repeated yellow, \"red since\" and next month's comparison count closed months",
    month_closed: "This month is closed",
    month_closed_done: "Closed",
    reading: "Reading",
    written: "Written",
    rows_read: "Rows read",
    rows_to_apply: "to apply",
    rows_unchanged: "unchanged",
    items_to_apply: "problem list updates",
    problems_count: "problems",
    apply_import: "Import",
    apply_skipping: "Skip problem rows and import",
    skipped_rows: "Skipped rows written to",
    nothing_to_import: "Nothing to import",
    imported: "Imported",
    history_reviewer: "Reviewer",
    history_from: "From (YYYY-MM-DD)",
    history_to: "To (YYYY-MM-DD)",
    chart_progress: "Progress against schedule",
    chart_invest: "Investment: planned this year and invested so far (10k CNY)",
    chart_coordination: "Matters needing coordination",
    done_share: "Done",
    expected_share: "Expected by schedule",
    km: "km",
    wan_yuan: "10k CNY",
    no_invest: "No investment reported",
    no_targets: "No quantity targets",
};

/// Whether a character is a CJK ideograph.
fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

impl Texts {
    /// The label of a report field by its key (`invest_done`, `progress_text`…).
    pub fn field_label(&self, key: &str) -> &'static str {
        match key {
            "status" => self.status,
            "invest_total" => self.invest_total,
            "invest_year_plan" => self.invest_year_plan,
            "invest_done" => self.invest_done,
            "invest_year_done" => self.invest_year_done,
            "progress_text" => self.progress_text,
            "problems" => self.problems,
            "coordination" => self.coordination,
            _ => "",
        }
    }
}

impl Lang {
    /// A message made in both languages (`中文 / English`, the way errors are written where
    /// they are made) in this language only; text in one language is returned as it is. A
    /// leading `path: ` before the Chinese is kept in English too.
    pub fn pick(self, text: &str) -> String {
        let split = text.match_indices(" / ").map(|(i, _)| i).find(|&i| {
            let (left, right) = (&text[..i], &text[i + 3..]);
            let han = right.chars().filter(|&c| is_han(c)).count();
            left.chars().any(is_han)
                && right.chars().next().is_some_and(|c| c.is_ascii_alphanumeric() || "(\"'“".contains(c))
                && han * 4 < right.chars().count()
        });
        let Some(i) = split else { return text.to_string() };
        let (zh, en) = (&text[..i], &text[i + 3..]);
        match self {
            Self::Zh => zh.to_string(),
            Self::En => {
                let first_han = zh.find(is_han).unwrap_or(0);
                let prefix = &zh[..first_han];
                if prefix.trim_end().ends_with(':') { format!("{prefix}{en}") } else { en.to_string() }
            }
        }
    }

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

    /// A 建设性质 word (or 未填报) in this language.
    pub fn nature(self, word: &str) -> &str {
        if self == Self::Zh {
            return word;
        }
        match word {
            "新建" => "New",
            "续建" => "Continuing",
            "前期" => "Preparatory",
            "建成" => "Built",
            crate::domain::NATURE_MISSING => "Not given",
            other => other,
        }
    }

    /// A light's name (红灯, 未评价…) in this language.
    pub fn light(self, light: Light) -> &'static str {
        match self {
            Self::Zh => light.label_zh(),
            Self::En => light.label_en(),
        }
    }

    /// A category label in this language.
    pub fn category(self, category: &Category) -> &'static str {
        match self {
            Self::Zh => category.zh,
            Self::En => category.en,
        }
    }

    /// A target's qualifier (不少于, more than…) in this language.
    pub fn comparator(self, comparator: Comparator) -> &'static str {
        match self {
            Self::Zh => comparator.label_zh(),
            Self::En => comparator.label_en(),
        }
    }

    /// The target of a row with its qualifier and unit ("不少于 90 个"), empty when it has none.
    pub fn target(self, target: Option<f64>, comparator: Option<Comparator>, unit: Option<&str>) -> Option<String> {
        target.map(|v| format_target(v, comparator.map(|c| self.comparator(c)), unit))
    }

    /// A place name in this language.
    pub fn place(self, place: &Place) -> &str {
        match self {
            Self::Zh => &place.name,
            Self::En => &place.en,
        }
    }
}

/// The English names of the kinds of pipe network, by the Chinese labels the chart data uses.
const NETWORKS_EN: [(&str, &str); 6] = [
    ("供水管网", "Water supply"),
    ("污水管网", "Sewage"),
    ("雨水管网", "Storm water"),
    ("燃气管网", "Gas"),
    ("供热管网", "Heating"),
    ("其他管网", "Other"),
];

impl Lang {
    /// A bar's label: a category in this language; a place (data) as the plan names it.
    pub fn group_label(self, group: &StatusCounts) -> Cow<'_, str> {
        match (self, category(&group.key)) {
            (Self::En, Some(c)) => Cow::Borrowed(c.en),
            _ => Cow::Owned(group.label.clone()),
        }
    }

    /// A kind of pipe network (供水管网…) in this language.
    pub fn network(self, label: &str) -> &str {
        match self {
            Self::Zh => label,
            Self::En => NETWORKS_EN.iter().find(|(zh, _)| *zh == label).map_or(label, |(_, en)| en),
        }
    }

    /// A slide's title in this language (the Chinese one is [`Slide::title`], as in the deck).
    pub fn slide_title(self, slide: &Slide, data: &ChartData) -> String {
        if self == Self::Zh {
            return slide.title(data);
        }
        let t = self.texts();
        match slide {
            Slide::Overview => t.slide_overview.into(),
            Slide::ByDistrict => t.chart_by_district.into(),
            Slide::ByCategory => t.chart_by_category.into(),
            Slide::Pipes => t.chart_km.into(),
            Slide::Progress => t.chart_progress.into(),
            Slide::Investment => t.chart_invest.into(),
            Slide::District(_) | Slide::Category(_) => {
                slide.group(data).map_or_else(String::new, |g| self.group_label(g).into_owned())
            }
            Slide::Lagging => t.chart_lagging.into(),
            Slide::Coordination => t.chart_coordination.into(),
            Slide::Lights => t.slide_lights.into(),
            Slide::LightsByDistrict => t.chart_lights_by_district.into(),
        }
    }

    /// Says how many projects are red or yellow when the slide lists only some.
    pub fn lit_note(self, data: &ChartData) -> Option<String> {
        match self {
            Self::Zh => crate::domain::lit_note(data),
            Self::En => {
                let all = (data.lights[2] + data.lights[3]) as usize;
                (all > data.lit.len()).then(|| {
                    format!(
                        "{all} projects are red or yellow; {} are listed, red first, furthest behind first",
                        data.lit.len()
                    )
                })
            }
        }
    }

    /// Says how many projects lag when the ranking lists only the furthest behind.
    pub fn lagging_note(self, data: &ChartData) -> Option<String> {
        match self {
            Self::Zh => crate::domain::lagging_note(data),
            Self::En => (data.lagging_total as usize > data.lagging.len()).then(|| {
                format!("{} projects lag; the {} furthest behind are listed", data.lagging_total, data.lagging.len())
            }),
        }
    }

    /// Says how many matters there are when the slide lists only the most pressing ones.
    pub fn coordination_note(self, data: &ChartData) -> Option<String> {
        match self {
            Self::Zh => crate::domain::coordination_note(data),
            Self::En => (data.coordination_total as usize > data.coordination.len()).then(|| {
                format!(
                    "{} matters in all; the {} due earliest are listed",
                    data.coordination_total,
                    data.coordination.len()
                )
            }),
        }
    }

    /// What a filter shows, in a few words (the Chinese is [`Filter::describe`]).
    pub fn describe_filter(self, filter: &Filter) -> String {
        if self == Self::Zh {
            return filter.describe();
        }
        let mut parts: Vec<String> = Vec::new();
        let place_en =
            |name: &String| PLACES.iter().find(|p| p.name == name).map_or(name.clone(), |p| p.en.to_string());
        if !filter.places.is_empty() {
            parts.push(filter.places.iter().map(place_en).collect::<Vec<_>>().join(", "));
        }
        if !filter.categories.is_empty() {
            let labels: Vec<&str> = filter
                .categories
                .iter()
                .map(|c| CATEGORIES.iter().find(|k| k.code == c).map_or(c.as_str(), |k| k.en))
                .collect();
            parts.push(labels.join(", "));
        }
        if !filter.zhuanlan.is_empty() {
            let boxes: Vec<String> = filter.zhuanlan.iter().map(|z| format!("box {z}")).collect();
            parts.push(boxes.join(", "));
        }
        if !filter.statuses.is_empty() {
            parts.push(filter.statuses.iter().map(|s| s.label_en()).collect::<Vec<_>>().join(", "));
        }
        match (filter.year_from, filter.year_to) {
            (Some(a), Some(b)) => parts.push(format!("{a}–{b}")),
            (Some(a), None) => parts.push(format!("from {a}")),
            (None, Some(b)) => parts.push(format!("until {b}")),
            (None, None) => {}
        }
        if !filter.search.trim().is_empty() {
            parts.push(format!("search “{}”", filter.search.trim()));
        }
        if filter.lagging_only {
            parts.push("lagging only".into());
        }
        if parts.is_empty() { "all projects".into() } else { parts.join(" · ") }
    }

    /// The slides' subtitle: the plan (its title as printed), the filter and the review date.
    pub fn slide_subtitle(self, plan: &str, filter: &Filter, review: Period) -> String {
        format!("{plan} · {} · {review}", self.describe_filter(filter))
    }
}

#[cfg(test)]
mod tests {
    use super::{Lang, NETWORKS_EN};

    #[test]
    fn every_kind_of_network_has_an_english_name() {
        use crate::domain::{ChartData, Gazetteer, Portfolio, Project, Status};
        // One pipe row of each kind the chart data tells apart, and one it names none of.
        let names = ["供水管网", "污水管网", "雨水管网", "燃气管网", "供热管网", "通信管线"];
        let projects: Vec<Project> =
            (1..).zip(names).map(|(id, name)| Project::sample(id, name, "钟山区", None, Status::NotStarted)).collect();
        let rows: Vec<usize> = (0..projects.len()).collect();
        let data = ChartData::build(&Portfolio::new(projects, Gazetteer::default()), &rows);
        assert_eq!(data.km_by_type.len(), NETWORKS_EN.len());
        for bar in &data.km_by_type {
            assert!(Lang::En.network(&bar.label).is_ascii(), "{}", bar.label);
        }
    }

    #[test]
    fn a_message_in_both_languages_is_shown_in_the_users() {
        // English that quotes a Chinese word is still the English half.
        let header = "找不到表头:没有一行同时写有“项目名称”。 / No header row found: no row names 项目名称.";
        assert_eq!(Lang::En.pick(header), "No header row found: no row names 项目名称.");
        // A section path is no pair of languages; nor is text in one language.
        assert_eq!(Lang::En.pick("一、市政 / （一）道路"), "一、市政 / （一）道路");
        assert_eq!(Lang::Zh.pick("Cannot read it"), "Cannot read it");
    }
}
